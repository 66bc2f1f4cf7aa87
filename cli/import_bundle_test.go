package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"assessor/review"
)

// tarEntry is one entry of a test bundle; link makes it a symbolic link.
type tarEntry struct{ name, body, link string }

// tarBundle returns entries as the bytes of a tar file.
func tarBundle(t *testing.T, entries ...tarEntry) string {
	t.Helper()
	var b bytes.Buffer
	w := tar.NewWriter(&b)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: tar.TypeReg}
		switch {
		case e.link != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		case strings.HasSuffix(e.name, "/"):
			h.Typeflag, h.Mode = tar.TypeDir, 0o755
		}
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := w.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestImportBundle: import --tar reads one .jsonl file and the evidence
// files it names from a tar stream (what `tar -cf - new.jsonl evidence`
// writes), stores the files as a folder import would, and refuses a bundle
// that is not one, an entry that leaves it, a link, or a missing or
// oversized file, storing nothing.
func TestImportBundle(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	sub := subWithFiles("A-1", `"plan.txt","unit/scores.csv"`) + "\n"
	good := tarBundle(t, tarEntry{name: "./"}, tarEntry{name: "./new.jsonl", body: sub},
		tarEntry{name: "./plan.txt", body: "Lesson plan"}, tarEntry{name: "./unit/"}, tarEntry{name: "./unit/scores.csv", body: "a,b\n1,2\n"},
		tarEntry{name: "./unused.bin", body: "not named by any part"})
	if out, err := run(t, good, "import", "--tar", "-", "--db", db); err != nil || out != "new.jsonl: 1 submission, 0 decisions imported; 0 lines unchanged\n" {
		t.Fatalf("import --tar: %v %q", err, out)
	}
	st := openTestStore(t, db)
	a, err := st.Attempt(review.AttemptKey{Application: "A-1", Attempt: 1})
	st.Close()
	if err != nil || len(a.Parts[0].Attachments) != 2 || a.Parts[0].Attachments[1].Name != "unit/scores.csv" {
		t.Fatalf("attachments after import --tar: %+v %v", a.Parts, err)
	}

	mustRun(t, "config", "files", "--max-file", "1KB", "--db", db)
	other := subWithFiles("A-2", `"plan.txt"`) + "\n"
	tests := []struct {
		name    string
		entries []tarEntry
		want    string
	}{
		{"missing file", []tarEntry{{name: "b.jsonl", body: other}}, `b.jsonl:1: parts[0].files[0]: "plan.txt": no such file in the bundle`},
		{"over the limit", []tarEntry{{name: "b.jsonl", body: other}, {name: "plan.txt", body: strings.Repeat("x", 1536)}},
			`b.jsonl:1: parts[0].files[0]: "plan.txt" is 1.5 KB, over the 1 KB limit per file`},
		{"escape", []tarEntry{{name: "b.jsonl", body: other}, {name: "../plan.txt", body: "x"}}, `stdin: entry "../plan.txt": outside the bundle`},
		{"absolute", []tarEntry{{name: "/etc/b.jsonl", body: other}}, `stdin: entry "/etc/b.jsonl": outside the bundle`},
		{"link", []tarEntry{{name: "b.jsonl", body: other}, {name: "plan.txt", link: "/etc/passwd"}}, `stdin: entry "plan.txt" is not a regular file`},
		{"no jsonl", []tarEntry{{name: "plan.txt", body: "x"}, {name: "dir/b.jsonl", body: other}}, "stdin: no .jsonl file at the top of the bundle"},
		{"two jsonl", []tarEntry{{name: "a.jsonl", body: other}, {name: "b.jsonl", body: other}}, `stdin: holds two .jsonl files, "a.jsonl" and "b.jsonl"`},
		{"bad line", []tarEntry{{name: "b.jsonl", body: "{\n"}}, "b.jsonl:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := run(t, tarBundle(t, tt.entries...), "import", "--tar", "-", "--db", db); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := run(t, sub, "import", "--tar", "-", "--db", db); err == nil || !strings.Contains(err.Error(), "stdin: not a tar bundle") {
		t.Errorf("JSONL given as a bundle: %v", err)
	}
	if _, err := run(t, good, "import", "--tar", "--no-files", "-", "--db", db); err == nil || !strings.Contains(err.Error(), "--tar brings its own files") {
		t.Errorf("--tar with --no-files: %v", err)
	}
	if c := counts(t, db); c.Attempts != 1 {
		t.Errorf("failed bundles stored something: %+v", c)
	}
}

// TestBundleIsNotHeldInMemory: a bundle is spooled to disk and indexed,
// its files read from the spool as the import stores them: reading one of
// 24 MB, most of it files no line names, allocates a small part of that
// (the whole bundle was held before, and a served store grew by each
// bundle's size). Not parallel: it reads the process's allocation count.
func TestBundleIsNotHeldInMemory(t *testing.T) {
	sub := subWithFiles("A-1", `"plan.txt"`) + "\n"
	entries := []tarEntry{{name: "new.jsonl", body: sub}, {name: "plan.txt", body: "Lesson plan"}}
	for i := range 3 {
		entries = append(entries, tarEntry{name: fmt.Sprintf("unused-%d.bin", i), body: strings.Repeat("x", 8<<20)})
	}
	tarball := tarBundle(t, entries...)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := readBundle("stdin", "-", strings.NewReader(tarball), t.TempDir(), review.FileLimits{}, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	plan, err := b.Open("plan.txt")
	runtime.ReadMemStats(&after)
	if err != nil || string(plan) != "Lesson plan" {
		t.Fatalf("plan.txt from the spool: %q %v", plan, err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 2<<20 {
		t.Errorf("reading a 24 MB bundle allocated %d KB, want under 2 MB", got>>10)
	}
}

// TestBundleNameTwice: an entry whose name comes twice (tar -r appends a
// copy) is refused, not read as whichever copy came last.
func TestBundleNameTwice(t *testing.T) {
	sub := subWithFiles("A-1", `"ev/a.txt"`) + "\n"
	for _, entries := range [][]tarEntry{
		{{name: "new.jsonl", body: sub}, {name: "ev/a.txt", body: "first"}, {name: "./ev/a.txt", body: "second"}},
		{{name: "new.jsonl", body: sub}, {name: "new.jsonl", body: sub}},
	} {
		_, err := readBundle("stdin", "-", strings.NewReader(tarBundle(t, entries...)), t.TempDir(), review.DefaultFileLimits(), 1<<30)
		if err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%v: %v", entries[len(entries)-1].name, err)
		}
	}
}

// TestGzipImportRefused: a gzip-compressed input (a bundle made with tar
// -czf, or a gzipped JSON Lines file) is refused in one line saying it is
// compressed and what to do: it was "not a tar bundle: unexpected EOF",
// or without --tar "FILE:1: not valid UTF-8".
func TestGzipImportRefused(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(tarBundle(t, tarEntry{name: "new.jsonl", body: subWithFiles("A-1", `"plan.txt"`) + "\n"},
		tarEntry{name: "plan.txt", body: "Lesson plan"})))
	w.Close()
	tgz := filepath.Join(t.TempDir(), "b.tgz")
	if err := os.WriteFile(tgz, gz.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"import", "--tar", tgz}, "", tgz + ": gzip-compressed: --tar takes a bundle made with tar -cf, not tar -czf"},
		{[]string{"import", "--tar", "-"}, gz.String(), "stdin: gzip-compressed: --tar takes a bundle made with tar -cf, not tar -czf"},
		{[]string{"import", tgz}, "", tgz + ": gzip-compressed, not JSON Lines: gunzip it first"},
		{[]string{"import", "-"}, gz.String(), "stdin: gzip-compressed, not JSON Lines: gunzip it first"},
	} {
		_, err := run(t, tc.stdin, append(tc.args, "--db", db)...)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %v, want one line starting %q", tc.args, err, tc.want)
		}
	}
}
