// Command assessor is a terminal tool in which reviewers score teachers'
// micro-credential submissions against Markdown rubrics.
package main

import "assessor/cli"

func main() {
	if err := cli.Execute(cli.New()); err != nil {
		cli.Fail(err)
	}
}
