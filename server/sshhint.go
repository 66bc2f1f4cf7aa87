package server

import (
	"net"
	"strings"
)

// SSHHint is the ssh command line that reaches a server listening on (or
// reached at) addr, for messages that say what to run instead. A wildcard
// listen address is reached on this machine as localhost.
func SSHHint(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh " + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
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
