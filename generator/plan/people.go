package plan

import (
	"math/big"
	"strconv"

	"planbook/generator/diag"
)

// Team is one team of a region: a member of the split of the region's
// target (plan format section 10.1).
type Team struct {
	Member
	Manager string
	// Overassign is what the team's people carry beyond its target, as a
	// ratio; nil when the team does not set it (the region's applies).
	Overassign    *big.Rat
	OverassignPos diag.Pos
}

// Team returns the region's team with the given id, or nil.
func (r *Region) Team(id string) *Team {
	for _, t := range r.Teams {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// PeopleSettings is plan.toml's [people] table.
type PeopleSettings struct {
	// Ramp is the quota factor of a new hire's first, second, … month of
	// employment; empty: no ramp.
	Ramp []*big.Rat
	// Overassign is the default over-assignment of every region and team;
	// nil: 0%.
	Overassign *big.Rat
	// Balance is how far a person's full-year quota per unit of weight may
	// be from the median before the people-balance check warns; nil: 25%.
	Balance *big.Rat
	Pos     diag.Pos // the [people] table
}

// DefaultBalance is the people-balance threshold when [people] sets none.
var DefaultBalance = big.NewRat(1, 4)

// Roster is content/people.csv: the people who carry the regions'
// targets, in the order written.
type Roster struct {
	File   string
	People []*Person
}

// Person is one row of the roster.
type Person struct {
	ID     string
	Name   string
	Region string // a region id
	// Team is a team id of the region, or "" when the region has no teams
	// (its people form one implicit team).
	Team  string
	Role  string
	Start Date // first working day; zero: before the fiscal year
	End   Date // last working day; zero: after the fiscal year
	// Weight is the person's relative share of their team's total (1
	// unless written).
	Weight    *big.Rat
	Pos       diag.Pos // the row
	WeightPos diag.Pos // the weight's cell, or the row when the file has no weight column
}

// decodePeopleSettings decodes plan.toml's [people] table.
func decodePeopleSettings(p *Plan, t *table) {
	if t == nil {
		return
	}
	p.People.Pos = t.src.pos(t.path)
	if list, ok := t.listOf("ramp", keyShape{kind: kindRatio, ratio: factorRatio}, 0); ok {
		ramp := make([]*big.Rat, 0, len(list))
		for i, v := range list {
			if r := t.src.ratioValue(join(t.keyPath("ramp"), strconv.Itoa(i)), "ramp", v, factorRatio); r != nil {
				ramp = append(ramp, r)
			}
		}
		if len(ramp) == len(list) {
			p.People.Ramp = ramp
		}
	}
	p.People.Overassign = t.ratio("overassign", factorRatio, false)
	p.People.Balance = t.ratio("balance", factorRatio, false)
	t.done()
}

// decodeTeams decodes a region file's [[teams]] and checks them as a
// split of the region's target.
func decodeTeams(r *Region, t *table, errs *diag.List) {
	r.TeamsPos = t.src.pos("teams")
	for _, tt := range t.tables("teams") {
		tm := &Team{}
		tt.member(&tm.Member, "team", true)
		tm.Manager = tt.str("manager", false)
		tm.Overassign = tt.ratio("overassign", factorRatio, false)
		tm.OverassignPos = tt.src.pos(tt.keyPath("overassign"))
		tt.done()
		r.Teams = append(r.Teams, tm)
	}
	checkSplit(errs, Members(r.Teams), "team", r.TeamsPos)
}
