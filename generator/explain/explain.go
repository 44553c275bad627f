// Package explain holds the derivation of every computed figure of a plan:
// the rule that gives it, the inputs it is computed from (figures of
// plan.json by their value key, values written in the site's files with
// their file and line), its exact value before rounding and what rounding
// added. planbook explain prints it, the site's figures show it in a
// popover, the booklet's appendix sums it up, and planbook diff follows
// it from each moved figure back to the edits it comes from.
//
// A derivation is data, not prose: Evaluate computes a figure again from
// its rule and inputs alone, and the words are made where they are shown,
// in the reader's language (Words). Derivations are worked out from a
// computed plan when asked for, so that a build that shows none pays
// nothing for them; the rules here state section 5 and 10 of the format
// again, and the tests hold them to compute's figures for random plans.
package explain

import (
	"math/big"
	"sync"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/diag"
	"planbook/generator/message"
	"planbook/generator/plan"
)

// Rule is how a figure is derived from its inputs.
type Rule string

// The rules. Each states a formula over the inputs by their roles (see
// Evaluate) and, for amounts, how the result is rounded.
const (
	Written      Rule = "written"       // as written in a file
	Default      Rule = "default"       // not written: the format's default
	FileName     Rule = "file-name"     // a region's id: its file's name
	PreviousYear Rule = "previous-year" // the baseline year: the plan year − 1
	TargetGrowth Rule = "target-growth" // baseline × (1 + growth), half away from zero
	SplitShare   Rule = "split-share"   // parent × share, largest remainder
	SplitWeight  Rule = "split-weight"  // parent × weight / Σ weights, largest remainder
	SplitGrowth  Rule = "split-growth"  // parent × proposal / Σ proposals, largest remainder
	KeepProposal Rule = "keep-proposal" // baseline × (1 + growth), half away from zero (fit = "keep")
	Whole        Rule = "whole"         // the whole of one input: a region that is its own team
	FixedRow     Rule = "fixed-row"     // row total × its own share, controlled rounding
	FreeRow      Rule = "free-row"      // row total × (column − fixed rows) / free rows' totals, controlled rounding
	RowWise      Rule = "row-wise"      // row total × weight / Σ weights, largest remainder within the row
	Quota        Rule = "quota"         // assigned × capacity / Σ capacities, largest remainder
	QuotaMonth   Rule = "quota-month"   // assigned × month capacity / Σ capacities, controlled rounding
	Capacity     Rule = "capacity"      // weight × month share × availability × ramp factor
	MonthShare   Rule = "month-share"   // month target / target
	Availability Rule = "availability"  // days worked in the month / days in the month
	Proposal     Rule = "proposal"      // baseline × (1 + growth)
	ShareRatio   Rule = "share-ratio"   // numerator / denominator; 0 when the denominator is 0
	Coverage     Rule = "coverage"      // carried / month target; 0 when the target is 0
	GrowthOf     Rule = "growth-of"     // numerator / denominator − 1; none without a denominator
	PerUnit      Rule = "per-unit"      // numerator / count, two decimals; none without a count
	Sum          Rule = "sum"           // Σ parts
	CountOf      Rule = "count"         // how many parts
	Inherit      Rule = "inherit"       // the first of the team's, the region's, the plan's setting
	Overassigned Rule = "overassigned"  // target × (1 + over-assignment), half away from zero
	CheckText    Rule = "check"         // the outcome of a check of the checks list
)

// Rounding is how a rule's exact value became the published figure.
type Rounding string

// The roundings. Amounts are whole multiples of the plan's precision.
const (
	NoRounding       Rounding = ""
	HalfAway         Rounding = "half-away"         // to the nearest multiple, halves away from zero
	LargestRemainder Rounding = "largest-remainder" // down, and the multiples left over to the largest remainders
	Controlled       Rounding = "controlled"        // down or up so that every row and column of a table adds up
	TwoPlaces        Rounding = "two-places"        // to two decimals, halves away from zero
)

