// Package generator is planbook's pipeline. A build reads as one function:
//
//	Load (files → typed plan, every error collected)
//	  → Compute (pure math: the breakdowns)
//	  → Render (pages, charts and data files, in memory)
//	  → Write (only changed files, swapped in atomically)
//
// The commands (build, check, and the others) reuse these stages.
package generator

import (
	"io/fs"
	"os"
	"path/filepath"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/plan"
	"planbook/generator/publish"
	"planbook/generator/site"
	"planbook/themes"
)

// Load reads, validates and computes the plan of the site folder dir. The
// list holds every error and warning; the result is nil when the plan did
// not load, and incomplete when the computation reported errors.
func Load(dir string) (*compute.Result, *diag.List) {
	r, errs := loadFS(siteFS(dir))
	if links := checkLinks(dir); links.HasErrors() {
		errs.Append(links)
		return nil, errs
	}
	return r, errs
}

// LoadTheme reads the theme of the site folder dir: the site's own
// themes/NAME folder (NAME from planbook.toml, "default" unless set) laid
// over the built-in default theme.
func LoadTheme(dir, name string) (*site.Theme, *diag.List) {
	folder := filepath.Join(dir, "themes", name)
	var own fs.FS
	if info, err := os.Stat(folder); err == nil && info.IsDir() {
		own = siteFS(folder)
	} else if name != "default" {
		errs := &diag.List{}
		errs.Add(diag.Diagnostic{Level: diag.Error, File: plan.ConfigFile,
			Message: "theme " + name + " not found: there is no folder themes/" + name,
			Hint:    `create themes/` + name + `/ in the site, or remove theme from planbook.toml to use the built-in theme`})
		return nil, errs
	}
	return site.LoadTheme(own, "themes/"+name+"/", themes.Default)
}

// Render turns a computed plan into the files of its site, using the
// theme of the site folder dir.
func Render(r *compute.Result, dir string, o site.Options) (publish.Files, *diag.List) {
	th, errs := LoadTheme(dir, r.Plan.Config.Theme)
	if errs.HasErrors() {
		return nil, errs
	}
	files, rerrs := render(r, th, o)
	errs.Append(rerrs)
	return files, errs
}

// Options says what to build and where.
type Options struct {
	Site string // the site folder
	Out  string // the output folder; "" means the site's configured output inside Site
	// Compare is a folder or git revision of the plan to compare with, for
	// a Changes page; "" for none.
	Compare string
	// Progress, when set, is called as pages are rendered, with the pages
	// done and the pages to do.
	Progress func(done, total int)
	// Regions, when set, builds the site for these regions' audience only:
	// their pages and booklets, the narrative meant for them and the
	// company's totals, and nothing of the other regions. The output then
	// defaults to the configured folder with the ids added ("public-east").
	Regions []string
}

// Report says what a build did.
type Report struct {
	Result      *compute.Result // nil when the plan did not load
	Diagnostics *diag.List      // every error and warning
	Out         string
	Pages       int // pages rendered (not taken from the page cache)
	Charts      int // charts on the pages rendered
	HTML        int // pages of the site, rendered or not
	Stats       publish.Stats
}

// Build runs the whole pipeline. On any error in the plan it returns a
// *diag.ListError and leaves the output folder as it was.
func Build(opts Options) (*Report, error) {
	b := NewBuilder(opts.Site, opts.Out)
	b.Compare = opts.Compare
	b.Progress = opts.Progress
	b.Regions = opts.Regions
	return b.Build()
}
