package explain

import (
	"math"
	"math/big"
	"math/bits"
	"strings"
	"unicode"

	"planbook/generator/data"
	"planbook/generator/numfmt"
)

// numbers writes the numbers of the words: with thousands separators, at
// most four decimals, and "…" when a number has more. Most figures are
// small fractions, written without big arithmetic; the others are divided
// once in big integers of its own, without reducing a fraction first. A
// Wording has one; it is not safe for concurrent use.
type numbers struct {
	x, q, r, ten big.Int
	adj, den     big.Int
}

// number writes v × scale as numbers does.
func number(v *big.Rat, scale int64) string {
	var nw numbers
	var buf [40]byte
	return string(nw.fraction(buf[:0], v.Num(), v.Denom(), scale))
}

// fraction appends n / d × scale (d above 0).
func (nw *numbers) fraction(b []byte, n, d *big.Int, scale int64) []byte {
	if n.IsInt64() && d.IsInt64() {
		if q, exact, ok := scaled(n.Int64(), d.Int64(), scale*10000); ok {
			return appendDecimal4(b, q, exact)
		}
	}
	nw.x.Mul(n, nw.ten.SetInt64(scale*10000))
	nw.q.QuoRem(&nw.x, d, &nw.r) // toward zero
	exact := nw.r.Sign() == 0
	if nw.r.Abs(&nw.r).Lsh(&nw.r, 1).Cmp(d) >= 0 { // half away from zero
		nw.q.Add(&nw.q, nw.ten.SetInt64(int64(nw.x.Sign())))
	}
	if nw.q.IsInt64() {
		return appendDecimal4(b, nw.q.Int64(), exact)
	}
	v := new(big.Rat).SetFrac(n, d)
	v.Mul(v, big.NewRat(scale, 1))
	return append(append(b, numfmt.Group(numfmt.Fixed(v, 4), ",")...), more(v, 4)...)
}

// value appends a value of kind: an amount with the plan's unit, a ratio
// as a percentage, a text as it is, "–" for none.
func (nw *numbers) value(b []byte, kind data.Kind, v *big.Rat, text, unit string) []byte {
	switch {
	case kind == data.Text && text == "", kind != data.Text && v == nil:
		return append(b, "–"...)
	case kind == data.Text:
		return append(b, text...)
	case kind == data.Amount:
		b = nw.fraction(b, v.Num(), v.Denom(), 1)
		if unit = strings.TrimRightFunc(unit, unicode.IsSpace); unit != "" {
			b = append(append(b, ' '), unit...)
		}
		return b
	case kind == data.Ratio:
		return append(nw.fraction(b, v.Num(), v.Denom(), 100), '%')
	}
	return nw.fraction(b, v.Num(), v.Denom(), 1)
}

// appendDecimal4 appends q × 10^-4 with thousands separators and without
// trailing zeros, and "…" when it is not exact.
func appendDecimal4(b []byte, q int64, exact bool) []byte {
	b = numfmt.AppendGrouped(b, q, 4, ",")
	if !exact {
		b = append(b, "…"...)
	}
	return b
}

// scaled returns n / d × scale (d and scale above 0) rounded half away
// from zero, and whether that is exact; ok is false when it does not fit
// 63 bits.
func scaled(n, d, scale int64) (q int64, exact, ok bool) {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, uint64(scale))
	if hi >= uint64(d) {
		return 0, false, false
	}
	uq, r := bits.Div64(hi, lo, uint64(d))
	if r != 0 && r >= uint64(d)-r { // half away from zero
		uq++
	}
	if uq > math.MaxInt64 {
		return 0, false, false
	}
	q = int64(uq)
	if neg {
		q = -q
	}
	return q, r == 0, true
}

// more returns "…" when v has more than places decimals: when its
// denominator is not 2^a × 5^b with a and b at most places.
func more(v *big.Rat, places int) string {
	d := v.Denom()
	if !d.IsUint64() {
		return "…"
	}
	n := d.Uint64()
	for _, f := range []uint64{2, 5} {
		for k := 0; n%f == 0; k++ {
			if k == places {
				return "…"
			}
			n /= f
		}
	}
	if n != 1 {
		return "…"
	}
	return ""
}

// show writes a value of kind.
func (w *Wording) show(kind data.Kind, v *big.Rat, text string) string {
	var buf [64]byte
	return string(w.nw.value(buf[:0], kind, v, text, w.e.p.Unit))
}

// number appends an input's value to a formula: no unit, percentages for
// ratios. A figure or a sum is written once: it is shared.
func (w *Wording) number(b []byte, in *Input) []byte {
	if in == nil || in.Value == nil {
		return append(b, "–"...)
	}
	if in.Key == "" && in.Parts == nil {
		return w.appendNumber(b, in.Kind, in.Value)
	}
	s, ok := w.numbers[in]
	if !ok {
		var buf [48]byte
		s = string(w.appendNumber(buf[:0], in.Kind, in.Value))
		w.numbers[in] = s
	}
	return append(b, s...)
}

