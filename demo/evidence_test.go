package demo

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"assessor/review"
)

func TestTemplatesParse(t *testing.T) {
	for p, ss := range poolTexts() {
		if len(ss) < 6 || len(ss) > 32 {
			t.Errorf("pool %d has %d templates; want 6–32 (pickFresh uses a 32-bit mask)", p, len(ss))
		}
		for _, s := range ss {
			tp := parse(s) // panics on an unknown slot
			if tp.segs[0].lit == "" && tp.segs[0].slot != slotStudent && tp.segs[0].slot != slotCritCap {
				t.Errorf("template starts with a slot that is not a name: %q", s)
			}
			if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "\"") {
				t.Errorf("template does not end a sentence: %q", s)
			}
		}
	}
	for _, ss := range [][]string{gaps[:], suggestions[:]} {
		parseAll(ss)
	}
}

func TestWordCounts(t *testing.T) {
	rs := testRubrics()
	byID := rubricByID(rs)
	ids, apps := byApp(Records(rs, Options{Seed: 1, Applications: 2000, Now: testNow}))
	limited, over := 0, 0
	for _, id := range ids {
		for _, s := range apps[id].subs {
			r := byID[s.Credential]
			for _, p := range s.Parts {
				n := review.WordCount(p.Text)
				limit := r.PartLimit(p.Title)
				if limit > 0 {
					limited++
				}
				paras := strings.Count(p.Text, "\n\n") + 1
				if paras < 3 || paras > 8 {
					t.Errorf("%s#%d %s: %d paragraphs", id, s.Attempt, p.Title, paras)
				}
				if limit > 0 && n > limit {
					over++
					if n > limit+45 {
						t.Errorf("%s#%d %s: %d words, limit %d: more than slightly over", id, s.Attempt, p.Title, n, limit)
					}
					continue
				}
				// A resubmission may bring a part that ran over back under
				// its limit, which can be above maxPartWords.
				hi := maxPartWords
				if s.Attempt > 1 {
					hi = max(hi, limit)
				}
				if n < minPartWords || n > hi {
					t.Errorf("%s#%d %s: %d words, want %d–%d", id, s.Attempt, p.Title, n, minPartWords, hi)
				}
			}
		}
	}
	if f := float64(over) / float64(limited); f < 0.02 || f > 0.09 {
		t.Errorf("%.3f of word-limited parts are over the limit, want about 0.05", f)
	}
}

// TestRevisions: attempt n is attempt n-1 with one or two paragraphs added
// or rewritten (plus, rarely, a seeded leak), and a note saying so.
func TestRevisions(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 1000))
	revisions := 0
	for _, id := range ids {
		subs := apps[id].subs
		for i := 1; i < len(subs); i++ {
			prev, cur := subs[i-1], subs[i]
			if want := "What I changed since attempt " + strconv.Itoa(i) + ": "; !strings.HasPrefix(cur.Note, want) {
				t.Errorf("%s#%d note %q, want prefix %q", id, cur.Attempt, cur.Note, want)
			}
			old := map[string]bool{}
			for _, p := range prev.Parts {
				for _, para := range strings.Split(p.Text, "\n\n") {
					old[para] = true
				}
			}
			changed := 0
			for _, p := range cur.Parts {
				for _, para := range strings.Split(p.Text, "\n\n") {
					if !old[para] {
						changed++
					}
				}
			}
			if changed < 1 || changed > 3 {
				t.Errorf("%s#%d: %d new or changed paragraphs", id, cur.Attempt, changed)
			}
			revisions++
		}
	}
	if revisions < 200 {
		t.Errorf("only %d resubmissions in 1000 applications", revisions)
	}
}

func TestEvidenceDiffers(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 1000))
	seen := map[string]string{}
	for _, id := range ids {
		for _, p := range apps[id].subs[0].Parts {
			if other, ok := seen[p.Text]; ok {
				t.Fatalf("%s and %s have identical %s", id, other, p.Title)
			}
			seen[p.Text] = id
		}
	}
}

var (
	phonePattern = regexp.MustCompile(`\(\d{3}\) \d{3}-\d{4}`)
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._-]+@[A-Za-z0-9.-]+`)
)

// TestIdentityLeaks: about 3% of submissions mention the candidate's name,
// an e-mail or a phone number; the rest carry no identity at all, not even
// a first name, last name or district from the lists.
func TestIdentityLeaks(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 3000))
	words := map[string]bool{}
	for _, n := range firstNames {
		words[n] = true
	}
	for _, n := range lastNames {
		words[n] = true
	}
	subs, leaks := 0, 0
	var kinds [3]int
	for _, id := range ids {
		c := apps[id].subs[0].Candidate
		for _, s := range apps[id].subs {
			subs++
			text := fullText(s)
			hasName, hasEmail, hasPhone := strings.Contains(text, c.Name), emailPattern.MatchString(text), phonePattern.MatchString(text)
			if hasName || hasEmail || hasPhone {
				leaks++
				if hasName {
					kinds[0]++
				}
				if hasEmail {
					kinds[1]++
					if !strings.Contains(text, c.Email) {
						t.Errorf("%s#%d: leaked e-mail is not the candidate's", id, s.Attempt)
					}
				}
				if hasPhone {
					kinds[2]++
				}
				continue
			}
			for _, d := range districts {
				if strings.Contains(text, d.name) {
					t.Errorf("%s#%d names district %s", id, s.Attempt, d.name)
				}
			}
			for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) {
				if words[w] {
					t.Errorf("%s#%d: clean evidence contains the name %q", id, s.Attempt, w)
				}
			}
		}
	}
	if f := float64(leaks) / float64(subs); f < 0.015 || f > 0.06 {
		t.Errorf("%.3f of submissions leak identity, want about 0.03", f)
	}
	for k, n := range kinds {
		if n == 0 {
			t.Errorf("no leak of kind %d (name, email, phone)", k)
		}
	}
}

func TestPartFiles(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 2000))
	with, without := 0, 0
	for _, id := range ids {
		for _, s := range apps[id].subs {
			for _, p := range s.Parts {
				if len(p.Files) > 0 && review.PartNumber(p.Title) != 2 {
					t.Errorf("%s#%d: files on %s", id, s.Attempt, p.Title)
				}
				seen := map[string]bool{}
				for _, f := range p.Files {
					if seen[f] {
						t.Errorf("%s#%d: file %s listed twice", id, s.Attempt, f)
					}
					seen[f] = true
				}
				if review.PartNumber(p.Title) == 2 {
					if len(p.Files) > 0 {
						with++
					} else {
						without++
					}
				}
			}
		}
	}
	if with == 0 || without == 0 {
		t.Errorf("artifacts with files %d, without %d; want both", with, without)
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"Use of evidence": "use of evidence", "ELL supports": "ELL supports", "": "", "already": "already",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
