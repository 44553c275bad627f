package alloc

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

func rats(ss ...string) []*big.Rat {
	out := make([]*big.Rat, len(ss))
	for i, s := range ss {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			panic(s)
		}
		out[i] = r
	}
	return out
}

func TestSplitLargestRemainder(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []*big.Rat
		want    []int64
	}{
		{"exact shares", 13800, rats("0.62", "0.24", "0.14"), []int64{8556, 3312, 1932}},
		{"largest remainder wins", 10, rats("0.33", "0.33", "0.34"), []int64{3, 3, 4}},
		// 100 × 1/3 each: equal remainders and equal exact values, so the
		// earlier member gets the unit.
		{"tie goes to earlier member", 100, rats("1", "1", "1"), []int64{34, 33, 33}},
		// 7 split 1:1:2 → 1.75, 1.75, 3.5: remainders .75, .75, .5 → the
		// two .75 get one each.
		{"two largest remainders", 7, rats("1", "1", "2"), []int64{2, 2, 3}},
		// 5 split by weights 0.5, 1.5, 0.5, 1.5 → 0.625, 1.875, 0.625, 1.875:
		// remainders .625 .875 .625 .875 and three units left: the .875s
		// win, then the earlier of the equal .625s.
		{"remainder order", 5, rats("0.5", "1.5", "0.5", "1.5"), []int64{1, 2, 0, 2}},
		{"zero weight gets nothing", 9, rats("0", "1", "2"), []int64{0, 3, 6}},
		{"zero total", 0, rats("1", "2"), []int64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.total, tt.weights)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Split(%d, %v) = %v, want %v", tt.total, tt.weights, got, tt.want)
			}
		})
	}
}

func TestRoundTieGoesToLargerExactValue(t *testing.T) {
	// 2.5 and 7.5 have the same remainder; one unit is left (sum 10 with
	// floors 2 + 7 = 9): it goes to the larger exact value, 7.5, even
	// though 2.5 comes first.
	got := Round(rats("2.5", "7.5"))
	if got[0] != 2 || got[1] != 8 {
		t.Errorf("Round(2.5, 7.5) = %v, want [2 8]", got)
	}
	// With equal exact values the earlier one wins.
	got = Round(rats("2.5", "2.5"))
	if got[0] != 3 || got[1] != 2 {
		t.Errorf("Round(2.5, 2.5) = %v, want [3 2]", got)
	}
}

func TestRoundRemainderCloseTies(t *testing.T) {
	// Remainders that differ only far below the 2⁻⁶² key resolution must
	// still be ordered exactly.
	den := new(big.Int).Lsh(big.NewInt(1), 70)
	num := new(big.Int).Add(new(big.Int).Rsh(den, 1), big.NewInt(1))
	a := new(big.Rat).SetFrac(num, den) // 0.5 + 2⁻⁷⁰
	b := big.NewRat(1, 2)
	c := new(big.Rat).Sub(big.NewRat(2, 1), new(big.Rat).Add(a, b)) // makes the sum 2
	got := Round([]*big.Rat{b, a, c})
	if got[1] != 1 {
		t.Errorf("Round(%v, %v, %v) = %v: the larger remainder (second) must win", b, a, c, got)
	}
}

