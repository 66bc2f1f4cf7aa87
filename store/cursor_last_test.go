package store

import (
	"fmt"
	"testing"
	"time"
)

// TestLastOfEmptiedBucket empties a bucket of several pages in one write
// transaction, as a group commit of decisions can empty the drafts, and
// then misses a Get in it (which checks the neighbours: the last record
// when the key sorts after every one) and asks a cursor for the last key.
// bbolt 1.4's Cursor.Last never returns there; both must see an empty
// bucket.
func TestLastOfEmptiedBucket(t *testing.T) {
	f := newFixture(t)
	keys := make([][]byte, 2000) // a few hundred bytes each: many leaves
	err := f.update(func(tx *txn) error {
		b := tx.bucket(bucketDrafts)
		for i := range keys {
			keys[i] = fmt.Appendf(nil, "draft-%05d", i)
			if err := b.Put(keys[i], make([]byte, 200)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- f.update(func(tx *txn) error {
			b := tx.bucket(bucketDrafts)
			for _, k := range keys {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			if v := b.Get([]byte("zz-after-every-key")); v != nil {
				return fmt.Errorf("Get of a missing key = %q", v)
			}
			if k, _ := b.Cursor().Last(); k != nil {
				return fmt.Errorf("Last of an emptied bucket = %q", k)
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		// Not a timing test: without the fix the transaction never ends,
		// and neither would closing the store in the test's clean-up.
		panic("a Get miss or Cursor.Last in the emptied bucket did not return in 30 s (bbolt's Last looping over empty leaves)")
	}
}
