// Package diff compares two computed plans and reports what moved: every
// figure of plan.json (the annual target and its growth, quarters and
// months, product lines, regions, channels, customer types, KPIs, and any
// list plan.json gains), compared leaf by leaf in the data tree, then
// promotions, trainings, milestones, narrative pages and actual results.
// Markdown and JSON write the report for a pull-request comment and for
// programs; the site shows it as a page.
//
// It is pure: it takes two computed plans and returns a value. It reads no
// files and runs no git; finding the two plans is the caller's business.
package diff

import (
	"math/big"
	"sort"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/explain"
	"planbook/generator/i18n"
)

// Report is the comparison of two computed plans. Its labels are in the
// language of the new plan.
type Report struct {
	Lang i18n.Lang
	Unit string // the new plan's unit, for amounts
	// From and To say what was compared ("HEAD~1 (1a2b3c4)", "."); the
	// caller sets them, Compare leaves them empty.
	From, To string
	Target   Item       // the annual target, whether it changed or not
	Sections []*Section // the sections with changes, in a fixed order
	// Edits are the values written differently in the two versions'
	// files, each with the figures it moved; KnockOns group the figures
	// that moved although none of their own inputs was edited.
	Edits    []*Edit
	KnockOns []*KnockOn

	names     map[string]string // the new plan's entries by value key
	explainer *explain.Explainer
}

// Section is a group of changes under one heading.
type Section struct {
	ID    string // target, time, products, regions, channels, customers, kpis, promotions, trainings, milestones, pages
	Title string
	Items []Item
}

// Item is one change: a figure, a text, or an entry added or removed.
type Item struct {
	// Key names the item for programs. Figures use the value keys of
	// plan.json ("regions.east.share", "quarters.q3"); see docs/ci.md for
	// the keys of entries that plan.json does not hold.
	Key    string
	Label  string
	Kind   Kind
	Unit   string // the unit of a Quantity
	Status Status
	// Old and New are the figures (line counts for Lines); nil when a
	// side has none: the entry is added or removed, or the figure cannot
	// be computed (a growth without a baseline).
	Old, New *big.Rat
	// OldText and NewText are the values of a Text, and what an added or
	// removed promotion, training, milestone or page is.
	OldText, NewText string
	// LinesAdded and LinesRemoved say how the text of a page changed.
	LinesAdded, LinesRemoved int
	// Causes are the IDs of the edits a moved figure follows from through
	// its own inputs (see Edit); KnockOn, when it has none, the reason it
	// moved all the same (FreeRows, Shares, Rounding, Capacities,
	// Follows).
	Causes  []string
	KnockOn string

	tier int // order within a section: main figures, quarters, months, table cells
}

// Detail reports whether an item is a month or a cell of a two-way table:
// a figure that follows from the main ones, which the Markdown report
// folds away in a long section.
func (it Item) Detail() bool { return it.tier >= tierMonth }

// Kind says what an item's values are.
type Kind int

// The kinds of items.
const (
	Amount   Kind = iota // in the plan's unit
	Ratio                // a fraction; its change is in percentage points
	Count                // a whole number
	Quantity             // a number in its own Unit
	Text                 // a name, a date, a list
	Lines                // the text of a page: old and new line counts
)

var kindNames = [...]string{"amount", "ratio", "count", "quantity", "text", "lines"}

// String returns the kind's name as written in the JSON report.
func (k Kind) String() string { return kindNames[k] }

// Status says whether an item changed, or its entry was added or removed.
type Status string

// The statuses.
const (
	Changed Status = "changed"
	Added   Status = "added"
	Removed Status = "removed"
)

// Changes returns the number of changed items.
func (r *Report) Changes() int {
	n := 0
	for _, s := range r.Sections {
		n += len(s.Items)
	}
	return n
}

// Empty reports whether the two plans are the same.
func (r *Report) Empty() bool { return len(r.Sections) == 0 }

// Compare compares the computed plans a (old) and b (new) as their sites
// show them: people's quotas only where the new plan's site shows people
// (people_pages). The figures are compared leaf by leaf in their data
// trees (plan.json's), entries matched by id; promotions by id, pages by
// slug, region narratives by region, trainings and milestones by topic or
// name and date (see pairUp).
func Compare(a, b *compute.Result) *Report { return compare(a, b, data.Tree) }

// CompareForPlanner compares a and b as Compare does, with every person's
// quota whatever people_pages says: for planbook diff, whose readers
// review the plan's files, the roster among them.
func CompareForPlanner(a, b *compute.Result) *Report { return compare(a, b, data.PlannerTree) }

