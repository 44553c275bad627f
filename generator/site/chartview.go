package site

import (
	"html/template"
	"strconv"
	"strings"

	"planbook/generator/compute"
)

// chartView is a chart with what its template needs. Its fields are its
// own (no embedded struct), which keeps template lookups fast.
type chartView struct {
	Name    string
	Region  string
	ID      string
	Title   string
	Option  template.JS
	Table   *Table
	Height  int    // px, for charts that grow with their rows
	Stacked bool   // the table goes below the chart: it is too wide to sit beside it
	Rows    int    // the rows of a chart that grows with them
	Number  string // in a booklet, the figure's number: "图 3"
}

func (b *builder) chartView(c *Chart) chartView {
	v := chartView{Name: c.Name, Region: c.Region, ID: c.ID, Title: c.Title, Option: c.Option, Table: c.Table}
	if c.Rows > 0 {
		v.Rows, v.Height = c.Rows, 60+30*c.Rows
	}
	v.Stacked = c.Rows > 0 || (c.Table != nil && (len(c.Table.Head) > 4 || len(c.Table.Rows) > 14))
	return v
}

// Open is the built-in theme's markup of the chart before its table: the
// figure, its caption, the chart's element and its option. A page holds
// many charts and a site thousands of pages: writing it here is many
// times faster than a template. A theme that wants other markup writes
// its own "chart" template from the fields.
func (v chartView) Open() template.HTML {
	var b strings.Builder
	b.Grow(640 + len(v.Option))
	b.WriteString(`<figure class="chart-figure`)
	if v.Stacked {
		b.WriteString(" chart-figure--stacked")
	}
	b.WriteString(`" id="`)
	escapeTo(&b, v.ID)
	b.WriteString("-figure\">\n  <figcaption class=\"chart-figure__title\">")
	if v.Number != "" {
		b.WriteString(`<h3 class="chart-figure__heading"><span class="chart-figure__number">`)
		escapeTo(&b, v.Number)
		b.WriteString("</span> ")
		escapeTo(&b, v.Title)
		b.WriteString("</h3>")
	} else {
		escapeTo(&b, v.Title)
	}
	b.WriteString("</figcaption>\n  <div class=\"chart-figure__body\">\n    <div class=\"chart")
	if v.Height != 0 {
		b.WriteString(" chart--rows")
	}
	attr := func(name, value, suffix string) {
		b.WriteString(" " + name + `="`)
		escapeTo(&b, value)
		b.WriteString(suffix + `"`)
	}
	b.WriteByte('"')
	attr("id", v.ID, "")
	attr("data-chart", v.Name, "")
	if v.Region != "" {
		attr("data-region", v.Region, "")
	}
	attr("data-option", v.ID, "-option")
	if v.Table != nil {
		attr("data-table", v.ID, "-table")
	}
	if v.Height != 0 {
		attr("data-height", strconv.Itoa(v.Height), "")
	}
	b.WriteString(` role="img"`)
	attr("aria-label", v.Title, "")
	b.WriteString("></div>\n    <script type=\"application/json\" id=\"")
	escapeTo(&b, v.ID)
	b.WriteString("-option\">")
	b.WriteString(string(v.Option))
	b.WriteString("</script>")
	if v.Table != nil {
		b.WriteString("\n    <div class=\"chart-figure__table\" id=\"")
		escapeTo(&b, v.ID)
		b.WriteString("-table\">")
	}
	return template.HTML(b.String())
}

// Close is the built-in theme's markup of the chart after its table.
func (v chartView) Close() template.HTML {
	if v.Table != nil {
		return "</div>\n  </div>\n</figure>"
	}
	return "\n  </div>\n</figure>"
}

func (b *builder) charts(region *compute.Region, names ...string) []chartView {
	var out []chartView
	for _, n := range names {
		if c, ok := b.chart(n, region); ok {
			out = append(out, b.chartView(c))
		}
	}
	return out
}
