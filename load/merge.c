/*
 * `selfeval merge OUT IN...`: archives built apart (a shard each, on as
 * many machines) become one. A source (same SHA-256) is kept once, with
 * every path it was seen under; the rows that hang off a new source are
 * copied with their ids moved past the ones OUT has; failures are carried.
 *
 * The tables are read from the schema, not listed here: a table whose
 * foreign keys lead to source belongs to a source, and each key is
 * remapped the way its parent table was. So a column or table another
 * migration adds is merged without this file knowing it.
 *
 * Each input is merged in one transaction. Merging an input again changes
 * nothing (its sources are known, its paths and failures already there),
 * so a merge killed halfway is finished by running it again.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "commands.h"
#include "status.h"

static const char usage_text[] =
    "usage: selfeval merge OUT IN...\n"
    "\n"
    "Merge the archives IN into the archive OUT (created if missing). A\n"
    "source in several archives (same SHA-256) is kept once, with all its\n"
    "paths; report, indicator and the other ids are renumbered; failures\n"
    "are carried over. The archives must have this selfeval's schema\n"
    "version. Each IN is merged in its own transaction: if the merge is\n"
    "stopped, run it again with the same arguments to finish it.\n";

/* A table of the input, as merge handles it. */
struct mtable {
	char *name;
	GPtrArray *cols;	/* char *: every column, in order */
	GPtrArray *fk_cols;	/* char *: a column that refers to ... */
	GPtrArray *fk_parents;	/* char *: ... this table's id */
	int owner;		/* the fk_cols index of a NOT NULL key, or -1 */
	bool has_id;		/* an INTEGER PRIMARY KEY called id */
	gint64 offset;		/* added to its ids: OUT's largest id */
	bool done;
};

static void
mtable_free(gpointer p)
{
	struct mtable *t = p;

	g_free(t->name);
	g_ptr_array_free(t->cols, TRUE);
	g_ptr_array_free(t->fk_cols, TRUE);
	g_ptr_array_free(t->fk_parents, TRUE);
	g_free(t);
}

static int
exec(sqlite3 *db, const char *sql, GError **error)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return SE_OK;
	g_set_error(error, SE_ERROR, SE_DB, "%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return SE_DB;
}

/* The first column of the first row of sql, as an integer (0: none). */
static gint64
scalar(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	gint64 v = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The ordinary tables of the attached archive `m`, with columns and keys. */
static GPtrArray *
read_tables(sqlite3 *db)
{
	GPtrArray *tables = g_ptr_array_new_with_free_func(mtable_free);
	sqlite3_stmt *st, *cs;

	/* table_list says which tables are FTS shadows: those are not data. */
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_list "
	    "WHERE schema = 'm' AND type = 'table' AND name NOT LIKE 'sqlite_%' "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return tables;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct mtable *t = g_new0(struct mtable, 1);
		t->name = g_strdup((const char *)sqlite3_column_text(st, 0));
		t->cols = g_ptr_array_new_with_free_func(g_free);
		t->fk_cols = g_ptr_array_new_with_free_func(g_free);
		t->fk_parents = g_ptr_array_new_with_free_func(g_free);
		t->owner = -1;
		sqlite3_prepare_v2(db, "SELECT name, type, pk, \"notnull\" FROM "
		    "pragma_table_info(?1, 'm') ORDER BY cid", -1, &cs, NULL);
		sqlite3_bind_text(cs, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(cs) == SQLITE_ROW) {
			const char *n = (const char *)sqlite3_column_text(cs, 0);
			g_ptr_array_add(t->cols, g_strdup(n));
			if (strcmp(n, "id") == 0 && sqlite3_column_int(cs, 2) == 1 &&
			    g_ascii_strcasecmp((const char *)
			    sqlite3_column_text(cs, 1), "INTEGER") == 0)
				t->has_id = true;
		}
		sqlite3_finalize(cs);
		sqlite3_prepare_v2(db, "SELECT f.\"from\", f.\"table\", "
		    "i.\"notnull\" FROM pragma_foreign_key_list(?1, 'm') f "
		    "JOIN pragma_table_info(?1, 'm') i ON i.name = f.\"from\" "
		    "ORDER BY i.cid", -1, &cs, NULL);
		sqlite3_bind_text(cs, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(cs) == SQLITE_ROW) {
			if (t->owner < 0 && sqlite3_column_int(cs, 2))
				t->owner = (int)t->fk_cols->len;
			g_ptr_array_add(t->fk_cols,
			    g_strdup((const char *)sqlite3_column_text(cs, 0)));
			g_ptr_array_add(t->fk_parents,
			    g_strdup((const char *)sqlite3_column_text(cs, 1)));
		}
		sqlite3_finalize(cs);
		g_ptr_array_add(tables, t);
	}
	sqlite3_finalize(st);
	return tables;
}

