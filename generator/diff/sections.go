package diff

import (
	"fmt"
	"math/big"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
)

// The tiers order a section's items: an entry's main figures first, then
// quarters, months and the cells of the two-way tables.
const (
	tierMain = iota
	tierQuarter
	tierMonth
	tierCell
)

// plan compares the settings, the annual target and its growth, and
// revenue per head.
func (c *comparer) plan() {
	pa, pb, l := c.a.Plan, c.b.Plan, c.l
	base := l.T("field.baseline")
	c.text(tierMain, "title", l.T("field.title"), pa.Title, pb.Title)
	c.count(tierMain, "year", l.T("field.year"), int64(pa.Year), int64(pb.Year))
	c.text(tierMain, "currency", l.T("field.currency"), pa.Currency, pb.Currency)
	c.text(tierMain, "unit", l.T("field.unit"), pa.Unit, pb.Unit)
	c.text(tierMain, "precision", l.T("field.precision"), numfmt.Exact(pa.Precision), numfmt.Exact(pb.Precision))
	c.count(tierMain, "fiscal_start", l.T("field.fiscal-start"), int64(pa.FiscalStart), int64(pb.FiscalStart))
	c.count(tierMain, "baseline.year", l.T("field.baseline-year"), int64(pa.Baseline.Year), int64(pb.Baseline.Year))
	c.figure(tierMain, Amount, "baseline.revenue", base, pa.Baseline.Revenue, pb.Baseline.Revenue)
	c.count(tierMain, "baseline.headcount", label(base, l.T("field.headcount")), pa.Baseline.Headcount, pb.Baseline.Headcount)
	c.amount(tierMain, "target", l.T("field.target"), c.a.Target, c.b.Target)
	c.figure(tierMain, Ratio, "growth", l.T("field.growth"), c.a.Growth, c.b.Growth)
	c.figure(tierMain, Amount, "per_head.baseline", l.T("field.per-head-base"), c.a.PerHead.Baseline, c.b.PerHead.Baseline)
	c.figure(tierMain, Amount, "per_head.target", l.T("field.per-head"), c.a.PerHead.Target, c.b.PerHead.Target)
	c.figure(tierMain, Ratio, "per_head.growth", l.T("field.per-head-grow"), c.a.PerHead.Growth, c.b.PerHead.Growth)
	c.figure(tierMain, Ratio, "goals.new_product_share", l.T("field.goal-new-share"), pa.Target.NewProductShare, pb.Target.NewProductShare)
	c.figure(tierMain, Ratio, "goals.revenue_per_head_growth", l.T("field.goal-per-head"), pa.Target.RevenuePerHeadGrowth, pb.Target.RevenuePerHeadGrowth)
}

// time compares the company's quarters and months.
func (c *comparer) time() {
	c.phasing("", "", c.a.Quarters, c.b.Quarters, c.a.Months, c.b.Months)
}

// phasing compares the quarters and months of the company (key and name
// "") or of one product line or region.
func (c *comparer) phasing(key, name string, qa, qb [4]int64, ma, mb [12]int64) {
	if key != "" {
		key += "."
	}
	lab := func(s string) string {
		if name == "" {
			return s
		}
		return label(name, s)
	}
	for q := range qa {
		c.amount(tierQuarter, fmt.Sprintf("%squarters.q%d", key, q+1), lab(c.l.Quarter(q)), qa[q], qb[q])
	}
	for m := range ma {
		c.amount(tierMonth, fmt.Sprintf("%smonths.m%d", key, m+1), lab(c.month(m)), ma[m], mb[m])
	}
}

// month labels fiscal month i of the new plan: "Mar 2024", "2024年3月".
func (c *comparer) month(i int) string {
	y, m := c.b.Plan.MonthOf(i)
	if c.l == "en" {
		return fmt.Sprintf("%s %d", c.l.Month(m), y)
	}
	return fmt.Sprintf("%d年%s", y, c.l.Month(m))
}

