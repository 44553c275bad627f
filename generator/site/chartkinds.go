package site

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// The options and tables of each chart in chartDefs.

// periods returns the quarter or month labels and targets of the company
// (region nil) or a region.
func (b *builder) periods(months bool, region *compute.Region) ([]string, []int64) {
	switch {
	case months && region != nil:
		return b.monthLabels(), region.Months[:]
	case months:
		return b.monthLabels(), b.r.Months[:]
	case region != nil:
		return b.quarterLabels(), region.Quarters[:]
	}
	return b.quarterLabels(), b.r.Quarters[:]
}

func (b *builder) quartersChart(*compute.Region) option {
	return b.cumulativeChart("quarters", true)
}

func (b *builder) monthsChart(*compute.Region) option {
	return b.cumulativeChart("months", false)
}

func (b *builder) quartersTable(region *compute.Region) *Table {
	labels, values := b.periods(false, region)
	return b.periodTable("quarters", labels, values, keyPrefix(region), keyPrefix(region)+"target")
}

func (b *builder) monthsTable(region *compute.Region) *Table {
	labels, values := b.periods(true, region)
	return b.periodTable("months", labels, values, keyPrefix(region), keyPrefix(region)+"target")
}

// keyPrefix is what the value keys of a region's figures start with ("" for
// the company's).
func keyPrefix(region *compute.Region) string {
	if region == nil {
		return ""
	}
	return "regions." + region.ID + "."
}

// The charts that take their figures from the table beside them (see
// chartDef.fromTable) have an empty dataset, and their series say which
// columns of it they show: planbook.js fills it from the table's body
// rows, where column j of a row is dimension 2j (the cell's figure) and
// dimension 2j+1 (its text as the table shows it).

// figureOf is the dimension of the figures of a table's column j.
func figureOf(j int) int { return 2 * j }

// textOf is the dimension of the cell texts of a table's column j.
func textOf(j int) int { return 2*j + 1 }

// column makes a series show column j of the table over its first column,
// with the column's cells as the table writes them in its tooltip.
func column(j int) charts.SeriesOpts {
	return charts.WithEncodeOpts(opts.Encode{X: figureOf(0), Y: figureOf(j), Tooltip: textOf(j)})
}

// cellLabel labels each point of a series with the cell of column j of its
// row, as the table writes it: "4,140", "+5.6%".
func cellLabel(j int) charts.SeriesOpts {
	return charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: fmt.Sprintf("{@[%d]}", textOf(j))})
}

// emptyDataset is the dataset planbook.js fills from the table.
var emptyDataset = opts.Dataset{Source: []any{}}

// cumulativeChart draws the period targets of its table (column 1) as
// bars, labelled when asked, and their running total (column 3) as a line
// on a second axis.
func (b *builder) cumulativeChart(name string, labels bool) *charts.Bar {
	return b.barAndLine(name, labels, 3, "series.cumulative")
}

// barAndLine draws the targets of its table (column 1) as bars, labelled
// when asked, and column line as a line on a second axis, both named by
// the key lineName.
func (b *builder) barAndLine(name string, labels bool, line int, lineName string) *charts.Bar {
	bar := b.tableBar(name)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: b.lang.T(lineName), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	series := []charts.SeriesOpts{column(1)}
	if labels {
		series = append(series, cellLabel(1))
	}
	bar.AddSeries(b.lang.T("series.target"), nil, series...)
	l := charts.NewLine()
	l.AddSeries(b.lang.T(lineName), nil, column(line), charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(l)
	return bar
}

// cumulativeBar is a bar chart over labels in the plan's unit, with a
// second axis for running totals.
func (b *builder) cumulativeBar(name string, labels []string) *charts.Bar {
	bar := b.bar(name, labels)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: b.lang.T("series.cumulative"), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	return bar
}

// bar is a bar chart over labels in the plan's unit (nil: the first column
// of its dataset), without series.
func (b *builder) bar(name string, labels []string) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(named(name))
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels}), charts.WithYAxisOpts(b.unitAxis()))
	if labels != nil {
		bar.SetXAxis(labels)
	}
	return bar
}

