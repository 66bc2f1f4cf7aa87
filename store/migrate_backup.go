package store

import (
	"os"
	"strconv"
)

// upgradeBackupPath is where migrate backs up a store of schema old at
// path: the first of BackupPath (PATH.v<old>.bak), PATH.v<old>.1.bak,
// PATH.v<old>.2.bak, … that does not exist, so that no upgrade overwrites
// the backup an earlier one left. The caller holds the store's lock: no
// other upgrade of it can take the same name meanwhile.
func upgradeBackupPath(path string, old int) string {
	p := BackupPath(path, old)
	for i := 1; ; i++ {
		if _, err := os.Lstat(p); err != nil {
			return p // missing (or unreadable: the backup then fails saying so)
		}
		p = path + ".v" + strconv.Itoa(old) + "." + strconv.Itoa(i) + ".bak"
	}
}
