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
	m0, ok0 := readMeta(f, 0)
	var m1 boltMeta
	ok1 := false
	if ok0 {
		m1, ok1 = readMeta(f, int64(m0.pageSize))
	} else {
		for i := 0; i < secondMetaTries && !ok1; i++ {
			pos := int64(1024) << i
			if pos >= info.Size() {
				break
			}
			m1, ok1 = readMeta(f, pos)
			ok1 = ok1 && int64(m1.pageSize) == pos
		}
	}
	m := m0
	switch {
	case !ok0 && !ok1 && boltMagicAt(f, 0):
		// The file says it is a store, but neither header holds: damage,
		// not the wrong file.
		return notStore(path, "both of its header pages are damaged: restore it from a backup")
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

// boltMagicAt reports whether the page at pos starts a bbolt meta page,
// valid or not.
func boltMagicAt(r io.ReaderAt, pos int64) bool {
	var buf [metaOffset + 4]byte
	_, err := r.ReadAt(buf[:], pos)
	return err == nil && binary.NativeEndian.Uint32(buf[metaOffset:]) == boltMagic
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

// notStore is the one-line ErrNotStore error for path.
func notStore(path, why string) error {
	return &openError{fmt.Sprintf("%s is not an assessor store (%s)", path, why), ErrNotStore}
}
