package compute_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// TestOneRegionWithTheCompanysQuarters is the plainest plan with every row
// fixed: one region whose own quarters are the company's. Its exact
// quarters (250.25 each of 1001) differ from the company's rounded ones
// (251, 250, 250, 250) by less than rounding absorbs, so it builds.
func TestOneRegionWithTheCompanysQuarters(t *testing.T) {
	planTOML := strings.Replace(head, "[target]\ngrowth = \"10%\"", "[target]\nrevenue = 1001", 1) +
		"[seasonality]\nquarters = [\"25%\", \"25%\", \"25%\", \"25%\"]\n"
	r, errs := site(t, planTOML, map[string]string{
		"east": "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n[seasonality]\nquarters = [\"25%\", \"25%\", \"25%\", \"25%\"]\n",
	})
	if errs != "<nil>" {
		t.Fatal(errs)
	}
	if got, want := fmt.Sprint(r.Regions[0].Quarters), fmt.Sprint(r.Quarters); got != want || want != "[251 250 250 250]" {
		t.Errorf("east's quarters %s, the company's %s, want both [251 250 250 250]", got, want)
	}
}

// TestEveryRowFixedAtTheCompanysShares computes random plans in which every
// region sets the company's own quarters and months: each region's exact
// cells then add up to the company's exact figures, and the rounded
// company figures lie within what rounding the cells absorbs. Every such
// plan must compute, every table adding up and every cell its exact value
// rounded down or up.
func TestEveryRowFixedAtTheCompanysShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	precisions := []string{"1", "0.1", "0.01", "7", "0.3"}
	for k := 0; k < 150; k++ {
		q := make([]int, 4)
		left := 10000
		for i := 0; i < 3; i++ {
			q[i] = 1 + rng.IntN(left/2)
			left -= q[i]
		}
		q[3] = left
		quarters := fmt.Sprintf("[\"%s\", \"%s\", \"%s\", \"%s\"]", bps(q[0]), bps(q[1]), bps(q[2]), bps(q[3]))
		months := make([]string, 12)
		for i := range months {
			months[i] = fmt.Sprint(1 + rng.IntN(9))
		}
		season := fmt.Sprintf("[seasonality]\nquarters = %s\nmonths = [%s]\n", quarters, strings.Join(months, ", "))
		planTOML := fmt.Sprintf("title = \"T\"\nyear = 2024\nunit = \"万元\"\nprecision = %s\n[baseline]\nrevenue = %d\n[target]\ngrowth = \"%d%%\"\n%s%s",
			precisions[rng.IntN(len(precisions))], 1+rng.IntN(100000), rng.IntN(50), season, oneProductAndCustomer)
		fsys := fstest.MapFS{"content/plan.toml": {Data: []byte(planTOML)}}
		n := 1 + rng.IntN(30)
		for i := 0; i < n; i++ {
			region := fmt.Sprintf("name = \"R%d\"\nstage = \"mature\"\nweight = %d\n%s[[channels]]\nid = \"direct\"\nname = \"Direct\"\nshare = \"100%%\"\n",
				i, 1+rng.IntN(100), season)
			fsys[fmt.Sprintf("content/regions/r%02d.toml", i)] = &fstest.MapFile{Data: []byte(region)}
		}
		p, errs := plan.Load(fsys)
		if err := errs.Err(); err != nil {
			t.Fatalf("plan %d: %v", k, err)
		}
		r, cerrs := compute.Compute(p)
		if err := cerrs.Err(); err != nil {
			t.Fatalf("plan %d (%d regions, quarters %s):\n%v", k, n, quarters, err)
		}
		checkPlan(t, fmt.Sprintf("plan %d", k), p, r)
	}
}

const oneProductAndCustomer = `[[products]]
id = "core"
name = "Core"
class = "mature"
share = "100%"
[[customers]]
id = "all"
name = "All"
share = "100%"
`

// bps writes basis points as a percentage: 1234 → 12.34%.
func bps(v int) string { return fmt.Sprintf("%d.%02d%%", v/100, v%100) }
