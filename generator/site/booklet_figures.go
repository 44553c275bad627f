package site

import (
	"bytes"
	"html/template"
	"slices"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// bookletFigures numbers the charts of one booklet and shows each once.
// A chart that a narrative places again, or whose region's version the
// booklet already shows, becomes a reference to that figure ("see
// Figure 3, on page 5"); the printer fills in the page.
type bookletFigures struct {
	b      *builder
	region *compute.Region
	n      int
	shown  map[string]shownFigure // by chart name and region
}

// shownFigure is a chart a booklet shows.
type shownFigure struct {
	Number int
	ID     string // the figure element's id
}

// figureRef is what the "figure-ref" template gets: a reference to a
// figure, with its page (left empty until printed).
type figureRef struct {
	Href   string
	Text   string // "see Figure 3"
	Before string // the words around the page number
	After  string
	PageOf string // the id whose page goes between them
	Block  bool   // a paragraph of its own
}

// charts adds the region's charts of these names as numbered figures.
func (f *bookletFigures) charts(names ...string) []chartView {
	var out []chartView
	for _, name := range names {
		if c, ok := f.b.chart(name, f.region); ok {
			out = append(out, f.add(f.b.chartView(c), name, c.Region))
		}
	}
	return out
}

// add numbers a figure and remembers it.
func (f *bookletFigures) add(v chartView, name, region string) chartView {
	f.n++
	v.Number = f.b.lang.Sprintf("booklet.figure", f.n)
	if v.Rows > 0 {
		v.Height = 50 + 22*v.Rows // paper: narrower rows than on screen
	}
	if region != "" && region != f.region.ID {
		// Another region's chart in a section for several regions.
		for _, r := range f.b.r.Regions {
			if r.ID == region {
				v.Title = r.Name + " · " + v.Title
			}
		}
	}
	f.shown[name+"\x00"+region] = shownFigure{Number: f.n, ID: v.ID + "-figure"}
	return v
}

// markdown returns a narrative's HTML for the booklet: its headings one
// level below the section's, and its charts shown once.
func (f *bookletFigures) markdown(pg *plan.Page) template.HTML {
	rm := f.b.renderedOf(pg)
	var out strings.Builder
	for i, part := range rm.parts {
		out.WriteString(part)
		if i < len(rm.charts) {
			out.WriteString(f.place(pg, rm.charts[i]))
		}
	}
	return template.HTML(demoteHeadings(out.String()))
}

// place returns the HTML of a chart that a narrative places: a reference
// to the figure the booklet shows for it, or else the chart as a new
// figure.
func (f *bookletFigures) place(pg *plan.Page, mc markdownChart) string {
	l := f.b.lang
	ref := figureRef{Block: mc.block}
	own, hasOwn := f.shown[mc.view.Name+"\x00"+f.region.ID]
	same, hasSame := f.shown[mc.view.Name+"\x00"+mc.view.Region]
	switch {
	case mc.view.Region == "" && hasOwn && (slices.Contains(RegionCharts, mc.view.Name) || mc.view.Name == "actuals"):
		ref.Text, ref.Href, ref.PageOf = l.Sprintf("booklet.figure-ref", own.Number), "#"+own.ID, own.ID
	case hasSame:
		ref.Text, ref.Href, ref.PageOf = l.Sprintf("booklet.figure-ref.same", same.Number), "#"+same.ID, same.ID
	default:
		return f.render(pg, "chart", f.add(mc.view, mc.view.Name, mc.view.Region))
	}
	ref.Before, ref.After, _ = strings.Cut(l.T("booklet.figure-ref.page"), "{page}")
	return f.render(pg, "figure-ref", ref)
}

// render executes one of the booklet template's partials.
func (f *bookletFigures) render(pg *plan.Page, name string, data any) string {
	var buf bytes.Buffer
	t := f.b.theme.Page("booklet")
	if t == nil {
		return ""
	}
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		f.b.errorAt(pg, 1, 0, "rendering a chart: "+err.Error(), "")
	}
	return buf.String()
}

// headingLevels moves a narrative's headings one or two levels down, so
// that its top headings sit below the booklet section's h2 title. The
// Markdown renderer writes tags in lower case, and text never holds a
// bare "<": a replacer is exact here.
var headingLevels = [...]*strings.Replacer{
	1: strings.NewReplacer("<h2", "<h3", "</h2>", "</h3>", "<h3", "<h4", "</h3>", "</h4>", "<h4", "<h5", "</h4>", "</h5>", "<h5", "<h6", "</h5>", "</h6>"),
	2: strings.NewReplacer("<h1", "<h3", "</h1>", "</h3>", "<h2", "<h4", "</h2>", "</h4>", "<h3", "<h5", "</h3>", "</h5>", "<h4", "<h6", "</h4>", "</h6>", "<h5", "<h6", "</h5>", "</h6>"),
}

// demoteHeadings moves the headings of html below an h2.
func demoteHeadings(html string) string {
	switch {
	case strings.Contains(html, "<h1"):
		return headingLevels[2].Replace(html)
	case strings.Contains(html, "<h2"):
		return headingLevels[1].Replace(html)
	}
	return html
}
