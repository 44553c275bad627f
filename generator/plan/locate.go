package plan

import (
	"strconv"
	"strings"

	"planbook/generator/diag"
)

// MaxNesting is how deep a TOML file may nest: every part of a table
// header or of a dotted key, and every array and inline table, is one
// level. The deepest value a plan needs is four levels down
// ([[products]] → [products.seasonality] → quarters → one quarter); the
// limit keeps a file of thousands of nested brackets from taking the
// decoder's memory and time before it is refused.
const MaxNesting = 32

// maxElements bounds the elements of one array whose places are recorded:
// a plan's lists are short (twelve months), and a list of millions must
// not take a map entry each. Later elements are found at their array.
const maxElements = 10000

// locator maps the keys of a TOML document to their line and column.
//
// The TOML library reports positions only for syntax errors, so planbook
// scans the text itself and records where every key, table header,
// array-of-tables entry and array element starts, and where every number
// value starts, to read it exactly as written. Paths are keys joined by
// "." with array-of-tables entries and array elements numbered from 0:
// "products.2.seasonality.quarters.1".
//
// The scan runs before the TOML library decodes the text, and stops at
// the first place nested deeper than MaxNesting (deep), so that it takes
// time and memory in proportion to the text whatever the text holds.
type locator struct {
	pos   map[string][2]int // path → line, column (1-based)
	num   map[string][2]int // path of a value that may be a number → where it starts
	lines []string
	// deep is the line and column where the text first nests deeper than
	// MaxNesting; zero when it does not.
	deep [2]int
}

func newLocator(text string) *locator {
	l := &locator{pos: make(map[string][2]int), num: make(map[string][2]int), lines: strings.Split(text, "\n")}
	l.scan()
	return l
}

// find returns the position of path, or of its nearest recorded ancestor,
// or line 1 column 1 when nothing is recorded.
func (l *locator) find(path string) (line, col int) {
	for {
		if p, ok := l.pos[path]; ok {
			return p[0], p[1]
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return 1, 1
		}
		path = path[:i]
	}
}

// lineText returns line n (1-based) without its line ending.
func (l *locator) lineText(n int) string {
	if n < 1 || n > len(l.lines) {
		return ""
	}
	return strings.TrimRight(l.lines[n-1], "\r")
}

// excerpt returns line n as a message about column col quotes it.
func (l *locator) excerpt(n, col int) string { return diag.Excerpt(l.lineText(n), col) }

// numberText returns the text of the number value at path as written, or
// "" when no value starts there.
func (l *locator) numberText(path string) string {
	p, ok := l.num[path]
	if !ok {
		return ""
	}
	line := l.lineText(p[0])
	end := p[1] - 1
	for end < len(line) && isNumberChar(line[end]) {
		end++
	}
	return line[p[1]-1 : end]
}

func isNumberChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '+' || c == '-' || c == '.'
}

func (l *locator) record(path string, line, col int) {
	if _, ok := l.pos[path]; !ok {
		l.pos[path] = [2]int{line, col}
	}
}

// value notes where the value of path starts, when it may be a number.
func (l *locator) value(path string, line int, text string, i int) {
	if c := text[i]; c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' {
		if _, ok := l.num[path]; !ok {
			l.num[path] = [2]int{line, i + 1}
		}
	}
}

// nest notes a level of nesting reached at line, column; it reports false
// (and remembers the place) when that is deeper than MaxNesting.
func (l *locator) nest(depth, line, col int) bool {
	if depth <= MaxNesting {
		return true
	}
	if l.deep[0] == 0 {
		l.deep = [2]int{line, col}
	}
	return false
}

// scanner state carried from one line to the next.
type scanState struct {
	multi string // open multi-line string delimiter: `"""` or `'''`
	// stack of open arrays and inline tables in the current value.
	stack []frame
	// key is the path of the key whose value is being scanned, and depth
	// its nesting level, outside any array or inline table.
	key   string
	depth int
	// valueAt says that the next character that is not blank starts the
	// value of the innermost key or element.
	valueAt bool
}

// frame is an open array or inline table.
type frame struct {
	array bool
	path  string
	depth int // nesting level of the array or table itself
	// Arrays: the index of the next element, and whether one may start
	// here (after '[' or ',').
	next    int
	pending bool
	// Inline tables: where a key may start (after '{' or ','), and the
	// path and nesting level of the current key.
	expectKey bool
	key       string
	keyDepth  int
}

// current returns the path and nesting level of the value being scanned.
func (st *scanState) current() (string, int) {
	n := len(st.stack)
	switch {
	case n == 0:
		return st.key, st.depth
	case st.stack[n-1].array:
		top := st.stack[n-1]
		return join(top.path, strconv.Itoa(top.next-1)), top.depth
	}
	return st.stack[n-1].key, st.stack[n-1].keyDepth
}

