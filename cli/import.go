// `assessor import`: submissions and decisions enter a store from JSON
// Lines, with their evidence files (import_files.go) or as a tar bundle
// (import_bundle.go), all or nothing per file.

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
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
			"which is how files reach a served store: tar -cf - new.jsonl evidence | ssh -p PORT HOST import --tar -\n\n" +
			"FILE is read twice, so a file of any size imports in bounded memory: every line is checked before\n" +
			"the store is opened, then read again as it is stored; a file changed in between fails the import.\n" +
			"stdin is first copied to a temporary file (mode 0600) in the store's folder, removed at the end.",
		Args:        needs("a JSON Lines file, or - for stdin", "submissions.jsonl"),
		Annotations: map[string]string{sshExample: "- < submissions.jsonl"},
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
			if dir != "" && g.served != nil { // a folder of the server's, not the user's
				return errors.New("--files names a folder, and over ssh that would be the server's: files come in a bundle, " + sshInvocation("import --tar - < bundle.tar"))
			}
			name := args[0]
			if err := g.fromStdinOnly("import", name, sshInvocation("import - < FILE")+", or "+sshInvocation("import --tar - < bundle.tar")); err != nil {
				return err
			}
			if bundled {
				g.sshForm = "import --tar - < BUNDLE.tar" // should serve hold the store
			}
			if err := g.allowBeforeInput(); err != nil {
				return err
			}
			if bundled {
				return g.thenCompact(compact, cmd.OutOrStdout(), g.withNewStore(func(st *store.Store) error {
					return importBundle(cmd.Context(), st, name, cmd.InOrStdin(), g.spoolDir(), cmd.OutOrStdout())
				}))
			}
			// Pass 1 before opening the store: a bad line stores nothing
			// and never waits for the store's lock. The import then reads
			// its records from the file again (store/import_file.go).
			idx, done, err := indexInput(name, cmd.InOrStdin(), g.spoolDir())
			if err != nil {
				return err
			}
			defer done()
			if g.served != nil && !noFiles {
				// Only stdin crosses the connection, not a files folder.
				if err := noEvidenceFiles(idx.Named); err != nil {
					return err
				}
			}
			return g.thenCompact(compact, cmd.OutOrStdout(), g.withNewStore(func(st *store.Store) error {
				var src store.FileSource // nil: names only, or no file named
				if !noFiles {
					limits, err := st.FileLimits()
					if err != nil {
						return err
					}
					var done func()
					src, done, err = dirEvidence(displayName(name), filesDir(name, dir), idx.Named, limits)
					defer done()
					if err != nil {
						return err
					}
				}
				return importRecords(cmd.Context(), cmd.OutOrStdout(), st, displayName(name), idx, src)
			}))
		},
	}
	cmd.Flags().StringVar(&dir, "files", "", "folder the parts' files are read from (default: FILE's folder; for stdin the current folder)")
	cmd.Flags().BoolVar(&noFiles, "no-files", false, "store file names only, without the files (for migrations)")
	cmd.Flags().BoolVar(&compact, "compact", false, "compact the store after a large import (assessor compact; nothing else may have it open)")
	cmd.Flags().BoolVar(&bundled, "tar", false, "FILE is a tar bundle of one .jsonl file and the evidence files it names")
	return cmd
}

// thenCompact compacts the store after a successful import when asked.
func (g *globals) thenCompact(compact bool, out io.Writer, err error) error {
	if err != nil || !compact {
		return err
	}
	return compactStore(g.storePath(defaultStoreName), out)
}

// importBundle imports the tar bundle at path (stdin for "-", spooled in
// spoolDir; see readBundle): its JSONL file with the evidence files it
// names, each read from the spool as it is stored.
func importBundle(ctx context.Context, st *store.Store, path string, stdin io.Reader, spoolDir string, out io.Writer) error {
	limits, err := st.FileLimits()
	if err != nil {
		return err
	}
	b, err := readBundle(displayName(path), path, stdin, spoolDir, limits, maxBundle)
	if err != nil {
		return err
	}
	defer b.close()
	idx, err := store.ReadImportFile(b.name, b.jsonl, b.jsonl.Size(),
		store.ImportFileOptions{MaxLine: maxLine, MaxLineText: humanBytes(maxLine)})
	if err != nil {
		return err
	}
	named := 0
	err = namedFiles(b.name, "the bundle", idx.Named, func(name string) error {
		named++
		_, err := b.stat(name)
		return err
	})
	if err != nil {
		return err
	}
	var src store.FileSource
	if named > 0 {
		src = b
	}
	return importRecords(ctx, out, st, b.name, idx, src)
}

// importRecords imports the records of file with their evidence files
// (nil: names only) and reports what was stored. It stops when ctx ends,
// storing nothing: over ssh, when an admin removes the key or reviewer it
// runs for.
func importRecords(ctx context.Context, out io.Writer, st *store.Store, file string, recs store.Records, src store.FileSource) error {
	recs = stoppable{recs, ctx}
	var files func(review.Record) store.FileSource
	// A file that names no evidence files stores the same either way; as
	// names only, the import scans its evidence ahead on a spare core.
	if src != nil {
		files = func(review.Record) store.FileSource { return src }
	}
	stats, err := st.ImportFrom(file, recs, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s, %s imported; %s unchanged\n", cellText(file), review.Count(stats.Submissions, "submission", "submissions"),
		review.Count(stats.Decisions, "decision", "decisions"), review.Count(stats.Unchanged, "line", "lines"))
	return nil
}

// stoppable is Records that fail once ctx ends. The import loads its
// records a block at a time until its final commit, and a failed import
// takes back what it had committed so far.
type stoppable struct {
	store.Records
	ctx context.Context
}

func (r stoppable) Load(lo, hi int) ([]review.Record, error) {
	if err := r.Stopped(); err != nil {
		return nil, err
	}
	return r.Records.Load(lo, hi)
}

// Stopped is store.Stopper's: the store checks it in the import's last
// transaction, as an import of one block loads it all at the start.
func (r stoppable) Stopped() error {
	if err := context.Cause(r.ctx); err != nil {
		return fmt.Errorf("import stopped: %w", err)
	}
	return nil
}

// eachRecord walks records (store.ImportFile.Named: those that name
// evidence files), stopping at fn's first error.
type eachRecord func(fn func(review.Record) error) error

// noEvidenceFiles fails on the first record that names evidence files, as
// stdin:LINE: parts[i].files: message.
func noEvidenceFiles(named eachRecord) error {
	return named(func(rec review.Record) error {
		for i, p := range rec.Submission.Parts {
			if len(p.Files) > 0 {
				return &review.LineError{File: "stdin", Line: rec.Line, Field: fmt.Sprintf("parts[%d].files", i),
					Err: errors.New("evidence files reach the server in a bundle: tar -cf - FILE.jsonl FILES... | ssh -p PORT HOST import --tar -, or add --no-files to store the names only")}
			}
		}
		return nil
	})
}

// displayName is how errors and reports name an import's input: "stdin"
// for "-", else the path as given.
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
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
