package cli

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"

	"assessor/review"
)

// TestBadgeExportWritesRevocationsLast: the revocation list is written
// after every other file, whatever the names, so an export stopped partway
// never holds an assertion with a list that does not yet revoke it.
func TestBadgeExportWritesRevocationsLast(t *testing.T) {
	files := map[string]any{
		review.RevocationListFile: []string{},
		"assertions/s-1.json":     map[string]string{},
		"z-after-the-list/x.json": map[string]string{},
		review.ProfileFile:        map[string]string{},
	}
	var out bytes.Buffer
	if _, err := writeBadgeFiles("-", &out, files); err != nil {
		t.Fatal(err)
	}
	var names []string
	tr := tar.NewReader(&out)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
	want := []string{"assertions/s-1.json", review.ProfileFile, "z-after-the-list/x.json", review.RevocationListFile}
	if !slices.Equal(names, want) {
		t.Errorf("written in the order %q, want %q", names, want)
	}
}
