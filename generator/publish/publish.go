// Package publish writes a built site to its output folder atomically: the
// new folder is assembled beside the old one and swapped in only when it is
// complete, files whose bytes did not change keep their old copy (and
// modification time), and a folder planbook did not create is never
// replaced.
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

const markerText = "This folder is written by planbook build. It is replaced as a whole on every build:\ndo not keep your own files here.\n"

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

// writers is how many files are written at once.
const writers = 8

// ErrForeignFolder is returned when the output folder exists, is not empty
// and holds no marker: planbook did not create it and will not replace it.
var ErrForeignFolder = errors.New("not created by planbook")

// Publish replaces the folder out with files. Until the final swap nothing
// in out changes, so a failure leaves the previous output as it was.
func Publish(out string, files Files) (Stats, error) {
	var st Stats
	out = filepath.Clean(out)
	if err := checkOutput(out); err != nil {
		return st, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".planbook-new-")
	if err != nil {
		return st, err
	}
	// Whatever happens, tmp goes: it holds either the unfinished new
	// output or, after the swap, the previous one.
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return st, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	// Folders first, then the files, several at a time: creating files is
	// mostly waiting for the file system, so the waits overlap.
	dirs := map[string]bool{}
	for _, name := range names {
		if !fs.ValidPath(name) || name == Marker {
			return st, fmt.Errorf("publish: invalid output path %q", name)
		}
		if dir := path.Dir(name); !dirs[dir] {
			if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return st, err
			}
			dirs[dir] = true
		}
	}
	written := make([]bool, len(names))
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(writers)
	for i, name := range names {
		g.Go(func() (err error) {
			if ctx.Err() != nil {
				return nil // another file failed: stop writing
			}
			written[i], err = place(filepath.Join(out, filepath.FromSlash(name)), filepath.Join(tmp, filepath.FromSlash(name)), files[name])
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return st, err
	}
	for i, name := range names {
		if written[i] {
			st.Written++
			st.Changed = append(st.Changed, name)
		} else {
			st.Unchanged++
		}
	}
	if _, err := place(filepath.Join(out, Marker), filepath.Join(tmp, Marker), []byte(markerText)); err != nil {
		return st, err
	}
	st.Files = len(names)
	st.Removed = countRemoved(out, files)
	return st, swap(tmp, out)
}

// checkOutput refuses an output path that is a file, or a non-empty folder
// without the marker.
func checkOutput(out string) error {
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
// (keeping its modification time), else as a new file.
func place(old, dst string, data []byte) (written bool, err error) {
	if same(old, data) && os.Link(old, dst) == nil {
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

func countRemoved(out string, files Files) int {
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if _, ok := files[rel]; !ok && rel != Marker && !strings.HasPrefix(rel, ".") {
			n++
		}
		return nil
	})
	return n
}

// swap puts the folder tmp in place of out. Where the system can exchange
// two paths in one step, it does; else out is moved aside first. In both
// cases the previous output ends up at tmp, which the caller removes.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	if exchange(tmp, out) == nil {
		return nil
	}
	aside := tmp + ".old"
	if err := os.Rename(out, aside); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(aside, out) // put the previous output back
		return err
	}
	return os.Rename(aside, tmp)
}

// Update brings out, which planbook published with the files old, up to
// files: only files whose bytes differ are written, each with WriteFile
// so that no reader sees half a file, and
// files that are gone are removed. It is for planbook serve, which keeps
// the last published files in memory; anything unexpected (the folder or
// its marker missing) is an error, and the caller publishes in full.
func Update(out string, old, files Files) (Stats, error) {
	var st Stats
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return st, fmt.Errorf("update %s: %w", out, err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !fs.ValidPath(name) || name == Marker {
			return st, fmt.Errorf("publish: invalid output path %q", name)
		}
		data := files[name]
		if prev, ok := old[name]; ok && bytes.Equal(prev, data) {
			st.Unchanged++
			continue
		}
		dst := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return st, err
		}
		if err := WriteFile(dst, data); err != nil {
			return st, err
		}
		st.Written++
		st.Changed = append(st.Changed, name)
	}
	for name := range old {
		if _, ok := files[name]; !ok {
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(name))); err == nil {
				st.Removed++
			}
		}
	}
	st.Files = len(names)
	return st, nil
}
