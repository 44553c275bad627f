package compute

import (
	"math/big"
	"slices"

	"planbook/generator/message"
	"planbook/generator/plan"
)

// peopleChecks adds the checks of section 10.5 (with a roster only):
// people-coverage, people-balance and people-overassign. The
// people-balance warnings name people only when the site shows people;
// otherwise they count them per team, and NamedChecks names them.
func (c *computer) peopleChecks() {
	if c.p.Roster == nil {
		return
	}
	c.coverageChecks()
	c.balanceChecks()
	c.overassignChecks()
}

// coverageChecks warns of every region and month whose people carry less
// than the month's target.
func (c *computer) coverageChecks() {
	short := false
	for _, rr := range c.r.Regions {
		for m, target := range rr.Months {
			if rr.Carried[m] >= target {
				continue
			}
			short = true
			c.checkFor([]string{rr.ID}, Warning, "people-coverage", "check.people-coverage", message.Text(rr.Name), message.Text(c.p.MonthLabel(m)),
				c.amount(rr.Carried[m]), c.amount(target), percent(rr.Coverage[m]), c.amount(target-rr.Carried[m]))
		}
	}
	if !short {
		c.check(OK, "people-coverage", "check.people-coverage.ok")
	}
}

// Balance is what the people-balance check found (section 10.5 of the
// format).
type Balance struct {
	// Median is the median of the people's full-year quotas per unit of
	// weight (Person.PerWeight), in units.
	Median *big.Rat
	// Limit is how far from it a person may be: [people] balance.
	Limit *big.Rat
	// Off are the people further from it than Limit, in roster order.
	Off []*Person
}

// Above reports whether a person of Off is above the median.
func (b *Balance) Above(ps *Person) bool { return ps.PerWeight.Cmp(b.Median) > 0 }

// balanceChecks compares every person's full-year-equivalent quota per
// unit of weight with the median of everyone's, and warns of each person
// off by more than [people] balance: by name where the site shows people,
// else counted per team.
func (c *computer) balanceChecks() {
	r := c.r
	var values []*big.Rat
	for _, ps := range r.People {
		if ps.PerWeight != nil {
			values = append(values, ps.PerWeight)
		}
	}
	if len(values) == 0 {
		return
	}
	b := &Balance{Median: medianOf(values), Limit: c.p.People.Balance}
	if b.Limit == nil {
		b.Limit = plan.DefaultBalance
	}
	r.Balance = b
	lo := new(big.Rat).Mul(b.Median, new(big.Rat).Sub(big.NewRat(1, 1), b.Limit))
	hi := new(big.Rat).Mul(b.Median, new(big.Rat).Add(big.NewRat(1, 1), b.Limit))
	off := map[*Team]int{}
	var cmp ratCmp
	for _, ps := range r.People {
		if v := ps.PerWeight; v != nil && b.Median.Sign() != 0 && (cmp.compare(v, hi) > 0 || cmp.compare(v, lo) < 0) {
			b.Off = append(b.Off, ps)
			off[ps.Team]++
		}
	}
	switch {
	case len(b.Off) == 0:
		c.check(OK, "people-balance", "check.people-balance.ok", percent(b.Limit), r.perWeight(b.Median))
	case c.p.Config.PeoplePages:
		for _, ps := range b.Off {
			r.Checks = append(r.Checks, r.balanceCheck(ps))
		}
	default:
		for _, t := range r.Teams {
			if n := off[t]; n > 0 {
				c.checkFor([]string{t.Region.ID}, Warning, "people-balance", "check.people-balance.team",
					teamName(t), message.Count(n), percent(b.Limit), r.perWeight(b.Median))
			}
		}
	}
}

