package explain

import (
	"math/big"
	"strconv"

	"planbook/generator/data"
	"planbook/generator/plan"
)

// deriver makes the derivation of the figures of one pattern of value
// keys; ix are the positions of the entries the key names.
type deriver func(e *Explainer, ix []int) *Derivation

// derivers holds a deriver for every pattern of plan.json's leaves; each
// file of the package adds those of its part of the plan.
var derivers = map[string]deriver{}

func register(m map[string]deriver) {
	for k, v := range m {
		derivers[k] = v
	}
}

func init() {
	register(map[string]deriver{
		"title":            func(e *Explainer, _ []int) *Derivation { return e.planText("title", e.p.Title) },
		"currency":         func(e *Explainer, _ []int) *Derivation { return e.planText("currency", e.p.Currency) },
		"unit":             func(e *Explainer, _ []int) *Derivation { return e.planText("unit", e.p.Unit) },
		"year":             func(e *Explainer, _ []int) *Derivation { return e.planCount("year", int64(e.p.Year), 0) },
		"fiscal_start":     func(e *Explainer, _ []int) *Derivation { return e.planCount("fiscal_start", int64(e.p.FiscalStart), 1) },
		"precision":        (*Explainer).precision,
		"baseline.year":    (*Explainer).baselineYear,
		"baseline.revenue": func(e *Explainer, _ []int) *Derivation { return e.baselineRevenue() },
		"baseline.headcount": func(e *Explainer, _ []int) *Derivation {
			return e.planCount("baseline.headcount", e.p.Baseline.Headcount, 0)
		},
		"target":            (*Explainer).target,
		"growth":            (*Explainer).growth,
		"quarters.*":        (*Explainer).quarter,
		"months.*":          (*Explainer).month,
		"per_head.baseline": (*Explainer).perHeadBaseline,
		"per_head.target":   (*Explainer).perHeadTarget,
		"per_head.growth":   (*Explainer).perHeadGrowth,
		"channels.*.id":     func(e *Explainer, ix []int) *Derivation { return e.channelTotalText(ix[0], "id") },
		"channels.*.name":   func(e *Explainer, ix []int) *Derivation { return e.channelTotalText(ix[0], "name") },
		"channels.*.target": (*Explainer).channelTotal,
		"kpis.*.id":         func(e *Explainer, ix []int) *Derivation { return e.kpiText(ix[0], "id", e.p.KPIs[ix[0]].ID) },
		"kpis.*.name":       func(e *Explainer, ix []int) *Derivation { return e.kpiText(ix[0], "name", e.p.KPIs[ix[0]].Name) },
		"kpis.*.baseline": func(e *Explainer, ix []int) *Derivation {
			return e.kpiValue(ix[0], "baseline", e.p.KPIs[ix[0]].Baseline)
		},
		"kpis.*.target":    func(e *Explainer, ix []int) *Derivation { return e.kpiValue(ix[0], "target", e.p.KPIs[ix[0]].Target) },
		"checks.*.level":   func(e *Explainer, ix []int) *Derivation { return e.check(ix[0], "level") },
		"checks.*.code":    func(e *Explainer, ix []int) *Derivation { return e.check(ix[0], "code") },
		"checks.*.message": func(e *Explainer, ix []int) *Derivation { return e.check(ix[0], "message") },
	})
}

func (e *Explainer) planText(key, text string) *Derivation {
	return textWritten(text, e.planSource(key))
}

// planCount explains a whole number of plan.toml, def when it is not
// written.
func (e *Explainer) planCount(key string, n, def int64) *Derivation {
	s := e.planSource(key)
	if s.Pos.Line == 0 {
		n = def
	}
	return asWritten(data.Count, big.NewRat(n, 1), s)
}

func (e *Explainer) precision(_ []int) *Derivation {
	return asWritten(data.Quantity, e.p.Precision, e.planSource("precision"))
}

func (e *Explainer) baselineYear(_ []int) *Derivation {
	s := e.planSource("baseline.year")
	v := big.NewRat(int64(e.p.Baseline.Year), 1)
	if s.Pos.Line > 0 {
		return asWritten(data.Count, v, s)
	}
	return &Derivation{Kind: data.Count, Rule: PreviousYear, Value: v,
		Inputs: []*Input{figure(RoleYear, data.Count, big.NewRat(int64(e.p.Year), 1), "year")}}
}

