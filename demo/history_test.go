package demo

import (
	"testing"

	"assessor/review"
)

func TestFirstTimePassRate(t *testing.T) {
	for _, apps := range []int{DefaultApplications, 3000} {
		for seed := int64(1); seed <= 4; seed++ {
			s := computeStats(gen(t, seed, apps), testNow)
			if r := s.firstRate(); r < 0.33 || r > 0.47 {
				t.Errorf("%d applications, seed %d: first-time pass rate %.3f outside [0.33, 0.47]", apps, seed, r)
			}
			if seed == 1 {
				if r := s.firstRate(); r < 0.35 || r > 0.45 {
					t.Errorf("%d applications, seed 1: first-time pass rate %.3f outside [0.35, 0.45]", apps, r)
				}
			}
		}
	}
}

// TestLaterAttemptsPassMoreOften: among decided attempts, pass rates rise
// with the attempt number.
func TestLaterAttemptsPassMoreOften(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 3000))
	var decided, passed [maxAttempt + 1]int
	for _, id := range ids {
		for _, d := range apps[id].decs {
			decided[d.Attempt]++
			if d.Outcome == review.Pass {
				passed[d.Attempt]++
			}
		}
	}
	rate := func(n int) float64 { return float64(passed[n]) / float64(decided[n]) }
	if !(rate(1) < rate(2) && rate(2) < rate(3)) {
		t.Errorf("pass rates by attempt not rising: %.2f %.2f %.2f %.2f", rate(1), rate(2), rate(3), rate(4))
	}
	if r := rate(2); r < 0.5 || r > 0.7 {
		t.Errorf("attempt 2 pass rate %.2f, want about 0.6", r)
	}
	if decided[4] == 0 {
		t.Error("no attempt 4 decided")
	}
}

func TestPending(t *testing.T) {
	s := computeStats(gen(t, 1, DefaultApplications), testNow)
	if s.pending < 50 || s.pending > 90 {
		t.Errorf("seed 1: %d pending attempts, want 50–90", s.pending)
	}
	if s.pendingByAttempt[2] == 0 || s.pendingByAttempt[3] == 0 {
		t.Errorf("seed 1: pending by attempt %v, want some resubmissions pending", s.pendingByAttempt[1:])
	}
	if s.overdue == 0 {
		t.Error("seed 1: no attempt waiting over 14 days")
	}
	if s.maxPendingDays > maxTurnaround+1 {
		t.Errorf("an attempt has waited %.1f days", s.maxPendingDays)
	}
	for seed := int64(2); seed <= 10; seed++ {
		s := computeStats(gen(t, seed, DefaultApplications), testNow)
		if s.pending < 40 || s.pending > 100 {
			t.Errorf("seed %d: %d pending attempts, want about 50–90", seed, s.pending)
		}
	}
}

func TestStagesPresent(t *testing.T) {
	want := []stage{stagePassed1, stagePassed3, stagePending2, stageExpired}
	check := func(seed int64, apps int) {
		s := computeStats(gen(t, seed, apps), testNow)
		for _, st := range want {
			if s.stages[st] == 0 {
				t.Errorf("%d applications, seed %d: no application at stage %d (%v)", apps, seed, st, s.stages)
			}
		}
	}
	for seed := int64(1); seed <= 5; seed++ {
		check(seed, DefaultApplications)
	}
	// Small histories rely on ensureStages.
	for apps := 4; apps <= 12; apps++ {
		for seed := int64(1); seed <= 10; seed++ {
			check(seed, apps)
		}
	}
	if s := computeStats(gen(t, 1, DefaultApplications), testNow); s.stages[stageExpired] < 3 {
		t.Errorf("only %d expired applications", s.stages[stageExpired])
	}
}

func TestSmallHistoriesImport(t *testing.T) {
	for apps := 1; apps <= 12; apps++ {
		for seed := int64(1); seed <= 5; seed++ {
			checkImport(t, testRubrics(), gen(t, seed, apps), testNow)
		}
	}
}

