package pipeline_test

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planbook/generator/i18n"
)

var (
	chartElement = regexp.MustCompile(`<div class="chart[^"]*" id="([^"]+)" data-chart="([^"]+)"[^>]*? data-option="([^"]+)"(?: data-table="([^"]+)")?`)
	headCell     = regexp.MustCompile(`<th scope="col"( class="num")?>([^<]*)</th>`)
	labelDim     = regexp.MustCompile(`\{@\[(\d+)\]\}`)
)

// TestChartsFromTables checks, on every page of the example (which has
// actual results), the charts that take their figures from the table
// beside them: their option holds no figures, each series shows a column
// of figures of that table (dimension 2j is column j's figure, 2j+1 its
// text), a pie's first column of figures is the target, and every
// region's chart of a kind has the same option.
func TestChartsFromTables(t *testing.T) {
	out := buildExample(t)
	target := i18n.Lang("zh-CN").T("col.target")
	kinds := map[string]bool{}
	optionOf := map[string]string{} // chart name → its option on region pages
	for _, page := range htmlPages(t, out) {
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, m := range chartElement.FindAllStringSubmatch(text, -1) {
			id, name, optionID, tableID := m[1], m[2], m[3], m[4]
			option := between(text, `id="`+optionID+`">`, "</script>")
			var o struct {
				Dataset any `json:"dataset"`
				Series  []struct {
					Type   string          `json:"type"`
					Data   json.RawMessage `json:"data"`
					Encode *struct{ X, Y int }
					Label  *struct{ Formatter string }
				}
			}
			if err := json.Unmarshal([]byte(option), &o); err != nil {
				t.Fatalf("%s: %s: %v", page, id, err)
			}
			if o.Dataset == nil {
				continue
			}
			kinds[name] = true
			if tableID == "" {
				t.Errorf("%s: %s takes its figures from a table it does not name", page, id)
				continue
			}
			table := between(text, `id="`+tableID+`">`, "</thead>")
			head := headCell.FindAllStringSubmatch(table, -1)
			if len(head) < 2 {
				t.Fatalf("%s: %s: no table head in %q", page, id, table)
			}
			isFigure := func(dim int) bool { return dim%2 == 0 && dim/2 < len(head) && head[dim/2][1] != "" }
			for i, s := range o.Series {
				if string(s.Data) != "null" {
					t.Errorf("%s: %s: series %d holds its own data %s", page, id, i, s.Data)
				}
				switch {
				case s.Type == "pie":
					for _, h := range head {
						if h[1] != "" {
							if !strings.HasPrefix(html.UnescapeString(h[2]), target) {
								t.Errorf("%s: %s: a pie shows the first column of figures, %q, not the target", page, id, h[2])
							}
							break
						}
					}
				case s.Encode == nil || s.Encode.X != 0 || !isFigure(s.Encode.Y):
					t.Errorf("%s: %s: series %d does not show a column of figures over the names: %+v of %d columns", page, id, i, s.Encode, len(head))
				}
				if s.Label != nil {
					for _, d := range labelDim.FindAllStringSubmatch(s.Label.Formatter, -1) {
						if k := atoi(d[1]); k%2 != 1 || k/2 >= len(head) {
							t.Errorf("%s: %s: label %q names no cell text", page, id, s.Label.Formatter)
						}
					}
				}
			}
			if strings.HasPrefix(page, "regions/") && strings.HasSuffix(id, "-"+strings.Split(page, "/")[1]) {
				if prev, ok := optionOf[name]; ok && prev != option {
					t.Errorf("%s: %s: the option differs from another region's:\n%s\n%s", page, id, option, prev)
				}
				optionOf[name] = option
			}
		}
	}
	for _, name := range []string{"quarters", "months", "products", "regions", "channels", "customers", "actuals-regions", "actuals-products", "actuals-channels"} {
		if !kinds[name] {
			t.Errorf("no %s chart takes its figures from its table", name)
		}
	}
}

// between returns the text of s after the first start and before the
// next end.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
