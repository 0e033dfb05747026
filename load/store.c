/*
 * One record into the archive: normalize every value parse wrote as it
 * stood on the form, insert the report and its rows, run the audit.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "archive.h"
#include "audit.h"
#include "jsondepth.h"
#include "jsonget.h"
#include "ocrcheck.h"
#include "jsonw.h"
#include "normalize.h"
#include "record.h"
#include "status.h"
#include "text.h"

/* ---- reading the record ---- */

/* ---- binding ---- */

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
bind_opt(sqlite3_stmt *st, int i, struct opt o)
{
	if (o.set)
		sqlite3_bind_double(st, i, o.v);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_money(sqlite3_stmt *st, int i, struct money m)
{
	if (m.set)
		sqlite3_bind_int64(st, i, m.fen);
	else
		sqlite3_bind_null(st, i);
}

static struct opt
opt_number(const char *s)
{
	struct opt o = { false, 0 };

	if (s)
		o.set = norm_number(s, &o.v);
	return o;
}

static struct opt
opt_percent(const char *s)
{
	struct opt o = { false, 0 };

	if (s)
		o.set = norm_percent(s, &o.v);
	return o;
}

static struct money
money_of(const char *s, const char *unit)
{
	struct money m = { false, 0 };

	if (s)
		m.set = norm_money(s, unit, &m.fen);
	return m;
}

/* ---- the source ---- */

static int
source_id(struct archive *a, JsonObject *src, gint64 *id, GError **error)
{
	const char *sha = jstr(src, "sha256");
	gpointer known;
	sqlite3_stmt *st;
	char *now;
	int status;

	if (sha == NULL || strlen(sha) != 64 ||
	    strspn(sha, "0123456789abcdef") != 64) {
		g_set_error(error, SE_ERROR, SE_RECORD,
		    "record has no valid source.sha256");
		return SE_RECORD;
	}
	if (g_hash_table_lookup_extended(a->loaded, sha, NULL, &known)) {
		*id = GPOINTER_TO_SIZE(known);
		return SE_OK;
	}
	/* Loading a source again replaces it: the cascade drops its rows. */
	st = archive_stmt(a, "DELETE FROM source WHERE sha256 = ?", error);
	if (st == NULL)
		return SE_DB;
	bind_text(st, 1, sha);
	if ((status = archive_step(a, st, error)) != SE_OK)
		return status;
	st = archive_stmt(a, "INSERT INTO source (path, sha256, bytes, pages, "
	    "producer, ingested_at) VALUES (?, ?, ?, ?, ?, ?)", error);
	if (st == NULL)
		return SE_DB;
	now = archive_now();
	bind_text(st, 1, jstr(src, "path") ? jstr(src, "path") : "-");
	bind_text(st, 2, sha);
	sqlite3_bind_int64(st, 3, jint(src, "bytes", 0));
	sqlite3_bind_int64(st, 4, jint(src, "pages", 0));
	bind_text(st, 5, jstr(src, "producer"));
	bind_text(st, 6, now);
	status = archive_step(a, st, error);
	if (status == SE_OK) {
		*id = sqlite3_last_insert_rowid(a->db);
		status = archive_seen(a, *id, jstr(src, "path") ? jstr(src, "path") :
		    "-", error);
		g_hash_table_insert(a->loaded, g_strdup(sha),
		    GSIZE_TO_POINTER((gsize)*id));
	}
	g_free(now);
	return status;
}

/* ---- the report ---- */

static const char *
field(JsonObject *fields, const char *name)
{
	return jstr(fields, name);
}

static const char *
money_unit(JsonObject *rec, const char *name)
{
	const char *u = jstr(jobj(rec, "units"), name);

	return u ? u : jstr(rec, "money_unit");
}

static bool
from_total(const char *name)
{
	return strcmp(name, "budget_initial") == 0 ||
	    strcmp(name, "budget") == 0 || strcmp(name, "executed") == 0;
}

/* Bind one report field by its kind; fills the audit view as it goes. */
static void
bind_field(sqlite3_stmt *st, int i, const struct value_def *d,
    JsonObject *rec, int *year_from_date)
{
	JsonObject *fields = jobj(rec, "fields");
	const char *s = field(fields, d->name);
	char iso[11];
	int b;

	switch (d->kind) {
	case VK_TEXT:
		bind_text(st, i, s);
		break;
	case VK_MONEY:
		bind_money(st, i, money_of(s, money_unit(rec, d->name)));
		break;
	case VK_PERCENT:
		bind_opt(st, i, opt_percent(s));
		break;
	case VK_NUMBER:
		bind_opt(st, i, opt_number(s));
		break;
	case VK_DATE:
		if (s && norm_date(s, iso)) {
			bind_text(st, i, iso);
			*year_from_date = (int)g_ascii_strtoll(iso, NULL, 10) - 1;
		} else
			sqlite3_bind_null(st, i);
		break;
	case VK_BOOL:
		if (s && norm_bool(s, &b))
			sqlite3_bind_int(st, i, b);
		else
			sqlite3_bind_null(st, i);
		break;
	}
}

static char *
grading_json(JsonObject *rec, GArray *bands)
{
	JsonObject *g = jobj(rec, "grading");
	JsonArray *arr = jarr(g, "bands");
	GString *out = g_string_new(NULL);
	struct jw w;

	jw_init(&w, out);
	jw_arr(&w, NULL);
	for (guint i = 0; i < jlen(arr); i++) {
		JsonObject *b = json_array_get_object_element(arr, i);
		struct a_band band = { jstr(b, "grade"), 0, 0 };
		if (band.grade == NULL || !jstr(b, "min") || !jstr(b, "max") ||
		    !norm_number(jstr(b, "min"), &band.min) ||
		    !norm_number(jstr(b, "max"), &band.max))
			continue;
		g_array_append_val(bands, band);
		jw_obj(&w, NULL);
		jw_str(&w, "grade", band.grade);
		jw_num(&w, "min", band.min);
		jw_num(&w, "max", band.max);
		jw_end(&w);
	}
	jw_end(&w);
	return g_string_free(out, FALSE);
}

static void report_figures(JsonObject *rec, struct a_report *ar);

static int
insert_report(struct archive *a, JsonObject *rec, const char *line,
    gint64 source, struct a_report *ar, gint64 *id, GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, a->insert_report, error);
	int i = 1, year = 0, year_from_date = 0, year_col;
	char *grading;

	if (st == NULL)
		return SE_DB;
	sqlite3_bind_int64(st, i++, source);
	sqlite3_bind_int64(st, i++, jint(rec, "seq", 1));
	bind_text(st, i++, jstr(rec, "template") ? jstr(rec, "template") :
	    "unknown");
	bind_text(st, i++, jstr(rec, "title"));
	year_col = i++;
	/* A void total row's zeros are kept out of the report (fund_total). */
	bool no_total = audit_void_total(ar->funds);
	for (size_t f = 0; f < n_report_fields; f++) {
		if (report_fields[f].column == NULL)
			continue;
		if (no_total && from_total(report_fields[f].name))
			sqlite3_bind_null(st, i++);
		else
			bind_field(st, i++, &report_fields[f], rec,
			    &year_from_date);
	}
	if (norm_year(jstr(rec, "year"), &year) ||
	    norm_year(jstr(rec, "title"), &year) || year_from_date > 0)
		sqlite3_bind_int(st, year_col, year ? year : year_from_date);
	sqlite3_bind_int64(st, i++, jint(rec, "page_first", 0));
	sqlite3_bind_int64(st, i++, jint(rec, "page_last", 0));
	bind_text(st, i++, jstr(rec, "money_unit"));
	grading = grading_json(rec, ar->bands);
	bind_text(st, i++, grading);
	g_free(grading);
	bind_text(st, i++, jstr(rec, "text"));
	bind_text(st, i++, line);
	bind_text(st, i++, jstr(rec, "kind"));
	if (archive_step(a, st, error) != SE_OK) {
		if (sqlite3_extended_errcode(a->db) != SQLITE_CONSTRAINT_UNIQUE)
			return SE_DB;
		/* Only a source loaded earlier in this run can hold it. */
		g_clear_error(error);
		g_set_error(error, SE_ERROR, SE_RECORD, "a second report %"
		    G_GINT64_FORMAT " of source %s (the same record given "
		    "twice?)", jint(rec, "seq", 1),
		    jstr(jobj(rec, "source"), "sha256"));
		return SE_RECORD;
	}
	*id = sqlite3_last_insert_rowid(a->db);
	report_figures(rec, ar);
	return SE_OK;
}

