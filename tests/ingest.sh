#!/bin/sh
# ingest at scale: skipping what is loaded, --force, -j, views, export,
# and durability: SIGKILL at random moments, readers during a run, two
# runs at once. Prints "ok ..." or "FAIL ..." lines for tests/run.
set -u
test=ingest
. tests/testlib
mkdir -p "$tmp/corpus"

# A corpus of distinct sources: each fixture PDF, and copies of it with a
# comment after %%EOF, so the bytes (and so the source) differ.
# Under valgrind everything is fifty times slower: a smaller corpus.
n=0
# Fixtures that must fail (a page that names no form) are left out; the
# scanned one, which has no expected.json of its own, is read through OCR.
pdfs=$(for f in fixtures/*/form.pdf; do e=${f%/form.pdf}/expected.json
	[ -f "$e" ] && grep -q '"failures"' "$e" || echo "$f"; done)
[ "${VALGRIND:-}" = 1 ] && pdfs=$(echo "$pdfs" | head -3)
for f in $pdfs; do
	for c in 1 2; do
		n=$((n + 1))
		cp "$f" "$tmp/corpus/f$n.pdf"
		[ $c = 2 ] && printf '%% copy %d\n' $n >> "$tmp/corpus/f$n.pdf"
	done
done
files=$n

# The reference: one quiet run, one worker.
selfeval ingest -q -j1 "$tmp/ref.db" "$tmp/corpus" 2>/dev/null
ref_sources=$(q "$tmp/ref.db" "SELECT count(*) FROM source")
check "$ref_sources" "$files" "every file of the corpus loads ($files sources)"
selfeval dump "$tmp/ref.db" > "$tmp/ref.json"

# Every query of the README runs on an archive of the fixtures, and its
# plan takes some index (or a full-text one) rather than reading tables whole.
scripts/readme-queries > "$tmp/queries.sql"
n=0 failed=
while IFS= read -r sql; do
	n=$((n + 1))
	if ! sqlite3 "$tmp/ref.db" "$sql" > /dev/null 2> "$tmp/query.err"; then
		failed="$failed $n: $(head -c 120 "$tmp/query.err")"
	elif ! sqlite3 "$tmp/ref.db" "EXPLAIN QUERY PLAN $sql" |
	    grep -q -e 'USING .*INDEX' -e 'VIRTUAL TABLE INDEX'; then
		failed="$failed $n: no index in its plan"
	fi
done < "$tmp/queries.sql"
[ "$n" -gt 0 ] && [ -z "$failed" ] && ok "the README's $n queries run, each through an index" ||
    bad "README queries ($n):$failed"

# -j2 gives the same archive.
selfeval ingest -q -j2 "$tmp/j2.db" "$tmp/corpus" 2>/dev/null
selfeval dump "$tmp/j2.db" > "$tmp/j2.json"
if cmp -s "$tmp/ref.json" "$tmp/j2.json"; then ok "-j2 gives the archive -j1 gives"
else bad "-j2 differs from -j1"; fi

# Again: everything skipped, nothing duplicated, the summary says so.
selfeval ingest -j2 "$tmp/j2.db" "$tmp/corpus" 2> "$tmp/again.err"
grep -q "$files files, 0 reports, $files skipped, 0 failed" "$tmp/again.err" &&
    ok "a second run skips every source" ||
    bad "second run: $(cat "$tmp/again.err")"
check "$(q "$tmp/j2.db" "SELECT count(*) FROM source")" "$files" "no source duplicated"
# A run leaves no WAL behind for the next run to copy into the archive again.
check "$(stat -c %s "$tmp/j2.db-wal" 2>/dev/null || echo 0)" 0 "a run ends with the WAL emptied"

# The same bytes under a new name: skipped, the path recorded.
cp "$tmp/corpus/f1.pdf" "$tmp/renamed.pdf"
selfeval ingest -q "$tmp/j2.db" "$tmp/renamed.pdf"
check "$(q "$tmp/j2.db" "SELECT count(*) FROM source_path WHERE path LIKE '%renamed.pdf'")" 1 \
    "a known source under a new path is recorded, not reloaded"
# --force reloads it in place.
before=$(q "$tmp/j2.db" "SELECT count(*) FROM report")
selfeval ingest -q --force "$tmp/j2.db" "$tmp/corpus/f1.pdf"
check "$(q "$tmp/j2.db" "SELECT count(*) FROM report")" "$before" "--force reloads without duplicating"
# A changed file is a new source.
cp "$tmp/corpus/f1.pdf" "$tmp/changed.pdf"
printf '%% changed\n' >> "$tmp/changed.pdf"
selfeval ingest -q "$tmp/j2.db" "$tmp/changed.pdf"
check "$(q "$tmp/j2.db" "SELECT count(*) FROM source")" "$((files + 1))" "a changed file is a new source"

# Views.
check "$(q "$tmp/ref.db" "SELECT count(*) FROM v_report WHERE exec_rate_computed IS NOT NULL")" \
    "$(q "$tmp/ref.db" "SELECT count(*) FROM report WHERE budget_fen > 0 AND executed_fen IS NOT NULL")" \
    "v_report computes the execution rate"
check "$(q "$tmp/ref.db" "SELECT count(*) FROM v_indicator_loss WHERE lost <> weight - score")" 0 \
    "v_indicator_loss is weight - score"
check "$(q "$tmp/ref.db" "SELECT count(*) FROM v_audit")" "$(q "$tmp/ref.db" "SELECT count(*) FROM audit")" \
    "v_audit lists every audit row"
check "$(q "$tmp/ref.db" "SELECT count(*) FROM v_score_history")" "$(q "$tmp/ref.db" "SELECT count(*) FROM report")" \
    "v_score_history has a row per report"
# An archive of schema 1 is upgraded to the views when opened.
cp "$tmp/ref.db" "$tmp/old.db"
q "$tmp/old.db" "DROP VIEW v_report; DROP VIEW v_indicator_loss; DROP VIEW v_score_history; DROP VIEW v_audit;
    DROP INDEX report_kind_unit_year; DROP TABLE task;
    ALTER TABLE report DROP COLUMN kind; ALTER TABLE report DROP COLUMN finance_division;
    ALTER TABLE report DROP COLUMN contact; ALTER TABLE report DROP COLUMN phone;
    ALTER TABLE report DROP COLUMN goal_adjusted; ALTER TABLE report DROP COLUMN indicator_count;
    ALTER TABLE indicator DROP COLUMN level2_weight; ALTER TABLE indicator DROP COLUMN target_initial;
    ALTER TABLE indicator DROP COLUMN target_adjusted; ALTER TABLE indicator DROP COLUMN score_ratio;
    ALTER TABLE indicator DROP COLUMN core; ALTER TABLE fund DROP COLUMN grouping;
    ALTER TABLE indicator DROP COLUMN actual_value; ALTER TABLE indicator DROP COLUMN actual_unit;
    ALTER TABLE report DROP COLUMN ocr;
    PRAGMA user_version = 1"
selfeval ingest -q "$tmp/old.db" "$tmp/corpus/f1.pdf"
check "$(q "$tmp/old.db" "PRAGMA user_version"):$(q "$tmp/old.db" "SELECT count(*) FROM sqlite_schema WHERE type = 'view'"):$(q "$tmp/old.db" "SELECT count(*) FROM pragma_table_info('indicator') WHERE name LIKE 'actual_%'")" "8:4:2" \
    "a schema-1 archive is upgraded"
check "$(q "$tmp/old.db" "SELECT count(*) FROM report WHERE kind IS NULL AND template <> 'unknown'")" 0 \
    "an upgraded archive's reports are projects"

# Export: a workbook and CSV with a BOM; filters.
selfeval export "$tmp/ref.db" -o "$tmp/all.xlsx"
[ "$(head -c 2 "$tmp/all.xlsx")" = "PK" ] && ok "export writes an XLSX workbook" || bad "export: no workbook"
selfeval export "$tmp/ref.db" -o "$tmp/r.csv" --table reports
[ "$(head -c 3 "$tmp/r.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] && ok "CSV starts with a UTF-8 BOM" || bad "CSV has no BOM"
check "$(($(wc -l < "$tmp/r.csv") - 1))" "$(q "$tmp/ref.db" "SELECT count(*) FROM report")" "CSV has a line per report"
year=$(q "$tmp/ref.db" "SELECT year FROM report WHERE year IS NOT NULL LIMIT 1")
selfeval export "$tmp/ref.db" -o "$tmp/y.csv" --table indicators --year "$year"
check "$(($(wc -l < "$tmp/y.csv") - 1))" \
    "$(q "$tmp/ref.db" "SELECT count(*) FROM indicator i JOIN report r ON r.id = i.report_id WHERE r.year = $year")" \
    "export --year filters"
selfeval export "$tmp/ref.db" -o "$tmp/x.csv" 2> "$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q "needs --table" "$tmp/err" && ok "CSV without --table is refused" || bad "CSV without --table: exit $rc"

# What a whole source is: its reports and rows, as in the reference.
census() {
	q "$1" "SELECT s.sha256, count(DISTINCT r.id), count(DISTINCT i.id),
	    count(DISTINCT f.id) FROM source s LEFT JOIN report r ON r.source_id = s.id
	    LEFT JOIN indicator i ON i.report_id = r.id LEFT JOIN finding f ON f.report_id = r.id
	    GROUP BY s.id ORDER BY s.sha256"
}
census "$tmp/ref.db" > "$tmp/ref.census"

# Durability: SIGKILL at random moments, then check and complete.
kills=${KILLS:-10}
[ "${VALGRIND:-}" = 1 ] && kills=${KILLS:-3}
i=0
while [ $i -lt "$kills" ]; do
	i=$((i + 1))
	rm -f "$tmp/k.db"*
	selfeval ingest -q -j2 "$tmp/k.db" "$tmp/corpus" 2>/dev/null &
	pid=$!
	# 50 ms to 1.5 s into the run (to 15 s under valgrind).
	sleep "$(awk -v s="$i" -v k="${VALGRIND:-0}" 'BEGIN { srand(s * 7919);
	    printf "%.2f", (0.05 + rand() * 1.45) * (k == 1 ? 10 : 1) }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	sleep 0.1	# the workers notice their parent is gone
	integrity=$(q "$tmp/k.db" "PRAGMA integrity_check")
	fk=$(q "$tmp/k.db" "PRAGMA foreign_key_check")
	census "$tmp/k.db" > "$tmp/k.census"
	# Every source present is whole: its line is the reference's.
	partial=$(grep -v -x -F -f "$tmp/ref.census" "$tmp/k.census" | head -1)
	loaded=$(wc -l < "$tmp/k.census")
	selfeval ingest -q -j2 "$tmp/k.db" "$tmp/corpus" 2>/dev/null
	selfeval dump "$tmp/k.db" > "$tmp/k.json"
	if [ "$integrity" = ok ] && [ -z "$fk" ] && [ -z "$partial" ] &&
	    cmp -s "$tmp/k.json" "$tmp/ref.json"; then
		ok "SIGKILL $i: consistent with $loaded whole sources, re-run completes it"
	else
		bad "SIGKILL $i: integrity '$integrity', fk '$fk', partial '$partial'"
	fi
done

# Readers during an ingest never get an error.
rm -f "$tmp/r.db"*
selfeval ingest -q "$tmp/r.db" "$tmp/corpus/f1.pdf"	# the archive exists
selfeval ingest -q -j1 "$tmp/r.db" "$tmp/corpus" 2>/dev/null &
pid=$!
errors=0 reads=0
while kill -0 "$pid" 2>/dev/null; do
	sqlite3 "$tmp/r.db" "SELECT count(*) FROM report; SELECT count(*) FROM v_report" \
	    > /dev/null 2>> "$tmp/reader.err" || errors=$((errors + 1))
	reads=$((reads + 1))
done
wait "$pid"
[ "$errors" = 0 ] && ok "$reads reads during an ingest, no error" ||
    bad "$errors of $reads reads failed: $(head -1 "$tmp/reader.err")"

# Two ingests at once on one archive both finish, and nothing doubles.
rm -f "$tmp/two.db"*
selfeval ingest -q -j1 "$tmp/two.db" "$tmp/corpus" 2> "$tmp/two1.err" &
p1=$!
selfeval ingest -q -j1 "$tmp/two.db" "$tmp/corpus" 2> "$tmp/two2.err" &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
selfeval dump "$tmp/two.db" > "$tmp/two.json"
if [ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$tmp/two.json" "$tmp/ref.json"; then
	ok "two ingests at once both finish, the archive as one would make it"
else
	bad "two ingests at once: exits $r1 $r2: $(cat "$tmp/two1.err" "$tmp/two2.err" | head -2)"
fi

# Ctrl-C: the source being written finishes, the run stops, exit 14.
rm -f "$tmp/int.db"*
selfeval ingest -j1 "$tmp/int.db" "$tmp/corpus" 2> "$tmp/int.err" &
pid=$!
# Mid-run: once the first source is in.
until [ "$(q "$tmp/int.db" "SELECT count(*) FROM source" 2>/dev/null)" -gt 0 ] 2>/dev/null; do
	sleep 0.05
done
kill -INT "$pid"
wait "$pid"; rc=$?
census "$tmp/int.db" > "$tmp/int.census"
partial=$(grep -v -x -F -f "$tmp/ref.census" "$tmp/int.census" | head -1)
if [ $rc = 14 ] && grep -q "interrupted:" "$tmp/int.err" && [ -z "$partial" ] &&
    [ "$(q "$tmp/int.db" "PRAGMA integrity_check")" = ok ]; then
	ok "SIGINT stops the run with whole sources, exit 14"
else
	bad "SIGINT: exit $rc, $(tail -1 "$tmp/int.err"), partial '$partial'"
fi
