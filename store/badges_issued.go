package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"assessor/review"
)

// A stack badge, once exported, is the candidate's: a credential a lead
// adds to the stack later, or a stack renamed in a new rubric version,
// does not take it back. So an export records each stack assertion it
// publishes (in bucketIssuer: keyIssuedStack + assertion id →
// issuedStack), and the badge set keeps a recorded one as it was
// published, with its date and passes, whatever the stack's present
// credentials complete. What does take it back is a pass it was earned
// with being withdrawn (revoked, or amended away): then it stays in the
// set, revoked, saying which; and once an export has published it
// revoked, it stays revoked, as verifiers saw it, even if the pass comes
// back. A stack the candidate then earns again is an assertion of its own
// (review.StackAgainID), chained to the first: a candidate holds at most
// one valid assertion of a stack.

// keyIssuedStack starts the key, in bucketIssuer, of a stack assertion an
// export has published; its id follows.
const keyIssuedStack = "issued_stack\x00"

// issuedStack is a published stack assertion as it was exported.
type issuedStack struct {
	Stack        string           `json:"stack"`
	Applications []string         `json:"applications"`
	Handles      []string         `json:"handles"`
	IssuedOn     time.Time        `json:"issued_on"`
	Recipient    review.Recipient `json:"recipient"`
	// Chain is the first assertion's id, for a stack earned again.
	Chain string `json:"chain,omitempty"`
	// Revoked is the revocation an export first published it with.
	Revoked *Revocation `json:"revoked,omitempty"`
}

// RecordIssued records what an export has just published of set's
// assertions, in one transaction: each valid stack assertion not yet
// recorded, and the revocation of a recorded one, the first time it is
// published revoked; each credential assertion published revoked
// (badges_credential.go).
func (s *Store) RecordIssued(set BadgeSet) error {
	return s.update(func(t *txn) error {
		var b *bucket
		for _, bg := range set.Badges {
			if bg.Stack == "" && bg.Revocation == nil {
				continue
			}
			if b == nil {
				var err error
				if b, err = t.createBucket(bucketIssuer); err != nil {
					return err
				}
			}
			if bg.Stack == "" {
				if err := recordCredential(b, bg); err != nil {
					return err
				}
				continue
			}
			key := []byte(keyIssuedStack + bg.ID)
			var rec issuedStack
			had, err := getJSON(b, key, &rec)
			switch {
			case err != nil:
				return err
			case !had && bg.Revocation == nil:
				rec = issuedStack{Stack: bg.Stack, Applications: bg.Applications, Handles: bg.Handles, IssuedOn: bg.IssuedOn, Recipient: bg.Recipient, Chain: bg.Chain}
			case had && bg.Revocation != nil && rec.Revoked == nil:
				rec.Revoked = bg.Revocation // as first published: it stays so
			default:
				continue // as first published: its date and passes stand
			}
			if err := putJSON(b, key, rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// chainsOf groups the published stack assertions by the first of their
// candidate's stack: first id → the ids published of it, the first too.
func chainsOf(issued map[string]issuedStack) map[string][]string {
	chains := map[string][]string{}
	for id, r := range issued {
		first := cmp.Or(r.Chain, id)
		chains[first] = append(chains[first], id)
	}
	return chains
}

// holds reports whether a completion of a stack with the passes earned
// adds no assertion to what was published of it (chain): one published
// stands (not revoked by a lead, not published revoked, every pass
// standing), or a lead revoked one with these very passes.
func holds(chain []string, issued map[string]issuedStack, revoked map[string]Revocation, standing map[string]bool, earned []string) bool {
	for _, id := range chain {
		r := issued[id]
		_, byLead := revoked[id]
		if !byLead && r.Revoked == nil && allOf(r.Applications, standing) || byLead && sameSet(r.Applications, earned) {
			return true
		}
	}
	return false
}

// issuedStacks are the stack assertions exports have published.
func (t *txn) issuedStacks() (map[string]issuedStack, error) {
	m := map[string]issuedStack{}
	b := t.bucket(bucketIssuer)
	if b == nil {
		return m, nil
	}
	c := b.Cursor()
	for k, v := c.Seek([]byte(keyIssuedStack)); k != nil && bytes.HasPrefix(k, []byte(keyIssuedStack)); k, v = c.Next() {
		var r issuedStack
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("%w (bad issued stack %q: %v)", ErrCorrupt, k, err)
		}
		m[string(k[len(keyIssuedStack):])] = r
	}
	return m, nil
}

// keepIssued adds to set each published stack assertion it lacks: valid
// while every pass it was earned with still holds its credential badge
// (current, by application: the last of its chain) unrevoked, else
// revoked as the first withdrawn one of them was, unless a lead revoked it
// (revoked, whose reasons come first). set's credential badges carry
// their revocations already; the result is sorted by id again.
func (t *txn) keepIssued(set *BadgeSet, issued map[string]issuedStack, revoked map[string]Revocation, current map[string]string) error {
	if len(issued) == 0 {
		return nil
	}
	have := map[string]bool{}
	byApp := map[string]Badge{}
	for _, b := range set.Badges {
		have[b.ID] = true
		if b.Stack == "" && current[b.Applications[0]] == b.ID {
			byApp[b.Applications[0]] = b
		}
	}
	for id, r := range issued {
		if have[id] {
			continue
		}
		b := Badge{ID: id, Stack: r.Stack, Applications: r.Applications, Handles: r.Handles, IssuedOn: r.IssuedOn, Recipient: r.Recipient}
		// An application's credential never changes, so its passes name
		// the credentials the stack had when the badge was published.
		for _, appID := range r.Applications {
			app, ok, err := t.application(appID)
			if err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("%w (issued stack assertion %s names application %s, which is not stored)", ErrCorrupt, id, appID)
			}
			b.Credentials = append(b.Credentials, app.Credential)
		}
		if rev, ok := revoked[id]; ok {
			b.Revocation = &rev
		} else if r.Revoked != nil {
			b.Revocation = r.Revoked
		} else {
			b.Revocation = withdrawnPass(id, r, byApp)
		}
		b.Chain = r.Chain
		set.Badges = append(set.Badges, b)
	}
	sort.Slice(set.Badges, func(i, j int) bool { return set.Badges[i].ID < set.Badges[j].ID })
	return nil
}

// withdrawnPass is the revocation of published stack assertion id when a
// pass it was earned with no longer holds an unrevoked credential badge
// (byApp, by application): as the badge withdrawn first, naming its
// credential, so a later withdrawal does not change what was published.
// nil while every pass stands.
func withdrawnPass(id string, r issuedStack, byApp map[string]Badge) *Revocation {
	var first *Revocation
	for _, app := range r.Applications {
		var rev *Revocation
		switch cb, ok := byApp[app]; {
		case ok && cb.Revocation == nil:
			continue
		case !ok: // no badge at all: its candidate's email is gone
			rev = &Revocation{Assertion: id, At: r.IssuedOn, Reason: "a pass it was earned with was withdrawn"}
		default:
			rev = &Revocation{Assertion: id, By: cb.Revocation.By, At: cb.Revocation.At,
				Reason: "the pass of " + cb.Credential + " it was earned with was withdrawn (" + cb.Revocation.Reason + ")"}
		}
		if first == nil || rev.At.Before(first.At) {
			first = rev
		}
	}
	return first
}
