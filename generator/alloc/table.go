package alloc

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// Row is one row of a two-way table: its total, and its own shares of the
// columns when the row is fixed (nil when it is free). Fixed shares sum to 1.
type Row struct {
	Total  int64
	Shares []*big.Rat
}

// Mismatch is a column that the fixed rows cannot share with the others:
// they take more of it than it holds, or (when no free row is left to take
// the rest) they miss it by more than rounding their cells can make up.
// Excess is what the fixed rows take beyond the column total, in units;
// negative when they take too little.
type Mismatch struct {
	Col    int
	Excess *big.Rat
}

// Exact is a table filled by the fixed-rows rule: exact cells, kept in a
// form that is cheap to round.
type Exact struct {
	rows  []Row
	fixed [][]*big.Rat // by row; nil for free rows
	// A free row i's cell in column j is rows[i].Total × num[j] / den[j]:
	// den is shared by the whole column, so comparing remainders within a
	// column needs no arithmetic.
	num, den []*big.Int
	// q[j] is num[j] / den[j] (at most 1) in 128-bit fixed point, rounded
	// down: most cells are worked out from it with two multiplications.
	qHi, qLo []uint64
	qOne     []bool // num[j] / den[j] is 1
}

// Cell returns the exact value of cell i, j.
func (e *Exact) Cell(i, j int) *big.Rat {
	if e.fixed[i] != nil {
		return e.fixed[i][j]
	}
	n := new(big.Int).Mul(big.NewInt(e.rows[i].Total), e.num[j])
	return new(big.Rat).SetFrac(n, e.den[j])
}

func (e *Exact) cell(i, j int, tmp *big.Int) cell {
	if e.fixed[i] != nil {
		return newCell(e.fixed[i][j], i, j)
	}
	if total := e.rows[i].Total; total >= 0 {
		r := uint64(total)
		if e.qOne[j] {
			return smallCell(r, 0, 1, i, j)
		}
		// r × q in 192 bits: the whole part, then 128 bits of fraction,
		// under the true value by less than r × 2⁻¹²⁸ < 2⁻⁶⁵.
		h1, _ := bits.Mul64(r, e.qLo[j])
		h2, l2 := bits.Mul64(r, e.qHi[j])
		frac, carry := bits.Add64(l2, h1, 0)
		if frac != 0 && frac != math.MaxUint64 {
			// Away from whole numbers, the floor is exact and the key
			// within one of the exact key.
			return cell{floor: int64(h2 + carry), key: frac>>1 | 1, row: int32(i), col: int32(j),
				approx: true, total: r, src: e}
		}
	}
	tmp.SetInt64(e.rows[i].Total)
	tmp.Mul(tmp, e.num[j])
	return newFrac(tmp, e.den[j], i, j)
}

// Fill computes the exact cells of a table by the fixed-rows rule: a fixed
// row's cells are its total × its own shares; the free rows share what the
// fixed rows leave of each column in proportion to their totals. When
// every row is fixed, a column may differ from the sum of its cells by
// what rounding them absorbs: its total lies between the sum of the cells
// rounded down and the sum rounded up. The row totals must sum to the
// column totals. When the table cannot be filled, Fill returns the columns
// at fault and no table.
func Fill(rows []Row, cols []int64) (*Exact, []Mismatch) {
	e := &Exact{rows: rows, fixed: make([][]*big.Rat, len(rows))}
	taken := make([]*big.Rat, len(cols)) // what the fixed rows take of each column
	for j := range taken {
		taken[j] = new(big.Rat)
	}
	var freeTotal int64
	for i, r := range rows {
		if r.Shares == nil {
			freeTotal += r.Total
			continue
		}
		total := new(big.Rat).SetInt64(r.Total)
		e.fixed[i] = make([]*big.Rat, len(cols))
		for j, s := range r.Shares {
			c := new(big.Rat).Mul(total, s)
			e.fixed[i][j] = c
			taken[j].Add(taken[j], c)
		}
	}
	var bad []Mismatch
	e.num, e.den = make([]*big.Int, len(cols)), make([]*big.Int, len(cols))
	e.qHi, e.qLo, e.qOne = make([]uint64, len(cols)), make([]uint64, len(cols)), make([]bool, len(cols))
	for j, c := range cols {
		left := new(big.Rat).SetInt64(c)
		left.Sub(left, taken[j])
		switch {
		case freeTotal > 0 && left.Sign() < 0, freeTotal == 0 && left.Sign() != 0 && !e.absorbs(j, c):
			bad = append(bad, Mismatch{Col: j, Excess: left.Neg(left)})
			continue
		case freeTotal == 0:
			left.SetInt64(0) // rounding the fixed rows' cells makes up the difference
		}
		e.num[j] = left.Num()
		e.den[j] = new(big.Int).Mul(left.Denom(), big.NewInt(max(freeTotal, 1)))
		q := new(big.Int).Lsh(e.num[j], 128)
		q.Quo(q, e.den[j])
		if q.BitLen() > 128 {
			e.qOne[j] = true // the only column: every free row takes it all
		} else {
			e.qLo[j] = q.Uint64()
			e.qHi[j] = q.Rsh(q, 64).Uint64()
		}
	}
	if bad != nil {
		return nil, bad
	}
	return e, nil
}

