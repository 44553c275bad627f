package pipeline_test

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"planbook/generator/pipeline"
)

// words is what a figure's popover shows.
type words struct {
	Label, Value, Rule, Formula, Rounding string
	Inputs                                [][6]string // role, value, label, where, text, via
}

// packed is a file of explanations (see explain.Pack).
type packed struct {
	K map[string][]json.RawMessage
	S []string
}

// readPacked reads a file of explanations; nil when there is none.
func readPacked(t *testing.T, file string) *packed {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	s := strings.TrimSpace(string(b))
	if !strings.HasPrefix(s, "planbook.explained(") || !strings.HasSuffix(s, ");") {
		t.Fatalf("%s is not a call of planbook.explained: %.80s…", file, s)
	}
	var p packed
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, "planbook.explained("), ");")), &p); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &p
}

// words returns the words of the figure at key, as the pages' script
// unpacks them, and whether the file explains it.
func (p *packed) words(t *testing.T, key string) (words, bool) {
	e, ok := p.K[key]
	if !ok {
		return words{}, false
	}
	text := func(raw json.RawMessage) string {
		var i int
		if json.Unmarshal(raw, &i) == nil {
			return p.S[i]
		}
		var is []int
		if err := json.Unmarshal(raw, &is); err != nil {
			t.Fatalf("%s: %s is no text", key, raw)
		}
		s := ""
		for _, i := range is {
			s += p.S[i]
		}
		return s
	}
	w := words{Label: text(e[0]), Value: text(e[1]), Rule: text(e[2]), Formula: text(e[3]), Rounding: text(e[4])}
	var inputs [][]json.RawMessage
	json.Unmarshal(e[5], &inputs)
	for _, in := range inputs {
		var iw [6]string
		for k, raw := range in {
			iw[k] = text(raw)
		}
		w.Inputs = append(w.Inputs, iw)
	}
	return w, true
}

var (
	dataKey     = regexp.MustCompile(` data-k="([^"]+)"`)
	explainMain = regexp.MustCompile(`<main[^>]* data-explain="([^"]*)" data-explain-root="([^"]*)" data-explain-homes="([^"]*)"`)
)

// explainedOn returns the words of every figure a page of the site built
// in out names in data-k, each looked up as the page's script does: in
// the file of its home, named after its region's or person's id and the
// number of files the main element gives its kind, then in the page's
// own file; and the file each was found in. A figure no file explains is
// missing.
func explainedOn(t *testing.T, out, page string) (map[string]words, map[string]string) {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(out, page))
	if err != nil {
		t.Fatal(err)
	}
	m := explainMain.FindStringSubmatch(string(html))
	if m == nil {
		t.Fatalf("%s's main element does not say where its figures are explained", page)
	}
	dir := path.Dir(page)
	homes := map[string]int{}
	for _, h := range strings.Fields(m[3]) {
		kind, n, _ := strings.Cut(h, ":")
		homes[kind], _ = strconv.Atoi(n)
	}
	got, from := map[string]words{}, map[string]string{}
	for _, k := range dataKey.FindAllStringSubmatch(string(html), -1) {
		key := k[1]
		var files []string
		parts := strings.Split(key, ".")
		kind := parts[0]
		if kind == "teams" {
			kind = "regions"
		}
		if n := homes[kind]; n > 0 && len(parts) > 2 {
			h := fnv.New32a()
			h.Write([]byte(parts[1]))
			files = append(files, path.Clean(path.Join(dir, m[2], kind, "explain-"+strconv.Itoa(int(h.Sum32()%uint32(n)))+".js")))
		}
		if m[1] != "" {
			files = append(files, path.Join(dir, m[1]))
		}
		for _, f := range files {
			if p := readPacked(t, filepath.Join(out, f)); p != nil {
				if w, ok := p.words(t, key); ok {
					got[key], from[key] = w, f
					break
				}
			}
		}
	}
	return got, from
}

