package compute_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestPeopleActuals books random actual results on random people of a
// synthetic roster (and some on nobody): every person's actual is what
// their rows add up to, their plan to date their month quotas through the
// last reported month, and every team's line its people's added up
// against what they carry; rows without a person count for their region
// alone.
func TestPeopleActuals(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	checked := 0
	for k := 0; k < 20; k++ {
		p := loadSynth(t, synth.Options{Seed: uint64(k), Regions: 2 + rng.IntN(6), Products: 2, People: 1 + rng.IntN(6)})
		through := rng.IntN(12)
		want := map[string]*big.Rat{}
		for n := 50 + rng.IntN(100); n >= 0; n-- {
			ps := p.Roster.People[rng.IntN(len(p.Roster.People))]
			a := &plan.Actual{Month: rng.IntN(through + 1), Region: ps.Region, Micro: int64(rng.IntN(5_000_000))}
			if rng.IntN(5) > 0 {
				a.Person = ps.ID
				if want[ps.ID] == nil {
					want[ps.ID] = new(big.Rat)
				}
				want[ps.ID].Add(want[ps.ID], a.Revenue())
			}
			p.Actuals = append(p.Actuals, a)
		}
		p.Actuals = append(p.Actuals, &plan.Actual{Month: through, Region: p.Regions[0].ID})
		r, errs := compute.Compute(p)
		if errs.HasErrors() {
			continue // an over-committed random plan
		}
		checked++
		a := r.Actuals
		if len(want) > 0 && a.People == nil {
			t.Fatalf("plan %d: rows name people, and there are no people's actuals", k)
		}
		for _, t0 := range r.Teams {
			actual, planned := new(big.Rat), new(big.Rat)
			for _, ps := range t0.People {
				pa := a.People[ps]
				w := want[ps.ID]
				if w == nil {
					w = new(big.Rat)
				}
				var units int64
				for m := 0; m <= through; m++ {
					units += ps.Months[m]
				}
				if pa == nil || pa.Actual.Cmp(w) != 0 || pa.Plan.Cmp(r.Amount(units)) != 0 || pa.Target.Cmp(r.Amount(ps.Quota)) != 0 {
					t.Fatalf("plan %d, %s: %+v, want actual %s against %s", k, ps.ID, pa, w.RatString(), r.Amount(units).RatString())
				}
				if pa.Plan.Sign() != 0 && pa.Attainment.Attainment.Cmp(new(big.Rat).Quo(w, pa.Plan)) != 0 {
					t.Fatalf("plan %d, %s: attainment %s", k, ps.ID, pa.Attainment.Attainment.RatString())
				}
				actual.Add(actual, pa.Actual)
				planned.Add(planned, pa.Plan)
			}
			if len(t0.People) == 0 {
				continue
			}
			at := a.Teams[t0]
			if at == nil || at.Actual.Cmp(actual) != 0 || at.Plan.Cmp(planned) != 0 || at.Target.Cmp(r.Amount(t0.Assigned)) != 0 {
				t.Fatalf("plan %d, team %s.%s: %+v, want its people's %s against %s", k, t0.Region.ID, t0.ID, at, actual.RatString(), planned.RatString())
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d of 20 random plans computed", checked)
	}
}
