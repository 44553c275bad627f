package compute_test

import (
	"bytes"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"planbook/generator/alloc"
	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestRandomRostersAddUp computes hundreds of random plans with teams and
// rosters and checks section 10 of the format against figures worked out
// here from its words: every team's people add up to its assigned total,
// every person's months to their quota, every month column to the team's
// month total, and the team's months to its assigned total; every quota,
// month total and cell is its exact value (A × capacity / Σ capacity, with
// availability counted in calendar days) rounded down or up; and months
// outside a person's employment are 0.
func TestRandomRostersAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	kinds := []string{"share", "weight", "growth"}
	precisions := []string{"1", "0.1", "0.01", "10", "5", "0.5"}
	ramps := []string{`[]`, `["25%", "50%", "75%"]`, `["10%", "33.3%"]`, `[0, "50%", 1, "12.5%"]`, `["1%", "2%", "3%", "4%", "5%", "6%", "7%", "8%", "9%", "10%", "11%", "12%", "13%"]`}
	n := 200
	if testing.Short() {
		n = 40
	}
	var teams, moved int
	for k := 0; k < n; k++ {
		o := synth.Options{
			Seed:        uint64(1000 + k),
			Regions:     1 + rng.IntN(12),
			Products:    1 + rng.IntN(4),
			Kinds:       kinds[rng.IntN(3)],
			Fit:         []string{"scale", "keep"}[rng.IntN(2)],
			Precision:   precisions[rng.IntN(len(precisions))],
			FixedEvery:  []int{0, 2, 3}[rng.IntN(3)],
			FiscalStart: 1 + rng.IntN(12),
			People:      1 + rng.IntN(12),
		}
		files := synth.Site(o)
		ramp := ramps[rng.IntN(len(ramps))]
		files["content/plan.toml"] = strings.Replace(files["content/plan.toml"], `ramp = ["25%", "50%", "75%"]`, "ramp = "+ramp, 1)
		if rng.IntN(4) == 0 {
			// Weights with 19 decimals do not fit 64-bit arithmetic: the
			// quotas are then worked out on exact fractions.
			files["content/people.csv"] = strings.ReplaceAll(files["content/people.csv"], ",1.5\n", ",1.0000000000000000001\n")
		}
		name := fmt.Sprintf("plan %d %+v ramp %s", k, o, ramp)
		p := loadFiles(t, files)
		r, errs := compute.Compute(p)
		if errs.HasErrors() {
			for _, d := range errs.Errors() {
				if !strings.Contains(d.Message, "-committed by") && !strings.Contains(d.Message, "no one has any capacity") {
					t.Fatalf("%s: %v", name, d)
				}
			}
			continue
		}
		for _, tm := range r.Teams {
			if len(tm.People) > 0 {
				if checkTeam(t, name, p, r, tm) {
					moved++
				}
				teams++
			}
		}
		checkCoverage(t, name, r)
		if k%20 == 0 {
			again, _ := compute.Compute(loadFiles(t, files))
			if !bytes.Equal(data.JSON(r), data.JSON(again)) {
				t.Fatalf("%s: two computations differ", name)
			}
		}
	}
	t.Logf("%d teams checked; %d kept the largest-remainder quotas only by moving a month total or a quota to its other rounding", teams, moved)
	if teams < n {
		t.Errorf("only %d teams with people in %d plans", teams, n)
	}
}

func loadFiles(t *testing.T, files map[string]string) *plan.Plan {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	return p
}

