package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestCheckFindsMissingAndChangedBlobs(t *testing.T) {
	for _, tt := range []struct {
		name string
		fn   func(b *bolt.Bucket, hash []byte) error
		want string
	}{
		{"missing", func(b *bolt.Bucket, h []byte) error { return b.Delete(h) }, "file notes.txt has no stored bytes"},
		{"changed", func(b *bolt.Bucket, h []byte) error { return b.Put(h, []byte("Week 4 notes.")) }, "(file notes.txt) does not match its hash"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if _, err := f.importFiles(Files{"notes.txt": []byte("Week 3 notes.")}, withFiles("A-1", 1, "2024-02-01T10:00:00Z", "notes.txt")); err != nil {
				t.Fatal(err)
			}
			f.mustCheck()
			a, err := f.Attempt(key("A-1", 1))
			if err != nil {
				t.Fatal(err)
			}
			hash := []byte(a.Parts[0].Attachments[0].Hash)
			f.corrupt(func(tx *bolt.Tx) error { return tt.fn(tx.Bucket([]byte(bucketBlobs)), hash) })
			problems, err := f.Check()
			if err != nil {
				t.Fatal(err)
			}
			if all := strings.Join(problems, "\n"); !strings.Contains(all, tt.want) {
				t.Fatalf("problems lack %q:\n%s", tt.want, all)
			}
		})
	}
}
