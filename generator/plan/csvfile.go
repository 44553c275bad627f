package plan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"planbook/generator/diag"
)

// maxRowErrors bounds the errors reported for the rows of one CSV file: a
// file with one mistake made on every row says so once, not a thousand
// times.
const maxRowErrors = 20

// csvFile is one CSV input being read (actuals, the roster): where its
// diagnostics go, and how many row errors it has reported.
type csvFile struct {
	file    string
	errs    *diag.List
	rowErrs int // errors reported for rows
	skipped int // errors beyond maxRowErrors, counted only
	// skippedLine is the line of the first of them.
	skippedLine int
}

func (f *csvFile) errorAt(line, col int, hint, format string, args ...any) {
	f.errs.Add(diag.Diagnostic{Level: diag.Error, File: f.file, Line: line, Col: col,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// rowError reports an error in a data row, up to maxRowErrors of them.
func (f *csvFile) rowError(line, col int, hint, format string, args ...any) {
	f.rowErrs++
	if f.rowErrs > maxRowErrors {
		if f.skipped == 0 {
			f.skippedLine = line
		}
		f.skipped++
		return
	}
	f.errorAt(line, col, hint, format, args...)
}

// finish reports how many row errors were not shown.
func (f *csvFile) finish() {
	if f.skipped > 0 {
		f.errorAt(f.skippedLine, 0, "fix the errors above first: the same mistake is often made on every row",
			"%d more errors from this line on, not shown", f.skipped)
	}
}

// start reads the header row of text; ok is false when the file is empty
// or the row is not valid CSV (reported).
func (f *csvFile) start(text, noun string, columns []string) (*csv.Reader, []string, bool) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		f.errorAt(1, 0, "the first row names the columns: "+strings.Join(columns, ","),
			"empty %s file: it needs its header row", noun)
		return nil, nil, false
	}
	if err != nil {
		f.csvError(err)
		return nil, nil, false
	}
	return r, header, true
}

// eachRow reads the data rows of r, calling row with each row's line and
// a lookup of its values by column name (trimmed; "" and column 1 for a
// column the file does not have). A row with more or fewer values than
// the header row has columns is reported; example is a good row for the
// hint.
func (f *csvFile) eachRow(r *csv.Reader, cols map[string]int, width int, example string, row func(line int, field func(string) (string, int))) {
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			f.csvError(err)
			return
		}
		line, _ := r.FieldPos(0)
		if len(rec) != width {
			f.rowError(line, 1, "every row has one value per column of the header row, empty ones included: "+example,
				"row has %d values, the header row has %d columns", len(rec), width)
			continue
		}
		row(line, func(name string) (string, int) {
			i, ok := cols[name]
			if !ok {
				return "", 1
			}
			_, col := r.FieldPos(i)
			return strings.TrimSpace(rec[i]), col
		})
	}
}

// header maps each column name to its index, reporting unknown, repeated
// and missing columns. Columns not in required may be left out.
func (f *csvFile) header(r *csv.Reader, header, columns, required []string) (map[string]int, bool) {
	cols := map[string]int{}
	ok := true
	hint := "the header row is " + strings.Join(columns, ",") + " (in any order)"
	if len(required) < len(columns) {
		hint = "the columns are " + strings.Join(columns, ", ") + ", in any order; " + strings.Join(required, ", ") + " are required"
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		_, col := r.FieldPos(i)
		switch {
		case !slices.Contains(columns, name):
			f.errorAt(1, col, hint, "unknown column %q%s", h, diag.DidYouMean(name, columns))
			ok = false
		case hasKey(cols, name):
			f.errorAt(1, col, hint, "column %q appears twice", name)
			ok = false
		default:
			cols[name] = i
		}
	}
	for _, name := range required {
		if !hasKey(cols, name) && ok {
			f.errorAt(1, 1, hint, "missing column %q", name)
			ok = false
		}
	}
	return cols, ok
}

func (f *csvFile) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		f.errorAt(pe.Line, pe.Column, `a value with a comma or a quote is written in double quotes, and a quote inside it is doubled: "a ""b"", c"`,
			"not a valid CSV row: %v", pe.Err)
		return
	}
	f.errorAt(0, 0, "", "cannot read: %v", err)
}

// unknownRegion reports a region column that names no region of p.
func (f *csvFile) unknownRegion(p *Plan, v string, line, col int) {
	ids := make([]string, len(p.Regions))
	for i, reg := range p.Regions {
		ids[i] = reg.ID
		if v != "" && (v == reg.Name || v == strings.TrimSuffix(reg.Name, "大区")) {
			f.rowError(line, col, "the region column holds the region's id, its file name without .toml",
				"region %q is a name: write its id %q", v, reg.ID)
			return
		}
	}
	if v == "" {
		f.rowError(line, col, "every row names its region's id", "row has no region")
		return
	}
	if p.unread[v] {
		return // its region file is reported
	}
	hint := "region ids: " + diag.IDs(ids)
	if len(ids) == 0 {
		hint = "the plan has no regions yet: add content/regions/ID.toml"
	}
	f.rowError(line, col, hint, "unknown region %q%s", v, diag.DidYouMean(v, ids))
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}
