package site

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/plan"
)

// TestTableFiguresAsNumber checks that the tables write amounts, shares
// and counts as the language's Number and Percent do, for precisions the
// integer path takes and some it leaves to big numbers.
func TestTableFiguresAsNumber(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, precision := range []string{"1", "0.1", "0.01", "0.0001", "0.00001", "10", "10000", "0.5", "0.25", "3", "1/3"} {
		p, _ := new(big.Rat).SetString(precision)
		for _, lang := range i18n.Languages {
			b := &builder{siteRenderer: &siteRenderer{r: &compute.Result{Plan: &plan.Plan{Precision: p}}, lang: i18n.Lang(lang)}}
			units := []int64{0, 1, -1, 7, 1000, -1234567, math.MaxInt64, math.MinInt64 + 1, math.MaxInt64 / 3}
			for range 2000 {
				units = append(units, rng.Int64N(2e12)-1e12, rng.Int64()>>rng.IntN(63))
			}
			for _, u := range units {
				if got, want := b.amount(u).Text, b.lang.Number(b.r.Amount(u), 4); got != want {
					t.Fatalf("precision %s, %s: amount(%d) = %q, Number says %q", precision, lang, u, got, want)
				}
				if u > 0 {
					if got, want := b.count(u).Text, b.lang.Number(big.NewRat(u, 1), 0); got != want {
						t.Fatalf("%s: count(%d) = %q, Number says %q", lang, u, got, want)
					}
				}
			}
			for range 2000 {
				whole := rng.Int64N(1e10) + 1
				part := rng.Int64N(3*whole) - whole
				if got, want := b.sharePercent(part, whole).Text, b.percent(b.share(part, whole)).Text; got != want {
					t.Fatalf("%s: sharePercent(%d, %d) = %q, percent says %q", lang, part, whole, got, want)
				}
			}
			if got := b.sharePercent(5, 0).Text; got != "–" {
				t.Errorf("sharePercent(5, 0) = %q", got)
			}
		}
	}
}
