package plan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// FuzzLoad feeds arbitrary plan, region and page files to Load and, when
// they load, to Compute. Neither may panic, every diagnostic must name a
// file, and a plan that computes without errors must add up.
func FuzzLoad(f *testing.F) {
	seed := func(planText, region, page string) { f.Add(planText, region, page) }
	if data, err := os.ReadFile("../../content/plan.toml"); err == nil {
		region, _ := os.ReadFile("../../content/regions/south.toml")
		page, _ := os.ReadFile("../../content/strategy.md")
		seed(string(data), string(region), string(page))
	}
	files, _ := filepath.Glob("../../testdata/*/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		var p, r, pg string
		for _, af := range ar.Files {
			switch {
			case af.Name == "content/plan.toml":
				p = string(af.Data)
			case strings.HasPrefix(af.Name, "content/regions/") && strings.HasSuffix(af.Name, ".toml") && r == "":
				r = string(af.Data)
			case strings.HasSuffix(af.Name, ".md") && pg == "":
				pg = string(af.Data)
			}
		}
		seed(p, r, pg)
	}
	f.Fuzz(func(t *testing.T, planText, region, page string) {
		fsys := fstest.MapFS{
			"content/plan.toml":         {Data: []byte(planText)},
			"content/regions/east.toml": {Data: []byte(region)},
			"content/page.md":           {Data: []byte(page)},
		}
		p, errs := plan.Load(fsys)
		for _, d := range errs.Sorted() {
			if d.File == "" || d.Message == "" {
				t.Fatalf("diagnostic without file or message: %+v", d)
			}
		}
		if errs.HasErrors() {
			return
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			return
		}
		var sum int64
		for _, q := range r.Quarters {
			sum += q
		}
		if sum != r.Target {
			t.Fatalf("quarters sum to %d, target %d", sum, r.Target)
		}
		for _, reg := range r.Regions {
			var rs int64
			for _, m := range reg.Months {
				rs += m
			}
			if rs != reg.Target && p.Target.Fit != plan.FitKeep {
				t.Fatalf("region %s months sum to %d, target %d", reg.ID, rs, reg.Target)
			}
		}
	})
}
