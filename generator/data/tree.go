package data

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/i18n"
)

// Kind says what a figure of the plan is, which decides how it is written
// in plan.json and how a page shows it.
type Kind int

// The kinds of figures.
const (
	Amount   Kind = iota // in the plan's unit
	Ratio                // a fraction, shown as a percentage
	Count                // a whole number: a year, a headcount, a count
	Quantity             // a number in its own unit (a KPI with a unit)
	Text
)

// Value is one node of the plan's data tree: a leaf (Kind and its value),
// a list or an object.
type Value interface{ isValue() }

// Leaf is a figure or a text. R is nil for a figure that cannot be
// computed (null in plan.json).
type Leaf struct {
	Kind Kind
	R    *big.Rat
	S    string // Text
	Unit string // Quantity
}

// List is an array of values.
type List []Value

// Object is an object whose keys keep their order.
type Object []Field

// Field is one key of an Object.
type Field struct {
	Key   string
	Value Value
}

func (Leaf) isValue()   {}
func (List) isValue()   {}
func (Object) isValue() {}

// Get returns the value of key, or nil.
func (o Object) Get(key string) Value {
	for _, f := range o {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// Tree returns every computed figure of the plan as a tree in the shape
// and key order of plan.json.
func Tree(r *compute.Result) Object {
	out := make(Object, len(fields))
	for i, f := range fields {
		out[i] = Field{f.key, f.value(r)}
	}
	return out
}

// FromPlan reports whether the figures at a value key are computed from the
// company plan (content/plan.toml) alone: a page that quotes only them and
// its own region's figures does not change when another region does.
func FromPlan(key string) bool {
	top, _, _ := strings.Cut(key, ".")
	for _, f := range fields {
		if f.key == top {
			return f.fromPlan
		}
	}
	return false
}

// fields are plan.json's top-level keys, in order: whether each comes from
// the company plan alone (see FromPlan), and how it is made.
var fields = []struct {
	key      string
	fromPlan bool
	value    func(r *compute.Result) Value
}{
	{"title", true, func(r *compute.Result) Value { return text(r.Plan.Title) }},
	{"year", true, func(r *compute.Result) Value { return count(int64(r.Plan.Year)) }},
	{"currency", true, func(r *compute.Result) Value { return text(r.Plan.Currency) }},
	{"unit", true, func(r *compute.Result) Value { return text(r.Plan.Unit) }},
	{"precision", true, func(r *compute.Result) Value { return Leaf{Kind: Quantity, R: r.Plan.Precision, Unit: r.Plan.Unit} }},
	{"fiscal_start", true, func(r *compute.Result) Value { return count(int64(r.Plan.FiscalStart)) }},
	{"baseline", true, baselineObject},
	{"target", true, func(r *compute.Result) Value { return amountOf(r.Amount(r.Target)) }},
	{"growth", true, func(r *compute.Result) Value { return ratio(r.Growth) }},
	{"quarters", true, func(r *compute.Result) Value { return amountList(r, r.Quarters[:]) }},
	{"months", true, func(r *compute.Result) Value { return amountList(r, r.Months[:]) }},
	{"per_head", false, perHeadObject}, // the target per head counts the regions' heads
	{"products", true, productList},
	{"customers", true, customerList},
	{"regions", false, func(r *compute.Result) Value { return regionList(r) }},
	{"teams", false, func(r *compute.Result) Value { return teamList(r) }},
	{"people", false, func(r *compute.Result) Value { return peopleField(r) }},
	{"channels", false, channelList},
	{"kpis", true, kpiList},
	{"checks", false, func(r *compute.Result) Value { return checkList(r) }},
}

func baselineObject(r *compute.Result) Value {
	b := r.Plan.Baseline
	return Object{{"year", count(int64(b.Year))}, {"revenue", amountOf(b.Revenue)}, {"headcount", count(b.Headcount)}}
}

func perHeadObject(r *compute.Result) Value {
	ph := r.PerHead
	return Object{{"baseline", amountOf(ph.Baseline)}, {"target", amountOf(ph.Target)}, {"growth", ratio(ph.Growth)}}
}

func productList(r *compute.Result) Value {
	products := List{}
	for _, pr := range r.Products {
		products = append(products, Object{
			{"id", text(pr.ID)}, {"name", text(pr.Name)}, {"class", text(pr.Class)},
			{"target", amountOf(r.Amount(pr.Target))}, {"share", ratio(pr.Share)},
			{"baseline", amountOf(pr.Baseline)}, {"growth", ratio(pr.Growth)},
			{"quarters", amountList(r, pr.Quarters[:])}, {"months", amountList(r, pr.Months[:])},
		})
	}
	return products
}

func customerList(r *compute.Result) Value {
	customers := List{}
	for _, c := range r.Customers {
		customers = append(customers, Object{
			{"id", text(c.ID)}, {"name", text(c.Name)}, {"target", amountOf(r.Amount(c.Target))},
			{"share", ratio(c.Share)}, {"count", count(c.Count)},
			{"per_customer", amountOf(c.PerCustomer)},
		})
	}
	return customers
}

func channelList(r *compute.Result) Value {
	channels := List{}
	for _, ch := range r.Channels {
		channels = append(channels, Object{{"id", text(ch.ID)}, {"name", text(ch.Name)}, {"target", amountOf(r.Amount(ch.Target))}})
	}
	return channels
}

func kpiList(r *compute.Result) Value {
	kpis := List{}
	for _, k := range r.Plan.KPIs {
		v := ratio
		if k.Unit != "" {
			v = func(x *big.Rat) Leaf { return Leaf{Kind: Quantity, R: x, Unit: k.Unit} }
		}
		kpis = append(kpis, Object{{"id", text(k.ID)}, {"name", text(k.Name)}, {"baseline", v(k.Baseline)}, {"target", v(k.Target)}})
	}
	return kpis
}

// regionList returns the regions of plan.json, each with its channels and
// its rows of regions × products and regions × customers.
func regionList(r *compute.Result) List {
	amount := func(units int64) Leaf { return amountOf(r.Amount(units)) }
	amounts := func(units []int64) List { return amountList(r, units) }
	regions := List{}
	for _, reg := range r.Regions {
		channels := List{}
		for _, ch := range reg.Channels {
			channels = append(channels, Object{
				{"id", text(ch.ID)}, {"name", text(ch.Name)}, {"stage", text(ch.Stage)},
				{"target", amount(ch.Target)}, {"share", ratio(ch.Share)},
			})
		}
		byProduct := Object{}
		for j, pr := range r.Products {
			byProduct = append(byProduct, Field{pr.ID, amount(reg.Products[j])})
		}
		byCustomer := Object{}
		for _, c := range reg.Customers {
			byCustomer = append(byCustomer, Field{c.ID, amount(c.Target)})
		}
		regions = append(regions, Object{
			{"id", text(reg.ID)}, {"name", text(reg.Name)}, {"stage", text(reg.Stage)},
			{"headcount", count(reg.Headcount)}, {"target", amount(reg.Target)},
			{"share", ratio(reg.Share)}, {"baseline", amountOf(reg.Baseline)},
			{"growth", ratio(reg.Growth)}, {"per_head", amountOf(reg.PerHead)},
			{"quarters", amounts(reg.Quarters[:])}, {"months", amounts(reg.Months[:])},
			{"channels", channels}, {"products", byProduct}, {"customers", byCustomer},
			{"overassign", ratio(reg.Overassign)}, {"coverage", ratioList(reg.Coverage[:])},
		})
	}
	return regions
}

// checkList returns the checks of plan.json, written in the plan's
// language.
func checkList(r *compute.Result) List { return checkListOf(r, r.Checks) }

// checkListOf returns the checks of plan.json from a list of checks.
func checkListOf(r *compute.Result, list []compute.Check) List {
	checks := List{}
	l := i18n.Lang(r.Plan.Config.Language)
	for _, c := range list {
		checks = append(checks, Object{{"level", text(string(c.Level))}, {"code", text(c.Code)}, {"message", text(l.Format(c.Message()))}})
	}
	return checks
}

func amountOf(x *big.Rat) Leaf { return Leaf{Kind: Amount, R: x} }
func ratio(x *big.Rat) Leaf    { return Leaf{Kind: Ratio, R: x} }
func count(n int64) Leaf       { return Leaf{Kind: Count, R: big.NewRat(n, 1)} }
func text(s string) Leaf       { return Leaf{Kind: Text, S: s} }

// ratioList returns ratios.
func ratioList(xs []*big.Rat) List {
	out := make(List, len(xs))
	for i, x := range xs {
		out[i] = ratio(x)
	}
	return out
}

// amountList returns amounts given in units of r's precision.
func amountList(r *compute.Result, units []int64) List {
	out := make(List, len(units))
	for i, u := range units {
		out[i] = amountOf(r.Amount(u))
	}
	return out
}

// Lookup finds the figure at key, a dotted path into plan.json: object
// keys by name, list entries by their EntryKey (or 1-based numbers). For
// example "target", "quarters.q3", "products.new.share" or
// "regions.east.channels.direct.target".
func Lookup(tree Object, key string) (Leaf, error) {
	var v Value = tree
	parts := strings.Split(key, ".")
	for i := 0; i < len(parts); i++ {
		part, where := parts[i], strings.Join(parts[:i], ".")
		switch x := v.(type) {
		case Object:
			next := x.Get(part)
			if next == nil {
				return Leaf{}, lookupError(key, where, part, objectKeys(x))
			}
			v = next
		case List:
			next, names := listEntry(parts[i-1], x, part)
			if next == nil && i+1 < len(parts) {
				// An entry key of two parts: a team's "east.sh".
				if next, _ = listEntry(parts[i-1], x, part+"."+parts[i+1]); next != nil {
					parts[i] += "." + parts[i+1]
					parts = slices.Delete(parts, i+1, i+2)
				}
			}
			if next == nil {
				return Leaf{}, lookupError(key, where, part, names)
			}
			v = next
		case Leaf:
			return Leaf{}, fmt.Errorf("unknown value key %q: %s is a single figure and has no %q", key, where, part)
		}
	}
	leaf, ok := v.(Leaf)
	if !ok {
		var keys []string
		if o, isObj := v.(Object); isObj {
			keys = objectKeys(o)
		} else {
			_, keys = listEntry(parts[len(parts)-1], v.(List), "")
		}
		return Leaf{}, fmt.Errorf("value key %q names a group, not a figure; add one of: %s", key, diag.IDs(keys))
	}
	return leaf, nil
}

func objectKeys(o Object) []string {
	keys := make([]string, len(o))
	for i, f := range o {
		keys[i] = f.Key
	}
	return keys
}

// EntryKey returns the name of entry i of the list l held by the key
// field, as value keys write it: the entry's id when it is an object with
// one (a team's is its region's id and its own, "east.sh": team ids are
// unique within their region only), else q1–q4 in quarters, m1–m12 in
// months and coverage, and its position from 1 in other lists. Lookup,
// Flatten and the comparison of two plans name entries by it.
func EntryKey(field string, l List, i int) string {
	if id, ok := idOf(l[i]); ok {
		if region, _ := l[i].(Object).Get("region").(Leaf); field == "teams" && region.S != "" {
			return region.S + "." + id
		}
		return id
	}
	switch field {
	case "quarters":
		return "q" + strconv.Itoa(i+1)
	case "months", "coverage":
		return "m" + strconv.Itoa(i+1)
	}
	return strconv.Itoa(i + 1)
}

// listEntry returns the entry of the list l (held by the key field) that
// part names, by its EntryKey or its position from 1. It also returns the
// names that would have matched.
func listEntry(field string, l List, part string) (Value, []string) {
	for i := range l {
		if EntryKey(field, l, i) == part {
			return l[i], nil
		}
	}
	if n, err := strconv.Atoi(part); err == nil && n >= 1 && n <= len(l) {
		if _, hasID := idOf(l[n-1]); !hasID {
			return l[n-1], nil
		}
	}
	names := make([]string, len(l)) // for the error only: a list of regions is long
	for i := range l {
		names[i] = EntryKey(field, l, i)
	}
	return nil, names
}

// idOf returns the id of an entry that is an object with one.
func idOf(v Value) (string, bool) {
	if o, ok := v.(Object); ok {
		if id, ok := o.Get("id").(Leaf); ok {
			return id.S, true
		}
	}
	return "", false
}

// Flatten returns every leaf of a tree by its value key, the key Lookup
// takes: "regions.east.quarters.q1".
func Flatten(o Object) map[string]Leaf {
	out := map[string]Leaf{}
	var walk func(key, field string, v Value)
	walk = func(key, field string, v Value) {
		switch x := v.(type) {
		case Leaf:
			out[key] = x
		case Object:
			for _, f := range x {
				walk(join(key, f.Key), f.Key, f.Value)
			}
		case List:
			for i, e := range x {
				walk(join(key, EntryKey(field, x, i)), "", e)
			}
		}
	}
	walk("", "", o)
	return out
}

func join(key, part string) string {
	if key == "" {
		return part
	}
	return key + "." + part
}

func lookupError(key, where, part string, names []string) error {
	in := "the plan"
	if where != "" {
		in = where
	}
	msg := fmt.Sprintf("unknown value key %q: %s has no %q%s", key, in, part, diag.DidYouMean(part, names))
	return &LookupError{Message: msg, Names: names}
}

// LookupError is a value key that names nothing; Names are what the
// failing part of the key could have been.
type LookupError struct {
	Message string
	Names   []string
}

func (e *LookupError) Error() string { return e.Message }
