package main

import (
	"flag"
	"fmt"
	"io"

	"planbook/generator/explain"
	"planbook/generator/i18n"
	"planbook/generator/pipeline"
)

func init() {
	commands = append(commands, &command{
		name:    "explain",
		summary: "show how one computed figure is derived, down to the lines it comes from",
		usage: `Usage: planbook explain KEY [-s SITE] [--format text|json] [--depth N]

Computes the plan of SITE and prints how the figure at KEY is derived: the
rule that gives it (a split by share, weight or growth, a fixed or free
row of a two-way table, a sum…), its exact value before rounding and what
rounding added, and its inputs: figures of the plan, each explained in
turn, and values written in the plan's files with their file and line.
Words are in the site's language.

KEY is a value key of data/plan.json, as the value shortcode takes it:
target, quarters.q3, months.m7, products.new.share, regions.east.target,
regions.east.quarters.q3, regions.east.products.core,
regions.east.channels.direct.target, teams.east.sh.assigned,
people.p001.quota, people.p001.months.m4 (people whatever people_pages
says: explain is for the planner). An unknown key is refused with the keys
it could have been.

Exits 0, 1 when the plan has errors (printed with file and line), 2 for an
unknown key or a wrong flag.

Flags:
  -s SITE          the site folder (default: the current folder)
  --format FORMAT  text (default: a tree) or json (the derivation as data,
                   with its words)
  --depth N        how many levels of input figures to explain (default 2)

Example:
  planbook explain regions.east.quarters.q3
  planbook explain people.p003.months.m4 --depth 1
  planbook explain target --format json
`,
		run: runExplain,
	})
}

func runExplain(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	format := fs.String("format", "text", "text or json")
	depth := fs.Int("depth", 2, "levels of input figures explained")
	keys, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(keys) != 1 {
		fmt.Fprintf(stderr, "planbook explain: want one value key, got %d arguments\n\n", len(keys))
		fs.Usage()
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "planbook explain: unknown format %q: use text or json\n", *format)
		return 2
	}
	if *depth < 1 {
		fmt.Fprintf(stderr, "planbook explain: --depth %d: give 1 or more\n", *depth)
		return 2
	}
	r, errs := pipeline.Load(*site)
	printDiagnostics(stderr, errs)
	if errs.HasErrors() {
		fmt.Fprintf(stderr, "planbook explain: the plan has %s\n", plural(len(errs.Errors()), "error"))
		return 1
	}
	e := explain.New(r, true)
	d, err := e.Of(keys[0])
	if err != nil {
		fmt.Fprintf(stderr, "planbook explain: %v\n", err)
		return 2
	}
	l := i18n.Lang(r.Plan.Config.Language)
	if *format == "json" {
		stdout.Write(e.JSON(d, l, *depth))
		return 0
	}
	fmt.Fprint(stdout, e.Text(d, l, *depth))
	return 0
}
