// `assessor reviewers`: register reviewers, their roles, conflicts of
// interest and SSH keys.

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
)

// reviewersCmd is `assessor reviewers`: who may review, lead or
// administer, their conflicts of interest, and the SSH keys `assessor
// serve` knows them by.
func reviewersCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "reviewers", Short: "Register reviewers and their SSH keys for assessor serve"}
	keys := &cobra.Command{Use: "keys", Short: "Manage a reviewer's SSH keys"}
	keys.AddCommand(reviewersKeysRemoveCmd(g))
	cmd.AddCommand(reviewersAddCmd(g), reviewersListCmd(g), reviewersRemoveCmd(g), keys)
	return cmd
}

// reviewersRemoveCmd is `assessor reviewers remove ID`: a departed
// reviewer's keys stop working and their claims go back to the queue.
func reviewersRemoveCmd(g *globals) *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "remove ID --reason \"…\"",
		Short: "Remove a reviewer: their keys stop working, their claims are released, their decisions stay",
		Long: "Remove a reviewer: none of their SSH keys signs in any more (under assessor serve their open\n" +
			"sessions end at once), the attempts they held go back to the queue, and their decisions, drafts\n" +
			"and history stay. The audit log records who removed them, when and why.",
		Args: needs("a reviewer id", "rev-9 --reason \"left the program\""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(reason, errNeedsReason(cmd)); err != nil {
				return err
			}
			return g.withStore(func(st *store.Store) error {
				n, err := st.RemoveReviewer(g.reviewer, args[0], reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: removed; %s released\n", args[0], review.Count(n, "claim", "claims"))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why (kept in the audit log; required)")
	return cmd
}

// reviewersKeysRemoveCmd is `assessor reviewers keys remove ID
// FINGERPRINT`: one lost or replaced key stops working.
func reviewersKeysRemoveCmd(g *globals) *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "remove ID FINGERPRINT --reason \"…\"",
		Short: "Remove one SSH key of a reviewer (SHA256:… as reviewers list shows it)",
		Long: "Remove one SSH key of a reviewer, named by its SHA256 fingerprint as assessor reviewers list\n" +
			"and ssh-keygen -l print it. The key fails at its next login and, under assessor serve, its open\n" +
			"sessions end at once. The attempts the reviewer held go back to the queue (their drafts stay,\n" +
			"for their other keys). The audit log records who removed it, when and why.",
		Args: needsAtLeast("a reviewer id and a key fingerprint", "rev-9 SHA256:… --reason \"lost laptop\"", 2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, fp := args[0], args[1]
			if !strings.HasPrefix(fp, "SHA256:") {
				return fmt.Errorf("fingerprint %q: want the SHA256:… form %s shows", fp, g.yourInvocation(cmd, "reviewers list"))
			}
			if err := checkReason(reason, errNeedsReason(cmd)); err != nil {
				return err
			}
			match := func(line string) bool { return keyFingerprint(line) == fp }
			return g.withStore(func(st *store.Store) error {
				n, err := st.RemoveReviewerKey(g.reviewer, id, fp, match, reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: key %s removed; %s released\n", id, fp, review.Count(n, "claim", "claims"))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why (kept in the audit log; required)")
	return cmd
}

// reviewersAddCmd is `assessor reviewers add ID`: create a reviewer or
// change one. Keys are added to those stored; role and conflicts, when
// given, replace them. Every key file is read before the store changes.
func reviewersAddCmd(g *globals) *cobra.Command {
	var keyFiles, districts, states []string
	var role string
	cmd := &cobra.Command{
		Use:   "add ID",
		Short: "Create or update a reviewer: role, conflicts of interest, SSH keys",
		Long: "Create a reviewer, or update one: --key adds the keys in FILE (an authorized_keys or .pub\n" +
			"file) to the reviewer's keys, which are kept; --role and the conflict flags, when given,\n" +
			"replace what was stored (--conflict-district \"\" clears the districts). A key may belong\n" +
			"to one reviewer only; a certificate, or a line with options (from=, expiry-time=), is\n" +
			"refused, as assessor would not enforce them. Each change is in the audit log; under assessor serve, a new role or\n" +
			"new conflicts end the reviewer's open sessions (they sign in again as what they now are).",
		Args:        needs("a reviewer id", "rev-9 --key rev-9.pub"),
		Annotations: map[string]string{sshExample: "rev-9 --key - < rev-9.pub"},
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			// States are kept as postal codes, as import keeps the
			// candidates'; a typo ("Hawai") would match no one.
			for i, s := range states {
				code, err := review.NormalizeState(s)
				if err != nil {
					return fmt.Errorf("--conflict-state %w", err)
				}
				states[i] = code
			}
			if err := g.allowBeforeInput(); err != nil {
				return err
			}
			// Read every key file first: a bad one stops the command
			// before anything is stored.
			var keys []fileKey
			for _, f := range keyFiles {
				if err := g.fromStdinOnly("--key", f, sshInvocation("reviewers add ID --key - < id_ed25519.pub")); err != nil {
					return err
				}
				ks, err := readKeyFile(f, cmd.InOrStdin())
				if err != nil {
					return err
				}
				keys = append(keys, ks...)
			}
			if cmd.Flags().Changed("role") && !review.ValidRole(review.Role(role)) {
				// "" too: the store would read it as reviewer.
				return fmt.Errorf("--role %q: invalid role (want reviewer, lead or admin)", role)
			}
			return g.withNewStore(func(st *store.Store) error {
				added := 0
				r, err := st.ChangeReviewer(g.reviewer, id, func(r *review.Reviewer, existed bool, all []review.Reviewer) error {
					if !existed {
						// A new reviewer starts with the least role; the
						// flags below then set what they name.
						r.Role = review.RoleReviewer
					}
					if cmd.Flags().Changed("role") {
						r.Role = review.Role(role)
					}
					if cmd.Flags().Changed("conflict-district") {
						r.ConflictDistricts = nonEmpty(districts)
					}
					if cmd.Flags().Changed("conflict-state") {
						r.ConflictStates = nonEmpty(states)
					}
					n, err := addKeys(all, r, keys)
					added = n
					return err
				}, keyFingerprint)
				if err != nil {
					return err
				}
				line := fmt.Sprintf("%s (%s): %s, %d added", r.ID, r.Role, review.Count(len(r.Keys), "key", "keys"), added)
				if c := conflicts(r.Reviewer); c != "-" {
					line += " · conflicts: " + c // what rule 7 now keeps from them
				} else if cmd.Flags().Changed("conflict-district") || cmd.Flags().Changed("conflict-state") {
					line += " · conflicts: none" // cleared
				}
				if r.Released > 0 {
					// Their open screen ends; the admin should know why.
					line += " · released " + review.Count(r.Released, "claim", "claims") + " now in conflict"
				}
				fmt.Fprintln(cmd.OutOrStdout(), line)
				return nil
			})
		},
	}
	cmd.Flags().StringArrayVar(&keyFiles, "key", nil, "SSH public key file to add, - for stdin (repeatable)")
	cmd.Flags().StringVar(&role, "role", string(review.RoleReviewer), "reviewer, lead or admin")
	cmd.Flags().StringArrayVar(&districts, "conflict-district", nil, "district the reviewer must never see candidates from (repeatable)")
	cmd.Flags().StringArrayVar(&states, "conflict-state", nil, "state the reviewer must never see candidates from (repeatable)")
	return cmd
}

// fileKey is one public key read from a key file.
type fileKey struct {
	key  gossh.PublicKey
	line string // canonical authorized_keys line, with the file's comment
	file string
}

// addKeys appends to r the keys it does not have yet and returns how many.
// A key registered to another reviewer is refused: at login a key must
// name exactly one person.
func addKeys(all []review.Reviewer, r *review.Reviewer, keys []fileKey) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	// Keys are compared in wire form: the same key with another comment
	// or spacing in the file is still the same key.
	owner := map[string]string{}
	for _, o := range all {
		for _, l := range o.Keys {
			if pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(l)); err == nil {
				owner[string(pk.Marshal())] = o.ID
			}
		}
	}
	// r's own keys count as r's even when r is not stored yet.
	for _, l := range r.Keys {
		if pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(l)); err == nil {
			owner[string(pk.Marshal())] = r.ID
		}
	}
	added := 0
	for _, k := range keys {
		wire := string(k.key.Marshal())
		switch o, ok := owner[wire]; {
		case ok && o != r.ID:
			return 0, fmt.Errorf("key file %s: key %s is already registered to reviewer %s", k.file, gossh.FingerprintSHA256(k.key), o)
		case ok:
			continue
		}
		owner[wire] = r.ID
		r.Keys = append(r.Keys, k.line)
		added++
	}
	return added, nil
}

