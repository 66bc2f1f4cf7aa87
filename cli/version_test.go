package cli

import (
	"fmt"
	"runtime/debug"
	"testing"

	"assessor/store"
)

// TestVersion: --version prints the build's version and the schema
// version of the stores it writes.
func TestVersion(t *testing.T) {
	out, err := run(t, "", "--version")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("assessor %s (store schema %d)\n", buildVersion(Version, debug.ReadBuildInfo), store.SchemaVersion)
	if out != want {
		t.Errorf("--version printed %q, want %q", out, want)
	}
}

// TestBuildVersion: -ldflags wins, then a module version Go recorded, and
// a local build is "devel".
func TestBuildVersion(t *testing.T) {
	info := func(v string, ok bool) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: "assessor", Version: v}}, ok
		}
	}
	for _, c := range []struct {
		set, recorded string
		ok            bool
		want          string
	}{
		{"v2.0.0", "v1.0.0", true, "v2.0.0"},
		{"", "v1.0.0", true, "v1.0.0"},
		{"", "(devel)", true, "devel"},
		{"", "", true, "devel"},
		{"", "v1.0.0", false, "devel"},
	} {
		if got := buildVersion(c.set, info(c.recorded, c.ok)); got != c.want {
			t.Errorf("buildVersion(%q, %q, %v) = %q, want %q", c.set, c.recorded, c.ok, got, c.want)
		}
	}
}
