package reviewer

import (
	"testing"
	"time"

	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// Shorthands for the shared test helpers, the fixed clock and the
// fixtures shared with the other ui packages' tests.
var (
	testNow           = uitest.Now
	testClock         = uitest.Clock
	testRubrics       = uitest.Rubrics
	testAttempts      = uitest.Attempts
	day               = uitest.Day
	keys              = uitest.Keys
	waitFor           = uitest.WaitFor
	holdsFor          = uitest.HoldsFor
	requireFits       = uitest.RequireFits
	lineWith          = uitest.LineWith
	teaSize           = uitest.Size
	trueColorRenderer = uitest.TrueColorRenderer
)

// session drives the reviewer program on a fake backend under teatest.
type session struct {
	*uitest.Session
	f *fakeBackend
}

// start runs the reviewer program on f at w×h. Unless opt says otherwise
// the clock is fixed and the draft debounce is an hour, so only the test
// that wants a debounced save gets one.
func start(t *testing.T, f *fakeBackend, opt common.Options, w, h int) *session {
	t.Helper()
	if opt.Now == nil {
		opt.Now = testClock
	}
	if opt.DraftDelay == 0 {
		opt.DraftDelay = time.Hour
	}
	return &session{Session: uitest.Start(t, New(f, "rev-1", opt), w, h), f: f}
}

// final waits for the program to end and returns its last model.
func (s *session) final() *appModel {
	s.T.Helper()
	return s.Final().(*appModel)
}

// quit quits with q (saving any draft) and returns the final model.
func (s *session) quit() *appModel {
	s.T.Helper()
	s.Press("q")
	return s.final()
}
