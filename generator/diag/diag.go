// Package diag holds planbook's one error type: a message about a place in
// a site's files, with the source line and a hint, and a list that collects
// every such message of a run instead of stopping at the first.
//
// It must not know about plans or sites; it only positions and prints.
package diag

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Level says how serious a diagnostic is.
type Level int

// The levels, least serious first.
const (
	Warning Level = iota
	Error
)

// String returns "warning" or "error".
func (l Level) String() string {
	if l == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in a site's files.
type Diagnostic struct {
	Level    Level
	File     string // slash path relative to the site, e.g. content/plan.toml; a folder ends in '/'
	Line     int    // 1-based; 0 when the problem has no single line
	Col      int    // 1-based; 0 when unknown
	Message  string // what is wrong, with the figures
	Hint     string // what to do about it; may be empty
	LineText string // the source line at Line, without its newline; may be empty
	// Blocking says the file could not be read at all (it does not
	// parse, or is not text): such diagnostics come first, since others
	// may only follow from it.
	Blocking bool
	// Notes are the other places the problem concerns, each a line to look
	// at: the members of a list whose shares do not add up.
	Notes []Note
}

// Note is a place a diagnostic concerns besides its own position, with
// what is there ("east 51%").
type Note struct {
	Pos
	Text string
}

// Equal reports whether d and o say the same thing at the same place.
func (d Diagnostic) Equal(o Diagnostic) bool {
	return d.Level == o.Level && d.File == o.File && d.Line == o.Line && d.Col == o.Col &&
		d.Message == o.Message && d.Hint == o.Hint && d.LineText == o.LineText &&
		d.Blocking == o.Blocking && slices.Equal(d.Notes, o.Notes)
}

// String formats d as "file:line:col: message", leaving out the parts that
// are unknown. Warnings say so after the position. Control characters of
// a file name or a quoted name are escaped (see Visible): the text is made
// to be printed.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Position())
	b.WriteString(": ")
	if d.Level == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return Visible(b.String())
}

// Position formats the place of d as "file:line:col", "file:line" or "file".
func (d Diagnostic) Position() string {
	switch {
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}

// List collects diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Errorf adds an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Level: Error, File: file, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Level: Warning, File: file, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

// Append adds every diagnostic of other.
func (l *List) Append(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// FillSource sets the source line of every diagnostic that has a line and
// column but no source text yet, from lines(file, line).
func (l *List) FillSource(lines func(file string, line int) string) {
	for i := range l.items {
		d := &l.items[i]
		if d.LineText == "" && d.Line > 0 && d.Col > 0 {
			d.LineText = Excerpt(lines(d.File, d.Line), d.Col)
		}
	}
}

// MaxExcerpt bounds the source line a diagnostic quotes.
const MaxExcerpt = 200

// Excerpt returns a source line as a diagnostic about column col quotes
// it: whole, cut after MaxExcerpt bytes when it is longer, or "" when col
// lies beyond that, so that a line of 80,000 brackets does not fill the
// terminal.
func Excerpt(line string, col int) string {
	if len(line) <= MaxExcerpt {
		return line
	}
	if col > MaxExcerpt {
		return ""
	}
	cut := MaxExcerpt
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	return line[:cut] + "…"
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Level == Error {
			return true
		}
	}
	return false
}

// Items returns the diagnostics in the order they were added.
func (l *List) Items() []Diagnostic { return append([]Diagnostic(nil), l.items...) }

// Len returns the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Count returns the number of diagnostics of level, without duplicates,
// shown or not.
func (l *List) Count(level Level) int {
	n := 0
	for _, d := range l.Sorted() {
		if d.Level == level {
			n++
		}
	}
	return n
}

// Errors returns the error-level diagnostics as shown: sorted, and at
// most MaxPerFile of them per file (see Sorted).
func (l *List) Errors() []Diagnostic { return capPerFile(l.filter(Error)) }

// Warnings returns the warning-level diagnostics as shown, like Errors.
func (l *List) Warnings() []Diagnostic { return capPerFile(l.filter(Warning)) }

func (l *List) filter(level Level) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.Sorted() {
		if d.Level == level {
			out = append(out, d)
		}
	}
	return out
}

