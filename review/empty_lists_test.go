package review

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestEmptySectionsListNothing: a fairness or consistency section with
// nothing in it writes its lists as [], as the report's own lists are,
// never null (formats.md shows lists), and fairness always has omitted.
func TestEmptySectionsListNothing(t *testing.T) {
	for name, v := range map[string]any{"fairness": FairnessFigures(nil, 10), "consistency": ReviewerConsistency(nil, 2*time.Minute)} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(data); strings.Contains(s, "null") || name == "fairness" && !strings.Contains(s, `"omitted":[]`) {
			t.Errorf("empty %s section: %s", name, s)
		}
	}
}
