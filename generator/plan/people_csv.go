package plan

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/big"
	"strings"
	"time"

	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// PeopleFile is the roster: who carries the regions' targets (section 10.2
// of the format).
const PeopleFile = "content/people.csv"

// PeopleColumns are the columns of the roster's header row; the first
// three are required.
var PeopleColumns = []string{"id", "name", "region", "team", "role", "start", "end", "weight"}

// IsPlanInput reports whether a site file is an input of the plan's
// figures: a TOML file or the roster.
func IsPlanInput(name string) bool { return IsTOML(name) || name == PeopleFile }

// decodedPeople is the roster as read, with its diagnostics and the texts
// it was read from.
type decodedPeople struct {
	text   string
	plan   [sha256.Size]byte // the TOML files it was checked against
	roster *Roster
	diags  []diag.Diagnostic
}

// loadPeople reads content/people.csv, once the regions and their teams
// are known. The file is read again only when it or a TOML file changed.
func (l *Loader) loadPeople(fsys fs.FS, p *Plan, errs *diag.List) {
	text, ok := readFile(fsys, p, PeopleFile, errs)
	if !ok {
		l.people = nil
		return
	}
	sum := p.SourcesSum(IsTOML)
	d := l.people
	if d == nil || d.text != text || d.plan != sum {
		fileErrs := &diag.List{}
		d = &decodedPeople{text: text, plan: sum, roster: ReadPeople(p, PeopleFile, text, fileErrs), diags: fileErrs.Items()}
		l.people = d
	}
	for _, diagnostic := range d.diags {
		errs.Add(diagnostic)
	}
	p.Roster = d.roster
}

// ReadPeople reads the text of the roster of plan p, reporting every
// problem in errs with its line and column. A team without people is a
// warning; every other problem an error.
func ReadPeople(p *Plan, file, text string, errs *diag.List) *Roster {
	pr := &peopleReader{p: p, csvFile: csvFile{file: file, errs: errs}, seen: map[string]int{}}
	pr.first, pr.last = p.FiscalYear()
	roster := &Roster{File: file}
	if !pr.read(text, roster) {
		return roster
	}
	pr.checkTeams(roster)
	return roster
}

type peopleReader struct {
	csvFile
	p           *Plan
	first, last Date           // the fiscal year
	seen        map[string]int // the line of each id
	cols        map[string]int
}

// read reads the rows of the roster into roster; ok is false when the
// header row is not valid.
func (pr *peopleReader) read(text string, roster *Roster) bool {
	r, header, ok := pr.start(text, "people", PeopleColumns)
	if !ok {
		return false
	}
	pr.cols, ok = pr.header(r, header, PeopleColumns, PeopleColumns[:3])
	if !ok {
		return false
	}
	pr.eachRow(r, pr.cols, len(header), "p001,王强,east,sh,销售代表,,,1", func(line int, field func(string) (string, int)) {
		if person := pr.row(line, field); person != nil {
			roster.People = append(roster.People, person)
		}
	})
	pr.finish()
	return true
}

// row reads one person; nil when the row has an error.
func (pr *peopleReader) row(line int, field func(string) (string, int)) *Person {
	ps := &Person{Pos: diag.Pos{File: pr.file, Line: line, Col: 1}, Weight: big.NewRat(1, 1)}
	good := pr.id(ps, field)
	ps.Name, _ = field("name")
	if ps.Name == "" {
		_, col := field("name")
		pr.rowError(line, col, "the name column holds the person's name as shown on their page and letter", "row has no name")
		good = false
	}
	v, col := field("region")
	reg := pr.p.Region(v)
	if reg == nil {
		pr.unknownRegion(pr.p, v, line, col)
		good = false
	}
	ps.Region = v
	ps.Team, _ = field("team")
	if reg != nil && !pr.team(reg, ps, field) {
		good = false
	}
	ps.Role, _ = field("role")
	if !pr.dates(ps, field) {
		good = false
	}
	if !pr.weight(ps, field) {
		good = false
	}
	if !good {
		return nil
	}
	return ps
}

func (pr *peopleReader) id(ps *Person, field func(string) (string, int)) bool {
	v, col := field("id")
	line := ps.Pos.Line
	switch {
	case v == "":
		pr.rowError(line, col, "every person has an id such as p001: it names their page and letter", "row has no id")
		return false
	case !ValidID(v):
		pr.rowError(line, col, "ids use lowercase letters, digits, '-' and '_', and start with a letter or digit, for example \"p001\"",
			"person id %q%s", shorten(v), IDProblem(v))
		return false
	}
	if first, dup := pr.seen[v]; dup {
		pr.rowError(line, col, "every person has an id of their own; rename one of them",
			"duplicate person id %q (first used at line %d)", v, first)
		return false
	}
	pr.seen[v] = line
	ps.ID = v
	return true
}

// team checks the team column against the region's teams.
func (pr *peopleReader) team(reg *Region, ps *Person, field func(string) (string, int)) bool {
	_, col := field("team")
	line := ps.Pos.Line
	ids := memberIDs(Members(reg.Teams))
	switch {
	case len(ids) == 0 && ps.Team != "":
		pr.rowError(line, col, "a region without [[teams]] is one team: leave the team column empty for its people, or add [[teams]] to "+reg.File,
			"region %q has no teams, so team %q names none", reg.ID, ps.Team)
		return false
	case len(ids) == 0:
		return true
	case ps.Team == "" && !hasKey(pr.cols, "team"):
		pr.rowError(line, 1, "add a team column to the header row and name each person's team",
			"region %q has teams (%s): the file needs a team column", reg.ID, diag.IDs(ids))
		return false
	case ps.Team == "":
		pr.rowError(line, col, "region "+reg.ID+"'s teams: "+diag.IDs(ids),
			"row has no team: region %q has teams", reg.ID)
		return false
	case reg.Team(ps.Team) == nil:
		pr.rowError(line, col, "region "+reg.ID+"'s teams: "+diag.IDs(ids),
			"region %q has no team %q%s", reg.ID, ps.Team, diag.DidYouMean(ps.Team, ids))
		return false
	}
	return true
}

