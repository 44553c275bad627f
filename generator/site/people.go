package site

import (
	"crypto/sha256"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"planbook/generator/compute"
	"planbook/generator/data"
)

// The teams and people of a plan (section 10 of the format): the people
// page, every region page's section on its teams, and, where the site
// shows people (people_pages), their quotas. Without people_pages no page
// names a person next to a quota: individual quotas are personal.

// peoplePage lists every region's teams, their coverage and, where the
// site shows people, their people.
type peoplePage struct {
	Lead     string
	Private  string      // says that individual quotas are not shown, when they are not
	Charts   []chartView // the months' targets and what the people carry
	Coverage *Table      // regions × months: what the people carry over the target
	Regions  []peopleRegion
}

// peopleRegion is one region's part of the people page, or a region
// page's section on its teams.
type peopleRegion struct {
	ID      string
	Name    string
	Link    string
	Manager string
	Teams   *Table
	Charts  []chartView // the region's coverage, on its page (with a roster)
	People  *Table      // nil where the site does not show people
	Empty   string      // says the region has no people yet, with a roster
}

func (b *builder) peoplePage(pd *pageData) {
	r, l := b.r, b.lang
	pd.Title = l.T("people.title")
	var target, assigned int64
	for _, t := range r.Teams {
		target, assigned = target+t.Target, assigned+t.Assigned
	}
	unit, lead := r.Plan.Unit, "people.lead"
	if len(r.People) > 0 {
		lead = "people.lead.roster"
	}
	pp := &peoplePage{Lead: l.Sprintf(lead, len(r.Teams), len(r.People), l.Amount(r.Amount(target), 4, unit),
		l.Amount(r.Amount(assigned), 4, unit), l.Amount(r.Amount(assigned-target), 4, unit))}
	if !r.ShowsPeople() {
		pp.Private = l.T("people.private")
	}
	if r.Plan.Roster != nil {
		pp.Charts, pp.Coverage = b.charts(nil, "coverage"), b.coverageTable()
	}
	for _, reg := range r.Regions {
		pr := b.peopleRegion(reg)
		pr.Link = b.regionLink(reg.ID)
		pp.Regions = append(pp.Regions, pr)
	}
	pd.People = pp
}

// peopleRegion returns a region's teams, and its people where the site
// shows them.
func (b *builder) peopleRegion(reg *compute.Region) peopleRegion {
	pr := peopleRegion{ID: reg.ID, Name: reg.Name, Teams: b.teamsTable(reg)}
	if reg.Manager != "" {
		pr.Manager = b.lang.Sprintf("region.manager", reg.Manager)
	}
	n := 0
	for _, t := range reg.Teams {
		n += len(t.People)
	}
	switch {
	case b.r.Plan.Roster != nil && n == 0:
		pr.Empty = b.lang.T("people.none")
	case b.r.ShowsPeople():
		pr.People = b.peopleTable(reg)
	}
	return pr
}

// teamsTable lists a region's teams: manager, head count, target,
// over-assignment and what their people carry; their attainment when
// actual results name people.
func (b *builder) teamsTable(reg *compute.Region) *Table {
	l := b.lang
	t := &Table{Caption: b.caption(), Head: []Cell{
		head(l.T("col.team"), false), head(l.T("col.manager"), false), head(l.T("col.people"), true),
		b.unitHead("col.target"), head(l.T("col.overassign"), true), b.unitHead("col.assigned"),
	}}
	attainment := b.r.Actuals != nil && b.r.Actuals.Teams != nil
	if attainment {
		t.Head = append(t.Head, head(l.T("col.attainment"), true))
	}
	var people, target, assigned int64
	for _, tm := range reg.Teams {
		key := "teams." + reg.ID + "." + tm.ID + "."
		row := []Cell{nowrap(tm.Name), nowrap(tm.Manager), b.keyed(b.count(int64(len(tm.People))), key, "people"), b.keyed(b.amount(tm.Target), key, "target"),
			b.keyed(b.percent(tm.Overassign), key, "overassign"), b.keyed(b.amount(tm.Assigned), key, "assigned")}
		if attainment {
			row = append(row, b.attainment(b.r.Actuals.Teams[tm]))
		}
		t.Rows = append(t.Rows, row)
		people, target, assigned = people+int64(len(tm.People)), target+tm.Target, assigned+tm.Assigned
	}
	if len(reg.Teams) > 1 {
		t.Foot = []Cell{text(l.T("col.total")), text(""), b.count(people), b.amount(target), b.percent(b.over(assigned, target)), b.amount(assigned)}
		if attainment {
			t.Foot = append(t.Foot, text(""))
		}
	}
	return t
}

// over returns how far assigned is above target, as a ratio of target.
func (b *builder) over(assigned, target int64) *big.Rat {
	if target == 0 {
		return nil
	}
	return big.NewRat(assigned-target, target)
}

