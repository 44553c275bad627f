package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"planbook/generator/compute"
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

// chartScope says where a chart can be placed and what it needs.
type chartScope uint8

const (
	// forCompany: the whole company's, {{< chart "NAME" >}}.
	forCompany chartScope = 1 << iota
	// forRegion: one region's, {{< chart "NAME" region="ID" >}}.
	forRegion
	// needsActuals: drawn only when the plan has actual results (for a
	// region, results of its own).
	needsActuals
	// fromPlanOnly: the company's chart is drawn from the company plan
	// (plan.toml) alone, so that a region's page may show it and still
	// depend on no other region's file (see regionLocal).
	fromPlanOnly
	// needsRoster: drawn only when the plan has a roster
	// (content/people.csv).
	needsRoster
)

// chartDef is one chart planbook draws. A name may have two rows, one for
// the company and one for a region, when they differ.
type chartDef struct {
	name  string
	scope chartScope
	title string // the key of its title
	// build makes its option for region (nil: the company).
	build func(b *builder, region *compute.Region) option
	// table makes the table of its figures, shown beside it.
	table func(b *builder, region *compute.Region) *Table
	// key says which uses of the chart share one option in a render: those
	// with the same key. nil: each region has its own.
	key func(b *builder, region *compute.Region) string
	// grows says the chart's height grows with its table's rows.
	grows bool
}

// fromTable is the key of the charts that take their figures from the
// table beside them: the option only says how to draw them, the same for
// every region (planbook.js fills in the figures, see tableBar).
func fromTable(*builder, *compute.Region) string { return "" }

// chartDefs are the charts, in the order their names are listed to a
// planner.
var chartDefs = []chartDef{
	{name: "quarters", scope: forCompany | forRegion | fromPlanOnly, title: "chart.quarters",
		build: (*builder).quartersChart, table: (*builder).quartersTable, key: fromTable},
	{name: "months", scope: forCompany | forRegion | fromPlanOnly, title: "chart.months",
		build: (*builder).monthsChart, table: (*builder).monthsTable, key: fromTable},
	{name: "products", scope: forCompany | fromPlanOnly, title: "chart.products",
		build: (*builder).productsChart, table: (*builder).productsTable, key: fromTable},
	{name: "products", scope: forRegion, title: "chart.product-mix",
		build: (*builder).regionProducts, table: (*builder).regionProductsTable, key: fromTable},
	{name: "product-quarters", scope: forCompany | fromPlanOnly, title: "chart.product-quarters",
		build: (*builder).productQuarters, table: (*builder).productQuartersTable},
	{name: "regions", scope: forCompany, title: "chart.regions",
		build: (*builder).regionsChart, table: (*builder).regionsTable, key: fromTable},
	{name: "channels", scope: forCompany, title: "chart.channels",
		build: (*builder).channelsChart, table: (*builder).channelsTable, key: fromTable},
	{name: "channels", scope: forRegion, title: "chart.channels",
		build: (*builder).channelsChart, table: (*builder).regionChannelsTable, key: fromTable},
	{name: "customers", scope: forCompany | forRegion | fromPlanOnly, title: "chart.customers",
		build: (*builder).customersChart, table: (*builder).customersTable, key: fromTable},
	{name: "flow", scope: forCompany, title: "chart.flow",
		build: (*builder).flowChart, table: (*builder).flowTable},
	{name: "timeline", scope: forCompany | forRegion, title: "chart.timeline",
		build: (*builder).timelineChart, table: (*builder).timelineTable, key: (*builder).itemsKey, grows: true},
	{name: "coverage", scope: forCompany | forRegion | needsRoster, title: "chart.coverage",
		build: (*builder).coverageChart, table: (*builder).coverageMonths, key: fromTable},
	{name: "actuals", scope: forCompany | forRegion | needsActuals, title: "chart.actuals",
		build: (*builder).actualsChart, table: (*builder).actualsTable},
	{name: "actuals-regions", scope: forCompany | needsActuals, title: "chart.actuals-regions",
		build: (*builder).breakdownChart, table: breakdownTable(byRegion), key: fromTable},
	{name: "actuals-products", scope: forCompany | needsActuals, title: "chart.actuals-products",
		build: (*builder).breakdownChart, table: breakdownTable(byProduct), key: fromTable},
	{name: "actuals-channels", scope: forCompany | needsActuals, title: "chart.actuals-channels",
		build: (*builder).breakdownChart, table: breakdownTable(byChannel), key: fromTable},
}