func (e *Explainer) baselineRevenue() *Derivation {
	return asWritten(data.Amount, e.p.Baseline.Revenue, e.planSource("baseline.revenue"))
}

// baselineRevenueInput is last year's revenue as an input.
func (e *Explainer) baselineRevenueInput(role Role) *Input {
	if s := e.planSource("baseline.revenue"); s.Pos.Line > 0 {
		return written(role, data.Amount, e.p.Baseline.Revenue, s)
	}
	return constant(role, data.Amount, nil)
}

func (e *Explainer) target(_ []int) *Derivation {
	p := e.p
	value := e.r.Amount(e.r.Target)
	if p.Target.Revenue != nil {
		return asWritten(data.Amount, value, e.planSource("target.revenue"))
	}
	d := &Derivation{Kind: data.Amount, Rule: TargetGrowth, Value: value, Inputs: []*Input{
		e.baselineRevenueInput(RoleBaseline),
		written(RoleGrowth, data.Ratio, p.Target.Growth, e.planSource("target.growth")),
	}}
	exact := new(big.Rat).Add(big.NewRat(1, 1), p.Target.Growth)
	return e.rounded(d, exact.Mul(exact, p.Baseline.Revenue), HalfAway)
}

func (e *Explainer) growth(_ []int) *Derivation {
	return &Derivation{Kind: data.Ratio, Rule: GrowthOf, Value: e.r.Growth, Inputs: []*Input{
		figure(RoleNumerator, data.Amount, e.r.Amount(e.r.Target), "target"),
		e.baselineRevenueInput(RoleDenominator),
	}}
}

// quarterShare returns the share of quarter q of a seasonality as an
// input: written, or a quarter of the year when the seasonality sets no
// quarters.
func (e *Explainer) quarterShare(s plan.Seasonality, q int, src func() *Source) *Input {
	if s.Quarters == nil {
		return constant(RoleShare, data.Ratio, big.NewRat(1, 4))
	}
	return written(RoleShare, data.Ratio, s.Quarters[q], src())
}

// monthWeight returns the weight of month k (from 0) of a seasonality as
// an input: written, or 1 when the seasonality sets no months.
func (e *Explainer) monthWeight(s plan.Seasonality, k int, role Role, src func(k int) *Source) *Input {
	if s.Months == nil {
		return constant(role, data.Quantity, big.NewRat(1, 1))
	}
	return written(role, data.Quantity, s.Months[k], src(k))
}

// quarterWeights returns the weights of the months of quarter q, added up.
func (e *Explainer) quarterWeights(s plan.Seasonality, q int, src func(k int) *Source) *Input {
	parts := make([]*Input, 3)
	for k := range parts {
		parts[k] = e.monthWeight(s, 3*q+k, RolePart, src)
	}
	return sum(RoleWeights, data.Quantity, parts, false)
}

func (e *Explainer) quarter(ix []int) *Derivation {
	q, r := ix[0], e.r
	d := &Derivation{Kind: data.Amount, Rule: SplitShare, Value: r.Amount(r.Quarters[q]), Table: "quarters", Inputs: []*Input{
		figure(RoleParent, data.Amount, r.Amount(r.Target), "target"),
		e.quarterShare(e.p.Seasonality, q, func() *Source { return e.seasonSource(plan.PlanFile, "", "quarters", q) }),
	}}
	return e.rounded(d, product(d.Inputs[0].Value, d.Inputs[1].Value), LargestRemainder)
}

func (e *Explainer) month(ix []int) *Derivation {
	k, r := ix[0], e.r
	q := k / 3
	src := func(k int) *Source { return e.seasonSource(plan.PlanFile, "", "months", k) }
	d := &Derivation{Kind: data.Amount, Rule: SplitWeight, Value: r.Amount(r.Months[k]), Table: "months", Inputs: []*Input{
		figure(RoleParent, data.Amount, r.Amount(r.Quarters[q]), "quarters.q"+strconv.Itoa(q+1)),
		e.monthWeight(e.p.Seasonality, k, RoleWeight, src),
		e.quarterWeights(e.p.Seasonality, q, src),
	}}
	return e.rounded(d, scale(d.Inputs[0].Value, d.Inputs[1].Value, d.Inputs[2].Value), LargestRemainder)
}

func (e *Explainer) perHeadBaseline(_ []int) *Derivation {
	return perUnit(e.r.PerHead.Baseline, e.baselineRevenueInput(RoleNumerator),
		e.countInput(RoleCount, e.p.Baseline.Headcount, e.planSource("baseline.headcount")))
}

