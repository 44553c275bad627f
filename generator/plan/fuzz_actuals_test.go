package plan_test

import (
	"math/big"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// fuzzPlanHead starts the plan.toml of the fuzz targets' plans: a fiscal
// year from April 2024, precision 0.1.
const fuzzPlanHead = `title = "T"
year = 2024
unit = "万元"
precision = 0.1
fiscal_start = 4
[baseline]
revenue = 100
[target]
growth = "10%"
`

// actualsPlan is the plan the actuals fuzz target reads files against: a
// fiscal year from April 2024, two regions (one without channels), two
// products, two customer types and a roster of three people.
var actualsPlan = fstest.MapFS{
	"content/plan.toml": {Data: []byte(fuzzPlanHead + `[[products]]
id = "core"
name = "Core"
class = "mature"
share = "60%"
[[products]]
id = "new"
name = "New"
class = "strategic"
share = "40%"
[[customers]]
id = "new"
name = "New"
share = "30%"
[[customers]]
id = "existing"
name = "Existing"
share = "70%"
`)},
	"content/regions/east.toml": {Data: []byte("name = \"East\"\nstage = \"mature\"\nshare = \"70%\"\n[[channels]]\nid = \"direct\"\nname = \"Direct\"\nshare = \"100%\"\n")},
	"content/regions/west.toml": {Data: []byte("name = \"West\"\nstage = \"growing\"\nshare = \"30%\"\n")},
	"content/people.csv":        {Data: []byte("id,name,region,start\np1,Ann,east,\np2,Bo,east,2024-09-01\np3,Cy,west,\n")},
}

// FuzzActuals feeds arbitrary actuals files to Load and Compute. Nothing
// may panic; every diagnostic names the file and a line inside it; every
// row read is valid; and the year to date adds up to the rows.
func FuzzActuals(f *testing.F) {
	f.Add("month,region,product,channel,customer,revenue\n2024-04,east,core,direct,new,12.5\n2024-05,west,,,,-3\n")
	f.Add("\ufeffregion,month,revenue,product,channel,customer\r\neast,2025-03,\"1.5\",new,,existing\r\n")
	f.Add("month,region,product,channel,customer,revenue\n2024-04,east,,,,\"1,2\"\n2024-13,weast,x,y,z,\n")
	f.Add("month,region,person,product,channel,customer,revenue\n2024-04,east,p1,,,,3\n2024-10,east,p2,core,,,4.5\n2024-05,west,p3,,,,1\n2024-05,west,,,,,2\n")
	f.Add("month,region,product,channel,customer,revenue,person\n2024-04,west,,,,3,p1\n2024-04,east,,,,1,p9\n")
	f.Add("month,region\n\"unclosed\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		fsys := fstest.MapFS{"content/actuals/a.csv": {Data: []byte(text)}}
		for name, file := range actualsPlan {
			fsys[name] = file
		}
		p, errs := plan.Load(fsys)
		lines := strings.Count(text, "\n") + 1
		for _, d := range errs.Sorted() {
			if d.File != "content/actuals/a.csv" || d.Line > lines || d.Message == "" {
				t.Fatalf("diagnostic outside the file: %+v", d)
			}
		}
		if errs.HasErrors() {
			return
		}
		want, booked := new(big.Rat), new(big.Rat)
		for _, a := range p.Actuals {
			if a.Month < 0 || a.Month > 11 || p.Region(a.Region) == nil {
				t.Fatalf("invalid row read: %+v", a)
			}
			want.Add(want, a.Revenue())
			if a.Person != "" {
				if !personOf(p, a.Person, a.Region) {
					t.Fatalf("a row of %s names %s, not a person of the region", a.Region, a.Person)
				}
				booked.Add(booked, a.Revenue())
			}
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			t.Fatalf("a valid plan does not compute: %v", cerrs.Err())
		}
		if len(p.Actuals) == 0 {
			if r.Actuals != nil {
				t.Fatal("actuals without rows")
			}
			return
		}
		if r.Actuals.Year.Actual.Cmp(want) != 0 {
			t.Fatalf("year to date %s, rows add up to %s", r.Actuals.Year.Actual.RatString(), want.RatString())
		}
		people := new(big.Rat)
		for _, pa := range r.Actuals.People {
			people.Add(people, pa.Actual)
		}
		if people.Cmp(booked) != 0 {
			t.Fatalf("the people's actuals add up to %s, the rows naming them to %s", people.RatString(), booked.RatString())
		}
	})
}

// personOf reports whether id is a person of the roster in region.
func personOf(p *plan.Plan, id, region string) bool {
	for _, ps := range p.Roster.People {
		if ps.ID == id {
			return ps.Region == region
		}
	}
	return false
}
