package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// clock hands the watcher timers that fire only when the test says so.
type clock struct {
	asked chan timer // every timer the watcher starts, in order
}

type timer struct {
	d time.Duration
	c chan time.Time
}

func (c *clock) after(d time.Duration) <-chan time.Time {
	t := timer{d, make(chan time.Time, 1)}
	c.asked <- t
	return t.c
}

// next returns the next timer the watcher started, which must last d.
func (c *clock) next(t *testing.T, d time.Duration) timer {
	t.Helper()
	select {
	case tm := <-c.asked:
		if tm.d != d {
			t.Fatalf("timer of %v, want %v", tm.d, d)
		}
		return tm
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher started no timer")
	}
	return timer{}
}

// batcher is a watcher of the folder site fed by the test: events go in
// through the returned channel, time passes through the clock.
func batcher(t *testing.T, site string) (*watcher, chan<- fsnotify.Event, *clock) {
	events := make(chan fsnotify.Event)
	w := newBatcher(site, 15*time.Millisecond, events, make(chan error))
	c := &clock{asked: make(chan timer, 100)}
	w.after = c.after
	done := make(chan struct{})
	go w.run(done)
	t.Cleanup(func() { close(done) })
	return w, events, c
}

func receive(t *testing.T, w *watcher) []string {
	t.Helper()
	select {
	case b := <-w.batches:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch")
	}
	return nil
}

// TestBurstIsOneBatch writes a page 50 times and a second page once, as
// an editor's saves do: once the quiet time passes after the last event,
// one batch holds both pages, once each.
func TestBurstIsOneBatch(t *testing.T) {
	site := t.TempDir()
	w, events, c := batcher(t, site)
	page := filepath.Join(site, "content", "notes.md")
	var last timer
	for i := 0; i < 50; i++ {
		events <- fsnotify.Event{Name: page, Op: fsnotify.Write}
		last = c.next(t, w.quiet)
		if i == 0 {
			c.next(t, w.longest) // the deadline, started by the first event only
		}
	}
	events <- fsnotify.Event{Name: filepath.Join(site, "planbook.toml"), Op: fsnotify.Write}
	stale := last
	last = c.next(t, w.quiet)
	stale.c <- time.Now() // a quiet time that a later event cut short
	last.c <- time.Now()
	if got := strings.Join(receive(t, w), " "); got != "content/notes.md planbook.toml" {
		t.Errorf("batch %q", got)
	}
}

// TestLongBurstDelivered keeps events coming: when the deadline passes,
// what came so far is a batch, and the next event starts a new deadline.
func TestLongBurstDelivered(t *testing.T) {
	site := t.TempDir()
	w, events, c := batcher(t, site)
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "a.md"), Op: fsnotify.Write}
	c.next(t, w.quiet)
	deadline := c.next(t, w.longest)
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "b.md"), Op: fsnotify.Write}
	c.next(t, w.quiet)
	deadline.c <- time.Now()
	if got := strings.Join(receive(t, w), " "); got != "content/a.md content/b.md" {
		t.Errorf("batch at the deadline %q", got)
	}
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "c.md"), Op: fsnotify.Write}
	quiet := c.next(t, w.quiet)
	c.next(t, w.longest)
	quiet.c <- time.Now()
	if got := strings.Join(receive(t, w), " "); got != "content/c.md" {
		t.Errorf("next batch %q", got)
	}
}

// TestEventsJoinWaitingBatch lets a batch wait, as while a build runs:
// events that come meanwhile join it, and the builder gets one batch.
func TestEventsJoinWaitingBatch(t *testing.T) {
	site := t.TempDir()
	w, events, c := batcher(t, site)
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "a.md"), Op: fsnotify.Write}
	quiet := c.next(t, w.quiet)
	c.next(t, w.longest)
	quiet.c <- time.Now() // a batch is ready; nobody takes it yet
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "b.md"), Op: fsnotify.Write}
	quiet = c.next(t, w.quiet)
	c.next(t, w.longest)
	quiet.c <- time.Now()
	events <- fsnotify.Event{Name: filepath.Join(site, "content", "a.md"), Op: fsnotify.Write} // pending, not yet ready
	c.next(t, w.quiet)
	c.next(t, w.longest)
	if got := strings.Join(receive(t, w), " "); got != "content/a.md content/b.md" {
		t.Errorf("batch %q", got)
	}
}

// TestIgnoredPaths sends events for what is not an input of the site:
// they start no timer and join no batch.
func TestIgnoredPaths(t *testing.T) {
	site := t.TempDir()
	w, events, c := batcher(t, site)
	for _, name := range []string{
		"content/.notes.md.swp", "content/notes.md~", "content/#notes.md#", "content/4913",
		"content/notes.md.tmp", "content/.git/index", "README.md", "public/index.html",
		"themes/default/x.crswap", "content/x___jb_tmp___", "content/x.md___jb_old___", "content/.#notes.md",
		"content/.notes.md.swx", "content/actuals/~$2024.csv", "content/NOTES.MD.TMP", "content/regions/east.toml.BAK",
	} {
		events <- fsnotify.Event{Name: filepath.Join(site, filepath.FromSlash(name)), Op: fsnotify.Write}
	}
	events <- fsnotify.Event{Name: filepath.Join(filepath.Dir(site), "elsewhere.md"), Op: fsnotify.Write}
	events <- fsnotify.Event{Name: filepath.Join(site, "themes", "default", "style.css"), Op: fsnotify.Write}
	quiet := c.next(t, w.quiet) // the first timer is the theme file's
	c.next(t, w.longest)
	quiet.c <- time.Now()
	if got := strings.Join(receive(t, w), " "); got != "themes/default/style.css" {
		t.Errorf("batch %q", got)
	}
}

// TestNewFolderWatched creates a folder that already holds a file, as a
// copy or an unpacked archive does: the folder is watched from then on
// and its file is in the batch.
func TestNewFolderWatched(t *testing.T) {
	site := t.TempDir()
	w, events, c := batcher(t, site)
	var added []string
	w.add = func(dir string) error { added = append(added, dir); return nil }
	dir := filepath.Join(site, "content", "regions")
	os.MkdirAll(filepath.Join(dir, "south"), 0o755)
	os.WriteFile(filepath.Join(dir, "east.toml"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".east.toml.swp"), []byte("x"), 0o644)
	events <- fsnotify.Event{Name: dir, Op: fsnotify.Create}
	quiet := c.next(t, w.quiet)
	c.next(t, w.longest)
	quiet.c <- time.Now()
	if got := strings.Join(receive(t, w), " "); got != "content/regions content/regions/east.toml" {
		t.Errorf("batch %q", got)
	}
	if strings.Join(added, " ") != dir+" "+filepath.Join(dir, "south") {
		t.Errorf("watched %v", added)
	}
}
