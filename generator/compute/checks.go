package compute

import (
	"math/big"

	"planbook/generator/i18n"
	"planbook/generator/plan"
)

func (c *computer) lang() i18n.Lang { return i18n.Lang(c.p.Config.Language) }

// amount formats units in the plan's unit for a message.
func (c *computer) amount(units int64) string {
	return c.lang().Amount(c.r.Amount(units), 4, c.p.Unit)
}

func (c *computer) amountRat(r *big.Rat) string {
	return c.lang().Amount(r, 4, c.p.Unit)
}

func (c *computer) check(level CheckLevel, code, key string, args ...any) {
	c.r.Checks = append(c.r.Checks, Check{Level: level, Code: code, Message: c.lang().Sprintf(key, args...)})
}

// noteFit adds the check of a company-level growth split: the gap between
// the proposals and the target (scale), or the over- or under-assignment
// (keep).
func (c *computer) noteFit(list string, s split, total int64) {
	c.noteSplit(c.lang().T("list."+list), s, total)
}

func (c *computer) noteChannelFit(r *Region, s split) {
	c.noteSplit(c.lang().Sprintf("list.channels", r.Name), s, r.Target)
}

func (c *computer) noteSplit(what string, s split, total int64) {
	if s.proposed == nil {
		return
	}
	target := c.r.Amount(total)
	if !s.keep {
		gap := new(big.Rat).Sub(s.proposed, target)
		c.check(OK, "fit-gap", "check.fit-gap", what, c.amountRat(s.proposed), c.amountRat(target), c.amountRat(gap))
		return
	}
	var sum int64
	for _, t := range s.targets {
		sum += t
	}
	switch {
	case sum > total:
		c.check(Warning, "fit-keep", "check.fit-keep.over", what, c.amount(sum), c.amount(sum-total), c.amount(total))
	case sum < total:
		c.check(Warning, "fit-keep", "check.fit-keep.under", what, c.amount(sum), c.amount(total-sum), c.amount(total))
	default:
		c.check(OK, "fit-keep", "check.fit-keep.even", what, c.amount(sum))
	}
}

// checks adds the checks of section 5.4 after the fit notes.
func (c *computer) checks() {
	p, r, l := c.p, c.r, c.lang()
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
			c.check(level, "new-product-share", "check.new-product-share", c.amount(strategic), l.Percent(share), l.Percent(z))
		} else {
			c.check(level, "new-product-share", "check.new-product-share.none", l.Percent(z))
		}
	}
	if g := p.Target.RevenuePerHeadGrowth; g != nil {
		ph := r.PerHead
		switch {
		case ph.Baseline == nil:
			c.check(Warning, "revenue-per-head-growth", "check.revenue-per-head-growth.missing", l.T("check.per-head.no-baseline"))
		case ph.Target == nil:
			c.check(Warning, "revenue-per-head-growth", "check.revenue-per-head-growth.missing", l.T("check.per-head.no-headcount"))
		default:
			level := OK
			if ph.Growth.Cmp(g) < 0 {
				level = Warning
			}
			unit := p.Unit
			c.check(level, "revenue-per-head-growth", "check.revenue-per-head-growth",
				l.Amount(ph.Target, 2, unit), l.SignedPercent(ph.Growth), l.Amount(ph.Baseline, 2, unit), l.Percent(g))
		}
	}
	if n := len(c.errs.Errors()); n > 0 {
		c.check(Error, "splits", "check.splits.error", n)
		return
	}
	c.r.Checks = append(c.r.Checks, Check{Level: OK, Code: "splits", Message: l.T("check.splits")})
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
			c.check(Warning, "promotion-dates", "check.promotion-dates.outside", pr.Name, pr.Start, pr.End, first, last)
		}
	}
	if outside == 0 && len(p.Promotions) > 0 {
		c.check(OK, "promotion-dates", "check.promotion-dates", len(p.Promotions), first, last)
	}
	for _, t := range p.Trainings {
		if !inside(t.Date) {
			c.check(Warning, "training-dates", "check.item-dates.outside", t.Topic, t.Date, first, last)
		}
	}
	for _, m := range p.Milestones {
		if !inside(m.Date) {
			c.check(Warning, "milestone-dates", "check.item-dates.outside", m.Name, m.Date, first, last)
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
	c.check(OK, "promotion-budget", "check.promotion-budget", len(p.Promotions), c.amountRat(budget), c.amountRat(expected), times(expected, budget))
	for _, pr := range p.Promotions {
		exp := pr.Expected
		if exp == nil {
			exp = new(big.Rat)
		}
		if pr.Budget == nil || pr.Budget.Sign() == 0 {
			c.check(OK, "promotion-return", "check.promotion-return.no-budget", pr.Name, c.amountRat(exp))
			continue
		}
		level := OK
		if exp.Cmp(pr.Budget) < 0 {
			level = Warning
		}
		c.check(level, "promotion-return", "check.promotion-return", pr.Name, c.amountRat(pr.Budget), c.amountRat(exp), times(exp, pr.Budget))
	}
}

// times formats a / b as a multiple with one decimal: "4.8×".
func times(a, b *big.Rat) string {
	if b.Sign() == 0 {
		return "–"
	}
	q := new(big.Rat).Quo(a, b)
	return q.FloatString(1) + "×"
}
