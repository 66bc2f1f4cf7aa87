package review

import (
	"slices"
	"sort"
	"strings"
)

// Fairness figures (docs/formats.md §3, "fairness"): first-time and
// eventual pass rates by candidate state, district (within its state) and
// every other candidate.* attribute an import supplied, for leads. They are
// safe to share: a group of fewer than K candidates is suppressed, and
// complementary suppression makes sure no suppressed figure can be worked
// out from the figures shown and the totals. Groups nest: the overall
// figures are the sum of the states' (and of each attribute's values'), a
// state's the sum of its districts'. Within each such sum, the suppressed
// parts must be none or at least two, and a suppressed whole must have a
// suppressed part; when a rule fails, the smallest shown group of that sum
// is suppressed too, until every rule holds.

// DefaultMinGroup is the default K: groups of fewer candidates are
// suppressed.
const DefaultMinGroup = 10

// FairnessApp is what the fairness figures need of one application: its
// candidate's attributes (nil when the vault holds none) and its outcomes.
type FairnessApp struct {
	Candidate    *Candidate
	FirstDecided bool // attempt 1 has a decision of record
	FirstPass    bool // attempt 1 was decided pass
	AnyDecided   bool // some attempt has a decision of record
	Passed       bool // some attempt was decided pass
}

// FairnessRow is one group. When Suppressed, every count and rate is nil;
// SuppressedBy says why: "small" (fewer than K candidates) or
// "complementary" (so that a small group cannot be worked out).
type FairnessRow struct {
	Attribute            string   `json:"attribute"` // "state", "district", or a candidate.* field
	State                string   `json:"state,omitempty"`
	Value                string   `json:"value"` // "" for applications without the attribute
	Suppressed           bool     `json:"suppressed"`
	SuppressedBy         string   `json:"suppressed_by,omitempty"`
	Applications         *int64   `json:"applications"`
	FirstAttemptsDecided *int64   `json:"first_attempts_decided"`
	FirstTimePasses      *int64   `json:"first_time_passes"`
	FirstTimePassRate    *float64 `json:"first_time_pass_rate"`
	Decided              *int64   `json:"decided"` // applications with a decided attempt
	Passed               *int64   `json:"passed"`
	EventualPassRate     *float64 `json:"eventual_pass_rate"`
}

// Label is the row's value as a table shows it, on one line and safe for a
// terminal: "(none)" for the applications without one, and a district with
// its state, "Hilo (HI)", "(none) (HI)".
func (r FairnessRow) Label() string {
	v := Sanitize(strings.Join(strings.Fields(r.Value), " "))
	if v == "" {
		v = "(none)"
	}
	if r.Attribute == "district" && r.State != "" {
		v += " (" + Sanitize(r.State) + ")"
	}
	return v
}

// Fairness is the fairness section of a report.
type Fairness struct {
	MinGroup int           `json:"min_group"`
	Rows     []FairnessRow `json:"rows"`
	// Omitted lists attributes with no value held by MinGroup candidates
	// or more (an id unique to each candidate, say): nothing to report,
	// and their values are not listed.
	Omitted []string `json:"omitted"`
}

// fairCounts are one group's additive counts, and who its candidates are.
type fairCounts struct {
	apps, firstDecided, firstPass, decided, passed int64
	people                                         map[string]int64 // applications by personKey
	unnamed                                        int64            // applications whose candidate has no key
	// named counts people not kept in people: an attribute's missing
	// group is worked out, not collected (missingCounts).
	named int64
}

// add counts application a of the candidate person ("" when unknown).
func (c *fairCounts) add(a FairnessApp, person string) {
	c.apps++
	if person == "" {
		c.unnamed++
	} else {
		if c.people == nil {
			c.people = map[string]int64{}
		}
		c.people[person]++
	}
	c.firstDecided += b64(a.FirstDecided)
	c.firstPass += b64(a.FirstPass)
	c.decided += b64(a.AnyDecided)
	c.passed += b64(a.Passed)
}

// candidates is how many people the group's applications come from:
// one candidate applying for many credentials is one, so a group of one
// teacher's applications is as small as that teacher.
func (c *fairCounts) candidates() int64 { return int64(len(c.people)) + c.named + c.unnamed }

// missingCounts is the group of all's applications without a value of an
// attribute, given its groups of values and, by personKey, how many of each
// candidate's applications hold one. Working it out, rather than adding
// every application lacking each attribute, keeps the cost to the values
// present: an import may give each candidate a key of their own.
func missingCounts(all fairCounts, values map[string]*fairCell, held map[string]int64) fairCounts {
	m := all
	m.people, m.named = nil, int64(len(all.people))
	for _, v := range values {
		n := v.counts
		m.apps, m.firstDecided, m.firstPass = m.apps-n.apps, m.firstDecided-n.firstDecided, m.firstPass-n.firstPass
		m.decided, m.passed, m.unnamed = m.decided-n.decided, m.passed-n.passed, m.unnamed-n.unnamed
	}
	for person, n := range held {
		if n == all.people[person] { // none of their applications lacks it
			m.named--
		}
	}
	return m
}

