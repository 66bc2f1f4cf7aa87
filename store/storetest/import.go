package storetest

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// UnfinishedImport marks the store file at path as holding an import of
// file whose process was killed before it finished: the marker an import
// writes before its first chunk (store/import_journal.go), which the next
// read-write open finds, rolls back and names in one line.
func UnfinishedImport(path, file string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("import_pending"))
		if err != nil {
			return err
		}
		m, err := json.Marshal(map[string]any{"file": file, "started": time.Now().UTC()})
		if err != nil {
			return err
		}
		return b.Put([]byte("running"), m)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
