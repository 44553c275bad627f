package diff_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diff"
	"planbook/generator/plan"
)

var update = flag.Bool("update", false, "rewrite the golden reports")

// edit is a change to one file of a test site: old replaced by new; a
// file the site does not have is added, and empty old and new remove it.
type edit struct{ file, old, new string }

// load computes the test site name from testdata/sites with edits applied.
func load(t *testing.T, name string, edits ...edit) *compute.Result {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("../../testdata/sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	for _, e := range edits {
		if e.old == "" && e.new == "" {
			delete(fsys, e.file)
			continue
		}
		f, ok := fsys[e.file]
		if !ok {
			fsys[e.file] = &fstest.MapFile{Data: []byte(e.new), Mode: 0o644}
			continue
		}
		if !bytes.Contains(f.Data, []byte(e.old)) {
			t.Fatalf("%s does not contain %q", e.file, e.old)
		}
		f.Data = bytes.Replace(f.Data, []byte(e.old), []byte(e.new), 1)
	}
	p, errs := plan.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	r, cerrs := compute.Compute(p)
	if err := cerrs.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

// cases are pairs of plans: a test site and the same site edited.
var cases = []struct {
	name, site string
	edits      []edit
}{
	{"mini", "mini", []edit{
		{"content/regions/east.toml", `share = "45%"`, `share = "40%"`},
		{"content/regions/north.toml", `share = "35%"`, `share = "40%"`},
		{"content/plan.toml", "budget = 10", "budget = 12"},
		{"content/plan.toml", "end = 2024-02-18", "end = 2024-02-25"},
		{"content/strategy.md", "| Plan | Sales ops |", "| Plan | Sales operations |"},
		{"content/plan.toml", `owner = "Sales director"`, `owner = "Sales director"` + "\n\n[[milestones]]\nname = \"Q3 review\"\ndate = 2024-10-08"},
	}},
	{"english", "weights-april", []edit{
		{"content/plan.toml", `growth = "7.5%"`, `growth = "8%"`},
		{"content/plan.toml", `name = "Services"`, `name = "Service contracts"`},
		{"content/plan.toml", `target = "19.5%"`, `target = "20%"`},
		{"content/plan.toml", "date = 2024-03-12", "date = 2024-04-15"},
	}},
	{"people", "people-april", []edit{
		{"content/regions/south.toml", `growth = "30%"`, `growth = "40%"`},
		{"content/regions/east.toml", `overassign = "8%"`, `overassign = "10%"`},
		{"content/people.csv", "w2,Ivy,west,,2024-12-31,,1", "w2,Ivy,west,,2024-10-08,,1"},
		{"content/people.csv", "s2,Fei,south,sz,,,1", "s2,Fei,south,sz,,2024-10-31,1"},
		{"content/people.csv", "w1,Hu,west,,,,1", "w1,Hu,west,,,,1\nw3,Jo,west,,2024-09-01,,1"},
	}},
}

// TestGoldenReports compares the Markdown and JSON reports of each case
// with their golden files under testdata/golden/diff.
func TestGoldenReports(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := diff.CompareForPlanner(load(t, tc.site), load(t, tc.site, tc.edits...))
			rep.From, rep.To = "main", "HEAD"
			for ext, got := range map[string][]byte{"md": diff.Markdown(rep), "json": diff.JSON(rep)} {
				golden := filepath.Join("../../testdata/golden/diff", tc.name+"."+ext)
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					os.WriteFile(golden, got, 0o644)
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./generator/diff -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run go test ./generator/diff -update to accept):\n%s", tc.name, golden, got)
				}
			}
		})
	}
}

// TestReportMatchesPlanJSON checks each case against plan.json: every
// figure of plan.json that differs between the two plans is in the report
// with both values, and every figure the report names differs, with the
// values of plan.json.
func TestReportMatchesPlanJSON(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := load(t, tc.site), load(t, tc.site, tc.edits...)
			rep := diff.CompareForPlanner(a, b)
			fa, fb := data.Flatten(data.PlannerTree(a)), data.Flatten(data.PlannerTree(b))
			items := map[string]diff.Item{}
			for _, s := range rep.Sections {
				for _, it := range s.Items {
					if _, dup := items[it.Key]; dup {
						t.Errorf("key %s is reported twice", it.Key)
					}
					items[it.Key] = it
					if it.Kind == diff.Text || it.Kind == diff.Lines {
						continue
					}
					va, inA := fa[it.Key]
					vb, inB := fb[it.Key]
					if !inA && !inB {
						continue // not in plan.json: a goal or an added or removed entry
					}
					if !sameLeaf(va, it.Old) || !sameLeaf(vb, it.New) {
						t.Errorf("%s: report says %v → %v, plan.json %v → %v", it.Key, it.Old, it.New, va, vb)
					}
					if sameLeaf(va, vb.R) {
						t.Errorf("%s is reported but did not change", it.Key)
					}
				}
			}
			for key, vb := range fb {
				va := fa[key]
				if vb.Kind == data.Text || strings.HasPrefix(key, "checks") || sameLeaf(va, vb.R) || implicitTeam(b, key) || inAdded(items, key) {
					continue
				}
				if _, ok := items[key]; !ok {
					t.Errorf("%s changed (%v → %v) but is not in the report", key, va.R, vb.R)
				}
			}
		})
	}
}

