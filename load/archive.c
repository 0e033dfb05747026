/* Opening the archive, transactions, and the failure record. */
#include <string.h>

#include "archive.h"
#include "record.h"
#include "status.h"

/* Seconds a writer waits for another one before giving up. */
#define BUSY_TIMEOUT_MS 10000
/* Milliseconds a run's end waits for readers to let the WAL be emptied. */
#define CLOSE_WAIT_MS 2000

char *
archive_now(void)
{
	GDateTime *t = g_date_time_new_now_utc();
	char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(t);
	return s;
}

static char *
build_insert_report(void)
{
	GString *cols = g_string_new("source_id, seq, template, title, year");
	GString *sql = g_string_new("INSERT INTO report (");
	int n = 5;

	for (size_t i = 0; i < n_report_fields; i++) {
		if (report_fields[i].column == NULL)
			continue;	/* in the record only */
		g_string_append_printf(cols, ", %s", report_fields[i].column);
		n++;
	}
	g_string_append(cols, ", page_first, page_last, money_unit, grading, "
	    "text, record, kind");
	n += 7;
	g_string_append(sql, cols->str);
	g_string_append(sql, ") VALUES (?");
	for (int i = 1; i < n; i++)
		g_string_append(sql, ", ?");
	g_string_append_c(sql, ')');
	g_string_free(cols, TRUE);
	return g_string_free(sql, FALSE);
}

static bool
is_wal(sqlite3 *db)
{
	sqlite3_stmt *st;
	bool wal = false;

	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		wal = g_ascii_strcasecmp((const char *)sqlite3_column_text(st, 0),
		    "wal") == 0;
	sqlite3_finalize(st);
	return wal;
}

/*
 * Switch to WAL, once: the switch takes a moment of exclusive lock, which a
 * reader without a busy timeout would see as an error. The busy handler
 * does not cover it, so a second writer opening a new archive at the same
 * moment waits here, as long as the busy timeout.
 */
static bool
set_wal(sqlite3 *db, char **msg)
{
	gint64 until = g_get_monotonic_time() + BUSY_TIMEOUT_MS * 1000LL;

	for (;;) {
		int rc;
		if (is_wal(db))
			return true;
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, msg);
		if (rc == SQLITE_OK)
			return true;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    g_get_monotonic_time() > until)
			return false;
		sqlite3_free(*msg);
		*msg = NULL;
		g_usleep(20000);
	}
}

static void
finalize(gpointer p)
{
	sqlite3_finalize(p);
}

static int fts_prepare(struct archive *a, GError **error);

