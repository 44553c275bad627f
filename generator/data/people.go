package data

import (
	"planbook/generator/compute"
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
		start, end := "", ""
		if !ps.Start.IsZero() {
			start = ps.Start.String()
		}
		if !ps.End.IsZero() {
			end = ps.End.String()
		}
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
