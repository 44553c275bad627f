package data

import (
	"bytes"
	"encoding/csv"
	"math/big"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
)

// ActualsTree returns the plan-against-actual figures in the shape of
// data/actuals.json, or nil when the plan has no actuals. Every line has
// its full-year target, plan to date, actual to date and attainment (their
// ratio; null when nothing was planned to date); the year, regions,
// products, channels and customer types add the full-year projection.
func ActualsTree(r *compute.Result) Object {
	a := r.Actuals
	if a == nil {
		return nil
	}
	unassigned := i18n.Lang(r.Plan.Config.Language).T("actuals.unassigned")
	// line writes one line; key names its label ("id" for an id and a
	// name, "month" or "quarter"), none for the year.
	line := func(at *compute.Attainment, key string, projection bool) Object {
		o := Object{}
		switch key {
		case "":
		case "id":
			name := at.Name
			if at.ID == compute.Unassigned {
				name = unassigned
			}
			o = append(o, Field{"id", Leaf{Kind: Text, S: at.ID}}, Field{"name", Leaf{Kind: Text, S: name}})
		default:
			o = append(o, Field{key, Leaf{Kind: Text, S: at.ID}})
		}
		o = append(o,
			Field{"target", Leaf{Kind: Amount, R: at.Target}},
			Field{"plan", Leaf{Kind: Amount, R: at.Plan}},
			Field{"actual", Leaf{Kind: Amount, R: at.Actual}},
			Field{"attainment", Leaf{Kind: Ratio, R: at.Attainment}})
		if projection {
			o = append(o, Field{"projection", Leaf{Kind: Amount, R: at.Projection}})
		}
		return o
	}
	lines := func(list []*compute.Attainment, key string, projection bool) List {
		out := List{}
		for _, at := range list {
			out = append(out, line(at, key, projection))
		}
		return out
	}
	regions := List{}
	for _, ra := range a.Regions {
		o := line(&ra.Attainment, "id", true)
		months := List{}
		for _, m := range ra.Months {
			months = append(months, Leaf{Kind: Amount, R: m})
		}
		regions = append(regions, append(o, Field{"months", months}))
	}
	return Object{
		{"through", Leaf{Kind: Text, S: r.Plan.MonthLabel(a.Through)}},
		{"year", line(&a.Year, "", true)},
		{"months", lines(a.Months[:], "month", false)},
		{"quarters", lines(a.Quarters[:], "quarter", false)},
		{"regions", regions},
		{"products", lines(a.Products, "id", true)},
		{"channels", lines(a.Channels, "id", true)},
		{"customers", lines(a.Customers, "id", true)},
	}
}

// ActualsFiles returns data/actuals.json and the actuals tables as CSV,
// or nothing when the plan has no actuals.
func ActualsFiles(r *compute.Result) map[string][]byte {
	tree := ActualsTree(r)
	if tree == nil {
		return nil
	}
	var j bytes.Buffer
	write(&j, tree, 0)
	j.WriteByte('\n')

	a := r.Actuals
	months := make([]string, 12)
	for i := range months {
		months[i] = r.Plan.MonthLabel(i)
	}
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(textCells(append(append([]string{"region", "name"}, months...), "total", "plan", "attainment", "target", "projection")))
	cells := func(id, name string, monthly []*big.Rat, at *compute.Attainment) {
		rec := []string{textCell(id), textCell(name)}
		for _, m := range monthly {
			rec = append(rec, numfmt.Exact(m))
		}
		ratio := ""
		if at.Attainment != nil {
			ratio = numfmt.Fixed(at.Attainment, ratioPlaces)
		}
		w.Write(append(rec, numfmt.Exact(at.Actual), numfmt.Exact(at.Plan), ratio, numfmt.Exact(at.Target), numfmt.Exact(at.Projection)))
	}
	for _, ra := range a.Regions {
		cells(ra.ID, ra.Name, ra.Months[:], &ra.Attainment)
	}
	if o := a.Others; o != nil && r.Others != nil {
		cells(o.ID, i18n.Lang(r.Plan.Config.Language).Sprintf("others.regions", r.Others.Count), o.Months[:], &o.Attainment)
	}
	total := make([]*big.Rat, 12)
	for i, m := range a.Months {
		total[i] = m.Actual
	}
	cells("total", "", total, &a.Year)
	w.Flush()
	return map[string][]byte{"data/actuals.json": j.Bytes(), "data/actuals-regions.csv": b.Bytes()}
}
