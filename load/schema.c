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

	/* 1 -> 2: views for audit work. */
	"CREATE VIEW v_report AS SELECT r.id, s.path, r.seq, r.template, "
	"  r.year, r.unit, r.supervisor, r.project, "
	"  r.budget_initial_fen / 100.0 AS budget_initial_yuan, "
	"  r.budget_fen / 100.0 AS budget_yuan, "
	"  r.prev_budget_fen / 100.0 AS prev_budget_yuan, "
	"  r.executed_fen / 100.0 AS executed_yuan, "
	"  r.exec_rate AS exec_rate_stated, "
	"  CASE WHEN r.budget_fen > 0 THEN "
	"    round(100.0 * r.executed_fen / r.budget_fen, 2) END "
	"    AS exec_rate_computed, "
	"  r.total_weight, r.total_score, r.grade AS grade_stated, "
	"  (SELECT json_extract(b.value, '$.grade') FROM json_each(r.grading) b "
	"    WHERE r.total_score >= json_extract(b.value, '$.min') "
	"    ORDER BY json_extract(b.value, '$.min') DESC LIMIT 1) "
	"    AS grade_implied, "
	"  r.eval_date, (SELECT count(*) FROM audit a WHERE a.report_id = r.id) "
	"    AS audit_findings "
	"FROM report r JOIN source s ON s.id = r.source_id;"
	"CREATE VIEW v_indicator_loss AS SELECT r.id AS report_id, r.unit, "
	"  r.year, r.project, i.seq, i.level1, i.level2, i.name, i.weight, "
	"  i.score, i.weight - i.score AS lost "
	"FROM indicator i JOIN report r ON r.id = i.report_id "
	"WHERE i.weight IS NOT NULL AND i.score IS NOT NULL;"
	"CREATE VIEW v_score_history AS SELECT unit, project, year, "
	"  total_score, grade FROM report "
	"ORDER BY unit, project, year;"
	"CREATE VIEW v_audit AS SELECT a.id, s.path, r.unit, r.year, r.project, "
	"  a.rule, a.severity, a.message "
	"FROM audit a JOIN report r ON r.id = a.report_id "
	"JOIN source s ON s.id = r.source_id;",

	/*
	 * 2 -> 3: the actual value parsed like the target (issue 8), so a
	 * query compares target_value with actual_value without string work.
	 */
	"ALTER TABLE indicator ADD COLUMN actual_value REAL;"
	"ALTER TABLE indicator ADD COLUMN actual_unit TEXT;",

	/*
	 * 3 -> 4: department-wide evaluations and written reports (issue 11).
	 * A report is about a project or a whole department; a department
	 * states its year's tasks, groups its funds by where the money comes
	 * from and what it is spent on, and its indicators carry more columns.
	 * The finding kinds gain 'statement' (a written report's sentence
	 * that states figures); SQLite cannot alter a CHECK, so the table's
	 * stored SQL is rewritten, as sqlite.org/lang_altertable.html
	 * describes for changes that no existing row can violate.
	 */
	"ALTER TABLE report ADD COLUMN kind TEXT"
	"  CHECK (kind IN ('project', 'department'));"
	"UPDATE report SET kind = 'project' WHERE template <> 'unknown';"
	"ALTER TABLE report ADD COLUMN finance_division TEXT;"
	"ALTER TABLE report ADD COLUMN contact TEXT;"
	"ALTER TABLE report ADD COLUMN phone TEXT;"
	"ALTER TABLE report ADD COLUMN goal_adjusted TEXT;"
	"ALTER TABLE report ADD COLUMN indicator_count INTEGER;"
	"CREATE INDEX report_kind_unit_year ON report(kind, unit, year);"
	"ALTER TABLE indicator ADD COLUMN level2_weight REAL;"
	"ALTER TABLE indicator ADD COLUMN target_initial TEXT;"
	"ALTER TABLE indicator ADD COLUMN target_adjusted TEXT;"
	"ALTER TABLE indicator ADD COLUMN score_ratio REAL;"
	"ALTER TABLE indicator ADD COLUMN core INTEGER CHECK (core IN (0, 1));"
	"ALTER TABLE fund ADD COLUMN grouping TEXT"
	"  CHECK (grouping IN ('收入性质', '支出性质'));"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  name TEXT,"
	"  content TEXT,"
	"  budget_fen INTEGER,"
	"  executed_fen INTEGER,"
	"  UNIQUE (report_id, seq)"
	") STRICT;"
	"CREATE INDEX task_report ON task(report_id);"
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  '''problem'', ''measure'')',"
	"  '''problem'', ''measure'', ''statement'')')"
	"  WHERE type = 'table' AND name = 'finding';"
	"PRAGMA writable_schema = OFF;"
	"DROP VIEW v_score_history;"
	"CREATE VIEW v_score_history AS SELECT kind, unit, project, year, "
	"  total_score, grade FROM report "
	"ORDER BY kind, unit, project, year;",

	/*
	 * 4 -> 5: for an archive of a million reports, one index on year and
	 * unit (a year's reports of some units are read from the index alone);
	 * and full-text search over findings, goals and indicator names.
	 * FTS5 with the trigram tokenizer, since Chinese has no spaces: any
	 * three or more characters match where they stand. External content:
	 * the index only, the text stays in its table. Triggers take deleted
	 * and changed rows out of the index (cascades too); new rows are
	 * added by load when it commits (archive.c says why not by trigger).
	 */
	"DROP INDEX IF EXISTS report_year;"
	"CREATE INDEX IF NOT EXISTS report_year_unit ON report(year, unit);"
	"CREATE VIRTUAL TABLE IF NOT EXISTS finding_fts USING fts5(text, content = 'finding',"
	"  content_rowid = 'id', tokenize = 'trigram');"
	"CREATE VIRTUAL TABLE IF NOT EXISTS goal_fts USING fts5(goal, goal_actual,"
	"  content = 'report', content_rowid = 'id', tokenize = 'trigram');"
	"CREATE VIRTUAL TABLE IF NOT EXISTS indicator_fts USING fts5(name,"
	"  content = 'indicator', content_rowid = 'id', tokenize = 'trigram');"
	"INSERT INTO finding_fts (finding_fts) VALUES ('rebuild');"
	"INSERT INTO goal_fts (goal_fts) VALUES ('rebuild');"
	"INSERT INTO indicator_fts (indicator_fts) VALUES ('rebuild');"
	"CREATE TRIGGER IF NOT EXISTS finding_fts_delete AFTER DELETE ON finding BEGIN"
	"  INSERT INTO finding_fts (finding_fts, rowid, text)"
	"    VALUES ('delete', old.id, old.text);"
	"END;"
	"CREATE TRIGGER IF NOT EXISTS finding_fts_update AFTER UPDATE OF text ON finding BEGIN"
	"  INSERT INTO finding_fts (finding_fts, rowid, text)"
	"    VALUES ('delete', old.id, old.text);"
	"  INSERT INTO finding_fts (rowid, text) VALUES (new.id, new.text);"
	"END;"
	"CREATE TRIGGER IF NOT EXISTS goal_fts_delete AFTER DELETE ON report BEGIN"
	"  INSERT INTO goal_fts (goal_fts, rowid, goal, goal_actual)"
	"    VALUES ('delete', old.id, old.goal, old.goal_actual);"
	"END;"
	"CREATE TRIGGER IF NOT EXISTS goal_fts_update AFTER UPDATE OF goal, goal_actual"
	"  ON report BEGIN"
	"  INSERT INTO goal_fts (goal_fts, rowid, goal, goal_actual)"
	"    VALUES ('delete', old.id, old.goal, old.goal_actual);"
	"  INSERT INTO goal_fts (rowid, goal, goal_actual)"
	"    VALUES (new.id, new.goal, new.goal_actual);"
	"END;"
	"CREATE TRIGGER IF NOT EXISTS indicator_fts_delete AFTER DELETE ON indicator BEGIN"
	"  INSERT INTO indicator_fts (indicator_fts, rowid, name)"
	"    VALUES ('delete', old.id, old.name);"
	"END;"
	"CREATE TRIGGER IF NOT EXISTS indicator_fts_update AFTER UPDATE OF name ON indicator"
	"  BEGIN"
	"  INSERT INTO indicator_fts (indicator_fts, rowid, name)"
	"    VALUES ('delete', old.id, old.name);"
	"  INSERT INTO indicator_fts (rowid, name) VALUES (new.id, new.name);"
	"END;",

	/* 5 -> 6: reports read through OCR, and how sure it was. */
	"ALTER TABLE report ADD COLUMN ocr REAL;",

	/*
	 * 6 -> 7: a year's reports by form, unit and project, with their
	 * sources and scores, from the index alone: the README's query for
	 * the same form loaded twice reads a year of a million-report
	 * archive in 0.4 s with it, 0.95 s without.
	 */
	"CREATE INDEX IF NOT EXISTS report_pairs ON report(year, template,"
	"  unit, project, source_id, total_score);",

	/*
	 * 7 -> 8: failure holds a path's latest failure only (ingest takes
	 * the earlier one out when it reads the path again), found by path.
	 */
	"DELETE FROM failure WHERE EXISTS (SELECT 1 FROM failure g WHERE"
	"  g.path = failure.path AND g.id > failure.id);"
	"CREATE INDEX IF NOT EXISTS failure_path ON failure(path);",
};

