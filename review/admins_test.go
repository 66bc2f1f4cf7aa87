package review

import (
	"errors"
	"testing"
)

// TestKeepsAnAdmin: removing, demoting or taking the last key of the last
// admin who signs in is refused; the same with another admin left, or to
// anyone else, is not.
func TestKeepsAnAdmin(t *testing.T) {
	key := []string{"ssh-ed25519 AAAA"}
	adm := Reviewer{ID: "adm", Role: RoleAdmin, Keys: key}
	lee := Reviewer{ID: "lee", Role: RoleLead, Keys: key}
	keyless := Reviewer{ID: "old", Role: RoleAdmin}
	demoted := adm
	demoted.Role = RoleLead
	bare := adm
	bare.Keys = nil
	other := Reviewer{ID: "adm2", Role: RoleAdmin, Keys: key}
	for _, c := range []struct {
		name  string
		all   []Reviewer
		id    string
		after *Reviewer
		last  bool
	}{
		{"remove the last admin", []Reviewer{adm, lee, keyless}, "adm", nil, true},
		{"demote the last admin", []Reviewer{adm, lee}, "adm", &demoted, true},
		{"take the last admin's last key", []Reviewer{adm, lee}, "adm", &bare, true},
		{"remove an admin with another left", []Reviewer{adm, other}, "adm", nil, false},
		{"remove a lead", []Reviewer{adm, lee}, "lee", nil, false},
		{"change the admin's conflicts", []Reviewer{adm}, "adm", &adm, false},
		{"no admin signed in before", []Reviewer{keyless, lee}, "old", nil, false},
		{"add a new admin", []Reviewer{lee}, "adm", &adm, false},
	} {
		err := KeepsAnAdmin(c.all, c.id, c.after)
		if got := errors.Is(err, ErrLastAdmin); got != c.last {
			t.Errorf("%s: %v, want refused %v", c.name, err, c.last)
		}
	}
}
