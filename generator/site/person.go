package site

import (
	"math/big"
	"strconv"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/i18n"
)

// personPage is one person's quota by quarter and month (people_pages
// only).
type personPage struct {
	Lead     string // role · team, region
	Manager  string
	Region   string // the region's name, linking its page
	Link     string
	Letter   string // link to their target letter
	Cards    []card
	Quarters *Table
	Months   *Table
	Ramp     string // says what the ramp factors do, when the person has any
}

func (b *builder) person(pd *pageData, ps *compute.Person) {
	l, r := b.lang, b.r
	t := ps.Team
	pd.Title = ps.Name
	pp := &personPage{Region: t.Region.Name, Link: b.regionLink(t.Region.ID), Letter: "letter.html",
		Lead: b.personLead(ps), Quarters: b.periodTable("quarters", b.quarterLabels(), ps.Quarters[:], "people."+ps.ID+".", "people."+ps.ID+".quota"), Months: b.personMonths(ps)}
	if m := managerOf(ps); m != "" {
		pp.Manager = l.Sprintf("person.manager", m)
	}
	pp.Quarters.Head[1] = b.unitHead("col.quota")
	quota := b.keyedCard(card{Label: l.T("person.quota"), Value: l.Amount(r.Amount(ps.Quota), 4, r.Plan.Unit), Trend: "flat"}, "people.", ps.ID, ".quota")
	if s := b.share(ps.Quota, t.Assigned); s != nil {
		quota.Note = l.Sprintf("person.quota.note", l.Percent(s))
	}
	months := 0
	for _, d := range ps.Days {
		if d > 0 {
			months++
		}
	}
	pp.Cards = []card{quota, {Label: l.T("person.weight"), Value: l.Number(ps.Weight, 2), Trend: "flat", Note: l.Sprintf("person.weight.note", months)}}
	if a := r.Actuals; a != nil && a.People[ps] != nil {
		cards := b.actualsCards(&a.People[ps].Attainment, r.Plan.MonthLabel(a.Through))
		pp.Cards = append(pp.Cards, cards[:2]...) // actual and attainment to date
	}
	if rampMonths(ps) > 0 {
		pp.Ramp = l.Sprintf("person.ramp", len(r.Plan.People.Ramp))
	}
	pd.Person = pp
}

// managerOf returns who a person reports to: their team's manager, else
// (or for the team's manager, who carries a quota too) their region's.
func managerOf(ps *compute.Person) string {
	t := ps.Team
	if t.Manager != "" && t.Manager != ps.Name {
		return t.Manager
	}
	if t.Region.Manager == ps.Name {
		return ""
	}
	return t.Region.Manager
}

// personLead is "销售代表 · 上海团队(华东大区)": role, team and region.
func (b *builder) personLead(ps *compute.Person) string {
	team := ps.Team.Name
	if !ps.Team.Implicit() {
		team = b.lang.Sprintf("team.label", team, ps.Team.Region.Name)
	}
	if ps.Role == "" {
		return team
	}
	return b.lang.Sprintf("person.lead", ps.Role, team)
}

// rampMonths counts the months in which a person's quota is scaled by a
// ramp factor below 1.
func rampMonths(ps *compute.Person) int {
	n := 0
	for m, f := range ps.Ramp {
		if f != nil && ps.Days[m] > 0 && f.Cmp(big.NewRat(1, 1)) < 0 {
			n++
		}
	}
	return n
}

