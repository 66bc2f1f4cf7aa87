package leaks

import (
	"testing"

	"assessor/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var (
	keys        = uitest.Keys
	requireFits = uitest.RequireFits
)
