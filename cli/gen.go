// `assessor gen`: a large synthetic program for benchmarks and load tests,
// imported in chunks (docs/PERFORMANCE.md).

package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"assessor/demo"
	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// genChunk is how many applications one generated chunk holds: one
// demo.Records call and one Import transaction. Big enough that the fsync
// and the tally write-back of each commit are small against the chunk's
// work. Small enough that bbolt's dirty leaves stay small: a leaf is split
// only at commit, so every random-order insert into an index (queue,
// turnaround, first submitted) moves the rest of its leaf, and on a young
// store a chunk of 10,000 applications ran at half the rate of one of 2,000
// (docs/PERFORMANCE.md).
const genChunk = 2000

// gen's largest flags, checked before the store is opened: past them a run
// is no test of this program but of the machine. 10,000,000 applications
// is ten times the design's 1M attempts (docs/PERFORMANCE.md builds
// 681,000); a chunk is held in memory twice over (one generated while one
// is imported), and 50,000 is three times the largest measured; reviewers
// are twenty times the design's 5,000, each a pseudonym held for the run.
const (
	genMostApplications = 10_000_000
	genMostChunk        = 50_000
	genMostReviewers    = 100_000
)

// genOptions are gen's flags.
type genOptions struct {
	applications int
	seed         int64
	reviewers    int
	chunk        int
	append       bool
	now          string // when the synthetic history ends; "" is now
	compact      bool   // end with assessor compact
}

// genCmd builds `assessor gen`: a large synthetic program for benchmarks
// and load tests, from the bundled rubrics and the demo generator.
func genCmd(g *globals) *cobra.Command {
	var o genOptions
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Fill a store with a large synthetic program (for benchmarks)",
		Long: "Generate a synthetic program of --applications applications over the bundled rubrics\n" +
			"and import it into --db in chunks of one transaction each, printing progress and the\n" +
			"rate. It refuses a store that already holds applications unless --append is given.\n" +
			"--db is required, so synthetic data never lands in the default store by accident.\n" +
			"Ctrl-C (or SIGTERM) stops it between chunks: it says how many applications the store\n" +
			"holds and the command that adds the rest, and exits non-zero.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if g.db == "" {
				return errors.New("gen needs --db FILE: it never writes synthetic data into the default store")
			}
			if o.applications <= 0 || o.chunk <= 0 || o.reviewers <= 0 {
				return errors.New("--applications, --chunk and --reviewers must be positive")
			}
			if err := genTooLarge(o); err != nil {
				return err
			}
			now, err := parseHistoryEnd(o.now)
			if err != nil {
				return err
			}
			if now.IsZero() {
				now = time.Now().UTC()
			}
			if err := g.allowOn(g.db); err != nil { // it opens the store itself
				return err
			}
			// A build runs for minutes: Ctrl-C stops it between chunks and
			// says how to add the rest, as serve stops on these signals.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if err := runGen(ctx, g.db, o, now, cmd.ErrOrStderr(), cmd.OutOrStdout()); err != nil {
				return g.throughServer(err)
			}
			if o.compact {
				return compactStore(g.db, cmd.OutOrStdout())
			}
			return nil
		},
	}
	decimalVar(cmd.Flags(), &o.applications, "applications", 10_000, "applications to generate (about 1.5 attempts each; at most 10,000,000)")
	decimalVar(cmd.Flags(), &o.seed, "seed", 1, "seed of the synthetic program")
	decimalVar(cmd.Flags(), &o.reviewers, "reviewers", 200, "reviewers who decided the history (at most 100,000)")
	decimalVar(cmd.Flags(), &o.chunk, "chunk", genChunk, "applications per import transaction (at most 50,000)")
	cmd.Flags().BoolVar(&o.append, "append", false, "add to a store that already holds applications")
	cmd.Flags().BoolVar(&o.compact, "compact", false, "compact the store when done (assessor compact): later commits skip the free pages the chunks left")
	cmd.Flags().StringVar(&o.now, "now", "", "when the synthetic history ends (YYYY-MM-DD or RFC 3339; default: now), so a build can be repeated")
	return cmd
}

// genTooLarge names the first of gen's flags above its limit, if any.
func genTooLarge(o genOptions) error {
	for _, f := range []struct {
		name        string
		value, most int
	}{{"--applications", o.applications, genMostApplications}, {"--chunk", o.chunk, genMostChunk}, {"--reviewers", o.reviewers, genMostReviewers}} {
		if f.value > f.most {
			return fmt.Errorf("%s %d: at most %d", f.name, f.value, f.most)
		}
	}
	return nil
}

// genChunks is how many chunks of chunk hold applications, without
// (applications+chunk-1)/chunk, whose sum can overflow.
func genChunks(applications, chunk int) int {
	n := applications / chunk
	if applications%chunk != 0 {
		n++
	}
	return n
}

// genBatch is one generated chunk on its way to the store.
type genBatch struct {
	index int
	recs  []review.Record
}

