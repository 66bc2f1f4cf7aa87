package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// cancelOnLoad is Records that ends its context as its first block loads:
// an admin removing the importer's key while the import runs.
type cancelOnLoad struct {
	store.Records
	cancel context.CancelCauseFunc
}

func (r cancelOnLoad) Load(lo, hi int) ([]review.Record, error) {
	r.cancel(fmt.Errorf("its key was removed"))
	return r.Records.Load(lo, hi)
}

// TestImportStopsWithItsContext: an import whose context ends while it
// runs (over ssh: its key or reviewer removed) fails, naming why, and
// stores none of its lines: of one block, loaded whole at its start, or of
// several, those of blocks already committed neither.
func TestImportStopsWithItsContext(t *testing.T) {
	t.Parallel()
	for _, n := range []int{100, 1500} {
		db := storeWithKnownRubrics(t)
		var lines strings.Builder
		for i := range n {
			fmt.Fprintf(&lines, `{"type":"submission","application":"S%04d","credential":"df","attempt":1,"submitted_at":"2024-02-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}]}`+"\n", i)
		}
		file := strings.NewReader(lines.String())
		recs, err := store.ReadImportFile("stop.jsonl", file, file.Size(), store.ImportFileOptions{MaxLine: maxLine, MaxLineText: humanBytes(maxLine)})
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		before, err := st.Counts()
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancelCause(context.Background())
		err = importRecords(ctx, io.Discard, st, "stop.jsonl", cancelOnLoad{recs, cancel}, nil)
		if err == nil || !strings.Contains(err.Error(), "its key was removed") {
			t.Errorf("%d lines: import with its context ended: %v", n, err)
		}
		if after, err := st.Counts(); err != nil || after != before {
			t.Errorf("%d lines: a stopped import stored lines: %+v, before %+v (%v)", n, after, before, err)
		}
		cancel(nil)
		st.Close()
	}
}
