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
	return &cobra.Command{
		Use:   "import FILE|-",
		Short: "Import submissions and decisions from JSON Lines (all or nothing per file)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			recs, err := readRecords(name, cmd.InOrStdin())
			if err != nil {
				return err
			}
			return g.withStore(func(st *store.Store) error {
				stats, err := st.Import(displayName(name), recs)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d submissions, %d decisions imported; %d lines unchanged\n",
					displayName(name), stats.Submissions, stats.Decisions, stats.Unchanged)
				return nil
			})
		},
	}
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
