package i18n

// checkStrings are the strings of the checks list (section 5.4 of the plan
// format).
var checkStrings = map[string]map[Lang]string{
	"check.new-product-share": {
		"zh-CN": "战略性新产品目标 %s,占年度目标 %s(要求不低于 %s)",
		"en":    "Strategic products: %s, %s of the annual target (goal: at least %s)",
	},
	"check.new-product-share.none": {
		"zh-CN": "没有 class = \"strategic\" 的产品,新产品占比为 0(要求不低于 %s)",
		"en":    "No product has class = \"strategic\": the new-product share is 0 (goal: at least %s)",
	},
	"check.revenue-per-head-growth": {
		"zh-CN": "人均效能 %[1]s,较上年 %[3]s 增长 %[2]s(要求不低于 %[4]s)",
		"en":    "Revenue per head %s, %s on last year's %s (goal: at least %s)",
	},
	"check.revenue-per-head-growth.missing": {
		"zh-CN": "无法检查人均效能增长:%s",
		"en":    "Cannot check revenue per head growth: %s",
	},
	"check.per-head.no-baseline": {
		"zh-CN": "[baseline] 缺少 revenue 或 headcount",
		"en":    "[baseline] lacks revenue or headcount",
	},
	"check.per-head.zero-baseline": {
		"zh-CN": "上年人均效能四舍五入为 %s,无法计算增长",
		"en":    "last year's revenue per head rounds to %s, so there is no growth to compare",
	},
	"check.per-head.no-headcount": {
		"zh-CN": "没有大区设置 headcount",
		"en":    "no region sets a headcount",
	},
	"check.splits": {
		"zh-CN": "所有拆分、二维表与引用均有效:每一行、每一列的合计都精确一致",
		"en":    "Every split, table and reference is valid: every row and column adds up exactly",
	},
	"check.splits.error": {
		"zh-CN": "有 %d 处拆分或二维表无法对齐,详见上方错误",
		"en":    "%d splits or tables cannot add up; see the errors above",
	},
	"check.fit-gap": {
		"zh-CN": "%s:自下而上提报合计 %s,自上而下目标 %s,差额 %s,已按提报比例缩放",
		"en":    "%s: bottom-up proposals total %s against the top-down %s (gap %s); scaled to fit",
	},
	"check.fit-keep.over": {
		"zh-CN": "%[1]s:按提报保留,合计 %[2]s,超出目标 %[4]s 共 %[3]s",
		"en":    "%s kept at their proposals: %s, %s over the %s target",
	},
	"check.fit-keep.under": {
		"zh-CN": "%[1]s:按提报保留,合计 %[2]s,低于目标 %[4]s 共 %[3]s",
		"en":    "%s kept at their proposals: %s, %s under the %s target",
	},
	"check.fit-keep.even": {
		"zh-CN": "%s:按提报保留,合计 %s,与目标一致",
		"en":    "%s kept at their proposals: %s, exactly the target",
	},
	"check.promotion-dates": {
		"zh-CN": "全部 %d 项促销均在财年(%s 至 %s)内",
		"en":    "Every promotion (%d) falls inside the fiscal year (%s to %s)",
	},
	"check.promotion-dates.outside": {
		"zh-CN": "促销「%s」(%s 至 %s)超出财年 %s 至 %s",
		"en":    "Promotion %q (%s to %s) falls outside the fiscal year %s to %s",
	},
	"check.item-dates.outside": {
		"zh-CN": "「%s」日期 %s 不在财年 %s 至 %s 内",
		"en":    "%q on %s falls outside the fiscal year %s to %s",
	},
	"check.promotion-budget": {
		"zh-CN": "促销共 %d 项,预算合计 %s,预计增量销售额 %s(投入产出比 %s)",
		"en":    "Promotions: %d, total budget %s, expected incremental revenue %s (return %s)",
	},
	"check.promotion-return": {
		"zh-CN": "「%s」预算 %s,预计增量 %s(%s)",
		"en":    "%q: budget %s, expected %s (return %s)",
	},
	"check.promotion-return.no-budget": {
		"zh-CN": "「%s」未设预算,预计增量 %s",
		"en":    "%q: no budget set, expected %s",
	},
	"list.products":  {"zh-CN": "产品线", "en": "Product lines"},
	"list.customers": {"zh-CN": "客户类型", "en": "Customer types"},
	"list.regions":   {"zh-CN": "大区", "en": "Regions"},
	"list.channels":  {"zh-CN": "%s 的渠道", "en": "Channels of %s"},
}