// perUnit explains an average: num / count to two decimals, none
// without a count.
func perUnit(v *big.Rat, num, count *Input) *Derivation {
	d := &Derivation{Kind: data.Amount, Rule: PerUnit, Value: v, Rounding: TwoPlaces, Inputs: []*Input{num, count}}
	if v != nil {
		d.Exact = new(big.Rat).Quo(num.Value, count.Value)
	}
	return d
}

// countInput returns a whole number written at s, or 0 when it is not
// written.
func (e *Explainer) countInput(role Role, n int64, s *Source) *Input {
	if s.Pos.Line == 0 {
		return constant(role, data.Count, new(big.Rat))
	}
	return written(role, data.Count, big.NewRat(n, 1), s)
}

func (e *Explainer) perHeadTarget(_ []int) *Derivation {
	heads := make([]*Input, len(e.r.Regions))
	for i, reg := range e.r.Regions {
		heads[i] = figure(RolePart, data.Count, big.NewRat(reg.Headcount, 1), "regions."+reg.ID+".headcount")
	}
	return perUnit(e.r.PerHead.Target, figure(RoleNumerator, data.Amount, e.r.Amount(e.r.Target), "target"),
		sum(RoleCount, data.Count, heads, true))
}

func (e *Explainer) perHeadGrowth(_ []int) *Derivation {
	ph := e.r.PerHead
	return &Derivation{Kind: data.Ratio, Rule: GrowthOf, Value: ph.Growth, Inputs: []*Input{
		figure(RoleNumerator, data.Amount, ph.Target, "per_head.target"),
		figure(RoleDenominator, data.Amount, ph.Baseline, "per_head.baseline"),
	}}
}

func (e *Explainer) channelTotalText(i int, field string) *Derivation {
	ch := e.r.Channels[i]
	// The company's channel is named after the first region that has it.
	for ri, reg := range e.r.Regions {
		for j, c := range reg.Channels {
			if c.ID == ch.ID {
				text := c.ID
				if field == "name" {
					text = c.Name
				}
				return textWritten(text, e.channelMember(ri, j).source(e, field))
			}
		}
	}
	return textWritten(ch.ID, nil)
}

func (e *Explainer) channelTotal(ix []int) *Derivation {
	ch := e.r.Channels[ix[0]]
	var parts []*Input
	for _, reg := range e.r.Regions {
		for _, c := range reg.Channels {
			if c.ID == ch.ID {
				parts = append(parts, figure(RolePart, data.Amount, e.r.Amount(c.Target), "regions."+reg.ID+".channels."+c.ID+".target"))
			}
		}
	}
	return &Derivation{Kind: data.Amount, Rule: Sum, Value: e.r.Amount(ch.Target), Inputs: []*Input{sum(RolePart, data.Amount, parts, true)}}
}

func (e *Explainer) kpiSource(i int, field string) *Source {
	return e.planSource("kpis." + strconv.Itoa(i) + "." + field)
}

func (e *Explainer) kpiText(i int, field, text string) *Derivation {
	return textWritten(text, e.kpiSource(i, field))
}

func (e *Explainer) kpiValue(i int, field string, v *big.Rat) *Derivation {
	kind := data.Ratio
	if e.p.KPIs[i].Unit != "" {
		kind = data.Quantity
	}
	return asWritten(kind, v, e.kpiSource(i, field))
}

// check explains a field of entry i of the checks list: the outcome of
// the check, its text written from its wording and the figures it quotes.
func (e *Explainer) check(i int, field string) *Derivation {
	c := e.checks()[i]
	d := &Derivation{Kind: data.Text, Rule: CheckText}
	switch field {
	case "level":
		d.Text = string(c.Level)
		d.Inputs = []*Input{{Role: RoleValue, Kind: data.Text, Text: d.Text, Own: true}}
	case "code":
		d.Text = c.Code
		d.Inputs = []*Input{{Role: RoleValue, Kind: data.Text, Text: d.Text, Own: true}}
	default:
		m := c.Message()
		d.Text = e.lang().Format(m)
		// The message input's text is the language it is written in.
		d.Inputs = []*Input{{Role: RoleMessage, Kind: data.Text, Msg: &m, Text: string(e.lang()), Own: true}}
	}
	return d
}
