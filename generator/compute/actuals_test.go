package compute_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestRandomActualsAddUp adds random actual results to random plans and
// checks that every breakdown of plan against actual adds up exactly to
// the year to date, and each line's attainment and projection.
func TestRandomActualsAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	precisions := []string{"1", "0.1", "0.01", "10"}
	checked := 0
	for k := 0; k < 120; k++ {
		o := synth.Options{Seed: uint64(k), Regions: 1 + rng.IntN(20), Products: 1 + rng.IntN(6),
			Precision: precisions[rng.IntN(len(precisions))], FixedEvery: 4, FiscalStart: 1 + rng.IntN(12)}
		p := loadSynth(t, o)
		through := rng.IntN(12)
		want := new(big.Rat)
		for n := rng.IntN(200); n >= 0; n-- {
			reg := p.Regions[rng.IntN(len(p.Regions))]
			a := &plan.Actual{Month: rng.IntN(through + 1), Region: reg.ID,
				Micro: (int64(rng.IntN(200000)) - 20000) * 10_000}
			if rng.IntN(4) > 0 {
				a.Product = p.Products[rng.IntN(len(p.Products))].ID
			}
			if len(reg.Channels) > 0 && rng.IntN(4) > 0 {
				a.Channel = reg.Channels[rng.IntN(len(reg.Channels))].ID
			}
			if len(p.Customers) > 0 && rng.IntN(4) > 0 {
				a.Customer = p.Customers[rng.IntN(len(p.Customers))].ID
			}
			want.Add(want, a.Revenue())
			p.Actuals = append(p.Actuals, a)
		}
		p.Actuals = append(p.Actuals, &plan.Actual{Month: through, Region: p.Regions[0].ID})
		r, errs := compute.Compute(p)
		if errs.HasErrors() {
			continue // an over-committed random plan
		}
		checked++
		name := fmt.Sprintf("plan %d %+v", k, o)
		a := r.Actuals
		if a.Through != through {
			t.Fatalf("%s: through %d, want %d", name, a.Through, through)
		}
		var planned int64
		for m := 0; m <= through; m++ {
			planned += r.Months[m]
		}
		if a.Year.Actual.Cmp(want) != 0 || a.Year.Plan.Cmp(r.Amount(planned)) != 0 {
			t.Fatalf("%s: year to date %s against %s, want %s against %s", name,
				a.Year.Actual.RatString(), a.Year.Plan.RatString(), want.RatString(), r.Amount(planned).RatString())
		}
		regions := make([]*compute.Attainment, len(a.Regions))
		for i, ra := range a.Regions {
			regions[i] = &ra.Attainment
			months := new(big.Rat)
			for _, m := range ra.Months {
				months.Add(months, m)
			}
			if months.Cmp(ra.Actual) != 0 {
				t.Fatalf("%s: region %s months add up to %s, its actual is %s", name, ra.ID, months.RatString(), ra.Actual.RatString())
			}
		}
		for kind, lines := range map[string][]*compute.Attainment{
			"months": a.Months[:], "quarters": a.Quarters[:], "regions": regions,
			"products": a.Products, "channels": a.Channels, "customers": a.Customers,
		} {
			plans, actuals := new(big.Rat), new(big.Rat)
			for _, at := range lines {
				plans.Add(plans, at.Plan)
				actuals.Add(actuals, at.Actual)
				checkLine(t, name+" "+kind+" "+at.ID, p, at)
			}
			if plans.Cmp(a.Year.Plan) != 0 || actuals.Cmp(a.Year.Actual) != 0 {
				t.Fatalf("%s: %s add up to %s against %s, the year to date is %s against %s", name, kind,
					actuals.RatString(), plans.RatString(), a.Year.Actual.RatString(), a.Year.Plan.RatString())
			}
		}
		checkLine(t, name+" year", p, &a.Year)
	}
	if checked < 80 {
		t.Errorf("only %d plans checked", checked)
	}
}

// checkLine checks a line's attainment and projection, and that its plan
// to date is a whole multiple of the precision.
func checkLine(t *testing.T, name string, p *plan.Plan, at *compute.Attainment) {
	t.Helper()
	if !new(big.Rat).Quo(at.Plan, p.Precision).IsInt() {
		t.Fatalf("%s: plan to date %s is not a multiple of the precision", name, at.Plan.RatString())
	}
	if at.Plan.Sign() == 0 {
		if at.Attainment != nil {
			t.Fatalf("%s: an attainment without a plan", name)
		}
		return
	}
	if at.Attainment == nil || new(big.Rat).Mul(at.Attainment, at.Plan).Cmp(at.Actual) != 0 {
		t.Fatalf("%s: attainment %v of %s against %s", name, at.Attainment, at.Actual.RatString(), at.Plan.RatString())
	}
	if at.Projection == nil {
		return
	}
	exact := new(big.Rat).Mul(at.Target, at.Attainment)
	gap := new(big.Rat).Sub(at.Projection, exact)
	half := new(big.Rat).Quo(p.Precision, big.NewRat(2, 1))
	if gap.Abs(gap).Cmp(half) > 0 || !new(big.Rat).Quo(at.Projection, p.Precision).IsInt() {
		t.Fatalf("%s: projection %s, exact %s", name, at.Projection.RatString(), exact.FloatString(6))
	}
}
