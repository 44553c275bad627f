package compute_test

import (
	"strings"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/i18n"
)

// TestPerHeadGrowthOverZero computes a plan whose last-year revenue per
// head rounds to 0.00 (revenue 1 over 300 heads): there is no growth over
// it, and the check says it cannot be made instead of failing.
func TestPerHeadGrowthOverZero(t *testing.T) {
	planTOML := strings.Replace(head, "revenue = 1000", "revenue = 1\nheadcount = 300", 1) +
		"revenue_per_head_growth = \"5%\"\n" + "[[products]]\nid = \"core\"\nname = \"Core\"\nclass = \"mature\"\nshare = \"100%\"\n"
	r, _ := site(t, planTOML, map[string]string{
		"east": "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\nheadcount = 3\n",
	})
	if r.PerHead.Baseline == nil || r.PerHead.Baseline.Sign() != 0 || r.PerHead.Growth != nil {
		t.Fatalf("per head: %+v, want a baseline of 0 and no growth", r.PerHead)
	}
	for _, c := range r.Checks {
		if c.Code == "revenue-per-head-growth" {
			if c.Level != compute.Warning || c.Key != "check.revenue-per-head-growth.missing" ||
				!strings.Contains(i18n.Lang("en").Format(c.Message()), "last year's revenue per head rounds to 0") {
				t.Errorf("check: %+v", c)
			}
			return
		}
	}
	t.Errorf("no revenue-per-head-growth check in %+v", r.Checks)
}
