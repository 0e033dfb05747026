/*
 * load: records from parse into the SQLite archive. The archive is opened
 * (created or upgraded) once; records are loaded inside a transaction the
 * caller holds, so a batch is written whole or not at all.
 */
#ifndef SE_ARCHIVE_H
#define SE_ARCHIVE_H

#include <glib.h>
#include <sqlite3.h>
#include <stdbool.h>

struct archive {
	sqlite3 *db;
	GHashTable *stmts;	/* SQL text (static) -> prepared statement */
	GHashTable *loaded;	/* sha256 -> source id, this transaction */
	char *insert_report;	/* built from record.h's field table */
};

struct archive *archive_open(const char *path, GError **error);
void archive_close(struct archive *a);

int archive_begin(struct archive *a, GError **error);
int archive_commit(struct archive *a, GError **error);
void archive_rollback(struct archive *a);

/*
 * One source inside the caller's transaction: mark, then keep it or undo
 * it alone (a savepoint), so that many sources can share one commit.
 */
int archive_mark(struct archive *a, GError **error);
int archive_keep(struct archive *a, GError **error);
void archive_undo(struct archive *a);

/*
 * Load JSON Lines (one report each). The first record of a source seen in
 * this transaction replaces whatever the archive held for that source.
 */
int archive_load(struct archive *a, const char *jsonl, size_t len,
    int *nreports, GError **error);

/* The id of the source with this SHA-256, or 0 when it is not loaded. */
gint64 archive_source(struct archive *a, const char *sha256, GError **error);

/* Note that a loaded source was seen again under path. */
int archive_seen(struct archive *a, gint64 source, const char *path,
    GError **error);

/* Every loaded SHA-256, as a set (hash table of char *). */
GHashTable *archive_sources(struct archive *a, GError **error);

/* Take out the failure recorded for path (it was read again). */
int archive_forget(struct archive *a, const char *path, GError **error);

/* Record that a file could not be read, and why (replacing an earlier one). */
int archive_fail(struct archive *a, const char *path, const char *sha256,
    const char *stage, int status, const char *reason, GError **error);

/* A prepared statement for static SQL text, cached for the archive. */
sqlite3_stmt *archive_stmt(struct archive *a, const char *sql,
    GError **error);

/* Run a prepared insert or update and reset it; SE_DB with error on failure. */
int archive_step(struct archive *a, sqlite3_stmt *st, GError **error);

/* Current time as ISO 8601 UTC, for the archive's timestamps. */
char *archive_now(void);

int schema_version(void);
int schema_upgrade(sqlite3 *db, bool *migrated, GError **error);

#endif
