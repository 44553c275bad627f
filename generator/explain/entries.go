package explain

import (
	"math/big"
	"strconv"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
)

func init() {
	register(map[string]deriver{
		"products.*.id":   func(e *Explainer, ix []int) *Derivation { return e.memberField(e.productSplit(), ix[0], "id") },
		"products.*.name": func(e *Explainer, ix []int) *Derivation { return e.memberField(e.productSplit(), ix[0], "name") },
		"products.*.class": func(e *Explainer, ix []int) *Derivation {
			return e.entryText(e.productMember(ix[0]), "class", e.r.Products[ix[0]].Class)
		},
		"products.*.target":   func(e *Explainer, ix []int) *Derivation { return e.memberTarget(e.productSplit(), ix[0]) },
		"products.*.share":    func(e *Explainer, ix []int) *Derivation { return e.memberShare(e.productSplit(), ix[0]) },
		"products.*.baseline": func(e *Explainer, ix []int) *Derivation { return e.memberField(e.productSplit(), ix[0], "baseline") },
		"products.*.growth": func(e *Explainer, ix []int) *Derivation {
			return e.memberGrowth(e.productSplit(), ix[0], e.r.Products[ix[0]].Growth)
		},

		"customers.*.id":           func(e *Explainer, ix []int) *Derivation { return e.memberField(e.customerSplit(), ix[0], "id") },
		"customers.*.name":         func(e *Explainer, ix []int) *Derivation { return e.memberField(e.customerSplit(), ix[0], "name") },
		"customers.*.target":       func(e *Explainer, ix []int) *Derivation { return e.memberTarget(e.customerSplit(), ix[0]) },
		"customers.*.share":        func(e *Explainer, ix []int) *Derivation { return e.memberShare(e.customerSplit(), ix[0]) },
		"customers.*.count":        (*Explainer).customerCount,
		"customers.*.per_customer": (*Explainer).perCustomer,

		"regions.*.id":   (*Explainer).regionID,
		"regions.*.name": func(e *Explainer, ix []int) *Derivation { return e.memberField(e.regionSplit(), ix[0], "name") },
		"regions.*.stage": func(e *Explainer, ix []int) *Derivation {
			return e.entryText(e.regionMember(ix[0]), "stage", e.r.Regions[ix[0]].Stage)
		},
		"regions.*.headcount": (*Explainer).regionHeadcount,
		"regions.*.target":    func(e *Explainer, ix []int) *Derivation { return e.memberTarget(e.regionSplit(), ix[0]) },
		"regions.*.share":     func(e *Explainer, ix []int) *Derivation { return e.memberShare(e.regionSplit(), ix[0]) },
		"regions.*.baseline":  func(e *Explainer, ix []int) *Derivation { return e.memberField(e.regionSplit(), ix[0], "baseline") },
		"regions.*.growth": func(e *Explainer, ix []int) *Derivation {
			return e.memberGrowth(e.regionSplit(), ix[0], e.r.Regions[ix[0]].Growth)
		},
		"regions.*.per_head": (*Explainer).regionPerHead,

		"regions.*.channels.*.id":     func(e *Explainer, ix []int) *Derivation { return e.memberField(e.channelSplit(ix[0]), ix[1], "id") },
		"regions.*.channels.*.name":   func(e *Explainer, ix []int) *Derivation { return e.memberField(e.channelSplit(ix[0]), ix[1], "name") },
		"regions.*.channels.*.target": func(e *Explainer, ix []int) *Derivation { return e.memberTarget(e.channelSplit(ix[0]), ix[1]) },
		"regions.*.channels.*.share":  func(e *Explainer, ix []int) *Derivation { return e.memberShare(e.channelSplit(ix[0]), ix[1]) },
		"regions.*.channels.*.stage": func(e *Explainer, ix []int) *Derivation {
			return e.entryText(e.channelMember(ix[0], ix[1]), "stage", e.r.Regions[ix[0]].Channels[ix[1]].Stage)
		},
	})
}

// splitOf returns the split of table, made once by make.
func (e *Explainer) splitOf(table string, make func() *split) *split {
	return e.splits.get(table, make)
}

// entryText explains a text key of an entry as written (or not written,
// empty).
func (e *Explainer) entryText(m member, field, text string) *Derivation {
	return textWritten(text, m.source(e, field))
}

func (e *Explainer) productSplit() *split {
	return e.splitOf("products", func() *split {
		ids, targets := idsAndTargets(e.r.Products, func(pr *compute.Product) (string, int64) { return pr.ID, pr.Target })
		return e.targetSplit("products", plan.Members(e.p.Products), ids, targets, e.productMember)
	})
}

