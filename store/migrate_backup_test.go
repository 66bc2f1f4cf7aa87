package store

import (
	"os"
	"strings"
	"testing"
)

// TestUpgradeKeepsEarlierBackups: an upgrade never overwrites the backup an
// earlier one left (FILE.v4.bak, FILE.v4.1.bak): it backs up to the next
// free name, FILE.v4.2.bak, and names it in its notice.
func TestUpgradeKeepsEarlierBackups(t *testing.T) {
	path := unzipFixture(t, "schema4")
	earlier := []string{path + ".v4.bak", path + ".v4.1.bak"}
	for _, p := range earlier {
		if err := os.WriteFile(p, []byte("earlier backup"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var notes []string
	s, err := Open(path, Options{Notify: func(l string) { notes = append(notes, l) }})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range earlier {
		if got, _ := os.ReadFile(p); string(got) != "earlier backup" {
			t.Errorf("%s was overwritten", p)
		}
	}
	bak := path + ".v4.2.bak"
	if len(notes) != 1 || !strings.HasSuffix(notes[0], "backed up in "+bak) {
		t.Errorf("notices %q, want one naming %s", notes, bak)
	}
	b, err := Open(bak, Options{ReadOnly: true, Schema: SchemaAsIs})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Schema() != 4 {
		t.Errorf("backup at schema %d, want 4", b.Schema())
	}
}
