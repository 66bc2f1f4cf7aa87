package dashboard

import (
	"testing"

	"assessor/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// Shorthands for the shared test helpers.
var (
	keys              = uitest.Keys
	requireFits       = uitest.RequireFits
	teaSize           = uitest.Size
	trueColorRenderer = uitest.TrueColorRenderer
	testClock         = uitest.Clock
	testNow           = uitest.Now
)

// session drives the dashboard under teatest.
type session = uitest.Session
