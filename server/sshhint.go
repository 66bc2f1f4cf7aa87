package server

import (
	"net"
	"strings"
)

// SSHHint is the ssh command line that reaches a server listening on (or
// reached at) addr, for messages that say what to run instead. A wildcard
// listen address is reached on this machine as localhost, IPv6's as ::1.
func SSHHint(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh " + addr
	}
	switch ip := net.ParseIP(host); {
	case ip != nil && ip.IsUnspecified() && ip.To4() == nil:
		// [::] listens on IPv6 alone, and localhost may be 127.0.0.1 alone.
		host = "::1"
	case host == "" || ip != nil && ip.IsUnspecified():
		host = "localhost"
	}
	if port == "22" {
		return "ssh " + host
	}
	return "ssh -p " + port + " " + host
}

// SSHScreenHint is SSHHint for opening screen (as an SSH command names it:
// "review" is no command, the queue) with the terminal a screen needs.
func SSHScreenHint(addr, screen string) string {
	hint := strings.Replace(SSHHint(addr), "ssh ", "ssh -t ", 1)
	if screen == "review" {
		return hint
	}
	return hint + " " + screen
}

// PrivateRedirect is the command line cmdline with its stdout redirected
// to file, as a hint prints it to be pasted: under umask 077, since the
// shell makes the file before the command starts (through ssh, the
// client's shell alone), and a copy of the store or an export must not be
// readable by others from its first byte (docs/operations.md, "Backup and
// restore").
func PrivateRedirect(cmdline, file string) string {
	return "(umask 077; " + cmdline + " > " + ShellWord(file) + ")"
}

// ShellWord is s as one word of a POSIX shell line a hint prints to be
// pasted: as it is when the shell leaves it so, else in single quotes,
// so a file named with a space, ; or $ stays one name.
func ShellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
