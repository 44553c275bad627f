package compute

import (
	"math/big"
	"path"

	"planbook/generator/alloc"
	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// The two-way tables of section 5.3, by the name used in messages.
const (
	tableRegionsQuarters  = "regions × quarters"
	tableRegionsMonths    = "regions × months"
	tableRegionsProducts  = "regions × products"
	tableRegionsCustomers = "regions × customers"
	tableProductsQuarters = "products × quarters"
	tableProductsMonths   = "products × months"
)

var quarterLabels = []string{"Q1", "Q2", "Q3", "Q4"}

// monthLabels returns the labels of quarter q's months, e.g. 2024-04.
func (c *computer) monthLabels(q int) []string {
	return []string{c.p.MonthLabel(3 * q), c.p.MonthLabel(3*q + 1), c.p.MonthLabel(3*q + 2)}
}

// row is one row of a two-way table: a region or product with its total,
// its own shares when it is fixed, and where those shares are written.
type row struct {
	id     string
	total  int64
	shares []*big.Rat // nil: a free row
	pos    diag.Pos
}

// table fills and rounds a two-way table by the fixed-rows rule. When the
// rows do not add up to the columns (a list kept at its own proposals),
// each row is split on its own instead: by its own shares, or in
// proportion to the column totals. On a problem it reports an error and
// returns each row split on its own, so that later steps can go on.
func (c *computer) table(name string, rows []row, cols []int64, labels []string) [][]int64 {
	var rowSum, colSum int64
	rowTotals := make([]int64, len(rows))
	arows := make([]alloc.Row, len(rows))
	for i, r := range rows {
		rowTotals[i] = r.total
		rowSum += r.total
		arows[i] = alloc.Row{Total: r.total, Shares: r.shares}
	}
	for _, v := range cols {
		colSum += v
	}
	if rowSum != colSum {
		return rowWise(rows, cols)
	}
	exact, bad := alloc.Fill(arows, cols)
	if bad != nil {
		c.reportMismatch(name, rows, cols, labels, bad)
		return rowWise(rows, cols)
	}
	out, err := exact.Round(rowTotals, cols)
	if err != nil {
		// With a free row the exact table adds up both ways and can
		// always be rounded. When every row is fixed, each column alone
		// is within what rounding absorbs, but the rows and the columns
		// may still not add up together.
		pos, ids, notes := fixedRows(rows, -1)
		d := pos.At("%s: the rows' own splits (%s) cannot be rounded so that every row and every column adds up", name, ids)
		d.Hint = "remove one row's own split so that it takes what the others leave"
		d.Notes = notes
		c.errs.Add(d)
		return rowWise(rows, cols)
	}
	return out
}

// fixedRows returns where a problem of the fixed rows is reported (the
// file of the first, or their folder when they are in several files), their
// ids, and, when there are several, a note at each with its share of
// column col (none when col is -1).
func fixedRows(rows []row, col int) (diag.Pos, string, []diag.Note) {
	var ids []string
	var notes []diag.Note
	files := map[string]bool{}
	for _, r := range rows {
		if r.shares == nil {
			continue
		}
		ids = append(ids, r.id)
		text := r.id
		if col >= 0 {
			text += " " + numfmt.Percent(r.shares[col], 4)
		}
		notes = append(notes, diag.Note{Pos: r.pos, Text: text})
		files[r.pos.File] = true
	}
	pos := diag.Pos{}
	if len(notes) > 0 {
		pos = notes[0].Pos
	}
	if len(files) > 1 {
		pos = diag.Pos{File: path.Dir(notes[0].File) + "/"}
	}
	if len(notes) < 2 {
		notes = nil // the one row is where the problem is reported
	}
	return pos, diag.IDs(ids), notes
}

// rowWise splits every row on its own: by its own shares, or else in
// proportion to the column totals.
func rowWise(rows []row, cols []int64) [][]int64 {
	colWeights := make([]*big.Rat, len(cols))
	var any bool
	for j, v := range cols {
		colWeights[j] = new(big.Rat).SetInt64(v)
		any = any || v != 0
	}
	if !any {
		for j := range colWeights {
			colWeights[j] = big.NewRat(1, 1)
		}
	}
	out := make([][]int64, len(rows))
	for i, r := range rows {
		w := r.shares
		if w == nil {
			w = colWeights
		}
		if len(w) == 0 {
			out[i] = []int64{}
			continue
		}
		out[i] = alloc.Split(r.total, w)
	}
	return out
}

// reportMismatch reports the columns that the fixed rows over- or
// under-commit, naming the rows, the files and the figures.
func (c *computer) reportMismatch(name string, rows []row, cols []int64, labels []string, bad []alloc.Mismatch) {
	amount := func(units *big.Rat) string {
		return numfmt.Group(numfmt.Fixed(new(big.Rat).Mul(units, c.p.Precision), 4), ",") + " " + c.p.Unit
	}
	for _, m := range bad {
		pos, rowsText, notes := fixedRows(rows, m.Col)
		col := new(big.Rat).SetInt64(cols[m.Col])
		taken := new(big.Rat).Add(col, m.Excess)
		var d diag.Diagnostic
		if m.Excess.Sign() > 0 {
			d = pos.At("%s: %s is over-committed by %s: the rows with their own split (%s) take %s of its %s",
				name, labels[m.Col], amount(m.Excess), rowsText, amount(taken), amount(col))
			d.Hint = "lower those rows' shares of " + labels[m.Col] + ", or remove one row's own split so that it shares what is left"
		} else {
			d = pos.At("%s: %s is under-committed by %s: every row has its own split (%s) and they take %s of its %s",
				name, labels[m.Col], amount(new(big.Rat).Neg(m.Excess)), rowsText, amount(taken), amount(col))
			d.Hint = "when every row sets its own split they must add up to the company figures, within what rounding absorbs; remove one row's own split so that it takes the rest"
		}
		d.Notes = notes
		c.errs.Add(d)
	}
}