// attainment is the attainment of a line of actuals, "–" without one.
func (b *builder) attainment(at *compute.Attainment) Cell {
	if at == nil {
		return b.percent(nil)
	}
	return b.percent(at.Attainment)
}

// peopleTable lists a region's people with their quotas by quarter, each
// linking their page, and their letter.
func (b *builder) peopleTable(reg *compute.Region) *Table {
	l := b.lang
	t := &Table{Caption: b.caption(), Head: []Cell{
		head(l.T("col.person"), false), head(l.T("col.team"), false), head(l.T("col.role"), false),
		head(l.T("col.employed"), false), head(l.T("col.weight"), true), b.unitHead("col.quota"),
	}}
	for q := range 4 {
		t.Head = append(t.Head, head(l.Quarter(q), true))
	}
	a := b.r.Actuals
	attainment := a != nil && a.People != nil
	if attainment {
		t.Head = append(t.Head, head(l.T("col.attainment"), true))
	}
	t.Head = append(t.Head, head(l.T("col.letter"), false))
	var quota int64
	var quarters [4]int64
	for _, tm := range reg.Teams {
		for _, ps := range tm.People {
			key := "people." + ps.ID + "."
			row := []Cell{{Text: ps.Name, Link: b.personLink(ps), Class: "nowrap"}, nowrap(tm.Name), nowrap(ps.Role), nowrap(b.employed(ps)),
				b.keyed(Cell{Text: l.Number(ps.Weight, 2), Num: true}, key, "weight"), b.keyed(b.amount(ps.Quota), key, "quota")}
			for q, v := range ps.Quarters {
				row = append(row, b.keyed(b.amount(v), key, "quarters.q", strconv.Itoa(q+1)))
				quarters[q] += v
			}
			if attainment {
				var at *compute.Attainment
				if pa := a.People[ps]; pa != nil {
					at = &pa.Attainment
				}
				row = append(row, b.attainment(at))
			}
			t.Rows = append(t.Rows, append(row, Cell{Text: l.T("col.letter"), Link: b.letterLink(ps), Class: "nowrap"}))
			quota += ps.Quota
		}
	}
	t.Foot = []Cell{text(l.T("col.total")), text(""), text(""), text(""), text(""), b.amount(quota)}
	for _, v := range quarters {
		t.Foot = append(t.Foot, b.amount(v))
	}
	if attainment {
		t.Foot = append(t.Foot, text(""))
	}
	t.Foot = append(t.Foot, text(""))
	return t
}

