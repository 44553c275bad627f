// Package diag holds planbook's one error type: a message about a place in
// a site's files, with the source line and a hint, and a list that collects
// every such message of a run instead of stopping at the first.
//
// It must not know about plans or sites; it only positions and prints.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strings"
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
			d.LineText = lines(d.File, d.Line)
		}
	}
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

// Errors returns the error-level diagnostics, sorted.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns the warning-level diagnostics, sorted.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

func (l *List) filter(level Level) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.Sorted() {
		if d.Level == level {
			out = append(out, d)
		}
	}
	return out
}

// Sorted returns the diagnostics ordered by file, line, column and message,
// with exact duplicates removed, so that output does not depend on the
// order in which they were found.
func (l *List) Sorted() []Diagnostic {
	out := make([]Diagnostic, len(l.items))
	copy(out, l.items)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
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
		if i > 0 && d == out[i-1] {
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
	if d.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", Visible(d.Hint))
	}
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
