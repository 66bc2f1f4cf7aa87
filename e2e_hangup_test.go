package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestEndToEndDraftSurvivesClosedTerminal: words typed just before the
// process is told to end are in the stored draft, as after ctrl+c or q
// (drafts survive "a closed terminal"): closing the window (its terminal
// goes and the program gets SIGHUP), SIGHUP alone, and SIGTERM (kill).
// Drafts are otherwise saved after a pause in typing, which these come
// before.
func TestEndToEndDraftSurvivesClosedTerminal(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	for _, tc := range []struct {
		name string
		end  func(tm *term, pid string)
	}{
		{"window closed", func(tm *term, _ string) { tm.run("kill-session", "-t", "e2e") }},
		{"SIGHUP", func(tm *term, pid string) { kill(t, "-HUP", pid) }},
		{"SIGTERM", func(tm *term, pid string) { kill(t, "-TERM", pid) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "demo.db")
			tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "demo", "--db", db, "--reviewer", "rev-hup")
			typed := "Feedback typed just before the reviewer closed the terminal window"
			handle, _ := tm.typeInFeedback(typed, "closed the terminal window")
			pid := tm.pid()
			tc.end(tm, pid)
			waitGone(t, pid)
			st, k := storedAttempt(t, db, handle)
			d, ok, err := st.Draft("rev-hup", k)
			if err != nil {
				t.Fatal(err)
			}
			if !ok || d.Feedback["C1"] != typed {
				t.Errorf("after %s the draft holds %q (found %v), typed %q", tc.name, d.Feedback["C1"], ok, typed)
			}
		})
	}
}

// waitGone waits until process pid has ended and been reaped (a zombie
// still answers kill -0), so its store is free to open.
func waitGone(t *testing.T, pid string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("kill", "-0", pid).Run() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the program did not end")
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func kill(t *testing.T, sig, pid string) {
	if err := exec.Command("kill", sig, pid).Run(); err != nil {
		t.Fatal(err)
	}
}
