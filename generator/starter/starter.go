// Package starter writes the files a planner starts from: a small, valid,
// commented site (planbook new) and the JSON Schemas of a site's TOML files
// (planbook schema). Its templates are embedded in the program.
//
// It writes only into a folder that is empty or new, and replaces only
// schema files that planbook wrote.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"planbook/generator/diag"
	"planbook/generator/plan"
)

//go:embed templates
var templates embed.FS

// Languages are the languages a new site can be written in.
var Languages = []string{"zh-CN", "en"}

// MaxRegions is the most regions a new site has; a planner adds more by
// copying a region's two files.
const MaxRegions = 20

// Options says what site New writes.
type Options struct {
	Lang    string // one of Languages
	Regions int    // 1..MaxRegions
	Year    int    // the plan's year
}

// ErrNotEmpty is returned by New for a folder that holds files already.
var ErrNotEmpty = errors.New("not empty")

// New writes a new site into the folder dir, creating it; dir must not
// exist or be empty. It returns the files written, as slash paths in
// order.
func New(dir string, o Options) ([]string, error) {
	files, err := Files(o)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("%s is %w: planbook new writes a new site into an empty or new folder", dir, ErrNotEmpty)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: a file that appeared meanwhile is not overwritten.
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.Write(files[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}

// Files returns the files of a new site by slash path: planbook.toml,
// content/plan.toml, a TOML file and a narrative for each region, a
// narrative page, the schemas (each TOML file begins with the comment
// that points editors at its schema), a .gitignore for the output, a
// README and a GitHub Actions workflow for plan reviews.
func Files(o Options) (map[string][]byte, error) {
	if !validLang(o.Lang) {
		return nil, fmt.Errorf("unknown language %q: use %s", o.Lang, strings.Join(Languages, " or "))
	}
	if o.Regions < 1 || o.Regions > MaxRegions {
		return nil, fmt.Errorf("%d regions: a new site has 1 to %d (add more later by copying a region's files)", o.Regions, MaxRegions)
	}
	if o.Year < 1900 || o.Year > 9998 {
		return nil, fmt.Errorf("year %d is not a plausible plan year", o.Year)
	}
	d := siteData{Year: o.Year, BaselineYear: o.Year - 1, Regions: regions(o.Lang, o.Regions)}
	root := "templates/" + o.Lang + "/"
	out := map[string][]byte{}
	for _, f := range [][2]string{
		{"content/plan.toml", plan.PlanFile}, {"planbook.toml", plan.ConfigFile},
		{"content/strategy.md", "content/strategy.md"}, {"gitignore", ".gitignore"},
		{"README.md", "README.md"}, {"workflow.yml", ".github/workflows/plan.yml"},
	} {
		if f[1] == "README.md" {
			d.Title = planTitle(out[plan.PlanFile])
		}
		if err := render(out, root+f[0], f[1], d); err != nil {
			return nil, err
		}
	}
	for _, r := range d.Regions {
		rd := d
		rd.Region = r
		for _, ext := range []string{".toml", ".md"} {
			if err := render(out, root+"content/regions/region"+ext, plan.RegionsDir+"/"+r.ID+ext, rd); err != nil {
				return nil, err
			}
		}
	}
	for name, data := range plan.Schemas() {
		out[plan.SchemaDir+"/"+name] = data
	}
	return out, nil
}

func validLang(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// siteData is what the templates fill in.
type siteData struct {
	Year, BaselineYear int
	Title              string // the plan's title, for the README
	Regions            []region
	Region             region // the region of a region's files
}

// delims are the templates' delimiters: the files hold TOML tables
// ([[products]]) and shortcodes ({{< value "target" >}}) as they are.
var delims = [2]string{"{%", "%}"}

// tab marks where a TOML line's comment starts: render lines the comments
// of a file up.
const tab = "\x00"

// commentColumn is where render puts a comment marked with tab.
const commentColumn = 23

// render fills in the template tmpl and adds it to out as name; a TOML
// file gets the comment pointing editors at its schema first.
func render(out map[string][]byte, tmpl, name string, d siteData) error {
	text, err := fs.ReadFile(templates, tmpl)
	if err != nil {
		return err
	}
	t, err := template.New(path.Base(tmpl)).Delims(delims[0], delims[1]).
		Funcs(template.FuncMap{"tab": func() string { return tab }}).Parse(string(text))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if plan.SchemaFor(name) != "" {
		b.WriteString(plan.SchemaComment(name) + "\n")
	}
	if err := t.Execute(&b, d); err != nil {
		return err
	}
	out[name] = alignComments(b.Bytes())
	return nil
}

// alignComments puts every comment marked with tab at commentColumn, or
// two spaces after the value when that is longer.
func alignComments(text []byte) []byte {
	lines := strings.Split(string(text), "\n")
	for i, line := range lines {
		before, after, ok := strings.Cut(line, tab)
		if !ok {
			continue
		}
		pad := max(commentColumn-diag.Width(before), 2)
		lines[i] = before + strings.Repeat(" ", pad) + after
	}
	return []byte(strings.Join(lines, "\n"))
}

// planTitle returns the title of a plan.toml.
func planTitle(text []byte) string {
	for _, line := range strings.Split(string(text), "\n") {
		if v, ok := strings.CutPrefix(line, "title = "); ok {
			return strings.Trim(v, `"`)
		}
	}
	return ""
}
