package cli

import (
	"os"
	"time"

	"assessor/store"
)

// lockWait is how long a command waits for a store another process holds;
// short, so a second process says so instead of hanging.
const lockWait = 500 * time.Millisecond

func openStore(path string) (*store.Store, error) {
	return store.Open(path, store.Options{Timeout: lockWait})
}

// noColor follows https://no-color.org: any non-empty NO_COLOR disables colour.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// withStore opens the store named by --db (or the default), runs fn and
// closes it, so every command opens and releases the file the same way.
func (g *globals) withStore(fn func(*store.Store) error) error {
	st, err := openStore(g.storePath(defaultStoreName))
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// defaultStoreName is the program's store in the data dir.
const defaultStoreName = "assessor.db"
