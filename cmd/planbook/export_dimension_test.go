package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookDimensions exports the example (its Plan vs actual sheet
// too) and reads every sheet back: each declares as its dimension the
// range from A1 to the last row and column that hold a value.
func TestWorkbookDimensions(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plan.xlsx")
	if code, out, errs := runCmd("export", "-s", copySite(t), "-o", file); code != 0 {
		t.Fatalf("export exited %d:\n%s%s", code, out, errs)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 9 {
		t.Fatalf("sheets %q", sheets)
	}
	for _, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		lastRow, lastCol := 0, 0
		for i, row := range rows {
			for j, v := range row {
				if v != "" {
					lastRow, lastCol = max(lastRow, i+1), max(lastCol, j+1)
				}
			}
		}
		want, _ := excelize.CoordinatesToCellName(lastCol, lastRow)
		got, err := f.GetSheetDimension(sheet)
		if err != nil || got != "A1:"+want {
			t.Errorf("%s: dimension %q, want A1:%s (%v)", sheet, got, want, err)
		}
		if lastRow < 4 || lastCol < 3 {
			t.Errorf("%s: only %d rows and %d columns", sheet, lastRow, lastCol)
		}
	}
}
