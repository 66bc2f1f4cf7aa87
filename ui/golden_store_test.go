package ui_test

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"assessor/demo"
	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
)

// Who uses the golden stores. The reviewer decided nothing in the demo
// history, so every pending attempt is open to them.
const (
	goldenReviewer = "rev-golden"
	goldenLead     = "lead-golden"
)

// goldenApplications is the size of the demo history: enough pending
// attempts (50) to fill the queue at 160×48, few enough to build in a
// moment.
const goldenApplications = 200

// demoData is a store holding the demo history, with what the tests need
// to find their way in it and to check that no identity leaks.
type demoData struct {
	st      *store.Store
	rubrics map[string]review.Rubric // latest version by id
	// identities are the application ids and the candidates' names and
	// emails: a reviewer's screen must show none of them.
	identities []string
	// decided are the attempts the demo history decided, in its order.
	decided []review.AttemptKey
}

// demoStore builds a fresh store in t.TempDir: the bundled rubrics, the
// demo history (seed 1, ending at goldenNow) with its evidence files, and
// the golden reviewer and lead. The store's clock is goldenNow and its
// pseudonyms come from a seeded source, so two builds are byte for byte the
// same program.
func demoStore(t *testing.T) *demoData {
	t.Helper()
	return demoStoreWith(t, nil)
}

