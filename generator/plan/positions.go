package plan

import (
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
