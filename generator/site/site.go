// Package site renders the pages of a plan site from a computed plan: the
// dashboard, the regions index, one page and one printable booklet per
// region, the product lines, the actual results, the teams and people
// (with each person's page and printable target letter where the site
// shows people), one page per narrative section and the changes page,
// with their charts.
//
// It renders in memory; writing the files is left to the caller. All
// links are relative, so the output works opened from disk or served
// under any path, and nothing is loaded from outside the output folder.
package site

import (
	"bytes"
	"html/template"
	"math/big"
	pathpkg "path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"golang.org/x/sync/errgroup"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/diff"
	"planbook/generator/explain"
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
	// Explainer explains the figures the pages show, in files beside the
	// pages. A site for some regions' audience is given the explainer of
	// the whole plan (its free rows share what every region leaves); nil:
	// one of the plan rendered.
	Explainer *explain.Explainer
	// NoExplanations leaves the files of explanations out, the pages
	// unchanged: planbook check renders the pages for their errors only.
	NoExplanations bool
	// Emit, when set, takes each page and file of explanations as soon as
	// it is made, from the goroutines that make them, and Render returns
	// the other files only (the theme's assets): a build that writes each
	// file at once need not hold the whole site.
	Emit func(name string, data []byte)
}

// siteRenderer is what the pages of one render share. Render sets it up;
// then it is read-only, but for its memos, which guard themselves.
type siteRenderer struct {
	r          *compute.Result
	tree       data.Object
	lang       i18n.Lang
	theme      *Theme
	md         goldmark.Markdown
	opts       Options
	base       [32]byte // the inputs every page shares, for the cache
	regionBase [32]byte // the inputs every region's pages share
	// regionFigures hashes each region's figures (with a page cache only).
	regionFigures map[string][32]byte
	// options are chart options by chart and key (see chartDef.key): a
	// region's charts appear on its page and in its booklet, and most
	// charts have one option for every region.
	options memo[optionKey, template.JS]
	// markdown is Markdown files rendered, by file and the way to the site
	// root: a narrative section appears on its page and in the booklets of
	// its regions, one folder deeper.
	markdown memo[string, renderedMarkdown]
	units    unitScale // how the tables write amounts
	// teams is whether the plan has teams or a roster (a people page, a
	// teams section on region pages): looked up once, not on every page.
	teams   bool
	explain *explain.Explainer
	homes   *homes // where the figures are explained
	// explainKey is what the explanations are made from (explainBase).
	explainKey memo[struct{}, [32]byte]
}

// builder builds one page: the shared renderer, and the page's own errors,
// place and chart ids.
type builder struct {
	*siteRenderer
	errs     *diag.List     // the page's errors
	root     string         // the way from the page to the site root: "", "../", …
	ids      map[string]int // chart ids used on the page
	idPrefix string         // added to chart ids: the Markdown file being rendered
	// explained counts the figures of the page that name their value key
	// (see Cell.Key), and unhomed those explained in the page's own file
	// (see homes): a page with any gets one. keys are those value keys.
	explained, unhomed int
	keys               []string
}

// memo computes a value once per key, however many pages ask for it at
// the same time.
type memo[K comparable, V any] struct {
	mu     sync.Mutex
	values map[K]func() V
}

// get returns the value of key, computing it with f the first time.
func (m *memo[K, V]) get(key K, f func() V) V {
	m.mu.Lock()
	value, ok := m.values[key]
	if !ok {
		if m.values == nil {
			m.values = map[K]func() V{}
		}
		value = sync.OnceValue(f)
		m.values[key] = value
	}
	m.mu.Unlock()
	return value()
}

// renderedMarkdown is a Markdown file rendered once.
type renderedMarkdown struct {
	html template.HTML
	ids  []string // its charts' element ids
	// parts and charts are the HTML in pieces, for booklets, which place
	// its charts their own way: parts[i] comes before charts[i].
	parts  []string
	charts []markdownChart
	// explained counts its figures that name their value key, unhomed
	// those of them without a home, keys are those keys (see builder).
	explained, unhomed int
	keys               []string
}

// markdownChart is a chart placed in Markdown.
type markdownChart struct {
	view  chartView
	block bool // alone in its paragraph
}

// job is one page to render.
type job struct {
	path, kind string
	fill       func(b *builder, pd *pageData)
	markdown   []string        // the Markdown files it shows, for its cache key
	region     *compute.Region // the region of a region's page or booklet
	person     *compute.Person // the person of a person's page or letter
}

// Render returns the pages and assets of the site by their path under the
// output folder.
func Render(r *compute.Result, th *Theme, o Options) (map[string][]byte, *diag.List) {
	return render(r, th, o, (*siteRenderer).jobs)
}

