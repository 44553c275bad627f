package explain

import (
	"math/big"
	"strconv"
	"sync"

	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/plan"
)

// source returns the value written at path in file.
func (e *Explainer) source(file, path string) *Source {
	ps := e.positions(file)
	pos, ok := ps.Find(path)
	if !ok {
		pos = diag.Pos{File: file}
	}
	return &Source{ID: ps.ID(path), Pos: pos, Path: path}
}

func (e *Explainer) positions(file string) *plan.Positions {
	return e.files.get(file, e.p.Positions)
}

// recentFiles keeps where the keys of the files read last are written:
// the figures of a region are explained one after the other, each
// reading the region's file several times, and a site's regions are too
// many for the places of every file to be kept as long as they are
// explained. Safe for use by several goroutines.
type recentFiles struct {
	mu    sync.Mutex
	files map[string]*plan.Positions
	order []string // the files kept, the oldest first
}

// keptFiles is how many files recentFiles keeps.
const keptFiles = 32

// get returns the places of file's keys, read by positions when they are
// not kept.
func (c *recentFiles) get(file string, positions func(file string) *plan.Positions) *plan.Positions {
	c.mu.Lock()
	p, ok := c.files[file]
	c.mu.Unlock()
	if ok {
		return p
	}
	p = positions(file)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.files[file]; !ok {
		if c.files == nil {
			c.files = map[string]*plan.Positions{}
		}
		c.files[file] = p
		c.order = append(c.order, file)
		if len(c.order) > keptFiles {
			delete(c.files, c.order[0])
			c.order = c.order[1:]
		}
	}
	return p
}

// written returns an input written in a file.
func written(role Role, kind data.Kind, v *big.Rat, s *Source) *Input {
	return &Input{Role: role, Kind: kind, Value: v, Source: s, Own: true}
}

// writtenText returns a text input written in a file.
func writtenText(role Role, text string, s *Source) *Input {
	return &Input{Role: role, Kind: data.Text, Text: text, Source: s, Own: true}
}

// figure returns an input that is the figure at key (own to the figure
// that uses it).
func figure(role Role, kind data.Kind, v *big.Rat, key string) *Input {
	return &Input{Role: role, Kind: kind, Value: v, Key: key, Own: true}
}

// constant returns an input that is the format's default: a value no file
// sets.
func constant(role Role, kind data.Kind, v *big.Rat) *Input {
	return &Input{Role: role, Kind: kind, Value: v, Own: true,
		Via: &Derivation{Kind: kind, Rule: Default, Value: v, Inputs: []*Input{{Role: RoleValue, Kind: kind, Value: v}}}}
}

// via returns an input that is an intermediate value with its own
// derivation.
func via(role Role, d *Derivation) *Input {
	return &Input{Role: role, Kind: d.Kind, Value: d.Value, Via: d, Own: true}
}

// sum returns the sum of parts as an input.
func sum(role Role, kind data.Kind, parts []*Input, own bool) *Input {
	total := new(big.Rat)
	for _, p := range parts {
		if p.Value != nil {
			total.Add(total, p.Value)
		}
	}
	return &Input{Role: role, Kind: kind, Value: total, Parts: parts, Own: own}
}

// asWritten returns the derivation of a figure written in a file, or, when
// no file writes it (s is nil or found nowhere), of the format's default
// v (nil: none, null in plan.json).
func asWritten(kind data.Kind, v *big.Rat, s *Source) *Derivation {
	if s == nil || s.Pos.Line == 0 {
		return &Derivation{Kind: kind, Rule: Default, Value: v, Inputs: []*Input{{Role: RoleValue, Kind: kind, Value: v}}}
	}
	return &Derivation{Kind: kind, Rule: Written, Value: v, Inputs: []*Input{written(RoleValue, kind, v, s)}}
}

// textWritten returns the derivation of a text written in a file, or
// written nowhere (empty).
func textWritten(text string, s *Source) *Derivation {
	if s == nil || s.Pos.Line == 0 {
		return &Derivation{Kind: data.Text, Rule: Default, Text: text, Inputs: []*Input{{Role: RoleValue, Kind: data.Text, Text: text}}}
	}
	return &Derivation{Kind: data.Text, Rule: Written, Text: text, Inputs: []*Input{writtenText(RoleValue, text, s)}}
}

// planSource returns a value of content/plan.toml.
func (e *Explainer) planSource(path string) *Source { return e.source(plan.PlanFile, path) }

// member names a member of a split list where its keys are written.
type member struct {
	file string
	path string // the member's table in the file: "products.2", "" for a region
}

func (m member) source(e *Explainer, field string) *Source {
	return e.source(m.file, joinKey(m.path, field))
}

func (e *Explainer) productMember(i int) member {
	return member{file: plan.PlanFile, path: "products." + strconv.Itoa(i)}
}

func (e *Explainer) customerMember(i int) member {
	return member{file: plan.PlanFile, path: "customers." + strconv.Itoa(i)}
}

func (e *Explainer) regionMember(i int) member { return member{file: e.r.Regions[i].File} }

func (e *Explainer) channelMember(i, j int) member {
	return member{file: e.r.Regions[i].File, path: "channels." + strconv.Itoa(j)}
}

func (e *Explainer) teamMember(reg *plan.Region, j int) member {
	return member{file: reg.File, path: "teams." + strconv.Itoa(j)}
}

// seasonSource returns the source of quarter or month k (from 0) of the
// seasonality of the table at prefix ("" or "products.2.") in file.
func (e *Explainer) seasonSource(file, prefix, list string, k int) *Source {
	return e.source(file, prefix+"seasonality."+list+"."+strconv.Itoa(k))
}

// rosterSource returns the cell of column col of a person's row of the
// roster.
func (e *Explainer) rosterSource(ps *plan.Person, col string) *Source {
	pos := ps.Pos
	if col == "weight" {
		pos = ps.WeightPos
	}
	return &Source{ID: plan.CellID(pos.File, ps.ID, col), Pos: pos, Path: col}
}

// fileSource is the name of a file: a region's id.
func fileSource(file string) *Source {
	return &Source{ID: plan.FileID(file), Pos: diag.Pos{File: file}}
}

// withRole returns a copy of in in another role: inputs made once are
// shared by the derivations that use them.
func withRole(in *Input, role Role) *Input {
	c := *in
	c.Role = role
	return &c
}
