package site

import (
	"html/template"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
)

// Table is the figures of a chart, or any table of a page: a header row,
// body rows and an optional total row. Numeric cells are right-aligned.
type Table struct {
	Caption string // says the unit
	Head    []Cell
	Rows    [][]Cell
	Foot    []Cell
}

// Cell is one table cell.
type Cell struct {
	Text  string
	Num   bool   // a figure: right-aligned
	Link  string // a relative link, or ""
	Class string // extra class, e.g. a check level
	Mark  string // a word set apart after the text (a region behind plan: "落后"), or ""
	// Key is the value key of the figure of plan.json the cell shows
	// ("regions.east.quarters.q3"), whose derivation the page explains
	// in a popover; "" for a cell that shows none (a share worked out for
	// the table, a running total).
	Key string
}

// keyed returns c showing the figure whose value key is key's parts
// joined, and counts it on the page; c as it is on a site whose figures
// do not explain themselves, which then joins no key.
func (b *builder) keyed(c Cell, key ...string) Cell {
	if !b.r.Plan.Config.Explain {
		return c
	}
	c.Key = b.countKey(key)
	return c
}

func text(s string) Cell { return Cell{Text: s} }

func head(s string, num bool) Cell { return Cell{Text: s, Num: num} }

// amount formats units in the plan's unit without the unit (the table's
// header or caption names it).
func (b *builder) amount(units int64) Cell {
	if s := b.scale(); s.ok && units <= math.MaxInt64/s.mul && units >= -math.MaxInt64/s.mul {
		// What Number writes, in integers: tables hold most of a site's
		// figures, and big numbers are slow.
		return Cell{Text: numfmt.Group(numfmt.Scaled(units*s.mul, s.places), ","), Num: true}
	}
	return Cell{Text: b.lang.Number(b.r.Amount(units), 4), Num: true}
}

// unitScale says how an amount of whole units is written without big
// numbers: when the plan's precision is mul × 10^-places (places at most
// 4, the decimals a table shows), an amount of u units is u × mul ×
// 10^-places exactly.
type unitScale struct {
	once   sync.Once
	mul    int64
	places int
	ok     bool
}

func (b *builder) scale() *unitScale {
	s := &b.units
	s.once.Do(func() { s.mul, s.places, s.ok = scaleOf(b.r.Plan.Precision) })
	return s
}

func scaleOf(precision *big.Rat) (mul int64, places int, ok bool) {
	if precision == nil || precision.Sign() <= 0 || !precision.Num().IsInt64() || !precision.Denom().IsInt64() {
		return 0, 0, false
	}
	n, d := precision.Num().Int64(), precision.Denom().Int64()
	for p, pow := 0, int64(1); p <= 4; p, pow = p+1, pow*10 {
		if pow%d == 0 && n <= math.MaxInt64/(pow/d) {
			return n * (pow / d), p, true
		}
	}
	return 0, 0, false
}

// sharePercent formats part/whole as a percentage, as percent does.
func (b *builder) sharePercent(part, whole int64) Cell {
	if s, ok := numfmt.PercentOf(part, whole, 1); ok {
		return Cell{Text: numfmt.Group(s, ",") + "%", Num: true}
	}
	return b.percent(b.share(part, whole))
}

func (b *builder) amountRat(r *big.Rat) Cell {
	if r == nil {
		return Cell{Text: "–", Num: true}
	}
	return Cell{Text: b.lang.Number(r, 4), Num: true}
}

func (b *builder) percent(r *big.Rat) Cell {
	if r == nil {
		return Cell{Text: "–", Num: true}
	}
	return Cell{Text: b.lang.Percent(r), Num: true}
}

func (b *builder) change(r *big.Rat) Cell {
	if r == nil {
		return Cell{Text: "–", Num: true}
	}
	return Cell{Text: b.lang.SignedPercent(r), Num: true}
}

func (b *builder) count(n int64) Cell {
	if n == 0 {
		return Cell{Text: "–", Num: true}
	}
	return Cell{Text: numfmt.Group(strconv.FormatInt(n, 10), ","), Num: true}
}

// unitHead is a column header with the plan's unit: "目标(万元)".
func (b *builder) unitHead(key string) Cell {
	return head(b.lang.T(key)+b.unitSuffix(), true)
}

func (b *builder) unitSuffix() string {
	if b.lang == "en" {
		return " (" + b.r.Plan.Unit + ")"
	}
	return "(" + b.r.Plan.Unit + ")"
}

func (b *builder) caption() string { return b.lang.Sprintf("table.caption", b.r.Plan.Unit) }

