package server

import (
	"errors"
	"net"
	"sync"
)

// listeners remembers the listener Serve was given, so that a Shutdown
// that comes before the SSH server tracks it (a SIGTERM right after the
// start, while Serve still reads the reviewers' keys) closes it too:
// the SSH server would otherwise accept on it after its own shutdown,
// and Serve would never return.
type listeners struct {
	mu   sync.Mutex
	shut bool
	open []net.Listener
}

// adopt records l; false when the server is already shut down (l is then
// closed).
func (ls *listeners) adopt(l net.Listener) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.shut {
		l.Close()
		return false
	}
	ls.open = append(ls.open, l)
	return true
}

// shutDown closes every adopted listener and refuses more.
func (ls *listeners) shutDown() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.shut = true
	for _, l := range ls.open {
		l.Close()
	}
	ls.open = nil
}

// closedByShutdown reports whether err is the end of a listener that
// shutDown closed.
func (ls *listeners) closedByShutdown(err error) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.shut && errors.Is(err, net.ErrClosed)
}
