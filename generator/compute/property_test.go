package compute_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestRandomPlansAddUp computes hundreds of random plans and checks that
// every split and every table adds up exactly, and that every table cell
// is its exact value (by the fixed-rows rule, computed here independently)
// rounded down or up.
func TestRandomPlansAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	kinds := []string{"share", "weight", "growth"}
	precisions := []string{"1", "0.1", "0.01", "10", "5", "0.5"}
	n := 300
	if testing.Short() {
		n = 60
	}
	checked := 0
	for k := 0; k < n; k++ {
		o := synth.Options{
			Seed:       uint64(k),
			Regions:    1 + rng.IntN(40),
			Products:   1 + rng.IntN(12),
			Kinds:      kinds[rng.IntN(3)],
			Precision:  precisions[rng.IntN(len(precisions))],
			FixedEvery: []int{0, 2, 3, 4, 5}[rng.IntN(5)], // 1 would fix every row

			FiscalStart: 1 + rng.IntN(12),
		}
		name := fmt.Sprintf("plan %d %+v", k, o)
		p := loadSynth(t, o)
		r, errs := compute.Compute(p)
		if errs.HasErrors() {
			// Random own splits can over-commit a column: a plan error,
			// reported as such. Such plans have nothing to check here.
			for _, d := range errs.Errors() {
				if !strings.Contains(d.Message, "-committed by") {
					t.Fatalf("%s: %v", name, d)
				}
			}
			continue
		}
		checkPlan(t, name, p, r)
		checked++
	}
	if checked < n*2/3 {
		t.Errorf("only %d of %d random plans could be computed", checked, n)
	}
	t.Logf("%d of %d random plans checked", checked, n)
}

func checkPlan(t *testing.T, name string, p *plan.Plan, r *compute.Result) {
	t.Helper()
	sum := func(xs []int64) (s int64) {
		for _, x := range xs {
			s += x
		}
		return s
	}
	expect := func(what string, got, want int64) {
		t.Helper()
		if got != want {
			t.Fatalf("%s: %s = %d units, want %d", name, what, got, want)
		}
	}
	expect("quarters", sum(r.Quarters[:]), r.Target)
	for q := 0; q < 4; q++ {
		expect(fmt.Sprintf("months of Q%d", q+1), sum(r.Months[3*q:3*q+3]), r.Quarters[q])
	}
	var products, regions, customers []int64
	for _, x := range r.Products {
		products = append(products, x.Target)
	}
	for _, x := range r.Regions {
		regions = append(regions, x.Target)
	}
	for _, x := range r.Customers {
		customers = append(customers, x.Target)
	}
	expect("products", sum(products), r.Target)
	expect("regions", sum(regions), r.Target)
	expect("customers", sum(customers), r.Target)
	var channels int64
	for _, reg := range r.Regions {
		var cs []int64
		for _, c := range reg.Channels {
			cs = append(cs, c.Target)
		}
		expect("channels of "+reg.ID, sum(cs), reg.Target)
		channels += sum(cs)
	}
	var channelTotals []int64
	for _, c := range r.Channels {
		channelTotals = append(channelTotals, c.Target)
	}
	expect("company channels", sum(channelTotals), channels)

	// Two-way tables.
	quarterRows := make([][]int64, len(r.Regions))
	var regionRows []tableRow
	for i, reg := range r.Regions {
		quarterRows[i] = reg.Quarters[:]
		regionRows = append(regionRows, tableRow{total: reg.Target, shares: reg.Seasonality.Quarters})
	}
	checkTable(t, name+": regions × quarters", p, regionRows, r.Quarters[:], quarterRows)
	var productRows []tableRow
	productCells := make([][]int64, len(r.Products))
	for i, pr := range r.Products {
		productCells[i] = pr.Quarters[:]
		productRows = append(productRows, tableRow{total: pr.Target, shares: pr.Seasonality.Quarters})
	}
	checkTable(t, name+": products × quarters", p, productRows, r.Quarters[:], productCells)
	for q := 0; q < 4; q++ {
		var rows []tableRow
		cells := make([][]int64, len(r.Regions))
		for i, reg := range r.Regions {
			cells[i] = reg.Months[3*q : 3*q+3]
			rows = append(rows, tableRow{total: reg.Quarters[q], shares: monthShares(reg.Seasonality.Months, q)})
		}
		checkTable(t, fmt.Sprintf("%s: regions × months (Q%d)", name, q+1), p, rows, r.Months[3*q:3*q+3], cells)
		rows = nil
		cells = make([][]int64, len(r.Products))
		for i, pr := range r.Products {
			cells[i] = pr.Months[3*q : 3*q+3]
			rows = append(rows, tableRow{total: pr.Quarters[q], shares: monthShares(pr.Seasonality.Months, q)})
		}
		checkTable(t, fmt.Sprintf("%s: products × months (Q%d)", name, q+1), p, rows, r.Months[3*q:3*q+3], cells)
	}
	var rows []tableRow
	cells := make([][]int64, len(r.Regions))
	for i, reg := range r.Regions {
		cells[i] = reg.Products
		rows = append(rows, tableRow{total: reg.Target, shares: mix(reg.MixProducts, r.Products)})
	}
	checkTable(t, name+": regions × products", p, rows, products, cells)
}

