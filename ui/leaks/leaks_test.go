package leaks

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// fakeFlags is a FlagBackend over one attempt with two open flags and a
// redacted file. It records every call as the store would audit it.
type fakeFlags struct {
	mu      sync.Mutex
	rep     review.FlagReport
	calls   []string // "show|lead|reason", "redact|lead|1|reason", "release|lead|f1|reason"
	workErr error
}

var testKey = review.AttemptKey{Application: "secret-app-1", Attempt: 2}

func newFakeFlags() *fakeFlags {
	return &fakeFlags{rep: review.FlagReport{
		Handle: "DF-7KQ2#2",
		Open: []review.FlagSpan{
			{N: 1, Place: "part 1", Kind: review.LeakEmail, Context: "Ask Kim Ota at ⟦kim.ota@example.org⟧ or the office."},
			{N: 2, Place: "part 2", Kind: review.LeakListedName, Context: "We visited ⟦Lincoln Elementary⟧ in May."},
		},
		Redacted: []review.FlagSpan{{Place: "part 1", Kind: review.LeakCandidateName, Context: "My name is ⟦Dana Ruiz⟧ and I teach."}},
		Files:    []review.RedactedFile{{ID: "f1", Place: "part 2, file 1", Name: "plan.pdf"}},
	}}
}

func (f *fakeFlags) log(s ...any) {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	f.calls = append(f.calls, strings.Join(parts, "|"))
}

func (f *fakeFlags) Flagged() ([]review.FlaggedAttempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []review.FlaggedAttempt{{Key: review.AttemptKey{Application: "secret-app-2", Attempt: 1}, Handle: "EE-9ZZ1#1", Decided: true, Leaks: []review.FlaggedLeak{{Place: "the resubmission note", Kind: review.LeakPhone}}}}
	if len(f.rep.Open) == 0 {
		return out, nil // worked: it leaves the list
	}
	fa := review.FlaggedAttempt{Key: testKey, Handle: f.rep.Handle, Credential: "descriptive-feedback"}
	for _, o := range f.rep.Open {
		fa.Leaks = append(fa.Leaks, review.FlaggedLeak{Place: o.Place, Kind: o.Kind})
	}
	return append([]review.FlaggedAttempt{fa}, out...), nil
}

// Resolve refuses every name, as the store refuses a handle that is also
// another application's id: the screen must go by the list's key.
func (f *fakeFlags) Resolve(name string) (review.AttemptKey, bool, error) {
	return review.AttemptKey{}, false, fmt.Errorf("name %q: it is one application's id and another's handle", name)
}

func (f *fakeFlags) FlagReport(lead string, k review.AttemptKey, reason string) (review.FlagReport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if k != testKey {
		return review.FlagReport{}, errors.New("wrong attempt")
	}
	f.log("show", lead, reason)
	return f.rep, nil
}

func (f *fakeFlags) WorkFlag(lead string, k review.AttemptKey, n int, seen *review.FlagSpan, action, reason string) (review.FlagReport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.workErr != nil {
		return review.FlagReport{}, f.workErr
	} else if k != testKey {
		return review.FlagReport{}, errors.New("wrong attempt")
	}
	if seen == nil || n > len(f.rep.Open) || f.rep.Open[n-1] != *seen { // as the store checks
		return review.FlagReport{}, fmt.Errorf("flag %d: %w", n, review.ErrFlagsChanged)
	}
	f.log(action, lead, n, reason)
	f.rep.Open = slices.Delete(f.rep.Open, n-1, n)
	for i := range f.rep.Open {
		f.rep.Open[i].N = i + 1
	}
	f.rep.Actions = append(f.rep.Actions, review.FlagAction{At: uitest.Now, Lead: lead, Action: action, Reason: reason,
		Leak: review.Leak{Part: 0, Kind: review.LeakEmail}})
	return f.rep, nil
}

func (f *fakeFlags) ReleaseFile(lead string, k review.AttemptKey, id string, _ *review.RedactedFile, reason string) (review.FlagReport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if k != testKey {
		return review.FlagReport{}, errors.New("wrong attempt")
	}
	f.log("release", lead, id, reason)
	f.rep.Files = nil
	return f.rep, nil
}