func (c *comparer) products() {
	l := c.l
	for _, p := range pairUp(c.a.Products, c.b.Products, func(x *compute.Product) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("products."+b.ID, b.Name, true, Amount, c.b.Amount(b.Target), "")
			continue
		case !p.hasB:
			c.entry("products."+a.ID, a.Name, false, Amount, c.a.Amount(a.Target), "")
			continue
		}
		key := "products." + b.ID
		c.text(tierMain, key+".name", label(b.Name, l.T("field.name")), a.Name, b.Name)
		c.text(tierMain, key+".class", label(b.Name, l.T("field.class")), l.T("class."+a.Class), l.T("class."+b.Class))
		c.amount(tierMain, key+".target", label(b.Name, l.T("field.target")), a.Target, b.Target)
		c.figure(tierMain, Ratio, key+".share", label(b.Name, l.T("field.share")), a.Share, b.Share)
		c.figure(tierMain, Amount, key+".baseline", label(b.Name, l.T("field.baseline")), a.Baseline, b.Baseline)
		c.figure(tierMain, Ratio, key+".growth", label(b.Name, l.T("field.growth")), a.Growth, b.Growth)
		c.phasing(key, b.Name, a.Quarters, b.Quarters, a.Months, b.Months)
	}
}

func (c *comparer) regions() {
	l := c.l
	for _, p := range c.regionPairs() {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("regions."+b.ID, b.Name, true, Amount, c.b.Amount(b.Target), "")
			continue
		case !p.hasB:
			c.entry("regions."+a.ID, a.Name, false, Amount, c.a.Amount(a.Target), "")
			continue
		}
		key, lab := "regions."+b.ID, func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
		c.text(tierMain, key+".stage", lab("field.stage"), l.T("stage."+a.Stage), l.T("stage."+b.Stage))
		c.text(tierMain, key+".manager", lab("field.manager"), a.Manager, b.Manager)
		c.count(tierMain, key+".headcount", lab("field.headcount"), a.Headcount, b.Headcount)
		c.amount(tierMain, key+".target", lab("field.target"), a.Target, b.Target)
		c.figure(tierMain, Ratio, key+".share", lab("field.share"), a.Share, b.Share)
		c.figure(tierMain, Amount, key+".baseline", lab("field.baseline"), a.Baseline, b.Baseline)
		c.figure(tierMain, Ratio, key+".growth", lab("field.growth"), a.Growth, b.Growth)
		c.figure(tierMain, Amount, key+".per_head", lab("field.per-head"), a.PerHead, b.PerHead)
		c.phasing(key, b.Name, a.Quarters, b.Quarters, a.Months, b.Months)
		// Its rows of regions × products and regions × customers, for the
		// product lines and customer types both plans have.
		for j, pr := range c.b.Products {
			if i := productIndex(c.a.Products, pr.ID); i >= 0 {
				c.amount(tierCell, key+".products."+pr.ID, label(b.Name, pr.Name), a.Products[i], b.Products[j])
			}
		}
		for j, cu := range b.Customers {
			for _, ca := range a.Customers {
				if ca.ID == cu.ID {
					c.amount(tierCell, key+".customers."+cu.ID, label(b.Name, c.customerName(cu.ID)), ca.Target, b.Customers[j].Target)
				}
			}
		}
	}
}

func (c *comparer) regionPairs() []pair[*compute.Region] {
	return pairUp(c.a.Regions, c.b.Regions, func(x *compute.Region) string { return x.ID }, nil)
}

