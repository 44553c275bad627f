package publish

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Folder publishes to one output folder again and again, as planbook serve
// does after every save. Like Publish, it swaps a whole folder in, so that
// the output holds one build or the next, never a mix, whenever the
// process stops. But instead of assembling the whole site anew each time,
// it keeps the folder it swapped out and brings that up to date: a publish
// writes what changed, not a file (and a folder) per page. The kept folder
// sits beside the output like an unfinished publish's, and is removed by
// the next publish when the process that kept it is gone.
//
// A file the output carries over (see Carried) is linked into the kept
// folder when it does not hold it yet, and stays there while it does.
type Folder struct {
	out     string
	current *tree // what out holds, when this Folder put it there
	spare   *tree // the folder swapped out last, beside out
}

// tree is a folder of published files planbook holds.
type tree struct {
	path   string      // where it is now
	site   Site        // what it holds; the zero Site when not known
	info   os.FileInfo // the folder itself, to know it again
	unlock func()
}

// here reports whether the folder at t's path is still t.
func (t *tree) here() bool {
	info, err := os.Lstat(t.path)
	return err == nil && os.SameFile(info, t.info)
}

// remove removes the folder and lets go of it.
func (t *tree) remove() {
	removeTree(t.path)
	t.unlock()
}

// NewFolder returns a Folder that publishes to out.
func NewFolder(out string) *Folder { return &Folder{out: filepath.Clean(out)} }

// Out returns the output folder.
func (f *Folder) Out() string { return f.out }

// Publish replaces the output folder with the site s.
func (f *Folder) Publish(s Site) (Stats, error) {
	if exchangeWorks && f.current != nil && f.spare != nil && f.spare.site.known() && f.current.here() && f.spare.here() {
		if err := Check(f.out); err != nil {
			return Stats{}, err
		}
		st, err := f.update(s)
		if err == nil {
			return st, nil
		}
		// The spare is in no known state: publish in full.
	}
	return f.full(s)
}

// full publishes s as Publish does, and keeps the previous output as the
// spare when what it holds is known.
func (f *Folder) full(s Site) (Stats, error) {
	var old Site
	if f.current != nil && f.current.here() {
		old = f.current.site
	}
	f.Close()
	st, current, previous, err := assemble(f.out, old, s)
	if err != nil {
		return st, err
	}
	f.current = current
	if previous != nil && !old.known() {
		previous.remove()
		previous = nil
	}
	f.spare = previous
	return st, nil
}

// update brings the spare from what it holds to s and swaps it with the
// output, which becomes the spare. A carried file is taken from the
// output, which holds it until the swap.
func (f *Folder) update(s Site) (Stats, error) {
	sp, cur := f.spare, f.current
	names, err := sortedNames(s)
	if err != nil {
		return Stats{}, err
	}
	onDisk, err := listFiles(sp.path)
	if err != nil {
		return Stats{}, err
	}
	for _, name := range names {
		if info, ok := s.Carried[name]; ok {
			if onDisk[name] && holds(sp.path, name, info) {
				continue
			}
			step("file " + name)
			if err := carryInto(sp.path, f.out, name, info); err != nil {
				return Stats{}, err
			}
			continue
		}
		prev, known := sp.site.Files[name]
		if known && onDisk[name] && bytes.Equal(prev, s.Files[name]) {
			continue
		}
		step("file " + name)
		if err := replaceFile(sp.path, name, s.Files[name]); err != nil {
			return Stats{}, err
		}
	}
	var gone []string
	for name := range onDisk {
		if !s.has(name) {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	for _, name := range gone {
		step("remove " + name)
		if err := os.Remove(filepath.Join(sp.path, filepath.FromSlash(name))); err != nil {
			return Stats{}, err
		}
	}
	removeEmptyDirs(sp.path, gone)
	step("swap")
	if err := exchange(sp.path, f.out); err != nil {
		return Stats{}, err
	}
	f.current = &tree{path: f.out, site: s, info: sp.info, unlock: sp.unlock}
	f.spare = &tree{path: sp.path, site: cur.site, info: cur.info, unlock: cur.unlock}
	return Compare(cur.site, s), nil
}

// Close removes the spare and lets go of the output; the next Publish
// publishes in full.
func (f *Folder) Close() {
	if f.spare != nil {
		f.spare.remove()
		f.spare = nil
	}
	if f.current != nil {
		f.current.unlock()
		f.current = nil
	}
}

// listFiles returns the slash paths of the files under dir, the marker
// left out. It reads several folders at a time: a site has a folder per
// region.
func listFiles(dir string) (map[string]bool, error) {
	var mu sync.Mutex
	files := map[string]bool{}
	var g errgroup.Group
	g.SetLimit(writers)
	var read func(rel string) error
	read = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			if !e.IsDir() {
				if name != Marker {
					mu.Lock()
					files[name] = true
					mu.Unlock()
				}
				continue
			}
			// Another goroutine reads the folder when one is free, else
			// this one does (waiting for one could wait forever).
			if !g.TryGo(func() error { return read(name) }) {
				if err := read(name); err != nil {
					return err
				}
			}
		}
		return nil
	}
	err := read(".")
	if werr := g.Wait(); err == nil {
		err = werr
	}
	return files, err
}

// replaceFile writes data as the file name under dir with WriteFile,
// through a new file and a rename: the old file may be a link to a file of
// the output, which must not change.
func replaceFile(dir, name string, data []byte) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return WriteFile(dst, data)
}

// removeEmptyDirs removes the folders under dir that held the files gone
// and are now empty, and their parents that became empty in turn.
func removeEmptyDirs(dir string, gone []string) {
	dirs := map[string]bool{}
	for _, name := range gone {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	// Deepest first, so that a parent is tried after its children.
	sort.Slice(list, func(i, j int) bool { return strings.Count(list[i], "/") > strings.Count(list[j], "/") })
	for _, d := range list {
		os.Remove(filepath.Join(dir, filepath.FromSlash(d))) // fails, as it should, when not empty
	}
}
