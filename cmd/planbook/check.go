package main

import (
	"flag"
	"fmt"
	"io"

	"planbook/generator/diag"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
	"planbook/generator/pipeline"
)

func init() {
	commands = append(commands, &command{
		name:    "check",
		summary: "load and compute the plan, print errors, warnings and checks",
		usage: `Usage: planbook check [-s SITE] [--format text|github|json]

Loads, computes and renders the plan of SITE as build does, without
writing anything: every error build would report, check reports. Prints
every error and warning with its file and line, then the checks list.
Exits 1 when the plan has errors, 0 otherwise.

Flags:
  -s SITE          the site folder (default: the current folder)
  --format FORMAT  text (default), github (GitHub Actions annotations on the
                   lines of the pull request, then the checks) or json
                   ({"errors": [...], "warnings": [...], "checks": [...]})

Example:
  planbook check -s ./sales-plan
  planbook check -s plan --format github
`,
		run: runCheck,
	})
}

func runCheck(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	format := fs.String("format", "text", "text, github or json")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	rep, _ := pipeline.Check(pipeline.Options{Site: *site})
	r, errs := rep.Result, rep.Diagnostics
	switch *format {
	case "text":
		printDiagnostics(stderr, errs)
	case "github":
		path := func(file string) string { return repoPath(*site, file) }
		for _, d := range append(errs.Errors(), errs.Warnings()...) {
			for _, a := range diag.Annotations(d, path) {
				fmt.Fprintln(stdout, a)
			}
		}
	case "json":
		return checkJSON(stdout, r, errs)
	default:
		fmt.Fprintf(stderr, "planbook check: unknown format %q: use text, github or json\n", *format)
		return 2
	}
	nerr, nwarn := errs.Count(diag.Error), errs.Count(diag.Warning)
	if r != nil {
		fmt.Fprintln(stdout, "Checks:")
		l := i18n.Lang(r.Plan.Config.Language)
		for _, c := range r.NamedChecks() {
			fmt.Fprintf(stdout, "  %-8s %-24s %s\n", c.Level, c.Code, diag.Visible(l.Format(c.Message())))
			switch c.Level {
			case "warning":
				nwarn++
			}
		}
	}
	if r != nil && r.Actuals != nil {
		a := r.Actuals
		attainment := "–"
		if a.Year.Attainment != nil {
			attainment = numfmt.Percent(a.Year.Attainment, 1)
		}
		fmt.Fprintf(stdout, "Actuals: %s in %s through %s: %s %s, %s of the plan to date; full-year projection %s %s\n",
			plural(len(r.Plan.Actuals), "row"), plural(len(r.Plan.ActualsFiles), "file"), r.Plan.MonthLabel(a.Through),
			numfmt.Group(numfmt.Exact(a.Year.Actual), ","), r.Plan.Unit, attainment,
			numfmt.Group(numfmt.Exact(a.Year.Projection), ","), r.Plan.Unit)
	}
	fmt.Fprintf(stdout, "%s, %s\n", plural(nerr, "error"), plural(nwarn, "warning"))
	if nerr > 0 {
		return 1
	}
	return 0
}
