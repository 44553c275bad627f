package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math/big"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
)

// Chart is one chart on a page: its option for the chart library, as
// JSON, and the table of its figures.
type Chart struct {
	Name   string // the chart's name, as in {{< chart "NAME" >}}
	Region string // the region it shows, or "" for the company
	ID     string // the element id, unique in its page
	Title  string
	Option template.JS
	Rows   int // timeline charts grow with their rows
	Table  *Table
}

// CompanyCharts and RegionCharts are the chart names a page may place with
// the chart shortcode, without and with region="ID".
var (
	CompanyCharts = []string{"quarters", "months", "products", "product-quarters", "regions", "channels", "customers", "flow", "timeline"}
	RegionCharts  = []string{"quarters", "months", "products", "channels", "customers", "timeline"}
)

// palette is the charts' colours: calm, distinguishable, and readable in
// grey when printed.
var palette = []string{"#2f6690", "#d9a441", "#3a7d44", "#9c4f96", "#c8553d", "#5b8e7d", "#7b6d8d", "#b08968"}

// chart builds the chart name for region (nil for the company). ok is
// false for an unknown name.
func (b *builder) chart(name string, region *compute.Region) (*Chart, bool) {
	c := &Chart{Name: name}
	if region != nil {
		c.Region = region.ID
	}
	l := b.lang
	// build makes the chart's go-echarts option; it runs only when this
	// render has not built the same chart yet.
	var build func() any
	switch name {
	case "quarters", "months":
		labels, values := b.quarterLabels(), b.r.Quarters[:]
		if name == "months" {
			labels, values = b.monthLabels(), b.r.Months[:]
		}
		if region != nil {
			values = region.Quarters[:]
			if name == "months" {
				values = region.Months[:]
			}
		}
		c.Title = l.T("chart." + name)
		build = func() any { return b.cumulativeChart(labels, values) }
		c.Table = b.periodTable(name, labels, values)
	case "products":
		if region != nil {
			c.Title = l.T("chart.product-mix")
			build, c.Table = func() any { return b.regionProducts(region) }, b.regionProductsTable(region)
		} else {
			c.Title = l.T("chart.products")
			build, c.Table = func() any { return b.productsChart() }, b.productsTable()
		}
	case "product-quarters":
		if region != nil {
			return nil, false
		}
		c.Title = l.T("chart.product-quarters")
		build, c.Table = func() any { return b.productQuarters() }, b.productQuartersTable()
	case "regions":
		if region != nil {
			return nil, false
		}
		c.Title = l.T("chart.regions")
		build, c.Table = func() any { return b.regionsChart() }, b.regionsTable()
	case "channels":
		c.Title = l.T("chart.channels")
		build = func() any { return b.channelsChart(region) }
		if region != nil {
			c.Table = b.regionChannelsTable(region)
		} else {
			c.Table = b.channelsTable()
		}
	case "customers":
		c.Title = l.T("chart.customers")
		build, c.Table = func() any { return b.customersChart(region) }, b.customersTable(region)
	case "flow":
		if region != nil {
			return nil, false
		}
		c.Title = l.T("chart.flow")
		build, c.Table = func() any { return b.flowChart() }, b.flowTable()
	case "timeline":
		c.Title = l.T("chart.timeline")
		items := b.items(region)
		c.Rows, c.Table = len(items), b.itemsTable(items)
		build = func() any { return b.timelineChart(items) }
	case "actuals":
		if b.r.Actuals == nil || (region != nil && b.regionActual(region.ID) == nil) {
			return nil, false
		}
		lines := b.monthLines(region)
		c.Title = l.T("chart.actuals")
		build = func() any { return b.actualsChart(lines) }
		total := &b.r.Actuals.Year
		if region != nil {
			total = &b.regionActual(region.ID).Attainment
		}
		c.Table = b.attainmentTable("col.month", b.monthLabels(), lines, total, false)
	case "actuals-regions", "actuals-products", "actuals-channels":
		if b.r.Actuals == nil || region != nil {
			return nil, false
		}
		lines, col := b.actualsLines(name)
		c.Title = l.T("chart." + name)
		build = func() any { return b.attainmentChart(lines) }
		c.Table = b.attainmentTable(col, b.lineNames(lines), lines, &b.r.Actuals.Year, true)
	default:
		return nil, false
	}
	c.ID = b.chartID(name, c.Region)
	// The option does not depend on the page (nor on the id, which is not
	// part of it): build it once per render. A region's page and its
	// booklet share it; on paper (an html element of class "print") the
	// script draws charts without animation.
	c.Option = b.options.get(name+"\x00"+c.Region, func() template.JS { return optionJSON(build(), c.ID) })
	return c, true
}

