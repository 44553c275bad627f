package data

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
)

// teamList returns plan.json's teams: every region's teams, with their
// targets, assigned totals and head counts (section 10.6 of the format).
func teamList(r *compute.Result) List {
	out := make(List, 0, len(r.Teams))
	for _, t := range r.Teams {
		out = append(out, Object{
			{"region", text(t.Region.ID)}, {"id", text(t.ID)}, {"name", text(t.Name)},
			{"manager", text(t.Manager)}, {"target", amountOf(r.Amount(t.Target))},
			{"overassign", ratio(t.Overassign)}, {"assigned", amountOf(r.Amount(t.Assigned))},
			{"people", count(int64(len(t.People)))},
		})
	}
	return out
}

// peopleField returns plan.json's people: the list only where the site
// shows people (people_pages), else none.
func peopleField(r *compute.Result) List {
	if !r.Plan.Config.PeoplePages {
		return List{}
	}
	return PeopleList(r)
}

// PeopleList returns plan.json's people: every person of the roster with
// their quota by quarter and month. Individual quotas are personal: the
// site's plan.json holds them only when the site shows people
// (people_pages); callers writing for the planner use this directly.
func PeopleList(r *compute.Result) List {
	out := make(List, 0, len(r.People))
	for _, ps := range r.People {
		start, end := dates(ps)
		out = append(out, Object{
			{"id", text(ps.ID)}, {"name", text(ps.Name)}, {"region", text(ps.Region)},
			{"team", text(ps.Team.ID)}, {"role", text(ps.Role)},
			{"start", text(start)}, {"end", text(end)},
			{"weight", Leaf{Kind: Quantity, R: ps.Weight}},
			{"quota", amountOf(r.Amount(ps.Quota))}, {"quarters", amountList(r, ps.Quarters[:])},
			{"months", amountList(r, ps.Months[:])},
		})
	}
	return out
}

// PlannerTree returns the data tree of r as the planner sees it: every
// person listed and the people-balance warnings naming them, whatever
// people_pages says. planbook export and diff write for the planner, who
// keeps the roster, not for the intranet.
func PlannerTree(r *compute.Result) Object {
	t := Tree(r)
	for i := range t {
		switch t[i].Key {
		case "people":
			t[i].Value = PeopleList(r)
		case "checks":
			t[i].Value = checkListOf(r, r.NamedChecks())
		}
	}
	return t
}

// PlannerJSON returns plan.json as the planner sees it (PlannerTree).
func PlannerJSON(r *compute.Result) []byte {
	var b bytes.Buffer
	write(&b, PlannerTree(r), 0)
	b.WriteByte('\n')
	return b.Bytes()
}

// PlannerCSV returns the CSV tables as the planner sees them: those of
// the site, and data/people.csv whatever people_pages says.
func PlannerCSV(r *compute.Result) map[string][]byte {
	files := CSV(r)
	if len(r.People) > 0 {
		files["data/people.csv"] = peopleCSV(r)
	}
	return files
}

// teamsCSV returns data/teams.csv: every team with its target, over-
// assignment, assigned total and head count, and, with a roster, what its
// people carry in each month; a last row of totals.
func teamsCSV(r *compute.Result) []byte {
	months := r.Plan.Roster != nil
	head := []string{"region", "team", "name", "manager", "target", "overassign", "assigned", "people"}
	if months {
		head = append(append(head, monthLabels(r)...), "total")
	}
	rows := make([][]string, 0, len(r.Teams)+1)
	var target, assigned, people int64
	var totals [12]int64
	for _, t := range r.Teams {
		row := []string{textCell(t.Region.ID), textCell(t.ID), textCell(t.Name), textCell(t.Manager),
			units(r, t.Target), numfmt.Fixed(t.Overassign, ratioPlaces), units(r, t.Assigned), strconv.Itoa(len(t.People))}
		if months {
			row = append(row, monthCells(r, t.Months[:], totals[:])...)
		}
		target, assigned, people = target+t.Target, assigned+t.Assigned, people+int64(len(t.People))
		rows = append(rows, row)
	}
	total := []string{"total", "", "", "", units(r, target), "", units(r, assigned), strconv.FormatInt(people, 10)}
	if months {
		total = append(total, monthCells(r, totals[:], nil)...)
	}
	return csvFile(head, append(rows, total))
}

// peopleCSV returns data/people.csv: every person with their quota and
// month quotas, in roster order; a last row of totals.
func peopleCSV(r *compute.Result) []byte {
	head := append([]string{"id", "name", "region", "team", "role", "start", "end", "weight", "quota"}, monthLabels(r)...)
	rows := make([][]string, 0, len(r.People)+1)
	var quota int64
	var totals [12]int64
	for _, ps := range r.People {
		start, end := dates(ps)
		row := []string{textCell(ps.ID), textCell(ps.Name), textCell(ps.Region), textCell(ps.Team.ID), textCell(ps.Role),
			start, end, numfmt.Exact(ps.Weight), units(r, ps.Quota)}
		cells := monthCells(r, ps.Months[:], totals[:])
		rows = append(rows, append(row, cells[:12]...))
		quota += ps.Quota
	}
	total := append([]string{"total", "", "", "", "", "", "", "", units(r, quota)}, monthCells(r, totals[:], nil)[:12]...)
	return csvFile(head, append(rows, total))
}

// monthCells returns the amounts of twelve months and their total, adding
// each month to sums when it is not nil.
func monthCells(r *compute.Result, months []int64, sums []int64) []string {
	out := make([]string, 0, 13)
	var total int64
	for m, v := range months {
		out = append(out, units(r, v))
		total += v
		if sums != nil {
			sums[m] += v
		}
	}
	return append(out, units(r, total))
}

func monthLabels(r *compute.Result) []string {
	out := make([]string, 12)
	for i := range out {
		out[i] = r.Plan.MonthLabel(i)
	}
	return out
}

func units(r *compute.Result, u int64) string { return numfmt.Exact(r.Amount(u)) }

// dates returns a person's start and end as written in plan.json: "" when
// not set.
func dates(ps *compute.Person) (start, end string) {
	if !ps.Start.IsZero() {
		start = ps.Start.String()
	}
	if !ps.End.IsZero() {
		end = ps.End.String()
	}
	return start, end
}

// csvFile writes a CSV file as the other tables are: a BOM, CRLF line
// ends, the header row (texts made safe for spreadsheets), then rows.
func csvFile(head []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(textCells(head))
	w.WriteAll(rows)
	return b.Bytes()
}
