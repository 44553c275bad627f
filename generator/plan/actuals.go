package plan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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

// IsFigures reports whether a site file is an input of the computed
// figures: a TOML file or an actuals file.
func IsFigures(name string) bool {
	return strings.HasSuffix(name, ".toml") || strings.HasPrefix(name, ActualsDir+"/")
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
	Revenue  *big.Rat
	Pos      diag.Pos
}

// ActualsColumns are the columns of the header row of an actuals file.
var ActualsColumns = []string{"month", "region", "product", "channel", "customer", "revenue"}

// maxRowErrors bounds the errors reported for the rows of one actuals
// file: a file with one mistake made on every row says so once, not a
// thousand times.
const maxRowErrors = 20

// loadActuals reads content/actuals/*.csv in file-name order. It runs
// once the regions, products and customer types are known.
func loadActuals(fsys fs.FS, p *Plan, errs *diag.List) {
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
	for _, name := range names {
		file := ActualsDir + "/" + name
		if text, ok := readFile(fsys, p, file, errs); ok {
			p.ActualsFiles = append(p.ActualsFiles, file)
			p.Actuals = append(p.Actuals, ReadActuals(p, file, text, errs)...)
		}
	}
}

// ReadActuals reads the text of one actuals file of plan p, reporting
// every problem in errs with its line and column.
func ReadActuals(p *Plan, file, text string, errs *diag.List) []*Actual {
	a := &actualsReader{p: p, file: file, errs: errs}
	return a.read(text)
}

type actualsReader struct {
	p       *Plan
	file    string
	errs    *diag.List
	rowErrs int // errors reported for rows
	skipped int // errors beyond maxRowErrors, counted only
	// skippedLine is the line of the first of them.
	skippedLine int
}

func (a *actualsReader) errorAt(line, col int, hint, format string, args ...any) {
	a.errs.Add(diag.Diagnostic{Level: diag.Error, File: a.file, Line: line, Col: col,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// rowError reports an error in a data row, up to maxRowErrors of them.
func (a *actualsReader) rowError(line, col int, hint, format string, args ...any) {
	a.rowErrs++
	if a.rowErrs > maxRowErrors {
		if a.skipped == 0 {
			a.skippedLine = line
		}
		a.skipped++
		return
	}
	a.errorAt(line, col, hint, format, args...)
}

func (a *actualsReader) read(text string) []*Actual {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		a.errorAt(1, 0, "the first row names the columns: "+strings.Join(ActualsColumns, ","),
			"empty actuals file: it needs its header row")
		return nil
	}
	if err != nil {
		a.csvError(err)
		return nil
	}
	cols, ok := a.header(r, header)
	if !ok {
		return nil
	}
	regions := map[string]*Region{}
	for _, reg := range a.p.Regions {
		regions[reg.ID] = reg
	}
	products := memberIDs(Members(a.p.Products))
	customers := memberIDs(Members(a.p.Customers))
	var out []*Actual
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			a.csvError(err)
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			a.rowError(line, 1, "every row has one value per column of the header row, empty ones included: 2024-03,east,,,,120",
				"row has %d values, the header row has %d columns", len(rec), len(header))
			continue
		}
		field := func(name string) (string, int) {
			i := cols[name]
			_, col := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), col
		}
		row := &Actual{Pos: diag.Pos{File: a.file, Line: line, Col: 1}}
		good := true
		if v, col := field("month"); !a.month(v, line, col, row) {
			good = false
		}
		v, col := field("region")
		reg := regions[v]
		if reg == nil {
			a.unknownRegion(v, line, col)
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
		if v, col := field("revenue"); !a.revenue(v, line, col, row) {
			good = false
		}
		if good {
			out = append(out, row)
		}
	}
	if a.skipped > 0 {
		a.errorAt(a.skippedLine, 0, "fix the errors above first: the same mistake is often made on every row",
			"%d more errors from this line on, not shown", a.skipped)
	}
	return out
}

