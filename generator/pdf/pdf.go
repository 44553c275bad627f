// Package pdf prints a built site's region booklets to PDF files with
// headless Chromium: A4 pages as the booklet's style sheet lays them out,
// charts drawn as SVG, and the fonts the pages use embedded.
package pdf

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/generator/publish"
	"planbook/internal/browser"
)

// Job is one booklet to print: the booklet page and the PDF to write.
type Job struct {
	Region string
	HTML   string // path of regions/ID/booklet.html
	PDF    string // path of regions/ID/booklet.pdf
}

// ready is true once every chart of the page is drawn and the fonts are
// loaded: then the page prints complete.
const ready = `document.readyState === 'complete' && document.fonts.status === 'loaded' &&
Array.from(document.querySelectorAll('[data-chart]')).every(el => el.querySelector('svg'))`

// Print prints every job with the browser at chrome, at most parallel at a
// time, and calls progress after each booklet. Each worker runs a browser
// of its own (one browser prints its tabs one after the other), so
// booklets really print side by side. Each PDF is written whole or not at
// all.
func Print(ctx context.Context, chrome string, jobs []Job, parallel int, progress func(done int, j Job, elapsed time.Duration)) error {
	if parallel < 1 {
		parallel = 1
	}
	if parallel > len(jobs) {
		parallel = len(jobs)
	}
	var (
		mu    sync.Mutex
		done  int
		first error
		wg    sync.WaitGroup
	)
	queue := make(chan Job)
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bctx, stop := browser.Start(ctx, chrome)
			defer stop()
			for j := range queue {
				start := time.Now()
				err := printOne(bctx, j)
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("printing the booklet of %s: %w", j.Region, err)
				}
				done++
				if err == nil && progress != nil {
					progress(done, j, time.Since(start))
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
	return first
}

// printOne prints one booklet in a new tab.
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
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return err
	}
	return publish.WriteFile(j.PDF, data)
}