// Role says what an input is to its rule.
type Role string

// The roles of inputs.
const (
	RoleValue       Role = "value"       // the value itself (written, default, whole, inherit)
	RoleYear        Role = "year"        // the plan year
	RoleBaseline    Role = "baseline"    // last year's amount
	RoleGrowth      Role = "growth"      // a growth rate
	RoleParent      Role = "parent"      // the amount a split divides
	RoleShare       Role = "share"       // a share of 1
	RoleWeight      Role = "weight"      // a relative weight
	RoleWeights     Role = "weights"     // the weights of the whole list, added up
	RoleProposal    Role = "proposal"    // a bottom-up proposal
	RoleProposals   Role = "proposals"   // the proposals of the whole list, added up
	RoleRowTotal    Role = "row-total"   // a two-way table's row total
	RoleColumn      Role = "column"      // a two-way table's column total
	RoleFixed       Role = "fixed"       // the exact cells of the fixed rows in the column, added up
	RoleFree        Role = "free"        // the totals of the free rows, added up
	RoleAssigned    Role = "assigned"    // what a team's people carry
	RoleCapacity    Role = "capacity"    // one person's capacity
	RoleCapacities  Role = "capacities"  // the team's capacities, added up
	RoleMonthShare  Role = "month-share" // the month's part of the region's target
	RoleAvailable   Role = "available"   // the part of the month worked
	RoleOverassign  Role = "overassign"  // an over-assignment
	RoleRamp        Role = "ramp"        // a new hire's ramp factor
	RoleMonth       Role = "month"       // a calendar month, "2024-04"
	RoleStart       Role = "start"       // a first working day
	RoleEnd         Role = "end"         // a last working day
	RoleNumerator   Role = "numerator"
	RoleDenominator Role = "denominator"
	RoleCount       Role = "count" // what an amount is divided by: heads, customers
	RolePart        Role = "part"  // one part of a sum or a count
	RolePrecision   Role = "precision"
	RoleMessage     Role = "message" // a check's wording and figures
)

// Derivation is how one figure is computed.
type Derivation struct {
	Key   string    // the figure's value key: "regions.east.quarters.q3"
	Kind  data.Kind // what the figure is: an amount, a ratio, a text…
	Rule  Rule
	Value *big.Rat // the figure; nil when it is not computed (null in plan.json)
	Text  string   // a text's value
	// Exact is the value before rounding; nil when the rule does not round.
	Exact    *big.Rat
	Rounding Rounding
	// Up says that rounding took the exact value up to the next multiple
	// of the precision (largest remainder and controlled rounding, which
	// take some cells down and others up); else it went down.
	Up bool
	// Table names the split or two-way table the figure is a part of, for
	// words: "regions × quarters", "regions".
	Table  string
	Inputs []*Input
	ref    ref // the key, resolved
}

// Input is one input of a derivation: a figure of plan.json (Key), a
// value written in a file (Source), a sum of other inputs (Parts), or an
// intermediate value with no key of its own and its own derivation (Via).
type Input struct {
	Role  Role
	Kind  data.Kind
	Value *big.Rat
	Text  string
	// Own says the input belongs to the figure's own row or member (its
	// target, its share) rather than to the rows around it (the fixed
	// rows of a column, the weights of the whole list): a change that
	// reaches a figure only through inputs that are not its own is a
	// knock-on effect.
	Own bool
	// Key is the value key of a computed figure; Before says Value is its
	// exact value before rounding rather than the figure itself.
	Key    string
	Before bool
	Source *Source
	Parts  []*Input
	Via    *Derivation
	Msg    *message.Message // a check's wording
	// Name says whose a value without a key is (a person's capacity),
	// for words that may name people.
	Name string
}

// Source is a value written in one of the site's files.
type Source struct {
	// ID names the value the same way in every version of the plan, so
	// that two versions can be compared: "regions.east.share",
	// "seasonality.quarters.q3", "roster.p003.start".
	ID   string
	Pos  diag.Pos // where it is written; Line 0 for a file's name
	Path string   // its key in the file ("seasonality.quarters.2"), or its column in a CSV file
}

