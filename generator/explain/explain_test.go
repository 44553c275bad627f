package explain_test

import (
	"encoding/csv"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/explain"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

func computeSite(t testing.TB, files map[string]string) (*compute.Result, bool) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		t.Fatalf("load: %v", errs.Err())
	}
	r, cerrs := compute.Compute(p)
	return r, !cerrs.HasErrors()
}

// TestEveryFigureReproduced computes random plans (shares, weights and
// growth splits, kept proposals, own seasonality and mixes, teams and a
// roster with new hires) and, for every leaf of plan.json with every
// person's quota, evaluates its derivation again from the inputs it lists
// and compares with the figure. It also holds every input to what it
// claims to be: a figure's input to that figure (or to its exact value),
// a written input to the value written at its file and line.
func TestEveryFigureReproduced(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	kinds := []string{"share", "weight", "growth"}
	precisions := []string{"1", "0.1", "10", "5", "0.01"}
	n := 60
	if testing.Short() {
		n = 15
	}
	checked, rules := 0, map[explain.Rule]int{}
	// A plan that writes little: defaults everywhere (no precision, no
	// baseline year, no seasonality, a channel without a stage).
	if r, ok := computeSite(t, minimalSite); ok {
		checkAll(t, "minimal plan", r, rules)
	} else {
		t.Fatal("the minimal plan does not compute")
	}
	for k := 0; k < n; k++ {
		o := synth.Options{
			Seed: uint64(100 + k), Regions: 1 + rng.IntN(9), Products: 1 + rng.IntN(5),
			Kinds: kinds[rng.IntN(3)], Fit: []string{"scale", "keep"}[rng.IntN(2)],
			Precision: precisions[rng.IntN(len(precisions))], FixedEvery: []int{0, 2, 3}[rng.IntN(3)],
			FiscalStart: 1 + rng.IntN(12), People: rng.IntN(4),
		}
		r, ok := computeSite(t, synth.Site(o))
		if !ok {
			continue // an over-committed column: a plan error, nothing to explain
		}
		checkAll(t, fmt.Sprintf("plan %d %+v", k, o), r, rules)
		checked++
	}
	if checked < n/2 {
		t.Errorf("only %d of %d random plans computed", checked, n)
	}
	// Every rule was put to the test (a file name and the rounding of a
	// quota with its months are the exceptions random plans need not hit).
	for _, rule := range []explain.Rule{explain.Written, explain.Default, explain.PreviousYear, explain.TargetGrowth,
		explain.SplitShare, explain.SplitWeight, explain.SplitGrowth, explain.KeepProposal, explain.Whole,
		explain.FixedRow, explain.FreeRow, explain.RowWise, explain.Quota, explain.QuotaMonth, explain.ShareRatio,
		explain.Coverage, explain.GrowthOf, explain.PerUnit, explain.Sum, explain.CountOf, explain.Inherit,
		explain.Overassigned, explain.CheckText} {
		if rules[rule] == 0 {
			t.Errorf("no figure of %d plans follows the rule %s", checked, rule)
		}
	}
}

var minimalSite = map[string]string{
	"content/plan.toml": "title = \"T\"\nyear = 2024\nunit = \"万元\"\n[baseline]\nrevenue = 1000\n[target]\ngrowth = \"10%\"\n" +
		"[[products]]\nid = \"a\"\nname = \"A\"\nclass = \"mature\"\nweight = 2\n[[products]]\nid = \"b\"\nname = \"B\"\nclass = \"strategic\"\nweight = 1\n",
	"content/regions/east.toml": "name = \"East\"\nstage = \"mature\"\nweight = 3\n[[channels]]\nid = \"d\"\nname = \"D\"\nshare = \"100%\"\n",
	"content/regions/west.toml": "name = \"West\"\nstage = \"growing\"\nweight = 1\nheadcount = 4\n",
}

