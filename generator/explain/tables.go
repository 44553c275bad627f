package explain

import (
	"math/big"
	"strconv"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
)

// The two-way tables of section 5.3 of the format, by the name words use.
const (
	RegionsQuarters  = "regions × quarters"
	RegionsMonths    = "regions × months"
	RegionsProducts  = "regions × products"
	RegionsCustomers = "regions × customers"
	ProductsQuarters = "products × quarters"
	ProductsMonths   = "products × months"
)

func init() {
	register(map[string]deriver{
		"regions.*.quarters.*": func(e *Explainer, ix []int) *Derivation { return e.cell(e.regionsQuarters(), ix[0], ix[1]) },
		"regions.*.months.*": func(e *Explainer, ix []int) *Derivation {
			return e.cell(e.regionsMonths(ix[1]/3), ix[0], ix[1]%3)
		},
		"regions.*.products.*":  func(e *Explainer, ix []int) *Derivation { return e.cell(e.regionsProducts(), ix[0], ix[1]) },
		"regions.*.customers.*": func(e *Explainer, ix []int) *Derivation { return e.cell(e.regionsCustomers(), ix[0], ix[1]) },
		"products.*.quarters.*": func(e *Explainer, ix []int) *Derivation { return e.cell(e.productsQuarters(), ix[0], ix[1]) },
		"products.*.months.*": func(e *Explainer, ix []int) *Derivation {
			return e.cell(e.productsMonths(ix[1]/3), ix[0], ix[1]%3)
		},
	})
}

// table is a two-way table: its rows with their totals and own shares, its
// column totals, and what the free rows share (made once, when asked).
type table struct {
	name    string
	rows    []tableRow
	cols    []*big.Rat
	colKeys []string
	// rowWise says the rows do not add up to the columns (a list kept at
	// its proposals): each row is then split on its own.
	rowWise bool
	fixed   []*Input // by column: the fixed rows' exact cells, added up
	free    *Input   // the free rows' totals, added up
	// totals and columns are the rows' and columns' totals as inputs,
	// which the cells of a row or a column share.
	totals, columns []*Input
}

// tableRow is a row of a table: a region or a product line.
type tableRow struct {
	total    *big.Rat
	totalKey string
	cells    []*big.Rat // the published cells
	cellKey  func(j int) string
	// shares are the row's own shares of the columns; nil for a free
	// row. share returns one as an input, written where it is.
	shares []*big.Rat
	share  func(j int) *Input
}

// newTable returns the table name (made once; tag tells the tables of
// months of each quarter apart) of columns cols and rows rows.
func (e *Explainer) newTable(name, tag string, columns func() ([]*big.Rat, []string), rows func() []tableRow) *table {
	return e.tables.get(name+tag, func() *table { return e.makeTable(name, columns, rows) })
}

// makeTable makes a table, with what its free rows share in each column.
func (e *Explainer) makeTable(name string, columns func() ([]*big.Rat, []string), rows func() []tableRow) *table {
	cols, colKeys := columns()
	t := &table{name: name, cols: cols, colKeys: colKeys, rows: rows(), fixed: make([]*Input, len(cols))}
	rowSum, colSum := new(big.Rat), new(big.Rat)
	for _, r := range t.rows {
		rowSum.Add(rowSum, r.total)
	}
	for _, c := range cols {
		colSum.Add(colSum, c)
	}
	t.rowWise = rowSum.Cmp(colSum) != 0
	t.free = t.freeRows()
	for j := range cols {
		t.fixed[j] = t.fixedRows(j)
		t.columns = append(t.columns, figure(RoleColumn, data.Amount, cols[j], colKeys[j]))
	}
	for _, r := range t.rows {
		t.totals = append(t.totals, figure(RoleRowTotal, data.Amount, r.total, r.totalKey))
	}
	return t
}

// cell explains the cell of row i and column j of t.
func (e *Explainer) cell(t *table, i, j int) *Derivation {
	row := t.rows[i]
	d := &Derivation{Kind: data.Amount, Value: row.cells[j], Table: t.name}
	total := t.totals[i]
	switch {
	case t.rowWise:
		d.Rule = RowWise
		w, all := t.rowWeights(row, j)
		d.Inputs = []*Input{total, w, all}
		return e.rounded(d, scale(total.Value, w.Value, all.Value), LargestRemainder)
	case row.shares != nil:
		d.Rule = FixedRow
		share := withRole(row.share(j), RoleShare)
		d.Inputs = []*Input{total, share}
		return e.rounded(d, product(total.Value, share.Value), Controlled)
	}
	d.Rule = FreeRow
	col := t.columns[j]
	fixed, free := t.fixed[j], t.free
	d.Inputs = []*Input{total, col, fixed, free}
	left := new(big.Rat).Sub(col.Value, fixed.Value)
	return e.rounded(d, scale(total.Value, left, free.Value), Controlled)
}

