package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planbook/generator/export"
)

// TestExportPeople exports a site with teams and a roster that does not
// show people (no people_pages): an export is for the planner, so the
// workbook's People sheet, people.csv and the JSON list every person with
// their quota all the same, and the people of each team add up to its
// assigned total in the Teams sheet.
func TestExportPeople(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "people-april", site)
	file := filepath.Join(t.TempDir(), "plan.xlsx")
	if code, out, errs := runCmd("export", "-s", site, "-o", file); code != 0 {
		t.Fatalf("export exited %d:\n%s%s", code, out, errs)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), append(slices.Clone(export.Sheets), export.TeamsSheet, export.PeopleSheet); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	teams, _ := f.GetRows(export.TeamsSheet, excelize.Options{RawCellValue: true})
	people, _ := f.GetRows(export.PeopleSheet, excelize.Options{RawCellValue: true})
	if len(people) < 3 || people[0][1] != "Name" || people[0][9] != "Quota (万元)" {
		t.Fatalf("People sheet header %q", people[0])
	}
	// Every person's quota adds up, team by team, to the assigned total
	// of the Teams sheet (column I); the last rows are totals.
	carried := map[string]float64{}
	for _, row := range people[1 : len(people)-1] {
		q, err := strconv.ParseFloat(row[9], 64)
		if err != nil {
			t.Fatalf("quota of %q: %v", row, err)
		}
		carried[row[2]+"."+row[3]] += q
	}
	for _, row := range teams[1 : len(teams)-1] {
		assigned, _ := strconv.ParseFloat(row[8], 64)
		if row[5] != "0" && !near(carried[row[0]+"."+row[2]], assigned) {
			t.Errorf("team %s.%s: its people carry %v, its assigned total is %v", row[0], row[2], carried[row[0]+"."+row[2]], assigned)
		}
	}

	code, out, _ := runCmd("export", "-s", site, "--format", "json")
	var pj struct {
		People []struct{ ID, Name string }
	}
	if err := json.Unmarshal([]byte(out), &pj); err != nil || code != 0 || len(pj.People) != len(people)-2 {
		t.Errorf("export --format json lists %d people (exit %d, %v), want %d", len(pj.People), code, err, len(people)-2)
	}
	dir := filepath.Join(t.TempDir(), "csv")
	if code, _, errs := runCmd("export", "-s", site, "--format", "csv", "-o", dir); code != 0 {
		t.Fatalf("export csv: %s", errs)
	}
	for _, name := range []string{"teams.csv", "people.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil || len(rows) < 3 || rows[len(rows)-1][0] != "total" {
			t.Errorf("%s: %v, %d rows", name, err, len(rows))
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