func TestRoundHalfAway(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"2.5", 3}, {"-2.5", -3}, {"2.4999", 2}, {"13799.5", 13800}, {"7", 7}, {"-0.4", 0}} {
		r, _ := new(big.Rat).SetString(tt.in)
		if got := RoundHalfAway(r); got != tt.want {
			t.Errorf("RoundHalfAway(%s) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestFillFixedRows(t *testing.T) {
	// Columns 60 / 40. Row 0 fixed at 50/50 of 20; rows 1 and 2 (30 and 50)
	// share what is left: 50 and 30 of the columns, in proportion 3:5.
	rows := []Row{
		{Total: 20, Shares: rats("0.5", "0.5")},
		{Total: 30},
		{Total: 50},
	}
	exact, bad := Fill(rows, []int64{60, 40})
	if bad != nil {
		t.Fatalf("Fill: unexpected mismatch %v", bad)
	}
	want := [][]string{{"10", "10"}, {"75/4", "45/4"}, {"125/4", "75/4"}}
	for i := range want {
		for j := range want[i] {
			if got := exact.Cell(i, j).RatString(); got != want[i][j] {
				t.Errorf("cell %d,%d = %s, want %s", i, j, got, want[i][j])
			}
		}
	}
}

func TestFillOvercommitted(t *testing.T) {
	rows := []Row{{Total: 50, Shares: rats("0.9", "0.1")}, {Total: 50}}
	_, bad := Fill(rows, []int64{40, 60})
	if len(bad) != 1 || bad[0].Col != 0 || bad[0].Excess.RatString() != "5" {
		t.Fatalf("Fill = %v, want column 0 over by 5", bad)
	}
	// All rows fixed and the columns do not match: both columns are named.
	rows = []Row{{Total: 10, Shares: rats("0.5", "0.5")}}
	_, bad = Fill(rows, []int64{4, 6})
	if len(bad) != 2 || bad[0].Excess.RatString() != "1" || bad[1].Excess.RatString() != "-1" {
		t.Fatalf("Fill = %v, want column 0 over by 1 and column 1 under by 1", bad)
	}
}

// TestFillEveryRowFixedWithinRounding checks the rule for a table whose
// rows are all fixed: a column whose total lies between the sum of its
// cells rounded down and rounded up is filled; one further off is named.
func TestFillEveryRowFixedWithinRounding(t *testing.T) {
	// One row of 1001 at 25% each: 250.25 per column, against the
	// company's 251, 250, 250, 250.
	rows := []Row{{Total: 1001, Shares: rats("0.25", "0.25", "0.25", "0.25")}}
	cols := []int64{251, 250, 250, 250}
	exact, bad := Fill(rows, cols)
	if bad != nil {
		t.Fatalf("Fill = %v, want no mismatch", bad)
	}
	got, err := exact.Round([]int64{1001}, cols)
	if err != nil || fmt.Sprint(got) != "[[251 250 250 250]]" {
		t.Fatalf("Round = %v, %v, want [[251 250 250 250]]", got, err)
	}
	// Two rows of 3 at 50% each: 1.5 + 1.5 in each column, which can be
	// rounded to 2 or 4 (1+1 to 2+2) but not to 1 or 5.
	rows = []Row{{Total: 3, Shares: rats("0.5", "0.5")}, {Total: 3, Shares: rats("0.5", "0.5")}}
	if _, bad := Fill(rows, []int64{2, 4}); bad != nil {
		t.Errorf("columns 2 and 4: Fill = %v, want no mismatch", bad)
	}
	_, bad = Fill(rows, []int64{1, 5})
	if len(bad) != 2 || bad[0].Excess.RatString() != "2" || bad[1].Excess.RatString() != "-2" {
		t.Errorf("columns 1 and 5: Fill = %v, want column 0 over by 2 and column 1 under by 2", bad)
	}
	// Each column is within reach, but rows 0 and 1 can round up only
	// two cells of columns 0 and 1, which need three: no rounding exists.
	rows = []Row{
		{Total: 1, Shares: rats("0.5", "0.5", "0", "0")},
		{Total: 1, Shares: rats("0.5", "0.5", "0", "0")},
		{Total: 1, Shares: rats("0", "0", "0.5", "0.5")},
	}
	cols = []int64{2, 1, 0, 0}
	exact, bad = Fill(rows, cols)
	if bad != nil {
		t.Fatalf("Fill = %v, want no mismatch", bad)
	}
	if got, err := exact.Round([]int64{1, 1, 1}, cols); err != ErrNoRounding {
		t.Fatalf("Round = %v, %v, want ErrNoRounding", got, err)
	}
}

// TestRoundTableProperty fills and rounds hundreds of random tables and
// checks every row and column adds up and every cell is its exact value
// rounded down or up.
func TestRoundTableProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 500; n++ {
		nr, nc := 1+rng.IntN(30), 1+rng.IntN(13)
		total := int64(rng.IntN(100000))
		colW := randWeights(rng, nc)
		rowW := randWeights(rng, nr)
		cols := Split(total, colW)
		rowTotals := Split(total, rowW)
		rows := make([]Row, nr)
		for i := range rows {
			rows[i].Total = rowTotals[i]
		}
		// Make a few rows fixed with shares close to the columns' own, so
		// that the table can usually be filled.
		for i := range rows {
			if rng.IntN(4) == 0 {
				rows[i].Shares = jitter(rng, colW)
			}
		}
		filled, bad := Fill(rows, cols)
		if bad != nil {
			continue // over-committed: tested elsewhere
		}
		got, err := filled.Round(rowTotals, cols)
		if err != nil {
			t.Fatalf("table %d: %v", n, err)
		}
		exact := make([][]*big.Rat, nr)
		for i := range exact {
			exact[i] = make([]*big.Rat, nc)
			for j := range exact[i] {
				exact[i][j] = filled.Cell(i, j)
			}
		}
		// Rounding the same cells as plain fractions gives the same table.
		again, err := RoundTable(exact, rowTotals, cols)
		if err != nil || fmt.Sprint(again) != fmt.Sprint(got) {
			t.Fatalf("table %d: RoundTable disagrees with Exact.Round: %v", n, err)
		}
		checkRounding(t, n, exact, got, rowTotals, cols)
	}
}

func TestRoundTableAugments(t *testing.T) {
	// A table where the greedy pass alone paints itself into a corner:
	// the largest remainders sit in one column, which can take only one.
	exact := [][]*big.Rat{
		rats("0.9", "0.1"),
		rats("0.8", "0.2"),
	}
	got, err := RoundTable(exact, []int64{1, 1}, []int64{1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if got[0][0] != 1 || got[1][1] != 1 {
		t.Errorf("RoundTable = %v, want [[1 0] [0 1]]", got)
	}
	// Greedy puts row 0's unit in column 0; row 1 must then take column 1.
	exact = [][]*big.Rat{
		rats("0.5", "0.5", "0"),
		rats("0.5", "0", "0.5"),
		rats("0", "0.5", "0.5"),
	}
	got, err = RoundTable(exact, []int64{1, 1, 1}, []int64{1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	checkRounding(t, 0, exact, got, []int64{1, 1, 1}, []int64{1, 1, 1})
}

func TestRoundTableDeterministic(t *testing.T) {
	exact := [][]*big.Rat{
		rats("1/3", "1/3", "1/3"),
		rats("1/3", "1/3", "1/3"),
		rats("1/3", "1/3", "1/3"),
	}
	first, err := RoundTable(exact, []int64{1, 1, 1}, []int64{1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 20; k++ {
		again, _ := RoundTable(exact, []int64{1, 1, 1}, []int64{1, 1, 1})
		if fmt.Sprint(again) != fmt.Sprint(first) {
			t.Fatalf("RoundTable not deterministic: %v then %v", first, again)
		}
	}
	if fmt.Sprint(first) != "[[1 0 0] [0 1 0] [0 0 1]]" {
		t.Errorf("RoundTable = %v, want the diagonal (earlier rows take earlier columns)", first)
	}
}

func checkRounding(t *testing.T, n int, exact [][]*big.Rat, got [][]int64, rows, cols []int64) {
	t.Helper()
	colSum := make([]int64, len(cols))
	for i := range got {
		var rowSum int64
		for j, v := range got[i] {
			rowSum += v
			colSum[j] += v
			f := new(big.Rat).SetInt64(v)
			diff := new(big.Rat).Sub(f, exact[i][j])
			if diff.Cmp(big.NewRat(-1, 1)) <= 0 || diff.Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("table %d cell %d,%d = %d is not %s rounded down or up", n, i, j, v, exact[i][j].RatString())
			}
		}
		if rowSum != rows[i] {
			t.Fatalf("table %d row %d sums to %d, want %d", n, i, rowSum, rows[i])
		}
	}
	for j := range cols {
		if colSum[j] != cols[j] {
			t.Fatalf("table %d column %d sums to %d, want %d", n, j, colSum[j], cols[j])
		}
	}
}

func randWeights(rng *rand.Rand, n int) []*big.Rat {
	w := make([]*big.Rat, n)
	for i := range w {
		w[i] = big.NewRat(int64(1+rng.IntN(1000)), int64(1+rng.IntN(7)))
	}
	return w
}

// jitter returns shares near the proportions of w, summing to exactly 1.
func jitter(rng *rand.Rand, w []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(w))
	sum := new(big.Rat)
	for i, x := range w {
		f := big.NewRat(int64(90+rng.IntN(21)), 100)
		out[i] = new(big.Rat).Mul(x, f)
		sum.Add(sum, out[i])
	}
	for i := range out {
		out[i].Quo(out[i], sum)
	}
	return out
}

// TestSplitFastPathAgrees checks that splitting by whole-number weights in
// 128-bit integers gives exactly what the big.Rat path gives.
func TestSplitFastPathAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 2000; n++ {
		k := 1 + rng.IntN(15)
		w := make([]*big.Rat, k)
		for i := range w {
			w[i] = big.NewRat(int64(rng.IntN(100000)), int64(1+rng.IntN(1000)))
		}
		w[0].Add(w[0], big.NewRat(1, 1)) // not all zero
		total := int64(rng.IntN(1 << 40))
		fast := Split(total, w)
		slow := Round(exactParts(total, w))
		if fmt.Sprint(fast) != fmt.Sprint(slow) {
			t.Fatalf("Split(%d, %v) = %v, big.Rat path gives %v", total, w, fast, slow)
		}
	}
}
