package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// exportCmd is `assessor export`: what leaves the program for candidates,
// their feedback (feedback) and their Open Badges (badges).
func exportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "export", Short: "Export what candidates receive"}
	cmd.AddCommand(exportFeedbackCmd(g), exportBadgesCmd(g))
	return cmd
}

// exportFeedbackCmd is `assessor export feedback`: the Markdown a candidate
// receives for each decided attempt, for one application (to stdout) or
// every one (files, or a tar stream over SSH). It never names a reviewer
// or a pseudonym.
func exportFeedbackCmd(g *globals) *cobra.Command {
	var application, all string
	cmd := &cobra.Command{
		Use:   "feedback --application ID-OR-HANDLE | --all DIR|-",
		Short: "Write candidate feedback as Markdown (docs/formats.md §4): no reviewer id, no pseudonyms",
		Long: "Write the feedback a candidate receives for each decided attempt: credential, attempt,\n" +
			"outcome, each criterion's level and feedback, overall feedback and date. It never names\n" +
			"the reviewer. --application writes one application's decided attempts to stdout (or one\n" +
			"attempt, given as HANDLE#n or ID#n); --all writes every decided attempt to\n" +
			"DIR/<application>-attempt-<n>-<key>.md, or with --all - the same files as a tar stream\n" +
			"to stdout (redirected to a file: a terminal is refused). <key> is derived from a secret\n" +
			"the store keeps, the same on every export, so hosted beside the badges (export badges\n" +
			"--feedback-url) one file does not tell the name of another.",
		Args:        noArgs,
		Annotations: map[string]string{sshExample: "--application ID-OR-HANDLE | --all - > feedback.tar"},
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Exactly one of the two: they write to different places.
			if (application == "") == (all == "") {
				return errors.New("export feedback needs one of --application ID-OR-HANDLE or --all DIR")
			}
			if g.served != nil && all != "" && all != "-" {
				return errors.New("over ssh export feedback writes to stdout, not to a folder on the server: " + sshInvocation("export feedback --all - > feedback.tar") + " (a tar stream), or --application ID-OR-HANDLE")
			}
			if all != "" {
				g.sshForm = "export feedback --all - > feedback.tar" // should serve hold the store
			}
			switch {
			case all == "-":
				if err := g.streamOut(cmd, "export feedback --all -", "feedback.tar"); err != nil {
					return err
				}
			case application != "":
				// Text a terminal may show, but a file of it is private.
				if err := g.privateOut(cmd, "export feedback", false); err != nil {
					return err
				}
			}
			return g.withReadStore(func(st *store.Store) error {
				if all != "" {
					n, err := exportAllFeedback(st, all, cmd.OutOrStdout())
					if err != nil && n > 0 {
						// Say the folder (or tar stream) is not the whole export.
						return fmt.Errorf("export feedback stopped after %s in %s, which is not the whole export: %w", review.Count(n, "file", "files"), exportName(all), err)
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(g.notes(cmd), "%s: %s written\n", exportName(all), review.Count(n, "feedback file", "feedback files"))
					return nil
				}
				return exportApplicationFeedback(st, application, cmd.OutOrStdout())
			})
		},
	}
	cmd.Flags().StringVar(&application, "application", "", "application id or handle (HANDLE#n for one attempt)")
	cmd.Flags().StringVar(&all, "all", "", "directory to write one file per decided attempt into")
	return cmd
}

// exportApplicationFeedback writes one application's decided attempts, or
// the one attempt name gives with "#n", separated by a rule.
func exportApplicationFeedback(st *store.Store, name string, w io.Writer) error {
	key, named, err := st.Resolve(name)
	if err != nil {
		return err
	}
	wh, err := withholdingOf(st)
	if err != nil {
		return err
	}
	docs, err := feedbackDocs(st, key.Application, wh)
	if err != nil {
		return err
	}
	// Without "#n", every decided attempt; with it, that one only.
	var out []string
	for _, d := range docs {
		if !named || d.attempt == key.Attempt {
			out = append(out, d.markdown)
		}
	}
	switch {
	case len(out) == 0 && named:
		return fmt.Errorf("%s is not decided yet: there is no feedback to export", name)
	case len(out) == 0:
		return fmt.Errorf("%s has no decided attempt yet: there is no feedback to export", name)
	}
	for i, md := range out {
		if i > 0 {
			fmt.Fprint(w, "\n---\n\n")
		}
		if _, err := fmt.Fprint(w, md); err != nil {
			return err
		}
	}
	return nil
}