// tableBar is a bar chart of its table's rows, in the plan's unit.
func (b *builder) tableBar(name string) *charts.Bar {
	bar := b.bar(name, nil)
	bar.AddDataset(emptyDataset)
	return bar
}

func (b *builder) quarterLabels() []string {
	out := make([]string, 4)
	for q := range out {
		out[q] = b.lang.Quarter(q)
	}
	return out
}

func (b *builder) monthLabels() []string {
	out := make([]string, 12)
	for i := range out {
		_, m := b.r.Plan.MonthOf(i)
		out[i] = b.lang.Month(m)
	}
	return out
}

// productsChart draws each product line's baseline and target (columns 2
// and 3 of its table), the target labelled with its growth (column 5).
func (b *builder) productsChart(*compute.Region) option {
	return b.tableBar("products").
		AddSeries(b.lang.T("series.baseline"), nil, column(2)).
		AddSeries(b.lang.T("series.target"), nil, column(3), cellLabel(5))
}

// regionProducts is a pie of the region's product lines: their targets
// (column 1 of its table), labelled with their shares (column 2).
func (b *builder) regionProducts(*compute.Region) option { return b.tablePie("products", 1, 2) }

// tablePie is a pie of its table's rows: a pie takes its names from the
// first column and its values from the first column of figures, the
// target (column target) in each of the pies' tables. Each slice is
// labelled with its share as the table writes it (column share), not as
// the chart library would compute it from the targets, and its tooltip
// shows both cells.
func (b *builder) tablePie(name string, target, share int) *charts.Pie {
	pie := charts.NewPie()
	pie.SetGlobalOptions(
		named(name),
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)
	pie.AddDataset(emptyDataset)
	pie.AddSeries("", nil,
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"38%", "66%"}, Center: []string{"50%", "45%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: fmt.Sprintf("{b}\n{@[%d]}", textOf(share))}))
	pie.Accept(pieEncode{encode: pieDims{ItemName: figureOf(0), Value: figureOf(target), Tooltip: []int{textOf(target), textOf(share)}}})
	return pie
}

// pieEncode writes a pie's series with the dimensions they show: go-echarts'
// opts.Encode has no "value", which a pie needs once its encode names any
// dimension (here its tooltip's).
type pieEncode struct {
	charts.BaseConfigurationVisitor
	encode pieDims
}

// pieDims are the dimensions a pie's slices show.
type pieDims struct {
	ItemName int   `json:"itemName"`
	Value    int   `json:"value"`
	Tooltip  []int `json:"tooltip"`
}

func (v pieEncode) VisitSeriesOpt(series charts.MultiSeries) any {
	type pieSeries struct {
		charts.SingleSeries
		Encode pieDims `json:"encode"`
	}
	out := make([]pieSeries, len(series))
	for i, s := range series {
		out[i] = pieSeries{SingleSeries: s, Encode: v.encode}
	}
	return out
}

func (b *builder) productQuarters(*compute.Region) option {
	bar := b.bar("product-quarters", b.quarterLabels())
	// Its series are the table's rows, not its columns: the figures stay in
	// the option.
	for _, p := range b.r.Products {
		data := make([]opts.BarData, 4)
		for q := range data {
			data[q] = opts.BarData{Value: b.num(p.Quarters[q])}
		}
		bar.AddSeries(p.Name, data, charts.WithBarChartOpts(opts.BarChart{Stack: "products"}))
	}
	return bar
}

func (b *builder) productQuartersTable(*compute.Region) *Table {
	rows := make([]tableRow, len(b.r.Products))
	for i, p := range b.r.Products {
		rows[i] = tableRow{name: p.Name, cells: p.Quarters[:], keys: func(j int) string { return "products." + p.ID + ".quarters.q" + strconv.Itoa(j+1) }}
	}
	return b.matrixTable(b.lang.T("col.product"), b.quarterLabels(), rows)
}

// regionsChart draws each region's quarters (columns 1 to 4 of its table)
// stacked.
func (b *builder) regionsChart(*compute.Region) option {
	bar := b.tableBar("regions")
	for q, label := range b.quarterLabels() {
		bar.AddSeries(label, nil, column(1+q), charts.WithBarChartOpts(opts.BarChart{Stack: "quarters"}))
	}
	return bar
}

func (b *builder) regionsTable(*compute.Region) *Table {
	rows := make([]tableRow, len(b.r.Regions))
	for i, reg := range b.r.Regions {
		rows[i] = tableRow{name: reg.Name, link: b.regionLink(reg.ID), cells: reg.Quarters[:], keys: func(j int) string { return "regions." + reg.ID + ".quarters.q" + strconv.Itoa(j+1) }}
	}
	if o := b.r.Others; o != nil {
		rows = append(rows, tableRow{name: b.othersName(), cells: o.Quarters[:]})
	}
	return b.matrixTable(b.lang.T("col.region"), b.quarterLabels(), rows)
}

// channelsChart is a pie of the channels' targets, labelled with their
// shares: columns 1 and 2 of the company's table, 2 and 3 of a region's
// (after the channel's stage).
func (b *builder) channelsChart(region *compute.Region) option {
	if region != nil {
		return b.tablePie("channels", 2, 3)
	}
	return b.tablePie("channels", 1, 2)
}

// customersChart draws each customer type's target (column 1 of its table)
// as labelled bars and the revenue per customer (column 4) as a line on a
// second axis.
func (b *builder) customersChart(*compute.Region) option {
	return b.barAndLine("customers", true, 4, "series.per-customer")
}

func (b *builder) flowChart(*compute.Region) option {
	top := b.lang.T("flow.target")
	nodes := []opts.SankeyNode{{Name: top}}
	var links []sankeyLink
	seen := map[string]bool{top: true}
	node := func(name string) {
		if !seen[name] {
			seen[name] = true
			nodes = append(nodes, opts.SankeyNode{Name: name})
		}
	}
	for _, reg := range b.r.Regions {
		node(reg.Name)
		links = append(links, sankeyLink{Source: top, Target: reg.Name, Value: b.num(reg.Target)})
	}
	for _, reg := range b.r.Regions {
		for _, ch := range reg.Channels {
			node(ch.Name)
			if ch.Target > 0 {
				links = append(links, sankeyLink{Source: reg.Name, Target: ch.Name, Value: b.num(ch.Target)})
			}
		}
	}
	if o := b.r.Others; o != nil && o.Target > 0 {
		// The regions this site does not show, as one, so that the channels
		// still add up to the company's.
		name := b.othersName()
		node(name)
		links = append(links, sankeyLink{Source: top, Target: name, Value: b.num(o.Target)})
		for _, ch := range b.r.Channels {
			if v := o.Channels[ch.ID]; v > 0 {
				node(ch.Name)
				links = append(links, sankeyLink{Source: name, Target: ch.Name, Value: b.num(v)})
			}
		}
	}
	s := charts.NewSankey()
	s.SetGlobalOptions(
		named("flow"),
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	s.AddSeries("", nodes, nil,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Curveness: 0.5, Opacity: opts.Float(0.35)}))
	s.MultiSeries[0].Links = links
	return s
}

