// Command assessor is a terminal tool in which reviewers score teachers'
// micro-credential submissions against Markdown rubrics.
package main

import (
	"fmt"
	"os"

	"assessor/cli"
)

func main() {
	if err := cli.Execute(cli.New()); err != nil {
		fmt.Fprintln(os.Stderr, cli.ErrorLine(err))
		os.Exit(1)
	}
}