// header maps each column name to its index, reporting unknown, repeated
// and missing columns.
func (a *actualsReader) header(r *csv.Reader, header []string) (map[string]int, bool) {
	cols := map[string]int{}
	ok := true
	hint := "the header row is " + strings.Join(ActualsColumns, ",") + " (in any order)"
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		_, col := r.FieldPos(i)
		switch {
		case !slices.Contains(ActualsColumns, name):
			a.errorAt(1, col, hint, "unknown column %q%s", h, diag.DidYouMean(name, ActualsColumns))
			ok = false
		case hasKey(cols, name):
			a.errorAt(1, col, hint, "column %q appears twice", name)
			ok = false
		default:
			cols[name] = i
		}
	}
	for _, name := range ActualsColumns {
		if !hasKey(cols, name) && ok {
			a.errorAt(1, 1, hint, "missing column %q", name)
			ok = false
		}
	}
	return cols, ok
}

func (a *actualsReader) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		a.errorAt(pe.Line, pe.Column, `a value with a comma or a quote is written in double quotes, and a quote inside it is doubled: "a ""b"", c"`,
			"not a valid CSV row: %v", pe.Err)
		return
	}
	a.errorAt(0, 0, "", "cannot read: %v", err)
}

// month reads a month written as 2024-03 into row.Month, the month's place
// in the fiscal year.
func (a *actualsReader) month(v string, line, col int, row *Actual) bool {
	first := fmt.Sprintf("%04d-%02d", a.p.Year, a.p.FiscalStart)
	lastYear, lastMonth := a.p.Year, a.p.FiscalStart-1
	if lastMonth == 0 {
		lastMonth = 12
	} else {
		lastYear++
	}
	last := fmt.Sprintf("%04d-%02d", lastYear, lastMonth)
	var y, m int
	if len(v) != 7 || v[4] != '-' || !digits(v[:4]) || !digits(v[5:]) {
		a.rowError(line, col, "write the month as year-month: "+first,
			"month %q is not a year and month", v)
		return false
	}
	y, _ = strconv.Atoi(v[:4])
	m, _ = strconv.Atoi(v[5:])
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

func (a *actualsReader) unknownRegion(v string, line, col int) {
	ids := make([]string, len(a.p.Regions))
	for i, reg := range a.p.Regions {
		ids[i] = reg.ID
		if v != "" && (v == reg.Name || v == strings.TrimSuffix(reg.Name, "大区")) {
			a.rowError(line, col, "the region column holds the region's id, its file name without .toml",
				"region %q is a name: write its id %q", v, reg.ID)
			return
		}
	}
	if v == "" {
		a.rowError(line, col, "every row names its region's id", "row has no region")
		return
	}
	hint := "region ids: " + strings.Join(ids, ", ")
	if len(ids) == 0 {
		hint = "the plan has no regions yet: add content/regions/ID.toml"
	}
	a.rowError(line, col, hint, "unknown region %q%s", v, diag.DidYouMean(v, ids))
}

// channel reports whether id is a channel of reg, reporting it otherwise.
func (a *actualsReader) channel(reg *Region, id string, line, col int) bool {
	ids := memberIDs(Members(reg.Channels))
	if slices.Contains(ids, id) {
		return true
	}
	hint := "the region has no channels: leave the column empty"
	if len(ids) > 0 {
		hint = "its channels: " + strings.Join(ids, ", ") + "; or leave the column empty"
	}
	a.rowError(line, col, hint, "region %q has no channel %q%s", reg.ID, id, diag.DidYouMean(id, ids))
	return false
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
		hint = kind + " ids: " + strings.Join(sorted, ", ") + "; or leave the column empty"
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
	r, ok := parseDecimal(v)
	if !ok {
		hint := "write a plain number in the plan's unit, for example 1234.5"
		if s := strings.ReplaceAll(v, ",", ""); s != v {
			if _, ok := parseDecimal(s); ok {
				hint = "write it without thousands separators: " + s
			}
		}
		a.rowError(line, col, hint, "revenue %q is not a number", v)
		return false
	}
	row.Revenue = r
	return true
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}
