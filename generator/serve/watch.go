package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher watches what a site is built from: content/, the site's themes/
// and planbook.toml. It batches bursts of events and reports the changed
// paths (slash paths relative to the site) once things are quiet. While a
// batch waits for the builder, later events join it.
type watcher struct {
	site    string
	quiet   time.Duration
	longest time.Duration
	// events and fsErrors are what the file system reports; add watches
	// one more folder; after is time.After. Tests set their own.
	events   <-chan fsnotify.Event
	fsErrors <-chan error
	add      func(dir string) error
	after    func(time.Duration) <-chan time.Time
	close    func() error
	batches  chan []string
	errors   chan error
}

// Watched are the folders (recursively) and files a site is built from.
var watchedDirs = []string{"content", "themes"}

// newWatcher starts watching the site folder.
func newWatcher(site string, quiet time.Duration) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := newBatcher(site, quiet, fw.Events, fw.Errors)
	w.add, w.close = fw.Add, fw.Close
	// The site folder itself: for planbook.toml, and for content/ or
	// themes/ created later.
	if err := fw.Add(site); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(site, d))
	}
	return w, nil
}

// newBatcher returns a watcher of the site folder that takes its events
// from events and errs, and watches nothing by itself.
func newBatcher(site string, quiet time.Duration, events <-chan fsnotify.Event, errs <-chan error) *watcher {
	return &watcher{site: site, quiet: quiet, longest: 10 * quiet, events: events, fsErrors: errs,
		add: func(string) error { return nil }, after: time.After, close: func() error { return nil },
		batches: make(chan []string), errors: make(chan error, 1)}
}

// addTree watches dir and every folder below it, and returns the files it
// found (which a new folder may already hold when it is first seen).
func (w *watcher) addTree(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && w.ignored(p) {
				return filepath.SkipDir
			}
			w.add(p)
			return nil
		}
		if !w.ignored(p) {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// ignored reports whether a path is not part of the site's input: hidden
// files and folders, and editors' temporary, swap and backup files. (The
// output folder is never among the folders watched: see generator's
// output checks.)
func (w *watcher) ignored(p string) bool {
	base := filepath.Base(p)
	lower := strings.ToLower(base)
	switch {
	case strings.HasPrefix(base, "."), // .git, .DS_Store, emacs' .#lock, vim's .file.swp, LibreOffice's .~lock
		strings.HasSuffix(base, "~"),                                 // backups of vim, emacs, kate
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"), // emacs' auto-save
		strings.HasPrefix(base, "~$"),                                // Office's owner file beside an open CSV
		base == "4913",                                               // vim's write test
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swx"), strings.HasSuffix(lower, ".swo"),
		strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".bak"), strings.HasSuffix(lower, ".crswap"),
		strings.Contains(base, "___jb_"): // JetBrains' safe write: ___jb_tmp___, ___jb_old___
		return true
	}
	return false
}

// relevant reports whether an event path is an input of the site, and
// returns it relative to the site.
func (w *watcher) relevant(p string) (string, bool) {
	if w.ignored(p) {
		return "", false
	}
	rel, err := filepath.Rel(w.site, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	// planbook.toml, and what is in the watched folders outside hidden
	// ones (.git) count.
	top, _, _ := strings.Cut(rel, "/")
	if rel != "planbook.toml" && !slices.Contains(watchedDirs, top) || strings.Contains(rel, "/.") {
		return "", false
	}
	return rel, true
}

// run delivers batches of changed paths until done is closed. A batch
// is ready once no event came for the quiet time, or at the latest after
// ten quiet times of continuous events; it is sent when the builder takes
// it, and events that come meanwhile join it.
func (w *watcher) run(done <-chan struct{}) {
	defer w.close()
	pending := map[string]bool{} // paths changed since the last batch was ready
	ready := map[string]bool{}   // the batch waiting for the builder
	var timer, deadline <-chan time.Time
	flush := func() {
		for p := range pending {
			ready[p] = true
		}
		pending = map[string]bool{}
		timer, deadline = nil, nil
	}
	for {
		var out chan<- []string
		if len(ready) > 0 {
			out = w.batches
		}
		select {
		case <-done:
			return
		case out <- sortedKeys(ready):
			ready = map[string]bool{}
		case ev, ok := <-w.events:
			if !ok {
				return
			}
			if w.note(ev, pending) {
				timer = w.after(w.quiet)
				if deadline == nil {
					deadline = w.after(w.longest)
				}
			}
		case <-timer:
			flush()
		case <-deadline:
			flush()
		case err, ok := <-w.fsErrors:
			if !ok {
				return
			}
			select {
			case w.errors <- err:
			default:
			}
		}
	}
}

// note adds the path of an event to pending, with the files of a new
// folder (which it starts watching), and reports whether it was an input
// of the site.
func (w *watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// A new folder: watch it, and count what it already holds.
			for _, f := range w.addTree(ev.Name) {
				if r, ok := w.relevant(f); ok {
					pending[r] = true
				}
			}
		}
	}
	pending[rel] = true
	return true
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
