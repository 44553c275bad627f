package plan

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzLocate feeds arbitrary text to the scan that runs before the TOML
// library: it must finish on anything, stop at the nesting limit, and, for
// every TOML document that decodes, find the text of every float as
// written, so that amounts are read exactly.
func FuzzLocate(f *testing.F) {
	f.Add("revenue = 12000.123456789012345678\n")
	f.Add("x = [1.5, [2.5e3, {a = -0.25}], \"[\"]\n[t]\ny = { b = [ 1_000.5 ] , c = 'x,{' }\n")
	f.Add("q = [\n  0.1, # c\n  0.2,\n]\n[[p]]\nz.w = +3.0\n")
	f.Add("s = \"\"\"\n[x = 1.5\n\"\"\"\nv = 2.5\n")
	f.Add("x = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n")
	f.Add("t = {a.b = 1.5, \"c\" = 2.5, 'd' = [3.5]}\r\n\"k\" = 4.5\r\n'l' = 5.5\r\na . b = 6.5\r\n")
	f.Add("[a] # [b]\nx = 1.5 # 2.5\n[[a.c]]\ny = [ \"#\", 7.5, '''\n]''', 8.5 ]\n[[a.c]]\ny = [9.5]\n")
	f.Add("arr = [ { n = 1.5 }, { n = [ 2.5, { m = 3.5 } ] } ]\nint = 7\nexp = 1e-3\nneg = -0.0\n")
	f.Fuzz(func(t *testing.T, text string) {
		l := newLocator(text)
		if l.deep[0] > 0 {
			return
		}
		var m map[string]any
		if _, err := toml.Decode(text, &m); err != nil {
			return
		}
		walkFloats("", m, func(path string, x float64) {
			got := strings.ReplaceAll(l.numberText(path), "_", "")
			if y, err := strconv.ParseFloat(got, 64); err != nil || y != x {
				t.Fatalf("float %v at %s: found %q", x, path, got)
			}
		})
	})
}

// walkFloats calls fn with the path and value of every float in v whose
// path is unambiguous (no key holds a dot).
func walkFloats(path string, v any, fn func(string, float64)) {
	switch x := v.(type) {
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			fn(path, x)
		}
	case map[string]any:
		for k, e := range x {
			if !strings.Contains(k, ".") && k != "" {
				walkFloats(join(path, k), e, fn)
			}
		}
	case []any:
		for i, e := range x {
			walkFloats(join(path, strconv.Itoa(i)), e, fn)
		}
	case []map[string]any:
		for i, e := range x {
			walkFloats(join(path, strconv.Itoa(i)), e, fn)
		}
	}
}