func (e *Explainer) customerSplit() *split {
	return e.splitOf("customers", func() *split {
		ids, targets := idsAndTargets(e.r.Customers, func(c *compute.Customer) (string, int64) { return c.ID, c.Target })
		return e.targetSplit("customers", plan.Members(e.p.Customers), ids, targets, e.customerMember)
	})
}

func (e *Explainer) regionSplit() *split {
	return e.splitOf("regions", func() *split {
		ids, targets := idsAndTargets(e.r.Regions, func(reg *compute.Region) (string, int64) { return reg.ID, reg.Target })
		return e.targetSplit("regions", plan.Members(e.p.Regions), ids, targets, e.regionMember)
	})
}

// idsAndTargets lists the ids and targets (in units) of a list's members.
func idsAndTargets[T any](list []T, of func(T) (string, int64)) (ids []string, targets []int64) {
	ids, targets = make([]string, len(list)), make([]int64, len(list))
	for j, x := range list {
		ids[j], targets[j] = of(x)
	}
	return ids, targets
}

// targetSplit is the split of the company's annual target among a list
// (products, customers or regions): member j's key is table.ID.
func (e *Explainer) targetSplit(table string, members []*plan.Member, ids []string, units []int64, where func(int) member) *split {
	r := e.r
	targets := make([]*big.Rat, len(units))
	for j, u := range units {
		targets[j] = r.Amount(u)
	}
	return &split{table: table, members: members, fit: e.p.Target.Fit,
		parent: figure(RoleParent, data.Amount, r.Amount(r.Target), "target"), targets: targets,
		key: func(j int) string { return table + "." + ids[j] }, where: where}
}

func (e *Explainer) channelSplit(i int) *split {
	reg := e.r.Regions[i]
	return e.splitOf("regions."+reg.ID+".channels", func() *split {
		targets := make([]*big.Rat, len(reg.Channels))
		for j, ch := range reg.Channels {
			targets[j] = e.r.Amount(ch.Target)
		}
		prefix := "regions." + reg.ID
		return &split{table: prefix + ".channels", members: plan.Members(reg.Region.Channels), fit: reg.Fit,
			parent: figure(RoleParent, data.Amount, e.r.Amount(reg.Target), prefix+".target"), targets: targets,
			key:   func(j int) string { return prefix + ".channels." + reg.Channels[j].ID },
			where: func(j int) member { return e.channelMember(i, j) }}
	})
}

func (e *Explainer) customerCount(ix []int) *Derivation {
	c := e.r.Customers[ix[0]]
	s := e.customerMember(ix[0]).source(e, "count")
	return asWritten(data.Count, big.NewRat(c.Count, 1), s)
}

func (e *Explainer) perCustomer(ix []int) *Derivation {
	c := e.r.Customers[ix[0]]
	return perUnit(c.PerCustomer, figure(RoleNumerator, data.Amount, e.r.Amount(c.Target), "customers."+c.ID+".target"),
		figure(RoleCount, data.Count, big.NewRat(c.Count, 1), "customers."+c.ID+".count"))
}

func (e *Explainer) regionID(ix []int) *Derivation {
	reg := e.r.Regions[ix[0]]
	s := fileSource(reg.File)
	return &Derivation{Kind: data.Text, Rule: FileName, Text: reg.ID, Inputs: []*Input{writtenText(RoleValue, reg.ID, s)}}
}

func (e *Explainer) regionHeadcount(ix []int) *Derivation {
	reg := e.r.Regions[ix[0]]
	return asWritten(data.Count, big.NewRat(reg.Headcount, 1), e.regionMember(ix[0]).source(e, "headcount"))
}

func (e *Explainer) regionPerHead(ix []int) *Derivation {
	reg := e.r.Regions[ix[0]]
	prefix := "regions." + reg.ID
	return perUnit(reg.PerHead, figure(RoleNumerator, data.Amount, e.r.Amount(reg.Target), prefix+".target"),
		figure(RoleCount, data.Count, big.NewRat(reg.Headcount, 1), prefix+".headcount"))
}

// quarterKey and monthKey are the value keys of a quarter and a month
// (from 0) of a figure at prefix ("regions.east").
func quarterKey(prefix string, q int) string { return joinKey(prefix, "quarters.q"+strconv.Itoa(q+1)) }
func monthKey(prefix string, m int) string   { return joinKey(prefix, "months.m"+strconv.Itoa(m+1)) }