// TestPeopleOnlyForThePlanner compares a roster edit in a plan whose site
// does not show people: the site's comparison (its Changes page) has no
// People section, the planner's (planbook diff) names the hire, the
// leaver and the moved start.
func TestPeopleOnlyForThePlanner(t *testing.T) {
	a := load(t, "people-april")
	b := load(t, "people-april",
		edit{"content/people.csv", "w2,Ivy,west,,2024-12-31,,1", "w2,Ivy,west,,2024-10-08,,1"},
		edit{"content/people.csv", "s2,Fei,south,sz,,,1", "s2,Fei,south,sz,,2024-10-31,1"},
		edit{"content/people.csv", "w1,Hu,west,,,,1", "w1,Hu,west,,,,1\nw3,Jo,west,,2024-09-01,,1"})
	for _, s := range diff.Compare(a, b).Sections {
		if s.ID == "people" {
			t.Errorf("the site's comparison shows people: %+v", s.Items)
		}
	}
	var people *diff.Section
	for _, s := range diff.CompareForPlanner(a, b).Sections {
		if s.ID == "people" {
			people = s
		}
	}
	if people == nil {
		t.Fatal("the planner's comparison has no People section")
	}
	got := map[string]diff.Item{}
	for _, it := range people.Items {
		got[it.Key] = it
	}
	if it := got["people.w3"]; it.Status != diff.Added || it.New == nil || it.New.Sign() <= 0 {
		t.Errorf("the hire Jo: %+v", it)
	}
	if it := got["people.s2.end"]; it.OldText != "" || it.NewText != "2024-10-31" {
		t.Errorf("Fei leaving: %+v", it)
	}
	if it := got["people.w2.start"]; it.OldText != "2024-12-31" || it.NewText != "2024-10-08" {
		t.Errorf("Ivy's start: %+v", it)
	}
	if it := got["people.w2.quota"]; it.Old == nil || it.New == nil || it.New.Cmp(it.Old) <= 0 {
		t.Errorf("Ivy starting earlier carries more: %+v", it)
	}
}

// inAdded reports whether key is a figure of an entry the report lists as
// added (a hire): the entry's item stands for its figures.
func inAdded(items map[string]diff.Item, key string) bool {
	for k, it := range items {
		if it.Status == diff.Added && strings.HasPrefix(key, k+".") {
			return true
		}
	}
	return false
}

// implicitTeam reports whether key is a figure of a region without
// [[teams]] as its own team in a plan without people: the report leaves
// those out, as they repeat the region's figures.
func implicitTeam(r *compute.Result, key string) bool {
	parts := strings.Split(key, ".")
	return r.Plan.Roster == nil && len(parts) > 2 && parts[0] == "teams" && parts[1] == parts[2] && r.Plan.Region(parts[1]) != nil
}

func sameLeaf(l data.Leaf, r *big.Rat) bool {
	if l.R == nil || r == nil {
		return l.R == nil && r == nil
	}
	return l.R.Cmp(r) == 0
}

func TestIdenticalPlans(t *testing.T) {
	rep := diff.Compare(load(t, "mini"), load(t, "mini"))
	if !rep.Empty() || rep.Changes() != 0 {
		t.Fatalf("identical plans give %d changes", rep.Changes())
	}
	if got := string(diff.Markdown(rep)); !strings.Contains(got, "No changes to the plan.") {
		t.Errorf("Markdown of identical plans: %q", got)
	}
	var v struct {
		Changes  int
		Sections []any
	}
	if err := json.Unmarshal(diff.JSON(rep), &v); err != nil || v.Changes != 0 || len(v.Sections) != 0 {
		t.Errorf("JSON of identical plans: %v %+v", err, v)
	}
}

