// Package scope narrows a computed plan to the audience of some regions:
// their own figures, pages and items, and the company's totals, but no
// other region's name, manager, figures or pages. planbook build --region
// builds such a site, one per region, for an intranet that shows each
// regional team its own plan.
package scope

import (
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/plan"
)

// Apply returns r narrowed to the regions ids. The result shares the
// figures of r and must be treated as read-only. Narrative sections that
// name a region left out, or quote its figures, are left out too, each
// with a warning; an unknown id is an error.
func Apply(r *compute.Result, ids []string) (*compute.Result, *diag.List) {
	errs := &diag.List{}
	keep := map[string]bool{}
	var all []string
	for _, reg := range r.Regions {
		all = append(all, reg.ID)
	}
	for _, id := range ids {
		if r.Plan.Region(id) == nil {
			errs.Add(diag.Diagnostic{Level: diag.Error, File: plan.RegionsDir + "/",
				Message: fmt.Sprintf("--region %s: there is no region %q%s", id, id, diag.DidYouMean(id, all)),
				Hint:    "region ids are the names of the files in content/regions: " + diag.IDs(all)})
		}
		keep[id] = true
	}
	if errs.HasErrors() {
		return nil, errs
	}

	out := *r
	p := *r.Plan
	out.Plan = &p
	out.Regions, p.Regions = nil, nil
	var hidden []*plan.Region
	for _, reg := range r.Regions {
		if keep[reg.ID] {
			out.Regions = append(out.Regions, reg)
			p.Regions = append(p.Regions, reg.Region)
		} else {
			hidden = append(hidden, reg.Region)
		}
	}
	out.Others = othersOf(r, keep)
	people(&out, r, keep)
	if r.Actuals != nil {
		out.Actuals = actuals(r.Actuals, keep, len(hidden))
	}

	// Items: those for everyone or for a kept region, naming kept regions
	// only.
	p.Promotions = items(r.Plan.Promotions, keep,
		func(x plan.Promotion) []string { return x.Regions },
		func(x plan.Promotion, regions []string) *plan.Promotion { x.Regions = regions; return &x })
	p.Trainings = items(r.Plan.Trainings, keep,
		func(x plan.Training) []string { return x.Regions },
		func(x plan.Training, regions []string) *plan.Training { x.Regions = regions; return &x })
	p.Milestones = items(r.Plan.Milestones, keep,
		func(x plan.Milestone) []string { return x.Regions },
		func(x plan.Milestone, regions []string) *plan.Milestone { x.Regions = regions; return &x })

	// Narrative sections: those meant for a kept region that neither name
	// a region left out nor quote its figures.
	p.Pages = pages(r.Plan, keep, slices.Concat(words(Secrets(hidden), false), hiddenWords(r, keep), words(hiddenKeys(r, keep), false)), errs)

	// Checks: those about the company, or about a kept region (an item
	// for a kept region, a kept region's channels).
	out.Checks = nil
	for _, c := range r.Checks {
		if _, ok := narrow(c.Regions, keep); ok {
			out.Checks = append(out.Checks, c)
		}
	}
	return &out, errs
}

// people narrows the teams and people of r to the regions kept.
func people(out, r *compute.Result, keep map[string]bool) {
	out.Teams, out.People = nil, nil
	for _, t := range r.Teams {
		if keep[t.Region.ID] {
			out.Teams = append(out.Teams, t)
		}
	}
	kept := func(list []*compute.Person) []*compute.Person {
		var in []*compute.Person
		for _, ps := range list {
			if keep[ps.Region] {
				in = append(in, ps)
			}
		}
		return in
	}
	out.People = kept(r.People)
	if r.Balance != nil {
		b := *r.Balance
		b.Off = kept(r.Balance.Off)
		out.Balance = &b
	}
}

// othersOf returns the regions of r not kept, added up; nil when every
// region is kept.
func othersOf(r *compute.Result, keep map[string]bool) *compute.Others {
	others := &compute.Others{Products: make([]int64, len(r.Products)), Customers: make([]int64, len(r.Customers)), Channels: map[string]int64{}}
	for _, reg := range r.Regions {
		if keep[reg.ID] {
			continue
		}
		others.Count++
		others.Target += reg.Target
		others.Headcount += reg.Headcount
		for q := range reg.Quarters {
			others.Quarters[q] += reg.Quarters[q]
		}
		for m := range reg.Months {
			others.Months[m] += reg.Months[m]
		}
		for j, v := range reg.Products {
			others.Products[j] += v
		}
		for j, c := range reg.Customers {
			others.Customers[j] += c.Target
		}
		for _, ch := range reg.Channels {
			others.Channels[ch.ID] += ch.Target
		}
	}
	if others.Count == 0 {
		return nil
	}
	return others
}

// pages returns the narrative sections of p meant for a kept region that
// neither name a region left out nor quote its figures (words); each
// section left out for what it says is a warning in errs.
func pages(p *plan.Plan, keep map[string]bool, words []word, errs *diag.List) []*plan.Page {
	m := newMatcher(words)
	var out []*plan.Page
	for _, pg := range p.Pages {
		if !forRegions(pg, keep) {
			continue
		}
		if w, _ := m.find([]byte(pg.Title + "\n" + pg.Body)); w != "" {
			d := diag.Diagnostic{Level: diag.Warning, File: pg.File,
				Message: fmt.Sprintf("left out of this site: the page names %q, which belongs to a region the site does not show", w),
				Hint:    `a page for some regions only says so in its front matter: regions = ["…"]; or move what it says of other regions to their own content/regions/ID.md`}
			if text, ok := p.Sources[pg.File]; ok {
				if _, at := m.find([]byte(text)); at >= 0 {
					d.Line, d.Col, d.LineText = lineAt(text, at)
				}
			}
			errs.Add(d)
			continue
		}
		out = append(out, pg)
	}
	return out
}

