package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"planbook/generator/pipeline"
)

// externalResource matches markup or CSS that would load something from
// outside the site: scripts, style sheets, images, frames, fonts, imports.
var externalResource = regexp.MustCompile(`(?i)(<(script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?(https?:)?//|<link\b[^>]*\bhref\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|srcset\s*=)`)

// TestNoExternalResources checks every page and style sheet of the built
// example: nothing is loaded from outside the site folder.
func TestNoExternalResources(t *testing.T) {
	out := buildExample(t)
	n := 0
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css")) {
			return nil
		}
		n++
		data, _ := os.ReadFile(p)
		if m := externalResource.Find(data); m != nil {
			t.Errorf("%s loads from outside the site: %s", p, m)
		}
		return nil
	})
	if n < 10 {
		t.Fatalf("only %d pages and style sheets checked", n)
	}
	// The pattern itself must catch what it is meant to catch.
	for _, bad := range []string{`<script src="https://cdn.example.com/x.js">`, `<link rel="stylesheet" href="//fonts.example.com/a.css">`, `body { background: url("https://x/y.png") }`} {
		if !externalResource.MatchString(bad) {
			t.Errorf("pattern misses %s", bad)
		}
	}
}

// siteFrom writes a txtar site and returns its folder.
func siteFrom(t *testing.T, archive string) string {
	t.Helper()
	return writeSite(t, txtar.Parse([]byte(archive)))
}

const tinySite = `-- content/plan.toml --
title = "Tiny"
year = 2024
unit = "万元"
[baseline]
revenue = 100
[target]
growth = "10%"
-- content/regions/east.toml --
name = "East"
stage = "mature"
share = "100%"
-- content/notes.md --
+++
title = "Notes"
+++
Before <script>alert("x")</script> after.

<div class="box">block</div>
`

func build(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Build(pipeline.Options{Site: dir, Out: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return readAll(t, out)
}

func readAll(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return files
}

// TestMarkdownHTMLEscaped checks that raw HTML in Markdown comes out as
// text, and that unsafe_html = true lets it through.
func TestMarkdownHTMLEscaped(t *testing.T) {
	page := build(t, siteFrom(t, tinySite))["notes/index.html"]
	if strings.Contains(page, `<script>alert`) || strings.Contains(page, `<div class="box">`) {
		t.Errorf("raw HTML was rendered:\n%s", page)
	}
	if !strings.Contains(page, `&lt;script&gt;alert(`) || !strings.Contains(page, `&lt;div class=&#34;box&#34;&gt;block&lt;/div&gt;`) {
		t.Errorf("raw HTML is not shown escaped:\n%s", page)
	}
	page = build(t, siteFrom(t, tinySite+"-- planbook.toml --\nunsafe_html = true\n"))["notes/index.html"]
	if !strings.Contains(page, `<script>alert(`) || !strings.Contains(page, `<div class="box">block</div>`) {
		t.Errorf("unsafe_html = true did not render raw HTML:\n%s", page)
	}
}

// TestThemeOverride checks that a site's own theme files replace the
// built-in ones at the same path, that planbook.toml can select another
// theme, and that a missing theme is an error.
func TestThemeOverride(t *testing.T) {
	files := build(t, siteFrom(t, tinySite+`-- themes/default/assets/css/planbook.css --
/* corporate colours */
-- themes/default/templates/partials/cards.html --
{{define "cards"}}<p class="own-cards">{{len .}} cards</p>{{end}}
{{define "sections"}}{{end}}
`))
	if files["assets/css/planbook.css"] != "/* corporate colours */\n" {
		t.Errorf("style sheet not overridden: %q", files["assets/css/planbook.css"])
	}
	if !strings.Contains(files["index.html"], `<p class="own-cards">`) {
		t.Error("partial template not overridden")
	}
	if !strings.Contains(files["assets/js/planbook.js"], "echarts") {
		t.Error("files the site does not override must come from the built-in theme")
	}
	files = build(t, siteFrom(t, tinySite+`-- planbook.toml --
theme = "corp"
-- themes/corp/templates/page.html --
{{define "content"}}<p>corp page</p>{{end}}
`))
	if !strings.Contains(files["notes/index.html"], "<p>corp page</p>") {
		t.Error("theme = \"corp\" not used")
	}
	_, err := pipeline.NewBuilder(pipeline.Options{Site: siteFrom(t, tinySite+"-- planbook.toml --\ntheme = \"nope\"\n"), Out: filepath.Join(t.TempDir(), "o")}).Build()
	if err == nil || !strings.Contains(err.Error(), "theme nope not found") {
		t.Errorf("missing theme: %v", err)
	}
}

// TestRebuildWritesOnlyChangedFiles edits one region's narrative and
// checks that only that region's page is written again.
func TestRebuildWritesOnlyChangedFiles(t *testing.T) {
	dir := siteFrom(t, tinySite+"-- content/regions/east.md --\nFirst version.\n")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content/regions/east.md"), []byte("Second version.\n"), 0o644)
	rep, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build()
	if err != nil {
		t.Fatal(err)
	}
	// The region's page and its booklet show the narrative.
	if got := strings.Join(rep.Stats.Changed, " "); got != "regions/east/booklet.html regions/east/index.html" {
		t.Errorf("rebuild wrote %q, want only the region's page and booklet", got)
	}
}

// TestDashboardTransferSize adds up what a browser fetches for the
// dashboard (the page, style sheet, scripts and icon), gzipped, and keeps
// it under 450 KB.
func TestDashboardTransferSize(t *testing.T) {
	out := buildExample(t)
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#]+\.(?:css|js|svg))"`).FindAllSubmatch(page, -1)
	total := gzipSize(t, page)
	parts := []string{fmt.Sprintf("index.html %d", total)}
	for _, m := range refs {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(string(m[1]))))
		if err != nil {
			t.Fatalf("dashboard refers to %s: %v", m[1], err)
		}
		n := gzipSize(t, data)
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", m[1], n))
	}
	if len(refs) < 3 {
		t.Fatalf("dashboard loads only %d files", len(refs))
	}
	t.Logf("dashboard transfer, gzipped: %d bytes (%s)", total, strings.Join(parts, ", "))
	if total > 450*1024 {
		t.Errorf("dashboard transfer is %d KB gzipped, over the 450 KB budget", total/1024)
	}
}

