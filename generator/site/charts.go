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
	// grows says the chart's height grows with its table's rows.
	grows bool
}

// chartDefs are the charts, in the order their names are listed to a
// planner.
var chartDefs = []chartDef{
	{"quarters", forCompany | forRegion | fromPlanOnly, "chart.quarters", (*builder).quartersChart, (*builder).quartersTable, false},
	{"months", forCompany | forRegion | fromPlanOnly, "chart.months", (*builder).monthsChart, (*builder).monthsTable, false},
	{"products", forCompany | fromPlanOnly, "chart.products", (*builder).productsChart, (*builder).productsTable, false},
	{"products", forRegion, "chart.product-mix", (*builder).regionProducts, (*builder).regionProductsTable, false},
	{"product-quarters", forCompany | fromPlanOnly, "chart.product-quarters", (*builder).productQuarters, (*builder).productQuartersTable, false},
	{"regions", forCompany, "chart.regions", (*builder).regionsChart, (*builder).regionsTable, false},
	{"channels", forCompany, "chart.channels", (*builder).channelsChart, (*builder).channelsTable, false},
	{"channels", forRegion, "chart.channels", (*builder).regionChannelsChart, (*builder).regionChannelsTable, false},
	{"customers", forCompany | forRegion | fromPlanOnly, "chart.customers", (*builder).customersChart, (*builder).customersTable, false},
	{"flow", forCompany, "chart.flow", (*builder).flowChart, (*builder).flowTable, false},
	{"timeline", forCompany | forRegion, "chart.timeline", (*builder).timelineChart, (*builder).timelineTable, true},
	{"actuals", forCompany | forRegion | needsActuals, "chart.actuals", (*builder).actualsChart, (*builder).actualsTable, false},
	{"actuals-regions", forCompany | needsActuals, "chart.actuals-regions", breakdownChart(byRegion), breakdownTable(byRegion), false},
	{"actuals-products", forCompany | needsActuals, "chart.actuals-products", breakdownChart(byProduct), breakdownTable(byProduct), false},
	{"actuals-channels", forCompany | needsActuals, "chart.actuals-channels", breakdownChart(byChannel), breakdownTable(byChannel), false},
}

// CompanyCharts, RegionCharts and ActualsCharts are the chart names a page
// may place with the chart shortcode: without region="ID", with it, and
// those that need actual results ("actuals" also takes region="ID").
var (
	CompanyCharts = chartNames(forCompany, needsActuals)
	RegionCharts  = chartNames(forRegion, needsActuals)
	ActualsCharts = chartNames(needsActuals, 0)
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
	if d == nil || (d.scope&needsActuals != 0 && (b.r.Actuals == nil || (region != nil && b.regionActual(region.ID) == nil))) {
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
	// part of it): build it once per render. A region's page and its
	// booklet share it; on paper (an html element of class "print") the
	// script draws charts without animation.
	c.Option = b.options.get(name+"\x00"+c.Region, func() template.JS { return optionJSON(d.build(b, region), c.ID) })
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
