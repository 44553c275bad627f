package plan

import (
	"fmt"
	"math/big"
	"strconv"

	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// decodePlan decodes content/plan.toml into p.
func decodePlan(p *Plan, text string, errs *diag.List) {
	t, _ := parseTOML(PlanFile, text, 0, errs)
	if t == nil {
		return
	}
	decodePlanTable(p, t)
}

// decodePlanTable decodes the root table of content/plan.toml into p.
func decodePlanTable(p *Plan, t *table) {
	p.Title = t.str("title", true)
	p.Company = t.str("company", false)
	if y, ok := t.integer("year", true); ok {
		if y < 1900 || y > 9999 {
			t.src.errorf("year", "", "year %d is not a plausible plan year", y)
		}
		p.Year = int(y)
	}
	p.Currency = t.str("currency", false)
	p.Unit = t.str("unit", true)
	p.Precision = decodePrecision(t)
	p.FiscalStart = 1
	if m, ok := t.integer("fiscal_start", false); ok {
		if m < 1 || m > 12 {
			t.src.errorf("fiscal_start", "the month the fiscal year starts, 1 (January) to 12 (December)", "fiscal_start %d is not a month", m)
		} else {
			p.FiscalStart = int(m)
		}
	}
	if b := t.sub("baseline"); b != nil {
		if y, ok := b.integer("year", false); ok {
			p.Baseline.Year = int(y)
		}
		p.Baseline.Revenue = b.amount("revenue", false)
		if h, ok := b.integer("headcount", false); ok {
			if h < 0 {
				b.src.errorf(b.keyPath("headcount"), "", "headcount must not be negative (found %d)", h)
			} else {
				p.Baseline.Headcount = h
			}
		}
		b.done()
	}
	if p.Baseline.Year == 0 && p.Year > 0 {
		p.Baseline.Year = p.Year - 1
	}
	decodeTarget(p, t, baselineRevenueWritten(t))
	p.Seasonality = decodeSeasonality(t.sub("seasonality"))

	for _, pt := range t.tables("products") {
		pr := &Product{}
		pt.member(&pr.Member, "product", true)
		pr.Class = pt.enum("class", true, "mature", "strategic", "potential")
		pr.Seasonality = decodeSeasonality(pt.sub("seasonality"))
		pt.done()
		p.Products = append(p.Products, pr)
	}
	p.ProductsPos = t.src.pos("products")
	for _, ct := range t.tables("customers") {
		c := &Customer{}
		ct.member(&c.Member, "customer type", true)
		if n, ok := ct.integer("count", false); ok {
			if n < 0 {
				ct.src.errorf(ct.keyPath("count"), "", "count must not be negative (found %d)", n)
			} else {
				c.Count = n
			}
		}
		ct.done()
		p.Customers = append(p.Customers, c)
	}
	p.CustomersPos = t.src.pos("customers")
	for _, kt := range t.tables("kpis") {
		p.KPIs = append(p.KPIs, decodeKPI(kt))
	}
	decodePeopleSettings(p, t.sub("people"))
	decodeItems(p, t, "")
	t.done()
}

// decodePrecision returns the plan's precision, 1 when it is not set or
// not valid.
func decodePrecision(t *table) *big.Rat {
	t.expect("precision", keyShape{kind: kindPositive})
	v, ok := t.get("precision")
	if !ok {
		return big.NewRat(1, 1)
	}
	r, isNum := t.src.number("precision", "precision", v)
	switch {
	case !isNum:
		t.typeError("precision", "a number such as 1, 0.1 or 10", v)
	case r == nil:
	case r.Sign() <= 0:
		t.src.errorf("precision", "every computed amount is a whole multiple of precision, so it must be above 0, for example 1 or 0.1", "precision must be above 0 (found %s)", numfmt.Exact(r))
	default:
		return r
	}
	return big.NewRat(1, 1)
}

// baselineRevenueWritten reports whether [baseline] has a revenue key,
// valid or not, so that a bad one is not also reported as missing.
func baselineRevenueWritten(t *table) bool {
	b, _ := t.m["baseline"].(map[string]any)
	_, ok := b["revenue"]
	return ok
}

func decodeTarget(p *Plan, t *table, revenueWritten bool) {
	tt := t.sub("target")
	if tt == nil {
		t.src.errs.Add(diag.Diagnostic{Level: diag.Error, File: t.src.file, Line: 1,
			Message: "the plan has no [target]: it needs a growth rate or a revenue target",
			Hint:    `add a [target] table with growth = "15%" (or revenue = …)`})
		return
	}
	p.Target.Pos = tt.src.pos(tt.path)
	p.Target.Growth = tt.ratio("growth", growthRatio, false)
	p.Target.Revenue = tt.amount("revenue", false)
	_, hasGrowth := tt.m["growth"]
	_, hasRevenue := tt.m["revenue"]
	switch {
	case hasGrowth && hasRevenue:
		tt.src.errorf(tt.keyPath("revenue"), "the target is either baseline.revenue × (1 + growth) or the revenue as written; remove one", "set growth or revenue in [target], not both")
	case !hasGrowth && !hasRevenue:
		tt.src.errorf(tt.path, `add growth = "15%" or revenue = 13800`, "[target] needs growth or revenue")
	case hasGrowth && !revenueWritten:
		tt.src.errorf(tt.keyPath("growth"), "add [baseline] revenue = … (last year's revenue), or set [target] revenue instead", "growth needs a baseline revenue")
	}
	if p.Target.Revenue != nil && p.Precision != nil {
		if q := new(big.Rat).Quo(p.Target.Revenue, p.Precision); !q.IsInt() {
			lo := new(big.Rat).Mul(new(big.Rat).SetInt(new(big.Int).Quo(q.Num(), q.Denom())), p.Precision)
			hi := new(big.Rat).Add(lo, p.Precision)
			tt.src.errorf(tt.keyPath("revenue"), fmt.Sprintf("use %s or %s", numfmt.Exact(lo), numfmt.Exact(hi)),
				"revenue %s is not a whole multiple of precision %s", numfmt.Exact(p.Target.Revenue), numfmt.Exact(p.Precision))
		}
	}
	p.Target.NewProductShare = tt.ratio("new_product_share", shareRatio, false)
	p.Target.RevenuePerHeadGrowth = tt.ratio("revenue_per_head_growth", growthRatio, false)
	p.Target.Fit = decodeFit(tt)
	tt.done()
}

func decodeFit(t *table) Fit {
	switch t.enum("fit", false, string(FitScale), string(FitKeep)) {
	case string(FitKeep):
		return FitKeep
	}
	return FitScale
}

// member decodes the keys every split member has; noun says what the
// member is ("product", "region", …) for messages.
func (t *table) member(m *Member, noun string, withID bool) {
	m.Pos = t.src.pos(t.path)
	m.Noun = noun
	if withID {
		m.ID = t.str("id", true)
		m.IDPos = t.src.pos(t.keyPath("id"))
		if m.ID != "" {
			t.src.checkID(t.keyPath("id"), noun+" id", m.ID)
		}
	}
	m.Name = t.str("name", true)
	m.Share = t.ratio("share", shareRatio, false)
	m.Weight = t.weight("weight")
	m.Growth = t.ratio("growth", growthRatio, false)
	m.Baseline = t.amount("baseline", false)
	var kinds []string
	for _, k := range []string{"share", "weight", "growth"} {
		if _, ok := t.m[k]; ok {
			kinds = append(kinds, k)
		}
	}
	switch len(kinds) {
	case 0:
		// Decided when the table is done: a key that is not allowed and
		// looks like share, weight or growth is a misspelling, reported
		// as unknown with a suggestion; any other table lacks the key.
		// (A key such as stage looks like share but is allowed.)
		t.checks = append(t.checks, func() {
			for k := range t.m {
				if !t.known[k] && diag.Suggest(k, []string{"share", "weight", "growth"}) != "" {
					return
				}
			}
			t.src.errorf(t.path, `add share = "40%", weight = 2, or growth = "10%" with baseline = …`, "%s needs one of share, weight or growth", m.label())
		})
		return
	case 1:
	default:
		t.src.errorf(t.keyPath(kinds[1]), "a member states its part in one way only", "%s sets both %s and %s", m.label(), kinds[0], kinds[1])
	}
	m.KindPos = t.src.pos(t.keyPath(kinds[0]))
	switch kinds[0] {
	case "share":
		m.Kind = ByShare
	case "weight":
		m.Kind = ByWeight
	case "growth":
		m.Kind = ByGrowth
		if _, ok := t.m["baseline"]; !ok {
			t.src.errorf(t.keyPath("growth"), "the proposal is baseline × (1 + growth): add baseline = last year's amount", "%s has growth but no baseline", m.label())
		}
	}
}

// label names the member for messages: `product "core"`.
func (m *Member) label() string {
	switch {
	case m.ID != "":
		return m.Noun + " " + strconv.Quote(m.ID)
	case m.Name != "":
		return m.Noun + " " + strconv.Quote(m.Name)
	}
	return "this " + m.Noun
}

// decodeSeasonality decodes a [seasonality] table; nil gives an unset one.
func decodeSeasonality(t *table) Seasonality {
	var s Seasonality
	if t == nil {
		return s
	}
	if list, ok := t.listOf("quarters", keyShape{kind: kindRatio, ratio: shareRatio}, 4); ok {
		s.QuartersPos = t.src.pos(t.keyPath("quarters"))
		if len(list) != 4 {
			t.src.errorf(t.keyPath("quarters"), `list the four quarters in fiscal order, for example ["22%", "24%", "30%", "24%"]`, "quarters has %d values, want 4", len(list))
		} else {
			q := make([]*big.Rat, 4)
			good := true
			for i, v := range list {
				q[i] = t.src.ratioValue(join(t.keyPath("quarters"), strconv.Itoa(i)), "Q"+strconv.Itoa(i+1), v, shareRatio)
				good = good && q[i] != nil
			}
			if good {
				if sum := sumRats(q); sum.Cmp(big.NewRat(1, 1)) != 0 {
					t.src.errorf(t.keyPath("quarters"), gapHint(sum)+"; the four quarter shares add up to exactly 100%",
						"quarters sum to %s, want 100%% (%s)", numfmt.Percent(sum, 4), percentList(q, "Q"))
				} else {
					s.Quarters = q
				}
			}
		}
	}
	if list, ok := t.listOf("months", keyShape{kind: kindAmount}, 12); ok {
		s.MonthsPos = t.src.pos(t.keyPath("months"))
		if len(list) != 12 {
			t.src.errorf(t.keyPath("months"), "list twelve relative weights in fiscal order, for example [1, 0.7, 1.1, …]", "months has %d values, want 12", len(list))
		} else {
			m := make([]*big.Rat, 12)
			good := true
			texts := 0
			for _, v := range list {
				if _, isStr := v.(string); isStr {
					texts++
				}
			}
			if texts > 0 {
				t.src.errorf(t.keyPath("months"), "months are relative weights such as 1.0 for an ordinary month and 0.7 for a weak one; quarter shares go in quarters",
					"months must be numbers, not texts (%d of the 12 values are in quotes)", texts)
				good = false
				list = nil
			}
			for i, v := range list {
				path := join(t.keyPath("months"), strconv.Itoa(i))
				r, ok := t.src.number(path, fmt.Sprintf("month %d weight", i+1), v)
				switch {
				case !ok:
					t.src.errorf(path, "", "month %d weight must be a number, not %s", i+1, describe(v))
					good = false
				case r == nil:
					good = false
				case r.Sign() < 0:
					t.src.errorf(path, "weights are relative sizes: 0 for a month with no sales, 1 for an ordinary month", "month %d weight must not be negative (found %s)", i+1, numfmt.Exact(r))
					good = false
				}
				m[i] = r
			}
			for q := 0; q < 4 && good; q++ {
				if sumRats(m[3*q:3*q+3]).Sign() == 0 {
					t.src.errorf(join(t.keyPath("months"), strconv.Itoa(3*q)), "a quarter's three months share its target by their weights; give at least one a weight above 0",
						"the months of Q%d (months %d to %d) all weigh 0", q+1, 3*q+1, 3*q+3)
					good = false
				}
			}
			if good {
				s.Months = m
			}
		}
	}
	t.done()
	return s
}

// gapHint says how far a sum of shares is from 100%.
func gapHint(sum *big.Rat) string {
	gap := new(big.Rat).Sub(big.NewRat(1, 1), sum)
	if gap.Sign() < 0 {
		return numfmt.Percent(new(big.Rat).Neg(gap), 4) + " too much is assigned"
	}
	return numfmt.Percent(gap, 4) + " is not assigned"
}

func sumRats(rs []*big.Rat) *big.Rat {
	sum := new(big.Rat)
	for _, r := range rs {
		if r != nil {
			sum.Add(sum, r)
		}
	}
	return sum
}

func percentList(rs []*big.Rat, prefix string) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ", "
		}
		s += prefix + strconv.Itoa(i+1) + " " + numfmt.Percent(r, 4)
	}
	return s
}

