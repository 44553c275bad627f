package plan

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// validate checks what no single file can: the splits of products,
// customer types and regions, unique ids across files, and references.
func validate(p *Plan, errs *diag.List) {
	checkSplit(errs, Members(p.Products), "product", p.ProductsPos)
	checkSplit(errs, Members(p.Customers), "customer type", p.CustomersPos)
	regions := Members(p.Regions)
	if len(p.unread) == 0 { // else the shares of the regions not read are missing from the sum
		checkSplit(errs, regions, "region", diag.Pos{File: RegionsDir + "/"})
	}

	seen := map[string]diag.Pos{}
	for _, k := range p.KPIs {
		checkUnique(errs, seen, "KPI", k.ID, k.IDPos, "ids are unique within their list; rename one of them")
	}
	seen = map[string]diag.Pos{}
	for _, pr := range p.Promotions {
		checkUnique(errs, seen, "promotion", pr.ID, pr.IDPos, "promotion ids are unique across plan.toml and every region file; rename one of them")
	}
	ids := map[string][]string{"region": memberIDs(regions), "product": memberIDs(Members(p.Products))}
	for _, r := range p.refs {
		if r.kind == "region" && p.unread[r.id] {
			continue // the region's own file is reported
		}
		r.src.errs = errs // a region file's source may come from an earlier load
		checkRef(r.src, r.path, r.kind, r.id, ids[r.kind])
	}
	p.refs = nil
}

func memberIDs(ms []*Member) []string {
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		if m.ID != "" {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// checkRef reports an id that is not among ids, suggesting the nearest.
func checkRef(src *source, path, kind, id string, ids []string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	hint := "no " + kind + "s are defined"
	if len(ids) > 0 {
		sorted := append([]string(nil), ids...)
		sort.Strings(sorted)
		hint = kind + " ids: " + diag.IDs(sorted)
	}
	src.errorf(path, hint, "unknown %s %q%s", kind, id, diag.DidYouMean(id, ids))
	return false
}

func checkUnique(errs *diag.List, seen map[string]diag.Pos, kind, id string, pos diag.Pos, hint string) {
	if id == "" {
		return
	}
	if first, ok := seen[id]; ok {
		where := fmt.Sprintf("line %d", first.Line)
		if first.File != pos.File {
			where = fmt.Sprintf("%s:%d", first.File, first.Line)
		}
		d := pos.At("duplicate %s id %q (first used at %s)", kind, id, where)
		d.Hint = hint
		errs.Add(d)
		return
	}
	seen[id] = pos
}

// checkSplit checks one list of split members: unique ids, one kind for
// all, shares summing to exactly 100%, weights not all zero.
func checkSplit(errs *diag.List, ms []*Member, noun string, pos diag.Pos) {
	seen := map[string]diag.Pos{}
	for _, m := range ms {
		checkUnique(errs, seen, noun, m.ID, m.IDPos, "ids are unique within their list; rename one of them")
	}
	if len(ms) == 0 || ms[0].KindPos == (diag.Pos{}) {
		return
	}
	kind := ms[0].Kind
	for _, m := range ms[1:] {
		if m.KindPos != (diag.Pos{}) && m.Kind != kind {
			d := m.KindPos.At("%s uses %s but %s uses %s: a list uses one kind", m.label(), m.Kind, ms[0].label(), kind)
			d.Hint = "give every " + noun + " a share, or every one a weight, or every one a growth with its baseline"
			errs.Add(d)
			return
		}
	}
	var parts []string
	var notes []diag.Note // each member's share or weight, where it is written
	sum := new(big.Rat)
	for _, m := range ms {
		v := m.Share
		if kind == ByWeight {
			v = m.Weight
		}
		if kind == ByGrowth {
			continue
		}
		if v == nil {
			return // already reported
		}
		sum.Add(sum, v)
		part := m.ID + " " + numfmt.Exact(v)
		if kind == ByShare {
			part = m.ID + " " + numfmt.Percent(v, 4)
			parts = append(parts, part)
		}
		notes = append(notes, diag.Note{Pos: m.KindPos, Text: strings.TrimSpace(part)})
	}
	switch {
	case kind == ByShare && sum.Cmp(big.NewRat(1, 1)) != 0:
		d := pos.At("%s shares sum to %s, want 100%% (%s)", noun, numfmt.Percent(sum, 4), diag.IDs(parts))
		d.Hint = gapHint(sum) + "; shares of one list add up to exactly 100%"
		d.Notes = notes
		errs.Add(d)
	case kind == ByWeight && sum.Sign() == 0:
		d := pos.At("%s weights are all 0: nothing to split by", noun)
		d.Hint = "give at least one " + noun + " a weight above 0"
		d.Notes = notes
		errs.Add(d)
	}
}