// rowWeights returns what a row split on its own is split by: its own
// shares, or else the column totals (all alike when every column is 0).
func (t *table) rowWeights(row tableRow, j int) (w, all *Input) {
	parts := make([]*Input, len(t.cols))
	any := false
	for k, c := range t.cols {
		any = any || c.Sign() != 0
		switch {
		case row.shares != nil:
			parts[k] = withRole(row.share(k), RolePart)
		default:
			parts[k] = figure(RolePart, data.Amount, c, t.colKeys[k])
		}
	}
	if row.shares == nil && !any {
		for k := range parts {
			parts[k] = constant(RolePart, data.Quantity, big.NewRat(1, 1))
		}
	}
	return withRole(parts[j], RoleWeight), sum(RoleWeights, parts[j].Kind, parts, true)
}

// fixedRows returns the exact cells of the fixed rows in column j, added
// up.
func (t *table) fixedRows(j int) *Input {
	var parts []*Input
	for _, r := range t.rows {
		if r.shares != nil {
			parts = append(parts, &Input{Role: RolePart, Kind: data.Amount, Key: r.cellKey(j), Before: true,
				Value: new(big.Rat).Mul(r.total, r.shares[j])})
		}
	}
	return sum(RoleFixed, data.Amount, parts, false)
}

// freeRows returns the totals of the free rows, added up.
func (t *table) freeRows() *Input {
	var parts []*Input
	for _, r := range t.rows {
		if r.shares == nil {
			parts = append(parts, &Input{Role: RolePart, Kind: data.Amount, Key: r.totalKey, Value: r.total})
		}
	}
	return sum(RoleFree, data.Amount, parts, false)
}

// companyQuarters and companyMonths are the company's quarter and month
// targets of quarter q as columns.
func (e *Explainer) companyQuarters() ([]*big.Rat, []string) {
	return e.amounts(e.r.Quarters[:]), []string{"quarters.q1", "quarters.q2", "quarters.q3", "quarters.q4"}
}

func (e *Explainer) companyMonths(q int) ([]*big.Rat, []string) {
	keys := make([]string, 3)
	for k := range keys {
		keys[k] = monthKey("", 3*q+k)
	}
	return e.amounts(e.r.Months[3*q : 3*q+3]), keys
}

func (e *Explainer) regionsQuarters() *table {
	return e.newTable(RegionsQuarters, "", e.companyQuarters, func() []tableRow {
		rows := make([]tableRow, len(e.r.Regions))
		for i, reg := range e.r.Regions {
			prefix := "regions." + reg.ID
			rows[i] = tableRow{total: e.r.Amount(reg.Target), totalKey: prefix + ".target", cells: e.amounts(reg.Quarters[:]),
				cellKey: func(j int) string { return quarterKey(prefix, j) }, shares: reg.Seasonality.Quarters,
				share: func(j int) *Input {
					return written(RoleShare, data.Ratio, reg.Seasonality.Quarters[j], e.seasonSource(reg.File, "", "quarters", j))
				}}
		}
		return rows
	})
}

func (e *Explainer) regionsMonths(q int) *table {
	return e.newTable(RegionsMonths, strconv.Itoa(q), func() ([]*big.Rat, []string) { return e.companyMonths(q) }, func() []tableRow {
		rows := make([]tableRow, len(e.r.Regions))
		for i, reg := range e.r.Regions {
			prefix := "regions." + reg.ID
			src := func(k int) *Source { return e.seasonSource(reg.File, "", "months", k) }
			rows[i] = e.monthRow(prefix, reg.Quarters[q], reg.Months[:], reg.Seasonality, q, src)
		}
		return rows
	})
}

