package i18n

import (
	"math/big"
	"testing"

	"planbook/generator/message"
)

// TestFormat writes a message in each language: amounts and percentages
// in the reader's number style, names as written, a nested message in the
// same language.
func TestFormat(t *testing.T) {
	catalog["test.fit"] = map[Lang]string{
		"zh-CN": "%[1]s:合计 %[2]s,低于目标 %[4]s 共 %[3]s(%[5]s,%[6]s,%[7]d 项,%[8]s)",
		"en":    "%s: %s, %s under the %s target (%s, %s, %d items, %s)",
	}
	defer delete(catalog, "test.fit")
	m := message.Message{Key: "test.fit", Args: []message.Arg{
		message.Message{Key: "list.channels", Args: []message.Arg{message.Text("East")}},
		message.Amount{Value: big.NewRat(112345, 100), Places: 4, Unit: "万元"},
		message.Amount{Value: big.NewRat(27, 1), Places: 4, Unit: "万元"},
		message.Amount{Value: big.NewRat(1150, 1), Places: 4, Unit: "万元"},
		message.Percent{Value: big.NewRat(-1, 40), Signed: true},
		message.Percent{Value: big.NewRat(195, 1000)},
		message.Count(3),
		message.Multiple{Of: big.NewRat(40, 1), Per: big.NewRat(10, 1)},
	}}
	for lang, want := range map[Lang]string{
		"zh-CN": "East 的渠道:合计 1,123.45 万元,低于目标 1,150 万元 共 27 万元(-2.5%,19.5%,3 项,4.0×)",
		"en":    "Channels of East: 1,123.45 万元, 27 万元 under the 1,150 万元 target (-2.5%, 19.5%, 3 items, 4.0×)",
	} {
		if got := lang.Format(m); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
		}
	}
	if got := Lang("en").Multiple(big.NewRat(1, 1), new(big.Rat)); got != "–" {
		t.Errorf("a multiple of no budget: %s, want –", got)
	}
}

// TestCatalogPartsDisjoint holds the catalog's parts to distinct keys: a
// key in two parts would show one part's words where the other's were
// meant, whichever merge took last.
func TestCatalogPartsDisjoint(t *testing.T) {
	seen := map[string]int{}
	for i, part := range catalogParts {
		for key := range part {
			if j, ok := seen[key]; ok {
				t.Errorf("%q is in catalog parts %d and %d", key, j, i)
			}
			seen[key] = i
		}
	}
	if len(seen) != len(catalog) {
		t.Errorf("the parts hold %d keys, the catalog %d", len(seen), len(catalog))
	}
}
