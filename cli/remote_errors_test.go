package cli

import (
	"strings"
	"testing"
)

// TestRefusalsOverSSHNameSSHCommands: a refusal that tells the user what
// to run first says it as they run it where they are; over ssh that is
// ssh, not a command on the server's machine.
func TestRefusalsOverSSHNameSSHCommands(t *testing.T) {
	t.Parallel()
	addr, lead := servedWithKey(t, "lead-1")
	if out, errOut, code := sshRun(t, addr, lead, "", "calibration add A1#1"); code != 0 {
		t.Fatalf("calibration add over ssh: %d %q %q", code, out, errOut)
	}
	_, errOut, code := sshRun(t, addr, lead, "", "amend A1#1 --reason recheck --level C2=not-yet --feedback 'C2=The artifact is missing.'")
	want := "(ssh -p PORT HOST calibration remove "
	if code == 0 || !strings.Contains(errOut, want) || strings.Contains(errOut, "assessor calibration") {
		t.Errorf("amend of an example over ssh: %d %q, want it to name %s", code, errOut, want)
	}
}
