package site

import (
	"encoding/json"
	"math/big"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
)

// actualsPage compares the actual results with the plan.
type actualsPage struct {
	Lead      string
	Cards     []card
	Quarters  *Table
	Sections  []section
	Customers *Table
}

func (b *builder) actualsPage(pd *pageData) {
	a, l, p := b.r.Actuals, b.lang, b.r.Plan
	pd.Title = l.T("actuals.title")
	through := p.MonthLabel(a.Through)
	ap := &actualsPage{
		Lead: l.Sprintf("actuals.lead", through, l.Amount(a.Year.Actual, 4, p.Unit),
			b.attainmentText(a.Year.Attainment), l.Amount(a.Year.Projection, 4, p.Unit)),
		Cards:    b.actualsCards(&a.Year, through),
		Quarters: b.attainmentTable("col.quarter", b.quarterLabels(), a.Quarters[:], &a.Year, false),
		Sections: []section{
			{Title: l.T("actuals.months"), Charts: b.charts(nil, "actuals")},
			{Title: l.T("section.regions"), Charts: b.charts(nil, "actuals-regions", "actuals-channels")},
			{Title: l.T("nav.products"), Charts: b.charts(nil, "actuals-products")},
		},
		Customers: b.attainmentTable("col.customer", b.lineNames(a.Customers), a.Customers, &a.Year, true),
	}
	pd.Actuals = ap
}

// actualsCards are the year to date, its attainment and the full-year
// projection, for the company or a region.
func (b *builder) actualsCards(at *compute.Attainment, through string) []card {
	l, p := b.lang, b.r.Plan
	actual := card{Label: l.T("kpi.actual"), Value: l.Amount(at.Actual, 4, p.Unit), Trend: "flat",
		Note: l.Sprintf("kpi.through", through) + " · " + l.Sprintf("kpi.plan-to-date", l.Amount(at.Plan, 4, p.Unit))}
	attainment := card{Label: l.T("kpi.attainment"), Value: b.attainmentText(at.Attainment), Trend: "flat",
		Note: l.Sprintf("kpi.through", through)}
	if at.Attainment != nil {
		attainment.Trend = checkTrend(at.Attainment.Cmp(big.NewRat(1, 1)) >= 0)
	}
	projection := card{Label: l.T("kpi.projection"), Value: l.Amount(at.Projection, 4, p.Unit), Trend: "flat",
		Note: l.Sprintf("kpi.of-target", l.Amount(at.Target, 4, p.Unit))}
	if at.Target.Sign() != 0 {
		g := new(big.Rat).Quo(at.Projection, at.Target)
		g.Sub(g, big.NewRat(1, 1))
		projection.Change, projection.Trend = l.SignedPercent(g), trend(g)
	}
	return []card{actual, attainment, projection}
}

func (b *builder) attainmentText(r *big.Rat) string {
	if r == nil {
		return "–"
	}
	return b.lang.Percent(r)
}

// regionActual returns a region's actuals, or nil.
func (b *siteRenderer) regionActual(id string) *compute.RegionActual {
	if b.r.Actuals == nil {
		return nil
	}
	for _, ra := range b.r.Actuals.Regions {
		if ra.ID == id {
			return ra
		}
	}
	return nil
}

// monthLines returns the month lines of the company (region nil) or of a
// region: the month's target, its plan to date and its actual.
func (b *builder) monthLines(region *compute.Region) []*compute.Attainment {
	a := b.r.Actuals
	if region == nil {
		return a.Months[:]
	}
	ra := b.regionActual(region.ID)
	out := make([]*compute.Attainment, 12)
	for m := range out {
		out[m] = a.MonthLine(b.r.Plan.MonthLabel(m), m, b.r.Amount(region.Months[m]), ra.Months[m])
	}
	return out
}

