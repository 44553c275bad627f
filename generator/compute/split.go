package compute

import (
	"fmt"
	"math/big"

	"planbook/generator/alloc"
	"planbook/generator/plan"
)

// split is the outcome of dividing an amount among the members of a list.
type split struct {
	targets []int64
	shares  []*big.Rat // each member's share of the amount, as split
	// keep is set when the members keep their own rounded proposals
	// (fit = "keep"), which need not add up to the amount.
	keep bool
	// proposed is the sum of the bottom-up proposals of a growth split, in
	// the plan's unit; nil for shares and weights.
	proposed *big.Rat
}

// split divides total units among ms by their shares, weights or growth
// proposals, as section 5.1 of the format says.
func (c *computer) split(total int64, ms []*plan.Member, fit plan.Fit) split {
	n := len(ms)
	s := split{targets: make([]int64, n), shares: make([]*big.Rat, n)}
	if n == 0 {
		return s
	}
	weights := make([]*big.Rat, n)
	switch ms[0].Kind {
	case plan.ByShare:
		for i, m := range ms {
			weights[i] = m.Share
		}
	case plan.ByWeight:
		for i, m := range ms {
			weights[i] = m.Weight
		}
	case plan.ByGrowth:
		s.proposed = new(big.Rat)
		for i, m := range ms {
			w := new(big.Rat).Add(big.NewRat(1, 1), m.Growth)
			w.Mul(w, m.Baseline)
			weights[i] = w
			s.proposed.Add(s.proposed, w)
		}
		if fit == plan.FitKeep {
			s.keep = true
			for i, w := range weights {
				s.targets[i] = c.units(w, ms[i].KindPos)
				s.shares[i] = ratio(s.targets[i], total)
			}
			return s
		}
	}
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	if sum.Sign() == 0 {
		// Every proposal is zero: nothing to scale by. Report it and give
		// everyone nothing rather than divide by zero.
		d := ms[0].KindPos.At("every %s proposes 0: nothing to split the target by", ms[0].Kind)
		d.Hint = "give at least one member a baseline above 0"
		c.errs.Add(d)
		for i := range s.shares {
			s.shares[i] = new(big.Rat)
		}
		return s
	}
	for i, w := range weights {
		s.shares[i] = new(big.Rat).Quo(w, sum)
	}
	s.targets = alloc.Split(total, weights)
	return s
}

// ratio returns a / b as an exact ratio, or 0 when b is 0.
func ratio(a, b int64) *big.Rat {
	if b == 0 {
		return new(big.Rat)
	}
	return big.NewRat(a, b)
}

func (c *computer) products() {
	p, r := c.p, c.r
	s := c.split(r.Target, plan.Members(p.Products), p.Target.Fit)
	c.noteFit("products", s, r.Target)
	rows := make([]row, len(p.Products))
	for i, pr := range p.Products {
		r.Products = append(r.Products, &Product{
			Product: pr, Target: s.targets[i], Share: s.shares[i],
			Growth: growth(r.Amount(s.targets[i]), pr.Baseline),
		})
		rows[i] = row{id: pr.ID, total: s.targets[i], pos: pr.Seasonality.QuartersPos}
		if pr.Seasonality.Quarters != nil {
			rows[i].shares = pr.Seasonality.Quarters
		}
	}
	quarters := c.table(tableProductsQuarters, rows, r.Quarters[:], quarterLabels)
	for i, pr := range r.Products {
		copy(pr.Quarters[:], quarters[i])
	}
	for q := 0; q < 4; q++ {
		for i, pr := range p.Products {
			rows[i] = row{id: pr.ID, total: r.Products[i].Quarters[q], pos: pr.Seasonality.MonthsPos}
			if pr.Seasonality.Months != nil {
				rows[i].shares = monthShares(pr.Seasonality, q)
			}
		}
		months := c.table(tableProductsMonths, rows, r.Months[3*q:3*q+3], c.monthLabels(q))
		for i, pr := range r.Products {
			copy(pr.Months[3*q:3*q+3], months[i])
		}
	}
}

func (c *computer) customers() {
	p, r := c.p, c.r
	s := c.split(r.Target, plan.Members(p.Customers), p.Target.Fit)
	c.noteFit("customers", s, r.Target)
	for i, cu := range p.Customers {
		r.Customers = append(r.Customers, &Customer{
			Customer: cu, Target: s.targets[i], Share: s.shares[i],
			Growth:      growth(r.Amount(s.targets[i]), cu.Baseline),
			PerCustomer: perUnit(r.Amount(s.targets[i]), cu.Count),
		})
	}
}

