package compute

import (
	"math"
	"math/big"
	"math/bits"
	"time"

	"planbook/generator/alloc"
	"planbook/generator/message"
	"planbook/generator/plan"
)

// Team is one team of a region (section 10.1 of the format): its part of
// the region's target, what its people carry, and its people.
type Team struct {
	// Team is the team as written; nil for the implicit team of a region
	// without [[teams]], which has the region's id, name and manager.
	*plan.Team
	Region  *Region
	ID      string
	Name    string
	Manager string
	Target  int64
	Share   *big.Rat // of the region's target, as split
	// Overassign is the team's over-assignment: its own, else its
	// region's.
	Overassign *big.Rat
	// Assigned is what its people carry: target × (1 + Overassign),
	// rounded half away from zero.
	Assigned int64
	// Months is the split of Assigned among the months, which its people's
	// month quotas add up to; all 0 without people.
	Months [12]int64
	People []*Person // in roster order
}

// HasTeams reports whether the plan breaks its regions down further: a
// region has [[teams]], or the site has a roster. A plan without either
// shows no teams: each region would be one team repeating its figures.
func (r *Result) HasTeams() bool {
	if r.Plan.Roster != nil {
		return true
	}
	for _, t := range r.Teams {
		if !t.Implicit() {
			return true
		}
	}
	return false
}

// ShowsPeople reports whether the site shows individual quotas: it has a
// roster and planbook.toml sets people_pages.
func (r *Result) ShowsPeople() bool {
	return r.Plan.Config.PeoplePages && r.Plan.Roster != nil
}

// Implicit reports whether the team is a region without [[teams]].
func (t *Team) Implicit() bool { return t.Team == nil }

// Person is one person's quota (section 10.4).
type Person struct {
	*plan.Person
	Team     *Team
	Quota    int64
	Quarters [4]int64 // the sums of their months
	Months   [12]int64
	// Days is how many days of each fiscal month they work (between
	// start and end).
	Days [12]int
	// Ramp is their ramp factor in each month of their ramp-up, nil in
	// the months after it (and before they start).
	Ramp [12]*big.Rat
	// Capacity is Σ weight × month share × availability × ramp factor
	// over the months: how much of a full-year, weight-1 seller they are.
	Capacity *big.Rat
	// PerWeight is Quota / Capacity in units: their full-year-equivalent
	// quota per unit of weight; nil when Capacity is 0.
	PerWeight *big.Rat
}

// teams splits every region's target among its teams and works out what
// each team's people carry.
func (c *computer) teams() {
	p, r := c.p, c.r
	for _, rr := range r.Regions {
		rr.Overassign = firstRatio(rr.Region.Overassign, p.People.Overassign)
		if len(rr.Region.Teams) == 0 {
			c.addTeam(&Team{Region: rr, ID: rr.ID, Name: rr.Name, Manager: rr.Manager,
				Target: rr.Target, Share: big.NewRat(1, 1), Overassign: rr.Overassign})
			continue
		}
		s := c.split(rr.Target, plan.Members(rr.Region.Teams), rr.Fit)
		c.noteSplit([]string{rr.ID}, message.Message{Key: "list.teams", Args: []message.Arg{message.Text(rr.Name)}}, s, rr.Target)
		for i, tm := range rr.Region.Teams {
			c.addTeam(&Team{Team: tm, Region: rr, ID: tm.ID, Name: tm.Name, Manager: tm.Manager,
				Target: s.targets[i], Share: s.shares[i], Overassign: firstRatio(tm.Overassign, rr.Overassign)})
		}
	}
}

func (c *computer) addTeam(t *Team) {
	a := new(big.Rat).Add(big.NewRat(1, 1), t.Overassign)
	t.Assigned = alloc.RoundHalfAway(a.Mul(a, new(big.Rat).SetInt64(t.Target)))
	t.Region.Teams = append(t.Region.Teams, t)
	c.r.Teams = append(c.r.Teams, t)
}

// firstRatio returns the first ratio that is set, or 0.
func firstRatio(rs ...*big.Rat) *big.Rat {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return new(big.Rat)
}

