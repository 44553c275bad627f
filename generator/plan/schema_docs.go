package plan

import "strings"

// The descriptions that editors show for a key of the schemas. A key is
// looked up by its dotted path ("target.growth"; an entry of a list of
// tables is "*": "products.*.class"), then by ever shorter ends of it
// ("*.class", "class"), first among the file's own descriptions, then
// among those every file shares. A key without one is still in the
// schema; a description of a key the loader does not read fails a test.

// sharedDocs describe the keys that mean the same in several places.
var sharedDocs = map[string]string{
	"*.id":        "Id: lowercase letters, digits, '-' and '_'; unique in its list; used in URLs and references.",
	"*.name":      "The name shown on the site.",
	"share":       `Its part of the parent's target: a fraction (0.38) or a percentage ("38%"); the shares of a list add up to exactly 100%. Set one of share, weight or growth.`,
	"weight":      "Its relative size: shares are weights over their sum. Set one of share, weight or growth.",
	"growth":      `Growth over its baseline ("10%"): a bottom-up proposal baseline × (1 + growth), fitted as fit says. Set one of share, weight or growth.`,
	"baseline":    "Last year's amount, in the plan's unit: feeds growth figures.",
	"*.baseline":  "Last year's amount, in the plan's unit: feeds growth figures.",
	"stage":       `"mature", "growing" or "emerging".`,
	"manager":     "The manager's name.",
	"headcount":   "Sales headcount.",
	"fit":         `For members given by growth: "scale" (default) scales the proposals to the parent's target; "keep" keeps them and reports the gap.`,
	"count":       "Customers to win (new) or expected to buy (existing); the average order value is derived.",
	"*.regions":   "Ids of the regions it applies to; absent or empty: all regions.",
	"*.products":  "Ids of the product lines it applies to; absent: all.",
	"owner":       "Who is responsible.",
	"date":        "A date: 2024-03-12.",
	"seasonality": "Phasing over the fiscal year.",

	"seasonality.quarters": `Shares of the four quarters in fiscal order, adding up to 100%: ["22%", "24%", "30%", "24%"].`,
	"seasonality.months":   "Twelve relative weights in fiscal order; a month's share of its quarter is its weight over the quarter's three. Absent: equal.",

	"promotions":            "Promotions: listed on the site, in booklets and on the timeline.",
	"promotions.*.start":    "First day: 2024-01-20.",
	"promotions.*.end":      "Last day, on or after start.",
	"promotions.*.budget":   "Budget, in the plan's unit.",
	"promotions.*.expected": "Expected incremental revenue, in the plan's unit.",
	"trainings":             "Trainings.",
	"trainings.*.topic":     "What the training is about.",
	"trainings.*.hours":     "Length in hours.",
	"milestones":            "Milestones.",
	"milestones.*.name":     "What happens.",
}

// planDocs describe the keys of content/plan.toml.
var planDocs = map[string]string{
	"title":        "The plan's title.",
	"company":      "The company's name, shown on the people's target letters.",
	"year":         "The plan's (fiscal) year.",
	"currency":     `Currency code: "CNY".`,
	"unit":         `The unit every amount is written in: "万元".`,
	"precision":    "Every computed amount is a whole multiple of it: 1, 0.1, 10.",
	"fiscal_start": "The month the fiscal year starts, 1 to 12; Q1 starts here.",

	"baseline":           "Last year's actuals.",
	"baseline.year":      "Last year (default: year - 1).",
	"baseline.revenue":   "Last year's revenue, in the plan's unit.",
	"baseline.headcount": "Last year's sales headcount, for revenue per head.",

	"target":                         "The annual target: growth over baseline.revenue, or revenue as written.",
	"target.growth":                  `Annual target = baseline.revenue × (1 + growth): "15%". Set growth or revenue.`,
	"target.revenue":                 "The annual target itself, a multiple of precision. Set growth or revenue.",
	"target.new_product_share":       `Goal: share of the target from class "strategic" products (checked).`,
	"target.revenue_per_head_growth": "Goal: growth of revenue per head over last year (checked).",

	"products":         "Product lines: a split of the annual target.",
	"products.*.class": `"mature", "strategic" or "potential".`,
	"customers":        "Customer types: a split of the annual target.",
	"kpis":             "Supporting targets shown as cards with their change.",
	"kpis.*.unit":      `A unit makes baseline and target plain numbers in it; without one they are ratios ("18%").`,
	"kpis.*.baseline":  "Last year's value.",
	"kpis.*.target":    "This year's target.",

	"people":            "Teams and people: the defaults of the quotas of content/people.csv.",
	"people.ramp":       `A new hire's quota factor in their 1st, 2nd, … month: ["25%", "50%", "75%"].`,
	"people.overassign": `What people carry beyond their team's target by default ("10%"); a region's or team's own overassign wins.`,
	"people.balance":    `How far a person's quota per unit of weight may be from the median before the people-balance check warns (default "25%").`,
}

// regionDocs describe the keys of a region file.
var regionDocs = map[string]string{
	"id":                 "The region id, if written, must be the file's base name.",
	"name":               "The region's name.",
	"mix":                "The region's own mix; the other regions share what it leaves.",
	"mix.products":       "Shares of the plan's product lines by id, adding up to 100%; ids left out are 0%.",
	"mix.customers":      "Shares of the plan's customer types by id, adding up to 100%; ids left out are 0%.",
	"customer_counts":    "Customers by customer type id, for this region's revenue per customer.",
	"channels":           "The region's channels: a split of its target.",
	"promotions":         "Promotions of this region alone.",
	"overassign":         `What this region's people carry beyond its target ("10%"); a team's own overassign wins.`,
	"teams":              "The region's teams: a split of its target, each carried by its people in content/people.csv.",
	"teams.*.manager":    "The team manager's name.",
	"teams.*.overassign": `What this team's people carry beyond its target ("5%").`,
}

// configDocs describe the keys of planbook.toml.
var configDocs = map[string]string{
	"language":     `Labels, numbers and dates: "zh-CN" (default) or "en".`,
	"theme":        `The theme: a folder under themes/ laid over the built-in "default".`,
	"output":       `The output folder (default "public"), inside the site folder or absolute.`,
	"base_path":    `Where the site is served (default "/"); links stay relative anyway.`,
	"unsafe_html":  "Render raw HTML inside Markdown (default false: escaped).",
	"people_pages": "Publish each person's quota pages and target letters on the site (default false: team totals only).",
	"explain":      "Every figure of the pages explains itself in a popover (default true); false leaves the popovers and their files out.",
}

// docsByFile are the descriptions of each schema's own keys.
var docsByFile = map[string]map[string]string{
	"plan.schema.json":     planDocs,
	"region.schema.json":   regionDocs,
	"planbook.schema.json": configDocs,
}

// docsFor returns the description lookup of a schema.
func docsFor(name string) func(path string) string {
	own := docsByFile[name]
	return func(path string) string {
		if path == "" {
			return ""
		}
		for p := path; ; {
			if d, ok := own[p]; ok {
				return d
			}
			if d, ok := sharedDocs[p]; ok && name != "planbook.schema.json" {
				return d
			}
			_, rest, ok := strings.Cut(p, ".")
			if !ok {
				return ""
			}
			p = rest
		}
	}
}
