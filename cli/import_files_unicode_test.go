package cli

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestImportFileNameOtherUnicodeForm: a part names "plan-résumé.txt"
// composed (NFC, as JSON from a web form holds it) and the files folder
// holds it decomposed (NFD, as macOS writes names), or the reverse; `ls`
// shows the two alike. The file exists as any reader sees it, so it is
// imported, with its bytes; the import refused the whole file with "no
// such file".
func TestImportFileNameOtherUnicodeForm(t *testing.T) {
	t.Parallel()
	const nfc, nfd = "plan-r\u00e9sum\u00e9.txt", "plan-re\u0301sume\u0301.txt"
	for _, tt := range []struct{ name, named, onDisk string }{
		{"named NFC, NFD on disk", nfc, nfd},
		{"named NFD, NFC on disk", nfd, nfc},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			db := storeWithKnownRubrics(t)
			writeFile(t, dir, tt.onDisk, "My lesson plan.\n")
			in := writeFile(t, dir, "in.jsonl", subWithFiles("F-1", `"`+tt.named+`"`)+"\n")
			if out, err := run(t, "", "import", in, "--files", dir, "--db", db); err != nil {
				t.Fatalf("import: %v\n%s", err, out)
			}
			idx, done, err := indexInput(in, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			defer done()
			src, closeDir, err := dirEvidence(in, dir, idx.Named, review.FileLimits{})
			if err != nil {
				t.Fatal(err)
			}
			defer closeDir()
			if data, err := src.Open(tt.named); err != nil || string(data) != "My lesson plan.\n" {
				t.Errorf("Open(%q) with %q on disk: %q, %v", tt.named, tt.onDisk, data, err)
			}
		})
	}
	// Neither form in the folder: the error is as it was.
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", subWithFiles("F-2", `"`+nfc+`"`)+"\n")
	_, err := run(t, "", "import", in, "--files", dir, "--db", storeWithKnownRubrics(t))
	if want := `"` + nfc + `": no such file in ` + dir; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestImportBundleFileNameOtherUnicodeForm: the bundle of a folder made
// on macOS (tar -cf - new.jsonl evidence/) holds "plan-résumé.txt"
// decomposed, as the file system wrote it, while the JSONL from a web
// form names it composed, or the reverse. The bundle finds it as a files
// folder does; the import refused the whole file with "no such file in
// the bundle".
func TestImportBundleFileNameOtherUnicodeForm(t *testing.T) {
	t.Parallel()
	const nfc, nfd = "plan-r\u00e9sum\u00e9.txt", "plan-re\u0301sume\u0301.txt"
	for _, tt := range []struct{ name, named, inBundle string }{
		{"named NFC, NFD in the bundle", nfc, nfd},
		{"named NFD, NFC in the bundle", nfd, nfc},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := storeWithKnownRubrics(t)
			sub := subWithFiles("U-1", `"`+tt.named+`"`) + "\n"
			tarball := tarBundle(t, tarEntry{name: "new.jsonl", body: sub}, tarEntry{name: tt.inBundle, body: "My lesson plan.\n"})
			if out, err := run(t, tarball, "import", "--tar", "-", "--db", db); err != nil {
				t.Fatalf("import --tar: %v %q", err, out)
			}
			b, err := readBundle("stdin", "-", strings.NewReader(tarball), t.TempDir(), review.DefaultFileLimits(), 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			defer b.close()
			if data, err := b.Open(tt.named); err != nil || string(data) != "My lesson plan.\n" {
				t.Errorf("Open(%q) with %q in the bundle: %q, %v", tt.named, tt.inBundle, data, err)
			}
		})
	}
}
