package explain

import (
	"math/big"
	"strconv"
	"time"

	"planbook/generator/alloc"
	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
)

func init() {
	register(map[string]deriver{
		"regions.*.overassign": func(e *Explainer, ix []int) *Derivation { return e.overassign(e.r.Regions[ix[0]], nil) },
		"regions.*.coverage.*": (*Explainer).coverage,
		"teams.*.region":       (*Explainer).teamRegion,
		"teams.*.id":           func(e *Explainer, ix []int) *Derivation { return e.teamText(ix[0], "id") },
		"teams.*.name":         func(e *Explainer, ix []int) *Derivation { return e.teamText(ix[0], "name") },
		"teams.*.manager":      func(e *Explainer, ix []int) *Derivation { return e.teamText(ix[0], "manager") },
		"teams.*.target":       (*Explainer).teamTarget,
		"teams.*.overassign": func(e *Explainer, ix []int) *Derivation {
			t := e.r.Teams[ix[0]]
			return e.overassign(t.Region, t.Team)
		},
		"teams.*.assigned":    (*Explainer).assigned,
		"teams.*.people":      (*Explainer).headcount,
		"people.*.id":         func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "id") },
		"people.*.name":       func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "name") },
		"people.*.region":     func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "region") },
		"people.*.team":       (*Explainer).personTeam,
		"people.*.role":       func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "role") },
		"people.*.start":      func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "start") },
		"people.*.end":        func(e *Explainer, ix []int) *Derivation { return e.personText(ix[0], "end") },
		"people.*.weight":     (*Explainer).personWeight,
		"people.*.quota":      (*Explainer).quota,
		"people.*.quarters.*": (*Explainer).personQuarter,
		"people.*.months.*":   (*Explainer).personMonth,
	})
}

func teamKey(t *compute.Team) string { return "teams." + t.Region.ID + "." + t.ID }

// teamIndex returns the position of a team among its region's written
// teams.
func teamIndex(t *compute.Team) int {
	for j, tm := range t.Region.Region.Teams {
		if tm == t.Team {
			return j
		}
	}
	return -1
}

func (e *Explainer) teamRegion(ix []int) *Derivation {
	reg := e.r.Teams[ix[0]].Region
	s := fileSource(reg.File)
	return &Derivation{Kind: data.Text, Rule: FileName, Text: reg.ID, Inputs: []*Input{writtenText(RoleValue, reg.ID, s)}}
}

// teamText explains a team's id, name or manager: written in its [[teams]]
// entry, or, for a region that is its own team, the region's.
func (e *Explainer) teamText(i int, field string) *Derivation {
	t := e.r.Teams[i]
	if t.Implicit() {
		if field == "id" {
			return e.teamRegion([]int{i})
		}
		idx := 0
		for k, reg := range e.r.Regions {
			if reg == t.Region {
				idx = k
			}
		}
		text := t.Name
		if field == "manager" {
			text = t.Manager
		}
		return textWritten(text, e.regionMember(idx).source(e, field))
	}
	text := map[string]string{"id": t.ID, "name": t.Name, "manager": t.Manager}[field]
	return textWritten(text, e.teamMember(t.Region.Region, teamIndex(t)).source(e, field))
}

// teamSplit is the split of a region's target among its teams.
func (e *Explainer) teamSplit(reg *compute.Region) *split {
	prefix := "regions." + reg.ID
	return e.splitOf(prefix+".teams", func() *split {
		targets := make([]*big.Rat, len(reg.Teams))
		for j, t := range reg.Teams {
			targets[j] = e.r.Amount(t.Target)
		}
		return &split{table: prefix + ".teams", members: plan.Members(reg.Region.Teams), fit: reg.Fit,
			parent: figure(RoleParent, data.Amount, e.r.Amount(reg.Target), prefix+".target"), targets: targets,
			key:   func(j int) string { return teamKey(reg.Teams[j]) },
			where: func(j int) member { return e.teamMember(reg.Region, j) }}
	})
}

