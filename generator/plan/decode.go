package plan

import (
	"errors"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"planbook/generator/diag"
)

// source is one TOML document being decoded: its path relative to the
// site, the positions of its keys, and where its diagnostics go.
type source struct {
	file string
	loc  *locator
	errs *diag.List
	// lineOffset is added to every line number: front matter starts a few
	// lines into its Markdown file.
	lineOffset int
}

// parseTOML decodes text into a table. A syntax error, or nesting deeper
// than MaxNesting, is reported at its position and returns nil.
func parseTOML(file, text string, lineOffset int, errs *diag.List) (*table, *source) {
	src := &source{file: file, errs: errs, lineOffset: lineOffset, loc: newLocator(text)}
	if deep := src.loc.deep; deep[0] > 0 {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: file, Line: deep[0] + lineOffset, Col: deep[1], Blocking: true,
			LineText: src.loc.excerpt(deep[0], deep[1]),
			Message:  fmt.Sprintf("nested more than %d levels deep: the file is not read", MaxNesting),
			Hint:     "a plan needs a few levels at most ([table], key, [list]); look for brackets or braces that are not closed"})
		return nil, src
	}
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		var perr toml.ParseError
		d := diag.Diagnostic{Level: diag.Error, File: file, Line: 1 + lineOffset, Message: "invalid TOML: " + err.Error(), Blocking: true}
		if errors.As(err, &perr) {
			d.Line, d.Col = perr.Position.Line+lineOffset, perr.Position.Col
			d.LineText = src.loc.excerpt(perr.Position.Line, perr.Position.Col)
			d.Message, d.Hint = tomlMessage(perr.Message)
			if d.Hint == "" {
				d.Hint = tomlHint(perr)
			}
			if n := len(src.loc.lineText(perr.Position.Line)); d.Col > n+1 {
				d.Col = n + 1
			}
			if strings.Contains(perr.Message, "has already been defined") {
				d.Col = 1
			}
		}
		errs.Add(d)
		return nil, src
	}
	return &table{src: src, m: m, known: map[string]bool{}}, src
}

// subject names what a file describes, for messages about the whole file.
func (s *source) subject() string {
	switch {
	case strings.HasPrefix(s.file, RegionsDir+"/") && strings.HasSuffix(s.file, ".toml"):
		return "region " + strings.TrimSuffix(path.Base(s.file), ".toml")
	case s.file == PlanFile:
		return "the plan"
	}
	return s.file
}

// tomlMessage rewords the TOML library's message for a planner.
func tomlMessage(msg string) (string, string) {
	switch {
	case strings.Contains(msg, "strings cannot contain newlines"), strings.Contains(msg, "unexpected EOF"):
		return "text is not closed: a quote is missing", `end the text with a quote: name = "华东大区"`
	case strings.Contains(msg, "has already been defined"):
		k := between(msg, "'", "'")
		return fmt.Sprintf("key %q is set twice", k), "remove one of the two lines"
	case strings.Contains(msg, "cannot be used as an array"):
		k := between(msg, "'", "'")
		return fmt.Sprintf("[[%s]] comes after a [%s.…] table", k, k), fmt.Sprintf("write every [%s.…] table after the [[%s]] entry it belongs to", k, k)
	case strings.Contains(msg, "is out of range for"):
		n, _, _ := strings.Cut(msg, " ")
		return fmt.Sprintf("number %s is too large", shorten(n)),
			"planbook computes amounts up to 10^15 times the precision (1,000,000,000,000,000 with precision = 1); check the unit of the plan"
	case strings.Contains(msg, "expected value") || strings.Contains(msg, "bare"):
		return "invalid TOML: " + msg, `text values need quotes, for example name = "华东大区"`
	}
	return "invalid TOML: " + msg, ""
}

func between(s, open, close string) string {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	k, _, _ := strings.Cut(rest, close)
	return k
}

func tomlHint(perr toml.ParseError) string {
	u := perr.Usage
	if i := strings.IndexByte(u, '\n'); i >= 0 {
		u = u[:i]
	}
	if strings.Contains(perr.Message, "expected value") || strings.Contains(perr.Message, "bare") {
		return `text values need quotes, for example name = "华东大区"`
	}
	return strings.TrimSpace(u)
}

