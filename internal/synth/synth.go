// Package synth generates synthetic plan sites: deterministic for a given
// seed, of any number of regions and products, with the features real
// plans use (own seasonality and mixes on some regions, channels, growth
// splits, promotions, narrative pages). Benchmarks, property tests and
// the performance scripts build them.
package synth

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// Options says what plan to generate.
type Options struct {
	Seed     uint64
	Regions  int
	Products int // 1..12
	// Kinds picks how the lists state their parts: "share" (default),
	// "weight" or "growth"; Fit is "scale" or "keep" for growth lists.
	Kinds string
	Fit   string
	// Precision of amounts: "1" (default), "0.1", "10", ...
	Precision string
	// FixedEvery makes every n-th region set its own seasonality and
	// mixes (0: none).
	FixedEvery  int
	FiscalStart int // 1 (default) .. 12
	Narrative   bool
	Language    string // "" (zh-CN) or "en"
	// ActualsThrough adds actual results for the first n fiscal months
	// (0: none), one file per month: a row per region, product line and
	// customer type, on one of the region's channels.
	ActualsThrough int
	// Extreme replaces, about one time in two, amounts, headcounts,
	// counts, growth rates, goals and weights with values at the edges of
	// what a plan may hold: zeros and ones, tiny and huge amounts, long
	// decimals, growth of -100% and 1000000%. Such plans must build or be
	// refused with errors, never crash.
	Extreme bool
	// People adds teams to two regions in three and a roster of this many
	// people per region (0: none), with new hires, leavers and weights
	// other than 1; see people.go.
	People int
}

// Site returns the files of a synthetic site by slash path.
func Site(o Options) map[string]string {
	g := &gen{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x5eed)), files: map[string]string{}}
	g.xrng = rand.New(rand.NewPCG(o.Seed, 0xed9e))
	if g.o.Products <= 0 {
		g.o.Products = 12
	}
	if g.o.Products > 12 {
		g.o.Products = 12
	}
	if g.o.Kinds == "" {
		g.o.Kinds = "share"
	}
	if g.o.Precision == "" {
		g.o.Precision = "1"
	}
	if g.o.FiscalStart == 0 {
		g.o.FiscalStart = 1
	}
	g.plan()
	if o.People > 0 {
		g.people = newPeopleGen(g.o)
		g.files["content/plan.toml"] += g.people.settings()
	}
	g.rShare = g.sharesOf(g.o.Regions, 1, 1_000_000)
	for i := 0; i < g.o.Regions; i++ {
		g.region(i)
	}
	if o.Language != "" {
		g.files["planbook.toml"] = fmt.Sprintf("language = %q\n", o.Language)
	}
	if o.ActualsThrough > 0 {
		g.actuals()
	}
	if g.people != nil {
		g.files["content/people.csv"] = g.people.roster.String()
	}
	if o.Narrative {
		g.files["content/strategy.md"] = "+++\ntitle = \"Strategy\"\nweight = 10\n+++\n## Target\n\nThe annual target is {{< value \"target\" >}}.\n\n{{< chart \"quarters\" >}}\n"
	}
	return g.files
}

type gen struct {
	o      Options
	rng    *rand.Rand
	xrng   *rand.Rand // draws the extreme values, so that rng draws the same with and without
	files  map[string]string
	qShare []int // company quarter shares in basis points
	pShare []int // company product shares in basis points
	rShare []int // region shares in millionths
	cShare []int // customer-type shares in basis points
	// channels is how many channels each region has.
	channels []int
	people   *peopleGen // nil without people
}

// actuals writes content/actuals/YYYY-MM.csv for the first ActualsThrough
// fiscal months, from a random source of its own, so that the plan is the
// same with and without them.
func (g *gen) actuals() {
	rng := rand.New(rand.NewPCG(g.o.Seed, 0xac7))
	channels := []string{"direct", "distribution", "ecommerce", "partner"}
	customers := []string{"new", "existing"}
	for m := 0; m < g.o.ActualsThrough && m < 12; m++ {
		month := g.o.FiscalStart + m
		year := 2024 + (month-1)/12
		label := fmt.Sprintf("%04d-%02d", year, (month-1)%12+1)
		var b strings.Builder
		b.WriteString("month,region,product,channel,customer,revenue\n")
		for i := 0; i < g.o.Regions; i++ {
			for j := 0; j < g.o.Products; j++ {
				for _, c := range customers {
					fmt.Fprintf(&b, "%s,r%04d,p%02d,%s,%s,%d.%d\n", label, i+1, j+1,
						channels[rng.IntN(g.channels[i])], c, rng.IntN(40), rng.IntN(10))
				}
			}
		}
		g.files["content/actuals/"+label+".csv"] = b.String()
	}
}

// Extreme values by what they stand for.
var (
	extremeAmounts = []string{"0", "1", "0.000001", "999999999999999", "12000.123456789012345678", "1e-20"}
	extremeCounts  = []string{"0", "1", "300", "9000000000000000000"}
	extremeGrowths = []string{`"-100%"`, `"0%"`, `"1000000%"`, `"-99.9999%"`, `"0.0001%"`, "-1", "10000"}
	extremeGoals   = []string{`"0%"`, `"100%"`, `"-100%"`, `"5%"`, "0.000000000000000001"}
	extremeWeights = []string{"0", "0.000001", "1000000000000", "0.3333333333333333333"}
)

