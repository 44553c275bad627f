package synth

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// HugoSite returns a Hugo site that holds what the pages of a planbook
// site show, for measuring planbook against Hugo (scripts/compare-hugo.sh).
// pages are planbook's HTML pages by their path in its output folder. Each
// becomes a Markdown page of the same text: its headings, cards,
// paragraphs and lists, and every table, cell for cell, as a Markdown
// table. Only the charts are left out (Hugo has no chart library), and
// the page layout is Hugo's own: a header with the navigation, the
// content, a footer.
func HugoSite(pages map[string][]byte) (map[string]string, error) {
	files := map[string]string{
		"hugo.toml": `baseURL = "/"
title = "Synthetic plan"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
uglyURLs = false
`,
		"layouts/_default/baseof.html": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "css/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a><nav><ul>
{{- range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>{{ end -}}
</ul></nav></header><main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }} · <a href="{{ "data/plan.json" | relURL }}">plan.json</a></footer></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}{{ .Content }}{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}{{ .Content }}{{ end }}
`,
		"static/css/site.css": "body{font-family:sans-serif} table{border-collapse:collapse} td,th{padding:4px;border-bottom:1px solid #ddd}\n",
		// Hugo lists a section's pages on a page of their own.
		"content/booklets/_index.md": "---\ntitle: Booklets\n---\n",
	}
	names := make([]string, 0, len(pages))
	for name := range pages {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var menu strings.Builder
	weight := 0
	for _, name := range names {
		title, body, err := markdownOf(pages[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		files[hugoPath(name)] = fmt.Sprintf("---\ntitle: %q\n---\n%s", title, body)
		if dir := path.Dir(name); path.Base(name) == "index.html" && dir != "." && !strings.Contains(dir, "/") {
			weight++ // a top-level page, in planbook's navigation
			fmt.Fprintf(&menu, "[[menu.main]]\nname = %q\nurl = \"/%s/\"\nweight = %d\n", title, dir, weight)
		}
	}
	files["hugo.toml"] += menu.String()
	return files, nil
}

// hugoPath returns the Hugo content file whose page takes the place of
// planbook's page at name: a region's booklet becomes booklets/ID, since a
// folder with an index.md is one page in Hugo, not a section.
func hugoPath(name string) string {
	switch dir := path.Dir(name); {
	case name == "index.html":
		return "content/_index.md"
	case name == "regions/index.html":
		return "content/regions/_index.md"
	case path.Base(name) == "booklet.html":
		return "content/booklets/" + path.Base(dir) + ".md"
	default:
		return "content/" + dir + ".md"
	}
}

// markdownOf turns a planbook page into its title and Markdown text.
func markdownOf(page []byte) (string, string, error) {
	c := &converter{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				c.flush()
				c.endList()
				return c.title, c.out.String(), nil
			}
			return "", "", z.Err()
		case html.TextToken:
			if c.skip == 0 {
				c.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			c.start(string(name), attrs(z), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(string(name))
		}
	}
}

func attrs(z *html.Tokenizer) map[string]string {
	out := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		if len(k) > 0 {
			out[string(k)] = string(v)
		}
		if !more {
			return out
		}
	}
}

// converter writes the Markdown of one page as its tokens come.
type converter struct {
	out   strings.Builder
	title string
	skip  int    // depth inside elements that are not content
	line  string // the text of the block being read
	pre   string // what starts the block's line: "## ", "- "
	link  string // the href of the link being read
	inH1  bool
	list  bool // the last block written was a list item

	table   [][]string // the rows of the table being read
	inTable int
	head    int // rows of its thead
	inHead  bool
	cell    *string
	right   []bool // its columns of figures, right-aligned
}

// skipped are the elements whose content is not the page's: planbook's
// header and footer stand for Hugo's layout, and the charts' scripts are
// left out.
var skipped = map[string]bool{"head": true, "script": true, "style": true, "header": true, "footer": true}

// blocks are the elements that make a line of their own, with what starts it.
var blocks = map[string]string{
	"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "li": "- ", "blockquote": "> ",
	"p": "", "figcaption": "", "caption": "", "dt": "", "dd": "", "div": "", "section": "", "figure": "", "ul": "", "ol": "",
}

func (c *converter) start(name string, a map[string]string, selfClosing bool) {
	if skipped[name] && !selfClosing {
		c.skip++
	}
	if c.skip > 0 {
		return
	}
	switch name {
	case "table":
		c.flush()
		c.inTable++
		c.table, c.head, c.right = nil, 0, nil
	case "thead":
		c.inHead = true
	case "tr":
		if c.inTable > 0 {
			c.table = append(c.table, nil)
			if c.inHead {
				c.head++
			}
		}
	case "th", "td":
		if c.inTable > 0 && len(c.table) > 0 {
			row := &c.table[len(c.table)-1]
			*row = append(*row, "")
			c.cell = &(*row)[len(*row)-1]
			if c.inHead {
				c.right = append(c.right, strings.Contains(" "+a["class"]+" ", " num "))
			}
		}
	case "a":
		c.link = a["href"]
		c.text("[")
	case "br":
		c.text(" ")
	case "h1":
		c.inH1 = true
	}
	if pre, ok := blocks[name]; ok && c.inTable == 0 {
		c.flush()
		c.pre = pre
	}
}

func (c *converter) end(name string) {
	if skipped[name] {
		if c.skip > 0 {
			c.skip--
		}
		return
	}
	if c.skip > 0 {
		return
	}
	switch name {
	case "table":
		c.inTable--
		c.writeTable()
	case "thead":
		c.inHead = false
	case "th", "td":
		c.cell = nil
	case "a":
		c.text("](" + c.link + ")")
		c.link = ""
	case "h1":
		c.inH1 = false
	}
	if _, ok := blocks[name]; ok && c.inTable == 0 {
		c.flush()
	}
}

// text adds text to the current cell or block, with white space collapsed.
func (c *converter) text(s string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return
	}
	switch {
	case c.cell != nil:
		*c.cell = join(*c.cell, strings.ReplaceAll(s, "|", `\|`))
	case c.inTable > 0: // a caption
		c.line = join(c.line, s)
	case c.inH1:
		c.title = join(c.title, s) // Hugo's layout shows the title
	default:
		c.line = join(c.line, s)
	}
}

func join(a, b string) string {
	if a == "" || strings.HasSuffix(a, "[") || strings.HasPrefix(b, "]") {
		return a + b
	}
	return a + " " + b
}

// flush writes the block read: a list item on its line, anything else as
// a paragraph.
func (c *converter) flush() {
	switch {
	case c.line != "" && c.pre == "- ":
		c.out.WriteString(c.pre + c.line + "\n")
		c.list = true
	case c.line != "":
		c.endList()
		c.out.WriteString(c.pre + c.line + "\n\n")
	}
	c.line, c.pre = "", ""
}

// endList ends a list before another block.
func (c *converter) endList() {
	if c.list {
		c.out.WriteString("\n")
		c.list = false
	}
}

// writeTable writes the table read as a Markdown table, its caption first.
func (c *converter) writeTable() {
	c.flush()
	c.endList()
	if len(c.table) == 0 {
		return
	}
	cols := 0
	for _, row := range c.table {
		cols = max(cols, len(row))
	}
	rows := c.table
	if c.head == 0 { // a table without a head row gets an empty one
		rows = append([][]string{make([]string, cols)}, rows...)
	}
	for i, row := range rows {
		c.out.WriteString("|")
		for j := 0; j < cols; j++ {
			cell := ""
			if j < len(row) {
				cell = row[j]
			}
			c.out.WriteString(" " + cell + " |")
		}
		c.out.WriteString("\n")
		if i == 0 {
			c.out.WriteString("|")
			for j := 0; j < cols; j++ {
				if j < len(c.right) && c.right[j] {
					c.out.WriteString("--:|")
				} else {
					c.out.WriteString("---|")
				}
			}
			c.out.WriteString("\n")
		}
	}
	c.out.WriteString("\n")
	c.table = nil
}
