package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"planbook/generator/diag"
	"planbook/generator/pipeline"
	"planbook/generator/plan"
)

func init() {
	commands = append(commands, &command{
		name:    "build",
		summary: "compute the plan and write the site",
		usage: `Usage: planbook build [-s SITE] [-d OUT] [--compare REV] [--region ID]...

Computes the plan of SITE and writes its web site to OUT. The previous
output is replaced only when the whole build succeeded. A booklet.pdf that
planbook pdf printed into OUT stays while its booklet is unchanged, and is
removed, with a line saying so, once the booklet changed.

Flags:
  -s SITE         the site folder (default: the current folder)
  -d OUT          the output folder (default: "output" of planbook.toml, "public", inside SITE)
  --compare REV   add a Changes page (changes/index.html) listing what moved
                  since REV: a git revision of the repository holding SITE,
                  or a folder with another version of the site
  --region ID     build the site for this region's audience only (repeat for
                  several): its pages and booklet, the narrative meant for
                  it and the company totals, and nothing of other regions;
                  the output defaults to OUT with "-ID" added (public-east)

Example:
  planbook build -s ./sales-plan -d /srv/intranet/plan
  planbook build --compare origin/main
  planbook build --region east -d /srv/intranet/plan/east
`,
		run: runBuild,
	})
}

func runBuild(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("d", "", "output folder")
	compare := fs.String("compare", "", "revision or folder to compare with")
	var regions stringList
	fs.Var(&regions, "region", "build for this region's audience only (repeatable)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	for _, id := range regions {
		if !regionFlag(stderr, "build", id) {
			return 2
		}
	}
	if len(regions) > 0 && *compare != "" {
		fmt.Fprintln(stderr, "build: --compare and --region do not go together: the Changes page would show every region")
		return 2
	}
	start := time.Now()
	progress, stop := progressLine(stdout, "Rendering pages", start)
	rep, err := pipeline.Build(pipeline.Options{Site: *site, Out: *out, Compare: *compare, Progress: progress, Regions: regions})
	stop()
	printDiagnostics(stderr, rep.Diagnostics)
	if err != nil {
		var le *diag.ListError
		var ve *pipeline.VersionError
		if errors.As(err, &ve) {
			for _, d := range ve.Diagnostics {
				printPrefixed(stderr, "--compare "+ve.Spec+": ", d)
			}
			fmt.Fprintf(stderr, "build failed: the version to compare with has %s; the previous output is unchanged\n", plural(len(ve.Diagnostics), "error"))
		} else if errors.As(err, &le) {
			fmt.Fprintf(stderr, "build failed: %s; the previous output is unchanged\n", plural(errorCount(rep.Diagnostics, le), "error"))
		} else {
			fmt.Fprintf(stderr, "build failed: %v\n", err)
		}
		return 1
	}
	st := rep.Stats
	fmt.Fprintf(stdout, "Built %s: %s, %s, %d files (%d written, %d removed) in %d ms\n",
		rep.Out, plural(rep.HTML, "page"), plural(rep.Charts, "chart"), st.Files, st.Written, st.Removed, time.Since(start).Milliseconds())
	if note := rep.UnprintedNote(); note != "" {
		fmt.Fprintln(stdout, "  "+note)
	}
	return 0
}

// progressLine returns a progress function that, on a terminal and once
// the work has taken a second, keeps one line up to date: "what: done/total".
// stop clears the line. Off a terminal it prints nothing.
func progressLine(w io.Writer, what string, start time.Time) (progress func(done, total int), stop func()) {
	return newProgress(w, isTerminal(w), what, start)
}

func newProgress(w io.Writer, terminal bool, what string, start time.Time) (progress func(done, total int), stop func()) {
	if !terminal {
		return nil, func() {}
	}
	var mu sync.Mutex
	shown := false
	last := time.Time{}
	progress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		if now.Sub(start) < time.Second || (now.Sub(last) < 100*time.Millisecond && done < total) {
			return
		}
		last, shown = now, true
		fmt.Fprintf(w, "\r%s: %d/%d", what, done, total)
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		if shown {
			fmt.Fprint(w, "\r\033[K")
		}
	}
	return progress, stop
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

// regionFlag reports whether id, given to --region, can be a region id,
// saying why not on w.
func regionFlag(w io.Writer, cmd, id string) bool {
	if plan.ValidID(id) {
		return true
	}
	shown := id
	if r := []rune(id); len(r) > 40 {
		shown = string(r[:30]) + "…"
	}
	fmt.Fprintf(w, "%s: --region %q%s: a region id is the name of its file in content/regions without .toml\n", cmd, shown, plan.IDProblem(id))
	return false
}

// errorCount returns how many errors a failed build had, shown or not.
func errorCount(l *diag.List, le *diag.ListError) int {
	if l == nil {
		return len(le.Diagnostics)
	}
	return l.Count(diag.Error)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
