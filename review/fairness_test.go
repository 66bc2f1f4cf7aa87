package review

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// fairApps makes n applications in state/district with extra fields, the
// first firstPass passing at attempt 1 and the first passed passing at
// all; every attempt 1 is decided.
func fairApps(state, district string, n, firstPass, passed int, extra map[string]string) []FairnessApp {
	var out []FairnessApp
	for i := range n {
		c := &Candidate{Name: fmt.Sprint(state, " ", district, " ", i), State: state, District: district, Extra: extra}
		out = append(out, FairnessApp{Candidate: c, FirstDecided: true, FirstPass: i < firstPass, AnyDecided: true, Passed: i < passed})
	}
	return out
}

func rowOf(t *testing.T, f Fairness, attr, state, value string) FairnessRow {
	t.Helper()
	for _, r := range f.Rows {
		if r.Attribute == attr && r.Value == value && (attr != "district" || r.State == state) {
			return r
		}
	}
	t.Fatalf("no row %s %s %q in %+v", attr, state, value, f.Rows)
	return FairnessRow{}
}

// TestFairnessKnownAnswers: counts and rates of the shown groups, primary
// suppression under k, and complementary suppression at both levels.
func TestFairnessKnownAnswers(t *testing.T) {
	urban, rural := map[string]string{"locale": "urban"}, map[string]string{"locale": "rural"}
	var apps []FairnessApp
	apps = append(apps, fairApps("HI", "Hilo", 12, 6, 9, urban)...)
	apps = append(apps, fairApps("Hawaii", "Kona Complex Area", 11, 11, 11, urban)...) // HI, written out
	apps = append(apps, fairApps("OR", "Salem", 4, 1, 2, nil)...)
	apps = append(apps, fairApps("WA", "Seattle", 15, 3, 12, rural)...)
	apps = append(apps, fairApps("CA", "Los Angeles", 10, 5, 10, rural)...)
	apps = append(apps, fairApps("CA", "San Jose", 3, 0, 0, urban)...)
	for i := range apps[:20] { // an id per candidate: never reported
		c := *apps[i].Candidate
		c.Extra = map[string]string{"locale": c.Extra["locale"], "educator_id": fmt.Sprint("ED-", i)}
		apps[i].Candidate = &c
	}
	f := FairnessFigures(apps, 10)

	hi := rowOf(t, f, "state", "", "HI")
	if hi.Suppressed || *hi.Applications != 23 || *hi.FirstTimePasses != 17 || *hi.FirstTimePassRate != 0.7391 || *hi.Passed != 20 || *hi.EventualPassRate != 0.8696 {
		t.Errorf("HI %+v", hi)
	}
	hilo := rowOf(t, f, "district", "HI", "Hilo")
	if hilo.Suppressed || *hilo.Applications != 12 || *hilo.FirstTimePassRate != 0.5 || *hilo.EventualPassRate != 0.75 {
		t.Errorf("Hilo %+v", hilo)
	}
	if r := rowOf(t, f, "state", "", "OR"); !r.Suppressed || r.SuppressedBy != "small" || r.Applications != nil || r.FirstTimePassRate != nil {
		t.Errorf("OR (4 applications) %+v", r)
	}
	// OR alone hidden would be overall − the rest: the smallest other state
	// (CA, 13) goes too.
	if r := rowOf(t, f, "state", "", "CA"); !r.Suppressed || r.SuppressedBy != "complementary" {
		t.Errorf("CA %+v", r)
	}
	if r := rowOf(t, f, "state", "", "WA"); r.Suppressed || *r.Applications != 15 {
		t.Errorf("WA %+v", r)
	}
	// Within CA, San Jose (3) is small; CA is hidden, so LA may show.
	if r := rowOf(t, f, "district", "CA", "San Jose"); !r.Suppressed || r.SuppressedBy != "small" {
		t.Errorf("San Jose %+v", r)
	}
	if r := rowOf(t, f, "district", "CA", "Los Angeles"); r.Suppressed || *r.FirstTimePassRate != 0.5 {
		t.Errorf("Los Angeles %+v", r)
	}
	// WA has one district: it equals WA, which shows, so it shows too.
	if r := rowOf(t, f, "district", "WA", "Seattle"); r.Suppressed {
		t.Errorf("Seattle %+v", r)
	}
	// Locale: urban 26, rural 25, none 4 (small); rural goes with it.
	if r := rowOf(t, f, "locale", "", ""); !r.Suppressed || r.SuppressedBy != "small" {
		t.Errorf("no locale %+v", r)
	}
	if r := rowOf(t, f, "locale", "", "rural"); !r.Suppressed || r.SuppressedBy != "complementary" {
		t.Errorf("rural %+v", r)
	}
	if r := rowOf(t, f, "locale", "", "urban"); r.Suppressed || *r.Applications != 26 {
		t.Errorf("urban %+v", r)
	}
	if len(f.Omitted) != 1 || f.Omitted[0] != "educator_id" {
		t.Errorf("omitted %v, want educator_id", f.Omitted)
	}
	for _, r := range f.Rows {
		if r.Attribute == "educator_id" {
			t.Errorf("an omitted attribute's value is listed: %+v", r)
		}
	}
	checkUnrecoverable(t, f, len(apps))
}

