// `assessor import`: submissions and decisions enter a store from JSON
// Lines, with their evidence files (import_files.go) or as a tar bundle
// (import_bundle.go), all or nothing per file.

package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// maxLine bounds one JSONL line; evidence parts are long but not this long.
const maxLine = 64 << 20

// importCmd is `assessor import FILE`: submissions and decisions from
// JSON Lines, with their evidence files, all or nothing per file. It is how
// work enters a store, so it creates one; over SSH it reads stdin or a tar
// bundle, never a file on the server.
func importCmd(g *globals) *cobra.Command {
	var dir string
	var noFiles, bundled, compact bool
	cmd := &cobra.Command{
		Use:   "import FILE|-",
		Short: "Import submissions and decisions from JSON Lines (all or nothing per file)",
		Long: "Import submissions and decisions from JSON Lines (docs/formats.md §2), all or nothing per file.\n\n" +
			"Evidence files: each name in a part's \"files\" is a file name or a relative path inside the\n" +
			"files folder: --files DIR, by default the folder holding FILE (the current folder for stdin).\n" +
			"Every named file must be there; its bytes are stored once by content and scanned for identity\n" +
			"leaks like the evidence text. Files over the size limits (assessor config files) fail the\n" +
			"import. --no-files stores the names only, for migrations from systems without the files.\n\n" +
			"--tar: FILE (or stdin) is a tar bundle of one .jsonl file at its top and the files it names,\n" +
			"which is how files reach a served store: tar -cf - new.jsonl evidence | ssh HOST import --tar -",
		Args: needs("a JSON Lines file, or - for stdin", "submissions.jsonl"),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case noFiles && dir != "":
				return errors.New("--files and --no-files exclude each other")
			case bundled && (noFiles || dir != ""):
				return errors.New("--tar brings its own files: drop --files and --no-files")
			}
			if compact && g.served != nil {
				return errors.New("--compact needs the store to itself: run assessor compact on the server's machine while serve is stopped")
			}
			name := args[0]
			if err := g.fromStdinOnly("import", name, "ssh HOST import - < FILE, or ssh HOST import --tar - < bundle.tar"); err != nil {
				return err
			}
			if bundled {
				return g.thenCompact(compact, cmd.OutOrStdout(), g.withImportStore(func(st *store.Store) error {
					return importBundle(st, name, cmd.InOrStdin(), cmd.OutOrStdout())
				}))
			}
			// Parse the whole file before opening the store: a bad line
			// stores nothing and never waits for the store's lock.
			recs, err := readRecords(name, cmd.InOrStdin())
			if err != nil {
				return err
			}
			if g.served != nil && !noFiles {
				// Only stdin crosses the connection, not a files folder.
				if err := noEvidenceFiles(recs); err != nil {
					return err
				}
			}
			return g.thenCompact(compact, cmd.OutOrStdout(), g.withImportStore(func(st *store.Store) error {
				var src store.Files
				if !noFiles {
					limits, err := st.FileLimits()
					if err != nil {
						return err
					}
					open, done := dirFiles(filesDir(name, dir), limits)
					defer done()
					if src, err = loadFiles(displayName(name), filesDir(name, dir), recs, open); err != nil {
						return err
					}
				}
				return importRecords(cmd.OutOrStdout(), st, displayName(name), recs, src)
			}))
		},
	}
	cmd.Flags().StringVar(&dir, "files", "", "folder the parts' files are read from (default: FILE's folder; for stdin the current folder)")
	cmd.Flags().BoolVar(&noFiles, "no-files", false, "store file names only, without the files (for migrations)")
	cmd.Flags().BoolVar(&compact, "compact", false, "compact the store after a large import (assessor compact; nothing else may have it open)")
	cmd.Flags().BoolVar(&bundled, "tar", false, "FILE is a tar bundle of one .jsonl file and the evidence files it names")
	return cmd
}