// runGen generates and imports the program; progress goes to progress, the
// summary to out. Generation of the next chunk overlaps the import of the
// current one, since each keeps one core busy. When ctx ends it stops
// between chunks, each of which is one transaction, and says what is
// stored and how to add the rest (genInterrupted).
func runGen(ctx context.Context, path string, o genOptions, now time.Time, progress, out io.Writer) error {
	// Pseudonyms come from a seeded source, so the same flags give the same
	// store and drawing them costs no system calls. It is seeded once the
	// store's size is known: an appending run must not replay the draws of
	// the run before it, which would collide with every pseudonym it made.
	pseudonyms := &seededRand{}
	st, err := openStoreWith(path, store.Options{Timeout: lockWait, Rand: pseudonyms, MapSize: genMapSize(o.applications)})
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := st.Counts()
	if err != nil {
		return err
	}
	if before.Applications > 0 && !o.append {
		return fmt.Errorf("%s already holds %s: add --append to add more, or choose another --db", path, review.Count(before.Applications, "application", "applications"))
	}
	rs, err := addBundled(st)
	if err != nil {
		return err
	}

	// Ids continue after the applications already there; each chunk's seed
	// follows from its first id, so appended chunks differ from earlier ones.
	offset := before.Applications
	pseudonyms.Reader = rand.NewChaCha8(seedBytes(uint64(chunkSeed(o.seed, offset))))
	chunks := genChunks(o.applications, o.chunk)
	batches := make(chan genBatch, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		for i := range chunks {
			first := offset + i*o.chunk
			n := min(o.chunk, o.applications-i*o.chunk)
			recs := demo.Records(rs, demo.Options{
				Seed: chunkSeed(o.seed, first), Applications: n, Now: now,
				Reviewers: o.reviewers, IDOffset: first,
			})
			select {
			case batches <- genBatch{index: i, recs: recs}:
			case <-stop:
				return
			}
		}
	}()

	start := time.Now()
	var attempts, decisions int
	done := 0 // applications stored so far
	// Until every chunk is stored: an interrupt during the last one's
	// import leaves a whole store, not one to resume with nothing left.
	for done < o.applications {
		var b genBatch
		ok := true
		select {
		case b, ok = <-batches:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			return genInterrupted(path, o, now, done)
		}
		if !ok {
			break
		}
		stats, err := st.Import(fmt.Sprintf("gen chunk %d", b.index+1), b.recs)
		if err != nil {
			return fmt.Errorf("gen: %w (the chunks before it are stored)", err)
		}
		done = min((b.index+1)*o.chunk, o.applications)
		attempts += stats.Submissions
		decisions += stats.Decisions
		el := time.Since(start)
		fmt.Fprintf(progress, "chunk %d/%d: %s, %s, %.0f attempts/s\n",
			b.index+1, chunks, review.Count(done, "application", "applications"), review.Count(attempts, "attempt", "attempts"), rate(attempts, el))
	}
	el := time.Since(start)
	c, err := st.Counts()
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(out, "%s: generated %s, %s (%s) in %s: %.0f attempts/s\n",
		path, review.Count(c.Applications-before.Applications, "application", "applications"), review.Count(attempts, "attempt", "attempts"),
		review.Count(decisions, "decision", "decisions"), el.Round(time.Millisecond), rate(attempts, el))
	fmt.Fprintf(out, "%s: now %s, %s (%d pending); %s on disk\n",
		path, review.Count(c.Applications, "application", "applications"), review.Count(c.Attempts, "attempt", "attempts"), c.Pending, humanBytes(size))
	return nil
}

// genInterrupted is the error of a gen stopped after done of
// o.applications: what the store holds and the command that adds the
// rest, with the history's end spelled out so the rest ends where this
// run's would have.
func genInterrupted(path string, o genOptions, now time.Time, done int) error {
	rest := fmt.Sprintf("assessor gen --db %s --append --applications %d --seed %d --reviewers %d --chunk %d --now %s",
		server.ShellWord(path), o.applications-done, o.seed, o.reviewers, o.chunk, cmp.Or(o.now, now.Format(time.RFC3339)))
	if o.compact {
		rest += " --compact"
	}
	return fmt.Errorf("interrupted after %d of %d applications; %s holds those %d (add the rest with: %s)", done, o.applications, path, done, rest)
}

// genMapSize is how much of the store gen maps up front (store.Options.MapSize),
// so the import's commits do not remap a growing file: about 16 KiB per
// application (20,000 take 312 MiB), up to 1 GiB. A run of fewer than 1,000
// applications maps just the file, which keeps a small store small on disk.
func genMapSize(applications int) int {
	const perApp, most = 16 << 10, 1 << 30
	if applications < 1000 {
		return 0
	}
	return min(applications, most/perApp) * perApp
}

// seededRand is the store's pseudonym source, set after Open (see runGen).
type seededRand struct{ io.Reader }

// chunkSeed derives a chunk's seed from the user's seed and the chunk's
// first id offset (splitmix64), so no two chunks share a history.
func chunkSeed(seed int64, first int) int64 {
	z := uint64(seed) + uint64(first)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return int64(z ^ (z >> 31))
}

// rate is n per second over d, 0 for no time at all.
func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// humanBytes formats a size in binary units, e.g. "1.4 GiB".
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