// sankeyLink is a link of the decomposition flow. go-echarts' own link
// holds its value as a float32, exact only up to 16,777,216; this one
// holds the exact amount.
type sankeyLink struct {
	Source string      `json:"source"`
	Target string      `json:"target"`
	Value  json.Number `json:"value"`
}

// othersName names the regions a site for some regions' audience leaves
// out, as one: "其他 3 个大区".
func (b *builder) othersName() string {
	return b.lang.Sprintf("others.regions", b.r.Others.Count)
}

// item is one promotion, training or milestone on a timeline.
type item struct {
	kind        string // promotion | training | milestone
	name        string
	start, end  plan.Date
	regions     []string
	products    []string
	owner       string
	budget      *big.Rat
	expected    *big.Rat
	hours       *big.Rat
	description string
}

// items returns the plan's promotions, trainings and milestones that apply
// to region (all when region is nil), ordered by date.
func (b *builder) items(region *compute.Region) []item {
	p := b.r.Plan
	applies := func(regions []string) bool {
		if region == nil || len(regions) == 0 {
			return true
		}
		for _, id := range regions {
			if id == region.ID {
				return true
			}
		}
		return false
	}
	var out []item
	for _, pr := range p.Promotions {
		if applies(pr.Regions) {
			out = append(out, item{kind: "promotion", name: pr.Name, start: pr.Start, end: pr.End, regions: pr.Regions, products: pr.Products, budget: pr.Budget, expected: pr.Expected})
		}
	}
	for _, t := range p.Trainings {
		if applies(t.Regions) {
			out = append(out, item{kind: "training", name: t.Topic, start: t.Date, end: t.Date, regions: t.Regions, owner: t.Owner, hours: t.Hours})
		}
	}
	for _, m := range p.Milestones {
		if applies(m.Regions) {
			out = append(out, item{kind: "milestone", name: m.Name, start: m.Date, end: m.Date, regions: m.Regions, owner: m.Owner})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out
}

// itemsKey is the key of a timeline's option: its items.
func (b *builder) itemsKey(region *compute.Region) string {
	var key strings.Builder
	for _, it := range b.items(region) {
		fmt.Fprintf(&key, "%s\x00%s\x00%s\x00%s\x00", it.kind, it.name, it.start, it.end)
	}
	return key.String()
}

func (b *builder) timelineTable(region *compute.Region) *Table {
	return b.itemsTable(b.items(region))
}

// timelineChart draws promotions as bars over their dates and trainings
// and milestones as points, one row per item, on a time axis spanning the
// fiscal year.
func (b *builder) timelineChart(region *compute.Region) option {
	items := b.items(region)
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = it.name
	}
	first, last := b.r.Plan.FiscalYear()
	line := charts.NewLine()
	line.SetGlobalOptions(
		named("timeline"),
		charts.WithColorsOpts(opts.Colors(palette)),
		// A point's tooltip: its kind, then its name, which holds the item's
		// name and dates as the table writes them (the library would write
		// a time axis' value with a clock time).
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{a}\n{b}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{b.lang.T("kind.promotion"), b.lang.T("kind.training"), b.lang.T("kind.milestone")}}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "3%", Top: "12", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", Min: first.String(), Max: last.String(), SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#eef0f3"}}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Width: 180, Overflow: "truncate"}}),
	)
	promotion := b.lang.T("kind.promotion")
	for _, it := range items {
		if it.kind != "promotion" {
			continue
		}
		tip := it.name + "\n" + b.itemDates(it)
		line.AddSeries(promotion, []opts.LineData{
			{Name: tip, Value: []any{it.start.String(), it.name}},
			{Name: tip, Value: []any{it.end.String(), it.name}},
		}, charts.WithLineStyleOpts(opts.LineStyle{Width: 10, Color: palette[0]}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: palette[0]}),
			// Round ends a pointer or a tap can reach for the tooltip.
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10}))
	}
	for k, kind := range []string{"training", "milestone"} {
		var data []opts.LineData
		for _, it := range items {
			if it.kind == kind {
				data = append(data, opts.LineData{Name: it.name + "\n" + b.itemDates(it), Value: []any{it.start.String(), it.name}})
			}
		}
		symbol := []string{"circle", "diamond"}[k]
		line.AddSeries(b.lang.T("kind."+kind), data,
			charts.WithLineChartOpts(opts.LineChart{Symbol: symbol, SymbolSize: 14}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: palette[k+1]}))
	}
	return line
}
