package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sync/errgroup"
)

// asideSuffix ends the name of a previous output moved aside while a new
// one takes its place, on systems that cannot exchange two folders.
const asideSuffix = ".old"

// tempPrefix starts the names of the folders a publish to out assembles
// beside it: ".public.planbook-new-".
func tempPrefix(out string) string {
	return "." + filepath.Base(out) + ".planbook-new-"
}

// newTemp makes the folder a publish to out assembles the new output in,
// and locks it for as long as the publish runs, so that no other publish
// takes it for a leftover. unlock releases it.
func newTemp(out string) (tmp string, unlock func(), err error) {
	// Until it is locked, a new folder is empty, and another publish
	// may remove it as a leftover: then take another.
	for range 3 {
		tmp, err = os.MkdirTemp(filepath.Dir(out), tempPrefix(out))
		if err != nil {
			return "", nil, err
		}
		unlock, ok := lock(tmp)
		if !ok {
			os.Remove(tmp)
			continue
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			unlock()
			os.Remove(tmp)
			return "", nil, err
		}
		return tmp, unlock, nil
	}
	return "", nil, errors.New("publish: cannot take a folder beside " + out)
}

// removeStale removes what earlier publishes to out left beside it when
// they were stopped: folders named after out that no running publish
// holds and that carry the marker, or are empty (a publish stopped before
// it placed the marker). A folder that holds anything but has no marker
// is never touched. When out itself is missing because a publish stopped
// while it had moved the previous output aside, that output is put back.
func removeStale(out string) {
	parent, prefix := filepath.Dir(out), tempPrefix(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	_, err = os.Lstat(out)
	missing := errors.Is(err, fs.ErrNotExist)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.IsDir() { // a symbolic link is not a folder here
			continue
		}
		dir := filepath.Join(parent, name)
		if info, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !info.Mode().IsRegular() {
			if unlock, ok := lock(dir); ok {
				os.Remove(dir) // removes only an empty folder
				unlock()
			}
			continue
		}
		if missing && strings.HasSuffix(name, asideSuffix) {
			if os.Rename(dir, out) == nil {
				missing = false
			}
			continue
		}
		unlock, ok := lock(dir)
		if !ok {
			continue // a publish under way
		}
		os.RemoveAll(dir)
		unlock()
	}
}

// removeTree removes the folder dir and everything in it, several files at
// a time: the previous output of a large site is thousands of files.
func removeTree(dir string) error {
	var files []string
	var dirs [][]string // by depth
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			depth := strings.Count(p[len(dir):], string(filepath.Separator))
			for len(dirs) <= depth {
				dirs = append(dirs, nil)
			}
			dirs[depth] = append(dirs[depth], p)
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return os.RemoveAll(dir)
	}
	remove := func(paths []string) {
		var g errgroup.Group
		g.SetLimit(writers)
		for _, p := range paths {
			g.Go(func() error { os.Remove(p); return nil })
		}
		g.Wait()
	}
	remove(files)
	for depth := len(dirs) - 1; depth >= 0; depth-- {
		remove(dirs[depth])
	}
	return os.RemoveAll(dir) // whatever came meanwhile
}
