package generator

import (
	"crypto/sha256"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
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
	Site string // the site folder
	Out  string // the output folder; "" means the site's configured output inside Site
	// Compare, when set, is a folder or git revision of the plan to compare
	// with: the site then has a Changes page (see Changes).
	Compare string
	// Regions, when set, builds the site for these regions' audience only
	// (see package scope).
	Regions []string
	// Progress, when set, is called as pages are rendered.
	Progress func(done, total int)

	files  *cachedFS
	loader *plan.Loader
	theme  *site.Theme
	// themeName is the theme the cached one was loaded as; themeStale is
	// set when a file under themes/ changed.
	themeName  string
	themeStale bool
	pages      *site.Cache
	last       *lastBuild // the last build that succeeded
}

// lastBuild is what a builder keeps of its last successful build.
type lastBuild struct {
	toml     [sha256.Size]byte // the TOML files it computed from
	figures  [sha256.Size]byte // the TOML and actuals files
	result   *compute.Result
	planData publish.Files // plan.json and the plan's CSV files
	data     publish.Files // those and the actuals' files
	files    publish.Files // everything it published
	out      string
}

// NewBuilder returns a builder for the site folder dir writing to out.
func NewBuilder(dir, out string) *Builder {
	return &Builder{Site: dir, Out: out, files: newCachedFS(dir), loader: plan.NewLoader(), pages: site.NewCache()}
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

// Build runs the whole pipeline: Load, Compute, Render, Write. On any
// error it returns a *diag.ListError (or the error of writing) and leaves
// the output folder as it was.
func (b *Builder) Build() (*Report, error) {
	rep := &Report{}
	p, errs := b.loader.Load(b.files)
	errs.Append(checkLinks(b.Site))
	if errs.HasErrors() {
		rep.Diagnostics = errs
		return rep, errs.Err()
	}
	// The plan's figures depend on the TOML files alone, and the actuals'
	// on those and the actuals files: when none changed, the last
	// computation and data files still hold; when only actuals changed,
	// only they are compared with the plan again.
	toml, figures := p.SourcesSum(plan.IsTOML), p.SourcesSum(plan.IsFigures)
	var r *compute.Result
	var dataOut, planData publish.Files
	switch {
	case b.last != nil && b.last.figures == figures:
		copied := *b.last.result
		copied.Plan = p
		r, dataOut, planData = &copied, b.last.data, b.last.planData
	case b.last != nil && b.last.toml == toml:
		copied := *b.last.result
		copied.Plan = p
		aerrs := compute.CompareActuals(&copied)
		aerrs.FillSource(p.SourceLine)
		errs.Append(aerrs)
		r, planData = &copied, b.last.planData
	default:
		var cerrs *diag.List
		r, cerrs = compute.Compute(p)
		cerrs.FillSource(p.SourceLine)
		errs.Append(cerrs)
	}
	full := r
	if len(b.Regions) > 0 && !errs.HasErrors() {
		scoped, serrs := scope.Apply(r, b.Regions)
		errs.Append(serrs)
		if scoped != nil {
			r = scoped
		}
	}
	rep.Result, rep.Diagnostics = r, errs
	if err := errs.Err(); err != nil {
		return rep, err
	}
	rep.Out = b.Out
	if rep.Out == "" {
		out := r.Plan.Config.Output
		if len(b.Regions) > 0 {
			out += "-" + strings.Join(b.Regions, "-") // a site per audience, beside the whole one
		}
		rep.Out = filepath.Join(b.Site, filepath.FromSlash(out))
	}
	if b.theme == nil || b.themeStale || b.themeName != r.Plan.Config.Theme {
		th, terrs := LoadTheme(b.Site, r.Plan.Config.Theme)
		if terrs.HasErrors() {
			errs.Append(terrs)
			return rep, errs.Err()
		}
		b.theme, b.themeName, b.themeStale = th, r.Plan.Config.Theme, false
	}
	so := site.Options{Cache: b.pages, Version: PlanVersion(b.Site), Progress: b.Progress, Figures: figures}
	if b.Compare != "" {
		changes, err := Changes(b.Site, b.Compare, r)
		if err != nil {
			return rep, err
		}
		so.Changes = changes
	}
	files, rerrs := site.Render(r, b.theme, so)
	rerrs.FillSource(r.Plan.SourceLine)
	errs.Append(rerrs)
	if err := errs.Err(); err != nil {
		return rep, err
	}
	if dataOut == nil {
		if planData == nil {
			planData = planFiles(r)
		}
		dataOut = publish.Files{}
		for name, d := range planData {
			dataOut[name] = d
		}
		for name, d := range data.ActualsFiles(r) {
			dataOut[name] = d
		}
	}
	for name, d := range dataOut {
		files[name] = d
	}
	if len(b.Regions) > 0 {
		if lerrs := scope.Leaks(files, full, b.Regions); lerrs.HasErrors() {
			errs.Append(lerrs)
			return rep, errs.Err()
		}
	}
	rep.Pages, rep.Charts = b.pages.Rendered(), b.pages.Charts()
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			rep.HTML++
		}
	}
	var st publish.Stats
	var err error
	if b.last != nil && b.last.out == rep.Out {
		st, err = publish.Update(rep.Out, b.last.files, files)
	}
	if b.last == nil || b.last.out != rep.Out || err != nil {
		st, err = publish.Publish(rep.Out, files)
	}
	rep.Stats = st
	if err == nil {
		b.last = &lastBuild{toml: toml, figures: figures, result: full, planData: planData, data: dataOut, files: files, out: rep.Out}
	}
	return rep, err
}