// exportAllFeedback writes every decided attempt's feedback into dir and
// returns how many files it wrote.
func exportAllFeedback(st *store.Store, dir string, stdout io.Writer) (int, error) {
	sink, err := newExportSink(dir, stdout)
	if err != nil {
		return 0, fmt.Errorf("export feedback: %w", err)
	}
	apps, err := st.Applications()
	if err != nil {
		return 0, err
	}
	wh, err := withholdingOf(st)
	if err != nil {
		return 0, err
	}
	name, err := st.FeedbackNamer()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, app := range apps {
		docs, err := feedbackDocs(st, app.ID, wh)
		if err != nil {
			return n, err
		}
		for _, d := range docs {
			// Ids are [A-Za-z0-9._-] (docs/formats.md), so the name is safe as a path.
			if err := sink.write(name(app.ID, d.attempt), []byte(d.markdown)); err != nil {
				return n, fmt.Errorf("export feedback: %w", err)
			}
			n++
		}
	}
	return n, sink.close()
}

// withholding is what every candidate text an export writes withholds
// besides its own application's handles and actors: the registered ids,
// and the credentials' handle prefixes that hold a digit.
type withholding struct{ registered, prefixes []string }

// withholdingOf reads st's withholding.
func withholdingOf(st *store.Store) (withholding, error) {
	ids, err := st.ReviewerIDs() // removed ones with decisions too
	if err != nil {
		return withholding{}, err
	}
	creds, err := st.Credentials()
	if err != nil {
		return withholding{}, err
	}
	w := withholding{registered: ids}
	for _, r := range creds {
		if p := review.CredentialPrefix(r.ID); strings.ContainsAny(p, "0123456789") && !slices.Contains(w.prefixes, p) {
			w.prefixes = append(w.prefixes, p)
		}
	}
	return w, nil
}

// of is the review.Withheld of a text on the applications of handles,
// whose attempts actors decided or changed.
func (w withholding) of(handles, actors []string) review.Withheld {
	out := review.NewWithheld(handles, w.registered, actors)
	out.Prefixes = w.prefixes
	return out
}

// attemptActors are the ids of whoever decided or changed the attempts of
// recs, which the candidate's texts withhold however they are written.
func attemptActors(recs []store.AttemptRecord) []string {
	var actors []string
	for _, r := range recs {
		if r.Decision != nil {
			actors = append(actors, r.Decision.Reviewer)
		}
		for _, h := range r.History {
			actors = append(actors, h.By, h.Decision.Reviewer)
		}
	}
	return actors
}

// feedbackDoc is one decided attempt's candidate feedback.
type feedbackDoc struct {
	attempt  int
	markdown string
}

// feedbackDocs renders the feedback of every decided attempt of an
// application, oldest first, against the rubric version each was scored on,
// withholding handles and ids (review.NewWithheld: registered is every id).
func feedbackDocs(st *store.Store, id string, wh withholding) ([]feedbackDoc, error) {
	app, recs, err := st.ApplicationRecord(id)
	if err != nil {
		return nil, err
	}
	withheld := wh.of([]string{app.Pseudonym}, attemptActors(recs))
	var docs []feedbackDoc
	for _, r := range recs {
		if r.Decision == nil {
			continue
		}
		rub, err := st.Rubric(app.Credential, r.Attempt.RubricVersion)
		if err != nil {
			return nil, err
		}
		f := review.CandidateFeedback{Application: app.ID, Rubric: rub, Decision: *r.Decision, Withheld: withheld}
		if r.Decision.Outcome == review.Resubmit {
			f.ClosesAt = app.ClosesAt()
			if r.Attempt.Number == app.Attempts {
				f.AsOf = time.Now() // no next attempt yet: is there still time?
			}
		}
		// The candidate is told when their decision was last amended.
		for _, h := range r.History {
			if h.Action == review.ActionAmend {
				f.AmendedAt = h.At
			}
		}
		docs = append(docs, feedbackDoc{attempt: r.Attempt.Number, markdown: review.FeedbackMarkdown(f)})
	}
	return docs, nil
}
