package scope

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"planbook/generator/compute"
)

// word is a name or a value key that a site for some regions' audience
// must not show.
type word struct {
	text string
	// alone says the word counts only standing on its own, between
	// characters that are not letters or digits: a person's name, which
	// is often a word too (a seller called 高峰 is not named by 旺季高峰,
	// "peak season"; Li Na is not named by Li Nan). Planbook's pages set
	// a name apart in a table cell or between punctuation, so a leak by a
	// page of its own is still found.
	alone bool
}

// words makes words of texts.
func words(texts []string, alone bool) []word {
	out := make([]word, 0, len(texts))
	for _, t := range texts {
		out = append(out, word{t, alone})
	}
	return out
}

// hiddenWords returns the names of what the regions left out hold: their
// own names and managers, their teams' names and managers, and their
// people's names (alone), less those a kept region has too (two sellers
// called 王强 in two regions).
func hiddenWords(full *compute.Result, keep map[string]bool) []word {
	shown := map[string]bool{}
	var hidden []word
	names := func(reg *compute.Region) []word {
		out := []word{{reg.Name, false}, {reg.Manager, false}}
		for _, t := range reg.Teams {
			if !t.Implicit() {
				out = append(out, word{t.Name, false}, word{t.Manager, false})
			}
			for _, ps := range t.People {
				out = append(out, word{ps.Name, true})
			}
		}
		return out
	}
	for _, reg := range full.Regions {
		for _, w := range names(reg) {
			if keep[reg.ID] {
				shown[w.text] = true
			} else if strings.TrimSpace(w.text) != "" {
				hidden = append(hidden, w)
			}
		}
	}
	var out []word
	for _, w := range hidden {
		if !shown[w.text] {
			out = append(out, w)
		}
	}
	return out
}

// hiddenKeys returns the value keys that point at the teams and people of
// the regions left out: "teams.east.", "people.p001.".
func hiddenKeys(full *compute.Result, keep map[string]bool) []string {
	var out []string
	for _, reg := range full.Regions {
		if keep[reg.ID] {
			continue
		}
		out = append(out, "teams."+reg.ID+".")
		for _, t := range reg.Teams {
			for _, ps := range t.People {
				out = append(out, "people."+ps.ID+".")
			}
		}
	}
	return out
}

// matcher finds the first of many words in a text in one pass: a roster
// of thousands of names is searched for in every file of a site.
type matcher struct {
	// byPrefix holds the words by their first two bytes; a word of one
	// byte is kept under its byte and 0.
	byPrefix map[[2]byte][]word
	short    [256]bool // the first bytes of the one-byte words
	// starts marks the two-byte prefixes of the words (first byte × 256 +
	// second), which most positions of a text are not.
	starts [1 << 16]bool
}

func newMatcher(list []word) *matcher {
	m := &matcher{byPrefix: map[[2]byte][]word{}}
	alone := map[string]bool{}
	var texts []string
	for _, w := range list {
		if w.text == "" {
			continue
		}
		a, seen := alone[w.text]
		if !seen {
			texts = append(texts, w.text)
		}
		alone[w.text] = w.alone && (a || !seen) // alone only if every time alone
	}
	for _, t := range texts {
		k := [2]byte{t[0]}
		if len(t) > 1 {
			k[1] = t[1]
			m.starts[int(t[0])<<8|int(t[1])] = true
		} else {
			m.short[t[0]] = true
		}
		m.byPrefix[k] = append(m.byPrefix[k], word{t, alone[t]})
	}
	// The longest first, so that 王强强 is reported rather than 王强.
	for _, l := range m.byPrefix {
		sort.Slice(l, func(i, j int) bool { return len(l[i].text) > len(l[j].text) })
	}
	return m
}

// find returns the word found first in text and where; "" and -1 when
// there is none.
func (m *matcher) find(text []byte) (string, int) {
	if len(m.byPrefix) == 0 {
		return "", -1
	}
	for i := range text {
		if m.short[text[i]] {
			for _, w := range m.byPrefix[[2]byte{text[i]}] {
				if len(w.text) == 1 && (!w.alone || standsAlone(text, i, 1)) {
					return w.text, i
				}
			}
		}
		if i+1 >= len(text) || !m.starts[int(text[i])<<8|int(text[i+1])] {
			continue
		}
		for _, w := range m.byPrefix[[2]byte{text[i], text[i+1]}] {
			if len(text)-i >= len(w.text) && string(text[i:i+len(w.text)]) == w.text && (!w.alone || standsAlone(text, i, len(w.text))) {
				return w.text, i
			}
		}
	}
	return "", -1
}

// standsAlone reports whether the n bytes at i of text are neither
// preceded nor followed by a letter or digit.
func standsAlone(text []byte, i, n int) bool {
	if r, _ := utf8.DecodeLastRune(text[:i]); i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	if r, _ := utf8.DecodeRune(text[i+n:]); i+n < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return true
}
