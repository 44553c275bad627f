package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
)

// version is planbook's release.
const version = "0.1.0"

func init() {
	commands = append(commands, &command{
		name:    "version",
		summary: "print planbook's version",
		usage: `Usage: planbook version

Prints planbook's version and the Go version it was built with.

Example:
  planbook version
`,
		run: func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
			if code, ok := parse(fs, args, stderr); !ok {
				return code
			}
			fmt.Fprintf(stdout, "planbook %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return 0
		},
	})
}
