package scope

import (
	"strings"
	"testing"
)

// TestMatcher finds the first of many words in a text, as strings.Index
// of each would: the earliest place, and there the longest word.
func TestMatcher(t *testing.T) {
	words := []string{"王强", "王强强", "Li Na", "Lin", "李", "Zhou Min"}
	m := newMatcher(words)
	for text, want := range map[string]string{
		"":                               "",
		"nothing here":                   "",
		"<td>李</td>":                     "李",
		"a Lina and Li Na":               "Lin",
		"销售代表 王强强,王强":                    "王强强",
		"ends with Zhou Mi":              "",
		"<a href=\"x\">Zhou Min</a>":     "Zhou Min",
		strings.Repeat("x", 1000) + "王强": "王强",
	} {
		if got := m.first([]byte(text)); got != want {
			t.Errorf("first(%q) = %q, want %q", text, got, want)
		}
	}
	if got := newMatcher(nil).first([]byte("王强")); got != "" {
		t.Errorf("a matcher of no words found %q", got)
	}
}
