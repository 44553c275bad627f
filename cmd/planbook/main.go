// Command planbook publishes an annual sales plan, written as TOML numbers
// and Markdown narrative, as a static web site whose tables add up exactly.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// command is one subcommand: its name, one-line summary, usage text with
// an example, and the function that runs it.
type command struct {
	name    string
	summary string
	usage   string
	run     func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int
}

var commands []*command

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := find(args[1]); c != nil {
				fmt.Fprint(stdout, c.usage)
				return 0
			}
		}
		usage(stdout)
		return 0
	case "-v", "--version":
		name = "version"
	}
	c := find(name)
	if c == nil {
		fmt.Fprintf(stderr, "planbook: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	fs := flag.NewFlagSet("planbook "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, c.usage) }
	return c.run(fs, args[1:], stdout, stderr)
}

func find(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("planbook publishes an annual sales plan as a static web site.\n\nUsage:\n  planbook <command> [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'planbook <command> -h' for a command's flags and an example.\n")
	fmt.Fprint(w, b.String())
}

// parse parses flags and refuses extra arguments; ok is false with the exit
// code to return when parsing failed or help was asked for.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}
