package diag

import (
	"bytes"
	"strings"
	"testing"
)

// TestSource lays out source lines: the caret sits under the column
// whatever comes before it (wide characters, tabs, escaped control
// characters, combining marks).
func TestSource(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Diagnostic
		want []string
	}{
		{"ascii", Diagnostic{Line: 27, Col: 9, LineText: "share = 60"},
			[]string{"27 | share = 60", "   |         ^"}},
		{"no column", Diagnostic{Line: 3, LineText: "x = 1"}, []string{"3 | x = 1"}},
		{"no line", Diagnostic{Line: 3, Col: 1}, nil},
		// Chinese characters and fullwidth punctuation take two columns.
		{"wide", Diagnostic{Line: 4, Col: len(`name = "华东大区",`) + 2, LineText: `name = "华东大区", x = 1`},
			[]string{`4 | name = "华东大区", x = 1`, "  | " + strings.Repeat(" ", 19) + "^"}},
		{"fullwidth", Diagnostic{Line: 1, Col: len("（ＡＢ）") + 1, LineText: "（ＡＢ）x"},
			[]string{"1 | （ＡＢ）x", "  |         ^"}},
		// Dashes and quotes are narrow: a rule counting every character
		// from U+1100 as wide put the caret too far right.
		{"narrow", Diagnostic{Line: 1, Col: len("a — “b” ") + 1, LineText: "a — “b” c"},
			[]string{"1 | a — “b” c", "  |         ^"}},
		{"tab", Diagnostic{Line: 2, Col: 3, LineText: "\t\tx"}, []string{"2 |   x", "  |   ^"}},
		{"combining", Diagnostic{Line: 1, Col: len("cafe\u0301 ") + 1, LineText: "cafe\u0301 x"},
			[]string{"1 | cafe\u0301 x", "  |      ^"}},
		// Terminal escapes from the file are shown, not obeyed.
		{"escapes", Diagnostic{Line: 5, Col: len("t = \"\x1b]0;pwned\a\x1b[2J\" ") + 1, LineText: "t = \"\x1b]0;pwned\a\x1b[2J\" x"},
			[]string{`5 | t = "\x1b]0;pwned\x07\x1b[2J" x`, "  | " + strings.Repeat(" ", 30) + "^"}},
		{"c1 and bad bytes", Diagnostic{Line: 1, Col: len("\u009b2J\xff ") + 1, LineText: "\u009b2J\xff x"},
			[]string{`1 | \u009b2J\xff x`, "  | " + strings.Repeat(" ", 13) + "^"}},
		{"past the end", Diagnostic{Line: 1, Col: 9, LineText: "ab"}, []string{"1 | ab", "  |   ^"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.Source()
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || len(got) != len(tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"East 华东":                        "East 华东",
		"a\tb\nc":                        "a\tb\nc",
		"\x1b]0;title\a":                 `\x1b]0;title\x07`,
		"x\x1b[2Jy\rz\x7f":               `x\x1b[2Jy\x0dz\x7f`,
		"\u009b31m \u202eabc \xfe":       `\u009b31m \u202eabc \xfe`,
		"\ufffd stays as written \u00e9": "\ufffd stays as written \u00e9",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPrintEscapes prints a diagnostic whose file, message, line and hint
// hold terminal escapes: none reaches the terminal.
func TestPrintEscapes(t *testing.T) {
	d := Diagnostic{Level: Error, File: "content/\x1b[2J.md", Line: 2, Col: 7,
		Message:  "unknown region \x1b]0;pwned\a",
		Hint:     "regions: \x1b[31meast\x1b[0m",
		LineText: "\x1b[2J = \"x\""}
	var b bytes.Buffer
	Print(&b, d)
	if bytes.ContainsAny(b.Bytes(), "\x1b\a") {
		t.Errorf("Print writes control characters:\n%q", b.String())
	}
	want := `content/\x1b[2J.md:2:7: unknown region \x1b]0;pwned\x07
  2 | \x1b[2J = "x"
    |          ^
  hint: regions: \x1b[31meast\x1b[0m
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if a := Annotation(d, "plan/content/x.md"); strings.ContainsAny(a, "\x1b\a") {
		t.Errorf("Annotation writes control characters: %q", a)
	}
}
