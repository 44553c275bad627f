package pipeline_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

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
		if len(keys) == 0 || strings.HasSuffix(page, "booklet.html") || strings.HasSuffix(page, "letter.html") {
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

// TestBookletAppendix checks the example's booklets end with an appendix,
// listed in the contents, that words each rule for what the region's file
// sets: east sets its own quarters, north does not.
func TestBookletAppendix(t *testing.T) {
	out := buildExample(t)
	for region, want := range map[string][]string{
		"east":  {"华东大区在文件中设定了自己的季度节奏", "5,244 × 31% = 1,625.64", "content/regions/east.toml:17 quarters[3] = &#34;31%&#34;"},
		"north": {"华北大区未设定自己的季度节奏", "3,726 × (4,140 − 2,660.64) / 5,106 = 1,079.533…", "自由行合计之和 5,106 万元"},
	} {
		html, err := os.ReadFile(filepath.Join(out, "regions", region, "booklet.html"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(html)
		if !strings.Contains(s, `<a href="#appendix">`) || !strings.Contains(s, `data-page-of="appendix"`) {
			t.Errorf("%s's contents do not list the appendix with its page", region)
		}
		i := strings.Index(s, `id="appendix"`)
		if i < 0 {
			t.Fatalf("%s's booklet has no appendix", region)
		}
		for _, w := range append(want, "附录:目标数字的计算方法") {
			if !strings.Contains(s[i-200:], w) {
				t.Errorf("%s's appendix lacks %q", region, w)
			}
		}
	}
}

// TestExplanationsKept builds the small site with one builder, as planbook
// serve does, editing it between builds: after a manager's name, which no
// explanation quotes, every file of explanations is kept; after a
// quarter's share of east, a fixed row, north's (a free row) changes too.
// Each build's explanations are what a fresh build writes, byte for byte.
func TestExplanationsKept(t *testing.T) {
	ar, err := txtar.ParseFile("../../testdata/sites/mini.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(t.TempDir(), "out")})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	edit := func(file, old, new string) []string {
		t.Helper()
		p := filepath.Join(dir, file)
		text, _ := os.ReadFile(p)
		if !strings.Contains(string(text), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		os.WriteFile(p, []byte(strings.Replace(string(text), old, new, 1)), 0o644)
		rep, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		fresh := build(t, dir)
		kept := readAll(t, rep.Out)
		var changed []string
		for name, data := range fresh {
			if strings.HasSuffix(name, ".explain.js") && kept[name] != data {
				t.Errorf("after editing %s, the kept builder's %s differs from a fresh build's", file, name)
			}
		}
		for _, name := range rep.Stats.Changed {
			if strings.HasSuffix(name, ".explain.js") {
				changed = append(changed, name)
			}
		}
		return changed
	}
	if changed := edit("content/regions/north.toml", `manager = "Zhao"`, `manager = "Zhou"`); len(changed) > 0 {
		t.Errorf("a manager's name changed explanations: %v", changed)
	}
	changed := strings.Join(edit("content/regions/east.toml", `quarters = ["18%", "26%", "31%", "25%"]`, `quarters = ["18%", "26%", "31.5%", "24.5%"]`), " ")
	if !strings.Contains(changed, "regions/east/index.explain.js") || !strings.Contains(changed, "regions/north/index.explain.js") {
		t.Errorf("after east's quarters changed, the explanations written again were %s; want east's and north's (a free row)", changed)
	}
}

// TestExplainOff builds the small site with explain = false: its pages
// name no figure, load no explanation script and have no file of
// explanations beside them; the booklets keep their appendix.
func TestExplainOff(t *testing.T) {
	ar, err := txtar.ParseFile("../../testdata/sites/mini.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	os.WriteFile(filepath.Join(dir, "planbook.toml"), []byte("explain = false\n"), 0o644)
	files := build(t, dir)
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".explain.js"):
			t.Errorf("%s written with explain = false", name)
		case strings.HasSuffix(name, ".html") && (strings.Contains(data, "data-k=") || strings.Contains(data, "explain.js")):
			t.Errorf("%s explains its figures with explain = false", name)
		}
	}
	if !strings.Contains(files["regions/east/booklet.html"], `id="appendix"`) {
		t.Error("the booklet lost its appendix")
	}
}
