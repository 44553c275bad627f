package compute

import (
	"fmt"
	"math/big"

	"planbook/generator/alloc"
)

// Actuals compares the actual results of the running year with the plan
// (section 8 of the format). Every amount is exact, in the plan's unit.
type Actuals struct {
	// Through is the last fiscal month with results (0 to 11): the year
	// to date ends with it.
	Through int
	// Months and Quarters are in fiscal order, their Target the period's
	// target. Their plan to date is that target up to Through and 0
	// after it, where they have no attainment.
	Months   [12]*Attainment
	Quarters [4]*Attainment
	// Year is the company's year to date: its plan to date is the month
	// targets up to Through.
	Year    Attainment
	Regions []*RegionActual // in the plan's region order
	// Others is the regions a site for some regions' audience leaves
	// out, added up (id "others"); nil for a whole site.
	Others    *RegionActual
	Products  []*Attainment // in the plan's order, then Unassigned
	Channels  []*Attainment // the company's channels, then Unassigned
	Customers []*Attainment // in the plan's order, then Unassigned
}

// Unassigned is the id of the rows of a breakdown that name no product,
// channel or customer type, so that every breakdown adds up to the year.
const Unassigned = ""

// Attainment is one line of plan against actual.
type Attainment struct {
	ID, Name   string
	Target     *big.Rat // the full-year target; 0 for Unassigned
	Plan       *big.Rat // the plan to date
	Actual     *big.Rat // the actual to date
	Attainment *big.Rat // Actual / Plan; nil when Plan is 0
	// Projection is the full year if the rest of it goes as the year to
	// date did against the plan: Target × Actual / Plan, rounded to the
	// plan's precision. When the plan to date is 0 it is the actual plus
	// the plan for the rest of the year. Nil for Unassigned.
	Projection *big.Rat
}

// RegionActual is one region's actual against its plan.
type RegionActual struct {
	Attainment
	Months [12]*big.Rat
}

// actuals adds up p.Actuals against the computed plan; nil when
// there are none.
func (c *computer) actuals() {
	p, r := c.p, c.r
	if len(p.Actuals) == 0 {
		return
	}
	a := &Actuals{}
	var months [12]*big.Rat
	for i := range months {
		months[i] = new(big.Rat)
	}
	regionIndex := map[string]int{}
	for i, reg := range r.Regions {
		regionIndex[reg.ID] = i
		ra := &RegionActual{}
		for m := range ra.Months {
			ra.Months[m] = new(big.Rat)
		}
		a.Regions = append(a.Regions, ra)
	}
	products := newBreakdown()
	channels := newBreakdown()
	customers := newBreakdown()
	for _, row := range p.Actuals {
		if row.Month > a.Through {
			a.Through = row.Month
		}
		months[row.Month].Add(months[row.Month], row.Revenue)
		if i, ok := regionIndex[row.Region]; ok {
			ra := a.Regions[i]
			ra.Months[row.Month].Add(ra.Months[row.Month], row.Revenue)
		}
		products.add(row.Product, row.Revenue)
		channels.add(row.Channel, row.Revenue)
		customers.add(row.Customer, row.Revenue)
	}
	for m, actual := range months {
		target, planned := r.Amount(r.Months[m]), new(big.Rat)
		if m <= a.Through {
			planned = target
		}
		a.Months[m] = period(p.MonthLabel(m), target, planned, actual)
	}
	for q := range a.Quarters {
		target, planned, actual := new(big.Rat), new(big.Rat), new(big.Rat)
		for _, mo := range a.Months[3*q : 3*q+3] {
			target.Add(target, mo.Target)
			planned.Add(planned, mo.Plan)
			actual.Add(actual, mo.Actual)
		}
		a.Quarters[q] = period(fmt.Sprintf("Q%d", q+1), target, planned, actual)
	}

	// The company and each region: plan to date from their month targets.
	unitsTo := func(months [12]int64) int64 {
		var sum int64
		for m := 0; m <= a.Through; m++ {
			sum += months[m]
		}
		return sum
	}
	toDate := func(months [12]int64) *big.Rat { return r.Amount(unitsTo(months)) }
	sumTo := func(months [12]*big.Rat) *big.Rat {
		sum := new(big.Rat)
		for m := 0; m <= a.Through; m++ {
			sum.Add(sum, months[m])
		}
		return sum
	}
	a.Year = *c.attainment("", "", r.Amount(r.Target), toDate(r.Months), sumTo(months))
	for i, reg := range r.Regions {
		a.Regions[i].Attainment = *c.attainment(reg.ID, reg.Name, r.Amount(reg.Target), toDate(reg.Months), sumTo(a.Regions[i].Months))
	}

	// Products have month targets of their own.
	for _, pr := range r.Products {
		a.Products = append(a.Products, c.attainment(pr.ID, pr.Name, r.Amount(pr.Target), toDate(pr.Months), products.get(pr.ID)))
	}
	a.Products = products.unassigned(a.Products, a.Year.Plan)

	// Channels and customer types have annual targets only. A region's
	// plan to date is split among its channels, and the company's among
	// the customer types, in proportion to their targets (largest
	// remainder, so that the parts add up exactly). What no channel or
	// customer type holds (a region without channels) is the plan of the
	// Unassigned line.
	channelPlan := map[string]int64{}
	for _, reg := range r.Regions {
		if len(reg.Channels) == 0 {
			continue
		}
		weights := make([]*big.Rat, len(reg.Channels))
		for j, ch := range reg.Channels {
			weights[j] = new(big.Rat).SetInt64(ch.Target)
		}
		if !allZero(weights) {
			for j, part := range alloc.Split(unitsTo(reg.Months), weights) {
				channelPlan[reg.Channels[j].ID] += part
			}
		}
	}
	for _, ch := range r.Channels {
		a.Channels = append(a.Channels, c.attainment(ch.ID, ch.Name, r.Amount(ch.Target), r.Amount(channelPlan[ch.ID]), channels.get(ch.ID)))
	}
	a.Channels = channels.unassigned(a.Channels, a.Year.Plan)
	customerPlan := make([]int64, len(r.Customers))
	weights := make([]*big.Rat, len(r.Customers))
	for j, cu := range r.Customers {
		weights[j] = new(big.Rat).SetInt64(cu.Target)
	}
	if len(weights) > 0 && !allZero(weights) {
		customerPlan = alloc.Split(unitsTo(r.Months), weights)
	}
	for j, cu := range r.Customers {
		a.Customers = append(a.Customers, c.attainment(cu.ID, cu.Name, r.Amount(cu.Target), r.Amount(customerPlan[j]), customers.get(cu.ID)))
	}
	a.Customers = customers.unassigned(a.Customers, a.Year.Plan)
	r.Actuals = a
}