/* A connection to the archive at path, set up for loading; NULL on error. */
static sqlite3 *
open_db(const char *path, GError **error)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	/* SQLite says "unable to open database file" for all of these. */
	char *dir = g_path_get_dirname(path);
	const char *why = g_file_test(path, G_FILE_TEST_IS_DIR) ?
	    "it is a folder" : !g_file_test(dir, G_FILE_TEST_IS_DIR) ?
	    "its folder does not exist" : NULL;
	g_free(dir);
	if (why != NULL) {
		g_set_error(error, SE_ERROR, SE_DB, "cannot open archive: %s",
		    why);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		g_set_error(error, SE_ERROR, SE_DB, "cannot open archive: %s",
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	/*
	 * Closing the last connection would checkpoint and delete the WAL
	 * under an exclusive lock, and a reader starting just then (sqlite3
	 * has no busy timeout) would fail. Checkpoints stay passive instead.
	 */
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/*
	 * WAL lets sqlite3 read while an ingest writes; NORMAL sync keeps the
	 * archive consistent through a crash of the process, which is what
	 * a killed ingest is. The temporary store is in memory: ingest keeps
	 * each source in a savepoint, and its undo journal in a temporary
	 * file cost a third of the writer's time.
	 */
	if (sqlite3_exec(db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA temp_store = MEMORY;", NULL, NULL, &msg) != SQLITE_OK ||
	    !set_wal(db, &msg)) {
		g_set_error(error, SE_ERROR, SE_DB, "cannot open archive: %s",
		    msg);
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

struct archive *
archive_open(const char *path, GError **error)
{
	struct archive *a = g_new0(struct archive, 1);
	bool migrated = false;

	if ((a->db = open_db(path, error)) == NULL ||
	    schema_upgrade(a->db, &migrated, error) != SE_OK) {
		sqlite3_close(a->db);
		g_free(a);
		return NULL;
	}
	/*
	 * A migration that rewrote stored SQL (writable_schema) can leave
	 * this connection's idea of the schema behind what is on disk; a
	 * new connection reads it afresh.
	 */
	if (migrated) {
		sqlite3_close(a->db);
		if ((a->db = open_db(path, error)) == NULL) {
			g_free(a);
			return NULL;
		}
	}
	a->stmts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    finalize);
	a->loaded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	a->insert_report = build_insert_report();
	if (fts_prepare(a, error) != SE_OK) {
		archive_close(a);
		return NULL;
	}
	return a;
}

void
archive_close(struct archive *a)
{
	if (a == NULL)
		return;
	g_hash_table_destroy(a->stmts);
	g_hash_table_destroy(a->loaded);
	g_free(a->insert_report);
	/*
	 * The run leaves the WAL empty. The next run's first connection
	 * rebuilds the WAL's index from the file and counts none of it as
	 * copied into the archive, so a WAL left behind was copied again
	 * by every later run and grew by each run's writes: 180 MB more for
	 * each batch of 10,000 reports loaded at 160,000, and the load's
	 * time grew with it. TRUNCATE waits for readers to finish (for
	 * CLOSE_WAIT_MS, not the writer's busy timeout) but takes no lock
	 * a new reader needs; if a reader outlasts the wait, the next run
	 * copies what it held once more.
	 */
	sqlite3_busy_timeout(a->db, CLOSE_WAIT_MS);
	sqlite3_wal_checkpoint_v2(a->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL,
	    NULL);
	sqlite3_close(a->db);
	g_free(a);
}

sqlite3_stmt *
archive_stmt(struct archive *a, const char *sql, GError **error)
{
	sqlite3_stmt *st = g_hash_table_lookup(a->stmts, sql);

	if (st != NULL)
		return st;
	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK) {
		g_set_error(error, SE_ERROR, SE_DB, "%s", sqlite3_errmsg(a->db));
		return NULL;
	}
	g_hash_table_insert(a->stmts, (gpointer)sql, st);
	return st;
}

int
archive_step(struct archive *a, sqlite3_stmt *st, GError **error)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		g_set_error(error, SE_ERROR, SE_DB, "%s", sqlite3_errmsg(a->db));
		return SE_DB;
	}
	return SE_OK;
}

