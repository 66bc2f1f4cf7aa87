package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"

	"assessor/review"
)

// bbolt's on-disk meta page (go.etcd.io/bbolt/internal/common): a 16-byte
// page header, then magic, version, page size, flags (4 bytes each), root
// bucket (16), freelist page, high-water page id, txid and an FNV-64a
// checksum of everything before it (8 bytes each), in native byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	metaOffset      = 16
	metaSumEnd      = 56 // checksum covers meta bytes [0, metaSumEnd)
	metaLen         = metaSumEnd + 8
	minPageSize     = 512
	maxPageSize     = 1 << 24
	secondMetaTries = 15 // bbolt probes 1 KiB << 0..14 for the second meta page
)

// boltMeta is the part of a meta page checkHeader needs.
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages below it are in use
	txid     uint64
}

// checkHeader looks at an existing file before bbolt maps it. bbolt trusts
// a valid meta page and maps the file; a file cut short after it faults when
// read, which no recover catches. So a file must carry a valid meta page and
// be at least as long as the pages that meta claims. It only reads.
func checkHeader(path string, readOnly bool) error {
	// Opening a named pipe waits for a writer, which never comes: a
	// file that is neither a file nor a folder is refused unopened.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return notStore(path, "it is not a regular file")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && readOnly {
		return &openError{fmt.Sprintf("store %s does not exist", path), fs.ErrNotExist}
	} else if errors.Is(err, fs.ErrNotExist) {
		return nil // bbolt creates it
	}
	if err != nil {
		return openFailed(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return openFailed(path, err)
	}
	switch {
	case info.IsDir():
		return notStore(path, "it is a directory")
	case info.Size() == 0:
		// bbolt would make an empty file a store: not ours to claim.
		return notStore(path, "the file is empty")
	}
	m0, ok0, m1, ok1 := readMetas(f, info.Size())
	m := m0
	switch {
	case !ok0 && !ok1 && (boltMagicAt(f, 0) || boltPageAt(f, 2, defaultPageSize)):
		// The file says it is a store, but neither header holds: damage,
		// not the wrong file.
		return damagedFile(path, "both of its header pages are damaged")
	case !ok0 && !ok1:
		return notStore(path, "not a bbolt database")
	case !ok0 || (ok1 && m1.txid > m0.txid):
		m = m1
	}
	if need := int64(m.pgid) * int64(m.pageSize); info.Size() < need {
		return notStore(path, fmt.Sprintf("the file is truncated: %s of %d", review.Count(info.Size(), "byte", "bytes"), need))
	}
	return nil
}

// readMetas reads both meta pages of a file of size bytes: the first at 0,
// the second one page on, probing the page sizes bbolt may have used when
// the first does not say.
func readMetas(f io.ReaderAt, size int64) (m0 boltMeta, ok0 bool, m1 boltMeta, ok1 bool) {
	m0, ok0 = readMeta(f, 0)
	if ok0 {
		m1, ok1 = readMeta(f, int64(m0.pageSize))
		return m0, ok0, m1, ok1
	}
	for i := 0; i < secondMetaTries && !ok1; i++ {
		pos := int64(1024) << i
		if pos >= size {
			break
		}
		m1, ok1 = readMeta(f, pos)
		ok1 = ok1 && int64(m1.pageSize) == pos
	}
	return m0, ok0, m1, ok1
}

// headerProblem says whether one of the two header pages of the store at
// path does not read. bbolt then opens the store as of the commit the other
// one records; when the damaged one held a newer commit (a write torn by a
// crash, or a page a bad disk damaged), that change is not there, and
// nothing else says so. The next commit rewrites the damaged page and the
// trace is gone. "" when both read.
func headerProblem(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ""
	}
	m0, ok0, m1, ok1 := readMetas(f, info.Size())
	bad, good := 1, m0
	switch {
	case ok0 == ok1:
		return "" // both read; neither is checkHeader's refusal
	case !ok0:
		bad, good = 0, m1
	}
	// bbolt writes commit n's header to page n%2, so both the commit
	// before the good one and the one after it would have gone to the bad
	// page: which it held, the file cannot tell.
	return fmt.Sprintf("header page %d is damaged (a crash mid-write, or a bad disk); the store reads at transaction %d, "+
		"from page %d: if the damaged page held the commit after it, the change committed last is missing "+
		"(if one is, restore a backup or make it again); the next change rewrites the page", bad, good.txid, 1-bad)
}

// boltMagicAt reports whether the page at pos starts a bbolt meta page,
// valid or not.
func boltMagicAt(r io.ReaderAt, pos int64) bool {
	var buf [metaOffset + 4]byte
	_, err := r.ReadAt(buf[:], pos)
	return err == nil && binary.NativeEndian.Uint32(buf[metaOffset:]) == boltMagic
}

// defaultPageSize is the page size bbolt gives a store on this machine's
// kind (the system's, 4 KiB here), for a file whose headers say nothing.
const defaultPageSize = 4096

// boltPageAt reports whether page id of a file of pageSize pages starts
// with a bbolt page header naming that page, of a kind bbolt writes past
// its headers: so a file whose two headers were wiped (zeroed by a bad
// disk) is still known for a store.
func boltPageAt(r io.ReaderAt, id uint64, pageSize int64) bool {
	var buf [10]byte
	if _, err := r.ReadAt(buf[:], int64(id)*pageSize); err != nil {
		return false
	}
	const branch, leaf, freelist = 0x01, 0x02, 0x10
	flags := binary.NativeEndian.Uint16(buf[8:])
	return binary.NativeEndian.Uint64(buf[:]) == id && (flags == branch || flags == leaf || flags == freelist)
}

// readMeta reads and validates the meta page at pos.
func readMeta(r io.ReaderAt, pos int64) (boltMeta, bool) {
	var buf [metaOffset + metaLen]byte
	if _, err := r.ReadAt(buf[:], pos); err != nil {
		return boltMeta{}, false
	}
	m := buf[metaOffset:]
	ne := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:metaSumEnd])
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion || ne.Uint64(m[metaSumEnd:]) != h.Sum64() {
		return boltMeta{}, false
	}
	meta := boltMeta{pageSize: ne.Uint32(m[8:]), pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}
	if meta.pageSize < minPageSize || meta.pageSize > maxPageSize || meta.pageSize&(meta.pageSize-1) != 0 {
		return boltMeta{}, false
	}
	return meta, true
}

// damagedFile is the one-line error of a store whose pages bbolt could not
// read as it opened it: a store, damaged, not another kind of file. It
// matches ErrCorrupt.
func damagedFile(path, why string) error {
	return &openError{fmt.Sprintf("store %s is damaged (%s): restore it from a backup", path, why), ErrCorrupt}
}

// notStore is the one-line ErrNotStore error for path.
func notStore(path, why string) error {
	return &openError{fmt.Sprintf("%s is not an assessor store (%s)", path, why), ErrNotStore}
}

// FileKind names what a file that is not regular is.
func FileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}