/* The report's figures the checks read (ar->funds already read). */
static void
report_figures(JsonObject *rec, struct a_report *ar)
{
	JsonObject *fields = jobj(rec, "fields");
	bool no_total = audit_void_total(ar->funds);

	ar->template = jstr(rec, "template") ? jstr(rec, "template") : "unknown";
	ar->project = field(fields, "project");
	ar->unit = field(fields, "unit");
	ar->phone = field(fields, "phone");
	ar->kind = jstr(rec, "kind");
	ar->prose = json_object_has_member(rec, "prose") &&
	    json_node_get_boolean(json_object_get_member(rec, "prose"));
	ar->grade = field(fields, "grade");
	ar->exec_rate_text = field(fields, "exec_rate");
	if (!no_total) {
		ar->budget = money_of(field(fields, "budget"),
		    money_unit(rec, "budget"));
		ar->executed = money_of(field(fields, "executed"),
		    money_unit(rec, "executed"));
	}
	ar->exec_rate = opt_percent(field(fields, "exec_rate"));
	ar->exec_weight = opt_number(field(fields, "exec_weight"));
	ar->exec_score = opt_number(field(fields, "exec_score"));
	ar->total_weight = opt_number(field(fields, "total_weight"));
	ar->total_score = opt_number(field(fields, "total_score"));
}