// readKeyFile parses every public key in an authorized_keys or .pub file,
// or stdin for "-". Errors are one line naming the file and saying what to
// pass instead.
func readKeyFile(name string, stdin io.Reader) ([]fileKey, error) {
	r, done, err := openInput(name, stdin)
	var b []byte
	if err == nil {
		defer done()
		b, err = readAllMax("read", r, maxKeyFile)
	}
	name = displayName(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the message
		}
		return nil, fmt.Errorf("key file %s: %w", name, err)
	}
	// Checked before parsing: the private key beside the .pub is the
	// likeliest wrong file, and a parse error would not say so.
	if bytes.Contains(b, []byte("PRIVATE KEY")) {
		return nil, fmt.Errorf("key file %s is a private key: pass the public key (%s.pub)", name, name)
	}
	var keys []fileKey
	for rest := b; len(bytes.TrimSpace(rest)) > 0; {
		pk, comment, options, next, err := gossh.ParseAuthorizedKey(rest)
		if err != nil {
			// No key at all is the wrong file; a bad line after good
			// ones is a damaged one.
			if len(keys) == 0 {
				return nil, fmt.Errorf("key file %s: not an SSH public key (want a line like \"ssh-ed25519 AAAA… you@host\", e.g. ~/.ssh/id_ed25519.pub)", name)
			}
			return nil, fmt.Errorf("key file %s: a line after key %d is not an SSH public key", name, len(keys))
		}
		// What a line may say beyond its key, serve would not enforce:
		// refused, so no one believes a login expires or is bound to an
		// address.
		read := b[:len(b)-len(next)]
		at := bytes.Count(read, []byte("\n"))
		if !bytes.HasSuffix(read, []byte("\n")) {
			at++
		}
		if _, cert := pk.(*gossh.Certificate); cert {
			return nil, fmt.Errorf("key file %s:%d: an SSH certificate, whose expiry, principals and signer assessor does not check: pass the public key it certifies (e.g. ~/.ssh/id_ed25519.pub)", name, at)
		}
		if len(options) > 0 {
			return nil, fmt.Errorf("key file %s:%d: options %s, which assessor does not enforce: pass the key without them", name, at, strings.Join(options, ","))
		}
		// Stored in canonical form, with the file's comment so a list
		// of keys still says whose laptop each one is.
		line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk)))
		if comment != "" {
			line += " " + comment
		}
		keys, rest = append(keys, fileKey{key: pk, line: line, file: name}), next
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("key file %s: no SSH public key in it (e.g. pass ~/.ssh/id_ed25519.pub)", name)
	}
	return keys, nil
}

