package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"planbook/generator/diag"
	"planbook/generator/pdf"
	"planbook/generator/pipeline"
	"planbook/internal/browser"
)

func init() {
	commands = append(commands, &command{
		name:    "pdf",
		summary: "print each region's booklet to PDF",
		usage: `Usage: planbook pdf [-s SITE] [-d OUT] [--region ID]

Builds the site (writing only what changed), then prints every region's
booklet, or one, to OUT/regions/ID/booklet.pdf with headless Chromium or
Chrome: A4, with the plan title and region at the top of each page, page
numbers at the bottom, and the fonts embedded. Several booklets print at
once, as many as the computer has cores.

With --region, the site is built for that region's audience only, as
planbook build --region does (by default into OUT-ID, e.g. public-east),
and the booklet printed from it shows nothing of the other regions.

The browser is found on PATH (chromium-headless-shell, which prints
fastest, then chromium, chromium-browser, google-chrome, chrome) or given
by PLANBOOK_CHROME. Printing needs Chromium or Chrome 133 or later.

Flags:
  -s SITE       the site folder (default: the current folder)
  -d OUT        the output folder (default: "output" of planbook.toml, "public", inside SITE;
                with --region ID, that folder with "-ID" added)
  --region ID   print this region's booklet only, from a site built for its audience

Example:
  planbook pdf -s ./sales-plan --region east
`,
		run: runPDF,
	})
}

func runPDF(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("d", "", "output folder")
	region := fs.String("region", "", "region id")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *region != "" && !regionFlag(stderr, "pdf", *region) {
		return 2
	}
	chrome, err := browser.FindPrinter()
	if err != nil {
		fmt.Fprintf(stderr, "pdf: %v\n", err)
		return 1
	}
	start := time.Now()
	opts := pipeline.Options{Site: *site, Out: *out}
	if *region != "" {
		// One region's booklet comes from a site built for its audience
		// only, so that the PDF shows nothing of the other regions.
		opts.Regions = []string{*region}
	}
	rep, err := pipeline.NewBuilder(opts).Build()
	printDiagnostics(stderr, rep.Diagnostics)
	if err != nil {
		var le *diag.ListError
		if errors.As(err, &le) {
			fmt.Fprintf(stderr, "pdf: the plan has %s; nothing printed\n", plural(len(le.Diagnostics), "error"))
		} else {
			fmt.Fprintf(stderr, "pdf: %v\n", err)
		}
		return 1
	}
	var jobs []pdf.Job
	for _, r := range rep.Result.Regions {
		if *region != "" && r.ID != *region {
			continue
		}
		dir := filepath.Join(rep.Out, "regions", r.ID)
		jobs = append(jobs, pdf.Job{Region: r.ID, HTML: filepath.Join(dir, "booklet.html"), PDF: filepath.Join(dir, "booklet.pdf")})
	}
	if len(jobs) == 0 {
		var ids []string
		for _, r := range rep.Result.Regions {
			ids = append(ids, r.ID)
		}
		if *region != "" {
			fmt.Fprintf(stderr, "pdf: unknown region %q%s\n", *region, diag.DidYouMean(*region, ids))
			return 1
		}
		fmt.Fprintln(stderr, "pdf: the plan has no regions: there is no booklet to print")
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	terminal := isTerminal(stdout)
	err = pdf.Print(ctx, chrome, jobs, runtime.NumCPU(), func(done int, j pdf.Job, took time.Duration) {
		if terminal {
			fmt.Fprintf(stdout, "\rPrinting booklets: %d/%d", done, len(jobs))
			if done == len(jobs) {
				fmt.Fprintln(stdout)
			}
			return
		}
		fmt.Fprintf(stdout, "Printed %s (%d ms)\n", j.PDF, took.Milliseconds())
	})
	if err != nil {
		if terminal {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stderr, "pdf: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Printed %s in %d ms\n", plural(len(jobs), "booklet"), time.Since(start).Milliseconds())
	return 0
}

// isTerminal reports whether w is a terminal, where progress can be
// redrawn on one line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
