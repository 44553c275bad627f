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
		summary: "print each region's booklet, or each person's target letter, to PDF",
		usage: `Usage: planbook pdf [-s SITE] [-d OUT] [--region ID] [--people]

Builds the site (writing only what changed), then prints every region's
booklet, or one, to OUT/regions/ID/booklet.pdf with headless Chromium or
Chrome: A4, with the plan title and region at the top of each page, page
numbers at the bottom, and the fonts embedded. Several booklets print at
once, as many as the computer has cores.

With --region, the site is built for that region's audience only, as
planbook build --region does (by default into OUT-ID, e.g. public-east),
and the booklet printed from it shows nothing of the other regions.

With --people, it prints every person's target letter (目标责任书) of
content/people.csv instead, one A4 page each, to people/ID/letter.pdf:
in the site's output when planbook.toml sets people_pages = true (the site
shows the letters), and otherwise in a folder of their own beside it,
OUT-letters (public-letters, public-east-letters), which the site never
holds: letters are handed out, not published. --region ID prints that
region's people's letters only.

The browser is found on PATH (chromium-headless-shell, which prints
fastest, then chromium, chromium-browser, google-chrome, chrome) or given
by PLANBOOK_CHROME. Printing needs Chromium or Chrome 133 or later.

Flags:
  -s SITE       the site folder (default: the current folder)
  -d OUT        the output folder (default: "output" of planbook.toml, "public", inside SITE;
                with --region ID, that folder with "-ID" added)
  --region ID   print this region's booklet only, from a site built for its audience
  --people      print the people's target letters instead of the booklets

Example:
  planbook pdf -s ./sales-plan --region east
  planbook pdf --people --region east
`,
		run: runPDF,
	})
}

func runPDF(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("d", "", "output folder")
	region := fs.String("region", "", "region id")
	people := fs.Bool("people", false, "print the people's target letters")
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
	build, noun := func() (*pipeline.Report, error) { return pipeline.Build(opts) }, "booklet"
	if *people {
		build, noun = pipeline.NewBuilder(opts).Letters, "letter"
	}
	rep, err := build()
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
	jobs := letterJobs(rep)
	if !*people {
		jobs = bookletJobs(rep, *region)
	}
	if len(jobs) == 0 {
		return noJobs(stderr, rep, *region)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	terminal := isTerminal(stdout)
	err = pdf.Print(ctx, chrome, jobs, runtime.NumCPU(), func(done int, j pdf.Job, took time.Duration) {
		if terminal {
			fmt.Fprintf(stdout, "\rPrinting %ss: %d/%d", noun, done, len(jobs))
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
	fmt.Fprintf(stdout, "Printed %s in %d ms\n", plural(len(jobs), noun), time.Since(start).Milliseconds())
	if *people && !rep.Result.ShowsPeople() {
		fmt.Fprintf(stdout, "The letters are in %s, a folder of their own: the site does not show people (people_pages), so hand them out and do not publish this folder\n", rep.Out)
	}
	return 0
}

// letterJobs lists the letters to print: those of the people of the
// built site or letters folder.
func letterJobs(rep *pipeline.Report) []pdf.Job {
	var jobs []pdf.Job
	for _, ps := range rep.Result.People {
		dir := filepath.Join(rep.Out, "people", ps.ID)
		jobs = append(jobs, pdf.Job{Region: ps.Region, Person: ps.ID, HTML: filepath.Join(dir, "letter.html"), PDF: filepath.Join(dir, pipeline.LetterPDF)})
	}
	return jobs
}

// bookletJobs lists the booklets to print: every region's, or that of
// region when it is set.
func bookletJobs(rep *pipeline.Report, region string) []pdf.Job {
	var jobs []pdf.Job
	for _, r := range rep.Result.Regions {
		if region != "" && r.ID != region {
			continue
		}
		dir := filepath.Join(rep.Out, "regions", r.ID)
		jobs = append(jobs, pdf.Job{Region: r.ID, HTML: filepath.Join(dir, "booklet.html"), PDF: filepath.Join(dir, pipeline.BookletPDF)})
	}
	return jobs
}

// noJobs reports that there is nothing to print.
func noJobs(stderr io.Writer, rep *pipeline.Report, region string) int {
	var ids []string
	for _, r := range rep.Result.Regions {
		ids = append(ids, r.ID)
	}
	if region != "" {
		fmt.Fprintf(stderr, "pdf: unknown region %q%s\n", region, diag.DidYouMean(region, ids))
		return 1
	}
	fmt.Fprintln(stderr, "pdf: the plan has no regions: there is no booklet to print")
	return 1
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