// x returns normal, or with Extreme set, one time in two, one of extremes.
func (g *gen) x(normal string, extremes []string) string {
	if !g.o.Extreme || g.xrng.IntN(2) == 0 {
		return normal
	}
	return extremes[g.xrng.IntN(len(extremes))]
}

// xi is x for a whole number.
func (g *gen) xi(normal int, extremes []string) string { return g.x(fmt.Sprint(normal), extremes) }

var productClasses = []string{"mature", "strategic", "potential"}

func (g *gen) plan() {
	var b strings.Builder
	fmt.Fprintf(&b, "title = \"Synthetic plan %d\"\nyear = 2024\ncurrency = \"CNY\"\nunit = \"万元\"\nprecision = %s\nfiscal_start = %d\n\n",
		g.o.Regions, g.o.Precision, g.o.FiscalStart)
	baseline := 1000 * (g.o.Regions + 1)
	fmt.Fprintf(&b, "[baseline]\nyear = 2023\nrevenue = %s\nheadcount = %s\n\n", g.xi(baseline, extremeAmounts), g.xi(3*g.o.Regions+2, extremeCounts))
	fit := ""
	if g.o.Fit != "" {
		fit = fmt.Sprintf("fit = %q\n", g.o.Fit)
	}
	growth := fmt.Sprintf("\"%d.%d%%\"", 5+g.rng.IntN(20), g.rng.IntN(10))
	fmt.Fprintf(&b, "[target]\ngrowth = %s\nnew_product_share = %s\nrevenue_per_head_growth = %s\n%s\n",
		g.x(growth, extremeGrowths), g.x(`"10%"`, extremeGoals), g.x(`"5%"`, extremeGoals), fit)
	g.qShare = g.shares(4, 1500)
	fmt.Fprintf(&b, "[seasonality]\nquarters = %s\nmonths = %s\n\n", percents(g.qShare), g.weights(12))
	g.pShare = g.shares(g.o.Products, 200)
	for j := 0; j < g.o.Products; j++ {
		fmt.Fprintf(&b, "[[products]]\nid = \"p%02d\"\nname = \"产品 %d\"\nclass = %q\nbaseline = %s\n%s\n",
			j+1, j+1, productClasses[j%3], g.xi(g.baseline(g.pShare[j]), extremeAmounts), g.columnPart(g.pShare[j]))
		if j%4 == 1 {
			fmt.Fprintf(&b, "[products.seasonality]\nquarters = %s\n", percents(g.jitter(g.qShare)))
		}
		b.WriteString("\n")
	}
	cShare := g.shares(2, 2000)
	g.cShare = cShare
	fmt.Fprintf(&b, "[[customers]]\nid = \"new\"\nname = \"新客户\"\nbaseline = %d\n%s\ncount = %s\n\n", g.baseline(cShare[0]), g.columnPart(cShare[0]), g.xi(10+g.rng.IntN(500), extremeCounts))
	fmt.Fprintf(&b, "[[customers]]\nid = \"existing\"\nname = \"老客户\"\nbaseline = %d\n%s\ncount = %s\n\n", g.baseline(cShare[1]), g.columnPart(cShare[1]), g.xi(100+g.rng.IntN(2000), extremeCounts))
	b.WriteString("[[kpis]]\nid = \"market-share\"\nname = \"市场占有率\"\nbaseline = \"18%\"\ntarget = \"19.5%\"\n\n")
	fmt.Fprintf(&b, "[[promotions]]\nid = \"spring\"\nname = \"春节促销\"\nstart = 2024-01-20\nend = 2024-02-18\nbudget = %s\nexpected = %s\n\n",
		g.x("80", extremeAmounts), g.x("320", extremeAmounts))
	fmt.Fprintf(&b, "[[trainings]]\ntopic = \"新产品培训\"\ndate = 2024-03-12\nhours = 8\n\n[[milestones]]\nname = \"半年复盘\"\ndate = 2024-07-05\n")
	g.files["content/plan.toml"] = b.String()
}

