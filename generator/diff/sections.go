package diff

import (
	"fmt"
	"math/big"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/plan"
)

// The tiers order a section's items: an entry's main figures first, then
// quarters, months and the cells of the two-way tables.
const (
	tierMain = iota
	tierQuarter
	tierMonth
	tierCell
)

// month labels fiscal month i of the new plan: "Mar 2024", "2024年3月".
func (c *comparer) month(i int) string {
	y, m := c.b.Plan.MonthOf(i)
	if c.l == "en" {
		return fmt.Sprintf("%s %d", c.l.Month(m), y)
	}
	return fmt.Sprintf("%d年%s", y, c.l.Month(m))
}

func (c *comparer) regionPairs() []pair[*compute.Region] {
	return pairUp(c.a.Regions, c.b.Regions, func(x *compute.Region) string { return x.ID }, nil)
}

func productIndex(ps []*compute.Product, id string) int {
	for i, p := range ps {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func (c *comparer) promotions() {
	l := c.l
	dates := func(p *plan.Promotion) string { return p.Start.String() + " – " + p.End.String() }
	for _, p := range pairUp(c.a.Plan.Promotions, c.b.Plan.Promotions, func(x *plan.Promotion) string { return x.ID }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.textEntry("promotions."+b.ID, b.Name, true, dates(b))
			continue
		case !p.hasB:
			c.textEntry("promotions."+a.ID, a.Name, false, dates(a))
			continue
		}
		key, lab := "promotions."+b.ID, func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".name", lab("field.name"), a.Name, b.Name)
		c.text(tierMain, key+".start", lab("field.start"), a.Start.String(), b.Start.String())
		c.text(tierMain, key+".end", lab("field.end"), a.End.String(), b.End.String())
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
		c.text(tierMain, key+".products", lab("field.products"), c.productNames(c.a, a.Products), c.productNames(c.b, b.Products))
		c.figure(Item{Key: key + ".budget", Label: lab("field.budget"), Kind: Amount, Old: a.Budget, New: b.Budget})
		c.figure(Item{Key: key + ".expected", Label: lab("field.expected"), Kind: Amount, Old: a.Expected, New: b.Expected})
	}
}

// trainings matches trainings by topic and date, then a training whose
// date moved by its topic alone.
func (c *comparer) trainings() {
	l := c.l
	topic := func(x *plan.Training) string { return x.Topic }
	exact := func(x *plan.Training) string { return x.Topic + "@" + x.Date.String() }
	for _, p := range pairUp(c.a.Plan.Trainings, c.b.Plan.Trainings, exact, topic) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.textEntry("trainings."+exact(b), b.Topic, true, b.Date.String())
			continue
		case !p.hasB:
			c.textEntry("trainings."+exact(a), a.Topic, false, a.Date.String())
			continue
		}
		key, lab := "trainings."+exact(b), func(f string) string { return label(b.Topic, l.T(f)) }
		c.text(tierMain, key+".date", lab("field.date"), a.Date.String(), b.Date.String())
		c.figure(Item{Key: key + ".hours", Label: lab("field.hours"), Kind: Quantity, Unit: l.T("diff.hours"), Old: a.Hours, New: b.Hours})
		c.text(tierMain, key+".owner", lab("field.owner"), a.Owner, b.Owner)
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
}

// milestones matches milestones by name and date, then a milestone whose
// date moved by its name alone.
func (c *comparer) milestones() {
	l := c.l
	name := func(x *plan.Milestone) string { return x.Name }
	exact := func(x *plan.Milestone) string { return x.Name + "@" + x.Date.String() }
	for _, p := range pairUp(c.a.Plan.Milestones, c.b.Plan.Milestones, exact, name) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.textEntry("milestones."+exact(b), b.Name, true, b.Date.String())
			continue
		case !p.hasB:
			c.textEntry("milestones."+exact(a), a.Name, false, a.Date.String())
			continue
		}
		key, lab := "milestones."+exact(b), func(f string) string { return label(b.Name, l.T(f)) }
		c.text(tierMain, key+".date", lab("field.date"), a.Date.String(), b.Date.String())
		c.text(tierMain, key+".owner", lab("field.owner"), a.Owner, b.Owner)
		c.text(tierMain, key+".regions", lab("field.regions"), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
}

