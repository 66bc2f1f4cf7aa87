// `assessor --version`: the build's version and the store schema it writes.

package cli

import (
	"fmt"
	"runtime/debug"

	"assessor/store"
)

// Version is the release a build was made from, set when building:
// go build -ldflags "-X assessor/cli.Version=v1.2.0" .
// Empty means the version Go recorded for the main module, else "devel".
var Version string

// version is what `assessor --version` prints after the name: the
// release and the store schema version this build reads and writes, so
// someone upgrading can tell whether a store will be migrated.
func version() string {
	return fmt.Sprintf("%s (store schema %d)", buildVersion(Version, debug.ReadBuildInfo), store.SchemaVersion)
}

// buildVersion is set when given, else the main module's version from the
// build info (`go install assessor@v1.2.0` records one; a local build
// records "(devel)" or nothing without version control), else "devel".
func buildVersion(set string, info func() (*debug.BuildInfo, bool)) string {
	if set != "" {
		return set
	}
	if bi, ok := info(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
