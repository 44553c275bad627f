package explain

import (
	"strings"

	"planbook/generator/i18n"
)

// Text writes d as a short tree in l, for a terminal: the figure, its
// rule, its arithmetic and rounding, then its inputs, each figure among
// them explained in turn down to depth levels (1: the inputs only).
func (e *Explainer) Text(d *Derivation, l i18n.Lang, depth int) string {
	var b strings.Builder
	w := e.words(d, l, WordsOptions{Parts: 12})
	b.WriteString(w.Key + "  " + w.Label + " = " + w.Value + "\n")
	e.writeBody(&b, w, l, "  ", depth)
	return b.String()
}

// writeBody writes the rule, arithmetic and inputs of w under prefix.
func (e *Explainer) writeBody(b *strings.Builder, w *Words, l i18n.Lang, prefix string, depth int) {
	for _, s := range []string{w.Rule, w.Formula, w.Rounding} {
		if s != "" {
			b.WriteString(prefix + s + "\n")
		}
	}
	for k, in := range w.Inputs {
		branch, next := "├─ ", "│  "
		if k == len(w.Inputs)-1 {
			branch, next = "└─ ", "   "
		}
		b.WriteString(prefix + branch + inputLine(in) + "\n")
		e.writeInput(b, in, l, prefix+next, depth)
	}
}

// writeInput writes what is under an input: its parts, how an
// intermediate value is computed, and the derivation of a figure while
// depth allows.
func (e *Explainer) writeInput(b *strings.Builder, in InputWords, l i18n.Lang, prefix string, depth int) {
	for _, p := range in.Parts {
		b.WriteString(prefix + "· " + inputLine(p) + "\n")
	}
	switch {
	case in.Via != nil:
		e.writeBody(b, in.Via, l, prefix, depth)
	case in.Key != "" && depth > 1 && !in.Exact:
		if d, err := e.of(in.Key); err == nil && d.Rule != Written && d.Rule != Default {
			e.writeBody(b, e.words(d, l, WordsOptions{Parts: 12}), l, prefix, depth-1)
		}
	}
}

// inputLine writes an input on one line: its role, value and where it
// comes from.
func inputLine(in InputWords) string {
	parts := []string{in.Role + " " + in.Value}
	if in.Label != "" {
		parts = append(parts, in.Label)
	}
	if in.Key != "" {
		parts = append(parts, in.Key)
	}
	if in.Where != "" {
		parts = append(parts, in.Where)
	}
	if in.Text != "" {
		parts = append(parts, in.Text)
	}
	return strings.Join(parts, "  ")
}