func (e *Explainer) teamTarget(ix []int) *Derivation {
	t := e.r.Teams[ix[0]]
	if t.Implicit() {
		return &Derivation{Kind: data.Amount, Rule: Whole, Value: e.r.Amount(t.Target), Inputs: []*Input{
			figure(RoleValue, data.Amount, e.r.Amount(t.Region.Target), "regions."+t.Region.ID+".target")}}
	}
	return e.memberTarget(e.teamSplit(t.Region), teamIndex(t))
}

// overassign explains the over-assignment of a region (tm nil) or of one
// of its teams: the first set of the team's, the region's and [people]'s,
// else 0%.
func (e *Explainer) overassign(reg *compute.Region, tm *plan.Team) *Derivation {
	v := reg.Overassign
	var in *Input
	switch {
	case tm != nil && tm.Overassign != nil:
		v = tm.Overassign
		in = written(RoleValue, data.Ratio, v, e.source(reg.File, "teams."+strconv.Itoa(teamIndexOf(reg, tm))+".overassign"))
	case reg.Region.Overassign != nil:
		in = written(RoleValue, data.Ratio, v, e.source(reg.File, "overassign"))
	case e.p.People.Overassign != nil:
		in = written(RoleValue, data.Ratio, v, e.planSource("people.overassign"))
	default:
		in = constant(RoleValue, data.Ratio, v)
	}
	return &Derivation{Kind: data.Ratio, Rule: Inherit, Value: v, Inputs: []*Input{in}}
}

func teamIndexOf(reg *compute.Region, tm *plan.Team) int {
	for j, t := range reg.Region.Teams {
		if t == tm {
			return j
		}
	}
	return -1
}

func (e *Explainer) assigned(ix []int) *Derivation {
	t := e.r.Teams[ix[0]]
	key := teamKey(t)
	d := &Derivation{Kind: data.Amount, Rule: Overassigned, Value: e.r.Amount(t.Assigned), Inputs: []*Input{
		figure(RoleParent, data.Amount, e.r.Amount(t.Target), key+".target"),
		figure(RoleOverassign, data.Ratio, t.Overassign, key+".overassign"),
	}}
	exact := new(big.Rat).Add(big.NewRat(1, 1), t.Overassign)
	return e.rounded(d, exact.Mul(exact, d.Inputs[0].Value), HalfAway)
}

// headcount explains how many people a team has: its rows of the roster.
func (e *Explainer) headcount(ix []int) *Derivation {
	t := e.r.Teams[ix[0]]
	parts := make([]*Input, len(t.People))
	for k, ps := range t.People {
		parts[k] = writtenText(RolePart, ps.ID, e.rosterSource(ps.Person, "id"))
	}
	return &Derivation{Kind: data.Count, Rule: CountOf, Value: big.NewRat(int64(len(t.People)), 1),
		Inputs: []*Input{{Role: RoleCount, Kind: data.Count, Parts: parts, Own: true, Value: big.NewRat(int64(len(parts)), 1)}}}
}

func (e *Explainer) personText(i int, col string) *Derivation {
	ps := e.r.People[i]
	text := map[string]string{"id": ps.ID, "name": ps.Name, "region": ps.Region, "role": ps.Role,
		"start": dateText(ps.Start), "end": dateText(ps.End)}[col]
	return textWritten(text, e.rosterSource(ps.Person, col))
}

