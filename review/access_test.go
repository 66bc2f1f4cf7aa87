package review

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// pendingState is a stored, undecided, unleased, unsampled attempt.
func pendingState() AttemptState {
	k := AttemptKey{Application: "A-1", Attempt: 1}
	return AttemptState{Key: k, Stored: true, Attempt: Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", RubricVersion: 1, Number: 1, SubmittedAt: t0.Add(-time.Hour)}}
}

func actor(id string) Actor { return Actor{ID: id, Now: t0} }

// requiredCalibration is a policy that requires calibration, with one
// example; responses are what the reviewer gave.
func requiredCalibration(responses ...CalibrationResponse) CalibrationStanding {
	ex := AttemptKey{Application: "X-1", Attempt: 1}
	return CalibrationStanding{
		Policy:    CalibrationPolicy{Threshold: 0.8, MinExamples: 1, Required: true},
		Examples:  map[AttemptKey]CalibrationExample{ex: {Attempt: ex, Credential: "c", Levels: map[string]string{"C1": "meets"}}},
		Responses: responses,
	}
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		name string
		r    Reviewer
		c    Candidate
		want bool
	}{
		{"no conflicts declared", Reviewer{}, Candidate{District: "North", State: "OR"}, false},
		{"district", Reviewer{ConflictDistricts: []string{"North"}}, Candidate{District: "North"}, true},
		{"state, case and space ignored", Reviewer{ConflictStates: []string{" or "}}, Candidate{State: "OR"}, true},
		{"other district", Reviewer{ConflictDistricts: []string{"South"}}, Candidate{District: "North"}, false},
		{"blank candidate district never matches", Reviewer{ConflictDistricts: []string{" "}}, Candidate{District: " "}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Conflicts(tt.r, tt.c); got != tt.want {
				t.Errorf("Conflicts = %v, want %v", got, tt.want)
			}
			if tt.want && !tt.r.HasConflicts() {
				t.Error("HasConflicts = false for a reviewer with a conflict")
			}
		})
	}
}

