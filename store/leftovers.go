package store

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

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
func leftoverName(base string) []namePattern {
	return []namePattern{
		{"." + base + ".", leftoverRest},
		{ImportSpool, spoolRest},
	}
}

var (
	leftoverRest = regexp.MustCompile(`^(v[0-9]+(\.[0-9]+)?\.bak\.)?[0-9]+\.tmp$|^[0-9]+\.check$`)
	spoolRest    = regexp.MustCompile(`^[0-9]+\.(tar|jsonl)$`)
)

// namePattern matches a file name that begins with prefix, byte for byte,
// and whose rest matches rest. The prefix is a file's name, which need not
// be UTF-8 (a Latin-1 name on a Unix file system), and a regexp can match
// no byte of one that is not: so it is not part of the regexp.
type namePattern struct {
	prefix string
	rest   *regexp.Regexp
}

// match is rest's submatches of name, or nil.
func (p namePattern) match(name string) []string {
	rest, ok := strings.CutPrefix(name, p.prefix)
	if !ok {
		return nil
	}
	return p.rest.FindStringSubmatch(rest)
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

// removeStale removes the regular files in dir whose names match one of
// patterns, those stale says are (given the match's submatches; nil: all),
// and returns how many it removed.
func removeStale(dir string, patterns []namePattern, stale func(sub []string) bool) int {
	dir = filepath.Clean(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		var sub []string
		for _, p := range patterns {
			if sub = p.match(e.Name()); sub != nil {
				break
			}
		}
		if sub == nil || !e.Type().IsRegular() || (stale != nil && !stale(sub)) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}