// monthRow returns the row of a region or product line in the table of
// the months of quarter q: fixed when its seasonality sets months.
func (e *Explainer) monthRow(prefix string, quarter int64, months []int64, s plan.Seasonality, q int, src func(k int) *Source) tableRow {
	row := tableRow{total: e.r.Amount(quarter), totalKey: quarterKey(prefix, q), cells: e.amounts(months[3*q : 3*q+3]),
		cellKey: func(j int) string { return monthKey(prefix, 3*q+j) }}
	if s.Months == nil {
		return row
	}
	all := e.quarterWeights(s, q, src)
	row.shares = make([]*big.Rat, 3)
	for j := range row.shares {
		row.shares[j] = ratioOf(s.Months[3*q+j], all.Value)
	}
	row.share = func(j int) *Input {
		w := e.monthWeight(s, 3*q+j, RoleNumerator, src)
		return via(RoleShare, &Derivation{Kind: data.Ratio, Rule: ShareRatio, Value: row.shares[j],
			Inputs: []*Input{w, withRole(all, RoleDenominator)}})
	}
	return row
}

// mixRow returns a region's row of regions × products or × customers:
// fixed when the region sets its own mix (ids left out are 0%).
func (e *Explainer) mixRow(reg *compute.Region, mix map[string]*big.Rat, list string, ids []string, cells []int64) tableRow {
	prefix := "regions." + reg.ID
	row := tableRow{total: e.r.Amount(reg.Target), totalKey: prefix + ".target", cells: e.amounts(cells),
		cellKey: func(j int) string { return prefix + "." + list + "." + ids[j] }}
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
	row.share = func(j int) *Input {
		if _, ok := mix[ids[j]]; !ok {
			return constant(RoleShare, data.Ratio, new(big.Rat))
		}
		src := e.source(reg.File, "mix."+list+"."+ids[j])
		return written(RoleShare, data.Ratio, row.shares[j], src)
	}
	return row
}

func (e *Explainer) regionsProducts() *table {
	r := e.r
	ids := make([]string, len(r.Products))
	columns := func() ([]*big.Rat, []string) {
		cols, keys := make([]*big.Rat, len(r.Products)), make([]string, len(r.Products))
		for j, pr := range r.Products {
			cols[j], keys[j], ids[j] = r.Amount(pr.Target), "products."+pr.ID+".target", pr.ID
		}
		return cols, keys
	}
	return e.newTable(RegionsProducts, "", columns, func() []tableRow {
		rows := make([]tableRow, len(r.Regions))
		for i, reg := range r.Regions {
			rows[i] = e.mixRow(reg, reg.MixProducts, "products", ids, reg.Products)
		}
		return rows
	})
}

func (e *Explainer) regionsCustomers() *table {
	r := e.r
	ids := make([]string, len(r.Customers))
	columns := func() ([]*big.Rat, []string) {
		cols, keys := make([]*big.Rat, len(r.Customers)), make([]string, len(r.Customers))
		for j, c := range r.Customers {
			cols[j], keys[j], ids[j] = r.Amount(c.Target), "customers."+c.ID+".target", c.ID
		}
		return cols, keys
	}
	return e.newTable(RegionsCustomers, "", columns, func() []tableRow {
		rows := make([]tableRow, len(r.Regions))
		for i, reg := range r.Regions {
			cells := make([]int64, len(reg.Customers))
			for j, c := range reg.Customers {
				cells[j] = c.Target
			}
			rows[i] = e.mixRow(reg, reg.MixCustomers, "customers", ids, cells)
		}
		return rows
	})
}

func (e *Explainer) productsQuarters() *table {
	return e.newTable(ProductsQuarters, "", e.companyQuarters, func() []tableRow {
		rows := make([]tableRow, len(e.r.Products))
		for i, pr := range e.r.Products {
			prefix, m := "products."+pr.ID, e.productMember(i)
			rows[i] = tableRow{total: e.r.Amount(pr.Target), totalKey: prefix + ".target", cells: e.amounts(pr.Quarters[:]),
				cellKey: func(j int) string { return quarterKey(prefix, j) }, shares: pr.Seasonality.Quarters,
				share: func(j int) *Input {
					return written(RoleShare, data.Ratio, pr.Seasonality.Quarters[j], e.seasonSource(m.file, m.path+".", "quarters", j))
				}}
		}
		return rows
	})
}

func (e *Explainer) productsMonths(q int) *table {
	return e.newTable(ProductsMonths, strconv.Itoa(q), func() ([]*big.Rat, []string) { return e.companyMonths(q) }, func() []tableRow {
		rows := make([]tableRow, len(e.r.Products))
		for i, pr := range e.r.Products {
			prefix, m := "products."+pr.ID, e.productMember(i)
			src := func(k int) *Source { return e.seasonSource(m.file, m.path+".", "months", k) }
			rows[i] = e.monthRow(prefix, pr.Quarters[q], pr.Months[:], pr.Seasonality, q, src)
		}
		return rows
	})
}
