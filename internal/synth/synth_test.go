package synth

import (
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
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