// Letters returns the target letters of every person of r
// (people/ID/letter.html) and the assets they need, whatever people_pages
// says: letters are printed and handed out (planbook pdf --people), and a
// site that does not show people must not hold them, so they are
// rendered on their own.
func Letters(r *compute.Result, th *Theme, o Options) (map[string][]byte, *diag.List) {
	return render(r, th, o, func(rd *siteRenderer) []job {
		jobs := make([]job, 0, len(r.People))
		for _, ps := range r.People {
			jobs = append(jobs, letterJob(ps))
		}
		return jobs
	})
}

// render renders the pages that jobs lists, and the theme's assets.
func render(r *compute.Result, th *Theme, o Options, list func(*siteRenderer) []job) (map[string][]byte, *diag.List) {
	rd := &siteRenderer{r: r, lang: i18n.Lang(r.Plan.Config.Language), theme: th, md: newMarkdown(r.Plan.Config.UnsafeHTML), opts: o, explain: o.Explainer}
	if rd.explain == nil {
		rd.explain = explain.New(r, r.Plan.Config.PeoplePages)
	}
	files := map[string][]byte{}
	for name, data := range th.Assets {
		if !th.fonts.isFontFile(name) {
			files[name] = data
		}
	}
	o.Cache.start()
	rd.teams = r.HasTeams()
	rd.figures()
	jobs := list(rd)
	rd.homes = newHomes(jobs)
	rd.base, rd.regionBase = rd.inputs(), rd.regionInputs()
	// Render the pages on every core. Each page has a builder of its own,
	// so the result does not depend on the order.
	pages := make([][]byte, len(jobs))
	keys := make([][]string, len(jobs)) // the figures each page shows
	pageErrs := make([]*diag.List, len(jobs))
	fonts := th.fonts.newUse()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var done atomic.Int64
	for i, j := range jobs {
		g.Go(func() error {
			var shown []string
			pages[i], shown, pageErrs[i] = rd.renderJob(j)
			if explains(j.kind) && !o.NoExplanations {
				keys[i] = shown
			}
			if o.Emit != nil {
				fonts.page(j.path, pages[i])
				o.Emit(j.path, pages[i])
				pages[i] = nil
			}
			if o.Progress != nil {
				o.Progress(int(done.Add(1)), len(jobs))
			}
			return nil
		})
	}
	g.Wait()
	errs := &diag.List{}
	for i, j := range jobs {
		if o.Emit == nil {
			files[j.path] = pages[i]
		}
		errs.Append(pageErrs[i])
	}
	if !o.Cache.keeping() {
		rd.tree = nil // it served the pages; a cache keeps it for the next render
	}
	rd.explainFiles(jobs, keys, files)
	used := fonts.files()
	if o.Emit == nil {
		used = th.fonts.used(files)
	}
	for _, name := range used {
		files[name] = th.Assets[name]
	}
	return files, errs
}

// figures sets the data tree of the plan's figures and each region's key,
// from the cache when the figures did not change.
func (rd *siteRenderer) figures() {
	o := rd.opts
	rd.tree, rd.regionFigures = o.Cache.figures(o.Figures)
	if rd.tree != nil {
		return
	}
	rd.tree = data.Tree(rd.r)
	if rd.r.Actuals != nil {
		// Value keys under actuals. are paths into data/actuals.json.
		rd.tree = append(rd.tree, data.Field{Key: "actuals", Value: data.ActualsTree(rd.r)})
	}
	if o.Cache.keeping() {
		rd.regionFigures = rd.regionFiguresKeys()
		o.Cache.keepFigures(o.Figures, rd.tree, rd.regionFigures)
	}
}

