package explain

import (
	"math/big"

	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/i18n"
)

// rounded sets what rounding made of a derivation's exact value: the
// published value is d.Value already.
func (e *Explainer) rounded(d *Derivation, exact *big.Rat, how Rounding) *Derivation {
	d.Exact, d.Rounding = exact, how
	if how == LargestRemainder || how == Controlled {
		d.Up = d.Value.Cmp(floorTo(exact, e.p.Precision)) > 0
	}
	e.precisionOnce.Do(func() { e.precisionIn = figure(RolePrecision, data.Quantity, e.p.Precision, "precision") })
	d.Inputs = append(d.Inputs, e.precisionIn)
	return d
}

func (e *Explainer) lang() i18n.Lang { return i18n.Lang(e.p.Config.Language) }

func pos(file string, line int) diag.Pos { return diag.Pos{File: file, Line: line} }

// product returns a × b; nil when either is nil.
func product(a, b *big.Rat) *big.Rat {
	if a == nil || b == nil {
		return nil
	}
	return new(big.Rat).Mul(a, b)
}

// scale returns a × b / c, 0 when c is 0; nil when any is nil.
func scale(a, b, c *big.Rat) *big.Rat {
	if a == nil || b == nil || c == nil {
		return nil
	}
	if c.Sign() == 0 {
		return new(big.Rat)
	}
	v := new(big.Rat).Mul(a, b)
	return v.Quo(v, c)
}

// ratioOf returns a / b, 0 when b is 0.
func ratioOf(a, b *big.Rat) *big.Rat {
	if a == nil || b == nil || b.Sign() == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).Quo(a, b)
}

// floorTo rounds x down to a whole multiple of step.
func floorTo(x, step *big.Rat) *big.Rat {
	q := new(big.Rat).Quo(x, step)
	n := new(big.Int).Quo(q.Num(), q.Denom()) // truncates toward zero
	if q.Sign() < 0 && !q.IsInt() {
		n.Sub(n, big.NewInt(1))
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
}

// halfAwayTo rounds x to the nearest whole multiple of step, halves away
// from zero.
func halfAwayTo(x, step *big.Rat) *big.Rat {
	q := new(big.Rat).Quo(x, step)
	num := new(big.Int).Abs(q.Num())
	n, m := new(big.Int).QuoRem(num, q.Denom(), new(big.Int))
	if m.Lsh(m, 1).Cmp(q.Denom()) >= 0 {
		n.Add(n, big.NewInt(1))
	}
	if q.Sign() < 0 {
		n.Neg(n)
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
}

// twoPlaces rounds x half away from zero to two decimals.
func twoPlaces(x *big.Rat) *big.Rat { return halfAwayTo(x, big.NewRat(1, 100)) }
