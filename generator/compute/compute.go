// Package compute turns a validated plan into its breakdowns: the annual
// target, its split by quarter and month, product line, customer type,
// region and channel, the two-way tables between them, per-head and
// per-customer figures, growth figures, each region's teams and each
// person's quota by month, and the checks list.
//
// It is pure arithmetic on exact numbers: no I/O, no floating point, and
// the same plan always gives the same result.
package compute

import (
	"math/big"

	"planbook/generator/alloc"
	"planbook/generator/diag"
	"planbook/generator/message"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
)

// Result is a computed plan. Amounts are whole counts of the plan's
// precision (units); Amount converts them to the plan's unit.
type Result struct {
	Plan *plan.Plan

	Target   int64
	Growth   *big.Rat // target over baseline revenue, minus 1; nil without a baseline
	Quarters [4]int64
	Months   [12]int64
	PerHead  PerHead

	Products  []*Product
	Customers []*Customer
	Regions   []*Region
	Channels  []*ChannelTotal
	// Teams are every region's teams, region by region; a region without
	// [[teams]] has one, itself.
	Teams []*Team
	// People are the roster's people in the order written, with their
	// quotas; none without a roster.
	People []*Person
	// Checks is the checks list as the site shows it: it names people
	// only when the site shows people (people_pages), and otherwise
	// counts them per team; NamedChecks names them.
	Checks []Check
	// Balance is what the people-balance check found; nil without people.
	Balance *Balance

	// Actuals compares the actual results with the plan; nil before the
	// year has any.
	Actuals *Actuals

	// Others is the regions left out of a site built for some regions'
	// audience only, added up; nil for a whole site.
	Others *Others
}

// Others is the sum of the regions a site for some regions' audience does
// not show: company totals less the regions it shows.
type Others struct {
	Count     int
	Target    int64
	Quarters  [4]int64
	Months    [12]int64
	Products  []int64 // by the plan's product order
	Customers []int64 // by the plan's customer order
	Channels  map[string]int64
	Headcount int64
}

// PerHead is revenue per head: last year's and the target's, in the plan's
// unit rounded to two decimals, and the growth between them.
type PerHead struct {
	Baseline *big.Rat // nil without a baseline headcount
	Target   *big.Rat // nil when no region sets a headcount
	Growth   *big.Rat // nil when either is missing
}

// Product is a product line's part of the plan.
type Product struct {
	*plan.Product
	Target   int64
	Share    *big.Rat // of the company target, as split
	Growth   *big.Rat // nil without a baseline
	Quarters [4]int64
	Months   [12]int64
}

// Customer is a customer type's part of the plan.
type Customer struct {
	*plan.Customer
	Target      int64
	Share       *big.Rat
	Growth      *big.Rat
	PerCustomer *big.Rat // target / count, two decimals; nil without a count
}

// Region is one region's part of the plan.
type Region struct {
	*plan.Region
	Target    int64
	Share     *big.Rat
	Growth    *big.Rat
	PerHead   *big.Rat // target / headcount, two decimals; nil without headcount
	Quarters  [4]int64
	Months    [12]int64
	Channels  []*Channel
	Products  []int64 // by the plan's product order
	Customers []*RegionCustomer
	// Overassign is the region's over-assignment: its own, else the
	// plan's default, else 0.
	Overassign *big.Rat
	Teams      []*Team
	// Carried is what the region's people carry in each month: their
	// month quotas added up (0 without a roster).
	Carried [12]int64
	// Coverage is Carried over the month's target; 0 where the region has
	// no people or the month's target is 0.
	Coverage [12]*big.Rat
}

// RegionCustomer is a customer type's part of one region.
type RegionCustomer struct {
	ID     string
	Target int64
	Count  int64 // the region's own count; 0 when it sets none
	// PerCustomer is target / the region's count, or the company average
	// when the region sets no count (Own is then false).
	PerCustomer *big.Rat
	Own         bool
}

// Channel is one channel of one region.
type Channel struct {
	*plan.Channel
	Target int64
	Share  *big.Rat // of the region's target, as split
	Growth *big.Rat
}

// ChannelTotal is a channel's total over all regions.
type ChannelTotal struct {
	ID      string
	Name    string
	Target  int64
	Regions int // how many regions have it
}

// Check is one entry of the checks list, as data: its text is written
// where it is shown, in the reader's language (i18n.Lang.Format of
// Message).
type Check struct {
	Level CheckLevel
	Code  string
	Key   string        // the catalog key of its wording
	Args  []message.Arg // the figures and names it quotes
	// Regions are the ids of the regions the check is about; empty for the
	// company as a whole. A site for other regions' audience leaves it out.
	Regions []string
}

// Message returns the check's text as a message to translate.
func (c Check) Message() message.Message { return message.Message{Key: c.Key, Args: c.Args} }

// CheckLevel is ok, warning or error.
type CheckLevel string

// The check levels.
const (
	OK      CheckLevel = "ok"
	Warning CheckLevel = "warning"
	Error   CheckLevel = "error"
)

