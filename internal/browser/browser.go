// Package browser starts headless Chromium for planbook's browser tests
// and for printing booklets, and finds the browser to start.
package browser

import (
	"context"
	"errors"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Names are the programs looked for on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// ErrNotFound says that no Chromium or Chrome was found.
var ErrNotFound = errors.New("no Chromium or Chrome found: install one (on Debian or Ubuntu: apt-get install -y chromium fonts-noto-cjk), or set PLANBOOK_CHROME to its path")

// Find returns the path of the browser to use: $PLANBOOK_CHROME, else the
// first of Names on PATH.
func Find() (string, error) {
	if p := os.Getenv("PLANBOOK_CHROME"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", errors.New("PLANBOOK_CHROME is set to " + p + ", which does not exist")
		}
		return p, nil
	}
	for _, n := range Names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// PrinterNames are the programs looked for on PATH before Names to print
// PDFs: Chromium's headless shell (Debian's chromium-headless-shell) lays
// out and prints the same pages as the full browser with about a third
// less work, without the browser's own user interface.
var PrinterNames = []string{"chromium-headless-shell"}

// FindPrinter returns the path of the browser to print with:
// $PLANBOOK_CHROME, else the first of PrinterNames on PATH, else what Find
// returns.
func FindPrinter() (string, error) {
	if os.Getenv("PLANBOOK_CHROME") == "" {
		for _, n := range PrinterNames {
			if p, err := exec.LookPath(n); err == nil {
				return p, nil
			}
		}
	}
	return Find()
}

// Start starts a headless browser and returns a context for chromedp
// actions in it, and a function that stops it. The flags keep the browser
// off the network beyond what a page asks for.
func Start(ctx context.Context, path string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("font-render-hinting", "none"),
		// A headless browser has no address bar: without these, every tab
		// preloads the address bar's popups as pages of their own (with
		// the defaults' disabled features kept).
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup,OmniboxAimPopupWebUIContent"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	return bctx, func() {
		cancelBrowser()
		cancelAlloc()
	}
}

// T is what ForTest needs of a *testing.T: the package does not import
// testing, which would put it into planbook's binary.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// ForTest finds the browser for a test. When there is none it skips the
// test with a loud message, unless PLANBOOK_REQUIRE_BROWSER=1, when the
// test fails instead.
func ForTest(t T) string {
	t.Helper()
	p, err := Find()
	if err == nil {
		return p
	}
	if os.Getenv("PLANBOOK_REQUIRE_BROWSER") == "1" {
		t.Fatalf("browser test cannot run: %v (PLANBOOK_REQUIRE_BROWSER=1)", err)
	}
	t.Skipf("\n*** SKIPPING BROWSER TEST: %v ***\n*** set PLANBOOK_REQUIRE_BROWSER=1 to make this a failure ***", err)
	return ""
}