func (b *builder) share(part, whole int64) *big.Rat {
	if whole == 0 {
		return nil
	}
	return big.NewRat(part, whole)
}

// periodTable lists quarter or month targets with their share and running
// total.
// Their keys are prefix + "quarters.q1"… (prefix is "" for the company,
// "regions.ID." for a region), and the total's is total.
func (b *builder) periodTable(name string, labels []string, values []int64, prefix, total string) *Table {
	col := "col.quarter"
	if name == "months" {
		col = "col.month"
	}
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T(col), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true), b.unitHead("col.cumulative")}}
	var sumAll int64
	for _, v := range values {
		sumAll += v
	}
	entry := "quarters.q"
	if name == "months" {
		entry = "months.m"
	}
	var sum int64
	for i, v := range values {
		sum += v
		t.Rows = append(t.Rows, []Cell{text(labels[i]), b.keyed(b.amount(v), prefix, entry, strconv.Itoa(i+1)), b.sharePercent(v, sumAll), b.amount(sum)})
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), b.keyed(b.amount(sumAll), total), b.sharePercent(sumAll, sumAll), text("")}
	return t
}

func (b *builder) productsTable(*compute.Region) *Table {
	p := b.r.Plan
	t := &Table{Caption: b.caption(), Head: []Cell{
		head(b.lang.T("col.product"), false), head(b.lang.T("col.class"), false),
		head(b.lang.Sprintf("col.baseline", p.Baseline.Year)+b.unitSuffix(), true),
		b.unitHead("col.target"), head(b.lang.T("col.share"), true), head(b.lang.T("col.growth"), true),
	}}
	var base *big.Rat
	for _, pr := range b.r.Products {
		if pr.Baseline != nil {
			if base == nil {
				base = new(big.Rat)
			}
			base.Add(base, pr.Baseline)
		}
		key := "products." + pr.ID + "."
		t.Rows = append(t.Rows, []Cell{text(pr.Name), text(b.lang.T("class." + pr.Class)), b.keyed(b.amountRat(pr.Baseline), key, "baseline"),
			b.keyed(b.amount(pr.Target), key, "target"), b.sharePercent(pr.Target, b.r.Target), b.keyed(b.change(pr.Growth), key, "growth")})
	}
	var sum int64
	for _, pr := range b.r.Products {
		sum += pr.Target
	}
	var growth *big.Rat
	if base != nil && base.Sign() > 0 {
		growth = new(big.Rat).Quo(b.r.Amount(sum), base)
		growth.Sub(growth, big.NewRat(1, 1))
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), text(""), b.amountRat(base), b.amount(sum), b.sharePercent(sum, b.r.Target), b.change(growth)}
	return t
}

func (b *builder) regionProductsTable(region *compute.Region) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T("col.product"), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true)}}
	for j, p := range b.r.Products {
		t.Rows = append(t.Rows, []Cell{text(p.Name), b.keyed(b.amount(region.Products[j]), "regions.", region.ID, ".products.", p.ID), b.sharePercent(region.Products[j], region.Target)})
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), b.amount(sumOf(region.Products)), b.sharePercent(sumOf(region.Products), region.Target)}
	return t
}

func sumOf(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}

// tableRow is a row of a matrix table: a name (and link) and its cells,
// with the value keys of the figures they show (nil: none).
type tableRow struct {
	name, link string
	cells      []int64
	keys       func(j int) string
}

// matrixTable writes rows × columns of amounts with row and column totals.
func (b *builder) matrixTable(first string, cols []string, rows []tableRow) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(first, false)}}
	for _, c := range cols {
		t.Head = append(t.Head, head(c, true))
	}
	t.Head = append(t.Head, head(b.lang.T("col.total"), true))
	colSums := make([]int64, len(cols))
	for _, r := range rows {
		row := []Cell{{Text: r.name, Link: r.link}}
		for j, v := range r.cells {
			c := b.amount(v)
			if r.keys != nil {
				c = b.keyed(c, r.keys(j))
			}
			row = append(row, c)
			colSums[j] += v
		}
		t.Rows = append(t.Rows, append(row, b.amount(sumOf(r.cells))))
	}
	t.Foot = []Cell{text(b.lang.T("col.total"))}
	for _, v := range colSums {
		t.Foot = append(t.Foot, b.amount(v))
	}
	t.Foot = append(t.Foot, b.amount(sumOf(colSums)))
	return t
}

