// Package i18n holds planbook's user-facing strings in Simplified Chinese
// and English, and the number formats of each language.
package i18n

import (
	"fmt"
	"maps"
	"math/big"

	"planbook/generator/message"
	"planbook/generator/numfmt"
)

// Languages are the supported language tags.
var Languages = []string{"zh-CN", "en"}

// Lang is a supported language tag; unknown tags fall back to zh-CN.
type Lang string

// T returns the string for key in l, or the key itself when it has none.
func (l Lang) T(key string) string {
	if m, ok := catalog[key]; ok {
		if s, ok := m[l]; ok {
			return s
		}
		return m["zh-CN"]
	}
	return key
}

// Sprintf formats the string for key in l with args.
func (l Lang) Sprintf(key string, args ...any) string {
	return fmt.Sprintf(l.T(key), args...)
}

// Format writes m in l: its wording with each argument formatted by its
// type (amounts and percentages in l's number style, nested messages in
// l too).
func (l Lang) Format(m message.Message) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = l.arg(a)
	}
	return l.Sprintf(m.Key, args...)
}

// arg returns an argument of a message as the value its verb takes: a
// string, or an int for a Count.
func (l Lang) arg(a message.Arg) any {
	switch a := a.(type) {
	case message.Text:
		return string(a)
	case message.Count:
		return int(a)
	case message.Amount:
		return l.Amount(a.Value, a.Places, a.Unit)
	case message.Percent:
		if a.Signed {
			return l.SignedPercent(a.Value)
		}
		return l.Percent(a.Value)
	case message.Multiple:
		return l.Multiple(a.Of, a.Per)
	case message.Message:
		return l.Format(a)
	}
	return fmt.Sprint(a)
}

// Multiple formats of / per as a multiple with one decimal: "4.8×", or
// "–" when per is zero.
func (l Lang) Multiple(of, per *big.Rat) string {
	if per.Sign() == 0 {
		return "–"
	}
	return new(big.Rat).Quo(of, per).FloatString(1) + "×"
}

// Amount formats an amount with thousands separators and the plan's
// unit: "13,800 万元". Places is the most decimals shown.
func (l Lang) Amount(r *big.Rat, places int, unit string) string {
	s := numfmt.Group(numfmt.Fixed(r, places), ",")
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// Number formats a number with thousands separators and at most places
// decimals.
func (l Lang) Number(r *big.Rat, places int) string {
	return numfmt.Group(numfmt.Fixed(r, places), ",")
}

// Percent formats a ratio as a percentage with one decimal, or the more
// decimals that keep a ratio short of 100% (or of nothing) from reading as
// it (numfmt.Rate): "19.5%", "99.96%".
func (l Lang) Percent(r *big.Rat) string {
	return numfmt.Group(numfmt.Rate(r, 1), ",") + "%"
}

// SignedPercent formats a ratio as a change: "+15.0%" or "-2.5%".
func (l Lang) SignedPercent(r *big.Rat) string {
	s := l.Percent(r)
	if r.Sign() >= 0 {
		return "+" + s
	}
	return s
}

// Points formats a difference of two ratios in percentage points:
// "+1.5 pp" or "+1.5 个百分点"; a difference is never written as none
// ("+0.04 pp", numfmt.Rate).
func (l Lang) Points(r *big.Rat) string {
	s := numfmt.Rate(r, 1)
	if r.Sign() >= 0 {
		s = "+" + s
	}
	return s + l.T("points")
}

// numberStrings are the strings of the number formats.
var numberStrings = map[string]map[Lang]string{
	"points": {"zh-CN": " 个百分点", "en": " pp"},
}

// catalogParts are the tables of strings, one for each part of planbook
// that shows words; no key is in two of them.
var catalogParts = []map[string]map[Lang]string{
	numberStrings,
	siteStrings,
	checkStrings,
	diffStrings,
	explainStrings,
	bookletStrings,
	appendixStrings,
	peopleStrings,
	peopleSiteStrings,
}

// catalog is every string by key: the catalog's parts in one table.
var catalog = merge(catalogParts)

// merge returns the strings of all parts in one table.
func merge(parts []map[string]map[Lang]string) map[string]map[Lang]string {
	all := make(map[string]map[Lang]string)
	for _, part := range parts {
		maps.Copy(all, part)
	}
	return all
}
