// Package data holds every computed figure of a plan as one tree: written
// as data/plan.json in the shape of section 9 of the plan format, looked
// up by the pages' value shortcodes, and written as CSV tables for
// spreadsheets.
package data

import (
	"bytes"
	"encoding/json"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/numfmt"
)

// ratioPlaces is how many decimals ratios keep in plan.json.
const ratioPlaces = 6

// JSON returns data/plan.json: every computed figure, keys in the order of
// the format, amounts in the plan's unit, ratios as fractions, and absent
// optional parts as empty arrays or objects (null for a figure that cannot
// be computed, such as growth without a baseline).
func JSON(r *compute.Result) []byte {
	var b bytes.Buffer
	write(&b, Tree(r), 0)
	b.WriteByte('\n')
	return b.Bytes()
}

// write writes v indented by two spaces per level. Lists of figures stay
// on one line so that tables read as rows.
func write(b *bytes.Buffer, v Value, depth int) {
	pad := strings.Repeat("  ", depth+1)
	switch x := v.(type) {
	case Leaf:
		writeLeaf(b, x)
	case List:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		if flat(x) {
			b.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				write(b, e, depth+1)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range x {
			b.WriteString(pad)
			write(b, e, depth+1)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad[2:])
		b.WriteByte(']')
	case Object:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range x {
			b.WriteString(pad)
			writeString(b, f.Key)
			b.WriteString(": ")
			write(b, f.Value, depth+1)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad[2:])
		b.WriteByte('}')
	}
}

func writeLeaf(b *bytes.Buffer, l Leaf) {
	switch {
	case l.Kind == Text:
		writeString(b, l.S)
	case l.R == nil:
		b.WriteString("null")
	case l.Kind == Ratio:
		b.WriteString(numfmt.Fixed(l.R, ratioPlaces))
	default:
		b.WriteString(numfmt.Exact(l.R))
	}
}

func flat(l List) bool {
	for _, e := range l {
		if _, ok := e.(Leaf); !ok {
			return false
		}
	}
	return true
}

// writeString writes s as a JSON string, leaving <, > and & readable.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

// Marshal writes a value of the tree as JSON, as plan.json writes it.
func Marshal(v Value) []byte {
	var b bytes.Buffer
	write(&b, v, 0)
	return b.Bytes()
}