// NamedChecks returns the checks list as planbook check prints it: Checks,
// with people-balance warnings that name each person where the site
// counts them per team.
func (r *Result) NamedChecks() []Check {
	if r.Balance == nil || len(r.Balance.Off) == 0 || r.Plan.Config.PeoplePages {
		return r.Checks
	}
	out := make([]Check, 0, len(r.Checks)+len(r.Balance.Off))
	named := false
	for _, c := range r.Checks {
		if c.Code != "people-balance" || c.Level != Warning {
			out = append(out, c)
			continue
		}
		if !named {
			for _, ps := range r.Balance.Off {
				out = append(out, r.balanceCheck(ps))
			}
			named = true
		}
	}
	return out
}

// balanceCheck is the people-balance warning naming one person.
func (r *Result) balanceCheck(ps *Person) Check {
	b := r.Balance
	key := "check.people-balance.below"
	if b.Above(ps) {
		key = "check.people-balance.above"
	}
	gap := new(big.Rat).Sub(ps.PerWeight, b.Median)
	gap.Quo(gap, b.Median)
	return Check{Level: Warning, Code: "people-balance", Key: key, Regions: []string{ps.Region}, Args: []message.Arg{
		message.Text(ps.Name), message.Text(ps.ID), teamName(ps.Team), r.perWeight(ps.PerWeight), percent(gap.Abs(gap)), r.perWeight(b.Median),
	}}
}

// perWeight is a figure per unit of weight, in units: rarely whole, so
// shown with two decimals, as per-head figures.
func (r *Result) perWeight(units *big.Rat) message.Amount {
	return message.Amount{Value: new(big.Rat).Mul(units, r.Plan.Precision), Places: 2, Unit: r.Plan.Unit}
}

// medianOf returns the median of values: the middle one, or the mean of
// the two middle ones.
func medianOf(values []*big.Rat) *big.Rat {
	xs := slices.Clone(values)
	var cmp ratCmp
	n := len(xs)
	upper := nth(xs, n/2, cmp.compare)
	if n%2 == 1 {
		return upper
	}
	// The lower middle is the largest of the values before the upper one.
	lower := slices.MaxFunc(xs[:n/2], cmp.compare)
	m := new(big.Rat).Add(lower, upper)
	return m.Quo(m, big.NewRat(2, 1))
}

// nth puts the k-th smallest of xs (from 0) at xs[k], the smaller ones
// before it and the others after, and returns it: a selection in linear
// time on average, where sorting tens of thousands of exact fractions
// would take several times longer. The pivot is the middle element, so the
// result does not depend on chance.
func nth(xs []*big.Rat, k int, cmp func(a, b *big.Rat) int) *big.Rat {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for cmp(xs[i], pivot) < 0 {
				i++
			}
			for cmp(xs[j], pivot) > 0 {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}

// ratCmp compares exact fractions without allocating once its scratch
// numbers have grown: big.Rat.Cmp allocates on every call, and the
// people-balance check compares tens of thousands.
type ratCmp struct{ x, y big.Int }

func (c *ratCmp) compare(a, b *big.Rat) int {
	c.x.Mul(a.Num(), b.Denom())
	c.y.Mul(b.Num(), a.Denom())
	return c.x.Cmp(&c.y)
}

// teamName names a team in a message: "上海团队(华东大区)", or the
// region's name for a region without teams.
func teamName(t *Team) message.Arg {
	if t.Implicit() {
		return message.Text(t.Region.Name)
	}
	return message.Message{Key: "team.label", Args: []message.Arg{message.Text(t.Name), message.Text(t.Region.Name)}}
}

// overassignChecks names each region's total over-assignment: what its
// teams carry beyond its target.
func (c *computer) overassignChecks() {
	for _, rr := range c.r.Regions {
		var assigned int64
		for _, t := range rr.Teams {
			assigned += t.Assigned
		}
		over, key := assigned-rr.Target, "check.people-overassign"
		if over < 0 {
			// Teams kept at their proposals (fit = "keep") may carry less.
			over, key = -over, "check.people-overassign.under"
		}
		c.checkFor([]string{rr.ID}, OK, "people-overassign", key, message.Text(rr.Name),
			c.amount(assigned), c.amount(rr.Target), c.amount(over), percent(ratio(over, rr.Target)))
	}
}
