package compute

import (
	"math/big"
	"math/bits"

	"planbook/generator/alloc"
	"planbook/generator/numfmt"
)

// teamQuotas shares a team's assigned total among its people and the
// months (section 10.4): each person's quota and the team's month totals
// are largest-remainder splits of it by capacity, and the people × months
// table a controlled rounding with those totals.
//
// A capacity is weight × s_m × availability × ramp factor, where s_m is
// the region's month target over its target. Most teams' capacities,
// scaled by a common factor, are whole numbers that fit 64 bits, and the
// table is rounded with integer arithmetic; the others take the same
// steps on exact fractions. Both give the same quotas: the split depends
// only on the capacities' proportions.
func (c *computer) teamQuotas(t *Team, cal *calendar) {
	months, total := c.monthBasis(t.Region)
	var rows, cols []int64
	var cells [][]int64
	capacity := make([]*big.Rat, len(t.People))
	w, scale, sum, ok := intCapacities(t.People, months, total, cal)
	if ok && sum == 0 {
		c.zeroCapacity(t)
		return
	}
	if ok {
		rows, cols, cells, ok = alloc.SplitTable(t.Assigned, w)
	}
	if ok {
		for i, row := range w {
			var s uint64
			for _, x := range row {
				s += x
			}
			capacity[i] = new(big.Rat).Mul(new(big.Rat).SetUint64(s), scale)
		}
	} else {
		wr := ratCapacities(t.People, months, total, cal)
		any := false
		for i, row := range wr {
			capacity[i] = new(big.Rat)
			for _, x := range row {
				capacity[i].Add(capacity[i], x)
			}
			any = any || capacity[i].Sign() > 0
		}
		if !any {
			c.zeroCapacity(t)
			return
		}
		rows, cols, cells = alloc.SplitTableRat(t.Assigned, wr)
	}
	copy(t.Months[:], cols)
	for i, person := range t.People {
		person.Quota = rows[i]
		copy(person.Months[:], cells[i])
		for q := 0; q < 4; q++ {
			person.Quarters[q] = cells[i][3*q] + cells[i][3*q+1] + cells[i][3*q+2]
		}
		person.Capacity = capacity[i]
		if capacity[i].Sign() > 0 {
			person.PerWeight = new(big.Rat).Quo(new(big.Rat).SetInt64(rows[i]), capacity[i])
		}
	}
}

// zeroCapacity reports a team whose people have no capacity in any month.
func (c *computer) zeroCapacity(t *Team) {
	what := c.teamLabel(t)
	d := t.People[0].Pos.At("%s: no one has any capacity (weight × month target × days worked × ramp factor is 0 in every month), so there is nothing to share its %s %s by",
		what, numfmt.Group(numfmt.Exact(c.r.Amount(t.Assigned)), ","), c.p.Unit)
	d.Hint = "check the people's weights and dates, [people] ramp in content/plan.toml, and the region's month targets"
	c.errs.Add(d)
}

// teamLabel names a team for messages: `team "sh" of region "east"`, or
// `region "north"` for a region without teams.
func (c *computer) teamLabel(t *Team) string {
	if t.Implicit() {
		return `region "` + t.Region.ID + `"`
	}
	return `team "` + t.ID + `" of region "` + t.Region.ID + `"`
}

// monthBasis returns what a region's month shares s_m are taken from: its
// month targets over its target. A region whose target is 0 has no
// seasonality of its own; its teams then follow the company's (or an
// even year when the company's target is 0 too).
func (c *computer) monthBasis(rr *Region) ([12]int64, int64) {
	if rr.Target != 0 {
		return rr.Months, rr.Target
	}
	if c.r.Target != 0 {
		return c.r.Months, c.r.Target
	}
	var even [12]int64
	for m := range even {
		even[m] = 1
	}
	return even, 12
}

