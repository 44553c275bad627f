package plan

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"planbook/internal/sitetest"
	"planbook/internal/tomlschema"
)

var update = flag.Bool("update", false, "rewrite the schema/ folder of the example site")

// siteFile is a TOML file of a test site.
type siteFile struct {
	site, name, text string
}

// validSites returns the sites that load without errors: the example,
// the test sites and this package's schema sites, each as its file system.
func validSites(t *testing.T) map[string]fs.FS {
	t.Helper()
	sites := map[string]fs.FS{"example": os.DirFS("../..")}
	for _, glob := range []string{"../../testdata/sites/*.txtar", "testdata/schema/*.txtar"} {
		files, _ := filepath.Glob(glob)
		if len(files) == 0 {
			t.Fatalf("no sites match %s", glob)
		}
		for _, f := range files {
			sites[f] = sitetest.ArchiveFile(t, f)
		}
	}
	return sites
}

// tomlFiles returns the files of fsys that a schema describes.
func tomlFiles(t *testing.T, site string, fsys fs.FS) []siteFile {
	t.Helper()
	var out []siteFile
	names := []string{ConfigFile, PlanFile}
	regions, _ := fs.Glob(fsys, RegionsDir+"/*.toml")
	for _, name := range append(names, regions...) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		out = append(out, siteFile{site, name, string(data)})
	}
	return out
}

