package store

import (
	"bytes"
	"crypto/sha256"
	"sort"

	"assessor/review"
)

// StackProgress tells, per stack, how many candidates have earned 1, 2, …
// of its credentials, from the stack pass index (keyed hashes of candidates,
// never identities; a pass whose badge a lead revoked is not in it). Unlike the report it reads the whole index, one key per
// candidate and passed credential: a dashboard load, not a hot path. Stacks
// come sorted by name; a store whose index is not built yet (no pass since
// an upgrade) reports no progress.
func (s *Store) StackProgress() ([]review.StackProgress, error) {
	var out []review.StackProgress
	err := s.view(func(t *txn) error {
		passes, members := t.bucket(bucketStackPasses), t.bucket(bucketStackMembers)
		if passes == nil || members == nil {
			return nil
		}
		stackOf := map[string]string{} // credential → stack
		size := map[string]int{}       // stack → credentials
		c := members.Cursor()
		for k, v := c.Seek([]byte{'c'}); k != nil && k[0] == 'c'; k, v = c.Next() {
			stackOf[string(k[1:])] = string(v)
			size[string(v)]++
		}
		held := map[string]map[string]int{} // stack → candidate → credentials earned
		err := passes.ForEach(func(k, v []byte) error {
			if len(k) <= sha256.Size || decodeCounter(v) == 0 {
				return nil
			}
			stack := stackOf[string(k[sha256.Size:])]
			if stack == "" {
				return nil
			}
			if held[stack] == nil {
				held[stack] = map[string]int{}
			}
			held[stack][string(bytes.Clone(k[:sha256.Size]))]++
			return nil
		})
		if err != nil {
			return err
		}
		for stack, n := range size {
			p := review.StackProgress{Stack: stack, Credentials: n, Earned: make([]int64, n)}
			for _, k := range held[stack] {
				p.Earned[min(k, n)-1]++
			}
			out = append(out, p)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Stack < out[j].Stack })
		return nil
	})
	return out, err
}
