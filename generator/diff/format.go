package diff

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// none stands for a value a side does not have.
const none = "–"

// Cells returns the columns of an item's row as text in the report's
// language: old, new, change and change %. Amounts have thousands
// separators and the plan's unit; ratios are percentages and change in
// percentage points, with no change %.
func (r *Report) Cells(it Item) (old, new, change, pct string) {
	l := r.Lang
	switch it.Status {
	case Added:
		return none, r.value(it, it.New, it.NewText, 0), l.T("diff.added"), ""
	case Removed:
		return r.value(it, it.Old, it.OldText, 0), none, l.T("diff.removed"), ""
	}
	places := 1
	if it.Kind == Ratio {
		places = ratioPlaces(it.Old, it.New)
	}
	old, new = r.value(it, it.Old, it.OldText, places), r.value(it, it.New, it.NewText, places)
	if it.Old == nil || it.New == nil {
		return old, new, "", ""
	}
	d := new2(it.New).Sub(it.New, it.Old)
	switch it.Kind {
	case Amount, Count, Quantity:
		change = signed(d, r.value(it, d, "", 0))
		if it.Old.Sign() != 0 {
			pct = l.SignedPercent(new2(d).Quo(d, it.Old))
		}
	case Ratio:
		change = signed(d, numfmt.Rate(d, places)) + l.T("points")
	case Lines:
		change = l.Sprintf("diff.line-change", it.LinesAdded, it.LinesRemoved)
	}
	return old, new, change, pct
}

// value formats one side of an item; places is the decimals of a ratio.
func (r *Report) value(it Item, x *big.Rat, text string, places int) string {
	l := r.Lang
	if it.Kind == Text {
		if text == "" {
			return none
		}
		return text
	}
	if x == nil {
		return none
	}
	switch it.Kind {
	case Amount:
		return l.Amount(x, 4, r.Unit)
	case Ratio:
		if places == 0 {
			return l.Percent(x)
		}
		return numfmt.Group(numfmt.Rate(x, places), ",") + "%"
	case Quantity:
		return l.Amount(x, 4, it.Unit)
	case Lines:
		return l.Sprintf("diff.lines", x.Num().Int64())
	}
	return l.Number(x, 4)
}

// ratioPlaces returns how many decimals show two ratios as percentages
// that differ: one, unless they only differ further down.
func ratioPlaces(a, b *big.Rat) int {
	if a == nil || b == nil {
		return 1
	}
	hundred := big.NewRat(100, 1)
	pa, pb := new2(a).Mul(a, hundred), new2(b).Mul(b, hundred)
	for places := 1; places < 4; places++ {
		if numfmt.Places(pa, places) != numfmt.Places(pb, places) {
			return places
		}
	}
	return 4
}

func signed(d *big.Rat, s string) string {
	if d.Sign() > 0 {
		return "+" + s
	}
	return s
}

func new2(x *big.Rat) *big.Rat { return new(big.Rat).Set(x) }

// Summary returns the report in one line: "Annual target 13,800 → 14,000
// 万元 (+200, +1.4%); 7 changes in 3 sections.", or "No changes to the
// plan."
func (r *Report) Summary() string {
	l := r.Lang
	if r.Empty() {
		return l.T("diff.none")
	}
	t := r.Target
	var head string
	if sameRat(t.Old, t.New) {
		head = l.Sprintf("diff.target-same", l.Amount(t.New, 4, r.Unit))
	} else {
		d := new2(t.New).Sub(t.New, t.Old)
		change := signed(d, l.Number(d, 4))
		if t.Old.Sign() != 0 {
			head = l.Sprintf("diff.target", l.Number(t.Old, 4), l.Amount(t.New, 4, r.Unit), change, l.SignedPercent(new2(d).Quo(d, t.Old)))
		} else {
			head = l.Sprintf("diff.target-no-pct", l.Number(t.Old, 4), l.Amount(t.New, 4, r.Unit), change)
		}
	}
	n, m := r.Changes(), len(r.Sections)
	return head + l.Sprintf("diff.count", n, plural(l.T, n, "diff.change"), m, plural(l.T, m, "diff.section"))
}

func plural(t func(string) string, n int, key string) string {
	if n == 1 {
		return t(key)
	}
	return t(key + "s")
}

// Markdown writes the report for a pull-request comment: the summary in
// one line, then one GitHub-flavoured table per section with the rows
// that changed. Identical plans give "No changes to the plan."
func Markdown(r *Report) []byte { return r.markdown(mdEscape, false) }

// Terminal writes the Markdown report for reading on a terminal: the same
// lines, with the plan's texts as written instead of escaped for Markdown
// (R&D, not R&amp;D; key_accounts, not key\_accounts; only a | is still
// escaped, so that the columns hold), and the rows folded away in a
// comment under a plain line instead of a <details> block.
func Terminal(r *Report) []byte { return r.markdown(cellEscape, true) }

