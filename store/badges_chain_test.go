package store

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestStackChainRandomSequences drives long random sequences of exports,
// revocations, amendments, re-passes, stack growth and renames over dana's
// stack and checks the published-badge invariants after every step: at
// most one valid assertion of a stack, or of an application's credential;
// every revocation published standing; published stack dates kept.
func TestStackChainRandomSequences(t *testing.T) {
	seeds := int64(25) // 100 and 400 passed when the model was written
	if testing.Short() {
		seeds = 5
	}
	for seed := int64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { stackChainRun(t, seed, 60) })
	}
}

type pubRec struct {
	issuedOn time.Time
	apps     string
}

func stackChainRun(t *testing.T, seed int64, steps int) {
	rng := rand.New(rand.NewSource(seed))
	f := badgeFixture(t)
	stack := "Assessment Literacy"
	versions := map[string]int{"descriptive-feedback": 1, "classroom-discourse": 1}
	crit := map[string]int{"descriptive-feedback": 3, "classroom-discourse": 2, "family-partnerships": 2}
	members := []string{"descriptive-feedback", "classroom-discourse"}
	danaApps := map[string]string{"A-1": "descriptive-feedback", "A-2": "classroom-discourse"}
	away := map[string]bool{}
	next := 3
	pubValid := map[string]pubRec{} // first published valid
	pubRevoked := map[string]bool{} // in a published revocations.json
	everStack := map[string]string{}
	var log []string
	fail := func(format string, a ...any) {
		t.Helper()
		t.Fatalf("seed %d after %s: %s", seed, strings.Join(log, "; "), fmt.Sprintf(format, a...))
	}
	badges := func() BadgeSet {
		set, err := f.Badges("lead-1")
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	revokedIDs := func(set BadgeSet) map[string]bool {
		m := map[string]bool{}
		revs, err := f.Revocations()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range revs {
			m[r.Assertion] = true
		}
		for _, b := range set.Badges {
			if b.Revocation != nil {
				m[b.ID] = true
			}
		}
		return m
	}
	addRubric := func(id string) {
		versions[id]++
		r := testRubric(id, versions[id], crit[id])
		r.Stack = stack
		if _, err := f.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	for step := 0; step < steps; step++ {
		f.clock.Advance(time.Hour)
		set := badges()
		switch op := rng.Intn(9); op {
		case 0, 8:
			revs := revokedIDs(set)
			if err := f.RecordIssued(set); err != nil {
				t.Fatal(err)
			}
			for _, b := range set.Badges {
				if b.Stack == "" {
					continue
				}
				everStack[b.ID] = b.Stack
				if b.Revocation == nil {
					if _, ok := pubValid[b.ID]; !ok {
						pubValid[b.ID] = pubRec{b.IssuedOn, strings.Join(b.Applications, ",")}
					}
				}
			}
			for id := range revs {
				pubRevoked[id] = true
			}
			log = append(log, "export")
			if again := badges(); !reflect.DeepEqual(again, set) {
				fail("export changed the set:\n%+v\n%+v", set.Badges, again.Badges)
			}
		case 1: // revoke a credential badge of dana's
			var ids []string
			for _, b := range set.Badges {
				if b.Stack == "" && danaApps[b.Applications[0]] != "" && b.Revocation == nil {
					ids = append(ids, b.ID+"|"+b.Applications[0])
				}
			}
			if len(ids) == 0 {
				continue
			}
			p := strings.Split(ids[rng.Intn(len(ids))], "|")
			if _, _, err := f.Revoke("lead-1", p[0], "Plagiarised."); err != nil {
				fail("revoke %s: %v", p[1], err)
			}
			log = append(log, "revoke "+p[1])
		case 2: // revoke a stack badge
			var ids []string
			for _, b := range set.Badges {
				if b.Stack != "" && b.Revocation == nil {
					ids = append(ids, b.ID)
				}
			}
			if len(ids) == 0 {
				continue
			}
			id := ids[rng.Intn(len(ids))]
			if _, _, err := f.Revoke("lead-1", id, "Stack withdrawn."); err != nil {
				fail("revoke stack %s: %v", id, err)
			}
			log = append(log, "revoke stack "+id[:6])
		case 3: // amend a pass away
			apps := slices.Sorted(func(yield func(string) bool) {
				for a := range danaApps {
					if !away[a] && !yield(a) {
						return
					}
				}
			})
			if len(apps) == 0 {
				continue
			}
			a := apps[rng.Intn(len(apps))]
			if _, err := f.Amend("lead-1", key(a, 1), map[string]string{"C2": "not-yet"}, map[string]string{"C2": "Missing."}, "second look"); err != nil {
				continue
			}
			away[a] = true
			log = append(log, "away "+a)
		case 4: // amend back
			var apps []string
			for a := range away {
				apps = append(apps, a)
			}
			slices.Sort(apps)
			if len(apps) == 0 {
				continue
			}
			a := apps[rng.Intn(len(apps))]
			if _, err := f.Amend("lead-1", key(a, 1), map[string]string{"C2": "meets"}, map[string]string{"C2": ""}, "appeal upheld"); err != nil {
				fail("amend back %s: %v", a, err)
			}
			delete(away, a)
			log = append(log, "back "+a)
		case 5, 7: // another pass of a member credential
			cred := members[rng.Intn(len(members))]
			app := fmt.Sprintf("A-%d", next)
			next++
			day := 1 + rng.Intn(27)
			levels := make([]string, crit[cred])
			for i := range levels {
				levels[i] = "meets"
			}
			f.mustImport(
				as(submission(app, cred, 1, fmt.Sprintf("2024-02-%02dT10:00:00Z", day)), "dana@example.org"),
				decision(app, 1, "rev-1", fmt.Sprintf("2024-02-%02dT11:00:00Z", day), levels...),
			)
			danaApps[app] = cred
			log = append(log, "pass "+app+" "+cred[:2]+fmt.Sprint(day))
		case 6: // the stack gains a credential, or is renamed
			if rng.Intn(2) == 0 && !slices.Contains(members, "family-partnerships") {
				members = append(members, "family-partnerships")
				addRubric("family-partnerships")
				log = append(log, "grow")
			} else {
				stack = fmt.Sprintf("Assessment Literacy %d", step)
				for _, m := range members {
					addRubric(m)
				}
				log = append(log, "rename")
			}
		}
		// Invariants.
		set = badges()
		if again := badges(); !reflect.DeepEqual(again, set) {
			fail("two reads differ")
		}
		valid := map[string][]string{}
		byID := map[string]Badge{}
		for _, b := range set.Badges {
			byID[b.ID] = b
			if b.Stack != "" && b.Revocation == nil && b.Recipient.Identity == review.HashedIdentity("dana@example.org", b.Recipient.Salt) {
				valid[b.Stack] = append(valid[b.Stack], b.ID)
			}
			if b.Stack == "" && b.Revocation == nil {
				valid[b.Applications[0]] = append(valid[b.Applications[0]], b.ID)
			}
		}
		for s, ids := range valid {
			if len(ids) > 1 {
				fail("dana holds %d valid assertions of %q: %v", len(ids), s, ids)
			}
		}
		revs := revokedIDs(set)
		for id := range pubRevoked {
			if !revs[id] {
				b, ok := byID[id]
				fail("published revoked %s is no longer in revocations.json (in set %v: %+v)", id, ok, b)
			}
		}
		for id, p := range pubValid {
			b, ok := byID[id]
			if !ok {
				fail("published %s is gone", id)
			}
			if b.Revocation == nil && (!b.IssuedOn.Equal(p.issuedOn) || strings.Join(b.Applications, ",") != p.apps) {
				fail("published %s changed: %s %v, published %s %s", id, b.IssuedOn, b.Applications, p.issuedOn, p.apps)
			}
		}
		f.mustCheck()
		if t.Failed() {
			fail("check")
		}
	}
	if testing.Verbose() && seed < 4 {
		t.Logf("%s\nstack ids %d, published valid %d, published revoked %d", strings.Join(log, "; "), len(everStack), len(pubValid), len(pubRevoked))
	}
}

// TestStackRenamedAsItReadsOneValid: dana's "Assessment Literacy" badge is
// exported; a new rubric version writes the stack "Assessment literacy"
// (one stack renamed, as export badges treats it: one class file serves
// both). Dana must still hold one valid assertion of the stack.
func TestStackRenamedAsItReadsOneValid(t *testing.T) {
	f := badgeFixture(t)
	exported(t, f)
	for _, id := range []string{"descriptive-feedback", "classroom-discourse"} {
		n := map[string]int{"descriptive-feedback": 3, "classroom-discourse": 2}[id]
		r := testRubric(id, 2, n)
		r.Stack = "Assessment literacy"
		if _, err := f.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	_, v := stackBadges(t, f)
	if len(v) != 1 {
		for _, b := range v {
			t.Logf("valid %s stack %q apps %v file %s", b.ID, b.Stack, b.Applications, review.StackBadgeFile(b.Stack))
		}
		t.Errorf("dana holds %d valid assertions of one stack renamed as it reads", len(v))
	}
}
