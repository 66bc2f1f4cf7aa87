package rubrics

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"assessor/review"
)

// Load parses the rubric file at path or, if path is a directory, every
// *.md file directly in it (not in subdirectories; hidden files skipped),
// in name order, and returns the rubrics in that order. It fails on the
// first bad file, so callers can store all or nothing. Parse errors name
// files by path as given (joined with the directory for a directory); two
// files with the same id and version are an error naming the second.
// An empty directory is an error too, since adding nothing is a mistake.
func Load(path string) ([]review.Rubric, error) {
	names, err := Files(path)
	if err != nil {
		return nil, err
	}
	return LoadFiles(names)
}

// LoadFiles parses the rubric files names (as Files lists them), in order,
// as Load does.
func LoadFiles(names []string) ([]review.Rubric, error) {
	return parseFiles(names, readBounded)
}

// Files names the files Load reads for path, in the order of the rubrics
// it returns: path itself, or the *.md files in the directory path.
func Files(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err // *fs.PathError: one line, names the path
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	names, err := markdownFiles(path)
	if err == nil && len(names) == 0 {
		err = fmt.Errorf("%s: no rubric files (*.md) in this directory", path)
		if unread, _ := Unread(path); len(unread) > 0 { // folders of them: name one
			err = fmt.Errorf("%w; %s", err, unread[0])
		}
	}
	return names, err
}

// MaxFileSize bounds a rubric file: rubrics are pages of Markdown, and a
// file past it is refused before it is read.
const MaxFileSize = 4 << 20

// readBounded reads a rubric file, failing in one line past MaxFileSize.
func readBounded(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: over %d MiB: a rubric is pages of Markdown, not more", name, MaxFileSize>>20)
	}
	return data, nil
}

// markdownFiles lists the *.md files directly in dir, sorted by name.
func markdownFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		// Dot files are editor backups and lock files, not rubrics.
		if !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if info, err := os.Stat(name); err != nil || info.IsDir() {
			if err != nil {
				return nil, err
			}
			continue
		}
		names = append(names, name)
	}
	return names, nil
}

// Unread names what in dir looks like rubrics that Files does not read: a
// folder (not hidden) with *.md files directly in it, as a program that
// keeps one folder a stack has, and a file named *.MD or *.markdown. An
// add of the folder said "added" for the files at its top and nothing of
// the rest.
func Unread(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 { // a linked folder is a folder
			info, err := os.Stat(name)
			isDir = err == nil && info.IsDir()
		}
		switch ext := strings.ToLower(filepath.Ext(e.Name())); {
		case strings.HasPrefix(e.Name(), "."):
		case isDir:
			if inner, err := markdownFiles(name); err == nil && len(inner) > 0 {
				out = append(out, name+string(filepath.Separator)+": a folder, not read: add it on its own")
			}
		case (ext == ".md" || ext == ".markdown") && !strings.HasSuffix(e.Name(), ".md"):
			out = append(out, name+": not read: a rubric file's name ends in .md")
		}
	}
	return out, nil
}

// parseFiles reads and parses names in order and rejects a second rubric
// with the same id and version: storing both would make one silently win.
func parseFiles(names []string, read func(string) ([]byte, error)) ([]review.Rubric, error) {
	type key struct {
		id      string
		version int
	}
	first := map[key]string{}
	rs := make([]review.Rubric, 0, len(names))
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		r, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		k := key{r.ID, r.Version}
		if prev, dup := first[k]; dup {
			return nil, errorf(name, 1, "duplicate rubric %s version %d (first in %s)", r.ID, r.Version, prev)
		}
		first[k] = name
		rs = append(rs, r)
	}
	return slices.Clip(rs), nil
}
