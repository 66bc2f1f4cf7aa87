package review

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"time"
)

// Reviewer consistency, beyond kappa (docs/formats.md §3, "consistency").
// A reviewer's first-attempt pass rate is set against the rate expected
// from the credentials they reviewed: the mean, over their first-attempt
// decisions, of that credential's pass rate pooled over all reviewers. A
// reviewer is flagged when the 95% Wilson score interval of their rate
// excludes that expectation; the same by month shows drift. Active review
// time is claim to decision with idle gaps over IdleGap left out; a
// decision under the configured floor is flagged for a second look.

// IdleGap is the longest pause between two actions on an attempt that
// still counts as reviewing it.
const IdleGap = 2 * time.Minute

// z95 is the standard normal quantile of a two-sided 95% interval.
const z95 = 1.959963984540054

// ConsistencyDecision is one decision of record as the figures need it.
type ConsistencyDecision struct {
	Handle     string // for the list of decisions under the floor
	Reviewer   string
	Credential string
	Attempt    int
	Pass       bool
	DecidedAt  time.Time
	// Active is the active review time, when the claim-to-decision
	// activity is known (decisions made in assessor, not imported).
	Active *time.Duration
}

// ConsistencyRow is one reviewer's (or one reviewer-month's) first-attempt
// figures. Rates and bounds are nil with no first-attempt decisions.
type ConsistencyRow struct {
	Reviewer          string   `json:"reviewer"`
	Month             string   `json:"month,omitempty"`
	FirstAttempts     int64    `json:"first_attempts"`
	FirstTimePasses   int64    `json:"first_time_passes"`
	FirstTimePassRate *float64 `json:"first_time_pass_rate"`
	Expected          *float64 `json:"expected_rate"`
	Low               *float64 `json:"ci_low"`
	High              *float64 `json:"ci_high"`
	// Flagged: the interval excludes the expected rate.
	Flagged bool `json:"flagged"`
}

// ActiveRow is one reviewer's active review time.
type ActiveRow struct {
	Reviewer string `json:"reviewer"`
	Timed    int64  `json:"timed_decisions"` // decisions with known activity
	// MedianMinutes is the median active minutes per timed decision.
	MedianMinutes *float64 `json:"median_active_minutes"`
	UnderFloor    int64    `json:"under_floor"`
}

// Consistency is the consistency section of a report.
type Consistency struct {
	FloorMinutes float64          `json:"floor_minutes"`
	ByReviewer   []ConsistencyRow `json:"by_reviewer"`
	ByMonth      []ConsistencyRow `json:"by_reviewer_month"`
	Active       []ActiveRow      `json:"active_time"`
	// UnderFloor lists the decisions whose active time is under the
	// floor, for a second review: handle and reviewer.
	UnderFloor []FloorDecision `json:"under_floor"`
}

// FloorDecision is one decision made faster than the floor.
type FloorDecision struct {
	Handle        string  `json:"handle"`
	Reviewer      string  `json:"reviewer"`
	ActiveMinutes float64 `json:"active_minutes"`
}

