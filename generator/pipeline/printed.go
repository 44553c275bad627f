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

// keepPrinted returns the printed booklets and letters of the output
// folder out whose page is unchanged since they were printed, which the
// new output carries over as they are, and the names of the others, which
// it leaves out: the new build's files are names, sorted, and read reads
// one. It reads none of the PDFs: the new output links to them (see
// publish.Carried).
func keepPrinted(out string, names []string, read func(name string) ([]byte, bool)) (carried publish.Carried, stale []string) {
	var disk *onDisk
	for _, kind := range printedKinds {
		printed, _ := filepath.Glob(filepath.Join(out, kind.folder, "*", kind.pdf))
		sort.Strings(printed)
		for _, file := range printed {
			name := kind.folder + "/" + filepath.Base(filepath.Dir(file)) + "/" + kind.pdf
			info, err := os.Lstat(file)
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			if disk == nil {
				disk = newOnDisk(out, names, read)
			}
			if disk.printedFrom(path.Dir(name), kind.page, kind.pdf, info.ModTime()) {
				if carried == nil {
					carried = publish.Carried{}
				}
				carried[name] = info
				continue
			}
			stale = append(stale, name)
		}
	}
	return carried, stale
}

// onDisk compares the files of the output folder out with those of a new
// build, each file once (the booklets share the theme's assets).
type onDisk struct {
	out     string
	has     map[string]bool                  // the new build's files
	read    func(name string) ([]byte, bool) // reads one
	byDir   map[string][]string              // the new build's files by folder
	assets  []string                         // the new build's files under assets/
	gone    bool                             // a file under the output's assets/ is not in the new build
	written map[string]writtenAt
}

// writtenAt says whether a file of the output holds what the new build
// has, and since when.
type writtenAt struct {
	exists, same bool
	at           time.Time
}

func newOnDisk(out string, names []string, read func(name string) ([]byte, bool)) *onDisk {
	d := &onDisk{out: out, has: map[string]bool{}, read: read, byDir: map[string][]string{}, written: map[string]writtenAt{}}
	for _, name := range names {
		d.has[name] = true
		d.byDir[path.Dir(name)] = append(d.byDir[path.Dir(name)], name)
		if strings.HasPrefix(name, "assets/") {
			d.assets = append(d.assets, name)
		}
	}
	root := filepath.Join(out, "assets")
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !d.has[filepath.ToSlash(rel)] {
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
	if !d.has[dir+"/"+page] || d.gone {
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
		if built, ok := d.read(name); ok && info.Size() == int64(len(built)) {
			data, err := os.ReadFile(filepath.Join(d.out, filepath.FromSlash(name)))
			w.same = err == nil && bytes.Equal(data, built)
		}
	}
	d.written[name] = w
	return w
}
