package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Source returns d's source line laid out as planbook shows it everywhere
// (on a terminal, on the dev server's error page and in check's JSON): the
// line number and the line, then a caret under the column:
//
//	27 | share = 60
//	   |         ^
//
// A tab shows as one space and a control character escaped (see Visible);
// the caret counts East Asian wide characters as two columns. Source
// returns nil when d has no source line, and the first line alone when d
// has no column.
func (d Diagnostic) Source() []string {
	if d.LineText == "" || d.Line <= 0 {
		return nil
	}
	num := strconv.Itoa(d.Line)
	var text strings.Builder
	caret, cols := -1, 0
	for i := 0; i < len(d.LineText); {
		if d.Col > 0 && caret < 0 && i >= d.Col-1 {
			caret = cols
		}
		r, n := utf8.DecodeRuneInString(d.LineText[i:])
		shown, escaped := escape(r, d.LineText[i:i+n])
		switch {
		case r == '\t':
			shown, escaped = " ", true
		case !escaped:
			cols += runeWidth(r)
		}
		if escaped {
			cols += len(shown)
		}
		text.WriteString(shown)
		i += n
	}
	lines := []string{num + " | " + text.String()}
	if d.Col > 0 {
		if caret < 0 {
			caret = cols // the column just past the line's end
		}
		lines = append(lines, strings.Repeat(" ", len(num))+" | "+strings.Repeat(" ", caret)+"^")
	}
	return lines
}

// Width returns how many columns a terminal (or an editor) gives s; see
// runeWidth.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// runeWidth returns how many columns a terminal gives r: two for East
// Asian wide and fullwidth characters, none for combining marks and
// invisible format characters, one for the others.
func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	return 1
}

// Visible returns s safe to print on a terminal: control characters other
// than tab and line feed, DEL, the C1 controls and the bidirectional
// overrides are written as Go escapes (\x1b, \u009b, \u202e), and bytes
// that are not UTF-8 as \xNN. A name or a line of an input file then
// cannot move the cursor, clear the screen, set the window's title or
// reorder what the terminal shows.
func Visible(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool {
		_, esc := escape(r, string(r))
		return esc && r != '\t' && r != '\n' || r == utf8.RuneError
	})
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		shown, _ := escape(r, s[i:i+n])
		if r == '\t' || r == '\n' {
			shown = s[i : i+n]
		}
		b.WriteString(shown)
		i += n
	}
	return b.String()
}

// escape returns how the rune r, read from the bytes raw, is shown, and
// whether that is an escape.
func escape(r rune, raw string) (string, bool) {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf(`\x%02x`, raw[0]), true
	case r < 0x20, r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r), true
	case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf(`\u%04x`, r), true
	}
	return raw, false
}
