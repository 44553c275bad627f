package i18n

// Strings of the teams and people pages, the person pages and the target
// letters (section 10.6 of the plan format).
func init() {
	for k, v := range map[string]map[Lang]string{
		"nav.people":   {"zh-CN": "团队与人员", "en": "Teams"},
		"people.title": {"zh-CN": "团队与人员", "en": "Teams and people"},
		"people.lead":  {"zh-CN": "%[1]d 个团队分担目标 %[3]s,分配任务合计 %[4]s(超额分配 %[5]s)。", "en": "%d teams carry a target of %[3]s: %[4]s assigned, %[5]s over it."},
		"people.lead.roster": {
			"zh-CN": "%[1]d 个团队、%[2]d 名销售人员分担目标 %[3]s,分配任务合计 %[4]s(超额分配 %[5]s)。",
			"en":    "%d teams of %d sellers carry a target of %s: %s assigned, %s over it.",
		},
		"people.private": {
			"zh-CN": "个人任务属于个人信息,本网站只显示各团队的任务合计与人数;目标责任书由销售管理部门单独打印、发放。",
			"en":    "Individual quotas are personal: this site shows each team's total and head count only. Target letters are printed and handed out separately.",
		},
		"people.coverage":      {"zh-CN": "人员任务覆盖", "en": "Coverage by the people"},
		"people.coverage.lead": {"zh-CN": "每月人员任务合计占当月目标的比例;新人爬坡期的任务后移,年初覆盖率可能低于 100%。", "en": "What the people carry in each month over the month's target; a new hire's ramp moves quota to later months, so coverage can fall below 100% early in the year."},
		"people.teams":         {"zh-CN": "团队", "en": "Teams"},
		"chart.coverage":       {"zh-CN": "月度目标与人员任务覆盖", "en": "Month targets and what the people carry"},
		"people.people":        {"zh-CN": "人员任务", "en": "People"},
		"people.none":          {"zh-CN": "本大区尚无人员名单。", "en": "This region has no people on the roster yet."},
		"region.teams":         {"zh-CN": "团队与人员", "en": "Teams and people"},
		"col.team":             {"zh-CN": "团队", "en": "Team"},
		"col.person":           {"zh-CN": "姓名", "en": "Name"},
		"col.role":             {"zh-CN": "岗位", "en": "Role"},
		"col.people":           {"zh-CN": "人数", "en": "People"},
		"col.overassign":       {"zh-CN": "超额分配", "en": "Over-assignment"},
		"col.assigned":         {"zh-CN": "分配任务", "en": "Assigned"},
		"col.quota":            {"zh-CN": "任务", "en": "Quota"},
		"col.start":            {"zh-CN": "入职日期", "en": "Start"},
		"col.end":              {"zh-CN": "离职日期", "en": "End"},
		"col.weight":           {"zh-CN": "权重", "en": "Weight"},
		"col.employed":         {"zh-CN": "在岗", "en": "Employed"},
		"col.days":             {"zh-CN": "在岗天数", "en": "Days"},
		"col.ramp":             {"zh-CN": "爬坡系数", "en": "Ramp"},
		"col.coverage":         {"zh-CN": "覆盖率", "en": "Coverage"},
		"col.carried":          {"zh-CN": "人员任务", "en": "Carried"},
		"col.letter":           {"zh-CN": "责任书", "en": "Letter"},
		"employed.from":        {"zh-CN": "%s起", "en": "from %s"},
		"employed.until":       {"zh-CN": "至%s", "en": "until %s"},
		"employed.between":     {"zh-CN": "%s – %s", "en": "%s – %s"},
		"employed.year":        {"zh-CN": "全年", "en": "all year"},
		"days.of":              {"zh-CN": "%d/%d", "en": "%d of %d"},
		"person.lead":          {"zh-CN": "%s · %s", "en": "%s · %s"},
		"person.manager":       {"zh-CN": "直属上级:%s", "en": "Manager: %s"},
		"person.letter":        {"zh-CN": "目标责任书(打印)", "en": "Target letter (printable)"},
		"person.quota":         {"zh-CN": "全年任务", "en": "Annual quota"},
		"person.quota.note":    {"zh-CN": "占团队分配任务 %s", "en": "%s of the team's assigned total"},
		"person.weight":        {"zh-CN": "任务权重", "en": "Weight"},
		"person.weight.note":   {"zh-CN": "在岗 %d 个月", "en": "%d months employed"},
		"person.quarters":      {"zh-CN": "季度任务", "en": "Quota by quarter"},
		"person.months":        {"zh-CN": "月度任务", "en": "Quota by month"},
		"person.ramp":          {"zh-CN": "新人爬坡:入职第 1 至 %d 个月的任务按爬坡系数折算(见月度任务表)。", "en": "Ramp-up: the quota of the first %d months of employment is scaled by the ramp factors (see the monthly quotas)."},

		"letter.title":       {"zh-CN": "%d 年度销售目标责任书", "en": "Sales target letter %d"},
		"letter.person":      {"zh-CN": "责任人", "en": "Employee"},
		"letter.manager":     {"zh-CN": "直属上级", "en": "Manager"},
		"letter.period":      {"zh-CN": "考核期间", "en": "Period"},
		"letter.period.text": {"zh-CN": "%s至%s", "en": "%s to %s"},
		"letter.employed":    {"zh-CN": "任职期间", "en": "Employed"},
		"letter.quota":       {"zh-CN": "一、年度销售任务", "en": "1. Annual sales quota"},
		"letter.quota.text": {
			"zh-CN": "责任人 %[1]d 年度销售任务为 %[2]s,按季度和月份分解如下:",
			"en":    "Your sales quota for %d is %s, by quarter and by month:",
		},
		"letter.ramp": {
			"zh-CN": "新员工爬坡:入职第 1 至 %[1]d 个月的任务按爬坡系数核定,即 %[2]s。",
			"en":    "Ramp-up: in the first %d months of employment the quota is scaled by the ramp factors: %s.",
		},
		"letter.ramp.month": {"zh-CN": "%s %s", "en": "%s %s"},
		"letter.kpis":       {"zh-CN": "二、公司年度重点指标", "en": "2. The company's targets for the year"},
		"letter.kpis.text": {
			"zh-CN": "公司 %[1]d 年度销售目标为 %[2]s。责任人在完成个人任务的同时,支持公司达成以下指标:",
			"en":    "The company's sales target for %d is %s. Besides your quota, you help the company reach these targets:",
		},
		"letter.kpis.target": {
			"zh-CN": "公司 %[1]d 年度销售目标为 %[2]s,由各大区、团队和人员逐级分解承担。",
			"en":    "The company's sales target for %d is %s, shared out among the regions, their teams and their people.",
		},
		"letter.confirm": {"zh-CN": "三、确认", "en": "3. Agreement"},
		"letter.confirm.text": {
			"zh-CN": "本责任书依据《%s》制定。责任人已知悉并认可上述任务,将全力完成;计划调整后任务如有变化,以更新后的责任书为准。",
			"en":    "This letter follows the plan \"%s\". By signing, the employee confirms the quota above and commits to reaching it; if the plan changes, an updated letter replaces this one.",
		},
		"letter.sign.person":  {"zh-CN": "责任人签字", "en": "Employee's signature"},
		"letter.sign.manager": {"zh-CN": "直属上级签字", "en": "Manager's signature"},
		"letter.sign.date":    {"zh-CN": "日期:    年    月    日", "en": "Date:"},
	} {
		catalog[k] = v
	}
}