func decodeKPI(t *table) *KPI {
	k := &KPI{Pos: t.src.pos(t.path)}
	k.ID = t.str("id", true)
	k.IDPos = t.src.pos(t.keyPath("id"))
	if k.ID != "" {
		t.src.checkID(t.keyPath("id"), "KPI id", k.ID)
	}
	k.Name = t.str("name", true)
	k.Unit = t.str("unit", false)
	for _, key := range []string{"baseline", "target"} {
		// A ratio, or with a unit a number: a number or a percentage.
		t.expect(key, keyShape{kind: kindRatio, ratio: anyRatio, required: true})
		v, ok := t.get(key)
		if !ok {
			t.missing(key)
			continue
		}
		var r *big.Rat
		if k.Unit != "" {
			var isNum bool
			if r, isNum = t.src.number(t.keyPath(key), key, v); !isNum {
				t.src.errorf(t.keyPath(key), "with a unit, KPI values are plain numbers in that unit; without one they are ratios such as \"18%\"", "%s must be a number, not %s", key, describe(v))
			}
		} else {
			r = t.src.ratioValue(t.keyPath(key), key, v, anyRatio)
		}
		if key == "baseline" {
			k.Baseline = r
		} else {
			k.Target = r
		}
	}
	t.done()
	return k
}