// TestExplainedPages builds the example: every figure a page names in
// data-k is explained where the page's script looks for it; a region's
// or a person's figures in the file of their home, in one file however
// many pages show them. A site for north's audience
// explains north's free rows as the whole site does (they share what
// every region leaves), and names no other region in doing so.
func TestExplainedPages(t *testing.T) {
	out := buildExample(t)
	in := map[string]string{} // the file each figure is explained in
	for _, page := range htmlPages(t, out) {
		html, _ := os.ReadFile(filepath.Join(out, page))
		keys := dataKey.FindAllStringSubmatch(string(html), -1)
		if len(keys) == 0 || strings.HasSuffix(page, "booklet.html") || strings.HasSuffix(page, "letter.html") {
			continue
		}
		if !strings.Contains(string(html), "assets/js/explain.js") {
			t.Errorf("%s shows figures without the script that explains them", page)
			continue
		}
		got, from := explainedOn(t, out, page)
		shown := map[string]bool{}
		for _, k := range keys {
			shown[k[1]] = true
		}
		// The page's own file holds the figures it shows that have no
		// home, and only those.
		if own := explainMain.FindStringSubmatch(string(html))[1]; own != "" {
			p := readPacked(t, filepath.Join(out, path.Dir(page), own))
			if p == nil || len(p.K) == 0 {
				t.Errorf("%s names %s, which explains nothing", page, own)
			}
			for k := range p.K {
				if !shown[k] {
					t.Errorf("%s's file of explanations explains %s, which the page does not show", page, k)
				}
			}
		}
		for _, k := range keys {
			w, ok := got[k[1]]
			if !ok || w.Rule == "" || w.Value == "" {
				t.Errorf("%s: figure %s is not explained", page, k[1])
				continue
			}
			if top := strings.Split(k[1], ".")[0]; top != "regions" && top != "teams" && top != "people" {
				continue // explained on each page that shows it
			}
			if prev, ok := in[k[1]]; ok && prev != from[k[1]] {
				t.Errorf("%s is explained in %s and in %s", k[1], prev, from[k[1]])
			}
			in[k[1]] = from[k[1]]
			if !strings.Contains(from[k[1]], "/explain-") {
				t.Errorf("%s: %s is explained in %s, not in the file of its home", page, k[1], from[k[1]])
			}
		}
	}
	if in["regions.north.quarters.q3"] == "" || in["regions.north.quarters.q3"] != in["regions.north.target"] {
		t.Errorf("north's figures are not explained in one file: %q, %q", in["regions.north.quarters.q3"], in["regions.north.target"])
	}
	words, _ := explainedOn(t, out, "regions/index.html")
	q3 := words["regions.north.target"]
	north, _ := explainedOn(t, out, "regions/north/index.html")
	if q3.Formula != north["regions.north.target"].Formula || q3.Formula == "" {
		t.Errorf("north's target is explained as %q on the regions page, as %q on its own", q3.Formula, north["regions.north.target"].Formula)
	}
	q3 = north["regions.north.quarters.q3"]
	if q3.Formula != "3,726 × (4,140 − 2,660.64) / 5,106 = 1,079.533…" || !strings.Contains(q3.Rule, "自由行") {
		t.Errorf("north's Q3: %+v", q3)
	}

	scoped := filepath.Join(t.TempDir(), "north")
	if _, err := pipeline.Build(pipeline.Options{Site: "../..", Out: scoped, Regions: []string{"north"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := explainedOn(t, scoped, "regions/north/index.html"); got["regions.north.quarters.q3"].Formula != q3.Formula {
		t.Errorf("north's site explains its Q3 as %q, the whole site as %q", got["regions.north.quarters.q3"].Formula, q3.Formula)
	}
	for name, text := range readAll(t, scoped) {
		if !strings.HasSuffix(name, ".js") || strings.HasPrefix(name, "assets/") {
			continue
		}
		for _, other := range []string{"华东大区", "华南大区", "east.toml", "south.toml", "regions.east", "regions.south"} {
			if strings.Contains(text, other) {
				t.Errorf("north's site names %s in its explanations (%s)", other, name)
			}
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
	rep, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	_, east := explainedOn(t, rep.Out, "regions/east/index.html")
	_, north := explainedOn(t, rep.Out, "regions/north/index.html")
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
			if strings.HasSuffix(name, ".js") && !strings.HasPrefix(name, "assets/") && kept[name] != data {
				t.Errorf("after editing %s, the kept builder's %s differs from a fresh build's", file, name)
			}
		}
		for _, name := range rep.Stats.Changed {
			if strings.HasSuffix(name, ".js") && !strings.HasPrefix(name, "assets/") {
				changed = append(changed, name)
			}
		}
		return changed
	}
	if changed := edit("content/regions/north.toml", `manager = "Zhao"`, `manager = "Zhou"`); len(changed) > 0 {
		t.Errorf("a manager's name changed explanations: %v", changed)
	}
	changed := strings.Join(edit("content/regions/east.toml", `quarters = ["18%", "26%", "31%", "25%"]`, `quarters = ["18%", "26%", "31.5%", "24.5%"]`), " ")
	for _, f := range []string{east["regions.east.quarters.q3"], north["regions.north.quarters.q3"]} {
		if f == "" || !strings.Contains(changed, f) {
			t.Errorf("after east's quarters changed, the explanations written again were %s; want those of east and north (a free row), %s", changed, f)
		}
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
