package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// subWithFiles is goodSub for application app with files in part 1.
func subWithFiles(app string, files string) string {
	return strings.Replace(strings.Replace(goodSub, `"text":"Grade 5."}`, `"text":"Grade 5.","files":[`+files+`]}`, 1), `"A-1"`, `"`+app+`"`, 1)
}

// putFile writes content at p, creating its folders.
func putFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportFiles: evidence files are read from the JSONL file's folder or
// --files; a missing or unsafe name fails the import as FILE:LINE, and
// --no-files stores the names only.
func TestImportFiles(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "plan.txt"), "Lesson plan")
	putFile(t, filepath.Join(dir, "unit", "scores.csv"), "a,b\n1,2\n")
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"plan.txt","unit/scores.csv"`)+"\n")
	// By default files are read from the JSONL's own folder.
	if out, err := run(t, "", "import", "--db", db, in); err != nil || !strings.Contains(out, "1 submission,") {
		t.Fatalf("import: %v %q", err, out)
	}

	other := t.TempDir()
	putFile(t, filepath.Join(other, "plan.txt"), "Lesson plan")
	in2 := filepath.Join(dir, "in2.jsonl")
	putFile(t, in2, subWithFiles("A-2", `"plan.txt"`)+"\n")
	if _, err := run(t, "", "import", "--db", db, "--files", other, in2); err != nil {
		t.Fatalf("--files: %v", err)
	}

	tests := []struct{ name, files, want string }{
		{"missing", `"plan.txt","gone.pdf"`, `in3.jsonl:1: parts[0].files[1]: "gone.pdf": no such file in ` + dir},
		{"folder named twice", `"` + filepath.Base(dir) + `/plan.txt"`, `in3.jsonl:1: parts[0].files[0]: "` + filepath.Base(dir) + `/plan.txt": no such file in ` + dir +
			" (names are read inside that folder, so this is " + filepath.Join(dir, filepath.Base(dir), "plan.txt") + ": name it plan.txt, or import with --files " + filepath.Dir(dir) + ")"},
		{"escape", `"../secret.txt"`, `in3.jsonl:1: parts[0].files[0]: "../secret.txt": must be a file name or a relative path`},
		{"absolute", `"/etc/hostname"`, `in3.jsonl:1: parts[0].files[0]: "/etc/hostname": must be a file name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in3 := filepath.Join(dir, "in3.jsonl")
			putFile(t, in3, subWithFiles("A-3", tt.files)+"\n")
			_, err := run(t, "", "import", "--db", db, in3)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			// --no-files stores the names only.
			if tt.name == "missing" {
				if _, err := run(t, "", "import", "--db", db, "--no-files", in3); err != nil {
					t.Errorf("--no-files: %v", err)
				}
			}
		})
	}
	if c := counts(t, db); c.Attempts != 3 {
		t.Errorf("counts %+v", c)
	}
}

// TestImportFileLimits: config files shows and sets the limits, refuses a
// bad or empty size, and an import with a file over the limit stores nothing.
func TestImportFileLimits(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	if out := mustRun(t, "config", "files", "--db", db); out != "per file: 10 MB\nper attempt: 50 MB\n" {
		t.Errorf("defaults: %q", out)
	}
	if out := mustRun(t, "config", "files", "--max-file", "1KB", "--db", db); !strings.Contains(out, "per file: 1 KB") {
		t.Errorf("set: %q", out)
	}
	for _, bad := range [][]string{{"--max-file", "lots"}, {"--max-file", ""}, {"--max-attempt", ""}} {
		// Empty, as a script's unset $SIZE gives it, is no size either.
		if out, err := run(t, "", append([]string{"config", "files", "--db", db}, bad...)...); err == nil || !strings.Contains(err.Error(), bad[0]+": ") {
			t.Errorf("config files %q: %v %q, want a one-line error naming the flag", bad, err, out)
		}
	}
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "big.pdf"), strings.Repeat("x", 1536))
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"big.pdf"`)+"\n")
	_, err := run(t, "", "import", "--db", db, in)
	if want := `in.jsonl:1: parts[0].files[0]: "big.pdf" is 1.5 KB, over the 1 KB limit per file`; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
	if c := counts(t, db); c.Attempts != 0 {
		t.Errorf("stored %+v", c)
	}
}

// TestImportMissingFileHere: a file missing from the current folder, where
// a FILE named without a folder has its files read, is said so in words.
func TestImportMissingFileHere(t *testing.T) {
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "in.jsonl"), subWithFiles("A-1", `"nope.pdf"`)+"\n")
	t.Chdir(dir)
	_, err := run(t, "", "import", "--db", db, "in.jsonl")
	if want := `in.jsonl:1: parts[0].files[0]: "nope.pdf": no such file in the current folder (--files names another)`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestImportNoFilesRefusesUnsafeNames: a file name that could reach outside
// the files folder (docs/formats.md §2: "`..` and absolute paths are
// refused"), or none (empty, null), fails an import with --no-files as it
// fails one that reads the files, in the same words, and nothing is stored:
// the names alone reach reviewers' screens.
func TestImportNoFilesRefusesUnsafeNames(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	for _, names := range []string{`null`, `""`, `"../secret.txt"`, `"/etc/hostname"`, `"unit/../../secret.txt"`} {
		t.Run(names, func(t *testing.T) {
			putFile(t, in, subWithFiles("A-1", names)+"\n")
			_, withFiles := run(t, "", "import", "--db", db, in)
			_, noFiles := run(t, "", "import", "--db", db, "--no-files", in)
			if noFiles == nil {
				t.Fatalf("--no-files imported files [%s]", names)
			}
			want := in + ":1: parts[0].files[0]: "
			if !strings.HasPrefix(noFiles.Error(), want) || withFiles == nil || noFiles.Error() != withFiles.Error() {
				t.Errorf("--no-files: %v\nwith files: %v\nwant the same line, starting %q", noFiles, withFiles, want)
			}
		})
	}
	if c := counts(t, db); c.Attempts != 0 {
		t.Errorf("stored %+v", c)
	}
}

// TestImportFilesFlagIsTheFolderRead: --files DIR is where the evidence
// is read, not FILE's own folder: a file only in DIR imports, and one
// only beside FILE is missing.
func TestImportFilesFlagIsTheFolderRead(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir, other := t.TempDir(), t.TempDir()
	putFile(t, filepath.Join(other, "only-there.txt"), "Lesson plan")
	putFile(t, filepath.Join(dir, "only-here.txt"), "Lesson plan")
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"only-there.txt"`)+"\n")
	if out, err := run(t, "", "import", "--db", db, "--files", other, in); err != nil {
		t.Fatalf("import --files %s: %v %s", other, err, out)
	}
	in2 := filepath.Join(dir, "in2.jsonl")
	putFile(t, in2, subWithFiles("A-2", `"only-here.txt"`)+"\n")
	_, err := run(t, "", "import", "--db", db, "--files", other, in2)
	if want := `"only-here.txt": no such file in ` + other; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a file beside FILE but not in --files: %v, want %q", err, want)
	}
}

// TestImportFilesAndNoFilesRefused: --files and --no-files together are
// refused before anything is stored.
func TestImportFilesAndNoFilesRefused(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"plan.txt"`)+"\n")
	_, err := run(t, "", "import", "--db", db, "--files", dir, "--no-files", in)
	if err == nil || err.Error() != "--files and --no-files exclude each other" {
		t.Errorf("--files with --no-files: %v", err)
	}
	if c := counts(t, db); c.Attempts != 0 {
		t.Errorf("stored %+v", c)
	}
}
