package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"planbook/generator/data"
	"planbook/generator/export"
	"planbook/generator/pipeline"
)

// TestExportWorkbook exports the mini site and reads the workbook back
// with excelize: the sheets, figures against plan.json, numeric cells
// with number formats, frozen header rows, and the same bytes every time.
func TestExportWorkbook(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	file := filepath.Join(t.TempDir(), "plan.xlsx")
	if code, out, errs := runCmd("export", "-s", site, "-o", file); code != 0 {
		t.Fatalf("export exited %d:\n%s%s", code, out, errs)
	}
	code, planJSON, _ := runCmd("export", "-s", site, "--format", "json")
	var pj map[string]any
	if err := json.Unmarshal([]byte(planJSON), &pj); err != nil || code != 0 {
		t.Fatalf("export --format json: exit %d, %v", code, err)
	}
	region := func(i int) map[string]any { return pj["regions"].([]any)[i].(map[string]any) }

	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, export.Sheets) {
		t.Fatalf("sheets %q, want %q", got, export.Sheets)
	}
	number := func(sheet, ref string) float64 {
		t.Helper()
		typ, err := f.GetCellType(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		// A number cell has no type attribute (the default, "n") or "n".
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s is not a number cell (type %v)", sheet, ref, typ)
		}
		raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Errorf("%s!%s holds %q, not a number", sheet, ref, raw)
		}
		return v
	}
	format := func(sheet, ref string) string {
		t.Helper()
		id, _ := f.GetCellStyle(sheet, ref)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil {
			t.Fatalf("%s!%s has no number format: %v", sheet, ref, err)
		}
		return *st.CustomNumFmt
	}
	text := func(sheet, ref string) string {
		t.Helper()
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeSharedString {
			t.Errorf("%s!%s is not a text cell (type %v)", sheet, ref, typ)
		}
		v, _ := f.GetCellValue(sheet, ref)
		return v
	}

	// Summary: the annual target, as a number with thousands separators.
	found := false
	rows, _ := f.GetRows("Summary")
	for i, row := range rows {
		if len(row) > 0 && row[0] == "目标" {
			ref := "B" + strconv.Itoa(i+1)
			if got := number("Summary", ref); got != pj["target"].(float64) {
				t.Errorf("Summary target %v, plan.json %v", got, pj["target"])
			}
			if got := format("Summary", ref); got != "#,##0" {
				t.Errorf("Summary target format %q", got)
			}
			found = true
		}
	}
	if !found {
		t.Errorf("Summary has no target row: %q", rows)
	}
	// Regions: east's target and share; the share formatted as a percentage.
	if text("Regions", "A2") != "east" || text("Regions", "B2") != "East" {
		t.Errorf("Regions row 2 is not east")
	}
	if got := number("Regions", "G2"); got != region(0)["target"].(float64) {
		t.Errorf("Regions!G2 (east target) %v, plan.json %v", got, region(0)["target"])
	}
	if got := number("Regions", "H2"); got != region(0)["share"].(float64) || format("Regions", "H2") != "0.0%" {
		t.Errorf("Regions!H2 (east share) %v %q, plan.json %v", got, format("Regions", "H2"), region(0)["share"])
	}
	// Regions × months: north's third month; Regions × products: south's first product.
	if got := number("Regions × months", "E3"); got != region(1)["months"].([]any)[2].(float64) {
		t.Errorf("Regions × months!E3 %v, plan.json %v", got, region(1)["months"])
	}
	if got := number("Regions × products", "C4"); got != region(2)["products"].(map[string]any)["core"].(float64) {
		t.Errorf("Regions × products!C4 %v, plan.json %v", got, region(2)["products"])
	}
	if got := number("Quarters and months", "B4"); got != pj["quarters"].([]any)[2].(float64) {
		t.Errorf("Quarters and months!B4 %v, plan.json %v", got, pj["quarters"])
	}

	for _, sheet := range export.Sheets {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sheet, p, err)
		}
	}
	if p, _ := f.GetPanes("Regions × months"); p.XSplit != 2 || p.TopLeftCell != "C2" {
		t.Errorf("Regions × months: id and name columns not frozen: %+v", p)
	}

	// Same plan, same bytes.
	again := filepath.Join(t.TempDir(), "again.xlsx")
	runCmd("export", "-s", site, "-o", again)
	a, _ := os.ReadFile(file)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Errorf("two exports of the same plan differ")
	}
}

// TestExportActuals checks the Plan vs actual sheet of a site with actual
// results: after the plan's sheets, the year to date first, numbers as
// numbers, and the regions' actuals as in data/actuals.json; and the CSV
// export holds actuals-regions.csv.
func TestExportActuals(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "actuals-april", site)
	file := filepath.Join(t.TempDir(), "plan.xlsx")
	if code, out, errs := runCmd("export", "-s", site, "-o", file); code != 0 {
		t.Fatalf("export exited %d:\n%s%s", code, out, errs)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), append(slices.Clone(export.Sheets), export.ActualsSheet); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows(export.ActualsSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// Header, the year (through 2024-07: 211.55 of 311.7 planned), 12
	// months, 4 quarters, then east and west.
	if len(rows) < 21 || rows[1][2] != "through 2024-07" || rows[1][4] != "311.7" || rows[1][5] != "211.55" {
		t.Fatalf("year row %q", rows[1])
	}
	if typ, _ := f.GetCellType(export.ActualsSheet, "F2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("the year's actual is not a number cell (type %v)", typ)
	}
	if rows[18][1] != "east" || rows[18][5] != "123.85" || rows[19][1] != "west" || rows[19][5] != "87.7" {
		t.Errorf("region rows %q %q", rows[18], rows[19])
	}
	dir := filepath.Join(t.TempDir(), "csv")
	if code, out, errs := runCmd("export", "-s", site, "--format", "csv", "-o", dir); code != 0 {
		t.Fatalf("export csv exited %d:\n%s%s", code, out, errs)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "actuals-regions.csv"))
	if err != nil || !bytes.Contains(csv, []byte("\r\ntotal,,")) {
		t.Errorf("actuals-regions.csv: %v\n%s", err, csv)
	}
}

// TestExportCSVAndJSON checks the CSV exports (a folder and a zip) and the
// JSON export against the site's data files.
func TestExportCSVAndJSON(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	r, errs := pipeline.Load(site)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	want := data.CSV(r)

	dir := filepath.Join(t.TempDir(), "tables")
	if code, _, errs := runCmd("export", "-s", site, "--format", "csv", "-o", dir); code != 0 {
		t.Fatalf("export --format csv: %s", errs)
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.Base(name)))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("%s in the folder differs from the site's: %v", name, err)
		}
	}

	zipFile := filepath.Join(t.TempDir(), "tables.zip")
	if code, _, errs := runCmd("export", "-s", site, "--format", "csv", "-o", zipFile); code != 0 {
		t.Fatalf("export --format csv -o tables.zip: %s", errs)
	}
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != len(want) {
		t.Errorf("zip holds %d files, want %d", len(zr.File), len(want))
	}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(buf.Bytes(), want["data/"+zf.Name]) {
			t.Errorf("%s in the zip differs from the site's", zf.Name)
		}
	}

	code, out, _ := runCmd("export", "-s", site, "--format", "json")
	if code != 0 || out != string(data.JSON(r)) {
		t.Errorf("export --format json is not data/plan.json (exit %d)", code)
	}
	if code, _, errs := runCmd("export", "-s", site, "--format", "pdf"); code != 2 {
		t.Errorf("unknown format: exit %d: %s", code, errs)
	}
}
