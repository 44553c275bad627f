// Package site renders the pages of a plan site from a computed plan: the
// dashboard, the regions index and one page per region, the product lines,
// and one page per narrative section, with their charts.
//
// It renders in memory; writing the files is left to the caller. All
// links are relative, so the output works opened from disk or served
// under any path, and nothing is loaded from outside the output folder.
package site

import (
	"bytes"
	"math/big"
	"strings"

	"github.com/yuin/goldmark"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/diff"
	"planbook/generator/i18n"
	"planbook/generator/plan"
)

// Options change how Render works.
type Options struct {
	// Cache, when set, keeps pages between renders of the same site: only
	// pages whose inputs changed are rendered again.
	Cache *Cache
	// Changes, when set, adds the page changes/index.html showing this
	// comparison with another version of the plan, linked in the
	// navigation (planbook build --compare).
	Changes *diff.Report
	// Version is the plan version the booklets show.
	Version Version
}

// builder renders one site. Its page-dependent parts (root, ids) are reset
// for every page.
type builder struct {
	r     *compute.Result
	tree  data.Object
	lang  i18n.Lang
	theme *Theme
	md    goldmark.Markdown
	opts  Options
	errs  *diag.List
	print bool // charts for print: no animation

	root string         // the way from the current page to the site root: "", "../", …
	ids  map[string]int // chart ids used on the current page
	base [32]byte       // the inputs every page shares, for the cache
}

// Render returns the pages and assets of the site by their path under the
// output folder.
func Render(r *compute.Result, th *Theme, o Options) (map[string][]byte, *diag.List) {
	b := &builder{
		r: r, tree: data.Tree(r), lang: i18n.Lang(r.Plan.Config.Language), theme: th,
		md: newMarkdown(r.Plan.Config.UnsafeHTML), opts: o, errs: &diag.List{},
	}
	files := map[string][]byte{}
	for name, data := range th.Assets {
		files[name] = data
	}
	o.Cache.start()
	b.base = b.inputs()
	// cached renders a page unless the cache holds it with the same inputs.
	cached := func(path, kind string, fill func(*pageData), markdown ...string) {
		key := b.pageKey(path, markdown...)
		if data, ok := o.Cache.get(path, key); ok {
			files[path] = data
			return
		}
		before := b.errs.Len()
		files[path] = b.page(path, kind, fill)
		if b.errs.Len() == before {
			o.Cache.put(path, key, files[path])
		}
	}
	cached("index.html", "dashboard", b.dashboard)
	cached("regions/index.html", "regions", b.regionsIndex)
	cached("products/index.html", "products", b.products)
	for _, reg := range r.Regions {
		reg := reg
		var md []string
		if reg.Narrative != nil {
			md = append(md, reg.Narrative.File)
		}
		cached("regions/"+reg.ID+"/index.html", "region", func(pd *pageData) { b.region(pd, reg) }, md...)
		for _, pg := range r.Plan.Pages {
			if appliesTo(pg, reg.ID) {
				md = append(md, pg.File)
			}
		}
		cached("regions/"+reg.ID+"/booklet.html", "booklet", func(pd *pageData) { b.booklet(pd, reg) }, md...)
		files["regions/"+reg.ID+"/booklet.css"] = b.bookletCSS(reg)
	}
	for _, pg := range r.Plan.Pages {
		pg := pg
		cached(pg.Slug+"/index.html", "page", func(pd *pageData) { b.narrative(pd, pg) }, pg.File)
	}
	if o.Changes != nil {
		files["changes/index.html"] = b.page("changes/index.html", "changes", b.changes)
	}
	return files, b.errs
}

// pageData is what every page template gets.
type pageData struct {
	lang      i18n.Lang
	Lang      string
	Site      siteInfo
	Title     string
	Root      string // prefix to the site root: "", "../", "../../"
	Path      string
	Nav       []navItem
	HasCharts bool

	Dashboard *dashboard
	Regions   *regionsPage
	Region    *regionPage
	Products  *productsPage
	Page      *narrativePage
	Changes   *changesPage
	Booklet   *bookletPage
}

