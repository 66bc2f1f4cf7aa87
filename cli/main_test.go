package cli

import (
	"os"
	"testing"
)

// TestMain runs the package's tests with nobody named by the environment:
// $ASSESSOR_REVIEWER in the shell that runs them would make every command
// that expects the operator act as whoever it names (permissions.go).
func TestMain(m *testing.M) {
	os.Unsetenv(reviewerEnv)
	os.Exit(m.Run())
}
