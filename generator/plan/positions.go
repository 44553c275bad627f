package plan

import (
	"encoding/csv"
	"slices"
	"strconv"
	"strings"

	"planbook/generator/diag"
)

// Positions finds where the keys of one TOML file read for a plan are
// written: what explains a figure points at the line of each value it
// was computed from. The loader keeps no positions beyond those its
// messages need; Positions scans the file's text again, on demand.
type Positions struct {
	file string
	loc  *locator
}

// Positions returns the places of the keys of file, a TOML file read for
// the plan; nil when the plan read no such file.
func (p *Plan) Positions(file string) *Positions {
	text, ok := p.Sources[file]
	if !ok || !IsTOML(file) {
		return nil
	}
	return &Positions{file: file, loc: newLocator(text)}
}

// Find returns the position of the key or element at path, keys joined by
// "." and list entries numbered from 0 ("seasonality.quarters.2",
// "channels.1.share"); ok is false when nothing is written at path itself.
func (s *Positions) Find(path string) (pos diag.Pos, ok bool) {
	if s == nil {
		return diag.Pos{}, false
	}
	p, ok := s.loc.pos[path]
	if !ok {
		return diag.Pos{File: s.file}, false
	}
	return diag.Pos{File: s.file, Line: p[0], Col: p[1]}, true
}

// Written returns the value written at pos (a key's or a list element's
// place) as it is written: `"38%"`, `1.2`, `["21%", "24%"]`. A key's
// value is what follows its "="; a list element ends at the next comma
// or closing bracket outside quotes. Comments are left out.
func Written(line string, col int) string {
	if col < 1 || col > len(line) {
		return ""
	}
	rest := line[col-1:]
	if k := keyEnd(rest); k > 0 {
		rest = strings.TrimLeft(rest[k:], " \t")
		if !strings.HasPrefix(rest, "=") {
			return ""
		}
		return strings.TrimSpace(valueText(rest[1:], false))
	}
	return strings.TrimSpace(valueText(rest, true))
}

// keyEnd returns the length of the key (bare or dotted, possibly quoted)
// at the start of s when an "=" follows it, else 0.
func keyEnd(s string) int {
	parts, end := parseKey(s, 0)
	if len(parts) == 0 || end == 0 {
		return 0
	}
	rest := strings.TrimLeft(s[end:], " \t")
	if !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") {
		return 0
	}
	return end
}

// valueText returns the text of the value at the start of s: up to a
// comment, or, for an element, up to the comma or bracket that ends it.
func valueText(s string, element bool) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\'':
			i = skipString(s, i) - 1
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				return s[:i]
			}
			depth--
		case ',':
			if element && depth == 0 {
				return s[:i]
			}
		case '#':
			return s[:i]
		}
	}
	return s
}

// Statement returns a line of a TOML file as a message quotes it: its key
// and value without a comment (`share = "38%"`), or, for a line that is
// not a key, the line itself without a comment.
func Statement(line string) string {
	i := len(line) - len(strings.TrimLeft(line, " \t"))
	if k := keyEnd(line[i:]); k > 0 {
		return strings.TrimSpace(line[i:i+k]) + " = " + Written(line, i+1)
	}
	return strings.TrimSpace(valueText(line[i:], false))
}

// ID names the value at path the same way in every version of the file:
// "content/plan.toml:products.core.share". The entries of a list of
// tables are named by their id where they have one, so that a product
// line added before another does not rename the other's values; the
// elements of an array keep their place from 0
// ("content/regions/east.toml:seasonality.quarters.2").
func (s *Positions) ID(path string) string {
	if s == nil {
		return path
	}
	return s.file + ":" + s.canonical(path)
}

func (s *Positions) canonical(path string) string {
	parts := strings.Split(path, ".")
	for i := range parts {
		if strings.Trim(parts[i], "0123456789") != "" || parts[i] == "" {
			continue // not an entry of a list
		}
		p, ok := s.loc.pos[strings.Join(parts[:i+1], ".")+".id"]
		if !ok {
			continue
		}
		if id := unquote(Written(s.loc.lineText(p[0]), p[1])); id != "" {
			parts[i] = id
		}
	}
	return strings.Join(parts, ".")
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return s[1 : len(s)-1]
	}
	return ""
}

// FileID names a file's name as a value (a region's id): "content/regions/east.toml:".
func FileID(file string) string { return file + ":" }

// CellID names the cell of column col in the row of a CSV file whose id
// is row: "content/people.csv:p003.start".
func CellID(file, row, col string) string { return file + ":" + row + "." + col }

// WrittenValue is one value written in a file the plan's figures come
// from, as written.
type WrittenValue struct {
	ID   string // see Positions.ID and CellID
	Pos  diag.Pos
	Text string // `"38%"`, `1.2`, `2024-04-15`
}

// WrittenValues returns every value written in the files the plan's
// figures come from (planbook.toml, content/plan.toml, the region files
// and the roster) by ID: comparing two versions' finds the edits between
// them.
func (p *Plan) WrittenValues() map[string]WrittenValue {
	return p.WrittenValuesOf(func(string) bool { return true })
}

// WrittenValuesOf returns the values written in the files that want
// picks, as WrittenValues does: a file the same in two versions of a plan
// holds no edit.
func (p *Plan) WrittenValuesOf(want func(file string) bool) map[string]WrittenValue {
	out := map[string]WrittenValue{}
	for file, text := range p.Sources {
		if !want(file) {
			continue
		}
		switch {
		case file == PeopleFile:
			rosterValues(file, text, out)
		case IsTOML(file):
			ps := &Positions{file: file, loc: newLocator(text)}
			ps.values(out)
		}
	}
	return out
}

// values adds the values of a TOML file: every key and array element that
// holds no other.
func (s *Positions) values(out map[string]WrittenValue) {
	parents := map[string]bool{}
	for path := range s.loc.pos {
		for i := strings.LastIndexByte(path, '.'); i > 0; i = strings.LastIndexByte(path[:i], '.') {
			parents[path[:i]] = true
		}
	}
	for path, p := range s.loc.pos {
		line := s.loc.lineText(p[0])
		if parents[path] || p[1] > len(line) || line[p[1]-1] == '[' {
			continue // a table, a list, or a header
		}
		out[s.ID(path)] = WrittenValue{ID: s.ID(path), Pos: diag.Pos{File: s.file, Line: p[0], Col: p[1]}, Text: Written(line, p[1])}
	}
}

// rosterValues adds the cells of the roster by each row's id.
func rosterValues(file, text string, out map[string]WrittenValue) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return
	}
	idCol := slices.Index(header, "id")
	for {
		row, err := r.Read()
		if err != nil {
			return
		}
		if idCol < 0 || idCol >= len(row) {
			continue
		}
		line, _ := r.FieldPos(0)
		for c, col := range header {
			if c < len(row) {
				id := CellID(file, row[idCol], strings.TrimSpace(col))
				out[id] = WrittenValue{ID: id, Pos: diag.Pos{File: file, Line: line, Col: 1}, Text: row[c]}
			}
		}
	}
}