// checkTeam checks one team; it reports whether the quotas or month totals
// differ from their largest-remainder splits.
func checkTeam(t *testing.T, name string, p *plan.Plan, r *compute.Result, tm *compute.Team) bool {
	t.Helper()
	name += ": team " + tm.Region.ID + "/" + tm.ID
	a := new(big.Rat).Add(big.NewRat(1, 1), tm.Overassign)
	a.Mul(a, big.NewRat(tm.Target, 1))
	if want := alloc.RoundHalfAway(a); tm.Assigned != want {
		t.Fatalf("%s: assigned %d, want %d", name, tm.Assigned, want)
	}
	// Capacities from the words of section 10.4.
	months, total := tm.Region.Months, tm.Region.Target
	if total == 0 {
		months, total = r.Months, r.Target
	}
	capacity := make([][]*big.Rat, len(tm.People))
	sum := new(big.Rat)
	for i, ps := range tm.People {
		capacity[i] = make([]*big.Rat, 12)
		for m := 0; m < 12; m++ {
			days, length := workDays(p, ps.Person, m)
			if ps.Days[m] != days {
				t.Fatalf("%s: %s works %d days in month %d, want %d", name, ps.ID, ps.Days[m], m+1, days)
			}
			c := big.NewRat(months[m], total)
			c.Mul(c, big.NewRat(int64(days), int64(length)))
			c.Mul(c, ps.Weight)
			c.Mul(c, rampFactor(p, ps.Person, m))
			capacity[i][m] = c
			sum.Add(sum, c)
			if days == 0 && ps.Months[m] != 0 {
				t.Fatalf("%s: %s has %d units in month %d, outside their employment", name, ps.ID, ps.Months[m], m+1)
			}
		}
	}
	exact := func(c *big.Rat) *big.Rat {
		return new(big.Rat).Mul(big.NewRat(tm.Assigned, 1), new(big.Rat).Quo(c, sum))
	}
	within := func(what string, got int64, x *big.Rat) {
		t.Helper()
		d := new(big.Rat).Sub(big.NewRat(got, 1), x)
		if d.Cmp(big.NewRat(-1, 1)) <= 0 || d.Cmp(big.NewRat(1, 1)) >= 0 {
			t.Fatalf("%s: %s = %d units is not %s rounded down or up", name, what, got, x.FloatString(4))
		}
	}
	var quotas int64
	var colSums [12]int64
	rowCaps, colCaps := make([]*big.Rat, len(tm.People)), make([]*big.Rat, 12)
	for m := range colCaps {
		colCaps[m] = new(big.Rat)
	}
	for i, ps := range tm.People {
		var months, quarters int64
		rowCaps[i] = new(big.Rat)
		for m := 0; m < 12; m++ {
			within(fmt.Sprintf("%s's month %d", ps.ID, m+1), ps.Months[m], exact(capacity[i][m]))
			months += ps.Months[m]
			colSums[m] += ps.Months[m]
			rowCaps[i].Add(rowCaps[i], capacity[i][m])
			colCaps[m].Add(colCaps[m], capacity[i][m])
		}
		for q := 0; q < 4; q++ {
			quarters += ps.Quarters[q]
			if ps.Quarters[q] != ps.Months[3*q]+ps.Months[3*q+1]+ps.Months[3*q+2] {
				t.Fatalf("%s: %s's Q%d is not the sum of its months", name, ps.ID, q+1)
			}
		}
		if months != ps.Quota || quarters != ps.Quota {
			t.Fatalf("%s: %s's months add up to %d and quarters to %d, quota %d", name, ps.ID, months, quarters, ps.Quota)
		}
		within(ps.ID+"'s quota", ps.Quota, exact(rowCaps[i]))
		if ps.Capacity.Cmp(rowCaps[i]) != 0 {
			t.Fatalf("%s: %s's capacity %s, want %s", name, ps.ID, ps.Capacity.RatString(), rowCaps[i].RatString())
		}
		quotas += ps.Quota
	}
	if quotas != tm.Assigned {
		t.Fatalf("%s: quotas add up to %d, assigned %d", name, quotas, tm.Assigned)
	}
	var teamMonths int64
	for m := 0; m < 12; m++ {
		within(fmt.Sprintf("month %d", m+1), tm.Months[m], exact(colCaps[m]))
		if colSums[m] != tm.Months[m] {
			t.Fatalf("%s: month %d adds up to %d, the team's month is %d", name, m+1, colSums[m], tm.Months[m])
		}
		teamMonths += tm.Months[m]
	}
	if teamMonths != tm.Assigned {
		t.Fatalf("%s: months add up to %d, assigned %d", name, teamMonths, tm.Assigned)
	}
	quotasLR, monthsLR := alloc.Split(tm.Assigned, rowCaps), alloc.Split(tm.Assigned, colCaps)
	var got []int64
	for _, ps := range tm.People {
		got = append(got, ps.Quota)
	}
	return !slices.Equal(got, quotasLR) || !slices.Equal(tm.Months[:], monthsLR)
}

// workDays returns how many days of fiscal month m a person works, and
// the month's length, with the time package.
func workDays(p *plan.Plan, ps *plan.Person, m int) (int, int) {
	y, mo := p.MonthOf(m)
	first := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	if !ps.Start.IsZero() {
		if s := time.Date(ps.Start.Year, ps.Start.Month, ps.Start.Day, 0, 0, 0, 0, time.UTC); s.After(first) {
			first = s
		}
	}
	if !ps.End.IsZero() {
		if e := time.Date(ps.End.Year, ps.End.Month, ps.End.Day, 0, 0, 0, 0, time.UTC); e.Before(last) {
			last = e
		}
	}
	length := time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if last.Before(first) {
		return 0, length
	}
	return int(last.Sub(first).Hours()/24) + 1, length
}

// rampFactor returns a person's ramp factor in fiscal month m: ramp[k−1]
// in their k-th month of employment, counting the month of start as the
// first.
func rampFactor(p *plan.Plan, ps *plan.Person, m int) *big.Rat {
	if ps.Start.IsZero() {
		return big.NewRat(1, 1)
	}
	y, mo := p.MonthOf(m)
	k := (y-ps.Start.Year)*12 + int(mo) - int(ps.Start.Month) + 1
	if k >= 1 && k <= len(p.People.Ramp) {
		return p.People.Ramp[k-1]
	}
	return big.NewRat(1, 1)
}

// checkCoverage checks each region's coverage against its teams' months.
func checkCoverage(t *testing.T, name string, r *compute.Result) {
	t.Helper()
	for _, reg := range r.Regions {
		for m := 0; m < 12; m++ {
			var carried int64
			for _, tm := range reg.Teams {
				carried += tm.Months[m]
			}
			want := new(big.Rat)
			if reg.Months[m] != 0 {
				want.SetFrac64(carried, reg.Months[m])
			}
			if reg.Carried[m] != carried || reg.Coverage[m].Cmp(want) != 0 {
				t.Fatalf("%s: region %s month %d: carried %d, coverage %s; want %d, %s", name, reg.ID, m+1,
					reg.Carried[m], reg.Coverage[m].RatString(), carried, want.RatString())
			}
		}
	}
}
