package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/internal/browser"
)

// TestBrowserLiveReload opens a page in Chromium and edits the site: the
// page reloads by itself with the new text; a broken plan shows the error
// with its file and line in the open page; fixing it brings the page
// back. It logs the time from each write to the reloaded page.
func TestBrowserLiveReload(t *testing.T) {
	chrome := browser.ForTest(t)
	dir, _, url := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD})
	ctx, cancel := browser.Start(context.Background(), chrome)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"notes/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	// Wait until the page listens for reloads.
	// waitText evaluates js every few milliseconds until it is true; the
	// page may be reloading in between.
	waitText := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		var last error
		for time.Now().Before(deadline) {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			last = err
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("timed out waiting for %s (last error: %v)", what, last)
	}
	// loadedAt is when the page showed its current content: when the
	// reload script put it in place, or when a reloaded page finished
	// loading; by the browser's clock (this machine's clock, as the test's).
	loadedAt := func() time.Time {
		t.Helper()
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.planbookShownAt || (performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)`))
		if err != nil {
			t.Fatal(err)
		}
		return time.UnixMicro(int64(ms * 1000))
	}
	waitText("the page", `document.body.innerText.includes('First text.')`)
	time.Sleep(300 * time.Millisecond) // the event stream connects after load

	page := filepath.Join(dir, "content", "notes.md")
	write := time.Now()
	os.WriteFile(page, []byte(strings.Replace(pageMD, "First text.", "Edited text.", 1)), 0o644)
	waitText("the edited text", `document.body.innerText.includes('Edited text.')`)
	t.Logf("save to reloaded page (Markdown edit): %d ms", loadedAt().Sub(write).Milliseconds())

	planFile := filepath.Join(dir, "content", "plan.toml")
	write = time.Now()
	os.WriteFile(planFile, []byte(strings.Replace(planTOML, "growth =", "growht =", 1)), 0o644)
	waitText("the error", `document.body.innerText.includes('content/plan.toml:7:1') && document.body.innerText.includes('growht')`)
	t.Logf("save to error page: %d ms", loadedAt().Sub(write).Milliseconds())

	write = time.Now()
	os.WriteFile(planFile, []byte(planTOML), 0o644)
	waitText("the page back", `document.body.innerText.includes('Edited text.') && !document.body.innerText.includes('growht')`)
	t.Logf("save to page back after the fix: %d ms", loadedAt().Sub(write).Milliseconds())
}
