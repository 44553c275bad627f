package pipeline

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"planbook/generator/publish"
)

// Printed booklets. planbook pdf prints regions/ID/booklet.pdf into the
// output folder, which every build replaces as a whole with the files it
// rendered. A build therefore carries each booklet.pdf over into the new
// output while the booklet is what it was printed from, and leaves it out,
// reporting it, once the booklet changed: a PDF on the intranet is never
// older than its booklet.

// BookletPDF is the name of a region's printed booklet in the output.
const BookletPDF = "booklet.pdf"

// UnprintedNote says which printed booklets the build left out of the
// output, or "" when none.
func (r *Report) UnprintedNote() string {
	switch len(r.Unprinted) {
	case 0:
		return ""
	case 1:
		return "removed " + r.Unprinted[0] + ": its booklet changed since it was printed (planbook pdf prints it again)"
	}
	return "removed " + strings.Join(r.Unprinted, ", ") + ": their booklets changed since they were printed (planbook pdf prints them again)"
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

// keepPrinted adds to files the printed booklets of the output folder out
// whose booklet is unchanged since they were printed, and returns the
// names of the others, which the new output leaves out. cache holds the
// booklets read by the builder's last build, so that one that did not
// change on disk is not read again; keepPrinted brings it up to date.
func keepPrinted(out string, files publish.Files, cache printedFiles) (stale []string) {
	printed, _ := filepath.Glob(filepath.Join(out, "regions", "*", BookletPDF))
	sort.Strings(printed)
	disk := &onDisk{out: out, files: files, written: map[string]writtenAt{}}
	seen := map[string]bool{}
	for _, file := range printed {
		name := "regions/" + filepath.Base(filepath.Dir(file)) + "/" + BookletPDF
		info, err := os.Stat(file)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if deps := bookletFiles(name, files); deps != nil && disk.unchangedSince(deps, info.ModTime()) {
			if data, err := cache.read(file, info); err == nil {
				files[name], seen[file] = data, true
				continue
			}
		}
		stale = append(stale, name)
	}
	for file := range cache {
		if !seen[file] {
			delete(cache, file)
		}
	}
	return stale
}

// bookletFiles returns the files a booklet is printed from: its page, the
// other files of its folder (its style sheet) and the theme's assets; nil
// when the new site has no such booklet.
func bookletFiles(pdf string, files publish.Files) []string {
	dir := path.Dir(pdf)
	if _, ok := files[dir+"/booklet.html"]; !ok {
		return nil
	}
	var deps []string
	for name := range files {
		if path.Dir(name) == dir && name != pdf && (name == dir+"/booklet.html" || !strings.HasSuffix(name, ".html")) ||
			strings.HasPrefix(name, "assets/") {
			deps = append(deps, name)
		}
	}
	return deps
}

// onDisk compares the files of the output folder out with those of a new
// build, each file once (the booklets share the theme's assets).
type onDisk struct {
	out     string
	files   publish.Files
	written map[string]writtenAt
}

// writtenAt says whether a file of the output holds what the new build
// has, and since when.
type writtenAt struct {
	same bool
	at   time.Time
}

// unchangedSince reports whether every file of names is in the output as
// the new build has it, written no later than t.
func (d *onDisk) unchangedSince(names []string, t time.Time) bool {
	for _, name := range names {
		w, ok := d.written[name]
		if !ok {
			w = d.check(name)
			d.written[name] = w
		}
		if !w.same || w.at.After(t) {
			return false
		}
	}
	return true
}

func (d *onDisk) check(name string) writtenAt {
	file := filepath.Join(d.out, filepath.FromSlash(name))
	info, err := os.Stat(file)
	if err != nil || info.Size() != int64(len(d.files[name])) {
		return writtenAt{}
	}
	data, err := os.ReadFile(file)
	return writtenAt{same: err == nil && bytes.Equal(data, d.files[name]), at: info.ModTime()}
}