/* ---- indicators and funds ---- */

/* An indicator's figures the checks read; *level1 is the caller's. */
static void
indicator_figures(JsonObject *o, struct a_indicator *x, char **level1)
{
	*level1 = NULL;
	if (jstr(o, "level1"))
		x->level1_weight.set = norm_weighted_label(jstr(o, "level1"),
		    level1, &x->level1_weight.v);
	/* A 分值 column of its own beside the 一级 label. */
	if (jstr(o, "level1_weight"))
		x->level1_weight = opt_number(jstr(o, "level1_weight"));
	x->level1 = *level1;
	x->name = jstr(o, "name");
	x->weight = opt_number(jstr(o, "weight"));
	x->score = opt_number(jstr(o, "score"));
	/* A scoring sheet writes the maximum into the name: 相关性(5分). */
	if (!x->weight.set && x->name) {
		char *bare = NULL;
		x->weight.set = norm_weighted_label(x->name, &bare,
		    &x->weight.v);
		g_free(bare);
	}
}

static int
insert_indicators(struct archive *a, JsonObject *rec, gint64 report,
    struct a_report *ar, GPtrArray *owned, GError **error)
{
	JsonArray *rows = jarr(rec, "indicators");
	sqlite3_stmt *st = archive_stmt(a, "INSERT INTO indicator (report_id, "
	    "seq, level1, level1_weight, level2, name, explanation, nature, "
	    "target, target_op, target_value, target_unit, measure_unit, "
	    "actual, actual_value, actual_unit, weight, score, note, page, "
	    "level2_weight, target_initial, target_adjusted, score_ratio, "
	    "core) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", error);