func TestLeaseLiveFor(t *testing.T) {
	tests := []struct {
		name string
		l    Lease
		want bool
	}{
		{"none", Lease{}, false},
		{"own live lease", Lease{Reviewer: "rev-a", Expires: t0.Add(time.Minute)}, false},
		{"other's live lease", Lease{Reviewer: "rev-b", Expires: t0.Add(time.Minute)}, true},
		{"other's lease expiring now", Lease{Reviewer: "rev-b", Expires: t0}, false},
		{"other's expired lease", Lease{Reviewer: "rev-b", Expires: t0.Add(-time.Minute)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.LiveFor("rev-a", t0); got != tt.want {
				t.Errorf("LiveFor = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRequireCalibrated(t *testing.T) {
	right := CalibrationResponse{Reviewer: "rev-a", Attempt: AttemptKey{Application: "X-1", Attempt: 1}, Levels: map[string]string{"C1": "meets"}}
	wrong := right
	wrong.Levels = map[string]string{"C1": "not-yet"}
	lead := actor("lead-1")
	lead.Who.Role = RoleLead
	tests := []struct {
		name string
		a    Actor
		cal  CalibrationStanding
		want error
	}{
		{"not required", actor("rev-a"), CalibrationStanding{Policy: DefaultCalibrationPolicy()}, nil},
		{"required, no responses", actor("rev-a"), requiredCalibration(), ErrCalibrateFirst},
		{"required, below threshold", actor("rev-a"), requiredCalibration(wrong), ErrCalibrateFirst},
		{"required, calibrated", actor("rev-a"), requiredCalibration(right), nil},
		{"lead exempt", lead, requiredCalibration(), nil},
		{"anonymous reader exempt", actor(""), requiredCalibration(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.Calibration = tt.cal
			if err := tt.a.RequireCalibrated(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("RequireCalibrated = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestClaim covers rules 6 and 7 and the review-quality gate as Claim,
// Pending and Offered apply them.
func TestClaim(t *testing.T) {
	first := Decision{Reviewer: "rev-a", Outcome: Pass}
	tests := []struct {
		name    string
		a       Actor
		edit    func(*AttemptState)
		want    error // of Claim
		offered bool
	}{
		{"pending", actor("rev-a"), func(*AttemptState) {}, nil, true},
		{"invalid key", actor("rev-a"), func(s *AttemptState) { s.Key.Application = "bad id" }, ErrNotPending, true},
		{"attempt 0", actor("rev-a"), func(s *AttemptState) { s.Key.Attempt = 0 }, ErrNotPending, true},
		{"unknown", actor("rev-a"), func(s *AttemptState) { s.Stored = false }, ErrNotPending, true},
		{"decided", actor("rev-a"), func(s *AttemptState) { s.Decided = true }, ErrNotPending, true},
		{"conflict of interest", actor("rev-a"), func(s *AttemptState) { s.Conflicted = true }, ErrNotPending, false},
		{"other's live lease", actor("rev-a"), func(s *AttemptState) { s.Lease = Lease{"rev-b", t0.Add(time.Minute)} }, ErrClaimed, false},
		{"other's expired lease", actor("rev-a"), func(s *AttemptState) { s.Lease = Lease{"rev-b", t0.Add(-time.Minute)} }, nil, true},
		{"own lease renewed", actor("rev-a"), func(s *AttemptState) { s.Lease = Lease{"rev-a", t0.Add(time.Minute)} }, nil, true},
		{"gave the first review", actor("rev-a"), func(s *AttemptState) { s.Sampled, s.Reviews.First = true, &first }, ErrNotPending, false},
		{"another gave the first review", actor("rev-b"), func(s *AttemptState) { s.Sampled, s.Reviews.First = true, &first }, nil, true},
		{"two reviews disagree", actor("rev-c"), func(s *AttemptState) { s.Sampled, s.Reviews.First, s.Reviews.Second = true, &first, &first }, ErrNotPending, false},
		{"uncalibrated", Actor{ID: "rev-a", Now: t0, Calibration: requiredCalibration()}, func(*AttemptState) {}, ErrCalibrateFirst, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := pendingState()
			tt.edit(&s)
			l, err := Claim(tt.a, s)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Claim = %v, want %v", err, tt.want)
			}
			if err == nil && (l.Reviewer != tt.a.ID || !l.Expires.Equal(t0.Add(LeaseDuration))) {
				t.Errorf("lease %+v, want %s's until now+%v", l, tt.a.ID, LeaseDuration)
			}
			if got := tt.a.Offered(s); got != tt.offered {
				t.Errorf("Offered = %v, want %v", got, tt.offered)
			}
			listed, claimed := tt.a.Listed(s)
			if wantListed := !s.Conflicted && !tt.a.ReviewedFirst(s) && !s.Disputed(); listed != wantListed || claimed != (listed && errors.Is(tt.want, ErrClaimed)) {
				t.Errorf("Listed = %v, %v", listed, claimed)
			}
		})
	}
}

// TestClaimNotBeforeSubmission: an attempt submitted after now (dated
// ahead at import, or the clock set back) is neither claimed nor resumed,
// refused in the one line its decision gets: scored, it could not be
// decided until then.
func TestClaimNotBeforeSubmission(t *testing.T) {
	s := pendingState()
	s.Attempt.SubmittedAt = t0.Add(72 * time.Hour)
	_, err := Claim(actor("rev-a"), s)
	_, decided := Decide(actor("rev-a"), s, testRubric(), allMeet, nil)
	if !errors.Is(err, ErrBeforeSubmitted) || err.Error() != decided.Error() {
		t.Errorf("Claim = %v, want the decision's refusal: %v", err, decided)
	}
	s.Lease = Lease{"rev-a", t0.Add(time.Minute)}
	if k, ok, err := Resume(actor("rev-a"), []AttemptState{s}, ""); ok || err != nil {
		t.Errorf("Resume = %v, %v, %v; want none", k, ok, err)
	}
}

func TestSaveDraft(t *testing.T) {
	tests := []struct {
		name string
		a    Actor
		edit func(*AttemptState)
		want error
	}{
		{"pending", actor("rev-a"), func(*AttemptState) {}, nil},
		{"uncalibrated keeps their work", Actor{ID: "rev-a", Now: t0, Calibration: requiredCalibration()}, func(*AttemptState) {}, nil},
		{"decided", actor("rev-a"), func(s *AttemptState) { s.Decided = true }, ErrNotPending},
		{"other's live lease", actor("rev-a"), func(s *AttemptState) { s.Lease = Lease{"rev-b", t0.Add(time.Second)} }, ErrDraftAside},
		{"gave the first review", actor("rev-a"), func(s *AttemptState) { s.Sampled, s.Reviews.First = true, &Decision{Reviewer: "rev-a"} }, ErrNotPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := pendingState()
			tt.edit(&s)
			d, l, err := SaveDraft(tt.a, s, Draft{}, Draft{Levels: map[string]string{"C1": "meets"}})
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("SaveDraft = %v, want %v", err, tt.want)
			}
			if err == nil && (!d.SavedAt.Equal(t0) || d.Levels["C1"] != "meets" || l.Reviewer != "rev-a" || !l.Expires.Equal(t0.Add(LeaseDuration))) {
				t.Errorf("draft %+v, lease %+v", d, l)
			}
			// Set aside: the draft to keep, and no lease to write.
			if errors.Is(err, ErrDraftAside) && (!errors.Is(err, ErrClaimed) || !d.SavedAt.Equal(t0) || d.Levels["C1"] != "meets" || l != (Lease{})) {
				t.Errorf("set aside: draft %+v, lease %+v, %v", d, l, err)
			}
		})
	}
}

func TestResume(t *testing.T) {
	at := func(app string, submitted time.Duration, cred string) AttemptState {
		s := pendingState()
		s.Key.Application, s.Attempt.Application, s.Attempt.SubmittedAt, s.Attempt.Credential = app, app, t0.Add(-submitted), cred
		s.Lease = Lease{"rev-a", t0.Add(time.Minute)}
		return s
	}
	decided := at("A-9", 9*time.Hour, "c1")
	decided.Decided = true
	first := Decision{Reviewer: "rev-a"}
	mineFirst := at("A-8", 8*time.Hour, "c1")
	mineFirst.Sampled, mineFirst.Reviews.First = true, &first
	tests := []struct {
		name       string
		a          Actor
		mine       []AttemptState
		credential string
		want       string // application, "" for none
		err        error
	}{
		{"none held", actor("rev-a"), nil, "", "", nil},
		{"oldest first", actor("rev-a"), []AttemptState{at("A-1", time.Hour, "c1"), at("A-2", 2*time.Hour, "c1")}, "", "A-2", nil},
		{"of the credential asked", actor("rev-a"), []AttemptState{at("A-1", time.Hour, "c1"), at("A-2", 2*time.Hour, "c2")}, "c1", "A-1", nil},
		{"decided meanwhile", actor("rev-a"), []AttemptState{decided, at("A-1", time.Hour, "c1")}, "", "A-1", nil},
		{"first review given", actor("rev-a"), []AttemptState{mineFirst}, "", "", nil},
		{"uncalibrated", Actor{ID: "rev-a", Now: t0, Calibration: requiredCalibration()}, []AttemptState{at("A-1", time.Hour, "c1")}, "", "", ErrCalibrateFirst},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok, err := Resume(tt.a, tt.mine, tt.credential)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, tt.err)
			}
			if got := map[bool]string{true: k.Application}[ok]; got != tt.want {
				t.Errorf("Resume = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLeaseHoldsAndReleases(t *testing.T) {
	l := Lease{"rev-a", t0.Add(time.Minute)}
	if !l.Holds("rev-a", t0) || l.Holds("rev-b", t0) || l.Holds("rev-a", t0.Add(time.Minute)) {
		t.Error("Holds: want only the holder, only while live")
	}
	if !l.Releases("rev-a") || l.Releases("rev-b") {
		t.Error("Releases: want only the holder's release")
	}
}

func TestClaimSeen(t *testing.T) {
	live := Lease{"rev-b", t0.Add(10 * time.Minute)}
	tests := []struct {
		name       string
		who        string
		lease      Lease
		sampled    bool
		wantHolder string
		wantUntil  time.Time
		wantMine   bool
	}{
		{"nobody holds it", "rev-a", Lease{}, false, "", time.Time{}, false},
		{"another reviewer, by name", "rev-a", live, false, "rev-b", live.Expires, false},
		{"my own claim", "rev-b", live, false, "rev-b", live.Expires, true},
		{"lapsed lease shows nothing", "rev-a", Lease{"rev-b", t0}, false, "", time.Time{}, false},
		{"second review hides the name", "rev-a", live, true, "", live.Expires, false},
		{"my own second review", "rev-b", live, true, "rev-b", live.Expires, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := pendingState()
			s.Lease, s.Sampled = tt.lease, tt.sampled
			h, u, m := actor(tt.who).ClaimSeen(s)
			if h != tt.wantHolder || !u.Equal(tt.wantUntil) || m != tt.wantMine {
				t.Errorf("ClaimSeen = %q, %v, %v; want %q, %v, %v", h, u, m, tt.wantHolder, tt.wantUntil, tt.wantMine)
			}
		})
	}
}

func TestRelease(t *testing.T) {
	lead := Actor{ID: "lead-1", Who: Reviewer{ID: "lead-1", Role: RoleLead}, Now: t0}
	held := pendingState()
	held.Lease = Lease{"rev-b", t0.Add(20 * time.Minute)}
	rec, err := Release(lead, held, "  rev-b is away this week \x1b[2J ")
	if err != nil {
		t.Fatal(err)
	}
	want := ReleaseRecord{At: t0, Lead: "lead-1", Application: "A-1", Pseudonym: "DF-7KQ2", Attempt: 1,
		Holder: "rev-b", Until: held.Lease.Expires, Reason: "rev-b is away this week"}
	if rec != want || rec.Handle() != "DF-7KQ2#1" || rec.HolderSeen() != "rev-b" {
		t.Errorf("Release = %+v, want %+v", rec, want)
	}
	// A blind second review's claim: its holder is kept, and shown to no one.
	blind := held
	blind.Sampled = true
	if rec, err := Release(lead, blind, "away"); err != nil || !rec.Blind || rec.Holder != "rev-b" || rec.HolderSeen() != "a reviewer of its blind double review" {
		t.Errorf("Release of a blind review's claim = %+v (seen as %q), %v", rec, rec.HolderSeen(), err)
	}

	decided := held
	decided.Decided = true
	lapsed := pendingState()
	lapsed.Lease = Lease{"rev-b", t0}
	for _, tt := range []struct {
		name   string
		who    Actor
		s      AttemptState
		reason string
		want   error
	}{
		{"a reviewer may not", Actor{ID: "rev-c", Who: Reviewer{ID: "rev-c", Role: RoleReviewer}, Now: t0}, held, "why", ErrNotLead},
		{"no reason", lead, held, "  ", ErrNoReason},
		{"unknown attempt", lead, AttemptState{}, "why", ErrNotPending},
		{"decided attempt", lead, decided, "why", ErrNotPending},
		{"nobody holds it", lead, pendingState(), "why", ErrNotClaimed},
		{"lease lapsed", lead, lapsed, "why", ErrNotClaimed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Release(tt.who, tt.s, tt.reason); !errors.Is(err, tt.want) {
				t.Errorf("Release err = %v, want %v", err, tt.want)
			}
		})
	}
}
