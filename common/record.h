/*
 * The record contract between parse and load: the names parse writes in a
 * report object and the kind of value each holds. parse fills them "as
 * written"; load normalizes each according to its kind. Templates map a
 * form's labels onto these names, so a new form family needs no change
 * here unless it states something no form stated before.
 */
#ifndef SE_RECORD_H
#define SE_RECORD_H

#include <stddef.h>

enum value_kind {
	VK_TEXT,
	VK_MONEY,	/* "8,993,600.00" in the report's money unit -> fen */
	VK_PERCENT,	/* "100.00%" -> 100.0 */
	VK_NUMBER,	/* "96", "98.62" */
	VK_DATE,	/* "2020-04-30", "2020年4月30日" -> ISO */
	VK_BOOL,	/* 是 / 否 */
};

struct value_def {
	const char *name;	/* key in the record */
	enum value_kind kind;
	const char *column;	/* archive column, NULL if not stored as one */
};

/* Header fields of a report ("fields" object). */
extern const struct value_def report_fields[];
extern const size_t n_report_fields;

/* Columns of an indicator row ("indicators" array). */
extern const struct value_def indicator_cols[];
extern const size_t n_indicator_cols;

/*
 * The indicator column parse may compose of several cells of its row: a
 * target split into 指标性质 / 指标值 / 度量单位 (= | 100 | %) is "=100%".
 */
extern const char *const composed_col;

/* Columns of a funds row ("funds" array). */
extern const struct value_def fund_cols[];
extern const size_t n_fund_cols;

/* Groups of a funds row ("group" in the record, fund.grouping). */
enum { FUND_BY_INCOME, FUND_BY_EXPENSE, N_FUND_GROUPS };
extern const char *const fund_groups[N_FUND_GROUPS];

/* Columns of a task row ("tasks" array): a department's 年度主要任务. */
extern const struct value_def task_cols[];
extern const size_t n_task_cols;

/* What a report is about: one project, or a department's whole budget. */
enum { REPORT_PROJECT, REPORT_DEPARTMENT, N_REPORT_KINDS };
extern const char *const report_kinds[N_REPORT_KINDS];

/* Index of name in a table, or -1. */
int value_index(const struct value_def *defs, size_t n, const char *name);

/*
 * Finding kinds, in the order the narrative sections come; a statement is
 * a sentence of a written report that states figures (资金, 得分).
 */
enum { KIND_OUTCOME, KIND_PROBLEM, KIND_MEASURE, KIND_STATEMENT, N_KINDS };
extern const char *const finding_kinds[N_KINDS];

#endif