static struct mtable *
find(GPtrArray *tables, const char *name)
{
	for (guint i = 0; i < tables->len; i++) {
		struct mtable *t = tables->pdata[i];
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

/* The value OUT gets for column c of t, as an SQL expression over `r`. */
static void
value_of(GString *sql, GPtrArray *tables, const struct mtable *t,
    const char *c)
{
	if (t->has_id && strcmp(c, "id") == 0) {
		g_string_append_printf(sql, "r.id + %" G_GINT64_FORMAT, t->offset);
		return;
	}
	for (guint k = 0; k < t->fk_cols->len; k++) {
		if (strcmp(t->fk_cols->pdata[k], c) != 0)
			continue;
		const char *p = t->fk_parents->pdata[k];
		if (strcmp(p, "source") == 0)
			g_string_append_printf(sql, "(SELECT new FROM temp.merge_map "
			    "WHERE old = r.\"%s\")", c);
		else
			g_string_append_printf(sql, "r.\"%s\" + %" G_GINT64_FORMAT,
			    c, find(tables, p)->offset);
		return;
	}
	g_string_append_printf(sql, "r.\"%s\"", c);
}

/*
 * Copy the rows of t. A table with ids takes only the rows of new
 * sources: those whose required key points at a row copied (ids
 * above its table's offset) or at a new source. A table without ids
 * (source_path) takes every row it does not have.
 */
static int
copy_table(sqlite3 *db, GPtrArray *tables, struct mtable *t, GError **error)
{
	GString *sql = g_string_new(NULL);
	int status;

	g_string_append_printf(sql, "INSERT OR IGNORE INTO main.\"%s\" (",
	    t->name);
	for (guint i = 0; i < t->cols->len; i++)
		g_string_append_printf(sql, "%s\"%s\"", i ? ", " : "",
		    (char *)t->cols->pdata[i]);
	g_string_append(sql, ") SELECT ");
	for (guint i = 0; i < t->cols->len; i++) {
		if (i)
			g_string_append(sql, ", ");
		value_of(sql, tables, t, t->cols->pdata[i]);
	}
	g_string_append_printf(sql, " FROM m.\"%s\" r", t->name);
	if (t->has_id && t->owner >= 0) {
		const char *c = t->fk_cols->pdata[t->owner];
		const char *p = t->fk_parents->pdata[t->owner];
		if (strcmp(p, "source") == 0)
			g_string_append_printf(sql, " WHERE r.\"%s\" IN "
			    "(SELECT old FROM temp.merge_map WHERE fresh)", c);
		else {
			gint64 off = find(tables, p)->offset;
			g_string_append_printf(sql, " WHERE r.\"%s\" + %"
			    G_GINT64_FORMAT " IN (SELECT id FROM main.\"%s\" "
			    "WHERE id > %" G_GINT64_FORMAT ")", c, off, p, off);
		}
	}
	if (t->has_id)
		g_string_append(sql, " ORDER BY r.id");
	status = exec(db, sql->str, error);
	g_string_free(sql, TRUE);
	return status;
}

/* Sources: new ones inserted, every one mapped to its id in OUT. */
static int
merge_sources(sqlite3 *db, GError **error)
{
	return exec(db,
	    "DROP TABLE IF EXISTS temp.merge_map;"
	    "CREATE TEMP TABLE merge_map (old INTEGER PRIMARY KEY, new INTEGER,"
	    "  fresh INTEGER);"
	    "INSERT INTO temp.merge_map (old, fresh) SELECT id, sha256 NOT IN "
	    "  (SELECT sha256 FROM main.source) FROM m.source;"
	    "INSERT INTO main.source (path, sha256, bytes, pages, producer, "
	    "  ingested_at) SELECT path, sha256, bytes, pages, producer, "
	    "  ingested_at FROM m.source WHERE id IN "
	    "  (SELECT old FROM temp.merge_map WHERE fresh) ORDER BY id;"
	    "UPDATE temp.merge_map SET new = (SELECT s.id FROM main.source s "
	    "  JOIN m.source o ON o.sha256 = s.sha256 "
	    "  WHERE o.id = merge_map.old);", error);
}

/*
 * Failures: a path's latest, as one ingest would keep it. A row of IN
 * that OUT has, or has a later one for, is not taken; an older row of
 * OUT gives way to IN's.
 */
static int
merge_failures(sqlite3 *db, GError **error)
{
	return exec(db,
	    "INSERT INTO main.failure (path, sha256, stage, status, reason, at) "
	    "SELECT path, sha256, stage, status, reason, at FROM m.failure f "
	    "WHERE NOT EXISTS (SELECT 1 FROM main.failure g WHERE "
	    "  g.path = f.path AND g.at >= f.at) "
	    "ORDER BY id;"
	    "DELETE FROM main.failure WHERE EXISTS (SELECT 1 FROM main.failure g "
	    "  WHERE g.path = failure.path AND (g.at > failure.at OR "
	    "  (g.at = failure.at AND g.id > failure.id)))", error);
}

/* The tables under source, parents before children. */
static int
merge_rows(sqlite3 *db, GPtrArray *tables, GError **error)
{
	int status = SE_OK;
	bool progress = true;

	for (guint i = 0; i < tables->len; i++) {
		struct mtable *t = tables->pdata[i];
		char *q = g_strdup_printf("SELECT max(id) FROM main.\"%s\"",
		    t->name);
		t->offset = t->has_id ? scalar(db, q) : 0;
		g_free(q);
		t->done = strcmp(t->name, "source") == 0 ||
		    strcmp(t->name, "failure") == 0 || t->fk_cols->len == 0;
	}
	while (progress && status == SE_OK) {
		progress = false;
		for (guint i = 0; i < tables->len && status == SE_OK; i++) {
			struct mtable *t = tables->pdata[i];
			bool ready = !t->done;
			for (guint k = 0; ready && k < t->fk_parents->len; k++) {
				struct mtable *p = find(tables,
				    t->fk_parents->pdata[k]);
				ready = p != NULL && p->done && p != t;
			}
			if (!ready)
				continue;
			status = copy_table(db, tables, t, error);
			t->done = progress = true;
		}
	}
	for (guint i = 0; i < tables->len && status == SE_OK; i++) {
		struct mtable *t = tables->pdata[i];
		if (!t->done) {
			g_set_error(error, SE_ERROR, SE_DB, "table %s: its keys "
			    "lead nowhere this merge knows", t->name);
			status = SE_DB;
		}
	}
	return status;
}

/* Merge one input archive in one transaction. */
static int
merge_one(struct archive *a, const char *path, GError **error)
{
	sqlite3 *db = a->db;
	sqlite3_stmt *st;
	GPtrArray *tables = NULL;
	int status, version;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_set_error(error, SE_ERROR, SE_IO, "no such archive");
		return SE_IO;
	}
	status = SE_DB;
	if (sqlite3_prepare_v2(db, "ATTACH ?1 AS m", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			status = SE_OK;
	}
	sqlite3_finalize(st);
	if (status != SE_OK) {
		g_set_error(error, SE_ERROR, SE_DB, "cannot open archive: %s",
		    sqlite3_errmsg(db));
		return status;
	}
	version = (int)scalar(db, "PRAGMA m.user_version");
	if (scalar(db, "SELECT count(*) FROM m.sqlite_schema WHERE "
	    "name = 'source' AND type = 'table'") == 0) {
		g_set_error(error, SE_ERROR, SE_DB, "not a selfeval archive");
		status = SE_DB;
	} else if (version != schema_version()) {
		g_set_error(error, SE_ERROR, SE_DB, "archive schema version %d, "
		    "this selfeval writes %d: merge archives of one version",
		    version, schema_version());
		status = SE_DB;
	}
	if (status == SE_OK)
		status = archive_begin(a, error);
	if (status == SE_OK) {
		tables = read_tables(db);
		if ((status = merge_sources(db, error)) == SE_OK &&
		    (status = merge_rows(db, tables, error)) == SE_OK &&
		    (status = merge_failures(db, error)) == SE_OK)
			status = archive_commit(a, error);
		if (status != SE_OK)
			archive_rollback(a);
		g_ptr_array_free(tables, TRUE);
	}
	exec(db, "DROP TABLE IF EXISTS temp.merge_map", NULL);
	exec(db, "DETACH m", NULL);
	return status;
}

int
cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	GError *error = NULL;
	struct archive *a;
	int c, failed = 0;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		return se_usage(usage_text, c == 'h');
	if (argc - optind < 2)
		return se_usage(usage_text, false);
	a = archive_open(argv[optind], &error);
	if (a == NULL)
		return se_fail("merge", argv[optind], error);
	for (int i = optind + 1; i < argc; i++) {
		if (strcmp(argv[i], argv[optind]) == 0) {
			se_warnx("merge", "%s: is the output", argv[i]);
			failed++;
			continue;
		}
		if (merge_one(a, argv[i], &error) != SE_OK) {
			se_warnx("merge", "%s: %s", argv[i], error->message);
			g_clear_error(&error);
			failed++;
		}
	}
	archive_close(a);
	return failed == 0 ? SE_OK : failed == argc - optind - 1 ? SE_DB :
	    SE_FAIL;
}