	if (st == NULL)
		return SE_DB;
	for (guint r = 0; r < jlen(rows); r++) {
		JsonObject *o = json_array_get_object_element(rows, r);
		struct a_indicator x = { 0 };
		char *level1 = NULL, *level2 = NULL, *op = NULL, *unit = NULL;
		char *name = NULL;
		double tv = 0;
		struct opt l2w = { false, 0 }, nw = { false, 0 };
		const char *target = jstr(o, "target");
		const char *actual = jstr(o, "actual");
		char *aop = NULL, *aunit = NULL;
		double av = 0;
		bool has_target, has_actual;
		int core;

		indicator_figures(o, &x, &level1);
		if (jstr(o, "level2"))
			l2w.set = norm_weighted_label(jstr(o, "level2"), &level2,
			    &l2w.v);
		if (jstr(o, "level2_weight"))
			l2w = opt_number(jstr(o, "level2_weight"));
		/* A scoring sheet writes the maximum into the name: 相关性(5分). */
		if (jstr(o, "name"))
			nw.set = norm_weighted_label(jstr(o, "name"), &name,
			    &nw.v);
		/* Where a form has both, the adjusted target is the one to reach. */
		if (target == NULL)
			target = jstr(o, "target_adjusted") &&
			    !text_blank(jstr(o, "target_adjusted")) ?
			    jstr(o, "target_adjusted") : jstr(o, "target_initial");
		/*
		 * The target as printed: a bare "100%" states no comparison,
		 * and none is invented (parse has already joined a 指标性质
		 * column's "≥" to its value).
		 */
		has_target = target && norm_target(target, &op, &tv, &unit);
		if (unit == NULL && jstr(o, "measure_unit"))
			unit = g_strdup(jstr(o, "measure_unit"));
		has_actual = actual && norm_target(actual, &aop, &av, &aunit);
		if (aunit == NULL && jstr(o, "measure_unit"))
			aunit = g_strdup(jstr(o, "measure_unit"));
		sqlite3_bind_int64(st, 1, report);
		sqlite3_bind_int(st, 2, (int)r + 1);
		bind_text(st, 3, level1);
		bind_opt(st, 4, x.level1_weight);
		bind_text(st, 5, level2);
		bind_text(st, 6, nw.set ? name : jstr(o, "name"));
		bind_text(st, 7, jstr(o, "explanation"));
		/* 定量指标 is 定量; a comparison (Sichuan's ≥) stays as written. */
		bind_text(st, 8, jstr(o, "nature") && norm_nature(jstr(o,
		    "nature")) ? norm_nature(jstr(o, "nature")) :
		    jstr(o, "nature"));
		bind_text(st, 9, target);
		bind_text(st, 10, has_target ? op : NULL);
		bind_opt(st, 11, (struct opt){ has_target, tv });
		bind_text(st, 12, has_target ? unit : NULL);
		bind_text(st, 13, jstr(o, "measure_unit"));
		bind_text(st, 14, actual);
		bind_opt(st, 15, (struct opt){ has_actual, av });
		bind_text(st, 16, has_actual ? aunit : NULL);
		bind_opt(st, 17, x.weight);
		bind_opt(st, 18, x.score);
		bind_text(st, 19, jstr(o, "note"));
		sqlite3_bind_int64(st, 20, jint(o, "page", 0));
		bind_opt(st, 21, l2w);
		bind_text(st, 22, jstr(o, "target_initial"));
		bind_text(st, 23, jstr(o, "target_adjusted"));
		bind_opt(st, 24, opt_percent(jstr(o, "score_ratio")));
		if (jstr(o, "core") && norm_bool(jstr(o, "core"), &core))
			sqlite3_bind_int(st, 25, core);
		else
			sqlite3_bind_null(st, 25);
		g_array_append_val(ar->indicators, x);
		if (level1)
			g_ptr_array_add(owned, level1);
		g_free(name);
		g_free(level2);
		g_free(op);
		g_free(unit);
		g_free(aop);
		g_free(aunit);
		if (archive_step(a, st, error) != SE_OK)
			return SE_DB;
	}
	return SE_OK;
}

/* The funds rows, normalized, for the report's checks and the fund table. */
static void
read_funds(JsonObject *rec, struct a_report *ar)
{
	JsonArray *rows = jarr(rec, "funds");
	const char *unit = jstr(rec, "money_unit");

	for (guint r = 0; r < jlen(rows); r++) {
		JsonObject *o = json_array_get_object_element(rows, r);
		struct a_fund f = { jstr(o, "label"),
		    money_of(jstr(o, "initial"), unit),
		    money_of(jstr(o, "budget"), unit),
		    money_of(jstr(o, "executed"), unit), jstr(o, "group") };
		g_array_append_val(ar->funds, f);
	}
}

static int
insert_funds(struct archive *a, gint64 report, const struct a_report *ar,
    GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "INSERT INTO fund (report_id, seq, "
	    "label, initial_fen, budget_fen, executed_fen, grouping) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", error);

	if (st == NULL)
		return SE_DB;
	for (guint r = 0; r < ar->funds->len; r++) {
		const struct a_fund *f = &g_array_index(ar->funds, struct a_fund, r);
		sqlite3_bind_int64(st, 1, report);
		sqlite3_bind_int(st, 2, (int)r + 1);
		bind_text(st, 3, f->label);
		bind_money(st, 4, f->initial);
		bind_money(st, 5, f->budget);
		bind_money(st, 6, f->executed);
		bind_text(st, 7, f->group);
		if (archive_step(a, st, error) != SE_OK)
			return SE_DB;
	}
	return SE_OK;
}

/* A department's 年度主要任务, in the report's money unit. */
static int
insert_tasks(struct archive *a, JsonObject *rec, gint64 report,
    GError **error)
{
	JsonArray *rows = jarr(rec, "tasks");
	const char *unit = jstr(rec, "money_unit");
	sqlite3_stmt *st;

	if (jlen(rows) == 0)
		return SE_OK;
	st = archive_stmt(a, "INSERT INTO task (report_id, seq, name, content, "
	    "budget_fen, executed_fen) VALUES (?, ?, ?, ?, ?, ?)", error);
	if (st == NULL)
		return SE_DB;
	for (guint r = 0; r < jlen(rows); r++) {
		JsonObject *o = json_array_get_object_element(rows, r);
		sqlite3_bind_int64(st, 1, report);
		sqlite3_bind_int(st, 2, (int)r + 1);
		bind_text(st, 3, jstr(o, "name"));
		bind_text(st, 4, jstr(o, "content"));
		bind_money(st, 5, money_of(jstr(o, "budget"), unit));
		bind_money(st, 6, money_of(jstr(o, "executed"), unit));
		if (archive_step(a, st, error) != SE_OK)
			return SE_DB;
	}
	return SE_OK;
}

