package alloc

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplitTable splits random totals by random small weight tables, with
// whole and with exact weights, and checks that both give the same
// result, that every cell and margin is its exact part rounded down or
// up, that the cells add up to the margins and the margins to the total,
// and that the margins are the largest-remainder splits whenever the
// table has a rounding with them.
func TestSplitTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	fallbacks := 0
	for k := 0; k < 10000; k++ {
		nr, nc := 1+rng.IntN(6), 1+rng.IntN(6)
		w := make([][]uint64, nr)
		wr := make([][]*big.Rat, nr)
		var sum uint64
		for i := range w {
			w[i], wr[i] = make([]uint64, nc), make([]*big.Rat, nc)
			for j := range w[i] {
				if rng.IntN(4) > 0 {
					w[i][j] = uint64(rng.IntN(20))
				}
				sum += w[i][j]
				wr[i][j] = new(big.Rat).SetUint64(w[i][j])
			}
		}
		total := int64(rng.IntN(60))
		name := fmt.Sprintf("SplitTable(%d, %v)", total, w)
		rows, cols, cells, ok := SplitTable(total, w)
		if !ok {
			t.Fatalf("%s: not ok", name)
		}
		rows2, cols2, cells2 := SplitTableRat(total, wr)
		if fmt.Sprint(rows, cols, cells) != fmt.Sprint(rows2, cols2, cells2) {
			t.Fatalf("%s = %v %v %v, with exact weights %v %v %v", name, rows, cols, cells, rows2, cols2, cells2)
		}
		if sum == 0 {
			continue
		}
		exact := func(x uint64) *big.Rat { return big.NewRat(total*int64(x), int64(sum)) }
		within := func(what string, got int64, x *big.Rat) {
			lo := new(big.Int).Quo(x.Num(), x.Denom()).Int64()
			if got != lo && !(got == lo+1 && !x.IsInt()) {
				t.Fatalf("%s: %s = %d, exact %s", name, what, got, x.RatString())
			}
		}
		rowW, colW := make([]*big.Rat, nr), make([]*big.Rat, nc)
		var rowSum int64
		for i := range w {
			var s, ws uint64
			for j := range w[i] {
				within(fmt.Sprintf("cell %d,%d", i, j), cells[i][j], exact(w[i][j]))
				s += uint64(cells[i][j])
				ws += w[i][j]
			}
			rowW[i] = new(big.Rat).SetUint64(ws)
			within(fmt.Sprintf("row %d", i), rows[i], exact(ws))
			if int64(s) != rows[i] {
				t.Fatalf("%s: row %d adds up to %d, not %d", name, i, s, rows[i])
			}
			rowSum += rows[i]
		}
		var colSum int64
		for j := 0; j < nc; j++ {
			var s int64
			var ws uint64
			for i := range w {
				s += cells[i][j]
				ws += w[i][j]
			}
			colW[j] = new(big.Rat).SetUint64(ws)
			within(fmt.Sprintf("column %d", j), cols[j], exact(ws))
			if s != cols[j] {
				t.Fatalf("%s: column %d adds up to %d, not %d", name, j, s, cols[j])
			}
			colSum += cols[j]
		}
		if rowSum != total || colSum != total {
			t.Fatalf("%s: margins add up to %d and %d", name, rowSum, colSum)
		}
		lrRows, lrCols := Split(total, rowW), Split(total, colW)
		if !slices.Equal(rows, lrRows) || !slices.Equal(cols, lrCols) {
			if _, err := RoundTable(exactTable(total, sum, w), lrRows, lrCols); err == nil {
				t.Fatalf("%s: margins %v %v, but the largest-remainder ones %v %v have a rounding", name, rows, cols, lrRows, lrCols)
			}
			if !slices.Equal(rows, lrRows) {
				// The rows move only when no column totals fit them.
				for _, c := range columnChoices(total, sum, colW) {
					if _, err := RoundTable(exactTable(total, sum, w), lrRows, c); err == nil {
						t.Fatalf("%s: rows %v, but the largest-remainder rows %v have a rounding with columns %v", name, rows, lrRows, c)
					}
				}
			}
			fallbacks++
		}
	}
	t.Logf("%d tables could not keep both largest-remainder margins", fallbacks)
	if fallbacks == 0 {
		t.Error("no table needed the fallback: the test does not reach it")
	}
}

// columnChoices returns every way to round the exact column parts down or
// up so that they add up to total.
func columnChoices(total int64, sum uint64, colW []*big.Rat) [][]int64 {
	var out [][]int64
	for mask := 0; mask < 1<<len(colW); mask++ {
		c := make([]int64, len(colW))
		var s int64
		good := true
		for j, w := range colW {
			x := new(big.Rat).Mul(w, big.NewRat(total, int64(sum)))
			c[j] = new(big.Int).Quo(x.Num(), x.Denom()).Int64()
			if mask&(1<<j) != 0 {
				if x.IsInt() {
					good = false
				}
				c[j]++
			}
			s += c[j]
		}
		if good && s == total {
			out = append(out, c)
		}
	}
	return out
}

func exactTable(total int64, sum uint64, w [][]uint64) [][]*big.Rat {
	out := make([][]*big.Rat, len(w))
	for i := range w {
		out[i] = make([]*big.Rat, len(w[i]))
		for j, x := range w[i] {
			out[i][j] = big.NewRat(total*int64(x), int64(sum))
		}
	}
	return out
}

// TestSplitTableKeepsRowsFirst pins the fallback on a table whose
// largest-remainder margins have no rounding: 21 split by the weights
// below gives exact rows 6.5, 1.5, 2.5, 10.5 (largest remainder: 7, 1, 2,
// 11, the ties to the larger exact value) and whole columns 14 and 7.
// Rows 1 and 2 can only round to 1 and 2 then (their other cell is 0),
// rows 0 and 3 must round their second cell up, and column 2 gets 8. So
// a row moves to its other rounding.
func TestSplitTableKeepsRowsFirst(t *testing.T) {
	rows, cols, cells, _ := SplitTable(21, [][]uint64{{10, 3}, {3, 0}, {5, 0}, {10, 11}})
	if fmt.Sprint(cols) != "[14 7]" {
		t.Errorf("columns %v, want [14 7]", cols)
	}
	if fmt.Sprint(rows) == "[7 1 2 11]" {
		t.Errorf("rows %v cannot have a rounding", rows)
	}
	t.Logf("rows %v, cells %v", rows, cells)
}
