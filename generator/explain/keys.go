package explain

import (
	"fmt"
	"strconv"
	"strings"

	"planbook/generator/data"
)

// ref is a resolved value key: its pattern (entries as "*") and the
// positions of the entries it names, in order.
type ref struct {
	key   string
	parts []string // key's parts, split at the dots
	rule  deriver  // the deriver of its pattern (see derivers)
	ix    []int
}

func (r ref) derive(e *Explainer) *Derivation {
	if r.rule == nil {
		panic("explain: no rule for " + r.key)
	}
	return r.rule(e, r.ix)
}

// index finds the entries of the plan's lists by their ids.
type index struct {
	products, customers, regions, channels, kpis, teams, people map[string]int
	regionChannels                                              []map[string]int
}

// ids returns the index of the plan's lists, made once: what words and
// derivations look keys up in, from any goroutine.
func (e *Explainer) ids() *index {
	e.indexOnce.Do(e.makeIndex)
	return e.index
}

func (e *Explainer) makeIndex() {
	r := e.r
	x := &index{
		products: map[string]int{}, customers: map[string]int{}, regions: map[string]int{},
		channels: map[string]int{}, kpis: map[string]int{}, teams: map[string]int{}, people: map[string]int{},
	}
	for i, v := range r.Products {
		x.products[v.ID] = i
	}
	for i, v := range r.Customers {
		x.customers[v.ID] = i
	}
	for i, v := range r.Regions {
		x.regions[v.ID] = i
		m := map[string]int{}
		for j, ch := range v.Channels {
			m[ch.ID] = j
		}
		x.regionChannels = append(x.regionChannels, m)
	}
	for i, v := range r.Channels {
		x.channels[v.ID] = i
	}
	for i, v := range e.p.KPIs {
		x.kpis[v.ID] = i
	}
	for i, t := range r.Teams {
		x.teams[t.Region.ID+"."+t.ID] = i
	}
	if e.people {
		for i, ps := range r.People {
			x.people[ps.ID] = i
		}
	}
	e.index = x
}

// The fields of the entries of each list of plan.json that are leaves.
var (
	productFields  = fieldSet("id", "name", "class", "target", "share", "baseline", "growth")
	customerFields = fieldSet("id", "name", "target", "share", "count", "per_customer")
	regionFields   = fieldSet("id", "name", "stage", "headcount", "target", "share", "baseline", "growth", "per_head", "overassign")
	channelFields  = fieldSet("id", "name", "stage", "target", "share")
	totalFields    = fieldSet("id", "name", "target")
	teamFields     = fieldSet("region", "id", "name", "manager", "target", "overassign", "assigned", "people")
	personFields   = fieldSet("id", "name", "region", "team", "role", "start", "end", "weight", "quota")
	kpiFields      = fieldSet("id", "name", "baseline", "target")
	checkFields    = fieldSet("level", "code", "message")
	topFields      = fieldSet("title", "year", "currency", "unit", "precision", "fiscal_start", "target", "growth")
)

