package diff

import (
	"math/big"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/numfmt"
)

// The figures of two plans are compared leaf by leaf in their data trees:
// the tree of plan.json, so that every figure plan.json holds is compared
// under its value key, and a list plan.json gains shows up here too. The
// walk is generic; the tables below hold what it cannot guess.

// fieldLabels are the labels of the figures whose label is not their
// key's field.NAME, by pattern (the value key with "*" for entry ids).
// An empty label leaves the field out of the item's label.
var fieldLabels = map[string][]string{
	"baseline.year":                 {"field.baseline-year"},
	"baseline.revenue":              {"field.baseline"},
	"baseline.headcount":            {"field.baseline", "field.headcount"},
	"per_head.baseline":             {"field.per-head-base"},
	"per_head.target":               {"field.per-head"},
	"per_head.growth":               {"field.per-head-grow"},
	"goals.new_product_share":       {"field.goal-new-share"},
	"goals.revenue_per_head_growth": {"field.goal-per-head"},
	"kpis.*.baseline":               {"field.kpi-baseline"},
	"kpis.*.target":                 {"field.kpi-target"},
	"channels.*.target":             {},
}

// entrySuffixes are added to the names of a list's entries in labels:
// the company's channel totals read "Direct · all regions".
var entrySuffixes = map[string]string{"channels": "diff.all-regions"}

// translated are the text fields whose values are words of the catalog
// (prefix + value), shown in the report's language.
var translated = map[string]string{"class": "class.", "stage": "stage."}

// asText are the figures shown as texts: the precision of amounts.
var asText = map[string]bool{"precision": true}

// planTree returns the data tree of r (made by tree) with what plan.json
// leaves out and a reviewer wants to see: each region's manager, each
// KPI's unit and the goals of [target].
func planTree(r *compute.Result, tree func(*compute.Result) data.Object) data.Object {
	p := r.Plan
	text := func(s string) data.Leaf { return data.Leaf{Kind: data.Text, S: s} }
	ratio := func(x *big.Rat) data.Leaf { return data.Leaf{Kind: data.Ratio, R: x} }
	t := tree(r)
	regions := t.Get("regions").(data.List)
	for i, reg := range r.Regions {
		regions[i] = insertAfter(regions[i].(data.Object), "stage", data.Field{Key: "manager", Value: text(reg.Manager)})
	}
	if p.Roster == nil {
		// Without people, a region without [[teams]] is a team that only
		// repeats the region's own figures.
		var teams data.List
		for i, tm := range r.Teams {
			if !tm.Implicit() {
				teams = append(teams, t.Get("teams").(data.List)[i])
			}
		}
		t = setField(t, "teams", teams)
	}
	kpis := t.Get("kpis").(data.List)
	for i, k := range p.KPIs {
		kpis[i] = insertAfter(kpis[i].(data.Object), "name", data.Field{Key: "unit", Value: text(k.Unit)})
	}
	return append(t, data.Field{Key: "goals", Value: data.Object{
		{Key: "new_product_share", Value: ratio(p.Target.NewProductShare)},
		{Key: "revenue_per_head_growth", Value: ratio(p.Target.RevenuePerHeadGrowth)},
	}})
}

// setField returns o with the value of the field key replaced.
func setField(o data.Object, key string, v data.Value) data.Object {
	out := make(data.Object, len(o))
	for i, f := range o {
		if f.Key == key {
			f.Value = v
		}
		out[i] = f
	}
	return out
}

// insertAfter returns o with f added after the field named after.
func insertAfter(o data.Object, after string, f data.Field) data.Object {
	out := make(data.Object, 0, len(o)+1)
	for _, g := range o {
		out = append(out, g)
		if g.Key == after {
			out = append(out, f)
		}
	}
	return out
}

// place is where the walk of the two trees is.
type place struct {
	key     string   // the value key: "regions.east.quarters.q1"
	pattern string   // the key with "*" for entries: "regions.*.quarters.*"
	field   string   // the last part of the key that is not an entry
	names   []string // the names of the entries the walk is in, for labels
	section string
	tier    int
	// cells is the list whose ids are the keys here, in a row of a
	// two-way table (a region's products); "" elsewhere.
	cells string
}

// child returns the place of field key of an object at p.
func (p place) child(key string) place {
	q := p
	q.key, q.pattern, q.field = p.key+"."+key, p.pattern+"."+key, key
	if p.key == "" {
		q.key, q.pattern = key, key
	}
	return q
}

// figures compares the trees a (old) and b (new): each top-level key in
// its section, the lists in their own.
func (c *comparer) figures(a, b data.Object) {
	c.tb = b
	for _, f := range b {
		p := place{section: "target"}.child(f.Key)
		switch _, isList := f.Value.(data.List); {
		case f.Key == "checks":
			continue // words about the figures, which are compared here
		case f.Key == "quarters" || f.Key == "months":
			p.section = "time"
		case isList:
			p.section = f.Key
		}
		if old := a.Get(f.Key); old != nil {
			c.value(p, old, f.Value)
		}
	}
}

// value compares what two trees hold at p. What only one side holds
// inside entries both have (the row of a product line added) is left to
// that entry's own item.
func (c *comparer) value(p place, a, b data.Value) {
	switch y := b.(type) {
	case data.Leaf:
		if x, ok := a.(data.Leaf); ok {
			c.leaf(p, x, y)
		}
	case data.Object:
		x, ok := a.(data.Object)
		if !ok {
			return
		}
		for _, f := range y {
			old := x.Get(f.Key)
			if f.Key == "id" || old == nil {
				continue
			}
			q := p.child(f.Key)
			if _, isObj := f.Value.(data.Object); isObj && len(p.names) > 0 && c.isList(f.Key) {
				// An entry's object named after a list of the plan is its
				// row of a two-way table: regions × products.
				q.cells, q.tier = f.Key, tierCell
			}
			c.value(q, old, f.Value)
		}
	case data.List:
		if x, ok := a.(data.List); ok {
			c.list(p, x, y)
		}
	}
}