// pages compares the narrative pages, matched by slug, and the region
// narratives, matched by region.
func (c *comparer) pages() {
	l := c.l
	for _, p := range pairUp(c.a.Plan.Pages, c.b.Plan.Pages, func(x *plan.Page) string { return x.Slug }, nil) {
		a, b := p.a, p.b
		switch {
		case !p.hasA:
			c.textEntry("pages."+b.Slug, b.Title, true, b.File)
			continue
		case !p.hasB:
			c.textEntry("pages."+a.Slug, a.Title, false, a.File)
			continue
		}
		key := "pages." + b.Slug
		c.text(tierMain, key+".title", label(b.Title, l.T("field.title")), a.Title, b.Title)
		c.body(key+".text", label(b.Title, l.T("field.text")), a.Body, b.Body)
		c.text(tierMain, key+".regions", label(b.Title, l.T("field.regions")), c.regionNames(c.a, a.Regions), c.regionNames(c.b, b.Regions))
	}
	for _, rp := range c.regionPairs() {
		if !rp.hasA || !rp.hasB {
			continue
		}
		a, b := rp.a.Narrative, rp.b.Narrative
		key, name := "regions."+rp.b.ID+".narrative", label(rp.b.Name, l.T("field.narrative"))
		switch {
		case a == nil && b == nil:
		case a == nil:
			c.textEntry(key, name, true, b.File)
		case b == nil:
			c.textEntry(key, name, false, a.File)
		default:
			c.text(tierMain, key+".title", label(name, l.T("field.title")), a.Title, b.Title)
			c.body(key+".text", label(name, l.T("field.text")), a.Body, b.Body)
		}
	}
}

// body adds the change of a page's text, counted in lines.
func (c *comparer) body(key, label, old, new string) {
	a, b := lines(old), lines(new)
	common := lcs(a, b)
	if common == len(a) && common == len(b) {
		return
	}
	c.add(Item{Key: key, Label: label, Kind: Lines, Status: Changed,
		Old: big.NewRat(int64(len(a)), 1), New: big.NewRat(int64(len(b)), 1),
		LinesAdded: len(b) - common, LinesRemoved: len(a) - common})
}

// lines splits a text into lines; a change of line endings alone is no
// change.
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// maxLCS bounds the work of lcs; longer texts are compared as multisets
// of lines, which counts a moved line as unchanged.
const maxLCS = 16 << 20

// lcs returns the length of the longest common subsequence of two lists
// of lines.
func lcs(a, b []string) int {
	if len(a)*len(b) > maxLCS {
		seen := map[string]int{}
		for _, s := range a {
			seen[s]++
		}
		n := 0
		for _, s := range b {
			if seen[s] > 0 {
				seen[s]--
				n++
			}
		}
		return n
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// regionNames lists regions by name, in the language's list style; an
// empty list is all regions.
func (c *comparer) regionNames(r *compute.Result, ids []string) string {
	if len(ids) == 0 {
		return c.l.T("diff.all-regions")
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if reg := r.Plan.Region(id); reg != nil {
			names[i] = reg.Name
		}
	}
	return c.join(names)
}

func (c *comparer) productNames(r *compute.Result, ids []string) string {
	if len(ids) == 0 {
		return c.l.T("diff.all-products")
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if j := productIndex(r.Products, id); j >= 0 {
			names[i] = r.Products[j].Name
		}
	}
	return c.join(names)
}

func (c *comparer) join(names []string) string {
	if c.l == "en" {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}
