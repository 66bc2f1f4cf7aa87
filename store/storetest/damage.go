// Package storetest damages copies of store files for the tests of other
// packages: finding a live page takes bbolt, and only store/ imports it.
package storetest

import (
	"errors"
	"os"

	bolt "go.etcd.io/bbolt"
)

// DamageLeaf writes to bad a copy of the store file good with the bytes of
// one live leaf page's header from offset at (10: element count, 12:
// overflow count, little endian) replaced by patch. The leaf is bucket's
// root page or, with bucket "", the first leaf in the file.
func DamageLeaf(good, bad, bucket string, at int, patch []byte) error {
	data, err := os.ReadFile(good)
	if err != nil {
		return err
	}
	db, err := bolt.Open(good, 0o600, nil) // read-write: tx.Page needs the free list
	if err != nil {
		return err
	}
	var leaf int
	_ = db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(bucket)); bucket != "" && b != nil {
			leaf = int(b.Root())
			return nil
		}
		for id := 2; leaf == 0; id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				break
			}
			if p.Type == "leaf" {
				leaf = id
			}
		}
		return nil
	})
	pageSize := db.Info().PageSize
	if err := db.Close(); err != nil {
		return err
	}
	if leaf == 0 {
		return errors.New(good + ": no leaf page")
	}
	copy(data[leaf*pageSize+at:], patch)
	return os.WriteFile(bad, data, 0o600)
}