// reviewersListCmd is `assessor reviewers list`: every reviewer with role,
// key fingerprints and conflicts.
func reviewersListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List reviewers: id, role, SSH key fingerprints, conflicts of interest",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withReadStore(func(st *store.Store) error {
				rs, err := st.Reviewers()
				if err != nil {
					return err
				}
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "ID\tROLE\tKEYS\tCONFLICTS")
				for _, r := range rs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Role, fingerprints(r.Keys), conflicts(r))
				}
				return tw.Flush()
			})
		},
	}
}

// fingerprints lists each key's SHA256 fingerprint, the form ssh-keygen -l
// and the ssh client print.
func fingerprints(lines []string) string {
	if len(lines) == 0 {
		return "-"
	}
	fps := make([]string, len(lines))
	for i, l := range lines {
		fps[i] = keyFingerprint(l)
	}
	return strings.Join(fps, ", ")
}

// keyFingerprint is a stored key line's SHA256:… fingerprint, as
// reviewers list and ssh-keygen -l print it.
func keyFingerprint(line string) string {
	pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return "(unreadable key)"
	}
	return gossh.FingerprintSHA256(pk)
}

// conflicts is a reviewer's conflicts of interest for one table cell, "-"
// for none.
func conflicts(r review.Reviewer) string {
	if c := r.ConflictsText(); c != "" {
		return c
	}
	return "-"
}

// nonEmpty is vs without blank values, nil when none is left: a conflict
// flag given "" clears the list instead of storing a blank district.
func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
