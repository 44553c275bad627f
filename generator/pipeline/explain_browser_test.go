package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"planbook/internal/browser"
)

// popoverState is what the test reads of the popover: whether it shows,
// the figure it explains, its words, where it is on the screen (the visual
// viewport: what the screen shows of the page) and what has the focus.
type popoverState struct {
	Shown   bool
	Key     string
	Title   string
	Formula string
	Text    string
	Sheet   bool
	Left    float64
	Right   float64
	Top     float64
	Bottom  float64
	Width   float64
	Height  float64
	Focus   string // the value key of the figure with the focus, "popover", or ""
}

const readPopover = `(() => {
  const p = document.getElementById('explain-pop');
  const v = window.visualViewport;
  const b = p ? p.getBoundingClientRect() : {};
  const r = {left: b.left - v.offsetLeft, right: b.right - v.offsetLeft, top: b.top - v.offsetTop, bottom: b.bottom - v.offsetTop};
  const a = document.activeElement;
  return {
    shown: !!p && !p.hidden,
    key: p ? p.getAttribute('data-k') || '' : '',
    title: p ? (p.querySelector('h2') || {}).textContent || '' : '',
    formula: p ? ((p.querySelector('.explain-pop__formula') || {}).textContent || '') : '',
    text: p ? p.textContent : '',
    sheet: !!p && p.classList.contains('explain-pop--sheet'),
    left: r.left || 0, right: r.right || 0, top: r.top || 0, bottom: r.bottom || 0,
    width: v.width, height: v.height,
    focus: a === p ? 'popover' : (a && a.classList.contains('fig') ? a.parentNode.getAttribute('data-k') : ''),
  };
})()`

// TestBrowserExplainPopover opens the example's east region from disk
// (file://, where a page cannot fetch a file: the explanations come as a
// script) and explains its third quarter, first with the keyboard on a
// desktop (Tab to the figure, Enter opens, Escape closes and gives the
// focus back; Space opens another), then with a tap on a 375 px phone,
// where the popover lies along the bottom of the screen. North's target
// on the regions page and a person's quota on the people page are
// explained from the files of their homes.
func TestBrowserExplainPopover(t *testing.T) {
	chrome := browser.ForTest(t)
	out := buildExample(t)
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	var errs consoleErrors
	errs.listen(ctx)
	page := "file://" + filepath.Join(out, "regions", "east", "index.html")
	q3 := `[data-k="regions.east.quarters.q3"] > button.fig`
	state := func() popoverState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[popoverState](readPopover))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	waitShown := func(key string) popoverState {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](
			`(() => { const p = document.getElementById('explain-pop'); return p && !p.hidden && p.getAttribute('data-k') === '`+key+`'; })()`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatalf("the popover of %s never showed: %v (%+v)", key, err, state())
		}
		return state()
	}

	// Keyboard, desktop.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(page),
		chromedp.WaitVisible(q3),
		chromedp.Focus(q3),
		chromedp.KeyEvent("\r"),
	)
	if err != nil {
		t.Fatal(err)
	}
	s := waitShown("regions.east.quarters.q3")
	if !strings.Contains(s.Title, "华东大区") || !strings.Contains(s.Formula, "5,244 × 31% = 1,625.64") ||
		!strings.Contains(s.Text, "+0.36") || !strings.Contains(s.Text, "content/regions/east.toml:17") {
		t.Errorf("popover of Q3: %+v", s)
	}
	if s.Sheet || s.Focus != "popover" || s.Left < 0 || s.Right > s.Width {
		t.Errorf("on a desktop the popover sits by its figure, in the window, with the focus: %+v", s)
	}
	shot(t, ctx, "explain-desktop")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\u001b")); err != nil { // Escape
		t.Fatal(err)
	}
	if s := state(); s.Shown || s.Focus != "regions.east.quarters.q3" {
		t.Errorf("after Escape the popover is gone and the focus back on the figure: %+v", s)
	}
	target := `[data-k="regions.east.target"] > button.fig`
	if err := chromedp.Do(ctx, chromedp.Focus(target), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	if s := waitShown("regions.east.target"); !strings.Contains(s.Formula, "13,800 × 38% = 5,244") {
		t.Errorf("Space on the region's target card: %+v", s)
	}

	// Tap, 375 px phone.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)),
		chromedp.Navigate(page),
		chromedp.WaitVisible(q3),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('`+q3+`').scrollIntoView({block: 'center'})`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			box, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y float64 }](
				`(() => { const r = document.querySelector('`+q3+`').getBoundingClientRect(), v = window.visualViewport;
				   return {x: (r.left + r.width / 2 - v.offsetLeft) * v.scale, y: (r.top + r.height / 2 - v.offsetTop) * v.scale}; })()`))
			if err != nil {
				return err
			}
			// A touch starting and ending on the figure, as a finger taps.
			pt := &input.TouchPoint{X: box.X, Y: box.Y}
			_, err = cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{pt}})
			if err == nil {
				_, err = cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
			}
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	s = waitShown("regions.east.quarters.q3")
	if !s.Sheet || s.Left < 0 || s.Right > s.Width+0.5 || s.Bottom > s.Height+0.5 || s.Top < s.Height/3 {
		t.Errorf("on a phone the popover lies along the bottom of the screen: %+v", s)
	}
	shot(t, ctx, "explain-phone")

	// A region's and a person's figures shown elsewhere, on the regions
	// page and the people page, are explained from the files of their
	// homes, loaded from disk, in the words their own pages show.
	for _, c := range []struct{ page, key, formula string }{
		{"regions/index.html", "regions.north.target", "13,800 × 27% = 3,726"},
		{"people/index.html", "people.p001.quota", ""},
	} {
		fig := `[data-k="` + c.key + `"] > button.fig`
		err = chromedp.Do(ctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate("file://"+filepath.Join(out, filepath.FromSlash(c.page))),
			chromedp.WaitVisible(fig),
			chromedp.Focus(fig),
			chromedp.KeyEvent("\r"),
		)
		if err != nil {
			t.Fatal(err)
		}
		s := waitShown(c.key)
		want, _ := explainedOn(t, out, c.page)
		if w := want[c.key]; w.Formula == "" && w.Rule == "" || !strings.Contains(s.Text, w.Rule) || !strings.Contains(s.Text, w.Value) || s.Formula != w.Formula || (c.formula != "" && s.Formula != c.formula) {
			t.Errorf("%s on %s: %+v, want %+v", c.key, c.page, s, w)
		}
	}
	for _, e := range errs.take(t, ctx) {
		t.Errorf("%s", e)
	}
}

// shot keeps a screenshot of the page for a reviewer.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	file := filepath.Join(os.TempDir(), "planbook-"+name+".png")
	os.WriteFile(file, png, 0o644)
	t.Logf("screenshot: %s", file)
}