// TestFairnessCountsCandidates: a group is as big as the people in it, not
// their applications. One teacher's 12 applications, each with their
// educator id, do not make that id a group, nor their district one; the
// same e-mail (or, without one, the same name) is the same person, and
// applications whose candidate has neither count one each.
func TestFairnessCountsCandidates(t *testing.T) {
	var apps []FairnessApp
	for i := range 12 { // one teacher, twelve credentials
		c := &Candidate{Name: "Dana Ruiz", Email: []string{"dana@example.org", " DANA@example.org"}[i%2], State: "HI", District: "Hilo", Extra: map[string]string{"educator_id": "ED-1"}}
		apps = append(apps, FairnessApp{Candidate: c, FirstDecided: true, FirstPass: true, AnyDecided: true, Passed: true})
	}
	for i := range 12 { // twelve teachers, one credential each, the same educator id mistyped
		c := &Candidate{Name: fmt.Sprint("Teacher ", i), State: "HI", District: "Kona", Extra: map[string]string{"educator_id": "ED-2"}}
		apps = append(apps, FairnessApp{Candidate: c, FirstDecided: true, AnyDecided: true})
	}
	apps = append(apps, fairApps("HI", "Waimea", 10, 5, 5, nil)...) // hidden with Hilo, so Hilo cannot be worked out
	for range 11 {                                                  // no name nor e-mail: each application its own candidate
		apps = append(apps, FairnessApp{Candidate: &Candidate{State: "OR", District: "Salem"}, FirstDecided: true, AnyDecided: true})
	}
	f := FairnessFigures(apps, 10)
	if r := rowOf(t, f, "district", "HI", "Hilo"); !r.Suppressed || r.SuppressedBy != "small" {
		t.Errorf("Hilo, one candidate's 12 applications: %+v", r)
	}
	if r := rowOf(t, f, "district", "HI", "Kona"); r.Suppressed || *r.Applications != 12 {
		t.Errorf("Kona, 12 candidates: %+v", r)
	}
	if r := rowOf(t, f, "educator_id", "", "ED-1"); !r.Suppressed || r.Applications != nil {
		t.Errorf("one candidate's educator id shows their figures: %+v", r)
	}
	if r := rowOf(t, f, "state", "", "OR"); r.Suppressed || *r.Applications != 11 {
		t.Errorf("OR, 11 applications without names: %+v", r)
	}
	one := fairApps("WA", "Seattle", 0, 0, 0, nil)
	for range 15 {
		one = append(one, FairnessApp{Candidate: &Candidate{Name: "Kim  Ota", State: "WA", Extra: map[string]string{"educator_id": "ED-9"}}, FirstDecided: true, AnyDecided: true})
	}
	if f := FairnessFigures(one, 10); len(f.Omitted) != 1 || f.Omitted[0] != "educator_id" {
		t.Errorf("an id held by one candidate's 15 applications: omitted %v, want educator_id", f.Omitted)
	}
}

// TestFairnessValuesInOneForm: twelve candidates give the same value,
// half of them composed ("Latiné", from a web form), half decomposed
// (from a macOS export) or with a no-break space; the values read the
// same, so they are one group of twelve, shown as the first spelling met,
// not two of six that read the same and leave the attribute omitted. A
// state that is no postal code is grouped so too.
func TestFairnessValuesInOneForm(t *testing.T) {
	nfc, nfd := "Latin\u00e9 (Caribbean)", "Latine\u0301\u00a0(Caribbean)"
	var apps []FairnessApp
	for i := range 12 {
		v, state := nfc, "Qu\u00e9bec"
		if i%2 == 1 {
			v, state = nfd, "Que\u0301bec"
		}
		c := &Candidate{Name: fmt.Sprint("Teacher ", i), State: state, District: "Laval", Extra: map[string]string{"ethnicity": v}}
		apps = append(apps, FairnessApp{Candidate: c, FirstDecided: true, FirstPass: i < 8, AnyDecided: true, Passed: i < 10})
	}
	f := FairnessFigures(apps, 10)
	if len(f.Omitted) != 0 || len(f.Rows) != 3 {
		t.Fatalf("rows %+v, omitted %q; want a state, a district and an ethnicity of 12 applications", f.Rows, f.Omitted)
	}
	if r := rowOf(t, f, "ethnicity", "", nfc); r.Suppressed || *r.Applications != 12 || *r.FirstTimePasses != 8 {
		t.Errorf("ethnicity %+v", r)
	}
	if r := rowOf(t, f, "state", "", "Qu\u00e9bec"); r.Suppressed || *r.Applications != 12 {
		t.Errorf("state %+v", r)
	}
}

