package main

import (
	"flag"
	"fmt"
	"io"

	"planbook/generator"
)

func init() {
	commands = append(commands, &command{
		name:    "check",
		summary: "load and compute the plan, print errors, warnings and checks",
		usage: `Usage: planbook check [-s SITE]

Loads and computes the plan of SITE without writing anything. Prints every
error and warning with its file and line, then the checks list. Exits 1
when the plan has errors, 0 otherwise.

Flags:
  -s SITE   the site folder (default: the current folder)

Example:
  planbook check -s ./sales-plan
`,
		run: runCheck,
	})
}

func runCheck(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	r, errs := generator.Load(*site)
	printDiagnostics(stderr, errs)
	nerr, nwarn := len(errs.Errors()), len(errs.Warnings())
	if r != nil {
		fmt.Fprintln(stdout, "Checks:")
		for _, c := range r.Checks {
			fmt.Fprintf(stdout, "  %-8s %-24s %s\n", c.Level, c.Code, c.Message)
			switch c.Level {
			case "warning":
				nwarn++
			}
		}
	}
	fmt.Fprintf(stdout, "%s, %s\n", plural(nerr, "error"), plural(nwarn, "warning"))
	if nerr > 0 {
		return 1
	}
	return 0
}
