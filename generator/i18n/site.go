package i18n

import (
	"fmt"
	"time"
)

// siteStrings are the strings of the site's pages.
var siteStrings = map[string]map[Lang]string{
	"nav.dashboard":            {"zh-CN": "总览", "en": "Overview"},
	"nav.regions":              {"zh-CN": "大区", "en": "Regions"},
	"nav.products":             {"zh-CN": "产品线", "en": "Products"},
	"nav.menu":                 {"zh-CN": "目录", "en": "Contents"},
	"footer.built":             {"zh-CN": "由 planbook 生成 · 数据:", "en": "Made with planbook · Data:"},
	"footer.data":              {"zh-CN": "plan.json 与 CSV 表格", "en": "plan.json and CSV tables"},
	"dashboard.title":          {"zh-CN": "总览", "en": "Overview"},
	"dashboard.lead":           {"zh-CN": "%d 年目标以 %d 年实际为基数,按季度与月份、产品线、大区与渠道、新老客户逐层分解。", "en": "The %d target builds on %d actuals and breaks down by quarter and month, product line, region and channel, and customer type."},
	"kpi.target":               {"zh-CN": "年度目标", "en": "Annual target"},
	"kpi.vs":                   {"zh-CN": "较 %d 年 %s", "en": "vs %d: %s"},
	"kpi.per-head":             {"zh-CN": "人均销售目标", "en": "Target per head"},
	"kpi.per-head-of":          {"zh-CN": "年度目标 ÷ %d 名销售人员", "en": "annual target ÷ %d sales staff"},
	"kpi.set":                  {"zh-CN": "计划设定的指标", "en": "set in the plan"},
	"kpi.new-share":            {"zh-CN": "新产品占比", "en": "New-product share"},
	"kpi.goal":                 {"zh-CN": "目标 ≥ %s", "en": "goal ≥ %s"},
	"kpi.share-of":             {"zh-CN": "占公司 %s", "en": "%s of the company"},
	"kpi.headcount":            {"zh-CN": "销售人员 %d 人", "en": "%d sales staff"},
	"checks.title":             {"zh-CN": "计划检查", "en": "Plan checks"},
	"checks.all-pass":          {"zh-CN": "全部 %d 项检查均通过", "en": "All %d checks pass"},
	"checks.others-pass":       {"zh-CN": "其余 %d 项检查通过", "en": "The other %d checks pass"},
	"level.ok":                 {"zh-CN": "通过", "en": "OK"},
	"level.warning":            {"zh-CN": "注意", "en": "Warning"},
	"level.error":              {"zh-CN": "错误", "en": "Error"},
	"section.time":             {"zh-CN": "时间分解", "en": "Phasing"},
	"section.mix":              {"zh-CN": "产品与客户", "en": "Products and customers"},
	"section.regions":          {"zh-CN": "大区与渠道", "en": "Regions and channels"},
	"section.execution":        {"zh-CN": "执行计划", "en": "Execution"},
	"section.narrative":        {"zh-CN": "计划说明", "en": "Plan narrative"},
	"chart.quarters":           {"zh-CN": "季度目标与累计", "en": "Quarterly targets and cumulative total"},
	"chart.months":             {"zh-CN": "月度目标与累计", "en": "Monthly targets and cumulative total"},
	"chart.products":           {"zh-CN": "产品结构:目标与上年对比", "en": "Product mix: target against last year"},
	"chart.product-mix":        {"zh-CN": "产品结构", "en": "Product mix"},
	"chart.product-quarters":   {"zh-CN": "产品季度分解", "en": "Products by quarter"},
	"chart.regions":            {"zh-CN": "大区目标(按季度)", "en": "Regional targets by quarter"},
	"chart.channels":           {"zh-CN": "渠道结构", "en": "Channel mix"},
	"chart.customers":          {"zh-CN": "新老客户", "en": "New and existing customers"},
	"chart.flow":               {"zh-CN": "目标分解:公司 → 大区 → 渠道", "en": "Breakdown: company → regions → channels"},
	"chart.timeline":           {"zh-CN": "促销、培训与里程碑", "en": "Promotions, trainings and milestones"},
	"col.quarter":              {"zh-CN": "季度", "en": "Quarter"},
	"col.month":                {"zh-CN": "月份", "en": "Month"},
	"col.target":               {"zh-CN": "目标", "en": "Target"},
	"col.baseline":             {"zh-CN": "%d 年实际", "en": "%d actual"},
	"col.share":                {"zh-CN": "占比", "en": "Share"},
	"col.growth":               {"zh-CN": "增长", "en": "Growth"},
	"col.cumulative":           {"zh-CN": "累计", "en": "Cumulative"},
	"col.product":              {"zh-CN": "产品线", "en": "Product line"},
	"col.class":                {"zh-CN": "类别", "en": "Class"},
	"col.region":               {"zh-CN": "大区", "en": "Region"},
	"col.channel":              {"zh-CN": "渠道", "en": "Channel"},
	"col.stage":                {"zh-CN": "阶段", "en": "Stage"},
	"col.manager":              {"zh-CN": "负责人", "en": "Manager"},
	"col.headcount":            {"zh-CN": "人数", "en": "Headcount"},
	"col.per-head":             {"zh-CN": "人均", "en": "Per head"},
	"col.customer":             {"zh-CN": "客户类型", "en": "Customer type"},
	"col.count":                {"zh-CN": "客户数", "en": "Customers"},
	"col.per-customer":         {"zh-CN": "客单价", "en": "Per customer"},
	"col.regions":              {"zh-CN": "覆盖大区", "en": "Regions"},
	"col.total":                {"zh-CN": "合计", "en": "Total"},
	"col.item":                 {"zh-CN": "事项", "en": "Item"},
	"col.kind":                 {"zh-CN": "类型", "en": "Kind"},
	"col.date":                 {"zh-CN": "日期", "en": "Date"},
	"col.dates":                {"zh-CN": "时间", "en": "Dates"},
	"col.owner":                {"zh-CN": "负责", "en": "Owner"},
	"col.budget":               {"zh-CN": "预算", "en": "Budget"},
	"col.expected":             {"zh-CN": "预计增量", "en": "Expected"},
	"col.hours":                {"zh-CN": "学时", "en": "Hours"},
	"col.applies":              {"zh-CN": "适用", "en": "Applies to"},
	"col.kpi":                  {"zh-CN": "指标", "en": "Indicator"},
	"col.from":                 {"zh-CN": "上年", "en": "Last year"},
	"col.to":                   {"zh-CN": "目标", "en": "Target"},
	"col.change":               {"zh-CN": "变化", "en": "Change"},
	"all.regions":              {"zh-CN": "全部大区", "en": "All regions"},
	"all.products":             {"zh-CN": "全部产品", "en": "All products"},
	"series.target":            {"zh-CN": "目标", "en": "Target"},
	"series.cumulative":        {"zh-CN": "累计", "en": "Cumulative"},
	"series.baseline":          {"zh-CN": "上年实际", "en": "Last year"},
	"series.per-customer":      {"zh-CN": "客单价", "en": "Per customer"},
	"kind.promotion":           {"zh-CN": "促销", "en": "Promotion"},
	"kind.training":            {"zh-CN": "培训", "en": "Training"},
	"kind.milestone":           {"zh-CN": "里程碑", "en": "Milestone"},
	"stage.mature":             {"zh-CN": "成熟", "en": "Mature"},
	"stage.growing":            {"zh-CN": "成长", "en": "Growing"},
	"stage.emerging":           {"zh-CN": "新兴", "en": "Emerging"},
	"class.mature":             {"zh-CN": "成熟主力", "en": "Mature"},
	"class.strategic":          {"zh-CN": "战略新品", "en": "Strategic"},
	"class.potential":          {"zh-CN": "潜力", "en": "Potential"},
	"regions.title":            {"zh-CN": "大区", "en": "Regions"},
	"regions.lead":             {"zh-CN": "%d 个大区分担年度目标 %s。", "en": "%d regions share the annual target of %s."},
	"regions.lead-behind":      {"zh-CN": "截至 %s,%d 个大区落后于同期计划:%s。", "en": " Through %s, %d behind plan to date: %s."},
	"regions.none-behind":      {"zh-CN": "截至 %s,各大区均达到同期计划。", "en": " Through %s, every region is on plan to date."},
	"regions.behind":           {"zh-CN": "落后", "en": "behind"},
	"region.targets":           {"zh-CN": "目标分解", "en": "Targets"},
	"region.channels":          {"zh-CN": "渠道", "en": "Channels"},
	"region.mix":               {"zh-CN": "产品与客户结构", "en": "Product and customer mix"},
	"region.items":             {"zh-CN": "促销、培训与里程碑", "en": "Promotions, trainings and milestones"},
	"region.narrative":         {"zh-CN": "大区说明", "en": "Regional narrative"},
	"region.own-seasonality":   {"zh-CN": "本大区使用自己的季节性分布", "en": "This region sets its own seasonality"},
	"region.manager":           {"zh-CN": "负责人:%s", "en": "Manager: %s"},
	"region.booklet":           {"zh-CN": "打印手册", "en": "Printable booklet"},
	"region.none":              {"zh-CN": "无", "en": "None"},
	"products.title":           {"zh-CN": "产品线", "en": "Product lines"},
	"products.lead":            {"zh-CN": "%d 条产品线分担年度目标 %s;战略性新产品占 %s。", "en": "%d product lines share the annual target of %s; strategic products take %s."},
	"kpis.title":               {"zh-CN": "辅助指标", "en": "Supporting targets"},
	"table.caption":            {"zh-CN": "单位:%s", "en": "Unit: %s"},
	"table.show":               {"zh-CN": "数据表", "en": "Data table"},
	"quarter.label":            {"zh-CN": "第%s季度", "en": "Q%s"},
	"month.label":              {"zh-CN": "%d月", "en": "%s"},
	"pages.title":              {"zh-CN": "计划说明", "en": "Narrative"},
	"booklet.title":            {"zh-CN": "%s 计划手册", "en": "%s plan booklet"},
	"booklet.subtitle":         {"zh-CN": "大区年度目标分解与执行计划", "en": "Regional targets and execution plan"},
	"booklet.year":             {"zh-CN": "计划年度", "en": "Plan year"},
	"booklet.plan-version":     {"zh-CN": "计划版本", "en": "Plan version"},
	"booklet.version":          {"zh-CN": "%s(%s)", "en": "%s (%s)"},
	"booklet.modified":         {"zh-CN": " · 含未提交的修改", "en": " · with changes not yet committed"},
	"booklet.unversioned":      {"zh-CN": "未标注版本", "en": "unversioned"},
	"booklet.contents":         {"zh-CN": "目录", "en": "Contents"},
	"booklet.signoff":          {"zh-CN": "签字确认", "en": "Sign-off"},
	"booklet.signoff.text":     {"zh-CN": "以上目标与执行计划经双方确认。", "en": "The targets and plan above are agreed by:"},
	"booklet.role":             {"zh-CN": "职务", "en": "Role"},
	"booklet.signature":        {"zh-CN": "签字", "en": "Signature"},
	"booklet.sign.manager":     {"zh-CN": "大区经理", "en": "Region manager"},
	"booklet.sign.director":    {"zh-CN": "销售总监", "en": "Sales director"},
	"others.regions":           {"zh-CN": "其他 %d 个大区", "en": "%d other regions"},
	"flow.target":              {"zh-CN": "年度目标", "en": "Annual target"},
	"nav.actuals":              {"zh-CN": "执行情况", "en": "Plan vs actual"},
	"actuals.title":            {"zh-CN": "计划执行情况", "en": "Plan against actual"},
	"actuals.lead":             {"zh-CN": "截至 %s,年初至今实际完成 %s,为同期计划的 %s;按此进度,全年预计完成 %s。", "en": "Through %s, the year to date reached %s, %s of the plan to date; at this pace the full year comes to %s."},
	"actuals.months":           {"zh-CN": "月度计划与实际", "en": "Monthly plan and actual"},
	"actuals.quarters":         {"zh-CN": "季度完成情况", "en": "Attainment by quarter"},
	"actuals.customers":        {"zh-CN": "客户类型完成情况", "en": "Attainment by customer type"},
	"actuals.region":           {"zh-CN": "执行情况", "en": "Plan against actual"},
	"actuals.unassigned":       {"zh-CN": "未指定", "en": "Not assigned"},
	"kpi.actual":               {"zh-CN": "年初至今实际", "en": "Actual to date"},
	"kpi.attainment":           {"zh-CN": "完成率", "en": "Attainment"},
	"kpi.projection":           {"zh-CN": "全年预测", "en": "Full-year projection"},
	"kpi.through":              {"zh-CN": "截至 %s", "en": "through %s"},
	"kpi.plan-to-date":         {"zh-CN": "同期计划 %s", "en": "plan to date %s"},
	"kpi.of-target":            {"zh-CN": "全年目标 %s", "en": "target %s"},
	"chart.actuals":            {"zh-CN": "月度计划与实际", "en": "Monthly plan and actual"},
	"chart.actuals-regions":    {"zh-CN": "大区完成情况", "en": "Attainment by region"},
	"chart.actuals-products":   {"zh-CN": "产品线完成情况", "en": "Attainment by product line"},
	"chart.actuals-channels":   {"zh-CN": "渠道完成情况", "en": "Attainment by channel"},
	"series.actual":            {"zh-CN": "实际", "en": "Actual"},
	"series.plan-to-date":      {"zh-CN": "同期计划", "en": "Plan to date"},
	"series.plan-cumulative":   {"zh-CN": "累计目标", "en": "Cumulative target"},
	"series.actual-cumulative": {"zh-CN": "累计实际", "en": "Cumulative actual"},
	"col.actual":               {"zh-CN": "实际", "en": "Actual"},
	"col.plan-to-date":         {"zh-CN": "同期计划", "en": "Plan to date"},
	"col.attainment":           {"zh-CN": "完成率", "en": "Attainment"},
	"col.projection":           {"zh-CN": "全年预测", "en": "Projection"},
}

var cnDigits = []string{"一", "二", "三", "四"}

// Quarter returns the label of quarter q (0..3): "第一季度" or "Q1".
func (l Lang) Quarter(q int) string {
	if l == "en" {
		return fmt.Sprintf("Q%d", q+1)
	}
	return l.Sprintf("quarter.label", cnDigits[q])
}

// Month returns the label of a calendar month: "3月" or "Mar".
func (l Lang) Month(m time.Month) string {
	if l == "en" {
		return m.String()[:3]
	}
	return fmt.Sprintf("%d月", int(m))
}

// ShortDate formats a day of the year: "3月12日" or "12 Mar".
func (l Lang) ShortDate(m time.Month, d int) string {
	if l == "en" {
		return fmt.Sprintf("%d %s", d, m.String()[:3])
	}
	return fmt.Sprintf("%d月%d日", int(m), d)
}

// Date formats a date: "2024年3月12日" or "12 Mar 2024".
func (l Lang) Date(y int, m time.Month, d int) string {
	if l == "en" {
		return fmt.Sprintf("%d %s %d", d, m.String()[:3], y)
	}
	return fmt.Sprintf("%d年%d月%d日", y, int(m), d)
}
