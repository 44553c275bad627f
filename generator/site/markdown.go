package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/plan"
)

// newMarkdown returns the Markdown converter of a site: GitHub-flavoured
// Markdown (tables, task lists, strikethrough, autolinks) and footnotes.
// Raw HTML is shown escaped, as text, unless the site allows it.
func newMarkdown(unsafeHTML bool) goldmark.Markdown {
	var rendererOpts []renderer.Option
	if unsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapeHTML{}, 100)))
	}
	return goldmark.New(
		// GitHub-flavoured Markdown, with table cells aligned by attribute:
		// a style attribute would break the pages' security policy.
		goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(taskListClasses{}, 100))),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// taskListClasses gives task lists the classes GitHub gives them: each
// item with a checkbox is a "task-list-item" and its list a
// "contains-task-list", so that the style sheet shows a checkbox instead
// of a bullet rather than both.
type taskListClasses struct{}

func (taskListClasses) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*extast.TaskCheckBox); !ok || !entering || n.Parent() == nil {
			return ast.WalkContinue, nil
		}
		if item := n.Parent().Parent(); item != nil && item.Kind() == ast.KindListItem && item.Parent() != nil {
			item.SetAttributeString("class", []byte("task-list-item"))
			item.Parent().SetAttributeString("class", []byte("contains-task-list"))
		}
		return ast.WalkSkipChildren, nil
	})
}

// escapeHTML renders raw HTML in Markdown as visible, escaped text.
type escapeHTML struct{}

func (escapeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		w.WriteString(`<pre class="raw-html">`)
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.WriteString(html.EscapeString(string(seg.Value(source))))
		}
		if b, ok := n.(*ast.HTMLBlock); ok && b.HasClosure() {
			w.WriteString(html.EscapeString(string(b.ClosureLine.Value(source))))
		}
		w.WriteString("</pre>\n")
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			w.WriteString(html.EscapeString(string(seg.Value(source))))
		}
		return ast.WalkSkipChildren, nil
	})
}

// chartToken marks where a chart goes in Markdown; the rendered HTML gets
// the chart in its place.
const chartToken = "PLANBOOKCHARTX"

// renderMarkdown turns a Markdown file into HTML, once per render and
// depth in the site (the tables of its charts link to pages): the same
// section appears on its page and in booklets. Its charts get ids of their own (from the
// file's name), so that several sections can share a booklet. Errors are
// reported by the first page that renders the file.
func (b *builder) renderMarkdown(pg *plan.Page) template.HTML {
	return b.renderedOf(pg).html
}

// renderedOf returns a Markdown file rendered once per render and depth,
// and counts its charts in the current page.
func (b *builder) renderedOf(pg *plan.Page) renderedMarkdown {
	rm := b.markdown.get(pg.File+"\x00"+b.root, func() renderedMarkdown {
		mb := &builder{siteRenderer: b.siteRenderer, errs: b.errs, root: b.root, ids: map[string]int{}, idPrefix: fileID(pg.File)}
		rm := mb.convertMarkdown(pg)
		for id := range mb.ids {
			rm.ids = append(rm.ids, id)
		}
		rm.explained, rm.unhomed, rm.keys = mb.explained, mb.unhomed, mb.keys
		return rm
	})
	for _, id := range rm.ids {
		b.ids[id]++
	}
	b.explained += rm.explained
	b.unhomed += rm.unhomed
	b.keys = append(b.keys, rm.keys...)
	return rm
}

// fileID turns a file's path into an id part: content/regions/east.md →
// regions-east.
func fileID(file string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md")
	var out strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			out.WriteRune(r)
		} else {
			out.WriteByte('-')
		}
	}
	return out.String()
}

// convertMarkdown resolves a page's shortcodes (values formatted, charts
// built), then converts its Markdown: the HTML with its charts, and in
// pieces around them. Errors name the file and line.
func (b *builder) convertMarkdown(pg *plan.Page) renderedMarkdown {
	codes, perrs := ParseShortcodes(pg.Body)
	for _, e := range perrs {
		b.errorAt(pg, e.Line, e.Col, e.Message, e.Hint)
	}
	var src strings.Builder
	var charts []*Chart
	last := 0
	for _, sc := range codes {
		src.WriteString(pg.Body[last:sc.Start])
		last = sc.End
		switch sc.Name {
		case "":
			src.WriteString(sc.Args[0])
		case "value":
			src.WriteString(escapeMarkdown(b.valueShortcode(pg, sc)))
		case "chart":
			c := b.chartShortcode(pg, sc)
			if c == nil {
				continue
			}
			fmt.Fprintf(&src, "%s%04d", chartToken, len(charts))
			charts = append(charts, c)
		default:
			b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("unknown shortcode %q%s", sc.Name, diag.DidYouMean(sc.Name, []string{"value", "chart"})),
				`the shortcodes are {{< value "KEY" >}} and {{< chart "NAME" >}}`)
		}
	}
	src.WriteString(pg.Body[last:])
	var out bytes.Buffer
	if err := b.md.Convert([]byte(src.String()), &out); err != nil {
		b.errorAt(pg, 1, 0, "rendering Markdown: "+err.Error(), "")
	}
	var rm renderedMarkdown
	rest := out.String()
	var page strings.Builder
	for i, c := range charts {
		token := fmt.Sprintf("%s%04d", chartToken, i)
		// A chart alone in its paragraph replaces the paragraph.
		mc := markdownChart{view: b.chartView(c), block: true}
		before, after, ok := strings.Cut(rest, "<p>"+token+"</p>")
		if !ok {
			before, after, _ = strings.Cut(rest, token)
			mc.block = false
		}
		rm.parts = append(rm.parts, before)
		rm.charts = append(rm.charts, mc)
		rest = after
		var buf bytes.Buffer
		if err := b.theme.Page("page").ExecuteTemplate(&buf, "chart", mc.view); err != nil {
			b.errorAt(pg, 1, 0, "rendering a chart: "+err.Error(), "")
		}
		page.WriteString(before)
		page.Write(buf.Bytes())
	}
	rm.parts = append(rm.parts, rest)
	page.WriteString(rest)
	rm.html = template.HTML(page.String())
	return rm
}

