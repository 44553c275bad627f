package synth

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/pipeline"
	"planbook/generator/plan"
)

// MapFS returns a synthetic site as a file system.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestSitesLoadAndCompute(t *testing.T) {
	for _, o := range []Options{
		{Seed: 1, Regions: 50, Products: 12, FixedEvery: 5, Narrative: true},
		{Seed: 2, Regions: 7, Products: 3, Kinds: "weight", Precision: "0.1"},
		{Seed: 3, Regions: 9, Products: 5, Kinds: "growth", Fit: "keep", FiscalStart: 4},
		{Seed: 4, Regions: 9, Products: 5, Kinds: "growth", FixedEvery: 3},
		{Seed: 5, Regions: 30, Products: 4, People: 10},
		{Seed: 6, Regions: 12, Products: 3, Kinds: "weight", Precision: "0.1", People: 3, FiscalStart: 7},
		{Seed: 7, Regions: 9, Products: 5, Kinds: "growth", Fit: "keep", FiscalStart: 4, People: 6},
	} {
		p, errs := plan.Load(mapFS(Site(o)))
		if errs.HasErrors() {
			t.Fatalf("%+v: load: %v", o, errs.Err())
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			t.Fatalf("%+v: compute: %v", o, cerrs.Err())
		}
		if len(r.Regions) != o.Regions || len(r.Products) != o.Products || len(r.People) != o.Regions*o.People {
			t.Errorf("%+v: got %d regions, %d products and %d people", o, len(r.Regions), len(r.Products), len(r.People))
		}
		if o.People > 0 && len(r.Teams) <= o.Regions {
			t.Errorf("%+v: only %d teams for %d regions", o, len(r.Teams), o.Regions)
		}
	}
}

// TestHugoSiteHoldsEveryTable builds a synthetic plan with planbook and
// checks that its Hugo twin holds every page, every table row and every
// figure of planbook's pages.
func TestHugoSiteHoldsEveryTable(t *testing.T) {
	dir := t.TempDir()
	for name, text := range Site(Options{Seed: 5, Regions: 12, Products: 6, FixedEvery: 4, Narrative: true}) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	files, err := HugoSite(pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2*12+4 {
		t.Fatalf("planbook built %d pages", len(pages))
	}
	rowRE := regexp.MustCompile(`<tr[ >]`)
	figureRE := regexp.MustCompile(`<td class="num">([^<]+)</td>`)
	for name, page := range pages {
		md, ok := files[hugoPath(name)]
		if !ok {
			t.Errorf("%s: no Hugo page %s", name, hugoPath(name))
			continue
		}
		rows := 0
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|---") && !strings.HasPrefix(line, "|--:") {
				rows++
			}
		}
		if want := len(rowRE.FindAll(page, -1)); rows != want || want == 0 {
			t.Errorf("%s: %d table rows in planbook's page, %d in Hugo's", name, want, rows)
		}
		for _, m := range figureRE.FindAllSubmatch(page, -1) {
			if cell := html.UnescapeString(string(m[1])); !strings.Contains(md, "| "+cell+" |") {
				t.Errorf("%s: Hugo's page lacks the cell %q", name, cell)
				break
			}
		}
	}
}
