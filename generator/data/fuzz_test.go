package data_test

import (
	"bytes"
	"encoding/csv"
	"math/big"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// FuzzCSVRoundTrip computes synthetic plans chosen by the fuzzer, writes
// their CSV files and reads them back: every file parses, every row and
// column adds up to its total, and the regions' quarter figures read back
// exactly as computed. (The reader of actual results, planbook's own CSV
// input, has a fuzz target of its own: FuzzActuals in package plan.)
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add(uint64(1), uint8(4), uint8(3), uint8(0))
	f.Add(uint64(7), uint8(30), uint8(12), uint8(2))
	f.Add(uint64(3), uint8(1), uint8(1), uint8(5))
	precisions := []string{"1", "0.1", "0.01", "10", "5", "0.5"}
	f.Fuzz(func(t *testing.T, seed uint64, regions, products, precision uint8) {
		o := synth.Options{Seed: seed, Regions: 1 + int(regions)%40, Products: 1 + int(products)%12,
			Precision: precisions[int(precision)%len(precisions)], FixedEvery: 5}
		fsys := fstest.MapFS{}
		for name, text := range synth.Site(o) {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		p, errs := plan.Load(fsys)
		if errs.HasErrors() {
			t.Fatalf("synthetic plan does not load: %v", errs.Err())
		}
		r, cerrs := compute.Compute(p)
		if cerrs.HasErrors() {
			return // an over-committed random plan: nothing to write
		}
		for name, file := range data.CSV(r) {
			if !bytes.HasPrefix(file, []byte("\ufeff")) {
				t.Fatalf("%s has no BOM", name)
			}
			recs, err := csv.NewReader(bytes.NewReader(file[3:])).ReadAll()
			if err != nil {
				t.Fatalf("%s does not parse: %v", name, err)
			}
			checkSums(t, name, recs)
			if name == "data/regions-quarters.csv" {
				for i, reg := range r.Regions {
					for q := 0; q < 4; q++ {
						if got, want := recs[i+1][2+q], r.Amount(reg.Quarters[q]); !equal(got, want) {
							t.Fatalf("%s: %s Q%d reads back as %s, want %s", name, reg.ID, q+1, got, want.RatString())
						}
					}
				}
			}
		}
	})
}

// checkSums checks that every data row adds up to its total column and
// every column to the total row.
func checkSums(t *testing.T, name string, recs [][]string) {
	t.Helper()
	n := len(recs[0])
	if recs[0][n-1] != "total" || recs[len(recs)-1][0] != "total" {
		t.Fatalf("%s: no total column or row", name)
	}
	cols := make([]*big.Rat, n)
	for j := range cols {
		cols[j] = new(big.Rat)
	}
	for _, rec := range recs[1 : len(recs)-1] {
		row := new(big.Rat)
		for j := 2; j < n-1; j++ {
			v := parse(t, name, rec[j])
			row.Add(row, v)
			cols[j].Add(cols[j], v)
		}
		if row.Cmp(parse(t, name, rec[n-1])) != 0 {
			t.Fatalf("%s: row %s adds up to %s, not its total %s", name, rec[0], row.RatString(), rec[n-1])
		}
	}
	for j := 2; j < n-1; j++ {
		if cols[j].Cmp(parse(t, name, recs[len(recs)-1][j])) != 0 {
			t.Fatalf("%s: column %s adds up to %s, not its total", name, recs[0][j], cols[j].RatString())
		}
	}
}

func parse(t *testing.T, name, s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "e/") {
		t.Fatalf("%s: %q is not a plain decimal", name, s)
	}
	return r
}

func equal(s string, want *big.Rat) bool {
	r, ok := new(big.Rat).SetString(s)
	return ok && r.Cmp(want) == 0
}
