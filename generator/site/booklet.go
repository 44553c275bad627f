package site

import (
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

// bookletPage is one region's printable booklet. What differs between
// regions is in the page itself, the running header and footer included
// (as attributes the shared style sheet reads), so that all booklets share
// one style sheet.
type bookletPage struct {
	Name     string
	Manager  string // the manager's name, as the cover's "Manager" field shows it
	Stage    string
	Version  string
	Head     string    // the running header: the plan's title and the region
	Folio    [3]string // the running footer's words before, between and after the page counters
	Sections []bookletSection
}

// bookletSection is a numbered part of a booklet, listed in its contents.
type bookletSection struct {
	ID      string
	Number  int
	Title   string
	Break   bool // starts on a new page
	Cards   []card
	Figures []chartView
	Content template.HTML
	SignOff []string // the sign-off section: who signs
}

// booklet fills the data of regions/ID/booklet.html: the cover, the
// contents, the region's figures (each chart once, numbered), its
// narrative and the company sections it takes part in, a sign-off, and an
// appendix saying how its figures were computed.
func (b *builder) booklet(pd *pageData, reg *compute.Region) {
	l := b.lang
	pd.Title = l.Sprintf("booklet.title", reg.Name)
	bk := &bookletPage{Name: reg.Name, Manager: reg.Manager, Stage: l.T("stage." + reg.Stage), Version: b.versionText()}
	bk.Head = b.r.Plan.Title + " · " + reg.Name
	bk.Folio = folio(l.T("booklet.folio"))
	figs := &bookletFigures{b: b, region: reg, shown: map[string]shownFigure{}}
	add := func(s bookletSection) {
		if len(s.Cards) == 0 && len(s.Figures) == 0 && s.Content == "" && s.SignOff == nil {
			return
		}
		s.Number = len(bk.Sections) + 1
		bk.Sections = append(bk.Sections, s)
	}

	summary := b.regionCards(reg)
	ra := b.regionActual(reg.ID)
	if ra != nil {
		cards := b.actualsCards(&ra.Attainment, b.r.Plan.MonthLabel(b.r.Actuals.Through))
		summary = append(summary, cards[1:]...) // attainment and projection
	}
	add(bookletSection{ID: "summary", Title: l.T("booklet.part.summary"), Cards: summary})
	add(bookletSection{ID: "targets", Title: l.T("booklet.part.targets"), Break: true, Figures: figs.charts("quarters", "months")})
	add(bookletSection{ID: "mix", Title: l.T("booklet.part.mix"), Figures: figs.charts("products", "channels", "customers")})
	if len(b.items(reg)) > 0 {
		add(bookletSection{ID: "execution", Title: l.T("booklet.part.execution"), Figures: figs.charts("timeline")})
	}
	if ra != nil {
		add(bookletSection{ID: "actuals", Title: l.T("booklet.part.actuals"), Figures: figs.charts("actuals")})
	}
	first := true // the plan's words start on a new page
	if reg.Narrative != nil {
		add(bookletSection{ID: "narrative", Title: l.T("booklet.part.narrative"), Break: true, Content: figs.markdown(reg.Narrative)})
		first = false
	}
	for _, pg := range b.r.Plan.Pages {
		if appliesTo(pg, reg.ID) {
			add(bookletSection{ID: "page-" + pg.Slug, Title: pg.Title, Break: first, Content: figs.markdown(pg)})
			first = false
		}
	}
	add(bookletSection{ID: "sign-off", Title: l.T("booklet.signoff"), SignOff: []string{l.T("booklet.sign.manager"), l.T("booklet.sign.director")}})
	add(bookletSection{ID: "appendix", Title: l.T("booklet.part.appendix"), Break: true, Content: b.appendix(reg)})
	pd.Booklet = bk
}

// folio splits the running footer's text at its {page} and {pages}
// counters.
func folio(s string) [3]string {
	before, rest, _ := strings.Cut(s, "{page}")
	between, after, _ := strings.Cut(rest, "{pages}")
	return [3]string{before, between, after}
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
