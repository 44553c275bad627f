package compute_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

func loadSynth(b testing.TB, o synth.Options) *plan.Plan {
	fsys := fstest.MapFS{}
	for name, text := range synth.Site(o) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		b.Fatal(errs.Err())
	}
	return p
}

// BenchmarkCompute computes synthetic plans of 12 products and 50, 500 and
// 2,000 regions, every tenth region with its own seasonality and mixes.
var fixedEvery = 10

func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		p := loadSynth(b, synth.Options{Seed: 1, Regions: n, Products: 12, FixedEvery: fixedEvery})
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, errs := compute.Compute(p); errs.HasErrors() {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

// BenchmarkComputeActuals computes the same plans with nine months of
// actual results: a row per region, product line and customer type each
// month (216,000 rows at 2,000 regions). Less BenchmarkCompute, it is the
// cost of comparing the actuals with the plan.
func BenchmarkComputeActuals(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		p := loadSynth(b, synth.Options{Seed: 1, Regions: n, Products: 12, FixedEvery: fixedEvery, ActualsThrough: 9})
		b.Run(fmt.Sprintf("regions=%d/rows=%d", n, len(p.Actuals)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, errs := compute.Compute(p)
				if errs.HasErrors() || r.Actuals == nil {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

// BenchmarkComputePeople computes the same plans with teams in two regions
// in three and ten people per region (20,000 people at 2,000 regions).
// Less BenchmarkCompute, it is the cost of the teams and the people.
func BenchmarkComputePeople(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		p := loadSynth(b, synth.Options{Seed: 1, Regions: n, Products: 12, FixedEvery: fixedEvery, People: 10})
		b.Run(fmt.Sprintf("regions=%d/people=%d", n, len(p.Roster.People)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, errs := compute.Compute(p)
				if errs.HasErrors() || len(r.People) != len(p.Roster.People) {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}
