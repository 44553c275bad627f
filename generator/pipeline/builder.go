package pipeline

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/explain"
	"planbook/generator/plan"
	"planbook/generator/publish"
	"planbook/generator/scope"
	"planbook/generator/site"
)

// Builder builds one site again and again: it re-reads only the files that
// changed, recomputes the plan (which is cheap), re-renders only the pages
// whose inputs changed, and writes only the output files whose bytes
// changed. planbook serve keeps one for its whole run; a plain build uses
// a new one.
type Builder struct {
	opts   Options
	fsys   fs.FS // the site's files
	folder bool  // fsys is the site folder on disk (not a git revision)
	loader *plan.Loader
	theme  *site.Theme
	// themeName is the theme the cached one was loaded as; themeStale is
	// set when a file under themes/ changed.
	themeName  string
	themeStale bool
	pages      *site.Cache
	last       *lastBuild      // the last build that succeeded
	output     *publish.Folder // writes the output folder
	// once says the builder builds once (see Build): it writes each file
	// as soon as it is rendered, and keeps nothing.
	once bool
}

// lastBuild is what a builder keeps of its last successful build.
type lastBuild struct {
	toml     [sha256.Size]byte // the TOML files it computed from
	figures  [sha256.Size]byte // the TOML and actuals files
	result   *compute.Result   // the whole plan, before scoping
	planData publish.Files     // plan.json and the plan's CSV files
	data     publish.Files     // those and the actuals' files
	site     publish.Site      // everything it published
	out      string
}

// NewBuilder returns a builder for the site and output folders of o.
func NewBuilder(o Options) *Builder {
	b := newBuilder(o, newCachedFS(o.Site))
	b.folder = true
	return b
}

func newBuilder(o Options, fsys fs.FS) *Builder {
	return &Builder{opts: o, fsys: fsys, loader: plan.NewLoader(), pages: site.NewCache()}
}

// Changed tells the builder which files of the site changed (slash paths
// relative to the site), so that a changed theme is read again. File
// contents are checked on every build anyway.
func (b *Builder) Changed(paths []string) {
	for _, p := range paths {
		if strings.HasPrefix(p, "themes/") {
			b.themeStale = true
		}
	}
}

// Build runs the whole pipeline: Load, Compute (narrowed to the audience
// of Options.Regions), Render, Write (to the output folder located and
// checked before rendering). On any error it returns a *diag.ListError
// (or the error of writing) and leaves the output folder as it was.
func (b *Builder) Build() (*Report, error) {
	return b.run(b.load, b.compute, b.scope, b.locate, b.render, b.write)
}

// Check runs the pipeline up to and including Render, and writes nothing:
// it reports every error and warning a build would. It renders the pages
// for their errors, without the files of explanations beside them.
func (b *Builder) Check() (*Report, error) {
	return b.run(b.load, b.compute, b.scope, b.locate, b.checkOnly, b.render)
}

// checkOnly marks a run that writes nothing (Check).
func (b *Builder) checkOnly(s *build) error {
	s.check = true
	return nil
}

// build is one run of the pipeline: what each stage hands the next.
type build struct {
	rep           *Report
	errs          *diag.List // rep.Diagnostics
	plan          *plan.Plan
	toml, figures [sha256.Size]byte // see lastBuild
	full          *compute.Result   // the whole plan; rep.Result is what the site shows
	planData      publish.Files     // plan.json and the plan's CSV files
	data          publish.Files     // those and the actuals' files
	files         publish.Files     // the site
	check         bool              // nothing is written (Check)
	out           *staged           // where a build done once puts its files
}

// run runs stages in order, stopping at the first that fails or leaves
// errors in the diagnostics.
func (b *Builder) run(stages ...func(*build) error) (*Report, error) {
	s := &build{rep: &Report{Diagnostics: &diag.List{}}}
	s.errs = s.rep.Diagnostics
	defer func() { s.out.abort() }() // a build done once that stopped: its new output goes
	for _, stage := range stages {
		if err := stage(s); err != nil {
			return s.rep, err
		}
		if err := s.errs.Err(); err != nil {
			return s.rep, err
		}
	}
	return s.rep, nil
}

// load reads the site's files into a plan (Load).
func (b *Builder) load(s *build) error {
	p, errs := b.loader.Load(b.fsys)
	s.plan = p
	s.errs.Append(errs)
	if b.folder {
		s.errs.Append(checkLinks(b.opts.Site))
	}
	return nil
}

// compute computes the plan's figures (Compute). They depend on the TOML
// files and the roster alone, and the actuals' on those and the actuals
// files: when none
// changed since the last build, its computation and data files still hold;
// when only actuals changed, only they are compared with the plan again.
func (b *Builder) compute(s *build) error {
	p := s.plan
	s.toml, s.figures = p.SourcesSum(plan.IsPlanInput), p.SourcesSum(plan.IsFigures)
	switch last := b.last; {
	case last != nil && last.figures == s.figures:
		s.full, s.planData, s.data = withPlan(last.result, p), last.planData, last.data
	case last != nil && last.toml == s.toml:
		s.full, s.planData = withPlan(last.result, p), last.planData
		errs := compute.CompareActuals(s.full)
		errs.FillSource(p.SourceLine)
		s.errs.Append(errs)
	default:
		r, errs := compute.Compute(p)
		errs.FillSource(p.SourceLine)
		s.full = r
		s.errs.Append(errs)
	}
	s.rep.Result = s.full
	return nil
}

