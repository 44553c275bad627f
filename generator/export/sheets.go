package export

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
)

// workbook writes the sheets of one plan.
type workbook struct {
	f        *excelize.File
	r        *compute.Result
	l        i18n.Lang
	styleIDs map[styleKey]int
	err      error // the first error, reported once the workbook is done
}

// style is how a cell's value is formatted.
type style int

const (
	text     style = iota
	amount         // in the plan's unit: thousands separators, the decimals of its precision
	ratio          // a percentage with one decimal
	count          // a whole number with thousands separators
	perUnit        // per head, per customer: two decimals
	quantity       // a number in its own unit
	header
)

type styleKey struct {
	style style
	bold  bool
}

func (w *workbook) note(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// styles creates the cell styles of the workbook.
func (w *workbook) styles() {
	w.l = i18n.Lang(w.r.Plan.Config.Language)
	w.styleIDs = map[styleKey]int{}
	amountFmt := "#,##0"
	if _, frac, ok := strings.Cut(numfmt.Exact(w.r.Plan.Precision), "."); ok {
		amountFmt += "." + strings.Repeat("0", len(frac))
	}
	// In a fixed order, so that the same plan gives the same bytes.
	formats := []string{text: "@", amount: amountFmt, ratio: "0.0%", count: "#,##0", perUnit: "#,##0.00", quantity: "General", header: "@"}
	for i, format := range formats {
		st := style(i)
		for _, bold := range []bool{false, true} {
			s := &excelize.Style{CustomNumFmt: &format, Font: &excelize.Font{Bold: bold || st == header}}
			if st == header {
				s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF2"}}
				s.Border = []excelize.Border{{Type: "bottom", Color: "8A96A3", Style: 1}}
				s.Alignment = &excelize.Alignment{WrapText: true, Vertical: "center"}
			}
			id, err := w.f.NewStyle(s)
			w.note(err)
			w.styleIDs[styleKey{st, bold}] = id
		}
	}
}

// cell is one value: a text, or a number (nil leaves the cell empty).
type cell struct {
	text  string
	num   *big.Rat
	style style
}

func txt(s string) cell { return cell{text: s, style: text} }

func (w *workbook) units(u int64) cell { return cell{num: w.r.Amount(u), style: amount} }

func amountOf(x *big.Rat) cell { return cell{num: x, style: amount} }

func ratioOf(x *big.Rat) cell { return cell{num: x, style: ratio} }

func countOf(n int64) cell { return cell{num: big.NewRat(n, 1), style: count} }

func perUnitOf(x *big.Rat) cell { return cell{num: x, style: perUnit} }

// sheet writes one sheet.
type sheet struct {
	w          *workbook
	name       string
	freezeCols int // columns kept in view when scrolling right, besides the header row
	widths     map[int]int
	// lastRow and lastCol are the bottom-right corner of the cells
	// written: the sheet's dimension, which readers take as its size.
	lastRow, lastCol int
}

// head writes a header row at row, from column col.
func (s *sheet) head(row, col int, titles ...string) {
	for i, t := range titles {
		s.put(row, col+i, cell{text: t, style: header}, false)
	}
}

// write writes cells in a row, from column col; bold for a total row.
func (s *sheet) write(row, col int, bold bool, cells ...cell) {
	for i, c := range cells {
		s.put(row, col+i, c, bold)
	}
}

func (s *sheet) put(row, col int, c cell, bold bool) {
	w := s.w
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		w.note(err)
		return
	}
	width := 0
	switch {
	case c.style == text || c.style == header:
		if c.text == "" && !bold {
			return
		}
		w.note(w.f.SetCellStr(s.name, ref, c.text))
		width = displayWidth(c.text)
	case c.num == nil:
		return
	default:
		v, _ := c.num.Float64()
		w.note(w.f.SetCellFloat(s.name, ref, v, -1, 64))
		width = len(numfmt.Fixed(c.num, 2)) + 3
	}
	w.note(w.f.SetCellStyle(s.name, ref, ref, w.styleIDs[styleKey{c.style, bold}]))
	s.lastRow, s.lastCol = max(s.lastRow, row), max(s.lastCol, col)
	if s.widths == nil {
		s.widths = map[int]int{}
	}
	if c.style != header && width > s.widths[col] {
		s.widths[col] = width
	} else if c.style == header && s.widths[col] < 10 {
		s.widths[col] = 10
	}
}

