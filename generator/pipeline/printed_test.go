package pipeline_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"planbook/generator/pipeline"
	"planbook/generator/publish"
	"planbook/internal/sitetest"
)

// TestPrintedBookletsFollowTheirBooklet prints (fakes) the booklets of two
// regions, then builds again, each time once as planbook build does
// (pipeline.Build, which writes each file as it is rendered) and with one
// kept builder as planbook serve does. With
// nothing changed both PDFs stay, the very files printed (linked into each
// new output, not copied); after an edit that changes one region's
// booklet its PDF is removed, and reported, and the other stays; a PDF
// older than its booklet page is removed too, and so are all when a
// theme file changes (one the theme adds changes none).
func TestPrintedBookletsFollowTheirBooklet(t *testing.T) {
	for _, kept := range []bool{false, true} {
		ar, err := txtar.ParseFile("../../testdata/sites/mini.txtar")
		if err != nil {
			t.Fatal(err)
		}
		dir := writeSite(t, ar)
		out := filepath.Join(t.TempDir(), "out")
		b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out})
		build := func() *pipeline.Report {
			t.Helper()
			build := func() (*pipeline.Report, error) { return pipeline.Build(pipeline.Options{Site: dir, Out: out}) }
			if kept {
				build = b.Build
			}
			rep, err := build()
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		build()
		pdf := func(region string) string { return filepath.Join(out, "regions", region, pipeline.BookletPDF) }
		printed := map[string]os.FileInfo{}
		for _, r := range []string{"east", "north"} {
			if err := os.WriteFile(pdf(r), []byte("%PDF "+r), 0o644); err != nil {
				t.Fatal(err)
			}
			printed[r], _ = os.Stat(pdf(r))
		}
		// linked says whether region's PDF in the output is the file printed.
		linked := func(region string) bool {
			info, err := os.Stat(pdf(region))
			return err == nil && (runtime.GOOS != "linux" || os.SameFile(info, printed[region]))
		}

		for range 3 { // a kept builder's third build brings its kept folder up to date
			rep := build()
			for _, r := range []string{"east", "north"} {
				if data, err := os.ReadFile(pdf(r)); err != nil || string(data) != "%PDF "+r || !linked(r) {
					t.Errorf("kept builder %v: nothing changed, and %s's PDF is %q (%v), the file printed: %v", kept, r, data, err, linked(r))
				}
			}
			if len(rep.Unprinted) != 0 || rep.Stats.Removed != 0 || rep.UnprintedNote() != "" {
				t.Errorf("kept builder %v: nothing changed, and the build removed %v (%d files)", kept, rep.Unprinted, rep.Stats.Removed)
			}
		}

		// The manager shows on north's booklet only.
		edit(t, filepath.Join(dir, "content/regions/north.toml"), `manager = "Zhao"`, `manager = "Zhou"`)
		rep := build()
		if _, err := os.Stat(pdf("north")); err == nil {
			t.Errorf("kept builder %v: north's booklet changed, and its PDF is still there", kept)
		}
		if data, _ := os.ReadFile(pdf("east")); string(data) != "%PDF east" || !linked("east") {
			t.Errorf("kept builder %v: east's booklet did not change, and its PDF is %q, the file printed: %v", kept, data, linked("east"))
		}
		if !slices.Equal(rep.Unprinted, []string{"regions/north/booklet.pdf"}) || !strings.Contains(rep.UnprintedNote(), "regions/north/booklet.pdf: its booklet changed") {
			t.Errorf("kept builder %v: reported %v, %q", kept, rep.Unprinted, rep.UnprintedNote())
		}

		// A PDF from before its booklet page was last written.
		old := time.Now().Add(-time.Hour)
		os.Chtimes(pdf("east"), old, old)
		rep = build()
		if _, err := os.Stat(pdf("east")); err == nil || !slices.Equal(rep.Unprinted, []string{"regions/east/booklet.pdf"}) {
			t.Errorf("kept builder %v: a PDF older than its booklet stayed (%v)", kept, rep.Unprinted)
		}

		// The theme: a file it adds leaves the PDFs as they are, a file it
		// changes takes them away.
		for _, r := range []string{"east", "north"} {
			os.WriteFile(pdf(r), []byte("%PDF "+r), 0o644)
		}
		theme := filepath.Join(dir, "themes", "default", "assets", "css")
		os.MkdirAll(theme, 0o755)
		os.WriteFile(filepath.Join(theme, "extra.css"), []byte("p { margin: 0 }\n"), 0o644)
		b.Changed([]string{"themes/default/assets/css/extra.css"})
		if rep = build(); len(rep.Unprinted) != 0 || rep.Stats.Written == 0 {
			t.Errorf("kept builder %v: a new theme file (%d written) removed %v", kept, rep.Stats.Written, rep.Unprinted)
		}
		os.WriteFile(filepath.Join(theme, "extra.css"), []byte("p { margin: 1px }\n"), 0o644)
		b.Changed([]string{"themes/default/assets/css/extra.css"})
		if rep = build(); !slices.Equal(rep.Unprinted, []string{"regions/east/booklet.pdf", "regions/north/booklet.pdf"}) {
			t.Errorf("kept builder %v: a changed theme file removed %v", kept, rep.Unprinted)
		}
	}
}

