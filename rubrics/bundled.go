package rubrics

import (
	"embed"
	"io/fs"
	"slices"
	"strings"

	"assessor/review"
)

// bundledFS holds the rubrics shipped inside the binary.
//
//go:embed bundled/*.md
var bundledFS embed.FS

// Bundled returns the rubrics built into the binary, sorted by id (then
// version). Errors name files "bundled/NAME.md". Each call parses afresh and
// returns new slices, so callers may modify what they get.
func Bundled() ([]review.Rubric, error) {
	entries, err := fs.ReadDir(bundledFS, "bundled")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, "bundled/"+e.Name())
	}
	rs, err := parseFiles(names, func(name string) ([]byte, error) {
		return fs.ReadFile(bundledFS, name)
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rs, func(a, b review.Rubric) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return a.Version - b.Version
	})
	return rs, nil
}
