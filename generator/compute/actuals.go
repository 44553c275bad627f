package compute

import (
	"fmt"
	"math/big"

	"planbook/generator/alloc"
	"planbook/generator/diag"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
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
	// People and Teams compare what the rows that name a person (the
	// person column) booked with their quotas and their teams' assigned
	// totals; nil when no row names a person. Keyed by the computed
	// person and team, so that a plan narrowed to some regions (whose
	// lists are shorter) looks up its own.
	People map[*Person]*PersonActual
	Teams  map[*Team]*Attainment
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

// CompareActuals compares the actual results of r.Plan with the computed
// plan r again, replacing r.Actuals: for a plan whose TOML files did not
// change since r was computed, but whose actuals did.
func CompareActuals(r *Result) *diag.List {
	c := &computer{p: r.Plan, r: r, errs: &diag.List{}}
	r.Actuals = nil
	c.actuals()
	return c.errs
}

// actuals adds up p.Actuals against the computed plan; nil when
// there are none.
func (c *computer) actuals() {
	if len(c.p.Actuals) == 0 {
		return
	}
	s := c.sumActuals()
	if s == nil {
		return
	}
	a := &Actuals{Through: s.through}
	c.periodActuals(a, s)
	c.regionActuals(a, s)
	c.productActuals(a, s)
	c.channelActuals(a, s)
	c.customerActuals(a, s)
	c.peopleActuals(a, s.people)
	c.r.Actuals = a
}

// actualSums is the actual results added up in millionths of the unit
// (int64, exact, converted to amounts once): by month, by region and
// month, and by product, channel, customer type and person.
type actualSums struct {
	through int // the last fiscal month with results
	months  [12]int64
	regions [][12]int64 // in the plan's region order
	// products, channels and customers are keyed by id (Unassigned for
	// the rows that name none); people by person and month (month).
	products, channels, customers, people breakdown
}

// sumActuals adds up the rows of p.Actuals, or reports that they overflow
// int64 millionths of the unit and returns nil.
func (c *computer) sumActuals() *actualSums {
	p, r := c.p, c.r
	s := &actualSums{
		regions:  make([][12]int64, len(r.Regions)),
		products: breakdown{}, channels: breakdown{}, customers: breakdown{}, people: breakdown{},
	}
	regionIndex := make(map[string]int, len(r.Regions))
	for i, reg := range r.Regions {
		regionIndex[reg.ID] = i
	}
	sums := &microSums{}
	for _, row := range p.Actuals {
		s.through = max(s.through, row.Month)
		sums.add(&s.months[row.Month], row.Micro)
		if i, ok := regionIndex[row.Region]; ok {
			sums.add(&s.regions[i][row.Month], row.Micro)
		}
		sums.add(s.products.at(row.Product), row.Micro)
		sums.add(s.channels.at(row.Channel), row.Micro)
		sums.add(s.customers.at(row.Customer), row.Micro)
		if row.Person != "" {
			sums.add(s.people.month(row.Person, row.Month), row.Micro)
		}
	}
	if sums.overflow {
		c.errs.Add(diag.Diagnostic{Level: diag.Error, File: p.ActualsFiles[0],
			Message: fmt.Sprintf("the actual results add up to more than %s in the plan's unit", numfmt.Group("9223372036854", ",")),
			Hint:    "check the unit of the revenue column: it is the plan's unit (" + p.Unit + ")"})
		return nil
	}
	return s
}

// periodActuals sets the company's month and quarter lines: a quarter
// adds up its three months.
func (c *computer) periodActuals(a *Actuals, s *actualSums) {
	p, r := c.p, c.r
	for m, actual := range s.months {
		a.Months[m] = a.MonthLine(p.MonthLabel(m), m, r.Amount(r.Months[m]), micro(actual))
	}
	for q := range a.Quarters {
		target, planned, actual := new(big.Rat), new(big.Rat), new(big.Rat)
		for _, mo := range a.Months[3*q : 3*q+3] {
			target.Add(target, mo.Target)
			planned.Add(planned, mo.Plan)
			actual.Add(actual, mo.Actual)
		}
		a.Quarters[q] = Period(fmt.Sprintf("Q%d", q+1), target, planned, actual)
	}
}

// regionActuals sets the company's year to date and each region's, with
// the region's months: the plan to date is their month targets up to
// Through.
func (c *computer) regionActuals(a *Actuals, s *actualSums) {
	r := c.r
	a.Year = *c.attainment("", "", r.Amount(r.Target), r.Amount(unitsTo(r.Months, a.Through)), microTo(s.months, a.Through))
	for i, reg := range r.Regions {
		ra := &RegionActual{}
		for m, v := range s.regions[i] {
			ra.Months[m] = micro(v)
		}
		ra.Attainment = *c.attainment(reg.ID, reg.Name, r.Amount(reg.Target), r.Amount(unitsTo(reg.Months, a.Through)), microTo(s.regions[i], a.Through))
		a.Regions = append(a.Regions, ra)
	}
}

// productActuals sets the product lines' lines: products have month
// targets of their own, so their plan to date is those up to Through.
func (c *computer) productActuals(a *Actuals, s *actualSums) {
	r := c.r
	for _, pr := range r.Products {
		a.Products = append(a.Products, c.attainment(pr.ID, pr.Name, r.Amount(pr.Target), r.Amount(unitsTo(pr.Months, a.Through)), s.products.get(pr.ID)))
	}
	a.Products = s.products.unassigned(a.Products, a.Year.Plan)
}

// channelActuals sets the company's channels' lines. Channels have annual
// targets only: a region's plan to date is split among its channels in
// proportion to their targets (largest remainder, so that the parts add
// up exactly). What no channel holds (a region without channels) is the
// plan of the Unassigned line.
func (c *computer) channelActuals(a *Actuals, s *actualSums) {
	r := c.r
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
			for j, part := range alloc.Split(unitsTo(reg.Months, a.Through), weights) {
				channelPlan[reg.Channels[j].ID] += part
			}
		}
	}
	for _, ch := range r.Channels {
		a.Channels = append(a.Channels, c.attainment(ch.ID, ch.Name, r.Amount(ch.Target), r.Amount(channelPlan[ch.ID]), s.channels.get(ch.ID)))
	}
	a.Channels = s.channels.unassigned(a.Channels, a.Year.Plan)
}

