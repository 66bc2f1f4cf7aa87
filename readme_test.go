package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeBlock returns the command lines of the first sh block under the
// README heading, without comment-only lines.
func readmeBlock(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", heading)
	}
	_, rest, ok = strings.Cut(rest, "```sh\n")
	if !ok {
		t.Fatalf("README.md %q has no sh block", heading)
	}
	block, _, _ := strings.Cut(rest, "```")
	var cmds []string
	for _, l := range strings.Split(block, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

// TestReadmeLeads walks "For program leads" as a new lead would: the
// built binary on PATH, `assessor demo`, then every command of the section
// as written, in a shell, with no --db. Each must succeed on the demo store
// and leave what the README says. The dashboard is a full-screen program
// and is left to the screen tests.
func TestReadmeLeads(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := assessorBinary(t)
	dir := t.TempDir()
	env := append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "NO_COLOR=1", "ASSESSOR_REVIEWER=newlead")
	sh := func(line string) (string, string) {
		t.Helper()
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	sh("assessor demo --build-only")
	cmds := readmeBlock(t, "## For program leads")
	if len(cmds) < 9 {
		t.Fatalf("README.md \"For program leads\" has %d commands, want the walk of report, dashboard, leaks, reveal, export feedback and badges", len(cmds))
	}
	out := map[string]string{}
	for _, line := range cmds {
		if strings.HasPrefix(line, "assessor dashboard") {
			continue
		}
		stdout, stderr := sh(line)
		if !strings.HasPrefix(stderr, "assessor: using the demo store ") {
			t.Errorf("%s: stderr %q does not say it used the demo store", line, stderr)
		}
		out[strings.Fields(line)[1]] += stdout
	}
	for cmd, want := range map[string]string{
		"report": "first-time pass rate", "leaks": "FA-CRJM#1", "history": "attempt 1",
		"reveal": "(FA-CRJM, ", "audit": "FA-CRJM",
	} {
		if !strings.Contains(out[cmd], want) {
			t.Errorf("assessor %s printed no %q:\n%s", cmd, want, out[cmd])
		}
	}
	for _, glob := range []string{"fa-crjm.md", "feedback/*.md", "badges/assertions/*.json", "badges/issuer.json"} {
		if m, _ := filepath.Glob(filepath.Join(dir, glob)); len(m) == 0 {
			t.Errorf("the README's exports left no %s", glob)
		}
	}
}
