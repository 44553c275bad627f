// Package pdf prints a built site's region booklets and people's target
// letters to PDF files with headless Chromium: A4 pages as the page's
// style sheet lays them out, charts drawn as SVG, the fonts the pages use
// embedded, bookmarks for the headings, and the page numbers of a
// booklet's contents filled in.
//
// The booklet pages hold no script of their own for this (their security
// policy allows none inline): the printer prints a booklet once, reads the
// pages of its headings from the PDF's bookmarks, writes them into the
// page's contents through the DevTools protocol, and prints it again.
package pdf

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"planbook/generator/publish"
	"planbook/internal/browser"
)

// Job is one booklet or letter to print: the page and the PDF to write.
type Job struct {
	Region string
	// Person, when set, makes the job a person's target letter
	// (people/ID/letter.html), printed as it is: it has no contents whose
	// page numbers need filling in.
	Person string
	HTML   string // path of regions/ID/booklet.html or people/ID/letter.html
	PDF    string // path of regions/ID/booklet.pdf or people/ID/letter.pdf
}

// what names the job in messages.
func (j Job) what() string {
	if j.Person != "" {
		return "the letter of " + j.Person
	}
	return "the booklet of " + j.Region
}

// Print prints every job with the browser at chrome, at most parallel at a
// time, and calls progress after each one. Each of the parallel printers
// has a browser of its own (one browser lays out and prints its tabs one
// after the other), kept for the next job. Printing stops at the first
// error, which Print returns. Each PDF is written whole or not at all.
func Print(ctx context.Context, chrome string, jobs []Job, parallel int, progress func(done int, j Job, elapsed time.Duration)) error {
	parallel = max(1, min(parallel, len(jobs)))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel)
	idle := make(chan context.Context, parallel) // started browsers not printing now
	var (
		mu    sync.Mutex
		done  int
		stops []context.CancelFunc
	)
	defer func() {
		for _, stop := range stops {
			stop()
		}
	}()
	for _, j := range jobs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err // an earlier booklet failed
			}
			var bctx context.Context
			select {
			case bctx = <-idle:
			default:
				var stop context.CancelFunc
				bctx, stop = browser.Start(ctx, chrome)
				mu.Lock()
				stops = append(stops, stop)
				mu.Unlock()
			}
			defer func() { idle <- bctx }()
			start := time.Now()
			if err := printOne(bctx, j); err != nil {
				return fmt.Errorf("printing %s: %w", j.what(), err)
			}
			mu.Lock()
			defer mu.Unlock()
			done++
			if progress != nil {
				progress(done, j, time.Since(start))
			}
			return nil
		})
	}
	return g.Wait()
}

// ready is true once every chart of the page is drawn.
const ready = `document.readyState === 'complete' &&
Array.from(document.querySelectorAll('[data-chart]')).every(el => el.querySelector('svg'))`

// fontsLoaded lays the page out and waits for the fonts its text needs,
// the running header and footer's text included (the words in the html
// element's data attributes, which only the page margins show).
const fontsLoaded = `(async () => {
  const root = document.documentElement;
  const margins = root.getAttributeNames().filter(a => a.startsWith('data-')).map(a => root.getAttribute(a)).join('') + '0123456789';
  const family = getComputedStyle(root).fontFamily;
  await document.fonts.load('400 10px ' + family, margins);
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  return document.fonts.status;
})()`

// printOne prints one booklet or letter in a new tab.
func printOne(bctx context.Context, j Job) error {
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tab, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	defer cancelTimeout()
	abs, err := filepath.Abs(j.HTML)
	if err != nil {
		return err
	}
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	if err := chromedp.Do(tab,
		chromedp.EmulateViewport(794, 1123), // A4 at 96 dpi
		chromedp.Navigate(page),
		chromedp.Poll[chromedp.Void](ready, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)),
	); err != nil {
		return err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[string](fontsLoaded, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("loading the fonts: %w", err)
	}
	var data []byte
	if j.Person != "" {
		data, err = printPDF(tab)
	} else {
		data, err = printNumbered(tab)
	}
	if err != nil {
		return err
	}
	return publish.WriteFile(j.PDF, data)
}

// printPDF prints the page in tab as it is now.
func printPDF(tab context.Context) ([]byte, error) {
	return chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
}
