package compute_test

import (
	"fmt"
	"go/build"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/plan"
)

// site computes a site whose plan.toml is head plus the given product
// lines, and whose regions are the given files.
func site(t *testing.T, planTOML string, regions map[string]string) (*compute.Result, string) {
	t.Helper()
	fsys := fstest.MapFS{"content/plan.toml": {Data: []byte(planTOML)}}
	for id, text := range regions {
		fsys["content/regions/"+id+".toml"] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatalf("load: %v", err)
	}
	r, cerrs := compute.Compute(p)
	return r, fmt.Sprint(cerrs.Err())
}

const head = `title = "T"
year = 2024
unit = "万元"
[baseline]
revenue = 1000
[target]
growth = "10%"
`

func targets(r *compute.Result) string {
	var s []string
	for _, p := range r.Products {
		s = append(s, fmt.Sprintf("%s=%d", p.ID, p.Target))
	}
	return strings.Join(s, " ")
}

func TestAnnualTarget(t *testing.T) {
	for _, tt := range []struct {
		toml string
		want int64
	}{
		{head, 1100},
		// 1234 × 1.05 = 1295.7 → 1296 (half away from zero at 0.5 and above)
		{strings.Replace(strings.Replace(head, "1000", "1234", 1), "10%", "5%", 1), 1296},
		// 1001 × 1.05 = 1051.05 → 1051
		{strings.Replace(strings.Replace(head, "1000", "1001", 1), "10%", "5%", 1), 1051},
		// 1010 × 1.05 = 1060.5 → 1061
		{strings.Replace(strings.Replace(head, "1000", "1010", 1), "10%", "5%", 1), 1061},
		// precision 10: 1234 × 1.1 = 1357.4 → 1360 → 136 units
		{strings.Replace(strings.Replace(head, "1000", "1234", 1), `unit = "万元"`, "unit = \"万元\"\nprecision = 10", 1), 136},
		// the revenue as written
		{strings.Replace(head, `growth = "10%"`, "revenue = 2500", 1), 2500},
	} {
		r, _ := site(t, tt.toml, nil)
		if r.Target != tt.want {
			t.Errorf("target = %d units, want %d, for\n%s", r.Target, tt.want, tt.toml)
		}
	}
}

func TestSplitKinds(t *testing.T) {
	product := func(id, kv string) string {
		return fmt.Sprintf("[[products]]\nid = %q\nname = %q\nclass = \"mature\"\n%s\n", id, id, kv)
	}
	tests := []struct {
		name, products, want, errs string
	}{
		{"share", product("a", `share = "50%"`) + product("b", `share = 0.3`) + product("c", `share = "20%"`),
			"a=550 b=330 c=220", "<nil>"},
		// 1100 split 1:1:1 is 366.67 each: two units are left over and
		// the remainders tie, so the two earliest get one each.
		{"weight", product("a", "weight = 1") + product("b", "weight = 1") + product("c", "weight = 1"),
			"a=367 b=367 c=366", "<nil>"},
		// Proposals 600 × 1.1 = 660 and 300 × 1.2 = 360 (1020 in all) are
		// scaled to 1100: 711.76 and 388.24.
		{"growth scale", product("a", "baseline = 600\ngrowth = \"10%\"") + product("b", "baseline = 300\ngrowth = \"20%\""),
			"a=712 b=388", "<nil>"},
		// With fit = "keep" each keeps its rounded proposal: 660 and 360,
		// 80 under the target (a warning in the checks).
		{"growth keep", product("a", "baseline = 600\ngrowth = \"10%\"") + product("b", "baseline = 300\ngrowth = \"20%\""),
			"a=660 b=360", "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toml := head + tt.products
			if strings.HasSuffix(tt.name, "keep") {
				toml = strings.Replace(head, `growth = "10%"`, "growth = \"10%\"\nfit = \"keep\"", 1) + tt.products
			}
			r, errs := site(t, toml, nil)
			if got := targets(r); got != tt.want || errs != tt.errs {
				t.Errorf("products = %s (errors %s), want %s (errors %s)", got, errs, tt.want, tt.errs)
			}
			if strings.HasSuffix(tt.name, "keep") {
				found := false
				for _, c := range r.Checks {
					if c.Code == "fit-keep" && c.Level == compute.Warning && c.Key == "check.fit-keep.under" && strings.Contains(i18n.Lang("en").Format(c.Message()), ", 80 ") {
						found = true
					}
				}
				if !found {
					t.Errorf("no fit-keep warning naming the 80 under the target in %v", r.Checks)
				}
			}
		})
	}
}

func TestFixedRowsRule(t *testing.T) {
	// Company quarters 25% each of 1100 = 275. East (600) fixes its own
	// quarters at 40/20/20/20; west (500) shares what is left:
	// 275 − 240 = 35 in Q1 and 275 − 120 = 155 in the others.
	regions := map[string]string{
		"east": "name = \"East\"\nstage = \"mature\"\nweight = 6\n[seasonality]\nquarters = [\"40%\", \"20%\", \"20%\", \"20%\"]\n",
		"west": "name = \"West\"\nstage = \"mature\"\nweight = 5\n",
	}
	r, errs := site(t, head, regions)
	if errs != "<nil>" {
		t.Fatal(errs)
	}
	if got := fmt.Sprint(r.Regions[0].Quarters, r.Regions[1].Quarters); got != "[240 120 120 120] [35 155 155 155]" {
		t.Errorf("quarters = %s", got)
	}
	// Raising east's Q1 to 50% takes 300 of Q1's 275: over-committed by 25.
	regions["east"] = strings.Replace(regions["east"], `["40%", "20%", "20%", "20%"]`, `["50%", "20%", "20%", "10%"]`, 1)
	_, errs = site(t, head, regions)
	want := `content/regions/east.toml:5:1: regions × quarters: Q1 is over-committed by 25 万元: the rows with their own split (east) take 300 万元 of its 275 万元`
	if errs != want {
		t.Errorf("error = %s\nwant    %s", errs, want)
	}
}

// TestChecksAreData keeps wording out of the computation: a check is a
// code, a catalog key and typed arguments, written in the reader's
// language where it is shown, so compute must not import i18n.
func TestChecksAreData(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if imp == "planbook/generator/i18n" {
			t.Errorf("compute imports %s", imp)
		}
	}
}
