package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"planbook/generator/diag"
)

// File names of a site.
const (
	ConfigFile = "planbook.toml"
	PlanFile   = "content/plan.toml"
	RegionsDir = "content/regions"
	ContentDir = "content"
)

// MaxFileSize is the largest input file planbook reads.
const MaxFileSize = 10 << 20

// Load reads and validates the plan of the site in fsys. It reports every
// problem it finds in the returned list; the plan is usable only when the
// list holds no errors.
func Load(fsys fs.FS) (*Plan, *diag.List) { return NewLoader().Load(fsys) }

// Loader loads the plan of one site again and again, as planbook serve
// does: a region file is decoded again only when its text, or the plan
// file it refers to, changed; an actuals file or the roster only when it
// or a TOML file changed. The plans it returns share what the regions that
// did not change hold (their channels, mixes, teams, items), which nobody
// may modify; each plan has its own Region values.
type Loader struct {
	regions map[string]*decodedRegion
	actuals map[string]*decodedActuals
	people  *decodedPeople
}

// decodedRegion is a region file as decoded: the region, the items it
// adds to the plan, the ids it refers to, and its diagnostics.
type decodedRegion struct {
	planText, text string // what it was decoded from
	region         *Region
	items          *Plan // Promotions, Trainings, Milestones and refs of the file
	diags          []diag.Diagnostic
}

// NewLoader returns a loader with nothing cached.
func NewLoader() *Loader {
	return &Loader{regions: map[string]*decodedRegion{}, actuals: map[string]*decodedActuals{}}
}

// Load reads and validates the plan of the site in fsys; see the function
// Load.
func (l *Loader) Load(fsys fs.FS) (*Plan, *diag.List) {
	errs := &diag.List{}
	p := &Plan{Sources: map[string]string{}}
	defer errs.FillSource(p.SourceLine)
	p.Config = loadConfig(fsys, p, errs)
	text, ok := readFile(fsys, p, PlanFile, errs)
	if !ok {
		if _, err := fs.Stat(fsys, PlanFile); errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Diagnostic{Level: diag.Error, File: PlanFile,
				Message: "missing plan: every site needs content/plan.toml",
				Hint:    "run planbook in the site folder, or point -s at it; a site holds content/plan.toml"})
		}
		return p, errs
	}
	decodePlan(p, text, errs)
	if blocked(errs, PlanFile) {
		// Every other file refers to the plan's products, customer types
		// and year: report only what keeps them from being read.
		others := &diag.List{}
		l.loadRegions(fsys, p, others)
		loadPages(fsys, p, others)
		for _, d := range others.Items() {
			if d.Blocking {
				errs.Add(d)
			}
		}
		return p, errs
	}
	l.loadRegions(fsys, p, errs)
	l.loadPeople(fsys, p, errs)
	l.loadActuals(fsys, p, errs) // after the roster: rows may name people
	loadPages(fsys, p, errs)
	validate(p, errs)
	return p, errs
}

// blocked reports whether errs holds a blocking diagnostic of file: the
// file could not be read.
func blocked(errs *diag.List, file string) bool {
	return slices.ContainsFunc(errs.Items(), func(d diag.Diagnostic) bool { return d.Blocking && d.File == file })
}

// readFile reads a site file as UTF-8 text, refusing files that are too
// large or not text.
func readFile(fsys fs.FS, p *Plan, name string, errs *diag.List) (string, bool) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Errorf(name, 0, 0, "cannot read: %v", err)
		}
		return "", false
	}
	if info.Size() > MaxFileSize {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: name, Blocking: true,
			Message: "file too large: " + sizeText(info.Size()) + ", the limit is 10 MiB",
			Hint:    "split it into smaller files; a plan file this large is almost certainly a mistake"})
		return "", false
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		errs.Errorf(name, 0, 0, "cannot read: %v", err)
		return "", false
	}
	if !utf8.Valid(data) {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: name, Line: firstInvalidLine(data), Blocking: true,
			Message: "file is not UTF-8 text", Hint: "save the file as UTF-8 (without BOM) in your editor"})
		return "", false
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	p.Sources[name] = text
	return text, true
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

func sizeText(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

func loadConfig(fsys fs.FS, p *Plan, errs *diag.List) Config {
	c := Config{Language: "zh-CN", Theme: "default", Output: "public", BasePath: "/", Explain: true}
	text, ok := readFile(fsys, p, ConfigFile, errs)
	if !ok {
		return c
	}
	t, _ := parseTOML(ConfigFile, text, 0, errs)
	if t == nil {
		return c
	}
	return decodeConfig(t, c)
}

// decodeConfig decodes the root table of planbook.toml over the defaults
// c.
func decodeConfig(t *table, c Config) Config {
	if s := t.enum("language", false, "zh-CN", "en"); s != "" {
		c.Language = s
	}
	if s := t.str("theme", false); s != "" {
		if !idPattern.MatchString(s) {
			t.src.errorf("theme", "a theme is a folder name under themes/, for example \"default\"", "theme name %q is not valid", s)
		} else {
			c.Theme = s
		}
	}
	if s := t.str("output", false); s != "" {
		c.Output, c.OutputPos = s, t.src.pos("output")
		checkOutput(t.src, s)
	}
	if s := t.str("base_path", false); s != "" {
		c.BasePath = s
	}
	c.UnsafeHTML = t.boolean("unsafe_html")
	c.PeoplePages = t.boolean("people_pages")
	_, set := t.m["explain"]
	c.Explain = t.boolean("explain") || !set
	t.done()
	return c
}

// loadRegions reads content/regions/*.toml in file-name order.
func (l *Loader) loadRegions(fsys fs.FS, p *Plan, errs *diag.List) {
	entries, err := fs.ReadDir(fsys, RegionsDir)
	if err != nil {
		return // no regions: a plan may have none
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".toml" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	seen := map[string]bool{}
	p.unread = map[string]bool{}
	for _, name := range names {
		file := RegionsDir + "/" + name
		text, ok := readFile(fsys, p, file, errs)
		if !ok {
			p.unread[strings.TrimSuffix(name, ".toml")] = true
			continue
		}
		seen[file] = true
		d := l.regions[file]
		if d == nil || d.text != text || d.planText != p.Sources[PlanFile] {
			// Decode into a scratch plan that knows the products and
			// customer types, so that what the file adds can be kept.
			scratch := &Plan{Products: p.Products, Customers: p.Customers}
			fileErrs := &diag.List{}
			d = &decodedRegion{planText: p.Sources[PlanFile], text: text, items: scratch}
			d.region = decodeRegion(scratch, file, strings.TrimSuffix(name, ".toml"), text, fileErrs)
			d.diags = fileErrs.Items()
			l.regions[file] = d
		}
		for _, diagnostic := range d.diags {
			errs.Add(diagnostic)
			if diagnostic.Blocking {
				p.unread[strings.TrimSuffix(name, ".toml")] = true
			}
		}
		if d.region != nil {
			// A region of its own for this plan, which loadPages gives its
			// narrative: the decoded one is shared with the plans of
			// earlier loads, which may still be in use.
			reg := *d.region
			p.Regions = append(p.Regions, &reg)
		}
		p.Promotions = append(p.Promotions, d.items.Promotions...)
		p.Trainings = append(p.Trainings, d.items.Trainings...)
		p.Milestones = append(p.Milestones, d.items.Milestones...)
		p.refs = append(p.refs, d.items.refs...)
	}
	for file := range l.regions {
		if !seen[file] {
			delete(l.regions, file)
		}
	}
}
