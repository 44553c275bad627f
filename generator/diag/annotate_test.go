package diag

import (
	"strings"
	"testing"
)

func TestAnnotation(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		file string
		want string
	}{
		{Diagnostic{Level: Error, File: "content/plan.toml", Line: 3, Col: 1, Message: `unknown key "shar" (did you mean "share"?)`, Hint: "allowed here: a, b"},
			"plan/content/plan.toml",
			`::error file=plan/content/plan.toml,line=3,col=1::unknown key "shar" (did you mean "share"?)%0Ahint: allowed here: a, b`},
		// Data: % and line breaks; properties: also : and ,.
		{Diagnostic{Level: Warning, File: "content/a.md", Line: 7, Message: "100% done\r\nreally: yes, 50%"},
			"c:/plan,2024/content/a.md",
			`::warning file=c%3A/plan%2C2024/content/a.md,line=7::100%25 done%0D%0Areally: yes, 50%25`},
		// A folder is named in the message, not as the file.
		{Diagnostic{Level: Error, File: "content/regions/", Message: "region shares sum to 99%, want 100%"},
			"plan/content/regions/",
			`::error::plan/content/regions/: region shares sum to 99%25, want 100%25`},
		{Diagnostic{Level: Error, File: "content/plan.toml", Message: "missing plan"},
			"content/plan.toml",
			`::error file=content/plan.toml::missing plan`},
	} {
		if got := Annotation(tc.d, tc.file); got != tc.want {
			t.Errorf("Annotation(%v)\n got %s\nwant %s", tc.d, got, tc.want)
		}
	}
}

// TestAnnotations checks that a problem of a whole list is annotated on
// each member's line, with the whole message, and any other once.
func TestAnnotations(t *testing.T) {
	path := func(file string) string { return "plan/" + file }
	d := Diagnostic{Level: Error, File: "content/regions/", Message: "region shares sum to 99%", Hint: "1% is not assigned",
		Notes: []Note{{Pos: Pos{File: "content/regions/east.toml", Line: 3, Col: 1}, Text: "east 51%"},
			{Pos: Pos{File: "content/regions/north.toml", Line: 4, Col: 1}, Text: "north 48%"}}}
	got := strings.Join(Annotations(d, path), "\n")
	want := "::error file=plan/content/regions/east.toml,line=3,col=1::region shares sum to 99%25%0Ahere: east 51%25%0Ahint: 1%25 is not assigned\n" +
		"::error file=plan/content/regions/north.toml,line=4,col=1::region shares sum to 99%25%0Ahere: north 48%25%0Ahint: 1%25 is not assigned"
	if got != want {
		t.Errorf("Annotations:\n got %s\nwant %s", got, want)
	}
	d.Notes = nil
	if got := Annotations(d, path); len(got) != 1 || got[0] != Annotation(d, "plan/content/regions/") {
		t.Errorf("without notes: %v", got)
	}
}
