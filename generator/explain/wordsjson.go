package explain

// AppendJSON appends w as a JSON object with the keys of its json tags,
// empty ones left out: what a site's page of explanations holds, written
// without reflection (a site writes tens of thousands).
func (w *Words) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	b = field(b, &first, "key", w.Key)
	b = field(b, &first, "label", w.Label)
	b = fieldAlways(b, &first, "value", w.Value)
	b = fieldAlways(b, &first, "rule", w.Rule)
	b = field(b, &first, "formula", w.Formula)
	b = field(b, &first, "rounding", w.Rounding)
	b = append(b, `,"inputs":[`...)
	for i := range w.Inputs {
		if i > 0 {
			b = append(b, ',')
		}
		b = w.Inputs[i].appendJSON(b)
	}
	return append(b, "]}"...)
}

func (in *InputWords) appendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	b = fieldAlways(b, &first, "role", in.Role)
	b = fieldAlways(b, &first, "value", in.Value)
	b = field(b, &first, "label", in.Label)
	b = field(b, &first, "key", in.Key)
	if in.Exact {
		b = append(b, `,"exact":true`...)
	}
	b = field(b, &first, "where", in.Where)
	b = field(b, &first, "text", in.Text)
	if in.Via != nil {
		b = append(b, `,"via":`...)
		b = in.Via.AppendJSON(b)
	}
	if len(in.Parts) > 0 {
		b = append(b, `,"parts":[`...)
		for i := range in.Parts {
			if i > 0 {
				b = append(b, ',')
			}
			b = in.Parts[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func field(b []byte, first *bool, key, value string) []byte {
	if value == "" {
		return b
	}
	return fieldAlways(b, first, key, value)
}

func fieldAlways(b []byte, first *bool, key, value string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `":`...)
	return AppendJSONString(b, value)
}

// AppendJSONString appends s as a JSON string that is also safe in a
// script: quotes, backslashes, control characters, <, > and &, and the
// line and paragraph separators escaped; runs of other bytes are copied
// as they are.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			esc = `\u00` + string(hex[c>>4]) + string(hex[c&0xf])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			esc = `\u202` + string(hex[s[i+2]&0xf])
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		if c == 0xe2 {
			i += 2
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
