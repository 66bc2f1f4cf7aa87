//go:build !unix

package cli

import (
	"os/exec"
	"testing"
)

// runAs: a child cannot be run as another user here.
func runAs(t *testing.T, _ *exec.Cmd, _ int) {
	t.Skip("running a command as another user needs a Unix system")
}
