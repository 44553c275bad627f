package site

import (
	"fmt"
	"strings"
)

// Shortcode is one {{< name "arg" key="value" >}} in a page's Markdown.
type Shortcode struct {
	Name   string
	Args   []string          // quoted positional arguments
	Params map[string]string // key="value" arguments
	Start  int               // byte offset of "{{<" in the text
	End    int               // byte offset just after ">}}"
	Line   int               // 1-based, within the text
	Col    int               // 1-based, in bytes
}

// ShortcodeError is a shortcode that cannot be parsed.
type ShortcodeError struct {
	Line, Col int
	Message   string
	Hint      string
}

func (e *ShortcodeError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message) }

// ParseShortcodes finds the shortcodes in text. A shortcode written as
// {{</* … */>}} is not one: it is shown as written, without the comment
// marks (so that pages can document shortcodes). Parsing goes on after an
// error, so that every error is reported.
func ParseShortcodes(text string) ([]Shortcode, []*ShortcodeError) {
	var out []Shortcode
	var errs []*ShortcodeError
	for i := 0; ; {
		k := strings.Index(text[i:], "{{<")
		if k < 0 {
			break
		}
		start := i + k
		line, col := position(text, start)
		end := strings.Index(text[start:], ">}}")
		if end < 0 {
			errs = append(errs, &ShortcodeError{line, col, "shortcode is not closed", `end it with ">}}", for example {{< value "target" >}}`})
			break
		}
		end += start + 3
		inner := text[start+3 : end-3]
		if next := strings.Index(inner, "{{<"); next >= 0 {
			errs = append(errs, &ShortcodeError{line, col, "shortcode is not closed before the next one", `end it with ">}}"`})
			i = start + 3 + next
			continue
		}
		sc := Shortcode{Start: start, End: end, Line: line, Col: col, Params: map[string]string{}}
		trimmed := strings.TrimSpace(inner)
		if len(trimmed) >= 4 && strings.HasPrefix(trimmed, "/*") && strings.HasSuffix(trimmed, "*/") {
			sc.Name = "" // an escaped shortcode: shown as written
			sc.Args = []string{"{{< " + strings.TrimSpace(trimmed[2:len(trimmed)-2]) + " >}}"}
			out = append(out, sc)
			i = end
			continue
		}
		if err := parseInner(&sc, trimmed); err != nil {
			err.Line, err.Col = line, col
			errs = append(errs, err)
		} else {
			out = append(out, sc)
		}
		i = end
	}
	return out, errs
}

// parseInner reads a shortcode's name and arguments.
func parseInner(sc *Shortcode, s string) *ShortcodeError {
	name, rest, _ := strings.Cut(s, " ")
	if name == "" {
		return &ShortcodeError{Message: "shortcode has no name", Hint: `write {{< value "target" >}} or {{< chart "quarters" >}}`}
	}
	sc.Name = name
	rest = strings.TrimSpace(rest)
	for rest != "" {
		key := ""
		if eq := strings.IndexByte(rest, '='); eq > 0 && !strings.HasPrefix(rest, `"`) {
			key = strings.TrimSpace(rest[:eq])
			rest = strings.TrimSpace(rest[eq+1:])
		}
		if !strings.HasPrefix(rest, `"`) {
			return &ShortcodeError{Message: fmt.Sprintf("shortcode %s: argument %s is not in quotes", name, firstWord(rest)), Hint: `write arguments in double quotes: {{< chart "quarters" region="east" >}}`}
		}
		closing := strings.IndexByte(rest[1:], '"')
		if closing < 0 {
			return &ShortcodeError{Message: fmt.Sprintf("shortcode %s: a quote is not closed", name), Hint: `close the argument with "`}
		}
		val := rest[1 : 1+closing]
		rest = strings.TrimSpace(rest[closing+2:])
		if key == "" {
			sc.Args = append(sc.Args, val)
			continue
		}
		if _, dup := sc.Params[key]; dup {
			return &ShortcodeError{Message: fmt.Sprintf("shortcode %s: %s is given twice", name, key)}
		}
		sc.Params[key] = val
	}
	return nil
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// position returns the 1-based line and column (in bytes, as in every
// planbook message) of offset.
func position(text string, offset int) (int, int) {
	line := 1 + strings.Count(text[:offset], "\n")
	lineStart := strings.LastIndexByte(text[:offset], '\n') + 1
	return line, 1 + offset - lineStart
}
