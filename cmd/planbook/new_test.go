package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planbook/generator/plan"
)

// TestNewThenBuild runs planbook new in both languages, then check and
// build on what it wrote: no error, no warning, every check ok. A second
// new into the same folder is refused and changes nothing.
func TestNewThenBuild(t *testing.T) {
	for _, lang := range []string{"zh-CN", "en"} {
		dir := filepath.Join(t.TempDir(), "sales plan")
		code, out, errs := runCmd("new", dir, "--lang", lang, "--regions", "2", "--year", "2025")
		if code != 0 || errs != "" || !strings.Contains(out, "Created a 2025 plan with 2 regions") || !strings.Contains(out, "cd '"+dir+"'") {
			t.Fatalf("%s: new exited %d:\n%s%s", lang, code, out, errs)
		}
		code, out, errs = runCmd("check", "-s", dir)
		if code != 0 || errs != "" || !strings.Contains(out, "0 errors, 0 warnings") || strings.Contains(out, "warning ") {
			t.Errorf("%s: check exited %d:\n%s%s", lang, code, out, errs)
		}
		code, out, errs = runCmd("build", "-s", dir)
		if code != 0 || errs != "" || !strings.Contains(out, "Built ") {
			t.Errorf("%s: build exited %d:\n%s%s", lang, code, out, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "regions", "east", "booklet.html")); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		before := snapshot(t, dir)
		if code, _, errs := runCmd("new", dir); code != 1 || !strings.Contains(errs, "is not empty") {
			t.Errorf("%s: new over the site exited %d: %s", lang, code, errs)
		}
		if after := snapshot(t, dir); len(after) != len(before) {
			t.Errorf("%s: the refused new changed the folder", lang)
		}
	}
	if code, _, errs := runCmd("new"); code != 2 || !strings.Contains(errs, "want one folder") {
		t.Errorf("new without a folder exited %d: %s", code, errs)
	}
	if code, _, errs := runCmd("new", t.TempDir(), "--lang", "fr"); code != 1 || !strings.Contains(errs, `unknown language "fr"`) {
		t.Errorf("new --lang fr exited %d: %s", code, errs)
	}
}

// TestSchemaCommand writes the schemas into a site's schema folder, and
// with -o anywhere; they are the example site's.
func TestSchemaCommand(t *testing.T) {
	site := t.TempDir()
	code, out, errs := runCmd("schema", "-s", site)
	if code != 0 || errs != "" || strings.Count(out, "Wrote ") != 3 {
		t.Fatalf("schema exited %d:\n%s%s", code, out, errs)
	}
	for name, want := range plan.Schemas() {
		got, err := os.ReadFile(filepath.Join(site, "schema", name))
		example, _ := os.ReadFile(filepath.Join("../../schema", name))
		if err != nil || string(got) != string(want) || string(example) != string(want) {
			t.Errorf("%s: not the schema (%v)", name, err)
		}
	}
	other := filepath.Join(t.TempDir(), "x")
	if code, _, errs := runCmd("schema", "-o", other); code != 0 {
		t.Errorf("schema -o exited %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(other, "plan.schema.json")); err != nil {
		t.Error(err)
	}
}
