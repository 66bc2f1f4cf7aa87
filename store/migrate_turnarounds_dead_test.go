package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"assessor/review"
)

// TestMigrateTurnaroundsPastDeadImport: a store of schema 18 whose
// import died holds its turnaround index in whole seconds. Step 19 waits
// for the rollback (the index would otherwise count the import), and Open
// then builds the index again: the median of 431.6 s and 432.6 s is
// 432.1 s, 0.01 days (docs/formats.md §3), and check is ok.
func TestMigrateTurnaroundsPastDeadImport(t *testing.T) {
	f := turnaroundsAcrossAHalf(t)
	f.importDies(t)
	f.upgradeFrom(18, indexBefore19) // upgrades, then rolls the import back
	rep := f.mustReport(time.Time{}, time.Time{})
	if got := rep.Overall.MedianTurnaroundDays; got == nil || *got != 0.01 {
		t.Errorf("after the upgrade and the rollback: median_turnaround_days %v, want 0.01 (432.1 s)", review.FormatFigure(got))
	}
	err := f.view(func(tx *txn) error {
		m, err := tx.medianTurnaround(reviewerSubject("rev-1"), 2)
		if err == nil && (m == nil || m.String() != "432.1s") {
			t.Errorf("after the upgrade and the rollback: rev-1's median %v, want 432.1s", m)
		}
		if tx.bucket(bucketMeta).Get([]byte(keyTurnaroundExact)) == nil {
			t.Error("the index is not marked exact after the rollback")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
}

// errBadJournal: a journal entry of the dead import without its checksum.
var errBadJournal = errors.New("a turnaround key in the import journal without its checksum")

// indexBefore19 turns the turnaround index, and a dead import's
// journal of it, into what schemas before 19 wrote: fine keys without the
// nanoseconds (whole seconds), and no exact marker.
func indexBefore19(tx *txn) error {
	// Raw, as stored: the store's reads hide the dead import's share.
	fine := tx.tx.Bucket([]byte(bucketTurnaroundFine))
	count := func(k []byte) uint64 {
		v, _ := unseal(k, fine.Get(k))
		return decodeCounter(v)
	}
	var keys [][]byte
	c := fine.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if !isMinuteKey(k) {
			keys = append(keys, bytes.Clone(k))
		}
	}
	for _, k := range keys {
		old := k[:len(k)-4]
		n := count(old) + count(k)
		if err := fine.Delete(k); err != nil {
			return err
		}
		if err := fine.Put(old, sealed(old, counterValue(n))); err != nil {
			return err
		}
	}
	type kv struct{ k, v []byte }
	if j := tx.tx.Bucket([]byte(bucketImportJournal)); j != nil {
		prefix := append([]byte(bucketTurnaroundFine), 0)
		var js []kv
		c := j.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if key := k[len(prefix):]; len(key) > 2 && !isMinuteKey(key) && len(key) == 2+int(binary.BigEndian.Uint16(key))+2+8+4 {
				js = append(js, kv{bytes.Clone(k), bytes.Clone(v)})
			}
		}
		for _, e := range js {
			if err := j.Delete(e.k); err != nil {
				return err
			}
			v, ok := unseal(e.k, e.v)
			if !ok {
				return errBadJournal
			}
			if err := j.Put(e.k[:len(e.k)-4], sealed(e.k[:len(e.k)-4], v)); err != nil {
				return err
			}
		}
	}
	return tx.tx.Bucket([]byte(bucketMeta)).Delete([]byte(keyTurnaroundExact))
}
