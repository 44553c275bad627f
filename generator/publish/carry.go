package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Site is what a publish puts in the output folder: the files made in
// memory, and the files of the output that the new one carries over as
// they are.
type Site struct {
	Files   Files
	Carried Carried
}

// Carried names files of the output folder that a publish carries into
// the new output without reading them (printed PDFs, which planbook does
// not make in a build): by slash path, the file as it was seen there,
// which must still be the one there when it is carried.
//
// A carried file is linked into the new output, so that both folders
// share it; where the file system cannot link, it is copied as a stream.
// A shared file is never written in place: a publish puts a new file at
// a name through a new name and a rename, and a file planbook writes into
// the output (planbook pdf's PDFs) replaces the old one the same way.
type Carried map[string]fs.FileInfo

// known reports whether s says what a folder holds; the zero Site does not.
func (s Site) known() bool { return s.Files != nil || s.Carried != nil }

// len returns the number of files of s.
func (s Site) len() int { return len(s.Files) + len(s.Carried) }

// has reports whether s holds a file named name.
func (s Site) has(name string) bool {
	if _, ok := s.Files[name]; ok {
		return true
	}
	_, ok := s.Carried[name]
	return ok
}

// unchanged reports whether the carried file name of s is in old, and
// unchanged since.
func (s Site) unchanged(old Site, name string) bool {
	prev, ok := old.Carried[name]
	return ok && sameTimes(prev, s.Carried[name])
}

// link makes a hard link; tests set it to a function that fails, as on a
// file system without links.
var link = os.Link

// ErrCarriedChanged is returned when a carried file is no longer the one
// seen: another program replaced or removed it meanwhile (planbook pdf
// printing while serve rebuilds).
var ErrCarriedChanged = errors.New("was replaced or removed while the site was built; build again")

// carry puts the file name of the output folder out, which info says it
// is, at dst (which does not exist): as a link, or else as a copy with
// the same modification time, so that it still says when it was made.
func carry(out, dst, name string, info fs.FileInfo) error {
	src := filepath.Join(out, filepath.FromSlash(name))
	if err := link(src, dst); err == nil {
		if got, err := os.Lstat(dst); err != nil || !sameFile(got, info) {
			os.Remove(dst) // only a name: the output's file stays
			return fmt.Errorf("%s %w", name, ErrCarriedChanged)
		}
		return nil
	}
	in, err := os.Open(src)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s %w", name, ErrCarriedChanged)
	}
	if err != nil {
		return err
	}
	defer in.Close()
	if got, err := in.Stat(); err != nil || !sameFile(got, info) {
		return fmt.Errorf("%s %w", name, ErrCarriedChanged)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, in)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chtimes(dst, info.ModTime(), info.ModTime())
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// carryInto puts the carried file name of the output folder out into the
// folder dir, in place of the file dir has there: through a new name and a
// rename, since that file may be a link to one of the output.
func carryInto(dir, out, name string, info fs.FileInfo) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(dst), ".planbook-"+filepath.Base(dst)+"-carried")
	os.Remove(tmp) // left by a publish stopped here
	if err := carry(out, tmp, name, info); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// holds reports whether the file name under dir is already the carried
// file info says: the same file, or a copy of it.
func holds(dir, name string, info fs.FileInfo) bool {
	got, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil && got.Mode().IsRegular() && sameTimes(got, info)
}

// sameFile reports whether a and b are one file, unchanged.
func sameFile(a, b fs.FileInfo) bool { return os.SameFile(a, b) && sameTimes(a, b) }

// sameTimes reports whether a and b have the same size and modification
// time: a file and its copy, which keeps the time, or a file unchanged.
// planbook pdf writes a new PDF as a new file, with a new time.
func sameTimes(a, b fs.FileInfo) bool {
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}
