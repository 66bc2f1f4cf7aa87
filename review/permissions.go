package review

import (
	"fmt"
	"slices"
	"strings"
)

// Where says how a command is reached: on the machine holding the store
// file, over `assessor serve`, or both.
type Where int

const (
	// Anywhere: locally, and over ssh as a command (ssh HOST report).
	Anywhere Where = iota
	// Screen: locally, and over ssh as a screen (ssh -t HOST dashboard).
	Screen
	// LocalOnly: only on the machine holding the store; Why says why.
	LocalOnly
)

// Permission is one command's row of the permission model: the least role
// that may run it, how it is reached, whether it streams raw bytes to
// stdout (over ssh it then refuses a terminal, which would mangle them),
// and for a local-only command why, shown in its help.
type Permission struct {
	Role    Role
	Where   Where
	Streams bool
	Why     string
}

// Permissions is the one permission model of assessor, keyed by command
// path ("calibration list"): both the local command line and `assessor
// serve` check a command against its row, and a test fails for any
// command without one. Roles rank reviewer < lead < admin (AtLeast).
//
// Reviewers score; leads see outcomes, identities (audited) and the
// calibration answers; admins set the program up. Rubrics are what every
// reviewer already sees in the review screen.
var Permissions = map[string]Permission{
	// Every reviewer.
	"review":          {Role: RoleReviewer, Where: Screen},
	"calibrate":       {Role: RoleReviewer, Where: Screen},
	"demo":            {Role: RoleReviewer, Where: LocalOnly, Why: "it builds a demo store file of its own on this machine"},
	"snippets add":    {Role: RoleReviewer}, // shared snippets: the store checks for a lead
	"snippets list":   {Role: RoleReviewer},
	"snippets remove": {Role: RoleReviewer},
	"rubrics list":    {Role: RoleReviewer},
	"rubrics show":    {Role: RoleReviewer},

	// Leads (and admins).
	"report":                {Role: RoleLead},
	"dashboard":             {Role: RoleLead, Where: Screen},
	"adjudicate":            {Role: RoleLead, Where: Screen},
	"applications":          {Role: RoleLead},
	"history":               {Role: RoleLead},
	"amend":                 {Role: RoleLead},
	"reveal":                {Role: RoleLead},
	"audit":                 {Role: RoleLead},
	"leaks":                 {Role: RoleLead},
	"leaks show":            {Role: RoleLead},                // audited
	"leaks redact":          {Role: RoleLead},                // audited
	"leaks clear":           {Role: RoleLead},                // audited
	"leaks work":            {Role: RoleLead, Where: Screen}, // audited, as show/redact/clear
	"conflicts near-misses": {Role: RoleLead},                // audited
	"calibration add":       {Role: RoleLead},
	"calibration list":      {Role: RoleLead}, // prints the answers
	"calibration remove":    {Role: RoleLead},
	"calibration report":    {Role: RoleReviewer}, // a reviewer sees only their own row (cli)
	"export feedback":       {Role: RoleLead, Streams: true},
	"export badges":         {Role: RoleLead, Streams: true},
	"badges list":           {Role: RoleLead},
	"revoke":                {Role: RoleLead},
	"release":               {Role: RoleLead}, // a reviewer releases their own claim in the queue

	// Admins.
	"import":                      {Role: RoleAdmin},
	"rubrics add":                 {Role: RoleAdmin},
	"reviewers add":               {Role: RoleAdmin},
	"reviewers list":              {Role: RoleAdmin},
	"reviewers remove":            {Role: RoleAdmin},
	"reviewers keys remove":       {Role: RoleAdmin},
	"config calibration":          {Role: RoleAdmin},
	"config files":                {Role: RoleAdmin},
	"config issuer":               {Role: RoleAdmin},
	"config second-review":        {Role: RoleAdmin},
	"config leaks add":            {Role: RoleAdmin},
	"config leaks list":           {Role: RoleAdmin},
	"config leaks remove":         {Role: RoleAdmin},
	"config leaks require-worked": {Role: RoleAdmin},
	"config fairness":             {Role: RoleAdmin}, // k: a lead must not lower it to see small groups
	"config consistency":          {Role: RoleAdmin},
	"check":                       {Role: RoleAdmin},
	"backup":                      {Role: RoleAdmin, Streams: true}, // over ssh: backup or backup -, to stdout
	"serve":                       {Role: RoleAdmin, Where: LocalOnly, Why: "it is the server: start it on the machine that holds the store"},
	"upgrade":                     {Role: RoleAdmin, Where: LocalOnly, Why: "it rewrites the store file, which serve holds open: stop serve, upgrade, start it again"},
	"gen":                         {Role: RoleAdmin, Where: LocalOnly, Why: "it builds a synthetic store file on this machine, for measuring"},
	"compact":                     {Role: RoleAdmin, Where: LocalOnly, Why: "it rewrites the store file, which serve holds open: stop serve, compact, start it again"},
}

// rank orders the roles; an unknown role ranks below reviewer.
func (r Role) rank() int {
	switch r {
	case RoleReviewer:
		return 1
	case RoleLead:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// AtLeast reports whether r holds need or a role above it.
func (r Role) AtLeast(need Role) bool { return r.rank() >= need.rank() && r.rank() > 0 }

// Plural is how an error names the people holding a role: "leads and admins".
func (r Role) Plural() string {
	switch r {
	case RoleLead:
		return "leads and admins"
	case RoleAdmin:
		return "admins"
	}
	return "reviewers"
}

// LookupCommand finds the row of a command line (its arguments, without
// the program name): the longest run of leading words that names a
// command, so `calibration add X --as L` is "calibration add".
func LookupCommand(args []string) (string, Permission, bool) {
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			break
		}
		words = append(words, a)
	}
	for n := len(words); n > 0; n-- {
		name := strings.Join(words[:n], " ")
		if p, ok := Permissions[name]; ok {
			return name, p, true
		}
	}
	return "", Permission{}, false
}

// Allow checks that role may run the command name as p: one line naming
// the command, who may run it, and who asked.
func (p Permission) Allow(name, id string, role Role) error {
	if role.AtLeast(p.Role) {
		return nil
	}
	return fmt.Errorf("%s is for %s and you (%s) are a %s", name, p.Role.Plural(), id, roleName(role))
}

func roleName(r Role) string {
	if r == "" {
		return "reviewer with no role"
	}
	return string(r)
}

// Served lists, sorted, the commands `assessor serve` runs as commands
// (not screens) for role.
func Served(role Role) []string { return offered(role, Anywhere) }

// Screens lists, sorted, the screens `assessor serve` opens for role
// (ssh -t HOST NAME).
func Screens(role Role) []string { return offered(role, Screen) }

func offered(role Role, where Where) []string {
	var names []string
	for name, p := range Permissions {
		if p.Where == where && role.AtLeast(p.Role) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
