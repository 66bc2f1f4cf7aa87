package store

import (
	"errors"
	"io"
	"testing"

	"assessor/review"
)

// stopAfter takes n bytes, then fails as a reader gone away does.
type stopAfter struct{ n int }

func (w *stopAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, io.ErrClosedPipe
	}
	w.n -= len(p)
	return len(p), nil
}

// backupRecords is how many backup records st's audit log holds.
func backupRecords(t *testing.T, st *Store) int {
	t.Helper()
	recs, err := st.Audit()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.Action == review.AuditBackup {
			n++
		}
	}
	return n
}

// TestBackupAsRecordsBeforeTheBytes: a copy cut short has still sent part
// of the vault, so it is on record; the record is written before the first
// byte, as a local `backup -` killed by SIGPIPE runs nothing after. A copy
// refused as damaged sent nothing, and is not on record.
func TestBackupAsRecordsBeforeTheBytes(t *testing.T) {
	st := newFixture(t)
	for _, force := range []bool{false, true} {
		before := backupRecords(t, st.Store)
		n, recErr, err := st.BackupAs(&stopAfter{n: 4096}, force, "admin-1", "stdout over ssh")
		if err == nil || recErr != nil || n != 4096 {
			t.Fatalf("force %v: a copy cut short: %d bytes, %v, %v", force, n, recErr, err)
		}
		if got := backupRecords(t, st.Store); got != before+1 {
			t.Errorf("force %v: %d backup records after a copy cut short, want %d", force, got, before+1)
		}
	}

	bad := damagedLeaf(t, newFixture(t), "", 12, []byte{0xff, 0xff, 0xff, 0x7f})
	if _, _, err := bad.BackupAs(io.Discard, false, "admin-1", "stdout"); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("a damaged store: %v", err)
	}
	if got := backupRecords(t, bad); got != 0 {
		t.Errorf("a refused copy left %d backup records", got)
	}
}