func productIndex(ps []*compute.Product, id string) int {
	for i, p := range ps {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func (c *comparer) customerName(id string) string {
	for _, cu := range c.b.Customers {
		if cu.ID == id {
			return cu.Name
		}
	}
	return id
}

// channels compares each region's channels, then the company totals.
func (c *comparer) channels() {
	l := c.l
	for _, rp := range c.regionPairs() {
		if !rp.hasA || !rp.hasB {
			continue // the region's own entry says it
		}
		region := rp.b.Name
		for _, p := range pairUp(rp.a.Channels, rp.b.Channels, func(x *compute.Channel) string { return x.ID }, nil) {
			a, b := p.a, p.b
			switch {
			case !p.hasA:
				c.entry("regions."+rp.b.ID+".channels."+b.ID, label(region, b.Name), true, Amount, c.b.Amount(b.Target), "")
				continue
			case !p.hasB:
				c.entry("regions."+rp.b.ID+".channels."+a.ID, label(region, a.Name), false, Amount, c.a.Amount(a.Target), "")
				continue
			}
			key, lab := "regions."+rp.b.ID+".channels."+b.ID, func(f string) string { return label(region, b.Name, l.T(f)) }
			c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
			c.text(tierMain, key+".stage", lab("field.stage"), stageName(l.T, a.Stage), stageName(l.T, b.Stage))
			c.amount(tierMain, key+".target", lab("field.target"), a.Target, b.Target)
			c.figure(tierMain, Ratio, key+".share", lab("field.share"), a.Share, b.Share)
		}
	}
	all := l.T("diff.all-regions")
	for _, p := range pairUp(c.a.Channels, c.b.Channels, func(x *compute.ChannelTotal) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("channels."+b.ID, label(b.Name, all), true, Amount, c.b.Amount(b.Target), "")
		case !p.hasB:
			c.entry("channels."+a.ID, label(a.Name, all), false, Amount, c.a.Amount(a.Target), "")
		default:
			c.text(tierMain, "channels."+b.ID+".name", label(b.Name, all, l.T("field.name")), a.Name, b.Name)
			c.amount(tierMain, "channels."+b.ID+".target", label(b.Name, all), a.Target, b.Target)
		}
	}
}

func stageName(t func(string) string, stage string) string {
	if stage == "" {
		return ""
	}
	return t("stage." + stage)
}

func (c *comparer) customers() {
	l := c.l
	for _, p := range pairUp(c.a.Customers, c.b.Customers, func(x *compute.Customer) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("customers."+b.ID, b.Name, true, Amount, c.b.Amount(b.Target), "")
			continue
		case !p.hasB:
			c.entry("customers."+a.ID, a.Name, false, Amount, c.a.Amount(a.Target), "")
			continue
		}
		key, lab := "customers."+b.ID, func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
		c.amount(tierMain, key+".target", lab("field.target"), a.Target, b.Target)
		c.figure(tierMain, Ratio, key+".share", lab("field.share"), a.Share, b.Share)
		c.count(tierMain, key+".count", lab("field.count"), a.Count, b.Count)
		c.figure(tierMain, Amount, key+".per_customer", lab("field.per-customer"), a.PerCustomer, b.PerCustomer)
	}
}

func (c *comparer) kpis() {
	l := c.l
	kind := func(k *plan.KPI) Kind {
		if k.Unit != "" {
			return Quantity
		}
		return Ratio
	}
	for _, p := range pairUp(c.a.Plan.KPIs, c.b.Plan.KPIs, func(x *plan.KPI) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("kpis."+b.ID, b.Name, true, kind(b), b.Target, "")
			c.items[len(c.items)-1].Unit = b.Unit
			continue
		case !p.hasB:
			c.entry("kpis."+a.ID, a.Name, false, kind(a), a.Target, "")
			c.items[len(c.items)-1].Unit = a.Unit
			continue
		}
		key, lab := "kpis."+b.ID, func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
		c.text(tierMain, key+".unit", lab("field.unit"), a.Unit, b.Unit)
		for _, f := range []struct {
			key, label string
			a, b       *big.Rat
		}{{".baseline", "field.kpi-baseline", a.Baseline, b.Baseline}, {".target", "field.kpi-target", a.Target, b.Target}} {
			n := len(c.items)
			c.figure(tierMain, kind(b), key+f.key, lab(f.label), f.a, f.b)
			if len(c.items) > n {
				c.items[n].Unit = b.Unit
			}
		}
	}
}

func (c *comparer) promotions() {
	l := c.l
	dates := func(p *plan.Promotion) string { return p.Start.String() + " – " + p.End.String() }
	for _, p := range pairUp(c.a.Plan.Promotions, c.b.Plan.Promotions, func(x *plan.Promotion) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("promotions."+b.ID, b.Name, true, Text, nil, dates(b))
			continue
		case !p.hasB:
			c.entry("promotions."+a.ID, a.Name, false, Text, nil, dates(a))
			continue
		}
		key, lab := "promotions."+b.ID, func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
		c.text(tierMain, key+".start", lab("field.start"), a.Start.String(), b.Start.String())
		c.text(tierMain, key+".end", lab("field.end"), a.End.String(), b.End.String())
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
		c.text(tierMain, key+".products", lab("field.products"), c.productNames(c.a, a.Products), c.productNames(c.b, b.Products))
		c.figure(tierMain, Amount, key+".budget", lab("field.budget"), a.Budget, b.Budget)
		c.figure(tierMain, Amount, key+".expected", lab("field.expected"), a.Expected, b.Expected)
	}
}

