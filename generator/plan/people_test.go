package plan_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/plan"
)

// TestRosterReadsAnyColumnOrder reads a roster with a BOM, CRLF line ends
// and its columns in another order, and one without its optional columns.
func TestRosterReadsAnyColumnOrder(t *testing.T) {
	for _, text := range []string{
		"\ufeffweight,end,start,role,team,region,name,id\r\n1.5,,2024-06-15,Rep,js,east,\"Li, Na\",p2\r\n,2025-01-31,,,,west,Chen,p3\r\n0.5,,,,sh,east,Wang,p1\r\n",
		"region,name,id,team\neast,\"Li, Na\",p2,js\nwest,Chen,p3,\neast,Wang,p1,sh\n",
	} {
		fsys := fstest.MapFS{plan.PeopleFile: {Data: []byte(text)}}
		for name, file := range peoplePlan {
			fsys[name] = file
		}
		p, errs := plan.Load(fsys)
		if errs.HasErrors() {
			t.Fatalf("%q: %v", text, errs.Err())
		}
		got := p.Roster.People
		if len(got) != 3 || got[0].ID != "p2" || got[0].Name != "Li, Na" || got[0].Team != "js" || got[2].Team != "sh" || got[1].Team != "" {
			t.Fatalf("%q: read %+v %+v %+v", text, got[0], got[1], got[2])
		}
		if strings.HasPrefix(text, "\ufeff") {
			if got[0].Weight.RatString() != "3/2" || got[0].Start.String() != "2024-06-15" || got[0].Role != "Rep" ||
				got[1].End.String() != "2025-01-31" || got[1].Weight.RatString() != "1" || got[2].Weight.RatString() != "1/2" {
				t.Errorf("%q: read %+v %+v %+v", text, got[0], got[1], got[2])
			}
		} else if got[0].Weight.RatString() != "1" || !got[0].Start.IsZero() || got[0].Role != "" {
			t.Errorf("%q: without the optional columns, read %+v", text, got[0])
		}
	}
}

// TestTeamWithoutPeopleWarns reads a roster that leaves a team and a
// region without teams empty: each gets a warning at its place, and the
// plan loads.
func TestTeamWithoutPeopleWarns(t *testing.T) {
	fsys := fstest.MapFS{plan.PeopleFile: {Data: []byte("id,name,region,team\np1,Wang,east,sh\n")}}
	for name, file := range peoplePlan {
		fsys[name] = file
	}
	_, errs := plan.Load(fsys)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	var got []string
	for _, d := range errs.Warnings() {
		got = append(got, d.String())
	}
	want := []string{
		`content/regions/east.toml:8:1: warning: team "js" of region "east" has no people in content/people.csv: it gets no person quotas`,
		`content/regions/west.toml: warning: region "west" has no people in content/people.csv: it gets no person quotas`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