// decodeItems decodes the promotions, trainings and milestones of a plan
// file (region "") or of a region file, which scopes them to that region.
func decodeItems(p *Plan, t *table, region string) {
	for _, pt := range t.tables("promotions") {
		pr := &Promotion{Pos: pt.src.pos(pt.path)}
		pr.ID = pt.str("id", true)
		pr.IDPos = pt.src.pos(pt.keyPath("id"))
		if pr.ID != "" {
			pt.src.checkID(pt.keyPath("id"), "promotion id", pr.ID)
		}
		pr.Name = pt.str("name", true)
		start, okS := pt.date("start", true)
		end, okE := pt.date("end", true)
		pr.Start, pr.End = start, end
		if okS && okE && end.Before(start) {
			pt.src.errorf(pt.keyPath("end"), "a promotion ends on or after the day it starts", "end %s is before start %s", end, start)
		}
		pr.Regions = itemRegions(p, pt, region)
		pr.Products = refList(p, pt, "products", "product")
		pr.Budget = pt.amount("budget", false)
		pr.Expected = pt.amount("expected", false)
		pt.done()
		p.Promotions = append(p.Promotions, pr)
	}
	for _, tt := range t.tables("trainings") {
		tr := &Training{Pos: tt.src.pos(tt.path)}
		tr.Topic = tt.str("topic", true)
		tr.Date, _ = tt.date("date", true)
		tr.Hours = tt.amount("hours", false)
		tr.Regions = itemRegions(p, tt, region)
		tr.Owner = tt.str("owner", false)
		tt.done()
		p.Trainings = append(p.Trainings, tr)
	}
	for _, mt := range t.tables("milestones") {
		m := &Milestone{Pos: mt.src.pos(mt.path)}
		m.Name = mt.str("name", true)
		m.Date, _ = mt.date("date", true)
		m.Owner = mt.str("owner", false)
		m.Regions = itemRegions(p, mt, region)
		mt.done()
		p.Milestones = append(p.Milestones, m)
	}
}

// itemRegions returns the regions an item applies to: its own list in the
// plan file, or the region whose file holds it.
func itemRegions(p *Plan, t *table, region string) []string {
	if region == "" {
		return refList(p, t, "regions", "region")
	}
	if _, ok := t.m["regions"]; ok {
		t.known["regions"] = true
		t.src.errorf(t.keyPath("regions"), "remove regions here, or move the item to content/plan.toml and list its regions there",
			"%s in a region file cannot set regions: it applies to region %s alone", t.what(), region)
	}
	return []string{region}
}

// refList decodes a list of ids and notes each as a reference to check
// once every file is loaded.
func refList(p *Plan, t *table, key, kind string) []string {
	list, _ := t.strList(key)
	for i, id := range list {
		p.refs = append(p.refs, ref{kind: kind, id: id, src: t.src, path: join(t.keyPath(key), strconv.Itoa(i))})
	}
	return list
}

// ref is an id that must name an existing region or product.
type ref struct {
	kind, id string
	src      *source
	path     string
}
