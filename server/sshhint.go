package server

import "net"

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