// ReviewerConsistency computes the section over ds with the given floor.
func ReviewerConsistency(ds []ConsistencyDecision, floor time.Duration) Consistency {
	// Lists are [] when empty, never null, as the report's own are.
	out := Consistency{FloorMinutes: *round(floor.Minutes(), 2), ByReviewer: []ConsistencyRow{}, ByMonth: []ConsistencyRow{},
		Active: []ActiveRow{}, UnderFloor: []FloorDecision{}}
	// Pooled first-attempt pass rate per credential.
	type tally struct{ n, pass int64 }
	pooled := map[string]*tally{}
	for _, d := range ds {
		if d.Attempt != 1 {
			continue
		}
		t := pooled[d.Credential]
		if t == nil {
			t = &tally{}
			pooled[d.Credential] = t
		}
		t.n++
		t.pass += b64(d.Pass)
	}
	type acc struct {
		n, pass  int64
		expected float64
	}
	byRev, byMonth := map[string]*acc{}, map[[2]string]*acc{}
	active := map[string][]float64{}
	under := map[string]int64{}
	for _, d := range ds {
		if d.Active != nil {
			m := d.Active.Minutes()
			active[d.Reviewer] = append(active[d.Reviewer], m)
			if *d.Active < floor {
				under[d.Reviewer]++
				out.UnderFloor = append(out.UnderFloor, FloorDecision{Handle: d.Handle, Reviewer: d.Reviewer, ActiveMinutes: *round(m, 2)})
			}
		}
		if d.Attempt != 1 {
			continue
		}
		p := pooled[d.Credential]
		rate := float64(p.pass) / float64(p.n)
		for _, a := range []*acc{get(byRev, d.Reviewer), get(byMonth, [2]string{d.Reviewer, Month(d.DecidedAt)})} {
			a.n++
			a.pass += b64(d.Pass)
			a.expected += rate
		}
	}
	row := func(reviewer, month string, a *acc) ConsistencyRow {
		r := ConsistencyRow{Reviewer: reviewer, Month: month, FirstAttempts: a.n, FirstTimePasses: a.pass}
		if a.n == 0 {
			return r
		}
		lo, hi := Wilson(a.pass, a.n)
		exp := a.expected / float64(a.n)
		r.FirstTimePassRate, r.Expected, r.Low, r.High = ratio(a.pass, a.n, 4), round(exp, 4), round(lo, 4), round(hi, 4)
		r.Flagged = exp < lo || exp > hi
		return r
	}
	for _, id := range slices.Sorted(maps.Keys(byRev)) {
		out.ByReviewer = append(out.ByReviewer, row(id, "", byRev[id]))
	}
	months := make([][2]string, 0, len(byMonth))
	for k := range byMonth {
		months = append(months, k)
	}
	sort.Slice(months, func(i, j int) bool {
		if months[i][0] != months[j][0] {
			return months[i][0] < months[j][0]
		}
		return months[i][1] < months[j][1]
	})
	for _, k := range months {
		out.ByMonth = append(out.ByMonth, row(k[0], k[1], byMonth[k]))
	}
	for _, id := range slices.Sorted(maps.Keys(active)) {
		ms := active[id]
		sort.Float64s(ms)
		med := ms[len(ms)/2]
		if len(ms)%2 == 0 {
			med = (ms[len(ms)/2-1] + med) / 2
		}
		out.Active = append(out.Active, ActiveRow{Reviewer: id, Timed: int64(len(ms)), MedianMinutes: round(med, 2), UnderFloor: under[id]})
	}
	sort.SliceStable(out.UnderFloor, func(i, j int) bool { return out.UnderFloor[i].Handle < out.UnderFloor[j].Handle })
	return out
}

func get[K comparable, V any](m map[K]*V, k K) *V {
	v := m[k]
	if v == nil {
		v = new(V)
		m[k] = v
	}
	return v
}

// Wilson is the 95% Wilson score interval of pass successes in n trials.
func Wilson(pass, n int64) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	p, nf, z2 := float64(pass)/float64(n), float64(n), z95*z95
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z95 / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return max(centre-half, 0), min(centre+half, 1)
}

// Activity is a reviewer's running active time on one attempt: each
// action (claim, draft save, decision) adds the time since the one
// before when it is within IdleGap. Folding Note over a session's actions
// gives ActiveTime of them.
type Activity struct {
	Reviewer string        `json:"reviewer"`
	Last     time.Time     `json:"last"`
	Active   time.Duration `json:"active_ns"`
}

// Note adds an action by reviewer at now; another reviewer's action
// starts afresh.
func (a Activity) Note(reviewer string, now time.Time) Activity {
	if a.Reviewer != reviewer || a.Last.IsZero() {
		return Activity{Reviewer: reviewer, Last: now}
	}
	if gap := now.Sub(a.Last); gap > 0 && gap <= IdleGap {
		a.Active += gap
	}
	if now.After(a.Last) {
		a.Last = now
	}
	return a
}

// MaxActiveFloor is the longest active review time a program may set as
// the floor under which a decision is flagged (config consistency).
const MaxActiveFloor = 24 * time.Hour

// CheckActiveFloor checks an active-time floor: 0 to MaxActiveFloor
// (ErrBadPolicy otherwise).
func CheckActiveFloor(d time.Duration) error {
	if d < 0 || d > MaxActiveFloor {
		return fmt.Errorf("floor %v: %w (want between 0 and 24h)", d, ErrBadPolicy)
	}
	return nil
}
