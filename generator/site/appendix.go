package site

import (
	"html/template"
	"strconv"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/explain"
	"planbook/generator/plan"
)

// appendixTopic is one paragraph of a booklet's appendix: how one kind of
// the region's figures is computed, with one of them worked through.
type appendixTopic struct {
	title   string // catalog key
	text    string // what the rule is, in plain words
	example string // value key of the figure worked through; "" for none
}

// appendix returns the booklet's last part, "How these figures were
// computed": for the region's target, quarters, months, product lines,
// customer types, channels and teams, the rule in plain words, which
// depends on what its file sets (its own seasonality or mix, or none),
// and one figure worked through from its derivation, with the lines of
// the files it comes from.
func (b *builder) appendix(reg *compute.Region) template.HTML {
	l := b.lang
	var out strings.Builder
	paragraph := func(class, s string) {
		out.WriteString(`<p class="` + class + `">`)
		escapeTo(&out, s)
		out.WriteString("</p>\n")
	}
	paragraph("appendix__intro", l.Sprintf("appendix.intro", l.Amount(b.r.Plan.Precision, 20, b.r.Plan.Unit)))
	wording := b.explain.Wording(l, explain.WordsOptions{Private: true})
	for _, t := range b.appendixTopics(reg) {
		out.WriteString("<h3>")
		escapeTo(&out, l.T(t.title))
		out.WriteString("</h3>\n")
		paragraph("appendix__rule", t.text)
		if t.example == "" {
			continue
		}
		d, err := b.explain.Derive(t.example)
		if err != nil {
			continue
		}
		w := wording.Words(d)
		s := l.Sprintf("appendix.example", w.Label, w.Value)
		if w.Formula != "" {
			s += l.T("diff.colon") + w.Formula
		}
		if w.Rounding != "" {
			s += l.T("diff.semicolon") + w.Rounding
		}
		paragraph("appendix__example", s+l.T("diff.stop"))
		var from []string
		for _, in := range w.Inputs {
			what := in.Label
			if in.Where != "" {
				what = strings.TrimSpace(in.Where + " " + in.Text)
			}
			s := in.Role + " " + in.Value
			if what != "" {
				s += l.Sprintf("appendix.paren", what)
			}
			from = append(from, s)
		}
		if len(from) > 0 {
			paragraph("appendix__source", l.T("appendix.from")+strings.Join(from, l.T("diff.semicolon"))+l.T("diff.stop"))
		}
	}
	paragraph("appendix__rule", l.T("appendix.rounding"))
	paragraph("appendix__more", l.Sprintf("appendix.more", "regions."+reg.ID+".quarters.q3"))
	return template.HTML(out.String())
}

// appendixTopics are the appendix's paragraphs for a region, each worded
// for what the region's file sets.
func (b *builder) appendixTopics(reg *compute.Region) []appendixTopic {
	l, r := b.lang, b.r
	prefix := "regions." + reg.ID + "."
	name := reg.Name
	pick := func(fixed bool, own, free string) string {
		if fixed {
			return l.Sprintf(own, name)
		}
		return l.Sprintf(free, name)
	}
	topics := []appendixTopic{
		{"appendix.target", l.Sprintf("appendix.target."+kindWord(reg.Kind, r.Plan.Target.Fit), name), prefix + "target"},
		{"appendix.quarters", pick(reg.Seasonality.Quarters != nil, "appendix.quarters.own", "appendix.quarters.free"), prefix + "quarters.q" + largest(reg.Quarters[:])},
		{"appendix.months", pick(reg.Seasonality.Months != nil, "appendix.months.own", "appendix.months.free"), prefix + "months.m" + largest(reg.Months[:])},
	}
	if len(r.Products) > 0 {
		topics = append(topics, appendixTopic{"appendix.products", pick(reg.MixProducts != nil, "appendix.products.own", "appendix.products.free"), prefix + "products." + r.Products[0].ID})
	}
	if len(r.Customers) > 0 {
		topics = append(topics, appendixTopic{"appendix.customers", pick(reg.MixCustomers != nil, "appendix.customers.own", "appendix.customers.free"), prefix + "customers." + r.Customers[0].ID})
	}
	if len(reg.Channels) > 0 {
		topics = append(topics, appendixTopic{"appendix.channels", l.Sprintf("appendix.channels."+kindWord(reg.Channels[0].Kind, reg.Fit), name), prefix + "channels." + reg.Channels[0].ID + ".target"})
	}
	if len(reg.Region.Teams) > 0 {
		t := reg.Teams[0]
		topics = append(topics, appendixTopic{"appendix.teams", l.Sprintf("appendix.teams."+kindWord(reg.Region.Teams[0].Kind, reg.Fit), name), "teams." + reg.ID + "." + t.ID + ".target"})
	}
	return topics
}

// kindWord names how a list states its parts, for the appendix's words:
// share, weight, growth (scaled to fit) or keep (kept at proposals).
func kindWord(k plan.SplitKind, fit plan.Fit) string {
	if k == plan.ByGrowth && fit == plan.FitKeep {
		return "keep"
	}
	return k.String()
}

// largest returns the number (from 1) of the largest of values, the first
// of equals.
func largest(values []int64) string {
	best := 0
	for i, v := range values {
		if v > values[best] {
			best = i
		}
	}
	return strconv.Itoa(best + 1)
}
