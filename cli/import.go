package cli

import (
	"bufio"
	"bytes"
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

func importCmd(g *globals) *cobra.Command {
	var dir string
	var noFiles bool
	cmd := &cobra.Command{
		Use:   "import FILE|-",
		Short: "Import submissions and decisions from JSON Lines (all or nothing per file)",
		Long: "Import submissions and decisions from JSON Lines (formats.md §2), all or nothing per file.\n\n" +
			"Evidence files: each name in a part's \"files\" is a file name or a relative path inside the\n" +
			"files folder: --files DIR, by default the folder holding FILE (the current folder for stdin).\n" +
			"Every named file must be there; its bytes are stored once by content and scanned for identity\n" +
			"leaks like the evidence text. Files over the size limits (assessor config files) fail the\n" +
			"import. --no-files stores the names only, for migrations from systems without the files.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if noFiles && dir != "" {
				return errors.New("--files and --no-files exclude each other")
			}
			name := args[0]
			if err := g.fromStdinOnly("import", name, "ssh HOST import - < FILE"); err != nil {
				return err
			}
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
			return g.withStore(func(st *store.Store) error {
				var files func(review.Record) store.FileSource
				if !noFiles {
					limits, err := st.FileLimits()
					if err != nil {
						return err
					}
					src, err := loadFiles(displayName(name), filesDir(name, dir), recs, limits)
					if err != nil {
						return err
					}
					files = func(review.Record) store.FileSource { return src }
				}
				stats, err := st.ImportWithFiles(displayName(name), recs, files)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d submissions, %d decisions imported; %d lines unchanged\n",
					displayName(name), stats.Submissions, stats.Decisions, stats.Unchanged)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&dir, "files", "", "folder the parts' files are read from (default: FILE's folder; for stdin the current folder)")
	cmd.Flags().BoolVar(&noFiles, "no-files", false, "store file names only, without the files (for migrations)")
	return cmd
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
					Err: errors.New("evidence files cannot be sent over ssh: import on the server with --files DIR, or add --no-files to store the names only")}
			}
		}
	}
	return nil
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// readRecords parses every line of FILE (or stdin for "-"); the first bad
// line is returned as FILE:LINE: field: message and nothing is imported.
func readRecords(name string, stdin io.Reader) ([]review.Record, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	var recs []review.Record
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		rec, err := review.ParseLine(line, sc.Bytes())
		if err != nil {
			var le *review.LineError
			if errors.As(err, &le) {
				le.File = displayName(name)
			}
			return nil, err
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", displayName(name), line+1, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no records: want one JSON object per line", displayName(name))
	}
	return recs, nil
}
