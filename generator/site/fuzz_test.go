package site

import (
	"strings"
	"testing"
)

// FuzzShortcodes feeds arbitrary text to the shortcode parser: no panic,
// shortcodes in order and where they say they are, positions inside the
// text.
func FuzzShortcodes(f *testing.F) {
	f.Add(`全年目标 {{< value "target" >}},第三季度 {{< value "quarters.q3" >}}。`)
	f.Add(`{{< chart "quarters" region="east" >}}`)
	f.Add(`{{</* value "target" */>}} {{< value "x" }}`)
	f.Add(`{{< value target >}} {{< >}} {{< chart "a" region="b" region="c" >}}`)
	f.Add("{{<{{<>}}>}}")
	f.Fuzz(func(t *testing.T, text string) {
		codes, errs := ParseShortcodes(text)
		last := 0
		lines := strings.Count(text, "\n") + 1
		for _, sc := range codes {
			if sc.Start < last || sc.End <= sc.Start || sc.End > len(text) {
				t.Fatalf("shortcode at %d..%d out of order or bounds (last end %d, text %d bytes)", sc.Start, sc.End, last, len(text))
			}
			if text[sc.Start:sc.Start+3] != "{{<" || text[sc.End-3:sc.End] != ">}}" {
				t.Fatalf("shortcode %q is not delimited", text[sc.Start:sc.End])
			}
			if sc.Line < 1 || sc.Line > lines || sc.Col < 1 {
				t.Fatalf("shortcode at line %d col %d of %d lines", sc.Line, sc.Col, lines)
			}
			last = sc.End
		}
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines || e.Col < 1 || e.Message == "" {
				t.Fatalf("error %+v outside the text", e)
			}
		}
	})
}
