package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/review"
)

// TestReleaseClaim: a lead ends a reviewer's claim by handle with a
// reason, which --list shows; without a reason, by a reviewer, or on an
// attempt nobody holds, it is refused in one line and nothing is recorded.
func TestReleaseClaim(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	st := openTestStore(t, db)
	q, err := st.Queue("rev-x", "", 0)
	if err != nil || len(q) < 2 {
		st.Close()
		t.Fatalf("queue %v, %v", q, err)
	}
	held, free := q[0], q[1]
	if _, err := st.Claim("rev-x", held.Key()); err != nil {
		st.Close()
		t.Fatal(err)
	}
	st.Close()

	root := func() *cobra.Command {
		return bareRoot("nobody", func(g *globals) []*cobra.Command { return []*cobra.Command{releaseCmd(g)} })
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"release", held.Handle(), "--as", "lead-1"}, "release needs --reason: say why the claim ends (it is kept with your id)"},
		{[]string{"release", held.Handle(), "--reason", "x", "--as", "rev-x"}, "lead tools need role lead or admin"},
		{[]string{"release", free.Handle(), "--reason", "x", "--as", "lead-1"}, free.Handle() + ": attempt is not claimed"},
		{[]string{"release", "--as", "lead-1"}, "release needs an attempt handle"},
	} {
		out, err := execute(root(), "", append(tt.args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %v (output %q); want one line with %q", tt.args, err, out, tt.want)
		}
	}
	if out, err := execute(root(), "", "release", "--list", "--as", "lead-1", "--db", db); err != nil || !strings.Contains(out, "no claim has been released") {
		t.Fatalf("refusals recorded: %v\n%s", err, out)
	}

	out, err := execute(root(), "", "release", held.Handle(), "--reason", "rev-x is on\tleave", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "released "+held.Handle()+": the claim of rev-x") || !strings.Contains(out, "by lead-1") {
		t.Errorf("release said %q", out)
	}
	st = openTestStore(t, db)
	if err := st.AddReviewer(review.Reviewer{ID: "rev-y"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Claim("rev-y", held.Key()); err != nil {
		t.Errorf("another reviewer cannot claim after the release: %v", err)
	}
	st.Close()
	out, err = execute(root(), "", "release", "--list", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lead-1", held.Handle(), "rev-x", "rev-x is on leave"} {
		if !strings.Contains(out, want) {
			t.Errorf("--list lacks %q:\n%s", want, out)
		}
	}
	if out, err := run(t, "", "audit", "--as", "lead-1", "--db", db); err != nil || !strings.Contains(out, "lead-1  claim released: "+held.Handle()+" from rev-x  rev-x is on leave") {
		t.Errorf("audit: %v\n%s", err, out)
	}
}

// TestReleaseServed: `assessor serve` runs release for a lead, as the owner
// of their key, and refuses it to a reviewer in one line.
func TestReleaseServed(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	st := openTestStore(t, db)
	defer st.Close()
	q, err := st.Queue("rev-x", "", 1)
	if err != nil || len(q) != 1 {
		t.Fatalf("queue %v, %v", q, err)
	}
	if _, err := st.Claim("rev-x", q[0].Key()); err != nil {
		t.Fatal(err)
	}
	serve := serveCommands(st)
	run := func(who review.Reviewer) (string, error) {
		var out strings.Builder
		err := serve(context.Background(), who, []string{"release", q[0].Handle(), "--reason", "rev-x is away"}, strings.NewReader(""), &out, &out)
		return out.String(), err
	}
	if _, err := run(review.Reviewer{ID: "rev-x", Role: review.RoleReviewer}); err == nil || err.Error() != "release is for leads and admins and you (rev-x) are a reviewer" {
		t.Errorf("a reviewer's release over ssh: %v", err)
	}
	out, err := run(review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	if err != nil || !strings.Contains(out, "released "+q[0].Handle()+": the claim of rev-x") || !strings.Contains(out, "by lead-1") {
		t.Errorf("a lead's release over ssh: %v %q", err, out)
	}
}