// pos returns the position of path in this file.
func (s *source) pos(path string) diag.Pos {
	line, col := s.loc.find(path)
	return diag.Pos{File: s.file, Line: line + s.lineOffset, Col: col}
}

// errorf reports an error at path.
func (s *source) errorf(path, hint, format string, args ...any) {
	s.report(diag.Error, path, hint, format, args...)
}

// warnf reports a warning at path.
func (s *source) warnf(path, hint, format string, args ...any) {
	s.report(diag.Warning, path, hint, format, args...)
}

func (s *source) report(level diag.Level, path, hint, format string, args ...any) {
	line, col := s.loc.find(path)
	s.errs.Add(diag.Diagnostic{
		Level: level, File: s.file, Line: line + s.lineOffset, Col: col,
		Message: fmt.Sprintf(format, args...), Hint: hint, LineText: s.loc.excerpt(line, col),
	})
}

// table is one TOML table being decoded. Every accessor records its key as
// known, so that done can report the keys nobody asked for.
type table struct {
	src    *source
	path   string
	m      map[string]any
	known  map[string]bool
	order  []string // known keys in the order asked, for suggestions
	parent *table
	// unknown collects, on the file's root table, the unknown keys of
	// every table, reported when the root is done and every table's
	// keys are known.
	unknown []unknownKey
	// checks run when the table is done, once every key it allows is
	// known.
	checks []func()
	// shape, when not nil, records what the decoder asks of the table:
	// the table is then empty, decoded only to make a schema (see
	// Schemas).
	shape *shape
}

type unknownKey struct {
	t   *table
	key string
}

// child returns the table m at key below t.
func (t *table) child(key string, m map[string]any) *table {
	return &table{src: t.src, path: t.keyPath(key), m: m, known: map[string]bool{}, parent: t}
}

func (t *table) root() *table {
	for t.parent != nil {
		t = t.parent
	}
	return t
}

// what names the table for messages: "[target]", "[[products]] entry
// \"core\"", or the file itself.
func (t *table) what() string {
	if t.path == "" {
		return t.src.file
	}
	parts := strings.Split(t.path, ".")
	last := parts[len(parts)-1]
	if _, err := strconv.Atoi(last); err == nil && len(parts) > 1 {
		name := strings.Join(parts[:len(parts)-1], ".")
		for _, k := range []string{"id", "name", "topic"} {
			if v, ok := t.m[k].(string); ok && v != "" {
				return fmt.Sprintf("[[%s]] %q", name, v)
			}
		}
		n, _ := strconv.Atoi(last)
		return fmt.Sprintf("[[%s]] entry %d", name, n+1)
	}
	return "[" + t.path + "]"
}

func (t *table) keyPath(key string) string { return join(t.path, key) }

func (t *table) get(key string) (any, bool) {
	t.expect(key, keyShape{})
	if !t.known[key] {
		t.known[key] = true
		t.order = append(t.order, key)
	}
	v, ok := t.m[key]
	return v, ok
}

// done notes every key of the table that no accessor asked for. The root
// table of a file reports them all, once every table's keys are known.
func (t *table) done() {
	for _, check := range t.checks {
		check()
	}
	t.checks = nil
	r := t.root()
	for k := range t.m {
		if !t.known[k] {
			r.unknown = append(r.unknown, unknownKey{t, k})
		}
	}
	if t != r {
		return
	}
	sort.Slice(r.unknown, func(i, j int) bool {
		a, b := r.unknown[i], r.unknown[j]
		if a.t.path != b.t.path {
			return a.t.path < b.t.path
		}
		return a.key < b.key
	})
	for _, u := range r.unknown {
		u.t.reportUnknown(u.key)
	}
}

