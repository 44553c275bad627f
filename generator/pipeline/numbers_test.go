package pipeline_test

import (
	"strings"
	"testing"

	"planbook/generator/data"
	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
)

// TestLongDecimalsReachPlanJSON checks that a number with more digits than
// binary floating point keeps reaches data/plan.json as written.
func TestLongDecimalsReachPlanJSON(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Files(map[string]string{
		"content/plan.toml": "title = \"T\"\nyear = 2024\nunit = \"万元\"\nprecision = 0.000001\n" +
			"[baseline]\nrevenue = 12000.123456789012345678\nheadcount = 3\n[target]\nrevenue = 13000.000001\n",
		"content/regions/east.toml": "name = \"East\"\nstage = \"mature\"\nshare = 1.0\nbaseline = 0.12345678901234567891\n",
	}))
	r, errs := pipeline.Load(dir)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	out := string(data.JSON(r))
	for _, want := range []string{`"revenue": 12000.123456789012345678,`, `"target": 13000.000001,`, `"baseline": 0.12345678901234567891,`} {
		if !strings.Contains(out, want) {
			t.Errorf("plan.json lacks %s", want)
		}
	}
}
