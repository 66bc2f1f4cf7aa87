package demo

// Sentence templates for evidence, grouped into pools by the paragraph they
// serve. They are written in a teacher's voice and never name a school,
// district or person, so the only identity leaks in the demo are the ones
// seeded on purpose (see leak.go).

// pool identifies one group of sentence templates.
type pool uint8

const (
	poolOvContext pool = iota
	poolOvTarget
	poolOvPractice
	poolOvWhy
	poolCritOpen
	poolArtIntro
	poolArtBody
	poolRefImpact
	poolRefBody
	poolRefNext
	poolRevOpen
	poolRevBody
	numPools
)

// poolTexts returns the raw templates of every pool. It builds fresh slices
// on each call so no package state is shared between generators.
func poolTexts() [numPools][]string {
	return [numPools][]string{
		poolOvContext: {
			"I teach {grade} {subject} in a {setting} school, and the class I chose for this work has {total} students.",
			"Most of my {graders} this year are {makeup}.",
			"This is my {years} year of teaching, and my {period} class is the group I chose to document here.",
			"In this class, {count} of my {total} students are multilingual learners, and several more receive support through individual plans.",
			"We meet for about {minutes} minutes a day, which leaves little time for anything that is not planned carefully.",
			"The students range widely: some work well above grade level, while others need the task read aloud to get started.",
			"I chose this class because it is the one where I most often leave a lesson unsure whether everyone learned what I intended.",
			"When I started this work we were in the middle of a unit on {topic}.",
			"The class is talkative and curious, but the same few voices tend to fill the room during discussions.",
			"Attendance has been uneven this year, so I have to plan for students who missed the previous lesson.",
			"Our team plans {subject} units together, so the task I describe here was taught in three classrooms, although the evidence comes from mine.",
			"About a third of the class joined our school this year, and many of them are still learning our routines.",
		},
		poolOvTarget: {
			"The learning target for the task was \"{target}.\"",
			"Students worked toward this target: \"{target}.\" We rewrote the success criteria together in student-friendly language.",
			"The success criteria asked students to {sc}, to {sc}, and to {sc}.",
			"I wrote the target as a statement of learning rather than an activity, so instead of \"finish the worksheet on {topic}\" it read \"{target}.\"",
			"Before the unit I broke the standard into smaller steps, and the task I chose addresses the second of those steps.",
			"I posted the target on the board and returned to it at the start and the end of every lesson in the sequence.",
			"Students kept the success criteria in their notebooks and checked off each one when they could point to it in their own work.",
			"The criterion students found hardest was to {sc}, and that became the focus of most of my feedback.",
			"To make the criteria concrete, I showed two anonymous samples from last year and asked students which one showed they could {sc}.",
		},
		poolOvPractice: {
			"Until this year, most of my checks for understanding were a thumbs-up or a quick question to the whole class.",
			"In past units I moved on when the strongest students were ready, and I found out who was lost only when I graded the unit test.",
			"Colleagues and I had talked about {title} in a planning meeting, and I wanted to see what it looks like in my own room.",
			"I have tried parts of this before, but never in a planned way with evidence I could look back on.",
			"Looking at last year's results for {topic}, I saw that {pct} percent of students missed the same kind of question.",
			"My written comments used to be short and mostly about what was wrong, and students rarely read them.",
			"I noticed that I was hearing from the same five or six students in every discussion and assuming the rest understood.",
			"Most of my planning time went into activities, and much less into deciding what evidence would tell me the activities worked.",
			"A walkthrough last spring pointed out that students could tell the visitor what they were doing but not what they were learning.",
			"I rely heavily on the textbook sequence, and I wanted to make more of my own decisions based on what my students show me.",
			"Our grading policy emphasizes completion, so students are used to turning work in rather than improving it.",
			"When I looked honestly at my lessons, most of the thinking was done by me and a handful of confident students.",
			"I tend to plan the first and last ten minutes of a lesson carefully and improvise the middle, which is where students lose track.",
			"Students in this class often ask whether something counts for a grade before deciding how much effort to give it.",
			"I have used exit tickets for years, but I rarely changed the next lesson based on them.",
			"Last year I tried a similar approach for one week, dropped it when we fell behind the pacing guide, and regretted it.",
			"Our department has started looking at student work together once a month, which showed me how differently we each judge the same piece.",
		},
		poolOvWhy: {
			"I chose to focus on {title} because it addresses the gap I see most often in my {graders}.",
			"What I hope to learn is whether a more deliberate routine changes who participates and how much they understand.",
			"My goal is for students to rely less on me and more on the criteria and on each other.",
			"This credential felt like a way to slow down and look closely at one part of my practice instead of trying to fix everything at once.",
			"I expect this to be uncomfortable at first, because it means giving up some control over the pace of the lesson.",
			"If this works, I want to share the routine with my grade-level team next semester.",
			"I also want evidence I can show families, so they can see growth and not only a grade.",
			"My hunch is that the students who struggle most are the ones who benefit most from clarity about what success looks like.",
		},
		poolCritOpen: {
			"The part of this work that connects most closely to {crit} is how I planned the lesson on {topic}.",
			"For {crit}, I want to point to what happened during the second week of the unit.",
			"I paid particular attention to {crit} while planning this task.",
			"When I think about {crit}, the clearest example from this unit is a conversation with {student}.",
			"My evidence for {crit} comes mainly from the {artifact} included with this submission.",
			"{Crit} was the area where I had to change my plan the most.",
			"I organized this section around {crit}, because it is the part of the rubric I found hardest.",
			"Here is how I approached {crit} with my {graders}.",
			"{Crit} is where I saw the biggest difference between my intentions and what actually happened.",
			"To show {crit}, I have included notes from two lessons rather than one.",
		},
		poolArtIntro: {
			"The artifacts for this part are my lesson plan, three annotated work samples, and my notes from the lesson.",
			"I taught the lesson on {topic} over {days} class periods and kept everything students produced.",
			"Artifact 1 is my lesson plan, with the points where I planned to check for understanding highlighted.",
			"I have removed all student names from the artifacts and refer to the students as A, B and C.",
			"The samples come from three students at different levels so that the range of responses is visible.",
			"Each artifact has a short note at the top explaining why I included it and what it shows.",
			"The {artifact} were collected during a single week so that they show one continuous sequence.",
			"I chose {topic} for this submission because it is a unit students usually find difficult.",
		},
		poolArtBody: {
			"The {artifact} show the exact prompts I used and where students recorded their thinking.",
			"{student} started with a partial answer, and after a two-minute conference the revision included a second piece of evidence.",
			"On the first check, {count} of {total} students met the success criteria; by the end of the week it was {countUp} of {total}.",
			"I annotated each sample to show what I noticed and what I decided to do next.",
			"{student} wrote, \"{quote}\"",
			"The margin notes show where I changed my questions based on what students said.",
			"Students used the checklist to mark which criteria they had met before handing in their work.",
			"I sorted the exit tickets into three piles, got it, almost, and not yet, and planned the next day's groups from the piles.",
			"For {student}, the next step was to {sc}, and the second draft shows that change clearly.",
			"The transcript of the small-group discussion shows how students explained their reasoning to each other.",
			"I recorded responses on a class list so that I could see who I had not heard from yet.",
			"Even though it was optional, {count2} students chose to revise a second time.",
			"When {student} was asked what the criteria meant, the answer was, \"{quote}\"",
			"The lesson plan includes a short pause after the first task, which is where I decided whether to move on or reteach.",
			"I kept the task short so that students had time to act on what they learned from it in the same lesson.",
			"About {pct} percent of the class used the sentence frames during partner talk, which I tracked on a tally sheet.",
			"Artifact 2 is a set of {artifact} from the same task, with my comments in the margin.",
			"I photographed the board at the end of each lesson so the record shows what students contributed, not only what I planned.",
			"The data tracker shows each student's result on the three checks, and the column on the right shows what I did in response.",
			"Two of the samples show students who met the criteria on the first try, and one shows a student who needed a second attempt.",
			"I included my planning notes, with the questions I crossed out after the first class because they only asked for recall.",
			"In the transcript, I have marked my own moves in bold so that the pattern of questions and responses is easy to follow.",
			"The rubric students used is attached, along with two anchor examples we discussed before they started.",
			"Halfway through the lesson I stopped the class because {count} students had the same misconception, and the notes show the mini-lesson that followed.",
			"For {student}, I changed the task by offering a sentence starter, and the work shows the difference it made.",
		},
		poolRefImpact: {
			"Comparing the first and second drafts, the biggest change was in how students explained their reasoning.",
			"At the start only {count} of {total} students met the target; on the final check it was {countUp}.",
			"What surprised me most was how quickly the quieter students began to participate once the routine was clear.",
			"The evidence shows real growth for most students, but not for everyone.",
			"Looking at the work samples side by side, I can see exactly where each student used the feedback and where they ignored it.",
			"This work changed how I think about {topic} and about what counts as evidence that students have learned it.",
			"Before this unit I would have said my students understood; now I can say which ones do and how I know.",
			"The routine took longer than I planned in the first week, but by the third week students ran it almost on their own.",
			"Overall, the evidence tells a more mixed story than I expected.",
			"The clearest result is that more students could explain what they were learning and why.",
			"I started this work believing my students needed more practice; the evidence suggests they needed clearer targets.",
			"Across the {weeks} weeks of this work, the change in who participated mattered as much as the change in scores.",
		},
		poolRefBody: {
			"{student} told me, \"{quote}\"",
			"The least effective move was the whole-class review, because the students who needed it most did not speak.",
			"I underestimated how much time students need to act on what they learn from a check.",
			"About {pct} percent of the class now uses the criteria without being reminded.",
			"The data changed my plan for the following week: I regrouped students and retaught the step most of them missed.",
			"Looking back, I should have collected evidence from every student, not only the ones who volunteered.",
			"{student} improved the most, moving from restating the task to explaining each step with evidence.",
			"By the end, {count2} students still had not met the criteria, and for most of them the difficulty was to {sc}.",
			"The most effective feedback was short and named one thing to do next.",
			"When students explained the criteria to a partner, their own work improved more than when I explained them.",
			"Some students treated the check as a test and hid what they did not know, so I need to make it feel safer.",
			"I learned that my questions were often answerable with one word, which told me very little about understanding.",
			"Student surveys at the end of the unit showed that {count} of {total} felt more confident about {topic}.",
			"My notes show that I reached every student at least twice during the week, which I had never tracked before.",
			"The pattern in the data was clear: students who used the checklist met more criteria than students who skipped it.",
			"I was wrong about which students would struggle; two of my strongest readers had the most trouble explaining their reasoning.",
			"Even so, {count2} students did not finish the revision in time, which tells me the routine needs a clearer deadline.",
			"Students' comments in the exit survey were mostly positive, but several said the pace felt rushed.",
			"The biggest difference was in the middle of the class: students who usually coast began to ask specific questions.",
			"{student} needed more support than the routine provided, and I ended up conferencing one-on-one three times.",
			"My colleagues who taught the same unit saw similar gains, which makes me more confident the change came from the routine.",
			"I noticed that my own language changed: I now ask students what the evidence shows instead of telling them.",
			"This year {pct} percent of students met the target on the unit assessment, a clear improvement on last year.",
			"The work samples show that feedback tied to a single criterion was used far more often than feedback that covered everything at once.",
		},
		poolRefNext: {
			"Next time I will build the check into the middle of the lesson instead of leaving it for the end.",
			"I also want to involve students in looking at the evidence, not only me.",
			"My next step is to try the same routine with my {period} class and compare the results.",
			"I plan to keep the success criteria visible for the whole unit rather than only for the task.",
			"In the next unit I will give students time in class to act on feedback before anything is graded.",
			"I want to plan my questions in advance and write down the answers I expect, including likely misconceptions.",
			"I will share what I learned with my team, especially the tally sheet, which was simple but useful.",
			"Going forward, I will look at the evidence from the students I heard from least before planning the next lesson.",
			"I am also going to ask students, at the end of each week, which part of the routine helped them most.",
			"The change I am most committed to is giving fewer comments, each tied to a criterion and a next step.",
			"Before the next unit, I will rewrite my success criteria with students so that the language is theirs.",
			"I want to find a faster way to record evidence during the lesson, because my notes were incomplete on busy days.",
			"For the students who did not meet the target, I am planning a small-group session next week built on their specific errors.",
		},
		poolRevOpen: {
			"I added this section to show {crit} more clearly.",
			"In my first submission I described {crit} only in general terms, so here is a specific example from the unit.",
			"After re-reading the rubric for {crit}, I went back to my notes and to the student work.",
			"This paragraph is new, and it responds directly to the feedback on {crit}.",
			"To address {crit}, I collected additional evidence during the following two weeks.",
			"I rewrote this part so that {crit} is tied to specific student work rather than my general impressions.",
			"The feedback on {crit} was fair, so I went back to the unit and looked for stronger evidence.",
			"This is a revised paragraph on {crit}, with student work that I did not include the first time.",
			"For {crit}, I replaced my general summary with what happened for three specific students.",
			"Following the reviewer's comments on {crit}, I have added the missing evidence below.",
		},
		poolRevBody: {
			"I have now included the second draft for each student, so the change is visible side by side.",
			"The new table lists each student, the criterion they worked on, and what changed in their revision.",
			"I also rewrote the explanation of why I chose each next step.",
			"This time I tied each piece of evidence to a specific success criterion.",
			"Before I changed my approach, {count} of {total} students met the criterion; on the follow-up check it was {countUp}.",
			"{student} explained the change by saying, \"{quote}\"",
			"I realized that I had described what I did without showing what students did in response, so the evidence now comes first.",
			"The revised plan names the decision I made after each check and the evidence that led to it.",
			"I added the students' own words, because they show the change better than my summary did.",
			"{student} is the clearest example: the first draft restated the task, while the revision explains each step.",
			"I have also attached the revised work samples, labeled to match the paragraphs here.",
			"The second round of evidence was collected {weeks} weeks after the first, so it also shows whether the change lasted.",
			"Looking at the work again, I could see that my original description overstated how many students met the criterion.",
			"I now explain the decision I made next and why the evidence pointed to it.",
		},
	}
}

