package site

import (
	"html/template"
	"math/big"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// dashboard is the site's front page.
type dashboard struct {
	Lead   string
	Cards  []card
	Checks []checkView // every check, in the plan's order
	// Problems are the checks that did not pass, shown open; Passed those
	// that did, folded into one line that says how many (PassedSummary).
	Problems      []checkView
	Passed        []checkView
	PassedSummary string
	KPIs          *Table
	Sections      []section
}

type checkView struct {
	Level   string
	Label   string
	Code    string
	Message string
}

func (b *builder) dashboard(pd *pageData) {
	r, l := b.r, b.lang
	p := r.Plan
	pd.Title = l.T("dashboard.title")
	d := &dashboard{Lead: l.Sprintf("dashboard.lead", p.Year, p.Baseline.Year)}
	d.Cards = append(d.Cards, b.targetCard())
	for _, k := range p.KPIs {
		d.Cards = append(d.Cards, b.kpiCard(k))
	}
	if c, ok := b.perHeadCard(); ok {
		d.Cards = append(d.Cards, c)
	}
	if c, ok := b.newProductCard(); ok {
		d.Cards = append(d.Cards, c)
	}
	if a := r.Actuals; a != nil {
		c := b.actualsCards(&a.Year, p.MonthLabel(a.Through))[1]
		c.Note += " · " + l.T("kpi.projection") + " " + l.Amount(a.Year.Projection, 4, p.Unit)
		d.Cards = append(d.Cards, c)
	}
	for _, c := range r.Checks {
		v := checkView{Level: string(c.Level), Label: l.T("level." + string(c.Level)), Code: c.Code, Message: l.Format(c.Message())}
		d.Checks = append(d.Checks, v)
		if c.Level == compute.OK {
			d.Passed = append(d.Passed, v)
		} else {
			d.Problems = append(d.Problems, v)
		}
	}
	switch {
	case len(d.Problems) == 0:
		d.PassedSummary = l.Sprintf("checks.all-pass", len(d.Passed))
	case len(d.Passed) > 0:
		d.PassedSummary = l.Sprintf("checks.others-pass", len(d.Passed))
	}
	if len(p.KPIs) > 0 {
		d.KPIs = b.kpiTable()
	}
	d.Sections = []section{
		{Title: l.T("section.time"), Charts: b.charts(nil, "quarters", "months")},
		{Title: l.T("section.mix"), Charts: b.charts(nil, "products", "customers")},
		{Title: l.T("section.regions"), Charts: b.charts(nil, "regions", "channels", "flow")},
		{Title: l.T("section.execution"), Charts: b.charts(nil, "timeline")},
	}
	pd.Dashboard = d
}

func (b *builder) targetCard() card {
	r, l, p := b.r, b.lang, b.r.Plan
	c := b.keyedCard(card{Label: l.T("kpi.target"), Value: l.Amount(r.Amount(r.Target), 4, p.Unit), Trend: trend(r.Growth)}, "target")
	if r.Growth != nil {
		c.Change = l.SignedPercent(r.Growth)
		c.Note = l.Sprintf("kpi.vs", p.Baseline.Year, l.Amount(p.Baseline.Revenue, 4, p.Unit))
	}
	return c
}

// kpiCard is an auxiliary target of the plan. Its note says that the
// plan sets it, so that a reader tells a KPI of revenue per head (a goal
// set in plan.toml) from the revenue per head the plan's target and
// headcount give (perHeadCard).
func (b *builder) kpiCard(k *plan.KPI) card {
	l := b.lang
	c := b.keyedCard(card{Label: k.Name}, "kpis.", k.ID, ".target")
	diff := new(big.Rat).Sub(k.Target, k.Baseline)
	c.Trend = trend(diff)
	set := l.T("kpi.set") + " · "
	if k.Unit != "" {
		c.Value = l.Amount(k.Target, 4, k.Unit)
		c.Note = set + l.Sprintf("kpi.vs", b.r.Plan.Baseline.Year, l.Amount(k.Baseline, 4, k.Unit))
		if k.Baseline.Sign() != 0 {
			g := new(big.Rat).Quo(diff, k.Baseline)
			c.Change = l.SignedPercent(g)
		}
		return c
	}
	c.Value = l.Percent(k.Target)
	c.Change = l.Points(diff)
	c.Note = set + l.Sprintf("kpi.vs", b.r.Plan.Baseline.Year, l.Percent(k.Baseline))
	return c
}

// perHeadCard is the revenue per head that the annual target and the
// regions' headcount give, its note saying so ("年度目标 ÷ 84 名销售人员").
func (b *builder) perHeadCard() (card, bool) {
	ph, l, p := b.r.PerHead, b.lang, b.r.Plan
	if ph.Target == nil {
		return card{}, false
	}
	c := b.keyedCard(card{Label: l.T("kpi.per-head"), Value: l.Amount(ph.Target, 2, p.Unit), Trend: trend(ph.Growth),
		Note: l.Sprintf("kpi.per-head-of", b.headcount())}, "per_head.target")
	if ph.Growth != nil {
		c.Change = l.SignedPercent(ph.Growth)
		c.Note += " · " + l.Sprintf("kpi.vs", p.Baseline.Year, l.Amount(ph.Baseline, 2, p.Unit))
	}
	if g := p.Target.RevenuePerHeadGrowth; g != nil {
		c.Note += " · " + l.Sprintf("kpi.goal", l.SignedPercent(g))
		c.Trend = checkTrend(ph.Growth != nil && ph.Growth.Cmp(g) >= 0)
	}
	return c, true
}

func (b *builder) newProductCard() (card, bool) {
	r, l := b.r, b.lang
	z := r.Plan.Target.NewProductShare
	if z == nil {
		return card{}, false
	}
	strategic, share := b.strategic()
	return card{
		Label: l.T("kpi.new-share"), Value: l.Percent(share),
		Note:  l.Sprintf("kpi.goal", l.Percent(z)) + " · " + l.Amount(r.Amount(strategic), 4, r.Plan.Unit),
		Trend: checkTrend(share.Cmp(z) >= 0),
	}, true
}

// headcount is the sales staff of every region, those a site for some
// regions' audience shows as one included.
func (b *builder) headcount() int64 {
	var n int64
	for _, reg := range b.r.Regions {
		n += reg.Headcount
	}
	if o := b.r.Others; o != nil {
		n += o.Headcount
	}
	return n
}

// strategic returns the targets of the strategic products, and their share
// of the annual target.
func (b *builder) strategic() (int64, *big.Rat) {
	var sum int64
	for _, p := range b.r.Products {
		if p.Class == "strategic" {
			sum += p.Target
		}
	}
	share := b.share(sum, b.r.Target)
	if share == nil {
		share = new(big.Rat)
	}
	return sum, share
}

func checkTrend(ok bool) string {
	if ok {
		return "ok"
	}
	return "warning"
}

// kpiTable lists the plan's auxiliary targets with their change.
func (b *builder) kpiTable() *Table {
	l := b.lang
	t := &Table{Head: []Cell{head(l.T("col.kpi"), false), head(l.T("col.from"), true), head(l.T("col.to"), true), head(l.T("col.change"), true)}}
	for _, k := range b.r.Plan.KPIs {
		c := b.kpiCard(k)
		from, to := l.Percent(k.Baseline), l.Percent(k.Target)
		if k.Unit != "" {
			from, to = l.Amount(k.Baseline, 4, k.Unit), l.Amount(k.Target, 4, k.Unit)
		}
		key := "kpis." + k.ID + "."
		t.Rows = append(t.Rows, []Cell{text(k.Name), b.keyed(Cell{Text: from, Num: true}, key, "baseline"), b.keyed(Cell{Text: to, Num: true}, key, "target"), {Text: c.Change, Num: true}})
	}
	return t
}

// regionsPage lists every region.
type regionsPage struct {
	Lead   string
	Table  *Table
	Charts []chartView
}

func (b *builder) regionsIndex(pd *pageData) {
	r, l := b.r, b.lang
	pd.Title = l.T("regions.title")
	t := &Table{Caption: b.caption(), Head: []Cell{
		head(l.T("col.region"), false), head(l.T("col.stage"), false), head(l.T("col.manager"), false),
		head(l.Sprintf("col.baseline", r.Plan.Baseline.Year)+b.unitSuffix(), true), b.unitHead("col.target"),
		head(l.T("col.share"), true), head(l.T("col.growth"), true), head(l.T("col.headcount"), true), b.unitHead("col.per-head"),
	}}
	for _, reg := range r.Regions {
		key := "regions." + reg.ID + "."
		t.Rows = append(t.Rows, []Cell{{Text: reg.Name, Link: b.regionLink(reg.ID)}, text(l.T("stage." + reg.Stage)), text(reg.Manager),
			b.keyed(b.amountRat(reg.Baseline), key, "baseline"), b.keyed(b.amount(reg.Target), key, "target"), b.keyed(b.percent(reg.Share), key, "share"),
			b.keyed(b.change(reg.Growth), key, "growth"), b.keyed(b.count(reg.Headcount), key, "headcount"), b.keyed(b.amountRat(reg.PerHead), key, "per_head")})
	}
	if o := r.Others; o != nil {
		t.Rows = append(t.Rows, []Cell{text(b.othersName()), text(""), text(""), text(""), b.amount(o.Target), b.percent(b.share(o.Target, r.Target)), text(""), b.count(o.Headcount), text("")})
	}
	t.Foot = []Cell{text(l.T("col.total")), text(""), text(""), b.keyed(b.amountRat(r.Plan.Baseline.Revenue), "baseline.revenue"), b.keyed(b.amount(r.Target), "target"),
		b.percent(b.share(r.Target, r.Target)), b.keyed(b.change(r.Growth), "growth"), b.count(b.headcount()), b.keyed(b.amountRat(r.PerHead.Target), "per_head.target")}
	lead := l.Sprintf("regions.lead", len(r.Regions), l.Amount(r.Amount(r.Target), 4, r.Plan.Unit))
	if r.Actuals != nil {
		lead += b.attainmentColumn(t)
	}
	pd.Regions = &regionsPage{Lead: lead, Table: t, Charts: b.charts(nil, "regions", "flow")}
}

// attainmentColumn adds each region's attainment to date to the regions
// table, marking the regions behind plan (their name "落后", their
// attainment in red), and returns the sentence of the page's lead that
// names them.
func (b *builder) attainmentColumn(t *Table) string {
	r, l, a := b.r, b.lang, b.r.Actuals
	t.Head = append(t.Head, head(l.T("col.attainment"), true))
	var behind []string
	for i, reg := range r.Regions {
		var at *big.Rat
		if ra := b.regionActual(reg.ID); ra != nil {
			at = ra.Attainment.Attainment
		}
		cell := b.percent(at)
		if at != nil && at.Cmp(big.NewRat(1, 1)) < 0 {
			cell.Class = "down"
			t.Rows[i][0].Mark = l.T("regions.behind")
			behind = append(behind, reg.Name)
		}
		t.Rows[i] = append(t.Rows[i], cell)
	}
	if a.Others != nil && r.Others != nil {
		t.Rows[len(t.Rows)-1] = append(t.Rows[len(t.Rows)-1], b.percent(a.Others.Attainment.Attainment))
	}
	t.Foot = append(t.Foot, b.percent(a.Year.Attainment))
	through := r.Plan.MonthLabel(a.Through)
	if len(behind) == 0 {
		return l.Sprintf("regions.none-behind", through)
	}
	return l.Sprintf("regions.lead-behind", through, len(behind), b.join(behind))
}

// regionPage is one region's page.
type regionPage struct {
	ID        string
	Name      string
	Stage     string
	Manager   string // "负责人:王经理"
	Cards     []card
	Sections  []section
	Narrative template.HTML
	Booklet   string // link to the region's booklet, when there is one
	// Teams is the region's teams and (where the site shows them) people,
	// when the plan has teams or a roster.
	Teams *peopleRegion
}

func (b *builder) region(pd *pageData, reg *compute.Region) {
	l := b.lang
	pd.Title = reg.Name
	rp := &regionPage{ID: reg.ID, Name: reg.Name, Stage: l.T("stage." + reg.Stage), Booklet: "booklet.html"}
	if reg.Manager != "" {
		rp.Manager = l.Sprintf("region.manager", reg.Manager)
	}
	rp.Cards = b.regionCards(reg)
	rp.Sections = []section{
		{Title: l.T("region.targets"), Charts: b.charts(reg, "quarters", "months")},
	}
	if ra := b.regionActual(reg.ID); ra != nil {
		cards := b.actualsCards(&ra.Attainment, b.r.Plan.MonthLabel(b.r.Actuals.Through))
		rp.Cards = append(rp.Cards, cards[1:]...) // attainment and projection
		rp.Sections = append(rp.Sections, section{Title: l.T("actuals.region"), Charts: b.charts(reg, "actuals")})
	}
	rp.Sections = append(rp.Sections, []section{
		{Title: l.T("region.channels"), Charts: b.charts(reg, "channels")},
		{Title: l.T("region.mix"), Charts: b.charts(reg, "products", "customers")},
		{Title: l.T("region.items"), Charts: b.charts(reg, "timeline")},
	}...)
	if b.teams {
		teams := b.peopleRegion(reg)
		teams.Charts = b.charts(reg, "coverage") // none without a roster
		rp.Teams = &teams
	}
	if reg.Narrative != nil {
		rp.Narrative = b.renderMarkdown(reg.Narrative)
	}
	pd.Region = rp
}

// regionCards are a region's KPI cards: its target with growth and share,
// and its revenue per head.
func (b *builder) regionCards(reg *compute.Region) []card {
	l, p := b.lang, b.r.Plan
	target := b.keyedCard(card{Label: l.T("kpi.target"), Value: l.Amount(b.r.Amount(reg.Target), 4, p.Unit), Trend: trend(reg.Growth),
		Note: l.Sprintf("kpi.share-of", l.Percent(reg.Share))}, "regions.", reg.ID, ".target")
	if reg.Growth != nil {
		target.Change = l.SignedPercent(reg.Growth)
		target.Note = l.Sprintf("kpi.vs", p.Baseline.Year, l.Amount(reg.Baseline, 4, p.Unit)) + " · " + target.Note
	}
	cards := []card{target}
	if reg.PerHead != nil {
		c := b.keyedCard(card{Label: l.T("kpi.per-head"), Value: l.Amount(reg.PerHead, 2, p.Unit), Note: l.Sprintf("kpi.headcount", reg.Headcount), Trend: "flat"}, "regions.", reg.ID, ".per_head")
		if g := growthOf(reg.PerHead, b.r.PerHead.Baseline); g != nil {
			c.Change, c.Trend = l.SignedPercent(g), trend(g)
		}
		cards = append(cards, c)
	}
	return cards
}

func growthOf(a, base *big.Rat) *big.Rat {
	if a == nil || base == nil || base.Sign() == 0 {
		return nil
	}
	g := new(big.Rat).Quo(a, base)
	return g.Sub(g, big.NewRat(1, 1))
}

// productsPage shows the product lines.
type productsPage struct {
	Lead   string
	Charts []chartView
}

func (b *builder) products(pd *pageData) {
	r, l := b.r, b.lang
	pd.Title = l.T("products.title")
	_, share := b.strategic()
	pd.Products = &productsPage{
		Lead:   l.Sprintf("products.lead", len(r.Products), l.Amount(r.Amount(r.Target), 4, r.Plan.Unit), l.Percent(share)),
		Charts: b.charts(nil, "products", "product-quarters"),
	}
}

// narrativePage is a Markdown page.
type narrativePage struct {
	Content template.HTML
	Regions string // the regions whose booklets include it, when not all
}

func (b *builder) narrative(pd *pageData, pg *plan.Page) {
	pd.Title = pg.Title
	np := &narrativePage{}
	np.Content = b.renderMarkdown(pg)
	var names []string
	for _, id := range pg.Regions {
		if reg := b.r.Plan.Region(id); reg != nil {
			names = append(names, reg.Name)
		}
	}
	if len(names) > 0 {
		np.Regions = b.lang.Sprintf("page.scope", b.join(names))
	}
	pd.Page = np
}
