package diff

import (
	"fmt"
	"math/big"

	"planbook/generator/compute"
)

// actuals compares the actual results: the last reported month, then the
// year to date, each region's, product line's, channel's and customer
// type's line (actual, plan to date, attainment and projection) and each
// region's monthly actuals. A side without actuals has none of these.
func (c *comparer) actuals() {
	a, b := c.a.Actuals, c.b.Actuals
	if a == nil && b == nil {
		return
	}
	through := func(r *compute.Result) string {
		if r.Actuals == nil {
			return ""
		}
		return r.Plan.MonthLabel(r.Actuals.Through)
	}
	c.text(tierMain, "actuals.through", c.l.T("diff.actuals.through"), through(c.a), through(c.b))
	var ya, yb *compute.Attainment
	if a != nil {
		ya = &a.Year
	}
	if b != nil {
		yb = &b.Year
	}
	c.attainment(tierMain, "actuals.year", c.l.T("diff.actuals.year"), ya, yb)
	for _, kind := range []string{"regions", "products", "channels", "customers"} {
		id := func(x actualLine) string { return x.at.ID }
		// The new side's lines in its order, then the old side's gone ones.
		for _, p := range pairUp(actualLines(a, kind), actualLines(b, kind), id, nil) {
			c.actualLine(kind, p.a, p.b)
		}
	}
}

// actualLine compares a line of a breakdown of the actuals; x or y is the
// zero actualLine when its side has none.
func (c *comparer) actualLine(kind string, x, y actualLine) {
	l := c.l
	var id, name string
	for _, n := range []actualLine{x, y} {
		if n.at != nil {
			id = n.at.ID
		}
	}
	for _, n := range []actualLine{y, x} {
		if n.at != nil && n.at.Name != "" && name == "" {
			name = n.at.Name
		}
	}
	if name == "" {
		name = id
	}
	if id == compute.Unassigned {
		name = l.T("actuals.unassigned")
	}
	if col := map[string]string{"products": "col.product", "channels": "col.channel", "customers": "col.customer"}[kind]; col != "" {
		name = label(l.T(col), name) // "Channel · Not assigned"; a product and a customer type may share a name
	}
	key := "actuals." + kind + "." + id
	c.attainment(tierQuarter, key, name, x.at, y.at)
	if kind != "regions" {
		return
	}
	for m := 0; m < 12; m++ {
		var old, new *big.Rat
		if x.months != nil {
			old = x.months[m]
		}
		if y.months != nil {
			new = y.months[m]
		}
		if old == nil && new != nil && new.Sign() == 0 || new == nil && old != nil && old.Sign() == 0 {
			continue
		}
		c.figure(Item{Key: fmt.Sprintf("%s.months.%d", key, m+1), Label: label(name, c.month(m)), Kind: Amount, Old: old, New: new, tier: tierMonth})
	}
}

// attainment compares a line's actual, plan to date, attainment and
// projection; x or y is nil when its side has no such line.
func (c *comparer) attainment(tier int, key, name string, x, y *compute.Attainment) {
	field := func(at *compute.Attainment, f func(*compute.Attainment) *big.Rat) *big.Rat {
		if at == nil {
			return nil
		}
		return f(at)
	}
	for _, f := range []struct {
		key, col string
		kind     Kind
		get      func(*compute.Attainment) *big.Rat
	}{
		{"actual", "col.actual", Amount, func(at *compute.Attainment) *big.Rat { return at.Actual }},
		{"plan", "col.plan-to-date", Amount, func(at *compute.Attainment) *big.Rat { return at.Plan }},
		{"attainment", "col.attainment", Ratio, func(at *compute.Attainment) *big.Rat { return at.Attainment }},
		{"projection", "col.projection", Amount, func(at *compute.Attainment) *big.Rat { return at.Projection }},
	} {
		c.figure(Item{Key: key + "." + f.key, Label: label(name, c.l.T(f.col)), Kind: f.kind, Old: field(x, f.get), New: field(y, f.get), tier: tier})
	}
}

// actualLine is one line of a breakdown of the actuals, with the months
// of a region's.
type actualLine struct {
	at     *compute.Attainment
	months *[12]*big.Rat
}

// actualLines returns the lines of one breakdown of x, in its order.
func actualLines(x *compute.Actuals, kind string) []actualLine {
	if x == nil {
		return nil
	}
	var out []actualLine
	switch kind {
	case "regions":
		for _, ra := range x.Regions {
			out = append(out, actualLine{&ra.Attainment, &ra.Months})
		}
		return out
	case "products":
		for _, at := range x.Products {
			out = append(out, actualLine{at: at})
		}
	case "channels":
		for _, at := range x.Channels {
			out = append(out, actualLine{at: at})
		}
	default:
		for _, at := range x.Customers {
			out = append(out, actualLine{at: at})
		}
	}
	return out
}
