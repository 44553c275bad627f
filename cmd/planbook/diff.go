package main

import (
	"flag"
	"fmt"
	"io"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/diff"
	"planbook/generator/pipeline"
)

func init() {
	commands = append(commands, &command{
		name:    "diff",
		summary: "compare two versions of the plan: what moved, for a pull request",
		usage: `Usage: planbook diff OLD [NEW] [-s SITE] [--format markdown|json] [--exit-code]

Computes two versions of the plan and prints every figure that moved: the
annual target, quarters and months, product lines, regions, teams, people,
channels, customer types, KPIs, promotions, trainings, milestones and
narrative pages. People's quotas are compared whatever people_pages says
(a hire, a leaver, a moved start date, every quota that moved): the report
is for those who review the plan's files, the roster among them. OLD and NEW are each a site folder, when such a folder exists, or
else a git revision (a branch, tag or commit) of the repository holding
SITE; a revision is read from git without touching the work tree. NEW
defaults to SITE as it is on disk.

On a terminal the Markdown shows the plan's texts as written (R&D, not
R&amp;D); redirected to a file or a pipe, as in CI, they are escaped for a
pull-request comment.

Identical plans print "No changes to the plan.". Exits 0, or 1 with
--exit-code when the plans differ, and 2 when a version does not load
(its errors are printed with file and line) or cannot be read.

Flags:
  -s SITE            the site folder (default: the current folder); it may
                     be a subfolder of the repository
  --format FORMAT    markdown (default: for a pull-request comment) or json
  --exit-code        exit 1 when the plans differ

Example:
  planbook diff origin/main HEAD
  planbook diff main -s plan --format json
  planbook diff ./plan-v1 ./plan-v2 --exit-code
`,
		run: runDiff,
	})
}

func runDiff(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	format := fs.String("format", "markdown", "markdown or json")
	exitCode := fs.Bool("exit-code", false, "exit 1 when the plans differ")
	specs, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(specs) == 0 || len(specs) > 2 {
		fmt.Fprintf(stderr, "planbook diff: want OLD and NEW (each a folder or a git revision), got %d arguments\n\n", len(specs))
		fs.Usage()
		return 2
	}
	if len(specs) == 1 {
		specs = append(specs, *site)
	}
	if *format != "markdown" && *format != "json" {
		fmt.Fprintf(stderr, "planbook diff: unknown format %q: use markdown or json\n", *format)
		return 2
	}
	var results [2]*compute.Result
	var labels [2]string
	failed := false
	for i, side := range []string{"OLD", "NEW"} {
		r, errs, label, err := pipeline.LoadVersion(*site, specs[i])
		prefix := fmt.Sprintf("%s (%s): ", side, specs[i])
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "%s%v\n", prefix, err)
			failed = true
		case errs.HasErrors():
			for _, d := range errs.Errors() {
				printPrefixed(stderr, prefix, d)
			}
			fmt.Fprintf(stderr, "%sthe plan has %s\n", prefix, plural(len(errs.Errors()), "error"))
			failed = true
		}
		results[i], labels[i] = r, label
	}
	if failed {
		return 2
	}
	rep := diff.CompareForPlanner(results[0], results[1])
	rep.From, rep.To = labels[0], labels[1]
	switch {
	case *format == "json":
		stdout.Write(diff.JSON(rep))
	case isTerminal(stdout):
		// Read, not posted: the plan's texts as written, not escaped.
		stdout.Write(diff.Terminal(rep))
	default:
		stdout.Write(diff.Markdown(rep))
	}
	if *exitCode && !rep.Empty() {
		return 1
	}
	return 0
}

// printPrefixed prints a diagnostic as diag.Print does, its first line
// starting with prefix.
func printPrefixed(w io.Writer, prefix string, d diag.Diagnostic) {
	fmt.Fprint(w, prefix)
	diag.Print(w, d)
}

// parseMixed parses flags that may come before, between or after the
// arguments, and returns the arguments; ok is false with the exit code to
// return when parsing failed or help was asked for.
func parseMixed(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, 0, false
			}
			return nil, 2, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, 0, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
