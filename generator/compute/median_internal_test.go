package compute

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMedianOf checks the median of random lists of fractions, many with
// equal values, against the middle of the sorted list.
func TestMedianOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 2000; k++ {
		n := 1 + rng.IntN(40)
		xs := make([]*big.Rat, n)
		for i := range xs {
			xs[i] = big.NewRat(int64(rng.IntN(12)), int64(1+rng.IntN(3)))
		}
		sorted := slices.Clone(xs)
		slices.SortFunc(sorted, func(a, b *big.Rat) int { return a.Cmp(b) })
		want := sorted[n/2]
		if n%2 == 0 {
			want = new(big.Rat).Add(sorted[n/2-1], sorted[n/2])
			want.Quo(want, big.NewRat(2, 1))
		}
		if got := medianOf(xs); got.Cmp(want) != 0 {
			t.Fatalf("median of %v = %s, want %s", xs, got.RatString(), want.RatString())
		}
	}
}