// absorbs reports whether the fixed rows' cells of column j can be
// rounded, each down or up, to add up to c.
func (e *Exact) absorbs(j int, c int64) bool {
	var floors, fractions int64
	q, r := new(big.Int), new(big.Int)
	for _, cells := range e.fixed {
		if cells == nil {
			continue
		}
		q.QuoRem(cells[j].Num(), cells[j].Denom(), r) // cells are not negative: the quotient is the floor
		floors += q.Int64()
		if r.Sign() != 0 {
			fractions++
		}
	}
	return floors <= c && c <= floors+fractions
}

// Round rounds the filled table; see RoundTable.
func (e *Exact) Round(rowTotals, colTotals []int64) ([][]int64, error) {
	tmp := new(big.Int)
	return roundTable(rowTotals, colTotals, func(i, j int) cell { return e.cell(i, j, tmp) })
}

// ErrNoRounding is returned by RoundTable when no controlled rounding
// exists, which happens only when the table's margins disagree.
var ErrNoRounding = errors.New("alloc: the table's rows and columns cannot both add up")

// RoundTable rounds an exact table whose rows sum to rowTotals and whose
// columns sum to colTotals (all whole units) so that every cell is its
// exact value rounded down or up and every row and column still adds up.
//
// The leftover units go first to the cells with the largest remainders
// (ties: larger exact value, earlier row, earlier column) as long as their
// row and column still need one; a deterministic augmenting-path search
// (a bipartite max-flow with unit capacities) then places the rest.
func RoundTable(exact [][]*big.Rat, rowTotals, colTotals []int64) ([][]int64, error) {
	return roundTable(rowTotals, colTotals, func(i, j int) cell { return newCell(exact[i][j], i, j) })
}

// cellPool holds the candidate cells of roundTable between calls: a
// roster rounds thousands of small tables, and a fresh slice for each
// was most of the time spent.
var cellPool = sync.Pool{New: func() any { return new([]cell) }}

func roundTable(rowTotals, colTotals []int64, cellAt func(i, j int) cell) ([][]int64, error) {
	nr, nc := len(rowTotals), len(colTotals)
	out := make([][]int64, nr)
	rowNeed := make([]int64, nr)
	colNeed := make([]int64, nc)
	copy(colNeed, colTotals)
	pooled := cellPool.Get().(*[]cell)
	cands := slices.Grow((*pooled)[:0], nr*nc)
	defer func() {
		clear(cands) // keep no big numbers alive; the rest is clear already
		*pooled = cands[:0]
		cellPool.Put(pooled)
	}()
	slab := make([]int64, nr*nc) // the rows of out, allocated together
	for i := 0; i < nr; i++ {
		out[i] = slab[i*nc : (i+1)*nc : (i+1)*nc]
		rowNeed[i] = rowTotals[i]
		for j := 0; j < nc; j++ {
			c := cellAt(i, j)
			out[i][j] = c.floor
			rowNeed[i] -= c.floor
			colNeed[j] -= c.floor
			if c.hasFrac() {
				cands = append(cands, c)
			}
		}
	}
	var need int64
	for _, n := range rowNeed {
		if n < 0 {
			return nil, ErrNoRounding
		}
		need += n
	}
	var colSum int64
	for _, n := range colNeed {
		if n < 0 {
			return nil, ErrNoRounding
		}
		colSum += n
	}
	if need != colSum {
		return nil, ErrNoRounding
	}
	if need == 0 {
		return out, nil
	}
	order := sortCells(cands)
	// Greedy pass: every candidate cell, best remainder first, becomes an
	// edge of the flow graph, rounded up while its row and column need it.
	g := newFlow(rowNeed, colNeed, cands)
	for _, k := range order {
		c := &cands[k]
		up := rowNeed[c.row] > 0 && colNeed[c.col] > 0
		if up {
			rowNeed[c.row]--
			colNeed[c.col]--
			need--
		}
		g.edges[c.row] = append(g.edges[c.row], edge{col: int(c.col), up: up})
	}
	for _, es := range g.edges {
		slices.SortFunc(es, func(a, b edge) int { return a.col - b.col })
	}
	for need > 0 {
		if !g.augment() {
			return nil, ErrNoRounding
		}
		need--
	}
	for i, es := range g.edges {
		for _, e := range es {
			if e.up {
				out[i][e.col]++
			}
		}
	}
	return out, nil
}

// edge is a cell that may be rounded up; up says whether it is.
type edge struct {
	col int
	up  bool
}

// flow is the bipartite graph of rows and columns used to place the units
// that the greedy pass could not.
type flow struct {
	edges   [][]edge // by row, ordered by column
	rowNeed []int64
	colNeed []int64
	nc      int
	// Reused by augment.
	byCol            [][]int
	rowFrom, colFrom []int
	queue            []int
}