// demoStoreWith is demoStore with edit run on the store and the demo
// records just before the import (the flag screen's goldens add leaks).
func demoStoreWith(t *testing.T, edit func(st *store.Store, recs []review.Record)) *demoData {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "golden.db"), store.Options{
		Now:  goldenNow,
		Rand: rand.NewChaCha8([32]byte{1}),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	d := &demoData{st: st, rubrics: map[string]review.Rubric{}}
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			t.Fatal(err)
		}
		d.rubrics[r.ID] = r
	}
	recs := demo.Records(rs, demo.Options{Seed: 1, Applications: goldenApplications, Now: goldenNow()})
	recs, files := demo.Attachments(recs)
	source := func(rec review.Record) store.FileSource {
		if f, ok := files[rec.Submission]; ok {
			return store.Files(f)
		}
		return nil
	}
	if edit != nil {
		edit(st, recs)
	}
	if _, err := st.ImportWithFiles("demo", recs, source); err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if dec := rec.Decision; dec != nil {
			d.decided = append(d.decided, review.AttemptKey{Application: dec.Application, Attempt: dec.Attempt})
		}
		if s := rec.Submission; s != nil {
			d.identities = append(d.identities, s.Application)
			if s.Candidate != nil {
				d.identities = append(d.identities, s.Candidate.Name, s.Candidate.Email)
			}
		}
	}
	for _, r := range []review.Reviewer{{ID: goldenReviewer}, {ID: goldenLead, Role: review.RoleLead}} {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// queue is the golden reviewer's live queue, oldest first, as the queue
// screen lists it.
func (d *demoData) queue(t *testing.T) []review.QueueItem {
	t.Helper()
	q, err := d.st.Queue(goldenReviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// pick returns the row of the first queue item that ok accepts, with the
// item; the row is how many times to press down from the top.
func (d *demoData) pick(t *testing.T, ok func(review.QueueItem) bool) (int, review.QueueItem) {
	t.Helper()
	for i, it := range d.queue(t) {
		if ok(it) {
			return i, it
		}
	}
	t.Fatal("no queue item fits")
	return 0, review.QueueItem{}
}

// fileNames lists the stored files of it, part by part.
func (d *demoData) fileNames(t *testing.T, it review.QueueItem) []string {
	t.Helper()
	a, err := d.st.Attempt(it.Key())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range a.Parts {
		for _, at := range p.Attachments {
			names = append(names, at.Name)
		}
	}
	return names
}

// addSnippets puts two snippets in the comment bank of one criterion: a
// shared one from the lead and one of the golden reviewer's own.
func (d *demoData) addSnippets(t *testing.T, credential, criterion string) {
	t.Helper()
	for _, sn := range []struct{ by, owner, text string }{
		{goldenLead, "", "Name the learning target in words your students use, and show where each piece of feedback points back to it."},
		{goldenReviewer, goldenReviewer, "Say which success criterion the next step serves."},
	} {
		if _, err := d.st.SaveSnippet(sn.by, review.Snippet{Credential: credential, Criterion: criterion, Text: sn.text, Owner: sn.owner}); err != nil {
			t.Fatal(err)
		}
	}
}

// addCalibrationExamples makes the lead turn the first n decisions of the
// demo history into calibration examples and returns their keys.
func (d *demoData) addCalibrationExamples(t *testing.T, n int) []review.AttemptKey {
	t.Helper()
	// One example per application, as calibration add allows: its latest
	// decided attempt among the first, so that one may be a resubmission.
	var out []review.AttemptKey
	at := map[string]int{}
	for _, k := range d.decided {
		if i, ok := at[k.Application]; ok {
			if k.Attempt > out[i].Attempt {
				out[i] = k
			}
			continue
		}
		if len(out) == n {
			break
		}
		at[k.Application] = len(out)
		out = append(out, k)
	}
	for _, k := range out {
		if _, err := d.st.AddCalibrationExample(goldenLead, k, nil); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// secondReviewer is the reviewer whose blind review disagrees with the
// golden reviewer's in addDisputes.
const secondReviewer = "rev-golden-2"

// addDisputes samples every new attempt for a second blind review, imports
// n more first attempts (from a second, smaller demo history), and has the
// golden reviewer pass each while secondReviewer asks for a resubmission
// on the first criterion: n disputes for the lead, oldest first.
func (d *demoData) addDisputes(t *testing.T, n int) {
	t.Helper()
	if err := d.st.SetSecondReviewRate(1); err != nil {
		t.Fatal(err)
	}
	if err := d.st.AddReviewer(review.Reviewer{ID: secondReviewer}); err != nil {
		t.Fatal(err)
	}
	var rs []review.Rubric
	for _, id := range []string{"descriptive-feedback", "eliciting-evidence"} {
		if r, ok := d.rubrics[id]; ok {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		t.Fatal("no bundled rubric for the disputes")
	}
	// Only the first attempts of the second history: they arrive pending.
	var fresh []review.Record
	for _, rec := range demo.Records(rs, demo.Options{Seed: 2, Applications: 8, Now: goldenNow(), IDOffset: 5000}) {
		if s := rec.Submission; s != nil && s.Attempt == 1 && len(fresh) < n {
			rec.Line = len(fresh) + 1
			fresh = append(fresh, rec)
			d.identities = append(d.identities, s.Application)
			if s.Candidate != nil {
				d.identities = append(d.identities, s.Candidate.Name, s.Candidate.Email)
			}
		}
	}
	if len(fresh) != n {
		t.Fatalf("the second history has %d first attempts, want %d", len(fresh), n)
	}
	if _, err := d.st.Import("disputes", fresh); err != nil {
		t.Fatal(err)
	}
	for _, rec := range fresh {
		s := rec.Submission
		k := review.AttemptKey{Application: s.Application, Attempt: 1}
		r := d.rubrics[s.Credential]
		pass, resubmit := map[string]string{}, map[string]string{}
		for _, c := range r.Criteria {
			pass[c.ID], resubmit[c.ID] = r.PassingLevel(), r.PassingLevel()
		}
		first := r.Criteria[0].ID
		resubmit[first] = r.AllLevels()[0]
		fb := map[string]string{first: "Name the learning target in the feedback itself, and show how each student used it to revise the work."}
		for _, rv := range []struct {
			who      string
			levels   map[string]string
			feedback map[string]string
		}{{goldenReviewer, pass, nil}, {secondReviewer, resubmit, fb}} {
			if _, err := d.st.Claim(rv.who, k); err != nil {
				t.Fatal(err)
			}
			if _, err := d.st.Decide(rv.who, k, rv.levels, rv.feedback); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// changedFile returns the position among it's stored files (as fileNames
// lists them) of the first one whose bytes differ from the same-named file
// of the attempt before, or -1.
func (d *demoData) changedFile(t *testing.T, it review.QueueItem) int {
	t.Helper()
	hashes := func(k review.AttemptKey) []review.Attachment {
		a, err := d.st.Attempt(k)
		if err != nil {
			t.Fatal(err)
		}
		var out []review.Attachment
		for _, p := range a.Parts {
			out = append(out, p.Attachments...)
		}
		return out
	}
	before := map[string]string{}
	for _, at := range hashes(review.AttemptKey{Application: it.Application, Attempt: it.Attempt - 1}) {
		before[at.Name] = at.Hash
	}
	for i, at := range hashes(it.Key()) {
		if h, ok := before[at.Name]; ok && h != at.Hash {
			return i
		}
	}
	return -1
}
