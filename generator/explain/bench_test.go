package explain_test

import (
	"fmt"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/explain"
	"planbook/internal/synth"
)

// BenchmarkCompute computes synthetic plans of 12 products and 50, 500
// and 2,000 regions (every tenth with its own seasonality and mixes) with
// and without the derivation of every figure of plan.json: compute alone
// is what every build, check and diff does; planbook explain derives one
// figure, a page's file of explanations those it shows.
func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		files := synth.Site(synth.Options{Seed: 1, Regions: n, Products: 12, FixedEvery: 10})
		r, _ := computeSite(b, files)
		keys := explain.New(r, true).Keys()
		b.Run(fmt.Sprintf("regions=%d/compute", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, errs := compute.Compute(r.Plan); errs.HasErrors() {
					b.Fatal(errs.Err())
				}
			}
		})
		b.Run(fmt.Sprintf("regions=%d/compute+explain-all", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, _ := compute.Compute(r.Plan)
				e := explain.New(r, true)
				for _, k := range keys {
					if _, err := e.Of(k); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(keys)), "figures")
		})
	}
}
