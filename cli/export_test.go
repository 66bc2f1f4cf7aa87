package cli

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestExportFeedback: feedback of one application (or one attempt by
// HANDLE#n) names no reviewer and no pseudonym; --all writes one file per
// decided attempt, and --all - the same files as a tar stream.
func TestExportFeedback(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	out := mustRun(t, "export", "feedback", "--application", "A2", "--db", db)
	for _, want := range []string{"Feedback on attempt 1 of application A2", "resubmit — revise", "C2", "not-yet",
		"The artifact does not yet show this criterion", "## Overall feedback"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	app := storedApplication(t, db, "A2")
	for _, banned := range []string{"rev-a", "rev-b", "rev-c", app.Pseudonym} {
		if strings.Contains(out, banned) {
			t.Errorf("export contains %q:\n%s", banned, out)
		}
	}
	// One attempt by handle.
	one := mustRun(t, "export", "feedback", "--application", app.Pseudonym+"#1", "--db", db)
	if strings.Contains(one, "\n---\n") || !strings.Contains(one, "attempt 1 of application A2") {
		t.Errorf("one attempt:\n%s", one)
	}
	if _, _, err := runLead(t, "", "export", "feedback", "--db", db); err == nil {
		t.Error("export without --application or --all succeeded")
	}

	dir := filepath.Join(t.TempDir(), "out")
	if _, errOut, err := runLead(t, "", "export", "feedback", "--all", dir, "--db", db); err != nil || !strings.Contains(errOut, "7 feedback files written") {
		t.Fatalf("--all: %v %q", err, errOut)
	}
	// Exports are private files, as the store is; A5's second attempt is
	// named with a key no one could guess from the first's.
	a51, a52 := feedbackFile(t, db, "A5", 1), feedbackFile(t, db, "A5", 2)
	if !strings.HasPrefix(a52, "A5-attempt-2-") || a51[len("A5-attempt-1"):] == a52[len("A5-attempt-2"):] {
		t.Errorf("file names %s and %s", a51, a52)
	}
	if fi, err := os.Stat(filepath.Join(dir, a52)); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %v, want 0600", fi.Mode().Perm())
	}
	b, err := os.ReadFile(filepath.Join(dir, a52))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "attempt 2 of application A5") || strings.Contains(string(b), "rev-") {
		t.Errorf("%s:\n%s", a52, b)
	}
	// --all - writes the same files as a tar stream.
	out, errOut, err := runLead(t, "", "export", "feedback", "--all", "-", "--db", db)
	if err != nil || !strings.Contains(errOut, "stdout: 7 feedback files written") {
		t.Fatalf("--all -: %v %q", err, errOut)
	}
	if tarred := untar(t, out); len(tarred) != 7 || !bytes.Equal(tarred[a52], b) {
		t.Errorf("--all - holds %d files; %s:\n%s", len(tarred), a52, tarred[a52])
	}
}

// feedbackFile is the name export feedback --all gives an attempt of
// application app in the store at db.
func feedbackFile(t *testing.T, db, app string, attempt int) string {
	t.Helper()
	st := openTestStore(t, db)
	defer st.Close()
	name, err := st.FeedbackNamer()
	if err != nil {
		t.Fatal(err)
	}
	return name(app, attempt)
}

