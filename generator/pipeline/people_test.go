package pipeline_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"planbook/generator/pipeline"
)

// peopleSite writes testdata/sites/people.txtar to a folder, with its
// planbook.toml replaced by config.
func peopleSite(t *testing.T, config string) string {
	t.Helper()
	ar, err := txtar.ParseFile("../../testdata/sites/people.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	if err := os.WriteFile(filepath.Join(dir, "planbook.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

var rosterNames = []string{"Wang Qiang", "Li Na", "Sun Hao", "Zhao Lei", "Chen Yu", "Zhou Min", "Wu Fang", "Zheng Jie"}

// planJSON reads the people and teams of a built site's plan.json.
func planJSON(t *testing.T, out string) (people []map[string]any, teams []map[string]any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data/plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		People []map[string]any `json:"people"`
		Teams  []map[string]any `json:"teams"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.People, doc.Teams
}

// TestPeopleStayOffTheSite builds the roster site without people_pages
// and scans every file written for the people's names: individual quotas
// are personal, and the site shows team totals and head counts only. With
// people_pages = true, plan.json lists them.
func TestPeopleStayOffTheSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: peopleSite(t, ""), Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "/assets/") {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, name := range rosterNames {
			if strings.Contains(string(b), name) {
				t.Errorf("%s shows %q without people_pages", path, name)
			}
		}
		return nil
	})
	people, teams := planJSON(t, out)
	if len(people) != 0 || len(teams) != 4 {
		t.Errorf("plan.json has %d people and %d teams, want 0 and 4", len(people), len(teams))
	}
	if teams[0]["people"] != 3.0 {
		t.Errorf("team sh has %v people in plan.json, want its head count 3", teams[0]["people"])
	}
	if _, err := os.Stat(filepath.Join(out, "data/teams.csv")); err != nil {
		t.Errorf("no data/teams.csv: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "data/people.csv")); err == nil {
		t.Error("data/people.csv written without people_pages")
	}
	checks, _ := os.ReadFile(filepath.Join(out, "data/plan.json"))
	if !strings.Contains(string(checks), "North:有 2 人") {
		t.Errorf("the checks list does not count North's people off the median per team")
	}

	out = filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: peopleSite(t, "people_pages = true\n"), Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	if people, _ := planJSON(t, out); len(people) != len(rosterNames) || people[1]["name"] != "Li Na" || people[1]["quota"] != 160.0 {
		t.Errorf("with people_pages, plan.json's people are %v", people)
	}
	csv, err := os.ReadFile(filepath.Join(out, "data/people.csv"))
	if err != nil || !strings.Contains(string(csv), "p002,Li Na,east,sh,Senior sales manager,,,1.5,160,") {
		t.Errorf("with people_pages, data/people.csv: %v\n%s", err, csv)
	}
}

// TestPeopleScopedBuild builds the site for one region's audience: its
// plan.json has that region's teams and people only, and nothing of the
// other regions' teams or people.
func TestPeopleScopedBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: peopleSite(t, "people_pages = true\n"), Out: out, Regions: []string{"north"}}).Build(); err != nil {
		t.Fatal(err)
	}
	people, teams := planJSON(t, out)
	if len(teams) != 1 || teams[0]["region"] != "north" || len(people) != 2 {
		t.Fatalf("north's site has teams %v and people %v", teams, people)
	}
	filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "/assets/") {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, name := range append([]string{"Shanghai", "Jiangsu", "Chengdu", "Zhang"}, rosterNames[:6]...) {
			if strings.Contains(string(b), name) {
				t.Errorf("north's site shows %q in %s", name, path)
			}
		}
		return nil
	})
}

// TestRosterEditRebuilds keeps one builder, as planbook serve does, and
// edits the roster: the quotas are computed again.
func TestRosterEditRebuilds(t *testing.T) {
	dir := peopleSite(t, "people_pages = true\n")
	out := filepath.Join(t.TempDir(), "out")
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content/people.csv")
	text, _ := os.ReadFile(file)
	// Li Na carries as much as the others of her team, not half as much again.
	os.WriteFile(file, []byte(strings.Replace(string(text), "Senior sales manager,,,1.5", "Senior sales manager,,,1", 1)), 0o644)
	rep, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(rep.Stats.Changed, " "), "data/plan.json") {
		t.Errorf("plan.json not written again after the roster changed (wrote %v)", rep.Stats.Changed)
	}
	people, _ := planJSON(t, out)
	q0, q1 := people[0]["quota"].(float64), people[1]["quota"].(float64)
	if q1 == 160 || q0-q1 > 1 || q1-q0 > 1 {
		t.Errorf("after the edit, p001 has %v and p002 %v: the same weight and dates should give quotas at most one apart", q0, q1)
	}
}

// TestPeopleLeakScan builds north's site of the roster site with what
// would name people of the other regions: a page for everyone that names
// one is left out with a warning (one where the name is part of a longer
// word stays); a training for everyone whose owner is
// one of east's people is found in the built files by the leak scan, and
// the build fails naming the file; a north seller with the same name as
// one of east's is shown, as their own.
func TestPeopleLeakScan(t *testing.T) {
	dir := peopleSite(t, "people_pages = true\n")
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	appendTo := func(name, text string) {
		t.Helper()
		old, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		write(name, string(old)+text)
	}
	write("content/awards.md", "+++\ntitle = \"Awards\"\n+++\nLast year's best seller: Sun Hao.\n")
	// A name inside a longer word is not the person's.
	write("content/accounts.md", "+++\ntitle = \"Accounts\"\n+++\nOur largest account: Sun Haoyu Trading.\n")
	appendTo("content/people.csv", "Zhou Min,p009,north,,Sales rep,,,1\r\n")
	out := filepath.Join(t.TempDir(), "out")
	rep, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out, Regions: []string{"north"}}).Build()
	if err != nil {
		t.Fatalf("north's site: %v", err)
	}
	warned := false
	for _, d := range rep.Diagnostics.Warnings() {
		warned = warned || d.File == "content/awards.md" && strings.Contains(d.Message, `"Sun Hao"`)
	}
	if !warned {
		t.Errorf("no warning for the page naming Sun Hao: %v", rep.Diagnostics.Warnings())
	}
	if _, err := os.Stat(filepath.Join(out, "awards/index.html")); err == nil {
		t.Error("north's site holds the page naming one of east's people")
	}
	if _, err := os.Stat(filepath.Join(out, "accounts/index.html")); err != nil {
		t.Error("north's site left out a page naming Sun Haoyu Trading, which is not east's Sun Hao")
	}
	if b, err := os.ReadFile(filepath.Join(out, "people/p009/index.html")); err != nil || !strings.Contains(string(b), "Zhou Min") {
		t.Errorf("north's own Zhou Min has no page: %v", err)
	}

	appendTo("content/plan.toml", "\n[[trainings]]\ntopic = \"Negotiation\"\ndate = 2024-05-06\nhours = 4\nowner = \"Li Na\"\n")
	rep, err = pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out, Regions: []string{"north"}}).Build()
	if err == nil {
		t.Fatal("north's site built although a training for everyone names Li Na, one of east's people")
	}
	found := false
	for _, d := range rep.Diagnostics.Errors() {
		found = found || strings.Contains(d.Message, `would show "Li Na"`) && strings.HasSuffix(d.File, ".html")
	}
	if !found {
		t.Errorf("the leak scan did not name a page showing Li Na: %v", rep.Diagnostics.Errors())
	}
}

// TestPeopleValueKeys quotes a person's quota and a team's assigned total
// in a page, as the value keys of docs/site.md: people.ID.quota where the
// site shows people, teams.REGION.TEAM.assigned always.
func TestPeopleValueKeys(t *testing.T) {
	dir := peopleSite(t, "people_pages = true\n")
	page := "+++\ntitle = \"Quotas\"\n+++\nLi Na: {{< value \"people.p002.quota\" >}}; Shanghai: {{< value \"teams.east.sh.assigned\" >}}; " +
		"Zhao Lei in Q2: {{< value \"people.p004.quarters.q2\" >}}.\n"
	if err := os.WriteFile(filepath.Join(dir, "content/quotas.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "quotas/index.html"))
	if want := "Li Na: 160 万元; Shanghai: 347 万元; Zhao Lei in Q2: 11 万元."; !strings.Contains(string(b), want) {
		t.Errorf("the page lacks %q:\n%s", want, b)
	}
}