func (f *fakeFlags) got() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func start(t *testing.T, f *fakeFlags, w, h int) *uitest.Session {
	t.Helper()
	return uitest.Start(t, New(f, "lead-1", common.Options{Now: uitest.Clock}), w, h)
}

// TestLeaksListAndRead: the list shows each attempt's handle, status and
// where and what kind, never the text; enter asks why before anything is
// read, refuses a blank reason, and then shows the flags in context as
// leaks show does, the read made once with the reason typed.
func TestLeaksListAndRead(t *testing.T) {
	f := newFakeFlags()
	s := start(t, f, 100, 30)
	s.WaitAfter(0, "2 attempts with open flags", "DF-7KQ2#2", "pending", "part 1 (email) · part 2 (listed-name)",
		"EE-9ZZ1#1", "decided", "the resubmission note (phone)")
	if strings.Contains(s.Out.String(), "kim.ota") {
		t.Fatal("the list shows a flagged span's text")
	}
	s.Do(keys("enter"), "Why are you reading DF-7KQ2#2's flags?")
	s.Do(keys("enter"), "A reason is required")
	if got := f.got(); len(got) != 0 {
		t.Fatalf("read before a reason was given: %q", got)
	}
	s.Do(keys("weekly check", "enter"), "read for: weekly check", "Open flags", "1. part 1 (email)",
		"Ask Kim Ota at ⟦kim.ota@example.org⟧", "Redacted at import", "My name is ⟦Dana Ruiz⟧",
		"f1. part 2, file 1: plan.pdf")
	if got := f.got(); !slices.Equal(got, []string{"show|lead-1|weekly check"}) {
		t.Errorf("calls %q, want one audited read", got)
	}
}

