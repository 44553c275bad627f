package plan

import (
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/diag"
)

func TestReadDecimal(t *testing.T) {
	for _, tc := range []struct {
		in       string
		exponent bool
		want     string // the exact value, or the error
	}{
		{"12000.123456789012345678", true, "6000061728394506172839/500000000000000000"},
		{"-2.50", false, "-5/2"},
		{"+3.0", true, "3"},
		{".5", false, "1/2"},
		{"1.5e3", true, "1500"},
		{"1E-20", true, "1/100000000000000000000"},
		{"0.000", true, "0"},
		{"0e-999999", true, "0"},
		{"12345678901234567890", true, "12345678901234567890"},
		{"123456789012345678901", true, errTooManyDigits.Error()},
		{"1e21", true, errTooManyDigits.Error()},
		{"1.000000000000000000001", true, errTooManyDecimals.Error()},
		{"1e-21", true, errTooManyDecimals.Error()},
		{"1e-99999999999999999999", true, errTooManyDecimals.Error()},
		{"1e5", false, errNotDecimal.Error()},
		{"1/2", false, errNotDecimal.Error()},
		{"", false, errNotDecimal.Error()},
		{"1.", true, errNotDecimal.Error()},
	} {
		r, err := readDecimal(tc.in, tc.exponent)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = r.RatString()
		}
		if got != tc.want {
			t.Errorf("readDecimal(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestNumbersReadAsWritten loads floats written in every place and form a
// plan may hold them, with more digits than binary floating point keeps,
// and finds each exactly as written.
func TestNumbersReadAsWritten(t *testing.T) {
	p, errs := Load(fstest.MapFS{
		"content/plan.toml": {Data: []byte(`title = "T"
year = 2024
unit = "万元"
precision = 0.000001
[baseline]
revenue = 12000.123456789012345678
[target]
revenue = 1_300.000001
new_product_share = 0.10000000000000000001
[seasonality]
months = [ 1.00000000000000000001, 1, 1,
  1, 1, 1, # a comment with 0.5
  1, 1, 1, 1, 1, 2.5e-1 ]
[[kpis]]
id = "k"
name = "K"
unit = "分"
baseline = 9.99999999999999999
target = { x = 1 }
`)},
		"content/regions/east.toml": {Data: []byte("name = \"East\"\nstage = \"mature\"\nshare = 1.0\nseasonality = { quarters = [0.25, 0.25, 0.249999999999999999, 0.250000000000000001] }\n")},
	})
	want := map[string]string{
		"baseline":          "12000.123456789012345678",
		"target":            "1300.000001",
		"new_product_share": "0.10000000000000000001",
		"month 1":           "1.00000000000000000001",
		"month 12":          "0.25",
		"kpi baseline":      "9.99999999999999999",
		"east Q3":           "0.249999999999999999",
		"east Q4":           "0.250000000000000001",
	}
	got := map[string]string{
		"baseline":          p.Baseline.Revenue.FloatString(18),
		"target":            p.Target.Revenue.FloatString(6),
		"new_product_share": p.Target.NewProductShare.FloatString(20),
		"month 1":           p.Seasonality.Months[0].FloatString(20),
		"month 12":          p.Seasonality.Months[11].FloatString(2),
		"kpi baseline":      p.KPIs[0].Baseline.FloatString(17),
		"east Q3":           p.Regions[0].Seasonality.Quarters[2].FloatString(18),
		"east Q4":           p.Regions[0].Seasonality.Quarters[3].FloatString(18),
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	// The one error: the KPI's target is a table. Nothing else is refused.
	if es := errs.Errors(); len(es) != 1 || !strings.Contains(es[0].Message, "target must be a number, not a table") {
		t.Errorf("errors: %v", errs.Err())
	}
}

// TestUnlocatedFloat checks what happens to a float whose text is not
// where the scan looks: read as its shortest decimal when that has at most
// 15 significant digits, refused when it has more.
func TestUnlocatedFloat(t *testing.T) {
	errs := &diag.List{}
	src := &source{file: "content/plan.toml", errs: errs, loc: newLocator("")}
	if r, ok := src.number("x", "x", 0.1); !ok || r.RatString() != "1/10" {
		t.Errorf("0.1 = %v, %v", r, ok)
	}
	tenth := 0.1
	if r, ok := src.number("x", "x", tenth+0.2); !ok || r != nil || !strings.Contains(errs.Err().Error(), "x 0.30000000000000004 cannot be read exactly") {
		t.Errorf("0.1+0.2 = %v, %v: %v", r, ok, errs.Err())
	}
}
