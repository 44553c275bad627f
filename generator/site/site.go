// Package site renders the pages of a plan site from a computed plan.
package site

import (
	"bytes"
	"html/template"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/i18n"
)

// Render returns the site's pages by their path under the output folder.
func Render(r *compute.Result) (map[string][]byte, *diag.List) {
	errs := &diag.List{}
	var b bytes.Buffer
	l := i18n.Lang(r.Plan.Config.Language)
	err := indexTemplate.Execute(&b, map[string]any{
		"Plan":   r.Plan,
		"Target": l.Amount(r.Amount(r.Target), 4, r.Plan.Unit),
		"R":      r,
		"Lang":   r.Plan.Config.Language,
	})
	if err != nil {
		errs.Errorf("themes/", 0, 0, "rendering index.html: %v", err)
	}
	return map[string][]byte{"index.html": b.Bytes()}, errs
}

var indexTemplate = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<meta charset="utf-8">
<title>{{.Plan.Title}}</title>
<h1>{{.Plan.Title}}</h1>
<p>{{.Target}}</p>
<ul>
<li><a href="data/plan.json">plan.json</a></li>
</ul>
<ul>
{{range .R.Checks}}<li>{{.Level}} {{.Code}}: {{.Message}}</li>
{{end}}</ul>
</html>
`))