// personKey tells one candidate's applications apart from another's:
// their e-mail, else their name, without case, extra spaces or Unicode
// form (one name composed and decomposed is one person, as Candidate.Equal
// has it); "" when the vault holds neither, and then each application
// counts as one.
func personKey(c *Candidate) string {
	if c == nil {
		return ""
	}
	key := func(s string) string { return OneForm(strings.ToLower(Sanitize(s))) }
	if e := key(c.Email); e != "" {
		return "e:" + e
	}
	if n := key(c.Name); n != "" {
		return "n:" + n
	}
	return ""
}

func b64(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// fairCell is one group while suppression is worked out.
type fairCell struct {
	row    FairnessRow
	counts fairCounts
	by     string // "", "small", "complementary"
}

// fairSum says that whole (nil: the overall total, never suppressed) is
// the sum of parts.
type fairSum struct {
	whole *fairCell
	parts []*fairCell
}

// FairnessFigures computes the fairness section over apps with groups of
// fewer than k candidates suppressed (k < 1 means DefaultMinGroup).
// Districts are grouped by state and DistrictKey, other attributes'
// values by OneForm, each shown as the first spelling met; states by
// postal code when they are one, else in OneForm.
func FairnessFigures(apps []FairnessApp, k int) Fairness {
	if k < 1 {
		k = DefaultMinGroup
	}
	// Lists are [] when empty, never null, as the report's own are.
	f := Fairness{MinGroup: k, Rows: []FairnessRow{}, Omitted: []string{}}
	states := map[string]*fairCell{}
	districts := map[[2]string]*fairCell{}
	// An attribute's groups hold only the applications with a value; by
	// personKey, held counts those of each candidate.
	type attr struct {
		values map[string]*fairCell
		held   map[string]int64
	}
	extras := map[string]*attr{}
	var extraKeys []string
	var all fairCounts
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
		all.add(a, person)
		// Identities of stores imported before they were cleaned may
		// hold control sequences: rows are printed as they are (CSV).
		// A state that is no postal code is grouped, and shown, in
		// OneForm: "Québec" composed and decomposed is one state.
		state := OneForm(Sanitize(c.State))
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
		for key, raw := range c.Extra {
			x := extras[key]
			if x == nil {
				x = &attr{values: map[string]*fairCell{}, held: map[string]int64{}}
				extras[key] = x
				extraKeys = append(extraKeys, key)
			}
			// Values that read the same, one composed and one
			// decomposed or with a no-break space, are one group,
			// shown as the first spelling met.
			v := strings.TrimSpace(Sanitize(raw))
			if v == "" {
				continue
			}
			cell(x.values, OneForm(v), FairnessRow{Attribute: Sanitize(key), Value: v}).counts.add(a, person)
			if person != "" {
				x.held[person]++
			}
		}
	}
	sort.Strings(extraKeys)

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
		x := extras[key]
		cells := sortedCells(x.values)
		if !slices.ContainsFunc(cells, func(c *fairCell) bool { return c.counts.candidates() >= int64(k) }) {
			f.Omitted = append(f.Omitted, key)
			continue
		}
		if m := missingCounts(all, x.values, x.held); m.apps > 0 {
			// "" sorts first.
			cells = append([]*fairCell{{row: FairnessRow{Attribute: Sanitize(key)}, counts: m}}, cells...)
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

// suppressComplements applies the rules of the package comment until they
// all hold. Each round suppresses one more cell, so it ends.
func suppressComplements(sums []fairSum) {
	for changed := true; changed; {
		changed = false
		for _, s := range sums {
			var hidden int
			var shown []*fairCell
			for _, p := range s.parts {
				if p.by != "" {
					hidden++
				} else {
					shown = append(shown, p)
				}
			}
			wholeHidden := s.whole != nil && s.whole.by != ""
			need := (!wholeHidden && hidden == 1) || (wholeHidden && hidden == 0)
			if !need {
				continue
			}
			if len(shown) == 0 {
				// The one part is the whole: hide the whole, unless it is
				// the overall total, which the report shows anyway (a
				// program whose candidates are all in one state shows
				// that state's figures as its overall ones).
				if s.whole != nil && !wholeHidden {
					s.whole.by, changed = "complementary", true
				}
				continue
			}
			smallest := shown[0]
			for _, p := range shown[1:] {
				if p.counts.apps < smallest.counts.apps {
					smallest = p
				}
			}
			smallest.by, changed = "complementary", true
		}
	}
}

// finish fills the row's figures, or leaves them nil when suppressed.
func (c *fairCell) finish() FairnessRow {
	r := c.row
	if c.by != "" {
		r.Suppressed, r.SuppressedBy = true, c.by
		return r
	}
	n := c.counts
	ptr := func(v int64) *int64 { return &v }
	r.Applications, r.FirstAttemptsDecided, r.FirstTimePasses = ptr(n.apps), ptr(n.firstDecided), ptr(n.firstPass)
	r.Decided, r.Passed = ptr(n.decided), ptr(n.passed)
	r.FirstTimePassRate = ratio(n.firstPass, n.firstDecided, 4)
	r.EventualPassRate = ratio(n.passed, n.decided, 4)
	return r
}
