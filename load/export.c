/*
 * `selfeval export`: the archive as a workbook for auditors (XLSX, one
 * sheet a table) or one table as CSV. Each table is described once below
 * (its query and its columns with their Chinese headers and kinds), and
 * both writers follow the description.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "lazylib.h"
#include "quiet.h"
#include "status.h"
#include "text.h"

enum col_kind {
	C_TEXT,
	C_INT,
	C_NUM,		/* a score or weight */
	C_MONEY,	/* fen in the archive, 元 with two decimals out */
	C_RATE,		/* a percentage number, shown as a percentage */
	C_FLAG,		/* not shown: a non-empty, non-zero value marks the row */
};

struct col {
	const char *header;
	enum col_kind kind;
	int width;	/* characters; 0: from the header */
};

struct table {
	const char *name;	/* for --table */
	const char *sheet;
	const char *sql;	/* ?1 year or NULL, ?2 unit or NULL */
	struct col cols[28];
};

#define FILTER " (?1 IS NULL OR r.year = ?1) AND " \
	"(?2 IS NULL OR r.unit LIKE '%' || ?2 || '%') "

/* --year's value: a whole budget year, nothing before or after it. */
static bool
norm_year_arg(const char *arg, int *year)
{
	char *end;
	long y = strtol(arg, &end, 10);

	if (end == arg || *end != '\0' || y < 1990 || y > 2100)
		return false;
	*year = (int)y;
	return true;
}

