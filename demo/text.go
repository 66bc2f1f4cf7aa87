package demo

import (
	"math/rand/v2"
	"strconv"
)

// ctx is what one application's evidence is written about: the teacher's
// class, subject and topic stay the same across its attempts, so a
// resubmission reads as the same teacher revising the same work.
type ctx struct {
	rng   *rand.Rand
	plan  *rubricPlan
	pools *[numPools][]tmpl

	topic   *topic
	grade   int
	total   int // class size
	minutes int
	setting string
	years   string
	period  string
	makeup  string

	crit      int    // criterion the current paragraph addresses, -1 for none
	partTitle string // part being written
	lastCount int    // the last {count}, so {countUp} can exceed it
	student   int    // Student A, B, C, D: the next paragraph's is the next letter
	used      [numPools]uint32
	quotes    uint32
	once      uint32 // onceSlots already written in this application
}

// onceSlots are details a teacher states once (the target, the school
// setting, the credential's title): a second template quoting them would
// read as copy and paste.
const onceSlots = 1<<slotTarget | 1<<slotTitle | 1<<slotSetting | 1<<slotMakeup | 1<<slotYears

// reset starts a new application: a new teacher and class.
func (c *ctx) reset(rng *rand.Rand, plan *rubricPlan) {
	*c = ctx{rng: rng, plan: plan, pools: c.pools, crit: -1}
	c.topic = &topics[rng.IntN(len(topics))]
	c.grade = c.topic.lo + rng.IntN(c.topic.hi-c.topic.lo+1)
	c.total = 16 + rng.IntN(17)
	c.minutes = 40 + 5*rng.IntN(11)
	c.setting = settings[rng.IntN(len(settings))]
	c.years = yearWords[rng.IntN(len(yearWords))]
	c.period = periods[rng.IntN(len(periods))]
	c.makeup = makeups[rng.IntN(len(makeups))]
	c.student = rng.IntN(4)
}

// sentence appends one sentence from pool p and returns its word count.
func (c *ctx) sentence(b []byte, p pool) ([]byte, int) {
	ts := c.pools[p]
	t := ts[pickFresh(c.rng, len(ts), &c.used[p])]
	for tries := 0; t.uses&onceSlots&c.once != 0 && tries < 6; tries++ {
		t = ts[pickFresh(c.rng, len(ts), &c.used[p])]
	}
	c.once |= t.uses & onceSlots
	start := len(b)
	b = c.expand(b, t)
	return b, countWords(b[start:])
}

// expand appends template t with its slots filled. It appends bytes and
// integers directly because this is the generator's inner loop.
func (c *ctx) expand(b []byte, t tmpl) []byte {
	var sc uint32 // success criteria used in this sentence, to keep them distinct
	for _, s := range t.segs {
		b = append(b, s.lit...)
		switch s.slot {
		case slotNone:
		case slotGrade:
			b = append(b, gradeWords[c.grade]...)
			b = append(b, "-grade"...)
		case slotGraders:
			b = append(b, gradeWords[c.grade]...)
			b = append(b, " graders"...)
		case slotSubject:
			b = append(b, c.topic.subject...)
		case slotTopic:
			b = append(b, c.topic.name...)
		case slotTarget:
			b = append(b, c.topic.target...)
		case slotArtifact:
			b = append(b, c.topic.artifact...)
		case slotTotal:
			b = strconv.AppendInt(b, int64(c.total), 10)
		case slotCount:
			c.lastCount = 3 + c.rng.IntN(c.total*2/3-2)
			b = strconv.AppendInt(b, int64(c.lastCount), 10)
		case slotCountUp:
			up := c.lastCount + 1 + c.rng.IntN(c.total-c.lastCount)
			b = strconv.AppendInt(b, int64(min(up, c.total)), 10)
		case slotCount2:
			b = strconv.AppendInt(b, int64(2+c.rng.IntN(c.total/3-1)), 10)
		case slotPct:
			b = strconv.AppendInt(b, int64(40+c.rng.IntN(51)), 10)
		case slotWeeks:
			b = strconv.AppendInt(b, int64(2+c.rng.IntN(5)), 10)
		case slotDays:
			b = strconv.AppendInt(b, int64(2+c.rng.IntN(4)), 10)
		case slotMinutes:
			b = strconv.AppendInt(b, int64(c.minutes), 10)
		case slotStudent:
			b = append(b, "Student "...)
			b = append(b, byte('A'+c.student))
		case slotQuote:
			b = append(b, quotes[pickFresh(c.rng, len(quotes), &c.quotes)]...)
		case slotCrit:
			b = append(b, c.plan.crits[c.crit].lower...)
		case slotCritCap:
			b = append(b, c.plan.crits[c.crit].name...)
		case slotTitle:
			b = append(b, c.plan.title...)
		case slotSC:
			b = append(b, successCriteria[pickFresh(c.rng, len(successCriteria), &sc)]...)
		case slotSetting:
			b = append(b, c.setting...)
		case slotYears:
			b = append(b, c.years...)
		case slotPeriod:
			b = append(b, c.period...)
		case slotMakeup:
			b = append(b, c.makeup...)
		case slotPart:
			b = append(b, c.partTitle...)
		}
	}
	return b
}

// role says which pools a paragraph draws its first and later sentences from.
type role struct{ first, body pool }

// paragraph appends sentences until the paragraph has at least minW words,
// never going over maxW except with its first sentence. It returns the
// paragraph's word count.
func (c *ctx) paragraph(b []byte, r role, crit, minW, maxW int) ([]byte, int) {
	c.crit = crit
	// One student per paragraph, so "a conversation with Student C" is
	// followed by what Student C said.
	c.student = (c.student + 1) % 4
	b, n := c.sentence(b, r.first)
	for tries := 0; n < minW && tries < 8; {
		mark := len(b)
		b = append(b, ' ')
		var w int
		b, w = c.sentence(b, r.body)
		if n+w > maxW {
			b = b[:mark]
			tries++
			continue
		}
		n += w
	}
	c.crit = -1
	return b, n
}
