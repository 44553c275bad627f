package data

import (
	"fmt"
	"math/big"
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
	p := r.Plan
	amount := func(units int64) Leaf { return Leaf{Kind: Amount, R: r.Amount(units)} }
	amountOf := func(x *big.Rat) Leaf { return Leaf{Kind: Amount, R: x} }
	ratio := func(x *big.Rat) Leaf { return Leaf{Kind: Ratio, R: x} }
	count := func(n int64) Leaf { return Leaf{Kind: Count, R: big.NewRat(n, 1)} }
	text := func(s string) Leaf { return Leaf{Kind: Text, S: s} }
	amounts := func(units []int64) List {
		out := make(List, len(units))
		for i, u := range units {
			out[i] = amount(u)
		}
		return out
	}

	products := List{}
	for _, pr := range r.Products {
		products = append(products, Object{
			{"id", text(pr.ID)}, {"name", text(pr.Name)}, {"class", text(pr.Class)},
			{"target", amount(pr.Target)}, {"share", ratio(pr.Share)},
			{"baseline", amountOf(pr.Baseline)}, {"growth", ratio(pr.Growth)},
			{"quarters", amounts(pr.Quarters[:])}, {"months", amounts(pr.Months[:])},
		})
	}
	customers := List{}
	for _, c := range r.Customers {
		customers = append(customers, Object{
			{"id", text(c.ID)}, {"name", text(c.Name)}, {"target", amount(c.Target)},
			{"share", ratio(c.Share)}, {"count", count(c.Count)},
			{"per_customer", amountOf(c.PerCustomer)},
		})
	}
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
		})
	}
	channels := List{}
	for _, ch := range r.Channels {
		channels = append(channels, Object{{"id", text(ch.ID)}, {"name", text(ch.Name)}, {"target", amount(ch.Target)}})
	}
	kpis := List{}
	for _, k := range p.KPIs {
		v := func(x *big.Rat) Leaf { return ratio(x) }
		if k.Unit != "" {
			v = func(x *big.Rat) Leaf { return Leaf{Kind: Quantity, R: x, Unit: k.Unit} }
		}
		kpis = append(kpis, Object{{"id", text(k.ID)}, {"name", text(k.Name)}, {"baseline", v(k.Baseline)}, {"target", v(k.Target)}})
	}
	checks := List{}
	l := i18n.Lang(p.Config.Language)
	for _, c := range r.Checks {
		checks = append(checks, Object{{"level", text(string(c.Level))}, {"code", text(c.Code)}, {"message", text(l.Format(c.Message()))}})
	}
	return Object{
		{"title", text(p.Title)}, {"year", count(int64(p.Year))}, {"currency", text(p.Currency)}, {"unit", text(p.Unit)},
		{"precision", Leaf{Kind: Quantity, R: p.Precision, Unit: p.Unit}}, {"fiscal_start", count(int64(p.FiscalStart))},
		{"baseline", Object{
			{"year", count(int64(p.Baseline.Year))},
			{"revenue", amountOf(p.Baseline.Revenue)},
			{"headcount", count(p.Baseline.Headcount)},
		}},
		{"target", amount(r.Target)}, {"growth", ratio(r.Growth)},
		{"quarters", amounts(r.Quarters[:])}, {"months", amounts(r.Months[:])},
		{"per_head", Object{
			{"baseline", amountOf(r.PerHead.Baseline)},
			{"target", amountOf(r.PerHead.Target)},
			{"growth", ratio(r.PerHead.Growth)},
		}},
		{"products", products}, {"customers", customers}, {"regions", regions},
		{"channels", channels}, {"kpis", kpis}, {"checks", checks},
	}
}

// Lookup finds the figure at key, a dotted path into plan.json: object
// keys by name, list entries by their id, and the entries of quarters and
// months (figures, or lines without an id) as q1..q4 and m1..m12 (or
// 1-based numbers). For example
// "target", "quarters.q3", "products.new.share" or
// "regions.east.channels.direct.target".
func Lookup(tree Object, key string) (Leaf, error) {
	var v Value = tree
	parts := strings.Split(key, ".")
	for i, part := range parts {
		where := strings.Join(parts[:i], ".")
		switch x := v.(type) {
		case Object:
			next := x.Get(part)
			if next == nil {
				return Leaf{}, lookupError(key, where, part, objectKeys(x))
			}
			v = next
		case List:
			next, names := listEntry(x, part)
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
			_, keys = listEntry(v.(List), "")
		}
		return Leaf{}, fmt.Errorf("value key %q names a group, not a figure; add one of: %s", key, strings.Join(keys, ", "))
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

// listEntry returns the entry of a list named by part: the object whose id
// is part, or the figure at qN, mN or N (1-based). It also returns the
// names that would have matched.
func listEntry(l List, part string) (Value, []string) {
	var names []string
	if len(l) > 0 {
		if o, isObj := l[0].(Object); isObj && o.Get("id") != nil {
			for _, e := range l {
				o := e.(Object)
				id, _ := o.Get("id").(Leaf)
				if id.S == part {
					return o, nil
				}
				names = append(names, id.S)
			}
			return nil, names
		}
	}
	prefix := "m"
	if len(l) == 4 {
		prefix = "q"
	}
	for i := range l {
		names = append(names, prefix+strconv.Itoa(i+1))
	}
	n, err := strconv.Atoi(strings.TrimPrefix(part, prefix))
	if err != nil || n < 1 || n > len(l) {
		return nil, names
	}
	return l[n-1], nil
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
