package pipeline_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planbook/generator/pipeline"
)

// explained reads a page's file of explanations: the words of each figure
// by value key.
func explained(t *testing.T, file string) map[string]struct {
	Label, Value, Rule, Formula, Rounding string
	Inputs                                []struct{ Role, Value, Label, Where, Text string }
} {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSpace(string(b))
	if !strings.HasPrefix(s, "planbook.explained(") || !strings.HasSuffix(s, ");") {
		t.Fatalf("%s is not a call of planbook.explained: %.80s…", file, s)
	}
	var out map[string]struct {
		Label, Value, Rule, Formula, Rounding string
		Inputs                                []struct{ Role, Value, Label, Where, Text string }
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, "planbook.explained("), ");")), &out); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return out
}

var dataKey = regexp.MustCompile(` data-k="([^"]+)"`)

// TestExplainedPages builds the example: every figure a page names in
// data-k is explained in the file beside the page that the page names,
// with the value the page shows. A site for north's audience explains
// north's free rows as the whole site does (they share what every region
// leaves), and names no other region in doing so.
func TestExplainedPages(t *testing.T) {
	out := buildExample(t)
	for _, page := range htmlPages(t, out) {
		html, _ := os.ReadFile(filepath.Join(out, page))
		keys := dataKey.FindAllStringSubmatch(string(html), -1)
		if len(keys) == 0 || strings.HasSuffix(page, "booklet.html") {
			continue
		}
		if !strings.Contains(string(html), `data-explain="index.explain.js"`) || !strings.Contains(string(html), "assets/js/explain.js") {
			t.Errorf("%s shows figures without naming their explanations", page)
			continue
		}
		words := explained(t, filepath.Join(out, filepath.Dir(page), "index.explain.js"))
		for _, k := range keys {
			if w, ok := words[k[1]]; !ok || w.Rule == "" || w.Value == "" {
				t.Errorf("%s: figure %s is not explained", page, k[1])
			}
		}
	}
	north := explained(t, filepath.Join(out, "regions/north/index.explain.js"))
	q3 := north["regions.north.quarters.q3"]
	if q3.Formula != "3,726 × (4,140 − 2,660.64) / 5,106 = 1,079.533…" || !strings.Contains(q3.Rule, "自由行") {
		t.Errorf("north's Q3: %+v", q3)
	}

	scoped := filepath.Join(t.TempDir(), "north")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: "../..", Out: scoped, Regions: []string{"north"}}).Build(); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(filepath.Join(scoped, "regions/north/index.explain.js"))
	if got := explained(t, filepath.Join(scoped, "regions/north/index.explain.js"))["regions.north.quarters.q3"]; got.Formula != q3.Formula {
		t.Errorf("north's site explains its Q3 as %q, the whole site as %q", got.Formula, q3.Formula)
	}
	for _, other := range []string{"华东大区", "华南大区", "east.toml", "south.toml", "regions.east", "regions.south"} {
		if strings.Contains(string(text), other) {
			t.Errorf("north's site names %s in its explanations", other)
		}
	}
}