type tableRow struct {
	total  int64
	shares []*big.Rat
}

func monthShares(weights []*big.Rat, q int) []*big.Rat {
	if weights == nil {
		return nil
	}
	sum := new(big.Rat).Add(weights[3*q], weights[3*q+1])
	sum.Add(sum, weights[3*q+2])
	out := make([]*big.Rat, 3)
	for i := range out {
		out[i] = new(big.Rat).Quo(weights[3*q+i], sum)
	}
	return out
}

func mix(m map[string]*big.Rat, products []*compute.Product) []*big.Rat {
	if m == nil {
		return nil
	}
	out := make([]*big.Rat, len(products))
	for j, pr := range products {
		out[j] = new(big.Rat)
		if s, ok := m[pr.ID]; ok {
			out[j] = s
		}
	}
	return out
}

// checkTable checks a rounded table against its margins and against the
// exact cells of the fixed-rows rule, computed here from scratch.
func checkTable(t *testing.T, name string, p *plan.Plan, rows []tableRow, cols []int64, got [][]int64) {
	t.Helper()
	taken := make([]*big.Rat, len(cols))
	for j := range taken {
		taken[j] = new(big.Rat)
	}
	freeTotal := new(big.Rat)
	for _, r := range rows {
		if r.shares == nil {
			freeTotal.Add(freeTotal, big.NewRat(r.total, 1))
			continue
		}
		for j, s := range r.shares {
			taken[j].Add(taken[j], new(big.Rat).Mul(big.NewRat(r.total, 1), s))
		}
	}
	colSums := make([]int64, len(cols))
	for i, r := range rows {
		var rowSum int64
		for j := range cols {
			var exact *big.Rat
			if r.shares != nil {
				exact = new(big.Rat).Mul(big.NewRat(r.total, 1), r.shares[j])
			} else {
				left := new(big.Rat).Sub(big.NewRat(cols[j], 1), taken[j])
				exact = new(big.Rat).Mul(big.NewRat(r.total, 1), left)
				exact.Quo(exact, freeTotal)
			}
			v := big.NewRat(got[i][j], 1)
			diff := new(big.Rat).Sub(v, exact)
			if diff.Cmp(big.NewRat(-1, 1)) <= 0 || diff.Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("%s: cell %d,%d = %d units is not %s rounded down or up", name, i, j, got[i][j], exact.FloatString(4))
			}
			rowSum += got[i][j]
			colSums[j] += got[i][j]
		}
		if rowSum != r.total {
			t.Fatalf("%s: row %d sums to %d, want %d", name, i, rowSum, r.total)
		}
	}
	for j := range cols {
		if colSums[j] != cols[j] {
			t.Fatalf("%s: column %d sums to %d, want %d", name, j, colSums[j], cols[j])
		}
	}
}