func checkAll(t *testing.T, name string, r *compute.Result, rules map[explain.Rule]int) {
	t.Helper()
	e := explain.New(r, true)
	for _, list := range splitLists(r) {
		checkLargestRemainder(t, name, e, r, list)
	}
	leaves := data.Flatten(e.Tree())
	keys := e.Keys()
	seen := map[*explain.Input]bool{} // inputs derivations share are checked once
	if len(keys) != len(leaves) {
		t.Fatalf("%s: %d keys, %d leaves", name, len(keys), len(leaves))
	}
	for _, key := range keys {
		d, err := e.Of(key)
		if err != nil {
			t.Fatalf("%s: %s: %v", name, key, err)
		}
		rules[d.Rule]++
		v, text, err := explain.Evaluate(d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		leaf := leaves[key]
		switch {
		case leaf.Kind == data.Text && text != leaf.S:
			t.Fatalf("%s: %s: derivation gives %q, plan.json has %q", name, key, text, leaf.S)
		case leaf.Kind != data.Text && !same(v, leaf.R):
			t.Fatalf("%s: %s: derivation (%s) gives %s, plan.json has %s", name, key, d.Rule, rat(v), rat(leaf.R))
		}
		for _, in := range d.Inputs {
			checkInput(t, name+": "+key, e, leaves, r.Plan, in, seen)
		}
	}
}

// splitLists returns the value keys of the figures of each split of r:
// the lists whose members share an amount by largest remainder.
func splitLists(r *compute.Result) [][]string {
	var lists [][]string
	keys := func(n int, key func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = key(i)
		}
		return out
	}
	lists = append(lists, keys(4, func(i int) string { return fmt.Sprintf("quarters.q%d", i+1) }))
	for q := 0; q < 4; q++ {
		lists = append(lists, keys(3, func(i int) string { return fmt.Sprintf("months.m%d", 3*q+i+1) }))
	}
	lists = append(lists, keys(len(r.Products), func(i int) string { return "products." + r.Products[i].ID + ".target" }))
	lists = append(lists, keys(len(r.Customers), func(i int) string { return "customers." + r.Customers[i].ID + ".target" }))
	lists = append(lists, keys(len(r.Regions), func(i int) string { return "regions." + r.Regions[i].ID + ".target" }))
	for _, reg := range r.Regions {
		lists = append(lists, keys(len(reg.Channels), func(i int) string { return "regions." + reg.ID + ".channels." + reg.Channels[i].ID + ".target" }))
		if len(reg.Region.Teams) > 0 {
			lists = append(lists, keys(len(reg.Teams), func(i int) string { return "teams." + reg.ID + "." + reg.Teams[i].ID + ".target" }))
		}
	}
	for _, tm := range r.Teams {
		lists = append(lists, keys(len(tm.People), func(i int) string { return "people." + tm.People[i].ID + ".quota" }))
	}
	return lists
}

// checkLargestRemainder holds the derivations of a split that say
// "largest remainder" to it: the members whose rounding added a unit are
// exactly those with the largest remainders (ties to the larger exact
// value, then the earlier member), as many as the units left over.
func checkLargestRemainder(t *testing.T, name string, e *explain.Explainer, r *compute.Result, keys []string) {
	t.Helper()
	type part struct {
		i          int
		floor, rem *big.Rat
		exact      *big.Rat
		up         bool
	}
	step := r.Plan.Precision
	var parts []part
	left := new(big.Rat)
	for i, k := range keys {
		d, err := e.Of(k)
		if err != nil || d.Rounding != explain.LargestRemainder {
			return // not a list split by largest remainder (kept at proposals, or rounded with its months)
		}
		q := new(big.Rat).Quo(d.Exact, step)
		floor := new(big.Rat).SetInt(new(big.Int).Div(q.Num(), q.Denom()))
		parts = append(parts, part{i, floor, new(big.Rat).Sub(q, floor), d.Exact, d.Up})
		left.Add(left, new(big.Rat).Quo(d.Value, step))
		left.Sub(left, floor)
	}
	slices.SortStableFunc(parts, func(a, b part) int {
		if c := b.rem.Cmp(a.rem); c != 0 {
			return c
		}
		return b.exact.Cmp(a.exact)
	})
	if !left.IsInt() || left.Num().Int64() > int64(len(parts)) {
		t.Fatalf("%s: %v leave %s units", name, keys, left.RatString())
	}
	for n, p := range parts {
		if want := int64(n) < left.Num().Int64(); p.up != want {
			t.Fatalf("%s: %s rounded up %v, but by largest remainder it is %v (%s units left over)", name, keys[p.i], p.up, want, left.RatString())
		}
	}
}

