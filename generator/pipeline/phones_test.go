package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/generator/pipeline"
	"planbook/generator/starter"
	"planbook/internal/browser"
)

// phoneWidths are the phone screens, in CSS pixels, that every page fits.
var phoneWidths = []int64{360, 375, 414}

// pageWidth lists what makes a page wider than a screen of %d pixels:
// the page's width, the window's (which a phone widens to the page's),
// and the outermost elements that reach past the screen's right edge
// outside a box that scrolls.
const pageWidth = `((screen) => {
  const wide = Array.from(document.querySelectorAll('body *')).filter(e => {
    if (e.getBoundingClientRect().right <= screen + 0.5) return false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
    }
    return !e.parentElement || e.parentElement.getBoundingClientRect().right <= screen + 0.5;
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ').join('.') : '') + ' to ' + Math.round(e.getBoundingClientRect().right) + 'px');
  return {scroll: document.documentElement.scrollWidth, inner: innerWidth, wide: wide};
})(%d)`

// splitWords lists the table cells holding one Chinese word (no space or
// punctuation: 成熟主力产品, 华东大区) that are drawn on more than one line.
const splitWords = `Array.from(document.querySelectorAll('table th, table td')).flatMap(cell => {
  const text = cell.textContent.trim();
  if (!/^[\p{Script=Han}A-Za-z0-9]+$/u.test(text) || !/\p{Script=Han}/u.test(text)) return [];
  const range = document.createRange();
  range.selectNodeContents(cell);
  const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
  return lines.size > 1 ? [text + ' on ' + lines.size + ' lines'] : [];
})`

// chartLabels lists what a chart that takes its figures from the table
// beside it says otherwise than the table: each line of a point's label
// is a cell of the point's row, as the table writes it, and a label with
// a figure is drawn whole (its text is an SVG text element of the chart,
// not cut short); each point's tooltip shows, as texts of their own, the
// cells its series names for it.
const chartLabels = `Array.from(document.querySelectorAll('[data-chart][data-table]')).flatMap(el => {
  const option = JSON.parse(document.getElementById(el.dataset.option).textContent);
  if (!option.dataset) return [];
  const rows = document.getElementById(el.dataset.table).querySelector('tbody').rows;
  const chart = echarts.getInstanceByDom(el);
  const texts = () => Array.from(el.querySelectorAll('svg text')).map(t => t.textContent);
  const before = texts();
  const drawn = new Set(before);
  const out = [];
  // tipOf shows the tooltip of a point and returns the texts it adds to
  // the chart as drawn without one (tooltips are drawn in the chart, see
  // planbook.js; the next one replaces it).
  const tipOf = (i, r) => {
    chart.dispatchAction({type: 'showTip', seriesIndex: i, dataIndex: r});
    chart.getZr().flush();
    const added = texts();
    for (const t of before) {
      const k = added.indexOf(t);
      if (k >= 0) added.splice(k, 1);
    }
    return added.map(t => t.trim()).filter(t => t !== '');
  };
  const cellsOf = r => Array.from(rows[r].cells).map(c => c.textContent.trim());
  chart.getOption().series.forEach((s, i) => {
    const model = chart.getModel().getSeriesByIndex(i);
    const n = model.getData().count();
    for (let r = 0; r < n; r++) {
      const cells = cellsOf(r);
      if (s.label && s.label.show) {
        for (const line of String(model.getFormattedLabel(r, 'normal')).split('\n')) {
          if (!cells.includes(line)) out.push(el.id + ' series ' + i + ' row ' + r + ': label "' + line + '" is no cell of [' + cells.join(' | ') + ']');
          if (/\d/.test(line) && !drawn.has(line)) out.push(el.id + ' series ' + i + ' row ' + r + ': label "' + line + '" is not drawn whole');
        }
      }
      const dims = [].concat((s.encode && s.encode.tooltip) || []);
      if (dims.length === 0) continue;
      const tip = tipOf(i, r);
      for (const d of dims) {
        const cell = cells[(d - 1) / 2];
        if (cell !== '–' && !tip.includes(cell)) out.push(el.id + ' series ' + i + ' row ' + r + ': tooltip [' + tip.join(' | ') + '] lacks the cell "' + cell + '"');
      }
    }
  });
  return out;
})`

