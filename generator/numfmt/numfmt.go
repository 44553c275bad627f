// Package numfmt writes exact numbers (big.Rat) as decimal text: amounts,
// ratios and percentages for messages, data files and pages.
//
// It never goes through binary floating point, so a figure prints exactly
// as computed, and the same figure always prints the same way.
package numfmt

import (
	"math/big"
	"strings"
)

// Fixed writes r rounded half away from zero to at most places decimals,
// with trailing zeros (and a trailing point) removed: 1380.50 → "1380.5".
func Fixed(r *big.Rat, places int) string {
	s := r.FloatString(places) // FloatString rounds half away from zero
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Places writes r rounded to exactly places decimals: 162.5 → "162.50".
func Places(r *big.Rat, places int) string {
	s := r.FloatString(places)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// Exact writes r as a decimal: exactly when it has a finite decimal form
// of at most 20 places (every number planbook reads does, and every
// multiple of a decimal precision), else rounded to 12 places.
func Exact(r *big.Rat) string {
	return Fixed(r, decimals(r.Denom()))
}

// decimals returns how many decimal places a fraction with denominator d
// needs: 12 when that is more than 20 or infinite.
func decimals(d *big.Int) int {
	x := new(big.Int).Set(d)
	twos, fives := 0, 0
	two, five, m := big.NewInt(2), big.NewInt(5), new(big.Int)
	for x.Cmp(big.NewInt(1)) > 0 {
		if m.Mod(x, two).Sign() == 0 {
			x.Quo(x, two)
			twos++
		} else if m.Mod(x, five).Sign() == 0 {
			x.Quo(x, five)
			fives++
		} else {
			return 12
		}
		if twos > 20 || fives > 20 {
			return 12
		}
	}
	return max(twos, fives)
}

// Percent writes a ratio as a percentage with at most places decimals:
// 0.195 → "19.5%".
func Percent(r *big.Rat, places int) string {
	p := new(big.Rat).Mul(r, big.NewRat(100, 1))
	return Fixed(p, places) + "%"
}

// Group inserts sep between groups of three digits of the whole part of a
// decimal string: "1234567.5" → "1,234,567.5".
func Group(s, sep string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		whole, frac = s[:i], s[i:]
	}
	if len(whole) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	first := len(whole) % 3
	if first > 0 {
		b.WriteString(whole[:first])
	}
	for i := first; i < len(whole); i += 3 {
		if b.Len() > len(sign) {
			b.WriteString(sep)
		}
		b.WriteString(whole[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}
