package explain_test

import (
	"encoding/json"
	"testing"

	"planbook/generator/explain"
)

// TestJSONString holds the hand-written JSON strings of the site's
// explanations to encoding/json: the same text back, for texts with
// quotes, control characters, markup and the line separators.
func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quoted" \\ text`, "tab\tand\nnew line\x01", "</script> & <b>", "华东大区 · 第三季度", "line\u2028para\u2029end", "\xff bad byte"} {
		b := explain.AppendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q: %s: %v", s, b, err)
		}
		want := s
		if s == "\xff bad byte" {
			want = "\ufffd bad byte" // encoding/json reads an invalid byte as U+FFFD
		}
		if back != want {
			t.Errorf("%q came back as %q (%s)", s, back, b)
		}
	}
}
