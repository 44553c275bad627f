package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planbook/internal/browser"
)

// person is a person of plan.json, as the letters test reads them.
type person struct {
	ID, Name, Region string
	Quota            float64
	Months           []float64
}

// examplePeople returns the people of the example from an export, which
// lists them whatever people_pages says.
func examplePeople(t *testing.T, site string) []person {
	t.Helper()
	code, out, errs := runCmd("export", "-s", site, "--format", "json")
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	var pj struct{ People []person }
	if err := json.Unmarshal([]byte(out), &pj); err != nil || len(pj.People) < 25 {
		t.Fatalf("the example has %d people (%v), want about 30", len(pj.People), err)
	}
	return pj.People
}

// TestPDFLetters prints the example's target letters (planbook pdf
// --people): one A4 page per person, with their name, their annual quota
// and their months, real TrueType fonts, in the site (people_pages is set)
// next to the letter's page. With --region, a region's people only.
func TestPDFLetters(t *testing.T) {
	browser.ForTest(t)
	site := copySite(t)
	code, stdout, stderr := runCmd("pdf", "-s", site, "--people")
	if code != 0 {
		t.Fatalf("pdf --people exited %d:\n%s%s", code, stdout, stderr)
	}
	people := examplePeople(t, site)
	if !strings.Contains(stdout, "Printed 30 letters") {
		t.Errorf("pdf --people says:\n%s", stdout)
	}
	pdftotext := poppler(t, "pdftotext")
	for _, ps := range people {
		file := filepath.Join(site, "public", "people", ps.ID, "letter.pdf")
		b := readLetter(t, file)
		text := run1(t, pdftotext, "-layout", file, "-")
		for _, want := range []string{ps.Name, "目标责任书", "示例冷链科技有限公司", amountText(ps.Quota) + " 万元", "责任人签字", "直属上级签字"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s (%s): the letter lacks %q", ps.ID, ps.Name, want)
			}
		}
		if ps.ID == "p023" {
			// 唐亮 starts on 1 April: his ramp months are in the letter.
			if !strings.Contains(text, "4月 25.0%、5月 50.0%、6月 75.0%") {
				t.Errorf("the new hire's letter does not list his ramp:\n%s", text)
			}
		}
		b.checkFonts(t)
		b.checkLang(t, "zh-CN")
	}

	// A region's letters come from its own site.
	code, stdout, stderr = runCmd("pdf", "-s", site, "--people", "--region", "southwest")
	if code != 0 || !strings.Contains(stdout, "Printed 3 letters") {
		t.Fatalf("pdf --people --region southwest exited %d:\n%s%s", code, stdout, stderr)
	}
	printed, _ := filepath.Glob(filepath.Join(site, "public-southwest", "people", "*", "letter.pdf"))
	if len(printed) != 3 {
		t.Errorf("southwest's site holds %d letters, want its 3 people's", len(printed))
	}
}

// TestPDFLettersNotPublished prints the letters of the example without
// people_pages: into public-letters, a folder of their own, while the site
// in public holds no person's name, and a build leaves the letters alone.
func TestPDFLettersNotPublished(t *testing.T) {
	browser.ForTest(t)
	site := copySite(t)
	if err := os.WriteFile(filepath.Join(site, "planbook.toml"), []byte("people_pages = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd("pdf", "-s", site, "--people", "--region", "north")
	if code != 0 {
		t.Fatalf("pdf --people exited %d:\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "public-north-letters") || !strings.Contains(stdout, "do not publish") {
		t.Errorf("pdf --people does not say where the letters went:\n%s", stdout)
	}
	people := examplePeople(t, site)
	letters := filepath.Join(site, "public-north-letters")
	n := 0
	for _, ps := range people {
		file := filepath.Join(letters, "people", ps.ID, "letter.pdf")
		if ps.Region != "north" {
			if _, err := os.Stat(file); err == nil {
				t.Errorf("north's letters include %s of %s", ps.ID, ps.Region)
			}
			continue
		}
		n++
		text := run1(t, poppler(t, "pdftotext"), file, "-")
		if !strings.Contains(text, ps.Name) || !strings.Contains(text, amountText(ps.Quota)) {
			t.Errorf("%s: the letter lacks the name or quota %v", ps.ID, ps.Quota)
		}
	}
	if n != 8 {
		t.Errorf("%d of north's people, want 8", n)
	}
	if code, _, stderr := runCmd("build", "-s", site); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	filepath.WalkDir(filepath.Join(site, "public"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "/assets/") {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, ps := range people {
			if strings.Contains(string(b), ps.Name) && !isManager(ps.Name) {
				t.Errorf("%s names %s without people_pages", path, ps.Name)
			}
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(letters, "people", "p012", "letter.pdf")); err != nil {
		t.Errorf("a build touched the letters: %v", err)
	}
}

// isManager reports whether a person of the example is also a team's
// manager, whom the teams tables name.
func isManager(name string) bool {
	switch name {
	case "张伟", "刘洋", "马超", "胡军", "黄志强", "梁文":
		return true
	}
	return false
}

// readLetter reads a printed letter: A4, one page.
func readLetter(t *testing.T, file string) *booklet {
	t.Helper()
	info := run1(t, poppler(t, "pdfinfo"), file)
	if !strings.Contains(info, "(A4)") {
		t.Errorf("%s is not A4:\n%s", file, info)
	}
	if !strings.Contains(info, "Pages:           1\n") {
		t.Errorf("%s is not one page:\n%s", file, info)
	}
	return &booklet{file: file, info: info}
}

// amountText writes an amount as the letters do: thousands separators.
func amountText(v float64) string {
	s := strings.TrimSuffix(strings.TrimRight(strings.TrimRight(jsonNumber(v), "0"), "."), ".")
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if frac != "" {
		return whole + "." + frac
	}
	return whole
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// TestPDFLettersNobody asks for the letters of a region without people,
// and of a plan without a roster: nothing to print, said so, exit 1.
func TestPDFLettersNobody(t *testing.T) {
	browser.ForTest(t)
	site := t.TempDir()
	writeTestSite(t, "people", site)
	code, _, stderr := runCmd("pdf", "-s", site, "--people", "--region", "west")
	if code != 1 || !strings.Contains(stderr, "pdf: west has no people in content/people.csv") {
		t.Errorf("west: exit %d:\n%s", code, stderr)
	}
	site = t.TempDir()
	writeTestSite(t, "mini", site)
	code, _, stderr = runCmd("pdf", "-s", site, "--people")
	if code != 1 || !strings.Contains(stderr, "pdf: the plan has no people (content/people.csv)") {
		t.Errorf("mini: exit %d:\n%s", code, stderr)
	}
}