func (t *table) reportUnknown(k string) {
	// A key of an enclosing table written after a [table] header belongs
	// to that table in TOML: say so rather than only "unknown".
	for p := t.parent; p != nil; p = p.parent {
		if p.known[k] {
			owner := "a file's own keys come before its first [table]"
			if p.path != "" {
				owner = "[" + p.path + "]'s own keys come before its sub-tables"
			}
			t.src.errorf(t.keyPath(k), fmt.Sprintf("move %s above [%s]: in TOML every key after a [table] header belongs to that table, so %s", k, t.path, owner),
				"key %q is not allowed in %s", k, t.what())
			return
		}
	}
	hint := ""
	if len(t.order) > 0 {
		hint = "allowed here: " + strings.Join(t.order, ", ")
	}
	t.src.errorf(t.keyPath(k), hint, "unknown key %q%s", k, diag.DidYouMean(k, t.order))
}

func (t *table) typeError(key, want string, v any) {
	hint := ""
	switch x := v.(type) {
	case int64, float64:
		if strings.Contains(want, "text") {
			hint = fmt.Sprintf("put text in quotes: %s = \"%v\"", key, x)
		}
	case string:
		if _, ok := parseDecimal(strings.TrimSpace(x)); ok && strings.Contains(want, "number") {
			hint = fmt.Sprintf("write the number without quotes: %s = %s", key, strings.TrimSpace(x))
		}
	}
	t.src.errorf(t.keyPath(key), hint, "%s must be %s, not %s", key, want, describe(v))
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// str returns a text value; required reports its absence.
func (t *table) str(key string, required bool) string {
	t.expect(key, keyShape{kind: kindText, required: required})
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.typeError(key, "text in quotes", v)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.src.errorf(t.keyPath(key), "", "%s must not be empty", key)
	}
	return s
}

// missingHints shows a line to add for a required key.
var missingHints = map[string]string{
	"title":  `title = "2024年销售部门目标分解与执行计划"`,
	"year":   "year = 2024",
	"unit":   `unit = "万元"`,
	"id":     `id = "…" (lowercase letters, digits, '-' and '_')`,
	"name":   `name = "…"`,
	"class":  `class = "mature" (or "strategic", "potential")`,
	"stage":  `stage = "mature" (or "growing", "emerging")`,
	"start":  "start = 2024-03-01",
	"end":    "end = 2024-03-31",
	"date":   "date = 2024-03-12",
	"topic":  `topic = "…"`,
	"target": `target = "19.5%"`,
}

// missing reports a required key that is absent: at the table's header,
// or, for a key of the whole file, at the file's first line without a
// caret.
func (t *table) missing(key string) {
	hint := "add " + key + " = …"
	if h, ok := missingHints[key]; ok {
		hint = "add " + h
	}
	if t.path == "" {
		t.src.errs.Add(diag.Diagnostic{Level: diag.Error, File: t.src.file, Line: 1 + t.src.lineOffset,
			Message: fmt.Sprintf("%s has no %s", t.src.subject(), key), Hint: hint})
		return
	}
	t.src.errorf(t.path, hint, "%s has no %s", t.what(), key)
}

// boolean returns a true or false value; false when absent or wrong.
func (t *table) boolean(key string) bool {
	t.expect(key, keyShape{kind: kindBool})
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.typeError(key, "true or false", v)
	}
	return b
}

// enum returns a text value that must be one of allowed.
func (t *table) enum(key string, required bool, allowed ...string) string {
	t.expect(key, keyShape{kind: kindText, required: required, enum: allowed})
	s := t.str(key, required)
	if s == "" {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	t.src.errorf(t.keyPath(key), fmt.Sprintf("write %s = %s", key, strings.Join(quoted, " or ")),
		"%s %q is not one of %s%s", key, s, strings.Join(allowed, ", "), diag.DidYouMean(s, allowed))
	return ""
}

// integer returns a whole-number value; ok is false when absent or wrong.
func (t *table) integer(key string, required bool) (int64, bool) {
	t.expect(key, keyShape{kind: kindInteger, required: required})
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return 0, false
	}
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	t.typeError(key, "a whole number", v)
	return 0, false
}

