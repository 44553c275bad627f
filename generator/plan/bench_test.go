package plan

import (
	"strings"
	"testing"
	"testing/fstest"
)

// nestingBombs are region files built to make a TOML reader nest without
// end: before the nesting limit, 80 KB of them took 3.3 GB and 24 s, or
// more than a minute, to load.
func nestingBombs() map[string]string {
	const n = 40000
	return map[string]string{
		"arrays-80KB":           "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
		"inline-tables-80KB":    "x = " + strings.Repeat("{a=", n/2) + "1" + strings.Repeat("}", n/2) + "\n",
		"dotted-key-80KB":       strings.Repeat("a.", n) + "a = 1\n",
		"table-header-80KB":     "[" + strings.Repeat("a.", n) + "a]\n",
		"arrays-lines-10MiB":    strings.Repeat("x = [\n", 10<<20/6-1), // one unclosed bracket per line
		"arrays-one-line-10MiB": "x = " + strings.Repeat("[", 5<<20-4) + strings.Repeat("]", 5<<20-4),
	}
}

// BenchmarkLoadNestingBomb loads a site whose one region file is a
// nesting bomb. Each is refused at the nesting limit, in time and memory
// in proportion to the file, not to its depth.
func BenchmarkLoadNestingBomb(b *testing.B) {
	for name, text := range nestingBombs() {
		fsys := fstest.MapFS{
			"content/plan.toml":         {Data: []byte("title = \"T\"\nyear = 2024\nunit = \"万元\"\n[target]\nrevenue = 100\n")},
			"content/regions/east.toml": {Data: []byte(text)},
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, errs := Load(fsys)
				if es := errs.Errors(); len(es) != 1 || !strings.Contains(es[0].Message, "levels deep") {
					b.Fatalf("want the nesting error alone, got %v", errs.Err())
				}
			}
		})
	}
}
