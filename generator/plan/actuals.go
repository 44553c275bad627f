package plan

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"planbook/generator/diag"
)

// ActualsDir holds the actual results of the running year (section 8 of
// the format).
const ActualsDir = "content/actuals"

// IsTOML reports whether a site file is a TOML file: the inputs of the
// plan's figures.
func IsTOML(name string) bool { return strings.HasSuffix(name, ".toml") }

// IsFigures reports whether a site file is an input of the computed
// figures: a TOML file, the roster or an actuals file.
func IsFigures(name string) bool {
	return IsPlanInput(name) || strings.HasPrefix(name, ActualsDir+"/")
}

// Actual is one row of an actuals file: revenue booked in one month, in
// one region, optionally for one product line, channel and customer type.
// Rows add up: two rows for the same month and region are two bookings.
type Actual struct {
	Month    int    // the fiscal month, 0 to 11
	Region   string // a region id
	Product  string // a product id, or "" when not given
	Channel  string // a channel id of the region, or ""
	Customer string // a customer type id, or ""
	// Person is the id of the person of the roster who booked it, or ""
	// (the optional person column).
	Person string
	// Micro is the revenue in millionths of the plan's unit: exact for
	// every revenue planbook accepts (at most 6 decimals), and fast to
	// add up over hundreds of thousands of rows.
	Micro int64
	Pos   diag.Pos
}

// MicroScale is the number of Micro in one unit of the plan.
const MicroScale = 1_000_000

// MaxActual bounds the size of one actual revenue, in the plan's unit, so
// that sums of a year of rows stay well inside 64 bits.
const MaxActual = 1_000_000_000_000

// Revenue returns the row's revenue in the plan's unit.
func (a *Actual) Revenue() *big.Rat { return big.NewRat(a.Micro, MicroScale) }

// ActualsColumns are the required columns of the header row of an
// actuals file.
var ActualsColumns = []string{"month", "region", "product", "channel", "customer", "revenue"}

// actualsColumns are every column an actuals file may have: the required
// ones and person, the roster id of who booked the row.
var actualsColumns = append(ActualsColumns[:len(ActualsColumns):len(ActualsColumns)], "person")

// decodedActuals is an actuals file as read: its rows and diagnostics, and
// the texts they were read from.
type decodedActuals struct {
	text  string
	plan  [sha256.Size]byte // the TOML files and roster it was checked against
	rows  []*Actual
	diags []diag.Diagnostic
}

