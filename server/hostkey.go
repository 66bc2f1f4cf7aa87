package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/charmbracelet/keygen"
	gossh "golang.org/x/crypto/ssh"

	"assessor/store"
)

// ensureHostKey writes a new ed25519 host key at path (and path.pub) when
// there is none. wish would generate it itself, through keygen, which
// chmods the key's folder to 0700: the host key lives beside the store, and
// serve must never change the mode of a folder the admin chose. Only a
// missing folder is created (0700); the files are created exclusively,
// 0600, both halves or neither; a .pub left without its key, or naming
// another, is refused (pubOfKey).
//
// An empty key file is what a write cut short (a full disk) left before
// writes cleaned up after themselves: it never held a key, so it is made
// again rather than failing every start with "no key found".
func ensureHostKey(path string) error {
	if err := CheckHostKey(path); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 && fi.Mode().IsRegular() {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("host key %s: empty, and %w", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return pubOfKey(path) // there (ssh reads it), or an error ssh will name
	}
	if _, err := os.Lstat(path + ".pub"); err == nil {
		// The public half of a key no longer here: a new key beside it
		// would be served while the .pub, which reviewers' known_hosts
		// lines are made from, still named the old one.
		return fmt.Errorf("host key %s is missing but %s.pub is there: restore the key, or remove the .pub to make a new one (reviewers then need its new known_hosts line)", path, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("host key directory: %w", err)
	}
	kp, err := keygen.New(path, keygen.WithKeyType(keygen.Ed25519))
	if err != nil {
		return fmt.Errorf("host key %s: %w", path, err)
	}
	if err := writeNew(path, kp.RawPrivateKey()); err != nil {
		return err
	}
	if err := writeNew(path+".pub", append(kp.RawAuthorizedKey(), '\n')); err != nil {
		_ = os.Remove(path) // both halves or neither
		return err
	}
	return nil
}

// maxHostKeyBytes bounds a host key file: an ssh private key is a few KB
// (RSA 16384 about 12 KB), and serve, like wish after it, reads it whole.
const maxHostKeyBytes = 64 << 10

// HostKeyError is a host key path serve refuses before opening it; Why
// reads after the path ("it is not a regular file").
type HostKeyError struct{ Path, Why string }

func (e *HostKeyError) Error() string { return "host key " + e.Path + ": " + e.Why }

// CheckHostKey refuses a host key path that names something other than a
// regular file (a named pipe, a device, a folder) without opening it:
// opening a named pipe waits for a writer that never comes, so serve hung
// holding the store's lock. A file larger than any key (a store or a log
// named by mistake) is refused too, before it is read whole. A path with
// nothing there yet is fine.
func CheckHostKey(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil
	case !fi.Mode().IsRegular():
		return &HostKeyError{path, "it is not a regular file"}
	case fi.Size() > maxHostKeyBytes:
		return &HostKeyError{path, fmt.Sprintf("%d bytes is too large for a key (at most %d)", fi.Size(), maxHostKeyBytes)}
	}
	return nil
}

// hostKeyExposed says, in one line, when others on this machine may read
// or change the host key at path (one an admin copied in, not one serve
// made): whoever reads it can pose as this server to every reviewer. It
// warns where sshd refuses, so that a server already run
// that way still starts after an upgrade.
func hostKeyExposed(path string) string {
	mode, ok := store.OthersMay(path)
	if !ok {
		return ""
	}
	return fmt.Sprintf("host key %s may be read or changed by others (%04o): whoever reads it can pose as this server; chmod 600 it", path, mode)
}

// writeNew creates path with data, 0600, failing if anything is there. A
// write that fails (a full disk) removes what it started: a key file cut
// short would fail every later start.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("host key %s: %w", path, err)
	}
	return nil
}

// pubOfKey checks the .pub beside the host key at path against the key,
// and writes it from the key when it is missing and it can: reviewers'
// known_hosts lines are made from it. A .pub naming another key (the key
// put back from a backup beside a pair serve made meanwhile) is refused;
// an empty one is written again. A key this cannot read (one with a
// passphrase) is ssh's to name.
func pubOfKey(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	signer, err := gossh.ParsePrivateKey(raw)
	if err != nil {
		return nil
	}
	want := signer.PublicKey()
	if err := CheckHostKey(path + ".pub"); err != nil { // a named pipe would wait for a writer
		return err
	}
	pub, err := os.ReadFile(path + ".pub")
	if err == nil && len(pub) == 0 {
		// What a write cut short (a full disk) left: it never named a
		// key, so it is written again, as an empty key is made again.
		err = os.Remove(path + ".pub")
		if err == nil {
			err = fs.ErrNotExist
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		// As a courtesy: a key in a folder serve may not write (a
		// secrets mount) is served all the same.
		_ = writeNew(path+".pub", gossh.MarshalAuthorizedKey(want))
		return nil
	}
	if err != nil {
		return fmt.Errorf("host key %s.pub: %w", path, err)
	}
	if named, _, _, _, err := gossh.ParseAuthorizedKey(pub); err == nil && bytes.Equal(named.Marshal(), want.Marshal()) {
		return nil
	}
	return fmt.Errorf("host key %s.pub does not name the key %s (%s): remove the .pub and serve writes it again from the key, or put back the key it belongs to", path, path, gossh.FingerprintSHA256(want))
}
