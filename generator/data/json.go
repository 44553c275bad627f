// Package data writes a computed plan as data files: data/plan.json in the
// shape of section 9 of the plan format, and CSV tables for spreadsheets.
package data

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
)

// ratioPlaces is how many decimals ratios keep in plan.json.
const ratioPlaces = 6

// JSON returns data/plan.json: every computed figure, keys in the order of
// the format, amounts in the plan's unit, ratios as fractions, and absent
// optional parts as empty arrays or objects (null for a figure that cannot
// be computed, such as growth without a baseline).
func JSON(r *compute.Result) []byte {
	p := r.Plan
	amount := func(units int64) value { return raw(numfmt.Exact(r.Amount(units))) }
	amounts := func(units []int64) value {
		out := make(array, len(units))
		for i, u := range units {
			out[i] = amount(u)
		}
		return out
	}

	products := array{}
	for _, pr := range r.Products {
		products = append(products, object{
			{"id", pr.ID}, {"name", pr.Name}, {"class", pr.Class},
			{"target", amount(pr.Target)}, {"share", ratio(pr.Share)},
			{"baseline", exact(pr.Baseline)}, {"growth", ratio(pr.Growth)},
			{"quarters", amounts(pr.Quarters[:])}, {"months", amounts(pr.Months[:])},
		})
	}
	customers := array{}
	for _, c := range r.Customers {
		customers = append(customers, object{
			{"id", c.ID}, {"name", c.Name}, {"target", amount(c.Target)},
			{"share", ratio(c.Share)}, {"count", raw(itoa(c.Count))},
			{"per_customer", exact(c.PerCustomer)},
		})
	}
	regions := array{}
	for _, reg := range r.Regions {
		channels := array{}
		for _, ch := range reg.Channels {
			channels = append(channels, object{
				{"id", ch.ID}, {"name", ch.Name}, {"stage", ch.Stage},
				{"target", amount(ch.Target)}, {"share", ratio(ch.Share)},
			})
		}
		byProduct := object{}
		for j, pr := range r.Products {
			byProduct = append(byProduct, field{pr.ID, amount(reg.Products[j])})
		}
		byCustomer := object{}
		for _, c := range reg.Customers {
			byCustomer = append(byCustomer, field{c.ID, amount(c.Target)})
		}
		regions = append(regions, object{
			{"id", reg.ID}, {"name", reg.Name}, {"stage", reg.Stage},
			{"headcount", raw(itoa(reg.Headcount))}, {"target", amount(reg.Target)},
			{"share", ratio(reg.Share)}, {"baseline", exact(reg.Baseline)},
			{"growth", ratio(reg.Growth)}, {"per_head", exact(reg.PerHead)},
			{"quarters", amounts(reg.Quarters[:])}, {"months", amounts(reg.Months[:])},
			{"channels", channels}, {"products", byProduct}, {"customers", byCustomer},
		})
	}
	channels := array{}
	for _, ch := range r.Channels {
		channels = append(channels, object{{"id", ch.ID}, {"name", ch.Name}, {"target", amount(ch.Target)}})
	}
	kpis := array{}
	for _, k := range p.KPIs {
		v := ratio
		if k.Unit != "" {
			v = exact
		}
		kpis = append(kpis, object{{"id", k.ID}, {"name", k.Name}, {"baseline", v(k.Baseline)}, {"target", v(k.Target)}})
	}
	checks := array{}
	for _, c := range r.Checks {
		checks = append(checks, object{{"level", string(c.Level)}, {"code", c.Code}, {"message", c.Message}})
	}
	doc := object{
		{"title", p.Title}, {"year", raw(itoa(int64(p.Year)))}, {"currency", p.Currency}, {"unit", p.Unit},
		{"precision", raw(numfmt.Exact(p.Precision))}, {"fiscal_start", raw(itoa(int64(p.FiscalStart)))},
		{"baseline", object{
			{"year", raw(itoa(int64(p.Baseline.Year)))},
			{"revenue", exact(p.Baseline.Revenue)},
			{"headcount", raw(itoa(p.Baseline.Headcount))},
		}},
		{"target", amount(r.Target)}, {"growth", ratio(r.Growth)},
		{"quarters", amounts(r.Quarters[:])}, {"months", amounts(r.Months[:])},
		{"per_head", object{
			{"baseline", exact(r.PerHead.Baseline)},
			{"target", exact(r.PerHead.Target)},
			{"growth", ratio(r.PerHead.Growth)},
		}},
		{"products", products}, {"customers", customers}, {"regions", regions},
		{"channels", channels}, {"kpis", kpis}, {"checks", checks},
	}
	var b bytes.Buffer
	write(&b, doc, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

// value is a JSON value: string, raw (a number or null), array or object.
type value any

type raw string

type array []value

type object []field

type field struct {
	key string
	val value
}

func itoa(n int64) string { return big.NewInt(n).String() }

// exact writes an amount exactly, or null.
func exact(r *big.Rat) value {
	if r == nil {
		return raw("null")
	}
	return raw(numfmt.Exact(r))
}

// ratio writes a ratio rounded to six decimals, or null.
func ratio(r *big.Rat) value {
	if r == nil {
		return raw("null")
	}
	return raw(numfmt.Fixed(r, ratioPlaces))
}

// write writes v indented by two spaces per level. Arrays of numbers stay
// on one line so that tables read as rows.
func write(b *bytes.Buffer, v value, depth int) {
	pad := strings.Repeat("  ", depth+1)
	switch x := v.(type) {
	case string:
		writeString(b, x)
	case raw:
		b.WriteString(string(x))
	case array:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		if flat(x) {
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				write(b, e, depth+1)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range x {
			b.WriteString(pad)
			write(b, e, depth+1)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad[2:])
		b.WriteByte(']')
	case object:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range x {
			b.WriteString(pad)
			writeString(b, f.key)
			b.WriteString(": ")
			write(b, f.val, depth+1)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad[2:])
		b.WriteByte('}')
	}
}

func flat(a array) bool {
	for _, e := range a {
		if _, ok := e.(raw); !ok {
			return false
		}
	}
	return true
}

// writeString writes s as a JSON string, leaving <, > and & readable.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}
