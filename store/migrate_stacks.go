package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"assessor/review"
)

// migrateTo15 writes each stored rubric's stack name in the one form
// rubrics are now read in (review.StackName): earlier releases kept it as
// written, so a rubric saved decomposed, or with a no-break space, named
// a stack of its own that read the same as another on every screen, and a
// candidate who passed its credentials and not the other's completed it.
// When a name changed, the stacks are counted again (rebuildStackIndex).
func migrateTo15(t *txn) error {
	b := t.bucket(bucketRubrics)
	if b == nil {
		return nil
	}
	changed := map[string][]byte{}
	err := b.ForEach(func(k, v []byte) error {
		var r review.Rubric
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad rubric %q: %v)", ErrCorrupt, k, err)
		}
		if name := review.StackName(r.Stack); name != r.Stack {
			r.Stack = name
			data, err := json.Marshal(r)
			if err != nil {
				return err
			}
			changed[string(bytes.Clone(k))] = data
		}
		return nil
	})
	if err != nil || len(changed) == 0 {
		return err
	}
	for k, v := range changed {
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return t.rebuildStackIndex()
}