// customerActuals sets the customer types' lines. Customer types have
// annual targets only: the company's plan to date is split among them in
// proportion to their targets (largest remainder); what none holds is the
// plan of the Unassigned line.
func (c *computer) customerActuals(a *Actuals, s *actualSums) {
	r := c.r
	customerPlan := make([]int64, len(r.Customers))
	weights := make([]*big.Rat, len(r.Customers))
	for j, cu := range r.Customers {
		weights[j] = new(big.Rat).SetInt64(cu.Target)
	}
	if len(weights) > 0 && !allZero(weights) {
		customerPlan = alloc.Split(unitsTo(r.Months, a.Through), weights)
	}
	for j, cu := range r.Customers {
		a.Customers = append(a.Customers, c.attainment(cu.ID, cu.Name, r.Amount(cu.Target), r.Amount(customerPlan[j]), s.customers.get(cu.ID)))
	}
	a.Customers = s.customers.unassigned(a.Customers, a.Year.Plan)
}

// unitsTo returns the sum of month targets in the plan's units up to and
// including fiscal month through.
func unitsTo(months [12]int64, through int) int64 {
	var sum int64
	for m := 0; m <= through; m++ {
		sum += months[m]
	}
	return sum
}

// microTo returns the sum of month actuals in millionths of the unit up to
// and including fiscal month through, as an amount. It adds exact amounts,
// not int64s: each month fits in an int64, the sum of twelve may not.
func microTo(months [12]int64, through int) *big.Rat {
	sum := new(big.Rat)
	for m := 0; m <= through; m++ {
		sum.Add(sum, micro(months[m]))
	}
	return sum
}

// Period returns a month's or a quarter's line (no projection): its
// attainment is Rate(actual, planned).
func Period(label string, target, planned, actual *big.Rat) *Attainment {
	return &Attainment{ID: label, Name: label, Target: target, Plan: planned, Actual: actual, Attainment: Rate(actual, planned)}
}

// MonthLine returns the line of fiscal month m with its target and
// actual: its plan to date is the target up to Through and 0 after it.
func (a *Actuals) MonthLine(label string, m int, target, actual *big.Rat) *Attainment {
	planned := new(big.Rat)
	if m <= a.Through {
		planned = target
	}
	return Period(label, target, planned, actual)
}

// Rate returns actual ÷ planned, or nil when planned is 0.
func Rate(actual, planned *big.Rat) *big.Rat {
	if planned.Sign() == 0 {
		return nil
	}
	return new(big.Rat).Quo(actual, planned)
}

// attainment compares actual with plan to date and projects the year.
func (c *computer) attainment(id, name string, target, planned, actual *big.Rat) *Attainment {
	at := &Attainment{ID: id, Name: name, Target: target, Plan: planned, Actual: actual, Attainment: Rate(actual, planned)}
	if at.Attainment != nil {
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

// breakdown adds up actuals by id, in millionths of the unit.
type breakdown map[string]*int64

// at returns the sum of id, to add to.
func (b breakdown) at(id string) *int64 {
	p := b[id]
	if p == nil {
		p = new(int64)
		b[id] = p
	}
	return p
}

func (b breakdown) get(id string) *big.Rat {
	if p := b[id]; p != nil {
		return micro(*p)
	}
	return new(big.Rat)
}

// microSums adds int64 millionths, noting an overflow.
type microSums struct{ overflow bool }

func (s *microSums) add(sum *int64, v int64) {
	n := *sum + v
	if (v > 0 && n < *sum) || (v < 0 && n > *sum) {
		s.overflow = true
	}
	*sum = n
}

// micro converts millionths of the unit to an amount.
func micro(v int64) *big.Rat { return big.NewRat(v, plan.MicroScale) }

// unassigned appends the line of the rows that named no id, with the plan
// to date that no line holds (year less the lines' plans), when either is
// there.
func (b breakdown) unassigned(list []*Attainment, year *big.Rat) []*Attainment {
	planned := new(big.Rat).Set(year)
	for _, at := range list {
		planned.Sub(planned, at.Plan)
	}
	_, ok := b[Unassigned]
	if !ok && planned.Sign() == 0 {
		return list
	}
	return append(list, Period(Unassigned, new(big.Rat), planned, b.get(Unassigned)))
}

func allZero(weights []*big.Rat) bool {
	for _, w := range weights {
		if w.Sign() != 0 {
			return false
		}
	}
	return true
}
