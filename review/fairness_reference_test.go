package review

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestFairnessSameAsBefore: FairnessFigures gives the figures, omitted
// attributes and suppression of the first way it was written
// (fairnessFiguresBefore, which put every application in a group of every
// attribute), on programs with repeated candidates, missing, blank and
// unsanitized values, attributes a few candidates hold and ones unique to one.
func TestFairnessSameAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	for round := range 300 {
		people := make([][2]string, 1+rng.IntN(60))
		for i := range people {
			switch rng.IntN(4) {
			case 0:
				people[i] = [2]string{fmt.Sprint("Name ", i), ""}
			case 1:
				people[i] = [2]string{"", ""}
			default:
				people[i] = [2]string{fmt.Sprint("Name ", i), fmt.Sprint(pick("p", "P", " p"), i, "@example.org")}
			}
		}
		// In some programs nearly every candidate holds a grade, so its
		// missing group is small.
		full := rng.IntN(2) == 0
		var apps []FairnessApp
		for i := range rng.IntN(150) {
			a := FairnessApp{FirstDecided: rng.IntN(4) > 0, AnyDecided: rng.IntN(5) > 0}
			a.FirstPass = a.FirstDecided && rng.IntN(2) == 0
			a.Passed = a.AnyDecided && (a.FirstPass || rng.IntN(2) == 0)
			if rng.IntN(10) > 0 || full && rng.IntN(3) > 0 {
				p := people[rng.IntN(len(people))]
				c := &Candidate{Name: p[0], Email: p[1],
					State:    pick("HI", "Hawaii", "hi ", "OR", "", "ZZ", "WA"),
					District: pick("Hilo", "hilo ", "Hilo District", "Kona", "", "Kéa\x1b[2J")}
				if rng.IntN(6) > 0 || full {
					c.Extra = map[string]string{}
					for range rng.IntN(4) {
						c.Extra[pick("locale", "school", "Locale", " tier", "x\x1b[1m")] = pick("a", "b", " a", "", "  ", "c\x1b[2J", "d")
					}
					if full && rng.IntN(20) > 0 {
						c.Extra["grade"] = pick("1", "2", "2", "3", "3", "3", "4")
					}
					if rng.IntN(8) == 0 {
						c.Extra[fmt.Sprint("note_", i)] = "x"
					}
				}
				a.Candidate = c
			}
			apps = append(apps, a)
		}
		k := 2 + rng.IntN(11)
		if got, want := FairnessFigures(apps, k), fairnessFiguresBefore(apps, k); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d, k %d: figures differ from before\ngot  %+v\nwant %+v", round, k, got, want)
		}
	}
}

// fairnessFiguresBefore is FairnessFigures as first written, whose cost
// grew with applications times distinct attributes.
func fairnessFiguresBefore(apps []FairnessApp, k int) Fairness {
	if k < 1 {
		k = DefaultMinGroup
	}
	// Lists are [] when empty, never null, as the report's own are.
	f := Fairness{MinGroup: k, Rows: []FairnessRow{}, Omitted: []string{}}
	states := map[string]*fairCell{}
	districts := map[[2]string]*fairCell{}
	extras := map[string]map[string]*fairCell{}
	var extraKeys []string
	for _, a := range apps {
		if a.Candidate == nil {
			continue
		}
		for key := range a.Candidate.Extra {
			if extras[key] == nil {
				extras[key] = map[string]*fairCell{}
				extraKeys = append(extraKeys, key)
			}
		}
	}
	sort.Strings(extraKeys)
	cell := func(m map[string]*fairCell, key string, row FairnessRow) *fairCell {
		c := m[key]
		if c == nil {
			c = &fairCell{row: row}
			m[key] = c
		}
		return c
	}
	for _, a := range apps {
		var c Candidate
		if a.Candidate != nil {
			c = *a.Candidate
		}
		person := personKey(a.Candidate)
		// Identities of stores imported before they were cleaned may
		// hold control sequences: rows are printed as they are (CSV).
		state := strings.TrimSpace(Sanitize(c.State))
		if code, ok := StateCode(state); ok {
			state = code
		}
		cell(states, state, FairnessRow{Attribute: "state", Value: state}).counts.add(a, person)
		dk := [2]string{state, DistrictKey(c.District)}
		d := districts[dk]
		if d == nil {
			d = &fairCell{row: FairnessRow{Attribute: "district", State: state, Value: strings.Join(strings.Fields(Sanitize(c.District)), " ")}}
			districts[dk] = d
		}
		d.counts.add(a, person)
		for _, key := range extraKeys {
			v := strings.TrimSpace(Sanitize(c.Extra[key]))
			cell(extras[key], v, FairnessRow{Attribute: Sanitize(key), Value: v}).counts.add(a, person)
		}
	}

	var sums []fairSum
	var order []*fairCell
	sortedCells := func(m map[string]*fairCell) []*fairCell {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]*fairCell, len(keys))
		for i, k := range keys {
			out[i] = m[k]
		}
		return out
	}
	stateCells := sortedCells(states)
	sums = append(sums, fairSum{parts: stateCells})
	order = append(order, stateCells...)
	dkeys := make([][2]string, 0, len(districts))
	for k := range districts {
		dkeys = append(dkeys, k)
	}
	slices.SortFunc(dkeys, func(x, y [2]string) int {
		if c := strings.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return strings.Compare(x[1], y[1])
	})
	for _, s := range stateCells {
		var parts []*fairCell
		for _, dk := range dkeys {
			if dk[0] == s.row.Value {
				parts = append(parts, districts[dk])
			}
		}
		sums = append(sums, fairSum{whole: s, parts: parts})
		order = append(order, parts...)
	}
	for _, key := range extraKeys {
		cells := sortedCells(extras[key])
		if !slices.ContainsFunc(cells, func(c *fairCell) bool { return c.row.Value != "" && c.counts.candidates() >= int64(k) }) {
			f.Omitted = append(f.Omitted, key)
			continue
		}
		sums = append(sums, fairSum{parts: cells})
		order = append(order, cells...)
	}

	for _, c := range order {
		if c.counts.candidates() < int64(k) {
			c.by = "small"
		}
	}
	suppressComplements(sums)
	for _, c := range order {
		f.Rows = append(f.Rows, c.finish())
	}
	return f
}