// topic is what the class was learning when the teacher did the work.
type topic struct {
	subject  string
	lo, hi   int // grade band
	name     string
	target   string
	artifact string // what the student work looks like, plural
}

var topics = [...]topic{
	{"math", 3, 5, "equivalent fractions", "I can explain why two fractions are equivalent using a model", "fraction strip drawings"},
	{"math", 2, 4, "place value", "I can use place value to compare three-digit numbers", "number line sketches"},
	{"math", 6, 7, "ratios and rates", "I can use a ratio table to solve a real-world problem", "ratio tables"},
	{"math", 7, 8, "linear equations", "I can solve a two-step equation and check my solution", "worked solutions"},
	{"algebra", 9, 10, "systems of equations", "I can choose an efficient method to solve a system of equations and justify it", "problem sets"},
	{"geometry", 9, 10, "similar triangles", "I can show that two triangles are similar and explain my reasoning", "proof drafts"},
	{"science", 3, 5, "the water cycle", "I can describe how water moves between the land, the air, and the ocean", "labeled diagrams"},
	{"science", 6, 8, "energy in ecosystems", "I can explain how energy moves through a food web using evidence", "food web models"},
	{"biology", 9, 10, "cell transport", "I can explain how materials move across a cell membrane", "lab reports"},
	{"chemistry", 10, 12, "reaction rates", "I can design an investigation to test what changes a reaction rate", "investigation plans"},
	{"physics", 11, 12, "forces and motion", "I can use free-body diagrams to predict how an object will move", "free-body diagrams"},
	{"English language arts", 3, 5, "opinion writing", "I can support my opinion with reasons and details from the text", "opinion paragraphs"},
	{"English language arts", 6, 8, "argument writing", "I can support a claim with relevant evidence and explain how it connects", "argument drafts"},
	{"English", 9, 12, "literary analysis", "I can analyze how an author develops a theme across a text", "analytical essays"},
	{"reading", 2, 3, "character traits", "I can describe a character using evidence from the story", "reading response journals"},
	{"social studies", 4, 5, "regions and resources", "I can explain how a region's resources shaped the way people lived there", "annotated maps"},
	{"social studies", 6, 8, "primary sources", "I can use a primary source to support a claim about the past", "source analysis sheets"},
	{"US history", 10, 11, "the Progressive Era", "I can evaluate how reformers used evidence to push for change", "document-based responses"},
	{"world history", 9, 10, "trade networks", "I can explain how trade routes spread goods and ideas", "cause-and-effect charts"},
	{"Spanish", 9, 12, "daily routines", "I can describe my daily routine using reflexive verbs", "written dialogues"},
	{"health", 6, 8, "decision-making", "I can use a decision-making model to weigh choices and consequences", "scenario responses"},
	{"visual art", 6, 8, "color theory", "I can use a color scheme on purpose and explain my choice", "artist statements"},
	{"computer science", 9, 12, "loops and conditionals", "I can trace a program with loops and predict its output", "code traces"},
	{"music", 4, 6, "rhythm and meter", "I can read and perform rhythms in 3/4 and 4/4 time", "rhythm compositions"},
	{"science", 2, 3, "plant life cycles", "I can describe the stages of a plant's life cycle using my observations", "observation journals"},
}