// period is a month's or a quarter's line: no projection.
func period(label string, target, planned, actual *big.Rat) *Attainment {
	at := &Attainment{ID: label, Name: label, Target: target, Plan: planned, Actual: actual}
	if planned.Sign() != 0 {
		at.Attainment = new(big.Rat).Quo(actual, planned)
	}
	return at
}

// attainment compares actual with plan to date and projects the year.
func (c *computer) attainment(id, name string, target, planned, actual *big.Rat) *Attainment {
	at := &Attainment{ID: id, Name: name, Target: target, Plan: planned, Actual: actual}
	if planned.Sign() != 0 {
		at.Attainment = new(big.Rat).Quo(actual, planned)
		at.Projection = new(big.Rat).Mul(target, at.Attainment)
	} else {
		at.Projection = new(big.Rat).Sub(target, planned)
		at.Projection.Add(at.Projection, actual)
	}
	at.Projection = c.round(at.Projection)
	return at
}

// round rounds an amount to a whole multiple of the plan's precision, half
// away from zero.
func (c *computer) round(amount *big.Rat) *big.Rat {
	u := new(big.Rat).Quo(amount, c.p.Precision)
	n := new(big.Int).Quo(u.Num(), u.Denom()) // toward zero
	rem := new(big.Rat).Sub(u, new(big.Rat).SetInt(n))
	if rem.Abs(rem).Cmp(big.NewRat(1, 2)) >= 0 {
		n.Add(n, big.NewInt(int64(u.Sign())))
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), c.p.Precision)
}

// breakdown adds up actuals by id.
type breakdown map[string]*big.Rat

func newBreakdown() breakdown { return breakdown{} }

func (b breakdown) add(id string, v *big.Rat) {
	if b[id] == nil {
		b[id] = new(big.Rat)
	}
	b[id].Add(b[id], v)
}

func (b breakdown) get(id string) *big.Rat {
	if v := b[id]; v != nil {
		return v
	}
	return new(big.Rat)
}

// unassigned appends the line of the rows that named no id, with the plan
// to date that no line holds (year less the lines' plans), when either is
// there.
func (b breakdown) unassigned(list []*Attainment, year *big.Rat) []*Attainment {
	planned := new(big.Rat).Set(year)
	for _, at := range list {
		planned.Sub(planned, at.Plan)
	}
	v, ok := b[Unassigned]
	if !ok && planned.Sign() == 0 {
		return list
	}
	if v == nil {
		v = new(big.Rat)
	}
	at := &Attainment{ID: Unassigned, Target: new(big.Rat), Plan: planned, Actual: v}
	if planned.Sign() != 0 {
		at.Attainment = new(big.Rat).Quo(v, planned)
	}
	return append(list, at)
}

func allZero(weights []*big.Rat) bool {
	for _, w := range weights {
		if w.Sign() != 0 {
			return false
		}
	}
	return true
}
