package diff

import (
	"sort"
	"strconv"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/explain"
	"planbook/generator/plan"
)

// Edit is a value written differently in the new plan's files than in the
// old's (planbook.toml, content/plan.toml, the region files and the
// roster): an input of the plan that changed. The figures it moved follow
// from it through their own rows (see explain.Input.Own).
type Edit struct {
	ID     string // the value's name in both versions: "content/regions/east.toml:share"
	File   string
	Line   int    // in the new version; the old one for a value removed
	Key    string // the key as written: "share", "seasonality.quarters[3]", "p003.start"
	Status Status
	// Old and New are the value as written; "" on the side that does
	// not have it.
	Old, New string
	Figures  []string // the value keys of the figures it moved, in report order
}

// The reasons a figure moved although none of its own inputs was edited.
const (
	FreeRows   = "free-rows"  // the fixed rows changed what the free rows of a table share
	Shares     = "shares"     // the other members' weights or proposals changed its share
	Rounding   = "rounding"   // its exact value stayed; the rounding of its table moved a unit
	Capacities = "capacities" // the team's people changed what each one's capacity is worth
	Follows    = "follows"    // it follows from other moved figures
)

// KnockOn is a group of figures that moved for one reason although none
// of their own inputs was edited.
type KnockOn struct {
	Reason string
	// Entities are the regions, product lines, teams… the figures belong
	// to, by name, in report order; TargetsSame says none of their
	// targets moved.
	Entities    []string
	TargetsSame bool
	Figures     []string
}