static int
exec(struct archive *a, const char *sql, GError **error)
{
	char *msg = NULL;

	if (sqlite3_exec(a->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		g_set_error(error, SE_ERROR, SE_DB, "%s", msg);
		sqlite3_free(msg);
		return SE_DB;
	}
	return SE_OK;
}

/*
 * The full-text indexes of schema.c and the rows they index. An FTS5
 * insert from a permanent trigger costs a flush of the index at every
 * statement (each runs in a savepoint), a segment per row: three times
 * the whole load. Instead a temporary trigger notes the ids a transaction
 * inserts, and the commit indexes them in one statement per index. So
 * every writer through here (load, ingest, merge) keeps them in step.
 */
static const struct fts_index {
	const char *fts, *table, *cols;
} fts_indexes[] = {
	{ "finding_fts", "finding", "text" },
	{ "goal_fts", "report", "goal, goal_actual" },
	{ "indicator_fts", "indicator", "name" },
};

static int
fts_prepare(struct archive *a, GError **error)
{
	int status = SE_OK;

	for (size_t i = 0; i < G_N_ELEMENTS(fts_indexes) && !status; i++) {
		const struct fts_index *x = &fts_indexes[i];
		char *sql = g_strdup_printf(
		    "CREATE TEMP TABLE IF NOT EXISTS fts_new_%s "
		    "  (id INTEGER PRIMARY KEY);"
		    "CREATE TEMP TRIGGER IF NOT EXISTS fts_new_%s AFTER INSERT "
		    "  ON main.%s BEGIN INSERT OR IGNORE INTO fts_new_%s "
		    "  VALUES (new.id); END;", x->table, x->table, x->table,
		    x->table);
		status = exec(a, sql, error);
		g_free(sql);
	}
	return status;
}

/* Index the rows this transaction inserted. */
static int
fts_index_new(struct archive *a, GError **error)
{
	int status = SE_OK;

	for (size_t i = 0; i < G_N_ELEMENTS(fts_indexes) && !status; i++) {
		const struct fts_index *x = &fts_indexes[i];
		char *sql = g_strdup_printf(
		    "INSERT INTO main.%s (rowid, %s) SELECT id, %s FROM main.%s "
		    "  WHERE id IN (SELECT id FROM temp.fts_new_%s) ORDER BY id;"
		    "DELETE FROM temp.fts_new_%s;", x->fts, x->cols, x->cols,
		    x->table, x->table, x->table);
		status = exec(a, sql, error);
		g_free(sql);
	}
	return status;
}

int
archive_begin(struct archive *a, GError **error)
{
	g_hash_table_remove_all(a->loaded);
	/* IMMEDIATE: take the write lock now, not halfway through. */
	return exec(a, "BEGIN IMMEDIATE", error);
}

int
archive_commit(struct archive *a, GError **error)
{
	g_hash_table_remove_all(a->loaded);
	if (fts_index_new(a, error) != SE_OK)
		return SE_DB;
	return exec(a, "COMMIT", error);
}

void
archive_rollback(struct archive *a)
{
	g_hash_table_remove_all(a->loaded);
	sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
}

int
archive_mark(struct archive *a, GError **error)
{
	return exec(a, "SAVEPOINT source", error);
}

int
archive_keep(struct archive *a, GError **error)
{
	return exec(a, "RELEASE source", error);
}

void
archive_undo(struct archive *a)
{
	/* What this source added to `loaded` is gone with its rows. */
	g_hash_table_remove_all(a->loaded);
	sqlite3_exec(a->db, "ROLLBACK TO source; RELEASE source", NULL, NULL,
	    NULL);
}

/*
 * failure says what is missing from the archive now: a file read again
 * takes its earlier failure out, whether it loads this time or fails
 * again (then with today's reason), so re-runs do not pile rows up.
 */
int
archive_forget(struct archive *a, const char *path, GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "DELETE FROM failure WHERE path = ?",
	    error);

	if (st == NULL)
		return SE_DB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	return archive_step(a, st, error);
}

int
archive_fail(struct archive *a, const char *path, const char *sha256,
    const char *stage, int status, const char *reason, GError **error)
{
	sqlite3_stmt *st;
	char *now;
	int rc;

	if (archive_forget(a, path, error) != SE_OK)
		return SE_DB;
	st = archive_stmt(a, "INSERT INTO failure (path, sha256, "
	    "stage, status, reason, at) VALUES (?, ?, ?, ?, ?, ?)", error);
	if (st == NULL)
		return SE_DB;
	now = archive_now();
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (sha256)
		sqlite3_bind_text(st, 2, sha256, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, se_status_name(status), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	rc = archive_step(a, st, error);
	g_free(now);
	return rc;
}

gint64
archive_source(struct archive *a, const char *sha256, GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "SELECT id FROM source WHERE "
	    "sha256 = ?", error);
	gint64 id = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

int
archive_seen(struct archive *a, gint64 source, const char *path,
    GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "INSERT OR REPLACE INTO source_path "
	    "(source_id, path, seen_at) VALUES (?, ?, ?)", error);
	char *now;
	int rc;

	if (st == NULL)
		return SE_DB;
	now = archive_now();
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	rc = archive_step(a, st, error);
	g_free(now);
	return rc;
}

GHashTable *
archive_sources(struct archive *a, GError **error)
{
	sqlite3_stmt *st = archive_stmt(a, "SELECT sha256 FROM source", error);
	GHashTable *set;

	if (st == NULL)
		return NULL;
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		g_hash_table_add(set, g_strdup((const char *)
		    sqlite3_column_text(st, 0)));
	sqlite3_reset(st);
	return set;
}