func (c *computer) regions() {
	p, r := c.p, c.r
	s := c.split(r.Target, plan.Members(p.Regions), p.Target.Fit)
	c.noteFit("regions", s, r.Target)
	n := len(p.Regions)
	for i, reg := range p.Regions {
		r.Regions = append(r.Regions, &Region{
			Region: reg, Target: s.targets[i], Share: s.shares[i],
			Growth:  growth(r.Amount(s.targets[i]), reg.Baseline),
			PerHead: perUnit(r.Amount(s.targets[i]), reg.Headcount),
		})
	}
	if n == 0 {
		return
	}
	rows := make([]row, n)
	for i, reg := range p.Regions {
		rows[i] = row{id: reg.ID, total: s.targets[i], pos: reg.Seasonality.QuartersPos, shares: reg.Seasonality.Quarters}
	}
	quarters := c.table(tableRegionsQuarters, rows, r.Quarters[:], quarterLabels)
	for i, rr := range r.Regions {
		copy(rr.Quarters[:], quarters[i])
	}
	for q := 0; q < 4; q++ {
		for i, reg := range p.Regions {
			rows[i] = row{id: reg.ID, total: r.Regions[i].Quarters[q], pos: reg.Seasonality.MonthsPos}
			if reg.Seasonality.Months != nil {
				rows[i].shares = monthShares(reg.Seasonality, q)
			}
		}
		months := c.table(tableRegionsMonths, rows, r.Months[3*q:3*q+3], c.monthLabels(q))
		for i, rr := range r.Regions {
			copy(rr.Months[3*q:3*q+3], months[i])
		}
	}

	productTotals := make([]int64, len(r.Products))
	productIDs := make([]string, len(r.Products))
	productLabels := make([]string, len(r.Products))
	for j, pr := range r.Products {
		productTotals[j], productIDs[j] = pr.Target, pr.ID
		productLabels[j] = fmt.Sprintf("product %q (%s)", pr.ID, pr.Name)
	}
	for i, reg := range p.Regions {
		rows[i] = row{id: reg.ID, total: s.targets[i], pos: reg.MixProductsPos, shares: mixShares(reg.MixProducts, productIDs)}
	}
	byProduct := c.table(tableRegionsProducts, rows, productTotals, productLabels)
	for i, rr := range r.Regions {
		rr.Products = byProduct[i]
	}

	customerTotals := make([]int64, len(r.Customers))
	customerIDs := make([]string, len(r.Customers))
	customerLabels := make([]string, len(r.Customers))
	for j, cu := range r.Customers {
		customerTotals[j], customerIDs[j] = cu.Target, cu.ID
		customerLabels[j] = fmt.Sprintf("customer type %q (%s)", cu.ID, cu.Name)
	}
	for i, reg := range p.Regions {
		rows[i] = row{id: reg.ID, total: s.targets[i], pos: reg.MixCustomersPos, shares: mixShares(reg.MixCustomers, customerIDs)}
	}
	byCustomer := c.table(tableRegionsCustomers, rows, customerTotals, customerLabels)
	for i, rr := range r.Regions {
		for j, cu := range r.Customers {
			rc := &RegionCustomer{ID: cu.ID, Target: byCustomer[i][j]}
			if n, ok := rr.CustomerCounts[cu.ID]; ok {
				rc.Count, rc.Own = n, true
				rc.PerCustomer = perUnit(r.Amount(rc.Target), n)
			} else {
				rc.PerCustomer = cu.PerCustomer
			}
			rr.Customers = append(rr.Customers, rc)
		}
	}
}

// mixShares returns a region's own mix as shares in the order of ids (ids
// left out are 0), or nil when the region sets no mix.
func mixShares(mix map[string]*big.Rat, ids []string) []*big.Rat {
	if mix == nil {
		return nil
	}
	out := make([]*big.Rat, len(ids))
	for j, id := range ids {
		if s, ok := mix[id]; ok {
			out[j] = s
		} else {
			out[j] = new(big.Rat)
		}
	}
	return out
}

func (c *computer) channels() {
	r := c.r
	index := map[string]int{}
	for _, rr := range r.Regions {
		s := c.split(rr.Target, plan.Members(rr.Region.Channels), rr.Fit)
		c.noteChannelFit(rr, s)
		for i, ch := range rr.Region.Channels {
			rr.Channels = append(rr.Channels, &Channel{
				Channel: ch, Target: s.targets[i], Share: s.shares[i],
				Growth: growth(r.Amount(s.targets[i]), ch.Baseline),
			})
			k, ok := index[ch.ID]
			if !ok {
				k = len(r.Channels)
				index[ch.ID] = k
				r.Channels = append(r.Channels, &ChannelTotal{ID: ch.ID, Name: ch.Name})
			}
			r.Channels[k].Target += s.targets[i]
			r.Channels[k].Regions++
		}
	}
}

func (c *computer) perHead() {
	p, r := c.p, c.r
	if p.Baseline.Revenue != nil {
		r.PerHead.Baseline = perUnit(p.Baseline.Revenue, p.Baseline.Headcount)
	}
	var heads int64
	for _, reg := range p.Regions {
		heads += reg.Headcount
	}
	r.PerHead.Target = perUnit(r.Amount(r.Target), heads)
	if r.PerHead.Target != nil {
		r.PerHead.Growth = growth(r.PerHead.Target, r.PerHead.Baseline)
	}
}
