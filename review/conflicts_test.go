package review

import "testing"

func TestStateCode(t *testing.T) {
	for in, want := range map[string]string{
		"HI": "HI", "hi": "HI", " Hawaii ": "HI", "HAWAII": "HI", "Hawaiʻi": "HI", "new  york": "NY",
		"D.C.": "DC", "District of Columbia": "DC", "Puerto Rico": "PR", "": "",
	} {
		if got, ok := StateCode(in); !ok || got != want {
			t.Errorf("StateCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"Atlantis", "XX", "Hawai", "H I"} {
		if _, err := NormalizeState(bad); err == nil {
			t.Errorf("NormalizeState(%q) accepted", bad)
		}
	}
}

func TestDistrictMatching(t *testing.T) {
	for _, tc := range []struct {
		a, b       string
		same, near bool
	}{
		{"Hilo", "Hilo District", true, false},
		{"Hilo", "HILO Complex Area", true, false},
		{"hilo-complex area", "Hilo", true, false},
		{"Lakeshore", "Lakeshore Unified School District", true, false},
		{"Kona Makai", "Kona  makai", true, false},
		{"Hilo", "Hilo Uplands", false, true},
		{"Iron Range", "Iron Range East", false, true},
		{"Kealakehe", "Kealakahe Complex Area", false, true},
		{"Hilo", "Kona", false, false},
		{"District", "Hilo District", false, false},
	} {
		if got := SameDistrict(tc.a, tc.b); got != tc.same {
			t.Errorf("SameDistrict(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := NearDistrict(tc.a, tc.b); got != tc.near {
			t.Errorf("NearDistrict(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// TestConflictsMatchWhatPeopleWrite: the example, a reviewer with
// a conflict for state HI and district Hilo.
func TestConflictsMatchWhatPeopleWrite(t *testing.T) {
	byState := Reviewer{ID: "r", ConflictStates: []string{"HI"}}
	byDistrict := Reviewer{ID: "r", ConflictDistricts: []string{"Hilo"}}
	for _, c := range []Candidate{{State: "Hawaii"}, {State: "hi"}} {
		if !Conflicts(byState, c) {
			t.Errorf("state conflict HI misses %+v", c)
		}
	}
	for _, c := range []Candidate{{District: "Hilo District"}, {District: "Hilo Complex Area"}, {District: "hilo"}} {
		if !Conflicts(byDistrict, c) {
			t.Errorf("district conflict Hilo misses %+v", c)
		}
	}
	if Conflicts(byDistrict, Candidate{District: "Hilo Uplands", State: "HI"}) || Conflicts(byState, Candidate{State: "OR"}) {
		t.Error("a different district or state conflicts")
	}
	if !Conflicts(Reviewer{ConflictStates: []string{"Hawaii"}}, Candidate{State: "HI"}) {
		t.Error("a conflict written as a state name misses its code")
	}
}
