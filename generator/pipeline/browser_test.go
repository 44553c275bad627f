package pipeline_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/generator/pipeline"
	"planbook/internal/browser"
)

// buildExample builds the bundled example site into a new folder.
func buildExample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: "../..", Out: out}).Build(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// htmlPages lists the HTML files of a built site, as slash paths.
func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(pages)
	return pages
}

// consoleErrors collects what a page reports as errors: console.error
// calls, uncaught exceptions and browser log errors such as failed loads.
type consoleErrors struct {
	mu    sync.Mutex
	list  []string
	marks chan string // the marks take writes, as they come back
	n     int
}

// markPrefix starts the console messages take writes to know that every
// message before them arrived.
const markPrefix = "planbook-test-mark-"

// listen starts collecting the messages of the tab of ctx until ctx ends.
func (c *consoleErrors) listen(ctx context.Context) {
	c.marks = make(chan string, 1)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleDebug && strings.HasPrefix(m.Text, markPrefix) {
				c.marks <- m.Text
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				c.mu.Lock()
				c.list = append(c.list, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
				c.mu.Unlock()
			}
		}
	}()
}

// take returns the errors the page reported so far. It writes a mark to
// the console and waits for it to come back: the browser sends messages
// in order, so every earlier message has arrived by then.
func (c *consoleErrors) take(t *testing.T, ctx context.Context) []string {
	t.Helper()
	c.n++
	mark := markPrefix + strconv.Itoa(c.n)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`console.debug("`+mark+`"), true`)); err != nil {
		t.Fatal(err)
	}
	for got := ""; got != mark; {
		select {
		case got = <-c.marks:
		case <-ctx.Done():
			t.Fatal("the console mark never came back")
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.list
	c.list = nil
	return out
}

// chartsDrawn is true when every chart element of the page holds an SVG.
const chartsDrawn = `Array.from(document.querySelectorAll('[data-chart]')).every(el => el.querySelector('svg'))`

// chartsFilled lists what does not agree between each chart that takes its
// figures from the table beside it and that table: every series has a
// point per body row, named by the row's first cell, whose value is the
// figure of the cell it shows.
const chartsFilled = `Array.from(document.querySelectorAll('[data-chart]')).flatMap(el => {
  const option = JSON.parse(document.getElementById(el.dataset.option).textContent);
  if (!option.dataset) return [];
  const rows = document.getElementById(el.dataset.table).querySelector('tbody').rows;
  const chart = echarts.getInstanceByDom(el);
  const out = [];
  chart.getOption().series.forEach((s, i) => {
    const data = chart.getModel().getSeriesByIndex(i).getData();
    const dim = data.mapDimension(s.type === 'pie' ? 'value' : 'y');
    const col = data.getDimensionIndex(dim) / 2;
    if (data.count() !== rows.length) out.push(el.id + ' series ' + i + ': ' + data.count() + ' points for ' + rows.length + ' rows');
    for (let r = 0; r < Math.min(rows.length, data.count()); r++) {
      const text = rows[r].cells[col].textContent.trim();
      const want = text === '–' ? 0 : Number(text.replace(/,/g, '').replace(/%$/, ''));
      if (data.getName(r) !== rows[r].cells[0].textContent.trim() || data.get(dim, r) !== want) {
        out.push(el.id + ' series ' + i + ' row ' + r + ': ' + data.getName(r) + ' ' + data.get(dim, r) + ', table: ' + rows[r].cells[0].textContent.trim() + ' ' + text);
      }
    }
  });
  return out;
})`

// TestBrowserExampleSite opens every page of the built example in
// Chromium: no page reports an error, every chart is drawn as SVG, and
// every internal link leads to a page. Screenshots of the dashboard and a
// region page are kept for a reviewer.
func TestBrowserExampleSite(t *testing.T) {
	chrome := browser.ForTest(t)
	out := buildExample(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()
	var errs consoleErrors
	errs.listen(ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	shots, err := os.MkdirTemp("", "planbook-screenshots-")
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{} // link target → first page linking to it
	pages := htmlPages(t, out)
	if len(pages) < 10 {
		t.Fatalf("only %d pages built", len(pages))
	}
	charts := 0
	for _, page := range pages {
		pageURL := srv.URL + "/" + page
		err := chromedp.Do(ctx,
			chromedp.Navigate(pageURL),
			chromedp.WaitReady("body"),
			chromedp.Poll[chromedp.Void](chartsDrawn, chromedp.WithPollingTimeout(20*time.Second)),
		)
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
		if err != nil {
			t.Fatal(err)
		}
		unfilled, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartsFilled))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range unfilled {
			t.Errorf("%s: %s", page, u)
		}
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('a[href], link[href], script[src]')).map(e => e.getAttribute('href') || e.getAttribute('src'))`))
		if err != nil {
			t.Fatal(err)
		}
		charts += n
		for _, e := range errs.take(t, ctx) {
			t.Errorf("%s: %s", page, e)
		}
		for _, h := range hrefs {
			u, err := url.Parse(h)
			if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(h, "#") {
				if err == nil && (u.Scheme == "http" || u.Scheme == "https") {
					t.Errorf("%s links outside the site: %s", page, h)
				}
				continue
			}
			base, _ := url.Parse(pageURL)
			target := base.ResolveReference(u)
			target.Fragment = ""
			if _, seen := links[target.String()]; !seen {
				links[target.String()] = page
			}
		}
		if page == "index.html" || page == "regions/east/index.html" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Errorf("screenshot of %s: %v", page, err)
			} else {
				name := filepath.Join(shots, strings.ReplaceAll(strings.TrimSuffix(page, ".html"), "/", "-")+".png")
				os.WriteFile(name, png, 0o644)
				t.Logf("screenshot of %s: %s", page, name)
			}
		}
	}
	for link, from := range links {
		resp, err := http.Get(link)
		if err != nil {
			t.Errorf("%s: link %s: %v", from, link, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: link %s: %s", from, strings.TrimPrefix(link, srv.URL), resp.Status)
		}
	}
	t.Logf("%d pages, %d charts, %d internal links checked", len(pages), charts, len(links))
}

// TestBrowserFromDisk opens the dashboard from disk (file://): the charts
// draw and nothing fails to load, so the folder works without a server.
func TestBrowserFromDisk(t *testing.T) {
	chrome := browser.ForTest(t)
	out := buildExample(t)
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	var errs consoleErrors
	errs.listen(ctx)
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, "regions", "south", "index.html")),
		chromedp.Poll[chromedp.Void](chartsDrawn, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	svgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart] svg').length`))
	if err != nil {
		t.Fatal(err)
	}
	if svgs == 0 {
		t.Error("no chart drawn when opened from disk")
	}
	for _, e := range errs.take(t, ctx) {
		t.Errorf("from disk: %s", e)
	}
}
