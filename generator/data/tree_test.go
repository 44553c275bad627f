package data_test

import (
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestFlattenLookup flattens the trees of plan.json and actuals.json of a
// synthetic plan: every leaf's key is one Lookup finds, with the same
// value, and the keys are those the pages use ("quarters.q3",
// "regions.ID.months.m12", "actuals.months.m2.actual"; a team's
// "teams.REGION.TEAM.assigned").
func TestFlattenLookup(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range synth.Site(synth.Options{Seed: 3, Regions: 4, Products: 3, ActualsThrough: 5, People: 3}) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	r, cerrs := compute.Compute(p)
	if cerrs.HasErrors() {
		t.Fatal(cerrs.Err())
	}
	tree := append(data.Tree(r), data.Field{Key: "actuals", Value: data.ActualsTree(r)})
	leaves := data.Flatten(tree)
	reg := r.Regions[1].ID
	for _, key := range []string{"target", "quarters.q3", "months.m12", "per_head.growth", "regions." + reg + ".months.m12",
		"regions." + reg + ".products." + r.Products[0].ID, "checks.1.code", "actuals.months.m2.actual", "actuals.quarters.q1.plan",
		"actuals.regions." + reg + ".months.m3", "teams." + reg + ".t1.assigned", "teams." + r.Regions[0].ID + "." + r.Regions[0].ID + ".people",
		"regions." + reg + ".coverage.m2"} {
		if _, ok := leaves[key]; !ok {
			t.Errorf("Flatten lacks %s", key)
		}
	}
	for key, leaf := range leaves {
		got, err := data.Lookup(tree, key)
		if err != nil {
			t.Errorf("Lookup(%s): %v", key, err)
			continue
		}
		if got.S != leaf.S || (got.R == nil) != (leaf.R == nil) || got.R != nil && got.R.Cmp(leaf.R) != 0 {
			t.Errorf("Lookup(%s) = %v, Flatten has %v", key, got, leaf)
		}
	}
	if len(leaves) < 200 {
		t.Errorf("only %d leaves", len(leaves))
	}
}
