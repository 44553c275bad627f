package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher watches what a site is built from: content/, the site's themes/
// and planbook.toml. It batches bursts of events and reports the changed
// paths (slash paths relative to the site) once things are quiet.
type watcher struct {
	fs      *fsnotify.Watcher
	site    string
	out     string // the output folder, never watched
	quiet   time.Duration
	longest time.Duration
	batches chan []string
	errors  chan error
}

// Watched are the folders (recursively) and files a site is built from.
var watchedDirs = []string{"content", "themes"}

func newWatcher(site, out string, quiet time.Duration) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, site: site, out: out, quiet: quiet, longest: 10 * quiet,
		batches: make(chan []string), errors: make(chan error, 1)}
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
			w.fs.Add(p)
			return nil
		}
		if !w.ignored(p) {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// ignored reports whether a path is not part of the site's input: the
// output folder, hidden files and folders, and editors' temporary, swap
// and backup files.
func (w *watcher) ignored(p string) bool {
	if w.out != "" && (p == w.out || strings.HasPrefix(p, w.out+string(filepath.Separator))) {
		return true
	}
	base := filepath.Base(p)
	switch {
	case strings.HasPrefix(base, "."), // .git, .DS_Store, .#lock, .file.swp
		strings.HasSuffix(base, "~"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		base == "4913", // vim's write test
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swo"),
		strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".bak"), strings.HasSuffix(base, ".crswap"),
		strings.Contains(base, "___jb_"): // JetBrains' safe write
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
	if !strings.Contains(rel, "/") {
		// Directly in the site folder: only planbook.toml and the
		// watched folders themselves count.
		if rel != "planbook.toml" && rel != "content" && rel != "themes" {
			return "", false
		}
	}
	return rel, true
}

// run delivers batches of changed paths until done is closed. A batch
// is sent once no event came for the quiet time, or at the latest after
// ten quiet times of continuous events.
func (w *watcher) run(done <-chan struct{}) {
	defer w.fs.Close()
	pending := map[string]bool{}
	var timer, deadline <-chan time.Time
	flush := func() {
		if len(pending) == 0 {
			return
		}
		batch := make([]string, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		sort.Strings(batch)
		pending = map[string]bool{}
		timer, deadline = nil, nil
		select {
		case w.batches <- batch:
		case <-done:
		}
	}
	for {
		select {
		case <-done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			rel, ok := w.relevant(ev.Name)
			if !ok {
				continue
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
			timer = time.After(w.quiet)
			if deadline == nil {
				deadline = time.After(w.longest)
			}
		case <-timer:
			flush()
		case <-deadline:
			flush()
		case err, ok := <-w.fs.Errors:
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
