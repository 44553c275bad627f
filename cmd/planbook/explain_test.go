package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestExplainExample explains a quarter of a region of the example plan:
// a fixed row of regions × quarters, with its exact value, the controlled
// rounding's adjustment and the lines of the region's file it comes from.
func TestExplainExample(t *testing.T) {
	site := copySite(t)
	code, out, errs := runCmd("explain", "regions.east.quarters.q3", "-s", site)
	if code != 0 {
		t.Fatalf("explain exited %d:\n%s", code, errs)
	}
	for _, want := range []string{
		"regions.east.quarters.q3  华东大区 · 第三季度 = 1,626 万元",
		"大区 × 季度表中的固定行",
		"5,244 × 31% = 1,625.64",
		"+0.36",
		"regions.east.target",
		`content/regions/east.toml:9  share = "38%"`,
		`content/regions/east.toml:17  quarters[3] = "31%"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = runCmd("explain", "--format", "json", "-s", site, "regions.north.quarters.q3", "--depth", "1")
	if code != 0 {
		t.Fatalf("explain --format json exited %d:\n%s", code, errs)
	}
	var d struct {
		Key, Rule, Rounding string
		Value, Exact        json.Number
		Adjustment          json.Number
		Inputs              []struct {
			Role, Key  string
			Parts      []struct{ Key string }
			Derivation any
		}
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	if d.Rule != "free-row" || d.Rounding != "controlled" || d.Value != "1079" {
		t.Errorf("north's Q3 is %s by %s (%s), want 1079 by free-row (controlled):\n%s", d.Value, d.Rule, d.Rounding, out)
	}
	roles := map[string]int{}
	for _, in := range d.Inputs {
		roles[in.Role] = len(in.Parts)
		if in.Derivation != nil {
			t.Errorf("--depth 1 explains input %s too", in.Key)
		}
	}
	if roles["fixed"] != 2 || roles["free"] != 2 {
		t.Errorf("inputs %v, want the two fixed rows (east, south) and the two free rows (north, southwest)", roles)
	}
}

// TestExplainUnknownKey refuses a key that names nothing, with the key it
// could have been.
func TestExplainUnknownKey(t *testing.T) {
	site := copySite(t)
	code, _, errs := runCmd("explain", "regions.est.target", "-s", site)
	if code != 2 || !strings.Contains(errs, `did you mean "east"?`) {
		t.Errorf("exit %d, %q; want 2 and did you mean \"east\"?", code, errs)
	}
	code, _, errs = runCmd("explain", "-s", site)
	if code != 2 || !strings.Contains(errs, "want one value key") {
		t.Errorf("no key: exit %d, %q", code, errs)
	}
}
