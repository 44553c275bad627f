package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"

	"planbook/generator/explain"
)

// explainPath is the file of the explanations of a page's figures, beside
// it: regions/east/index.html → regions/east/index.explain.js.
func explainPath(page string) string { return strings.TrimSuffix(page, ".html") + ".explain.js" }

// explainFile returns the explanations of the figures a rendered page
// shows (its elements with data-k), as a script that hands them to
// planbook.explained: the page's script loads it with a script element
// when a figure is first asked about, which works on a server and opened
// from disk alike (a page read from disk may not fetch a file), under the
// pages' security policy. nil for a page without figures. Made again only
// when the plan's inputs or the page's figures changed.
func (rd *siteRenderer) explainFile(name string, page []byte) []byte {
	keys := pageKeys(page)
	if len(keys) == 0 {
		return nil
	}
	var key [sha256.Size]byte
	if rd.opts.Cache != nil {
		base := rd.explainBase()
		h := sha256.New()
		h.Write(base[:])
		h.Write([]byte(name + "\x00" + strings.Join(keys, "\x00")))
		copy(key[:], h.Sum(nil))
		if data, ok := rd.opts.Cache.get(name, key); ok {
			return data
		}
	}
	o := explain.WordsOptions{Private: !rd.r.ShowsPeople(), Shallow: true}
	b := make([]byte, 0, 400*len(keys))
	b = append(b, "planbook.explained({"...)
	n := 0
	for _, k := range keys {
		d, err := rd.explain.Of(k)
		if err != nil {
			continue // a figure planbook does not explain
		}
		w := rd.explain.Words(d, rd.lang, o)
		w.Key = ""
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = explain.AppendJSONString(b, k)
		b = append(b, ':')
		b = w.AppendJSON(b)
	}
	b = append(b, "});\n"...)
	rd.opts.Cache.keep(name, key, b)
	return b
}

// explainBase hashes what the explanations of a site's figures are made
// from: the language and every value written in the files the figures
// come from, with its place, but for the texts no explanation quotes (a
// manager, a stage, the promotions and other items). Editing a region's
// manager in planbook serve then keeps every page's explanations; editing
// a share makes them again (knock-on effects reach other regions' rows).
func (rd *siteRenderer) explainBase() [sha256.Size]byte {
	return rd.explainKey.get(struct{}{}, func() [sha256.Size]byte {
		values := rd.r.Plan.WrittenValues()
		ids := make([]string, 0, len(values))
		for id := range values {
			if !unexplained(id) {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		h := sha256.New()
		h.Write([]byte(rd.lang + "\x00"))
		for _, id := range ids {
			v := values[id]
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00", id, v.Pos.Line, v.Pos.Col, v.Text)
		}
		var sum [sha256.Size]byte
		copy(sum[:], h.Sum(nil))
		return sum
	})
}

// unexplained reports whether a written value (by its ID) is one no
// explanation of a figure quotes.
func unexplained(id string) bool {
	_, path, _ := strings.Cut(id, ":")
	for _, items := range []string{"promotions.", "trainings.", "milestones."} {
		if strings.HasPrefix(path, items) {
			return true
		}
	}
	last := path[strings.LastIndexByte(path, '.')+1:]
	return last == "manager" || last == "stage" || last == "class" || last == "role" || last == "title"
}

// pageKeys returns the value keys a page's figures name in data-k, sorted.
func pageKeys(page []byte) []string {
	const attr = ` data-k="`
	seen := map[string]bool{}
	for {
		i := bytes.Index(page, []byte(attr))
		if i < 0 {
			break
		}
		page = page[i+len(attr):]
		j := bytes.IndexByte(page, '"')
		if j < 0 {
			break
		}
		seen[string(page[:j])] = true
		page = page[j:]
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