// isList reports whether the new tree has a top-level list named key.
func (c *comparer) isList(key string) bool {
	_, ok := c.tb.Get(key).(data.List)
	return ok
}

// list pairs the entries of two lists by their keys (ids, or quarters
// and months by position): the new list's order, then the entries gone.
func (c *comparer) list(p place, a, b data.List) {
	if sectionRank(p.field) >= 0 {
		p.section = p.field // a region's channels go to the channels
	}
	for _, e := range pairUp(entries(p.field, a), entries(p.field, b), func(e entry) string { return e.key }, nil) {
		switch {
		case e.hasA && e.hasB:
			c.value(c.entryPlace(p, e.b), e.a.v, e.b.v)
		case e.hasB && isEntry(e.b.v):
			c.added(c.entryPlace(p, e.b), e.b.v, true)
		case e.hasA && isEntry(e.a.v):
			c.added(c.entryPlace(p, e.a), e.a.v, false)
		}
	}
}

// entry is an entry of a list with its key and position.
type entry struct {
	key string
	i   int
	v   data.Value
}

// entries returns the entries of the list l held by the key field.
func entries(field string, l data.List) []entry {
	out := make([]entry, len(l))
	for i, v := range l {
		out[i] = entry{data.EntryKey(field, l, i), i, v}
	}
	return out
}

func isEntry(v data.Value) bool { _, ok := v.(data.Object); return ok }

// entryPlace returns the place of entry e of the list at p: an entry adds
// its name to the labels, a quarter or month its label and tier.
func (c *comparer) entryPlace(p place, e entry) place {
	q := p
	q.key, q.pattern, q.cells = p.key+"."+e.key, p.pattern+".*", ""
	var name string
	switch {
	case isEntry(e.v):
		name = entryName(e.v.(data.Object), e.key)
		if s, ok := entrySuffixes[p.pattern]; ok {
			name = label(name, c.l.T(s))
		}
	case p.field == "quarters":
		name, q.tier = c.l.Quarter(e.i), max(p.tier, tierQuarter)
	case p.field == "months":
		name, q.tier = c.month(e.i), max(p.tier, tierMonth)
	case p.field == "coverage":
		name, q.tier = label(c.l.T("field.coverage"), c.month(e.i)), max(p.tier, tierMonth)
	default:
		name = e.key
	}
	q.names = append(append([]string(nil), p.names...), name)
	return q
}

// entryName is an entry's name, or its key when it has none.
func entryName(o data.Object, key string) string {
	if n, ok := o.Get("name").(data.Leaf); ok && n.S != "" {
		return n.S
	}
	return key
}

// added adds an entry that one side has: its target (or first amount),
// labelled with its name.
func (c *comparer) added(p place, v data.Value, isNew bool) {
	var value data.Leaf
	for _, f := range v.(data.Object) {
		if l, ok := f.Value.(data.Leaf); ok && (f.Key == "target" || value.R == nil && l.Kind == data.Amount) {
			value = l
		}
	}
	kind := Text
	if value.R != nil {
		kind = kindOf(value.Kind)
	}
	c.section = p.section
	c.entry(p.key, label(p.names...), isNew, kind, value.R, "", value.Unit)
}

// leaf adds the item of a figure or text that differs.
func (c *comparer) leaf(p place, a, b data.Leaf) {
	c.section = p.section
	lab := label(append(append([]string(nil), p.names...), c.fieldLabel(p)...)...)
	if b.Kind == data.Text || asText[p.pattern] {
		c.text(p.tier, p.key, lab, c.shown(p.field, a), c.shown(p.field, b))
		return
	}
	c.figure(Item{Key: p.key, Label: lab, Kind: kindOf(b.Kind), Unit: b.Unit, Old: a.R, New: b.R, tier: p.tier})
}

// fieldLabel returns the words that name the field at p after the
// entries' names: its catalog label, a product line's name in a row of
// regions × products, nothing for a quarter or month (named already).
func (c *comparer) fieldLabel(p place) []string {
	if p.cells != "" {
		if list, ok := c.tb.Get(p.cells).(data.List); ok {
			for i := range list {
				if data.EntryKey(p.cells, list, i) == p.field {
					return []string{entryName(list[i].(data.Object), p.field)}
				}
			}
		}
		return []string{p.field}
	}
	if strings.HasSuffix(p.pattern, ".*") {
		return nil
	}
	keys, ok := fieldLabels[p.pattern]
	if !ok {
		keys = []string{"field." + strings.ReplaceAll(p.field, "_", "-")}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = c.l.T(k)
	}
	return out
}

// shown returns a leaf as a text: words of the catalog in the report's
// language, a figure as an exact decimal.
func (c *comparer) shown(field string, l data.Leaf) string {
	switch {
	case l.Kind != data.Text:
		if l.R == nil {
			return ""
		}
		return numfmt.Exact(l.R)
	case l.S != "" && translated[field] != "":
		return c.l.T(translated[field] + l.S)
	}
	return l.S
}

func kindOf(k data.Kind) Kind {
	switch k {
	case data.Amount:
		return Amount
	case data.Ratio:
		return Ratio
	case data.Count:
		return Count
	case data.Quantity:
		return Quantity
	}
	return Text
}
