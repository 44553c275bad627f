// Package publish writes a built site to its output folder atomically: the
// new folder is assembled beside the old one and swapped in only when it is
// complete, files whose bytes did not change keep their old copy (and
// modification time), files the site carries over from the output (printed
// PDFs) are linked without being read, and a folder planbook did not
// create is never replaced.
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

// Site returns files as a Site, which carries nothing over.
func (files Files) Site() Site { return Site{Files: files} }

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
// nil every file is compared with the one on disk. (A Folder also carries
// files of the output over; see Carried.)
func Publish(out string, old, files Files) (Stats, error) {
	st, current, previous, err := assemble(filepath.Clean(out), old.Site(), files.Site())
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

// assemble builds the site s in a new folder beside out and swaps it in;
// old is what out holds, when known. It returns the new output and the
// previous one, now beside out, both locked (previous is nil when out did
// not exist). On an error nothing changed and nothing is left: the new
// folder holds links to the files out carries over, never the files.
func assemble(out string, old, s Site) (st Stats, current, previous *tree, err error) {
	if err := prepare(out); err != nil {
		return st, nil, nil, err
	}
	names, err := sortedNames(s)
	if err != nil {
		return st, nil, nil, err
	}
	made, err := makeTemp(out, s)
	if err != nil {
		return st, nil, nil, err
	}
	defer func() {
		if err != nil {
			made.remove()
		}
	}()
	step("folders")
	if err := makeDirs(made.path, names); err != nil {
		return st, nil, nil, err
	}
	written, err := placeAll(out, made.path, names, old, s)
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
	st.Removed = countRemoved(out, old, s)
	prev, err := finish(out, made, old)
	return st, made, prev, err
}

// prepare checks the output folder out, makes its parent, and clears what
// stopped publishes to it left.
func prepare(out string) error {
	step("check")
	if err := Check(out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	step("clean")
	removeStale(out)
	return nil
}

// makeTemp makes the locked folder beside out that a publish assembles
// the new output in, holding the site s (the zero Site: what is put in
// it), with the marker: it comes first, so that a publish killed from
// here on leaves a folder the next one knows as its own.
func makeTemp(out string, s Site) (*tree, error) {
	step("temp")
	tmp, unlock, err := newTemp(out)
	if err != nil {
		return nil, err
	}
	made := &tree{path: tmp, site: s, unlock: unlock}
	step("marker")
	if _, err := place(filepath.Join(out, Marker), filepath.Join(tmp, Marker), []byte(markerText), false); err != nil {
		made.remove()
		return nil, err
	}
	return made, nil
}

// finish swaps the folder made, complete, in for out, and returns the
// previous output, now beside out and locked (nil when out did not
// exist); old is what that holds, when known.
func finish(out string, made *tree, old Site) (previous *tree, err error) {
	if made.info, err = os.Lstat(made.path); err != nil {
		return nil, err
	}
	var prev *tree
	if info, err := os.Lstat(out); err == nil {
		// The previous output ends up beside out: held, so that no
		// other publish takes it for a leftover while it is there.
		prev = &tree{path: made.path, site: old, info: info, unlock: func() {}}
		if unlock, ok := lock(out); ok {
			prev.unlock = unlock
		}
	}
	step("swap")
	if err := swap(made.path, out); err != nil {
		if prev != nil {
			prev.unlock()
		}
		return nil, err
	}
	made.path = out
	return prev, nil
}

// sortedNames returns the names of the files of s in order, and refuses a
// name that is not a clean relative slash path, that is the marker, or
// that is both made and carried over.
func sortedNames(s Site) ([]string, error) {
	names := make([]string, 0, s.len())
	for name := range s.Files {
		names = append(names, name)
	}
	for name := range s.Carried {
		if _, ok := s.Files[name]; ok {
			return nil, fmt.Errorf("publish: %q is both made and carried over", name)
		}
		names = append(names, name)
	}
	for _, name := range names {
		if !fs.ValidPath(name) || name == "." || name == Marker {
			return nil, fmt.Errorf("publish: invalid output path %q", name)
		}
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
// were written (rather than kept from out). A carried file counts as
// written when old, known, does not hold it as it is.
func placeAll(out, tmp string, names []string, old, s Site) ([]bool, error) {
	written := make([]bool, len(names))
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(writers)
	for i, name := range names {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil // another file failed: stop writing
			}
			step("file " + name)
			dst := filepath.Join(tmp, filepath.FromSlash(name))
			if info, ok := s.Carried[name]; ok {
				written[i] = old.known() && !s.unchanged(old, name)
				return carry(out, dst, name, info)
			}
			data := s.Files[name]
			known := false
			if prev, ok := old.Files[name]; ok && bytes.Equal(prev, data) {
				known = true
			}
			var err error
			written[i], err = place(filepath.Join(out, filepath.FromSlash(name)), dst, data, known)
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
	if (known || same(old, data)) && link(old, dst) == nil {
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

// countRemoved counts the files of the previous output that s does not
// hold: those of old when known, else those on disk.
func countRemoved(out string, old, s Site) int {
	if old.known() {
		return gone(old, s)
	}
	onDisk, _ := listFiles(out)
	n := 0
	for name := range onDisk {
		if !s.has(name) && !strings.HasPrefix(name, ".") {
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

// Compare says what publishing the site s over a folder that holds old
// would write, without writing: the files whose bytes differ or are new
// (a carried file that old does not carry as it is), and the files of old
// that are gone. With old the zero Site, every file is new.
func Compare(old, s Site) Stats {
	st := Stats{Files: s.len(), Removed: gone(old, s)}
	for name, data := range s.Files {
		if prev, ok := old.Files[name]; ok && bytes.Equal(prev, data) {
			st.Unchanged++
			continue
		}
		st.Written++
		st.Changed = append(st.Changed, name)
	}
	for name := range s.Carried {
		if s.unchanged(old, name) {
			st.Unchanged++
			continue
		}
		st.Written++
		st.Changed = append(st.Changed, name)
	}
	sort.Strings(st.Changed)
	return st
}

// gone counts the files of old that s does not hold.
func gone(old, s Site) int {
	n := 0
	for name := range old.Files {
		if !s.has(name) {
			n++
		}
	}
	for name := range old.Carried {
		if !s.has(name) {
			n++
		}
	}
	return n
}