var successCriteria = [...]string{
	"use evidence from the text or data", "show each step of their thinking",
	"explain why their answer makes sense", "use precise vocabulary",
	"check their work against the model", "connect their answer back to the question",
	"label their diagram clearly", "name the strategy they chose",
	"revise one part using feedback", "give a reason for each claim",
}

var quotes = [...]string{
	"I didn't know what 'meets' looked like until we looked at the examples together.",
	"When you asked me what I would change, I realized my answer was missing a step.",
	"I like that I can fix it before it counts.",
	"I thought I understood it, but the exit ticket showed me I didn't.",
	"The checklist helped me see what I forgot.",
	"Can we do the partner talk again? It helped me figure out what to say.",
	"I used to just copy the answer from the board.",
	"Now I know what I'm supposed to be learning, not just what I'm supposed to do.",
	"It was easier to say it to my partner first.",
	"I changed my second paragraph because it didn't have any evidence.",
	"I wasn't sure, so I held up the yellow card.",
	"My grandma helped me think of an example from home.",
	"I liked that my idea actually changed what we did.",
	"I can explain it now, not just get the answer.",
	"The feedback told me exactly what to fix.",
	"At first I didn't want to share, but everybody had to, so it was okay.",
	"I looked at the success criteria before I turned it in.",
	"Can I try it again now that I know what was wrong?",
	"I didn't get why we were doing this until you showed us the target.",
	"My second try was better because I added my reasoning.",
	"It helps when you tell me one thing to work on instead of everything.",
	"I noticed my partner did it a different way, and both ways worked.",
}

var gradeWords = [...]string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}

var settings = [...]string{"rural", "suburban", "small urban", "large urban", "K-8", "public charter", "small rural", "Title I"}

var yearWords = [...]string{"second", "third", "fourth", "sixth", "eighth", "tenth", "twelfth", "fifteenth", "twentieth"}

var periods = [...]string{"first-period", "second-period", "third-period", "fourth-period", "afternoon", "morning", "sixth-period"}

var makeups = [...]string{
	"curious and talkative, and quick to say when something seems unfair",
	"quiet at first but eager once they trust the routine",
	"confident with procedures but hesitant to explain their thinking",
	"enthusiastic about hands-on work and less patient with writing",
	"kind to each other, and many of them are reluctant to take risks in front of peers",
	"new to the idea that a first draft is supposed to change",
}

// artifactFiles are names a candidate might attach to the artifacts part.
var artifactFiles = [...]string{
	"lesson-plan.pdf", "student-work-samples.pdf", "success-criteria.docx",
	"exit-tickets.jpg", "annotated-samples.pdf", "question-plan.docx",
	"discussion-transcript.txt", "anchor-chart.jpg", "data-tracker.xlsx",
	"student-survey-results.pdf",
}
