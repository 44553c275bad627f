package diag

import "testing"

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
