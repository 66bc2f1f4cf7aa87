package store

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"assessor/review"
)

// preparedFiles is one submission's evidence files, read, hashed and with
// their text extracted before the import transaction: parts are the
// submission's parts with Attachments set, blobs the bytes by hash, texts
// the text of each text-like file. err is the field error of the first bad
// file; the import reports it when it reaches the record's line.
type preparedFiles struct {
	parts []review.EvidencePart
	blobs map[string][]byte
	texts []fileText
	err   error
}

// fileText is the text of one file: part index, 1-based file index.
type fileText struct {
	part, file int
	text       string
}

// prepareFiles reads every file the parts name from src, in order, checks
// names and limits and describes each file. The parts are copied, never
// modified.
func prepareFiles(parts []review.EvidencePart, src FileSource, limits review.FileLimits) *preparedFiles {
	pf := &preparedFiles{parts: slices.Clone(parts), blobs: map[string][]byte{}}
	var total int64
	// A file attached twice is read once: its text, or that it has none.
	type read struct {
		text       string
		ok, unread bool
	}
	texts := map[string]read{}
	textLeft := review.MaxAttemptFileText
	for i := range pf.parts {
		p := &pf.parts[i]
		if len(p.Files) == 0 {
			continue
		}
		p.Attachments = make([]review.Attachment, len(p.Files))
		for j, name := range p.Files {
			field := fmt.Sprintf("parts[%d].files[%d]", i, j)
			if err := review.CheckFileName(name); err != nil {
				pf.err = fieldErr(field, fmt.Errorf("%s: %w", review.Quoted(name), err))
				return pf
			}
			data, err := src.Open(name)
			if err != nil {
				// An OS error repeats the whole name (up to 4,096 bytes).
				pf.err = fieldErr(field, review.CutPathError(err))
				return pf
			}
			total += int64(len(data))
			if err := limits.CheckFile(name, int64(len(data)), total); err != nil {
				pf.err = fieldErr(field, err)
				return pf
			}
			at := review.NewAttachment(name, data)
			p.Attachments[j] = at
			pf.blobs[at.Hash] = data
			if review.TextLike(at.Type) {
				// A PDF without extractable text (a scan) is stored all the
				// same; it is just not scanned.
				r, seen := texts[at.Hash+at.Type]
				switch {
				case seen:
				case textLeft <= 0:
					r.unread = true
				default:
					text, err := review.FileText(at, data)
					r = read{text: text, ok: err == nil}
					textLeft -= len(text)
				}
				texts[at.Hash+at.Type] = r
				switch {
				case r.unread:
					p.Attachments[j].Unread = true
				case r.ok:
					pf.texts = append(pf.texts, fileText{part: i, file: j + 1, text: r.text})
				}
			}
		}
	}
	return pf
}

// blobBytes is the size of every prepared file, for mapAhead.
func blobBytes(prepared []*preparedFiles) int64 {
	var n int64
	for _, pf := range prepared {
		if pf != nil {
			for _, b := range pf.blobs {
				n += int64(len(b))
			}
		}
	}
	return n
}

// store writes the blobs the attempt's files need; content already stored
// (by this or an earlier attempt) is not written again.
func (pf *preparedFiles) store(t *txn) error {
	hashes := make([]string, 0, len(pf.blobs))
	for h := range pf.blobs {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes) // a deterministic write order
	for _, h := range hashes {
		if err := t.putBlob(h, pf.blobs[h]); err != nil {
			return err
		}
	}
	return nil
}

// leakOrder is the order an attempt's leaks are kept in, the scan's: by
// place (the note, then each part's title, text, and each file's name
// and text), then by start. The screens mark a text's spans in one pass
// from its start.
func leakOrder(x, y review.Leak) int {
	return cmp.Or(cmp.Compare(x.Part, y.Part), cmp.Compare(x.File, y.File), cmpBool(x.Attachment, y.Attachment),
		cmpBool(!x.Title, !y.Title), cmp.Compare(x.Start, y.Start))
}

// cmpBool orders false before true.
func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// recordFileLeaks adds the leaks found in a's files (or anywhere else) to
// those recordLeaks found, in leakOrder, indexes a when it now has any,
// and returns the queue's flag count.
func (t *txn) recordFileLeaks(a *review.Attempt, found []review.Leak) (int, error) {
	if len(found) > 0 {
		a.Leaks = append(a.Leaks, found...)
		slices.SortStableFunc(a.Leaks, leakOrder)
		if err := t.putRaw(bucketLeakIndex, attemptKey(a.Key()), nil); err != nil {
			return 0, err
		}
	}
	return review.LeakParts(a.Leaks), nil
}
