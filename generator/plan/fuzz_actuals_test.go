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
// products and two customer types.
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
}

// FuzzActuals feeds arbitrary actuals files to Load and Compute. Nothing
// may panic; every diagnostic names the file and a line inside it; every
// row read is valid; and the year to date adds up to the rows.
func FuzzActuals(f *testing.F) {
	f.Add("month,region,product,channel,customer,revenue\n2024-04,east,core,direct,new,12.5\n2024-05,west,,,,-3\n")
	f.Add("\ufeffregion,month,revenue,product,channel,customer\r\neast,2025-03,\"1.5\",new,,existing\r\n")
	f.Add("month,region,product,channel,customer,revenue\n2024-04,east,,,,\"1,2\"\n2024-13,weast,x,y,z,\n")
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
		want := new(big.Rat)
		for _, a := range p.Actuals {
			if a.Month < 0 || a.Month > 11 || p.Region(a.Region) == nil {
				t.Fatalf("invalid row read: %+v", a)
			}
			want.Add(want, a.Revenue())
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
	})
}
