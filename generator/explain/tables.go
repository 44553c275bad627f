package explain

import (
	"math/big"

	"planbook/generator/data"
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

// table is a two-way table: what its cells share, its column totals and
// what the free rows share in each (made once, when asked), and its rows,
// each made again when one of its cells is explained: a table of every
// region is not kept whole for as long as the figures are explained.
type table struct {
	name    string
	n       int // rows
	row     func(i int) tableRow
	cols    []*big.Rat
	colKeys []string
	// rowWise says the rows do not add up to the columns (a list kept at
	// its proposals): each row is then split on its own.
	rowWise bool
	fixed   []*Input   // by column: the fixed rows' exact cells, added up
	left    []*big.Rat // by column: what the fixed rows leave of it
	free    *Input     // the free rows' totals, added up
	// columns are the columns' totals as inputs, which the cells of a
	// column share.
	columns []*Input
}

// tableRow is a row of a table: a region or a product line.
type tableRow struct {
	total    *big.Rat
	totalKey string
	units    []int64 // the published cells, in units of the precision
	cellKey  func(j int) string
	// shares are the row's own shares of the columns; nil for a free
	// row. share returns one as an input, written where it is.
	shares []*big.Rat
	share  func(j int) *Input
}

// tableKey names a table: the tables of the months of each quarter are
// told apart by the quarter.
type tableKey struct {
	name    string
	quarter int
}

// newTable returns the table name of quarter q (0 for a table of the
// year), made once, of columns cols and n rows.
func (e *Explainer) newTable(name string, q int, columns func() ([]*big.Rat, []string), n int, row func(i int) tableRow) *table {
	return e.tables.get(tableKey{name, q}, func() *table { return e.makeTable(name, columns, n, row) })
}

// makeTable makes a table, with what its free rows share in each column.
func (e *Explainer) makeTable(name string, columns func() ([]*big.Rat, []string), n int, row func(i int) tableRow) *table {
	cols, colKeys := columns()
	t := &table{name: name, n: n, row: row, cols: cols, colKeys: colKeys, fixed: make([]*Input, len(cols))}
	rowSum, colSum := new(big.Rat), new(big.Rat)
	var free []*Input
	fixed := make([][]*Input, len(cols))
	for i := range n {
		r := row(i)
		rowSum.Add(rowSum, r.total)
		if r.shares == nil {
			free = append(free, &Input{Role: RolePart, Kind: data.Amount, Key: r.totalKey, Value: r.total})
			continue
		}
		for j := range cols {
			fixed[j] = append(fixed[j], &Input{Role: RolePart, Kind: data.Amount, Key: r.cellKey(j), Before: true,
				Value: new(big.Rat).Mul(r.total, r.shares[j])})
		}
	}
	for _, c := range cols {
		colSum.Add(colSum, c)
	}
	t.rowWise = rowSum.Cmp(colSum) != 0
	t.free = sum(RoleFree, data.Amount, free, false)
	for j := range cols {
		t.fixed[j] = sum(RoleFixed, data.Amount, fixed[j], false)
		t.left = append(t.left, new(big.Rat).Sub(cols[j], t.fixed[j].Value))
		t.columns = append(t.columns, figure(RoleColumn, data.Amount, cols[j], colKeys[j]))
	}
	return t
}

// cell explains the cell of row i and column j of t.
func (e *Explainer) cell(t *table, i, j int) *Derivation {
	row := t.row(i)
	d := &Derivation{Kind: data.Amount, Value: e.r.Amount(row.units[j]), Table: t.name}
	total := figure(RoleRowTotal, data.Amount, row.total, row.totalKey)
	d.Inputs = make([]*Input, 0, 5) // and the precision (see rounded)
	switch {
	case t.rowWise:
		d.Rule = RowWise
		w, all := t.rowWeights(row, j)
		d.Inputs = append(d.Inputs, total, w, all)
		return e.rounded(d, scale(total.Value, w.Value, all.Value), LargestRemainder)
	case row.shares != nil:
		d.Rule = FixedRow
		share := withRole(row.share(j), RoleShare)
		d.Inputs = append(d.Inputs, total, share)
		return e.rounded(d, product(total.Value, share.Value), Controlled)
	}
	d.Rule = FreeRow
	col := t.columns[j]
	fixed, free := t.fixed[j], t.free
	d.Inputs = append(d.Inputs, total, col, fixed, free)
	return e.rounded(d, scale(total.Value, t.left[j], free.Value), Controlled)
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
	return e.newTable(RegionsQuarters, 0, e.companyQuarters, len(e.r.Regions), func(i int) tableRow {
		reg, h := e.r.Regions[i], &e.heads().regions[i]
		return e.quarterRow(h, reg.Quarters[:], reg.Seasonality, reg.File, "")
	})
}

func (e *Explainer) regionsMonths(q int) *table {
	return e.newTable(RegionsMonths, q, func() ([]*big.Rat, []string) { return e.companyMonths(q) }, len(e.r.Regions), func(i int) tableRow {
		reg, h := e.r.Regions[i], &e.heads().regions[i]
		return e.monthRow(h, reg.Months[:], reg.Seasonality, q, reg.File, "")
	})
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
	return e.newTable(RegionsProducts, 0, columns, len(r.Regions), func(i int) tableRow {
		reg := r.Regions[i]
		return e.mixRow(reg, &e.heads().regions[i], reg.MixProducts, "products", ids, reg.Products)
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
	return e.newTable(RegionsCustomers, 0, columns, len(r.Regions), func(i int) tableRow {
		reg := r.Regions[i]
		cells := make([]int64, len(reg.Customers))
		for j, c := range reg.Customers {
			cells[j] = c.Target
		}
		return e.mixRow(reg, &e.heads().regions[i], reg.MixCustomers, "customers", ids, cells)
	})
}

func (e *Explainer) productsQuarters() *table {
	return e.newTable(ProductsQuarters, 0, e.companyQuarters, len(e.r.Products), func(i int) tableRow {
		pr, m := e.r.Products[i], e.productMember(i)
		return e.quarterRow(&e.heads().products[i], pr.Quarters[:], pr.Seasonality, m.file, m.path+".")
	})
}

func (e *Explainer) productsMonths(q int) *table {
	return e.newTable(ProductsMonths, q, func() ([]*big.Rat, []string) { return e.companyMonths(q) }, len(e.r.Products), func(i int) tableRow {
		pr, m := e.r.Products[i], e.productMember(i)
		return e.monthRow(&e.heads().products[i], pr.Months[:], pr.Seasonality, q, m.file, m.path+".")
	})
}
