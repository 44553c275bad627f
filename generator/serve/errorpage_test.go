package serve

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"planbook/generator/diag"
)

// TestErrorPageSourceLine shows a source line on the error page exactly
// as the terminal does: the caret under the same column after wide
// characters and dashes, and the file's control characters escaped.
func TestErrorPageSourceLine(t *testing.T) {
	d := diag.Diagnostic{Level: diag.Error, File: "content/regions/east.toml", Line: 12, Col: len("name = \"华东 — \x1b[2J\" ") + 1,
		Message: "unknown key", LineText: "name = \"华东 — \x1b[2J\" shar = 1"}
	var page bytes.Buffer
	if err := errorPage.Execute(&page, errorView{Errors: []diag.Diagnostic{d}}); err != nil {
		t.Fatal(err)
	}
	var term bytes.Buffer
	diag.Print(&term, d)
	want := "<pre>" + html.EscapeString(strings.Join(d.Source(), "\n")) + "</pre>"
	if !strings.Contains(page.String(), want) {
		t.Errorf("the page lacks the source line as laid out for the terminal:\n%s\nwant\n%s", page.String(), want)
	}
	for _, line := range d.Source() {
		if !strings.Contains(term.String(), "  "+line+"\n") {
			t.Errorf("the terminal lacks %q:\n%s", line, term.String())
		}
	}
	if strings.Contains(page.String(), "\x1b") {
		t.Error("the page holds the file's escape character")
	}
}
