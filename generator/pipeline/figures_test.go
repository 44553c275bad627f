package pipeline_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
)

// cardRe matches a KPI card of a built page: its trend, label, value and
// change (with the class of its sign).
var cardRe = regexp.MustCompile(`<li class="card card--(\w+)">\s*<span class="card__label">([^<]*)</span>\s*<span class="card__value">([^<]*)</span>(?:<span class="card__change card__change--(\w+)">([^<]*)</span>)?`)

// TestCardsFollowTheirFigures checks the KPI cards of every page of the
// example: a change's colour follows the sign it is written with, a card
// coloured up or down shows a change of that sign, and a rate short of the
// plan never reads as met: east's attainment (3,984.4 of 3,986) is 99.96%,
// its projection -0.04%, coloured down.
func TestCardsFollowTheirFigures(t *testing.T) {
	out := buildExample(t)
	cards := 0
	for _, page := range htmlPages(t, out) {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cardRe.FindAllStringSubmatch(string(b), -1) {
			cards++
			trend, label, value, sign, change := m[1], m[2], m[3], m[4], html.UnescapeString(m[5])
			want := "flat"
			switch {
			case strings.HasPrefix(change, "-"):
				want = "down"
			case strings.HasPrefix(change, "+") && strings.Trim(change, "+0.% 个百分点p") != "":
				want = "up"
			}
			if change != "" && sign != want {
				t.Errorf("%s: card %s shows %q coloured %s", page, label, change, sign)
			}
			if (trend == "up" || trend == "down") && change != "" && trend != want {
				t.Errorf("%s: card %s is coloured %s for a change of %q", page, label, trend, change)
			}
			if strings.HasPrefix(value, "100.0%") && label == "完成率" {
				t.Errorf("%s: attainment reads as met: %s", page, value)
			}
		}
	}
	if cards < 20 {
		t.Fatalf("only %d cards found", cards)
	}
	east, err := os.ReadFile(filepath.Join(out, "regions", "east", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range cardRe.FindAllStringSubmatch(string(east), -1) {
		got[m[2]] = m[1] + " " + m[3] + " " + m[4] + " " + html.UnescapeString(m[5])
	}
	for label, want := range map[string]string{
		"完成率":  "warning 99.96%  ",
		"全年预测": "down 5,242 万元 down -0.04%",
	} {
		if got[label] != want {
			t.Errorf("east's card %s: %q, want %q", label, got[label], want)
		}
	}
}

// checksOf returns the checks section of a built dashboard.
func checksOf(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	index := string(b)
	checks := index[strings.Index(index, `id="checks-title"`):]
	return checks[:strings.Index(checks, "</section>")]
}

// TestDashboardScans checks what the example's dashboard and regions
// index say at a glance: the checks that did not pass are listed, those
// that did fold into one line (and all of them when all pass); the two
// revenue-per-head figures say where they come from; the regions behind
// plan to date are marked and named.
func TestDashboardScans(t *testing.T) {
	out := buildExample(t)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	checks := checksOf(t, out)
	open, folded, _ := strings.Cut(checks, `<details class="checks__passed">`)
	passed := strings.Count(folded, "check--ok")
	if strings.Contains(open, "check--ok") || !strings.Contains(open, "check--warning") || strings.Contains(folded, "check--warning") ||
		!strings.Contains(folded, fmt.Sprintf("</span> 其余 %d 项检查通过</summary>", passed)) {
		t.Errorf("the checks are not the problems listed and %d passes folded:\n%s", passed, checks)
	}
	mini := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: sitetest.Dir(t, sitetest.ArchiveFile(t, "../../testdata/sites/mini.txtar")), Out: mini}).Build(); err != nil {
		t.Fatal(err)
	}
	if checks := checksOf(t, mini); !regexp.MustCompile(`^[^<]*</h2>\s*<details class="checks__passed">\s*<summary>.*全部 \d+ 项检查均通过</summary>`).MatchString(checks[strings.Index(checks, ">")+1:]) {
		t.Errorf("the checks, all passed, are not one folded line:\n%s", checks)
	}
	index := read("index.html")
	for _, want := range []string{"计划设定的指标 · 较 2023 年 150 万元/人", "年度目标 ÷ 84 名销售人员"} {
		if !strings.Contains(index, want) {
			t.Errorf("the dashboard's cards do not say %q", want)
		}
	}
	regions := read("regions/index.html")
	if !strings.Contains(regions, "截至 2024-09,3 个大区落后于同期计划:华东大区、华北大区、西南大区。") {
		t.Error("the regions index does not name the regions behind plan")
	}
	for _, name := range []string{"east", "north", "south", "southwest"} {
		row := regexp.MustCompile(`<th scope="row"><a href="../regions/` + name + `/index.html">[^<]*</a>( <span class="cell-mark">落后</span>)?</th>.*<td class="num( down)?">([^<]*)</td></tr>`).FindStringSubmatch(regions)
		if row == nil {
			t.Errorf("no row for %s", name)
			continue
		}
		behind := name != "south"
		if (row[1] != "") != behind || (row[2] != "") != behind {
			t.Errorf("%s (attainment %s): marked behind %v, want %v", name, row[3], row[1] != "", behind)
		}
	}
}