// people gives every person of the roster their quota and months, and
// every region its coverage.
func (c *computer) people() {
	p, r := c.p, c.r
	for _, rr := range r.Regions {
		for m := range rr.Coverage {
			rr.Coverage[m] = new(big.Rat)
		}
	}
	if p.Roster == nil {
		return
	}
	type key struct{ region, team string }
	teams := map[key]*Team{}
	for _, t := range r.Teams {
		id := t.ID
		if t.Implicit() {
			id = ""
		}
		teams[key{t.Region.ID, id}] = t
	}
	cal := newCalendar(p)
	r.People = make([]*Person, 0, len(p.Roster.People))
	slab := make([]Person, len(p.Roster.People))
	for i, ps := range p.Roster.People {
		t := teams[key{ps.Region, ps.Team}]
		if t == nil {
			continue // not a valid row; the plan did not load
		}
		person := &slab[i]
		person.Person, person.Team = ps, t
		cal.employ(person, p.People.Ramp)
		t.People = append(t.People, person)
		r.People = append(r.People, person)
	}
	for _, t := range r.Teams {
		if len(t.People) > 0 {
			c.teamQuotas(t, cal)
		}
	}
	for _, rr := range r.Regions {
		for _, t := range rr.Teams {
			for m, v := range t.Months {
				rr.Carried[m] += v
			}
		}
		for m := range rr.Coverage {
			if rr.Months[m] != 0 {
				rr.Coverage[m].SetFrac64(rr.Carried[m], rr.Months[m])
			}
		}
	}
}

// calendar is the fiscal year's months as day numbers, for working out
// who works how many days of which month.
type calendar struct {
	first [12]int // the day number of each month's first day
	days  [12]int // its length
	month [12]int // year × 12 + month − 1: months of employment count from it
	lcm   uint64  // of the lengths: a day is lcm / length of a month
	// ramp is the ramp factors × rampL, the least common multiple of
	// their denominators; rampOK is false when they do not fit 32 bits.
	ramp   []uint64
	rampL  uint64
	rampOK bool
}

func newCalendar(p *plan.Plan) *calendar {
	cal := &calendar{lcm: 1, rampL: 1}
	for m := 0; m < 12; m++ {
		y, mo := p.MonthOf(m)
		cal.first[m] = dayNumber(plan.Date{Year: y, Month: mo, Day: 1})
		cal.days[m] = time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day()
		cal.month[m] = y*12 + int(mo) - 1
		cal.lcm = lcm(cal.lcm, uint64(cal.days[m]))
	}
	ok := true
	for _, f := range p.People.Ramp {
		if !f.Denom().IsUint64() {
			ok = false
			break
		}
		cal.rampL = lcm(cal.rampL, f.Denom().Uint64())
		ok = ok && cal.rampL < 1<<32
	}
	if ok {
		for _, f := range p.People.Ramp {
			// f ≤ 1, so f × rampL ≤ rampL < 2³².
			cal.ramp = append(cal.ramp, f.Num().Uint64()*(cal.rampL/f.Denom().Uint64()))
		}
	}
	cal.rampOK = ok
	return cal
}

// rampIndex returns which factor of the ramp applies to a person in month
// m: k for their (k+1)-th month of employment; ok is false past the ramp
// or without a start date.
func (cal *calendar) rampIndex(ps *plan.Person, m, n int) (int, bool) {
	if ps.Start.IsZero() {
		return 0, false
	}
	// The month of start is the first month of employment.
	k := cal.month[m] - (ps.Start.Year*12 + int(ps.Start.Month) - 1)
	return k, k >= 0 && k < n
}

// employ sets the days a person works in each month, and their ramp
// factors.
func (cal *calendar) employ(person *Person, ramp []*big.Rat) {
	ps := person.Person
	lo, hi := math.MinInt, math.MaxInt
	if !ps.Start.IsZero() {
		lo = dayNumber(ps.Start)
	}
	if !ps.End.IsZero() {
		hi = dayNumber(ps.End)
	}
	for m := 0; m < 12; m++ {
		a, b := max(lo, cal.first[m]), min(hi, cal.first[m]+cal.days[m]-1)
		if b < a {
			continue
		}
		person.Days[m] = b - a + 1
		if k, ok := cal.rampIndex(ps, m, len(ramp)); ok {
			person.Ramp[m] = ramp[k]
		}
	}
}

// dayNumber counts days from 1 March of year 0 (the civil calendar's
// days-from-civil count), so that the difference of two is their distance
// in days.
func dayNumber(d plan.Date) int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// lcm returns the least common multiple of a and b, saturating at 2⁶⁴−1.
func lcm(a, b uint64) uint64 {
	if a == 0 || b == 0 {
		return 0
	}
	hi, lo := bits.Mul64(a/gcd(a, b), b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}