// buildStarter builds the site planbook new writes in English, a plan
// without actual results and with English labels.
func buildStarter(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if _, err := starter.New(site, starter.Options{Lang: "en", Regions: 4, Year: 2025}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: site, Out: out}).Build(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// TestBrowserPhones opens every page of the example (a plan with actual
// results) and of an English plan without them at the widths of phones:
// no page is wider than the screen, no table cell splits a Chinese word
// over lines, and every chart's labels and tooltips show its table's
// cells as written.
func TestBrowserPhones(t *testing.T) {
	chrome := browser.ForTest(t)
	sites := []struct{ name, out string }{{"example", buildExample(t)}, {"starter-en", buildStarter(t)}}
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 8*time.Minute)
	defer cancelTimeout()
	var errs consoleErrors
	errs.listen(ctx)
	type width struct {
		Scroll, Inner int64
		Wide          []string
	}
	pages, labels := 0, 0
	for _, site := range sites {
		srv := httptest.NewServer(http.FileServer(http.Dir(site.out)))
		for _, w := range phoneWidths {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 780, chromedp.EmulateMobile)); err != nil {
				t.Fatal(err)
			}
			for _, page := range htmlPages(t, site.out) {
				where := site.name + " " + page + " at " + itoa(w) + "px"
				err := chromedp.Do(ctx,
					chromedp.Navigate(srv.URL+"/"+page),
					chromedp.WaitReady("body"),
					chromedp.Poll[chromedp.Void](chartsDrawn, chromedp.WithPollingTimeout(20*time.Second)),
				)
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				pages++
				got, err := chromedp.Run(ctx, chromedp.Evaluate[width](fmt.Sprintf(pageWidth, w)))
				if err != nil {
					t.Fatal(err)
				}
				if got.Inner != w || got.Scroll > w {
					t.Errorf("%s: the page is %dpx wide in a window of %dpx: %v", where, got.Scroll, got.Inner, got.Wide)
				}
				split, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](splitWords))
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range split {
					t.Errorf("%s: a table cell splits a word: %s", where, s)
				}
				wrong, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartLabels))
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range wrong {
					t.Errorf("%s: %s", where, s)
				}
				n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart][data-table] svg text').length`))
				if err != nil {
					t.Fatal(err)
				}
				labels += n
				for _, e := range errs.take(t, ctx) {
					t.Errorf("%s: %s", where, e)
				}
			}
		}
		srv.Close()
	}
	if labels == 0 {
		t.Error("no chart drew any text")
	}
	t.Logf("%d pages at %v px checked", pages, phoneWidths)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cardRows lists the KPI card lists of a page whose last row is not full:
// a card alone, or a row ending short of the list's right edge.
const cardRows = `Array.from(document.querySelectorAll('.cards')).flatMap(list => {
  const cards = Array.from(list.children);
  if (cards.length < 2) return [];
  const last = cards[cards.length - 1].getBoundingClientRect();
  const inLastRow = cards.filter(c => Math.abs(c.getBoundingClientRect().top - last.top) < 1).length;
  const short = list.getBoundingClientRect().right - last.right;
  return short > 1 ? [cards.length + ' cards: the last row (' + inLastRow + ') ends ' + Math.round(short) + 'px short'] : [];
})`

// pageKind is a page's path with the id of its region or person taken
// out: the pages of one kind share their layout.
func pageKind(page string) string {
	parts := strings.Split(page, "/")
	if len(parts) == 3 && (parts[0] == "regions" || parts[0] == "people") {
		parts[1] = "*"
	}
	return strings.Join(parts, "/")
}

// TestBrowserCardRows checks that the KPI cards of a page of every kind
// fill their rows, on phones and on wider screens.
func TestBrowserCardRows(t *testing.T) {
	chrome := browser.ForTest(t)
	sites := []struct{ name, out string }{{"example", buildExample(t)}, {"starter-en", buildStarter(t)}}
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()
	lists := 0
	for _, site := range sites {
		srv := httptest.NewServer(http.FileServer(http.Dir(site.out)))
		for _, w := range []int64{360, 768, 1024, 1440} { // each side of the layout's breakpoints
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, page := range htmlPages(t, site.out) {
				if seen[pageKind(page)] {
					continue
				}
				if b, err := os.ReadFile(filepath.Join(site.out, page)); err != nil || !bytes.Contains(b, []byte(`class="cards"`)) {
					continue
				}
				seen[pageKind(page)] = true
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page), chromedp.WaitReady("body")); err != nil {
					t.Fatal(err)
				}
				short, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](cardRows))
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range short {
					t.Errorf("%s %s at %dpx: %s", site.name, page, w, s)
				}
				n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.cards').length`))
				if err != nil {
					t.Fatal(err)
				}
				lists += n
			}
		}
		srv.Close()
	}
	if lists == 0 {
		t.Fatal("no KPI cards found")
	}
}
