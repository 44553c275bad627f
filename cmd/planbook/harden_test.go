package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// otherRegions are the names and managers of the example's regions other
// than east.
var otherRegions = []string{"华北大区", "华南大区", "西南大区", "赵经理", "李经理", "陈经理"}

// TestRegionBuildShowsNothingElse builds the example for east's audience:
// no file holds a byte of another region's name or manager, there are no
// other region pages, and plan.json and the CSV files list east alone
// (and the others added up, in the CSV files).
func TestRegionBuildShowsNothingElse(t *testing.T) {
	site := copySite(t)
	code, stdout, stderr := runCmd("build", "-s", site, "--region", "east")
	if code != 0 {
		t.Fatalf("build --region east: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(site, "public-east")
	files := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, _ := os.ReadFile(p)
		for _, w := range otherRegions {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("%s holds %q", p, w)
			}
		}
		return nil
	})
	if files < 10 {
		t.Fatalf("only %d files built", files)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "regions"))
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if strings.Join(dirs, " ") != "east" {
		t.Errorf("region folders: %v, want east only", dirs)
	}
	var doc struct {
		Target  float64 `json:"target"`
		Regions []struct {
			ID string `json:"id"`
		} `json:"regions"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "data", "plan.json"))
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Regions) != 1 || doc.Regions[0].ID != "east" || doc.Target != 13800 {
		t.Errorf("plan.json: target %v, regions %+v; want the company target and east alone", doc.Target, doc.Regions)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "data", "regions-quarters.csv"))
	rows := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(csv), "\ufeff")), "\r\n")
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, strings.SplitN(r, ",", 2)[0])
	}
	if strings.Join(ids, " ") != "east others total" || !strings.HasSuffix(rows[len(rows)-1], ",13800") {
		t.Errorf("regions-quarters.csv rows %v, last %q", ids, rows[len(rows)-1])
	}
	// The actuals too: east, the others as one line, and the company's
	// year to date, the same as in the whole site's.
	var actuals struct {
		Year struct {
			Actual json.Number `json:"actual"`
		} `json:"year"`
		Regions []struct {
			ID string `json:"id"`
		} `json:"regions"`
	}
	data, _ = os.ReadFile(filepath.Join(out, "data", "actuals.json"))
	if err := json.Unmarshal(data, &actuals); err != nil {
		t.Fatal(err)
	}
	if len(actuals.Regions) != 1 || actuals.Regions[0].ID != "east" || actuals.Year.Actual != "10342.7" {
		t.Errorf("actuals.json: year to date %s, regions %+v; want the company's 10342.7 and east alone", actuals.Year.Actual, actuals.Regions)
	}
	csv, _ = os.ReadFile(filepath.Join(out, "data", "actuals-regions.csv"))
	rows = strings.Split(strings.TrimSpace(strings.TrimPrefix(string(csv), "\ufeff")), "\r\n")
	ids = nil
	for _, r := range rows[1:] {
		ids = append(ids, strings.SplitN(r, ",", 2)[0])
	}
	if strings.Join(ids, " ") != "east others total" {
		t.Errorf("actuals-regions.csv rows %v", ids)
	}
	// Pages for everyone that name other regions are left out, with a
	// warning naming them.
	if !strings.Contains(stderr, "left out of this site") {
		t.Errorf("no warning about pages left out:\n%s", stderr)
	}
	// Each names the file, line and column of the first mention.
	if !regexp.MustCompile(`content/risks\.md:\d+:\d+: warning: left out of this site: the page names "华南"`).MatchString(stderr) {
		t.Errorf("the warning for risks.md names no line of the mention:\n%s", stderr)
	}
	if code, _, stderr := runCmd("build", "-s", site, "--region", "eest"); code != 1 || !strings.Contains(stderr, `did you mean "east"`) {
		t.Errorf("unknown region: exit %d\n%s", code, stderr)
	}
}

// TestRefusedInputsChangeNothing: a symbolic link out of the site and an
// oversized file each fail the build with a message naming the file, and
// leave the previous output as it was.
func TestRefusedInputsChangeNothing(t *testing.T) {
	site := copySite(t)
	out := filepath.Join(site, "public")
	if code, _, stderr := runCmd("build", "-s", site); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, out)

	link := filepath.Join(site, "content", "secrets.md")
	outside := filepath.Join(t.TempDir(), "secrets.md")
	os.WriteFile(outside, []byte("# not part of the site\n"), 0o644)
	if err := os.Symlink(outside, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	code, _, stderr := runCmd("build", "-s", site)
	if code != 1 || !strings.Contains(stderr, "content/secrets.md: symbolic link to "+outside+", outside the site folder") {
		t.Errorf("symbolic link out of the site: exit %d\n%s", code, stderr)
	}
	os.Remove(link)

	big := filepath.Join(site, "content", "huge.md")
	os.WriteFile(big, bytes.Repeat([]byte("x"), 11<<20), 0o644)
	code, _, stderr = runCmd("build", "-s", site)
	if code != 1 || !strings.Contains(stderr, "content/huge.md: file too large: 11.0 MiB, the limit is 10 MiB") {
		t.Errorf("oversized file: exit %d\n%s", code, stderr)
	}
	os.Remove(big)

	after := snapshot(t, out)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("refused build changed %s", k)
		}
	}
	if len(after) != len(before) {
		t.Errorf("refused build changed the number of files: %d → %d", len(before), len(after))
	}
}