// finish sets the column widths, freezes the header row (and the first
// freezeCols columns) and declares the sheet's dimension: the spreadsheet
// library leaves it at A1, and some readers then take the sheet as empty.
func (s *sheet) finish() {
	w := s.w
	if s.lastRow > 0 {
		last, err := excelize.CoordinatesToCellName(s.lastCol, s.lastRow)
		w.note(err)
		w.note(w.f.SetSheetDimension(s.name, "A1:"+last))
	}
	for col, width := range s.widths {
		name, err := excelize.ColumnNumberToName(col)
		w.note(err)
		w.note(w.f.SetColWidth(s.name, name, name, float64(min(max(width, 8), 40)+2)))
	}
	topLeft, _ := excelize.CoordinatesToCellName(s.freezeCols+1, 2)
	pane := "bottomLeft"
	if s.freezeCols > 0 {
		pane = "bottomRight"
	}
	w.note(w.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: s.freezeCols, YSplit: 1, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
	}))
}

// displayWidth counts East Asian characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if utf8.RuneLen(r) >= 3 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// withUnit is a column header with the plan's unit: "Target (万元)".
func (w *workbook) withUnit(key string) string {
	if w.l == "en" {
		return w.l.T(key) + " (" + w.r.Plan.Unit + ")"
	}
	return w.l.T(key) + "(" + w.r.Plan.Unit + ")"
}

func (w *workbook) summary(s *sheet) {
	r, l, p := w.r, w.l, w.r.Plan
	s.head(1, 1, l.T("export.item"), l.T("export.value"), l.T("export.unit"))
	rows := []struct {
		label string
		value cell
		unit  string
	}{
		{l.T("field.title"), txt(p.Title), ""},
		{l.T("field.year"), countOf(int64(p.Year)), ""},
		{l.T("field.currency"), txt(p.Currency), ""},
		{l.T("field.unit"), txt(p.Unit), ""},
		{l.T("field.precision"), cell{num: p.Precision, style: quantity}, p.Unit},
		{l.T("field.fiscal-start"), countOf(int64(p.FiscalStart)), ""},
		{l.T("field.baseline-year"), countOf(int64(p.Baseline.Year)), ""},
		{l.T("field.baseline"), amountOf(p.Baseline.Revenue), p.Unit},
		{l.T("field.baseline") + " · " + l.T("field.headcount"), countOf(p.Baseline.Headcount), ""},
		{l.T("field.target"), w.units(r.Target), p.Unit},
		{l.T("field.growth"), ratioOf(r.Growth), ""},
		{l.T("field.per-head-base"), perUnitOf(r.PerHead.Baseline), p.Unit},
		{l.T("field.per-head"), perUnitOf(r.PerHead.Target), p.Unit},
		{l.T("field.per-head-grow"), ratioOf(r.PerHead.Growth), ""},
	}
	if g := p.Target.NewProductShare; g != nil {
		rows = append(rows, struct {
			label string
			value cell
			unit  string
		}{l.T("field.goal-new-share"), ratioOf(g), ""})
	}
	if g := p.Target.RevenuePerHeadGrowth; g != nil {
		rows = append(rows, struct {
			label string
			value cell
			unit  string
		}{l.T("field.goal-per-head"), ratioOf(g), ""})
	}
	row := 2
	for _, x := range rows {
		s.write(row, 1, false, txt(x.label), x.value, txt(x.unit))
		row++
	}
	if len(p.KPIs) == 0 {
		return
	}
	row++
	s.head(row, 1, l.T("col.kpi"), l.T("col.from"), l.T("col.to"), l.T("export.unit"))
	for _, k := range p.KPIs {
		row++
		st := ratio
		if k.Unit != "" {
			st = quantity
		}
		s.write(row, 1, false, txt(k.Name), cell{num: k.Baseline, style: st}, cell{num: k.Target, style: st}, txt(k.Unit))
	}
}

// time writes the quarters (columns A–C) and the months (E–H).
func (w *workbook) time(s *sheet) {
	r, l := w.r, w.l
	share := func(u int64) cell {
		if r.Target == 0 {
			return cell{style: ratio}
		}
		return ratioOf(big.NewRat(u, r.Target))
	}
	s.head(1, 1, l.T("col.quarter"), w.withUnit("col.target"), l.T("export.quarter-share"))
	for q, u := range r.Quarters {
		s.write(q+2, 1, false, txt(l.Quarter(q)), w.units(u), share(u))
	}
	s.write(6, 1, true, txt(l.T("col.total")), w.units(r.Target), share(r.Target))
	s.head(1, 5, l.T("col.month"), l.T("col.quarter"), w.withUnit("col.target"), l.T("export.quarter-share"))
	for m, u := range r.Months {
		s.write(m+2, 5, false, txt(r.Plan.MonthLabel(m)), txt(l.Quarter(m/3)), w.units(u), share(u))
	}
	s.write(14, 5, true, txt(l.T("col.total")), txt(""), w.units(r.Target), share(r.Target))
}

