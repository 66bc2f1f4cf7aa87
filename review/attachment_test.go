package review

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckFileName(t *testing.T) {
	for name, ok := range map[string]bool{
		"plan.pdf": true, "unit-3/plan.pdf": true, "a b.txt": true,
		"": false, "../x.pdf": false, "a/../../x": false, "/etc/passwd": false, `..\x.pdf`: false, "a/..": false,
	} {
		if err := CheckFileName(name); (err == nil) != ok {
			t.Errorf("CheckFileName(%q) = %v, want ok=%v", name, err, ok)
		}
	}
}

func TestSizes(t *testing.T) {
	for in, want := range map[string]int64{"10MB": 10 << 20, "10 MiB": 10 << 20, "512kb": 512 << 10, "1.5GB": 3 << 29, "100": 100} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1MB", "ten", "0"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	for n, want := range map[int64]string{812: "812 B", 4300: "4.2 KB", 13002342: "12.4 MB", 10 << 20: "10 MB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
	err := DefaultFileLimits().CheckFile("x.pdf", 13002342, 13002342)
	if err == nil || err.Error() != `"x.pdf" is 12.4 MB, over the 10 MB limit per file` {
		t.Errorf("CheckFile: %v", err)
	}
}

func TestAttachmentText(t *testing.T) {
	if FileType("Notes.MD") != TypeMarkdown || FileType("x.docx") == TypeOther || FileType("x.bin") != TypeOther {
		t.Error("FileType")
	}
	if s, err := AttachmentText(TypeCSV, []byte("a,b\n1,\xff")); err != nil || !strings.Contains(s, "\ufffd") {
		t.Errorf("csv text %q, %v", s, err)
	}
	for _, bad := range [][]byte{nil, []byte("%PDF-1.4 garbage"), []byte("not a pdf")} {
		if _, err := AttachmentText(TypePDF, bad); !errors.Is(err, ErrNoText) {
			t.Errorf("PDF %q: %v, want ErrNoText", bad, err)
		}
	}
	if _, err := AttachmentText("image/png", []byte("x")); !errors.Is(err, ErrNoText) {
		t.Errorf("png: %v", err)
	}
}

// TestAttachmentLeakNotes: a leak inside a file names the file, unless the
// file's name is itself a leak, which is then named by position only.
func TestAttachmentLeakNotes(t *testing.T) {
	c := &Candidate{Name: "Dana Ruiz"}
	parts := []EvidencePart{{Title: "Part 2: Artifacts", Files: []string{"plan.pdf", "dana-ruiz.txt"}}}
	sc := NewLeakScanner(nil)
	leaks := append(sc.Scan(parts, "", c), sc.ScanAttachment(0, 1, "Prepared by Dana Ruiz", c)...)
	leaks = append(leaks, sc.ScanAttachment(0, 2, "Dana Ruiz, grade 4", c)...)
	got := strings.Join(LeakNotes(parts, leaks), "\n")
	for _, want := range []string{
		"possible identifying detail in a file name of part 2 (name)",
		"possible identifying detail in part 2, file plan.pdf (name)",
		"possible identifying detail in part 2, file 2 (name)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "dana-ruiz") {
		t.Errorf("notes repeat a leaking file name:\n%s", got)
	}
	if l := sc.ScanAttachment(0, 1, "Prepared by Dana Ruiz", c); len(l) != 1 || !l[0].Attachment || l[0].File != 1 || l[0].Start != 12 {
		t.Errorf("ScanAttachment: %+v", l)
	}
}
