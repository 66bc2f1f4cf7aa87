package reviewer

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"

	"assessor/demo"
	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/internal/uitest"
)

// TestAnonymityDemoStore is the anonymity proof (docs/workflow.md,
// "Anonymity"). It builds the demo store (320 applications), then renders every
// reviewer screen for every attempt at 120×40 without colour: the queue
// (every page), the review in full and in diff mode scrolled from top to
// bottom, the history overlay and its feedback view, the scoring panel and
// the confirm dialog. Pending attempts open through Claim, as a reviewer
// opens them; decided ones from an Assignment built from store reads.
//
// No vault value (name, e-mail, district, state, extra field; those of
// four letters or more) may appear in any frame, except an extra field
// inside a ⟦ ⟧ leak span: the name and its parts, the e-mail, the phone,
// the district and the state are redacted at import, so they appear
// nowhere, not even marked, nor in the text of any file the reviewer can
// open (fileFrames); and an attempt with leaks must show the reviewer the ⚑ flag. The
// scan itself is checked against the vault: evidence that holds a vault
// value has a leak in that part. Log output, an error message from a
// conflicted claim and the candidate feedback export are checked too; the
// export must not name the reviewer or carry a pseudonym.
func TestAnonymityDemoStore(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every screen of 320 applications: skipped with -short")
	}
	var logs bytes.Buffer
	logger := log.Default()
	logger.SetOutput(&logs)
	t.Cleanup(func() { logger.SetOutput(os.Stderr) })

	now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	st := demoStore(t, now)
	apps, err := st.Applications()
	if err != nil {
		t.Fatal(err)
	}
	vault := revealAll(t, st, apps)
	all := newValueIndex(vault)

	m := New(st, "anon-rev", common.Options{NoColor: true, Now: func() time.Time { return now }, DraftDelay: time.Hour}).(*appModel)
	c := m.c
	var seen strings.Builder // every frame, leak spans removed, for the cross-candidate check

	// The queue, page by page.
	creds, _ := st.Credentials()
	items, err := st.Queue("anon-rev", "", queueLimit)
	if err != nil {
		t.Fatal(err)
	}
	var model tea.Model = m
	model, _ = model.Update(teaSize(120, 40))
	model, _ = model.Update(queueLoadedMsg{items: items, creds: creds})
	for i := 0; i <= len(items)/10; i++ {
		seen.WriteString(uitest.StripMarked(model.View()))
		model, _ = model.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	}

	attempts, flagged, redactedFiles := 0, 0, 0
	for _, app := range apps {
		_, recs, err := st.ApplicationRecord(app.ID)
		if err != nil {
			t.Fatal(err)
		}
		who := vault[app.ID]
		own := identityValues(who)
		for i, rec := range recs {
			a := rec.Attempt
			attempts++
			checkScanCovers(t, a, own)
			asg := assignment(t, st, recs, i)
			frames := reviewFrames(c, asg)
			if len(a.Leaks) > 0 {
				flagged++
				if !strings.Contains(frames[0], "⚑ possible identifying detail in") {
					t.Errorf("%s has leaks but its review screen shows no flag:\n%s", a.Handle(), frames[0])
				}
			}
			redacted := redactedValues(who)
			if rec.Decision == nil {
				files, n := fileFrames(t, st, asg)
				frames, redactedFiles = append(frames, files...), redactedFiles+n
			}
			for _, f := range frames {
				if v := redacted.find(f); v != "" {
					t.Fatalf("%s: the candidate's %q reached a reviewer screen, marked or not:\n%s", a.Handle(), v, f)
				}
				clean := uitest.StripMarked(f)
				for _, v := range own {
					if strings.Contains(strings.ToLower(clean), strings.ToLower(v)) {
						t.Fatalf("%s: vault value %q on a reviewer screen outside a leak span:\n%s", a.Handle(), v, f)
					}
				}
				seen.WriteString(clean)
			}
			if rec.Decision != nil {
				checkExport(t, st, app, rec, own)
			}
		}
	}
	if redactedFiles == 0 {
		t.Error("no reviewer file was redacted: the demo signs some of its PDFs")
	}
	if attempts < 320 || flagged == 0 {
		t.Fatalf("rendered %d attempts, %d flagged: the demo should have ≥ 320 and some leaks", attempts, flagged)
	}
	if v := all.find(seen.String()); v != "" {
		t.Errorf("vault value %q of some candidate appears on a reviewer screen", v)
	}
	if v := all.find(logs.String()); v != "" {
		t.Errorf("vault value %q appears in the log", v)
	}
	checkConflictError(t, st, vault, all)
	t.Logf("%d attempts rendered, %d with flagged leaks, %d redacted files read", attempts, flagged, redactedFiles)
}

