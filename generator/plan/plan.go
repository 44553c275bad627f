// Package plan holds the typed sales plan and its loading: it reads a site's
// planbook.toml, content/plan.toml, content/regions/*.toml, the roster
// content/people.csv, the actuals and the front matter of its Markdown
// files, and checks them against plan format v2, collecting every problem
// with its file and line.
//
// It does no arithmetic beyond validation: the breakdowns are computed
// elsewhere from the Plan it returns.
package plan

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"

	"planbook/generator/diag"
)

// Plan is a whole site's plan as written, validated.
type Plan struct {
	Config Config

	Title string
	// Company is the company's name, as target letters name the party
	// that sets a quota; "" when not written.
	Company     string
	Year        int
	Currency    string
	Unit        string
	Precision   *big.Rat // every computed amount is a whole multiple of it
	FiscalStart int      // 1..12

	Baseline    Baseline
	Target      Target
	Seasonality Seasonality

	Products   []*Product
	Customers  []*Customer
	KPIs       []*KPI
	Promotions []*Promotion // the plan's, then each region's, in file order
	Trainings  []*Training
	Milestones []*Milestone
	Regions    []*Region // sorted by file name
	Pages      []*Page   // narrative sections, by weight then file name

	// Actuals are the rows of content/actuals/*.csv, file by file; none
	// before the year starts.
	Actuals      []*Actual
	ActualsFiles []string

	// People is plan.toml's [people] table: the ramp of new hires and the
	// defaults of over-assignment and balance.
	People PeopleSettings
	// Roster is content/people.csv; nil when the site has none (then no
	// person gets a quota).
	Roster *Roster

	// Pos of the parts that errors without a single line point to.
	ProductsPos  diag.Pos
	CustomersPos diag.Pos

	// Sources holds the text of every file read, by its path in the site.
	Sources map[string]string

	refs []ref // region and product ids to check once all files are read
	// unread holds the ids of the regions whose file could not be read
	// (it does not parse, or is not text): what refers to them is not
	// reported, since the fix is in that file.
	unread map[string]bool
}