// jobs lists the pages of the site.
func (rd *siteRenderer) jobs() []job {
	r := rd.r
	jobs := []job{
		{path: "index.html", kind: "dashboard", fill: (*builder).dashboard},
		{path: "regions/index.html", kind: "regions", fill: (*builder).regionsIndex},
		{path: "products/index.html", kind: "products", fill: (*builder).products},
	}
	if r.Actuals != nil {
		jobs = append(jobs, job{path: "actuals/index.html", kind: "actuals", fill: (*builder).actualsPage})
	}
	jobs = append(jobs, peopleJobs(r)...)
	for _, reg := range r.Regions {
		var md []string
		if reg.Narrative != nil {
			md = append(md, reg.Narrative.File)
		}
		jobs = append(jobs, job{path: "regions/" + reg.ID + "/index.html", kind: "region", fill: func(b *builder, pd *pageData) { b.region(pd, reg) }, markdown: md, region: reg})
		booklet := append([]string(nil), md...)
		for _, pg := range r.Plan.Pages {
			if appliesTo(pg, reg.ID) {
				booklet = append(booklet, pg.File)
			}
		}
		jobs = append(jobs, job{path: "regions/" + reg.ID + "/booklet.html", kind: "booklet", fill: func(b *builder, pd *pageData) { b.booklet(pd, reg) }, markdown: booklet, region: reg})
	}
	for _, pg := range r.Plan.Pages {
		jobs = append(jobs, job{path: pg.Slug + "/index.html", kind: "page", fill: func(b *builder, pd *pageData) { b.narrative(pd, pg) }, markdown: []string{pg.File}})
	}
	if rd.opts.Changes != nil {
		jobs = append(jobs, job{path: "changes/index.html", kind: "changes", fill: (*builder).changes})
	}
	return jobs
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

// renderJob renders one page, unless the cache holds it with the same
// inputs, and returns the value keys its figures name.
func (rd *siteRenderer) renderJob(j job) ([]byte, []string, *diag.List) {
	var key [32]byte
	if rd.opts.Cache.keeping() {
		ok := false
		switch {
		case j.region != nil:
			key, ok = rd.regionKey(j.path, j.region, j.markdown)
		case j.person != nil:
			key, ok = rd.personKey(j.path, j.person), true
		}
		if !ok {
			key = rd.pageKey(j.path, j.markdown...)
		}
		if data, keys, ok := rd.opts.Cache.get(j.path, key); ok {
			return data, keys, nil
		}
	}
	b := &builder{siteRenderer: rd, errs: &diag.List{}}
	data := b.page(j.path, j.kind, func(pd *pageData) { j.fill(b, pd) })
	if b.errs.Len() == 0 {
		rd.opts.Cache.put(j.path, key, data, b.keys)
	}
	rd.opts.Cache.addCharts(len(b.ids))
	return data, b.keys, b.errs
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
	// Explains says the page's figures explain themselves. Explain is
	// the file of the explanations of those that have no home elsewhere,
	// beside it ("index.explain.js"); "" when all have. ExplainHomes
	// says which kinds of figures have homes, in how many files
	// ("regions:125", see homes).
	Explains              bool
	Explain, ExplainHomes string

	Dashboard *dashboard
	Regions   *regionsPage
	Region    *regionPage
	Products  *productsPage
	Actuals   *actualsPage
	Page      *narrativePage
	Changes   *changesPage
	Booklet   *bookletPage
	People    *peoplePage
	Person    *personPage
	Letter    *letterPage
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
	if b.explained > 0 && explains(kind) {
		pd.Explains, pd.ExplainHomes = true, b.homes.kinds
		if b.unhomed > 0 {
			pd.Explain = pathpkg.Base(explainPath(path))
		}
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	t := b.theme.Page(kind)
	if t == nil {
		return nil // reported when the theme was loaded
	}
	layout := "layout"
	if kind == "booklet" || kind == "letter" {
		layout = kind // a document of its own, made for paper
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
	if b.teams {
		items = append(items, navItem{Title: b.lang.T("nav.people"), Href: b.link("people/"), Active: strings.HasPrefix(current, "people/")})
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

// card is a KPI card: a figure with its change.
type card struct {
	Label  string
	Value  string
	Change string
	Trend  string // up | down | flat | ok | warning
	Note   string
	Key    string // the value key of the figure Value shows, or ""
}

// keyedCard returns c showing the figure whose value key is key's parts
// joined, and counts it on the page.
func (b *builder) keyedCard(c card, key ...string) card {
	if !b.r.Plan.Config.Explain {
		return c
	}
	c.Key = b.countKey(key)
	return c
}

// countKey counts a figure of the page that names its value key, given
// in parts, and returns the key.
func (b *builder) countKey(parts []string) string {
	key := strings.Join(parts, "")
	b.explained++
	b.keys = append(b.keys, key)
	if b.homes.of(key) == "" {
		b.unhomed++
	}
	return key
}

// ChangeSign is up, down or flat by the sign the change is written with
// ("+8.0%", "-0.04%", "+0.0%"), so that its colour never says other than
// its figure; the card's own Trend may judge it against a goal instead.
func (c card) ChangeSign() string {
	switch {
	case strings.HasPrefix(c.Change, "-"):
		return "down"
	case strings.HasPrefix(c.Change, "+") && strings.ContainsAny(c.Change, "123456789"):
		return "up"
	}
	return "flat"
}

// section is a titled group of charts.
type section struct {
	Title  string
	Charts []chartView
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