func validator(t *testing.T) *tomlschema.Validator {
	t.Helper()
	v, err := tomlschema.New(Schemas())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemasAcceptEveryValidFile validates every TOML file of the
// example site and the test sites, each of which loads without errors,
// against its schema; together they set every key of the schemas, so that
// no key of a schema is one the loader does not read.
func TestSchemasAcceptEveryValidFile(t *testing.T) {
	v := validator(t)
	used := map[string]bool{}
	n := 0
	for site, fsys := range validSites(t) {
		if _, errs := Load(fsys); errs.HasErrors() {
			t.Errorf("%s does not load: %v", site, errs.Errors()[0])
			continue
		}
		for _, f := range tomlFiles(t, site, fsys) {
			n++
			if err := v.Validate(SchemaFor(f.name), f.text); err != nil {
				t.Errorf("%s: %s: %v", site, f.name, err)
			}
			doc, _ := tomlschema.Decode(f.text)
			for _, p := range keyPaths(doc, "") {
				used[SchemaFor(f.name)+":"+p] = true
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d files validated", n)
	}
	for name, sh := range recorded() {
		for _, p := range schemaPaths(sh, "") {
			if !used[name+":"+p] {
				t.Errorf("%s: no valid test file sets %s: add it to testdata/schema/every-key.txtar", name, p)
			}
		}
	}
}

// keyPaths returns the dotted paths of the keys of a decoded document as
// schemaPaths writes them: an entry of a list of tables is "*", and so is
// a key of a table whose keys are ids.
func keyPaths(v any, prefix string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			key := k
			if idTable(prefix) {
				key = anyKey
			}
			p := join(prefix, key)
			out = append(out, p)
			out = append(out, keyPaths(e, p)...)
		}
	case []any:
		for _, e := range x {
			if _, isTable := e.(map[string]any); isTable {
				out = append(out, keyPaths(e, join(prefix, anyKey))...)
			}
		}
	}
	return out
}

// idTable reports whether the keys of the table at p are ids.
func idTable(p string) bool {
	return p == "mix.products" || p == "mix.customers" || p == "customer_counts"
}

// TestSchemasRejectUnknownKeys adds a key the loader does not read to
// every table of every valid file: the schema refuses each, as the loader
// does.
func TestSchemasRejectUnknownKeys(t *testing.T) {
	v := validator(t)
	checked := 0
	for site, fsys := range validSites(t) {
		for _, f := range tomlFiles(t, site, fsys) {
			doc, err := tomlschema.Decode(f.text)
			if err != nil {
				t.Fatal(err)
			}
			for _, table := range tables(doc, "") {
				// Shar: not a key the loader reads, nor an id.
				table.m["Shar"] = "40%"
				if err := v.ValidateValue(SchemaFor(f.name), doc); err == nil {
					t.Errorf("%s: %s: the schema accepts a key Shar in %s", site, f.name, table.path)
				} else if !strings.Contains(err.Error(), "Shar") {
					t.Errorf("%s: %s: Shar in %s: the error does not name the key: %v", site, f.name, table.path, err)
				}
				delete(table.m, "Shar")
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d tables checked", checked)
	}
}

type docTable struct {
	path string
	m    map[string]any
}

// tables returns every table of a decoded document.
func tables(v any, prefix string) []docTable {
	var out []docTable
	switch x := v.(type) {
	case map[string]any:
		out = append(out, docTable{prefix, x})
		for k, e := range x {
			out = append(out, tables(e, join(prefix, k))...)
		}
	case []any:
		for i, e := range x {
			out = append(out, tables(e, join(prefix, strconv.Itoa(i)))...)
		}
	}
	return out
}

// TestSchemasRejectWhatTheLoaderCallsUnknown validates the files of the
// broken sites under testdata/bad that the loader reports an unknown or
// misplaced key or a value of the wrong type in: the schema refuses them
// too. (A date in quotes is not among them: language servers pass dates
// to the schema as text.)
func TestSchemasRejectWhatTheLoaderCallsUnknown(t *testing.T) {
	v := validator(t)
	files, _ := filepath.Glob("../../testdata/bad/*.txtar")
	wrong := regexp.MustCompile(`(?m)^(content/\S+\.toml|planbook\.toml):\d+:\d+: (unknown key|key "[^"]+" is not allowed in|\S+ must be (text|a whole number|a number|true or false|a list|a table))`)
	checked := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var expect string
		texts := map[string]string{}
		for _, f := range ar.Files {
			if f.Name == "expect" {
				expect = string(f.Data)
			}
			texts[f.Name] = string(f.Data)
		}
		seen := map[string]bool{}
		for _, m := range wrong.FindAllStringSubmatch(expect, -1) {
			name := m[1]
			if seen[name] || SchemaFor(name) == "" {
				continue
			}
			seen[name] = true
			checked++
			if err := v.Validate(SchemaFor(name), texts[name]); err == nil {
				t.Errorf("%s: %s: the loader reports %q, the schema accepts the file", filepath.Base(file), name, m[0])
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d files checked", checked)
	}
}

// TestExampleSchemasUpToDate compares the example site's schema/ folder
// with what planbook schema writes, and its TOML files begin with the
// comment that points language servers at them. With -update it rewrites
// the folder.
func TestExampleSchemasUpToDate(t *testing.T) {
	dir := filepath.Join("../..", SchemaDir)
	for name, want := range Schemas() {
		file := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s is not what planbook schema writes: run go run ./cmd/planbook schema (or go test ./generator/plan -run TestExampleSchemasUpToDate -update)", path.Join(SchemaDir, name))
		}
	}
	for _, f := range tomlFiles(t, "example", os.DirFS("../..")) {
		first, _, _ := strings.Cut(f.text, "\n")
		if want := SchemaComment(f.name); first != want {
			t.Errorf("%s begins with %q, want %q", f.name, first, want)
		}
	}
}

// TestSchemaDocsNameKeys looks up every description of the schemas: each
// describes a key the loader reads.
func TestSchemaDocsNameKeys(t *testing.T) {
	shapes := recorded()
	var paths []string
	for name, sh := range shapes {
		for _, p := range schemaPaths(sh, "") {
			paths = append(paths, name+":"+p)
		}
	}
	sort.Strings(paths)
	matches := func(name, key string) bool {
		for _, p := range paths {
			file, kp, _ := strings.Cut(p, ":")
			if (name == "" && file != "planbook.schema.json" || file == name) && (kp == key || strings.HasSuffix(kp, "."+key)) {
				return true
			}
		}
		return false
	}
	for name, docs := range docsByFile {
		for key := range docs {
			if !matches(name, key) {
				t.Errorf("%s describes %s, which the loader does not read", name, key)
			}
		}
	}
	for key := range sharedDocs {
		if !matches("", key) {
			t.Errorf("the shared descriptions describe %s, which the loader does not read", key)
		}
	}
	for name, s := range Schemas() {
		if !strings.Contains(string(s), `"description": "The annual target`) && name == "plan.schema.json" {
			t.Errorf("%s has no description of target", name)
		}
	}
}
