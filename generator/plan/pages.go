package plan

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"planbook/generator/diag"
)

// ReservedSlugs are the URL names the site itself uses.
var ReservedSlugs = []string{"assets", "changes", "data", "index", "products", "regions"}

// loadPages reads every Markdown file under content/: region narratives
// (content/regions/ID.md) and narrative sections (all others).
func loadPages(fsys fs.FS, p *Plan, errs *diag.List) {
	var files []string
	fs.WalkDir(fsys, ContentDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && name == ContentDir+"/actuals" {
			return fs.SkipDir
		}
		if !d.IsDir() && path.Ext(name) == ".md" {
			files = append(files, name)
		}
		return nil
	})
	sort.Strings(files)
	slugs := map[string]diag.Pos{}
	for _, file := range files {
		text, ok := readFile(fsys, p, file, errs)
		if !ok {
			continue
		}
		if path.Dir(file) == RegionsDir {
			loadNarrative(p, file, text, errs)
			continue
		}
		pg := parsePage(p, file, text, false, errs)
		if pg == nil {
			continue
		}
		pos := diag.Pos{File: file, Line: 1, Col: 1}
		if first, dup := slugs[pg.Slug]; dup {
			d := pos.At("page slug %q is used by %s too", pg.Slug, first.File)
			d.Hint = `set a different slug = "…" in the front matter of one of them`
			errs.Add(d)
			continue
		}
		slugs[pg.Slug] = pos
		p.Pages = append(p.Pages, pg)
	}
	sort.SliceStable(p.Pages, func(i, j int) bool { return p.Pages[i].Weight < p.Pages[j].Weight })
}

// loadNarrative attaches content/regions/ID.md to its region.
func loadNarrative(p *Plan, file, text string, errs *diag.List) {
	id := strings.TrimSuffix(path.Base(file), ".md")
	r := p.Region(id)
	if r == nil && p.unread[id] {
		return // its region file is reported
	}
	if r == nil {
		var ids []string
		for _, x := range p.Regions {
			ids = append(ids, x.ID)
		}
		errs.Add(diag.Diagnostic{Level: diag.Error, File: file, Line: 1, Col: 1,
			Message: "narrative for unknown region " + id + diag.DidYouMean(id, ids),
			Hint:    "a region narrative is named after its region file: content/regions/" + id + ".toml must exist"})
		return
	}
	pg := parsePage(p, file, text, true, errs)
	if pg == nil {
		return
	}
	if pg.Title == "" {
		pg.Title = r.Name
	}
	r.Narrative = pg
}

// parsePage splits a Markdown file into its TOML front matter (between
// "+++" lines) and body, and decodes the front matter.
func parsePage(p *Plan, file, text string, narrative bool, errs *diag.List) *Page {
	base := strings.TrimSuffix(path.Base(file), ".md")
	pg := &Page{File: file, Slug: base, Body: text, BodyLine: 1}
	front, body, bodyLine, ok := splitFrontMatter(text)
	if !ok {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: file, Line: 1, Col: 1,
			Message: "front matter is not closed", Hint: "end the front matter with a line holding only +++"})
		return nil
	}
	if d, yaml := yamlFrontMatter(file, text); yaml {
		errs.Add(d)
		return nil
	}
	pg.Body, pg.BodyLine = body, bodyLine
	if front != "" {
		t, _ := parseTOML(file, front, 1, errs)
		if t == nil {
			return nil
		}
		pg.Title = t.str("title", false)
		if !narrative {
			if w, ok := t.integer("weight", false); ok {
				pg.Weight = w
			}
			if s := t.str("slug", false); s != "" {
				if t.src.checkID("slug", "slug", s) {
					pg.Slug = s
				}
				pg.slugPos = t.src.pos("slug")
			}
			pg.Regions = refList(p, t, "regions", "region")
		}
		t.done()
	}
	if narrative {
		return pg
	}
	for _, r := range ReservedSlugs {
		if pg.Slug == r {
			pos := pg.slugPos
			hint := `set slug = "…" in the front matter to another name`
			if pos.File == "" {
				pos = diag.Pos{File: file, Line: 1}
			} else {
				hint = "choose another slug"
			}
			d := pos.At("page slug %q is taken by the site's own %s/ folder", r, r)
			d.Hint = hint + "; reserved: " + strings.Join(ReservedSlugs, ", ")
			errs.Add(d)
			return nil
		}
	}
	if !ValidID(pg.Slug) {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: file, Line: 1, Col: 1,
			Message: fmt.Sprintf("file name %q%s", shorten(base)+".md", strings.Replace(IDProblem(base), "is not valid", "is not a valid page slug", 1)),
			Hint:    `rename the file, or set slug = "…" (lowercase letters, digits, '-' and '_') in its front matter`})
		return nil
	}
	if pg.Title == "" {
		pg.Title = firstHeading(pg.Body)
		if pg.Title == "" {
			pg.Title = base
		}
	}
	return pg
}

// splitFrontMatter returns the front matter between a first line "+++" and
// the next such line, the body after it and the body's first line number.
// A file without front matter is all body.
func splitFrontMatter(text string) (front, body string, bodyLine int, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t\r") != "+++" {
		return "", text, 1, true
	}
	line := 2
	var b strings.Builder
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if strings.TrimRight(l, " \t\r") == "+++" {
			return b.String(), rest, line + 1, true
		}
		b.WriteString(l)
		b.WriteByte('\n')
		line++
	}
	return "", "", 0, false
}

// yamlFrontMatter reports a file that starts with front matter between
// "---" lines, as Hugo's YAML front matter does: planbook reads only TOML
// between "+++" lines, and would otherwise show the settings as a rule and
// text. Lines between two rules that hold no "key:" are Markdown.
func yamlFrontMatter(file, text string) (diag.Diagnostic, bool) {
	lines := strings.Split(text, "\n")
	if len(lines) < 2 || strings.TrimRight(lines[0], " \t\r") != "---" {
		return diag.Diagnostic{}, false
	}
	example := ""
	for i, l := range lines[1:] {
		l = strings.TrimRight(l, " \t\r")
		if l == "---" && example != "" {
			d := diag.Diagnostic{Level: diag.Error, File: file, Line: 1, Col: 1, LineText: "---", Blocking: true,
				Message: fmt.Sprintf("front matter between --- lines (YAML, lines 1 to %d) is not read: planbook reads TOML between +++ lines", i+2),
				Hint:    "replace both --- lines with +++ and write each setting as key = value, for example " + example}
			return d, true
		}
		if l == "---" {
			break
		}
		if k, v, ok := strings.Cut(l, ":"); ok && example == "" && idPattern.MatchString(strings.TrimSpace(k)) {
			example = yamlAsTOML(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return diag.Diagnostic{}, false
}

// yamlAsTOML writes a YAML setting "key: value" as its TOML line, for a
// hint: numbers and lists as they are, text in quotes.
func yamlAsTOML(key, value string) string {
	switch {
	case value == "":
		return key + ` = "…"`
	case strings.HasPrefix(value, "["), strings.HasPrefix(value, "\""):
		return key + " = " + value
	}
	if _, ok := parseDecimal(value); ok {
		return key + " = " + value
	}
	return key + " = " + strconv.Quote(strings.Trim(value, "'"))
}

// firstHeading returns the text of the first "# " heading of a Markdown
// body, or "".
func firstHeading(body string) string {
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "# ") {
			return strings.TrimSpace(l[2:])
		}
	}
	return ""
}