func (w *workbook) quarterHeads() []string {
	out := make([]string, 4)
	for q := range out {
		out[q] = w.l.Quarter(q)
	}
	return out
}

func (w *workbook) products(s *sheet) {
	r, l := w.r, w.l
	s.freezeCols = 2
	s.head(1, 1, append([]string{l.T("export.id"), l.T("export.name"), l.T("col.class"),
		w.withUnit("field.baseline"), w.withUnit("col.target"), l.T("col.share"), l.T("col.growth")}, w.quarterHeads()...)...)
	var quarters [4]int64
	for i, p := range r.Products {
		cells := []cell{txt(p.ID), txt(p.Name), txt(l.T("class." + p.Class)), amountOf(p.Baseline), w.units(p.Target), ratioOf(p.Share), ratioOf(p.Growth)}
		for q, u := range p.Quarters {
			cells = append(cells, w.units(u))
			quarters[q] += u
		}
		s.write(i+2, 1, false, cells...)
	}
	total := []cell{txt(l.T("col.total")), txt(""), txt(""), cell{style: amount}, w.units(sum(r.Products, func(p *compute.Product) int64 { return p.Target })), cell{style: ratio}, cell{style: ratio}}
	for _, u := range quarters {
		total = append(total, w.units(u))
	}
	s.write(len(r.Products)+2, 1, true, total...)
}

func (w *workbook) regions(s *sheet) {
	r, l := w.r, w.l
	s.freezeCols = 2
	s.head(1, 1, append([]string{l.T("export.id"), l.T("export.name"), l.T("col.stage"), l.T("col.manager"), l.T("col.headcount"),
		w.withUnit("field.baseline"), w.withUnit("col.target"), l.T("col.share"), l.T("col.growth"), w.withUnit("col.per-head")}, w.quarterHeads()...)...)
	var quarters [4]int64
	var heads int64
	for i, g := range r.Regions {
		cells := []cell{txt(g.ID), txt(g.Name), txt(l.T("stage." + g.Stage)), txt(g.Manager), countOf(g.Headcount),
			amountOf(g.Baseline), w.units(g.Target), ratioOf(g.Share), ratioOf(g.Growth), perUnitOf(g.PerHead)}
		for q, u := range g.Quarters {
			cells = append(cells, w.units(u))
			quarters[q] += u
		}
		heads += g.Headcount
		s.write(i+2, 1, false, cells...)
	}
	total := []cell{txt(l.T("col.total")), txt(""), txt(""), txt(""), countOf(heads), cell{style: amount},
		w.units(sum(r.Regions, func(g *compute.Region) int64 { return g.Target })), cell{style: ratio}, cell{style: ratio}, cell{style: perUnit}}
	for _, u := range quarters {
		total = append(total, w.units(u))
	}
	s.write(len(r.Regions)+2, 1, true, total...)
}

// channels writes each region's channels (columns A–G) and the company
// totals by channel (I–K).
func (w *workbook) channels(s *sheet) {
	r, l := w.r, w.l
	s.head(1, 1, l.T("export.region-id"), l.T("col.region"), l.T("export.channel-id"), l.T("col.channel"), l.T("col.stage"), w.withUnit("col.target"), l.T("col.share"))
	row := 2
	for _, g := range r.Regions {
		for _, ch := range g.Channels {
			stage := ""
			if ch.Stage != "" {
				stage = l.T("stage." + ch.Stage)
			}
			s.write(row, 1, false, txt(g.ID), txt(g.Name), txt(ch.ID), txt(ch.Name), txt(stage), w.units(ch.Target), ratioOf(ch.Share))
			row++
		}
	}
	s.head(1, 9, l.T("export.channel-id"), l.T("col.channel"), w.withUnit("export.channel-total"))
	for i, ch := range r.Channels {
		s.write(i+2, 9, false, txt(ch.ID), txt(ch.Name), w.units(ch.Target))
	}
	s.write(len(r.Channels)+2, 9, true, txt(l.T("col.total")), txt(""), w.units(sum(r.Channels, func(c *compute.ChannelTotal) int64 { return c.Target })))
}

