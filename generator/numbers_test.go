package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planbook/generator"
	"planbook/generator/data"
)

// TestLongDecimalsReachPlanJSON checks that a number with more digits than
// binary floating point keeps reaches data/plan.json as written.
func TestLongDecimalsReachPlanJSON(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/plan.toml": "title = \"T\"\nyear = 2024\nunit = \"万元\"\nprecision = 0.000001\n" +
			"[baseline]\nrevenue = 12000.123456789012345678\nheadcount = 3\n[target]\nrevenue = 13000.000001\n",
		"content/regions/east.toml": "name = \"East\"\nstage = \"mature\"\nshare = 1.0\nbaseline = 0.12345678901234567891\n",
	}
	for name, text := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, errs := generator.Load(dir)
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
