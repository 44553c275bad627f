package publish

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const pdfName = "regions/east/booklet.pdf"

// printPDF writes a PDF into the output folder out as planbook pdf does (a new
// file renamed into place) and returns the site files with it carried.
func printPDF(t *testing.T, out string, files Files, text string) Site {
	t.Helper()
	file := filepath.Join(out, filepath.FromSlash(pdfName))
	if err := WriteFile(file, []byte(text)); err != nil {
		t.Fatal(err)
	}
	return carrying(t, out, files)
}

// carrying returns the site files with the PDF of the output out carried.
func carrying(t *testing.T, out string, files Files) Site {
	t.Helper()
	info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
	if err != nil {
		t.Fatal(err)
	}
	return Site{Files: files, Carried: Carried{pdfName: info}}
}

// plus returns files with the file name added.
func plus(files Files, name, text string) Files {
	with := Files{name: []byte(text)}
	for n, data := range files {
		with[n] = data
	}
	return with
}

// newFolder returns a Folder that published siteV1 to the folder public in
// a new temporary folder.
func newFolder(t *testing.T) (f *Folder, dir, out string) {
	t.Helper()
	dir = t.TempDir()
	out = filepath.Join(dir, "public")
	f = NewFolder(out)
	t.Cleanup(f.Close)
	if _, err := f.Publish(siteV1.Site()); err != nil {
		t.Fatal(err)
	}
	return f, dir, out
}

// TestFolderLinksCarriedFiles publishes, with one Folder, a site whose
// output holds a printed PDF again and again, as planbook serve does: in
// full, then bringing its kept folder up to date. Every new output holds
// the PDF as the same file as the output before (a link, never a copy
// nor a read), the kept folder's copy stays where it is already the same
// file, a PDF printed anew is carried in its turn, a file made where the
// kept folder has a link leaves the linked file as it was, and a PDF no
// longer carried is gone.
func TestFolderLinksCarriedFiles(t *testing.T) {
	f, _, out := newFolder(t)
	site := printPDF(t, out, siteV1, "%PDF first")
	for i, files := range []Files{siteV2, siteV3, siteV1, siteV2, siteV3} {
		before, _ := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
		site = carrying(t, out, files)
		var st Stats
		var err error
		steps := record(t, func() { st, err = f.Publish(site) })
		if err != nil {
			t.Fatalf("publish %d: %v", i+2, err)
		}
		got, _ := readTree(t, out)
		if !equal(got, plus(files, pdfName, "%PDF first")) {
			t.Errorf("publish %d: output %v", i+2, names(got))
		}
		after, err := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
		if err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
			t.Errorf("publish %d: the carried PDF is not the previous output's file (%v)", i+2, err)
		}
		// From the third publish on the kept folder already holds the
		// PDF: it stays.
		if i >= 1 && slices.Contains(steps, "file "+pdfName) {
			t.Errorf("publish %d placed the PDF the kept folder holds: %v", i+2, steps)
		}
		if i == 0 && !slices.Contains(st.Changed, pdfName) || i > 0 && slices.Contains(st.Changed, pdfName) {
			t.Errorf("publish %d: changed %v (the PDF is new to the first only)", i+2, st.Changed)
		}
	}

	// Printed again: a new file, which the next outputs carry.
	site = printPDF(t, out, siteV3, "%PDF second")
	printed, _ := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
	for i := range 2 {
		if _, err := f.Publish(site); err != nil {
			t.Fatal(err)
		}
		got, err := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
		if err != nil || !os.SameFile(got, printed) {
			t.Errorf("publish %d after printing again: not the new PDF (%v)", i+1, err)
		}
	}

	// A file made where both folders have the link: the output gets it,
	// the folder swapped out keeps the linked file as it was.
	made := plus(siteV3, pdfName, "made")
	if _, err := f.Publish(made.Site()); err != nil {
		t.Fatal(err)
	}
	spare, _ := os.ReadFile(filepath.Join(f.spare.path, filepath.FromSlash(pdfName)))
	if got, _ := readTree(t, out); !equal(got, made) || string(spare) != "%PDF second" {
		t.Errorf("a file made over a link: output %v, the folder swapped out holds %q", names(got), spare)
	}

	// No longer carried: gone from the output, and counted.
	st, err := f.Publish(siteV3.Site())
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := readTree(t, out); !equal(got, siteV3) || st.Removed != 1 {
		t.Errorf("a PDF no longer carried: output %v, removed %d", names(got), st.Removed)
	}
}