static const struct table tables[] = {
	{ "reports", "报告",
	    "SELECT s.path, r.seq, r.template, CASE r.kind WHEN 'department' "
	    "THEN '部门整体' WHEN 'project' THEN '项目' END, r.year, r.unit, "
	    "r.supervisor, "
	    "r.division, r.project, r.budget_initial_fen, r.budget_fen, "
	    "r.prev_budget_fen, r.executed_fen, r.exec_rate, "
	    "v.exec_rate_computed, r.exec_weight, r.exec_score, "
	    "r.total_weight, r.total_score, r.grade, v.grade_implied, "
	    "r.eval_date, v.audit_findings, v.audit_findings "
	    "FROM report r JOIN source s ON s.id = r.source_id "
	    "JOIN v_report v ON v.id = r.id WHERE" FILTER
	    "ORDER BY r.unit, r.year, s.path, r.seq", {
		{ "来源文件", C_TEXT, 28 }, { "表内序号", C_INT, 0 },
		{ "表式", C_TEXT, 10 }, { "评价对象", C_TEXT, 0 },
		{ "年度", C_INT, 0 },
		{ "单位", C_TEXT, 28 }, { "主管部门", C_TEXT, 20 },
		{ "具体实施处", C_TEXT, 16 }, { "项目名称", C_TEXT, 30 },
		{ "年初预算数（元）", C_MONEY, 0 }, { "预算数（元）", C_MONEY, 16 },
		{ "上年预算（元）", C_MONEY, 16 }, { "执行数（元）", C_MONEY, 16 },
		{ "执行率（填报）", C_RATE, 0 }, { "执行率（计算）", C_RATE, 0 },
		{ "执行分值", C_NUM, 0 }, { "执行得分", C_NUM, 0 },
		{ "总分值", C_NUM, 0 }, { "自评得分", C_NUM, 0 },
		{ "绩效等级（填报）", C_TEXT, 0 }, { "绩效等级（按分数）", C_TEXT, 0 },
		{ "自评时间", C_TEXT, 12 }, { "审核发现", C_INT, 0 },
		{ NULL, C_FLAG, 0 }, { NULL, 0, 0 } } },
	{ "indicators", "绩效指标",
	    "SELECT r.year, r.unit, r.project, i.seq, i.level1, i.level1_weight, "
	    "i.level2, i.name, i.explanation, i.nature, i.target, i.target_op, "
	    "i.target_value, i.target_unit, i.measure_unit, i.actual, "
	    "i.actual_value, i.actual_unit, i.weight, "
	    "i.score, i.weight - i.score, i.note, i.page "
	    "FROM indicator i JOIN report r ON r.id = i.report_id WHERE" FILTER
	    "ORDER BY r.unit, r.year, r.id, i.seq", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "项目名称", C_TEXT, 24 }, { "序号", C_INT, 0 },
		{ "一级指标", C_TEXT, 12 }, { "一级指标分值", C_NUM, 0 },
		{ "二级指标", C_TEXT, 14 }, { "指标名称", C_TEXT, 24 },
		{ "指标解释", C_TEXT, 40 }, { "指标性质", C_TEXT, 0 },
		{ "年度指标值", C_TEXT, 12 }, { "比较", C_TEXT, 0 },
		{ "目标数值", C_NUM, 0 }, { "目标单位", C_TEXT, 0 },
		{ "度量单位", C_TEXT, 0 }, { "实际完成值", C_TEXT, 12 },
		{ "实际数值", C_NUM, 0 }, { "实际单位", C_TEXT, 0 },
		{ "分值", C_NUM, 0 }, { "得分", C_NUM, 0 }, { "扣分", C_NUM, 0 },
		{ "备注/偏差原因", C_TEXT, 30 }, { "页码", C_INT, 0 },
		{ NULL, 0, 0 } } },
	{ "funds", "资金",
	    "SELECT r.year, r.unit, r.project, f.seq, f.label, f.initial_fen, "
	    "f.budget_fen, f.executed_fen, f.grouping FROM fund f "
	    "JOIN report r ON r.id = f.report_id WHERE" FILTER
	    "ORDER BY r.unit, r.year, r.id, f.seq", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "项目名称", C_TEXT, 24 }, { "序号", C_INT, 0 },
		{ "资金来源", C_TEXT, 20 }, { "年初预算数（元）", C_MONEY, 0 },
		{ "全年预算数（元）", C_MONEY, 0 }, { "全年执行数（元）", C_MONEY, 0 },
		{ "资金性质", C_TEXT, 0 }, { NULL, 0, 0 } } },
	{ "tasks", "年度主要任务",
	    "SELECT r.year, r.unit, t.seq, t.name, t.content, t.budget_fen, "
	    "t.executed_fen FROM task t JOIN report r ON r.id = t.report_id "
	    "WHERE" FILTER "ORDER BY r.unit, r.year, r.id, t.seq", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "序号", C_INT, 0 }, { "任务名称", C_TEXT, 20 },
		{ "主要内容", C_TEXT, 50 }, { "预算数（元）", C_MONEY, 0 },
		{ "执行数（元）", C_MONEY, 0 }, { NULL, 0, 0 } } },
	{ "subprojects", "子项目",
	    "SELECT r.year, r.unit, r.project, p.seq, p.area_no, p.area, p.no, "
	    "p.name FROM subproject p JOIN report r ON r.id = p.report_id "
	    "WHERE" FILTER "ORDER BY r.unit, r.year, r.id, p.seq", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "项目名称", C_TEXT, 24 }, { "序号", C_INT, 0 },
		{ "领域序号", C_TEXT, 0 }, { "领域", C_TEXT, 14 },
		{ "子项目序号", C_INT, 0 }, { "子项目", C_TEXT, 28 },
		{ NULL, 0, 0 } } },
	{ "findings", "绩效与问题",
	    "SELECT r.year, r.unit, r.project, p.area, p.name, "
	    "CASE f.kind WHEN 'outcome' THEN '主要绩效' WHEN 'problem' "
	    "THEN '主要问题' WHEN 'measure' THEN '改进措施' ELSE '报告陈述' END, "
	    "f.seq, f.label, f.text "
	    "FROM finding f JOIN report r ON r.id = f.report_id "
	    "LEFT JOIN subproject p ON p.id = f.subproject_id WHERE" FILTER
	    "ORDER BY r.unit, r.year, r.id, p.seq, CASE f.kind WHEN 'outcome' "
	    "THEN 0 WHEN 'problem' THEN 1 WHEN 'measure' THEN 2 ELSE 3 END, "
	    "f.seq", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "项目名称", C_TEXT, 24 }, { "领域", C_TEXT, 14 },
		{ "子项目", C_TEXT, 24 }, { "类别", C_TEXT, 0 },
		{ "序号", C_INT, 0 }, { "标号", C_TEXT, 0 },
		{ "内容", C_TEXT, 60 }, { NULL, 0, 0 } } },
	{ "audit", "审核",
	    "SELECT r.year, r.unit, r.project, s.path, a.rule, a.severity, "
	    "a.message, a.severity FROM audit a "
	    "JOIN report r ON r.id = a.report_id "
	    "JOIN source s ON s.id = r.source_id WHERE" FILTER
	    "ORDER BY r.unit, r.year, r.id, a.id", {
		{ "年度", C_INT, 0 }, { "单位", C_TEXT, 24 },
		{ "项目名称", C_TEXT, 24 }, { "来源文件", C_TEXT, 28 },
		{ "规则", C_TEXT, 14 }, { "级别", C_TEXT, 0 },
		{ "说明", C_TEXT, 70 }, { NULL, C_FLAG, 0 },
		{ NULL, 0, 0 } } },
};

