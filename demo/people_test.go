package demo

import (
	"testing"

	"assessor/review"
)

// TestSomeTeachersCompleteAStack: teachers work through stacks, so the
// default demo has candidates who passed every credential of each stack
// (report by_stack stacks_completed, stack badges), and no candidate holds
// two applications for one credential.
func TestSomeTeachersCompleteAStack(t *testing.T) {
	rs := testRubrics()
	stackOf := map[string]string{}
	size := map[string]int{}
	for _, r := range rs {
		stackOf[r.ID] = r.Stack
		size[r.Stack]++
	}
	email, cred := map[string]string{}, map[string]string{}
	passed := map[string]bool{}
	for _, rec := range gen(t, 1, DefaultApplications) {
		if s := rec.Submission; s != nil && s.Attempt == 1 {
			cred[s.Application], email[s.Application] = s.Credential, s.Candidate.Email
		}
		if d := rec.Decision; d != nil && d.Outcome == review.Pass {
			passed[d.Application] = true
		}
	}
	held := map[[2]string]bool{}              // email, credential
	passes := map[[2]string]map[string]bool{} // email, stack → credentials passed
	for app, e := range email {
		k := [2]string{e, cred[app]}
		if held[k] {
			t.Errorf("%s applied twice for %s", e, cred[app])
		}
		held[k] = true
		if passed[app] {
			ks := [2]string{e, stackOf[cred[app]]}
			if passes[ks] == nil {
				passes[ks] = map[string]bool{}
			}
			passes[ks][cred[app]] = true
		}
	}
	completed := map[string]int{}
	for ks, creds := range passes {
		if len(creds) == size[ks[1]] {
			completed[ks[1]]++
		}
	}
	for stack := range size {
		if completed[stack] == 0 {
			t.Errorf("nobody completed %s (completions: %v)", stack, completed)
		}
	}
	t.Logf("stacks completed: %v", completed)
}