// intCapacities returns the people's capacities as whole numbers: the
// capacity of person i in month m is w[i][m] × scale. ok is false when
// they do not fit 62 bits, or the ramp factors do not fit 32 bits. sum is
// the sum of w.
func intCapacities(people []*Person, months [12]int64, total int64, cal *calendar) (w [][]uint64, scale *big.Rat, sum uint64, ok bool) {
	const limit = 1 << 62
	if !cal.rampOK {
		return nil, nil, 0, false
	}
	// Weights as whole numbers: weight × the least common multiple of
	// their denominators, divided by their greatest common divisor.
	lw, gw := uint64(1), uint64(0)
	weights := make([]uint64, len(people))
	for _, p := range people {
		if !p.Weight.Denom().IsUint64() || !p.Weight.Num().IsUint64() {
			return nil, nil, 0, false
		}
		if lw = lcm(lw, p.Weight.Denom().Uint64()); lw >= limit {
			return nil, nil, 0, false
		}
	}
	for i, p := range people {
		hi, lo := bits.Mul64(p.Weight.Num().Uint64(), lw/p.Weight.Denom().Uint64())
		if hi != 0 || lo >= limit {
			return nil, nil, 0, false
		}
		weights[i] = lo
		gw = gcd(gw, lo)
	}
	// The time factors month target × days × (lcm / month length) × ramp
	// factor × rampL, divided by their greatest common divisor.
	slab := make([]uint64, 12*len(people))
	w = make([][]uint64, len(people))
	var gt uint64
	for i, p := range people {
		w[i] = slab[12*i : 12*i+12]
		for m := 0; m < 12; m++ {
			if p.Days[m] == 0 || months[m] == 0 {
				continue
			}
			f := cal.rampL
			if k, ok := cal.rampIndex(p.Person, m, len(cal.ramp)); ok {
				f = cal.ramp[k]
			}
			// months[m] < 2⁶⁰, days × lcm / length ≤ lcm < 2¹⁵ at most
			// (the lengths are 28 to 31), f < 2³².
			x, ok := mul62(uint64(months[m]), uint64(p.Days[m])*(cal.lcm/uint64(cal.days[m])))
			if ok {
				x, ok = mul62(x, f)
			}
			if !ok {
				return nil, nil, 0, false
			}
			w[i][m] = x
			gt = gcd(gt, x)
		}
	}
	if gw == 0 || gt == 0 {
		return w, new(big.Rat), 0, true // all zero
	}
	for i := range w {
		for m, x := range w[i] {
			if x == 0 {
				continue
			}
			v, ok := mul62(weights[i]/gw, x/gt)
			if !ok || sum+v >= limit {
				return nil, nil, 0, false
			}
			w[i][m] = v
			sum += v
		}
	}
	// scale = gw × gt / (lw × total × lcm × rampL)
	num := new(big.Int).Mul(new(big.Int).SetUint64(gw), new(big.Int).SetUint64(gt))
	den := new(big.Int).Mul(new(big.Int).SetUint64(lw), big.NewInt(total))
	den.Mul(den, new(big.Int).SetUint64(cal.lcm))
	den.Mul(den, new(big.Int).SetUint64(cal.rampL))
	return w, new(big.Rat).SetFrac(num, den), sum, true
}

// mul62 returns a × b, and whether it is below 2⁶².
func mul62(a, b uint64) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	return lo, hi == 0 && lo < 1<<62
}

// ratCapacities returns the people's capacities as exact fractions, as
// the format states them.
func ratCapacities(people []*Person, months [12]int64, total int64, cal *calendar) [][]*big.Rat {
	w := make([][]*big.Rat, len(people))
	for i, p := range people {
		w[i] = make([]*big.Rat, 12)
		for m := 0; m < 12; m++ {
			x := new(big.Rat)
			w[i][m] = x
			if p.Days[m] == 0 || months[m] == 0 {
				continue
			}
			x.SetFrac64(months[m], total)                              // s_m
			x.Mul(x, big.NewRat(int64(p.Days[m]), int64(cal.days[m]))) // availability
			x.Mul(x, p.Weight)
			if p.Ramp[m] != nil {
				x.Mul(x, p.Ramp[m])
			}
		}
	}
	return w
}