// CompanyCharts, RegionCharts and ActualsCharts are the chart names a page
// may place with the chart shortcode: without region="ID", with it, and
// those that need actual results ("actuals" also takes region="ID");
// RosterCharts need a roster (and take region="ID" too).
var (
	CompanyCharts = chartNames(forCompany, needsActuals)
	RegionCharts  = chartNames(forRegion, needsActuals)
	ActualsCharts = chartNames(needsActuals, 0)
	RosterCharts  = chartNames(needsRoster, 0)
)

// companyCharts are the company's charts drawn from the company plan alone.
var companyCharts = func() map[string]bool {
	out := map[string]bool{}
	for _, name := range chartNames(forCompany|fromPlanOnly, 0) {
		out[name] = true
	}
	return out
}()

// chartNames lists, in table order and once each, the names of the charts
// whose scope has every flag of has and none of hasNot.
func chartNames(has, hasNot chartScope) []string {
	var out []string
	for _, d := range chartDefs {
		if d.scope&has == has && d.scope&hasNot == 0 && (len(out) == 0 || out[len(out)-1] != d.name) {
			out = append(out, d.name)
		}
	}
	return out
}

// chartDef returns the definition of the chart name for a region or the
// company, or nil.
func chartDefOf(name string, region bool) *chartDef {
	want := forCompany
	if region {
		want = forRegion
	}
	for i := range chartDefs {
		if d := &chartDefs[i]; d.name == name && d.scope&want != 0 {
			return d
		}
	}
	return nil
}

// palette is the charts' colours: calm, distinguishable, and readable in
// grey when printed.
var palette = []string{"#2f6690", "#d9a441", "#3a7d44", "#9c4f96", "#c8553d", "#5b8e7d", "#7b6d8d", "#b08968"}

// chart builds the chart name for region (nil for the company). ok is
// false for an unknown name, or a chart of actual results without them.
func (b *builder) chart(name string, region *compute.Region) (*Chart, bool) {
	d := chartDefOf(name, region != nil)
	if d == nil || (d.scope&needsActuals != 0 && (b.r.Actuals == nil || (region != nil && b.regionActual(region.ID) == nil))) ||
		(d.scope&needsRoster != 0 && b.r.Plan.Roster == nil) {
		return nil, false
	}
	c := &Chart{Name: name, Title: b.lang.T(d.title), Table: d.table(b, region)}
	if region != nil {
		c.Region = region.ID
	}
	if d.grows {
		c.Rows = len(c.Table.Rows)
	}
	c.ID = b.chartID(name, c.Region)
	// The option does not depend on the page (nor on the id, which is not
	// part of it): build it once per render and key. A region's page and
	// its booklet share it; on paper (an html element of class "print")
	// the script draws charts without animation.
	key := optionKey{def: d, key: c.Region}
	if d.key != nil {
		key.key = d.key(b, region)
	}
	c.Option = b.options.get(key, func() template.JS { return optionJSON(d.build(b, region), c.ID) })
	return c, true
}

// optionKey is what a chart's option is built from: the chart, and its
// key (see chartDef.key).
type optionKey struct {
	def *chartDef
	key string
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

// option is a chart's option as go-echarts builds it (*charts.Bar,
// *charts.Pie, …): Validate fills in its defaults, JSON returns it ready
// to encode.
type option interface {
	Validate()
	JSON() map[string]any
}

// optionJSON validates a go-echarts option and returns it as JSON that is
// safe inside a script element.
func optionJSON(o option, id string) template.JS {
	o.Validate()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, > and &, so "</script>" cannot end the element
	if err := enc.Encode(o.JSON()); err != nil {
		panic(fmt.Sprintf("site: chart %s: %v", id, err))
	}
	return template.JS(bytes.TrimSpace(buf.Bytes()))
}

// named returns the global option naming a chart: go-echarts would
// otherwise give it a random id. It is not part of the JSON.
func named(name string) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + name})
}

// num writes an amount as an exact JSON number for a chart's data.
func (b *builder) num(units int64) json.Number { return exact(b.r.Amount(units)) }

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
