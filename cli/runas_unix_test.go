//go:build unix

package cli

import (
	"os/exec"
	"syscall"
	"testing"
)

// runAs runs cmd as the user uid (and its group of the same number).
func runAs(_ *testing.T, cmd *exec.Cmd, uid int) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
}
