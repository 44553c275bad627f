package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"planbook/generator/data"
	"planbook/generator/export"
	"planbook/generator/pipeline"
	"planbook/generator/publish"
)

func init() {
	commands = append(commands, &command{
		name:    "export",
		summary: "write the computed plan as a workbook (xlsx), CSV tables or JSON",
		usage: `Usage: planbook export [-s SITE] [--format xlsx|csv|json] [-o FILE]

Computes the plan of SITE and writes it for spreadsheets and programs:

  xlsx   a workbook with the sheets Summary, Quarters and months, Products,
         Regions, Channels, Customers, Regions × months and Regions ×
         products, Teams and People when the plan has teams or a roster,
         and Plan vs actual when the site has actual results; numbers are
         numbers, formatted (default FILE: plan.xlsx)
  csv    the CSV tables of the site's data/ folder, written into the folder
         FILE (default: plan-csv), or as one zip archive when FILE ends in .zip
  json   data/plan.json, every computed figure (default: standard output)

An export is written for the planner, who keeps the roster: it lists every
person's quota (the People sheet, people.csv, plan.json's people) whatever
people_pages says, and the people-balance checks name them.

-o - writes to standard output (csv: a zip archive). The workbook and the
zip entries are dated as the booklets are: with the date of the git commit
the site is at, else SOURCE_DATE_EPOCH; without either they hold no date
of their own. The same plan always gives the same bytes.

export never writes into the site's content/ or themes/, over its
planbook.toml, into a site planbook build wrote, or over a file (or into
a folder) that planbook export did not write; --force writes there anyway.

Flags:
  -s SITE          the site folder (default: the current folder)
  --format FORMAT  xlsx (default), csv or json
  -o FILE          where to write (see above)
  --force          write to FILE even where export refuses to (see above)

Example:
  planbook export -o sales-plan-2024.xlsx
  planbook export --format csv -o tables.zip
  planbook export -s plan --format json > plan.json
`,
		run: runExport,
	})
}

func runExport(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	format := fs.String("format", "xlsx", "xlsx, csv or json")
	out := fs.String("o", "", "output file or folder")
	force := fs.Bool("force", false, "write even where export refuses to")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	defaults := map[string]string{"xlsx": "plan.xlsx", "csv": "plan-csv", "json": "-"}
	if _, ok := defaults[*format]; !ok {
		fmt.Fprintf(stderr, "planbook export: unknown format %q: use xlsx, csv or json\n", *format)
		return 2
	}
	if *out == "" {
		*out = defaults[*format]
	}
	modified, err := pipeline.PlanDate(*site)
	if err != nil {
		fmt.Fprintf(stderr, "planbook export: %v\n", err)
		return 2
	}
	folder := *format == "csv" && !strings.HasSuffix(strings.ToLower(*out), ".zip")
	if *out != "-" && !*force {
		if err := export.Destination(*site, *out, folder); err != nil {
			fmt.Fprintf(stderr, "planbook export: %v\n  hint: %s\n", err, export.RefusalHint)
			return 1
		}
	}
	r, errs := pipeline.Load(*site)
	printDiagnostics(stderr, errs)
	if errs.HasErrors() {
		fmt.Fprintf(stderr, "export failed: the plan has %s\n", plural(len(errs.Errors()), "error"))
		return 1
	}
	var content []byte
	switch *format {
	case "xlsx":
		content, err = export.Workbook(r, modified)
	case "json":
		content = data.PlannerJSON(r)
	case "csv":
		files := map[string][]byte{}
		for name, b := range data.PlannerCSV(r) {
			files[strings.TrimPrefix(name, "data/")] = b
		}
		if b := data.ActualsFiles(r)["data/actuals-regions.csv"]; b != nil {
			files["actuals-regions.csv"] = b
		}
		if *out != "-" && folder {
			return writeFolder(*out, files, *force, stdout, stderr)
		}
		content, err = export.Zip(files, modified)
	}
	if err != nil {
		fmt.Fprintf(stderr, "export failed: %v\n", err)
		return 1
	}
	if *out == "-" {
		stdout.Write(content)
		return 0
	}
	if err := publish.WriteFile(*out, content); err != nil {
		fmt.Fprintf(stderr, "export failed: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote %s\n", *out)
	return 0
}

// writeFolder replaces the folder dir with files, as a build replaces its
// output: only a folder planbook made (or an empty or new one). force
// writes the files into any folder instead, leaving its other files.
func writeFolder(dir string, files map[string][]byte, force bool, stdout, stderr io.Writer) int {
	_, err := publish.Publish(dir, nil, files)
	if errors.Is(err, publish.ErrForeignFolder) && force {
		err = nil
		for name, b := range files {
			if err == nil {
				err = publish.WriteFile(filepath.Join(dir, name), b)
			}
		}
	}
	if errors.Is(err, publish.ErrForeignFolder) {
		fmt.Fprintf(stderr, "planbook export: %v\n  hint: %s\n", err, export.RefusalHint)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "export failed: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote %d CSV files to %s\n", len(files), dir)
	return 0
}
