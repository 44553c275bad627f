package explain

import (
	"errors"
	"fmt"
	"math/big"
	"time"

	"planbook/generator/data"
	"planbook/generator/i18n"
)

// Evaluate computes a derivation's figure again from its rule and inputs
// alone, the way the format states the rule: what a derivation says can
// be checked, not only read. It returns the value (nil for a figure that
// is not computed) or, for a text, the text. Every input with parts or
// a derivation of its own is worked out again too, and must agree with
// the value it carries.
func Evaluate(d *Derivation) (*big.Rat, string, error) {
	ev := &evaluator{d: d}
	v, text := ev.exact()
	if ev.err != nil {
		return nil, "", fmt.Errorf("%s (%s): %w", d.Key, d.Rule, ev.err)
	}
	if d.Exact != nil && v != nil && v.Cmp(d.Exact) != 0 {
		return nil, "", fmt.Errorf("%s (%s): exact value %s, but the rule gives %s", d.Key, d.Rule, d.Exact.RatString(), v.RatString())
	}
	v, err := ev.round(v)
	if err != nil {
		return nil, "", fmt.Errorf("%s (%s): %w", d.Key, d.Rule, err)
	}
	return v, text, nil
}

type evaluator struct {
	d   *Derivation
	err error
}

// in returns the value of the input of role, worked out again.
func (ev *evaluator) in(role Role) *big.Rat {
	for _, in := range ev.d.Inputs {
		if in.Role == role {
			v, err := inputValue(in)
			if err != nil && ev.err == nil {
				ev.err = err
			}
			return v
		}
	}
	if ev.err == nil {
		ev.err = fmt.Errorf("no %s input", role)
	}
	return nil
}

func (ev *evaluator) text(role Role) string {
	for _, in := range ev.d.Inputs {
		if in.Role == role {
			return in.Text
		}
	}
	if ev.err == nil {
		ev.err = fmt.Errorf("no %s input", role)
	}
	return ""
}

// inputValue works out an input's value again: a sum from its parts, an
// intermediate value from its derivation; a figure or a written value is
// what it is.
func inputValue(in *Input) (*big.Rat, error) {
	var v *big.Rat
	switch {
	case in.Via != nil:
		x, _, err := Evaluate(in.Via)
		if err != nil {
			return nil, err
		}
		v = x
	case in.Parts != nil:
		v = new(big.Rat)
		for _, p := range in.Parts {
			if p.Kind == data.Text { // a row counted, not a figure added
				v.Add(v, big.NewRat(1, 1))
				continue
			}
			x, err := inputValue(p)
			if err != nil {
				return nil, err
			}
			if x != nil {
				v.Add(v, x)
			}
		}
	default:
		return in.Value, nil
	}
	if !sameValue(v, in.Value) {
		return nil, fmt.Errorf("%s input carries %s, but its parts give %s", in.Role, ratText(in.Value), ratText(v))
	}
	return v, nil
}

func sameValue(a, b *big.Rat) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(b) == 0
}

func ratText(r *big.Rat) string {
	if r == nil {
		return "none"
	}
	return r.RatString()
}

func onePlus(r *big.Rat) *big.Rat {
	if r == nil {
		return nil
	}
	return new(big.Rat).Add(big.NewRat(1, 1), r)
}

