package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"planbook/generator/starter"
)

func init() {
	commands = append(commands, &command{
		name:    "new",
		summary: "start a new plan: a small, valid, commented site to edit",
		usage: `Usage: planbook new DIR [--lang zh-CN|en] [--regions N] [--year YYYY]

Writes a new site into the folder DIR, which must be new or empty: a plan
(content/plan.toml) with three product lines, two customer types, KPIs and
execution items; N regions, each with its channels and narrative; one
narrative page; planbook.toml; the JSON Schemas with which editors
complete and check the TOML files (schema/); a .gitignore for the output;
and a GitHub Actions workflow that checks every pull request and comments
what it changes (.github/workflows/plan.yml, from docs/ci.md). Every file
is commented, and the site builds without a warning.

Flags:
  --lang LANG    the plan's language: zh-CN (default) or en
  --regions N    how many regions, 1 to 20 (default 3)
  --year YYYY    the plan's year (default: this year)

Example:
  planbook new sales-plan
  planbook new sales-plan --lang en --regions 2
`,
		run: runNew,
	})
}

func runNew(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	lang := fs.String("lang", "zh-CN", "zh-CN or en")
	regions := fs.Int("regions", 3, "number of regions")
	year := fs.Int("year", time.Now().Year(), "the plan's year")
	dirs, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(dirs) != 1 {
		fmt.Fprintf(stderr, "planbook new: want one folder to write the site into, got %d arguments\n\n", len(dirs))
		fs.Usage()
		return 2
	}
	dir := dirs[0]
	files, err := starter.New(dir, starter.Options{Lang: *lang, Regions: *regions, Year: *year})
	if err != nil {
		fmt.Fprintf(stderr, "planbook new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Created a %d plan with %s in %s:\n", *year, plural(*regions, "region"), dir)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	cd := dir
	if strings.ContainsAny(cd, " '\"$`\\") {
		cd = "'" + strings.ReplaceAll(cd, "'", `'\''`) + "'"
	}
	fmt.Fprintf(stdout, `
Next:
  cd %s
  planbook serve            preview at http://127.0.0.1:1313/, rebuilt on every save
  git init && git add . && git commit -m "Plan"
In .github/workflows/plan.yml, replace your-org/planbook with where your planbook lives.
`, cd)
	return 0
}