/* ---- narrative ---- */

static int
insert_findings(struct archive *a, JsonArray *arr, gint64 report,
    gint64 subproject, GError **error)
{
	sqlite3_stmt *fs = archive_stmt(a, "INSERT INTO finding (report_id, "
	    "subproject_id, kind, seq, label, text) VALUES (?, ?, ?, ?, ?, ?)",
	    error);
	sqlite3_stmt *qs = archive_stmt(a, "INSERT INTO quantity (finding_id, "
	    "value, unit, value_norm, unit_norm, context, text) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", error);
	int seq[N_KINDS] = { 0 };

	if (fs == NULL || qs == NULL)
		return SE_DB;
	for (guint i = 0; i < jlen(arr); i++) {
		JsonObject *o = json_array_get_object_element(arr, i);
		const char *kind = jstr(o, "kind");
		JsonArray *qa = jarr(o, "quantities");
		int k;
		gint64 fid;

		for (k = 0; k < N_KINDS; k++)
			if (g_strcmp0(kind, finding_kinds[k]) == 0)
				break;
		if (k == N_KINDS) {
			g_set_error(error, SE_ERROR, SE_RECORD,
			    "finding of unknown kind '%s'", kind ? kind : "");
			return SE_RECORD;
		}
		sqlite3_bind_int64(fs, 1, report);
		if (subproject > 0)
			sqlite3_bind_int64(fs, 2, subproject);
		else
			sqlite3_bind_null(fs, 2);
		bind_text(fs, 3, kind);
		sqlite3_bind_int(fs, 4, ++seq[k]);
		bind_text(fs, 5, jstr(o, "label"));
		bind_text(fs, 6, jstr(o, "text") ? jstr(o, "text") : "");
		if (archive_step(a, fs, error) != SE_OK)
			return SE_DB;
		fid = sqlite3_last_insert_rowid(a->db);
		for (guint q = 0; q < jlen(qa); q++) {
			JsonObject *qo = json_array_get_object_element(qa, q);
			const char *v = jstr(qo, "value"), *u = jstr(qo, "unit");
			double vn;
			char *un = NULL;
			bool ok;

			if (v == NULL || u == NULL)
				continue;
			ok = norm_quantity(v, u, &vn, &un);
			sqlite3_bind_int64(qs, 1, fid);
			bind_text(qs, 2, v);
			bind_text(qs, 3, u);
			bind_opt(qs, 4, (struct opt){ ok, vn });
			bind_text(qs, 5, un);
			bind_text(qs, 6, jstr(qo, "context"));
			bind_text(qs, 7, jstr(qo, "text"));
			g_free(un);
			if (archive_step(a, qs, error) != SE_OK)
				return SE_DB;
		}
	}
	return SE_OK;
}

static int
insert_subprojects(struct archive *a, JsonObject *rec, gint64 report,
    GError **error)
{
	JsonArray *arr = jarr(rec, "subprojects");
	sqlite3_stmt *st = archive_stmt(a, "INSERT INTO subproject (report_id, "
	    "seq, area_no, area, no, name) VALUES (?, ?, ?, ?, ?, ?)", error);

	if (st == NULL)
		return SE_DB;
	for (guint i = 0; i < jlen(arr); i++) {
		JsonObject *o = json_array_get_object_element(arr, i);
		double no;
		int status;

		sqlite3_bind_int64(st, 1, report);
		sqlite3_bind_int(st, 2, (int)i + 1);
		bind_text(st, 3, jstr(o, "area_no"));
		bind_text(st, 4, jstr(o, "area"));
		if (jstr(o, "no") && norm_number(jstr(o, "no"), &no))
			sqlite3_bind_int64(st, 5, (gint64)no);
		else
			sqlite3_bind_null(st, 5);
		bind_text(st, 6, jstr(o, "name"));
		if (archive_step(a, st, error) != SE_OK)
			return SE_DB;
		status = insert_findings(a, jarr(o, "findings"), report,
		    sqlite3_last_insert_rowid(a->db), error);
		if (status != SE_OK)
			return status;
	}
	return insert_findings(a, jarr(rec, "findings"), report, 0, error);
}

