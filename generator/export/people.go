package export

import (
	"planbook/generator/compute"
	"planbook/generator/plan"
)

// The people's sheets: the teams of a plan that has any, and the people
// of its roster. A workbook is written for the planner, who keeps the
// roster: it lists every person's quota whatever people_pages says.
const (
	TeamsSheet  = "Teams"
	PeopleSheet = "People"
)

// peopleSheets returns the sheets of the plan's teams and people, with
// their fills; none when the plan has neither.
func (w *workbook) peopleSheets() (names []string, fills []func(*sheet)) {
	if !w.r.HasTeams() {
		return nil, nil
	}
	names, fills = []string{TeamsSheet}, []func(*sheet){w.teams}
	if len(w.r.People) > 0 {
		names, fills = append(names, PeopleSheet), append(fills, w.people)
	}
	return names, fills
}

func (w *workbook) monthHeads() []string {
	out := make([]string, 12)
	for m := range out {
		out[m] = w.r.Plan.MonthLabel(m)
	}
	return out
}

// teams writes every team: its target, over-assignment, assigned total and
// head count, and with a roster what its people carry by month.
func (w *workbook) teams(s *sheet) {
	r, l := w.r, w.l
	months := r.Plan.Roster != nil
	s.freezeCols = 4
	heads := []string{l.T("export.region-id"), l.T("col.region"), l.T("export.team-id"), l.T("col.team"), l.T("col.manager"),
		l.T("col.people"), w.withUnit("col.target"), l.T("col.overassign"), w.withUnit("col.assigned")}
	if months {
		heads = append(heads, w.monthHeads()...)
	}
	s.head(1, 1, heads...)
	var target, assigned, people int64
	var totals [12]int64
	for i, t := range r.Teams {
		cells := []cell{txt(t.Region.ID), txt(t.Region.Name), txt(t.ID), txt(t.Name), txt(t.Manager),
			countOf(int64(len(t.People))), w.units(t.Target), ratioOf(t.Overassign), w.units(t.Assigned)}
		if months {
			for m, u := range t.Months {
				cells = append(cells, w.units(u))
				totals[m] += u
			}
		}
		target, assigned, people = target+t.Target, assigned+t.Assigned, people+int64(len(t.People))
		s.write(i+2, 1, false, cells...)
	}
	total := []cell{txt(l.T("col.total")), txt(""), txt(""), txt(""), txt(""), countOf(people), w.units(target), cell{style: ratio}, w.units(assigned)}
	if months {
		for _, u := range totals {
			total = append(total, w.units(u))
		}
	}
	s.write(len(r.Teams)+2, 1, true, total...)
}

// people writes every person of the roster with their quota by quarter
// and month.
func (w *workbook) people(s *sheet) {
	r, l := w.r, w.l
	s.freezeCols = 2
	heads := []string{l.T("export.id"), l.T("col.person"), l.T("export.region-id"), l.T("export.team-id"), l.T("col.team"),
		l.T("col.role"), l.T("col.start"), l.T("col.end"), l.T("col.weight"), w.withUnit("col.quota")}
	s.head(1, 1, append(append(heads, w.quarterHeads()...), w.monthHeads()...)...)
	var quota int64
	var quarters [4]int64
	var months [12]int64
	for i, ps := range r.People {
		cells := []cell{txt(ps.ID), txt(ps.Name), txt(ps.Region), txt(ps.Team.ID), txt(ps.Team.Name), txt(ps.Role),
			dateCell(ps.Start), dateCell(ps.End), cell{num: ps.Weight, style: quantity}, w.units(ps.Quota)}
		for q, u := range ps.Quarters {
			cells = append(cells, w.units(u))
			quarters[q] += u
		}
		for m, u := range ps.Months {
			cells = append(cells, w.units(u))
			months[m] += u
		}
		quota += ps.Quota
		s.write(i+2, 1, false, cells...)
	}
	total := []cell{txt(l.T("col.total")), txt(""), txt(""), txt(""), txt(""), txt(""), txt(""), txt(""), cell{style: quantity}, w.units(quota)}
	for _, u := range quarters {
		total = append(total, w.units(u))
	}
	for _, u := range months {
		total = append(total, w.units(u))
	}
	s.write(len(r.People)+2, 1, true, total...)
}

// peopleActuals writes the teams' and people's lines of plan against
// actual, when rows of the actuals name people.
func (w *workbook) peopleActuals(line func(kind string, at *compute.Attainment)) {
	r, l := w.r, w.l
	a := r.Actuals
	if a.Teams == nil {
		return
	}
	for _, t := range r.Teams {
		if at := a.Teams[t]; at != nil {
			copied := *at
			copied.ID = t.Region.ID + "." + t.ID
			line(l.T("col.team"), &copied)
		}
	}
	for _, ps := range r.People {
		if pa := a.People[ps]; pa != nil {
			line(l.T("col.person"), &pa.Attainment)
		}
	}
}

// dateCell is a date of the roster, empty when not set.
func dateCell(d plan.Date) cell {
	if d.IsZero() {
		return txt("")
	}
	return txt(d.String())
}