func compare(a, b *compute.Result, tree func(*compute.Result) data.Object) *Report {
	l := i18n.Lang(b.Plan.Config.Language)
	rep := &Report{Lang: l, Unit: b.Plan.Unit,
		Target: Item{Key: "target", Label: l.T("diff.sec.target"), Kind: Amount, Status: Changed, Old: a.Amount(a.Target), New: b.Amount(b.Target)}}
	c := &comparer{l: l, a: a, b: b, items: map[string][]Item{}}
	c.figures(planTree(a, tree), planTree(b, tree))
	for _, s := range []struct {
		id   string
		fill func()
	}{
		{"promotions", c.promotions}, {"trainings", c.trainings}, {"milestones", c.milestones},
		{"pages", c.pages}, {"actuals", c.actuals},
	} {
		c.section = s.id
		s.fill()
	}
	for _, id := range c.order() {
		items := c.items[id]
		sort.SliceStable(items, func(i, j int) bool { return items[i].tier < items[j].tier })
		rep.Sections = append(rep.Sections, &Section{ID: id, Title: l.T("diff.sec." + id), Items: items})
	}
	c.attribute(rep)
	return rep
}

// sections are the report's sections in their order. The figures of a
// list of plan.json that is not here (a list added later) get a section
// of their own, after the supporting targets (add the list here, and
// diff.sec.ID to the catalog, to place and name it).
var sections = []string{"target", "time", "products", "regions", "teams", "people", "channels", "customers", "kpis",
	"promotions", "trainings", "milestones", "pages", "actuals"}

// sectionRank returns the place of section id in sections, or -1.
func sectionRank(id string) int {
	for i, s := range sections {
		if s == id {
			return i
		}
	}
	return -1
}

// order returns the sections that have items, in the report's order.
func (c *comparer) order() []string {
	var out []string
	for id := range c.items {
		if len(c.items[id]) > 0 {
			out = append(out, id)
		}
	}
	rank := func(id string) int {
		if r := sectionRank(id); r >= 0 {
			return 2 * r
		}
		return 2*sectionRank("kpis") + 1
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}

// comparer collects the items of each section.
type comparer struct {
	l       i18n.Lang
	a, b    *compute.Result
	tb      data.Object // the new plan's data tree
	section string      // the section items are added to
	items   map[string][]Item
}

func (c *comparer) add(it Item) { c.items[c.section] = append(c.items[c.section], it) }

// figure adds it, a figure, when its old and new values differ.
func (c *comparer) figure(it Item) {
	if sameRat(it.Old, it.New) {
		return
	}
	it.Status = Changed
	c.add(it)
}

func (c *comparer) text(tier int, key, label, old, new string) {
	if old != new {
		c.add(Item{Key: key, Label: label, Kind: Text, Status: Changed, OldText: old, NewText: new, tier: tier})
	}
}

// entry adds an entry that only one side has; value is what it is (an
// amount for figures, a text otherwise) and unit its unit (a KPI's).
func (c *comparer) entry(key, label string, added bool, kind Kind, value *big.Rat, text, unit string) {
	it := Item{Key: key, Label: label, Kind: kind, Unit: unit, Status: Removed, Old: value, OldText: text}
	if added {
		it = Item{Key: key, Label: label, Kind: kind, Unit: unit, Status: Added, New: value, NewText: text}
	}
	c.add(it)
}

// textEntry adds a promotion, training, milestone or page that only one
// side has; text is what it is (its dates, its file).
func (c *comparer) textEntry(key, label string, added bool, text string) {
	c.entry(key, label, added, Text, nil, text, "")
}

func sameRat(a, b *big.Rat) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(b) == 0
}

// label joins the parts of an item's label: "East · Q1".
func label(parts ...string) string { return strings.Join(parts, " · ") }

// pair is an entry of the old plan and its namesake in the new one.
type pair[T any] struct {
	a, b       T
	hasA, hasB bool
}

// pairUp matches the entries of two lists: first by key (repeated keys
// match in order), then what is left by loose (when not nil), in order. It
// returns the pairs and added entries in the new list's order, then the
// removed entries in the old list's order.
func pairUp[T any](old, new []T, key, loose func(T) string) []pair[T] {
	used := make([]bool, len(old))
	match := make([]int, len(new))
	for j := range match {
		match[j] = -1
	}
	claim := func(f func(T) string) {
		if f == nil {
			return
		}
		for j, n := range new {
			if match[j] >= 0 {
				continue
			}
			for i, o := range old {
				if !used[i] && f(o) == f(n) {
					used[i], match[j] = true, i
					break
				}
			}
		}
	}
	claim(key)
	claim(loose)
	var out []pair[T]
	for j, n := range new {
		if i := match[j]; i >= 0 {
			out = append(out, pair[T]{a: old[i], b: n, hasA: true, hasB: true})
		} else {
			out = append(out, pair[T]{b: n, hasB: true})
		}
	}
	for i, o := range old {
		if !used[i] {
			out = append(out, pair[T]{a: o, hasA: true})
		}
	}
	return out
}
