package plan

import (
	"fmt"
	"math/big"
	"strings"

	"planbook/generator/diag"
	"planbook/generator/numfmt"
)

// decodeRegion decodes one content/regions/ID.toml file.
func decodeRegion(p *Plan, file, id, text string, errs *diag.List) *Region {
	t, _ := parseTOML(file, text, 0, errs)
	if !ValidID(id) {
		errs.Add(diag.Diagnostic{Level: diag.Error, File: file,
			Message: fmt.Sprintf("region file name %q%s", shorten(id)+".toml", strings.Replace(IDProblem(id), "is not valid", "is not a valid id", 1)),
			Hint:    "the file's base name is the region id: lowercase letters, digits, '-' and '_', for example east.toml"})
		return nil
	}
	if t == nil {
		return nil
	}
	return decodeRegionTable(p, t, id, errs)
}

// decodeRegionTable decodes the root table of the region file of region
// id.
func decodeRegionTable(p *Plan, t *table, id string, errs *diag.List) *Region {
	src, file := t.src, t.src.file
	r := &Region{File: file}
	t.expect("id", keyShape{kind: kindText})
	if v, ok := t.get("id"); ok {
		if s, isStr := v.(string); !isStr {
			t.typeError("id", "text in quotes", v)
		} else if s != id {
			src.errorf("id", "rename the file to "+s+".toml, or remove the id key: the file name is the region id",
				"id %q disagrees with the file name %s.toml", s, id)
		}
	}
	r.ID = id
	t.member(&r.Member, "region", false)
	r.Pos = diag.Pos{File: file, Line: 1, Col: 1}
	r.Stage = t.enum("stage", true, "mature", "growing", "emerging")
	r.Manager = t.str("manager", false)
	if h, ok := t.integer("headcount", false); ok {
		if h < 0 {
			src.errorf("headcount", "", "headcount must not be negative (found %d)", h)
		} else {
			r.Headcount = h
		}
	}
	r.Fit = decodeFit(t)
	r.Seasonality = decodeSeasonality(t.sub("seasonality"))
	productIDs, customerIDs := memberIDs(Members(p.Products)), memberIDs(Members(p.Customers))
	if mix := t.sub("mix"); mix != nil {
		r.MixProducts, r.MixProductsPos = decodeMix(mix, "products", "product", productIDs)
		r.MixCustomers, r.MixCustomersPos = decodeMix(mix, "customers", "customer type", customerIDs)
		mix.done()
	}
	if ct := t.sub("customer_counts"); ct != nil {
		r.CustomerCounts = map[string]int64{}
		for _, k := range ct.keys() {
			n, ok := ct.integer(k, false)
			switch {
			case !ok:
			case !checkRef(ct.src, ct.keyPath(k), "customer type", k, customerIDs):
			case n < 0:
				src.errorf(ct.keyPath(k), "", "count must not be negative (found %d)", n)
			default:
				r.CustomerCounts[k] = n
			}
		}
	}
	r.ChannelsPos = src.pos("channels")
	for _, ct := range t.tables("channels") {
		c := &Channel{}
		ct.member(&c.Member, "channel", true)
		c.Stage = ct.enum("stage", false, "mature", "growing", "emerging")
		ct.done()
		r.Channels = append(r.Channels, c)
	}
	checkSplit(errs, Members(r.Channels), "channel", r.ChannelsPos)
	r.Overassign = t.ratio("overassign", factorRatio, false)
	r.OverassignPos = src.pos("overassign")
	decodeTeams(r, t, errs)
	decodeItems(p, t, id)
	t.done()
	return r
}

// decodeMix decodes mix.products or mix.customers: shares by id of the
// plan's products or customer types, summing to 100%.
func decodeMix(mix *table, key, noun string, ids []string) (map[string]*big.Rat, diag.Pos) {
	t := mix.sub(key)
	if t == nil {
		return nil, diag.Pos{}
	}
	pos := t.src.pos(t.path)
	out := map[string]*big.Rat{}
	var shares []string
	var notes []diag.Note
	sum := new(big.Rat)
	good := true
	for _, k := range t.keys() {
		t.expect(k, keyShape{kind: kindRatio, ratio: shareRatio})
		v, _ := t.get(k)
		r := t.src.ratioValue(t.keyPath(k), k, v, shareRatio)
		if r == nil || !checkRef(t.src, t.keyPath(k), noun, k, ids) {
			good = false
			continue
		}
		out[k] = r
		sum.Add(sum, r)
		shares = append(shares, k+" "+numfmt.Percent(r, 4))
		notes = append(notes, diag.Note{Pos: t.src.pos(t.keyPath(k)), Text: shares[len(shares)-1]})
	}
	if good && sum.Cmp(big.NewRat(1, 1)) != 0 {
		d := pos.At("mix.%s sums to %s, want 100%% (%s)", key, numfmt.Percent(sum, 4), diag.IDs(shares))
		d.Hint = gapHint(sum) + "; the shares of a mix add up to exactly 100%, and ids left out count as 0%"
		d.Notes = notes
		t.src.errs.Add(d)
		good = false
	}
	if !good {
		return nil, pos
	}
	return out, pos
}
