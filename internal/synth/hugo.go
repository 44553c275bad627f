package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// HugoSite returns a Hugo site with as many pages as planbook builds for
// the synthetic plan of o, and comparable content: for every region a page
// and a booklet page with its targets by quarter and month, its channels,
// product mix, customers and items as tables, and its narrative; an
// overview, a regions list, a products page and the narrative section.
// It is for measuring planbook against Hugo (scripts/compare-hugo.sh).
func HugoSite(o Options) map[string]string {
	rng := rand.New(rand.NewPCG(o.Seed, 0x4a60))
	files := map[string]string{
		"hugo.toml": `baseURL = "/"
title = "Synthetic plan"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
uglyURLs = false
`,
		"layouts/_default/baseof.html": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "css/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a><nav><ul>
{{- range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}">{{ .Name }}</a></li>{{ end -}}
</ul></nav></header><main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }} · <a href="{{ "data/plan.json" | relURL }}">plan.json</a></footer></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.target }}<ul class="cards"><li>目标 {{ . }} 万元</li><li>占比 {{ $.Params.share }}</li><li>人均 {{ $.Params.perhead }}</li></ul>{{ end }}
{{ .Content }}</article>{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<table><thead><tr><th>页面</th><th>目标</th></tr></thead><tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.target }}</td></tr>{{ end }}
</tbody></table>{{ end }}
`,
		"static/css/site.css": "body{font-family:sans-serif} table{border-collapse:collapse} td,th{padding:4px;border-bottom:1px solid #ddd} .num{text-align:right}\n",
	}
	var menu strings.Builder
	for i, m := range []string{"regions", "booklets", "products", "strategy"} {
		fmt.Fprintf(&menu, "[[menu.main]]\nname = %q\nurl = \"/%s/\"\nweight = %d\n", m, m, i)
	}
	files["hugo.toml"] += menu.String()
	files["content/_index.md"] = "---\ntitle: Overview\n---\n" + table(rng, "季度", 4, 3) + table(rng, "月份", 12, 3)
	files["content/products.md"] = "---\ntitle: Products\n---\n" + table(rng, "产品", 12, 6)
	files["content/strategy.md"] = "---\ntitle: Strategy\n---\n## 目标\n\n全年目标与分解思路。\n\n" + table(rng, "维度", 6, 3)
	files["content/regions/_index.md"] = "---\ntitle: Regions\n---\n"
	files["content/booklets/_index.md"] = "---\ntitle: Booklets\n---\n"
	for i := 0; i < o.Regions; i++ {
		id := fmt.Sprintf("r%04d", i+1)
		body := "## 季度与月度目标\n\n" + table(rng, "季度", 4, 4) + table(rng, "月份", 12, 4) +
			"## 渠道\n\n" + table(rng, "渠道", 4, 5) +
			"## 产品与客户\n\n" + table(rng, "产品", 12, 3) + table(rng, "客户", 2, 5) +
			"## 促销、培训与里程碑\n\n" + table(rng, "事项", 10, 7) +
			fmt.Sprintf("## 大区说明\n\n本大区 %d 全年目标按季度分解,重点客户拓展与渠道建设并重。\n\n- 重点客户拓展\n- 渠道建设\n", i+1)
		front := fmt.Sprintf("---\ntitle: \"大区 %d\"\ntarget: %d\nshare: \"%d.%d%%\"\nperhead: %d\n---\n", i+1, 500+rng.IntN(5000), rng.IntN(5), rng.IntN(10), 100+rng.IntN(100))
		files["content/regions/"+id+".md"] = front + body
		files["content/booklets/"+id+".md"] = front + "## 目录\n\n1. 概要\n2. 目标\n3. 渠道\n\n" + body + "\n## 签字确认\n\n| 职务 | 签字 | 日期 |\n|---|---|---|\n| 大区经理 | | |\n| 销售总监 | | |\n"
	}
	return files
}

// table writes a Markdown table of rows × cols figures with a total row.
func table(rng *rand.Rand, first string, rows, cols int) string {
	var b strings.Builder
	b.WriteString("| " + first)
	for c := 0; c < cols; c++ {
		fmt.Fprintf(&b, " | 列 %d", c+1)
	}
	b.WriteString(" |\n|---")
	for c := 0; c < cols; c++ {
		b.WriteString("|--:")
	}
	b.WriteString("|\n")
	for r := 0; r < rows; r++ {
		fmt.Fprintf(&b, "| 行 %d", r+1)
		for c := 0; c < cols; c++ {
			fmt.Fprintf(&b, " | %d,%03d", rng.IntN(9)+1, rng.IntN(1000))
		}
		b.WriteString(" |\n")
	}
	b.WriteString("\n")
	return b.String()
}
