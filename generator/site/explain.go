package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
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
	h := sha256.New()
	h.Write(rd.base[:])
	h.Write([]byte(rd.r.Plan.Sources["planbook.toml"] + "\x00" + name + "\x00" + strings.Join(keys, "\x00")))
	var key [sha256.Size]byte
	copy(key[:], h.Sum(nil))
	if data, ok := rd.opts.Cache.get(name, key); ok {
		return data
	}
	o := explain.WordsOptions{Private: !(rd.r.Plan.Config.PeoplePages && rd.r.Plan.Roster != nil)}
	out := map[string]*explain.Words{}
	for _, k := range keys {
		d, err := rd.explain.Of(k)
		if err != nil {
			continue // a figure planbook does not explain
		}
		w := rd.explain.Words(d, rd.lang, o)
		w.Key = ""
		out[k] = w
	}
	var b bytes.Buffer
	b.WriteString("planbook.explained(")
	enc := json.NewEncoder(&b) // sorted keys; <, > and & escaped
	enc.Encode(out)
	b.Truncate(b.Len() - 1)
	b.WriteString(");\n")
	rd.opts.Cache.keep(name, key, b.Bytes())
	return b.Bytes()
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
