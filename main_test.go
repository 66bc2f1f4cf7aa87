package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// built is the assessor binary of this test run: built once, on the first
// test or benchmark that needs it, so a -short run or a machine without
// tmux never pays for a build, and removed by TestMain at the end.
var built struct {
	once sync.Once
	dir  string // the temp dir holding the binary; "" until built
	path string
	err  error
}

// TestMain runs the tests and then removes the binary they shared.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// assessorBinary returns the path of the assessor binary, building it with
// `go build` the first time it is called in this test run. A failed build
// fails every caller with the compiler's output.
func assessorBinary(tb testing.TB) string {
	tb.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "assessor-test-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		bin := filepath.Join(dir, "assessor")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.path = bin
	})
	if built.err != nil {
		tb.Fatal(built.err)
	}
	return built.path
}
