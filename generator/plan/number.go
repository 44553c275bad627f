package plan

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"planbook/generator/numfmt"
)

// The numbers planbook reads are exact decimals with at most MaxWholeDigits
// digits before the decimal point and MaxDecimals after it, as written
// (1.5e3 counts as 1500). That is far beyond any plan, and keeps a number of
// a million digits from costing seconds of arithmetic.
const (
	MaxWholeDigits = 20
	MaxDecimals    = 20
)

var (
	errNotDecimal      = errors.New("not a decimal number")
	errTooManyDecimals = fmt.Errorf("more than %d decimals", MaxDecimals)
	errTooManyDigits   = fmt.Errorf("more than %d digits before the decimal point", MaxWholeDigits)
)

// readDecimal reads a decimal as written: an optional sign, digits with an
// optional point and decimals, and, where exponent is set, an exponent
// (1.5e-3). It refuses numbers beyond MaxWholeDigits and MaxDecimals
// before doing any arithmetic.
func readDecimal(s string, exponent bool) (*big.Rat, error) {
	mant, exp := s, 0
	if exponent {
		if i := strings.IndexAny(s, "eE"); i >= 0 {
			e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
			if err != nil || s[i+1:] == "" {
				if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
					return nil, errTooManyDecimals
				}
				return nil, errNotDecimal
			}
			mant, exp = s[:i], e
		}
	}
	neg := false
	if mant != "" && (mant[0] == '-' || mant[0] == '+') {
		neg = mant[0] == '-'
		mant = mant[1:]
	}
	whole, frac, hasPoint := strings.Cut(mant, ".")
	if !digits(whole) && !(whole == "" && hasPoint) || hasPoint && !digits(frac) {
		return nil, errNotDecimal
	}
	// The value is sig × 10^-scale.
	sig := strings.TrimLeft(whole+frac, "0")
	scale := len(frac) - exp
	for strings.HasSuffix(sig, "0") && scale > 0 {
		sig = sig[:len(sig)-1]
		scale--
	}
	if sig == "" {
		return new(big.Rat), nil
	}
	switch {
	case scale > MaxDecimals:
		return nil, errTooManyDecimals
	case len(sig)-scale > MaxWholeDigits:
		return nil, errTooManyDigits
	}
	n, _ := new(big.Int).SetString(sig, 10)
	if neg {
		n.Neg(n)
	}
	r := new(big.Rat).SetInt(n)
	ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(scale))), nil)
	if scale > 0 {
		return r.Quo(r, new(big.Rat).SetInt(ten)), nil
	}
	return r.Mul(r, new(big.Rat).SetInt(ten)), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// number converts the TOML number v at path to an exact decimal: an
// integer as decoded, a float as written in the file, since the TOML
// library reads floats as binary floating point, which holds few decimals
// exactly (12000.123456789012345678 would become 12000.123456789011). ok is
// false when v is not a number; r is nil when the number is written with
// more digits than planbook reads, which is then reported as an error of
// the field name.
func (s *source) number(path, name string, v any) (r *big.Rat, ok bool) {
	switch x := v.(type) {
	case int64:
		return new(big.Rat).SetInt64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, false
		}
		text := strings.ReplaceAll(s.loc.numberText(path), "_", "")
		if f, err := strconv.ParseFloat(text, 64); err != nil || f != x {
			return s.unlocatedFloat(path, name, x), true
		}
		r, err := readDecimal(text, true)
		if err != nil {
			s.numberError(path, name, text, err)
			return nil, true
		}
		return r, true
	}
	return nil, false
}

// unlocatedFloat is the number for a float whose text the scan did not
// find: its shortest decimal, which is the number as written when that has
// at most 15 significant digits. A longer one may not be what was written,
// and is refused.
func (s *source) unlocatedFloat(path, name string, x float64) *big.Rat {
	text := strconv.FormatFloat(x, 'e', -1, 64)
	mant, _, _ := strings.Cut(strings.TrimPrefix(text, "-"), "e")
	if len(strings.Replace(mant, ".", "", 1)) > 15 {
		s.errorf(path, `write it with at most 15 significant digits, or, for a ratio, as a percentage in quotes ("12.3456789012345678%")`,
			"%s %s cannot be read exactly", name, strconv.FormatFloat(x, 'g', -1, 64))
		return nil
	}
	r, _ := new(big.Rat).SetString(text)
	return r
}

// numberError reports a number that readDecimal refused.
func (s *source) numberError(path, name, text string, err error) {
	switch err {
	case errTooManyDecimals:
		s.errorf(path, fmt.Sprintf("planbook reads numbers exactly, with up to %d decimals: round it", MaxDecimals),
			"%s %s has more than %d decimals", name, shorten(text), MaxDecimals)
	case errTooManyDigits:
		s.errorf(path, fmt.Sprintf("numbers have at most %d digits before the decimal point; check the unit of the plan", MaxWholeDigits),
			"%s %s is too large", name, shorten(text))
	default:
		s.errorf(path, "", "%s %s is not a number planbook can read", name, shorten(text))
	}
}

// shorten cuts a long text for a message: the first and last characters.
func shorten(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:20] + "…" + s[len(s)-10:]
}

