package explain

import (
	"math/big"

	"planbook/generator/data"
	"planbook/generator/plan"
)

// split is one list of members that divides an amount (section 5.1 of the
// format): the products, customer types or regions of the company target,
// the channels or teams of a region's.
type split struct {
	table   string // the list, for words: "regions", "regions.east.channels"
	members []*plan.Member
	fit     plan.Fit
	parent  *Input // the amount divided
	targets []*big.Rat
	key     func(j int) string // the value key of member j: "regions.east"
	where   func(j int) member
}

// memberField explains a member's text or baseline as written.
func (e *Explainer) memberField(s *split, j int, field string) *Derivation {
	m, src := s.members[j], s.where(j).source(e, field)
	switch field {
	case "baseline":
		return asWritten(data.Amount, m.Baseline, src)
	case "id":
		return textWritten(m.ID, src)
	}
	return textWritten(m.Name, src)
}

// kindInput returns member j's share, weight or growth proposal as an
// input.
func (e *Explainer) kindInput(s *split, j int) *Input {
	m, w := s.members[j], s.where(j)
	switch m.Kind {
	case plan.ByShare:
		return written(RoleShare, data.Ratio, m.Share, w.source(e, "share"))
	case plan.ByWeight:
		return written(RoleWeight, data.Quantity, m.Weight, w.source(e, "weight"))
	}
	return via(RoleProposal, e.proposal(s, j))
}

// proposal explains member j's bottom-up proposal: baseline × (1 + growth).
func (e *Explainer) proposal(s *split, j int) *Derivation {
	m, w := s.members[j], s.where(j)
	v := new(big.Rat).Add(big.NewRat(1, 1), m.Growth)
	return &Derivation{Kind: data.Amount, Rule: Proposal, Value: v.Mul(v, m.Baseline), Inputs: []*Input{
		written(RoleBaseline, data.Amount, m.Baseline, w.source(e, "baseline")),
		written(RoleGrowth, data.Ratio, m.Growth, w.source(e, "growth")),
	}}
}

// kindTotal returns the weights or proposals of the whole list, added up:
// what each member's is a part of. It is made once per list.
func (e *Explainer) kindTotal(s *split) *Input {
	return e.sums.get(s.table, func() *Input { return e.makeKindTotal(s) })
}

func (e *Explainer) makeKindTotal(s *split) *Input {
	parts := make([]*Input, len(s.members))
	for j := range s.members {
		parts[j] = e.kindInput(s, j)
		parts[j].Role = RolePart
	}
	role := RoleWeights
	if s.members[0].Kind == plan.ByGrowth {
		role = RoleProposals
	}
	return sum(role, parts[0].Kind, parts, false)
}

// memberTarget explains the target of member j of a split.
func (e *Explainer) memberTarget(s *split, j int) *Derivation {
	m := s.members[j]
	d := &Derivation{Kind: data.Amount, Value: s.targets[j], Table: s.table}
	switch {
	case m.Kind == plan.ByShare:
		d.Rule = SplitShare
		d.Inputs = append(make([]*Input, 0, 3), s.parent, e.kindInput(s, j)) // and the precision (see rounded)
		return e.rounded(d, product(s.parent.Value, m.Share), LargestRemainder)
	case m.Kind == plan.ByGrowth && s.fit == plan.FitKeep:
		p := e.proposal(s, j)
		d.Rule, d.Inputs = KeepProposal, p.Inputs
		return e.rounded(d, p.Value, HalfAway)
	}
	d.Rule = SplitWeight
	if m.Kind == plan.ByGrowth {
		d.Rule = SplitGrowth
	}
	own, all := e.kindInput(s, j), e.kindTotal(s)
	d.Inputs = append(make([]*Input, 0, 4), s.parent, own, all)
	return e.rounded(d, scale(s.parent.Value, own.Value, all.Value), LargestRemainder)
}

// memberShare explains member j's share of the amount split: its share as
// written, its weight or proposal over the list's, or (kept at its
// proposal) its target over the amount.
func (e *Explainer) memberShare(s *split, j int) *Derivation {
	m := s.members[j]
	d := &Derivation{Kind: data.Ratio, Rule: ShareRatio, Table: s.table}
	switch {
	case m.Kind == plan.ByShare:
		return asWritten(data.Ratio, m.Share, s.where(j).source(e, "share"))
	case m.Kind == plan.ByGrowth && s.fit == plan.FitKeep:
		d.Inputs = []*Input{figure(RoleNumerator, data.Amount, s.targets[j], s.key(j)+".target"), withRole(s.parent, RoleDenominator)}
	default:
		num := e.kindInput(s, j)
		num.Role = RoleNumerator
		d.Inputs = []*Input{num, withRole(e.kindTotal(s), RoleDenominator)}
	}
	d.Value = ratioOf(d.Inputs[0].Value, d.Inputs[1].Value)
	return d
}

// memberGrowth explains a member's growth over its baseline.
func (e *Explainer) memberGrowth(s *split, j int, value *big.Rat) *Derivation {
	m := s.members[j]
	den := constant(RoleDenominator, data.Amount, nil)
	if m.Baseline != nil {
		den = written(RoleDenominator, data.Amount, m.Baseline, s.where(j).source(e, "baseline"))
	}
	return &Derivation{Kind: data.Ratio, Rule: GrowthOf, Value: value, Inputs: []*Input{
		figure(RoleNumerator, data.Amount, s.targets[j], s.key(j)+".target"), den,
	}}
}

// amounts converts units to amounts in the plan's unit.
func (e *Explainer) amounts(units []int64) []*big.Rat {
	out := make([]*big.Rat, len(units))
	for i, u := range units {
		out[i] = e.r.Amount(u)
	}
	return out
}