// valueShortcode resolves {{< value "KEY" >}} to its formatted figure.
func (b *builder) valueShortcode(pg *plan.Page, sc Shortcode) string {
	if len(sc.Args) != 1 || len(sc.Params) != 0 {
		b.errorAt(pg, sc.Line, sc.Col, "value shortcode takes one key", `write {{< value "target" >}}; the keys are listed in docs/site.md`)
		return ""
	}
	if strings.HasPrefix(sc.Args[0], "actuals.") && b.r.Actuals == nil {
		b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("value %q is an actual result, and the plan has none", sc.Args[0]),
			"add the year's results as content/actuals/*.csv, or remove the value until then")
		return ""
	}
	if strings.HasPrefix(sc.Args[0], "people.") && !b.r.ShowsPeople() {
		msg, hint := fmt.Sprintf("value %q is a person's quota, and the plan has no roster", sc.Args[0]), "people are listed in content/people.csv (docs/plan-format.md section 10)"
		if b.r.Plan.Roster != nil {
			msg = fmt.Sprintf("value %q is a person's quota, which this site does not show", sc.Args[0])
			hint = "individual quotas are personal: set people_pages = true in planbook.toml to show them, or quote a team's figure such as teams.REGION.TEAM.assigned"
		}
		b.errorAt(pg, sc.Line, sc.Col, msg, hint)
		return ""
	}
	leaf, err := data.Lookup(b.tree, sc.Args[0])
	if err != nil {
		b.errorAt(pg, sc.Line, sc.Col, err.Error(), "value keys are paths into data/plan.json, such as target, quarters.q3 or regions.east.target, or into data/actuals.json after actuals.; docs/site.md lists them")
		return ""
	}
	return b.formatLeaf(leaf)
}

// chartShortcode builds the chart of {{< chart "NAME" >}} or
// {{< chart "NAME" region="ID" >}}.
func (b *builder) chartShortcode(pg *plan.Page, sc Shortcode) *Chart {
	if len(sc.Args) != 1 {
		b.errorAt(pg, sc.Line, sc.Col, "chart shortcode takes one chart name", `write {{< chart "quarters" >}} or {{< chart "quarters" region="east" >}}`)
		return nil
	}
	var region *compute.Region
	for k, v := range sc.Params {
		if k != "region" {
			b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("chart shortcode has no parameter %q%s", k, diag.DidYouMean(k, []string{"region"})), `the only parameter is region="ID"`)
			return nil
		}
		for _, r := range b.r.Regions {
			if r.ID == v {
				region = r
			}
		}
		if region == nil {
			var ids []string
			for _, r := range b.r.Regions {
				ids = append(ids, r.ID)
			}
			b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("unknown region %q%s", v, diag.DidYouMean(v, ids)), "region ids: "+diag.IDs(ids))
			return nil
		}
	}
	c, ok := b.chart(sc.Args[0], region)
	if !ok && slices.Contains(ActualsCharts, sc.Args[0]) && b.r.Actuals == nil {
		b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("chart %q compares the plan with actual results, and the plan has none", sc.Args[0]),
			"add the year's results as content/actuals/*.csv, or remove the chart until then")
		return nil
	}
	if !ok && slices.Contains(RosterCharts, sc.Args[0]) && b.r.Plan.Roster == nil {
		b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("chart %q shows what the people carry, and the plan has no roster", sc.Args[0]),
			"list the people in content/people.csv (docs/plan-format.md section 10), or remove the chart until then")
		return nil
	}
	if !ok {
		names := chartNames(forCompany, 0)
		if region != nil {
			names = chartNames(forRegion, 0)
		}
		b.errorAt(pg, sc.Line, sc.Col, fmt.Sprintf("unknown chart %q%s", sc.Args[0], diag.DidYouMean(sc.Args[0], names)), "charts: "+strings.Join(names, ", "))
		return nil
	}
	return c
}

// formatLeaf formats a figure for a page: amounts with the plan's unit,
// ratios as percentages.
func (b *builder) formatLeaf(l data.Leaf) string {
	switch {
	case l.Kind == data.Text:
		return l.S
	case l.R == nil:
		return "–"
	case l.Kind == data.Amount:
		return b.lang.Amount(l.R, 4, b.r.Plan.Unit)
	case l.Kind == data.Ratio:
		return b.lang.Percent(l.R)
	case l.Kind == data.Quantity:
		return b.lang.Amount(l.R, 4, l.Unit)
	}
	return b.lang.Number(l.R, 4)
}

// escapeMarkdown keeps a figure from being read as Markdown.
func escapeMarkdown(s string) string {
	var out strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~", r) {
			out.WriteByte('\\')
		}
		out.WriteRune(r)
	}
	return out.String()
}

// errorAt reports an error at a line and column of a page's body.
func (b *builder) errorAt(pg *plan.Page, line, col int, msg, hint string) {
	b.errs.Add(diag.Diagnostic{Level: diag.Error, File: pg.File, Line: pg.BodyLine + line - 1, Col: col, Message: msg, Hint: hint})
}