// dates reads start and end and checks that the person works some of the
// fiscal year.
func (pr *peopleReader) dates(ps *Person, field func(string) (string, int)) bool {
	line := ps.Pos.Line
	good := true
	for _, key := range []string{"start", "end"} {
		v, col := field(key)
		if v == "" {
			continue
		}
		d, ok := parseDay(v)
		if !ok {
			hint := "write dates as year-month-day, for example 2024-04-15; leave start empty for someone who joined before the fiscal year, end for someone who stays past it"
			if alt, ok := parseLooseDay(v); ok {
				hint = "write " + alt.String()
			}
			pr.rowError(line, col, hint, "%s %q is not a date", key, v)
			good = false
			continue
		}
		if key == "start" {
			ps.Start = d
		} else {
			ps.End = d
		}
	}
	if !good {
		return false
	}
	_, startCol := field("start")
	_, endCol := field("end")
	switch {
	case !ps.Start.IsZero() && !ps.End.IsZero() && ps.End.Before(ps.Start):
		pr.rowError(line, endCol, "end is the last working day, on or after start", "end %s is before start %s", ps.End, ps.Start)
		return false
	case !ps.Start.IsZero() && pr.last.Before(ps.Start):
		pr.rowError(line, startCol, fmt.Sprintf("the roster lists the people of the fiscal year %s to %s; add them next year", pr.first, pr.last),
			"start %s is after the fiscal year ends (%s)", ps.Start, pr.last)
		return false
	case !ps.End.IsZero() && ps.End.Before(pr.first):
		pr.rowError(line, endCol, fmt.Sprintf("the roster lists the people of the fiscal year %s to %s; remove people who left before it", pr.first, pr.last),
			"end %s is before the fiscal year starts (%s)", ps.End, pr.first)
		return false
	}
	return true
}

// weight reads the weight: a plain decimal ≥ 0, 1 when empty.
func (pr *peopleReader) weight(ps *Person, field func(string) (string, int)) bool {
	v, col := field("weight")
	ps.WeightPos = diag.Pos{File: pr.file, Line: ps.Pos.Line, Col: col}
	if v == "" {
		return true
	}
	w, ok := parseDecimal(v)
	switch {
	case !ok:
		hint := "a weight is a plain number: 1 for an ordinary seller, 1.5 for one who carries half as much again"
		if n, isPercent := parseDecimal(strings.TrimSpace(strings.TrimSuffix(v, "%"))); isPercent && strings.HasSuffix(v, "%") {
			hint = "write it as a number: " + numfmt.Exact(new(big.Rat).Quo(n, big.NewRat(100, 1)))
		}
		pr.rowError(ps.Pos.Line, col, hint, "weight %q is not a number", v)
		return false
	case w.Sign() < 0:
		pr.rowError(ps.Pos.Line, col, "weights are relative sizes: 0 or more", "weight must not be negative (found %s)", v)
		return false
	}
	ps.Weight = w
	return true
}

// checkTeams warns of every team without people, and reports a team whose
// people all weigh 0: there is nothing to share its total by.
func (pr *peopleReader) checkTeams(roster *Roster) {
	type key struct{ region, team string }
	members := map[key][]*Person{}
	for _, ps := range roster.People {
		k := key{ps.Region, ps.Team}
		members[k] = append(members[k], ps)
	}
	for _, reg := range pr.p.Regions {
		if len(reg.Teams) == 0 {
			pr.checkTeam(members[key{reg.ID, ""}], fmt.Sprintf("region %q", reg.ID), reg.ID, "", diag.Pos{File: reg.File})
			continue
		}
		for _, t := range reg.Teams {
			pr.checkTeam(members[key{reg.ID, t.ID}], fmt.Sprintf("team %q of region %q", t.ID, reg.ID), reg.ID, t.ID, t.Pos)
		}
	}
}

func (pr *peopleReader) checkTeam(people []*Person, what, region, team string, pos diag.Pos) {
	if len(people) == 0 {
		d := pos.WarnAt("%s has no people in %s: it gets no person quotas", what, pr.file)
		d.Hint = "add its people to " + pr.file + " with region " + region
		if team != "" {
			d.Hint += " and team " + team
		}
		pr.errs.Add(d)
		return
	}
	for _, ps := range people {
		if ps.Weight.Sign() != 0 {
			return
		}
	}
	d := people[0].WeightPos.At("every person of %s has weight 0: there is nothing to share its total by", what)
	d.Hint = "give at least one of them a weight above 0 (1 is an ordinary seller)"
	pr.errs.Add(d)
}

// parseDay reads a date written as 2024-04-15.
func parseDay(v string) (Date, bool) {
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return Date{}, false
	}
	return Date{t.Year(), t.Month(), t.Day()}, true
}

// parseLooseDay reads the other ways spreadsheets write a date, for a
// hint: 2024/4/15, 2024-4-15, 2024.4.15, 2024年4月15日.
func parseLooseDay(v string) (Date, bool) {
	for _, layout := range []string{"2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日"} {
		if t, err := time.Parse(layout, v); err == nil {
			return Date{t.Year(), t.Month(), t.Day()}, true
		}
	}
	return Date{}, false
}