// T returns the interface string key in the page's language.
func (pd *pageData) T(key string) string { return pd.lang.T(key) }

type siteInfo struct {
	Title    string
	Year     int
	Unit     string
	Currency string
}

type navItem struct {
	Title  string
	Href   string
	Active bool
}

// page renders one page of the given kind; fill sets its specific parts.
func (b *builder) page(path, kind string, fill func(*pageData)) []byte {
	b.root = strings.Repeat("../", strings.Count(path, "/"))
	b.ids = map[string]int{}
	pd := &pageData{
		lang: b.lang, Lang: string(b.lang), Path: path, Root: b.root,
		Site: siteInfo{Title: b.r.Plan.Title, Year: b.r.Plan.Year, Unit: b.r.Plan.Unit, Currency: b.r.Plan.Currency},
	}
	fill(pd)
	pd.Nav = b.nav(path)
	pd.HasCharts = len(b.ids) > 0
	var buf bytes.Buffer
	t := b.theme.Page(kind)
	if t == nil {
		return nil // reported when the theme was loaded
	}
	layout := "layout"
	if kind == "booklet" {
		layout = "booklet" // a document of its own, made for paper
	}
	if err := t.ExecuteTemplate(&buf, layout, pd); err != nil {
		b.errs.Add(diag.Diagnostic{Level: diag.Error, File: "themes/", Message: "rendering " + path + ": " + err.Error()})
	}
	return buf.Bytes()
}

// link returns the relative link from the current page to a page of the
// site given by its folder ("" for the root, "regions/east/").
func (b *builder) link(folder string) string {
	return b.root + folder + "index.html"
}

func (b *builder) regionLink(id string) string { return b.link("regions/" + id + "/") }

func (b *builder) nav(current string) []navItem {
	items := []navItem{
		{Title: b.lang.T("nav.dashboard"), Href: b.link(""), Active: current == "index.html"},
		{Title: b.lang.T("nav.regions"), Href: b.link("regions/"), Active: strings.HasPrefix(current, "regions/")},
		{Title: b.lang.T("nav.products"), Href: b.link("products/"), Active: current == "products/index.html"},
	}
	for _, pg := range b.r.Plan.Pages {
		items = append(items, navItem{Title: pg.Title, Href: b.link(pg.Slug + "/"), Active: current == pg.Slug+"/index.html"})
	}
	if b.opts.Changes != nil {
		items = append(items, navItem{Title: b.lang.T("nav.changes"), Href: b.link("changes/"), Active: current == "changes/index.html"})
	}
	return items
}

// chartView is a chart with what its template needs.
type chartView struct {
	*Chart
	Height  int  // px, for charts that grow with their rows
	Stacked bool // the table goes below the chart: it is too wide to sit beside it
}

func (b *builder) chartView(c *Chart) chartView {
	v := chartView{Chart: c}
	if c.Rows > 0 {
		v.Height = 60 + 30*c.Rows
	}
	v.Stacked = c.Rows > 0 || (c.Table != nil && (len(c.Table.Head) > 4 || len(c.Table.Rows) > 14))
	return v
}

// card is a KPI card: a figure with its change.
type card struct {
	Label  string
	Value  string
	Change string
	Trend  string // up | down | flat | ok | warning
	Note   string
}

// section is a titled group of charts.
type section struct {
	Title  string
	Charts []chartView
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

func trend(r *big.Rat) string {
	switch {
	case r == nil:
		return "flat"
	case r.Sign() > 0:
		return "up"
	case r.Sign() < 0:
		return "down"
	}
	return "flat"
}

// date formats a plan date in the site's language.
func (b *builder) date(d plan.Date) string { return b.lang.Date(d.Year, d.Month, d.Day) }

// shortDate formats a date of the plan's year without the year, for
// tables of one year: "3月12日" or "12 Mar"; other years keep theirs.
func (b *builder) shortDate(d plan.Date) string {
	if d.Year != b.r.Plan.Year {
		return b.date(d)
	}
	return b.lang.ShortDate(d.Month, d.Day)
}

// join joins names with the language's list separator.
func (b *builder) join(names []string) string {
	if b.lang == "en" {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}
