package data

import (
	"bytes"
	"encoding/csv"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
)

// bom starts every CSV file so that spreadsheet programs read it as UTF-8.
const bom = "\ufeff"

// CSV returns the plan's tables as CSV files by their path under the
// output folder: one header row, one row per region or product with its
// id, name, cells and total, and a last row of column totals; the teams
// when the plan has any (compute.Result.HasTeams), and the people when
// the site shows them. Amounts are in the plan's unit.
func CSV(r *compute.Result) map[string][]byte {
	months := make([]string, 12)
	for i := range months {
		months[i] = r.Plan.MonthLabel(i)
	}
	quarters := []string{"Q1", "Q2", "Q3", "Q4"}
	productIDs := make([]string, len(r.Products))
	for j, p := range r.Products {
		productIDs[j] = p.ID
	}
	customerIDs := make([]string, len(r.Customers))
	for j, c := range r.Customers {
		customerIDs[j] = c.ID
	}
	channelIDs := make([]string, len(r.Channels))
	channelIndex := map[string]int{}
	for j, c := range r.Channels {
		channelIDs[j] = c.ID
		channelIndex[c.ID] = j
	}

	regions := r.Regions
	if r.Others != nil {
		regions = append(append([]*compute.Region(nil), regions...), othersRegion(r))
	}
	regionRows := func(cells func(*compute.Region) []int64) []csvRow {
		rows := make([]csvRow, len(regions))
		for i, reg := range regions {
			rows[i] = csvRow{reg.ID, reg.Name, cells(reg)}
		}
		return rows
	}
	productRows := func(cells func(*compute.Product) []int64) []csvRow {
		rows := make([]csvRow, len(r.Products))
		for i, p := range r.Products {
			rows[i] = csvRow{p.ID, p.Name, cells(p)}
		}
		return rows
	}
	files := map[string][]byte{
		"data/regions-quarters.csv": table(r, "region", quarters, regionRows(func(g *compute.Region) []int64 { return g.Quarters[:] })),
		"data/regions-months.csv":   table(r, "region", months, regionRows(func(g *compute.Region) []int64 { return g.Months[:] })),
		"data/regions-products.csv": table(r, "region", productIDs, regionRows(func(g *compute.Region) []int64 { return g.Products })),
		"data/regions-customers.csv": table(r, "region", customerIDs, regionRows(func(g *compute.Region) []int64 {
			out := make([]int64, len(g.Customers))
			for j, c := range g.Customers {
				out[j] = c.Target
			}
			return out
		})),
		"data/regions-channels.csv": table(r, "region", channelIDs, regionRows(func(g *compute.Region) []int64 {
			out := make([]int64, len(channelIDs))
			for _, ch := range g.Channels {
				out[channelIndex[ch.ID]] = ch.Target
			}
			return out
		})),
		"data/products-quarters.csv": table(r, "product", quarters, productRows(func(p *compute.Product) []int64 { return p.Quarters[:] })),
		"data/products-months.csv":   table(r, "product", months, productRows(func(p *compute.Product) []int64 { return p.Months[:] })),
	}
	// Teams, and people only where the site shows them (section 10.6 of
	// the format): individual quotas are personal.
	if r.HasTeams() {
		files["data/teams.csv"] = teamsCSV(r)
	}
	if r.ShowsPeople() && len(r.People) > 0 {
		files["data/people.csv"] = peopleCSV(r)
	}
	return files
}

type csvRow struct {
	id, name string
	cells    []int64
}

// table writes one CSV table with a total column and a total row.
func table(r *compute.Result, kind string, cols []string, rows []csvRow) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	header := append(append([]string{kind, "name"}, cols...), "total")
	w.Write(textCells(header))
	colTotals := make([]int64, len(cols))
	var grand int64
	amount := func(units int64) string { return numfmt.Exact(r.Amount(units)) }
	for _, row := range rows {
		rec := []string{textCell(row.id), textCell(row.name)}
		var total int64
		for j, v := range row.cells {
			rec = append(rec, amount(v))
			total += v
			colTotals[j] += v
		}
		grand += total
		w.Write(append(rec, amount(total)))
	}
	rec := []string{"total", ""}
	for _, v := range colTotals {
		rec = append(rec, amount(v))
	}
	w.Write(append(rec, amount(grand)))
	w.Flush()
	return b.Bytes()
}

// textCell writes a text for a spreadsheet: one that starts with = + - @,
// a tab or a carriage return would be read as a formula (and run), so it
// gets a leading apostrophe and shows as the text it is (OWASP's rule
// against CSV injection). Amounts never go through here: a negative
// amount stays a number.
func textCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// textCells is textCell of every cell of a row of texts.
func textCells(row []string) []string {
	out := make([]string, len(row))
	for i, s := range row {
		out[i] = textCell(s)
	}
	return out
}

// othersRegion is the regions a site for some regions' audience leaves
// out, added up, as one row "others" so that the tables still add up.
func othersRegion(r *compute.Result) *compute.Region {
	o := r.Others
	name := i18n.Lang(r.Plan.Config.Language).Sprintf("others.regions", o.Count)
	reg := &compute.Region{
		Region:   &plan.Region{Member: plan.Member{ID: "others", Name: name}},
		Target:   o.Target,
		Quarters: o.Quarters, Months: o.Months, Products: o.Products,
	}
	for j, c := range r.Customers {
		reg.Customers = append(reg.Customers, &compute.RegionCustomer{ID: c.ID, Target: o.Customers[j]})
	}
	for _, ch := range r.Channels {
		if v, ok := o.Channels[ch.ID]; ok {
			reg.Channels = append(reg.Channels, &compute.Channel{Channel: &plan.Channel{Member: plan.Member{ID: ch.ID, Name: ch.Name}}, Target: v})
		}
	}
	return reg
}