// edit replaces old with new in a file, which must hold old.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s does not hold %q (%v)", file, old, err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrintedLettersFollowTheirLetter prints (fakes) two people's target
// letters on the roster site, which shows people: a build keeps both while
// nothing changed; after a roster edit that moves one person's quota, that
// letter's PDF is removed and reported, the other stays; and a site that
// stops showing people keeps none.
func TestPrintedLettersFollowTheirLetter(t *testing.T) {
	dir := peopleSite(t, "people_pages = true\n")
	out := filepath.Join(t.TempDir(), "out")
	build := func() *pipeline.Report {
		t.Helper()
		rep, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build()
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	build()
	pdf := func(id string) string { return filepath.Join(out, "people", id, pipeline.LetterPDF) }
	for _, id := range []string{"p001", "p007"} {
		if err := os.WriteFile(pdf(id), []byte("%PDF "+id), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if rep := build(); len(rep.Unprinted) != 0 {
		t.Errorf("nothing changed, and the build removed %v", rep.Unprinted)
	}
	// Wu Fang (p007, north) gets a weight of 2: north's quotas move,
	// east's do not.
	edit(t, filepath.Join(dir, "content/people.csv"), "Wu Fang,p007,north,,Sales rep,,,1", "Wu Fang,p007,north,,Sales rep,,,2")
	rep := build()
	if _, err := os.Stat(pdf("p007")); err == nil || !slices.Equal(rep.Unprinted, []string{"people/p007/letter.pdf"}) ||
		!strings.Contains(rep.UnprintedNote(), "people/p007/letter.pdf: its letter changed") {
		t.Errorf("p007's letter changed: reported %v, %q", rep.Unprinted, rep.UnprintedNote())
	}
	if data, _ := os.ReadFile(pdf("p001")); string(data) != "%PDF p001" {
		t.Errorf("p001's letter did not change, and its PDF is %q", data)
	}
	if err := os.WriteFile(filepath.Join(dir, "planbook.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := build(); !slices.Equal(rep.Unprinted, []string{"people/p001/letter.pdf"}) {
		t.Errorf("the site no longer shows people, and the build kept or reported %v", rep.Unprinted)
	}
}

// TestPrintedCarriedByName hands a build's Write stage the site: the
// printed booklet it carries over is there by name, as the file of the
// output it was checked as, and no file it holds in memory is a PDF, so
// that a kept builder (planbook serve) holds none between builds.
func TestPrintedCarriedByName(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.ArchiveFile(t, "../../testdata/sites/mini.txtar"))
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(out, "regions", "east", pipeline.BookletPDF)
	if err := os.WriteFile(pdf, []byte("%PDF east"), 0o644); err != nil {
		t.Fatal(err)
	}
	printed, _ := os.Stat(pdf)
	var got publish.Site
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out, Write: func(_ string, old, site publish.Site) (publish.Stats, error) {
		got = site
		return publish.Compare(old, site), nil
	}})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	const name = "regions/east/" + pipeline.BookletPDF
	if info, ok := got.Carried[name]; !ok || !os.SameFile(info, printed) || len(got.Carried) != 1 {
		t.Errorf("carried %v, want %s as the file printed", got.Carried, name)
	}
	for file, data := range got.Files {
		if strings.HasPrefix(string(data), "%PDF") {
			t.Errorf("the build holds the bytes of %s", file)
		}
	}
}