// trainings matches trainings by topic and date, then a training whose
// date moved by its topic alone.
func (c *comparer) trainings() {
	l := c.l
	topic := func(x *plan.Training) string { return x.Topic }
	exact := func(x *plan.Training) string { return x.Topic + "@" + x.Date.String() }
	for _, p := range pairUp(c.a.Plan.Trainings, c.b.Plan.Trainings, exact, topic) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("trainings."+exact(b), b.Topic, true, Text, nil, b.Date.String())
			continue
		case !p.hasB:
			c.entry("trainings."+exact(a), a.Topic, false, Text, nil, a.Date.String())
			continue
		}
		key, lab := "trainings."+exact(b), func(f string) string { return label(b.Topic, l.T(f)) }
		c.text(tierMain, key+".date", lab("field.date"), a.Date.String(), b.Date.String())
		n := len(c.items)
		c.figure(tierMain, Quantity, key+".hours", lab("field.hours"), a.Hours, b.Hours)
		if len(c.items) > n {
			c.items[n].Unit = l.T("diff.hours")
		}
		c.text(tierMain, key+".owner", lab("field.owner"), a.Owner, b.Owner)
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
}

// milestones matches milestones by name and date, then a milestone whose
// date moved by its name alone.
func (c *comparer) milestones() {
	l := c.l
	name := func(x *plan.Milestone) string { return x.Name }
	exact := func(x *plan.Milestone) string { return x.Name + "@" + x.Date.String() }
	for _, p := range pairUp(c.a.Plan.Milestones, c.b.Plan.Milestones, exact, name) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("milestones."+exact(b), b.Name, true, Text, nil, b.Date.String())
			continue
		case !p.hasB:
			c.entry("milestones."+exact(a), a.Name, false, Text, nil, a.Date.String())
			continue
		}
		key, lab := "milestones."+exact(b), func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".date", lab("field.date"), a.Date.String(), b.Date.String())
		c.text(tierMain, key+".owner", lab("field.owner"), a.Owner, b.Owner)
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
}

