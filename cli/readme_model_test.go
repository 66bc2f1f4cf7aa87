package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"assessor/review"
)

// TestReadmePermissionModel: the README's "Who may run what" is
// review.Permissions as written for people: every command sits in the
// table row of its role and in no other, and the paragraph under the table
// names every local-only command and every screen.
func TestReadmePermissionModel(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n### Who may run what\n")
	if !ok {
		t.Fatal(`README.md has no "### Who may run what"`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[review.Role][]string{}
	for role, label := range map[review.Role]string{review.RoleReviewer: "| every reviewer |", review.RoleLead: "| leads and admins |", review.RoleAdmin: "| admins |"} {
		_, line, ok := strings.Cut(section, "\n"+label)
		if !ok {
			t.Fatalf("the table has no row %q", label)
		}
		line, _, _ = strings.Cut(line, "\n")
		rows[role] = readmeNames(line)
	}
	_, para, _ := strings.Cut(section, "Every command runs there except")
	para, _, _ = strings.Cut(para, "\n\n")
	local, screens, _ := strings.Cut(para, ";")
	screens, _, _ = strings.Cut(screens, "are screens")
	for name, p := range review.Permissions {
		for role, names := range rows {
			switch in := covers(names, name); {
			case in && role != p.Role:
				t.Errorf("README table: %s, for %s, is in the row of %s", name, p.Role.Plural(), role.Plural())
			case !in && role == p.Role:
				t.Errorf("README table: %s is missing from the row of %s", name, role.Plural())
			}
		}
		if p.Where == review.LocalOnly && !strings.Contains(local, "`"+name+"`") {
			t.Errorf("README does not name %s among the local-only commands", name)
		}
		if p.Where == review.Screen && !strings.Contains(screens, "`"+name+"`") {
			t.Errorf("README does not name %s among the screens", name)
		}
	}
}

// readmeNames lists the commands a table row names in backticks,
// `calibration add`/`list` standing for calibration add and calibration list.
func readmeNames(row string) []string {
	var names []string
	for _, m := range regexp.MustCompile("`([^`]+)`((?:/`[^`]+`)*)").FindAllStringSubmatch(row, -1) {
		names = append(names, m[1])
		stem := m[1][:strings.LastIndex(m[1], " ")+1] // "calibration "
		for _, alt := range strings.Split(strings.Trim(m[2], "/`"), "`/`") {
			if alt != "" {
				names = append(names, stem+alt)
			}
		}
	}
	return names
}

// covers reports whether names include command name or a group holding it.
func covers(names []string, name string) bool {
	for _, n := range names {
		if n == name || strings.HasPrefix(name, n+" ") {
			return true
		}
	}
	return false
}
