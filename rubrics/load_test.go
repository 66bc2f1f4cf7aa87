package rubrics

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// rubricText is a valid rubric file with the given id and version.
func rubricText(id, version string) string {
	return "---\nid: " + id + "\ntitle: T\nversion: " + version + "\n---\n### C1. Only\n"
}

// writeFiles creates files (name -> content; a name ending in "/" is a
// directory) in a new temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		var err error
		if strings.HasSuffix(name, "/") {
			err = os.MkdirAll(path, 0o755)
		} else if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			err = os.WriteFile(path, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		path  string   // relative to the directory; "" loads the directory
		want  []string // "id@version" in order
	}{
		{
			name:  "one file",
			files: map[string]string{"a.md": rubricText("a", "1"), "b.md": rubricText("b", "1")},
			path:  "b.md",
			want:  []string{"b@1"},
		},
		{
			name:  "a file named anything",
			files: map[string]string{"rubric.txt": rubricText("a", "1")},
			path:  "rubric.txt",
			want:  []string{"a@1"},
		},
		{
			name: "directory in name order, only *.md directly in it",
			files: map[string]string{
				"b.md":        rubricText("first", "1"),
				"a.md":        rubricText("second", "1"),
				"c.MD.txt":    "not a rubric",
				"notes.txt":   "not a rubric",
				".backup.md":  "hidden, not a rubric",
				"folder.md/":  "",
				"sub/":        "",
				"sub/deep.md": "not read: Load is not recursive",
			},
			want: []string{"second@1", "first@1"},
		},
		{
			name:  "same id, new version",
			files: map[string]string{"v1.md": rubricText("a", "1"), "v2.md": rubricText("a", "2")},
			want:  []string{"a@1", "a@2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			rs, err := Load(filepath.Join(dir, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.ID+"@"+strconv.Itoa(r.Version))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("loaded %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		path  string
		want  string // with DIR standing for the directory
	}{
		{
			name:  "duplicate id and version",
			files: map[string]string{"a.md": rubricText("x", "1"), "b.md": rubricText("x", "1")},
			want:  "DIR/b.md:1: duplicate rubric x version 1 (first in DIR/a.md)",
		},
		{
			name:  "parse error names the file",
			files: map[string]string{"a.md": rubricText("a", "1"), "b.md": rubricText("b", "0")},
			want:  "DIR/b.md:4: front matter: version: must be a whole number of 1 or more",
		},
		{
			name:  "parse error in a single file",
			files: map[string]string{"a.md": "no front matter"},
			path:  "a.md",
			want:  "DIR/a.md:1: no front matter: the file must start with a line ---",
		},
		{
			name:  "empty directory",
			files: map[string]string{"notes.txt": ""},
			want:  "DIR: no rubric files (*.md) in this directory",
		},
		{
			name:  "missing path",
			files: map[string]string{},
			path:  "missing.md",
			want:  "stat DIR/missing.md: no such file or directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			_, err := Load(filepath.Join(dir, tt.path))
			if err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if got := strings.ReplaceAll(err.Error(), dir, "DIR"); got != tt.want {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadNotExist checks that callers can tell a missing path apart.
func TestLoadNotExist(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "missing"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing path: %v, want fs.ErrNotExist", err)
	}
}

// TestLoadRefusesHugeFile: a rubric file past MaxFileSize is refused in
// one line naming it, before it is read whole.
func TestLoadRefusesHugeFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.md")
	if err := os.WriteFile(name, []byte("---\nid: x\ntitle: X\n---\n"+strings.Repeat("a", MaxFileSize)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(name)
	if err == nil || !strings.HasPrefix(err.Error(), name+": over 4 MiB") {
		t.Fatalf("Load = %v", err)
	}
}
