package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"planbook/internal/browser"
)

// poppler returns the path of a poppler tool, skipping (or, with
// PLANBOOK_REQUIRE_BROWSER=1, failing) the test when it is missing.
func poppler(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("PLANBOOK_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s not found: install poppler-utils", name)
	}
	t.Skipf("\n*** SKIPPING PDF TEST: %s not found (apt-get install -y poppler-utils) ***", name)
	return ""
}

func run1(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestPDFBooklets prints the example's booklets and checks each PDF: A4,
// at most 16 pages (with the appendix of how the figures were computed on
// the last), the region's figures, real fonts, contents whose page
// numbers are right, every chart once, bookmarks, title and language. A
// page of one booklet is rendered to PNG for a reviewer to look at.
func TestPDFBooklets(t *testing.T) {
	browser.ForTest(t)
	pdftoppm := poppler(t, "pdftoppm")
	site := copySite(t)
	code, stdout, stderr := runCmd("pdf", "-s", site)
	if code != 0 {
		t.Fatalf("pdf exited %d:\n%s%s", code, stdout, stderr)
	}
	t.Logf("%s", strings.TrimSpace(stdout))
	regions := map[string]string{"east": "华东大区", "north": "华北大区", "south": "华南大区", "southwest": "西南大区"}
	targets := map[string]string{"east": "5,244", "north": "3,726", "south": "3,450", "southwest": "1,380"}
	for id, name := range regions {
		t.Run(id, func(t *testing.T) {
			dir := filepath.Join(site, "public", "regions", id)
			b := readBooklet(t, filepath.Join(dir, "booklet.pdf"), filepath.Join(dir, "booklet.html"))
			if b.pages > 16 {
				t.Errorf("%d pages, want at most 16", b.pages)
			}
			for _, want := range []string{name, targets[id], "第一季度", "第四季度", "签字确认", "附录:目标数字的计算方法", "第 2 页 / 共 " + strconv.Itoa(b.pages) + " 页", "计划与实际"} {
				if !strings.Contains(b.text, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			if !strings.Contains(b.info, "Title:") || !strings.Contains(b.info, name) {
				t.Errorf("document title does not name the region:\n%s", b.info)
			}
			b.checkLang(t, "zh-CN")
			b.checkFonts(t)
			b.checkContents(t)
			b.checkFigures(t)
			b.checkBookmarks(t)
		})
	}
	dir, err := os.MkdirTemp("", "planbook-booklet-png-")
	if err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, "east")
	run1(t, pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "4", filepath.Join(site, "public", "regions", "east", "booklet.pdf"), prefix)
	pngs, _ := filepath.Glob(prefix + "*.png")
	if len(pngs) != 4 {
		t.Fatalf("rendered %d pages to PNG, want 4", len(pngs))
	}
	t.Logf("booklet pages rendered for review: %s", strings.Join(pngs, " "))

	// One region's booklet comes from a site built for its audience only.
	code, stdout, stderr = runCmd("pdf", "-s", site, "--region", "east")
	if code != 0 {
		t.Fatalf("pdf --region east exited %d:\n%s%s", code, stdout, stderr)
	}
	text := run1(t, poppler(t, "pdftotext"), filepath.Join(site, "public-east", "regions", "east", "booklet.pdf"), "-")
	if !strings.Contains(text, "华东大区") {
		t.Error("east's own booklet lacks its name")
	}
	for _, w := range otherRegions {
		if strings.Contains(text, w) {
			t.Errorf("east's booklet shows %q", w)
		}
	}
}

// TestPDFBookletEnglish prints a booklet of the example in English: its
// footer, language and fonts follow the site's language. It prints with
// the full browser (pdf prefers the headless shell, which prints the
// example's booklets in the test above when it is installed).
func TestPDFBookletEnglish(t *testing.T) {
	t.Setenv("PLANBOOK_CHROME", browser.ForTest(t))
	site := copySite(t)
	if err := os.WriteFile(filepath.Join(site, "planbook.toml"), []byte("language = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd("pdf", "-s", site, "--region", "north")
	if code != 0 {
		t.Fatalf("pdf exited %d:\n%s%s", code, stdout, stderr)
	}
	dir := filepath.Join(site, "public-north", "regions", "north")
	b := readBooklet(t, filepath.Join(dir, "booklet.pdf"), filepath.Join(dir, "booklet.html"))
	for _, want := range []string{"Contents", "Page 2 of " + strconv.Itoa(b.pages), "Q1", "Sign-off", "Figure 1"} {
		if !strings.Contains(b.text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	b.checkLang(t, "en")
	b.checkFonts(t)
	b.checkContents(t)
	b.checkFigures(t)
	b.checkBookmarks(t)
}

// booklet is a printed booklet with what the checks read from it.
type booklet struct {
	file, html string
	pages      int
	info       string   // pdfinfo
	text       string   // pdftotext of the whole file
	pageText   []string // pdftotext of each page, [0] unused
}

func readBooklet(t *testing.T, file, html string) *booklet {
	t.Helper()
	pdfinfo, pdftotext := poppler(t, "pdfinfo"), poppler(t, "pdftotext")
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	b := &booklet{file: file, html: string(page), info: run1(t, pdfinfo, file)}
	if !strings.Contains(b.info, "(A4)") {
		t.Errorf("%s is not A4:\n%s", file, b.info)
	}
	for _, line := range strings.Split(b.info, "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			b.pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if b.pages < 3 {
		t.Fatalf("%s has %d pages, want at least 3", file, b.pages)
	}
	b.text = run1(t, pdftotext, file, "-")
	b.pageText = make([]string, b.pages+1)
	for p := 1; p <= b.pages; p++ {
		n := strconv.Itoa(p)
		b.pageText[p] = run1(t, pdftotext, "-f", n, "-l", n, file, "-")
	}
	return b
}

// checkFonts: every font is embedded, has a name and is not Type 3, and
// the Chinese text is set in the booklet's print font, whose two weights
// are named as such (NotoSansSC-Regular and -Bold, after the subset's
// prefix: not "NotoSansSCThin-Regular", as the vendored files once said).
func (b *booklet) checkFonts(t *testing.T) {
	t.Helper()
	fonts := run1(t, poppler(t, "pdffonts"), b.file)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts listed:\n%s", fonts)
	}
	cjk := false
	weights := map[string]bool{}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is the fifth
		// field from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
			continue
		}
		if f[0] == "[none]" || strings.Contains(l, "Type 3") {
			t.Errorf("an unnamed or Type 3 font: %s", l)
		}
		if strings.Contains(f[0], "NotoSansSC") && strings.Contains(l, "CID TrueType") {
			cjk = true
			if _, name, _ := strings.Cut(f[0], "+"); name != "NotoSansSC-Regular" && name != "NotoSansSC-Bold" {
				t.Errorf("the print font is named %s, want NotoSansSC-Regular or NotoSansSC-Bold", f[0])
			}
			weights[f[0][strings.IndexByte(f[0], '+')+1:]] = true
		}
	}
	if !cjk {
		t.Errorf("no CJK TrueType font (Noto Sans SC):\n%s", fonts)
	}
	if !weights["NotoSansSC-Regular"] || !weights["NotoSansSC-Bold"] {
		t.Errorf("the booklet does not use both weights of its print font:\n%s", fonts)
	}
}

// checkLang: the PDF declares the site's language.
func (b *booklet) checkLang(t *testing.T, want string) {
	t.Helper()
	ctx := readPDF(t, b.file)
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	lang, ok := root["Lang"]
	if !ok {
		t.Fatal("the PDF declares no language")
	}
	if got := strings.Trim(lang.String(), "()"); got != want {
		t.Errorf("language %q, want %q", got, want)
	}
}

var tocEntry = regexp.MustCompile(`<span class="toc__number">(\d+)</span><span class="toc__title">([^<]*)</span>`)

// sections returns the numbered sections of the contents, as the booklet's
// page lists them: "3 Products, channels and customers".
func (b *booklet) sections(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, m := range tocEntry.FindAllStringSubmatch(b.html, -1) {
		out = append(out, m[1]+" "+unescape(m[2]))
	}
	if len(out) < 6 {
		t.Fatalf("the contents list %d sections, want at least 6: %v", len(out), out)
	}
	return out
}

// checkContents: the contents page lists every section with a page
// number, and each section's heading first appears (after the contents)
// on that page.
func (b *booklet) checkContents(t *testing.T) {
	t.Helper()
	contents := 0
	for p := 1; p <= b.pages; p++ {
		if strings.Contains(squash(b.pageText[p]), squash(b.sections(t)[1])) {
			contents = p
			break
		}
	}
	if contents == 0 {
		t.Fatal("no page lists the contents")
	}
	var lines []string
	for _, l := range strings.Split(b.pageText[contents], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	for _, s := range b.sections(t) {
		number, title, _ := strings.Cut(s, " ")
		page := -1
		// pdftotext writes an entry's number, title and page as lines of
		// their own, in this order.
		for i := 0; i+2 < len(lines); i++ {
			if lines[i] == number && lines[i+1] == title {
				page, _ = strconv.Atoi(lines[i+2])
				break
			}
		}
		if page < contents || page > b.pages {
			t.Errorf("the contents give %q no valid page (%d)", s, page)
			continue
		}
		first := 0
		for p := contents; p <= b.pages; p++ {
			text := b.pageText[p]
			if p == contents {
				_, text, _ = strings.Cut(text, title) // after the contents' own entry
			}
			if strings.Contains(squash(text), squash(s)) {
				first = p
				break
			}
		}
		if first != page {
			t.Errorf("the contents put %q on page %d; its heading is first on page %d", s, page, first)
		}
	}
}

var figureCaption = regexp.MustCompile(`<h[3-6] class="chart-figure__heading"><span class="chart-figure__number">([^<]*)</span> ([^<]*)</h[3-6]>`)

// checkFigures: every chart is printed once, with a title no other chart
// has, and its number and title appear once in the text.
func (b *booklet) checkFigures(t *testing.T) {
	t.Helper()
	titles := map[string]string{}
	figures := figureCaption.FindAllStringSubmatch(b.html, -1)
	if len(figures) < 6 {
		t.Fatalf("%d figures, want at least 6", len(figures))
	}
	text := squash(b.text)
	for _, f := range figures {
		number, title := unescape(f[1]), unescape(f[2])
		if other, dup := titles[title]; dup {
			t.Errorf("%s and %s have the same title %q", other, number, title)
		}
		titles[title] = number
		if n := strings.Count(text, squash(number+" "+title)); n != 1 {
			t.Errorf("%s %s occurs %d times in the text, want once", number, title, n)
		}
	}
	if n := strings.Count(b.html, `data-chart="`); n != len(figures) {
		t.Errorf("%d charts drawn, %d numbered figures: a chart without a number", n, len(figures))
	}
}

// checkBookmarks: the outline has every section and every figure.
func (b *booklet) checkBookmarks(t *testing.T) {
	t.Helper()
	ctx := readPDF(t, b.file)
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Outlines, err = ctx.DereferenceDict(root["Outlines"]); err != nil || ctx.Outlines == nil {
		t.Fatalf("no outline: %v", err)
	}
	bms, err := pdfcpu.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	var walk func([]pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, bm := range bs {
			have[squash(bm.Title)] = true
			walk(bm.Kids)
		}
	}
	walk(bms)
	want := b.sections(t)
	for _, f := range figureCaption.FindAllStringSubmatch(b.html, -1) {
		want = append(want, unescape(f[1])+" "+unescape(f[2]))
	}
	for _, w := range want {
		if !have[squash(w)] {
			t.Errorf("no bookmark for %q", w)
		}
	}
}

func readPDF(t *testing.T, file string) *model.Context {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, err := api.ReadContext(f, conf)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// squash drops white space, which pdftotext places its own way.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#34;", `"`).Replace(s)
}

func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("PLANBOOK_CHROME", filepath.Join(t.TempDir(), "no-such-chrome"))
	code, _, stderr := runCmd("pdf", "-s", "../..")
	if code != 1 || !strings.Contains(stderr, "PLANBOOK_CHROME") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	t.Setenv("PLANBOOK_CHROME", "")
	t.Setenv("PATH", t.TempDir())
	code, _, stderr = runCmd("pdf", "-s", "../..")
	if code != 1 || !strings.Contains(stderr, "apt-get install -y chromium") {
		t.Errorf("without a browser on PATH: exit %d: %s", code, stderr)
	}
}

// BenchmarkPDF prints the example's four booklets, the site built before
// the first: the wall time of planbook pdf (docs/performance.md).
//
//	go test ./cmd/planbook -run '^$' -bench PDF -benchtime 1x -count 5
func BenchmarkPDF(b *testing.B) {
	browser.ForTest(b)
	site := copySite(b)
	if code, stdout, stderr := runCmd("build", "-s", site); code != 0 {
		b.Fatalf("build exited %d:\n%s%s", code, stdout, stderr)
	}
	for b.Loop() {
		if code, stdout, stderr := runCmd("pdf", "-s", site); code != 0 {
			b.Fatalf("pdf exited %d:\n%s%s", code, stdout, stderr)
		}
	}
}