func (w *workbook) customers(s *sheet) {
	r, l := w.r, w.l
	s.head(1, 1, l.T("export.id"), l.T("export.name"), w.withUnit("col.target"), l.T("col.share"), l.T("col.count"), w.withUnit("col.per-customer"))
	var counts int64
	for i, c := range r.Customers {
		s.write(i+2, 1, false, txt(c.ID), txt(c.Name), w.units(c.Target), ratioOf(c.Share), countOf(c.Count), perUnitOf(c.PerCustomer))
		counts += c.Count
	}
	s.write(len(r.Customers)+2, 1, true, txt(l.T("col.total")), txt(""),
		w.units(sum(r.Customers, func(c *compute.Customer) int64 { return c.Target })), cell{style: ratio}, countOf(counts), cell{style: perUnit})
}

func (w *workbook) regionMonths(s *sheet) {
	r := w.r
	heads := make([]string, 12)
	for m := range heads {
		heads[m] = r.Plan.MonthLabel(m)
	}
	w.matrix(s, heads, func(g *compute.Region) []int64 { return g.Months[:] })
}

func (w *workbook) regionProducts(s *sheet) {
	heads := make([]string, len(w.r.Products))
	for j, p := range w.r.Products {
		heads[j] = p.Name
	}
	w.matrix(s, heads, func(g *compute.Region) []int64 { return g.Products })
}

// matrix writes a regions × columns table with row and column totals.
func (w *workbook) matrix(s *sheet, heads []string, cells func(*compute.Region) []int64) {
	l := w.l
	s.freezeCols = 2
	s.head(1, 1, append(append([]string{l.T("export.id"), l.T("export.name")}, heads...), w.withUnit("col.total"))...)
	totals := make([]int64, len(heads)+1)
	for i, g := range w.r.Regions {
		row := []cell{txt(g.ID), txt(g.Name)}
		var t int64
		for j, u := range cells(g) {
			row = append(row, w.units(u))
			totals[j] += u
			t += u
		}
		totals[len(heads)] += t
		s.write(i+2, 1, false, append(row, w.units(t))...)
	}
	row := []cell{txt(l.T("col.total")), txt("")}
	for _, u := range totals {
		row = append(row, w.units(u))
	}
	s.write(len(w.r.Regions)+2, 1, true, row...)
}

func sum[T any](xs []T, f func(T) int64) int64 {
	var n int64
	for _, x := range xs {
		n += f(x)
	}
	return n
}

// actuals writes the plan against actual: the year, then every month,
// quarter, region, product line, channel and customer type, each line
// with its target, plan to date, actual, attainment and projection.
func (w *workbook) actuals(s *sheet) {
	r, l := w.r, w.l
	a := r.Actuals
	s.head(1, 1, l.T("export.kind"), l.T("export.id"), l.T("export.name"), w.withUnit("col.target"),
		w.withUnit("col.plan-to-date"), w.withUnit("col.actual"), l.T("col.attainment"), w.withUnit("col.projection"))
	row := 2
	line := func(kind string, at *compute.Attainment, bold bool) {
		name := at.Name
		if at.ID == compute.Unassigned && at.Name == "" {
			name = l.T("actuals.unassigned")
		}
		s.write(row, 1, bold, txt(kind), txt(at.ID), txt(name), amountOf(at.Target), amountOf(at.Plan),
			amountOf(at.Actual), ratioOf(at.Attainment), amountOf(at.Projection))
		row++
	}
	year := a.Year
	year.Name = l.Sprintf("kpi.through", r.Plan.MonthLabel(a.Through))
	line(l.T("col.total"), &year, true)
	for _, at := range a.Months {
		line(l.T("col.month"), at, false)
	}
	for _, at := range a.Quarters {
		line(l.T("col.quarter"), at, false)
	}
	for _, ra := range a.Regions {
		line(l.T("col.region"), &ra.Attainment, false)
	}
	if o := a.Others; o != nil && r.Others != nil {
		others := o.Attainment
		others.Name = l.Sprintf("others.regions", r.Others.Count)
		line(l.T("col.region"), &others, false)
	}
	for kind, lines := range [][]*compute.Attainment{a.Products, a.Channels, a.Customers} {
		for _, at := range lines {
			line(l.T([]string{"col.product", "col.channel", "col.customer"}[kind]), at, false)
		}
	}
	w.peopleActuals(func(kind string, at *compute.Attainment) { line(kind, at, false) })
}
