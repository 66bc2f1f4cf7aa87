package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestEndToEndClaimLeftWithQ: rev-a opens an attempt and leaves with q,
// which keeps the claim; rev-b's queue says who holds it until when and
// will not open it, saying the same; a lead ends the claim with `assessor release`, which
// --list shows, and rev-b's reloaded queue shows the attempt free.
func TestEndToEndClaimLeftWithQ(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)

	a := newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-a")
	first := handleRow.FindStringSubmatch(a.waitQueue())[1]
	a.key("Enter")
	a.waitForText(first + " · ")
	a.key("q")
	a.waitExit()

	b := newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-b")
	held := regexp.MustCompile(`(?m)^\s*▸\s+` + regexp.QuoteMeta(first) + `\s.*in review by rev-a to \d\d:\d\d`)
	b.waitFor(first+" held by rev-a on rev-b's queue", held.MatchString)
	b.waitForText(first + " is being reviewed by rev-a until ")
	b.key("Enter")
	// The refusal on the status line names the holder too, and says it
	// once: the claim line under it, which said it before, goes blank.
	heldBy := first + " is being reviewed by rev-a until "
	b.waitFor("the refusal naming rev-a", func(s string) bool {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.Contains(l, heldBy) {
				return strings.Count(s, heldBy) == 1 && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == ""
			}
		}
		return false
	})
	b.key("q")
	b.waitExit()

	out := runBin(t, bin, "release", first, "--reason", "rev-a left for the day", "--as", "demo-lead", "--db", db)
	if !strings.Contains(out, "released "+first+": the claim of rev-a") {
		t.Errorf("release said %q", out)
	}
	if out := runBin(t, bin, "release", "--list", "--as", "demo-lead", "--db", db); !strings.Contains(out, "rev-a left for the day") {
		t.Errorf("release --list:\n%s", out)
	}

	b = newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-b")
	s := b.waitQueue()
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, first) && strings.Contains(line, "in review") {
			t.Errorf("%s still claimed after the release:\n%s", first, s)
		}
	}
	b.key("Enter")
	b.waitForText(first + " · ")
}