// chartID returns an element id for a chart, unique within the page being
// built and the same on every build.
func (b *builder) chartID(name, region string) string {
	id := "chart-" + name
	if b.idPrefix != "" {
		id = "chart-" + b.idPrefix + "-" + name
	}
	if region != "" {
		id += "-" + region
	}
	b.ids[id]++
	if n := b.ids[id]; n > 1 {
		id += fmt.Sprintf("-%d", n)
	}
	return id
}

// validator is a go-echarts chart: it fills its defaults in Validate and
// gives its option as a map in JSON.
type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// optionJSON validates a go-echarts chart, sets its id, and returns its
// option as JSON that is safe inside a script element.
func optionJSON(chart any, id string) template.JS {
	var v any = chart
	if c, ok := chart.(validator); ok {
		charts.WithInitializationOpts(opts.Initialization{ChartID: id})(baseOf(chart))
		c.Validate()
		v = c.JSON()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, > and &, so "</script>" cannot end the element
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("site: chart %s: %v", id, err))
	}
	return template.JS(bytes.TrimSpace(buf.Bytes()))
}

// baseOf returns the common configuration of a go-echarts chart.
func baseOf(chart any) *charts.BaseConfiguration {
	switch c := chart.(type) {
	case *charts.Bar:
		return &c.BaseConfiguration
	case *charts.Line:
		return &c.BaseConfiguration
	case *charts.Pie:
		return &c.BaseConfiguration
	case *charts.Sankey:
		return &c.BaseConfiguration
	}
	panic(fmt.Sprintf("site: unexpected chart type %T", chart))
}

// num writes an amount as an exact JSON number for a chart's data.
func (b *builder) num(units int64) json.Number { return exact(b.r.Amount(units)) }

func ratioNum(r *big.Rat) json.Number {
	if r == nil {
		return "0"
	}
	return json.Number(numfmt.Fixed(new(big.Rat).Mul(r, big.NewRat(100, 1)), 1))
}

// common sets the options every chart shares.
func (b *builder) common() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "2%", Top: "36", Bottom: "36", ContainLabel: opts.Bool(true)}),
	}
}

func (b *builder) unitAxis() opts.YAxis {
	return opts.YAxis{Type: "value", Name: b.r.Plan.Unit, SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#e5e7eb"}}}
}

// cumulativeChart draws period targets as bars with their running total as
// a line on a second axis.
func (b *builder) cumulativeChart(labels []string, values []int64) *charts.Bar {
	bars := make([]opts.BarData, len(values))
	line := make([]opts.LineData, len(values))
	var sum int64
	for i, v := range values {
		sum += v
		bars[i] = opts.BarData{Value: b.num(v)}
		line[i] = opts.LineData{Value: b.num(sum)}
	}
	bar := b.cumulativeBar(labels)
	bar.AddSeries(b.lang.T("series.target"), bars,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(values) <= 4), Position: "top"}))
	l := charts.NewLine()
	l.AddSeries(b.lang.T("series.cumulative"), line, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(l)
	return bar
}

// cumulativeBar is a bar chart over labels in the plan's unit, with a
// second axis for running totals.
func (b *builder) cumulativeBar(labels []string) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels}),
		charts.WithYAxisOpts(b.unitAxis()),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: b.lang.T("series.cumulative"), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	bar.SetXAxis(labels)
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

func (b *builder) productsChart() *charts.Bar {
	var names []string
	var base, target []opts.BarData
	for _, p := range b.r.Products {
		names = append(names, p.Name)
		bv := json.Number("0")
		if p.Baseline != nil {
			bv = json.Number(numfmt.Exact(p.Baseline))
		}
		base = append(base, opts.BarData{Value: bv})
		label := ""
		if p.Growth != nil {
			label = b.lang.SignedPercent(p.Growth)
		}
		target = append(target, opts.BarData{Value: b.num(p.Target), Label: &opts.Label{Show: opts.Bool(label != ""), Position: "top", Formatter: label}})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: names}), charts.WithYAxisOpts(b.unitAxis()))
	bar.SetXAxis(names).
		AddSeries(b.lang.T("series.baseline"), base).
		AddSeries(b.lang.T("series.target"), target)
	return bar
}

func (b *builder) regionProducts(region *compute.Region) *charts.Pie {
	var data []opts.PieData
	for j, p := range b.r.Products {
		data = append(data, opts.PieData{Name: p.Name, Value: b.num(region.Products[j])})
	}
	return b.pie(data)
}

func (b *builder) pie(data []opts.PieData) *charts.Pie {
	pie := charts.NewPie()
	pie.SetGlobalOptions(
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)
	pie.AddSeries("", data,
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"38%", "66%"}, Center: []string{"50%", "45%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{d}%"}))
	return pie
}