// TestCarriedFilesCopiedWithoutLinks publishes with links failing, as on
// a file system without them: the carried PDF is copied, whole and with
// its modification time, in full and into the kept folder, and the
// output's file stays as it was.
func TestCarriedFilesCopiedWithoutLinks(t *testing.T) {
	link = func(string, string) error { return errors.New("links not supported") }
	defer func() { link = os.Link }()
	f, _, out := newFolder(t)
	content := strings.Repeat("%PDF page\n", 100000) // larger than one buffer of io.Copy
	printPDF(t, out, siteV1, content)
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(filepath.Join(out, filepath.FromSlash(pdfName)), past, past)
	for i, files := range []Files{siteV2, siteV3, siteV1} {
		file := filepath.Join(out, filepath.FromSlash(pdfName))
		before, _ := os.Lstat(file)
		steps := record(t, func() {
			if _, err := f.Publish(carrying(t, out, files)); err != nil {
				t.Fatalf("publish %d: %v", i+2, err)
			}
		})
		after, err := os.Lstat(file)
		if err != nil || os.SameFile(before, after) || !after.ModTime().Equal(past) {
			t.Errorf("publish %d: want a copy with the time of the printed file, got %v (%v)", i+2, after, err)
		}
		if data, _ := os.ReadFile(file); string(data) != content {
			t.Errorf("publish %d: the copied PDF holds %d bytes, want %d", i+2, len(data), len(content))
		}
		if f.spare != nil {
			if data, _ := os.ReadFile(filepath.Join(f.spare.path, filepath.FromSlash(pdfName))); string(data) != content {
				t.Errorf("publish %d: the folder swapped out lost its PDF (%d bytes)", i+2, len(data))
			}
		}
		if i == 2 && slices.Contains(steps, "file "+pdfName) {
			t.Errorf("publish %d copied the PDF again, which the kept folder holds a copy of", i+2)
		}
	}
}

// TestCarriedFileReplacedMeanwhile replaces a carried file after it was
// seen (planbook pdf printing it again during a build): the publish
// fails, saying so, and leaves the output as it was; so does one whose
// carried file is gone.
func TestCarriedFileReplacedMeanwhile(t *testing.T) {
	for _, withLinks := range []bool{true, false} {
		if !withLinks {
			link = func(string, string) error { return errors.New("links not supported") }
		}
		f, dir, out := newFolder(t)
		site := printPDF(t, out, siteV2, "%PDF seen")
		printPDF(t, out, siteV1, "%PDF newer")
		if _, err := f.Publish(site); !errors.Is(err, ErrCarriedChanged) || !strings.Contains(err.Error(), pdfName) {
			t.Errorf("links %v: a replaced PDF: %v", withLinks, err)
		}
		if got, _ := readTree(t, out); !equal(got, plus(siteV1, pdfName, "%PDF newer")) {
			t.Errorf("links %v: the failed publish changed the output: %v", withLinks, names(got))
		}
		os.Remove(filepath.Join(out, filepath.FromSlash(pdfName)))
		if _, err := f.Publish(site); !errors.Is(err, ErrCarriedChanged) {
			t.Errorf("links %v: a carried file that is gone: %v", withLinks, err)
		}
		f.Close()
		if l := leftovers(t, dir, out); len(l) > 0 {
			t.Errorf("links %v: left %v", withLinks, l)
		}
		link = os.Link
	}
}

// TestCompareCarried counts a carried file as unchanged when the old site
// carried it as it is, and refuses a name both made and carried.
func TestCompareCarried(t *testing.T) {
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "regions", "east"), 0o755)
	old := printPDF(t, out, siteV1, "%PDF")
	if st := Compare(old, old); st.Written != 0 || st.Unchanged != len(siteV1)+1 || st.Files != len(siteV1)+1 {
		t.Errorf("the same site: %+v", st)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(out, filepath.FromSlash(pdfName)), later, later)
	if st := Compare(old, carrying(t, out, siteV1)); st.Written != 1 || !slices.Equal(st.Changed, []string{pdfName}) {
		t.Errorf("a carried file with another time: %+v", st)
	}
	if st := Compare(old, siteV1.Site()); st.Removed != 1 || st.Written != 0 {
		t.Errorf("a carried file dropped: %+v", st)
	}
	if st := Compare(Site{}, old); st.Written != len(siteV1)+1 {
		t.Errorf("nothing known: %+v", st)
	}
	both := Site{Files: Files{pdfName: []byte("x")}, Carried: old.Carried}
	if _, err := sortedNames(both); err == nil {
		t.Error("a file both made and carried was taken")
	}
}