// coverageTable lists each region's coverage by month: what its people
// carry over its month target, the months short of it marked.
func (b *builder) coverageTable() *Table {
	l := b.lang
	t := &Table{Head: []Cell{head(l.T("col.region"), false)}}
	for _, label := range b.monthLabels() {
		t.Head = append(t.Head, head(label, true))
	}
	for _, reg := range b.r.Regions {
		row := []Cell{{Text: reg.Name, Link: b.regionLink(reg.ID), Class: "nowrap"}}
		for m, c := range reg.Coverage {
			cell := b.keyed(b.percent(c), "regions.", reg.ID, ".coverage.m", strconv.Itoa(m+1))
			if reg.Carried[m] < reg.Months[m] {
				cell.Class = "down"
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// nowrap is a text cell kept on one line: names and dates in CJK would
// otherwise break between any two characters in a narrow column; on a
// phone the table scrolls instead.
func nowrap(s string) Cell { return Cell{Text: s, Class: "nowrap"} }

// employed says when a person works, where they do not work the whole
// year: "4月15日起", "until 30 Sep".
func (b *builder) employed(ps *compute.Person) string {
	l := b.lang
	switch start, end := ps.Start, ps.End; {
	case !start.IsZero() && !end.IsZero():
		return l.Sprintf("employed.between", b.shortDate(start), b.shortDate(end))
	case !start.IsZero():
		return l.Sprintf("employed.from", b.shortDate(start))
	case !end.IsZero():
		return l.Sprintf("employed.until", b.shortDate(end))
	}
	return ""
}

func (b *builder) personLink(ps *compute.Person) string { return b.link("people/" + ps.ID + "/") }

func (b *builder) letterLink(ps *compute.Person) string {
	return b.root + "people/" + ps.ID + "/letter.html"
}

// peopleJobs lists the pages of the teams and people: the people page
// when the plan has teams or a roster, and each person's page and letter
// where the site shows people.
func peopleJobs(r *compute.Result) []job {
	if !r.HasTeams() {
		return nil
	}
	jobs := []job{{path: "people/index.html", kind: "people", fill: (*builder).peoplePage}}
	if !r.ShowsPeople() {
		return jobs
	}
	for _, ps := range r.People {
		jobs = append(jobs, job{path: "people/" + ps.ID + "/index.html", kind: "person",
			fill: func(b *builder, pd *pageData) { b.person(pd, ps) }, person: ps}, letterJob(ps))
	}
	return jobs
}

// letterJob is a person's target letter.
func letterJob(ps *compute.Person) job {
	return job{path: "people/" + ps.ID + "/letter.html", kind: "letter",
		fill: func(b *builder, pd *pageData) { b.letter(pd, ps) }, person: ps}
}

// personKey is the key of a person's page or letter: what every region's
// page shares (the company plan, the navigation), and the person's own
// figures, team and region, and actual results. An edit of one region's
// roster renders only its people's pages again.
func (b *siteRenderer) personKey(path string, ps *compute.Person) [sha256.Size]byte {
	h := sha256.New()
	h.Write(b.regionBase[:])
	t := ps.Team
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%d\x00%v\x00%v\x00",
		path, ps.ID, ps.Name, ps.Role, t.ID, t.Name, t.Manager, t.Region.Name, ps.Weight.RatString(), ps.Quota, t.Assigned, ps.Start, ps.End)
	for m := range ps.Months {
		fmt.Fprintf(h, "%d\x00%d\x00", ps.Months[m], ps.Days[m])
		if f := ps.Ramp[m]; f != nil {
			h.Write([]byte(f.RatString()))
		}
	}
	if a := b.r.Actuals; a != nil && a.People[ps] != nil {
		pa := a.People[ps]
		fmt.Fprintf(h, "\x00%d", a.Through)
		for _, x := range append([]*big.Rat{pa.Target, pa.Plan, pa.Actual, pa.Projection}, pa.Months[:]...) {
			h.Write([]byte("\x00" + x.RatString()))
		}
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// teamsEntries returns the entries of plan.json's teams and people (the
// people only where the site shows them) by region id.
func (b *siteRenderer) teamsEntries() map[string][]data.Value {
	out := map[string][]data.Value{}
	for _, key := range []string{"teams", "people"} {
		list, _ := b.tree.Get(key).(data.List)
		for _, v := range list {
			region, _ := v.(data.Object).Get("region").(data.Leaf)
			out[region.S] = append(out[region.S], v)
		}
	}
	return out
}

// teamsFigures writes to h what a region's page shows of its teams and
// people: their entries of plan.json (teamsEntries) and their actual
// results.
func (b *siteRenderer) teamsFigures(h io.Writer, reg *compute.Region, entries []data.Value) {
	for _, v := range entries {
		h.Write(data.Marshal(v))
	}
	a := b.r.Actuals
	if a == nil || a.Teams == nil || reg == nil {
		return
	}
	for _, t := range reg.Teams {
		if at := a.Teams[t]; at != nil {
			h.Write([]byte("\x00" + at.Actual.RatString()))
		}
		for _, ps := range t.People {
			if pa := a.People[ps]; pa != nil {
				h.Write([]byte("\x00" + pa.Actual.RatString()))
			}
		}
	}
}

// coverageMonths lists the months of a region (or, for nil, of the
// regions shown): the target, what the people carry and the coverage, the
// months short of their target marked. The coverage chart draws it.
func (b *builder) coverageMonths(region *compute.Region) *Table {
	l := b.lang
	regions := b.r.Regions
	if region != nil {
		regions = []*compute.Region{region}
	}
	var target, carried [12]int64
	for _, reg := range regions {
		for m := range target {
			target[m] += reg.Months[m]
			carried[m] += reg.Carried[m]
		}
	}
	t := &Table{Caption: b.caption(), Head: []Cell{head(l.T("col.month"), false), b.unitHead("col.target"), b.unitHead("col.carried"), head(l.T("col.coverage"), true)}}
	var sumT, sumC int64
	for m, label := range b.monthLabels() {
		c := b.sharePercent(carried[m], target[m])
		if carried[m] < target[m] {
			c.Class = "down"
		}
		t.Rows = append(t.Rows, []Cell{text(label), b.amount(target[m]), b.amount(carried[m]), c})
		sumT, sumC = sumT+target[m], sumC+carried[m]
	}
	t.Foot = []Cell{text(l.T("col.total")), b.amount(sumT), b.amount(sumC), b.sharePercent(sumC, sumT)}
	return t
}

// coverageChart draws the month targets and what the people carry
// (columns 1 and 2 of its table) as bars, and the coverage (column 3) as
// a line on a second axis.
func (b *builder) coverageChart(*compute.Region) option {
	bar := b.tableBar("coverage")
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: b.lang.T("col.coverage"), Min: 0,
		AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}, SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	bar.AddSeries(b.lang.T("series.target"), nil, column(1))
	bar.AddSeries(b.lang.T("col.carried"), nil, column(2))
	l := charts.NewLine()
	l.AddSeries(b.lang.T("col.coverage"), nil, column(3), charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(l)
	return bar
}
