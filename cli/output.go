package cli

import (
	"io"
	"os"

	"github.com/spf13/cobra"
)

// checkedOutput is a command tree's output, keeping the first write that
// failed: most commands print with Fprintf and go on, so on a full disk
// (`assessor history X > /dev/full`) they left an empty file and exit
// status 0. The tree's PersistentPostRunE returns the error (outputErr).
type checkedOutput struct {
	w   io.Writer
	err error
}

func (o *checkedOutput) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// Execute runs root as main does, its output checked from the start:
// `--help` and `--version`, which cobra answers before any command runs,
// fail on a write error too, and the error is said once, by main (cobra
// prints a failed --version to the command's output, which failed).
func Execute(root *cobra.Command) error {
	checkOutput(root)
	if err := root.Execute(); err != nil {
		return err
	}
	return outputErr(root)
}

// checkOutput puts root's output behind a checkedOutput, once.
func checkOutput(root *cobra.Command) {
	if _, ok := root.OutOrStdout().(*checkedOutput); !ok {
		root.SetOut(&checkedOutput{w: root.OutOrStdout()})
	}
}

// outputErr is the first write to root's output that failed, if any.
func outputErr(root *cobra.Command) error {
	if o, ok := root.OutOrStdout().(*checkedOutput); ok {
		return o.err
	}
	return nil
}

// outFile is the file w writes to, through a checkedOutput: whether
// stdout is a terminal or a file the shell made is asked of the file.
func outFile(w io.Writer) (*os.File, bool) {
	if o, ok := w.(*checkedOutput); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return f, ok
}
