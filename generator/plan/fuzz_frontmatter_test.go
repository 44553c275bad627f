package plan

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzFrontMatter feeds arbitrary Markdown files to the front matter
// splitter and to Load: no panic, the body is the end of the file, and
// every diagnostic points inside the file.
func FuzzFrontMatter(f *testing.F) {
	f.Add("+++\ntitle = \"Strategy\"\nweight = 10\n+++\n## Body\n")
	f.Add("+++\ntitle = \"x\"\n")
	f.Add("no front matter\n")
	f.Add("+++\r\nslug = \"a\"\r\n+++\r\nbody")
	f.Add("+++\n+++\n")
	f.Fuzz(func(t *testing.T, text string) {
		front, body, line, ok := splitFrontMatter(text)
		if ok {
			if !strings.HasSuffix(text, body) {
				t.Fatalf("body %q is not the end of the file %q", body, text)
			}
			if front != "" && !strings.HasPrefix(text, "+++") {
				t.Fatalf("front matter %q without +++", front)
			}
			if line < 1 || line > strings.Count(text, "\n")+2 {
				t.Fatalf("body line %d outside the file", line)
			}
		}
		fsys := fstest.MapFS{
			"content/plan.toml": {Data: []byte("title = \"T\"\nyear = 2024\nunit = \"万元\"\n[baseline]\nrevenue = 100\n[target]\ngrowth = \"10%\"\n")},
			"content/page.md":   {Data: []byte(text)},
		}
		_, errs := Load(fsys)
		lines := strings.Count(text, "\n") + 1
		for _, d := range errs.Sorted() {
			if d.File == "content/page.md" && d.Line > lines {
				t.Fatalf("diagnostic at line %d of a %d-line file: %v", d.Line, lines, d)
			}
		}
	})
}
