package starter

import (
	"fmt"
	"math/big"

	"planbook/generator/alloc"
)

// region is one region of a new site.
type region struct {
	ID, Name, Manager, Stage string
	Share                    int // in percent
	Baseline, Headcount      int
	First                    bool // the first region shows the optional keys
}

// namedRegions are the regions a new site takes its first ones from:
// id, name and manager, by language.
var namedRegions = map[string][][3]string{
	"zh-CN": {
		{"east", "华东大区", "王经理"}, {"south", "华南大区", "李经理"}, {"north", "华北大区", "赵经理"},
		{"southwest", "西南大区", "陈经理"}, {"central", "华中大区", "刘经理"},
		{"northwest", "西北大区", "杨经理"}, {"northeast", "东北大区", "孙经理"},
	},
	"en": {
		{"east", "East", "Chris Wang"}, {"south", "South", "Dana Li"}, {"north", "North", "Sam Zhao"},
		{"southwest", "Southwest", "Lee Chen"}, {"central", "Central", "Pat Liu"},
		{"northwest", "Northwest", "Jo Yang"}, {"northeast", "Northeast", "Kim Sun"},
	},
}

// The figures of the plan template that the regions share: the baseline
// revenue, and a headcount that keeps the revenue-per-head goal met.
const (
	baselineRevenue = 10000
	headcount       = 62
)

// regions returns n regions whose shares add up to 100% and whose
// baselines add up to the plan's.
func regions(lang string, n int) []region {
	shares := percents(n)
	heads := largestRemainder(headcount, shares)
	out := make([]region, n)
	for i := range out {
		r := region{Share: shares[i], Baseline: baselineRevenue * shares[i] / 100, Headcount: heads[i], First: i == 0}
		if named := namedRegions[lang]; i < len(named) {
			r.ID, r.Name, r.Manager = named[i][0], named[i][1], named[i][2]
		} else if lang == "zh-CN" {
			r.ID, r.Name, r.Manager = fmt.Sprintf("region-%d", i+1), fmt.Sprintf("第%d大区", i+1), fmt.Sprintf("第%d大区经理", i+1)
		} else {
			r.ID, r.Name, r.Manager = fmt.Sprintf("region-%d", i+1), fmt.Sprintf("Region %d", i+1), fmt.Sprintf("Manager of region %d", i+1)
		}
		switch {
		case i < 2:
			r.Stage = "mature"
		case i < 4:
			r.Stage = "growing"
		default:
			r.Stage = "emerging"
		}
		out[i] = r
	}
	return out
}

// percents returns n whole percentages adding up to 100, largest first:
// round ones for up to four regions, else in proportion to 2n, 2n-1, ….
func percents(n int) []int {
	switch n {
	case 1:
		return []int{100}
	case 2:
		return []int{60, 40}
	case 3:
		return []int{45, 35, 20}
	case 4:
		return []int{40, 30, 20, 10}
	}
	weights := make([]int, n)
	for i := range weights {
		weights[i] = 2*n - i
	}
	return largestRemainder(100, weights)
}

// largestRemainder splits total in proportion to weights into whole
// numbers, as the plan's own splits are rounded.
func largestRemainder(total int, weights []int) []int {
	rats := make([]*big.Rat, len(weights))
	for i, w := range weights {
		rats[i] = big.NewRat(int64(w), 1)
	}
	parts := alloc.Split(int64(total), rats)
	out := make([]int, len(parts))
	for i, p := range parts {
		out[i] = int(p)
	}
	return out
}
