// Package pipeline is planbook's pipeline. A build reads as one function
// (Builder.Build):
//
//	Load (files → typed plan, every error collected)
//	  → Compute (pure math: the breakdowns; then narrowed to an audience)
//	  → Render (pages, charts and data files, in memory)
//	  → Write (only changed files, swapped in atomically)
//
// The commands reuse these stages: check runs them all but Write, export
// and diff run Load and Compute.
package pipeline

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

// Options says what to build and where.
type Options struct {
	Site string // the site folder
	Out  string // the output folder; "" means the site's configured output inside Site
	// Compare is a folder or git revision of the plan to compare with, for
	// a Changes page (see Changes); "" for none.
	Compare string
	// Progress, when set, is called as pages are rendered, with the pages
	// done and the pages to do.
	Progress func(done, total int)
	// Regions, when set, builds the site for these regions' audience only:
	// their pages and booklets, the narrative meant for them and the
	// company's totals, and nothing of the other regions (see package
	// scope). The output then defaults to the configured folder with the
	// ids added ("public-east").
	Regions []string
	// Write, when set, is the Write stage instead of publishing the output
	// folder: it gets the output folder, what the last build wrote there
	// (the zero Site when not known) and the site of this build: its files
	// and the printed PDFs of the output it carries over. planbook serve
	// shows a build before writing it.
	Write func(out string, old, site publish.Site) (publish.Stats, error)
}

// Report says what a build did.
type Report struct {
	Result      *compute.Result // nil when the plan did not load; incomplete when it did not compute
	Diagnostics *diag.List      // every error and warning
	Out         string
	Pages       int // pages rendered (not taken from the page cache)
	Charts      int // charts on the pages rendered
	HTML        int // pages of the site, rendered or not
	Stats       publish.Stats
	// Unprinted are the printed booklets (regions/ID/booklet.pdf) and
	// letters (people/ID/letter.pdf) the output no longer holds, since
	// their page changed after they were printed; the others are carried
	// over.
	Unprinted []string
}

// Load reads, validates and computes the plan of the site folder dir: the
// Load and Compute stages of a build. The list holds every error and
// warning; the result is nil when the plan did not load, and incomplete
// when the computation reported errors.
func Load(dir string) (*compute.Result, *diag.List) { return NewBuilder(Options{Site: dir}).computed() }

// computed runs the Load and Compute stages.
func (b *Builder) computed() (*compute.Result, *diag.List) {
	rep, _ := b.run(b.load, b.compute)
	return rep.Result, rep.Diagnostics
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