// render renders the pages and data files of a computed plan.
func render(r *compute.Result, th *site.Theme, o site.Options) (publish.Files, *diag.List) {
	files, errs := site.Render(r, th, o)
	errs.FillSource(r.Plan.SourceLine)
	for name, d := range dataFiles(r) {
		files[name] = d
	}
	return files, errs
}

// dataFiles returns data/plan.json and the CSV files.
func dataFiles(r *compute.Result) publish.Files {
	files := planFiles(r)
	for name, b := range data.ActualsFiles(r) {
		files[name] = b
	}
	return files
}

// planFiles returns plan.json and the plan's CSV files.
func planFiles(r *compute.Result) publish.Files {
	files := publish.Files{"data/plan.json": data.JSON(r)}
	for name, b := range data.CSV(r) {
		files[name] = b
	}
	return files
}

// loadFS reads, validates and computes the plan of a site file system.
func loadFS(fsys fs.FS) (*compute.Result, *diag.List) {
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		return nil, errs
	}
	r, cerrs := compute.Compute(p)
	cerrs.FillSource(p.SourceLine)
	errs.Append(cerrs)
	return r, errs
}

// cachedFS is a site folder (which nothing in it can leave) whose file contents are kept between builds
// and read again only when a file's size or modification time changed.
type cachedFS struct {
	fs.FS // os.DirFS of the folder
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	size    int64
	modTime time.Time
	data    []byte
}

func newCachedFS(dir string) *cachedFS {
	return &cachedFS{FS: siteFS(dir), files: map[string]cachedFile{}}
}

// Stat implements fs.StatFS.
func (c *cachedFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// ReadDir implements fs.ReadDirFS.
func (c *cachedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

// ReadFile implements fs.ReadFileFS: unchanged files come from the cache.
func (c *cachedFS) ReadFile(name string) ([]byte, error) {
	info, err := fs.Stat(c.FS, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	f, ok := c.files[name]
	c.mu.Unlock()
	if ok && f.size == info.Size() && f.modTime.Equal(info.ModTime()) {
		return f.data, nil
	}
	data, err := fs.ReadFile(c.FS, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.files[name] = cachedFile{size: info.Size(), modTime: info.ModTime(), data: data}
	c.mu.Unlock()
	return data, nil
}
