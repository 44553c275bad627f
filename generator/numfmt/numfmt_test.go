package numfmt

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestScaledIsFixed checks that Scaled writes every number as Fixed does.
func TestScaledIsFixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	values := []int64{0, 1, -1, 9, 10, -10, 100, 123456789, -123456789, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 20000 {
		values = append(values, rng.Int64N(1e12)-5e11, rng.Int64()>>rng.IntN(63))
	}
	for _, v := range values {
		for places := 0; places <= 6; places++ {
			want := Fixed(new(big.Rat).SetFrac(big.NewInt(v), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)), places)
			if got := Scaled(v, places); got != want {
				t.Fatalf("Scaled(%d, %d) = %q, Fixed says %q", v, places, got, want)
			}
		}
	}
}

// TestPercentOfIsPlaces checks that PercentOf writes every ratio as Places
// of the ratio × 100 does, halves included.
func TestPercentOfIsPlaces(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type pair struct{ part, whole int64 }
	pairs := []pair{{1, 8}, {-1, 8}, {1, -8}, {0, 5}, {1, 2000}, {-1, 2000}, {1, 3}, {2, 3}, {5, 1}, {-1, 1 << 53}, {1 << 53, 3}, {123, 100000}}
	for range 50000 {
		w := rng.Int64N(1e9) + 1
		part := rng.Int64N(3*w+1) - w
		if rng.IntN(4) == 0 {
			w = -w
		}
		pairs = append(pairs, pair{part, w}, pair{rng.Int64N(2000) - 1000, rng.Int64N(2000) + 1})
	}
	for _, p := range pairs {
		for places := 0; places <= 3; places++ {
			got, ok := PercentOf(p.part, p.whole, places)
			if !ok && p.part < 1<<50 {
				t.Fatalf("PercentOf(%d, %d, %d) not ok", p.part, p.whole, places)
			}
			if !ok {
				continue // too large: the caller formats it with big numbers
			}
			if want := Places(new(big.Rat).Mul(big.NewRat(p.part, p.whole), big.NewRat(100, 1)), places); got != want {
				t.Fatalf("PercentOf(%d, %d, %d) = %q, Places says %q", p.part, p.whole, places, got, want)
			}
		}
	}
	if _, ok := PercentOf(1, 0, 1); ok {
		t.Error("PercentOf(1, 0) is ok")
	}
	if _, ok := PercentOf(1<<60, 3, 1); ok {
		t.Error("PercentOf of a number too large is ok")
	}
}
