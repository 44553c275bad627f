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