// demoStore builds the demo store as `assessor demo` does, evidence files
// included.
func demoStore(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{1})})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	recs, files := demo.Attachments(demo.Records(rs, demo.Options{Seed: 1, Applications: 320, Now: now}))
	source := func(rec review.Record) store.FileSource {
		if f, ok := files[rec.Submission]; ok {
			return store.Files(f)
		}
		return nil
	}
	if _, err := st.ImportWithFiles("demo", recs, source); err != nil {
		t.Fatal(err)
	}
	for _, r := range []review.Reviewer{{ID: "anon-lead", Role: review.RoleLead}, {ID: "anon-rev"}} {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// revealAll reads every identity through the one door the store has for
// it, as a lead with a reason.
func revealAll(t *testing.T, st *store.Store, apps []review.Application) map[string]review.Candidate {
	t.Helper()
	vault := map[string]review.Candidate{}
	for _, a := range apps {
		c, err := st.Reveal("anon-lead", a.ID, "anonymity test")
		if err != nil {
			t.Fatal(err)
		}
		vault[a.ID] = c
	}
	return vault
}

// identityValues lists a candidate's vault values of four letters or more.
func identityValues(c review.Candidate) []string {
	var out []string
	for _, v := range c.Values() {
		if v = strings.TrimSpace(v); len([]rune(v)) >= review.MinLeakValueLen {
			out = append(out, v)
		}
	}
	return out
}

// assignment is what a reviewer gets for attempt i of recs: through Claim
// while it is pending, else built from the stored records. Either way the
// draft is filled in, so the scoring panel and confirm dialog have content.
func assignment(t *testing.T, st *store.Store, recs []store.AttemptRecord, i int) review.Assignment {
	t.Helper()
	a := recs[i].Attempt
	var asg review.Assignment
	if d := recs[i].Decision; d == nil {
		var err error
		if asg, err = st.Claim("anon-rev", a.Key()); err != nil {
			t.Fatalf("claim %s: %v", a.Handle(), err)
		}
		if err := st.Release("anon-rev", a.Key()); err != nil {
			t.Fatal(err)
		}
		asg.Draft = review.Draft{Levels: map[string]string{}}
		for _, c := range asg.Rubric.Criteria {
			asg.Draft.Levels[c.ID] = asg.Rubric.PassingLevel()
		}
	} else {
		r, err := st.Rubric(a.Credential, a.RubricVersion)
		if err != nil {
			t.Fatal(err)
		}
		asg = review.Assignment{Attempt: a, Rubric: r, Draft: review.Draft{Levels: d.Levels, Feedback: d.Feedback}}
		for _, p := range recs[:i] {
			asg.Previous = append(asg.Previous, review.PriorAttempt{Attempt: p.Attempt, Decision: *p.Decision})
		}
	}
	return asg
}

// reviewFrames renders every screen a reviewer can reach for asg: the
// review scrolled top to bottom in full and diff mode, the history overlay
// and one attempt's feedback in it, the scoring panel and the confirm
// dialog. The first frame is the review's first screen.
func reviewFrames(c *common.Common, asg review.Assignment) []string {
	key := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	pgdown := tea.KeyMsg{Type: tea.KeyPgDown}
	var frames []string
	scrolled := func(r reviewModel) {
		frames = append(frames, r.View())
		for i := 0; i < 200 && !r.evidence.AtBottom(); i++ {
			r.Update(pgdown)
			frames = append(frames, r.View())
		}
	}
	r := newReview(c, asg, "", "", 120, 40, nil)
	scrolled(r)
	if _, ok := evidence.PreviousAttempt(asg); ok {
		d := r // each branch starts from the screen as opened
		d.Update(key("d"))
		scrolled(d)
	}
	h := r
	h.Update(key("h"))
	frames = append(frames, h.View())
	h.Update(tea.KeyMsg{Type: tea.KeyEnter})
	frames = append(frames, h.View())
	s := r
	s.Update(key("s"))
	frames = append(frames, s.View())
	s.Update(key("c"))
	frames = append(frames, s.View())
	return frames
}

// checkScanCovers: wherever the evidence holds one of the candidate's own
// vault values, the import-time scan flagged that part.
func checkScanCovers(t *testing.T, a review.Attempt, own []string) {
	t.Helper()
	hasLeak := func(part int) bool {
		for _, l := range a.Leaks {
			if l.Part == part {
				return true
			}
		}
		return false
	}
	texts := map[int]string{-1: a.Note}
	for i, p := range a.Parts {
		texts[i] = p.Text + "\n" + strings.Join(p.Files, "\n")
	}
	for part, text := range texts {
		for _, v := range own {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) && !hasLeak(part) {
				t.Errorf("%s: part %d holds a vault value the scan did not flag", a.Handle(), part)
			}
		}
	}
}

