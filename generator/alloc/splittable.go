package alloc

import (
	"math/big"
	"math/bits"
	"slices"
)

// SplitTable divides total units (≥ 0) among the cells of a table in
// proportion to whole weights w[i][j]: a cell's exact part is total ×
// w[i][j] / Σw. Every cell is its exact part rounded down or up, every
// row total and column total is its exact part rounded down or up, and
// the cells add up to them.
//
// The row totals are the largest-remainder split of total by the rows'
// weights and the column totals the same by the columns' weights, and the
// cells a controlled rounding with those totals (see RoundTable). Such a
// rounding does not always exist: margins rounded one by one need not
// agree. Then the row totals are kept and the column totals are rounded
// with the cells (each still its exact part rounded down or up); and if
// even that has no solution, both are (which always has one). All
// weights zero give all zeros. ok is false when the weights add up to 2⁶²
// or more; SplitTableRat then does the same.
func SplitTable(total int64, w [][]uint64) (rows, cols []int64, cells [][]int64, ok bool) {
	const limit = 1 << 62
	if total < 0 || len(w) == 0 {
		return nil, nil, nil, false
	}
	nc := len(w[0])
	rowSums, colSums := make([]uint64, len(w)), make([]uint64, nc)
	var sum uint64
	for i, r := range w {
		for j, x := range r {
			if x >= limit || sum+x >= limit {
				return nil, nil, nil, false
			}
			sum += x
			rowSums[i] += x
			colSums[j] += x
		}
	}
	if sum == 0 {
		return zeroTable(len(w), nc)
	}
	part := func(x uint64, row, col int) cell {
		hi, lo := bits.Mul64(uint64(total), x)
		q, r := bits.Div64(hi, lo, sum) // q ≤ total, so hi < sum
		return smallCell(q, r, sum, row, col)
	}
	rows, cols, cells = splitTable(total, len(w), nc,
		func(i, j int) cell { return part(w[i][j], i, j) },
		func(i int) cell { return part(rowSums[i], 0, i) },
		func(j int) cell { return part(colSums[j], 0, j) })
	return rows, cols, cells, true
}

// SplitTableRat is SplitTable for exact weights of any size (non-negative,
// not all zero).
func SplitTableRat(total int64, w [][]*big.Rat) (rows, cols []int64, cells [][]int64) {
	nc := 0
	if len(w) > 0 {
		nc = len(w[0])
	}
	rowSums, colSums := make([]*big.Rat, len(w)), make([]*big.Rat, nc)
	for j := range colSums {
		colSums[j] = new(big.Rat)
	}
	var flat []*big.Rat
	for i, r := range w {
		rowSums[i] = new(big.Rat)
		for j, x := range r {
			rowSums[i].Add(rowSums[i], x)
			colSums[j].Add(colSums[j], x)
		}
		flat = append(flat, r...)
	}
	if sumRats(rowSums).Sign() == 0 {
		rows, cols, cells, _ = zeroTable(len(w), nc)
		return rows, cols, cells
	}
	parts := exactParts(total, flat)
	rowParts, colParts := exactParts(total, rowSums), exactParts(total, colSums)
	return splitTable(total, len(w), nc,
		func(i, j int) cell { return newCell(parts[i*nc+j], i, j) },
		func(i int) cell { return newCell(rowParts[i], 0, i) },
		func(j int) cell { return newCell(colParts[j], 0, j) })
}

// zeroTable returns the split of a table whose weights are all zero.
func zeroTable(nr, nc int) (rows, cols []int64, cells [][]int64, ok bool) {
	cells = make([][]int64, nr)
	for i := range cells {
		cells[i] = make([]int64, nc)
	}
	return make([]int64, nr), make([]int64, nc), cells, true
}

func sumRats(rs []*big.Rat) *big.Rat {
	sum := new(big.Rat)
	for _, r := range rs {
		sum.Add(sum, r)
	}
	return sum
}

// splitTable is SplitTable on exact parts: cellAt(i, j) is a cell's,
// rowAt(i) a row's and colAt(j) a column's, the last two made with their
// index as column so that ties go to the earlier one.
func splitTable(total int64, nr, nc int, cellAt func(i, j int) cell, rowAt, colAt func(int) cell) (rows, cols []int64, cells [][]int64) {
	rows, cols = largestRemainder(total, nr, rowAt), largestRemainder(total, nc, colAt)
	if cells, err := roundTable(rows, cols, cellAt); err == nil {
		return rows, cols, cells
	}
	// The margins as unknowns: a row (or column) of slack cells, each
	// the column's (or row's) exact part rounded up less its exact part,
	// makes every margin of the larger table a whole number, and such a
	// table always has a controlled rounding. The margin is then its
	// rounded-up part less its slack cell's rounding.
	ceilCols, slackRow := ceilings(total, nc, colAt)
	if cells, err := roundTable(append(slices.Clone(rows), slackRow), ceilCols, func(i, j int) cell {
		if i == nr {
			return slack(colAt(j), i, j)
		}
		return cellAt(i, j)
	}); err == nil {
		for j := range cols {
			cols[j] = ceilCols[j] - cells[nr][j]
		}
		return rows, cols, cells[:nr]
	}
	ceilRows, slackCol := ceilings(total, nr, rowAt)
	cells, err := roundTable(append(ceilRows, slackRow), append(ceilCols, slackCol), func(i, j int) cell {
		switch {
		case i == nr && j == nc:
			return smallCell(0, 0, 1, i, j)
		case i == nr:
			return slack(colAt(j), i, j)
		case j == nc:
			return slack(rowAt(i), i, j)
		}
		return cellAt(i, j)
	})
	if err != nil {
		panic(err) // every margin is its exact sum, a whole number: a rounding exists
	}
	for i := range rows {
		rows[i] = ceilRows[i] - cells[i][nc]
		cells[i] = cells[i][:nc]
	}
	for j := range cols {
		cols[j] = ceilCols[j] - cells[nr][j]
	}
	return rows, cols, cells[:nr]
}

// largestRemainder splits total among n exact parts that add up to it.
func largestRemainder(total int64, n int, at func(int) cell) []int64 {
	cells := make([]cell, n)
	for i := range cells {
		cells[i] = at(i)
		total -= cells[i].floor
	}
	return roundCells(cells, total)
}

// ceilings returns n exact parts that add up to total, each rounded up,
// and what the rounding up adds to them all.
func ceilings(total int64, n int, at func(int) cell) ([]int64, int64) {
	out := make([]int64, n)
	var sum int64
	for i := range out {
		c := at(i)
		out[i] = c.floor
		if c.hasFrac() {
			out[i]++
		}
		sum += out[i]
	}
	return out, sum - total
}

// slack returns the cell of the slack of exact part c: c rounded up less c.
func slack(c cell, row, col int) cell {
	if !c.hasFrac() {
		return smallCell(0, 0, 1, row, col)
	}
	c.materialize()
	if c.small() {
		return smallCell(0, c.den-c.rem, c.den, row, col)
	}
	return newFrac(new(big.Int).Sub(c.big.den, c.big.rem), c.big.den, row, col)
}
