package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
// at least three pages, the region's name, its annual target and the
// quarter labels of its charts in the text, and every font embedded (the
// Chinese text among them). A page of one booklet is rendered to PNG for
// a reviewer to look at.
func TestPDFBooklets(t *testing.T) {
	browser.ForTest(t)
	pdfinfo, pdftotext, pdffonts, pdftoppm := poppler(t, "pdfinfo"), poppler(t, "pdftotext"), poppler(t, "pdffonts"), poppler(t, "pdftoppm")
	site := copySite(t)
	code, stdout, stderr := runCmd("pdf", "-s", site)
	if code != 0 {
		t.Fatalf("pdf exited %d:\n%s%s", code, stdout, stderr)
	}
	t.Logf("%s", strings.TrimSpace(stdout))
	regions := map[string]string{"east": "华东大区", "north": "华北大区", "south": "华南大区", "southwest": "西南大区"}
	targets := map[string]string{"east": "5,244", "north": "3,726", "south": "3,450", "southwest": "1,380"}
	for id, name := range regions {
		file := filepath.Join(site, "public", "regions", id, "booklet.pdf")
		info := run1(t, pdfinfo, file)
		if !strings.Contains(info, "(A4)") {
			t.Errorf("%s is not A4:\n%s", id, info)
		}
		pages := 0
		for _, line := range strings.Split(info, "\n") {
			if v, ok := strings.CutPrefix(line, "Pages:"); ok {
				pages, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		if pages < 3 {
			t.Errorf("%s has %d pages, want at least 3", id, pages)
		}
		text := run1(t, pdftotext, "-layout", file, "-")
		for _, want := range []string{name, targets[id], "第一季度", "第四季度", "签字确认", "第 2 页 / 共"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text lacks %q", id, want)
			}
		}
		fonts := run1(t, pdffonts, file)
		lines := strings.Split(strings.TrimSpace(fonts), "\n")
		if len(lines) < 3 {
			t.Errorf("%s: no fonts listed:\n%s", id, fonts)
		}
		for _, l := range lines[2:] {
			f := strings.Fields(l)
			// name type... encoding emb sub uni object ID: emb is the fifth
			// field from the end.
			if len(f) < 6 || f[len(f)-5] != "yes" {
				t.Errorf("%s: font not embedded: %s", id, l)
			}
		}
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
	text := run1(t, pdftotext, filepath.Join(site, "public-east", "regions", "east", "booklet.pdf"), "-")
	if !strings.Contains(text, "华东大区") {
		t.Error("east's own booklet lacks its name")
	}
	for _, w := range otherRegions {
		if strings.Contains(text, w) {
			t.Errorf("east's booklet shows %q", w)
		}
	}
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