// TestExportFeedbackWithholdsNames: what a reviewer wrote in feedback
// reaches the candidate without handles or reviewer ids (the export names
// neither): another attempt's handle, the candidate's own, the deciding
// reviewer's id however it reads, and any id that reads as one.
func TestExportFeedbackWithholdsNames(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	a1 := storedApplication(t, db, "A1")
	lines := `{"type":"submission","application":"W-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1","text":"x"}]}
{"type":"decision","application":"W-1","attempt":1,"reviewer":"grace","decided_at":"2024-05-03T00:00:00Z","outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},` +
		`"feedback":{"C2":"Compare with ` + a1.Pseudonym + `#1, which did this well; ask rev-a.","overall":"grace read this. Grace and style matter."}}
`
	if _, _, err := runLead(t, lines, "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "export", "feedback", "--application", "W-1", "--db", db)
	if !strings.Contains(out, "Compare with [another application], which did this well; ask [reviewer].") ||
		!strings.Contains(out, "[reviewer] read this. [reviewer] and style matter.") {
		t.Errorf("export:\n%s", out)
	}
	if strings.Contains(out, a1.Pseudonym) || strings.Contains(out, "rev-a") {
		t.Errorf("export names a handle or a reviewer:\n%s", out)
	}
}

// untar reads every regular file of a tar stream by name.
func untar(t *testing.T, stream string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	eachTarEntry(t, strings.NewReader(stream), func(h *tar.Header, data []byte) { files[h.Name] = data })
	return files
}

// eachTarEntry calls fn with each entry of the tar stream r, in order.
func eachTarEntry(t *testing.T, r io.Reader, fn func(h *tar.Header, data []byte)) {
	t.Helper()
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		fn(h, data)
	}
}

// TestApplicationsList: applications are listed by handle only, never id
// or identity, and --status filters them.
func TestApplicationsList(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	out := mustRun(t, "applications", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "HANDLE") {
		t.Fatalf("applications:\n%s", out)
	}
	// Handles are random, so compare whole fields: a handle such as DX-ZQA1 must not
	// read as a leak of application id A1.
	for _, line := range lines[1:] {
		for _, f := range strings.Fields(line) {
			if f == "A1" || f == "A2" || f == "A3" || f == "A4" || f == "A5" || strings.HasPrefix(f, "Cand") || strings.Contains(f, "@example.org") {
				t.Errorf("applications shows ids or identity (%q):\n%s", f, out)
			}
		}
	}
	// The known history is from 2024: every application is passed or
	// expired by now, but two whose last attempt still awaits a decision.
	passed := mustRun(t, "applications", "--status", "passed", "--db", db)
	expired := mustRun(t, "applications", "--status", "expired", "--db", db)
	open := mustRun(t, "applications", "--status", "open", "--db", db)
	n := func(s string) int { return len(strings.Split(strings.TrimSpace(s), "\n")) - 1 }
	if n(passed)+n(expired)+n(open) != 5 || n(open) != 2 || strings.Contains(passed, "expired") || strings.Contains(passed, "2024-08") {
		t.Errorf("by status:\n%s\n%s\n%s", passed, expired, open)
	}
	// Those two are open past their window: CLOSES says it closed.
	if strings.Count(open, "  closed 2024-") != 2 {
		t.Errorf("open past the window:\n%s", open)
	}
	if _, _, err := runLead(t, "", "applications", "--status", "closed", "--db", db); err == nil {
		t.Error("unknown status accepted")
	}
	// --credential narrows to one credential's (df: A1 and A2), with --status too.
	df := mustRun(t, "applications", "--credential", "df", "--db", db)
	if n(df) != 2 || strings.Contains(df, " lt ") || strings.Contains(df, " fp ") {
		t.Errorf("--credential df:\n%s", df)
	}
	if both := mustRun(t, "applications", "--credential", "df", "--status", "open", "--db", db); n(both) != 0 {
		t.Errorf("--credential df --status open:\n%s", both)
	}
	if _, _, err := runLead(t, "", "applications", "--credential", "nope", "--db", db); err == nil || !strings.Contains(err.Error(), "rubrics list") {
		t.Errorf("unknown credential: %v", err)
	}
}

