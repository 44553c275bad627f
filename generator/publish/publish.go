// Package publish writes a built site to its output folder atomically: the
// new folder is assembled beside the old one and swapped in only when it is
// complete, files whose bytes did not change keep their old copy (and
// modification time), and a folder planbook did not create is never
// replaced.
//
// A publish stopped at any moment, by an error or by a kill, leaves the
// output as it was: the previous site, whole. What it was assembling
// carries the marker and is removed by the next publish to the same
// folder.
package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Marker is the file that marks a folder as planbook's output.
const Marker = ".planbook-output"

const markerText = "This folder is written by planbook. It is replaced as a whole every time:\ndo not keep your own files here.\n"

// Files is a site in memory: file contents by slash path.
type Files map[string][]byte

// Stats says what a publish did.
type Stats struct {
	Files     int // files in the output
	Written   int // files whose bytes changed (or are new)
	Unchanged int // files kept from the previous output
	Removed   int // files of the previous output that are gone
	Changed   []string
}

// writers is how many files are written at once: creating files is mostly
// waiting for the file system, so the waits overlap.
const writers = 8

// ErrForeignFolder is returned when the output folder exists, is not empty
// and holds no marker: planbook did not create it and will not replace it.
var ErrForeignFolder = errors.New("not created by planbook")

// step is called before each step of a publish, with its name. Tests set
// it to stop a publish at every step; it must be safe for concurrent use.
var step = func(name string) {}

// Publish replaces the folder out with files. Until the final swap nothing
// in out changes, so a failure leaves the previous output as it was.
//
// old, when not nil, is what the last Publish to out wrote: a file whose
// bytes equal its old ones is then kept without reading it back. With old
// nil every file is compared with the one on disk.
func Publish(out string, old, files Files) (Stats, error) {
	st, current, previous, err := assemble(filepath.Clean(out), old, files)
	if err != nil {
		return st, err
	}
	step("remove previous")
	if previous != nil {
		previous.remove()
	}
	current.unlock()
	return st, nil
}

// assemble builds files in a new folder beside out and swaps it in. It
// returns the new output and the previous one, now beside out, both
// locked (previous is nil when out did not exist). On an error nothing
// changed and nothing is left.
func assemble(out string, old, files Files) (st Stats, current, previous *tree, err error) {
	step("check")
	if err := Check(out); err != nil {
		return st, nil, nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return st, nil, nil, err
	}
	step("clean")
	removeStale(out)
	names, err := sortedNames(files)
	if err != nil {
		return st, nil, nil, err
	}
	step("temp")
	tmp, unlock, err := newTemp(out)
	if err != nil {
		return st, nil, nil, err
	}
	made := &tree{path: tmp, files: files, unlock: unlock}
	defer func() {
		if err != nil {
			made.remove()
		}
	}()
	// The marker comes first, so that a publish killed from here on
	// leaves a folder the next one knows as its own.
	step("marker")
	if _, err := place(filepath.Join(out, Marker), filepath.Join(tmp, Marker), []byte(markerText), false); err != nil {
		return st, nil, nil, err
	}
	step("folders")
	if err := makeDirs(tmp, names); err != nil {
		return st, nil, nil, err
	}
	written, err := placeAll(out, tmp, names, old, files)
	if err != nil {
		return st, nil, nil, err
	}
	for i, name := range names {
		if written[i] {
			st.Written++
			st.Changed = append(st.Changed, name)
		} else {
			st.Unchanged++
		}
	}
	st.Files = len(names)
	st.Removed = countRemoved(out, old, files)
	if made.info, err = os.Lstat(tmp); err != nil {
		return st, nil, nil, err
	}
	var prev *tree
	if info, err := os.Lstat(out); err == nil {
		// The previous output ends up beside out: held, so that no
		// other publish takes it for a leftover while it is there.
		prev = &tree{path: tmp, files: old, info: info, unlock: func() {}}
		if unlock, ok := lock(out); ok {
			prev.unlock = unlock
		}
	}
	step("swap")
	if err := swap(tmp, out); err != nil {
		if prev != nil {
			prev.unlock()
		}
		return st, nil, nil, err
	}
	made.path = out
	return st, made, prev, nil
}

