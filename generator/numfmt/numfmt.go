// Package numfmt writes exact numbers (big.Rat) as decimal text: amounts,
// ratios and percentages for messages, data files and pages.
//
// It never goes through binary floating point, so a figure prints exactly
// as computed, and the same figure always prints the same way.
package numfmt

import (
	"math"
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
// 0.195 → "19.5%". Like Rate, it never rounds a ratio onto 0, 100% or
// -100% that is not that ratio: 0.9999999 → "99.99999%", not "100%".
func Percent(r *big.Rat, places int) string {
	return rate(r, places, true) + "%"
}

// Rate writes a ratio as a percentage without the percent sign, with
// exactly places decimals, or with the more decimals it takes for a ratio
// other than 0, 1 and -1 not to read as "0.0", "100.0" or "-100.0":
// 0.195 → "19.5", 0.9996 → "99.96", -0.0004 → "-0.04", 1 → "100.0". A
// rate just short of the plan never shows as met, a share that is not
// nothing never as nothing, and a change never as none. Every percentage
// planbook shows (pages, booklets, messages, reports) is written by it or
// by Percent.
func Rate(r *big.Rat, places int) string {
	if n, d := r.Num(), r.Denom(); n.IsInt64() && d.IsInt64() {
		// Most ratios are small fractions: the shares and growths of a
		// site's tables, thousands of them.
		if s, ok := PercentOf(n.Int64(), d.Int64(), places); ok {
			return s
		}
	}
	return rate(r, places, false)
}

// maxRatePlaces is the most decimals Rate and Percent add: a ratio closer
// than that to 0 or ±1 shows as it rounds.
const maxRatePlaces = 12

var hundred = big.NewRat(100, 1)

// rate writes r × 100 with places decimals (at most places when trim),
// adding decimals while it rounds onto a landmark it is not.
func rate(r *big.Rat, places int, trim bool) string {
	p := new(big.Rat).Mul(r, hundred)
	landmark := landmarkOf(p)
	for {
		s := Places(p, places)
		if trim {
			s = Fixed(p, places)
		}
		if landmark || places >= maxRatePlaces || !onLandmark(s) {
			return s
		}
		places++
	}
}

// landmarkOf says whether a percentage is 0, 100 or -100.
func landmarkOf(p *big.Rat) bool {
	if !p.IsInt() {
		return false
	}
	n := p.Num()
	return n.Sign() == 0 || n.CmpAbs(big.NewInt(100)) == 0
}

// onLandmark says whether a percentage as written reads as 0, 100 or
// -100: "0.0", "-100", "100.00".
func onLandmark(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Trim(frac, "0") != "" {
		return false
	}
	return whole == "0" || whole == "100"
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

// Scaled writes v × 10^-places exactly, with trailing zeros (and a
// trailing point) removed: Scaled(138050, 2) = "1380.5". It is Fixed of
// that number without big arithmetic, for the amounts of a page's tables.
func Scaled(v int64, places int) string { return decimal(v, places, true) }

// PercentOf writes part/whole as a percentage rounded half away from zero
// to exactly places decimals, without the percent sign: PercentOf(1, 8, 1)
// = "12.5". It is Rate of part/whole without big arithmetic; ok is false
// when whole is zero, the numbers are too large for it, or the ratio
// needs more decimals than places (Rate adds them).
func PercentOf(part, whole int64, places int) (s string, ok bool) {
	if whole == 0 || places > 6 || whole > 1<<62 || whole < -1<<62 {
		return "", false
	}
	scale := int64(100)
	for range places {
		scale *= 10
	}
	if part > math.MaxInt64/scale || part < -math.MaxInt64/scale {
		return "", false
	}
	n, d := part*scale, whole
	if d < 0 {
		n, d = -n, -d
	}
	q, r := n/d, n%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d { // half away from zero
		if n < 0 {
			q--
		} else {
			q++
		}
	}
	// 100% is q = scale.
	if (q == 0 && part != 0) || ((q == scale || q == -scale) && part != whole && part != -whole) {
		return "", false // rounded onto 0 or ±100%: Rate adds decimals
	}
	return decimal(q, places, false), true
}

// decimal writes v × 10^-places, with trailing zeros removed when trim.
func decimal(v int64, places int, trim bool) string {
	var buf [48]byte
	return string(appendDecimal(buf[:0], v, places, trim, ""))
}

// AppendGrouped appends v × 10^-places as Group(Scaled(v, places), sep)
// writes it, without allocating: for the numbers of the explanations of a
// site's figures, hundreds of thousands.
func AppendGrouped(b []byte, v int64, places int, sep string) []byte {
	return appendDecimal(b, v, places, true, sep)
}

// appendDecimal appends v × 10^-places, sep between groups of three
// digits of the whole part, trailing zeros of the fraction removed when
// trim.
func appendDecimal(b []byte, v int64, places int, trim bool, sep string) []byte {
	u := uint64(v)
	if v < 0 {
		u = -u
		b = append(b, '-')
	}
	var digits [20]byte // u's, the last places of them its fraction
	n := 0
	for x := u; x > 0 || n <= places; x /= 10 {
		n++
		digits[len(digits)-n] = '0' + byte(x%10)
	}
	whole, frac := digits[len(digits)-n:len(digits)-places], digits[len(digits)-places:]
	for k, c := range whole {
		if k > 0 && sep != "" && (len(whole)-k)%3 == 0 {
			b = append(b, sep...)
		}
		b = append(b, c)
	}
	if trim {
		for len(frac) > 0 && frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
	}
	if len(frac) > 0 {
		b = append(append(b, '.'), frac...)
	}
	return b
}