static int
insert_audit(struct archive *a, const struct a_report *ar, gint64 report,
    GError **error)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func(audit_row_free);
	sqlite3_stmt *st = archive_stmt(a, "INSERT INTO audit (report_id, rule, "
	    "severity, message) VALUES (?, ?, ?, ?)", error);
	int status = st ? SE_OK : SE_DB;

	audit_run(ar, rows);
	for (guint i = 0; i < rows->len && status == SE_OK; i++) {
		struct audit_row *r = g_ptr_array_index(rows, i);
		sqlite3_bind_int64(st, 1, report);
		bind_text(st, 2, r->rule);
		bind_text(st, 3, r->severity);
		bind_text(st, 4, r->message);
		status = archive_step(a, st, error);
	}
	g_ptr_array_free(rows, TRUE);
	return status;
}

/*
 * Arrays of the record hold what their readers expect: objects (rows,
 * bands, sub-projects, findings, quantities) or strings (warnings). Any
 * other element makes the record malformed; json-glib's getters would
 * otherwise complain at each one.
 */
static bool
all_of(JsonArray *a, JsonNodeType type, const char *name, GError **error)
{
	for (guint i = 0; i < jlen(a); i++) {
		JsonNode *n = json_array_get_element(a, i);
		if (JSON_NODE_TYPE(n) != type || (type == JSON_NODE_VALUE &&
		    json_node_get_value_type(n) != G_TYPE_STRING)) {
			g_set_error(error, SE_ERROR, SE_RECORD,
			    "%s[%u] is not %s", name, i + 1,
			    type == JSON_NODE_VALUE ? "a string" : "an object");
			return false;
		}
	}
	return true;
}

static bool
record_shape(JsonObject *rec, GError **error)
{
	const char *rows[] = { "indicators", "funds" };
	JsonArray *subs = jarr(rec, "subprojects");

	if (!all_of(jarr(jobj(rec, "source"), "warnings"), JSON_NODE_VALUE,
	    "source.warnings", error) ||
	    !all_of(jarr(jobj(rec, "grading"), "bands"), JSON_NODE_OBJECT,
	    "grading.bands", error) ||
	    !all_of(subs, JSON_NODE_OBJECT, "subprojects", error))
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
		if (!all_of(jarr(rec, rows[i]), JSON_NODE_OBJECT, rows[i],
		    error))
			return false;
	/* Findings: the record's own, then each sub-project's. */
	for (guint i = 0; i <= jlen(subs); i++) {
		JsonArray *fs = jarr(i == 0 ? rec :
		    json_array_get_object_element(subs, i - 1), "findings");
		if (!all_of(fs, JSON_NODE_OBJECT, "findings", error))
			return false;
		for (guint k = 0; k < jlen(fs); k++)
			if (!all_of(jarr(json_array_get_object_element(fs, k),
			    "quantities"), JSON_NODE_OBJECT, "quantities",
			    error))
				return false;
	}
	return true;
}

/* Does the value normalize as its kind: is a number stored for it? */
static bool
stored(const char *s, enum value_kind kind, const char *money_unit)
{
	gint64 fen;
	double v;

	switch (kind) {
	case VK_MONEY:
		return norm_money(s, money_unit, &fen);
	case VK_PERCENT:
		return norm_percent(s, &v);
	case VK_NUMBER:
		return norm_number(s, &v);
	default:
		return false;
	}
}

/*
 * A value load stores with a word of warning: a number too large to
 * store (NULL), or a number stored whose commas do not group its digits
 * by threes (what it was read as). where names it: "budget",
 * "funds[2].initial".
 */
static void
odd_value(struct a_report *ar, const char *where, const char *s,
    enum value_kind kind, const char *money_unit)
{
	if (s == NULL || kind == VK_TEXT)
		return;
	if (norm_too_large(s, kind == VK_MONEY ? money_unit : NULL)) {
		g_ptr_array_add(ar->too_large, g_strdup_printf("%s \"%s\"",
		    where, s));
		return;
	}
	/* Normalized again only for the few numbers with odd commas. */
	char *read = norm_grouping(s);
	if (read != NULL && stored(s, kind, money_unit))
		g_ptr_array_add(ar->regrouped, g_strdup_printf(
		    "%s \"%s\" (read as %s)", where, s, read));
	g_free(read);
}