// exact returns what the rule gives before rounding.
func (ev *evaluator) exact() (*big.Rat, string) {
	d := ev.d
	switch d.Rule {
	case Written, Default, Whole, Inherit, FileName:
		if d.Kind == data.Text {
			return nil, ev.text(RoleValue)
		}
		return ev.in(RoleValue), ""
	case CheckText:
		for _, in := range d.Inputs {
			if in.Msg != nil {
				return nil, i18n.Lang(in.Text).Format(*in.Msg)
			}
		}
		return nil, ev.text(RoleValue)
	case PreviousYear:
		return new(big.Rat).Sub(ev.in(RoleYear), big.NewRat(1, 1)), ""
	case TargetGrowth, KeepProposal, Proposal:
		return product(ev.in(RoleBaseline), onePlus(ev.in(RoleGrowth))), ""
	case Overassigned:
		return product(ev.in(RoleParent), onePlus(ev.in(RoleOverassign))), ""
	case SplitShare:
		return product(ev.in(RoleParent), ev.in(RoleShare)), ""
	case SplitWeight:
		return scale(ev.in(RoleParent), ev.in(RoleWeight), ev.in(RoleWeights)), ""
	case SplitGrowth:
		return scale(ev.in(RoleParent), ev.in(RoleProposal), ev.in(RoleProposals)), ""
	case FixedRow:
		return product(ev.in(RoleRowTotal), ev.in(RoleShare)), ""
	case FreeRow:
		total, col, fixed, free := ev.in(RoleRowTotal), ev.in(RoleColumn), ev.in(RoleFixed), ev.in(RoleFree)
		if ev.err != nil {
			return nil, ""
		}
		return scale(total, new(big.Rat).Sub(col, fixed), free), ""
	case RowWise:
		return scale(ev.in(RoleRowTotal), ev.in(RoleWeight), ev.in(RoleWeights)), ""
	case Quota, QuotaMonth:
		return scale(ev.in(RoleAssigned), ev.in(RoleCapacity), ev.in(RoleCapacities)), ""
	case Capacity:
		v := product(ev.in(RoleWeight), ev.in(RoleMonthShare))
		v = product(v, ev.in(RoleAvailable))
		return product(v, ev.in(RoleRamp)), ""
	case Availability:
		return ev.availability(), ""
	case MonthShare, ShareRatio, Coverage:
		return ratioOf(ev.in(RoleNumerator), ev.in(RoleDenominator)), ""
	case GrowthOf:
		num, den := ev.in(RoleNumerator), ev.in(RoleDenominator)
		if num == nil || den == nil || den.Sign() == 0 {
			return nil, ""
		}
		g := new(big.Rat).Quo(num, den)
		return g.Sub(g, big.NewRat(1, 1)), ""
	case PerUnit:
		num, n := ev.in(RoleNumerator), ev.in(RoleCount)
		if num == nil || n == nil || n.Sign() <= 0 {
			return nil, ""
		}
		return new(big.Rat).Quo(num, n), ""
	case Sum:
		return ev.in(RolePart), ""
	case CountOf:
		return ev.in(RoleCount), ""
	}
	ev.err = fmt.Errorf("unknown rule %q", d.Rule)
	return nil, ""
}

// availability works out the part of a month between a person's start and
// end, from the dates as written.
func (ev *evaluator) availability() *big.Rat {
	start, end, month := ev.text(RoleStart), ev.text(RoleEnd), ev.text(RoleMonth)
	first, err := time.Parse("2006-01", month)
	if err != nil {
		ev.err = err
		return nil
	}
	last := first.AddDate(0, 1, -1)
	lo, hi := first, last
	if start != "" {
		t, err := time.Parse(time.DateOnly, start)
		if err != nil {
			ev.err = err
			return nil
		}
		lo = later(lo, t)
	}
	if end != "" {
		t, err := time.Parse(time.DateOnly, end)
		if err != nil {
			ev.err = err
			return nil
		}
		if t.Before(hi) {
			hi = t
		}
	}
	days := int64(last.Sub(first).Hours()/24) + 1
	worked := int64(hi.Sub(lo).Hours()/24) + 1
	if hi.Before(lo) {
		worked = 0
	}
	return big.NewRat(worked, days)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// round applies the derivation's rounding to the exact value v.
func (ev *evaluator) round(v *big.Rat) (*big.Rat, error) {
	d := ev.d
	if v == nil || d.Rounding == NoRounding {
		return v, nil
	}
	if d.Rounding == TwoPlaces {
		return twoPlaces(v), nil
	}
	step := ev.in(RolePrecision)
	if ev.err != nil {
		return nil, ev.err
	}
	if step == nil || step.Sign() <= 0 {
		return nil, errors.New("no precision to round to")
	}
	switch d.Rounding {
	case HalfAway:
		return halfAwayTo(v, step), nil
	case LargestRemainder, Controlled:
		down := floorTo(v, step)
		if !d.Up {
			return down, nil
		}
		if down.Cmp(v) == 0 {
			return nil, errors.New("rounded up, but the exact value is a whole multiple of the precision")
		}
		return down.Add(down, step), nil
	}
	return nil, fmt.Errorf("unknown rounding %q", d.Rounding)
}
