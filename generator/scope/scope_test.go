package scope_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/plan"
	"planbook/generator/scope"
)

// load computes the test site name from testdata/sites, with text added
// to the end of its plan.toml.
func load(t *testing.T, name, planExtra string) *compute.Result {
	t.Helper()
	ar, err := txtar.ParseFile("../../testdata/sites/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		data := f.Data
		if f.Name == "content/plan.toml" {
			data = append(append([]byte(nil), data...), planExtra...)
		}
		fsys[f.Name] = &fstest.MapFile{Data: data}
	}
	p, errs := plan.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	r, cerrs := compute.Compute(p)
	if err := cerrs.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

// checks lists the checks of r as "code: text" in English.
func checks(r *compute.Result) []string {
	var out []string
	for _, c := range r.Checks {
		out = append(out, c.Code+": "+i18n.Lang("en").Format(c.Message()))
	}
	return out
}

func has(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// TestChecksByRegion narrows the checks by the regions they are about: a
// region's channel split and an item for some regions only go with their
// regions; the company's checks stay in every site.
func TestChecksByRegion(t *testing.T) {
	full := load(t, "growth-keep", "")
	for _, c := range full.Checks {
		if c.Code == "fit-gap" && strings.Join(c.Regions, ",") != "east" {
			t.Errorf("the check of East's channels is about %v, want [east]", c.Regions)
		}
	}
	for _, tc := range []struct {
		region    string
		want, not []string
	}{
		{"east", []string{"fit-gap: Channels of East", `promotion-return: "Spring sale"`, "splits:", "promotion-budget:"}, nil},
		{"north", []string{"splits:", "new-product-share:", "promotion-budget:"}, []string{"fit-gap:", "promotion-return:"}},
	} {
		r, errs := scope.Apply(full, []string{tc.region})
		if errs.HasErrors() {
			t.Fatal(errs.Err())
		}
		got := checks(r)
		for _, w := range tc.want {
			if !has(got, w) {
				t.Errorf("site for %s lacks the check %q: %q", tc.region, w, got)
			}
		}
		for _, n := range tc.not {
			if has(got, n) {
				t.Errorf("site for %s shows the check %q of another region: %q", tc.region, n, got)
			}
		}
	}
}

// TestChecksNotByName keeps the checks of an item for everyone whose name
// contains the name of an item left out: what a check is about decides,
// not the words of its text.
func TestChecksNotByName(t *testing.T) {
	full := load(t, "growth-keep", `
[[promotions]]
id = "spring-north"
name = "Spring"
start = 2024-03-01
end = 2024-03-31
regions = ["north"]
budget = 5
expected = 10
`)
	r, errs := scope.Apply(full, []string{"east"})
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	got := checks(r)
	if !has(got, `promotion-return: "Spring sale"`) {
		t.Errorf("the site for East lacks the check of its own promotion Spring sale: %q", got)
	}
	if has(got, `promotion-return: "Spring":`) {
		t.Errorf("the site for East shows the check of North's promotion Spring: %q", got)
	}
}
