#include <string.h>

#include "record.h"

const struct value_def report_fields[] = {
	{ "project", VK_TEXT, "project" },
	{ "report_no", VK_TEXT, "report_no" },
	{ "unit", VK_TEXT, "unit" },
	{ "supervisor", VK_TEXT, "supervisor" },
	{ "division", VK_TEXT, "division" },
	{ "recurring", VK_BOOL, "recurring" },
	{ "budget_initial", VK_MONEY, "budget_initial_fen" },
	{ "budget", VK_MONEY, "budget_fen" },
	{ "prev_budget", VK_MONEY, "prev_budget_fen" },
	{ "executed", VK_MONEY, "executed_fen" },
	{ "exec_rate", VK_PERCENT, "exec_rate" },
	{ "exec_weight", VK_NUMBER, "exec_weight" },
	{ "exec_score", VK_NUMBER, "exec_score" },
	{ "goal", VK_TEXT, "goal" },
	{ "goal_actual", VK_TEXT, "goal_actual" },
	{ "eval_date", VK_DATE, "eval_date" },
	{ "grade", VK_TEXT, "grade" },
	{ "total_weight", VK_NUMBER, "total_weight" },
	{ "total_score", VK_NUMBER, "total_score" },
	{ "conclusion", VK_TEXT, "conclusion" },
	/* Kept in report.record only. */
	{ "leader", VK_TEXT, NULL },	/* 项目负责人 */
	/* Department-wide forms and written reports (issue 11). */
	{ "finance_division", VK_TEXT, "finance_division" },
	{ "contact", VK_TEXT, "contact" },
	{ "phone", VK_TEXT, "phone" },	/* 联系电话 */
	{ "goal_adjusted", VK_TEXT, "goal_adjusted" },
	{ "indicator_count", VK_NUMBER, "indicator_count" },
};
const size_t n_report_fields = sizeof report_fields / sizeof report_fields[0];

const struct value_def indicator_cols[] = {
	{ "level1", VK_TEXT, "level1" },
	{ "level2", VK_TEXT, "level2" },
	{ "name", VK_TEXT, "name" },
	{ "explanation", VK_TEXT, "explanation" },
	{ "nature", VK_TEXT, "nature" },
	{ "target", VK_TEXT, "target" },
	{ "measure_unit", VK_TEXT, "measure_unit" },
	{ "actual", VK_TEXT, "actual" },
	{ "weight", VK_NUMBER, "weight" },
	{ "score", VK_NUMBER, "score" },
	{ "note", VK_TEXT, "note" },
	{ "target_initial", VK_TEXT, "target_initial" },
	{ "target_adjusted", VK_TEXT, "target_adjusted" },
	{ "score_ratio", VK_PERCENT, "score_ratio" },
	{ "core", VK_BOOL, "core" },
	/* A 分值 column of their own beside 一级 / 二级 (a scoring sheet). */
	{ "level1_weight", VK_NUMBER, "level1_weight" },
	{ "level2_weight", VK_NUMBER, "level2_weight" },
};
const size_t n_indicator_cols = sizeof indicator_cols / sizeof indicator_cols[0];

const struct value_def fund_cols[] = {
	{ "label", VK_TEXT, "label" },
	{ "initial", VK_MONEY, "initial_fen" },
	{ "budget", VK_MONEY, "budget_fen" },
	{ "executed", VK_MONEY, "executed_fen" },
	{ "weight", VK_NUMBER, NULL },
	{ "rate", VK_PERCENT, NULL },
	{ "score", VK_NUMBER, NULL },
	{ "note", VK_TEXT, NULL },
	{ "group", VK_TEXT, "grouping" },	/* fund_groups[], set by parse */
};
const size_t n_fund_cols = sizeof fund_cols / sizeof fund_cols[0];

const char *const composed_col = "target";

/*
 * The groups a department's funds rows fall into: 按收入性质分 (where the
 * money comes from) and 按支出性质分 (basic or project spending).
 */
const char *const fund_groups[N_FUND_GROUPS] = { "收入性质", "支出性质" };

/* A department's 年度主要任务 rows. */
const struct value_def task_cols[] = {
	{ "name", VK_TEXT, "name" },
	{ "content", VK_TEXT, "content" },
	{ "budget", VK_MONEY, "budget_fen" },
	{ "executed", VK_MONEY, "executed_fen" },
};
const size_t n_task_cols = sizeof task_cols / sizeof task_cols[0];

const char *const report_kinds[N_REPORT_KINDS] = { "project", "department" };

const char *const finding_kinds[N_KINDS] = { "outcome", "problem", "measure",
    "statement" };

int
value_index(const struct value_def *defs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(defs[i].name, name) == 0)
			return (int)i;
	return -1;
}