// TestExportsWriteNewPrivateFiles: an export into a folder that already
// holds things never writes through them. An older file at an export's
// name (0644) is replaced by a new 0600 one; a symlink planted at a name
// is replaced, its target left as it was; a symlinked folder leading out
// of the export's folder is refused, and nothing lands outside.
func TestExportsWriteNewPrivateFiles(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	dir, outside := t.TempDir(), t.TempDir()
	old, linked := filepath.Join(dir, feedbackFile(t, db, "A5", 1)), filepath.Join(dir, feedbackFile(t, db, "A5", 2))
	victim := filepath.Join(outside, "victim.txt")
	if err := os.WriteFile(old, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(victim, []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, linked); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := runLead(t, "", "export", "feedback", "--all", dir, "--db", db); err != nil {
		t.Fatalf("--all into a folder with a link: %v %s", err, errOut)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep\n" {
		t.Errorf("the export wrote through a symlink into %s: %q", victim, b)
	}
	for _, p := range []string{old, linked} {
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 || !strings.Contains(string(b), "Feedback on attempt") {
			t.Errorf("%s after the export: mode %v, %q", filepath.Base(p), fi.Mode(), b)
		}
	}

	// A folder of the export's that is a link out: refused, nothing written there.
	db = badgeStore(t)
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--email", "badges@example.net", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	site := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(site, "assertions")); err != nil {
		t.Fatal(err)
	}
	if _, err := runBadges(t, "export", "badges", site, "--db", db); err == nil || strings.Contains(err.Error(), "\n") ||
		!strings.Contains(err.Error(), "a symlink on the way leads out of "+site+", and an export writes only inside its folder") {
		t.Errorf("export badges through a folder linked out of it: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("the export wrote outside its folder: %v", entries)
	}
}

// TestExportFolderMadeAtItsFirstFile: an export's folder is made when it
// has a file to write (or at its end, for none), so an export that fails
// before, on a damaged store, leaves no empty folder.
func TestExportFolderMadeAtItsFirstFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	sink, err := newExportSink(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the folder is there before any file: %v", err)
	}
	if err := sink.close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("an export of no file leaves %v %v, want an empty 0700 folder", fi, err)
	}
}

// TestExportAllStoppedPartway: an export into a folder that a damaged
// record stops partway says the folder is not the whole export, and how
// many files it holds.
func TestExportAllStoppedPartway(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	lines := `{"type":"submission","application":"W-9","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1","text":"x"}]}
{"type":"decision","application":"W-9","attempt":1,"reviewer":"rev-a","decided_at":"2024-05-03T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"},"feedback":{"overall":"zebra stripes"}}
`
	if _, _, err := runLead(t, lines, "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, patchAll(t, data, []byte("zebra stripes"), []byte("zebra strides")), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	_, _, err = runLead(t, "", "export", "feedback", "--all", dir, "--db", db)
	if err == nil || !regexp.MustCompile(`^export feedback stopped after [1-9][0-9]* files? in `+regexp.QuoteMeta(dir)+`, which is not the whole export: .*fails its checksum`).MatchString(err.Error()) {
		t.Errorf("export into a folder stopped by damage: %v", err)
	}
	_, _, err = runLead(t, "", "export", "feedback", "--all", "-", "--db", db)
	if err == nil || !regexp.MustCompile(`^export feedback stopped after [1-9][0-9]* files? in stdout, which is not the whole export: `).MatchString(err.Error()) {
		t.Errorf("export as a tar stream stopped by damage: %v", err)
	}
}

// TestExportFeedbackSaysWhenAmended: a decision a lead amended tells the
// candidate so in its date line (docs/formats.md §4: "the decision date
// (and when a lead amended it)"); one never amended does not.
func TestExportFeedbackSaysWhenAmended(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	if out := mustRun(t, "export", "feedback", "--application", "A1#1", "--db", db); strings.Contains(out, "amended") {
		t.Fatalf("feedback of a decision never amended says it was:\n%s", out)
	}
	day := time.Now().UTC().Format("2006-01-02")
	mustRun(t, "amend", "A1#1", "--as", "lead-1", "--db", db, "--reason", "appeal: C2 sample was mislabelled",
		"--level", "C2=not-yet", "--feedback", "C2=Add a labelled sample that shows students acting on the feedback, and explain how it connects.",
		"--overall", "Close: C2 needs a labelled sample.")
	out := mustRun(t, "export", "feedback", "--application", "A1#1", "--db", db)
	// The amendment is dated today, or tomorrow when the day ended between.
	if after := time.Now().UTC().Format("2006-01-02"); !strings.Contains(out, "(amended "+day+")") && !strings.Contains(out, "(amended "+after+")") {
		t.Errorf("feedback of an amended decision lacks \"(amended %s)\":\n%s", day, out)
	}
}