// pages compares the narrative pages, matched by slug, and the region
// narratives, matched by region.
func (c *comparer) pages() {
	l := c.l
	for _, p := range pairUp(c.a.Plan.Pages, c.b.Plan.Pages, func(x *plan.Page) string { return x.Slug }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.entry("pages."+b.Slug, b.Title, true, Text, nil, b.File)
			continue
		case !p.hasB:
			c.entry("pages."+a.Slug, a.Title, false, Text, nil, a.File)
			continue
		}
		key := "pages." + b.Slug
		c.text(tierMain, key+".title", label(b.Title, l.T("field.title")), a.Title, b.Title)
		c.body(key+".text", label(b.Title, l.T("field.text")), a.Body, b.Body)
		c.text(tierMain, key+".regions", label(b.Title, l.T("field.regions")), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
	for _, rp := range c.regionPairs() {
		if !rp.hasA || !rp.hasB {
			continue
		}
		a, b := rp.a.Narrative, rp.b.Narrative
		key, name := "regions."+rp.b.ID+".narrative", label(rp.b.Name, l.T("field.narrative"))
		switch {
		case a == nil && b == nil:
		case a == nil:
			c.entry(key, name, true, Text, nil, b.File)
		case b == nil:
			c.entry(key, name, false, Text, nil, a.File)
		default:
			c.text(tierMain, key+".title", label(name, l.T("field.title")), a.Title, b.Title)
			c.body(key+".text", label(name, l.T("field.text")), a.Body, b.Body)
		}
	}
}

// body adds the change of a page's text, counted in lines.
func (c *comparer) body(key, label, old, new string) {
	a, b := lines(old), lines(new)
	common := lcs(a, b)
	if common == len(a) && common == len(b) {
		return
	}
	c.add(Item{Key: key, Label: label, Kind: Lines, Status: Changed,
		Old: big.NewRat(int64(len(a)), 1), New: big.NewRat(int64(len(b)), 1),
		LinesAdded: len(b) - common, LinesRemoved: len(a) - common})
}

// lines splits a text into lines; a change of line endings alone is no
// change.
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// maxLCS bounds the work of lcs; longer texts are compared as multisets
// of lines, which counts a moved line as unchanged.
const maxLCS = 16 << 20

// lcs returns the length of the longest common subsequence of two lists
// of lines.
func lcs(a, b []string) int {
	if len(a)*len(b) > maxLCS {
		seen := map[string]int{}
		for _, s := range a {
			seen[s]++
		}
		n := 0
		for _, s := range b {
			if seen[s] > 0 {
				seen[s]--
				n++
			}
		}
		return n
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// regionNames lists regions by name, in the language's list style; an
// empty list is all regions.
func (c *comparer) regionNames(r *compute.Result, ids []string) string {
	if len(ids) == 0 {
		return c.l.T("diff.all-regions")
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if reg := r.Plan.Region(id); reg != nil {
			names[i] = reg.Name
		}
	}
	return c.join(names)
}

func (c *comparer) productNames(r *compute.Result, ids []string) string {
	if len(ids) == 0 {
		return c.l.T("diff.all-products")
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if j := productIndex(r.Products, id); j >= 0 {
			names[i] = r.Products[j].Name
		}
	}
	return c.join(names)
}

func (c *comparer) join(names []string) string {
	if c.l == "en" {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// actuals compares the actual results: the last reported month, then the
// year to date, each region's, product line's, channel's and customer
// type's line (actual, plan to date, attainment and projection) and each
// region's monthly actuals. A side without actuals has none of these.
func (c *comparer) actuals() {
	a, b, l := c.a.Actuals, c.b.Actuals, c.l
	if a == nil && b == nil {
		return
	}
	through := func(r *compute.Result) string {
		if r.Actuals == nil {
			return ""
		}
		return r.Plan.MonthLabel(r.Actuals.Through)
	}
	c.text(tierMain, "actuals.through", l.T("diff.actuals.through"), through(c.a), through(c.b))
	line := func(tier int, key, name string, x, y *compute.Attainment) {
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
			c.figure(tier, f.kind, key+"."+f.key, label(name, l.T(f.col)), field(x, f.get), field(y, f.get))
		}
	}
	var ya, yb *compute.Attainment
	if a != nil {
		ya = &a.Year
	}
	if b != nil {
		yb = &b.Year
	}
	line(tierMain, "actuals.year", l.T("diff.actuals.year"), ya, yb)
	for _, kind := range []string{"regions", "products", "channels", "customers"} {
		la, lb := actualLines(a, kind), actualLines(b, kind)
		ma, mb := map[string]actualLine{}, map[string]actualLine{}
		// The new side's lines in its order, then the old side's gone ones.
		var ids []string
		for _, x := range lb {
			mb[x.at.ID] = x
			ids = append(ids, x.at.ID)
		}
		for _, x := range la {
			ma[x.at.ID] = x
			if _, ok := mb[x.at.ID]; !ok {
				ids = append(ids, x.at.ID)
			}
		}
		for _, id := range ids {
			x, y := ma[id], mb[id]
			name := id
			for _, n := range []actualLine{y, x} {
				if n.at != nil && n.at.Name != "" {
					name = n.at.Name
					break
				}
			}
			if id == compute.Unassigned {
				name = l.T("actuals.unassigned")
			}
			if col := map[string]string{"products": "col.product", "channels": "col.channel", "customers": "col.customer"}[kind]; col != "" {
				name = label(l.T(col), name) // "Channel · Not assigned"; a product and a customer type may share a name
			}
			key := "actuals." + kind + "." + id
			line(tierQuarter, key, name, x.at, y.at)
			if kind == "regions" {
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
					c.figure(tierMonth, Amount, fmt.Sprintf("%s.months.%d", key, m+1), label(name, c.month(m)), old, new)
				}
			}
		}
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
