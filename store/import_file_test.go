package store

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"assessor/review"
)

// indexFile writes recs as the JSON Lines file name in a temporary
// folder and indexes it (pass 1), as `assessor import` does.
func indexFile(t *testing.T, name string, recs []review.Record) (*ImportFile, string) {
	t.Helper()
	var b bytes.Buffer
	if err := review.WriteJSONL(&b, recs); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	idx, err := ReadImportFile(name, f, int64(b.Len()), ImportFileOptions{MaxLine: 64 << 20, MaxLineText: "64 MiB"})
	if err != nil {
		t.Fatal(err)
	}
	return idx, path
}

// countedRecords is Records that counts what it loaded: every load of
// each record, and the largest single Load.
type countedRecords struct {
	Records
	mu      sync.Mutex
	loads   map[int]int
	largest int
}

func counted(src Records) *countedRecords {
	return &countedRecords{Records: src, loads: map[int]int{}}
}

func (c *countedRecords) Load(lo, hi int) ([]review.Record, error) {
	c.mu.Lock()
	for i := lo; i < hi; i++ {
		c.loads[i]++
	}
	c.largest = max(c.largest, hi-lo)
	c.mu.Unlock()
	return c.Records.Load(lo, hi)
}

// smallWindow makes imports load blocks of 16 records, at most 2 ahead,
// and records each import's window, for the rest of the test.
func smallWindow(t *testing.T) *[]*importRecs {
	t.Helper()
	var seen []*importRecs
	wb, wa := recBlock, aheadBlocks
	recBlock, aheadBlocks = 16, 2
	importRecsHook = func(r *importRecs) { seen = append(seen, r) }
	t.Cleanup(func() { recBlock, aheadBlocks, importRecsHook = wb, wa, nil })
	return &seen
}

// byKind is recs with every submission before every decision, as an
// export grouped by kind: the import reorders it.
func byKind(recs []review.Record) []review.Record {
	var subs, decs []review.Record
	for _, r := range recs {
		if r.Submission != nil {
			subs = append(subs, r)
		} else {
			decs = append(decs, r)
		}
	}
	return append(subs, decs...)
}

// TestImportFromFileInChunks: a file imported in chunks from its index
// (pass 2 reads its lines again) leaves the store byte for byte as the
// same records imported from memory, and holds a bounded window of its
// records: never more than the blocks ahead of the import and its own.
func TestImportFromFileInChunks(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	recs := byKind(secondFile(rs, now))
	chunks := 0
	withChunks(t, 60, func(n int) error { chunks = n; return nil })

	want := snapshotStore(t, rs, now)
	wantStats, err := want.Import("f2.jsonl", recs)
	if err != nil {
		t.Fatal(err)
	}

	got := snapshotStore(t, rs, now)
	seen := smallWindow(t)
	idx, _ := indexFile(t, "f2.jsonl", recs)
	src := counted(idx)
	stats, err := got.ImportFrom("f2.jsonl", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats != wantStats {
		t.Errorf("stats %+v from the file, %+v from memory", stats, wantStats)
	}
	if chunks < 3 {
		t.Fatalf("%d chunks, want several", chunks)
	}
	sameStores(t, "from memory", dumpNoHistoryKeys(t, want.db), "from the file", dumpNoHistoryKeys(t, got.db))
	bound := (aheadBlocks + 2) * recBlock
	if len(*seen) != 1 {
		t.Fatalf("%d imports seen, want 1", len(*seen))
	}
	if held := (*seen)[0].mostHeld(); held > bound || held >= len(recs) {
		t.Errorf("held %d of %d records at once, want at most %d", held, len(recs), bound)
	}
	if src.largest > recBlock {
		t.Errorf("largest Load %d records, want at most %d", src.largest, recBlock)
	}
	for i := range len(recs) {
		if src.loads[i] == 0 {
			t.Fatalf("record %d never loaded", i)
		}
	}
}

// TestImportFromFileConflictRereads: the file decides the attempt a
// reviewer decides between two chunks; the import starts over, reading
// its first records from the file again (not from a kept slice), and
// refuses the decision as an import after it would.
func TestImportFromFileConflictRereads(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	smallWindow(t)
	build := func(concurrent bool) (string, string, *countedRecords) {
		s := snapshotStore(t, rs, now)
		as, err := s.Next("rev-x", "")
		if err != nil {
			t.Fatal(err)
		}
		k := as.Attempt.Key()
		recs := append([]review.Record{{Line: 1, Decision: &review.Decision{
			Application: k.Application, Attempt: k.Attempt, Reviewer: "rev-z", DecidedAt: now,
			Outcome: review.Pass, Levels: passing(as.Rubric),
		}}}, secondFile(rs, now)...)
		decide := func() error { _, err := s.Decide("rev-x", k, passing(as.Rubric), nil); return err }
		decideAtChunk(t, 2, concurrent, decide)
		idx, _ := indexFile(t, "f2.jsonl", recs)
		src := counted(idx)
		_, err = s.ImportFrom("f2.jsonl", src, nil)
		decidedBy(t, s, k, "rev-x")
		return dumpNoHistoryKeys(t, s.db), errString(err), src
	}
	seqStore, seqErr, _ := build(false)
	conStore, conErr, src := build(true)
	sameRefusal(t, "between chunks from the file", seqStore, seqErr, conStore, conErr)
	if src.loads[0] < 2 {
		t.Errorf("record 0 loaded %d times, want it read again after the conflict", src.loads[0])
	}
}

// TestImportFileChangedBetweenPasses: a line that is no longer what pass
// 1 read (same length, one byte changed) fails the import with one line
// naming the file and line, after chunks were committed, and the store
// is as before.
func TestImportFileChangedBetweenPasses(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	s := snapshotStore(t, rs, now)
	before := withoutSeq(dumpStore(t, s.db))
	recs := secondFile(rs, now)
	chunks := 0
	withChunks(t, 60, func(n int) error { chunks = n; return nil })
	smallWindow(t)
	idx, path := indexFile(t, "f2.jsonl", recs)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	last := bytes.LastIndex(data[:len(data)-1], []byte("\n")) + 1
	at := last + bytes.Index(data[last:], []byte(`"attempt":`)) + len(`"attempt":`)
	data[at]++ // the last line's attempt number, one more
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.ImportFrom("f2.jsonl", idx, nil)
	want := "f2.jsonl:" + strconv.Itoa(len(recs)) + ": the file changed while it was imported; nothing of it was stored"
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line starting %q", err, want)
	}
	if chunks < 2 {
		t.Fatalf("%d chunks before the changed line, want several", chunks)
	}
	sameStores(t, "before", before, "after the changed file", withoutSeq(dumpStore(t, s.db)))
}

