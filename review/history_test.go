package review

import (
	"encoding/json"
	"testing"
	"time"
)

// The stored history format must not change: existing stores hold it.
func TestHistoryEntry_JSON(t *testing.T) {
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    HistoryEntry
		want string
	}{
		{"decide", HistoryEntry{Action: ActionDecide, By: "rev-1", At: at, Decision: Decision{Application: "A-1", Attempt: 1, Outcome: Pass}},
			`{"action":"decide","by":"rev-1","at":"2024-03-01T09:00:00Z","decision":{"application":"A-1","attempt":1,"reviewer":"","decided_at":"0001-01-01T00:00:00Z","outcome":"pass","levels":null}}`},
		{"amend with reason", HistoryEntry{Action: ActionAmend, By: "lead-1", At: at, Reason: "appeal"},
			`{"action":"amend","by":"lead-1","at":"2024-03-01T09:00:00Z","reason":"appeal","decision":{"application":"","attempt":0,"reviewer":"","decided_at":"0001-01-01T00:00:00Z","outcome":"","levels":null}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.h)
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %s, %v\nwant %s", got, err, tc.want)
			}
			var back HistoryEntry
			if err := json.Unmarshal(got, &back); err != nil || back.Action != tc.h.Action || back.Reason != tc.h.Reason {
				t.Fatalf("round trip: %+v, %v", back, err)
			}
		})
	}
	for _, a := range []Action{ActionImport, ActionDecide, ActionAmend, ActionReview1, ActionReview2, ActionAgreed, ActionAdjudicate} {
		if want := map[Action]string{ActionImport: "import", ActionDecide: "decide", ActionAmend: "amend", ActionReview1: "review-1",
			ActionReview2: "review-2", ActionAgreed: "agreed", ActionAdjudicate: "adjudicate"}[a]; string(a) != want {
			t.Errorf("action %q, stored form is %q", a, want)
		}
	}
}
