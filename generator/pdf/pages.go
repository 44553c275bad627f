package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// A booklet marks where a page number goes with an empty element
// data-page-of="ID": the number of the page on which the element of that
// id starts (a section, a figure). The printer learns the pages from the
// PDF's bookmarks, which Chromium makes from the headings: the element of
// an id is the nearest one around a heading (or the heading itself).

// headings lists the page's headings in document order, each with the id
// of the element it titles.
const headings = `Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => {
  const el = h.id ? h : h.closest('[id]');
  return {id: el ? el.id : '', text: h.textContent};
})`

// fill writes page numbers into the page's placeholders; a placeholder
// whose element has no known page is left empty.
const fill = `(pages => {
  for (const el of document.querySelectorAll('[data-page-of]')) {
    const n = pages[el.getAttribute('data-page-of')];
    el.textContent = n ? String(n) : '';
  }
})`

// measuring hides the text and charts of the page (its paragraphs, list
// items, table cells and drawings, not the headings) while the first
// print measures where the headings fall: hidden content keeps its place,
// so the pages are the same, and that print takes a fraction of the time.
// (Hiding whole sections would hide the headings from the outline too.)
// The style sheet is made by the printer, not by the page, whose security
// policy allows no inline style.
const measuring = `(on => {
  if (!window.planbookMeasuring) {
    window.planbookMeasuring = new CSSStyleSheet();
    window.planbookMeasuring.replaceSync('svg, p, li, dt, dd, td, th, caption, pre { visibility: hidden !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.planbookMeasuring];
  }
  window.planbookMeasuring.disabled = !on;
})`

// placeholder is written into every placeholder before the first print,
// so that the page is laid out with room for two digits.
const placeholder = "00"

// maxPrints is how often a booklet is printed at most: numbers that move
// text to another page (a reference that wraps differently) take another
// print until the pages stay put.
const maxPrints = 4

// heading is a heading of the page.
type heading struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// printNumbered prints the booklet in tab with the page numbers of its
// placeholders filled in, and returns the PDF. The first print, of the
// headings alone, measures the pages; each further print is the whole
// booklet with the numbers of the print before, until they agree.
func printNumbered(tab context.Context) ([]byte, error) {
	hs, err := chromedp.Run(tab, chromedp.Evaluate[[]heading](headings))
	if err != nil {
		return nil, fmt.Errorf("reading the headings: %w", err)
	}
	wanted, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[data-page-of]'), el => el.getAttribute('data-page-of'))`))
	if err != nil {
		return nil, err
	}
	numbers := map[string]string{}
	for _, h := range hs {
		numbers[h.ID] = placeholder
	}
	var filled map[string]int
	for i := range maxPrints {
		if err := fillPages(tab, numbers); err != nil {
			return nil, err
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("%s(%t)", measuring, i == 0))); err != nil {
			return nil, err
		}
		data, err := printPDF(tab)
		if err != nil {
			return nil, err
		}
		got, err := headingPages(data, hs)
		if err != nil {
			return nil, err
		}
		for _, id := range wanted {
			if _, ok := got[id]; !ok {
				return nil, fmt.Errorf("no bookmark of the PDF is the heading of #%s, whose page the booklet shows", id)
			}
		}
		if i > 0 && maps.Equal(got, filled) {
			return data, nil
		}
		filled = got
		numbers = map[string]string{}
		for id, n := range got {
			numbers[id] = fmt.Sprint(n)
		}
	}
	return nil, fmt.Errorf("the page numbers of the contents did not settle after %d prints", maxPrints)
}

// fillPages writes numbers into the page's placeholders by id.
func fillPages(tab context.Context, numbers map[string]string) error {
	arg, err := json.Marshal(numbers) // JSON is a JavaScript object literal
	if err != nil {
		return err
	}
	_, err = chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](fill+"("+string(arg)+")"))
	return err
}

// headingPages reads the bookmarks of a PDF and returns the page of each
// heading's element.
func headingPages(data []byte, hs []heading) (map[string]int, error) {
	bms, err := outline(data)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF's bookmarks: %w", err)
	}
	var outline []bookmark
	var walk func([]pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			outline = append(outline, bookmark{Title: b.Title, Page: b.PageFrom})
			walk(b.Kids)
		}
	}
	walk(bms)
	return matchPages(outline, hs), nil
}

// outline returns the bookmarks of a PDF. It reads the file without
// validating or optimizing it (as api.Bookmarks does, at several times
// the cost): the file is Chromium's, just made.
func outline(data []byte) ([]pdfcpu.Bookmark, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, err
	}
	root, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	if root["Outlines"] == nil {
		return nil, errors.New("the PDF has no bookmarks")
	}
	if ctx.Outlines, err = ctx.DereferenceDict(root["Outlines"]); err != nil {
		return nil, err
	}
	return pdfcpu.Bookmarks(ctx)
}

// bookmark is an entry of a PDF's outline, in document order.
type bookmark struct {
	Title string
	Page  int
}

// matchPages pairs the outline's entries with the page's headings, both in
// document order, by their text: an entry is the next heading with its
// text (headings the outline leaves out, such as empty ones, are passed
// over). Each id gets the page of its first heading.
func matchPages(outline []bookmark, hs []heading) map[string]int {
	pages := map[string]int{}
	next := 0
	for _, b := range outline {
		title := squash(b.Title)
		for i := next; i < len(hs); i++ {
			if squash(hs[i].Text) != title {
				continue
			}
			if id := hs[i].ID; id != "" {
				if _, ok := pages[id]; !ok {
					pages[id] = b.Page
				}
			}
			next = i + 1
			break
		}
	}
	return pages
}

// squash drops the white space of a heading's text: the outline and the
// page space words differently.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
