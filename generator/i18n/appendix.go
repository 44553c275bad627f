package i18n

// appendixStrings are the strings of the booklet's appendix: how the
// region's figures were computed, in plain words.
var appendixStrings = map[string]map[Lang]string{
	"booklet.part.appendix": {"zh-CN": "附录:目标数字的计算方法", "en": "Appendix: how these figures were computed"},
	"appendix.intro": {
		"zh-CN": "本附录说明本手册中的目标数字如何由计划文件算出。所有金额先按精确小数计算,最后才取整到 %s 的整数倍;每一次拆分、每一张表的行与列都精确合计。",
		"en":    "This appendix says how the targets of this booklet follow from the plan's files. Every amount is computed with exact decimals and only then rounded to a whole multiple of %s; every split, and every row and column of every table, adds up exactly.",
	},
	"appendix.target":          {"zh-CN": "年度目标", "en": "The annual target"},
	"appendix.target.share":    {"zh-CN": "公司年度目标按各大区在其文件中填写的占比(share)拆分到大区,%s的目标 = 公司年度目标 × 本大区占比。", "en": "The company's annual target is split among the regions by the share each region's file sets: %s's target is the company target × its share."},
	"appendix.target.weight":   {"zh-CN": "公司年度目标按各大区文件中的权重(weight)拆分:%s的目标 = 公司年度目标 × 本大区权重 ÷ 全部大区权重之和。", "en": "The company's annual target is split among the regions by the weights their files set: %s's target is the company target × its weight / the sum of all regions' weights."},
	"appendix.target.growth":   {"zh-CN": "各大区按上年基数 × (1 + 增长率)自下而上提报,公司年度目标按提报的比例拆分:%s的目标 = 公司年度目标 × 本大区提报 ÷ 全部提报之和。", "en": "Each region proposes its baseline × (1 + growth), and the company's annual target is split in proportion to the proposals: %s's target is the company target × its proposal / the sum of all proposals."},
	"appendix.target.keep":     {"zh-CN": "%s保留自己的提报(fit = \"keep\"):目标 = 上年基数 × (1 + 增长率)。", "en": "%s keeps its own proposal (fit = \"keep\"): its target is its baseline × (1 + growth)."},
	"appendix.quarters":        {"zh-CN": "季度目标", "en": "Quarters"},
	"appendix.quarters.own":    {"zh-CN": "%s在文件中设定了自己的季度节奏(seasonality.quarters):每个季度目标 = 本大区年度目标 × 该季度占比。", "en": "%s sets its own quarterly phasing (seasonality.quarters): each quarter is its annual target × that quarter's share."},
	"appendix.quarters.free":   {"zh-CN": "%s未设定自己的季度节奏:公司每个季度的目标先减去设定了自己节奏的大区所占的部分,剩余部分由其余大区按各自年度目标的比例分摊。", "en": "%s sets no quarterly phasing of its own: of each company quarter, what the regions with their own phasing leave is shared among the other regions in proportion to their annual targets."},
	"appendix.months":          {"zh-CN": "月度目标", "en": "Months"},
	"appendix.months.own":      {"zh-CN": "%s在文件中设定了月度权重(seasonality.months):每个季度内,各月目标 = 季度目标 × 该月权重 ÷ 本季度三个月的权重之和。", "en": "%s sets its own month weights (seasonality.months): within each quarter, a month is the quarter's target × its weight / the quarter's three weights."},
	"appendix.months.free":     {"zh-CN": "%s未设定月度权重:每个季度内,公司每月目标先减去设定了月度权重的大区所占的部分,剩余部分由其余大区按各自该季度目标的比例分摊。", "en": "%s sets no month weights of its own: within each quarter, of each company month, what the regions with their own weights leave is shared among the other regions in proportion to their quarter's targets."},
	"appendix.products":        {"zh-CN": "产品线", "en": "Product lines"},
	"appendix.products.own":    {"zh-CN": "%s在文件中设定了自己的产品结构(mix.products):每条产品线的目标 = 本大区年度目标 × 该产品线占比(未列出的产品线为 0%%)。", "en": "%s sets its own product mix (mix.products): each product line is its annual target × that line's share (lines it leaves out are 0%%)."},
	"appendix.products.free":   {"zh-CN": "%s未设定产品结构:每条产品线的公司目标先减去设定了自己结构的大区所占的部分,剩余部分由其余大区按各自年度目标的比例分摊。", "en": "%s sets no product mix of its own: of each product line's company target, what the regions with their own mix leave is shared among the other regions in proportion to their annual targets."},
	"appendix.customers":       {"zh-CN": "客户类型", "en": "Customer types"},
	"appendix.customers.own":   {"zh-CN": "%s在文件中设定了自己的客户结构(mix.customers):每种客户类型的目标 = 本大区年度目标 × 该类型占比。", "en": "%s sets its own customer mix (mix.customers): each customer type is its annual target × that type's share."},
	"appendix.customers.free":  {"zh-CN": "%s未设定客户结构:每种客户类型的公司目标先减去设定了自己结构的大区所占的部分,剩余部分由其余大区按各自年度目标的比例分摊。", "en": "%s sets no customer mix of its own: of each customer type's company target, what the regions with their own mix leave is shared among the other regions in proportion to their annual targets."},
	"appendix.channels":        {"zh-CN": "渠道", "en": "Channels"},
	"appendix.channels.share":  {"zh-CN": "%s的年度目标按各渠道填写的占比拆分到渠道。", "en": "%s's annual target is split among its channels by the shares they set."},
	"appendix.channels.weight": {"zh-CN": "%s的年度目标按各渠道的权重拆分到渠道:渠道目标 = 大区目标 × 渠道权重 ÷ 权重之和。", "en": "%s's annual target is split among its channels by their weights: a channel is the region's target × its weight / the sum of the weights."},
	"appendix.channels.growth": {"zh-CN": "%s的各渠道按上年基数 × (1 + 增长率)提报,大区目标按提报的比例拆分到渠道。", "en": "%s's channels each propose their baseline × (1 + growth), and the region's target is split in proportion to the proposals."},
	"appendix.channels.keep":   {"zh-CN": "%s的各渠道保留自己的提报(fit = \"keep\"):渠道目标 = 上年基数 × (1 + 增长率)。", "en": "%s's channels keep their own proposals (fit = \"keep\"): each is its baseline × (1 + growth)."},
	"appendix.teams":           {"zh-CN": "团队", "en": "Teams"},
	"appendix.teams.share":     {"zh-CN": "%s的年度目标按各团队填写的占比拆分到团队。", "en": "%s's annual target is split among its teams by the shares they set."},
	"appendix.teams.weight":    {"zh-CN": "%s的年度目标按各团队的权重拆分到团队:团队目标 = 大区目标 × 团队权重 ÷ 权重之和。", "en": "%s's annual target is split among its teams by their weights: a team is the region's target × its weight / the sum of the weights."},
	"appendix.teams.growth":    {"zh-CN": "%s的各团队按上年基数 × (1 + 增长率)提报,大区目标按提报的比例拆分到团队。", "en": "%s's teams each propose their baseline × (1 + growth), and the region's target is split in proportion to the proposals."},
	"appendix.teams.keep":      {"zh-CN": "%s的各团队保留自己的提报(fit = \"keep\"):团队目标 = 上年基数 × (1 + 增长率)。", "en": "%s's teams keep their own proposals (fit = \"keep\"): each is its baseline × (1 + growth)."},
	"appendix.example":         {"zh-CN": "例如%s为 %s", "en": "For example, %s is %s"},
	"appendix.from":            {"zh-CN": "其中:", "en": "Where: "},
	"appendix.paren":           {"zh-CN": "(%s)", "en": " (%s)"},
	"appendix.rounding": {
		"zh-CN": "取整:拆分时每一项先向下取整,剩余的单位依次分给余数最大的项(最大余数法);二维表(大区 × 季度、月份、产品线、客户类型)中每个单元格向下或向上取整,使每一行、每一列的合计都与目标精确一致(受控取整)。因此每个数字与其精确值之差都小于一个单位。",
		"en":    "Rounding: in a split, every part is rounded down and the units left over go to the parts with the largest remainders (the largest-remainder method); in a two-way table (regions × quarters, months, product lines, customer types) each cell is rounded down or up so that every row and every column adds up to its target exactly (controlled rounding). Every figure is therefore within one unit of its exact value.",
	},
	"appendix.more": {
		"zh-CN": "在网站上,点按任一数字即可查看它的计算依据;planbook explain 命令可打印任一数字的完整推导,例如 planbook explain %s。",
		"en":    "On the site, tap any figure to see how it is computed; the command planbook explain prints the whole derivation of any figure, for example planbook explain %s.",
	},
}