var pseudonymPattern = regexp.MustCompile(`\b[A-Z]{2}-[0-9A-Z]{4}\b`)

// checkExport: the candidate's feedback names no reviewer and no pseudonym.
func checkExport(t *testing.T, st *store.Store, app review.Application, rec store.AttemptRecord, own []string) {
	t.Helper()
	r, err := st.Rubric(app.Credential, rec.Attempt.RubricVersion)
	if err != nil {
		t.Fatal(err)
	}
	md := review.FeedbackMarkdown(review.CandidateFeedback{Application: app.ID, Rubric: r, Decision: *rec.Decision, ClosesAt: app.ClosesAt()})
	if strings.Contains(md, rec.Decision.Reviewer) {
		t.Errorf("feedback export for %s names reviewer %s", rec.Attempt.Handle(), rec.Decision.Reviewer)
	}
	if p := pseudonymPattern.FindString(md); p != "" {
		t.Errorf("feedback export for %s carries pseudonym %s", rec.Attempt.Handle(), p)
	}
}

// checkConflictError: a reviewer with a conflict of interest is refused in
// words that tell nothing about the candidate.
func checkConflictError(t *testing.T, st *store.Store, vault map[string]review.Candidate, all valueIndex) {
	t.Helper()
	items, err := st.Queue("anon-rev", "", 1)
	if err != nil || len(items) == 0 {
		t.Fatalf("queue: %v", err)
	}
	who := vault[items[0].Application]
	if err := st.AddReviewer(review.Reviewer{ID: "anon-conflicted", ConflictDistricts: []string{who.District}}); err != nil {
		t.Fatal(err)
	}
	_, err = st.Claim("anon-conflicted", items[0].Key())
	if err == nil {
		t.Fatal("a conflicted reviewer claimed the attempt")
	}
	if v := all.find(err.Error()); v != "" {
		t.Errorf("claim error %q shows vault value %q", err, v)
	}
}

// valueIndex finds any of many vault values in a large text quickly: a
// value is looked for with strings.Contains only when every one of its
// words occurs in the text.
type valueIndex struct{ values []string }

func newValueIndex(vault map[string]review.Candidate) valueIndex {
	var vi valueIndex
	for _, c := range vault {
		vi.values = append(vi.values, identityValues(c)...)
	}
	return vi
}

func (vi valueIndex) find(text string) string {
	lower := strings.ToLower(text)
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words[w] = true
	}
	for _, v := range vi.values {
		lv := strings.ToLower(v)
		present := true
		for _, w := range strings.FieldsFunc(lv, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			present = present && words[w]
		}
		if present && strings.Contains(lower, lv) {
			return v
		}
	}
	return ""
}
