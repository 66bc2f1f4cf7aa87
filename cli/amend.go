// `assessor amend`: a lead changes a decision of record, kept in the
// decision history with who, when and why.

package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// errAmendReason is the one-line refusal of an amendment without a reason.
var errAmendReason = errors.New("amend needs --reason: say why the decision changes")

// amendCmd is `assessor amend HANDLE`: a lead changes a decision of record
// after the fact. The store recomputes the outcome under the same rules as
// a review and keeps the old decision in the history with who, when and
// why, so an amendment is never silent.
func amendCmd(g *globals) *cobra.Command {
	var as, reason, overall string
	var levels, feedback []string
	cmd := &cobra.Command{
		Use:   "amend HANDLE --reason \"…\" --level C2=meets [--feedback C2=\"…\"] [--overall \"…\"]",
		Short: "Change a decision of record (leads and admins; kept in history with who, when and why)",
		Long: "Amend the decision on a decided attempt, named by handle (DF-7KQ2#1) or application id\n" +
			"(A-1001#1); without #n it is the latest attempt. Criteria not named keep their level and\n" +
			"feedback; an empty --feedback value removes that feedback. A criterion whose level changes\n" +
			"needs its feedback given again (--feedback C2=\"…\", or C2= to remove it): what was written\n" +
			"for the old level would reach the candidate under the new one; so does the overall feedback\n" +
			"when the outcome changes (--overall \"…\", or --overall= to remove it). The outcome is\n" +
			"recomputed and must follow the rules (pass iff every criterion meets; feedback on every\n" +
			"not-yet). An attempt the candidate has already followed with another cannot be amended to\n" +
			"pass. Until a calibration example is removed (assessor calibration remove), its decision\n" +
			"cannot be amended, nor can its application be reopened (its passing last attempt amended to\n" +
			"resubmit). A lead who declared a conflict with the candidate cannot amend it: another lead\n" +
			"must.\n\n" +
			"The old decision stays in the history; the amended one becomes the decision of record, with\n" +
			"the lead as its reviewer and the original decision date (turnaround is the candidate's wait\n" +
			"for their answer). See it with: assessor history HANDLE",
		Args: needs("an application handle", "CE-YA97 --reason \"…\" --level C2=meets"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Every flag is checked before the store is opened, so a
			// mistake in one costs no lock and changes nothing.
			if err := checkReason(reason, errAmendReason); err != nil {
				return err
			}
			lv, err := keyValues("--level", levels, "C2=meets")
			if err != nil {
				return err
			}
			fb, err := keyValues("--feedback", feedback, `C2="Show how students used it"`)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("overall") {
				fb[review.OverallKey] = overall
			}
			if len(lv) == 0 && len(fb) == 0 {
				return errors.New("amend needs a change: give --level, --feedback or --overall")
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				// The old outcome, for the line that reports the change.
				old, _, err := st.Decision(key)
				if err != nil {
					return err
				}
				d, err := st.Amend(lead, key, lv, fb, reason)
				if err != nil {
					return err
				}
				a, levels, err := levelsAsScored(st, key, d.Levels)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "amended %s: %s → %s (%s); recorded in history by %s\n",
					a.Handle(), old.Outcome, d.Outcome, levels, lead)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why the decision changes (required; kept in history)")
	cmd.Flags().StringArrayVar(&levels, "level", nil, "CRITERION=LEVEL to change (repeatable)")
	cmd.Flags().StringArrayVar(&feedback, "feedback", nil, "CRITERION=TEXT to replace that criterion's feedback (repeatable; empty TEXT removes it)")
	cmd.Flags().StringVar(&overall, "overall", "", "new overall feedback (empty removes it)")
	return cmd
}

// keyValues parses repeated KEY=VALUE flags.
func keyValues(flag string, vals []string, example string) (map[string]string, error) {
	m := map[string]string{}
	for _, v := range vals {
		k, val, ok := strings.Cut(v, "=")
		if k = strings.TrimSpace(k); !ok || k == "" {
			return nil, fmt.Errorf("%s %q: want CRITERION=VALUE, e.g. %s %s", flag, v, flag, example)
		}
		m[k] = strings.TrimSpace(val)
	}
	return m, nil
}

// levelsAsScored is levels as levelList writes them, in the order of the
// rubric the attempt was scored against (a later version may have renamed
// its criteria), with the attempt.
func levelsAsScored(st *store.Store, key review.AttemptKey, levels map[string]string) (review.Attempt, string, error) {
	a, err := st.Attempt(key)
	if err != nil {
		return review.Attempt{}, "", err
	}
	r, err := st.Rubric(a.Credential, a.RubricVersion)
	if err != nil {
		return review.Attempt{}, "", err
	}
	return a, levelList(r, levels), nil
}

// levelList is "C1 meets, C2 not-yet" in rubric order.
func levelList(r review.Rubric, levels map[string]string) string {
	var out []string
	for _, c := range r.Criteria {
		if l, ok := levels[c.ID]; ok {
			out = append(out, c.ID+" "+l)
		}
	}
	return strings.Join(out, ", ")
}