// Amount converts units to an amount in the plan's unit.
func (r *Result) Amount(units int64) *big.Rat {
	if p := r.Plan.Precision; p.IsInt() {
		// A whole precision (most plans) needs no fraction reduced: the
		// checks of a large roster convert tens of thousands of amounts,
		// and the explanations of a large plan hundreds of thousands.
		if q := p.Num(); q.IsInt64() && units > -1<<31 && units < 1<<31 && q.Int64() < 1<<31 {
			return new(big.Rat).SetInt64(units * q.Int64())
		}
		n := new(big.Int).SetInt64(units)
		return new(big.Rat).SetInt(n.Mul(n, p.Num()))
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt64(units), r.Plan.Precision)
}

// Compute computes the breakdowns of p, which must have loaded without
// errors. Problems only the arithmetic can find (a table whose fixed rows
// take more of a column than it holds) are returned as diagnostics; the
// result is then incomplete.
func Compute(p *plan.Plan) (*Result, *diag.List) {
	c := &computer{p: p, r: &Result{Plan: p}, errs: &diag.List{}}
	c.run()
	return c.r, c.errs
}

type computer struct {
	p    *plan.Plan
	r    *Result
	errs *diag.List
}

func (c *computer) run() {
	p, r := c.p, c.r
	r.Target = c.annualTarget()
	if p.Baseline.Revenue != nil && p.Baseline.Revenue.Sign() > 0 {
		r.Growth = growth(r.Amount(r.Target), p.Baseline.Revenue)
	}
	companyQ := quarterShares(p.Seasonality)
	copy(r.Quarters[:], alloc.Split(r.Target, companyQ))
	for q := 0; q < 4; q++ {
		copy(r.Months[3*q:3*q+3], alloc.Split(r.Quarters[q], monthWeights(p.Seasonality, q)))
	}
	c.products()
	c.customers()
	c.regions()
	c.channels()
	c.teams()
	c.people()
	c.perHead()
	c.checks()
	if !c.errs.HasErrors() {
		c.peopleChecks()
	}
	c.actuals()
}

// annualTarget returns T in units.
func (c *computer) annualTarget() int64 {
	p := c.p
	if p.Target.Revenue != nil {
		return c.units(p.Target.Revenue, p.Target.Pos)
	}
	if p.Target.Growth == nil || p.Baseline.Revenue == nil {
		return 0
	}
	t := new(big.Rat).Add(big.NewRat(1, 1), p.Target.Growth)
	return c.units(t.Mul(t, p.Baseline.Revenue), p.Target.Pos)
}

// maxUnits bounds every amount in units: a quadrillion units is far beyond
// any plan, and keeps every sum well inside int64.
const maxUnits = 1_000_000_000_000_000

// units rounds an amount to whole units (half away from zero), reporting
// an amount too large to plan with at pos.
func (c *computer) units(amount *big.Rat, pos diag.Pos) int64 {
	u := new(big.Rat).Quo(amount, c.p.Precision)
	if new(big.Rat).Abs(u).Cmp(new(big.Rat).SetInt64(maxUnits)) > 0 {
		most := new(big.Rat).Mul(new(big.Rat).SetInt64(maxUnits), c.p.Precision)
		d := pos.At("amount %s %s is too large: at most %s %s, 10^15 times the precision %s",
			numfmt.Group(numfmt.Exact(amount), ","), c.p.Unit, numfmt.Group(numfmt.Exact(most), ","), c.p.Unit, numfmt.Exact(c.p.Precision))
		d.Hint = "check the baseline, growth and precision; a coarser precision (for example 1 instead of 0.01) allows larger amounts"
		c.errs.Add(d)
		return 0
	}
	return alloc.RoundHalfAway(u)
}

// quarterShares returns a seasonality's quarter shares, equal when unset.
func quarterShares(s plan.Seasonality) []*big.Rat {
	if s.Quarters != nil {
		return s.Quarters
	}
	return []*big.Rat{big.NewRat(1, 4), big.NewRat(1, 4), big.NewRat(1, 4), big.NewRat(1, 4)}
}

// monthWeights returns the weights of quarter q's three months, equal when
// unset.
func monthWeights(s plan.Seasonality, q int) []*big.Rat {
	if s.Months != nil {
		return s.Months[3*q : 3*q+3]
	}
	one := big.NewRat(1, 1)
	return []*big.Rat{one, one, one}
}

// monthShares returns quarter q's month weights as shares of the quarter.
func monthShares(s plan.Seasonality, q int) []*big.Rat {
	w := monthWeights(s, q)
	sum := new(big.Rat).Add(w[0], w[1])
	sum.Add(sum, w[2])
	out := make([]*big.Rat, 3)
	for i := range w {
		out[i] = new(big.Rat).Quo(w[i], sum)
	}
	return out
}

// growth returns target / baseline − 1, or nil when baseline is nil or 0.
func growth(target, baseline *big.Rat) *big.Rat {
	if baseline == nil || baseline.Sign() == 0 {
		return nil
	}
	g := new(big.Rat).Quo(target, baseline)
	return g.Sub(g, big.NewRat(1, 1))
}

// perUnit returns amount / n rounded to two decimals, or nil when n is 0.
func perUnit(amount *big.Rat, n int64) *big.Rat {
	if n <= 0 {
		return nil
	}
	v := new(big.Rat).Quo(amount, new(big.Rat).SetInt64(n))
	return round2(v)
}

// round2 rounds r half away from zero to two decimals.
func round2(r *big.Rat) *big.Rat {
	out, _ := new(big.Rat).SetString(r.FloatString(2)) // FloatString rounds half away from zero
	return out
}