static void
table_odd(struct a_report *ar, JsonObject *rec, const char *table,
    const struct value_def *cols, size_t ncols)
{
	JsonArray *rows = jarr(rec, table);
	const char *unit = jstr(rec, "money_unit");

	for (guint r = 0; r < jlen(rows); r++) {
		JsonObject *o = json_array_get_object_element(rows, r);
		for (size_t c = 0; o && c < ncols; c++) {
			char *where = g_strdup_printf("%s[%u].%s", table,
			    r + 1, cols[c].name);
			odd_value(ar, where, jstr(o, cols[c].name),
			    cols[c].kind, unit);
			g_free(where);
		}
	}
}

/* The record's odd values: ar->too_large and ar->regrouped. */
static void
odd_values(struct a_report *ar, JsonObject *rec)
{
	JsonObject *fields = jobj(rec, "fields");

	ar->too_large = g_ptr_array_new_with_free_func(g_free);
	ar->regrouped = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < n_report_fields; i++) {
		const struct value_def *d = &report_fields[i];
		odd_value(ar, d->name, field(fields, d->name), d->kind,
		    money_unit(rec, d->name));
	}
	table_odd(ar, rec, "indicators", indicator_cols, n_indicator_cols);
	table_odd(ar, rec, "funds", fund_cols, n_fund_cols);
}

/* report.ocr: the mean confidence of what OCR read for it. */
static int
set_ocr(struct archive *a, gint64 report, double ocr, GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "UPDATE report SET ocr = ? "
	    "WHERE id = ?", error);

	if (st == NULL)
		return SE_DB;
	sqlite3_bind_double(st, 1, ocr);
	sqlite3_bind_int64(st, 2, report);
	return archive_step(a, st, error);
}

/*
 * How many of the numeric checks the record fails as it stands: what
 * ocr_settle weighs OCR's other readings by.
 */
static int
numeric_failures(JsonObject *rec, GHashTable *failed)
{
	static const char *const rules[] = { "weights_sum", "level1_weight",
	    "scores_sum", "score_le_weight", "exec_rate", "exec_score",
	    "phone" };
	struct a_report ar = { 0 };
	GPtrArray *rows = g_ptr_array_new_with_free_func(audit_row_free);
	GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
	JsonArray *inds = jarr(rec, "indicators");
	int n = 0;

	ar.indicators = g_array_new(FALSE, TRUE, sizeof(struct a_indicator));
	ar.funds = g_array_new(FALSE, TRUE, sizeof(struct a_fund));
	ar.bands = g_array_new(FALSE, TRUE, sizeof(struct a_band));
	read_funds(rec, &ar);
	report_figures(rec, &ar);
	for (guint r = 0; r < jlen(inds); r++) {
		struct a_indicator x = { 0 };
		char *level1;
		indicator_figures(json_array_get_object_element(inds, r), &x,
		    &level1);
		g_array_append_val(ar.indicators, x);
		if (level1)
			g_ptr_array_add(owned, level1);
	}
	audit_run(&ar, rows);
	for (guint i = 0; i < rows->len; i++) {
		const struct audit_row *row = rows->pdata[i];
		for (size_t k = 0; k < G_N_ELEMENTS(rules); k++)
			if (strcmp(row->rule, rules[k]) == 0) {
				n++;
				if (failed)
					g_hash_table_add(failed,
					    (gpointer)rules[k]);
			}
	}
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_free(owned, TRUE);
	g_array_free(ar.indicators, TRUE);
	g_array_free(ar.funds, TRUE);
	g_array_free(ar.bands, TRUE);
	return n;
}

