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
	"html/template"
	"math/big"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

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
	// Progress, when set, is called after every page with the pages done
	// and the pages to do (from the goroutines that render them).
	Progress func(done, total int)
	// Figures, when set with a Cache, is a key of everything the figures
	// were computed from: a render with the same key as the cache's last
	// one reuses what it derived from them.
	Figures [32]byte
}

// builder renders one site. Render gives every page a copy of its own:
// the parts shared by all pages are read-only or guarded (the caches);
// root, ids and errs belong to the page being rendered.
type builder struct {
	r          *compute.Result
	tree       data.Object
	lang       i18n.Lang
	theme      *Theme
	md         goldmark.Markdown
	opts       Options
	shared     *shared
	base       [32]byte // the inputs every page shares, for the cache
	regionBase [32]byte // the inputs every region's pages share
	// regionFigures hashes each region's figures (with a page cache only).
	regionFigures map[string][32]byte

	errs     *diag.List     // the current page's errors
	root     string         // the way from the current page to the site root: "", "../", …
	ids      map[string]int // chart ids used on the current page
	idPrefix string         // added to chart ids: the Markdown file being rendered
}

// shared holds what pages of one render compute once and reuse: chart
// options (a region's charts appear on its page and in its booklet) and
// rendered Markdown (a narrative section appears on its page and in the
// booklets of its regions).
type shared struct {
	mu       sync.Mutex
	options  map[string]template.JS
	markdown map[string]*renderedMarkdown
}

// renderedMarkdown is a Markdown file rendered once; done closes when it
// is ready.
type renderedMarkdown struct {
	done chan struct{}
	html template.HTML
	ids  []string // its charts' element ids
}

// job is one page to render.
type job struct {
	path, kind string
	fill       func(b *builder, pd *pageData)
	markdown   []string        // the Markdown files it shows, for its cache key
	region     *compute.Region // the region of a region's page or booklet
}

