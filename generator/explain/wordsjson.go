package explain

import (
	"bytes"
	"strconv"
)

// Pack is the words of the figures of a page as the site writes them in
// the file of explanations beside it, a script:
//
//	planbook.explained({"k":{KEY:[LABEL,VALUE,RULE,FORMULA,ROUNDING,[INPUT,…]],…},"s":[TEXT,…]});
//
// Each text is written once, in s, and named by its place there (0 is
// ""): the rules, the roles, the rows' totals and the labels of the
// inputs recur in many figures of a page. A rounding is a list of texts
// joined: its words, the same for every figure of a table, around the
// change it made. An input is [ROLE,VALUE,LABEL,WHERE,TEXT,VIA], VIA
// the formula of an intermediate value, its empty texts at the end left
// out. The words are those a popover shows; Words has them all.
type Pack struct {
	b     []byte         // "k" so far
	n     int            // figures in it
	texts []string       // s
	index map[string]int // place in texts
}

// NewPack returns an empty pack for about n figures.
func NewPack(n int) *Pack {
	p := &Pack{b: make([]byte, 0, 256*n+64), texts: make([]string, 1, 4*n+1), index: make(map[string]int, 4*n+1)}
	p.b = append(p.b, `planbook.explained({"k":{`...)
	p.index[""] = 0
	return p
}

// Add adds the words of the figure at key.
func (p *Pack) Add(key string, w *Words) {
	if p.n > 0 {
		p.b = append(p.b, ',')
	}
	p.n++
	p.b = AppendJSONString(p.b, key)
	p.b = append(p.b, ":["...)
	p.text(w.Label)
	p.b = append(p.b, ',')
	p.text(w.Value)
	p.b = append(p.b, ',')
	p.text(w.Rule)
	p.b = append(p.b, ',')
	p.text(w.Formula)
	p.b = append(p.b, ',')
	if c := w.change; c[1] > c[0] {
		p.b = append(p.b, '[')
		p.text(w.Rounding[:c[0]])
		p.b = append(p.b, ',')
		p.text(w.Rounding[c[0]:c[1]])
		p.b = append(p.b, ',')
		p.text(w.Rounding[c[1]:])
		p.b = append(p.b, ']')
	} else {
		p.text(w.Rounding)
	}
	p.b = append(p.b, ",["...)
	for i := range w.Inputs {
		if i > 0 {
			p.b = append(p.b, ',')
		}
		p.input(&w.Inputs[i])
	}
	p.b = append(p.b, "]]"...)
}

func (p *Pack) input(in *InputWords) {
	via := ""
	if in.Via != nil {
		via = in.Via.Formula
	}
	fields := [...]string{in.Role, in.Value, in.Label, in.Where, in.Text, via}
	n := len(fields)
	for n > 0 && fields[n-1] == "" {
		n--
	}
	p.b = append(p.b, '[')
	for i := range n {
		if i > 0 {
			p.b = append(p.b, ',')
		}
		p.text(fields[i])
	}
	p.b = append(p.b, ']')
}

// text writes the place of s in the texts, adding it when new.
func (p *Pack) text(s string) {
	i, ok := p.index[s]
	if !ok {
		i = len(p.texts)
		p.texts = append(p.texts, s)
		p.index[s] = i
	}
	p.b = strconv.AppendInt(p.b, int64(i), 10)
}

// Bytes returns the script, in a slice of its own length: a site holds
// thousands until they are written.
func (p *Pack) Bytes() []byte {
	p.b = append(p.b, `},"s":[`...)
	for i, s := range p.texts {
		if i > 0 {
			p.b = append(p.b, ',')
		}
		p.b = AppendJSONString(p.b, s)
	}
	p.b = append(p.b, "]});\n"...)
	return bytes.Clone(p.b)
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