// personMonths lists a person's months: days worked, ramp factor, quota
// and running total; actual and attainment where actual results name
// them.
func (b *builder) personMonths(ps *compute.Person) *Table {
	l, r := b.lang, b.r
	t := &Table{Caption: b.caption(), Head: []Cell{head(l.T("col.month"), false)}}
	days := false // a column of the days worked, for someone who does not work the whole year
	for m := range ps.Days {
		days = days || b.days(ps, m) != ""
	}
	if days {
		t.Head = append(t.Head, head(l.T("col.days"), true))
	}
	ramp := rampMonths(ps) > 0
	if ramp {
		t.Head = append(t.Head, head(l.T("col.ramp"), true))
	}
	t.Head = append(t.Head, b.unitHead("col.quota"), b.unitHead("col.cumulative"))
	var pa *compute.PersonActual
	if r.Actuals != nil {
		pa = r.Actuals.People[ps]
	}
	if pa != nil {
		t.Head = append(t.Head, b.unitHead("col.actual"))
	}
	labels := b.monthLabels()
	var sum int64
	for m, v := range ps.Months {
		sum += v
		row := []Cell{text(labels[m])}
		if days {
			row = append(row, Cell{Text: b.days(ps, m), Num: true})
		}
		if ramp {
			row = append(row, b.percent(ps.Ramp[m]))
			if ps.Ramp[m] == nil {
				row[len(row)-1] = Cell{Num: true}
			}
		}
		row = append(row, b.keyed(b.amount(v), monthKey(ps, m)), b.amount(sum))
		if pa != nil {
			row = append(row, b.actualCell(pa, m))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Foot = []Cell{text(l.T("col.total"))}
	if days {
		t.Foot = append(t.Foot, text(""))
	}
	if ramp {
		t.Foot = append(t.Foot, text(""))
	}
	t.Foot = append(t.Foot, b.keyed(b.amount(ps.Quota), "people.", ps.ID, ".quota"), text(""))
	if pa != nil {
		t.Foot = append(t.Foot, b.amountRat(pa.Actual))
	}
	return t
}

// monthKey is the value key of a person's quota in month m (from 0).
func monthKey(ps *compute.Person, m int) string {
	return "people." + ps.ID + ".months.m" + strconv.Itoa(m+1)
}

// actualCell is a person's actual in month m: empty after the months with
// results.
func (b *builder) actualCell(pa *compute.PersonActual, m int) Cell {
	if m > b.r.Actuals.Through {
		return Cell{Num: true}
	}
	return b.amountRat(pa.Months[m])
}

// days is how many days of month m a person works: "16/30", empty for a
// whole month, "–" for none.
func (b *builder) days(ps *compute.Person, m int) string {
	y, mo := b.r.Plan.MonthOf(m)
	n := daysIn(y, int(mo))
	switch d := ps.Days[m]; d {
	case 0:
		return "–"
	case n:
		return ""
	default:
		return b.lang.Sprintf("days.of", d, n)
	}
}

// daysIn returns the days of a calendar month.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// letterPage is a person's printable target letter (目标责任书): who
// they are, their quota by quarter and month, their ramp-up, the
// company's targets, and the lines to sign.
type letterPage struct {
	Company  string
	Title    string
	Plan     string
	Facts    []fact
	Figure   card // the annual quota
	Quota    string
	Quarters *Table
	Months   *Table
	Ramp     string
	KPIs     string
	KPITable *Table
	Confirm  string
	Signers  []fact // who signs (Label), and their name (Value)
}

// fact is a label and its value.
type fact struct{ Label, Value string }

func (b *builder) letter(pd *pageData, ps *compute.Person) {
	l, r, p := b.lang, b.r, b.r.Plan
	t := ps.Team
	pd.Title = l.Sprintf("letter.title", p.Year) + " · " + ps.Name
	lp := &letterPage{Company: p.Company, Title: l.Sprintf("letter.title", p.Year), Plan: p.Title,
		Quota:    l.Sprintf("letter.quota.text", p.Year, l.Amount(r.Amount(ps.Quota), 4, p.Unit)),
		Quarters: b.letterQuarters(ps),
		Months:   b.letterMonths(ps),
		KPIs:     l.Sprintf("letter.kpis.text", p.Year, l.Amount(r.Amount(r.Target), 4, p.Unit)),
		Confirm:  l.Sprintf("letter.confirm.text", p.Title),
		Signers:  []fact{{l.T("letter.sign.person"), ps.Name}, {l.T("letter.sign.manager"), managerOf(ps)}},
		Figure:   card{Label: l.T("person.quota"), Value: l.Amount(r.Amount(ps.Quota), 4, p.Unit)},
	}
	first, last := p.FiscalYear()
	lp.Facts = []fact{{l.T("letter.person"), ps.Name}, {l.T("col.role"), ps.Role}, {l.T("col.region"), t.Region.Name}}
	if !t.Implicit() {
		lp.Facts = append(lp.Facts, fact{l.T("col.team"), t.Name})
	}
	if m := managerOf(ps); m != "" {
		lp.Facts = append(lp.Facts, fact{l.T("letter.manager"), m})
	}
	end := b.date(last)
	if last.Year == first.Year {
		end = b.lang.ShortDate(last.Month, last.Day)
	}
	lp.Facts = append(lp.Facts, fact{l.T("letter.period"), l.Sprintf("letter.period.text", b.date(first), end)})
	if e := b.employed(ps); e != "" {
		lp.Facts = append(lp.Facts, fact{l.T("letter.employed"), e})
	}
	if ps.Weight.Cmp(big.NewRat(1, 1)) != 0 {
		lp.Facts = append(lp.Facts, fact{l.T("person.weight"), l.Number(ps.Weight, 2)})
	}
	if months := b.rampText(ps); months != "" {
		lp.Ramp = l.Sprintf("letter.ramp", rampMonths(ps), months)
	}
	if len(p.KPIs) > 0 {
		lp.KPITable = b.kpiTable()
	} else {
		lp.KPIs = l.Sprintf("letter.kpis.target", p.Year, l.Amount(r.Amount(r.Target), 4, p.Unit))
	}
	pd.Letter = lp
}

// letterQuarters lists a person's quarters for their letter, across the
// page: their quota and its share of the year.
func (b *builder) letterQuarters(ps *compute.Person) *Table {
	l := b.lang
	t := &Table{Caption: b.caption(), Head: []Cell{head(l.T("col.quarter"), false)}}
	quota := []Cell{text(l.T("col.quota"))}
	share := []Cell{text(l.T("col.share"))}
	for q, v := range ps.Quarters {
		t.Head = append(t.Head, head(l.Quarter(q), true))
		quota = append(quota, b.amount(v))
		share = append(share, b.percent(b.share(v, ps.Quota)))
	}
	t.Head = append(t.Head, head(l.T("col.total"), true))
	t.Rows = [][]Cell{append(quota, b.amount(ps.Quota)), append(share, b.percent(b.share(ps.Quota, ps.Quota)))}
	return t
}

// letterMonths lists a person's months for their letter, across the page
// so that the letter fits on one sheet: the quota of each month and the
// running total, and the ramp factor of the months that have one.
func (b *builder) letterMonths(ps *compute.Person) *Table {
	l := b.lang
	t := &Table{Caption: b.caption(), Head: []Cell{head(l.T("col.month"), false)}}
	quota := []Cell{text(l.T("col.quota"))}
	cumulative := []Cell{text(l.T("col.cumulative"))}
	ramp := []Cell{text(l.T("col.ramp"))}
	var sum int64
	for m, label := range b.monthLabels() {
		sum += ps.Months[m]
		t.Head = append(t.Head, head(label, true))
		quota = append(quota, b.amount(ps.Months[m]))
		cumulative = append(cumulative, b.amount(sum))
		r := Cell{Num: true}
		if f := ps.Ramp[m]; f != nil && ps.Days[m] > 0 {
			r = b.percent(f)
		}
		ramp = append(ramp, r)
	}
	t.Rows = [][]Cell{quota, cumulative}
	if rampMonths(ps) > 0 {
		t.Rows = append(t.Rows, ramp)
	}
	return t
}

// rampText lists the months of a person's ramp-up with their factors:
// "4月 25%、5月 50%、6月 75%"; "" when there are none.
func (b *builder) rampText(ps *compute.Person) string {
	var parts []string
	labels := b.monthLabels()
	for m, f := range ps.Ramp {
		if f != nil && ps.Days[m] > 0 && f.Cmp(big.NewRat(1, 1)) < 0 {
			parts = append(parts, b.lang.Sprintf("letter.ramp.month", labels[m], b.lang.Percent(f)))
		}
	}
	if b.lang == i18n.Lang("en") {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "、")
}
