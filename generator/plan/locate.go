package plan

import (
	"strconv"
	"strings"
)

// locator maps the keys of a TOML document to their line and column.
//
// The TOML library reports positions only for syntax errors, so planbook
// scans the (already valid) text once more and records where every key,
// table header, array-of-tables entry and array element starts. Paths are
// keys joined by "." with array-of-tables entries and array elements
// numbered from 0: "products.2.seasonality.quarters.1".
type locator struct {
	pos   map[string][2]int // path → line, column (1-based)
	lines []string
}

func newLocator(text string) *locator {
	l := &locator{pos: make(map[string][2]int), lines: strings.Split(text, "\n")}
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

func (l *locator) record(path string, line, col int) {
	if _, ok := l.pos[path]; !ok {
		l.pos[path] = [2]int{line, col}
	}
}

// scanner state carried from one line to the next.
type scanState struct {
	multi string // open multi-line string delimiter: `"""` or `'''`
	// stack of open arrays and inline tables in the current value; each
	// array knows its path and the index of its next element.
	stack []frame
}

type frame struct {
	array   bool
	path    string
	next    int
	pending bool // an element may start here (after '[' or ',')
}

func (l *locator) scan() {
	var (
		st      scanState
		table   string             // path of the current table
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
		l.scanValueStart(&st, line, end, ln+1, path)
	}
}

// scanValueStart scans a key's value from line[i:], opening frames for
// arrays and inline tables that continue on the next lines.
func (l *locator) scanValueStart(st *scanState, line string, i, ln int, path string) {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '[' {
		st.stack = append(st.stack, frame{array: true, path: path, pending: true})
		i++
	}
	l.scanValue(st, line, i, ln)
}

// scanValue scans line[i:] inside a value: strings, nested arrays and
// inline tables, comments, and the start of every element of an array.
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
			if top.array && top.pending && c != ']' && c != ',' {
				l.record(join(top.path, strconv.Itoa(top.next)), ln, i+1)
				top.next++
				top.pending = false
			}
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
		case '[':
			path := ""
			if n := len(st.stack); n > 0 && st.stack[n-1].array {
				top := st.stack[n-1]
				path = join(top.path, strconv.Itoa(top.next-1))
			}
			st.stack = append(st.stack, frame{array: true, path: path, pending: true})
			i++
		case '{':
			st.stack = append(st.stack, frame{})
			i++
		case ']', '}':
			if n := len(st.stack); n > 0 {
				st.stack = st.stack[:n-1]
			}
			i++
		case ',':
			if n := len(st.stack); n > 0 && st.stack[n-1].array {
				st.stack[n-1].pending = true
			}
			i++
		default:
			i++
		}
		if len(st.stack) == 0 && st.multi == "" {
			return // the value is complete; anything left is a comment
		}
	}
}

// skipString returns the index just past the single-line string starting
// at line[i].
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
	return i
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