// TestReadImportFileOrders: pass 1 orders the index as review.ImportOrder
// orders the records, skips blank lines and a byte order mark, and fails
// a candidate's unknown state (the first in import order) before the
// store is opened.
func TestReadImportFileOrders(t *testing.T) {
	lines := []string{
		"\ufeff" + `{"type":"decision","application":"A","attempt":1,"reviewer":"r","decided_at":"2024-05-02T00:00:00Z","outcome":"pass","levels":{"C1":"Met"}}`,
		"",
		`{"type":"submission","application":"B","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"P","text":"t"}]}`,
		"  ",
		`{"type":"submission","application":"A","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"P","text":"t"}]}`,
	}
	data := strings.Join(lines, "\r\n") + "\n"
	idx, err := ReadImportFile("f.jsonl", strings.NewReader(data), int64(len(data)), ImportFileOptions{MaxLine: 1 << 20, MaxLineText: "1 MiB"})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := idx.Load(0, idx.Len())
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range recs {
		got = append(got, r.Line)
	}
	if want := []int{5, 3, 1}; !slices.Equal(got, want) {
		t.Errorf("lines in import order %v, want %v", got, want)
	}

	state := func(app, st string) string {
		return `{"type":"submission","application":"` + app + `","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
			`"candidate":{"name":"N","email":"n@example.org","state":"` + st + `"},"parts":[{"title":"P","text":"t"}]}`
	}
	dec := `{"type":"decision","application":"Z","attempt":1,"reviewer":"r","decided_at":"2024-05-02T00:00:00Z","outcome":"pass","levels":{"C1":"Met"}}`
	// Z's decision (line 1) moves after its submission (line 3), whose
	// state is bad, as is Y's (line 2): Z's comes first in import order.
	data = strings.Join([]string{dec, state("Y", "Atlantis"), state("Z", "Hilo")}, "\n")
	_, err = ReadImportFile("s.jsonl", strings.NewReader(data), int64(len(data)), ImportFileOptions{MaxLine: 1 << 20, MaxLineText: "1 MiB"})
	if err == nil || !strings.HasPrefix(err.Error(), "s.jsonl:3: candidate.state:") {
		t.Fatalf("err = %v, want s.jsonl:3: candidate.state: … (Z's submission, first in import order)", err)
	}
}

// mostHeld is the most records the window held at once (tests).
func (r *importRecs) mostHeld() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.maxHeld
}