// edits returns what was written differently in a's and b's files, in
// file and line order.
func edits(a, b *plan.Plan) []*Edit {
	differs := func(file string) bool {
		ta, okA := a.Sources[file]
		tb, okB := b.Sources[file]
		return okA != okB || ta != tb
	}
	old, new := a.WrittenValuesOf(differs), b.WrittenValuesOf(differs)
	var out []*Edit
	for id, nv := range new {
		ov, ok := old[id]
		switch {
		case !ok && nv.Text != "": // an empty cell of a row added is no value
			out = append(out, &Edit{ID: id, File: nv.Pos.File, Line: nv.Pos.Line, Status: Added, New: nv.Text})
		case ov.Text != nv.Text:
			out = append(out, &Edit{ID: id, File: nv.Pos.File, Line: nv.Pos.Line, Status: Changed, Old: ov.Text, New: nv.Text})
		}
	}
	for id, ov := range old {
		if _, ok := new[id]; !ok && ov.Text != "" {
			out = append(out, &Edit{ID: id, File: ov.Pos.File, Line: ov.Pos.Line, Status: Removed, Old: ov.Text})
		}
	}
	for _, e := range out {
		e.Key = editKey(e.ID)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// editKey writes the key of a value as a reader finds it in the file: an
// element of an array by its place from 1, "seasonality.quarters[3]".
func editKey(id string) string {
	_, path, _ := strings.Cut(id, ":")
	parts := strings.Split(path, ".")
	out := parts[:0:0]
	for _, p := range parts {
		if k, err := strconv.Atoi(p); err == nil && len(out) > 0 {
			out[len(out)-1] += "[" + strconv.Itoa(k+1) + "]"
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}

// cause is what a figure's moving follows from: the edits reached through
// its own inputs. Those reached only through the rows around it (the free
// rows' totals a free row shares by, the weights of a whole list) make no
// cause of it, and are not followed: two plans that differ everywhere
// would have every figure reach every edit that way.
type cause struct{ own map[string]bool }

func newCause() *cause { return &cause{own: map[string]bool{}} }

// add adds the causes of an input of the figure, when it is the figure's
// own.
func (c *cause) add(o *cause, own bool) {
	if !own {
		return
	}
	for id := range o.own {
		c.own[id] = true
	}
}

// tracer follows moved figures back through their derivations, in both
// versions, to the edits they come from.
type tracer struct {
	ea, eb   *explain.Explainer
	edited   map[string]bool
	figures  map[string]*cause
	inputs   map[*explain.Input]*cause // a shared input's causes, as if own
	visiting map[string]bool
	reasons  map[string]string
}

func newTracer(a, b *compute.Result, edits []*Edit) *tracer {
	t := &tracer{ea: explain.New(a, true), eb: explain.New(b, true), edited: map[string]bool{},
		figures: map[string]*cause{}, inputs: map[*explain.Input]*cause{}, visiting: map[string]bool{}, reasons: map[string]string{}}
	for _, e := range edits {
		t.edited[e.ID] = true
	}
	return t
}

// trace returns the causes of the figure at key.
func (t *tracer) trace(key string) *cause {
	if c, ok := t.figures[key]; ok {
		return c
	}
	c := newCause()
	if t.visiting[key] {
		return c
	}
	t.visiting[key] = true
	for _, e := range []*explain.Explainer{t.eb, t.ea} {
		if d, err := e.Of(key); err == nil {
			for _, in := range d.Inputs {
				if in.Own {
					c.add(t.input(in), true)
				}
			}
		}
	}
	t.figures[key] = c
	return c
}

// input returns the causes of an input, as if it were the figure's own.
func (t *tracer) input(in *explain.Input) *cause {
	if c, ok := t.inputs[in]; ok {
		return c
	}
	c := newCause()
	switch {
	case in.Source != nil:
		if t.edited[in.Source.ID] {
			c.own[in.Source.ID] = true
		}
	case in.Key != "" && t.moved(in.Key, in.Before):
		c.add(t.trace(in.Key), true)
	}
	for _, p := range in.Parts {
		if p.Own {
			c.add(t.input(p), true)
		}
	}
	if in.Via != nil {
		for _, x := range in.Via.Inputs {
			if x.Own {
				c.add(t.input(x), true)
			}
		}
	}
	t.inputs[in] = c
	return c
}

// moved reports whether the figure at key differs between the versions:
// its exact value before rounding, when before is set. Only the figures
// followed are derived: a diff of a few edits derives a few.
func (t *tracer) moved(key string, before bool) bool {
	da, errA := t.ea.Of(key)
	db, errB := t.eb.Of(key)
	switch {
	case errA != nil || errB != nil:
		return before || (errA == nil) != (errB == nil)
	case before:
		return !sameRat(da.Exact, db.Exact)
	}
	return da.Text != db.Text || !sameRat(da.Value, db.Value)
}

// reason says why a figure none of whose own inputs was edited moved:
// by its own rule (a free row, a member of a list split by weight…), or
// else for the reason its own inputs that moved did.
func (t *tracer) reason(key string) string {
	if r, ok := t.reasons[key]; ok {
		return r
	}
	t.reasons[key] = Follows // a guard; derivations do not loop
	r := t.ownReason(key)
	t.reasons[key] = r
	return r
}

func (t *tracer) ownReason(key string) string {
	db, err := t.eb.Of(key)
	if err != nil {
		return Follows
	}
	if da, err := t.ea.Of(key); err == nil && da.Exact != nil && db.Exact != nil && da.Exact.Cmp(db.Exact) == 0 {
		return Rounding
	}
	// The reason of its own inputs that moved, when they have one: a
	// person's quota follows their region's months, which a free row's
	// moved.
	var found string
	var walk func(in *explain.Input)
	walk = func(in *explain.Input) {
		if found != "" || !in.Own {
			return
		}
		if in.Key != "" && t.moved(in.Key, in.Before) {
			if r := t.reason(in.Key); r != Follows {
				found = r
			}
		}
		for _, p := range in.Parts {
			walk(p)
		}
		if in.Via != nil {
			for _, x := range in.Via.Inputs {
				walk(x)
			}
		}
	}
	for _, in := range db.Inputs {
		walk(in)
	}
	switch {
	case found != "":
		return found
	case db.Rule == explain.FreeRow:
		return FreeRows
	case db.Rule == explain.SplitWeight, db.Rule == explain.SplitGrowth, db.Rule == explain.ShareRatio:
		return Shares
	case db.Rule == explain.Quota, db.Rule == explain.QuotaMonth:
		return Capacities
	}
	return Follows
}

// attribute finds the edits between the two plans and gives every moved
// figure of the report its causes: the edits it follows from through its
// own inputs, or, when there are none, the reason it moved all the same.
func (c *comparer) attribute(rep *Report) {
	rep.Edits = edits(c.a.Plan, c.b.Plan)
	if len(rep.Edits) == 0 {
		return
	}
	t := newTracer(c.a, c.b, rep.Edits)
	rep.names, rep.explainer = names(c.b, c.l.T("diff.channel-totals")), t.eb
	byID := map[string]*Edit{}
	for _, e := range rep.Edits {
		byID[e.ID] = e
	}
	knock := map[string]*KnockOn{}
	var reasons []string
	for _, s := range rep.Sections {
		for i := range s.Items {
			it := &s.Items[i]
			if it.Status != Changed || !t.moved(it.Key, false) {
				continue // not a figure of plan.json, or an entry added or removed
			}
			cs := t.trace(it.Key)
			for id := range cs.own {
				it.Causes = append(it.Causes, id)
				byID[id].Figures = append(byID[id].Figures, it.Key)
			}
			sort.Strings(it.Causes)
			if len(it.Causes) > 0 {
				continue
			}
			it.KnockOn = t.reason(it.Key)
			k := knock[it.KnockOn]
			if k == nil {
				k = &KnockOn{Reason: it.KnockOn, TargetsSame: true}
				knock[it.KnockOn] = k
				reasons = append(reasons, it.KnockOn)
			}
			k.Figures = append(k.Figures, it.Key)
		}
	}
	for _, r := range reasons {
		k := knock[r]
		k.Entities, k.TargetsSame = rep.entities(k.Figures, t)
		rep.KnockOns = append(rep.KnockOns, k)
	}
}

// entities returns the names of what the figures at keys belong to, in
// order, and whether none of their targets moved.
func (r *Report) entities(keys []string, t *tracer) ([]string, bool) {
	var names []string
	seen := map[string]bool{}
	same := true
	named := map[string]bool{}
	for _, key := range keys {
		prefix, name := r.entity(key)
		if seen[prefix] {
			continue
		}
		seen[prefix] = true
		if !named[name] { // a region without teams is its own team, of its name
			named[name] = true
			names = append(names, name)
		}
		if target := prefix + ".target"; prefix != "" && t.moved(target, false) {
			same = false
		}
	}
	return names, same
}

// names returns the names of the entries of plan b by their value keys:
// what the report names figures after. A person's figures are named after
// their team (people are many; a team holds a few).
func names(b *compute.Result, channelTotals string) map[string]string {
	names := map[string]string{}
	for _, r := range b.Regions {
		names["regions."+r.ID] = r.Name
	}
	for _, p := range b.Products {
		names["products."+p.ID] = p.Name
	}
	for _, cu := range b.Customers {
		names["customers."+cu.ID] = cu.Name
	}
	for _, tm := range b.Teams {
		name := tm.Region.Name
		if !tm.Implicit() {
			name = label(tm.Region.Name, tm.Name)
		}
		names["teams."+tm.Region.ID+"."+tm.ID] = name
	}
	for _, ps := range b.People {
		names["people."+ps.ID] = "teams." + ps.Team.Region.ID + "." + ps.Team.ID // the team's key
	}
	names["channels"] = channelTotals
	return names
}

// entity returns the value key of what the figure at key belongs to
// ("regions.south", a person's team; "" for the company) and its name.
func (r *Report) entity(key string) (string, string) {
	parts := strings.SplitN(key, ".", 4)
	if parts[0] == "people" && len(parts) > 1 {
		if team, ok := r.names["people."+parts[1]]; ok {
			return team, r.names[team]
		}
	}
	for n := 3; n >= 1; n-- {
		if len(parts) >= n {
			prefix := strings.Join(parts[:n], ".")
			if name, ok := r.names[prefix]; ok {
				return prefix, name
			}
		}
	}
	return "", r.Lang.T("diff.company")
}

// labels names the figure at key: "East · Q3".
func (r *Report) labels(key string) string {
	if r.explainer == nil {
		return key
	}
	return r.explainer.Label(key, r.Lang)
}
