// Reading stdin with a limit: over ssh stdin is whatever a client sends,
// and a command that checks a size after reading must not first hold an
// endless stream in memory.

package cli

import (
	"fmt"
	"io"
	"unicode/utf8"

	"assessor/review"
	"assessor/rubrics"
	"assessor/server"
)

// Limits on what a command reads whole from stdin or a small file.
const (
	maxSnippetBytes = review.MaxSnippetChars*utf8.UTFMax + 64 // the rune check follows; room for the line end and spaces trimmed
	maxKeyFile      = 1 << 20                                 // an authorized_keys file of thousands of keys
	maxRubricFile   = rubrics.MaxFileSize                     // rubrics are pages of Markdown
	maxImportStdin  = maxBundle                               // the JSONL of a whole program
)

// readAllMax reads r to its end, failing as soon as it passes max bytes
// with one line naming what was read (what) and the limit.
func readAllMax(what string, r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: over %s, nothing was read", what, sizeText(max))
	}
	return b, nil
}

// limitedStdin is stdin for a command that parses as it reads (import -):
// it fails once past max bytes.
func limitedStdin(r io.Reader, max int64) io.Reader { return limitedInput("stdin", r, max) }

// limitedInput is limitedStdin for an input its error names name.
func limitedInput(name string, r io.Reader, max int64) io.Reader {
	return server.CappedReader(r, max, func() error {
		return inputTooBig{fmt.Errorf("%s: over %s: split the input", name, sizeText(max))}
	})
}

// inputTooBig is the error of an input past its limit, so that a reader
// of a stream (a tar bundle) reports it as it is.
type inputTooBig struct{ error }

// sizeText is a byte count for an error message.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return review.Count(n, "byte", "bytes")
}