int
schema_version(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

/*
 * A migration may rewrite stored SQL (writable_schema); bumping the schema
 * cookie after each step makes this connection, and every other, read the
 * schema anew before the next step builds on it.
 */
static bool
bump_cookie(sqlite3 *db, char **msg)
{
	sqlite3_stmt *st;
	int cookie = 0, rc;
	char *set;

	rc = sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		cookie = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	set = sqlite3_mprintf("PRAGMA schema_version = %d", cookie + 1);
	rc = sqlite3_exec(db, set, NULL, NULL, msg);
	sqlite3_free(set);
	return rc == SQLITE_OK;
}

int
schema_upgrade(sqlite3 *db, bool *migrated, GError **error)
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
	/*
	 * Version 0 is a new archive, an empty file: one that already holds
	 * tables is another program's database, not to be written into.
	 */
	if (have == 0 && sqlite3_prepare_v2(db, "SELECT count(*) FROM "
	    "sqlite_master", -1, &st, NULL) == SQLITE_OK) {
		int tables = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int(st, 0) : 0;
		sqlite3_finalize(st);
		if (tables > 0) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			g_set_error(error, SE_ERROR, SE_DB, "not a selfeval "
			    "archive (an SQLite database of %d other objects)",
			    tables);
			return SE_DB;
		}
	}
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
		if (rc != SQLITE_OK || !bump_cookie(db, &msg))
			goto fail;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	*migrated = have < want;
	return SE_OK;
fail:
	g_set_error(error, SE_ERROR, SE_DB, "schema: %s",
	    msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return SE_DB;
}
