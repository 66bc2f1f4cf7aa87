// The revocation reasons `export badges` publishes: a lead's words, hosted
// for the candidate and whoever verifies the badge.

package cli

import (
	"slices"

	"assessor/store"
)

// publishedReasons is the reason each revoked assertion is published with,
// by assertion id: a lead's revocation (revs, which names every one ever
// made) first, else the badge's own (a pass amended away, a stack's pass
// withdrawn). A lead writes a reason for leads too ("rev-a found the plan
// copied"), so it withholds what the candidate's feedback does
// (review.Withheld, docs/formats.md §4): the badge's handles as the
// candidate's own, whoever decided or changed its applications' attempts
// or revoked it, every registered id and contacts. It is applied at each
// export, so reasons stored before it was are withheld too; badges list
// and revoke show a lead the reason as written.
func publishedReasons(st *store.Store, set store.BadgeSet, revs []store.Revocation) (map[string]string, error) {
	wh, err := withholdingOf(st)
	if err != nil {
		return nil, err
	}
	badges := map[string]store.Badge{}
	for _, b := range set.Badges {
		badges[b.ID] = b
	}
	byLead := map[string]bool{}
	for _, r := range revs {
		byLead[r.Assertion] = true
	}
	all := slices.Clone(revs)
	for _, b := range set.Badges {
		if r := b.Revocation; r != nil && !byLead[b.ID] {
			all = append(all, *r)
		}
	}
	actorsOf := map[string][]string{} // by application: a stack shares its passes'
	reasons := map[string]string{}
	for _, r := range all {
		b := badges[r.Assertion] // none for an assertion the store no longer issues
		actors := []string{r.By}
		for _, app := range b.Applications {
			if _, ok := actorsOf[app]; !ok {
				_, recs, err := st.ApplicationRecord(app)
				if err != nil {
					return nil, err
				}
				actorsOf[app] = attemptActors(recs)
			}
			actors = append(actors, actorsOf[app]...)
		}
		reasons[r.Assertion] = wh.of(b.Handles, actors).Apply(r.Reason)
	}
	return reasons, nil
}