func gzipSize(t *testing.T, data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// TestBuilderRendersOnlyChangedPages keeps one builder, as planbook serve
// does: after a change to one narrative only its page is rendered again;
// after a change to the plan every page is.
func TestBuilderRendersOnlyChangedPages(t *testing.T) {
	dir := siteFrom(t, tinySite+"-- content/regions/east.md --\nFirst version.\n")
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(t.TempDir(), "out")})
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if first.Pages < 5 {
		t.Fatalf("first build rendered %d pages", first.Pages)
	}
	os.WriteFile(filepath.Join(dir, "content/notes.md"), []byte("+++\ntitle = \"Notes\"\n+++\nNew text.\n"), 0o644)
	rep, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	// The page, and the booklet of the region it is for.
	if rep.Pages != 2 || strings.Join(rep.Stats.Changed, " ") != "notes/index.html regions/east/booklet.html" {
		t.Errorf("after a narrative edit: rendered %d pages, wrote %v; want 2: notes/index.html and regions/east/booklet.html", rep.Pages, rep.Stats.Changed)
	}
	plan := filepath.Join(dir, "content/plan.toml")
	data, _ := os.ReadFile(plan)
	os.WriteFile(plan, []byte(strings.Replace(string(data), `growth = "10%"`, `growth = "12%"`, 1)), 0o644)
	rep, err = b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != first.Pages {
		t.Errorf("after a plan edit: rendered %d pages, want all %d", rep.Pages, first.Pages)
	}
}

// TestRegionEditRendersItsPages changes one region's manager: its page
// and booklet are rendered again with the site-wide pages, but not the
// other regions' pages, whose figures did not move.
func TestRegionEditRendersItsPages(t *testing.T) {
	ar, err := txtar.ParseFile("../../testdata/sites/mini.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(t.TempDir(), "out")})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content/regions/north.toml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), `manager = "Zhao"`, `manager = "Zhou"`, 1)), 0o644)
	rep, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Join(rep.Stats.Changed, " ")
	for _, want := range []string{"regions/north/index.html", "regions/north/booklet.html", "regions/index.html"} {
		if !strings.Contains(changed, want) {
			t.Errorf("%s not written again after the region changed (wrote %s)", want, changed)
		}
	}
	for _, other := range []string{"regions/east/", "regions/south/"} {
		if strings.Contains(changed, other) {
			t.Errorf("another region's page was written: %s", changed)
		}
	}
	// Site-wide pages (overview, regions, products, two narratives), the
	// region's two pages, and south's booklet, which shows a narrative
	// quoting east's figures (so it depends on every region); not the
	// other three pages of east and south.
	if rep.Pages != 8 {
		t.Errorf("rendered %d pages, want 8", rep.Pages)
	}
}

// TestContentSecurityPolicy checks every page of the built example: it
// declares a policy of default-src 'self' with no 'unsafe-inline' or
// 'unsafe-eval', and holds nothing such a policy would block. (The browser
// tests load every page with the policy on and fail on any violation.)
func TestContentSecurityPolicy(t *testing.T) {
	out := buildExample(t)
	policy := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`)
	for _, page := range htmlPages(t, out) {
		data, _ := os.ReadFile(filepath.Join(out, page))
		m := policy.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s has no Content-Security-Policy", page)
			continue
		}
		p := string(m[1])
		if !strings.Contains(p, "default-src 'self'") || strings.Contains(p, "unsafe-inline") || strings.Contains(p, "unsafe-eval") {
			t.Errorf("%s: weak policy %q", page, p)
		}
		// JSON data blocks are data, not code: take them out first.
		rest := regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`).ReplaceAll(data, nil)
		rest = regexp.MustCompile(`<script defer src="[^"]+"></script>`).ReplaceAll(rest, nil)
		if m := regexp.MustCompile(`(?i)<script\b|\son[a-z]+\s*=|\sstyle\s*=|<style\b|javascript:`).Find(rest); m != nil {
			t.Errorf("%s holds inline code or style: %q", page, m)
		}
	}
}