func TestTurnaround(t *testing.T) {
	s := computeStats(gen(t, 1, 3000), testNow)
	in := 0
	for _, d := range s.turnaround {
		if d < 1 || d > maxTurnaround+1 {
			t.Fatalf("turnaround %.1f days", d)
		}
		if d >= 2 && d <= 16 {
			in++
		}
	}
	if f := float64(in) / float64(len(s.turnaround)); f < 0.7 {
		t.Errorf("only %.2f of turnarounds within 2–16 days", f)
	}
	if m := s.turnaround[len(s.turnaround)/2]; m < 4 || m > 12 {
		t.Errorf("median turnaround %.1f days", m)
	}
	if s.firstSubmitMin < 3 || s.firstSubmitMax > 41 {
		t.Errorf("attempt 1 submitted %.1f–%.1f days after start, want 3–40", s.firstSubmitMin, s.firstSubmitMax)
	}
}

func TestApplicationsSpread(t *testing.T) {
	rs := testRubrics()
	ids, apps := byApp(Records(rs, Options{Seed: 1, Applications: 3000, Now: testNow}))
	per := map[string]int{}
	oldest := testNow
	for _, id := range ids {
		s := apps[id].subs[0]
		per[s.Credential]++
		if s.StartedAt.Before(oldest) {
			oldest = s.StartedAt
		}
		if len(apps[id].subs) > maxAttempt {
			t.Fatalf("%s has %d attempts", id, len(apps[id].subs))
		}
	}
	var al, crt, nal, ncrt float64
	for _, r := range rs {
		if per[r.ID] == 0 {
			t.Errorf("no applications for %s", r.ID)
		}
		if r.Stack == favouredStack {
			al += float64(per[r.ID])
			nal++
		} else {
			crt += float64(per[r.ID])
			ncrt++
		}
	}
	if al/nal <= crt/ncrt {
		t.Errorf("Assessment Literacy credentials average %.0f applications, others %.0f", al/nal, crt/ncrt)
	}
	if days := testNow.Sub(oldest).Hours() / 24; days < 270 || days > 320 {
		t.Errorf("oldest application started %.0f days before now, want about 10 months", days)
	}
}

// TestNotYetCriteria: resubmits name 1–3 criteria; reflection criteria are
// sent back more often than overview ones.
func TestNotYetCriteria(t *testing.T) {
	rs := testRubrics()
	byID := rubricByID(rs)
	ids, apps := byApp(Records(rs, Options{Seed: 2, Applications: 3000, Now: testNow}))
	var notYet, scored [4]int // by part number
	for _, id := range ids {
		a := apps[id]
		r := byID[a.subs[0].Credential]
		for _, d := range a.decs {
			n := len(review.NotYet(r, d.Levels))
			if d.Outcome == review.Resubmit && (n < 1 || n > 3) {
				t.Fatalf("%s#%d: %d not-yet criteria", id, d.Attempt, n)
			}
			for _, c := range r.Criteria {
				scored[c.Part]++
				if d.Levels[c.ID] != r.PassingLevel() {
					notYet[c.Part]++
				}
			}
		}
	}
	rate := func(p int) float64 { return float64(notYet[p]) / float64(scored[p]) }
	if !(rate(3) > rate(2) && rate(2) > rate(1)) {
		t.Errorf("not-yet rate by part %.3f %.3f %.3f, want reflection highest, overview lowest", rate(1), rate(2), rate(3))
	}
}

func TestCandidates(t *testing.T) {
	ids, apps := byApp(gen(t, 1, 1000))
	states := map[string]string{}
	for _, d := range districts {
		states[d.name] = d.state
	}
	emails := map[string]string{}
	repeated, omitted := 0, 0
	for _, id := range ids {
		a := apps[id]
		c := a.subs[0].Candidate
		if states[c.District] != c.State {
			t.Errorf("%s: district %s in state %s", id, c.District, c.State)
		}
		if other, ok := emails[c.Email]; ok && other != c.Name {
			t.Errorf("email %s used by %s and %s", c.Email, other, c.Name)
		}
		emails[c.Email] = c.Name
		for _, s := range a.subs[1:] {
			if s.Candidate == nil {
				omitted++
			} else {
				repeated++
			}
		}
	}
	if repeated == 0 || omitted == 0 {
		t.Errorf("resubmissions: %d repeat the candidate, %d omit it; want both", repeated, omitted)
	}
	if len(emails) >= len(ids) {
		t.Errorf("%d candidates for %d applications: nobody works on two credentials", len(emails), len(ids))
	}
}