func (w *Wording) appendNumber(b []byte, kind data.Kind, v *big.Rat) []byte {
	if kind == data.Ratio {
		return append(w.nw.fraction(b, v.Num(), v.Denom(), 100), '%')
	}
	return w.nw.fraction(b, v.Num(), v.Denom(), 1)
}

// formulaPart is an input of a formula, by its role, or the words that
// join two.
type formulaPart struct {
	role Role
	text string
}

// formulas are the arithmetic of the rules, their inputs by their roles:
// "5,244 × 31%"; the words add " = " and the result.
var formulas = map[Rule][]formulaPart{
	TargetGrowth: {{role: RoleBaseline}, {text: " × (1 + "}, {role: RoleGrowth}, {text: ")"}},
	KeepProposal: {{role: RoleBaseline}, {text: " × (1 + "}, {role: RoleGrowth}, {text: ")"}},
	Proposal:     {{role: RoleBaseline}, {text: " × (1 + "}, {role: RoleGrowth}, {text: ")"}},
	Overassigned: {{role: RoleParent}, {text: " × (1 + "}, {role: RoleOverassign}, {text: ")"}},
	SplitShare:   {{role: RoleParent}, {text: " × "}, {role: RoleShare}},
	SplitWeight:  {{role: RoleParent}, {text: " × "}, {role: RoleWeight}, {text: " / "}, {role: RoleWeights}},
	SplitGrowth:  {{role: RoleParent}, {text: " × "}, {role: RoleProposal}, {text: " / "}, {role: RoleProposals}},
	FixedRow:     {{role: RoleRowTotal}, {text: " × "}, {role: RoleShare}},
	FreeRow: {{role: RoleRowTotal}, {text: " × ("}, {role: RoleColumn}, {text: " − "}, {role: RoleFixed},
		{text: ") / "}, {role: RoleFree}},
	RowWise:    {{role: RoleRowTotal}, {text: " × "}, {role: RoleWeight}, {text: " / "}, {role: RoleWeights}},
	Quota:      {{role: RoleAssigned}, {text: " × "}, {role: RoleCapacity}, {text: " / "}, {role: RoleCapacities}},
	QuotaMonth: {{role: RoleAssigned}, {text: " × "}, {role: RoleCapacity}, {text: " / "}, {role: RoleCapacities}},
	Capacity: {{role: RoleWeight}, {text: " × "}, {role: RoleMonthShare}, {text: " × "}, {role: RoleAvailable},
		{text: " × "}, {role: RoleRamp}},
	MonthShare: {{role: RoleNumerator}, {text: " / "}, {role: RoleDenominator}},
	ShareRatio: {{role: RoleNumerator}, {text: " / "}, {role: RoleDenominator}},
	Coverage:   {{role: RoleNumerator}, {text: " / "}, {role: RoleDenominator}},
	PerUnit:    {{role: RoleNumerator}, {text: " / "}, {role: RoleCount}},
	GrowthOf:   {{role: RoleNumerator}, {text: " / "}, {role: RoleDenominator}, {text: " − 1"}},
}

// formula writes the arithmetic of d with its inputs' values: "5,244 ×
// 31% = 1,625.64"; "" for a value written or inherited.
func (w *Wording) formula(d *Derivation) string {
	var buf [128]byte
	b := buf[:0]
	switch parts := formulas[d.Rule]; {
	case parts != nil:
		for _, p := range parts {
			if p.role == "" {
				b = append(b, p.text...)
			} else {
				b = w.number(b, d.input(p.role))
			}
		}
	case d.Rule == Sum:
		parts := d.input(RolePart).Parts
		if len(parts) > 6 || len(parts) < 2 {
			return ""
		}
		for k, p := range parts {
			if k > 0 {
				b = append(b, " + "...)
			}
			b = w.number(b, p)
		}
	default:
		return ""
	}
	result := d.Exact
	if result == nil {
		result = d.Value
	}
	b = append(b, " = "...)
	if result == nil {
		b = append(b, "–"...)
	} else {
		b = w.appendNumber(b, d.Kind, result)
	}
	return string(b)
}

// change appends what rounding added to exact to make value, value −
// exact, signed ("+0.36"), and reports whether it is zero.
func (nw *numbers) change(b []byte, value, exact *big.Rat) ([]byte, bool) {
	nw.adj.Mul(value.Num(), exact.Denom())
	nw.den.Mul(exact.Num(), value.Denom())
	nw.adj.Sub(&nw.adj, &nw.den)
	if nw.adj.Sign() == 0 {
		return b, true
	}
	if nw.adj.Sign() > 0 {
		b = append(b, '+')
	}
	nw.den.Mul(value.Denom(), exact.Denom())
	return nw.fraction(b, &nw.adj, &nw.den, 1), false
}
