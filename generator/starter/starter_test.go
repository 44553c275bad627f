package starter

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"planbook/generator/compute"
	"planbook/generator/pipeline"
	"planbook/generator/plan"
	"planbook/internal/sitetest"
	"planbook/internal/tomlschema"
)

// TestNewSitesBuildClean checks a new site in each language with every
// number of regions: it renders with no error, no warning and every check
// ok, its regions' shares add up as written, and its TOML files begin
// with their #:schema comment and validate against the schemas.
func TestNewSitesBuildClean(t *testing.T) {
	v, err := tomlschema.New(plan.Schemas())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for n := 1; n <= MaxRegions; n++ {
			files, err := Files(Options{Lang: lang, Regions: n, Year: 2025})
			if err != nil {
				t.Fatal(err)
			}
			site := sitetest.Dir(t, mapFS(files))
			rep, err := pipeline.NewBuilder(pipeline.Options{Site: site}).Check()
			if err != nil {
				t.Fatalf("%s, %d regions: %v", lang, n, err)
			}
			if w := rep.Diagnostics.Warnings(); len(w) > 0 {
				t.Errorf("%s, %d regions: %d warnings, the first: %s", lang, n, len(w), w[0])
			}
			for _, c := range rep.Result.Checks {
				if c.Level != compute.OK {
					t.Errorf("%s, %d regions: check %s is %s", lang, n, c.Code, c.Level)
				}
			}
			if got := len(rep.Result.Regions); got != n {
				t.Errorf("%s: %d regions asked, %d built", lang, n, got)
			}
			for name, data := range files {
				if plan.SchemaFor(name) == "" {
					continue
				}
				text := string(data)
				if first, _, _ := strings.Cut(text, "\n"); first != plan.SchemaComment(name) {
					t.Errorf("%s: %s begins with %q", lang, name, first)
				}
				if err := v.Validate(plan.SchemaFor(name), text); err != nil {
					t.Errorf("%s: %s: %v", lang, name, err)
				}
			}
		}
	}
}

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// TestNewSiteLanguage checks that a Chinese site's plan, regions and
// pages are written in Chinese, and an English site's texts hold no
// Chinese at all (the schemas are planbook's, the same for every site).
func TestNewSiteLanguage(t *testing.T) {
	hasHan := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}
	zh, _ := Files(Options{Lang: "zh-CN", Regions: 3, Year: 2025})
	en, _ := Files(Options{Lang: "en", Regions: 3, Year: 2025})
	for _, name := range []string{plan.PlanFile, "content/regions/east.toml", "content/regions/east.md", "content/strategy.md", "README.md", plan.ConfigFile, ".gitignore"} {
		if !hasHan(string(zh[name])) {
			t.Errorf("zh-CN: %s has no Chinese", name)
		}
	}
	for name, data := range en {
		if !strings.HasPrefix(name, plan.SchemaDir+"/") && hasHan(string(data)) {
			t.Errorf("en: %s has Chinese", name)
		}
	}
	if !strings.Contains(string(zh[plan.ConfigFile]), `language = "zh-CN"`) || !strings.Contains(string(en[plan.ConfigFile]), `language = "en"`) {
		t.Errorf("planbook.toml does not set the language:\n%s\n%s", zh[plan.ConfigFile], en[plan.ConfigFile])
	}
}

// TestWorkflowIsTheDocumented compares the new site's workflow with the
// GitHub Actions pipeline of docs/ci.md: the English one is a copy, the
// Chinese one differs only in its comments.
func TestWorkflowIsTheDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(doc), "## GitHub Actions")
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	want, _, _ := strings.Cut(rest, "```")
	const name = ".github/workflows/plan.yml"
	en, _ := Files(Options{Lang: "en", Regions: 2, Year: 2025})
	if string(en[name]) != want {
		t.Errorf("the English workflow is not docs/ci.md's:\n%s", en[name])
	}
	zh, _ := Files(Options{Lang: "zh-CN", Regions: 2, Year: 2025})
	if got := withoutComments(string(zh[name])); got != withoutComments(want) {
		t.Errorf("the Chinese workflow differs from docs/ci.md's beyond its comments:\n%s", got)
	}
}

// withoutComments drops YAML comments and the lines they leave empty.
func withoutComments(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(line[:i], "${{") {
			line = strings.TrimRight(line[:i], " ")
			if line == "" {
				continue
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// TestNewRefusesNonEmptyFolder writes a site into a new folder and into an
// empty one, and refuses a folder that holds a file, which stays as it was.
func TestNewRefusesNonEmptyFolder(t *testing.T) {
	o := Options{Lang: "en", Regions: 2, Year: 2025}
	dir := filepath.Join(t.TempDir(), "new", "plan")
	written, err := New(dir, o)
	if err != nil || len(written) != 13 {
		t.Fatalf("new folder: %d files, %v", len(written), err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".github", "workflows", "plan.yml")); err != nil {
		t.Error(err)
	}
	if _, err := New(t.TempDir(), o); err != nil {
		t.Errorf("empty folder: %v", err)
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)
	if _, err := New(full, o); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a folder with a file: %v", err)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("the refused folder holds %d entries", len(entries))
	}
	for _, bad := range []Options{{Lang: "fr", Regions: 2, Year: 2025}, {Lang: "en", Regions: 0, Year: 2025}, {Lang: "en", Regions: MaxRegions + 1, Year: 2025}} {
		if _, err := New(t.TempDir(), bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestWriteSchemas writes the schemas, replaces them, and refuses a file
// of the same name that planbook did not write unless forced.
func TestWriteSchemas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "schema")
	if written, err := WriteSchemas(dir, false); err != nil || len(written) != 3 {
		t.Fatalf("%v %v", written, err)
	}
	if _, err := WriteSchemas(dir, false); err != nil {
		t.Errorf("writing again: %v", err)
	}
	mine := filepath.Join(dir, "region.schema.json")
	os.WriteFile(mine, []byte(`{"title": "my own"}`), 0o644)
	if _, err := WriteSchemas(dir, false); !errors.Is(err, ErrForeign) {
		t.Errorf("over a foreign file: %v", err)
	}
	if data, _ := os.ReadFile(mine); string(data) != `{"title": "my own"}` {
		t.Errorf("the foreign file changed: %s", data)
	}
	if _, err := WriteSchemas(dir, true); err != nil {
		t.Errorf("forced: %v", err)
	}
	if data, _ := os.ReadFile(mine); string(data) != string(plan.Schemas()["region.schema.json"]) {
		t.Error("forced: the file is not the schema")
	}
}
