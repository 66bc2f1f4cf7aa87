package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// configIssuerCmd is `assessor config issuer`: show or set the issuer
// profile Open Badges are issued under (docs/formats.md §5).
func configIssuerCmd(g *globals) *cobra.Command {
	var is review.Issuer
	cmd := &cobra.Command{
		Use:   "issuer [--name NAME] [--url URL] [--email EMAIL] [--base-url URL] [--image URL]",
		Short: "Show or set the issuer profile Open Badges are issued under",
		Long: "With no flags, show the issuer profile; with flags, change those fields and keep the\n" +
			"rest. `assessor export badges` needs a name and a URL. Every exported document lives\n" +
			"under --base-url (default --url), so host the export directory there: assertions are\n" +
			"verified by fetching them. --image is a URL of the badge images, where {id} stands for\n" +
			"the credential id or stacks/<stack>; without it each badge gets a generated SVG.\n" +
			"Every URL is https, with no user, password or fragment; --url and --base-url have no\n" +
			"query either, since file names follow them.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withSettings(cmd, func(st *store.Store) error {
				cur, ok, err := st.Issuer()
				if err != nil {
					return err
				}
				// Only the fields given change; the rest of the stored
				// profile stays as it was.
				changed := false
				for _, f := range []struct {
					flag string
					dst  *string
					v    string
				}{{"name", &cur.Name, is.Name}, {"url", &cur.URL, is.URL}, {"email", &cur.Email, is.Email},
					{"base-url", &cur.BaseURL, is.BaseURL}, {"image", &cur.Image, is.Image}} {
					if cmd.Flags().Changed(f.flag) {
						*f.dst, changed = f.v, true
					}
				}
				if !changed {
					if !ok {
						fmt.Fprintf(cmd.OutOrStdout(), "no issuer profile yet (set one with: %s)\n", g.yourInvocation(cmd, "config issuer --name NAME --url URL --email EMAIL"))
						return nil
					}
					writeIssuer(cmd.OutOrStdout(), cur)
					return nil
				}
				if err := st.SetIssuer(cur); err != nil {
					return fmt.Errorf("%w (fix it with --name, --url, --email, --base-url or --image)", err)
				}
				writeIssuer(cmd.OutOrStdout(), cur)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&is.Name, "name", "", fmt.Sprintf("the issuing organisation's name (one line, at most %d characters)", review.MaxIssuerName))
	cmd.Flags().StringVar(&is.URL, "url", "", "the issuer's home page (https://…)")
	cmd.Flags().StringVar(&is.Email, "email", "", "the issuer's contact email")
	cmd.Flags().StringVar(&is.BaseURL, "base-url", "", "where the export directory is hosted (default --url)")
	cmd.Flags().StringVar(&is.Image, "image", "", "badge image URL, {id} standing for the credential id or stacks/<stack> (default: a generated SVG)")
	return cmd
}

// writeIssuer prints the profile, one field a line.
func writeIssuer(w io.Writer, is review.Issuer) {
	tw := newTable(w)
	base, image := is.BaseURL, is.Image
	if base == "" {
		base = is.URL + " (the url)"
	}
	if image == "" {
		image = "generated SVG per badge"
	}
	for _, f := range [][2]string{{"name", is.Name}, {"url", is.URL}, {"email", is.Email}, {"base url", base}, {"image", image}} {
		fmt.Fprintf(tw, "%s\t%s\n", f[0], review.Sanitize(f[1]))
	}
	fmt.Fprintf(tw, "profile\t%s\n", review.Sanitize(is.URLOf(review.ProfileFile)))
	_ = tw.Flush()
}