// TestFlowChartExactValues checks that the decomposition flow carries
// exact amounts: 123,456,789 has no float32 of its own, and the chart's
// JSON must still say 123456789, with the regions' links adding up to it.
func TestFlowChartExactValues(t *testing.T) {
	site := siteFrom(t, `-- content/plan.toml --
title = "Big"
year = 2024
unit = "元"
[target]
revenue = 123456789
-- content/regions/east.toml --
name = "East"
stage = "mature"
share = "100%"
[[channels]]
id = "direct"
name = "Direct"
share = "33%"
[[channels]]
id = "partners"
name = "Partners"
share = "67%"
`)
	page := build(t, site)["index.html"]
	i := strings.Index(page, `"type":"sankey"`)
	if i < 0 {
		t.Fatal("the dashboard has no flow chart")
	}
	flow := page[i:]
	flow = flow[:strings.Index(flow, "</script>")]
	for _, want := range []string{
		`{"source":"年度目标","target":"East","value":123456789}`,
		`"target":"Direct","value":40740740`, // 33% of 123456789 = 40740740.37
		`"target":"Partners","value":82716049`,
	} {
		if !strings.Contains(flow, want) {
			t.Errorf("flow chart lacks %s:\n%s", want, flow)
		}
	}
}

// TestActualsEditRebuilds changes a figure of an actuals file between two
// builds: the figures are computed again, the actuals page, the region's
// page and the data files are written again (not the other region's), and
// the new year to date is in them. Removing the file removes the actuals page.
func TestActualsEditRebuilds(t *testing.T) {
	ar, err := txtar.ParseFile("../../testdata/sites/actuals-april.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, ar)
	// Without the page that quotes actual figures: it is in every booklet.
	os.Remove(filepath.Join(dir, "content/progress.md"))
	out := filepath.Join(t.TempDir(), "out")
	b := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content/actuals/2024-q1.csv")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), "2024-04,west,core,,existing,20", "2024-04,west,core,,existing,30", 1)), 0o644)
	rep, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Join(rep.Stats.Changed, " ")
	for _, want := range []string{"actuals/index.html", "regions/west/index.html", "data/actuals.json", "data/actuals-regions.csv"} {
		if !strings.Contains(changed, want) {
			t.Errorf("%s not written again after the actuals changed (wrote %s)", want, changed)
		}
	}
	if strings.Contains(changed, "data/plan.json") || strings.Contains(changed, "regions/east/") {
		t.Errorf("plan.json or east's pages written again, but neither the plan nor east's results changed (wrote %s)", changed)
	}
	page, _ := os.ReadFile(filepath.Join(out, "actuals/index.html"))
	if !strings.Contains(string(page), "221.55") { // 211.55 + 10
		t.Errorf("the actuals page does not show the new year to date 221.55")
	}
	os.RemoveAll(filepath.Join(dir, "content/actuals"))
	rep, err = b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"actuals/index.html", "data/actuals.json"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s is still there without actuals", gone)
		}
	}
	if nav, _ := os.ReadFile(filepath.Join(out, "index.html")); strings.Contains(string(nav), "actuals/index.html") {
		t.Errorf("the navigation still links the actuals page")
	}
}

// TestSectionLinksInBooklets places a chart whose table links the regions'
// pages in a section meant for one region: the section's page and the
// region's booklet, one folder deeper, each link to the region's page
// from where they are.
func TestSectionLinksInBooklets(t *testing.T) {
	files := build(t, siteFrom(t, tinySite+"-- content/plan-b.md --\n+++\ntitle = \"Plan B\"\nregions = [\"east\"]\n+++\n{{< chart \"regions\" >}}\n"))
	for page, want := range map[string]string{"plan-b/index.html": `href="../regions/east/index.html"`, "regions/east/booklet.html": `href="../../regions/east/index.html"`} {
		if !strings.Contains(files[page], want) {
			t.Errorf("%s does not link the region's page with %s", page, want)
		}
	}
}
