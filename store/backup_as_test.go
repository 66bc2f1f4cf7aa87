package store

import (
	"errors"
	"io"
	"testing"

	"assessor/review"
)

// stopAfter takes n bytes, then fails as a reader gone away does; first,
// if set, runs at the first write.
type stopAfter struct {
	n     int
	first func()
}

func (w *stopAfter) Write(p []byte) (int, error) {
	if w.first != nil {
		w.first()
		w.first = nil
	}
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
// byte, as a local `backup -` killed by SIGPIPE runs nothing after. A forced
// copy, of a store that may be damaged, is recorded after its bytes went,
// as writing to it first could fail or crash before the rescue leaves. A
// copy refused as damaged sent nothing, and is not on record.
func TestBackupAsRecordsBeforeTheBytes(t *testing.T) {
	st := newFixture(t)
	for _, force := range []bool{false, true} {
		before := backupRecords(t, st.Store)
		w := &stopAfter{n: 4096}
		w.first = func() {
			want := before + 1
			if force {
				want = before
			}
			if got := backupRecords(t, st.Store); got != want {
				t.Errorf("force %v: %d backup records at the first byte, want %d", force, got, want)
			}
		}
		n, recErr, err := st.BackupAs(w, force, "admin-1", "stdout over ssh")
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