// TestFairnessSingleDistrictHidesState: a state whose one district is
// small is small itself; a state of k or more with one small district and
// no other hides the state too, as its district would equal it.
func TestFairnessSingleDistrictHidesState(t *testing.T) {
	var apps []FairnessApp
	apps = append(apps, fairApps("HI", "Hilo", 12, 6, 9, nil)...)
	apps = append(apps, fairApps("HI", "Kona", 3, 1, 1, nil)...)
	apps = append(apps, fairApps("OR", "Salem", 20, 10, 10, nil)...)
	apps = append(apps, fairApps("WA", "Seattle", 20, 10, 10, nil)...)
	f := FairnessFigures(apps, 10)
	// Kona small → Hilo complementary (HI's parts); HI, OR, WA shown.
	if r := rowOf(t, f, "district", "HI", "Hilo"); r.SuppressedBy != "complementary" {
		t.Errorf("Hilo %+v", r)
	}
	if r := rowOf(t, f, "state", "", "HI"); r.Suppressed {
		t.Errorf("HI %+v", r)
	}
	checkUnrecoverable(t, f, len(apps))
}

// checkUnrecoverable: in every sum (overall = states, overall = each
// attribute's values, state = its districts), a shown whole never has
// exactly one hidden part (unless it is the only part: the whole itself) and a hidden whole never has every part shown.
func checkUnrecoverable(t *testing.T, f Fairness, total int) {
	t.Helper()
	hiddenParts := map[string]int{}
	shownParts := map[string]int{}
	states := map[string]FairnessRow{}
	for _, r := range f.Rows {
		key := r.Attribute
		if r.Attribute == "district" {
			key = "district/" + r.State
		}
		if r.Attribute == "state" {
			states[r.Value] = r
		}
		if r.Suppressed {
			hiddenParts[key]++
		} else {
			shownParts[key]++
		}
	}
	for key, n := range hiddenParts {
		if n == 1 && shownParts[key] > 0 && !(len(key) > 9 && key[:9] == "district/" && states[key[9:]].Suppressed) {
			t.Errorf("%s: exactly one hidden group, recoverable from the total", key)
		}
	}
	for code, s := range states {
		if s.Suppressed && hiddenParts["district/"+code] == 0 {
			t.Errorf("state %s hidden but every district shown: their sum gives it", code)
		}
	}
}

// TestFairnessRandom checks the rules on random programs.
func TestFairnessRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var apps []FairnessApp
		for range rng.IntN(120) {
			st := []string{"HI", "OR", "WA", "CA", "NY"}[rng.IntN(5)]
			d := fmt.Sprint("D", rng.IntN(4))
			apps = append(apps, fairApps(st, d, 1, rng.IntN(2), 1, map[string]string{"locale": []string{"a", "b", "c"}[rng.IntN(3)]})...)
		}
		checkUnrecoverable(t, FairnessFigures(apps, 1+rng.IntN(15)), len(apps))
	}
}

// TestFairnessRowLabel: a table's value cell, "(none)" for applications
// without the attribute, a district with its state even when it has none
// (it read " (HI)").
func TestFairnessRowLabel(t *testing.T) {
	for _, tc := range []struct {
		r    FairnessRow
		want string
	}{
		{FairnessRow{Attribute: "district", State: "HI", Value: "Hilo"}, "Hilo (HI)"},
		{FairnessRow{Attribute: "district", State: "HI"}, "(none) (HI)"},
		{FairnessRow{Attribute: "state"}, "(none)"},
		{FairnessRow{Attribute: "candidate.school", Value: "Kea\x1b[2J  High\n"}, "Kea High"},
	} {
		if got := tc.r.Label(); got != tc.want {
			t.Errorf("%+v.Label() = %q, want %q", tc.r, got, tc.want)
		}
	}
}
