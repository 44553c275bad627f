package scope

import (
	"strings"
	"testing"
)

// TestMatcher finds the first of many words in a text, as strings.Index
// of each would: the earliest place, and there the longest word; a
// person's name (alone) only where it stands on its own.
func TestMatcher(t *testing.T) {
	m := newMatcher([]word{{"王强", true}, {"王强强", true}, {"Li Na", true}, {"Lin", false}, {"李", false},
		{"Zhou Min", true}, {"高峰", true}, {"华东大区", false}, {"people.p001.", false}})
	for text, want := range map[string]string{
		"":                                  "",
		"nothing here":                      "",
		"<td>李</td>":                        "李",
		"a Lina and Li Na":                  "Lin",
		"Li Nan and Li Na.":                 "Li Na",
		"销售代表 王强强,王强":                       "王强强",
		"ends with Zhou Mi":                 "",
		"<a href=\"x\">Zhou Min</a>":        "Zhou Min",
		strings.Repeat("x", 1000) + " 王强":   "王强",
		"中秋国庆旺季高峰,全年冲刺":                     "",
		"<td>高峰</td>":                       "高峰",
		"高峰(p014,京津团队)":                     "高峰",
		"华东大区的目标":                           "华东大区",
		`{{< value "people.p001.quota" >}}`: "people.p001.",
	} {
		if got, at := m.find([]byte(text)); got != want || (got == "") != (at < 0) {
			t.Errorf("find(%q) = %q at %d, want %q", text, got, at, want)
		}
	}
	if got, _ := newMatcher(nil).find([]byte("王强")); got != "" {
		t.Errorf("a matcher of no words found %q", got)
	}
	// A name that is a person's and a team's counts wherever it stands.
	if got, _ := newMatcher([]word{{"高峰", true}, {"高峰", false}}).find([]byte("旺季高峰")); got != "高峰" {
		t.Errorf("a team's name inside a word: %q", got)
	}
}
