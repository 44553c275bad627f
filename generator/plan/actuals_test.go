package plan

import "testing"

func TestParseMicro(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		err  error
	}{
		{"0", 0, nil}, {"12", 12_000_000, nil}, {"1234.5", 1_234_500_000, nil},
		{"-3.25", -3_250_000, nil}, {"+7", 7_000_000, nil}, {".5", 500_000, nil},
		{"0.000001", 1, nil}, {"007.10", 7_100_000, nil},
		{"1000000000000", 1_000_000_000_000_000_000, nil},
		{"1000000000000.000001", 0, errSize}, {"99999999999999", 0, errSize},
		{"0.1234567", 0, errDecimals},
		{"", 0, errNumber}, {"-", 0, errNumber}, {"5.", 0, errNumber}, {"1,5", 0, errNumber},
		{"1e3", 0, errNumber}, {"1.2.3", 0, errNumber}, {"--1", 0, errNumber}, {" 1", 0, errNumber},
	} {
		got, err := parseMicro(c.in)
		if got != c.want || err != c.err {
			t.Errorf("parseMicro(%q) = %d, %v; want %d, %v", c.in, got, err, c.want, c.err)
		}
	}
}
