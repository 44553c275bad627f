package explain

import (
	"fmt"
	"strconv"
	"strings"

	"planbook/generator/i18n"
)

// topLabels are the catalog keys of the company's figures whose label is
// not field.NAME.
var topLabels = map[string]string{
	"baseline.year":      "field.baseline-year",
	"baseline.revenue":   "field.baseline",
	"baseline.headcount": "field.headcount",
	"per_head.baseline":  "field.per-head-base",
	"per_head.target":    "field.per-head",
	"per_head.growth":    "field.per-head-grow",
	"target":             "kpi.target",
	"fiscal_start":       "field.fiscal-start",
}

// Label names the figure at a value key in words, in l: "华东大区 · 第三季度",
// "East · Direct · Target". A key that names nothing is returned as it
// is.
func (e *Explainer) Label(key string, l i18n.Lang) string { return e.label(key, l) }

// label returns a figure's label, made once per key and language: the
// same figures are inputs of many others.
func (e *Explainer) label(key string, l i18n.Lang) string {
	k := labelKey{l, key}
	if s, ok := e.labels.Load(k); ok {
		return s.(string)
	}
	s := e.makeLabel(key, l)
	e.labels.Store(k, s)
	return s
}

type labelKey struct {
	l   i18n.Lang
	key string
}

func (e *Explainer) makeLabel(key string, l i18n.Lang) string {
	parts := strings.Split(key, ".")
	ref, ok := e.parse(parts)
	if !ok {
		return key
	}
	ref.key, ref.parts = key, parts
	return e.labelOf(ref, l)
}

// labelOf returns the label of the figure a resolved key names.
func (e *Explainer) labelOf(ref ref, l i18n.Lang) string {
	key, parts := ref.key, ref.parts
	if k, ok := topLabels[key]; ok {
		return l.T(k)
	}
	var names []string
	var rest []string
	r := e.r
	switch parts[0] {
	case "quarters", "months":
		return e.periodLabel(parts[0], ref.ix[0], l)
	case "products":
		names, rest = []string{r.Products[ref.ix[0]].Name}, parts[2:]
	case "customers":
		names, rest = []string{r.Customers[ref.ix[0]].Name}, parts[2:]
	case "regions":
		reg := r.Regions[ref.ix[0]]
		names, rest = []string{reg.Name}, parts[2:]
		switch {
		case len(rest) == 3 && rest[0] == "channels":
			names, rest = append(names, reg.Channels[ref.ix[1]].Name), rest[2:]
		case len(rest) == 2 && rest[0] == "products":
			return reg.Name + " · " + r.Products[ref.ix[1]].Name
		case len(rest) == 2 && rest[0] == "customers":
			return reg.Name + " · " + r.Customers[ref.ix[1]].Name
		}
	case "channels":
		names, rest = []string{r.Channels[ref.ix[0]].Name, l.T("diff.all-regions")}, parts[2:]
	case "teams":
		t := r.Teams[ref.ix[0]]
		names, rest = []string{t.Region.Name, t.Name}, parts[3:]
		if t.Implicit() {
			names = names[:1]
		}
	case "people":
		names, rest = []string{r.People[ref.ix[0]].Name}, parts[2:]
	case "kpis":
		names, rest = []string{e.p.KPIs[ref.ix[0]].Name}, parts[2:]
		if rest[0] == "baseline" || rest[0] == "target" {
			return names[0] + " · " + l.T("field.kpi-"+rest[0])
		}
	case "checks":
		return l.T("checks.title") + " " + parts[1]
	default:
		rest = parts
	}
	if len(rest) == 2 {
		names = append(names, e.periodLabel(rest[0], ref.ix[len(ref.ix)-1], l))
		if rest[0] == "coverage" {
			names = append(names, l.T("field.coverage"))
		}
		return strings.Join(names, " · ")
	}
	return strings.Join(append(names, l.T("field."+strings.ReplaceAll(strings.Join(rest, "."), "_", "-"))), " · ")
}

// periodLabel names quarter or month k (from 0): "第三季度", "2024年7月".
func (e *Explainer) periodLabel(list string, k int, l i18n.Lang) string {
	if list == "quarters" {
		return l.Quarter(k)
	}
	y, m := e.p.MonthOf(k)
	if l == "en" {
		return fmt.Sprintf("%s %d", l.Month(m), y)
	}
	return strconv.Itoa(y) + "年" + l.Month(m)
}