// MaxPerFile bounds the diagnostics of one level shown for one file: a
// mistake repeated on every line says so fifty times, then how many more
// there are.
const MaxPerFile = 50

// capPerFile keeps the first MaxPerFile diagnostics of each file of ds
// (which are sorted and of one level) and replaces the rest with one that
// says how many were left out, at the line of the first of them.
func capPerFile(ds []Diagnostic) []Diagnostic {
	counts := map[string]int{}
	out := ds[:0:0]
	for _, d := range ds {
		counts[d.File]++
		if n := counts[d.File]; n <= MaxPerFile {
			out = append(out, d)
		} else if n == MaxPerFile+1 {
			out = append(out, Diagnostic{Level: d.Level, File: d.File, Line: d.Line})
		}
	}
	for i := range out {
		if n := counts[out[i].File] - MaxPerFile; n > 0 && out[i].Message == "" {
			out[i].Message = fmt.Sprintf("%d more %ss in this file from this line on, not shown", n, out[i].Level)
			out[i].Hint = "fix the ones above first: the same mistake is often made many times"
		}
	}
	return out
}

// Sorted returns the diagnostics ordered by file, line, column and message,
// with exact duplicates removed, so that output does not depend on the
// order in which they were found. Blocking diagnostics come first: the
// errors that follow may be consequences of a file that could not be read.
func (l *List) Sorted() []Diagnostic {
	out := make([]Diagnostic, len(l.items))
	copy(out, l.items)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Blocking != b.Blocking {
			return a.Blocking
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
	uniq := out[:0]
	for i, d := range out {
		if i > 0 && d.Equal(out[i-1]) {
			continue
		}
		uniq = append(uniq, d)
	}
	return uniq
}

// Err returns the list as an error when it holds errors, else nil.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{Diagnostics: l.Errors()}
}

// ListError is the error returned when a site has errors. It carries every
// error-level diagnostic, sorted.
type ListError struct {
	Diagnostics []Diagnostic
}

func (e *ListError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Print writes d to w the way a terminal user reads it: the position and
// message, the source line with a caret under the column (see Source), and
// the hint, with control characters escaped (see Visible).
func Print(w io.Writer, d Diagnostic) {
	fmt.Fprintln(w, d.String())
	for _, line := range d.Source() {
		fmt.Fprintf(w, "  %s\n", line)
	}
	for i, n := range d.Notes {
		if i == MaxNotes {
			fmt.Fprintf(w, "  note: and %d more\n", len(d.Notes)-MaxNotes)
			break
		}
		fmt.Fprintf(w, "  note: %s\n", Visible(n.String()))
	}
	if d.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", Visible(d.Hint))
	}
}

// MaxNotes bounds the notes printed for one diagnostic, and the ids a hint
// lists (see IDs).
const MaxNotes = 20

// String formats n as "file:line:col: text".
func (n Note) String() string {
	if n.File == "" {
		return n.Text
	}
	return Diagnostic{File: n.File, Line: n.Line, Col: n.Col}.Position() + ": " + n.Text
}

// IDs lists ids for a hint, comma-separated: at most MaxNotes of them,
// then how many more there are.
func IDs(ids []string) string {
	if len(ids) <= MaxNotes {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:MaxNotes], ", ") + " and " + strconv.Itoa(len(ids)-MaxNotes) + " more"
}

// Pos is a place in a site's files.
type Pos struct {
	File      string
	Line, Col int
}

// At returns an error-level diagnostic at p.
func (p Pos) At(format string, args ...any) Diagnostic {
	return Diagnostic{Level: Error, File: p.File, Line: p.Line, Col: p.Col, Message: fmt.Sprintf(format, args...)}
}

// WarnAt returns a warning-level diagnostic at p.
func (p Pos) WarnAt(format string, args ...any) Diagnostic {
	return Diagnostic{Level: Warning, File: p.File, Line: p.Line, Col: p.Col, Message: fmt.Sprintf(format, args...)}
}
