package pipeline_test

import (
	"bytes"
	"flag"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the expected output of golden tests")

// writeSite writes the files of a txtar archive (except those whose name
// starts with "expect") into a new temporary folder.
func writeSite(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	return sitetest.Dir(t, sitetest.Archive(t, ar))
}

// section returns the archive file named name, adding it when missing.
func section(ar *txtar.Archive, name string) *txtar.File {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			return &ar.Files[i]
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name})
	return &ar.Files[len(ar.Files)-1]
}

// positioned matches a diagnostic's first line: a file with its line and
// column, a file alone for a problem of the whole file (a missing plan, a
// bad file name), or a folder for errors with no single line.
var positioned = regexp.MustCompile(`^(content/[^:]+\.(toml|md)(:\d+(:\d+)?)?|content/(actuals/[^:]+|people)\.csv:\d+(:\d+)?|content/regions/|planbook\.toml:\d+(:\d+)?): `)

// TestBadInputs loads every broken site under testdata/bad and compares
// the errors planbook prints with the archive's "expect" section. Every
// error must name its file, and its line where it has one.
func TestBadInputs(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/bad/*.txtar")
	if len(files) == 0 {
		t.Fatal("no bad-input cases found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := writeSite(t, ar)
			// Errors in pages (shortcodes) show when rendering.
			rep, _ := pipeline.NewBuilder(pipeline.Options{Site: dir}).Check()
			errs := rep.Diagnostics
			if !errs.HasErrors() {
				t.Fatalf("%s builds without errors", file)
			}
			var out bytes.Buffer
			for _, d := range errs.Errors() {
				if !positioned.MatchString(d.String()) {
					t.Errorf("error does not name a file and line: %s", d)
				}
				diag.Print(&out, d)
			}
			want := section(ar, "expect")
			if *update {
				want.Data = out.Bytes()
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if got := out.String(); got != string(want.Data) {
				t.Errorf("errors differ (run go test ./generator/pipeline -run BadInputs -update to accept)\ngot:\n%s\nwant:\n%s", got, want.Data)
			}
		})
	}
}

// TestGoldenPlans computes every site under testdata/sites and the bundled
// example, and compares data/plan.json with its golden file.
func TestGoldenPlans(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden sites found")
	}
	cases := map[string]string{"example": "../../"}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cases[strings.TrimSuffix(filepath.Base(file), ".txtar")] = writeSite(t, ar)
	}
	for name, dir := range cases {
		t.Run(name, func(t *testing.T) {
			r, errs := pipeline.Load(dir)
			if err := errs.Err(); err != nil {
				t.Fatal(err)
			}
			goldens := map[string][]byte{name + ".plan.json": data.JSON(r)}
			if files := data.ActualsFiles(r); files != nil {
				goldens[name+".actuals.json"] = files["data/actuals.json"]
			}
			for file, got := range goldens {
				golden := filepath.Join("../../testdata/golden", file)
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					os.WriteFile(golden, got, 0o644)
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./generator/pipeline -run GoldenPlans -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run with -update to accept):\n%s", name, golden, firstDiff(string(got), string(want)))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + al[i] + "\n  want: " + bl[i]
		}
	}
	return "lengths differ"
}

// TestGoldenHTML renders the small test sites (one in Chinese, one in
// English; teams and people with and without people_pages) and compares
// every page, and every file of the explanations of their figures, with
// its golden copy under testdata/golden/html.
func TestGoldenHTML(t *testing.T) {
	for _, name := range []string{"mini", "weights-april", "actuals-april", "people", "people-april"} {
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile("../../testdata/sites/" + name + ".txtar")
			if err != nil {
				t.Fatal(err)
			}
			dir := writeSite(t, ar)
			out := filepath.Join(t.TempDir(), "out")
			if _, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: out}).Build(); err != nil {
				t.Fatal(err)
			}
			files := readAll(t, out)
			goldenDir := filepath.Join("../../testdata/golden/html", name)
			var pages []string
			for p := range files {
				if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".explain.js") || strings.HasPrefix(path.Base(p), "explain-") {
					pages = append(pages, p)
				}
			}
			sort.Strings(pages)
			if len(pages) < 5 {
				t.Fatalf("only %d pages", len(pages))
			}
			if *update {
				os.RemoveAll(goldenDir)
			}
			for _, p := range pages {
				golden := filepath.Join(goldenDir, filepath.FromSlash(p))
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					os.WriteFile(golden, []byte(files[p]), 0o644)
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Errorf("%v (run go test ./generator/pipeline -run GoldenHTML -update)", err)
					continue
				}
				if files[p] != string(want) {
					t.Errorf("%s differs from %s (run with -update to accept):\n%s", p, golden, firstDiff(files[p], string(want)))
				}
			}
		})
	}
}
