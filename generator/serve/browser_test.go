package serve

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/internal/browser"
)

// pageWaiter waits in the browser until a JavaScript condition holds on
// the open page, polling it on every animation frame; when the page
// reloads meanwhile, it polls the new one.
func pageWaiter(t *testing.T, ctx context.Context) func(what, js string) {
	return func(what, js string) {
		t.Helper()
		var err error
		for attempt := 0; attempt < 10; attempt++ {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second)))
			if err == nil || errors.Is(err, chromedp.ErrPollingTimeout) {
				break
			}
		}
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
}

// shownAt is when the page showed its current content: when the reload
// script put it in place, or when a reloaded page finished loading; by
// the browser's clock (this machine's clock, as the test's).
func shownAt(t *testing.T, ctx context.Context) time.Time {
	t.Helper()
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.planbookShownAt || (performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)`))
	if err != nil {
		t.Fatal(err)
	}
	return time.UnixMicro(int64(ms * 1000))
}

// TestBrowserLiveReload opens a page in Chromium and edits the site: the
// page reloads by itself with the new text; a broken plan shows the error
// with its file and line in the open page; fixing it brings the page
// back. It logs the time from each write to the reloaded page.
func TestBrowserLiveReload(t *testing.T) {
	chrome := browser.ForTest(t)
	joined := make(chan struct{}, 1)
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, func(s *Server) {
		s.hub.joined = func() { signal(joined) }
	})
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"notes/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	waitPage := pageWaiter(t, ctx)
	waitPage("the page", `document.body.innerText.includes('First text.')`)
	select { // the page listens for reloads
	case <-joined:
	case <-ctx.Done():
		t.Fatal("the page never opened its event stream")
	}

	write := time.Now()
	p.write("content/notes.md", strings.Replace(pageMD, "First text.", "Edited text.", 1))
	waitPage("the edited text", `document.body.innerText.includes('Edited text.')`)
	t.Logf("save to reloaded page (Markdown edit): %d ms", shownAt(t, ctx).Sub(write).Milliseconds())

	write = time.Now()
	p.write("content/plan.toml", strings.Replace(planTOML, "growth =", "growht =", 1))
	waitPage("the error", `document.body.innerText.includes('content/plan.toml:7:1') && document.body.innerText.includes('growht')`)
	t.Logf("save to error page: %d ms", shownAt(t, ctx).Sub(write).Milliseconds())

	write = time.Now()
	p.write("content/plan.toml", planTOML)
	waitPage("the page back", `document.body.innerText.includes('Edited text.') && !document.body.innerText.includes('growht')`)
	t.Logf("save to page back after the fix: %d ms", shownAt(t, ctx).Sub(write).Milliseconds())
}

// TestBrowserExplanationsReload opens the regions page in the live
// preview and asks for the explanation of east's target, which comes from
// the file of east's home; then the company's growth is edited: the page
// is swapped in place (the explanations' script does not stay in its
// head, which the live preview compares), and the same figure explains
// itself with the new target, its file read again.
func TestBrowserExplanationsReload(t *testing.T) {
	chrome := browser.ForTest(t)
	region := func(name, share string) string {
		return "name = \"" + name + "\"\nstage = \"mature\"\nshare = \"" + share + "\"\n\n[[channels]]\nid = \"direct\"\nname = \"Direct\"\nstage = \"mature\"\nshare = \"100%\"\n"
	}
	p := start(t, map[string]string{"content/plan.toml": planTOML,
		"content/regions/east.toml": region("East", "60%"), "content/regions/west.toml": region("West", "40%")}, nil)
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	waitPage := pageWaiter(t, ctx)
	fig := `[data-k="regions.east.target"] > button.fig`
	ask := func(formula string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.WaitVisible(fig), chromedp.Click(fig)); err != nil {
			t.Fatal(err)
		}
		waitPage("the popover saying "+formula, `(() => { const f = document.querySelector('#explain-pop:not([hidden]) .explain-pop__formula'); return !!f && f.textContent === '`+formula+`'; })()`)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"regions/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	ask("1,100 × 60% = 660")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.beforeEdit = true`)); err != nil {
		t.Fatal(err)
	}
	p.write("content/plan.toml", strings.Replace(planTOML, `growth = "10%"`, `growth = "20%"`, 1))
	waitPage("the edited target", `document.body.innerText.includes('720')`)
	if inPlace, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeEdit === true`)); !inPlace {
		t.Error("the page was loaded again, not swapped in place: the script of the explanations asked for stays in its head")
	}
	ask("1,200 × 60% = 720")
}
