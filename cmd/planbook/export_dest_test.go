package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportRefusesSources asks export to write over the plan, into
// content/, over the site's settings, into a built site and over files
// and folders planbook did not write: each is refused with exit 1 and a
// hint, and nothing changes. An export written before is replaced, and
// --force writes anyway.
func TestExportRefusesSources(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	os.WriteFile(filepath.Join(site, "planbook.toml"), []byte("language = \"en\"\n"), 0o644)
	os.MkdirAll(filepath.Join(site, "content", "actuals"), 0o755)
	os.MkdirAll(filepath.Join(site, "themes", "default"), 0o755)
	if code, _, errs := runCmd("build", "-s", site); code != 0 {
		t.Fatal(errs)
	}
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "budget.xlsx"), []byte("PK not ours"), 0o644)
	os.WriteFile(filepath.Join(mine, "notes.json"), []byte(`{"title": "mine"}`), 0o644)
	os.WriteFile(filepath.Join(mine, "tables.zip"), []byte("not a zip"), 0o644)
	os.MkdirAll(filepath.Join(mine, "tables"), 0o755)
	os.WriteFile(filepath.Join(mine, "tables", "keep.csv"), []byte("mine"), 0o644)
	os.Symlink(filepath.Join(site, "content", "plan.toml"), filepath.Join(mine, "link.json"))
	before := snapshot(t, site)
	beforeMine := snapshot(t, mine)

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "json", "-o", filepath.Join(site, "content", "plan.toml")}, "is inside content/"},
		{[]string{"--format", "csv", "-o", filepath.Join(site, "content", "actuals")}, "is inside content/"},
		{[]string{"--format", "csv", "-o", filepath.Join(site, "content")}, "is inside content/"},
		{[]string{"-o", filepath.Join(site, "content", "new.xlsx")}, "is inside content/"},
		{[]string{"-o", filepath.Join(site, "themes", "default", "plan.xlsx")}, "is inside themes/"},
		{[]string{"--format", "json", "-o", filepath.Join(site, "planbook.toml")}, "is the site's planbook.toml"},
		{[]string{"--format", "csv", "-o", site}, "is the site folder itself"},
		{[]string{"-o", filepath.Join(site, "public", "plan.xlsx")}, "a site planbook build writes"},
		{[]string{"--format", "json", "-o", filepath.Join(mine, "link.json")}, "is inside content/"},
		{[]string{"-o", filepath.Join(mine, "budget.xlsx")}, "was not written by planbook export"},
		{[]string{"--format", "json", "-o", filepath.Join(mine, "notes.json")}, "was not written by planbook export"},
		{[]string{"--format", "csv", "-o", filepath.Join(mine, "tables.zip")}, "was not written by planbook export"},
		{[]string{"--format", "csv", "-o", filepath.Join(mine, "tables")}, "not created by planbook"},
	} {
		code, _, errs := runCmd(append([]string{"export", "-s", site}, c.args...)...)
		if code != 1 || !strings.Contains(errs, c.want) || !strings.Contains(errs, "--force") {
			t.Errorf("export %s: exit %d: %s", strings.Join(c.args, " "), code, errs)
		}
	}
	for name, was := range before {
		if now := snapshot(t, site)[name]; now != was {
			t.Errorf("a refused export changed %s", name)
		}
	}
	if len(snapshot(t, site)) != len(before) {
		t.Error("a refused export added files to the site")
	}
	for name, was := range beforeMine {
		if snapshot(t, mine)[name] != was {
			t.Errorf("a refused export changed %s", name)
		}
	}

	// What export wrote, it replaces.
	out := t.TempDir()
	for _, args := range [][]string{
		{"-o", filepath.Join(out, "plan.xlsx")},
		{"--format", "csv", "-o", filepath.Join(out, "tables.zip")},
		{"--format", "csv", "-o", filepath.Join(out, "tables")},
		{"--format", "json", "-o", filepath.Join(out, "plan.json")},
	} {
		for i := 0; i < 2; i++ {
			if code, _, errs := runCmd(append([]string{"export", "-s", site}, args...)...); code != 0 {
				t.Errorf("export %s, time %d: %s", strings.Join(args, " "), i+1, errs)
			}
		}
	}

	// --force writes anyway, and into a foreign folder it leaves the
	// folder's other files.
	if code, _, errs := runCmd("export", "-s", site, "--force", "-o", filepath.Join(mine, "budget.xlsx")); code != 0 {
		t.Errorf("--force over a foreign file: %s", errs)
	}
	if code, _, errs := runCmd("export", "-s", site, "--force", "--format", "csv", "-o", filepath.Join(mine, "tables")); code != 0 {
		t.Errorf("--force into a foreign folder: %s", errs)
	}
	if data, _ := os.ReadFile(filepath.Join(mine, "tables", "keep.csv")); string(data) != "mine" {
		t.Error("--force into a foreign folder removed its own file")
	}
	if _, err := os.Stat(filepath.Join(mine, "tables", "regions-quarters.csv")); err != nil {
		t.Errorf("--force into a foreign folder wrote no tables: %v", err)
	}
}
