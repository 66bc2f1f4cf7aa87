package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestCommandsReachOpenScreens: a command run over SSH (Config.Commands)
// gets the caller's identity, arguments and stdin; its output and a
// one-line error with exit status 1 go back; afterwards a reviewer it
// added logs in at once and an open queue shows what it imported without a
// keystroke. Screens still open as screens.
func TestCommandsReachOpenScreens(t *testing.T) {
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	newcomer, newLine := newKey(t)
	creds, err := st.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	commands := func(_ context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, _ io.Writer) error {
		in, _ := io.ReadAll(stdin)
		got = append(got, who.ID+": "+strings.Join(args, " ")+" < "+string(in))
		switch args[0] {
		case "add":
			return st.AddReviewer(review.Reviewer{ID: "rev-new", Role: review.RoleReviewer, Keys: []string{newLine}})
		case "import":
			sub := &review.Submission{Application: "X-1", Credential: creds[0].ID, Attempt: 1,
				SubmittedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
				Parts:       []review.EvidencePart{{Title: "Part 1", Text: "Evidence."}}}
			_, err := st.Import("stdin", []review.Record{{Line: 1, Submission: sub}})
			fmt.Fprintln(stdout, "imported")
			return err
		}
		return errors.New("no such command")
	}
	_, addr := startServer(t, st, Config{Commands: commands})

	c := connect(t, addr, rev)
	before, err := st.Counts()
	if err != nil {
		t.Fatal(err)
	}
	m := c.mark()
	out, stderr, err := runCommand(t, addr, admin, "import -")
	if err != nil || string(out) != "imported\n" {
		t.Fatalf("import: %v %q %q", err, out, stderr)
	}
	if _, err := c.waitFor(m, wait, fmt.Sprintf("%d pending", before.Pending+1)); err != nil {
		t.Fatalf("open queue after the import: %v", err)
	}
	if _, stderr, err := runCommand(t, addr, admin, "nope"); err == nil || stderr != "assessor: no such command\n" {
		t.Fatalf("failing command: %v %q", err, stderr)
	}
	if _, _, err := runCommand(t, addr, admin, "add"); err != nil {
		t.Fatal(err)
	}
	// The key was unknown a moment ago; without the refresh after the
	// command it would be refused for another second.
	connect(t, addr, newcomer)
	if want := "admin-1: import - < ,admin-1: nope < ,admin-1: add < "; strings.Join(got, ",") != want {
		t.Errorf("commands saw %q, want %q", strings.Join(got, ","), want)
	}
}

// TestCalibrateAndAdjudicateScreens: while serve holds the store, a
// reviewer calibrates over SSH (a program that requires calibration sends
// them there first) and a lead adjudicates; a reviewer gets no
// adjudication screen.
func TestCalibrateAndAdjudicateScreens(t *testing.T) {
	st := newDemoStore(t, 40)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	apps, err := st.Applications()
	if err != nil {
		t.Fatal(err)
	}
	var example *review.CalibrationExample
	for _, a := range apps {
		if a.LastOutcome != "" {
			ex, err := st.AddCalibrationExample("lead-1", review.AttemptKey{Application: a.ID, Attempt: a.Attempts}, nil)
			if err != nil {
				t.Fatal(err)
			}
			example = &ex
			break
		}
	}
	if example == nil {
		t.Fatal("no decided attempt in the demo store")
	}
	_, addr := startServer(t, st, Config{})

	c, err := dial(addr, rev, 120, 40, "calibrate")
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if _, err := c.waitFor(0, wait, "calibration", example.Handle); err != nil {
		t.Fatalf("calibrate over ssh: %v", err)
	}
	if _, stderr, err := runCommand(t, addr, rev, "adjudicate"); err == nil || !strings.Contains(stderr, "adjudication is for leads") {
		t.Fatalf("reviewer's adjudicate: %v %q", err, stderr)
	}
	a, err := dial(addr, lead, 120, 40, "adjudicate")
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if _, err := a.waitFor(0, wait, "Adjudication", "attempts whose two blind reviews disagree"); err != nil {
		t.Fatalf("adjudicate over ssh: %v", err)
	}
}