func (r *Report) markdown(esc func(string) string, terminal bool) []byte {
	l := r.Lang
	var b bytes.Buffer
	if r.Empty() {
		b.WriteString(l.T("diff.none") + "\n")
		return b.Bytes()
	}
	b.WriteString("**" + l.T("diff.title") + "**")
	if r.From != "" || r.To != "" {
		b.WriteString(" " + code(r.From) + " → " + code(r.To))
	}
	if l == "en" {
		b.WriteString(": ")
	} else {
		b.WriteString(":")
	}
	b.WriteString(esc(r.Summary()) + "\n")
	r.editsMarkdown(&b, esc)
	for _, s := range r.Sections {
		b.WriteString("\n### " + esc(s.Title) + "\n")
		main, detail := s.Items, []Item(nil)
		if len(s.Items) > foldAbove {
			main, detail = split(s.Items)
		}
		if len(main) > 0 {
			r.table(&b, main, esc)
		}
		switch {
		case len(detail) == 0:
		case terminal:
			b.WriteString("\n" + esc(l.Sprintf("diff.more", len(detail))) + "\n")
			r.table(&b, detail, esc)
		default:
			b.WriteString("\n<details><summary>" + esc(l.Sprintf("diff.more", len(detail))) + "</summary>\n")
			r.table(&b, detail, esc)
			b.WriteString("\n</details>\n")
		}
	}
	return b.Bytes()
}

// foldAbove is how many rows a section shows before its months and table
// cells are folded away.
const foldAbove = 15

// split separates the main items of a section from its details.
func split(items []Item) (main, detail []Item) {
	for _, it := range items {
		if it.Detail() {
			detail = append(detail, it)
		} else {
			main = append(main, it)
		}
	}
	return main, detail
}

func (r *Report) table(b *bytes.Buffer, items []Item, esc func(string) string) {
	l := r.Lang
	b.WriteString("\n")
	row(b, esc, l.T("diff.col.item"), l.T("diff.col.old"), l.T("diff.col.new"), l.T("diff.col.change"), l.T("diff.col.pct"))
	b.WriteString("|---|--:|--:|--:|--:|\n")
	for _, it := range items {
		old, new, change, pct := r.Cells(it)
		row(b, esc, it.Label, old, new, change, pct)
	}
}

func row(b *bytes.Buffer, esc func(string) string, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + esc(c) + " |")
	}
	b.WriteString("\n")
}

// mdEscape makes a text safe inside a Markdown table cell: it stays one
// line, no character of it is taken as markup, and control characters
// show as escapes (the report is printed on a terminal too).
func mdEscape(s string) string { return diag.Visible(mdReplacer.Replace(s)) }

var mdReplacer = strings.NewReplacer(
	"\r\n", " ", "\n", " ", "\r", " ",
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "~", `\~`, "#", `\#`,
)

// cellEscape keeps a text in its table cell on a terminal: one line, its
// | escaped, control characters shown as escapes.
func cellEscape(s string) string { return diag.Visible(cellReplacer.Replace(s)) }

var cellReplacer = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`)

// code writes a revision or folder name as inline code.
func code(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// JSON writes the report for programs, in the shape documented in
// docs/ci.md: figures are exact decimal numbers (ratios as fractions),
// texts are strings, and a value a side does not have is null.
func JSON(r *Report) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	field(&b, 1, "old", str(r.From), true)
	field(&b, 1, "new", str(r.To), true)
	field(&b, 1, "language", str(string(r.Lang)), true)
	field(&b, 1, "unit", str(r.Unit), true)
	field(&b, 1, "summary", str(r.Summary()), true)
	field(&b, 1, "changes", strconv.Itoa(r.Changes()), true)
	field(&b, 1, "target", item(r.Target, false), true)
	r.editsJSON(&b)
	if len(r.Sections) == 0 {
		field(&b, 1, "sections", "[]", false)
	} else {
		b.WriteString(`  "sections": [` + "\n")
		for i, s := range r.Sections {
			b.WriteString("    {\n")
			field(&b, 3, "id", str(s.ID), true)
			field(&b, 3, "title", str(s.Title), true)
			b.WriteString(`      "items": [` + "\n")
			for j, it := range s.Items {
				b.WriteString("        " + item(it, true))
				if j < len(s.Items)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("      ]\n    }")
			if i < len(r.Sections)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("  ]\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func field(b *bytes.Buffer, depth int, key, value string, comma bool) {
	b.WriteString(strings.Repeat("  ", depth) + str(key) + ": " + value)
	if comma {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
}

// item writes an item as a JSON object on one line; the target leaves out
// what every item has in common.
func item(it Item, full bool) string {
	var parts []string
	add := func(k, v string) { parts = append(parts, str(k)+": "+v) }
	if full {
		add("key", str(it.Key))
		add("label", str(it.Label))
		add("kind", str(it.Kind.String()))
		if it.Kind == Quantity {
			add("unit", str(it.Unit))
		}
		add("status", str(string(it.Status)))
	}
	if it.Kind == Text {
		add("old", nullStr(it.OldText, it.Status == Added))
		add("new", nullStr(it.NewText, it.Status == Removed))
		add("change", "null")
		add("relative_change", "null")
	} else {
		add("old", num(it.Old))
		add("new", num(it.New))
		var d, rel *big.Rat
		if it.Old != nil && it.New != nil {
			d = new2(it.New).Sub(it.New, it.Old)
			if it.Old.Sign() != 0 && (it.Kind == Amount || it.Kind == Count || it.Kind == Quantity) {
				rel = new2(d).Quo(d, it.Old)
			}
		}
		add("change", num(d))
		add("relative_change", num(rel))
	}
	if it.Kind == Lines {
		add("lines_added", strconv.Itoa(it.LinesAdded))
		add("lines_removed", strconv.Itoa(it.LinesRemoved))
	}
	if full {
		add("causes", strList(it.Causes))
		add("knock_on", nullStr(it.KnockOn, it.KnockOn == ""))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func num(x *big.Rat) string {
	if x == nil {
		return "null"
	}
	return numfmt.Exact(x)
}

func nullStr(s string, null bool) string {
	if null {
		return "null"
	}
	return str(s)
}

// str writes s as a JSON string, leaving <, > and & readable.
func str(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