// checkInput holds an input, its parts and its derivation's inputs to what
// they claim to be.
func checkInput(t *testing.T, where string, e *explain.Explainer, leaves map[string]data.Leaf, p *plan.Plan, in *explain.Input, seen map[*explain.Input]bool) {
	t.Helper()
	if seen[in] {
		return
	}
	seen[in] = true
	switch {
	case in.Key != "" && in.Before:
		d, err := e.Of(in.Key)
		if err != nil || !same(d.Exact, in.Value) {
			t.Fatalf("%s: input %s carries %s before rounding, its derivation has %v (%v)", where, in.Key, rat(in.Value), d, err)
		}
	case in.Key != "":
		leaf, ok := leaves[in.Key]
		if !ok {
			t.Fatalf("%s: input %s is no figure of plan.json", where, in.Key)
		}
		if leaf.Kind == data.Text && leaf.S != in.Text || leaf.Kind != data.Text && !same(leaf.R, in.Value) {
			t.Fatalf("%s: input %s carries %s %q, plan.json has %s %q", where, in.Key, rat(in.Value), in.Text, rat(leaf.R), leaf.S)
		}
	case in.Source != nil:
		checkSource(t, where, p, in)
	}
	for _, part := range in.Parts {
		checkInput(t, where, e, leaves, p, part, seen)
	}
	if in.Via != nil {
		for _, sub := range in.Via.Inputs {
			checkInput(t, where, e, leaves, p, sub, seen)
		}
	}
}

// checkSource reads the value written where a written input says it is,
// and compares it with the input.
func checkSource(t *testing.T, where string, p *plan.Plan, in *explain.Input) {
	t.Helper()
	s := in.Source
	if s.Pos.Line == 0 {
		if in.Kind != data.Text || !strings.HasSuffix(s.Pos.File, "/"+in.Text+".toml") {
			t.Fatalf("%s: input %s from the name of %s", where, in.Text, s.Pos.File)
		}
		return
	}
	line := p.SourceLine(s.Pos.File, s.Pos.Line)
	// The edits between two versions are found by these names: each
	// input must be among the values written, at its line.
	if wv, ok := writtenValues(p)[s.ID]; (!ok || wv.Pos.Line != s.Pos.Line) && !(s.Path == "weight" && !strings.Contains(p.SourceLine(s.Pos.File, 1), "weight")) {
		t.Fatalf("%s: input %s at %s:%d is not a value written there (%v)", where, s.ID, s.Pos.File, s.Pos.Line, wv)
	}
	var text string
	if s.Pos.File == plan.PeopleFile {
		header, _ := csv.NewReader(strings.NewReader(p.SourceLine(s.Pos.File, 1))).Read()
		row, err := csv.NewReader(strings.NewReader(line)).Read()
		col := slices.Index(header, s.Path)
		switch {
		case err != nil:
			t.Fatalf("%s: %s:%d: %v", where, s.Pos.File, s.Pos.Line, err)
		case col < 0 && s.Path == "weight":
			text = "1"
		case col < 0:
			t.Fatalf("%s: no column %s", where, s.Path)
		default:
			text = row[col]
		}
		if text == "" && s.Path == "weight" {
			text = "1"
		}
	} else {
		text = plan.Written(line, s.Pos.Col)
	}
	if in.Kind == data.Text {
		if strings.Trim(text, `"'`) != in.Text {
			t.Fatalf("%s: input %s says %q, %s:%d has %s", where, s.ID, in.Text, s.Pos.File, s.Pos.Line, text)
		}
		return
	}
	v, ok := parseWritten(text)
	if !ok || !same(v, in.Value) {
		t.Fatalf("%s: input %s carries %s, %s:%d:%d has %q", where, s.ID, rat(in.Value), s.Pos.File, s.Pos.Line, s.Pos.Col, text)
	}
}

var written = map[*plan.Plan]map[string]plan.WrittenValue{}

func writtenValues(p *plan.Plan) map[string]plan.WrittenValue {
	if w, ok := written[p]; ok {
		return w
	}
	written[p] = p.WrittenValues()
	return written[p]
}

// parseWritten reads a number or a percentage as written in a file.
func parseWritten(s string) (*big.Rat, bool) {
	s = strings.ReplaceAll(s, "_", "")
	pct := false
	if strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `%"`) {
		s, pct = strings.TrimSuffix(strings.Trim(s, `"`), "%"), true
	}
	v, ok := new(big.Rat).SetString(s)
	if ok && pct {
		v.Quo(v, big.NewRat(100, 1))
	}
	return v, ok
}

func same(a, b *big.Rat) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(b) == 0
}

func rat(r *big.Rat) string {
	if r == nil {
		return "null"
	}
	return r.RatString()
}
