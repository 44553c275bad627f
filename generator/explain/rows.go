package explain

import (
	"math/big"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
)

// rowHead is what the rows of one region or product line share in every
// table: its target and quarters, as amounts and by their value keys.
type rowHead struct {
	prefix      string // "regions.east"
	target      *big.Rat
	targetKey   string
	quarters    [4]*big.Rat
	quarterKeys [4]string
}

// rowHeads are the row heads of the regions and the product lines.
type rowHeads struct {
	regions, products []rowHead
}

// heads returns the row heads, made once: the rows of the tables are made
// again for each figure explained (see table), and share these.
func (e *Explainer) heads() *rowHeads {
	e.headsOnce.Do(func() {
		h := &rowHeads{}
		for _, reg := range e.r.Regions {
			h.regions = append(h.regions, e.rowHead("regions."+reg.ID, reg.Target, reg.Quarters))
		}
		for _, pr := range e.r.Products {
			h.products = append(h.products, e.rowHead("products."+pr.ID, pr.Target, pr.Quarters))
		}
		e.rowHeads = h
	})
	return e.rowHeads
}

func (e *Explainer) rowHead(prefix string, target int64, quarters [4]int64) rowHead {
	h := rowHead{prefix: prefix, target: e.r.Amount(target), targetKey: prefix + ".target"}
	for q, v := range quarters {
		h.quarters[q], h.quarterKeys[q] = e.r.Amount(v), quarterKey(prefix, q)
	}
	return h
}

// quarterRow returns the row of a region or product line in the table of
// quarters: fixed when its seasonality sets quarters, written at path
// (a prefix) in file.
func (e *Explainer) quarterRow(h *rowHead, quarters []int64, s plan.Seasonality, file, path string) tableRow {
	row := tableRow{total: h.target, totalKey: h.targetKey, units: quarters}
	if s.Quarters == nil {
		return row
	}
	row.shares = s.Quarters
	row.cellKey = func(j int) string { return h.quarterKeys[j] }
	row.share = func(j int) *Input {
		return written(RoleShare, data.Ratio, s.Quarters[j], e.seasonSource(file, path, "quarters", j))
	}
	return row
}

// monthRow returns the row of a region or product line in the table of
// the months of quarter q: fixed when its seasonality sets months,
// written at path (a prefix) in file.
func (e *Explainer) monthRow(h *rowHead, months []int64, s plan.Seasonality, q int, file, path string) tableRow {
	row := tableRow{total: h.quarters[q], totalKey: h.quarterKeys[q], units: months[3*q : 3*q+3]}
	if s.Months == nil {
		return row
	}
	src := func(k int) *Source { return e.seasonSource(file, path, "months", k) }
	all := e.quarterWeights(s, q, src)
	row.shares = make([]*big.Rat, 3)
	for j := range row.shares {
		row.shares[j] = ratioOf(s.Months[3*q+j], all.Value)
	}
	row.cellKey = func(j int) string { return monthKey(h.prefix, 3*q+j) }
	row.share = func(j int) *Input {
		w := e.monthWeight(s, 3*q+j, RoleNumerator, src)
		return via(RoleShare, &Derivation{Kind: data.Ratio, Rule: ShareRatio, Value: row.shares[j],
			Inputs: []*Input{w, withRole(all, RoleDenominator)}})
	}
	return row
}

// mixRow returns a region's row of regions × products or × customers:
// fixed when the region sets its own mix (ids left out are 0%).
func (e *Explainer) mixRow(reg *compute.Region, h *rowHead, mix map[string]*big.Rat, list string, ids []string, cells []int64) tableRow {
	row := tableRow{total: h.target, totalKey: h.targetKey, units: cells}
	if mix == nil {
		return row
	}
	row.shares = make([]*big.Rat, len(ids))
	for j, id := range ids {
		row.shares[j] = new(big.Rat)
		if s, ok := mix[id]; ok {
			row.shares[j] = s
		}
	}
	row.cellKey = func(j int) string { return h.prefix + "." + list + "." + ids[j] }
	row.share = func(j int) *Input {
		if _, ok := mix[ids[j]]; !ok {
			return constant(RoleShare, data.Ratio, new(big.Rat))
		}
		src := e.source(reg.File, "mix."+list+"."+ids[j])
		return written(RoleShare, data.Ratio, row.shares[j], src)
	}
	return row
}
