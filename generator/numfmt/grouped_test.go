package numfmt

import (
	"math/rand/v2"
	"testing"
)

// TestAppendGrouped holds AppendGrouped to Group of Scaled: the same text
// for random values, signs and places.
func TestAppendGrouped(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	values := []int64{0, 1, -1, 9999, 10000, -10000, 123456789, 1 << 62, -1 << 62, -9223372036854775807}
	for range 20000 {
		values = append(values, rng.Int64N(1e12)-5e11, rng.Int64())
	}
	for _, v := range values {
		for places := 0; places <= 6; places++ {
			want := Group(Scaled(v, places), ",")
			if got := string(AppendGrouped([]byte("x"), v, places, ",")); got != "x"+want {
				t.Fatalf("AppendGrouped(%d, %d) = %q, want %q", v, places, got[1:], want)
			}
		}
	}
}
