/*
 * The archive's schema, as a list of migrations: migration i takes
 * PRAGMA user_version from i to i + 1. An archive is upgraded by running
 * the ones it has not seen, in one transaction; a newer archive than this
 * program knows is refused rather than guessed at.
 */
#include <sqlite3.h>

#include "archive.h"
#include "status.h"

static const char *const migrations[] = {
	/* 0 -> 1: the archive as issue 2 defines it. */
	"CREATE TABLE source ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  bytes INTEGER NOT NULL,"
	"  pages INTEGER,"
	"  producer TEXT,"
	"  ingested_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE source_path ("
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	"  path TEXT NOT NULL,"
	"  seen_at TEXT NOT NULL,"
	"  PRIMARY KEY (source_id, path)"
	") STRICT;"
	"CREATE TABLE report ("
	"  id INTEGER PRIMARY KEY,"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  template TEXT NOT NULL,"
	"  title TEXT,"
	"  year INTEGER,"
	"  project TEXT,"
	"  report_no TEXT,"
	"  unit TEXT,"
	"  supervisor TEXT,"
	"  division TEXT,"
	"  recurring INTEGER CHECK (recurring IN (0, 1)),"
	"  budget_initial_fen INTEGER,"
	"  budget_fen INTEGER,"
	"  prev_budget_fen INTEGER,"
	"  executed_fen INTEGER,"
	"  exec_rate REAL,"
	"  exec_weight REAL,"
	"  exec_score REAL,"
	"  goal TEXT,"
	"  goal_actual TEXT,"
	"  eval_date TEXT,"
	"  grade TEXT,"
	"  total_weight REAL,"
	"  total_score REAL,"
	"  conclusion TEXT,"
	"  page_first INTEGER,"
	"  page_last INTEGER,"
	"  money_unit TEXT,"
	"  grading TEXT,"		/* JSON: the bands used for the grade check */
	"  text TEXT,"			/* the form's text when no template knew it */
	"  record TEXT NOT NULL,"	/* parse's record: every value as written */
	"  UNIQUE (source_id, seq)"
	") STRICT;"
	"CREATE INDEX report_unit_year ON report(unit, year);"
	"CREATE INDEX report_year ON report(year);"
	"CREATE TABLE indicator ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  level1 TEXT,"
	"  level1_weight REAL,"
	"  level2 TEXT,"
	"  name TEXT,"
	"  explanation TEXT,"
	"  nature TEXT,"
	"  target TEXT,"
	"  target_op TEXT,"
	"  target_value REAL,"
	"  target_unit TEXT,"
	"  measure_unit TEXT,"
	"  actual TEXT,"
	"  weight REAL,"
	"  score REAL,"
	"  note TEXT,"
	"  page INTEGER,"
	"  UNIQUE (report_id, seq)"
	") STRICT;"
	"CREATE TABLE fund ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  label TEXT,"
	"  initial_fen INTEGER,"
	"  budget_fen INTEGER,"
	"  executed_fen INTEGER,"
	"  UNIQUE (report_id, seq)"
	") STRICT;"
	"CREATE TABLE subproject ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  area_no TEXT,"
	"  area TEXT,"
	"  no INTEGER,"
	"  name TEXT,"
	"  UNIQUE (report_id, seq)"
	") STRICT;"
	"CREATE TABLE finding ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  subproject_id INTEGER REFERENCES subproject(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'problem', 'measure')),"
	"  seq INTEGER NOT NULL,"
	"  label TEXT,"
	"  text TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE quantity ("
	"  id INTEGER PRIMARY KEY,"
	"  finding_id INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,"
	"  value TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  value_norm REAL,"
	"  unit_norm TEXT,"
	"  context TEXT,"
	"  text TEXT"
	") STRICT;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),"
	"  message TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE failure ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL,"
	"  sha256 TEXT,"
	"  stage TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX report_source ON report(source_id);"
	"CREATE INDEX indicator_report ON indicator(report_id);"
	"CREATE INDEX fund_report ON fund(report_id);"
	"CREATE INDEX subproject_report ON subproject(report_id);"
	"CREATE INDEX finding_report ON finding(report_id);"
	"CREATE INDEX finding_subproject ON finding(subproject_id);"
	"CREATE INDEX quantity_finding ON quantity(finding_id);"
	"CREATE INDEX audit_report ON audit(report_id);"
	"CREATE INDEX failure_path ON failure(path);",
};

int
schema_version(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int
schema_upgrade(sqlite3 *db, GError **error)
{
	sqlite3_stmt *st;
	int have = 0, want = schema_version(), rc;
	char *msg = NULL;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (have > want) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		g_set_error(error, SE_ERROR, SE_DB,
		    "archive schema version %d is newer than this selfeval "
		    "knows (%d)", have, want);
		return SE_DB;
	}
	for (int v = have; v < want; v++) {
		char *set;
		if (sqlite3_exec(db, migrations[v], NULL, NULL, &msg) != SQLITE_OK)
			goto fail;
		set = sqlite3_mprintf("PRAGMA user_version = %d", v + 1);
		rc = sqlite3_exec(db, set, NULL, NULL, &msg);
		sqlite3_free(set);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	return SE_OK;
fail:
	g_set_error(error, SE_ERROR, SE_DB, "schema: %s",
	    msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return SE_DB;
}