func (b *builder) channelsTable(*compute.Region) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T("col.channel"), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true), head(b.lang.T("col.regions"), true)}}
	var sum int64
	for _, ch := range b.r.Channels {
		sum += ch.Target
	}
	for _, ch := range b.r.Channels {
		t.Rows = append(t.Rows, []Cell{text(ch.Name), b.keyed(b.amount(ch.Target), "channels.", ch.ID, ".target"), b.sharePercent(ch.Target, sum), b.count(int64(ch.Regions))})
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), b.amount(sum), b.sharePercent(sum, sum), text("")}
	return t
}

func (b *builder) regionChannelsTable(region *compute.Region) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T("col.channel"), false), head(b.lang.T("col.stage"), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true), head(b.lang.T("col.growth"), true)}}
	var sum int64
	for _, ch := range region.Channels {
		stage := ""
		if ch.Stage != "" {
			stage = b.lang.T("stage." + ch.Stage)
		}
		key := "regions." + region.ID + ".channels." + ch.ID + "."
		t.Rows = append(t.Rows, []Cell{text(ch.Name), text(stage), b.keyed(b.amount(ch.Target), key, "target"), b.keyed(b.percent(ch.Share), key, "share"), b.change(ch.Growth)})
		sum += ch.Target
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), text(""), b.amount(sum), b.sharePercent(sum, region.Target), text("")}
	return t
}

func (b *builder) customersTable(region *compute.Region) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T("col.customer"), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true), head(b.lang.T("col.count"), true), b.unitHead("col.per-customer")}}
	var sum int64
	for i, c := range b.r.Customers {
		var row []Cell
		target := c.Target
		if region != nil {
			rc := region.Customers[i]
			target = rc.Target
			row = []Cell{text(c.Name), b.keyed(b.amount(rc.Target), "regions.", region.ID, ".customers.", c.ID), b.sharePercent(rc.Target, region.Target), b.count(rc.Count), b.amountRat(rc.PerCustomer)}
		} else {
			key := "customers." + c.ID + "."
			row = []Cell{text(c.Name), b.keyed(b.amount(c.Target), key, "target"), b.sharePercent(c.Target, b.r.Target), b.keyed(b.count(c.Count), key, "count"), b.keyed(b.amountRat(c.PerCustomer), key, "per_customer")}
		}
		t.Rows = append(t.Rows, row)
		sum += target
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), b.amount(sum), text(""), text(""), text("")}
	return t
}

func (b *builder) flowTable(*compute.Region) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{head(b.lang.T("col.region"), false), head(b.lang.T("col.channel"), false), b.unitHead("col.target"), head(b.lang.T("col.share"), true)}}
	for _, reg := range b.r.Regions {
		key := "regions." + reg.ID + "."
		t.Rows = append(t.Rows, []Cell{{Text: reg.Name, Link: b.regionLink(reg.ID)}, text(""), b.keyed(b.amount(reg.Target), key, "target"), b.sharePercent(reg.Target, b.r.Target)})
		for _, ch := range reg.Channels {
			t.Rows = append(t.Rows, []Cell{text(""), text(ch.Name), b.keyed(b.amount(ch.Target), key, "channels.", ch.ID, ".target"), b.sharePercent(ch.Target, b.r.Target)})
		}
	}
	if o := b.r.Others; o != nil {
		t.Rows = append(t.Rows, []Cell{text(b.othersName()), text(""), b.amount(o.Target), b.sharePercent(o.Target, b.r.Target)})
	}
	t.Foot = []Cell{text(b.lang.T("col.total")), text(""), b.amount(b.r.Target), b.sharePercent(b.r.Target, b.r.Target)}
	return t
}

// itemDates writes an item's date, or its first and last day.
func (b *builder) itemDates(it item) string {
	dates := b.shortDate(it.start)
	if it.end != it.start {
		// A narrow column wraps after the dash, not before it.
		dates += "\u00a0– " + b.shortDate(it.end)
	}
	return dates
}