/* Load one JSON line. */
static int
load_record(struct archive *a, JsonParser *jp, const char *line, size_t len,
    GError **error)
{
	GError *jerr = NULL;
	const char *lone;
	JsonNode *root;
	JsonObject *rec;
	gint64 source, report;
	struct a_report ar = { 0 };
	GPtrArray *owned;
	int status;

	if (!json_depth_ok(line, len, JSON_MAX_DEPTH)) {
		g_set_error(error, SE_ERROR, SE_RECORD,
		    "JSON nested deeper than %d levels", JSON_MAX_DEPTH);
		return SE_RECORD;
	}
	if ((lone = json_lone_surrogate(line, len)) != NULL) {
		g_set_error(error, SE_ERROR, SE_RECORD, "a lone UTF-16 "
		    "surrogate (\\u%.4s) in a JSON string", lone);
		return SE_RECORD;
	}
	if (!json_parser_load_from_data(jp, line, (gssize)len, &jerr)) {
		g_set_error(error, SE_ERROR, SE_RECORD, "not a JSON record: %s",
		    jerr->message);
		g_error_free(jerr);
		return SE_RECORD;
	}
	root = json_parser_get_root(jp);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root) ||
	    jobj(json_node_get_object(root), "source") == NULL) {
		g_set_error(error, SE_ERROR, SE_RECORD,
		    "not a selfeval record (no source object)");
		return SE_RECORD;
	}
	rec = json_node_get_object(root);
	if (!record_shape(rec, error))
		return SE_RECORD;
	status = source_id(a, jobj(rec, "source"), &source, error);
	if (status != SE_OK)
		return status;
	ar.indicators = g_array_new(FALSE, TRUE, sizeof(struct a_indicator));
	ar.funds = g_array_new(FALSE, TRUE, sizeof(struct a_fund));
	ar.bands = g_array_new(FALSE, TRUE, sizeof(struct a_band));
	owned = g_ptr_array_new_with_free_func(g_free);
	JsonArray *wa = jarr(jobj(rec, "source"), "warnings");
	ar.warnings = g_ptr_array_new();
	for (guint i = 0; i < jlen(wa); i++)
		if (json_array_get_string_element(wa, i))
			g_ptr_array_add(ar.warnings, (gpointer)
			    json_array_get_string_element(wa, i));
	odd_values(&ar, rec);
	/* OCR's doubts first: a settled figure is what gets stored. */
	ar.ocr_notes = g_ptr_array_new_with_free_func(g_free);
	ar.ocr_doubted = g_hash_table_new(g_str_hash, g_str_equal);
	double ocr = ocr_settle(rec, numeric_failures, ar.ocr_notes,
	    ar.ocr_doubted);
	read_funds(rec, &ar);
	char *text = g_strndup(line, len);
	status = insert_report(a, rec, text, source, &ar, &report, error);
	g_free(text);
	if (status == SE_OK && ocr >= 0)
		status = set_ocr(a, report, ocr, error);
	if (status == SE_OK)
		status = insert_indicators(a, rec, report, &ar, owned, error);
	if (status == SE_OK)
		status = insert_funds(a, report, &ar, error);
	if (status == SE_OK)
		status = insert_tasks(a, rec, report, error);
	if (status == SE_OK)
		status = insert_subprojects(a, rec, report, error);
	if (status == SE_OK)
		status = insert_audit(a, &ar, report, error);
	/*
	 * A value the schema's constraints refuse (a kind or grouping that
	 * is none of its words) comes from the record, not the archive.
	 */
	if (status == SE_DB &&
	    (sqlite3_extended_errcode(a->db) & 0xff) == SQLITE_CONSTRAINT) {
		char *why = g_strdup_printf("a value the archive does not "
		    "take (%s)", error && *error ? (*error)->message :
		    "a constraint failed");
		g_clear_error(error);
		g_set_error(error, SE_ERROR, SE_RECORD, "%s", why);
		g_free(why);
		status = SE_RECORD;
	}
	g_array_free(ar.indicators, TRUE);
	g_array_free(ar.funds, TRUE);
	g_array_free(ar.bands, TRUE);
	g_ptr_array_free(ar.warnings, TRUE);
	g_ptr_array_free(ar.too_large, TRUE);
	g_ptr_array_free(ar.regrouped, TRUE);
	g_ptr_array_free(ar.ocr_notes, TRUE);
	g_hash_table_destroy(ar.ocr_doubted);
	g_ptr_array_free(owned, TRUE);
	return status;
}

int
archive_load(struct archive *a, const char *jsonl, size_t len, int *nreports,
    GError **error)
{
	JsonParser *jp = json_parser_new();
	const char *p = jsonl, *end = jsonl + len;
	int status = SE_OK, lineno = 0;

	*nreports = 0;
	while (p < end && status == SE_OK) {
		const char *q = memchr(p, '\n', end - p);
		if (q == NULL)
			q = end;
		lineno++;
		if (q > p) {
			GError *e = NULL;
			status = load_record(a, jp, p, q - p, &e);
			if (status == SE_OK)
				(*nreports)++;
			else {
				g_set_error(error, SE_ERROR, status,
				    "record %d: %s", lineno, e->message);
				g_error_free(e);
			}
		}
		p = q + 1;
	}
	g_object_unref(jp);
	return status;
}
