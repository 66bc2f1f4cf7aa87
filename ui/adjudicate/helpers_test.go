package adjudicate

import (
	"testing"

	"assessor/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var requireFits = uitest.RequireFits
