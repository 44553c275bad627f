package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// peopleGen writes the teams and the roster of a site with people, from a
// random source of its own, so that the rest of the plan is the same with
// and without them.
type peopleGen struct {
	o           Options
	rng         *rand.Rand
	first, last time.Time // the fiscal year
	roster      strings.Builder
	next        int // the number of the next person
}

func newPeopleGen(o Options) *peopleGen {
	g := &peopleGen{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x7ea3))}
	g.first = time.Date(2024, time.Month(o.FiscalStart), 1, 0, 0, 0, 0, time.UTC)
	g.last = g.first.AddDate(1, 0, -1)
	g.roster.WriteString("id,name,region,team,role,start,end,weight\n")
	return g
}

// settings returns plan.toml's [people] table.
func (g *peopleGen) settings() string {
	return "\n[people]\nramp = [\"25%\", \"50%\", \"75%\"]\noverassign = \"2%\"\n"
}

// topKeys returns the keys of region i about its people: every fourth
// region sets its own over-assignment, and with Fit "keep" every other
// region keeps its teams' (and channels') growth proposals.
func (g *peopleGen) topKeys(i int) string {
	s := ""
	if i%4 == 1 {
		s += fmt.Sprintf("overassign = \"%d%%\"\n", 3+g.rng.IntN(8))
	}
	if g.o.Fit == "keep" && i%2 == 1 {
		s += "fit = \"keep\"\n"
	}
	return s
}

// region returns the [[teams]] of region i (none for every third region,
// whose people form one implicit team) and adds its people to the roster.
func (g *peopleGen) region(i int, id string) string {
	n := 0
	if i%3 != 0 {
		n = 2 + g.rng.IntN(2)
	}
	var b strings.Builder
	shares := []int{5000, 3000, 2000}
	if n == 2 {
		shares = []int{6000, 4000}
	}
	for k := 0; k < n; k++ {
		fmt.Fprintf(&b, "\n[[teams]]\nid = \"t%d\"\nname = \"团队 %d-%d\"\nmanager = \"主管 %d-%d\"\n", k+1, i+1, k+1, i+1, k+1)
		switch g.o.Kinds {
		case "weight":
			fmt.Fprintf(&b, "weight = %d\n", 1+g.rng.IntN(5))
		case "growth":
			fmt.Fprintf(&b, "baseline = %d\ngrowth = \"%d%%\"\n", 100+g.rng.IntN(300), g.rng.IntN(30)-5)
		default:
			fmt.Fprintf(&b, "share = %q\n", bp(shares[k]))
		}
		if g.rng.IntN(3) == 0 {
			fmt.Fprintf(&b, "overassign = \"%d%%\"\n", g.rng.IntN(10))
		}
	}
	for k := 0; k < g.o.People; k++ {
		team := ""
		if n > 0 {
			team = fmt.Sprintf("t%d", k%n+1)
		}
		g.person(id, team, k < max(n, 1))
	}
	return b.String()
}

var weights = []string{"1", "1", "1", "1", "1", "1.5", "0.5", "1.2", "0.8", "0"}

// person adds one person to the roster: one in five starts during the
// year (or shortly before it, still ramping up), one in ten leaves. The
// first of a team has weight 1, so that no team weighs 0.
func (g *peopleGen) person(region, team string, first bool) {
	g.next++
	start, end := "", ""
	s := g.first
	if g.rng.IntN(5) == 0 {
		s = g.first.AddDate(0, 0, g.rng.IntN(365+90)-90)
		if s.After(g.last) {
			s = g.last
		}
		start = s.Format("2006-01-02")
	}
	if g.rng.IntN(10) == 0 {
		e := s
		if e.Before(g.first) {
			e = g.first
		}
		e = e.AddDate(0, 0, g.rng.IntN(400))
		end = e.Format("2006-01-02")
	}
	w := "1"
	if !first {
		w = weights[g.rng.IntN(len(weights))]
	}
	fmt.Fprintf(&g.roster, "p%06d,销售 %d,%s,%s,销售代表,%s,%s,%s\n", g.next, g.next, region, team, start, end, w)
}
