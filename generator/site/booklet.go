package site

import (
	"fmt"
	"html/template"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// Version says which version of the plan a booklet shows: the site's git
// commit, or SOURCE_DATE_EPOCH, or nothing ("unversioned"). It never comes
// from the clock, so that builds stay reproducible.
type Version struct {
	Label    string // e.g. "3f2a9c1", "2024-01-15" or "" for unversioned
	Date     string // e.g. "2024-01-15", or ""
	Modified bool   // the site has changes not yet committed
}

// bookletPage is one region's printable booklet.
type bookletPage struct {
	Region    *compute.Region
	Name      string
	Manager   string
	Stage     string
	Version   string
	Cards     []card
	Contents  []bookletSection
	Sections  []bookletSection
	Narrative template.HTML
	Pages     []bookletSection // company narrative sections for the region
	SignOff   []string         // who signs: the region manager, the sales director
	PageCSS   string           // the booklet's own page rules (running header and footer)
}

// bookletSection is a numbered part of a booklet.
type bookletSection struct {
	ID      string
	Number  int
	Title   string
	Charts  []chartView
	Table   *Table
	Content template.HTML
}

// booklet fills the data of regions/ID/booklet.html.
func (b *builder) booklet(pd *pageData, reg *compute.Region) {
	l := b.lang
	pd.Title = l.Sprintf("booklet.title", reg.Name)
	bp := &bookletPage{Region: reg, Name: reg.Name, Stage: l.T("stage." + reg.Stage), PageCSS: "booklet.css"}
	if reg.Manager != "" {
		bp.Manager = l.Sprintf("region.manager", reg.Manager)
	}
	bp.Version = b.versionText()
	bp.Cards = b.regionCards(reg)

	n := 0
	add := func(id, title string, charts []chartView, table *Table, content template.HTML) {
		if len(charts) == 0 && table == nil && content == "" {
			return
		}
		n++
		bp.Sections = append(bp.Sections, bookletSection{ID: id, Number: n, Title: title, Charts: charts, Table: table, Content: content})
	}
	add("targets", l.T("booklet.targets"), b.charts(reg, "quarters", "months"), nil, "")
	add("channels", l.T("region.channels"), b.charts(reg, "channels"), nil, "")
	add("products", l.T("chart.product-mix"), b.charts(reg, "products"), nil, "")
	add("customers", l.T("chart.customers"), b.charts(reg, "customers"), nil, "")
	items := b.items(reg)
	var itemsTable *Table
	if len(items) > 0 {
		itemsTable = b.itemsTable(items)
	}
	add("items", l.T("region.items"), nil, itemsTable, "")
	if reg.Narrative != nil {
		html := b.renderMarkdown(reg.Narrative)
		add("narrative", l.T("region.narrative"), nil, nil, html)
	}
	for _, pg := range b.r.Plan.Pages {
		if !appliesTo(pg, reg.ID) {
			continue
		}
		html := b.renderMarkdown(pg)
		add("page-"+pg.Slug, pg.Title, nil, nil, html)
	}
	bp.Contents = bp.Sections
	bp.SignOff = []string{l.T("booklet.sign.manager"), l.T("booklet.sign.director")}
	pd.Booklet = bp
}

// appliesTo reports whether a narrative page belongs in a region's
// booklet: it names the region, or names none.
func appliesTo(pg *plan.Page, region string) bool {
	if len(pg.Regions) == 0 {
		return true
	}
	for _, id := range pg.Regions {
		if id == region {
			return true
		}
	}
	return false
}

// versionText says which version of the plan a booklet shows.
func (b *siteRenderer) versionText() string {
	v := b.opts.Version
	var s string
	switch {
	case v.Label != "" && v.Date != "" && v.Label != v.Date:
		s = b.lang.Sprintf("booklet.version", v.Label, v.Date)
	case v.Label != "":
		s = v.Label
	default:
		return b.lang.T("booklet.unversioned")
	}
	if v.Modified {
		s += b.lang.T("booklet.modified")
	}
	return s
}

// bookletCSS is a booklet's page rules: A4, margins, and the running
// header (plan title and region) and footer (page N of M) in the page
// margins. They differ per region, so each booklet has its own file (a
// style element would need 'unsafe-inline' in the pages' security policy).
func (b *siteRenderer) bookletCSS(reg *compute.Region) []byte {
	l := b.lang
	header := cssString(b.r.Plan.Title + " · " + reg.Name)
	var footer string
	if l == "en" {
		footer = `"Page " counter(page) " of " counter(pages)`
	} else {
		footer = `"第 " counter(page) " 页 / 共 " counter(pages) " 页"`
	}
	return []byte(fmt.Sprintf(`/* Page rules of this booklet: written by planbook for %s. */
@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: %s; font-size: 8pt; color: #5f6b7a; }
  @bottom-center { content: %s; font-size: 8pt; color: #5f6b7a; }
}
@page :first {
  @top-left { content: none; }
  @bottom-center { content: none; }
}
`, strings.ReplaceAll(reg.ID, "*/", ""), header, footer))
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
