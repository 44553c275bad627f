package diff

import (
	"bytes"
	"strconv"
	"strings"

	"planbook/generator/data"
	"planbook/generator/explain"
)

// maxEdits is how many edits the Markdown report lists; the JSON report
// has them all.
const maxEdits = 30

// maxNames is how many names a line of the report lists before "and N
// more".
const maxNames = 8

// editsMarkdown writes the edited inputs, first: a table of every edit
// with its old and new value as written and how many figures it moved,
// then, for each edit that moved figures, what they are, and the figures
// that moved as a knock-on effect, summed up by reason.
func (r *Report) editsMarkdown(b *bytes.Buffer, esc func(string) string) {
	l := r.Lang
	if len(r.Edits) == 0 {
		return
	}
	b.WriteString("\n### " + esc(l.T("diff.sec.inputs")) + "\n\n")
	row(b, esc, l.T("diff.col.input"), l.T("diff.col.old"), l.T("diff.col.new"), l.T("diff.col.moved"))
	b.WriteString("|---|--:|--:|--:|\n")
	shown := r.Edits
	if len(shown) > maxEdits {
		shown = shown[:maxEdits]
	}
	value := func(s string) string {
		if s == "" {
			return none
		}
		return esc(s)
	}
	for _, e := range shown {
		moved := none
		if len(e.Figures) > 0 {
			moved = strconv.Itoa(len(e.Figures))
		}
		b.WriteString("| " + esc(e.where()) + " | " + value(e.Old) + " | " + value(e.New) + " | " + moved + " |\n")
	}
	if n := len(r.Edits) - len(shown); n > 0 {
		b.WriteString("\n" + esc(l.Sprintf("diff.more-edits", n)) + "\n")
	}
	var bullets []string
	for _, e := range shown {
		if moved := r.derived(e.Figures); len(moved) > 0 {
			head := e.where() + " " + value(e.Old) + " → " + value(e.New)
			bullets = append(bullets, "**"+esc(head)+"**"+esc(l.T("diff.colon")+r.figureSummary(moved)))
		}
	}
	for _, k := range r.KnockOns {
		bullets = append(bullets, "**"+esc(l.T("diff.knock-on"))+"**"+esc(l.T("diff.colon")+r.KnockOnText(k)))
	}
	if len(bullets) > 0 {
		b.WriteString("\n")
		for _, s := range bullets {
			b.WriteString("- " + s + "\n")
		}
	}
}

// derived returns the figures at keys that are computed, not the values
// as written nor texts: an edit of a name moves that name and nothing
// else worth a line.
func (r *Report) derived(keys []string) []string {
	var out []string
	for _, key := range keys {
		if d, err := r.explainer.Of(key); err == nil && (d.Kind == data.Text || d.Rule == explain.Written || d.Rule == explain.Default) {
			continue
		}
		out = append(out, key)
	}
	return out
}

// where writes an edit's place: "content/regions/east.toml:9 share".
func (e *Edit) where() string {
	return e.File + ":" + strconv.Itoa(e.Line) + " " + e.Key
}

// figureSummary writes the figures at keys grouped by what they belong
// to: "East: target, share, growth, 4 quarters, 12 months; Direct · all
// regions: target".
func (r *Report) figureSummary(keys []string) string {
	type group struct {
		name  string
		order []string
		keys  map[string][]string // by category
	}
	var groups []*group
	byEntity := map[string]*group{}
	for _, key := range keys {
		_, name := r.entity(key) // a region without teams is its own team, of its name
		g := byEntity[name]
		if g == nil {
			g = &group{name: name, keys: map[string][]string{}}
			byEntity[name] = g
			groups = append(groups, g)
		}
		cat := category(key)
		if _, ok := g.keys[cat]; !ok {
			g.order = append(g.order, cat)
		}
		g.keys[cat] = append(g.keys[cat], key)
	}
	l := r.Lang
	var parts []string
	for k, g := range groups {
		if k == maxNames {
			parts = append(parts, l.Sprintf("diff.and-more", len(groups)-k))
			break
		}
		var cats []string
		for _, cat := range g.order {
			ks := g.keys[cat]
			if cat == "person" {
				n, key := distinctPeople(ks), "diff.cat.person"
				if n == 1 {
					key += ".one"
				}
				cats = append(cats, l.Sprintf(key, n))
				continue
			}
			if len(ks) == 1 || l.T("diff.cat."+cat) == "diff.cat."+cat {
				for _, key := range ks {
					cats = append(cats, r.fieldName(key, g.name))
				}
				continue
			}
			cats = append(cats, l.Sprintf("diff.cat."+cat, len(ks)))
		}
		parts = append(parts, g.name+l.T("diff.colon")+strings.Join(cats, l.T("diff.comma")))
	}
	return strings.Join(parts, l.T("diff.semicolon"))
}