// TestLeaksRedactClearRelease works each kind of row: x redacts the flag
// under the cursor, c clears one and, on a redacted file, releases it;
// each asks its own reason, is made once through the backend as the
// subcommands make it, and shows the flags as it left them without a
// second audited read (the audit log counted each attempt read twice).
func TestLeaksRedactClearRelease(t *testing.T) {
	f := newFakeFlags()
	s := start(t, f, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter", "why", "enter"), "1. part 1 (email)")
	s.Do(keys("x"), "Why are you redacting flag 1 (part 1, email)? Reviewers will read [redacted].")
	s.Do(keys("esc"), "x redact")
	if len(f.got()) != 1 {
		t.Fatalf("esc recorded something: %q", f.got())
	}
	s.Do(keys("x", "another teacher", "enter"), "DF-7KQ2#2: flag 1 redacted; recorded in the audit log", "1. part 2 (listed-name)")
	s.Do(keys("c", "public school", "enter"), "flag 1 cleared", "none: every flag of this attempt is worked")
	s.Do(keys("x"), "File f1 is already redacted")
	s.Do(keys("c"), "Why releasing file f1 (part 2, file 1) as submitted?")
	s.Do(keys("consented", "enter"), "file f1 released to reviewers")
	want := []string{"show|lead-1|why", "redact|lead-1|1|another teacher", "clear|lead-1|1|public school", "release|lead-1|f1|consented"}
	uitest.WaitFor(t, "the release", func() bool { return len(f.got()) >= len(want) })
	if got := f.got(); !slices.Equal(got, want) {
		t.Errorf("calls\n%q\nwant\n%q", got, want)
	}
	s.Do(keys("esc"), "1 attempt with open flags")
}

// TestLeaksGoesByTheListedKey: the screen reads and works an attempt by
// the key its list gave, so an attempt whose handle Resolve refuses (an
// older store's handle that is another application's id) opens and is
// worked all the same.
func TestLeaksGoesByTheListedKey(t *testing.T) {
	f := newFakeFlags()
	if _, _, err := f.Resolve("DF-7KQ2#2"); err == nil {
		t.Fatal("the fake resolves the handle")
	}
	s := start(t, f, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter", "why", "enter"), "read for: why", "1. part 1 (email)")
	s.Do(keys("x", "another teacher", "enter"), "DF-7KQ2#2: flag 1 redacted; recorded in the audit log")
	if got := f.got(); !slices.Equal(got, []string{"show|lead-1|why", "redact|lead-1|1|another teacher"}) {
		t.Errorf("calls %q, want the read and the redaction of the listed attempt", got)
	}
}

// TestLeaksFlagsChangedReadsAgain: when another lead worked the flags
// after this one read them, flag 1 is another flag; the action names the
// flag as read, the store refuses it, and the screen says so and reads the
// flags again, under the reason given for reading them.
func TestLeaksFlagsChangedReadsAgain(t *testing.T) {
	f := newFakeFlags()
	s := start(t, f, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter", "why", "enter"), "1. part 1 (email)")
	f.mu.Lock()
	f.rep.Open = slices.Clone(f.rep.Open[1:]) // another lead redacted the address
	f.rep.Open[0].N = 1
	f.mu.Unlock()
	s.Do(keys("c", "not identifying", "enter"), "Not recorded: flag 1: another lead worked this attempt's flags since you read them",
		"1. part 2 (listed-name)")
	if got := f.got(); !slices.Equal(got, []string{"show|lead-1|why", "show|lead-1|why"}) {
		t.Errorf("calls %q, want the read, then the read again", got)
	}
}

// TestLeaksEscClosesHelpFirst: esc with the full help open over an
// attempt's flags closes the help and leaves the flags open.
func TestLeaksEscClosesHelpFirst(t *testing.T) {
	f := newFakeFlags()
	f.rep.Open[0].Context = "Ask 👩\u200d🏫 Kim at ⟦kim.ota@example.org⟧" // drawn apart (common.Drawable)
	var m tea.Model = New(f, "lead-1", common.Options{Now: uitest.Clock})
	m, _ = m.Update(m.Init()())
	// On the list too, esc closes the help.
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc}); m.(leaksModel).help.ShowAll {
		t.Error("esc left the full help open on the list")
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyEnter}, {Type: tea.KeyRunes, Runes: []rune("why")}, {Type: tea.KeyEnter}} {
		var cmd tea.Cmd
		if m, cmd = m.Update(k); cmd != nil && k.Type == tea.KeyEnter {
			m, _ = m.Update(cmd())
		}
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if !m.(leaksModel).help.ShowAll || m.(leaksModel).open == nil {
		t.Fatal("? did not open the help over the flags; the test would prove nothing")
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if l := m.(leaksModel); l.open == nil || l.help.ShowAll {
		t.Errorf("after ? and esc: flags open %v, help open %v; want the flags, the help closed", l.open != nil, l.help.ShowAll)
	}
	if v := m.View(); strings.Contains(v, "\u200d") || !strings.Contains(v, "👩🏫") {
		t.Errorf("the flag's context keeps the joined emoji:\n%s", v)
	}
}

// TestLeaksWorkError keeps the flags on screen and says why when the
// store refuses an action.
func TestLeaksWorkError(t *testing.T) {
	f := newFakeFlags()
	f.workErr = errors.New("no such open flag")
	s := start(t, f, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter", "why", "enter"), "1. part 1 (email)")
	s.Do(keys("x", "because", "enter"), "Not recorded: no such open flag")
	s.Do(keys("j"), "▸ 2. part 2 (listed-name)")
}

// TestLeaksAnySizeFits draws the list, the reason line and the flags at
// sizes from tiny to wide.
func TestLeaksAnySizeFits(t *testing.T) {
	var m tea.Model = New(newFakeFlags(), "lead-1", common.Options{Now: uitest.Clock})
	m, _ = m.Update(m.Init()())
	steps := []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyUp}, {Type: tea.KeyEnter},
		{Type: tea.KeyRunes, Runes: []rune("why")}, {Type: tea.KeyEnter}, {Type: tea.KeyDown}, {Type: tea.KeyRunes, Runes: []rune("x")}}
	for _, k := range steps {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		if cmd != nil && k.Type == tea.KeyEnter {
			m, _ = m.Update(cmd())
		}
		for w := 20; w <= 160; w += 7 {
			for h := 6; h <= 60; h += 9 {
				m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
				requireFits(t, m.View(), w, h)
			}
		}
	}
	if v := m.View(); !strings.Contains(v, "Why are you redacting flag 2") {
		t.Errorf("the steps did not reach the reason line:\n%s", v)
	}
}

// TestLeaksBackWhileWorking: esc while an action is still being recorded
// leaves the list on screen: the action's answer neither reopens the
// attempt nor reads its flags again.
func TestLeaksBackWhileWorking(t *testing.T) {
	f := newFakeFlags()
	var m tea.Model = New(f, "lead-1", common.Options{Now: uitest.Clock})
	m, _ = m.Update(m.Init()())
	press := func(k tea.KeyMsg) tea.Cmd {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		return cmd
	}
	enter, esc := tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyEsc}
	typed := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	press(enter)
	press(typed("why"))
	m, _ = m.Update(press(enter)())
	press(typed("x"))
	press(typed("because"))
	work := press(enter)
	press(esc)
	m, cmd := m.Update(work())
	if cmd != nil {
		if _, ok := cmd().(flaggedLoadedMsg); !ok {
			t.Errorf("after leaving the attempt the action's answer asked for %T, want only the list", cmd())
		}
	}
	if v := m.View(); !strings.Contains(v, "flag 1 redacted") || !strings.Contains(v, "Where (kind)") {
		t.Errorf("want the list with the action's status:\n%s", v)
	}
	if got := f.got(); !slices.Equal(got, []string{"show|lead-1|why", "redact|lead-1|1|because"}) {
		t.Errorf("calls %q", got)
	}
}