// withPlan returns the computed plan r for p, a new load of the same TOML
// files: r's figures with p's texts (its narrative above all). The result
// shares r's figures, which nobody modifies.
func withPlan(r *compute.Result, p *plan.Plan) *compute.Result {
	out := *r
	out.Plan = p
	out.Regions = make([]*compute.Region, len(r.Regions))
	for i, reg := range r.Regions {
		copied := *reg
		copied.Region = p.Region(reg.ID)
		out.Regions[i] = &copied
	}
	return &out
}

// scope narrows the computed plan to the audience of Options.Regions.
func (b *Builder) scope(s *build) error {
	if len(b.opts.Regions) == 0 {
		return nil
	}
	scoped, errs := scope.Apply(s.full, b.opts.Regions)
	s.errs.Append(errs)
	if scoped != nil {
		s.rep.Result = scoped
	}
	return nil
}

// render renders the site in memory (Render): the theme's assets, the
// pages (with a Changes page when comparing), the data files; a site for
// some regions' audience is then searched for what it must not show.
func (b *Builder) render(s *build) error {
	r := s.rep.Result
	th, err := b.loadTheme(r.Plan.Config.Theme, s.errs)
	if th == nil || err != nil {
		return err
	}
	// The figures are explained from the whole plan: a free row shares
	// what every region leaves, those a site leaves out too.
	so := site.Options{Cache: b.pages, Progress: b.opts.Progress, Figures: s.figures,
		Explainer: explain.New(s.full, s.full.Plan.Config.PeoplePages), NoExplanations: s.check}
	if so.Version, err = PlanVersion(b.opts.Site); err != nil {
		return err
	}
	if b.opts.Compare != "" {
		if so.Changes, err = Changes(b.opts.Site, b.opts.Compare, r); err != nil {
			return err
		}
	}
	if b.once {
		so.Cache = site.NewCounter()
		if err := b.startOnce(s, &so); err != nil {
			return err
		}
	}
	files, errs := site.Render(r, th, so)
	errs.FillSource(r.Plan.SourceLine)
	s.errs.Append(errs)
	if errs.HasErrors() {
		return nil
	}
	s.files = files
	for name, d := range b.dataFiles(s) {
		files[name] = d
	}
	s.rep.Pages, s.rep.Charts = so.Cache.Rendered(), so.Cache.Charts()
	if s.out != nil {
		return s.out.finish(s, files)
	}
	if len(b.opts.Regions) > 0 {
		s.errs.Append(scope.Leaks(files, s.full, b.opts.Regions))
	}
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			s.rep.HTML++
		}
	}
	return nil
}

// loadTheme returns the site's theme, read again only when its name or
// its files changed. Its errors go to errs.
func (b *Builder) loadTheme(name string, errs *diag.List) (*site.Theme, error) {
	if b.theme == nil || b.themeStale || b.themeName != name {
		th, terrs := LoadTheme(b.opts.Site, name)
		errs.Append(terrs)
		if terrs.HasErrors() {
			return nil, nil
		}
		b.theme, b.themeName, b.themeStale = th, name, false
	}
	return b.theme, nil
}

// dataFiles returns the data files of what the site shows: plan.json, the
// CSV tables and the actuals' files, each made again only when its inputs
// changed.
func (b *Builder) dataFiles(s *build) publish.Files {
	if s.data != nil {
		return s.data
	}
	r := s.rep.Result
	if s.planData == nil {
		s.planData = publish.Files{"data/plan.json": data.JSON(r)}
		for name, d := range data.CSV(r) {
			s.planData[name] = d
		}
	}
	s.data = publish.Files{}
	for name, d := range s.planData {
		s.data[name] = d
	}
	for name, d := range data.ActualsFiles(r) {
		s.data[name] = d
	}
	return s.data
}

// write puts the rendered site in the output folder (Write): a whole
// folder swapped in, which a kept builder makes by bringing the folder its
// last build swapped out up to date (see publish.Folder), or what
// Options.Write does. The printed booklets and letters whose page did not
// change are carried over, linked rather than read (see keepPrinted). A
// build done once has written its files already: it swaps them in (see
// Build).
func (b *Builder) write(s *build) error {
	rep := s.rep
	var old publish.Site
	if last := b.last; last != nil && last.out == rep.Out {
		old = last.site
	}
	write := b.opts.Write
	if write == nil {
		write = b.publish
	}
	if s.out != nil {
		return s.out.commit(s)
	}
	names := make([]string, 0, len(s.files))
	for name := range s.files {
		names = append(names, name)
	}
	sort.Strings(names)
	carried, unprinted := keepPrinted(rep.Out, names, func(name string) ([]byte, bool) { data, ok := s.files[name]; return data, ok })
	rep.Unprinted = unprinted
	site := publish.Site{Files: s.files, Carried: carried}
	var err error
	if rep.Stats, err = write(rep.Out, old, site); err != nil {
		return err
	}
	b.last = &lastBuild{toml: s.toml, figures: s.figures, result: s.full, planData: s.planData, data: s.data, site: site, out: rep.Out}
	return nil
}

// nameFits refuses an output folder for some regions whose name is longer
// than a file name may be, which the file system would only report as
// "file name too long" on the first file written.
func nameFits(out string) error {
	if name := path.Base(out); len(name) > 255 {
		return fmt.Errorf("the output folder for these regions would be named %s… (%d bytes), longer than a file name may be (255): give the output folder with -d",
			name[:40], len(name))
	}
	return nil
}
