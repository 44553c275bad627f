package compute

import (
	"math/big"
	"strconv"
)

// PersonActual is one person's actual results against their quota: the
// year to date (Target is their quota, Plan their month quotas to date)
// and each month's actual.
type PersonActual struct {
	Attainment
	Months [12]*big.Rat
}

// month returns the sum of a person's month m, to add to: the people's
// sums are kept by id and month under the key "id/m".
func (b breakdown) month(id string, m int) *int64 {
	return b.at(id + "/" + strconv.Itoa(m))
}

// peopleActuals compares what each person booked with their quota, and
// each team's people's with what they carry, when a row names a person.
// Rows without a person count for their region but for no team, so a
// team's attainment is its people's.
func (c *computer) peopleActuals(a *Actuals, sums breakdown) {
	r := c.r
	if len(sums) == 0 || len(r.People) == 0 {
		return
	}
	a.People = make(map[*Person]*PersonActual, len(r.People))
	a.Teams = make(map[*Team]*Attainment, len(r.Teams))
	toDate := func(months [12]int64) *big.Rat { return r.Amount(unitsTo(months, a.Through)) }
	for _, t := range r.Teams {
		actual := new(big.Rat)
		for _, ps := range t.People {
			pa := &PersonActual{}
			sum := new(big.Rat)
			for m := range pa.Months {
				pa.Months[m] = micro(0)
				if v := sums[ps.ID+"/"+strconv.Itoa(m)]; v != nil {
					pa.Months[m] = micro(*v)
				}
				if m <= a.Through {
					sum.Add(sum, pa.Months[m])
				}
			}
			pa.Attainment = *c.attainment(ps.ID, ps.Name, r.Amount(ps.Quota), toDate(ps.Months), sum)
			a.People[ps] = pa
			actual.Add(actual, sum)
		}
		if len(t.People) > 0 {
			a.Teams[t] = c.attainment(t.ID, t.Name, r.Amount(t.Assigned), toDate(t.Months), actual)
		}
	}
}
