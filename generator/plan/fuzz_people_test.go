package plan_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// peoplePlan is the plan the roster fuzz target reads files against: a
// fiscal year from April 2024 with a ramp, a region with two teams and
// one without.
var peoplePlan = fstest.MapFS{
	"content/plan.toml": {Data: []byte(fuzzPlanHead + `[people]
ramp = ["25%", "50%"]
overassign = "5%"
`)},
	"content/regions/east.toml": {Data: []byte("name = \"East\"\nstage = \"mature\"\nshare = \"70%\"\n[[teams]]\nid = \"sh\"\nname = \"Shanghai\"\nweight = 2\n[[teams]]\nid = \"js\"\nname = \"Jiangsu\"\nweight = 1\noverassign = \"10%\"\n")},
	"content/regions/west.toml": {Data: []byte("name = \"West\"\nstage = \"growing\"\nshare = \"30%\"\n")},
}

// FuzzPeople feeds arbitrary rosters to Load and Compute. Nothing may
// panic; every error names the roster and a line inside it (warnings of
// teams without people name their region file); every person read is
// valid; and the quotas add up: each team's people to its assigned total,
// each person's months to their quota.
func FuzzPeople(f *testing.F) {
	f.Add("id,name,region,team,role,start,end,weight\np001,王强,east,sh,销售代表,,,1\np002,李娜,east,js,,2024-06-15,,1.5\np003,Chen,west,,,,2025-01-31,0.5\n")
	f.Add("\ufeffweight,region,name,id,team\r\n1,east,A,a1,sh\r\n2,east,B,b2,js\r\n,west,C,c3,\r\n")
	f.Add("id,name,region,team\np001,A,eats,sh\np001,B,east,shh\nP 3,,west,x\n")
	f.Add("id,name,region,start,end\np1,A,west,2024-13-01,\np2,B,west,2025-06-01,2025-01-01\np3,C,west,,2024-03-31\n")
	f.Add("id,name,region,weight\np1,A,west,0\n")
	f.Add("id,name\n\"unclosed\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		fsys := fstest.MapFS{plan.PeopleFile: {Data: []byte(text)}}
		for name, file := range peoplePlan {
			fsys[name] = file
		}
		p, errs := plan.Load(fsys)
		lines := strings.Count(text, "\n") + 1
		for _, d := range errs.Sorted() {
			inRoster := d.File == plan.PeopleFile && d.Line <= lines
			teamWarning := d.Level == 0 && strings.HasPrefix(d.File, plan.RegionsDir+"/")
			if !inRoster && !teamWarning || d.Message == "" {
				t.Fatalf("diagnostic outside the roster: %+v", d)
			}
		}
		if errs.HasErrors() || p.Roster == nil {
			return
		}
		first, last := p.FiscalYear()
		for _, ps := range p.Roster.People {
			reg := p.Region(ps.Region)
			if reg == nil || (ps.Team == "") != (len(reg.Teams) == 0) || ps.Team != "" && reg.Team(ps.Team) == nil ||
				ps.Weight.Sign() < 0 || !ps.Start.IsZero() && last.Before(ps.Start) || !ps.End.IsZero() && ps.End.Before(first) {
				t.Fatalf("invalid person read: %+v", ps)
			}
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			t.Fatalf("a valid roster does not compute: %v", cerrs.Err())
		}
		for _, tm := range r.Teams {
			var quotas int64
			for _, ps := range tm.People {
				var months int64
				for _, v := range ps.Months {
					months += v
				}
				if months != ps.Quota {
					t.Fatalf("%s: months add up to %d, quota %d", ps.ID, months, ps.Quota)
				}
				quotas += ps.Quota
			}
			if len(tm.People) > 0 && quotas != tm.Assigned {
				t.Fatalf("team %s: quotas add up to %d, assigned %d", tm.ID, quotas, tm.Assigned)
			}
		}
	})
}