// region writes content/regions/rNNNN.toml (and its narrative).
func (g *gen) region(i int) {
	var b strings.Builder
	id := fmt.Sprintf("r%04d", i+1)
	stages := []string{"mature", "growing", "emerging"}
	fmt.Fprintf(&b, "name = \"大区 %d\"\nstage = %q\nmanager = \"经理 %d\"\nheadcount = %s\nbaseline = %s\n",
		i+1, stages[i%3], i+1, g.xi(1+g.rng.IntN(5), extremeCounts), g.xi(500+g.rng.IntN(1000), extremeAmounts))
	if g.o.Kinds == "share" {
		fmt.Fprintf(&b, "share = %s\n", ppm(g.rShare[i]))
	} else {
		b.WriteString(g.part(g.rShare[i]) + "\n")
	}
	if g.people != nil {
		b.WriteString(g.people.topKeys(i))
	}
	if g.o.FixedEvery > 0 && i%g.o.FixedEvery == 0 {
		fmt.Fprintf(&b, "\n[seasonality]\nquarters = %s\n", percents(g.jitter(g.qShare)))
		if i%(2*g.o.FixedEvery) == 0 {
			fmt.Fprintf(&b, "months = %s\n", g.weights(12))
		}
		b.WriteString("\n[mix.products]\n")
		for j, s := range g.jitter(g.pShare) {
			fmt.Fprintf(&b, "p%02d = %q\n", j+1, bp(s))
		}
		b.WriteString("\n[mix.customers]\n")
		cs := g.jitter(g.cShare)
		fmt.Fprintf(&b, "new = %q\nexisting = %q\n", bp(cs[0]), bp(cs[1]))
	}
	channels := []string{"direct", "distribution", "ecommerce", "partner"}
	n := 1 + g.rng.IntN(4)
	g.channels = append(g.channels, n)
	cs := g.shares(n, 500)
	for k := 0; k < n; k++ {
		fmt.Fprintf(&b, "\n[[channels]]\nid = %q\nname = \"渠道 %s\"\nstage = %q\nbaseline = %d\n%s\n", channels[k], channels[k], stages[k%3], 100+g.rng.IntN(300), g.part(cs[k]))
	}
	if i%10 == 0 {
		fmt.Fprintf(&b, "\n[[promotions]]\nid = \"%s-expo\"\nname = \"大区 %d 展会\"\nstart = 2024-04-10\nend = 2024-04-12\nbudget = 30\nexpected = 150\n", id, i+1)
	}
	if g.people != nil {
		b.WriteString(g.people.region(i, id))
	}
	g.files["content/regions/"+id+".toml"] = b.String()
	if g.o.Narrative {
		g.files["content/regions/"+id+".md"] = fmt.Sprintf("## 大区 %d\n\n本大区全年目标 {{< value \"regions.%s.target\" >}}。\n\n- 重点客户拓展\n- 渠道建设\n", i+1, id)
	}
}

// part writes a member's share, weight or growth key; basis is its
// relative size (basis points for shares).
func (g *gen) part(basis int) string {
	switch g.o.Kinds {
	case "weight":
		return "weight = " + g.xi(basis, extremeWeights)
	case "growth":
		return "growth = " + g.x(fmt.Sprintf("\"%d%%\"", g.rng.IntN(40)-5), extremeGrowths)
	}
	return fmt.Sprintf("share = %q", bp(basis))
}

// baseline returns last year's amount of a product or customer type with
// the given share: proportional to it, so that growth splits stay close
// to the shares the region mixes are drawn around.
func (g *gen) baseline(share int) int { return share * (g.o.Regions + 1) / 10 }

// columnPart is part for products and customer types: with growth, every
// member grows by 5 to 9%, keeping the split near its shares.
func (g *gen) columnPart(share int) string {
	if g.o.Kinds == "growth" {
		return fmt.Sprintf("growth = \"%d%%\"", 5+g.rng.IntN(5))
	}
	return g.part(share)
}

// shares returns n basis-point shares summing to 10000, each at least min
// (scaled down when n × min is too much).
func (g *gen) shares(n, min int) []int { return g.sharesOf(n, min, 10000) }

// sharesOf returns n shares summing to whole, each at least min.
func (g *gen) sharesOf(n, min, whole int) []int {
	if n == 0 {
		return nil
	}
	if n*min > whole {
		min = whole / n / 2
	}
	w := make([]int, n)
	total := 0
	for i := range w {
		w[i] = 1 + g.rng.IntN(100)
		total += w[i]
	}
	out := make([]int, n)
	left := whole - n*min
	sum := 0
	for i := range w {
		out[i] = min + left*w[i]/total
		sum += out[i]
	}
	out[n-1] += whole - sum
	return out
}

// jitter returns shares near s (within about ±10% of each), still summing
// to 10000.
func (g *gen) jitter(s []int) []int {
	out := make([]int, len(s))
	sum := 0
	for i, v := range s {
		d := v / 10
		if d > 0 {
			v += g.rng.IntN(2*d+1) - d
		}
		out[i] = v
		sum += v
	}
	// Move the difference onto the largest share.
	big := 0
	for i := range out {
		if out[i] > out[big] {
			big = i
		}
	}
	out[big] += 10000 - sum
	return out
}

func (g *gen) weights(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.x(fmt.Sprintf("%d.%d", g.rng.IntN(2)+1, g.rng.IntN(10)), extremeWeights)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// ppm writes millionths as a fraction: 512 → 0.000512.
func ppm(v int) string {
	s := fmt.Sprintf("%d.%06d", v/1_000_000, v%1_000_000)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

func percents(bps []int) string {
	parts := make([]string, len(bps))
	for i, v := range bps {
		parts[i] = fmt.Sprintf("%q", bp(v))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// bp writes basis points as a percentage: 1234 → "12.34%".
func bp(v int) string {
	s := fmt.Sprintf("%d.%02d", v/100, v%100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// Names returns the file names of a site, sorted.
func Names(files map[string]string) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