// TestEntriesAddedAndRemoved adds and removes products, regions, pages and
// promotions, and moves a training.
func TestEntriesAddedAndRemoved(t *testing.T) {
	a := load(t, "mini")
	b := load(t, "mini",
		edit{"content/growth.md", "", ""},
		edit{"content/plan.toml", `id = "spring"`, `id = "spring-2024"`},
		edit{"content/plan.toml", "date = 2024-03-12", "date = 2024-03-19"},
		edit{"content/extra.md", "", "# Extra page\n\nHello.\n"},
	)
	rep := diff.Compare(a, b)
	md := string(diff.Markdown(rep))
	for _, want := range []string{
		"| Spring sale | – | 2024-01-20 – 2024-02-18 | 新增 |",
		"| Spring sale | 2024-01-20 – 2024-02-18 | – | 删除 |",
		"| Product training · 日期 | 2024-03-12 | 2024-03-19 |",
		"| Extra page | – | content/extra.md | 新增 |",
		"| Growth markets | content/growth.md | – | 删除 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

// TestMarkdownEscapes renames a product with Markdown in its name: the
// table stays a table and the name stays text.
func TestMarkdownEscapes(t *testing.T) {
	rep := diff.Compare(load(t, "mini"), load(t, "mini", edit{"content/plan.toml", `name = "Services"`, `name = "Services | *after-sales* <b>"`}))
	md := string(diff.Markdown(rep))
	want := `| Services \| \*after-sales\* &lt;b&gt; · 名称 | Services | Services \| \*after-sales\* &lt;b&gt; |  |  |`
	if !strings.Contains(md, want) {
		t.Errorf("report lacks %s:\n%s", want, md)
	}
	edit := `| content/plan.toml:40 products.svc.name | "Services" | "Services \| \*after-sales\* &lt;b&gt;" | 1 |`
	if !strings.Contains(md, edit) {
		t.Errorf("report lacks %s:\n%s", edit, md)
	}
	if got := strings.Count(md, "\n"); got != 13 {
		t.Errorf("report has %d lines, want 13 (summary, the edits' heading and table of one row, the section's heading and table of one row):\n%s", got, md)
	}
}

// TestActualsChanges changes one row of an actuals file: the report names
// the year to date, the region, product line, channel and customer type of
// that row and the month, with old and new values, and nothing else.
// Removing the actuals lists the year to date as gone.
func TestActualsChanges(t *testing.T) {
	a := load(t, "actuals-april")
	b := load(t, "actuals-april", edit{"content/actuals/2024-q1.csv", "2024-04,west,core,,existing,20", "2024-04,west,core,,existing,30"})
	rep := diff.Compare(a, b)
	if len(rep.Sections) != 1 || rep.Sections[0].ID != "actuals" {
		t.Fatalf("sections %+v, want actuals alone", rep.Sections)
	}
	got := map[string]string{}
	for _, it := range rep.Sections[0].Items {
		if it.Kind == diff.Amount {
			got[it.Key] = it.Old.FloatString(2) + " → " + it.New.FloatString(2)
		} else {
			got[it.Key] = ""
		}
	}
	for key, want := range map[string]string{
		"actuals.year.actual":                   "211.55 → 221.55",
		"actuals.regions.west.actual":           "87.70 → 97.70",
		"actuals.regions.west.months.1":         "20.00 → 30.00",
		"actuals.products.core.actual":          "142.60 → 152.60",
		"actuals.channels..actual":              "87.70 → 97.70",
		"actuals.customers.existing.actual":     "120.60 → 130.60",
		"actuals.year.projection":               "746.60 → 781.90",
		"actuals.regions.west.attainment":       "",
		"actuals.customers.existing.attainment": "",
	} {
		if g, ok := got[key]; !ok || g != want {
			t.Errorf("%s: %q, want %q", key, g, want)
		}
	}
	for key := range got {
		if strings.Contains(key, "east") || strings.HasSuffix(key, ".plan") || strings.Contains(key, "through") {
			t.Errorf("unchanged item reported: %s", key)
		}
	}
	if len(got) != 15 {
		t.Errorf("%d items, want 15: %v", len(got), got)
	}
	gone := diff.Compare(a, load(t, "actuals-april",
		edit{"content/actuals/2024-q1.csv", "", ""}, edit{"content/actuals/2024-q2.csv", "", ""}))
	var year *diff.Item
	for i, it := range gone.Sections[0].Items {
		if it.Key == "actuals.year.actual" {
			year = &gone.Sections[0].Items[i]
		}
	}
	if year == nil || year.Old == nil || year.New != nil {
		t.Errorf("without actuals, the year to date is not reported as gone: %+v", year)
	}
}

// TestMarkdownNoTerminalEscapes renames a product with terminal control
// sequences: the Markdown report, printed on a terminal by planbook diff,
// shows them escaped.
func TestMarkdownNoTerminalEscapes(t *testing.T) {
	rep := diff.Compare(load(t, "mini"), load(t, "mini", edit{"content/plan.toml", `name = "Services"`, `name = "Services\u001b]0;pwned\u0007\u001b[2J"`}))
	md := string(diff.Markdown(rep))
	if strings.ContainsAny(md, "\x1b\a") {
		t.Errorf("report holds control characters: %q", md)
	}
	if !strings.Contains(md, `| Services\x1b\]0;pwned\x07\x1b\[2J · 名称 |`) {
		t.Errorf("report lacks the escaped name:\n%s", md)
	}
}

// TestTerminalShowsTextsAsWritten renames a product with characters that
// Markdown escapes: the Markdown report escapes them, the terminal report
// shows them as written, with only its | escaped to keep the columns and
// control characters still shown as escapes; the figures are the same.
func TestTerminalShowsTextsAsWritten(t *testing.T) {
	rep := diff.Compare(load(t, "mini"), load(t, "mini", edit{"content/plan.toml", `name = "Services"`, `name = "R&D <services> | key_accounts *new* \u001b[2J"`}))
	md, term := string(diff.Markdown(rep)), string(diff.Terminal(rep))
	if !strings.Contains(md, `R&amp;D &lt;services&gt; \| key\_accounts \*new\*`) {
		t.Errorf("the Markdown report lacks the escaped name:\n%s", md)
	}
	if !strings.Contains(term, `| R&D <services> \| key_accounts *new* \x1b[2J · 名称 |`) {
		t.Errorf("the terminal report lacks the name as written:\n%s", term)
	}
	if strings.Contains(term, "&amp;") || strings.Contains(term, "&lt;") || strings.ContainsAny(term, "\x1b") {
		t.Errorf("the terminal report holds entities or control characters:\n%s", term)
	}
	figures := func(s string) string {
		return strings.Join(regexp.MustCompile(`[-+]?[0-9][0-9,.]*%?`).FindAllString(s, -1), " ")
	}
	if figures(md) != figures(term) {
		t.Errorf("the two reports differ in their figures:\n%s\n%s", md, term)
	}
}

// TestTerminalFoldsWithoutHTML compares a plan whose regions all moved:
// the Markdown report folds months and table cells into a <details>
// block, the terminal report lists them under a plain line.
func TestTerminalFoldsWithoutHTML(t *testing.T) {
	rep := diff.Compare(load(t, "mini"), load(t, "mini",
		edit{"content/regions/east.toml", `share = "45%"`, `share = "40%"`},
		edit{"content/regions/north.toml", `share = "35%"`, `share = "40%"`}))
	md, term := string(diff.Markdown(rep)), string(diff.Terminal(rep))
	if !strings.Contains(md, "<details><summary>") {
		t.Fatalf("the Markdown report folds nothing:\n%s", md)
	}
	if strings.Contains(term, "<details>") || strings.Contains(term, "</summary>") || !regexp.MustCompile(`\n另有 \d+ 项:月份与交叉表明细\n`).MatchString(term) {
		t.Errorf("the terminal report:\n%s", term)
	}
}

// loadExample computes the example plan that ships with planbook (the
// repository's planbook.toml and content/), with edits applied.
func loadExample(t *testing.T, edits ...edit) *compute.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	root := "../.."
	err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(root, "planbook.toml")); err == nil {
		fsys["planbook.toml"] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	for _, e := range edits {
		f := fsys[e.file]
		if f == nil || !bytes.Contains(f.Data, []byte(e.old)) {
			t.Fatalf("%s does not contain %q", e.file, e.old)
		}
		f.Data = bytes.Replace(f.Data, []byte(e.old), []byte(e.new), 1)
	}
	p, errs := plan.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	r, cerrs := compute.Compute(p)
	if err := cerrs.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestExampleEdit moves two points of share from north to east in the
// example plan. East sets its own seasonality and product mix, north does
// not: the report lists the two edits first, then what each moved, then
// the regions whose files did not change but whose quarters, months and
// product lines moved all the same, because the fixed rows changed what
// the free rows share.
func TestExampleEdit(t *testing.T) {
	a := loadExample(t)
	b := loadExample(t,
		edit{"content/regions/east.toml", `share = "38%"`, `share = "40%"`},
		edit{"content/regions/north.toml", `share = "27%"`, `share = "25%"`})
	rep := diff.Compare(a, b)
	rep.From, rep.To = "main", "HEAD"
	if len(rep.Edits) != 2 {
		t.Fatalf("edits %+v, want the two shares", rep.Edits)
	}
	var knockOn []string
	for _, k := range rep.KnockOns {
		if k.Reason == diff.FreeRows {
			knockOn = k.Entities
		}
	}
	if len(knockOn) == 0 {
		t.Errorf("no region moved as a free row: %+v", rep.KnockOns)
	}
	for ext, got := range map[string][]byte{"md": diff.Markdown(rep), "json": diff.JSON(rep)} {
		golden := filepath.Join("../../testdata/golden/diff", "example."+ext)
		if *update {
			os.WriteFile(golden, got, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/diff -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the report differs from %s (run go test ./generator/diff -update to accept):\n%s", golden, got)
		}
	}
}
