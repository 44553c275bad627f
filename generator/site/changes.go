package site

import (
	"math/big"

	"planbook/generator/diff"
)

// changesPage is the comparison with another version of the plan
// (planbook build --compare REV): the report of planbook diff as tables.
type changesPage struct {
	Lead     string // what was compared with
	Summary  string
	Sections []changesSection
}

type changesSection struct {
	Title string
	Table *Table
}

func (b *builder) changes(pd *pageData) {
	rep, l := b.opts.Changes, b.lang
	pd.Title = l.T("changes.title")
	cp := &changesPage{Summary: rep.Summary()}
	if rep.From != "" {
		cp.Lead = l.Sprintf("changes.lead", rep.From)
	}
	for _, s := range rep.Sections {
		t := &Table{Head: []Cell{
			head(l.T("diff.col.item"), false), head(l.T("diff.col.old"), true), head(l.T("diff.col.new"), true),
			head(l.T("diff.col.change"), true), head(l.T("diff.col.pct"), true),
		}}
		for _, it := range s.Items {
			before, after, change, pct := rep.Cells(it)
			class := ""
			if it.Old != nil && it.New != nil && it.Kind != diff.Text && it.Kind != diff.Lines {
				class = trend(new(big.Rat).Sub(it.New, it.Old))
			}
			t.Rows = append(t.Rows, []Cell{text(it.Label), {Text: before, Num: true}, {Text: after, Num: true},
				{Text: change, Num: true, Class: class}, {Text: pct, Num: true, Class: class}})
		}
		cp.Sections = append(cp.Sections, changesSection{Title: s.Title, Table: t})
	}
	pd.Changes = cp
}
