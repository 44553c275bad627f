// Package export writes a computed plan for spreadsheet programs: a
// workbook (.xlsx) with one sheet per table, numbers stored as numbers
// with number formats, and a zip archive of the site's CSV tables.
//
// It writes in memory and only from the computed plan; choosing files and
// folders is the caller's business. The same plan always gives the same
// bytes.
package export

import (
	"archive/zip"
	"bytes"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"planbook/generator/compute"
)

// Sheets are the names of the workbook's sheets, in order. They are the
// same in every language, so that formulas and scripts that name them work
// for every plan; the headers inside follow the plan's language.
var Sheets = []string{
	"Summary", "Quarters and months", "Products", "Regions",
	"Channels", "Customers", "Regions × months", "Regions × products",
}

// A plan with teams or people adds TeamsSheet and PeopleSheet after them.

// ActualsSheet is the last sheet of a workbook whose plan has actual
// results: the year to date against the plan, line by line.
const ActualsSheet = "Plan vs actual"

// Workbook returns the computed plan as an .xlsx workbook. When modified
// is not zero it is written as the workbook's creation and modification
// time; otherwise the file holds no time of its own.
func Workbook(r *compute.Result, modified time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &workbook{f: f, r: r}
	w.styles()
	fills := []func(*sheet){w.summary, w.time, w.products, w.regions, w.channels, w.customers, w.regionMonths, w.regionProducts}
	names, more := w.peopleSheets()
	names, fills = append(append([]string(nil), Sheets...), names...), append(fills, more...)
	for i, name := range names {
		if i == 0 {
			w.note(f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			w.note(err)
		}
		s := &sheet{w: w, name: name}
		fills[i](s)
		s.finish()
	}
	if r.Actuals != nil {
		_, err := f.NewSheet(ActualsSheet)
		w.note(err)
		s := &sheet{w: w, name: ActualsSheet}
		w.actuals(s)
		s.finish()
	}
	f.SetActiveSheet(0)
	props := &excelize.DocProperties{Title: r.Plan.Title, Creator: "planbook", LastModifiedBy: "planbook"}
	if !modified.IsZero() {
		props.Created = modified.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	w.note(f.SetDocProps(props))
	if w.err != nil {
		return nil, w.err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Zip returns a zip archive of files (by their path in the archive), in
// name order, each dated modified (or 1980-01-01, the earliest date a zip
// holds, when modified is zero), so that the same files give the same
// bytes. Its comment says planbook wrote it.
func Zip(files map[string][]byte, modified time.Time) ([]byte, error) {
	if modified.IsZero() {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.SetComment(zipComment); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
