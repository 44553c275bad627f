package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"planbook/generator"
	"planbook/generator/diag"
)

func init() {
	commands = append(commands, &command{
		name:    "build",
		summary: "compute the plan and write the site",
		usage: `Usage: planbook build [-s SITE] [-d OUT] [--compare REV]

Computes the plan of SITE and writes its web site to OUT. The previous
output is replaced only when the whole build succeeded.

Flags:
  -s SITE         the site folder (default: the current folder)
  -d OUT          the output folder (default: "output" of planbook.toml, "public", inside SITE)
  --compare REV   add a Changes page (changes/index.html) listing what moved
                  since REV: a git revision of the repository holding SITE,
                  or a folder with another version of the site

Example:
  planbook build -s ./sales-plan -d /srv/intranet/plan
  planbook build --compare origin/main
`,
		run: runBuild,
	})
}

func runBuild(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("d", "", "output folder")
	compare := fs.String("compare", "", "revision or folder to compare with")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	start := time.Now()
	rep, err := generator.Build(generator.Options{Site: *site, Out: *out, Compare: *compare})
	printDiagnostics(stderr, rep.Diagnostics)
	if err != nil {
		var le *diag.ListError
		var ve *generator.VersionError
		if errors.As(err, &ve) {
			for _, d := range ve.Diagnostics {
				printPrefixed(stderr, "--compare "+ve.Spec+": ", d)
			}
			fmt.Fprintf(stderr, "build failed: the version to compare with has %s; the previous output is unchanged\n", plural(len(ve.Diagnostics), "error"))
		} else if errors.As(err, &le) {
			fmt.Fprintf(stderr, "build failed: %s; the previous output is unchanged\n", plural(len(le.Diagnostics), "error"))
		} else {
			fmt.Fprintf(stderr, "build failed: %v\n", err)
		}
		return 1
	}
	st := rep.Stats
	fmt.Fprintf(stdout, "Built %s: %d files (%d written, %d unchanged, %d removed) in %d ms\n",
		rep.Out, st.Files, st.Written, st.Unchanged, st.Removed, time.Since(start).Milliseconds())
	return 0
}

// printDiagnostics prints every error, then every warning.
func printDiagnostics(w io.Writer, l *diag.List) {
	if l == nil {
		return
	}
	for _, d := range l.Errors() {
		diag.Print(w, d)
	}
	for _, d := range l.Warnings() {
		diag.Print(w, d)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
