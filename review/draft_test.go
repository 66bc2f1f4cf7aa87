package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestDraftOverRefusesACopyOlderThanStored: a copy replaces the stored
// draft only when it was read at the stored revision, or when its own
// session saved the stored one; every other copy is older than what
// another session saved, and is refused.
func TestDraftOverRefusesACopyOlderThanStored(t *testing.T) {
	tests := []struct {
		name   string
		stored Draft
		copy   Draft
		ok     bool
	}{
		{"none stored yet", Draft{}, Draft{Session: "a"}, true},
		{"stored before revisions were kept", Draft{Levels: map[string]string{"C1": "meets"}}, Draft{Session: "a"}, true},
		{"read at the stored revision", Draft{Revision: 4, Session: "b"}, Draft{Revision: 4, Session: "a"}, true},
		{"its own session saved it since", Draft{Revision: 6, Session: "a"}, Draft{Revision: 4, Session: "a"}, true},
		{"another session saved it since", Draft{Revision: 5, Session: "b"}, Draft{Revision: 4, Session: "a"}, false},
		{"no session matches no session", Draft{Revision: 5}, Draft{Revision: 4}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.copy.Over(tt.stored, "DF-7KQ2#1")
			if !tt.ok {
				if !errors.Is(err, ErrDraftChanged) || err.Error() != "your draft of DF-7KQ2#1 was changed in another session" {
					t.Fatalf("Over = %+v, %v; want ErrDraftChanged", d, err)
				}
				return
			}
			if err != nil || d.Revision != tt.stored.Revision+1 || d.Session != tt.copy.Session {
				t.Fatalf("Over = %+v, %v; want revision %d", d, err, tt.stored.Revision+1)
			}
		})
	}
}

// TestSaveDraftRefusesAStaleCopy: the check holds for a draft set aside
// too, and a copy older than the stored draft is kept nowhere.
func TestSaveDraftRefusesAStaleCopy(t *testing.T) {
	stored := Draft{Revision: 3, Session: "b"}
	stale := Draft{Revision: 2, Session: "a", Levels: map[string]string{"C1": "meets"}}
	s := pendingState()
	if d, _, err := SaveDraft(actor("rev-a"), s, stored, stale); !errors.Is(err, ErrDraftChanged) || !strings.Contains(err.Error(), "DF-7KQ2#1") || d.Levels != nil {
		t.Errorf("stale copy: %+v, %v", d, err)
	}
	s.Lease = Lease{"rev-b", t0.Add(time.Second)}
	if _, _, err := SaveDraft(actor("rev-a"), s, stored, stale); !errors.Is(err, ErrDraftChanged) || errors.Is(err, ErrDraftAside) {
		t.Errorf("stale copy set aside: %v", err)
	}
	stale.Revision = 3
	if d, _, err := SaveDraft(actor("rev-a"), s, stored, stale); !errors.Is(err, ErrDraftAside) || d.Revision != 4 {
		t.Errorf("current copy set aside: %+v, %v", d, err)
	}
}
