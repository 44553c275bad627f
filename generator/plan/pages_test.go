package plan

import (
	"strings"
	"testing"
)

func TestYAMLFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // a part of the hint, or "" for a page that is not refused
	}{
		{"---\ntitle: 市场策略\nweight: 20\n---\n## Body\n", `for example title = "市场策略"`},
		{"---\nweight: 20\nregions: [\"east\"]\n---\n", "for example weight = 20"},
		{"---\r\nslug: 'team'\r\n---\r\n", `for example slug = "team"`},
		{"---\n\nAn introduction under a rule.\n\n---\n", ""}, // two rules and text: Markdown
		{"---\ntitle: never closed\n", ""},
		{"## Body\n---\n", ""},
	} {
		d, yaml := yamlFrontMatter("content/a.md", tc.text)
		switch {
		case yaml != (tc.want != ""):
			t.Errorf("%q: refused %v, want %v", tc.text, yaml, tc.want != "")
		case yaml && (!strings.Contains(d.Hint, tc.want) || d.Line != 1 || !d.Blocking):
			t.Errorf("%q: %+v, want a hint with %s", tc.text, d, tc.want)
		}
	}
}
