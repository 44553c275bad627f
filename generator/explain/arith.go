package explain

import (
	"math"
	"math/big"
	"math/bits"

	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/i18n"
)

// rounded sets what rounding made of a derivation's exact value: the
// published value is d.Value already.
func (e *Explainer) rounded(d *Derivation, exact *big.Rat, how Rounding) *Derivation {
	d.Exact, d.Rounding = exact, how
	if how == LargestRemainder || how == Controlled {
		// The value is a whole multiple of the precision: it is above
		// the exact value's floor exactly when it is above the exact
		// value.
		d.Up = d.Value.Cmp(exact) > 0
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
	if r, ok := scale64(a, b, c); ok {
		return r
	}
	// One fraction reduced once, rather than a product and a quotient
	// each reduced.
	num := new(big.Int).Mul(a.Num(), b.Num())
	num.Mul(num, c.Denom())
	den := new(big.Int).Mul(a.Denom(), b.Denom())
	den.Mul(den, c.Num())
	return new(big.Rat).SetFrac(num, den)
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
	// x / step = (x's numerator × step's denominator) / (x's denominator
	// × step's numerator), both denominators above 0: Div is the floor.
	n := new(big.Int).Mul(x.Num(), step.Denom())
	n.Div(n, new(big.Int).Mul(x.Denom(), step.Num()))
	return new(big.Rat).SetFrac(n.Mul(n, step.Num()), step.Denom())
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

// scale64 is scale in 64-bit integers, for the fractions whose every part
// and both products fit (most splits of a plan): ok is false otherwise.
func scale64(a, b, c *big.Rat) (r *big.Rat, ok bool) {
	num, ok1 := mul64(a.Num(), b.Num(), c.Denom())
	den, ok2 := mul64(a.Denom(), b.Denom(), c.Num())
	if !ok1 || !ok2 {
		return nil, false
	}
	return new(big.Rat).SetFrac64(num, den), true
}

// mul64 returns x × y × z when each and the product fit 63 bits.
func mul64(x, y, z *big.Int) (int64, bool) {
	if !x.IsInt64() || !y.IsInt64() || !z.IsInt64() {
		return 0, false
	}
	p := int64(1)
	for _, v := range [3]int64{x.Int64(), y.Int64(), z.Int64()} {
		neg := (p < 0) != (v < 0)
		hi, lo := bits.Mul64(abs64(p), abs64(v))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		p = int64(lo)
		if neg {
			p = -p
		}
	}
	return p, true
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}
