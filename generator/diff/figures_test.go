package diff

import (
	"math/big"
	"testing"

	"planbook/generator/data"
	"planbook/generator/i18n"
)

// TestNewList compares trees that hold a list plan.json does not have
// (offices), at the top and inside regions: its figures and entries are
// reported under their value keys, labelled with the entries' names, with
// no code of their own.
func TestNewList(t *testing.T) {
	team := func(id, name string, target int64, months ...int64) data.Object {
		var ms data.List
		for _, m := range months {
			ms = append(ms, data.Leaf{Kind: data.Amount, R: big.NewRat(m, 1)})
		}
		return data.Object{{Key: "id", Value: data.Leaf{Kind: data.Text, S: id}}, {Key: "name", Value: data.Leaf{Kind: data.Text, S: name}},
			{Key: "target", Value: data.Leaf{Kind: data.Amount, R: big.NewRat(target, 1)}}, {Key: "quarters", Value: ms}}
	}
	tree := func(offices ...data.Value) data.Object {
		region := data.Object{{Key: "id", Value: data.Leaf{Kind: data.Text, S: "east"}}, {Key: "name", Value: data.Leaf{Kind: data.Text, S: "East"}},
			{Key: "offices", Value: data.List(offices)}}
		return data.Object{{Key: "regions", Value: data.List{region}}, {Key: "offices", Value: data.List(offices)}}
	}
	a := tree(team("sh", "Shanghai", 30, 10, 20), team("js", "Jiangsu", 20, 10, 10))
	b := tree(team("sh", "Shanghai", 35, 10, 25), team("zj", "Zhejiang", 15, 5, 10))
	c := &comparer{l: i18n.Lang("en"), items: map[string][]Item{}}
	c.figures(a, b)
	got := map[string]string{}
	for section, items := range c.items {
		for _, it := range items {
			got[it.Key] = section + " | " + it.Label + " | " + string(it.Status)
		}
	}
	want := map[string]string{
		"offices.sh.target":              "offices | Shanghai · Target | changed",
		"offices.sh.quarters.q2":         "offices | Shanghai · Q2 | changed",
		"offices.zj":                     "offices | Zhejiang | added",
		"offices.js":                     "offices | Jiangsu | removed",
		"regions.east.offices.sh.target": "regions | East · Shanghai · Target | changed",
		"regions.east.offices.zj":        "regions | East · Zhejiang | added",
	}
	for key, w := range want {
		if got[key] != w {
			t.Errorf("%s: %q, want %q", key, got[key], w)
		}
	}
	if len(got) != 8 {
		t.Errorf("%d items, want 8: %v", len(got), got)
	}
	if order := c.order(); len(order) != 2 || order[0] != "regions" || order[1] != "offices" {
		t.Errorf("sections %v, want the regions, then the new list's", order)
	}
}