// actuals narrows the actual results to the regions kept, the others added
// up as one line "others" (its name is set by the pages, in their
// language). The company's lines stay: they are totals.
func actuals(a *compute.Actuals, keep map[string]bool, hidden int) *compute.Actuals {
	out := *a
	out.Regions = nil
	if hidden == 0 {
		out.Regions = a.Regions
		return &out
	}
	o := &compute.RegionActual{Attainment: compute.Attainment{ID: "others",
		Target: new(big.Rat), Plan: new(big.Rat), Actual: new(big.Rat), Projection: new(big.Rat)}}
	for m := range o.Months {
		o.Months[m] = new(big.Rat)
	}
	for _, ra := range a.Regions {
		if keep[ra.ID] {
			out.Regions = append(out.Regions, ra)
			continue
		}
		o.Target.Add(o.Target, ra.Target)
		o.Plan.Add(o.Plan, ra.Plan)
		o.Actual.Add(o.Actual, ra.Actual)
		o.Projection.Add(o.Projection, ra.Projection)
		for m := range o.Months {
			o.Months[m].Add(o.Months[m], ra.Months[m])
		}
	}
	o.Attainment.Attainment = compute.Rate(o.Actual, o.Plan)
	out.Others = o
	return &out
}

// items keeps the items for everyone or for a kept region, each a copy
// naming the kept regions only.
func items[T any](list []*T, keep map[string]bool,
	regions func(T) []string, with func(T, []string) *T) []*T {
	var out []*T
	for _, x := range list {
		if kept, ok := narrow(regions(*x), keep); ok {
			out = append(out, with(*x, kept))
		}
	}
	return out
}

// narrow returns the regions of an item or a check that are kept; ok is
// false when it is about other regions only. One about every region (no
// ids) stays so.
func narrow(regions []string, keep map[string]bool) ([]string, bool) {
	if len(regions) == 0 {
		return nil, true
	}
	var out []string
	for _, id := range regions {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out, len(out) > 0
}

func forRegions(pg *plan.Page, keep map[string]bool) bool {
	if len(pg.Regions) == 0 {
		return true
	}
	for _, id := range pg.Regions {
		if keep[id] {
			return true
		}
	}
	return false
}

// Secrets returns what names the regions: their names, their names without
// a trailing "大区", "区域", "区" or " Region", their managers, and the
// value keys and chart parameters that point at them.
func Secrets(regions []*plan.Region) []string {
	var out []string
	add := func(s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	for _, r := range regions {
		add(r.Name)
		for _, suffix := range []string{"大区", "区域", "区", " Region", " region"} {
			if stem := strings.TrimSuffix(r.Name, suffix); stem != r.Name && len([]rune(stem)) >= 2 {
				add(stem)
			}
		}
		add(r.Manager)
		add("regions." + r.ID + ".")
		add(`region="` + r.ID + `"`)
	}
	return out
}

// lineAt returns the line and byte column (both 1-based) of the offset at
// in text, and that line's text.
func lineAt(text string, at int) (line, col int, lineText string) {
	start := strings.LastIndexByte(text[:at], '\n') + 1
	end := strings.IndexByte(text[at:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += at
	}
	return strings.Count(text[:at], "\n") + 1, at - start + 1, strings.TrimRight(text[start:end], "\r")
}

// Leaks checks a site built by Apply for the names and managers of the
// regions it leaves out, and the names of their teams, team managers and
// people, in every page and data file (not in the theme's static files).
// A name that a region kept has too (two people called 王强) is not
// looked for. Each find is an error naming the file: it is a bug or a
// mention Apply cannot see, such as an item for everyone named after a
// region, and the site must not be published.
func Leaks(files map[string][]byte, full *compute.Result, ids []string) *diag.List {
	errs := &diag.List{}
	g := NewGuard(full, ids)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if d := g.Check(name, files[name]); d != nil {
			errs.Add(*d)
		}
	}
	return errs
}

// Guard searches the files of a site for some regions' audience, one at a
// time, for what Leaks finds: for a build that writes each file as soon
// as it is made. Check may be called from several goroutines.
type Guard struct {
	m   *matcher
	ids []string
}

// NewGuard returns the guard of a site for the audience of the regions
// ids, of the whole plan full.
func NewGuard(full *compute.Result, ids []string) *Guard {
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	return &Guard{m: newMatcher(hiddenWords(full, keep)), ids: ids}
}

// Check returns the error of a file of the site (by its path) that shows
// what its audience must not see, or nil.
func (g *Guard) Check(name string, data []byte) *diag.Diagnostic {
	if strings.HasPrefix(name, "assets/") {
		return nil
	}
	w, _ := g.m.find(data)
	if w == "" {
		return nil
	}
	return &diag.Diagnostic{Level: diag.Error, File: name,
		Message: fmt.Sprintf("this site for %s would show %q, which belongs to a region it must not show", strings.Join(g.ids, ", "), w),
		Hint:    "look for the name in the items (promotions, trainings, milestones) and pages meant for everyone, and move it to the region's own file or scope it with regions = [...]"}
}
