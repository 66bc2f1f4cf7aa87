package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/store/storetest"
)

// TestBackupPlantedTemp: another user's file or symlink where the old code
// put its temporary file (FILE.tmp) is neither written nor followed, a
// symlink at FILE itself is replaced rather than written through, and the
// backup is 0600 whatever was planted.
func TestBackupPlantedTemp(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(dst string){
		"planted file": func(dst string) {
			if err := os.WriteFile(dst+".tmp", []byte("planted"), 0o666); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dst+".tmp", 0o666); err != nil {
				t.Fatal(err)
			}
		},
		"planted symlink": func(dst string) {
			if err := os.Symlink(victim, dst+".tmp"); err != nil {
				t.Fatal(err)
			}
		},
		"symlink at the backup": func(dst string) {
			if err := os.Symlink(victim, dst); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, plant := range cases {
		t.Run(name, func(t *testing.T) {
			dst := filepath.Join(dir, name+".db")
			plant(dst)
			if _, err := f.BackupFile(dst, false); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Lstat(dst)
			if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
				t.Errorf("backup: %v %v, want a regular 0600 file", fi, err)
			}
			if got, _ := os.ReadFile(victim); string(got) != "precious" {
				t.Errorf("the symlink's target was written: %q", got)
			}
			if got, err := os.ReadFile(dst + ".tmp"); err == nil && string(got) != "planted" && name == "planted file" {
				t.Errorf("the planted file was written: %q", got)
			}
			s, err := Open(dst, Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("backup does not open: %v", err)
			}
			s.Close()
		})
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// damagedLeaf copies f's store with the bytes of a leaf page's header from
// offset at replaced by patch (storetest.DamageLeaf), and opens the copy.
func damagedLeaf(t *testing.T, f *fixture, bucket string, at int, patch []byte) *Store {
	t.Helper()
	good := filepath.Join(t.TempDir(), "good.db")
	if _, err := f.BackupFile(good, false); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := storetest.DamageLeaf(good, bad, bucket, at, patch); err != nil {
		t.Fatal(err)
	}
	s, err := Open(bad, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBackupRefusesDamage: a store with a damaged page header (a leaf
// claiming two billion overflow pages, which would make tx.Check exhaust
// memory) is refused by Backup and BackupFile, which
// leave no file, and copied by BackupForce; Check lists the problem.
func TestBackupRefusesDamage(t *testing.T) {
	// A leaf claiming two billion overflow pages.
	s := damagedLeaf(t, newFixture(t), "", 12, []byte{0xff, 0xff, 0xff, 0x7f})
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); !errors.Is(err, ErrCorrupt) || buf.Len() != 0 {
		t.Errorf("Backup: %v, %d bytes; want ErrCorrupt and nothing written", err, buf.Len())
	}
	out := filepath.Join(t.TempDir(), "out.db")
	if _, err := s.BackupFile(out, false); !errors.Is(err, ErrCorrupt) {
		t.Errorf("BackupFile: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused backup left a file")
	}
	if n, err := s.BackupForce(&buf); err != nil || n == 0 {
		t.Errorf("BackupForce: %d, %v", n, err)
	}
	problems, err := s.Check()
	if err != nil || len(problems) == 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
}

// TestBackupRefusalCountAgrees: a store with one damaged page is "1
// problem", not "1 problem(s)", in the refusal.
func TestBackupRefusalCountAgrees(t *testing.T) {
	f, recs := knownFixture(t)
	if _, err := f.Import("history.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	s := damagedLeaf(t, f, bucketAttempts, 10, []byte{0xe8, 0x03}) // 1000 elements
	_, err := s.Backup(io.Discard)
	if err == nil || !strings.Contains(err.Error(), " (1 problem; assessor check lists them") {
		t.Errorf("Backup: %v", err)
	}
}
