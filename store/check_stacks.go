package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"

	"assessor/review"
)

// stackCompletions compares each stack's completion tally with the one
// review.Recompute counted from the raw decisions and vault, and the stack
// index with the passes and latest rubrics it stands for.
func (c *checker) stackCompletions(stored, raw map[string]int64, creds map[string]review.Rubric) {
	members := c.t.bucket(bucketStackMembers)
	indexed := members != nil && members.Get([]byte(keyStacksIndexed)) != nil
	hint := ""
	if !indexed {
		hint = " (this store has no stack index yet: the next decision or rubrics add builds it)"
	}
	for _, s := range unionKeys(stored, raw, func(s string) string { return s }) {
		if stored[s] != raw[s] {
			c.problem("stack %q: %s completed it in the running tally, %d recomputed from raw decisions%s", s, review.Count(stored[s], "candidate", "candidates"), raw[s], hint)
		}
	}
	if !indexed {
		return
	}
	for _, id := range slices.Sorted(maps.Keys(creds)) {
		if got, want := string(members.Get(credentialStackKey(id))), creds[id].Stack; got != want {
			c.problem("stack index: credential %s is in stack %q, its latest rubric says %q", id, got, want)
		} else if want != "" && members.Get(stackMemberKey(want, id)) == nil {
			c.problem("stack index: stack %q does not list its credential %s", want, id)
		}
	}
	c.stackPasses()
	_ = members.ForEach(func(k, v []byte) error {
		switch {
		case bytes.Equal(k, []byte(keyStacksIndexed)):
		case k[0] == 'c':
			if _, ok := creds[string(k[1:])]; !ok {
				c.problem("stack index: credential %q has no rubric", k[1:])
			}
		case k[0] == 's' && len(k) >= 3:
			n := int(k[1])<<8 | int(k[2])
			if len(k) < 3+n || creds[string(k[3+n:])].Stack != string(k[3:3+n]) {
				c.problem("stack index: entry %q names a credential outside that stack", k)
			}
		default:
			c.problem("stack index: bad key %q", k)
		}
		return nil
	})
}

// stackPasses compares the stack index's pass counts with the passed
// applications among the gathered histories, those whose badge a lead
// revoked left out, per candidate key and credential. Messages name the credential only: a candidate key is
// opaque, but there is no reason to print it.
func (c *checker) stackPasses() {
	raw := map[string]uint64{}
	for _, h := range c.histories {
		for _, a := range h.Attempts {
			if d := a.Decision; h.Candidate != "" && !h.PassRevoked && d != nil && d.Outcome == review.Pass {
				raw[h.Candidate+"/"+h.Application.Credential]++
				break
			}
		}
	}
	bad := map[string]bool{}
	_ = c.t.bucket(bucketStackPasses).ForEach(func(k, v []byte) error {
		if len(k) <= sha256.Size || len(v) != 8 {
			c.problem("stack index: bad pass entry")
			return nil
		}
		cred := string(k[sha256.Size:])
		name := hex.EncodeToString(k[:sha256.Size]) + "/" + cred
		if decodeCounter(v) != raw[name] {
			bad[cred] = true
		}
		delete(raw, name)
		return nil
	})
	for name := range raw {
		bad[name[strings.IndexByte(name, '/')+1:]] = true
	}
	for _, cred := range slices.Sorted(maps.Keys(bad)) {
		c.problem("stack index: passes of credential %s differ from the passed applications on record", cred)
	}
}
