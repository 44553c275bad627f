package i18n

// peopleStrings are the strings of the people checks (section 10.5 of the
// plan format).
var peopleStrings = map[string]map[Lang]string{
	"list.teams": {"zh-CN": "%s 的团队", "en": "Teams of %s"},
	"team.label": {"zh-CN": "%s(%s)", "en": "%s (%s)"},
	"check.people-coverage": {
		"zh-CN": "%[1]s %[2]s:人员任务合计 %[3]s,低于当月目标 %[4]s(覆盖率 %[5]s),缺口 %[6]s",
		"en":    "%s, %s: its people carry %s of the month's %s target (%s coverage), %s short",
	},
	"check.people-coverage.ok": {
		"zh-CN": "各大区每个月的人员任务合计均不低于当月目标",
		"en":    "In every region and month, the people carry at least the month's target",
	},
	"check.people-balance.above": {
		"zh-CN": "%[1]s(%[2]s,%[3]s):折合全年每单位权重任务 %[4]s,高于中位数 %[6]s 达 %[5]s",
		"en":    "%s (%s, %s): full-year quota per unit of weight %s is %s above the median %s",
	},
	"check.people-balance.below": {
		"zh-CN": "%[1]s(%[2]s,%[3]s):折合全年每单位权重任务 %[4]s,低于中位数 %[6]s 达 %[5]s",
		"en":    "%s (%s, %s): full-year quota per unit of weight %s is %s below the median %s",
	},
	"check.people-balance.team": {
		"zh-CN": "%[1]s:有 %[2]d 人的折合全年每单位权重任务偏离中位数 %[4]s 超过 %[3]s",
		"en":    "%s: %d people's full-year quota per unit of weight is more than %s above or below the median %s",
	},
	"check.people-balance.ok": {
		"zh-CN": "所有人员的折合全年每单位权重任务均在中位数 %[2]s 的 ±%[1]s 以内",
		"en":    "Every person's full-year quota per unit of weight is within %s of the median %s",
	},
	"check.people-overassign": {
		"zh-CN": "%[1]s:各团队分配合计 %[2]s,目标 %[3]s,超额分配 %[4]s(%[5]s)",
		"en":    "%s: its teams carry %s against its target %s, %s (%s) over it",
	},
	"check.people-overassign.under": {
		"zh-CN": "%[1]s:各团队分配合计 %[2]s,低于目标 %[3]s 共 %[4]s(%[5]s)",
		"en":    "%s: its teams carry %s against its target %s, %s (%s) under it",
	},
}