func fieldSet(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// resolve finds the figure a value key names. A key that names nothing
// gets the error of data.Lookup, which says what it could have been.
func (e *Explainer) resolve(key string) (ref, error) {
	parts := strings.Split(key, ".")
	if r, ok := e.parse(parts); ok {
		r.key, r.parts = key, parts
		return r, nil
	}
	if _, err := data.Lookup(e.Tree(), key); err != nil {
		return ref{}, err
	}
	return ref{}, fmt.Errorf("value key %q names a figure planbook cannot explain", key)
}

// parse resolves the parts of a key; ok is false when they name nothing.
func (e *Explainer) parse(parts []string) (ref, bool) {
	x := e.ids()
	n := len(parts)
	at := func(m map[string]int, i int) (int, bool) {
		if i >= n {
			return 0, false
		}
		k, ok := m[parts[i]]
		return k, ok
	}
	switch top := parts[0]; {
	case n == 1 && topFields[top]:
		return ref{rule: derivers[top]}, true
	case top == "baseline" && n == 2 && (parts[1] == "year" || parts[1] == "revenue" || parts[1] == "headcount"),
		top == "per_head" && n == 2 && (parts[1] == "baseline" || parts[1] == "target" || parts[1] == "growth"):
		return ref{rule: derivers[top+"."+parts[1]]}, true
	case top == "quarters" || top == "months":
		if k, ok := position(top, parts[1:]); ok && n == 2 {
			return ref{rule: derivers[top+".*"], ix: []int{k}}, true
		}
	case top == "products":
		if i, ok := at(x.products, 1); ok {
			return entryRef("products", []int{i}, parts[2:], productFields, "quarters", "months")
		}
	case top == "customers":
		if i, ok := at(x.customers, 1); ok {
			return entryRef("customers", []int{i}, parts[2:], customerFields)
		}
	case top == "regions":
		if i, ok := at(x.regions, 1); ok {
			return e.regionRef(i, parts[2:])
		}
	case top == "channels":
		if i, ok := at(x.channels, 1); ok {
			return entryRef("channels", []int{i}, parts[2:], totalFields)
		}
	case top == "kpis":
		if i, ok := at(x.kpis, 1); ok {
			return entryRef("kpis", []int{i}, parts[2:], kpiFields)
		}
	case top == "teams" && n >= 3:
		if i, ok := x.teams[parts[1]+"."+parts[2]]; ok {
			return entryRef("teams", []int{i}, parts[3:], teamFields)
		}
	case top == "people":
		if i, ok := at(x.people, 1); ok {
			return entryRef("people", []int{i}, parts[2:], personFields, "quarters", "months")
		}
	case top == "checks" && n >= 2:
		if i, err := strconv.Atoi(parts[1]); err == nil && i >= 1 && i <= len(e.checks()) {
			return entryRef("checks", []int{i - 1}, parts[2:], checkFields)
		}
	}
	return ref{}, false
}

// entryRef resolves the rest of a key inside an entry of a list: one of
// its fields, or an entry of one of its lists of quarters or months.
func entryRef(list string, ix []int, rest []string, fields map[string]bool, lists ...string) (ref, bool) {
	switch {
	case len(rest) == 1 && fields[rest[0]]:
		return ref{rule: derivers[list+".*."+rest[0]], ix: ix}, true
	case len(rest) == 2:
		for _, l := range lists {
			if rest[0] == l {
				if k, ok := position(l, rest[1:]); ok {
					return ref{rule: derivers[list+".*."+l+".*"], ix: append(ix, k)}, true
				}
			}
		}
	}
	return ref{}, false
}

// regionRef resolves the rest of a key inside region i.
func (e *Explainer) regionRef(i int, rest []string) (ref, bool) {
	x, r := e.ids(), e.r
	if len(rest) == 3 && rest[0] == "channels" {
		if j, ok := x.regionChannels[i][rest[1]]; ok && channelFields[rest[2]] {
			return ref{rule: derivers["regions.*.channels.*."+rest[2]], ix: []int{i, j}}, true
		}
		return ref{}, false
	}
	if len(rest) == 2 && rest[0] == "products" {
		if j, ok := x.products[rest[1]]; ok {
			return ref{rule: derivers["regions.*.products.*"], ix: []int{i, j}}, true
		}
		return ref{}, false
	}
	if len(rest) == 2 && rest[0] == "customers" {
		if j, ok := x.customers[rest[1]]; ok && j < len(r.Regions[i].Customers) {
			return ref{rule: derivers["regions.*.customers.*"], ix: []int{i, j}}, true
		}
		return ref{}, false
	}
	return entryRef("regions", []int{i}, rest, regionFields, "quarters", "months", "coverage")
}

// position reads the entry of a list of quarters or months: "q3" or "3"
// for quarters, "m7" or "7" for months (and coverage), from 1.
func position(list string, rest []string) (int, bool) {
	if len(rest) != 1 {
		return 0, false
	}
	s, n := rest[0], 12
	prefix := "m"
	if list == "quarters" {
		prefix, n = "q", 4
	}
	s = strings.TrimPrefix(s, prefix)
	k, err := strconv.Atoi(s)
	if err != nil || k < 1 || k > n || strconv.Itoa(k) != s {
		return 0, false
	}
	return k - 1, true
}

// Keys returns every value key e explains, in the order of plan.json.
func (e *Explainer) Keys() []string {
	var keys []string
	var walk func(key, field string, v data.Value)
	walk = func(key, field string, v data.Value) {
		switch x := v.(type) {
		case data.Leaf:
			keys = append(keys, key)
		case data.Object:
			for _, f := range x {
				walk(joinKey(key, f.Key), f.Key, f.Value)
			}
		case data.List:
			for i, item := range x {
				walk(joinKey(key, data.EntryKey(field, x, i)), "", item)
			}
		}
	}
	walk("", "", e.Tree())
	return keys
}

func joinKey(key, part string) string {
	if key == "" {
		return part
	}
	return key + "." + part
}