func (b *builder) productQuarters() *charts.Bar {
	labels := b.quarterLabels()
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels}), charts.WithYAxisOpts(b.unitAxis()))
	bar.SetXAxis(labels)
	for _, p := range b.r.Products {
		data := make([]opts.BarData, 4)
		for q := range data {
			data[q] = opts.BarData{Value: b.num(p.Quarters[q])}
		}
		bar.AddSeries(p.Name, data, charts.WithBarChartOpts(opts.BarChart{Stack: "products"}))
	}
	return bar
}

func (b *builder) productQuartersTable() *Table {
	rows := make([]tableRow, len(b.r.Products))
	for i, p := range b.r.Products {
		rows[i] = tableRow{name: p.Name, cells: p.Quarters[:]}
	}
	return b.matrixTable(b.lang.T("col.product"), b.quarterLabels(), rows)
}

func (b *builder) regionsChart() *charts.Bar {
	var names []string
	for _, reg := range b.r.Regions {
		names = append(names, reg.Name)
	}
	if o := b.r.Others; o != nil {
		names = append(names, b.othersName())
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: names}), charts.WithYAxisOpts(b.unitAxis()))
	bar.SetXAxis(names)
	for q, label := range b.quarterLabels() {
		data := make([]opts.BarData, len(b.r.Regions))
		for i, reg := range b.r.Regions {
			data[i] = opts.BarData{Value: b.num(reg.Quarters[q])}
		}
		if o := b.r.Others; o != nil {
			data = append(data, opts.BarData{Value: b.num(o.Quarters[q])})
		}
		bar.AddSeries(label, data, charts.WithBarChartOpts(opts.BarChart{Stack: "quarters"}))
	}
	return bar
}

func (b *builder) regionsTable() *Table {
	rows := make([]tableRow, len(b.r.Regions))
	for i, reg := range b.r.Regions {
		rows[i] = tableRow{name: reg.Name, link: b.regionLink(reg.ID), cells: reg.Quarters[:]}
	}
	if o := b.r.Others; o != nil {
		rows = append(rows, tableRow{name: b.othersName(), cells: o.Quarters[:]})
	}
	return b.matrixTable(b.lang.T("col.region"), b.quarterLabels(), rows)
}

func (b *builder) channelsChart(region *compute.Region) *charts.Pie {
	var data []opts.PieData
	if region != nil {
		for _, ch := range region.Channels {
			data = append(data, opts.PieData{Name: ch.Name, Value: b.num(ch.Target)})
		}
		return b.pie(data)
	}
	for _, ch := range b.r.Channels {
		data = append(data, opts.PieData{Name: ch.Name, Value: b.num(ch.Target)})
	}
	return b.pie(data)
}

func (b *builder) customersChart(region *compute.Region) *charts.Bar {
	var names []string
	var targets []opts.BarData
	var per []opts.LineData
	for i, c := range b.r.Customers {
		names = append(names, c.Name)
		t, pc := c.Target, c.PerCustomer
		if region != nil {
			t, pc = region.Customers[i].Target, region.Customers[i].PerCustomer
		}
		targets = append(targets, opts.BarData{Value: b.num(t)})
		v := json.Number("0")
		if pc != nil {
			v = json.Number(numfmt.Exact(pc))
		}
		per = append(per, opts.LineData{Value: v})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.common()...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: names}), charts.WithYAxisOpts(b.unitAxis()))
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: b.lang.T("series.per-customer"), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	bar.SetXAxis(names).AddSeries(b.lang.T("series.target"), targets,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	l := charts.NewLine()
	l.AddSeries(b.lang.T("series.per-customer"), per, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(l)
	return bar
}

func (b *builder) flowChart() *charts.Sankey {
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

// timelineChart draws promotions as bars over their dates and trainings
// and milestones as points, one row per item, on a time axis spanning the
// fiscal year.
func (b *builder) timelineChart(items []item) *charts.Line {
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = it.name
	}
	first, last := b.r.Plan.FiscalYear()
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
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
		line.AddSeries(promotion, []opts.LineData{
			{Value: []any{it.start.String(), it.name}},
			{Value: []any{it.end.String(), it.name}},
		}, charts.WithLineStyleOpts(opts.LineStyle{Width: 10, Color: palette[0]}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: palette[0]}),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none"}))
	}
	for k, kind := range []string{"training", "milestone"} {
		var data []opts.LineData
		for _, it := range items {
			if it.kind == kind {
				data = append(data, opts.LineData{Value: []any{it.start.String(), it.name}})
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
