// Package alloc holds the allocation math of a plan: splitting an amount by
// shares with largest-remainder rounding, filling two-way tables by the
// fixed-rows rule, and rounding them so that every row and every column
// adds up exactly.
//
// Amounts here are whole counts of the plan's precision (a "unit"), held in
// int64; exact intermediate values are big.Rat counts of units. Nothing in
// this package uses binary floating point, reads files or knows about plans.
package alloc

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"
)

// Split divides total units among members in proportion to weights by the
// largest-remainder method. Weights must be non-negative and not all zero.
// The parts always sum to total.
func Split(total int64, weights []*big.Rat) []int64 {
	if iw, ok := integerWeights(weights); ok && total >= 0 {
		return splitSmall(total, iw)
	}
	return Round(exactParts(total, weights))
}

// integerWeights scales weights to whole numbers by the least common
// multiple of their denominators, when everything fits in 62 bits.
func integerWeights(weights []*big.Rat) ([]uint64, bool) {
	const limit = 1 << 62
	l := uint64(1)
	for _, w := range weights {
		if w.Sign() < 0 || !w.Num().IsUint64() || !w.Denom().IsUint64() {
			return nil, false
		}
		d := w.Denom().Uint64()
		g := gcd(l, d)
		hi, lo := bits.Mul64(l/g, d)
		if hi != 0 || lo >= limit {
			return nil, false
		}
		l = lo
	}
	out := make([]uint64, len(weights))
	var sum uint64
	for i, w := range weights {
		hi, lo := bits.Mul64(w.Num().Uint64(), l/w.Denom().Uint64())
		if hi != 0 || lo >= limit {
			return nil, false
		}
		out[i] = lo
		if sum += lo; sum >= limit {
			return nil, false
		}
	}
	return out, true
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// splitSmall is Split for whole weights: the exact parts total × w / Σw are
// computed in 128-bit integers.
func splitSmall(total int64, weights []uint64) []int64 {
	var sum uint64
	for _, w := range weights {
		sum += w
	}
	cells := make([]cell, len(weights))
	if sum == 0 {
		return make([]int64, len(weights))
	}
	var floors int64
	for i, w := range weights {
		hi, lo := bits.Mul64(uint64(total), w)
		q, r := bits.Div64(hi, lo, sum) // q ≤ total, so hi < sum
		cells[i] = smallCell(q, r, sum, 0, i)
		floors += cells[i].floor
	}
	return roundCells(cells, total-floors)
}

// exactParts returns total × w / Σw for every weight w: the unrounded parts of a
// split.
func exactParts(total int64, weights []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	exact := make([]*big.Rat, len(weights))
	if sum.Sign() == 0 {
		for i := range exact {
			exact[i] = new(big.Rat)
		}
		return exact
	}
	scale := new(big.Rat).SetInt64(total)
	scale.Quo(scale, sum)
	for i, w := range weights {
		exact[i] = new(big.Rat).Mul(w, scale)
	}
	return exact
}

// Round rounds exact parts whose sum is a whole number of units: each part
// gets its exact value rounded down, and the units left over go one each to
// the parts with the largest remainders; ties go to the larger exact value,
// then to the earlier part. It panics if the sum is not whole, which is a
// bug in the caller.
func Round(exact []*big.Rat) []int64 {
	cells := make([]cell, len(exact))
	sum := new(big.Rat)
	var floors int64
	for i, e := range exact {
		cells[i] = newCell(e, 0, i)
		sum.Add(sum, e)
		floors += cells[i].floor
	}
	if !sum.IsInt() {
		panic("alloc: parts do not sum to a whole number of units")
	}
	return roundCells(cells, sum.Num().Int64()-floors)
}

// roundCells rounds cells down and gives left units, one each, to the cells
// first in the order of compare.
func roundCells(cells []cell, left int64) []int64 {
	order := make([]int, 0, len(cells))
	for i := range cells {
		if cells[i].hasFrac() {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return compare(&cells[a], &cells[b]) })
	out := make([]int64, len(cells))
	for i := range cells {
		out[i] = cells[i].floor
	}
	for _, i := range order[:left] {
		out[i]++
	}
	return out
}

// RoundHalfAway rounds r to the nearest whole number, halves away from zero.
func RoundHalfAway(r *big.Rat) int64 {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

// cell is an exact value num/den split into its whole units and its
// remainder rem/den, with a sortable key for the remainder. Small values
// live in uint64s; others in big.Ints, where cells of one column of a
// filled table share their denominator.
type cell struct {
	floor    int64
	key      uint64 // ⌊frac × 2⁶³⌋ | 1 when frac > 0: a larger key means a larger remainder
	rem, den uint64
	big      *bigFrac // the remainder when it does not fit rem and den
	row, col int32
	// A cell of a free row may come from 128-bit fixed point: its floor is
	// exact, its key within one of the exact key, and its exact remainder
	// is worked out from src only when a comparison needs it.
	approx bool
	total  uint64 // the row total, with src and col: the exact value
	src    *Exact
}

type bigFrac struct{ rem, den *big.Int }

func newCell(e *big.Rat, row, col int) cell {
	return newFrac(e.Num(), e.Denom(), row, col)
}

func (c *cell) small() bool { return c.big == nil }

// materialize works out the exact remainder of an approximate cell. Its
// floor and key stay as they are: they are right, and the sort uses them.
func (c *cell) materialize() {
	if !c.approx {
		return
	}
	n := new(big.Int).SetUint64(c.total)
	n.Mul(n, c.src.num[c.col])
	exact := newFrac(n, c.src.den[c.col], int(c.row), int(c.col))
	c.rem, c.den, c.big, c.approx = exact.rem, exact.den, exact.big, false
}

// newFrac makes the cell num/den (den > 0). It does not keep num or den
// beyond the call except den when the value is large, which callers may
// share between cells.
func newFrac(num, den *big.Int, row, col int) cell {
	if num.IsUint64() && den.IsUint64() {
		n, d := num.Uint64(), den.Uint64()
		return smallCell(n/d, n%d, d, row, col)
	}
	c := cell{row: int32(row), col: int32(col)}
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Sign() < 0 { // floor for negative values
		q.Sub(q, big.NewInt(1))
		m.Add(m, den)
	}
	c.floor = q.Int64()
	c.big = &bigFrac{rem: m, den: den}
	if m.Sign() != 0 {
		k := new(big.Int).Lsh(m, 63)
		c.key = k.Quo(k, den).Uint64() | 1
	}
	return c
}

// smallCell makes the cell q + r/d.
func smallCell(q, r, d uint64, row, col int) cell {
	c := cell{floor: int64(q), rem: r, den: d, row: int32(row), col: int32(col)}
	if r != 0 {
		hi, lo := bits.Mul64(r, 1<<63)
		c.key, _ = bits.Div64(hi, lo, d)
		c.key |= 1 // a non-zero remainder always has a non-zero key
	}
	return c
}

func (c *cell) hasFrac() bool { return c.key != 0 }

func (c *cell) remDen() (*big.Int, *big.Int) {
	if c.small() {
		return new(big.Int).SetUint64(c.rem), new(big.Int).SetUint64(c.den)
	}
	return c.big.rem, c.big.den
}

// cmpFrac compares the remainders of c and o exactly.
func (c *cell) cmpFrac(o *cell) int {
	if c.approx && o.approx && c.col == o.col && c.total == o.total {
		return 0 // the same value
	}
	c.materialize()
	o.materialize()
	if c.small() && o.small() {
		h1, l1 := bits.Mul64(c.rem, o.den)
		h2, l2 := bits.Mul64(o.rem, c.den)
		if h1 != h2 {
			return cmp.Compare(h1, h2)
		}
		return cmp.Compare(l1, l2)
	}
	if !c.small() && !o.small() && c.big.den == o.big.den {
		return c.big.rem.Cmp(o.big.rem) // same column of a filled table
	}
	cr, cd := c.remDen()
	or, od := o.remDen()
	return new(big.Int).Mul(cr, od).Cmp(new(big.Int).Mul(or, cd))
}

// compare orders cells for receiving a leftover unit: larger remainder
// first, then larger exact value, then earlier row, then earlier column.
func compare(c, o *cell) int {
	// Keys far enough apart decide; else the remainders are compared
	// exactly.
	if keyDistance(c.key, o.key) > keySlack {
		if c.key > o.key {
			return -1
		}
		return 1
	}
	if d := c.cmpFrac(o); d != 0 {
		return -d
	}
	// Equal remainders: the larger exact value is the larger whole part.
	switch {
	case c.floor != o.floor:
		return cmp.Compare(o.floor, c.floor)
	case c.row != o.row:
		return cmp.Compare(c.row, o.row)
	}
	return cmp.Compare(c.col, o.col)
}

// keySlack is how far apart two keys must be to order their cells: keys
// are exact, or within one of exact, and have their low bit forced on.
const keySlack = 4

func keyDistance(a, b uint64) uint64 {
	if a > b {
		return a - b
	}
	return b - a
}