// loadActuals reads content/actuals/*.csv in file-name order. It runs
// once the regions, products, customer types and people are known. A file
// is read again only when it, a TOML file or the roster changed.
func (l *Loader) loadActuals(fsys fs.FS, p *Plan, errs *diag.List) {
	entries, err := fs.ReadDir(fsys, ActualsDir)
	if err != nil {
		return // no actuals: the year has not started
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".csv" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var planSum [sha256.Size]byte
	if len(names) > 0 {
		planSum = p.SourcesSum(IsPlanInput) // the roster too: rows may name people
	}
	seen := map[string]bool{}
	for _, name := range names {
		file := ActualsDir + "/" + name
		text, ok := readFile(fsys, p, file, errs)
		if !ok {
			continue
		}
		seen[file] = true
		d := l.actuals[file]
		if d == nil || d.text != text || d.plan != planSum {
			fileErrs := &diag.List{}
			d = &decodedActuals{text: text, plan: planSum, rows: ReadActuals(p, file, text, fileErrs), diags: fileErrs.Items()}
			l.actuals[file] = d
		}
		for _, diagnostic := range d.diags {
			errs.Add(diagnostic)
		}
		p.ActualsFiles = append(p.ActualsFiles, file)
		p.Actuals = append(p.Actuals, d.rows...)
	}
	for file := range l.actuals {
		if !seen[file] {
			delete(l.actuals, file)
		}
	}
}

// ReadActuals reads the text of one actuals file of plan p, reporting
// every problem in errs with its line and column.
func ReadActuals(p *Plan, file, text string, errs *diag.List) []*Actual {
	a := &actualsReader{p: p, csvFile: csvFile{file: file, errs: errs}}
	return a.read(text)
}

type actualsReader struct {
	csvFile
	p           *Plan
	first, last string              // the fiscal year's first and last months, as 2024-01
	channels    map[string][]string // channel ids by region id
	people      map[string]*Person  // the roster by id
	personIDs   []string            // the roster's ids, for suggestions
}

func (a *actualsReader) read(text string) []*Actual {
	r, header, ok := a.start(text, "actuals", ActualsColumns)
	if !ok {
		return nil
	}
	cols, ok := a.header(r, header, actualsColumns, ActualsColumns)
	if !ok {
		return nil
	}
	regions := map[string]*Region{}
	a.channels = map[string][]string{}
	for _, reg := range a.p.Regions {
		regions[reg.ID] = reg
		a.channels[reg.ID] = memberIDs(Members(reg.Channels))
	}
	a.first, a.last = a.p.MonthLabel(0), a.p.MonthLabel(11)
	products := memberIDs(Members(a.p.Products))
	customers := memberIDs(Members(a.p.Customers))
	// The rows are allocated together: a year of them can be hundreds of
	// thousands.
	slab := make([]Actual, 0, strings.Count(text, "\n")+1)
	out := make([]*Actual, 0, cap(slab))
	a.eachRow(r, cols, len(header), "2024-03,east,,,,120", func(line int, field func(string) (string, int)) {
		slab = append(slab, Actual{Pos: diag.Pos{File: a.file, Line: line, Col: 1}})
		row := &slab[len(slab)-1]
		good := true
		if v, col := field("month"); !a.month(v, line, col, row) {
			good = false
		}
		v, col := field("region")
		reg := regions[v]
		if reg == nil {
			a.unknownRegion(a.p, v, line, col)
			good = false
		}
		row.Region = v
		if v, col := field("product"); v != "" {
			if !a.ref(v, line, col, "product", products) {
				good = false
			}
			row.Product = v
		}
		if v, col := field("channel"); v != "" {
			if reg != nil && !a.channel(reg, v, line, col) {
				good = false
			}
			row.Channel = v
		}
		if v, col := field("customer"); v != "" {
			if !a.ref(v, line, col, "customer type", customers) {
				good = false
			}
			row.Customer = v
		}
		if v, col := field("person"); v != "" {
			if !a.person(v, line, col, row) {
				good = false
			}
			row.Person = v
		}
		if v, col := field("revenue"); !a.revenue(v, line, col, row) {
			good = false
		}
		if good {
			out = append(out, row)
		}
	})
	a.finish()
	return out
}

// month reads a month written as 2024-03 into row.Month, the month's place
// in the fiscal year.
func (a *actualsReader) month(v string, line, col int, row *Actual) bool {
	first, last := a.first, a.last
	if len(v) != 7 || v[4] != '-' || !digits(v[:4]) || !digits(v[5:]) {
		a.rowError(line, col, "write the month as year-month: "+first,
			"month %q is not a year and month", v)
		return false
	}
	y, _ := strconv.Atoi(v[:4])
	m, _ := strconv.Atoi(v[5:])
	if m < 1 || m > 12 {
		a.rowError(line, col, "months are 01 to 12", "month %q has no month %d", v, m)
		return false
	}
	i := (y-a.p.Year)*12 + m - a.p.FiscalStart
	if i < 0 || i > 11 {
		a.rowError(line, col, "actuals are for the plan's fiscal year: "+first+" to "+last,
			"month %s is outside the fiscal year %s to %s", v, first, last)
		return false
	}
	row.Month = i
	return true
}

// channel reports whether id is a channel of reg, reporting it otherwise.
func (a *actualsReader) channel(reg *Region, id string, line, col int) bool {
	ids := a.channels[reg.ID]
	if slices.Contains(ids, id) {
		return true
	}
	hint := "the region has no channels: leave the column empty"
	if len(ids) > 0 {
		hint = "its channels: " + diag.IDs(ids) + "; or leave the column empty"
	}
	a.rowError(line, col, hint, "region %q has no channel %q%s", reg.ID, id, diag.DidYouMean(id, ids))
	return false
}

// person reports whether id is a person of the roster who belongs to the
// row's region, reporting it otherwise.
func (a *actualsReader) person(id string, line, col int, row *Actual) bool {
	if a.people == nil {
		a.people = map[string]*Person{}
		if a.p.Roster != nil {
			for _, ps := range a.p.Roster.People {
				a.people[ps.ID] = ps
				a.personIDs = append(a.personIDs, ps.ID)
			}
		}
	}
	ps := a.people[id]
	switch {
	case a.p.Roster == nil:
		a.rowError(line, col, "the person column names people of the roster, "+PeopleFile+", which the site does not have: add it, or leave the column empty",
			"unknown person %q: the site has no roster", id)
		return false
	case ps == nil:
		a.rowError(line, col, "the person column holds an id of "+PeopleFile+" (its first column), or is empty for revenue no one person booked",
			"unknown person %q%s", id, diag.DidYouMean(id, a.personIDs))
		return false
	case ps.Region != row.Region && a.p.Region(row.Region) != nil:
		a.rowError(line, col, fmt.Sprintf("a person's revenue counts for their own region: write region %s on this row, or correct the person", ps.Region),
			"person %q (%s) belongs to region %q, not %q", id, ps.Name, ps.Region, row.Region)
		return false
	}
	return true
}

// ref reports whether id is one of ids, reporting it otherwise.
func (a *actualsReader) ref(id string, line, col int, kind string, ids []string) bool {
	if slices.Contains(ids, id) {
		return true
	}
	hint := "no " + kind + "s are defined; leave the column empty"
	if len(ids) > 0 {
		sorted := append([]string(nil), ids...)
		sort.Strings(sorted)
		hint = kind + " ids: " + diag.IDs(sorted) + "; or leave the column empty"
	}
	a.rowError(line, col, hint, "unknown %s %q%s", kind, id, diag.DidYouMean(id, ids))
	return false
}

// revenue reads the revenue, a plain decimal in the plan's unit. It may be
// negative: a credit note or a correction.
func (a *actualsReader) revenue(v string, line, col int, row *Actual) bool {
	if v == "" {
		a.rowError(line, col, "write the month's revenue in the plan's unit, 0 when there was none", "row has no revenue")
		return false
	}
	micro, err := parseMicro(v)
	switch err {
	case nil:
		row.Micro = micro
		return true
	case errDecimals:
		a.rowError(line, col, "round it to at most 6 decimals", "revenue %q has more than 6 decimals", v)
	case errSize:
		a.rowError(line, col, fmt.Sprintf("a month's revenue in one row is at most %d in the plan's unit; check the unit", int64(MaxActual)),
			"revenue %q is too large", v)
	default:
		hint := "write a plain number in the plan's unit, for example 1234.5"
		if s := strings.ReplaceAll(v, ",", ""); s != v {
			if _, err := parseMicro(s); err == nil {
				hint = "write it without thousands separators: " + s
			}
		}
		a.rowError(line, col, hint, "revenue %q is not a number", v)
	}
	return false
}

var (
	errNumber   = errors.New("not a number")
	errDecimals = errors.New("more than 6 decimals")
	errSize     = errors.New("too large")
)

// parseMicro reads a plain decimal (an optional sign, digits, and an
// optional point and decimals) as millionths.
func parseMicro(s string) (int64, error) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !digits(whole) && whole != "" || !digits(frac) && frac != "" ||
		strings.HasSuffix(s, ".") {
		return 0, errNumber
	}
	if len(frac) > 6 {
		return 0, errDecimals
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 13 {
		return 0, errSize
	}
	var n int64
	for _, c := range whole {
		n = n*10 + int64(c-'0')
	}
	if n > MaxActual {
		return 0, errSize
	}
	n *= MicroScale
	m := int64(0)
	for i := 0; i < 6; i++ {
		m *= 10
		if i < len(frac) {
			m += int64(frac[i] - '0')
		}
	}
	n += m
	if n > MaxActual*MicroScale {
		return 0, errSize
	}
	if neg {
		n = -n
	}
	return n, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