func dateText(d plan.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// personTeam explains a person's team: their team column, or, in a region
// without teams, the region itself.
func (e *Explainer) personTeam(ix []int) *Derivation {
	ps := e.r.People[ix[0]]
	if ps.Team.Implicit() {
		return &Derivation{Kind: data.Text, Rule: Whole, Text: ps.Team.ID, Inputs: []*Input{
			{Role: RoleValue, Kind: data.Text, Text: ps.Region, Key: "people." + ps.ID + ".region", Own: true}}}
	}
	return textWritten(ps.Team.ID, e.rosterSource(ps.Person, "team"))
}

func (e *Explainer) personWeight(ix []int) *Derivation {
	ps := e.r.People[ix[0]]
	return asWritten(data.Quantity, ps.Weight, e.rosterSource(ps.Person, "weight"))
}

// coverage explains what share of a region's month target its people
// carry.
func (e *Explainer) coverage(ix []int) *Derivation {
	reg, m := e.r.Regions[ix[0]], ix[1]
	prefix := "regions." + reg.ID
	carried := &Input{Role: RoleNumerator, Kind: data.Amount, Value: e.r.Amount(reg.Carried[m]), Own: true}
	if e.people {
		var parts []*Input
		for _, t := range reg.Teams {
			for _, ps := range t.People {
				parts = append(parts, figure(RolePart, data.Amount, e.r.Amount(ps.Months[m]), monthKey("people."+ps.ID, m)))
			}
		}
		carried = sum(RoleNumerator, data.Amount, parts, true)
	}
	return &Derivation{Kind: data.Ratio, Rule: Coverage, Value: reg.Coverage[m], Inputs: []*Input{
		carried, figure(RoleDenominator, data.Amount, e.r.Amount(reg.Months[m]), monthKey(prefix, m)),
	}}
}

func (e *Explainer) personQuarter(ix []int) *Derivation {
	ps, q := e.r.People[ix[0]], ix[1]
	parts := make([]*Input, 3)
	for k := range parts {
		parts[k] = figure(RolePart, data.Amount, e.r.Amount(ps.Months[3*q+k]), monthKey("people."+ps.ID, 3*q+k))
	}
	return &Derivation{Kind: data.Amount, Rule: Sum, Value: e.r.Amount(ps.Quarters[q]), Inputs: []*Input{sum(RolePart, data.Amount, parts, true)}}
}

// teamQuotas is what the quotas of a team's people share: its assigned
// total and everyone's capacity by month.
type teamQuotas struct {
	assigned *Input
	months   [][]*Input // by person, by month: a capacity
	totals   []*Input   // by person: their capacity over the year
	all      *Input     // the team's capacities, added up
	largest  []bool     // by person: the quota is the largest-remainder split
}

// personIndex returns the position of ps among its team's people.
func personIndex(ps *compute.Person) int {
	for k, x := range ps.Team.People {
		if x == ps {
			return k
		}
	}
	return -1
}

func (e *Explainer) quota(ix []int) *Derivation {
	ps := e.r.People[ix[0]]
	tq, k := e.teamQuotas(ps.Team), personIndex(ps)
	d := &Derivation{Kind: data.Amount, Rule: Quota, Value: e.r.Amount(ps.Quota), Table: teamKey(ps.Team),
		Inputs: []*Input{tq.assigned, tq.totals[k], tq.all}}
	how := LargestRemainder
	if !tq.largest[k] {
		how = Controlled // rounded with the months, whose margins could not both be split so
	}
	return e.rounded(d, scale(tq.assigned.Value, tq.totals[k].Value, tq.all.Value), how)
}

func (e *Explainer) personMonth(ix []int) *Derivation {
	ps, m := e.r.People[ix[0]], ix[1]
	tq, k := e.teamQuotas(ps.Team), personIndex(ps)
	c := tq.months[k][m]
	d := &Derivation{Kind: data.Amount, Rule: QuotaMonth, Value: e.r.Amount(ps.Months[m]), Table: teamKey(ps.Team),
		Inputs: []*Input{tq.assigned, c, tq.all}}
	return e.rounded(d, scale(tq.assigned.Value, c.Value, tq.all.Value), Controlled)
}

// teamQuotas works out once what a team's quotas share.
func (e *Explainer) teamQuotas(t *compute.Team) *teamQuotas {
	return e.teams.get(t, func() *teamQuotas { return e.makeTeamQuotas(t) })
}

func (e *Explainer) makeTeamQuotas(t *compute.Team) *teamQuotas {
	tq := &teamQuotas{assigned: figure(RoleAssigned, data.Amount, e.r.Amount(t.Assigned), teamKey(t)+".assigned")}
	shares := e.monthShares(t.Region)
	weights := make([]*big.Rat, len(t.People))
	for _, ps := range t.People {
		caps := make([]*Input, 12)
		for m := range caps {
			caps[m] = via(RoleCapacity, e.capacity(ps, m, shares[m]))
		}
		total := sum(RoleCapacity, data.Quantity, caps, true)
		total.Name = ps.Name
		tq.months = append(tq.months, caps)
		tq.totals = append(tq.totals, total)
		weights[len(tq.totals)-1] = total.Value
	}
	parts := make([]*Input, len(tq.totals))
	for k, in := range tq.totals {
		parts[k] = withRole(in, RolePart)
	}
	tq.all = sum(RoleCapacities, data.Quantity, parts, false)
	split := alloc.Split(t.Assigned, weights)
	for k, ps := range t.People {
		tq.largest = append(tq.largest, split[k] == ps.Quota)
	}
	return tq
}

// monthShares returns the month shares s_m a region's teams follow: its
// month targets over its target; the company's when its target is 0, and
// an even twelfth when the company's is 0 too.
func (e *Explainer) monthShares(reg *compute.Region) [12]*Input {
	var out [12]*Input
	for m := range out {
		var num, den *Input
		switch {
		case reg.Target != 0:
			num = figure(RoleNumerator, data.Amount, e.r.Amount(reg.Months[m]), monthKey("regions."+reg.ID, m))
			den = figure(RoleDenominator, data.Amount, e.r.Amount(reg.Target), "regions."+reg.ID+".target")
		case e.r.Target != 0:
			num = figure(RoleNumerator, data.Amount, e.r.Amount(e.r.Months[m]), monthKey("", m))
			den = figure(RoleDenominator, data.Amount, e.r.Amount(e.r.Target), "target")
		default:
			num = constant(RoleNumerator, data.Quantity, big.NewRat(1, 1))
			den = constant(RoleDenominator, data.Quantity, big.NewRat(12, 1))
		}
		out[m] = via(RoleMonthShare, &Derivation{Kind: data.Ratio, Rule: MonthShare, Value: ratioOf(num.Value, den.Value), Inputs: []*Input{num, den}})
	}
	return out
}

// capacity explains a person's capacity in fiscal month m: weight × the
// month's share × the part of it worked × the ramp factor.
func (e *Explainer) capacity(ps *compute.Person, m int, share *Input) *Derivation {
	label := e.p.MonthLabel(m)
	y, mo := e.p.MonthOf(m)
	days := time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day()
	avail := &Derivation{Kind: data.Ratio, Rule: Availability, Value: big.NewRat(int64(ps.Days[m]), int64(days)), Inputs: []*Input{
		writtenText(RoleStart, dateText(ps.Start), e.rosterSource(ps.Person, "start")),
		writtenText(RoleEnd, dateText(ps.End), e.rosterSource(ps.Person, "end")),
		{Role: RoleMonth, Kind: data.Text, Text: label, Own: true},
	}}
	ramp := constant(RoleRamp, data.Ratio, big.NewRat(1, 1))
	if k, ok := rampIndex(ps.Person, y, mo, len(e.p.People.Ramp)); ok {
		ramp = written(RoleRamp, data.Ratio, e.p.People.Ramp[k], e.planSource("people.ramp."+strconv.Itoa(k)))
	}
	inputs := []*Input{
		written(RoleWeight, data.Quantity, ps.Weight, e.rosterSource(ps.Person, "weight")),
		share, via(RoleAvailable, avail), ramp,
	}
	v := new(big.Rat).Set(inputs[0].Value)
	for _, in := range inputs[1:] {
		v.Mul(v, in.Value)
	}
	return &Derivation{Kind: data.Quantity, Rule: Capacity, Value: v, Inputs: inputs}
}

// rampIndex returns which factor of a ramp of n applies to a person in the
// calendar month y, mo: k for their (k+1)-th month of employment, counted
// from the month of their start; ok is false past the ramp or without a
// start.
func rampIndex(ps *plan.Person, y int, mo time.Month, n int) (int, bool) {
	if ps.Start.IsZero() {
		return 0, false
	}
	k := y*12 + int(mo) - 1 - (ps.Start.Year*12 + int(ps.Start.Month) - 1)
	return k, k >= 0 && k < n
}
