// `assessor export badges`: the Open Badges 2.0 documents for hosting at
// the issuer's URL: issuer, badge classes, assertions, revocation list.

package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// exportBadgesCmd is `assessor export badges DIR` (docs/formats.md §5).
func exportBadgesCmd(g *globals) *cobra.Command {
	var as, feedbackURL string
	cmd := &cobra.Command{
		Use:   "badges DIR|- [--as LEAD] [--feedback-url URL]",
		Short: "Write Open Badges 2.0 assertions for passed applications and completed stacks (leads and admins)",
		Long: "Write one Open Badges 2.0 assertion per passed application and per completed stack, a\n" +
			"BadgeClass per credential and stack, the issuer profile and the revocation list:\n" +
			"  DIR/issuer.json  DIR/revocations.json  DIR/badges/<credential>.json\n" +
			"  DIR/badges/stacks/<stack>.json  DIR/assertions/<id>.json\n" +
			"Host DIR at the issuer's base URL (assessor config issuer): assertions are verified by\n" +
			"fetching them there. Re-exporting writes the same files. A pass a lead amended away\n" +
			"keeps its assertion, revoked and in the revocation list; a stack badge once exported\n" +
			"stays when the stack gains a credential, and is revoked if a pass it was earned with\n" +
			"is. Other assertion files the store no longer issues are removed from DIR.\n\n" +
			"Recipients are hashed: the candidate's email is read from the identity vault only to\n" +
			"hash it with a per-assertion salt, inside the store, and never leaves it unhashed. This\n" +
			"is why only a lead or admin may export, and why it is not a reveal (nothing is audited).\n" +
			"A candidate completes a stack with a pass in every credential whose latest rubric names it.\n" +
			"--feedback-url is where `export feedback --all` files are hosted; given, each credential\n" +
			"assertion's evidence links to the candidate's feedback on the passing attempt.\n\n" +
			"DIR - writes the same files as a tar stream to stdout, which must not be a terminal (how\n" +
			"a served store exports:\n" +
			sshInvocation("export badges - > badges.tar") + ").",
		Args:        needs("a directory, or - for a tar stream on stdout", "badges/"),
		Annotations: map[string]string{sshExample: "- > badges.tar"},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Over SSH a folder would be on the server, not the lead's
			// machine.
			if g.served != nil && args[0] != "-" {
				return errors.New("over ssh export badges writes a tar stream to stdout, not to a folder on the server: " + sshInvocation("export badges - > badges.tar"))
			}
			if args[0] == "-" {
				if err := g.streamOut(cmd, "export badges -", "badges.tar"); err != nil {
					return err
				}
			}
			if feedbackURL != "" {
				if err := review.BaseURL(feedbackURL); err != nil {
					return fmt.Errorf("--feedback-url %q %v", feedbackURL, err)
				}
			}
			return g.withLead(as, func(st *store.Store, lead string) error {
				is, err := st.ExportIssuer()
				switch {
				case errors.Is(err, store.ErrNoIssuer):
					return errors.New("export badges needs an issuer profile: an admin sets it with: " + g.invocation("config issuer --name NAME --url URL --email EMAIL"))
				case errors.Is(err, review.ErrIssuer):
					return fmt.Errorf("export badges: %w; an admin sets it again with: %s", err, g.invocation("config issuer --name NAME"))
				case err != nil:
					return err
				}
				// The store hashes each recipient's email inside and
				// checks a named lead's role itself.
				set, err := g.badges(st, lead)
				if err != nil {
					return err
				}
				revs, err := st.Revocations()
				if err != nil {
					return err
				}
				var evidence func(string, int) string // the URL of an attempt's feedback
				if feedbackURL != "" {
					name, err := st.FeedbackNamer()
					if err != nil {
						return err
					}
					// The file name `export feedback --all` gives it.
					evidence = func(app string, n int) string { return strings.TrimRight(feedbackURL, "/") + "/" + name(app, n) }
				}
				reasons, err := publishedReasons(st, set, revs)
				if err != nil {
					return err
				}
				files, err := badgeFiles(is, set, reasons, evidence)
				if err != nil {
					return err
				}
				removed, err := writeBadgeFiles(args[0], cmd.OutOrStdout(), files)
				if err != nil {
					return fmt.Errorf("export badges: %w", err)
				}
				// Published now: a stack badge stays the candidate's if the
				// stack later gains a credential (store/badges_issued.go).
				if err := st.RecordIssued(set); err != nil {
					return fmt.Errorf("export badges: written, but not recorded as published: %w", err)
				}
				reportExport(g.notes(cmd), exportName(args[0]), set, removed)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&feedbackURL, "feedback-url", "", "URL where exported feedback files are hosted, for each assertion's evidence")
	return cmd
}

// reportExport says what was written on w, stderr, so stdout stays clean.
func reportExport(w io.Writer, dir string, set store.BadgeSet, removed int) {
	var creds, stacks, revoked int
	for _, b := range set.Badges {
		if b.Stack != "" {
			stacks++
		} else {
			creds++
		}
		if b.Revocation != nil {
			revoked++
		}
	}
	fmt.Fprintf(w, "%s: %s (%d credential, %d stack; %d revoked)\n", dir, review.Count(len(set.Badges), "assertion", "assertions"), creds, stacks, revoked)
	if removed > 0 {
		fmt.Fprintf(w, "%s: removed %s the store no longer issues\n", dir, review.Count(removed, "assertion", "assertions"))
	}
	if n := len(set.NoEmail); n > 0 {
		// By handle, so a lead can find each (assessor history HANDLE) and
		// have the email put on record; ten at most, the rest counted.
		shown := strings.Join(set.NoEmail[:min(n, 10)], ", ")
		if n > 10 {
			shown += fmt.Sprintf(" and %d more", n-10)
		}
		fmt.Fprintf(w, "%s no email on record (%s): no assertion can name their candidate\n", review.Count(n, "passed application has", "passed applications have"), shown)
	}
}

// badgeFiles builds every document of an export, by file name relative to
// the export directory (and to the issuer's base URL); reasons are the
// revocations' as published (publishedReasons), by assertion id.
func badgeFiles(is review.Issuer, set store.BadgeSet, reasons map[string]string, evidence func(string, int) string) (map[string]any, error) {
	files := map[string]any{review.ProfileFile: is.Profile()}
	// The list names every revocation ever made, so a verifier that cached
	// an assertion still learns it was withdrawn.
	files[review.RevocationListFile] = is.RevocationList(reasons)
	for id, r := range set.Credentials {
		files[review.CredentialBadgeFile(id)] = is.CredentialBadgeClass(r)
	}
	members := review.StackMembers(set.Credentials)
	slugs := map[string]string{}
	for stack, ids := range members {
		// Two stack names can make one file name; writing both would
		// leave one badge class silently overwritten.
		name := review.StackBadgeFile(stack)
		if other, ok := slugs[name]; ok {
			a, b := min(stack, other), max(stack, other)
			return nil, fmt.Errorf("stacks %q and %q would both be written to %s: rename one in its rubric", a, b, name)
		}
		slugs[name] = stack
		rs := make([]review.Rubric, len(ids))
		for i, id := range ids {
			rs[i] = set.Credentials[id]
		}
		files[name] = is.StackBadgeClass(stack, rs)
	}
	if err := keptStackClasses(is, set, members, slugs, files); err != nil {
		return nil, err
	}
	for _, b := range set.Badges {
		a := review.Award{ID: b.ID, Recipient: b.Recipient, IssuedOn: b.IssuedOn}
		if b.Stack != "" {
			a.BadgeFile = review.StackBadgeFile(b.Stack)
			a.Evidence = &review.Evidence{Narrative: "Passed every micro-credential of the stack."}
		} else {
			a.BadgeFile = review.CredentialBadgeFile(b.Credential)
			a.Evidence = &review.Evidence{Narrative: fmt.Sprintf("Passed on attempt %d", b.Attempt)}
			if evidence != nil {
				a.Evidence.ID = evidence(b.Applications[0], b.Attempt)
			}
		}
		if b.Revocation != nil {
			a.Revoked, a.Reason = true, reasons[b.ID]
		}
		files[review.AssertionFile(b.ID)] = is.Assertion(a)
	}
	return files, nil
}

// keptStackClasses adds to files a BadgeClass for each stack that a kept
// stack assertion names and no rubric does now (renamed, or its
// credentials moved away): the assertion points at it, and a verifier
// must find it. It lists the credentials the stack's assertions were
// earned with. slugs are the files of the present stacks, by name: a
// present stack whose name reads the same (in another case, accents or
// spacing) serves as the old one's class; any other at its file is
// refused, as two present stacks are.
func keptStackClasses(is review.Issuer, set store.BadgeSet, members map[string][]string, slugs map[string]string, files map[string]any) error {
	had := map[string][]string{}
	for _, b := range set.Badges {
		if _, now := members[b.Stack]; b.Stack != "" && !now {
			had[b.Stack] = append(had[b.Stack], b.Credentials...)
		}
	}
	for _, stack := range slices.Sorted(maps.Keys(had)) {
		name := review.StackBadgeFile(stack)
		if other, ok := slugs[name]; ok {
			if readsSame(stack, other) {
				continue
			}
			return fmt.Errorf("stack %q, which published badges name, and stack %q would both be written to %s: rename %q in its rubric", stack, other, name, other)
		}
		slugs[name] = stack
		ids := slices.Compact(slices.Sorted(slices.Values(had[stack])))
		rs := make([]review.Rubric, len(ids))
		for i, id := range ids {
			if r, ok := set.Credentials[id]; ok {
				rs[i] = r
			} else {
				rs[i] = review.Rubric{ID: id}
			}
		}
		files[name] = is.StackBadgeClass(stack, rs)
	}
	return nil
}

// readsSame reports whether two stack names differ only in case, accents
// or spacing: one stack, renamed as it reads.
func readsSame(a, b string) bool {
	fold := func(s string) string { return strings.Join(strings.Fields(review.Fold(s)), " ") }
	return fold(a) == fold(b)
}

// assertionFileName matches the files of assertions/ an export writes,
// so only those are ever removed.
var assertionFileName = regexp.MustCompile(`^[cs]-[0-9a-f]{24}\.json$`)

// writeBadgeFiles writes files as indented JSON, in name order but the
// revocation list last, into dir (or as a tar stream to stdout for "-"),
// and removes the assertion files an earlier export into dir wrote that
// are not among them. It returns how many it removed.
func writeBadgeFiles(dir string, stdout io.Writer, files map[string]any) (int, error) {
	sink, err := newExportSink(dir, stdout)
	if err != nil {
		return 0, err
	}
	// An export stopped partway then leaves the earlier list, never one
	// that misses a revocation of an assertion already written.
	names := slices.Sorted(maps.Keys(files))
	if i := slices.Index(names, review.RevocationListFile); i >= 0 {
		names = append(slices.Delete(names, i, i+1), review.RevocationListFile)
	}
	for _, name := range names {
		data, err := json.MarshalIndent(files[name], "", "  ")
		if err != nil {
			return 0, err
		}
		if err := sink.write(name, append(data, '\n')); err != nil {
			return 0, err
		}
	}
	if err := sink.close(); err != nil || dir == "-" {
		return 0, err
	}
	return sweepAssertions(dir, files)
}

// sweepAssertions removes from dir's assertions/ the assertion files an
// earlier export wrote and files does not hold, through dir as an
// os.Root, as the export's writes go: a symlink planted there leading
// out is refused, not followed into another folder's assertions.
func sweepAssertions(dir string, files map[string]any) (int, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, err
	}
	defer root.Close()
	f, err := root.Open("assertions")
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil // nothing issued, now or before
	} else if err != nil {
		return 0, escaped(dir, "assertions", err)
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, e := range entries {
		if _, ok := files[review.AssertionFile(strings.TrimSuffix(e.Name(), ".json"))]; ok || !assertionFileName.MatchString(e.Name()) {
			continue
		}
		if err := root.Remove(filepath.Join("assertions", e.Name())); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}
