package store

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"assessor/review"
	"assessor/rubrics"
)

// t0 is the fake clock's start: after every submission in the fixtures.
var t0 = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// fakeClock is a settable clock safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is an open store in a temp dir with a fake clock and the test
// rubrics added.
type fixture struct {
	*Store
	t     testing.TB
	clock *fakeClock
	path  string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &fakeClock{t: t0}, path: filepath.Join(t.TempDir(), "data", "assessor.db")}
	f.reopen()
	for _, r := range []review.Rubric{testRubric("descriptive-feedback", 1, 3), testRubric("classroom-discourse", 1, 2)} {
		if _, err := f.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// reopen opens the fixture's file, closing the current store if any.
func (f *fixture) reopen() {
	f.t.Helper()
	if f.Store != nil {
		if err := f.Close(); err != nil {
			f.t.Fatal(err)
		}
	}
	s, err := Open(f.path, f.options())
	if err != nil {
		f.t.Fatal(err)
	}
	f.Store = s
	f.t.Cleanup(func() { s.Close() })
}

// upgradeFrom writes, with write, what an older release stored, marks the
// store as of that release's schema, and opens it again: the upgrade runs.
func (f *fixture) upgradeFrom(schema int, write func(tx *txn) error) {
	f.t.Helper()
	if err := f.update(func(tx *txn) error {
		if err := write(tx); err != nil {
			return err
		}
		return setSchema(tx, schema)
	}); err != nil {
		f.t.Fatal(err)
	}
	f.reopen()
}

// options are the fixture's: its fake clock stands where each test puts
// it, and the histories tests replay run past it, so imports may hold
// future times (TestImportRefusesFutureTimes turns the check back on).
func (f *fixture) options() Options {
	return Options{Timeout: 100 * time.Millisecond, Now: f.clock.Now, Rand: rand.NewChaCha8([32]byte{7}), CreateDir: true, AllowFutureImports: true}
}

// testRubric builds a rubric with criteria C1..Cn and the default levels.
// bundledRubrics is the rubrics built into the binary, as gen and demo use.
func bundledRubrics(tb testing.TB) []review.Rubric {
	tb.Helper()
	rs, err := rubrics.Bundled()
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

func testRubric(id string, version, n int) review.Rubric {
	r := review.Rubric{ID: id, Title: strings.ToUpper(id[:1]) + id[1:], Stack: "Assessment Literacy", Version: version, Levels: []string{"not-yet", "meets"}}
	r.Parts = []review.Part{{Number: 1, Title: "Part 1: Overview questions", MaxWords: 500}}
	for i := 1; i <= n; i++ {
		c := "C" + string(rune('0'+i))
		r.Criteria = append(r.Criteria, review.Criterion{ID: c, Name: "Criterion " + c, Part: 1, Description: "Describes " + c})
	}
	r.Markdown = "# " + r.Title
	return r
}

// line is one import line under construction.
type line map[string]any

func submission(app, cred string, n int, submitted string) line {
	return line{
		"type": "submission", "application": app, "credential": cred, "attempt": n, "submitted_at": submitted,
		"candidate": map[string]string{"name": "Dana Ruiz", "email": "dana@example.org", "district": "Hilo", "state": "HI"},
		"parts":     []map[string]any{{"title": "Part 1: Overview questions", "text": "My students set goals each week.", "files": []string{"plan.pdf"}}},
	}
}

func decision(app string, n int, reviewer, decided string, levels ...string) line {
	l := line{"type": "decision", "application": app, "attempt": n, "reviewer": reviewer, "decided_at": decided, "outcome": "pass"}
	lv, fb := map[string]string{}, map[string]string{}
	for i, level := range levels {
		c := "C" + string(rune('1'+i))
		lv[c] = level
		if level != "meets" {
			l["outcome"] = "resubmit"
			fb[c] = "Name the learning target in your feedback to students and show how they used it."
		}
	}
	l["levels"], l["feedback"] = lv, fb
	return l
}

// with returns a copy of l with key set to v, or removed when v is nil.
func (l line) with(key string, v any) line {
	out := line{}
	for k, x := range l {
		out[k] = x
	}
	if v == nil {
		delete(out, key)
	} else {
		out[key] = v
	}
	return out
}

// records parses lines as the import command would, numbering from 1.
func records(t testing.TB, lines ...line) []review.Record {
	t.Helper()
	var recs []review.Record
	for i, l := range lines {
		data, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := review.ParseLine(i+1, data)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		recs = append(recs, rec)
	}
	return recs
}

// mustImport imports lines and fails the test on error.
func (f *fixture) mustImport(lines ...line) ImportStats {
	f.t.Helper()
	st, err := f.Import("test.jsonl", records(f.t, lines...))
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

func (f *fixture) counts() Counts {
	f.t.Helper()
	c, err := f.Counts()
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func key(app string, n int) review.AttemptKey { return review.AttemptKey{Application: app, Attempt: n} }

// allMeets and oneNotYet are level sets for the three-criterion rubric.
var (
	allMeets  = map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
	oneNotYet = map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"}
)

// passing scores every criterion of r at the passing level.
func passing(r review.Rubric) map[string]string {
	levels := map[string]string{}
	for _, c := range r.Criteria {
		levels[c.ID] = r.PassingLevel()
	}
	return levels
}

// claimWithDraft claims k for reviewer and saves a draft scoring C1 meets,
// failing the test on error.
func (f *fixture) claimWithDraft(reviewer string, k review.AttemptKey) {
	f.t.Helper()
	if _, err := f.Claim(reviewer, k); err != nil {
		f.t.Fatal(err)
	}
	if err := f.SaveDraft(reviewer, k, review.Draft{Levels: map[string]string{"C1": "meets"}}); err != nil {
		f.t.Fatal(err)
	}
}

// written is what a refused change must leave alone, as one comparable
// string: the counts, the queue as the dashboard sees it, the audit log, and
// for each key its decision of record and history.
func (f *fixture) written(keys ...review.AttemptKey) string {
	f.t.Helper()
	q, err := f.Queue("", "", 0)
	if err != nil {
		f.t.Fatal(err)
	}
	audit, err := f.Audit()
	if err != nil {
		f.t.Fatal(err)
	}
	out := []any{f.counts(), q, audit}
	for _, k := range keys {
		d, ok, err := f.Decision(k)
		if err != nil {
			f.t.Fatal(err)
		}
		h, err := f.History(k)
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, k, ok, d, h)
	}
	b, err := json.Marshal(out)
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// unchanged fails the test if what written(keys...) saw differs from
// before, naming the refused change.
func (f *fixture) unchanged(what, before string, keys ...review.AttemptKey) {
	f.t.Helper()
	if after := f.written(keys...); after != before {
		f.t.Errorf("%s wrote to the store:\nbefore %s\nafter  %s", what, before, after)
	}
}
