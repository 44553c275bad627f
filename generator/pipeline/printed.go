package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"planbook/generator/publish"
)

// Printed booklets and letters. planbook pdf prints regions/ID/booklet.pdf
// (and, with --people, people/ID/letter.pdf) into the output folder, which
// every build replaces as a whole with the files it rendered. A build
// therefore carries each PDF over into the new output while its page is
// what it was printed from, and leaves it out, reporting it, once the page
// changed: a PDF on the intranet is never older than its page.

// BookletPDF is the name of a region's printed booklet in the output.
const BookletPDF = "booklet.pdf"

// LetterPDF is the name of a person's printed target letter in the output.
const LetterPDF = "letter.pdf"

// printedKinds are the printed files of a site: where they are, and the
// page each is printed from.
var printedKinds = []struct{ folder, pdf, page string }{
	{"regions", BookletPDF, "booklet.html"},
	{"people", LetterPDF, "letter.html"},
}

// UnprintedNote says which printed booklets and letters the build left
// out of the output, or "" when none.
func (r *Report) UnprintedNote() string {
	var booklets, letters []string
	for _, name := range r.Unprinted {
		if strings.HasSuffix(name, "/"+LetterPDF) {
			letters = append(letters, name)
		} else {
			booklets = append(booklets, name)
		}
	}
	var notes []string
	switch len(booklets) {
	case 0:
	case 1:
		notes = append(notes, "removed "+booklets[0]+": its booklet changed since it was printed (planbook pdf prints it again)")
	default:
		notes = append(notes, "removed "+strings.Join(booklets, ", ")+": their booklets changed since they were printed (planbook pdf prints them again)")
	}
	switch len(letters) {
	case 0:
	case 1:
		notes = append(notes, "removed "+letters[0]+": its letter changed since it was printed, or the site no longer shows it (planbook pdf --people prints it again)")
	default:
		notes = append(notes, "removed "+strconv.Itoa(len(letters))+" printed letters (people/ID/letter.pdf): their letters changed since they were printed, or the site no longer shows them (planbook pdf --people prints them again)")
	}
	return strings.Join(notes, "; ")
}

// printedFiles are the printed booklets a kept builder read, by path: the
// last two versions of each, since the output folder and the folder it
// swapped out take turns (see publish.Folder), each with a copy of its
// own.
type printedFiles map[string][]printedFile

type printedFile struct {
	size int64
	mod  time.Time
	data []byte
}

// read returns the bytes of file, whose size and time are info's.
func (c printedFiles) read(file string, info os.FileInfo) ([]byte, error) {
	for _, f := range c[file] {
		if f.size == info.Size() && f.mod.Equal(info.ModTime()) {
			return f.data, nil
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	for _, f := range c[file] {
		if bytes.Equal(f.data, data) {
			data = f.data // one copy of the same bytes
		}
	}
	kept := append([]printedFile{{size: info.Size(), mod: info.ModTime(), data: data}}, c[file]...)
	c[file] = kept[:min(len(kept), 2)]
	return data, nil
}

// keepPrinted adds to files the printed booklets and letters of the
// output folder out whose page is unchanged since they were printed, and
// returns the names of the others, which the new output leaves out. cache
// holds the PDFs read by the builder's last build, so that one that did
// not change on disk is not read again; keepPrinted brings it up to date.
func keepPrinted(out string, files publish.Files, cache printedFiles) (stale []string) {
	var disk *onDisk
	seen := map[string]bool{}
	for _, kind := range printedKinds {
		printed, _ := filepath.Glob(filepath.Join(out, kind.folder, "*", kind.pdf))
		sort.Strings(printed)
		for _, file := range printed {
			name := kind.folder + "/" + filepath.Base(filepath.Dir(file)) + "/" + kind.pdf
			info, err := os.Stat(file)
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			if disk == nil {
				disk = newOnDisk(out, files)
			}
			if disk.printedFrom(path.Dir(name), kind.page, kind.pdf, info.ModTime()) {
				if data, err := cache.read(file, info); err == nil {
					files[name], seen[file] = data, true
					continue
				}
			}
			stale = append(stale, name)
		}
	}
	for file := range cache {
		if !seen[file] {
			delete(cache, file)
		}
	}
	return stale
}

// onDisk compares the files of the output folder out with those of a new
// build, each file once (the booklets share the theme's assets).
type onDisk struct {
	out     string
	files   publish.Files
	byDir   map[string][]string // the new build's files by folder
	assets  []string            // the new build's files under assets/
	gone    bool                // a file under the output's assets/ is not in the new build
	written map[string]writtenAt
}

// writtenAt says whether a file of the output holds what the new build
// has, and since when.
type writtenAt struct {
	exists, same bool
	at           time.Time
}

func newOnDisk(out string, files publish.Files) *onDisk {
	d := &onDisk{out: out, files: files, byDir: map[string][]string{}, written: map[string]writtenAt{}}
	for name := range files {
		d.byDir[path.Dir(name)] = append(d.byDir[path.Dir(name)], name)
		if strings.HasPrefix(name, "assets/") {
			d.assets = append(d.assets, name)
		}
	}
	root := filepath.Join(out, "assets")
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if _, ok := files[filepath.ToSlash(rel)]; !ok {
				d.gone = true
				return filepath.SkipAll
			}
		}
		return nil
	})
	return d
}

// printedFrom reports whether a PDF printed at t from the page named page
// in the folder dir ("regions/east", "booklet.html") would print the same
// from the new build: its page and the other files of its folder (a
// style sheet) are in the output as the new build has them, and so are
// the site's assets, none written after t. An asset the new build adds
// does not count: the build copies the files its pages need (a font's
// files for their characters), and an unchanged page needed none that was
// missing. One it drops or changes does.
func (d *onDisk) printedFrom(dir, page, pdf string, t time.Time) bool {
	if _, ok := d.files[dir+"/"+page]; !ok || d.gone {
		return false
	}
	for _, name := range d.byDir[dir] {
		if name != dir+"/"+pdf && (name == dir+"/"+page || !strings.HasSuffix(name, ".html")) {
			if w := d.check(name); !w.exists || !w.same || w.at.After(t) {
				return false
			}
		}
	}
	for _, name := range d.assets {
		if w := d.check(name); w.exists && (!w.same || w.at.After(t)) {
			return false
		}
	}
	return true
}

// check compares a file of the output with the new build's, once.
func (d *onDisk) check(name string) writtenAt {
	if w, ok := d.written[name]; ok {
		return w
	}
	var w writtenAt
	info, err := os.Stat(filepath.Join(d.out, filepath.FromSlash(name)))
	if err == nil {
		w = writtenAt{exists: true, at: info.ModTime()}
		if info.Size() == int64(len(d.files[name])) {
			data, err := os.ReadFile(filepath.Join(d.out, filepath.FromSlash(name)))
			w.same = err == nil && bytes.Equal(data, d.files[name])
		}
	}
	d.written[name] = w
	return w
}
