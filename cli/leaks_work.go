package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// leaksShowCmd is `assessor leaks show HANDLE --reason`: an attempt's open
// flags in context, what import redacted (the candidate's own values, in
// the evidence as submitted), the files reviewers read as redacted text,
// and what leads did. It shows identity data, so it is audited.
func leaksShowCmd(g *globals) *cobra.Command {
	var as, reason string
	cmd := &cobra.Command{
		Use:   "show HANDLE --reason \"…\"",
		Short: "Show an attempt's flags in context and what import redacted (leads and admins; audited)",
		Args:  needs("an attempt handle", "DF-7KQ2#2 --reason \"weekly check\""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(reason, errNeedsReason(cmd)); err != nil {
				return err
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				rep, err := st.FlagReport(lead, key, reason)
				if err != nil {
					return err
				}
				writeFlagReport(cmd, rep)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why you read them (required; kept in the audit log)")
	return cmd
}

// writeFlagReport prints a FlagReport in sections.
func writeFlagReport(cmd *cobra.Command, rep store.FlagReport) {
	out := cmd.OutOrStdout()
	status := "pending"
	if rep.Decided {
		status = "decided"
	}
	fmt.Fprintf(out, "%s (%s)\n\nOpen flags:\n", rep.Handle, status)
	if len(rep.Open) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, f := range rep.Open {
		fmt.Fprintf(out, "  %d. %s (%s): %s\n", f.N, f.Place, f.Kind, f.Context)
	}
	fmt.Fprintln(out, "\nRedacted at import (the evidence as submitted):")
	if len(rep.Redacted) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, f := range rep.Redacted {
		fmt.Fprintf(out, "  - %s (%s): %s\n", f.Place, f.Kind, f.Context)
	}
	if len(rep.Files) > 0 {
		fmt.Fprintln(out, "\nFiles reviewers read as redacted text only (release one with: leaks clear HANDLE fN):")
		for _, f := range rep.Files {
			fmt.Fprintf(out, "  %s. %s: %s\n", f.ID, f.Place, cellText(f.Name))
		}
	}
	if len(rep.Actions) > 0 {
		fmt.Fprintln(out, "\nWorked:")
		for _, a := range rep.Actions {
			what := review.LeakPlaceOf(nil, a.Leak, nil)
			if a.Leak.Kind != "" {
				what += " (" + a.Leak.Kind + ")"
			}
			fmt.Fprintf(out, "  %s %s %s %s: %s\n", a.At.UTC().Format("2006-01-02 15:04"), a.Lead, a.Action, what, cellText(a.Reason))
		}
	}
}

// leaksWorkCmd is `assessor leaks redact|clear HANDLE N --reason`.
func leaksWorkCmd(g *globals, action string) *cobra.Command {
	var as, reason string
	short := "Redact open flag N: reviewers read [redacted] in its place (leads and admins; audited)"
	if action == review.FlagClear {
		short = "Clear open flag N as not identifying, or release redacted file fN (leads and admins; audited)"
	}
	cmd := &cobra.Command{
		Use:   action + " HANDLE N --reason \"…\"",
		Short: short,
		Long: short + ".\nN is the flag's number in assessor leaks show HANDLE; numbers move up as flags are worked.\n" +
			"Releasing a redacted file gives reviewers the file as submitted, which may name the candidate.",
		Args: needsAtLeast("an attempt handle and a flag number", `DF-7KQ2#2 1 --reason "…"`, 2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(reason, errNeedsReason(cmd)); err != nil {
				return err
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				if action == review.FlagClear && strings.HasPrefix(strings.ToLower(args[1]), "f") {
					rep, err := st.ReleaseFile(lead, key, args[1], nil, reason)
					if err != nil {
						return err
					}
					next := ""
					if n, err := strconv.Atoi(args[1][1:]); err == nil && len(rep.Files) >= n {
						next = fmt.Sprintf("; the redacted files after it are numbered one less now (%d left: leaks show %s)", len(rep.Files), args[0])
					}
					fmt.Fprintf(cmd.OutOrStdout(), "%s: file %s released to reviewers as submitted%s; recorded in the audit log\n", args[0], rep.Worked, next)
					return nil
				}
				n, err := strconv.Atoi(args[1])
				if err != nil {
					return fmt.Errorf("flag %q: want its number from %s", args[1], g.yourInvocation(cmd, review.LeaksShow(args[0])))
				}
				rep, err := st.WorkFlag(lead, key, n, nil, action, reason)
				if err != nil {
					return err
				}
				verb := map[string]string{review.FlagRedact: "redacted", review.FlagClear: "cleared"}[action]
				// Name the flag: a lead working down one listing would act
				// on the wrong one, as the numbers after it move up.
				next := ""
				if len(rep.Open) >= n {
					next = fmt.Sprintf("; the open flags after it are numbered one less now (%d left: leaks show %s)", len(rep.Open), args[0])
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s %s%s; recorded in the audit log\n", args[0], rep.Worked, verb, next)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why (required; kept in the audit log)")
	return cmd
}

// configRequireWorkedCmd is `assessor config leaks require-worked [on|off]`.
func configRequireWorkedCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "require-worked [on|off]",
		Short: "Hold attempts with open flags back from reviewers until a lead works them",
		Long: "With on, a reviewer (not a lead or admin) cannot claim an attempt with open flags, and\n" +
			"assessor review passes it by, until a lead has redacted or cleared each (assessor leaks).\n" +
			"Without an argument, print the setting. Off unless set.",
		Args:      needsAtLeast("on or off", "on", 0, 1),
		ValidArgs: []string{"on", "off"},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Given a setting, it may create the store, as every config
			// setting does; shown, it only reads one.
			open := g.withReadStore
			if len(args) == 1 {
				if args[0] != "on" && args[0] != "off" {
					return fmt.Errorf("require-worked %q: want on or off", args[0])
				}
				open = g.withNewStore
			}
			return open(func(st *store.Store) error {
				if len(args) == 1 {
					if err := st.SetRequireFlagsWorked(args[0] == "on"); err != nil {
						return err
					}
				}
				on, err := st.RequireFlagsWorked()
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "require-worked: %s\n", map[bool]string{true: "on", false: "off"}[on])
				return nil
			})
		},
	}
}