// actualsChart draws the month targets and actuals of the company (region
// nil) or a region as bars, with their running totals as lines on a
// second axis. Months after the last one with results have no actual.
func (b *builder) actualsChart(region *compute.Region) option {
	lines := b.monthLines(region)
	through := b.r.Actuals.Through
	plan, actual := make([]opts.BarData, 12), make([]opts.BarData, 12)
	planSum, actualSum := make([]opts.LineData, 12), make([]opts.LineData, 12)
	ps, as := new(big.Rat), new(big.Rat)
	for m, at := range lines {
		ps.Add(ps, at.Target)
		plan[m] = opts.BarData{Value: exact(at.Target)}
		planSum[m] = opts.LineData{Value: exact(ps)}
		if m <= through {
			as.Add(as, at.Actual)
			actual[m] = opts.BarData{Value: exact(at.Actual)}
			actualSum[m] = opts.LineData{Value: exact(as)}
		} else {
			actual[m] = opts.BarData{Value: "-"}
			actualSum[m] = opts.LineData{Value: "-"}
		}
	}
	bar := b.cumulativeBar("actuals", b.monthLabels())
	bar.AddSeries(b.lang.T("series.target"), plan).
		AddSeries(b.lang.T("series.actual"), actual)
	l := charts.NewLine()
	l.AddSeries(b.lang.T("series.plan-cumulative"), planSum, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	l.AddSeries(b.lang.T("series.actual-cumulative"), actualSum, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(l)
	return bar
}

// actualsTable lists the months of the company (region nil) or a region
// with their target, plan to date, actual and attainment.
func (b *builder) actualsTable(region *compute.Region) *Table {
	total := &b.r.Actuals.Year
	if region != nil {
		total = &b.regionActual(region.ID).Attainment
	}
	return b.attainmentTable("col.month", b.monthLabels(), b.monthLines(region), total, false)
}

// breakdown is a breakdown of the actual results, with a chart of its own.
type breakdown int

const (
	byRegion breakdown = iota
	byProduct
	byChannel
)

// breakdownChart draws each line's plan to date and actual (columns 2
// and 3 of its table) as bars.
func (b *builder) breakdownChart(*compute.Region) option {
	return b.tableBar("actuals-breakdown").
		AddSeries(b.lang.T("series.plan-to-date"), nil, column(2)).
		AddSeries(b.lang.T("series.actual"), nil, column(3))
}

// breakdownTable returns the builder of a breakdown's table: each line's
// target, plan to date, actual, attainment and projection.
func breakdownTable(k breakdown) func(*builder, *compute.Region) *Table {
	return func(b *builder, _ *compute.Region) *Table {
		lines, col := b.breakdownLines(k)
		return b.attainmentTable(col, b.lineNames(lines), lines, &b.r.Actuals.Year, true)
	}
}

func (b *builder) lineName(at *compute.Attainment) string {
	if at.Name == "" && at.ID == compute.Unassigned {
		return b.lang.T("actuals.unassigned")
	}
	if at.Name == "" {
		return at.ID
	}
	return at.Name
}

// attainmentTable lists lines with their target, plan to date, actual and
// attainment, and the projection when asked, with total as the last row.
func (b *builder) attainmentTable(col string, names []string, lines []*compute.Attainment, total *compute.Attainment, projection bool) *Table {
	l := b.lang
	t := &Table{Caption: b.caption(), Head: []Cell{head(l.T(col), false), b.unitHead("col.target"),
		b.unitHead("col.plan-to-date"), b.unitHead("col.actual"), head(l.T("col.attainment"), true)}}
	if projection {
		t.Head = append(t.Head, b.unitHead("col.projection"))
	}
	row := func(name string, at *compute.Attainment) []Cell {
		cells := []Cell{text(name), b.amountRat(at.Target), b.amountRat(at.Plan), b.amountRat(at.Actual), b.percent(at.Attainment)}
		if at.ID == compute.Unassigned && at.Projection == nil {
			cells[1] = b.amountRat(nil) // no target of its own
		}
		if at.Plan.Sign() == 0 && at.Actual.Sign() == 0 {
			cells[2], cells[3] = b.amountRat(nil), b.amountRat(nil) // a month still to come
		}
		if projection {
			cells = append(cells, b.amountRat(at.Projection))
		}
		return cells
	}
	for i, at := range lines {
		t.Rows = append(t.Rows, row(names[i], at))
	}
	t.Foot = row(l.T("col.total"), total)
	return t
}

// lineNames returns the names of breakdown lines.
func (b *builder) lineNames(lines []*compute.Attainment) []string {
	out := make([]string, len(lines))
	for i, at := range lines {
		out[i] = b.lineName(at)
	}
	return out
}

// exact writes an amount as an exact JSON number for a chart's data.
func exact(r *big.Rat) json.Number { return json.Number(numfmt.Exact(r)) }

// breakdownLines returns the lines of a breakdown and the key of its
// first column.
func (b *builder) breakdownLines(k breakdown) (lines []*compute.Attainment, col string) {
	a := b.r.Actuals
	switch k {
	case byRegion:
		for _, ra := range a.Regions {
			lines = append(lines, &ra.Attainment)
		}
		if a.Others != nil {
			o := a.Others.Attainment
			o.Name = b.othersName()
			lines = append(lines, &o)
		}
		return lines, "col.region"
	case byProduct:
		return a.Products, "col.product"
	default:
		return a.Channels, "col.channel"
	}
}