// amount returns a non-negative amount in the plan's unit.
func (t *table) amount(key string, required bool) *big.Rat {
	t.expect(key, keyShape{kind: kindAmount, required: required})
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return nil
	}
	r, ok := t.src.number(t.keyPath(key), key, v)
	if !ok {
		hint := ""
		if s, isStr := v.(string); isStr && strings.HasSuffix(strings.TrimSpace(s), "%") {
			hint = "amounts are plain numbers in the plan's unit; percentages belong to share, growth and other ratios"
		} else if n, ok := parseDecimal(strings.TrimSpace(s)); isStr && ok {
			hint = "write the number without quotes: " + key + " = " + numfmt.Exact(n)
		} else if isStr {
			hint = "write a number without quotes, for example " + key + " = 4800"
		}
		t.src.errorf(t.keyPath(key), hint, "%s must be a number, not %s", key, describe(v))
		return nil
	}
	if r == nil {
		return nil
	}
	if r.Sign() < 0 {
		t.src.errorf(t.keyPath(key), "amounts such as baselines, budgets and revenues are 0 or more", "%s must not be negative (found %s)", key, numfmt.Exact(r))
		return nil
	}
	return r
}

// ratioKind says which ratios a field accepts.
type ratioKind int

const (
	shareRatio  ratioKind = iota // 0..1
	growthRatio                  // ≥ -1, may be above 1
	anyRatio                     // any value (a KPI may be a point change)
	factorRatio                  // 0..1, not a share: an over-assignment, a ramp factor
)

// ratio returns a ratio written as a fraction (0.15) or a percent string
// ("15%").
func (t *table) ratio(key string, kind ratioKind, required bool) *big.Rat {
	t.expect(key, keyShape{kind: kindRatio, ratio: kind, required: required})
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return nil
	}
	return t.src.ratioValue(t.keyPath(key), key, v, kind)
}

func (s *source) ratioValue(path, name string, v any, kind ratioKind) *big.Rat {
	var r *big.Rat
	percent := false
	switch x := v.(type) {
	case string:
		text := strings.TrimSpace(x)
		if !strings.HasSuffix(text, "%") {
			hint := `write a fraction (0.15) or a percentage with its sign ("15%")`
			if n, ok := parseDecimal(text); ok {
				hint = fmt.Sprintf(`write %s or "%s%%"`, numfmt.Exact(new(big.Rat).Quo(n, big.NewRat(100, 1))), text)
			}
			s.errorf(path, hint, "%s %q is not a ratio: a percentage needs its %% sign", name, x)
			return nil
		}
		num := strings.TrimSpace(strings.TrimSuffix(text, "%"))
		p, err := readDecimal(num, false)
		if err == errNotDecimal {
			s.errorf(path, `write a percentage like "15%" or "2.5%"`, "%s %q is not a percentage", name, x)
			return nil
		}
		if err != nil {
			s.numberError(path, name, text, err)
			return nil
		}
		r = p.Quo(p, big.NewRat(100, 1))
		percent = true
	default:
		n, ok := s.number(path, name, v)
		if !ok {
			s.errorf(path, `write a fraction (0.15) or a percentage ("15%")`, "%s must be a ratio, not %s", name, describe(v))
			return nil
		}
		if n == nil {
			return nil
		}
		r = n
	}
	switch kind {
	case shareRatio, factorRatio:
		what, form := "a share is", "shares are fractions of 1 or percentages"
		if kind == factorRatio {
			what, form = name+" is", name+" is a fraction of 1 or a percentage"
		}
		if r.Sign() < 0 {
			s.errorf(path, what+" between 0% and 100%", "%s must not be negative (found %s)", name, formatRatio(r, percent))
			return nil
		}
		if r.Cmp(big.NewRat(1, 1)) > 0 {
			if percent {
				s.errorf(path, what+" at most 100%", "%s %s is above 100%%", name, formatRatio(r, true))
			} else {
				frac := new(big.Rat).Quo(r, big.NewRat(100, 1))
				s.errorf(path, fmt.Sprintf(`%s: %s or "%s%%"`, form, numfmt.Exact(frac), numfmt.Exact(r)),
					"%s %s is above 1 (did you mean %s?)", name, numfmt.Exact(r), numfmt.Exact(frac))
			}
			return nil
		}
	case growthRatio:
		if r.Cmp(big.NewRat(-1, 1)) < 0 {
			s.errorf(path, "a growth below -100% would make the amount negative", "%s %s is below -100%%", name, formatRatio(r, percent))
			return nil
		}
	}
	return r
}

// parseDecimal parses a plain decimal such as "15", "-2.5" or "0.125",
// within the limits of readDecimal.
func parseDecimal(s string) (*big.Rat, bool) {
	r, err := readDecimal(s, false)
	return r, err == nil
}

// weight returns a non-negative relative weight.
func (t *table) weight(key string) *big.Rat {
	t.expect(key, keyShape{kind: kindAmount})
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	r, ok := t.src.number(t.keyPath(key), key, v)
	if !ok {
		t.typeError(key, "a number", v)
		return nil
	}
	if r == nil {
		return nil
	}
	if r.Sign() < 0 {
		t.src.errorf(t.keyPath(key), "weights are relative sizes: 0 or more", "%s must not be negative (found %s)", key, numfmt.Exact(r))
		return nil
	}
	return r
}

// formatRatio writes a ratio the way it was written: a percentage or a
// fraction.
func formatRatio(r *big.Rat, percent bool) string {
	if percent {
		return numfmt.Percent(r, 4)
	}
	return numfmt.Exact(r)
}
