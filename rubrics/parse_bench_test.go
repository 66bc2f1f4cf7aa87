package rubrics

import (
	"io/fs"
	"strings"
	"testing"
)

// BenchmarkParse parses the bundled rubrics (about 7 KB each) and 100 KB
// rubrics of the shapes that cost the block reader most, nested lists and
// underlined lines, so a change to reading headings shows its cost on what
// programs write and on the worst they could. docs/PERFORMANCE.md.
func BenchmarkParse(b *testing.B) {
	head := "---\nid: x\ntitle: X\n---\n### C1. One\n"
	var bundled [][]byte
	names, err := fs.Glob(bundledFS, "bundled/*.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(bundledFS, n)
		if err != nil {
			b.Fatal(err)
		}
		bundled = append(bundled, data)
	}
	for _, bc := range []struct {
		name string
		srcs [][]byte
	}{
		{"bundled", bundled},
		{"lists-100KB", [][]byte{[]byte(head + strings.Repeat("- a\n  - b\n    - c\n", 100_000/18))}},
		{"underlined-100KB", [][]byte{[]byte(head + strings.Repeat("a\n-\n", 100_000/4))}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				for _, src := range bc.srcs {
					if _, err := Parse("x.md", src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