// itemsTable lists promotions, trainings and milestones by date.
func (b *builder) itemsTable(items []item) *Table {
	t := &Table{Caption: b.caption(), Head: []Cell{
		head(b.lang.T("col.dates"), false), head(b.lang.T("col.kind"), false), head(b.lang.T("col.item"), false),
		head(b.lang.T("col.applies"), false), head(b.lang.T("col.owner"), false),
		b.unitHead("col.budget"), b.unitHead("col.expected"),
	}}
	for _, it := range items {
		dates := b.itemDates(it)
		var applies []string
		if len(it.regions) == 0 {
			applies = append(applies, b.lang.T("all.regions"))
		}
		for _, id := range it.regions {
			if reg := b.r.Plan.Region(id); reg != nil {
				applies = append(applies, reg.Name)
			}
		}
		for _, id := range it.products {
			for _, p := range b.r.Products {
				if p.ID == id {
					applies = append(applies, p.Name)
				}
			}
		}
		owner := it.owner
		if it.hours != nil {
			owner = strings.TrimSpace(owner + " · " + b.lang.Number(it.hours, 2) + "h")
			owner = strings.TrimPrefix(owner, "· ")
		}
		budget, expected := text(""), text("")
		if it.kind == "promotion" {
			budget, expected = b.amountRat(it.budget), b.amountRat(it.expected)
		}
		t.Rows = append(t.Rows, []Cell{text(dates), {Text: b.lang.T("kind." + it.kind), Class: "kind-" + it.kind}, text(it.name), text(b.join(applies)), text(owner), budget, expected})
	}
	return t
}

// HTML writes the table as the built-in theme's markup. Tables are most of
// a page's markup, and writing them here is many times faster than a
// template; a theme that wants other markup writes its own "table"
// template from Caption, Head, Rows and Foot.
func (t *Table) HTML() template.HTML {
	var b strings.Builder
	b.Grow(t.size())
	b.WriteString("<div class=\"table-wrap\">\n<table class=\"data-table\">")
	if t.Caption != "" {
		b.WriteString("<caption>")
		escapeTo(&b, t.Caption)
		b.WriteString("</caption>")
	}
	b.WriteString("\n  <thead><tr>")
	for _, c := range t.Head {
		b.WriteString(`<th scope="col"`)
		if c.Num {
			b.WriteString(` class="num"`)
		}
		b.WriteByte('>')
		escapeTo(&b, c.Text)
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n  <tbody>")
	for _, row := range t.Rows {
		b.WriteString("\n    <tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row"`)
				if c.Class != "" {
					b.WriteString(` class="`)
					escapeTo(&b, c.Class)
					b.WriteByte('"')
				}
				b.WriteByte('>')
				cellTo(&b, c)
				b.WriteString("</th>")
				continue
			}
			b.WriteString(`<td class="`)
			if c.Num {
				b.WriteString("num")
			}
			if c.Class != "" {
				b.WriteByte(' ')
				escapeTo(&b, c.Class)
			}
			b.WriteByte('"')
			keyTo(&b, c.Key)
			b.WriteByte('>')
			cellTo(&b, c)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("\n  </tbody>")
	if len(t.Foot) > 0 {
		b.WriteString("\n  <tfoot><tr>")
		for i, c := range t.Foot {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				escapeTo(&b, c.Text)
				b.WriteString("</th>")
				continue
			}
			b.WriteString("<td")
			if c.Num {
				b.WriteString(` class="num"`)
			}
			keyTo(&b, c.Key)
			b.WriteByte('>')
			escapeTo(&b, c.Text)
			b.WriteString("</td>")
		}
		b.WriteString("</tr></tfoot>")
	}
	b.WriteString("\n</table>\n</div>")
	return template.HTML(b.String())
}

// size is about the length of the table's markup, a little more as a
// rule, so that writing it takes one allocation.
func (t *Table) size() int {
	n := 200 + len(t.Caption)
	add := func(cells []Cell) {
		n += 16
		for _, c := range cells {
			n += 32 + len(c.Text) + len(c.Class) + 2*len(c.Link) + len(c.Mark) + len(c.Key)
		}
	}
	add(t.Head)
	for _, row := range t.Rows {
		add(row)
	}
	add(t.Foot)
	return n
}

// keyTo writes the attribute naming the figure a cell or card shows,
// which the page's script explains (data-k: a site has thousands).
func keyTo(b *strings.Builder, key string) {
	if key != "" {
		b.WriteString(` data-k="`)
		escapeTo(b, key)
		b.WriteByte('"')
	}
}

func cellTo(b *strings.Builder, c Cell) {
	if c.Link == "" {
		escapeTo(b, c.Text)
	} else {
		b.WriteString(`<a href="`)
		escapeTo(b, c.Link)
		b.WriteString(`">`)
		escapeTo(b, c.Text)
		b.WriteString("</a>")
	}
	if c.Mark != "" {
		b.WriteString(` <span class="cell-mark">`)
		escapeTo(b, c.Mark)
		b.WriteString("</span>")
	}
}

// escapeTo writes s escaped as html/template escapes text and quoted
// attribute values, so that the markup is the same as a template's.
func escapeTo(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}
