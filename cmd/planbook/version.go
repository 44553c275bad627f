package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is planbook's release.
const version = "0.1.0"

func init() {
	commands = append(commands, &command{
		name:    "version",
		summary: "print planbook's version",
		usage: `Usage: planbook version

Prints planbook's release, then what the Go toolchain recorded when it
built the program: the module's version, the git revision it was built
from (with its time, and "modified" when the work tree had uncommitted
changes), and the Go version and platform. go build and go install record
the revision; go run does not.

Example:
  planbook version
`,
		run: func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
			if code, ok := parse(fs, args, stderr); !ok {
				return code
			}
			info, _ := debug.ReadBuildInfo()
			fmt.Fprint(stdout, versionText(info))
			return 0
		},
	})
}

// versionText describes planbook's release and its build.
func versionText(info *debug.BuildInfo) string {
	module, settings := "(unknown)", map[string]string{}
	if info != nil {
		module = info.Main.Path + " " + info.Main.Version
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
	}
	revision := "(not recorded: built with go run, outside a git clone, or with -buildvcs=false)"
	if r := settings["vcs.revision"]; r != "" {
		var notes []string
		if t := settings["vcs.time"]; t != "" {
			notes = append(notes, t)
		}
		if settings["vcs.modified"] == "true" {
			notes = append(notes, "modified")
		}
		revision = r
		if len(notes) > 0 {
			revision += " (" + strings.Join(notes, ", ") + ")"
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "planbook %s\n", version)
	fmt.Fprintf(&b, "  module    %s\n", module)
	fmt.Fprintf(&b, "  revision  %s\n", revision)
	fmt.Fprintf(&b, "  go        %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}