static const char usage_text[] =
    "usage: selfeval export DB -o FILE.xlsx [--year Y] [--unit U]\n"
    "       selfeval export DB -o FILE.csv --table NAME [--year Y] [--unit U]\n"
    "\n"
    "Write the archive DB for auditors: a workbook with one sheet each for\n"
    "reports, indicators, funds, tasks, sub-projects, findings and audit\n"
    "(Chinese headers, frozen header row, filters, money in 元, rates as\n"
    "percentages, reports and audit rows with findings highlighted), or one\n"
    "of those tables as CSV with a UTF-8 byte-order mark so that Excel and\n"
    "WPS open it as Chinese text.\n"
    "\n"
    "  -o FILE       the output, .xlsx or .csv\n"
    "  --table NAME  for CSV: reports, indicators, funds, tasks,\n"
    "                subprojects, findings or audit\n"
    "  --year Y      only reports of budget year Y\n"
    "  --unit U      only reports whose unit contains U\n";

static int
ncols(const struct table *t)
{
	int n = 0;

	while (t->cols[n].header || t->cols[n].kind == C_FLAG)
		n++;
	return n;
}

static sqlite3_stmt *
query(sqlite3 *db, const struct table *t, int year, const char *unit)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, t->sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (year > 0)
		sqlite3_bind_int(st, 1, year);
	if (unit)
		sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	return st;
}

static bool
flagged(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v && *v && strcmp(v, "0") != 0 && strcmp(v, "info") != 0;
}

/* ---- XLSX ---- */

/*
 * libxlsxwriter is opened here, when a workbook is written, not linked:
 * it and what it pulls in (minizip, OpenSSL's libcrypto) would otherwise
 * be loaded by every selfeval run, and loading them costs a small extract
 * more than its own work.
 */
#define XLSX_FUNCS(X) \
	X(format_set_align) \
	X(format_set_bg_color) \
	X(format_set_bold) \
	X(format_set_border) \
	X(format_set_font_name) \
	X(format_set_num_format) \
	X(format_set_text_wrap) \
	X(lxw_strerror) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(workbook_new) \
	X(worksheet_autofilter) \
	X(worksheet_fit_to_pages) \
	X(worksheet_freeze_panes) \
	X(worksheet_repeat_rows) \
	X(worksheet_set_column) \
	X(worksheet_set_landscape) \
	X(worksheet_set_paper) \
	X(worksheet_write_blank) \
	X(worksheet_write_number) \
	X(worksheet_write_string)

struct xlsx {
	void *handle;
#define X(f) __typeof__(f) *f;
	XLSX_FUNCS(X)
#undef X
};

static bool
xlsx_open(struct xlsx *L)
{
#define X(f) #f,
	static const char *const names[] = { XLSX_FUNCS(X) };
#undef X
#define X(f) (void **)&L->f,
	void **const slots[] = { XLSX_FUNCS(X) };
#undef X
	char *why = NULL;

	L->handle = lazylib_open(XLSXWRITER_SONAME, names, slots,
	    G_N_ELEMENTS(names), &why);
	if (L->handle == NULL) {
		se_warnx("export", "cannot write XLSX: %s", why);
		g_free(why);
		return false;
	}
	return true;
}

struct formats {
	lxw_format *head, *money, *rate, *num, *text;
	lxw_format *hmoney, *hrate, *hnum, *htext;	/* highlighted row */
};

static lxw_format *
fmt(const struct xlsx *L, lxw_workbook *wb, const char *num, bool highlight)
{
	lxw_format *f = L->workbook_add_format(wb);

	if (num)
		L->format_set_num_format(f, num);
	L->format_set_font_name(f, "Noto Sans CJK SC");
	L->format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (highlight)
		L->format_set_bg_color(f, 0xFFF2CC);
	return f;
}

