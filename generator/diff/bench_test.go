package diff_test

import (
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/diff"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// BenchmarkCompare compares two synthetic plans of 2,000 regions and 12
// product lines that differ in most figures (81,571 items) and writes the
// Markdown report: the work of planbook diff after loading both versions.
func BenchmarkCompare(b *testing.B) {
	plans := make([]*compute.Result, 2)
	for i := range plans {
		fsys := fstest.MapFS{}
		for name, text := range synth.Site(synth.Options{Seed: uint64(i + 1), Regions: 2000, Products: 12}) {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		p, errs := plan.Load(fsys)
		if errs.HasErrors() {
			b.Fatal(errs.Err())
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			b.Fatal(cerrs.Err())
		}
		plans[i] = r
	}
	b.ReportAllocs()
	for b.Loop() {
		rep := diff.Compare(plans[0], plans[1])
		if rep.Changes() < 2000 {
			b.Fatalf("%d changes", rep.Changes())
		}
		diff.Markdown(rep)
	}
}
