package numfmt

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
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

// TestPercentOfIsRate checks that PercentOf writes every ratio as Rate
// does, halves included, and leaves those that Rate gives more decimals to
// Rate.
func TestPercentOfIsRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type pair struct{ part, whole int64 }
	pairs := []pair{{1, 8}, {-1, 8}, {1, -8}, {0, 5}, {1, 2000}, {-1, 2000}, {1, 3}, {2, 3}, {5, 1}, {-1, 1 << 53}, {1 << 53, 3}, {123, 100000},
		{39844, 39860}, {3986, 3986}, {-3986, 3986}, {1, 100000}, {100001, 100000}, {-99999, 100000}}
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
			want := rate(big.NewRat(p.part, p.whole), places, false) // Rate in big arithmetic
			more := want != Places(new(big.Rat).Mul(big.NewRat(p.part, p.whole), big.NewRat(100, 1)), places)
			if !ok && p.part < 1<<50 && !more {
				t.Fatalf("PercentOf(%d, %d, %d) not ok, Rate says %q", p.part, p.whole, places, want)
			}
			if !ok {
				continue // too large, or more decimals: the caller uses Rate
			}
			if got != want {
				t.Fatalf("PercentOf(%d, %d, %d) = %q, Rate says %q", p.part, p.whole, places, got, want)
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

// TestRate pins the digits a percentage gets: one decimal as a rule, more
// for a ratio that would otherwise read as 0, 100% or -100%.
func TestRate(t *testing.T) {
	for _, c := range []struct {
		num, den int64
		places   int
		want     string
	}{
		{195, 1000, 1, "19.5"},
		{1, 1, 1, "100.0"},
		{0, 1, 1, "0.0"},
		{-1, 1, 1, "-100.0"},
		{39844, 39860, 1, "99.96"},  // east: 3,984.4 of 3,986
		{39860, 39844, 1, "100.04"}, // just over the plan
		{1000, 999999, 1, "0.1"},
		{1, 100000, 1, "0.001"},
		{-4, 10000, 1, "-0.04"}, // a projection just short of its target
		{99999, 100000, 1, "99.999"},
		{-99999, 100000, 1, "-99.999"},
		{1, 3, 1, "33.3"},
		{9995, 10000, 1, "99.95"},
		{9994, 10000, 1, "99.9"},
		{9999, 10000, 0, "99.99"},
		{12, 10000, 0, "0.1"},
	} {
		if got := Rate(big.NewRat(c.num, c.den), c.places); got != c.want {
			t.Errorf("Rate(%d/%d, %d) = %q, want %q", c.num, c.den, c.places, got, c.want)
		}
	}
	if got := Percent(big.NewRat(9999999, 10000000), 4); got != "99.99999%" {
		t.Errorf("Percent(0.9999999, 4) = %q, want 99.99999%%", got)
	}
	if got := Percent(big.NewRat(1, 1), 4); got != "100%" {
		t.Errorf("Percent(1, 4) = %q, want 100%%", got)
	}
}

// TestRateNeverOnALandmark checks, for random ratios, that Rate writes 0,
// 100 or -100 only for those ratios, and otherwise rounds as Places does
// at the decimals it chose.
func TestRateNeverOnALandmark(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		den := rng.Int64N(1e7) + 1
		num := den + rng.Int64N(21) - 10 // near 100%
		switch rng.IntN(3) {
		case 0:
			num = rng.Int64N(21) - 10 // near 0
		case 1:
			num = -num // near -100%
		}
		r := big.NewRat(num, den)
		s := Rate(r, 1)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("Rate(%v) = %q: %v", r, s, err)
		}
		if landmark := v == 0 || v == 100 || v == -100; landmark != landmarkOf(new(big.Rat).Mul(r, big.NewRat(100, 1))) {
			t.Fatalf("Rate(%d/%d, 1) = %q", num, den, s)
		}
		places := len(s) - strings.IndexByte(s, '.') - 1
		if want := Places(new(big.Rat).Mul(r, big.NewRat(100, 1)), places); s != want {
			t.Fatalf("Rate(%d/%d, 1) = %q, Places at %d says %q", num, den, s, places, want)
		}
	}
}