static void
write_sheet(const struct xlsx *L, lxw_workbook *wb, const struct formats *F, sqlite3 *db,
    const struct table *t, int year, const char *unit)
{
	lxw_worksheet *ws = L->workbook_add_worksheet(wb, t->sheet);
	sqlite3_stmt *st = query(db, t, year, unit);
	int n = ncols(t), shown = 0;
	lxw_row_t row = 1;

	for (int c = 0; c < n; c++) {
		const struct col *k = &t->cols[c];
		if (k->kind == C_FLAG)
			continue;
		double w = k->width ? k->width :
		    (double)text_width(k->header, strlen(k->header)) + 3;
		L->worksheet_set_column(ws, shown, shown, w, k->kind == C_TEXT &&
		    k->width >= 40 ? F->text : NULL);
		L->worksheet_write_string(ws, 0, shown++, k->header, F->head);
	}
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		bool hl = false;
		for (int c = 0; c < n; c++)
			if (t->cols[c].kind == C_FLAG && flagged(st, c))
				hl = true;
		int col = 0;
		for (int c = 0; c < n; c++) {
			const struct col *k = &t->cols[c];
			bool null = sqlite3_column_type(st, c) == SQLITE_NULL;
			double v = sqlite3_column_double(st, c);
			if (k->kind == C_FLAG)
				continue;
			if (null)
				L->worksheet_write_blank(ws, row, col, hl ? F->htext : NULL);
			else if (k->kind == C_MONEY)
				L->worksheet_write_number(ws, row, col, v / 100.0,
				    hl ? F->hmoney : F->money);
			else if (k->kind == C_RATE)
				L->worksheet_write_number(ws, row, col, v / 100.0,
				    hl ? F->hrate : F->rate);
			else if (k->kind == C_NUM || k->kind == C_INT)
				L->worksheet_write_number(ws, row, col, v,
				    hl ? F->hnum : F->num);
			else
				L->worksheet_write_string(ws, row, col, (const char *)
				    sqlite3_column_text(st, c), hl ? F->htext : F->text);
			col++;
		}
		row++;
	}
	sqlite3_finalize(st);
	/* Printed, a sheet fits the width of landscape A4, header on each page. */
	L->worksheet_set_landscape(ws);
	L->worksheet_set_paper(ws, 9);
	L->worksheet_fit_to_pages(ws, 1, 0);
	L->worksheet_repeat_rows(ws, 0, 0);
	L->worksheet_freeze_panes(ws, 1, 0);
	L->worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, shown - 1);
}

/*
 * The workbook is written beside its name and renamed into place, so a
 * full disk or a killed export leaves the file that was there (or none),
 * never half a workbook. libxlsxwriter prints its errors on stderr in
 * lines of its own; the one line is ours.
 */
static int
write_xlsx(sqlite3 *db, const char *path, int year, const char *unit)
{
	struct xlsx lib, *L = &lib;
	lxw_workbook *wb;
	struct formats F;
	struct quiet q;
	lxw_error err;
	char *tmp;
	int fd, why;

	if (!xlsx_open(L))
		return SE_IO;
	tmp = g_strdup_printf("%s.XXXXXX", path);
	if ((fd = g_mkstemp_full(tmp, O_RDWR, 0666)) < 0) {
		se_warnx("export", "%s: cannot write: %s", path,
		    g_strerror(errno));
		g_free(tmp);
		dlclose(L->handle);
		return SE_IO;
	}
	close(fd);
	quiet_begin(&q);
	wb = L->workbook_new(tmp);
	quiet_end(&q);
	if (wb == NULL) {
		se_warnx("export", "%s: cannot start a workbook", path);
		unlink(tmp);
		g_free(tmp);
		dlclose(L->handle);
		return SE_IO;
	}
	F.head = fmt(L, wb, NULL, false);
	L->format_set_bold(F.head);
	L->format_set_bg_color(F.head, 0xD9E1F2);
	L->format_set_text_wrap(F.head);
	L->format_set_border(F.head, LXW_BORDER_THIN);
	F.money = fmt(L, wb, "#,##0.00", false);
	F.rate = fmt(L, wb, "0.00%", false);
	F.num = fmt(L, wb, NULL, false);
	F.text = fmt(L, wb, NULL, false);
	L->format_set_text_wrap(F.text);
	F.hmoney = fmt(L, wb, "#,##0.00", true);
	F.hrate = fmt(L, wb, "0.00%", true);
	F.hnum = fmt(L, wb, NULL, true);
	F.htext = fmt(L, wb, NULL, true);
	L->format_set_text_wrap(F.htext);
	for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
		write_sheet(L, wb, &F, db, &tables[i], year, unit);
	quiet_begin(&q);
	errno = 0;
	err = L->workbook_close(wb);
	why = errno;
	quiet_end(&q);
	if (err == LXW_NO_ERROR && rename(tmp, path) != 0) {
		why = errno;
		err = LXW_ERROR_CREATING_XLSX_FILE;
	}
	if (err != LXW_NO_ERROR) {
		se_warnx("export", "%s: cannot write: %s", path,
		    why ? g_strerror(why) : L->lxw_strerror(err));
		unlink(tmp);
	}
	g_free(tmp);
	dlclose(L->handle);
	return err == LXW_NO_ERROR ? SE_OK : SE_IO;
}

