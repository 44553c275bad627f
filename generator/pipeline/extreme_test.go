package pipeline_test

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
	"planbook/internal/synth"
)

// TestExtremePlansBuildOrFail builds random synthetic plans whose amounts,
// headcounts, counts, growth rates, goals and weights are drawn from the
// edges of what a plan may hold, at extreme precisions, every fiscal
// start, every kind of split and with every row fixed or none. Each plan
// must either build, every split adding up, or be refused with errors
// that name a file. None may panic.
func TestExtremePlansBuildOrFail(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 7))
	precisions := []string{"1", "0.01", "0.000001", "7", "1000000", "0.3", "0.000000000000000001", "100000000000"}
	kinds := []string{"share", "weight", "growth"}
	n := 150
	if testing.Short() {
		n = 40
	}
	built, refused := 0, 0
	for k := 0; k < n; k++ {
		o := synth.Options{
			Seed: uint64(k), Regions: 1 + rng.IntN(6), Products: 1 + rng.IntN(5),
			Kinds: kinds[rng.IntN(3)], Fit: []string{"", "keep"}[rng.IntN(2)],
			Precision: precisions[rng.IntN(len(precisions))], FixedEvery: rng.IntN(4),
			FiscalStart: 1 + rng.IntN(12), Narrative: rng.IntN(2) == 0,
			Language: []string{"", "en"}[rng.IntN(2)], Extreme: true,
		}
		errs, ok := buildExtreme(t, o)
		if !ok {
			built++
			continue
		}
		refused++
		for _, d := range errs.Errors() {
			if d.File == "" || d.Message == "" {
				t.Fatalf("%+v: an error without a file or message: %+v", o, d)
			}
		}
	}
	t.Logf("%d plans built, %d refused with errors", built, refused)
	if built < n/10 || refused < n/10 {
		t.Errorf("%d plans built and %d refused: the extremes no longer cover both outcomes", built, refused)
	}
}

// buildExtreme checks the site of o as planbook check does (load,
// compute, render), failing the test with the plan's options on a panic or
// on a result that does not add up. It returns the errors and whether
// there were any.
func buildExtreme(t *testing.T, o synth.Options) (errs *diag.List, failed bool) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("%+v: panic: %v\n%s", o, v, debug.Stack())
		}
	}()
	dir := sitetest.Dir(t, sitetest.Files(synth.Site(o)))
	rep, _ := pipeline.NewBuilder(pipeline.Options{Site: dir}).Check()
	if rep.Diagnostics.HasErrors() {
		return rep.Diagnostics, true
	}
	if err := addsUp(rep.Result); err != nil {
		t.Fatalf("%+v: %v", o, err)
	}
	if rep.HTML == 0 {
		t.Fatalf("%+v: checked without rendering a page", o)
	}
	return nil, false
}

// addsUp checks the company's quarters and months against the target, and
// each region's months against its quarters.
func addsUp(r *compute.Result) error {
	var sum int64
	for q, v := range r.Quarters {
		sum += v
		if m := r.Months[3*q] + r.Months[3*q+1] + r.Months[3*q+2]; m != v {
			return fmt.Errorf("the months of Q%d add up to %d units, the quarter is %d", q+1, m, v)
		}
	}
	if sum != r.Target {
		return fmt.Errorf("the quarters add up to %d units, the target is %d", sum, r.Target)
	}
	for _, reg := range r.Regions {
		for q, v := range reg.Quarters {
			if m := reg.Months[3*q] + reg.Months[3*q+1] + reg.Months[3*q+2]; m != v {
				return fmt.Errorf("region %s: the months of Q%d add up to %d units, the quarter is %d", reg.ID, q+1, m, v)
			}
		}
	}
	return nil
}