// SourcesSum hashes the names and texts of the files read for the plan
// that keep selects, in name order.
func (p *Plan) SourcesSum(keep func(name string) bool) [sha256.Size]byte {
	names := make([]string, 0, len(p.Sources))
	for name := range p.Sources {
		if keep(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		h.Write([]byte(name + "\x00" + p.Sources[name] + "\x00"))
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// SourceLine returns line n (1-based) of a file read for the plan, or "".
func (p *Plan) SourceLine(file string, n int) string {
	text, ok := p.Sources[file]
	if !ok {
		return ""
	}
	for i := 1; i < n; i++ {
		k := strings.IndexByte(text, '\n')
		if k < 0 {
			return ""
		}
		text = text[k+1:]
	}
	line, _, _ := strings.Cut(text, "\n")
	return strings.TrimRight(line, "\r")
}

// Config is the site settings of planbook.toml.
type Config struct {
	Language   string // "zh-CN" or "en"
	Theme      string
	Output     string   // as written: relative to the site folder, or absolute
	OutputPos  diag.Pos // where Output is set; no file when it is the default
	BasePath   string
	UnsafeHTML bool
	// PeoplePages publishes individual quotas on the site; without it the
	// site and its data files show team totals and head counts only.
	PeoplePages bool
	// Explain makes every figure of the pages' tables and cards explain
	// itself in a popover, from a file beside each page (the default);
	// without it the pages show plain figures and the build writes no
	// such files.
	Explain bool
}

// Baseline is last year's actuals.
type Baseline struct {
	Year      int
	Revenue   *big.Rat
	Headcount int64
}

// Target is the company target: a growth over the baseline or the revenue
// itself, and the goals checked against the breakdown.
type Target struct {
	Growth               *big.Rat // nil when Revenue is set
	Revenue              *big.Rat // nil when Growth is set
	NewProductShare      *big.Rat // nil when not checked
	RevenuePerHeadGrowth *big.Rat // nil when not checked
	Fit                  Fit      // for products, customers and regions
	Pos                  diag.Pos
}

// Fit says what a split by growth proposals does when they do not add up
// to the parent amount.
type Fit string

// The fit settings.
const (
	FitScale Fit = "scale" // shares proportional to the proposals
	FitKeep  Fit = "keep"  // each member keeps its rounded proposal
)

// Seasonality is a phasing over the fiscal year: quarter shares (summing to
// 1) and relative month weights, both in fiscal order. A nil slice means
// not set.
type Seasonality struct {
	Quarters    []*big.Rat
	Months      []*big.Rat
	QuartersPos diag.Pos
	MonthsPos   diag.Pos
}

// SplitKind is how a member states its part of a split.
type SplitKind int

// The split kinds.
const (
	ByShare SplitKind = iota
	ByWeight
	ByGrowth
)

// String returns the key that states the kind.
func (k SplitKind) String() string {
	return [...]string{"share", "weight", "growth"}[k]
}

// Member is one member of a split: a product, customer type, region or
// channel.
type Member struct {
	ID       string
	Name     string
	Kind     SplitKind
	Share    *big.Rat // ByShare
	Weight   *big.Rat // ByWeight
	Growth   *big.Rat // ByGrowth
	Baseline *big.Rat // optional, required with Growth
	Noun     string   // what it is, for messages: "product", "region", …
	Pos      diag.Pos // the member's table
	IDPos    diag.Pos // its id key
	KindPos  diag.Pos // its share, weight or growth key
}

// AsMember returns m itself: Product, Customer, Region and Channel have
// it through their Member, so that Members takes a list of any of them.
func (m *Member) AsMember() *Member { return m }

// Members returns the split members of a list of products, customer types,
// regions or channels.
func Members[T interface{ AsMember() *Member }](list []T) []*Member {
	out := make([]*Member, len(list))
	for i, x := range list {
		out[i] = x.AsMember()
	}
	return out
}

// Product is a product line.
type Product struct {
	Member
	Class       string // mature | strategic | potential
	Seasonality Seasonality
}

// Customer is a customer type.
type Customer struct {
	Member
	Count int64 // customers to win or serve; 0 when not set
}

// Region is one region file.
type Region struct {
	Member
	File        string // content/regions/ID.toml
	Stage       string // mature | growing | emerging
	Manager     string
	Headcount   int64
	Fit         Fit // for its channels
	Seasonality Seasonality
	// MixProducts and MixCustomers are the region's own shares by product
	// and customer id; nil when not set. Ids left out are 0%.
	MixProducts     map[string]*big.Rat
	MixCustomers    map[string]*big.Rat
	MixProductsPos  diag.Pos
	MixCustomersPos diag.Pos
	// CustomerCounts are the customers it plans to win or serve, by id.
	CustomerCounts map[string]int64
	Channels       []*Channel
	ChannelsPos    diag.Pos
	// Overassign is what the region's people carry beyond its target, as a
	// ratio; nil when the region does not set it.
	Overassign    *big.Rat
	OverassignPos diag.Pos
	// Teams split the region's target (by its Fit); none means one
	// implicit team, the region itself.
	Teams     []*Team
	TeamsPos  diag.Pos
	Narrative *Page // content/regions/ID.md, or nil
}

// Channel is a sales channel of one region.
type Channel struct {
	Member
	Stage string
}

// KPI is an auxiliary target shown with its change. Without a Unit its
// values are ratios; with one they are plain numbers in that unit.
type KPI struct {
	ID       string
	IDPos    diag.Pos
	Name     string
	Unit     string
	Baseline *big.Rat
	Target   *big.Rat
	Pos      diag.Pos
}

// Promotion is a sales promotion.
type Promotion struct {
	ID       string
	IDPos    diag.Pos
	Name     string
	Start    Date
	End      Date
	Regions  []string // empty: all regions
	Products []string // empty: all products
	Budget   *big.Rat
	Expected *big.Rat
	Pos      diag.Pos
}

// Training is a training session.
type Training struct {
	Topic   string
	Date    Date
	Hours   *big.Rat
	Regions []string // empty: all regions
	Owner   string
	Pos     diag.Pos
}

// Milestone is a review or other dated event.
type Milestone struct {
	Name    string
	Date    Date
	Owner   string
	Regions []string // empty: all regions
	Pos     diag.Pos
}

// Page is a narrative Markdown file.
type Page struct {
	File     string // content/strategy.md
	Title    string
	Weight   int64
	Slug     string
	Regions  []string // booklets that include it; empty: all
	Body     string   // the Markdown after the front matter
	BodyLine int      // the line of File where Body starts

	slugPos diag.Pos // where the front matter sets the slug
}

// Date is a calendar date without a time.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as 2024-03-10.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or 1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.Year*10000+int(d.Month)*100+d.Day, e.Year*10000+int(e.Month)*100+e.Day
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Region returns the region with the given id, or nil. Regions are
// sorted by id (their file names), so this is a binary search.
func (p *Plan) Region(id string) *Region {
	i := sort.Search(len(p.Regions), func(i int) bool { return p.Regions[i].ID >= id })
	if i < len(p.Regions) && p.Regions[i].ID == id {
		return p.Regions[i]
	}
	return nil
}

// FiscalYear returns the first and last day of the plan's fiscal year: it
// starts on the first day of FiscalStart in Year.
func (p *Plan) FiscalYear() (first, last Date) {
	start := time.Date(p.Year, time.Month(p.FiscalStart), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, -1)
	return Date{start.Year(), start.Month(), start.Day()}, Date{end.Year(), end.Month(), end.Day()}
}

// MonthOf returns the calendar year and month of fiscal month i (0..11).
func (p *Plan) MonthOf(i int) (int, time.Month) {
	m := p.FiscalStart - 1 + i
	return p.Year + m/12, time.Month(m%12 + 1)
}

// MonthLabel returns fiscal month i (0..11) as year and month: "2024-03".
func (p *Plan) MonthLabel(i int) string {
	y, m := p.MonthOf(i)
	return fmt.Sprintf("%04d-%02d", y, int(m))
}
