package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportLongFileNameErrorIsShort: a file name of 4,000 bytes that an
// import refuses (unsafe, too long for the disk, missing, over the size
// limit) is quoted cut to 64 bytes, as a bad value is (docs/formats.md),
// with and without --no-files: the OS's own error text would repeat it
// whole. The line still names the file, line and field.
func TestImportLongFileNameErrorIsShort(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	mustRun(t, "config", "files", "--max-file", "1KB", "--db", db)
	dir := t.TempDir()
	// A real file 4,000 bytes down, over the per-file limit.
	var deep []string
	for range 16 {
		deep = append(deep, strings.Repeat("d", 240))
	}
	big := strings.Join(deep, "/") + "/" + strings.Repeat("b", 4000-16*241-4) + ".pdf"
	putFile(t, filepath.Join(dir, big), strings.Repeat("x", 1536))
	in := filepath.Join(dir, "in.jsonl")
	for i, c := range []struct {
		name, bad string
		noFiles   bool // refused with --no-files too
	}{
		{"unsafe", "../" + strings.Repeat("y", 3997), true},
		{"too long for the disk", strings.Repeat("y", 4000), false},
		{"missing", strings.Repeat("d/", 1999) + "yy", false},
		{"over the limit", big, false},
		// Named inside the files folder's own name: the hint does not repeat it.
		{"folder named twice", (filepath.Base(dir) + "/" + strings.Repeat("d/", 2000))[:3999] + "y", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.bad) != 4000 {
				t.Fatalf("the name is %d bytes", len(c.bad))
			}
			// An application each, as --no-files may import it.
			putFile(t, in, subWithFiles(fmt.Sprintf("L-%d", i), `"`+c.bad+`"`)+"\n")
			for _, noFiles := range []bool{false, true} {
				args, how := []string{"import", "--db", db, in}, "reading files"
				if noFiles {
					args, how = append(args, "--no-files"), "--no-files"
				}
				_, err := run(t, "", args...)
				if noFiles && !c.noFiles {
					if err != nil {
						t.Errorf("%s: %.200v", how, err)
					}
					continue
				}
				want := in + ":1: parts[0].files[0]: "
				if err == nil {
					t.Fatalf("%s: imported", how)
				}
				msg := err.Error()
				// The test's temporary folder, named in the line, counts as a short one.
				short := strings.ReplaceAll(strings.ReplaceAll(msg, dir, "/in"), filepath.Dir(dir), "/tmp")
				if len(short) > 300 || !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") || !strings.Contains(msg, `…"`) {
					t.Errorf("%s: %d bytes, want one line under 300 starting %q with the name cut: %.300s", how, len(short), want, short)
				}
			}
		})
	}
}