// sortedNames returns the names of files in order, and refuses a name that
// is not a clean relative slash path or that is the marker.
func sortedNames(files Files) ([]string, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if !fs.ValidPath(name) || name == "." || name == Marker {
			return nil, fmt.Errorf("publish: invalid output path %q", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// makeDirs creates, inside tmp, the folders that hold names, several at a
// time (a site has a folder per region).
func makeDirs(tmp string, names []string) error {
	made := map[string]bool{".": true}
	var g errgroup.Group
	g.SetLimit(writers)
	for _, name := range names {
		if dir := path.Dir(name); !made[dir] {
			made[dir] = true
			g.Go(func() error { return os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755) })
		}
	}
	return g.Wait()
}

// placeAll puts every file into tmp, several at a time, and reports which
// were written (rather than kept from out).
func placeAll(out, tmp string, names []string, old, files Files) ([]bool, error) {
	written := make([]bool, len(names))
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(writers)
	for i, name := range names {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil // another file failed: stop writing
			}
			step("file " + name)
			data := files[name]
			known := false
			if prev, ok := old[name]; ok && bytes.Equal(prev, data) {
				known = true
			}
			var err error
			written[i], err = place(filepath.Join(out, filepath.FromSlash(name)), filepath.Join(tmp, filepath.FromSlash(name)), data, known)
			return err
		})
	}
	return written, g.Wait()
}

// Check refuses an output path that is a symbolic link, a file, or a
// non-empty folder without the marker.
func Check(out string) error {
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("output %s is a symbolic link; give the real folder with -d", out)
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s is a file, not a folder", out)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("refusing to replace %s: the folder is not empty and was %w (it has no %s file); choose another output folder with -d, or empty or remove it yourself", out, ErrForeignFolder, Marker)
	}
	return nil
}

// place puts data at dst: as a link to old when old holds the same bytes
// (keeping its modification time), else as a new file. known says that
// old is known to hold data (the previous publish wrote it), so that it
// need not be read back.
func place(old, dst string, data []byte, known bool) (written bool, err error) {
	if (known || same(old, data)) && os.Link(old, dst) == nil {
		return false, nil
	}
	return true, os.WriteFile(dst, data, 0o644)
}

// same reports whether the file at name holds exactly data.
func same(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

// countRemoved counts the files of the previous output that files does not
// hold: those of old when known, else those on disk.
func countRemoved(out string, old, files Files) int {
	if old != nil {
		return gone(old, files)
	}
	onDisk, _ := listFiles(out)
	n := 0
	for name := range onDisk {
		if _, ok := files[name]; !ok && !strings.HasPrefix(name, ".") {
			n++
		}
	}
	return n
}

// swap puts the folder tmp in place of out. Where the system can exchange
// two paths in one step, it does; else out is moved aside first (and put
// back by the next publish if this one stops in between). In both cases
// the previous output ends up at tmp, which the caller removes.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	if exchange(tmp, out) == nil {
		return nil
	}
	aside := tmp + asideSuffix
	if err := os.Rename(out, aside); err != nil {
		return err
	}
	step("swap aside")
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(aside, out) // put the previous output back
		return err
	}
	return os.Rename(aside, tmp)
}

// Compare says what publishing files over a folder that holds old would
// write, without writing: the files whose bytes differ or are new, and the
// files of old that are gone. With old nil, every file is new.
func Compare(old, files Files) Stats {
	st := Stats{Files: len(files), Removed: gone(old, files)}
	for name, data := range files {
		if prev, ok := old[name]; ok && bytes.Equal(prev, data) {
			st.Unchanged++
			continue
		}
		st.Written++
		st.Changed = append(st.Changed, name)
	}
	sort.Strings(st.Changed)
	return st
}

// gone counts the files of old that files does not hold.
func gone(old, files Files) int {
	n := 0
	for name := range old {
		if _, ok := files[name]; !ok {
			n++
		}
	}
	return n
}