func (l *locator) scan() {
	var (
		st      scanState
		table   string             // path of the current table
		tdepth  int                // its nesting level
		arrays  = map[string]int{} // array-of-tables path → entries so far
		prefixF = func(parts []string, isArrayHeader bool) string {
			var path string
			for i, p := range parts {
				path = join(path, p)
				last := i == len(parts)-1
				if n, ok := arrays[path]; ok && !(last && isArrayHeader) {
					path = join(path, strconv.Itoa(n-1))
				}
			}
			return path
		}
	)
	for ln, raw := range l.lines {
		if l.deep[0] != 0 {
			return
		}
		line := strings.TrimRight(raw, "\r")
		if st.multi != "" || len(st.stack) > 0 {
			l.scanValue(&st, line, 0, ln+1)
			continue
		}
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) || line[i] == '#' {
			continue
		}
		col := i + 1
		if line[i] == '[' {
			isArray := strings.HasPrefix(line[i:], "[[")
			start := i + 1
			if isArray {
				start++
			}
			parts, _ := parseKey(line, start)
			if !l.nest(len(parts), ln+1, col) {
				return
			}
			tdepth = len(parts)
			if isArray {
				path := prefixF(parts, true)
				n := arrays[path]
				arrays[path] = n + 1
				l.record(path, ln+1, col)
				table = join(path, strconv.Itoa(n))
			} else {
				table = prefixF(parts, false)
			}
			l.record(table, ln+1, col)
			continue
		}
		parts, end := parseKey(line, i)
		if !l.nest(tdepth+len(parts), ln+1, col) {
			return
		}
		path := table
		for _, p := range parts {
			path = join(path, p)
			l.record(path, ln+1, col)
		}
		// Skip to the value after '='.
		for end < len(line) && line[end] != '=' {
			end++
		}
		if end < len(line) {
			end++
		}
		st.stack = st.stack[:0]
		st.key, st.depth, st.valueAt = path, tdepth+len(parts), true
		l.scanValue(&st, line, end, ln+1)
	}
}

// scanValue scans line[i:] inside a value: strings, nested arrays and
// inline tables with their keys, comments, and the start of every element
// of an array and of every value.
func (l *locator) scanValue(st *scanState, line string, i, ln int) {
	for i < len(line) {
		if st.multi != "" {
			k := strings.Index(line[i:], st.multi)
			if k < 0 {
				return
			}
			i += k + 3
			for i < len(line) && line[i] == st.multi[0] { // up to two more quotes belong to the string
				i++
			}
			st.multi = ""
			continue
		}
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			return
		}
		if n := len(st.stack); n > 0 {
			top := &st.stack[n-1]
			switch {
			case top.array && top.pending && c != ']' && c != ',':
				if top.next < maxElements {
					l.record(join(top.path, strconv.Itoa(top.next)), ln, i+1)
					st.valueAt = true
				}
				top.next++
				top.pending = false
			case !top.array && top.expectKey && c != '}' && c != ',':
				i = l.inlineKey(st, top, line, i, ln)
				continue
			}
		}
		if st.valueAt {
			st.valueAt = false
			path, _ := st.current()
			l.value(path, ln, line, i)
		}
		switch c {
		case '"', '\'':
			delim := string([]byte{c, c, c})
			if strings.HasPrefix(line[i:], delim) {
				st.multi = delim
				i += 3
				continue
			}
			i = skipString(line, i)
		case '[', '{':
			path, depth := st.current()
			if !l.nest(depth+1, ln, i+1) {
				return
			}
			st.stack = append(st.stack, frame{array: c == '[', path: path, depth: depth + 1, pending: true, expectKey: c == '{'})
			i++
		case ']', '}':
			if n := len(st.stack); n > 0 {
				st.stack = st.stack[:n-1]
			}
			i++
		case ',':
			if n := len(st.stack); n > 0 {
				st.stack[n-1].pending = st.stack[n-1].array
				st.stack[n-1].expectKey = !st.stack[n-1].array
			}
			i++
		case '=':
			st.valueAt = true // after a key of an inline table
			i++
		default:
			i++
		}
		if len(st.stack) == 0 && st.multi == "" {
			return // the value is complete; anything left is a comment
		}
	}
}

// inlineKey reads the key that starts at line[i] inside the inline table
// top, records it and returns the index just after it.
func (l *locator) inlineKey(st *scanState, top *frame, line string, i, ln int) int {
	parts, end := parseKey(line, i)
	if len(parts) == 0 || end == i {
		top.expectKey = false // not a key: let the value scan move on
		return i
	}
	top.expectKey = false
	if !l.nest(top.depth+len(parts), ln, i+1) {
		return len(line)
	}
	path := top.path
	for _, p := range parts {
		path = join(path, p)
		l.record(path, ln, i+1)
	}
	top.key, top.keyDepth = path, top.depth+len(parts)
	st.valueAt = false
	return end
}

// skipString returns the index just past the single-line string starting
// at line[i], or the end of the line when the string is not closed.
func skipString(line string, i int) int {
	q := line[i]
	i++
	for i < len(line) {
		switch {
		case q == '"' && line[i] == '\\':
			i += 2
		case line[i] == q:
			return i + 1
		default:
			i++
		}
	}
	return len(line)
}

// parseKey reads a dotted key starting at line[i] and returns its parts and
// the index just after it.
func parseKey(line string, i int) ([]string, int) {
	var parts []string
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		switch line[i] {
		case '"', '\'':
			end := skipString(line, i)
			s := line[i:end]
			if s[0] == '"' {
				if u, err := strconv.Unquote(s); err == nil {
					s = u
				} else {
					s = strings.Trim(s, `"`)
				}
			} else {
				s = strings.Trim(s, "'")
			}
			parts = append(parts, s)
			i = end
		default:
			start := i
			for i < len(line) && isBareKeyChar(line[i]) {
				i++
			}
			parts = append(parts, line[start:i])
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == '.' {
			i++
			continue
		}
		break
	}
	return parts, i
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
