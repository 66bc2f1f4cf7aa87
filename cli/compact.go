package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"assessor/store"
)

// compactCmd is `assessor compact`: rewrite the store without its free
// pages (bbolt's Compact), while nothing else has it open.
func compactCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the store without free pages, so later commits are cheaper (nothing else may have it open)",
		Long: "Rewrite the store into a new file with bbolt's own compaction and rename it into place.\n" +
			"A large import or gen leaves thousands of free pages whose list every later commit\n" +
			"rewrites; a compacted store has none (measured in docs/PERFORMANCE.md). The store must not be open in\n" +
			"another process (assessor serve, a reviewer): compact waits briefly for its lock and\n" +
			"fails otherwise. A store that fails bbolt's consistency check is refused.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if g.served != nil {
				return errors.New("compact needs the store to itself: stop assessor serve and run it on the server's machine")
			}
			path := g.existingStorePath() // the demo's, as for every command, until there is a program store
			if err := g.allowOn(path); err != nil {
				return err
			}
			return compactStore(path, cmd.OutOrStdout())
		},
	}
}

// compactStore compacts the existing store at path and says how much it
// saved on out; gen --compact and import --compact end with it.
func compactStore(path string, out io.Writer) error {
	if noFile(path) {
		return &noStoreError{path}
	}
	// An older store is refused (as every command but upgrade and serve
	// refuses it), not upgraded on the way.
	before, after, err := store.Compact(path, store.Options{Timeout: lockWait, Notify: notifyStderr, Schema: store.SchemaRefuse})
	if err != nil {
		return stopServeFirst("compact", oldStoreHint(path, servedHint(path, err)))
	}
	fmt.Fprintf(out, "compacted %s: %s → %s\n", path, humanBytes(before), humanBytes(after))
	return nil
}
