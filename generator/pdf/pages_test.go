package pdf

import (
	"maps"
	"testing"
)

func TestMatchPages(t *testing.T) {
	hs := []heading{
		{"", "华东大区"},
		{"contents", "目录"},
		{"summary", "1 目标概要"},
		{"targets", "2 季度与月度目标"},
		{"chart-quarters-east-figure", "图 1 季度目标与累计"},
		{"empty", ""},
		{"narrative", "6 大区说明"},
		{"plan", "华东大区经营计划"},
		{"narrative", "又一个标题"}, // a heading without an id of its own: its section keeps the first page
		{"risks", "风险"},
		{"page-risks", "7 风险"},
	}
	outline := []bookmark{
		{"华东大区", 1},
		{"目录", 2},
		{"1 目标概要", 2},
		{"2  季度与月度目标", 3}, // spaced its own way
		{"图 1\u00a0季度目标与累计", 3},
		{"6 大区说明", 8},
		{"华东大区经营计划", 8},
		{"又一个标题", 9},
		{"7 风险", 12}, // "风险" is missing from the outline: not matched to it
	}
	want := map[string]int{"contents": 2, "summary": 2, "targets": 3, "chart-quarters-east-figure": 3, "narrative": 8, "plan": 8, "page-risks": 12}
	if got := matchPages(outline, hs); !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
