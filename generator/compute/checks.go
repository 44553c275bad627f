package compute

import (
	"math/big"

	"planbook/generator/message"
	"planbook/generator/plan"
)

// amount is an amount of units in the plan's unit, for a check.
func (c *computer) amount(units int64) message.Amount {
	return c.amountRat(c.r.Amount(units))
}

func (c *computer) amountRat(r *big.Rat) message.Amount {
	return message.Amount{Value: r, Places: 4, Unit: c.p.Unit}
}

func percent(r *big.Rat) message.Percent { return message.Percent{Value: r} }

// check adds a check about the company as a whole.
func (c *computer) check(level CheckLevel, code, key string, args ...message.Arg) {
	c.checkFor(nil, level, code, key, args...)
}

// checkFor adds a check about the regions ids only (an item's regions, or
// one region): a site for other regions' audience leaves it out. No ids
// means the company as a whole.
func (c *computer) checkFor(regions []string, level CheckLevel, code, key string, args ...message.Arg) {
	c.r.Checks = append(c.r.Checks, Check{Level: level, Code: code, Key: key, Args: args, Regions: regions})
}

// noteFit adds the check of a company-level growth split: the gap between
// the proposals and the target (scale), or the over- or under-assignment
// (keep).
func (c *computer) noteFit(list string, s split, total int64) {
	c.noteSplit(nil, message.Message{Key: "list." + list}, s, total)
}

func (c *computer) noteChannelFit(r *Region, s split) {
	c.noteSplit([]string{r.ID}, message.Message{Key: "list.channels", Args: []message.Arg{message.Text(r.Name)}}, s, r.Target)
}

// noteSplit adds the check of the split s of what, about regions.
func (c *computer) noteSplit(regions []string, what message.Message, s split, total int64) {
	if s.proposed == nil {
		return
	}
	target := c.r.Amount(total)
	if !s.keep {
		gap := new(big.Rat).Sub(s.proposed, target)
		c.checkFor(regions, OK, "fit-gap", "check.fit-gap", what, c.amountRat(s.proposed), c.amountRat(target), c.amountRat(gap))
		return
	}
	var sum int64
	for _, t := range s.targets {
		sum += t
	}
	switch {
	case sum > total:
		c.checkFor(regions, Warning, "fit-keep", "check.fit-keep.over", what, c.amount(sum), c.amount(sum-total), c.amount(total))
	case sum < total:
		c.checkFor(regions, Warning, "fit-keep", "check.fit-keep.under", what, c.amount(sum), c.amount(total-sum), c.amount(total))
	default:
		c.checkFor(regions, OK, "fit-keep", "check.fit-keep.even", what, c.amount(sum))
	}
}

// checks adds the checks of section 5.4 after the fit notes.
func (c *computer) checks() {
	p, r := c.p, c.r
	notes := r.Checks
	r.Checks = nil

	if z := p.Target.NewProductShare; z != nil {
		var strategic int64
		found := false
		for _, pr := range r.Products {
			if pr.Class == "strategic" {
				strategic += pr.Target
				found = true
			}
		}
		share := ratio(strategic, r.Target)
		level := OK
		if share.Cmp(z) < 0 {
			level = Warning
		}
		if found {
			c.check(level, "new-product-share", "check.new-product-share", c.amount(strategic), percent(share), percent(z))
		} else {
			c.check(level, "new-product-share", "check.new-product-share.none", percent(z))
		}
	}
	if g := p.Target.RevenuePerHeadGrowth; g != nil {
		ph := r.PerHead
		switch {
		case ph.Baseline == nil:
			c.check(Warning, "revenue-per-head-growth", "check.revenue-per-head-growth.missing", message.Message{Key: "check.per-head.no-baseline"})
		case ph.Target == nil:
			c.check(Warning, "revenue-per-head-growth", "check.revenue-per-head-growth.missing", message.Message{Key: "check.per-head.no-headcount"})
		case ph.Growth == nil: // last year's figure rounds to 0: no growth over it
			c.check(Warning, "revenue-per-head-growth", "check.revenue-per-head-growth.missing",
				message.Message{Key: "check.per-head.zero-baseline", Args: []message.Arg{message.Amount{Value: ph.Baseline, Places: 2, Unit: p.Unit}}})
		default:
			level := OK
			if ph.Growth.Cmp(g) < 0 {
				level = Warning
			}
			perHead := func(x *big.Rat) message.Amount { return message.Amount{Value: x, Places: 2, Unit: p.Unit} }
			c.check(level, "revenue-per-head-growth", "check.revenue-per-head-growth",
				perHead(ph.Target), message.Percent{Value: ph.Growth, Signed: true}, perHead(ph.Baseline), percent(g))
		}
	}
	if n := len(c.errs.Errors()); n > 0 {
		c.check(Error, "splits", "check.splits.error", message.Count(n))
		return
	}
	c.check(OK, "splits", "check.splits")
	c.r.Checks = append(c.r.Checks, notes...)
	c.itemChecks()
}

// itemChecks checks the dates of promotions, trainings and milestones
// against the fiscal year, and the promotions' budgets and returns.
func (c *computer) itemChecks() {
	p := c.p
	first, last := p.FiscalYear()
	inside := func(d plan.Date) bool { return !d.Before(first) && !last.Before(d) }
	outside := 0
	budget, expected := new(big.Rat), new(big.Rat)
	for _, pr := range p.Promotions {
		if !inside(pr.Start) || !inside(pr.End) {
			outside++
			c.checkFor(pr.Regions, Warning, "promotion-dates", "check.promotion-dates.outside", message.Text(pr.Name), date(pr.Start), date(pr.End), date(first), date(last))
		}
	}
	if outside == 0 && len(p.Promotions) > 0 {
		c.check(OK, "promotion-dates", "check.promotion-dates", message.Count(len(p.Promotions)), date(first), date(last))
	}
	for _, t := range p.Trainings {
		if !inside(t.Date) {
			c.checkFor(t.Regions, Warning, "training-dates", "check.item-dates.outside", message.Text(t.Topic), date(t.Date), date(first), date(last))
		}
	}
	for _, m := range p.Milestones {
		if !inside(m.Date) {
			c.checkFor(m.Regions, Warning, "milestone-dates", "check.item-dates.outside", message.Text(m.Name), date(m.Date), date(first), date(last))
		}
	}
	if len(p.Promotions) == 0 {
		return
	}
	for _, pr := range p.Promotions {
		if pr.Budget != nil {
			budget.Add(budget, pr.Budget)
		}
		if pr.Expected != nil {
			expected.Add(expected, pr.Expected)
		}
	}
	c.check(OK, "promotion-budget", "check.promotion-budget", message.Count(len(p.Promotions)), c.amountRat(budget), c.amountRat(expected), message.Multiple{Of: expected, Per: budget})
	for _, pr := range p.Promotions {
		exp := pr.Expected
		if exp == nil {
			exp = new(big.Rat)
		}
		if pr.Budget == nil || pr.Budget.Sign() == 0 {
			c.checkFor(pr.Regions, OK, "promotion-return", "check.promotion-return.no-budget", message.Text(pr.Name), c.amountRat(exp))
			continue
		}
		level := OK
		if exp.Cmp(pr.Budget) < 0 {
			level = Warning
		}
		c.checkFor(pr.Regions, level, "promotion-return", "check.promotion-return", message.Text(pr.Name), c.amountRat(pr.Budget), c.amountRat(exp), message.Multiple{Of: exp, Per: pr.Budget})
	}
}

// date is a date of the plan as it is written: "2024-03-12".
func date(d plan.Date) message.Text { return message.Text(d.String()) }