/* ---- CSV ---- */

static void
csv_field(GString *out, const char *s)
{
	if (strpbrk(s, ",\"\n\r") == NULL) {
		g_string_append(out, s);
		return;
	}
	g_string_append_c(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

static int
write_csv(sqlite3 *db, const char *path, const struct table *t, int year,
    const char *unit)
{
	GString *out = g_string_new("\xEF\xBB\xBF");	/* UTF-8 BOM */
	sqlite3_stmt *st = query(db, t, year, unit);
	GError *e = NULL;
	int n = ncols(t);
	bool first = true;

	for (int c = 0; c < n; c++) {
		if (t->cols[c].kind == C_FLAG)
			continue;
		if (!first)
			g_string_append_c(out, ',');
		csv_field(out, t->cols[c].header);
		first = false;
	}
	g_string_append(out, "\r\n");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		first = true;
		for (int c = 0; c < n; c++) {
			const struct col *k = &t->cols[c];
			char buf[64];
			if (k->kind == C_FLAG)
				continue;
			if (!first)
				g_string_append_c(out, ',');
			first = false;
			if (sqlite3_column_type(st, c) == SQLITE_NULL)
				continue;
			if (k->kind == C_MONEY) {
				sqlite3_int64 f = sqlite3_column_int64(st, c);
				g_snprintf(buf, sizeof buf, "%s%lld.%02lld",
				    f < 0 ? "-" : "", (long long)(f < 0 ? -f : f) / 100,
				    (long long)(f < 0 ? -f : f) % 100);
				g_string_append(out, buf);
			} else
				csv_field(out, (const char *)
				    sqlite3_column_text(st, c));
		}
		g_string_append(out, "\r\n");
	}
	sqlite3_finalize(st);
	if (!g_file_set_contents(path, out->str, (gssize)out->len, &e)) {
		se_warnx("export", "%s: %s", path, e->message);
		g_error_free(e);
		g_string_free(out, TRUE);
		return SE_IO;
	}
	g_string_free(out, TRUE);
	return SE_OK;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "table", required_argument, NULL, 't' },
		{ "year", required_argument, NULL, 'y' },
		{ "unit", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *table = NULL, *unit = NULL;
	const struct table *t = NULL;
	sqlite3 *db = NULL;
	int c, year = 0, status;

	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 't': table = optarg; break;
		case 'y':
			/* A budget year, or a typo that would export them all. */
			if (!norm_year_arg(optarg, &year)) {
				se_warnx("export", "--year %s: not a year "
				    "(1990 to 2100)", optarg);
				return SE_USAGE;
			}
			break;
		case 'u': unit = optarg; break;
		default:
			return se_usage(usage_text, c == 'h');
		}
	}
	if (argc - optind != 1 || out == NULL)
		return se_usage(usage_text, false);
	bool csv = g_str_has_suffix(out, ".csv");
	if (!csv && !g_str_has_suffix(out, ".xlsx")) {
		se_warnx("export", "%s: the output must end in .xlsx or .csv", out);
		return SE_USAGE;
	}
	if (csv) {
		for (size_t i = 0; table && i < G_N_ELEMENTS(tables); i++)
			if (strcmp(tables[i].name, table) == 0)
				t = &tables[i];
		if (t == NULL) {
			se_warnx("export", "CSV needs --table reports, indicators, "
			    "funds, tasks, subprojects, findings or audit");
			return SE_USAGE;
		}
	}
	/*
	 * Open through load, so that an older archive gets its views; but
	 * not a path that names no archive, which load would create.
	 */
	GError *error = NULL;
	if (!g_file_test(argv[optind], G_FILE_TEST_IS_REGULAR)) {
		se_warnx("export", "%s: no such archive", argv[optind]);
		return SE_DB;
	}
	struct archive *a = archive_open(argv[optind], &error);
	if (a == NULL)
		return se_fail("export", argv[optind], error);
	db = a->db;
	status = csv ? write_csv(db, out, t, year, unit) :
	    write_xlsx(db, out, year, unit);
	archive_close(a);
	return status;
}