// withImportStore is withNewStore, except that an import that fails on a
// store it created leaves no file behind: a typo'd --db and a bad file
// must not leave an empty store that later commands take for real.
func (g *globals) withImportStore(fn func(*store.Store) error) error {
	if g.served != nil {
		return g.withNewStore(fn)
	}
	path := g.storePath(defaultStoreName)
	_, statErr := os.Stat(path)
	err := g.withNewStore(fn)
	if err != nil && errors.Is(statErr, fs.ErrNotExist) {
		_ = os.Remove(path)
	}
	return err
}

// thenCompact compacts the store after a successful import when asked.
func (g *globals) thenCompact(compact bool, out io.Writer, err error) error {
	if err != nil || !compact {
		return err
	}
	return compactStore(g.storePath(defaultStoreName), out)
}

// importBundle imports the tar bundle at path (stdin for "-", see
// readBundle): its JSONL file with the evidence files it names.
func importBundle(st *store.Store, path string, stdin io.Reader, out io.Writer) error {
	limits, err := st.FileLimits()
	if err != nil {
		return err
	}
	b, err := readBundle(displayName(path), path, stdin, limits, maxBundle)
	if err != nil {
		return err
	}
	recs, err := parseRecords(b.name, bytes.NewReader(b.jsonl))
	if err != nil {
		return err
	}
	src, err := loadFiles(b.name, "the bundle", recs, b.open(limits))
	if err != nil {
		return err
	}
	return importRecords(out, st, b.name, recs, src)
}

// importRecords imports recs of file with their evidence files (nil: names
// only) and reports what was stored.
func importRecords(out io.Writer, st *store.Store, file string, recs []review.Record, src store.Files) error {
	var files func(review.Record) store.FileSource
	if src != nil {
		files = func(review.Record) store.FileSource { return src }
	}
	stats, err := st.ImportWithFiles(file, recs, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s, %s imported; %s unchanged\n", file, review.Count(stats.Submissions, "submission", "submissions"),
		review.Count(stats.Decisions, "decision", "decisions"), review.Count(stats.Unchanged, "line", "lines"))
	return nil
}

// noEvidenceFiles fails on the first record that names evidence files, as
// stdin:LINE: parts[i].files: message.
func noEvidenceFiles(recs []review.Record) error {
	for _, rec := range recs {
		if rec.Submission == nil {
			continue
		}
		for i, p := range rec.Submission.Parts {
			if len(p.Files) > 0 {
				return &review.LineError{File: "stdin", Line: rec.Line, Field: fmt.Sprintf("parts[%d].files", i),
					Err: errors.New("evidence files reach the server in a bundle: tar -cf - FILE.jsonl FILES... | ssh HOST import --tar -, or add --no-files to store the names only")}
			}
		}
	}
	return nil
}

// displayName is how errors and reports name an import's input: "stdin"
// for "-", else the path as given.
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// readRecords parses every line of FILE (or stdin for "-"); the first bad
// line is returned as FILE:LINE: field: message and nothing is imported.
func readRecords(name string, stdin io.Reader) ([]review.Record, error) {
	r, done, err := openInput(name, stdin)
	if err != nil {
		return nil, err
	}
	defer done()
	return parseRecords(displayName(name), r)
}

// openInput is the file at path, or stdin for "-"; done releases it.
func openInput(path string, stdin io.Reader) (r io.Reader, done func(), err error) {
	if path == "-" {
		return limitedStdin(stdin, maxImportStdin), func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// parseRecords parses the JSON Lines of r, named file in errors.
func parseRecords(file string, r io.Reader) ([]review.Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	var recs []review.Record
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			// Spreadsheet and Windows tools start UTF-8 files with a byte
			// order mark; the scanner already drops CRLF's \r.
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		rec, err := review.ParseLine(line, text)
		if err != nil {
			var le *review.LineError
			if errors.As(err, &le) {
				le.File = file
			}
			return nil, err
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("%s:%d: line longer than the limit of %s", file, line+1, humanBytes(maxLine))
	} else if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line+1, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no records: want one JSON object per line", file)
	}
	return recs, nil
}