// newFlow returns the graph of a table with room for an edge per
// candidate cell; every row's edges are allocated together.
func newFlow(rowNeed, colNeed []int64, cands []cell) *flow {
	g := &flow{rowNeed: rowNeed, colNeed: colNeed, nc: len(colNeed), edges: make([][]edge, len(rowNeed))}
	perRow := make([]int, len(rowNeed))
	for _, c := range cands {
		perRow[c.row]++
	}
	edges := make([]edge, len(cands))
	for i, n := range perRow {
		g.edges[i], edges = edges[:0:n], edges[n:]
	}
	return g
}

// augment finds one path from a row that still needs a unit to a column
// that still needs one, alternating between cells not rounded up (row to
// column) and cells rounded up (column back to row), and flips it. Rows
// and columns are visited in index order, so the result is deterministic.
func (g *flow) augment() bool {
	nr := len(g.edges)
	if g.byCol == nil {
		// byCol[j] lists the rows rounded up in column j, in row order;
		// flip keeps it so.
		g.byCol = make([][]int, g.nc)
		for i, es := range g.edges {
			for _, e := range es {
				if e.up {
					g.byCol[e.col] = append(g.byCol[e.col], i)
				}
			}
		}
		g.rowFrom, g.colFrom = make([]int, nr), make([]int, g.nc)
	}
	rowFrom, colFrom := g.rowFrom, g.colFrom // how each was reached: -1 a start row, -2 unseen
	for i := range rowFrom {
		rowFrom[i] = -2
	}
	for j := range colFrom {
		colFrom[j] = -2
	}
	queue := g.queue[:0]
	for i, n := range g.rowNeed {
		if n > 0 {
			rowFrom[i] = -1
			queue = append(queue, i)
		}
	}
	defer func() { g.queue = queue }()
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, e := range g.edges[i] {
			if e.up || colFrom[e.col] != -2 {
				continue
			}
			colFrom[e.col] = i
			if g.colNeed[e.col] > 0 {
				g.flip(e.col, rowFrom, colFrom)
				return true
			}
			for _, k := range g.byCol[e.col] {
				if rowFrom[k] == -2 {
					rowFrom[k] = e.col
					queue = append(queue, k)
				}
			}
		}
	}
	return false
}

// flip walks the path found by augment back from column j and switches
// every cell on it between rounded up and rounded down.
func (g *flow) flip(j int, rowFrom, colFrom []int) {
	g.colNeed[j]--
	for {
		i := colFrom[j]
		g.set(i, j, true)
		prev := rowFrom[i]
		if prev == -1 {
			g.rowNeed[i]--
			return
		}
		g.set(i, prev, false)
		j = prev
	}
}

func (g *flow) set(i, j int, up bool) {
	es := g.edges[i]
	k := sort.Search(len(es), func(k int) bool { return es[k].col >= j })
	es[k].up = up
	rows := g.byCol[j]
	at, found := slices.BinarySearch(rows, i)
	switch {
	case up && !found:
		g.byCol[j] = slices.Insert(rows, at, i)
	case !up && found:
		g.byCol[j] = slices.Delete(rows, at, at+1)
	}
}

// sortCells returns the indexes of cells in the order of compare. It sorts
// by the remainder's 63-bit key with a radix sort, in time linear in the
// number of cells, then puts each run of equal keys in order with compare
// (such runs are rare and short unless remainders are equal).
func sortCells(cells []cell) []int32 {
	order := make([]int32, len(cells))
	for k := range order {
		order[k] = int32(k)
	}
	if len(cells) < 256 {
		slices.SortFunc(order, func(a, b int32) int { return compare(&cells[a], &cells[b]) })
		return order
	}
	tmp := make([]int32, len(cells))
	var count [256]int
	// Least significant byte first; keys descending, so byte values are
	// taken inverted. Bytes that are the same for every cell are skipped.
	for shift := uint(0); shift < 64; shift += 8 {
		count = [256]int{}
		for _, i := range order {
			count[255-byte(cells[i].key>>shift)]++
		}
		if count[255-byte(cells[order[0]].key>>shift)] == len(order) {
			continue
		}
		pos := 0
		for d := range count {
			pos, count[d] = pos+count[d], pos
		}
		for _, i := range order {
			d := 255 - byte(cells[i].key>>shift)
			tmp[count[d]] = i
			count[d]++
		}
		order, tmp = tmp, order
	}
	// Keys too close to decide: the exact order (remainder, exact value,
	// row, column) within each run of them.
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && keyDistance(cells[order[end]].key, cells[order[end-1]].key) <= keySlack {
			end++
		}
		if end-start > 1 {
			run := order[start:end]
			slices.SortFunc(run, func(a, b int32) int { return compare(&cells[a], &cells[b]) })
		}
		start = end
	}
	return order
}
