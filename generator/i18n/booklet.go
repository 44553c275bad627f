package i18n

// bookletStrings are the strings of the printed region booklets.
var bookletStrings = map[string]map[Lang]string{
	"booklet.part.summary":   {"zh-CN": "目标概要", "en": "Summary"},
	"booklet.part.targets":   {"zh-CN": "季度与月度目标", "en": "Quarterly and monthly targets"},
	"booklet.part.mix":       {"zh-CN": "产品、渠道与客户", "en": "Products, channels and customers"},
	"booklet.part.execution": {"zh-CN": "执行计划:促销、培训与里程碑", "en": "Execution: promotions, trainings and milestones"},
	"booklet.part.actuals":   {"zh-CN": "计划与实际", "en": "Plan against actual"},
	"booklet.part.narrative": {"zh-CN": "大区说明", "en": "The region's plan"},
	"booklet.figure":         {"zh-CN": "图 %d", "en": "Figure %d"},
	// A chart that a narrative places and the booklet shows elsewhere:
	// the region's version of it, or the same chart shown earlier.
	"booklet.figure-ref":      {"zh-CN": "本大区的对应图表见图 %d", "en": "This region's version of the chart is Figure %d"},
	"booklet.figure-ref.same": {"zh-CN": "该图表见图 %d", "en": "The chart is Figure %d"},
	"booklet.figure-ref.page": {"zh-CN": ",第 {page} 页。", "en": ", on page {page}."},
	// The running footer: {page} and {pages} are the page counters.
	"booklet.folio": {"zh-CN": "第 {page} 页 / 共 {pages} 页", "en": "Page {page} of {pages}"},
}
