/*
 * `selfeval dump`: the archive as JSON, one line per source, nested the
 * way a reader thinks of a form (report, its funds, indicators,
 * sub-projects with their findings and quantities, audit). The tests
 * compare it with each fixture's expected.json.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "jsonw.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval dump [--content] DB\n"
    "\n"
    "Print the archive DB as JSON Lines, one object per source with its\n"
    "reports and all their rows. --content leaves out what belongs to a\n"
    "copy of a file rather than to what it says (path, sha256, bytes), so\n"
    "that two archives of the same forms compare equal.\n";

/* Emit every column of the current row as a member, after skip columns. */
static void
emit_row(struct jw *w, sqlite3_stmt *st, int skip)
{
	for (int i = skip; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i);
		/* ocr: only a report read through OCR has one to show. */
		if (strcmp(name, "ocr") == 0 &&
		    sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL:
			jw_null(w, name);
			break;
		case SQLITE_INTEGER:
			jw_int(w, name, sqlite3_column_int64(st, i));
			break;
		case SQLITE_FLOAT:
			jw_num(w, name, sqlite3_column_double(st, i));
			break;
		default:
			jw_str(w, name, (const char *)sqlite3_column_text(st, i));
		}
	}
}

static sqlite3_stmt *
query(sqlite3 *db, const char *sql, gint64 id)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return st;
}

/* An array of rows whose first column is an id nobody prints. */
static void
emit_rows(struct jw *w, sqlite3 *db, const char *key, const char *sql,
    gint64 id)
{
	sqlite3_stmt *st = query(db, sql, id);

	jw_arr(w, key);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		jw_obj(w, NULL);
		emit_row(w, st, 0);
		jw_end(w);
	}
	jw_end(w);
	sqlite3_finalize(st);
}

static const char findings_sql[] =
    "SELECT id, kind, seq, label, text FROM finding WHERE %s "
    "ORDER BY CASE kind WHEN 'statement' THEN 0 WHEN 'outcome' THEN 1 "
    "WHEN 'problem' THEN 2 ELSE 3 END, seq";

static void
emit_findings(struct jw *w, sqlite3 *db, const char *where, gint64 id)
{
	char *sql = g_strdup_printf(findings_sql, where);
	sqlite3_stmt *st = query(db, sql, id);

	jw_arr(w, "findings");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		jw_obj(w, NULL);
		emit_row(w, st, 1);
		emit_rows(w, db, "quantities", "SELECT value, unit, value_norm, "
		    "unit_norm, context, text FROM quantity WHERE finding_id = ? "
		    "ORDER BY id", sqlite3_column_int64(st, 0));
		jw_end(w);
	}
	jw_end(w);
	sqlite3_finalize(st);
	g_free(sql);
}

static void
emit_report(struct jw *w, sqlite3 *db, sqlite3_stmt *rs)
{
	gint64 id = sqlite3_column_int64(rs, 0);
	sqlite3_stmt *st;

	jw_obj(w, NULL);
	emit_row(w, rs, 1);
	emit_rows(w, db, "funds", "SELECT seq, label, initial_fen, budget_fen, "
	    "executed_fen, grouping FROM fund WHERE report_id = ? ORDER BY seq",
	    id);
	emit_rows(w, db, "tasks", "SELECT seq, name, content, budget_fen, "
	    "executed_fen FROM task WHERE report_id = ? ORDER BY seq", id);
	emit_rows(w, db, "indicators", "SELECT seq, level1, level1_weight, "
	    "level2, level2_weight, name, explanation, nature, target, "
	    "target_initial, target_adjusted, target_op, target_value, "
	    "target_unit, measure_unit, actual, actual_value, actual_unit, "
	    "weight, score, score_ratio, core, note, page FROM indicator "
	    "WHERE report_id = ? ORDER BY seq", id);
	st = query(db, "SELECT id, seq, area_no, area, no, name FROM "
	    "subproject WHERE report_id = ? ORDER BY seq", id);
	jw_arr(w, "subprojects");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		jw_obj(w, NULL);
		emit_row(w, st, 1);
		emit_findings(w, db, "subproject_id = ?",
		    sqlite3_column_int64(st, 0));
		jw_end(w);
	}
	jw_end(w);
	sqlite3_finalize(st);
	emit_findings(w, db, "subproject_id IS NULL AND report_id = ?", id);
	emit_rows(w, db, "audit", "SELECT rule, severity, message FROM audit "
	    "WHERE report_id = ? ORDER BY id", id);
	jw_end(w);
}

static int
dump(sqlite3 *db, bool content, GString *out)
{
	sqlite3_stmt *ss, *rs;
	struct jw w;

	if (sqlite3_prepare_v2(db, content ?
	    "SELECT id, pages, producer FROM source ORDER BY path, id" :
	    "SELECT id, path, sha256, bytes, pages, producer FROM source "
	    "ORDER BY path, id", -1, &ss, NULL) != SQLITE_OK)
		return SE_DB;
	while (sqlite3_step(ss) == SQLITE_ROW) {
		gint64 sid = sqlite3_column_int64(ss, 0);
		jw_init(&w, out);
		jw_obj(&w, NULL);
		jw_obj(&w, "source");
		emit_row(&w, ss, 1);
		jw_end(&w);
		rs = query(db, "SELECT id, seq, template, kind, title, year, "
		    "project, "
		    "report_no, unit, supervisor, division, recurring, "
		    "budget_initial_fen, budget_fen, prev_budget_fen, "
		    "executed_fen, exec_rate, exec_weight, exec_score, goal, "
		    "goal_actual, eval_date, grade, total_weight, total_score, "
		    "conclusion, finance_division, contact, phone, "
		    "goal_adjusted, indicator_count, page_first, page_last, "
		    "text, ocr FROM report "
		    "WHERE source_id = ? ORDER BY seq", sid);
		jw_arr(&w, "reports");
		while (rs && sqlite3_step(rs) == SQLITE_ROW)
			emit_report(&w, db, rs);
		jw_end(&w);
		sqlite3_finalize(rs);
		jw_end(&w);
		g_string_append_c(out, '\n');
	}
	sqlite3_finalize(ss);
	return SE_OK;
}

int
cmd_dump(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "content", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool content = false;
	sqlite3 *db = NULL;
	GString *out;
	int c, status;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			content = true;
			break;
		default:
			return se_usage(usage_text, c == 'h');
		}
	}
	if (argc - optind != 1)
		return se_usage(usage_text, false);
	if (sqlite3_open_v2(argv[optind], &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		se_warnx("dump", "%s: cannot open archive: %s", argv[optind],
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		return SE_DB;
	}
	sqlite3_busy_timeout(db, 10000);
	out = g_string_new(NULL);
	status = dump(db, content, out);
	if (status != SE_OK)
		se_warnx("dump", "%s: %s", argv[optind], sqlite3_errmsg(db));
	else if (!se_write_stdout(out->str, out->len)) {
		se_warnx("dump", "standard output: write failed");
		status = SE_IO;
	}
	g_string_free(out, TRUE);
	sqlite3_close(db);
	return status;
}