// distinctPeople counts the people whose figures keys are.
func distinctPeople(keys []string) int {
	seen := map[string]bool{}
	for _, k := range keys {
		seen[strings.SplitN(k, ".", 3)[1]] = true
	}
	return len(seen)
}

// fieldName is a figure's label without the name of what it belongs to.
func (r *Report) fieldName(key, entity string) string {
	lab := r.labels(key)
	return strings.TrimPrefix(lab, entity+" · ")
}

// category returns what kind of figure a key names, for summing figures
// up: a person's, quarters, months, coverage, channels, products and
// customers (the cells of a region's rows), else its field.
func category(key string) string {
	parts := strings.Split(key, ".")
	n := len(parts)
	switch {
	case parts[0] == "people":
		return "person"
	case n >= 2 && (parts[n-2] == "quarters" || parts[n-2] == "months" || parts[n-2] == "coverage"):
		return parts[n-2]
	case parts[0] == "channels":
		return "channels"
	case parts[0] == "regions" && n >= 4 && (parts[2] == "channels" || parts[2] == "products" || parts[2] == "customers"):
		return parts[2]
	}
	return parts[n-1]
}

// KnockOnText writes a group of knock-on figures in the report's
// language: "South, Southwest: 24 quarter and month figures moved because
// the fixed rows changed what the free rows share; their annual targets
// are unchanged."
func (r *Report) KnockOnText(k *KnockOn) string {
	l := r.Lang
	names := k.Entities
	if len(names) > maxNames {
		names = append(names[:maxNames:maxNames], l.Sprintf("diff.and-more", len(k.Entities)-maxNames))
	}
	var kinds []string
	seen := map[string]bool{}
	for _, key := range k.Figures {
		kind := l.T("diff.kind." + category(key))
		if strings.HasPrefix(kind, "diff.kind.") {
			kind = l.T("diff.kind.other")
		}
		if !seen[kind] {
			seen[kind] = true
			kinds = append(kinds, kind)
		}
	}
	key := "diff.knock." + k.Reason
	if len(k.Figures) == 1 {
		key += ".one"
	}
	s := l.Sprintf(key, strings.Join(names, l.T("diff.comma")), len(k.Figures), andList(l.T("diff.comma"), l.T("diff.and"), kinds))
	if k.TargetsSame && r.hasTargets(k) {
		if len(k.Entities) == 1 {
			s += l.T("diff.targets-same.one")
		} else {
			s += l.T("diff.targets-same")
		}
	}
	return s + l.T("diff.stop")
}

// hasTargets reports whether every entity of a knock-on group has a
// target of its own (the company's moves with its figures).
func (r *Report) hasTargets(k *KnockOn) bool {
	for _, key := range k.Figures {
		if prefix, _ := r.entity(key); prefix == "" || strings.HasPrefix(prefix, "people.") {
			return false
		}
	}
	return true
}

// andList joins words with commas and a last "and": "quarter, month and
// product line".
func andList(comma, and string, words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], comma) + and + words[len(words)-1]
}

// editsJSON writes the edits and the knock-on groups of the JSON report:
// "inputs" and "knock_on", each a list (empty when there are none).
func (r *Report) editsJSON(b *bytes.Buffer) {
	b.WriteString(`  "inputs": [`)
	for i, e := range r.Edits {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {" + strings.Join([]string{
			`"id": ` + str(e.ID), `"file": ` + str(e.File), `"line": ` + strconv.Itoa(e.Line), `"key": ` + str(e.Key),
			`"status": ` + str(string(e.Status)), `"old": ` + nullStr(e.Old, e.Status == Added), `"new": ` + nullStr(e.New, e.Status == Removed),
			`"figures": ` + strList(e.Figures),
		}, ", ") + "}")
	}
	if len(r.Edits) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n")
	b.WriteString(`  "knock_on": [`)
	for i, k := range r.KnockOns {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {" + strings.Join([]string{
			`"reason": ` + str(k.Reason), `"entities": ` + strList(k.Entities), `"targets_unchanged": ` + strconv.FormatBool(k.TargetsSame),
			`"text": ` + str(r.KnockOnText(k)), `"figures": ` + strList(k.Figures),
		}, ", ") + "}")
	}
	if len(r.KnockOns) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n")
}

// strList writes a list of strings as a JSON array on one line.
func strList(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = str(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