// TestLeaksHeadingsWrap: at 50 columns a heading too long for the line
// wraps, so the key it names is still read ("c releases one").
func TestLeaksHeadingsWrap(t *testing.T) {
	var m tea.Model = New(newFakeFlags(), "lead-1", common.Options{Now: uitest.Clock})
	m, _ = m.Update(m.Init()())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 50, Height: 60})
	for _, k := range []tea.KeyMsg{{Type: tea.KeyEnter}, {Type: tea.KeyRunes, Runes: []rune("why")}, {Type: tea.KeyEnter}} {
		var cmd tea.Cmd
		if m, cmd = m.Update(k); cmd != nil && k.Type == tea.KeyEnter {
			m, _ = m.Update(cmd())
		}
	}
	v := ansi.Strip(m.View())
	requireFits(t, m.View(), 50, 60)
	if !strings.Contains(v, "(c releases one as submitted)") && !strings.Contains(strings.Join(strings.Fields(v), " "), "(c releases one as submitted)") {
		t.Errorf("the files heading is cut:\n%s", v)
	}
}

// TestLeaksNoSecondActionWhileRecording: while a redact is still being
// recorded, x and c ask for no second reason: one key press, one audited
// action.
func TestLeaksNoSecondActionWhileRecording(t *testing.T) {
	f := newFakeFlags()
	press, m := leaksDriver(t, f)
	enter := tea.KeyMsg{Type: tea.KeyEnter}
	press(enter)
	press(typedKey("why"))
	*m, _ = (*m).Update(press(enter)())
	press(typedKey("x"))
	press(typedKey("because"))
	work := press(enter) // held back: still recording
	press(typedKey("x"))
	if v := (*m).View(); strings.Contains(v, "Reason:") {
		t.Errorf("x while the redact is recording asks for another reason:\n%s", v)
	}
	*m, _ = (*m).Update(work())
	if got := f.got(); !slices.Equal(got, []string{"show|lead-1|why", "redact|lead-1|1|because"}) {
		t.Errorf("calls %q", got)
	}
}

// TestLeaksReasonBounded: a reason is cut at review.MaxReason characters, however
// much is typed or pasted: it goes to the audit log whole.
func TestLeaksReasonBounded(t *testing.T) {
	f := newFakeFlags()
	press, m := leaksDriver(t, f)
	press(tea.KeyMsg{Type: tea.KeyEnter})
	press(typedKey(strings.Repeat("a", review.MaxReason+100)))
	*m, _ = (*m).Update(press(tea.KeyMsg{Type: tea.KeyEnter})())
	got := f.got()
	if len(got) != 1 {
		t.Fatalf("calls %q, want one read", got)
	}
	if reason := strings.TrimPrefix(got[0], "show|lead-1|"); len(reason) != review.MaxReason {
		t.Errorf("a reason of %d characters was typed, %d recorded; want it cut at %d", review.MaxReason+100, len(reason), review.MaxReason)
	}
}
