package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"planbook/internal/browser"
	"planbook/internal/sitetest"
)

// TestReloadTiming measures save-to-screen time on a real site: it serves
// a copy of the site named by PLANBOOK_TIMING_SITE, opens the first
// region's page in Chromium, edits that region's narrative five times and
// logs, for each edit, the time from the write to the new text on the
// page (by the page's own clock), and the median. See docs/performance.md.
//
//	PLANBOOK_TIMING_SITE=. go test ./generator/serve -run ReloadTiming -v
func TestReloadTiming(t *testing.T) {
	src := os.Getenv("PLANBOOK_TIMING_SITE")
	if src == "" {
		t.Skip("set PLANBOOK_TIMING_SITE to a site folder to measure save-to-screen time")
	}
	if !filepath.IsAbs(src) {
		src = filepath.Join("..", "..", src) // relative to the repository, where the command runs
	}
	chrome := browser.ForTest(t)
	dir := sitetest.Example(t, src)
	if _, err := os.Stat(filepath.Join(src, "themes")); err == nil {
		sitetest.Copy(t, filepath.Join(dir, "themes"), os.DirFS(filepath.Join(src, "themes")))
	}
	regions, _ := filepath.Glob(filepath.Join(dir, "content", "regions", "*.toml"))
	if len(regions) == 0 {
		t.Fatal("the site has no regions")
	}
	sort.Strings(regions)
	id := strings.TrimSuffix(filepath.Base(regions[0]), ".toml")
	narrative := filepath.Join(dir, "content", "regions", id+".md")
	original, _ := os.ReadFile(narrative)

	s := New(Config{Site: dir, Log: os.Stderr})
	joined, built := make(chan struct{}, 1), make(chan struct{}, 1)
	s.hub.joined = func() { signal(joined) }
	s.afterBuild = func([]string) { signal(built) }
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, func(u string) { urls <- u }) }()
	url := <-urls
	defer func() { cancel(); <-done }()

	bctx, stop := browser.Start(context.Background(), chrome)
	defer stop()
	if err := chromedp.Do(bctx, chromedp.Navigate(url+"regions/"+id+"/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	<-joined // the page listens for reloads
	waitPage := pageWaiter(t, bctx)
	var times []time.Duration
	for i := 1; i <= 5; i++ {
		marker := fmt.Sprintf("Timing marker %d.", i)
		select { // forget the builds before this edit
		case <-built:
		default:
		}
		write := time.Now()
		os.WriteFile(narrative, append(append([]byte{}, original...), []byte("\n\n"+marker+"\n")...), 0o644)
		waitPage("edit "+strconv.Itoa(i), `document.body.innerText.includes('`+marker+`')`)
		d := shownAt(t, bctx).Sub(write)
		times = append(times, d)
		t.Logf("edit %d: %d ms from save to screen", i, d.Milliseconds())
		<-built // the output folder is written before the next edit
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("median save-to-screen time for a narrative edit on %s: %d ms", src, times[len(times)/2].Milliseconds())
}

// signal sends on a channel that holds one signal, without waiting.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