// date returns a TOML local date.
func (t *table) date(key string, required bool) (Date, bool) {
	t.expect(key, keyShape{kind: kindDate, required: required})
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return Date{}, false
	}
	switch x := v.(type) {
	case time.Time:
		if x.Location().String() == "date-local" {
			return Date{Year: x.Year(), Month: x.Month(), Day: x.Day()}, true
		}
		t.src.errorf(t.keyPath(key), "write the date alone, for example "+key+" = 2024-03-10", "%s must be a date without a time", key)
	case string:
		hint := "write the date without quotes, for example " + key + " = 2024-03-10"
		t.src.errorf(t.keyPath(key), hint, "%s must be a date, not the text %q", key, x)
	default:
		t.typeError(key, "a date like 2024-03-10", v)
	}
	return Date{}, false
}

// strings returns a list of texts, each with its path for later messages.
func (t *table) strList(key string) ([]string, bool) {
	t.expect(key, keyShape{kind: kindList, items: &keyShape{kind: kindText}})
	v, ok := t.get(key)
	if !ok {
		return nil, false
	}
	list, isList := v.([]any)
	if !isList {
		t.typeError(key, `a list of texts like ["east", "south"]`, v)
		return nil, false
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, isStr := e.(string)
		if !isStr {
			t.src.errorf(join(t.keyPath(key), strconv.Itoa(i)), "", "%s must list texts in quotes, not %s", key, describe(e))
			continue
		}
		out = append(out, s)
	}
	return out, true
}

// listOf is list for a list of n elements (any number when n is 0) that
// are all read as item, which the schema states.
func (t *table) listOf(key string, item keyShape, n int) ([]any, bool) {
	t.expect(key, keyShape{kind: kindList, items: &item, count: n})
	return t.list(key)
}

// list returns the elements of a TOML array of any values.
func (t *table) list(key string) ([]any, bool) {
	t.expect(key, keyShape{kind: kindList})
	v, ok := t.get(key)
	if !ok {
		return nil, false
	}
	list, isList := v.([]any)
	if !isList {
		t.typeError(key, "a list", v)
		return nil, false
	}
	return list, true
}

// sub returns the table at key, or nil when absent.
func (t *table) sub(key string) *table {
	t.expect(key, keyShape{kind: kindTable})
	v, ok := t.get(key)
	if !ok {
		if t.shape != nil {
			// Recording a schema: what the decoder asks of the table.
			c := t.child(key, map[string]any{})
			c.shape = t.shape.keys[key].table
			return c
		}
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.src.errorf(t.keyPath(key), "write it as a table: ["+t.keyPath(key)+"]", "%s must be a table, not %s", key, describe(v))
		return nil
	}
	return t.child(key, m)
}

// tables returns the entries of an array of tables ([[key]]).
func (t *table) tables(key string) []*table {
	t.expect(key, keyShape{kind: kindTables})
	v, ok := t.get(key)
	if !ok {
		if t.shape != nil {
			// Recording a schema: what the decoder asks of an entry.
			c := t.child(key+".0", map[string]any{})
			c.shape = t.shape.keys[key].table
			return []*table{c}
		}
		return nil
	}
	var maps []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		maps = x
	case []any:
		for i, e := range x {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.src.errorf(join(t.keyPath(key), strconv.Itoa(i)), "write each entry as [["+t.keyPath(key)+"]]", "%s must hold tables, not %s", key, describe(e))
				return nil
			}
			maps = append(maps, m)
		}
	default:
		t.src.errorf(t.keyPath(key), "write each entry as [["+t.keyPath(key)+"]]", "%s must be a list of tables, not %s", key, describe(v))
		return nil
	}
	out := make([]*table, len(maps))
	for i, m := range maps {
		out[i] = t.child(key+"."+strconv.Itoa(i), m)
	}
	return out
}

// keys returns the table's keys in the order they appear in the file.
// Such a table's keys are ids: when recording a schema, it returns
// anyKey, which stands for every one of them.
func (t *table) keys() []string {
	if t.shape != nil {
		return []string{anyKey}
	}
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		pi, pj := t.src.pos(t.keyPath(keys[i])), t.src.pos(t.keyPath(keys[j]))
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		if pi.Col != pj.Col {
			return pi.Col < pj.Col
		}
		return keys[i] < keys[j]
	})
	return keys
}