// Render returns the pages and assets of the site by their path under the
// output folder.
func Render(r *compute.Result, th *Theme, o Options) (map[string][]byte, *diag.List) {
	b := &builder{
		r: r, lang: i18n.Lang(r.Plan.Config.Language), theme: th,
		md: newMarkdown(r.Plan.Config.UnsafeHTML), opts: o, errs: &diag.List{},
		shared: &shared{options: map[string]template.JS{}, markdown: map[string]*renderedMarkdown{}},
	}
	files := map[string][]byte{}
	for name, data := range th.Assets {
		files[name] = data
	}
	o.Cache.start()
	b.tree, b.regionFigures = o.Cache.figures(o.Figures)
	if b.tree == nil {
		b.tree = data.Tree(r)
		if r.Actuals != nil {
			// Value keys under actuals. are paths into data/actuals.json.
			b.tree = append(b.tree, data.Field{Key: "actuals", Value: data.ActualsTree(r)})
		}
		if o.Cache != nil {
			b.regionFigures = b.regionFiguresKeys()
			o.Cache.keepFigures(o.Figures, b.tree, b.regionFigures)
		}
	}
	b.base, b.regionBase = b.inputs(), b.regionInputs()
	jobs := []job{
		{"index.html", "dashboard", (*builder).dashboard, nil, nil},
		{"regions/index.html", "regions", (*builder).regionsIndex, nil, nil},
		{"products/index.html", "products", (*builder).products, nil, nil},
	}
	if r.Actuals != nil {
		jobs = append(jobs, job{"actuals/index.html", "actuals", (*builder).actualsPage, nil, nil})
	}
	for _, reg := range r.Regions {
		reg := reg
		var md []string
		if reg.Narrative != nil {
			md = append(md, reg.Narrative.File)
		}
		jobs = append(jobs, job{"regions/" + reg.ID + "/index.html", "region", func(b *builder, pd *pageData) { b.region(pd, reg) }, md, reg})
		booklet := append([]string(nil), md...)
		for _, pg := range r.Plan.Pages {
			if appliesTo(pg, reg.ID) {
				booklet = append(booklet, pg.File)
			}
		}
		jobs = append(jobs, job{"regions/" + reg.ID + "/booklet.html", "booklet", func(b *builder, pd *pageData) { b.booklet(pd, reg) }, booklet, reg})
		files["regions/"+reg.ID+"/booklet.css"] = b.bookletCSS(reg)
	}
	for _, pg := range r.Plan.Pages {
		pg := pg
		jobs = append(jobs, job{pg.Slug + "/index.html", "page", func(b *builder, pd *pageData) { b.narrative(pd, pg) }, []string{pg.File}, nil})
	}
	if o.Changes != nil {
		jobs = append(jobs, job{"changes/index.html", "changes", (*builder).changes, nil, nil})
	}

	// Render the pages on every core. Each page is rendered on its own
	// copy of the builder, so the result does not depend on the order.
	pages := make([][]byte, len(jobs))
	pageErrs := make([]*diag.List, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	for w := 0; w < workers(len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i], pageErrs[i] = b.renderJob(jobs[i])
				if o.Progress != nil {
					o.Progress(int(done.Add(1)), len(jobs))
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	errs := &diag.List{}
	for i, j := range jobs {
		files[j.path] = pages[i]
		errs.Append(pageErrs[i])
	}
	b.errs = errs
	return files, errs
}

// workers returns how many goroutines render n pages.
func workers(n int) int {
	return max(1, min(n, runtime.GOMAXPROCS(0)))
}

// Charts returns how many chart elements the pages rendered by the last
// call of Render hold (pages taken from a cache not counted).
func (c *Cache) Charts() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.charts
}

// renderJob renders one page on a copy of b, unless the cache holds it
// with the same inputs.
func (b *builder) renderJob(j job) ([]byte, *diag.List) {
	var key [32]byte
	ok := false
	if j.region != nil && b.opts.Cache != nil {
		key, ok = b.regionKey(j.path, j.region, j.markdown)
	}
	if !ok {
		key = b.pageKey(j.path, j.markdown...)
	}
	if data, ok := b.opts.Cache.get(j.path, key); ok {
		return data, nil
	}
	pb := *b
	pb.errs = &diag.List{}
	data := pb.page(j.path, j.kind, func(pd *pageData) { j.fill(&pb, pd) })
	if pb.errs.Len() == 0 {
		b.opts.Cache.put(j.path, key, data)
	}
	b.opts.Cache.addCharts(len(pb.ids))
	return data, pb.errs
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
	Actuals   *actualsPage
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
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	t := b.theme.Page(kind)
	if t == nil {
		return nil // reported when the theme was loaded
	}
	layout := "layout"
	if kind == "booklet" {
		layout = "booklet" // a document of its own, made for paper
	}
	if err := t.ExecuteTemplate(buf, layout, pd); err != nil {
		b.errs.Add(diag.Diagnostic{Level: diag.Error, File: "themes/", Message: "rendering " + path + ": " + err.Error()})
	}
	return bytes.Clone(buf.Bytes()) // exactly the page: the buffer goes back to the pool
}

// buffers are the pages' output buffers, reused from page to page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

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
	if b.r.Actuals != nil {
		items = append(items, navItem{Title: b.lang.T("nav.actuals"), Href: b.link("actuals/"), Active: current == "actuals/index.html"})
	}
	for _, pg := range b.r.Plan.Pages {
		items = append(items, navItem{Title: pg.Title, Href: b.link(pg.Slug + "/"), Active: current == pg.Slug+"/index.html"})
	}
	if b.opts.Changes != nil {
		items = append(items, navItem{Title: b.lang.T("nav.changes"), Href: b.link("changes/"), Active: current == "changes/index.html"})
	}
	return items
}

// chartView is a chart with what its template needs. Its fields are its
// own (no embedded struct), which keeps template lookups fast.
type chartView struct {
	Name    string
	Region  string
	ID      string
	Title   string
	Option  template.JS
	Table   *Table
	Height  int  // px, for charts that grow with their rows
	Stacked bool // the table goes below the chart: it is too wide to sit beside it
}

func (b *builder) chartView(c *Chart) chartView {
	v := chartView{Name: c.Name, Region: c.Region, ID: c.ID, Title: c.Title, Option: c.Option, Table: c.Table}
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