// Explainer works out the derivations of one computed plan. It keeps what
// several derivations share (a table's column sums, a team's capacities),
// each made once, and is safe for use by several goroutines: a site's
// pages are explained on every core.
type Explainer struct {
	r      *compute.Result
	p      *plan.Plan
	people bool // people's keys resolve

	memo   onceMap[string, *Derivation]
	files  recentFiles // where the keys of the files read last are
	tables onceMap[tableKey, *table]
	sums   onceMap[string, *Input] // the weights or proposals of a list, added up
	splits onceMap[string, *split]
	teams  onceMap[*compute.Team, *teamQuotas]

	indexOnce sync.Once
	index     *index
	headsOnce sync.Once
	rowHeads  *rowHeads
	// tree is the data tree of the figures, made once when asked for
	// (Tree): a key that names nothing is looked up in it.
	treeOnce sync.Once
	tree     data.Object
	labels   sync.Map // by language and key
	stepOnce sync.Once
	step     string // the precision in words

	precisionOnce sync.Once
	precisionIn   *Input // what every rounding rounds to
}

// New returns an explainer of r. With people, the keys of every person's
// quota resolve (people.ID.quota), as planbook explain and export show
// them; without, as the site shows them when it does not show people.
func New(r *compute.Result, people bool) *Explainer {
	return &Explainer{r: r, p: r.Plan, people: people}
}

// onceMap makes the value of each key once, however many goroutines ask
// for it at the same time.
type onceMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]func() V
}

func (o *onceMap[K, V]) get(key K, make func() V) V {
	o.mu.Lock()
	f, ok := o.m[key]
	if !ok {
		if o.m == nil {
			o.m = map[K]func() V{}
		}
		f = sync.OnceValue(make)
		o.m[key] = f
	}
	o.mu.Unlock()
	return f()
}

// Result returns the computed plan e explains.
func (e *Explainer) Result() *compute.Result { return e.r }

// Of returns the derivation of the figure at key, a value key of
// plan.json. An unknown key is a *data.LookupError naming what it could
// have been.
func (e *Explainer) Of(key string) (*Derivation, error) { return e.of(key) }

func (e *Explainer) of(key string) (*Derivation, error) {
	ref, err := e.resolve(key)
	if err != nil {
		return nil, err
	}
	return e.memo.get(key, func() *Derivation {
		d := ref.derive(e)
		d.Key, d.ref = key, ref
		return d
	}), nil
}

// Derive returns the derivation of the figure at key as Of does, but
// works it out again on every call and keeps nothing of it: for a caller
// that asks for each figure once, such as a site's files of
// explanations, so that a build does not hold the derivation of every
// figure it explained until it ends. What several figures share (a
// table's column sums, a list's weights) is still made once.
func (e *Explainer) Derive(key string) (*Derivation, error) {
	ref, err := e.resolve(key)
	if err != nil {
		return nil, err
	}
	d := ref.derive(e)
	d.Key, d.ref = key, ref
	return d, nil
}

// must returns the derivation of a key the explainer itself made.
func (e *Explainer) must(key string) *Derivation {
	d, err := e.of(key)
	if err != nil {
		panic("explain: " + err.Error())
	}
	return d
}

// Tree returns the data tree whose leaves e explains: plan.json's, or, when
// e explains people, plan.json as the planner sees it (every person's
// quota, and the checks naming people). It is made once; callers do not
// change it.
func (e *Explainer) Tree() data.Object {
	e.treeOnce.Do(func() {
		if e.people {
			e.tree = data.PlannerTree(e.r)
		} else {
			e.tree = data.Tree(e.r)
		}
	})
	return e.tree
}

// checks returns the checks list of the tree e explains.
func (e *Explainer) checks() []compute.Check {
	if e.people {
		return e.r.NamedChecks()
	}
	return e.r.Checks
}
