package store

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"assessor/review"
)

// leftoverName matches the temporary files this package writes beside the
// store named base (os.CreateTemp puts a random number for the *): a new
// store file (".BASE.*.tmp": compact, a copy step, a failed upgrade's
// restore), the backup before an upgrade (".BASE.v<old>.bak.*.tmp",
// ".BASE.v<old>.1.bak.*.tmp", …) and backup's checked copy
// (".BASE.*.check").
// An import's spool of its stdin or tar bundle (ImportSpool) is one too
// where the system keeps a spool's name while it is open (not Unix, where
// the import removes the name at once). An import may spool before it
// takes the lock, but it reads the spool through the file it holds open,
// so a name removed under it does it no harm.
func leftoverName(base string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.(v[0-9]+(\.[0-9]+)?\.bak\.)?[0-9]+\.tmp$|^\.` + regexp.QuoteMeta(base) + `\.[0-9]+\.check$` +
		`|^` + regexp.QuoteMeta(ImportSpool) + `[0-9]+\.(tar|jsonl)$`)
}

// ImportSpool begins the name of an import's spool beside the store
// (os.CreateTemp pattern ImportSpool+"*.tar" or "*.jsonl"): hidden, and
// removed by the next read-write open if a killed import left it, as it
// holds the candidates' identities.
const ImportSpool = ".assessor-import."

// removeLeftovers deletes the temporary files a process killed during an
// upgrade, a compact or a backup left beside the store at path (and beside
// its target, when path is a symlink), and tells notify. Each is a whole
// copy of the store, identities included, that nothing else removes. The
// caller holds the store's exclusive lock, which every writer of them
// held: none of them is still being written.
func removeLeftovers(path string, notify func(string)) {
	names := []string{path}
	if target, err := filepath.EvalSymlinks(path); err == nil && target != path {
		names = append(names, target)
	}
	n := 0
	for _, name := range names {
		dir, base := filepath.Split(name)
		n += removeStale(dir, leftoverName(base), nil)
	}
	if n > 0 && notify != nil {
		notify(fmt.Sprintf("store %s: removed %s an interrupted upgrade, compact, backup or import left beside it", path, review.Count(n, "temporary file", "temporary files")))
	}
}

// removeStale removes the regular files in dir whose names match, those stale
// says are (given the match's submatches; nil: all), and returns how
// many it removed.
func removeStale(dir string, match *regexp.Regexp, stale func(sub []string) bool) int {
	dir = filepath.Clean(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		sub := match.FindStringSubmatch(e.Name())
		if sub == nil || !e.Type().IsRegular() || (stale != nil && !stale(sub)) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}
