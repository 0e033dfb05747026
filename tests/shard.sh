#!/bin/sh
# Beyond one machine: GNU parallel runs `ingest --shard K/N` (here on this
# machine, -j2), `merge` joins the shards, and the merged archive is the
# archive of one ingest over all the files: the same content, the same
# paths for each source, the same failures. A merge run again, or after a
# kill, comes to the same archive. Prints "ok ..." or "FAIL ..." lines.
set -u
test=shard
. tests/testlib
mkdir -p "$tmp/corpus/sub"

# Every fixture PDF, one of them again under another name (one source, two
# paths, which may fall in different shards), and files that fail.
pdfs=$(ls fixtures/*/form.pdf | grep -v a-scanned)
[ "${VALGRIND:-}" = 1 ] && pdfs=$(echo "$pdfs" | head -3)
for f in $pdfs; do
	cp "$f" "$tmp/corpus/$(basename "$(dirname "$f")").pdf"
done
cp "$(echo "$pdfs" | head -1)" "$tmp/corpus/sub/again.pdf"
cp fixtures/bad/truncated.pdf fixtures/bad/notpdf.pdf "$tmp/corpus/sub/"

# The reference: one ingest over everything.
selfeval ingest -q -j1 "$tmp/one.db" "$tmp/corpus" 2>/dev/null
# A source's first path (which orders dump) is whichever copy came first:
# compare the sources as a set, and every path of each.
view() {
	selfeval dump --content "$1" | sort
	q "$1" "SELECT s.sha256, p.path FROM source_path p
	    JOIN source s ON s.id = p.source_id ORDER BY 1, 2"
	q "$1" "SELECT path, sha256, stage, status, reason FROM failure
	    ORDER BY path, stage"
	q "$1" "SELECT count(*) FROM audit"
	# The full-text indexes follow the rows merge copies.
	q "$1" "SELECT count(*) FROM finding_fts WHERE finding_fts MATCH '资金使'"
	q "$1" "SELECT count(*) FROM indicator_fts WHERE indicator_fts MATCH '满意度'"
	q "$1" "SELECT count(*) FROM goal_fts WHERE goal_fts MATCH '2022'"
}
view "$tmp/one.db" > "$tmp/one.txt"

# Three shards, two at a time, as the README runs them.
parallel --will-cite -j2 selfeval ingest -q --shard {}/3 "$tmp/shard-{}.db" \
    "$tmp/corpus" ::: 1 2 3 2>/dev/null
n=0
for k in 1 2 3; do
	n=$((n + $(q "$tmp/shard-$k.db" "SELECT count(*) FROM source_path") +
	    $(q "$tmp/shard-$k.db" "SELECT count(*) FROM failure")))
done
check "$n" "$(find "$tmp/corpus" -type f | wc -l)" \
    "the shards take every file once"
for k in 1 2 3; do
	[ "$(q "$tmp/shard-$k.db" "SELECT count(*) FROM source")" -gt 0 ] ||
	    bad "shard $k/3 is empty: the hash does not spread the files"
done
selfeval ingest -q --shard 1/3 "$tmp/again-1.db" "$tmp/corpus" 2>/dev/null
check "$(q "$tmp/again-1.db" "SELECT group_concat(path) FROM
    (SELECT path FROM source_path ORDER BY path)")" \
    "$(q "$tmp/shard-1.db" "SELECT group_concat(path) FROM
    (SELECT path FROM source_path ORDER BY path)")" \
    "a shard is the same files every time"

selfeval merge "$tmp/merged.db" "$tmp"/shard-*.db
check "$?" 0 "merge exits 0"
view "$tmp/merged.db" > "$tmp/merged.txt"
if cmp -s "$tmp/one.txt" "$tmp/merged.txt"; then
	ok "the merged shards are the archive of one ingest"
else
	bad "merged shards differ from one ingest: $(diff "$tmp/one.txt" \
	    "$tmp/merged.txt" | cut -c1-100 | head -5)"
fi

# Again: nothing changes.
selfeval merge "$tmp/merged.db" "$tmp"/shard-*.db
view "$tmp/merged.db" | cmp -s - "$tmp/one.txt" &&
    ok "merging the same archives again changes nothing" ||
    bad "a second merge changed the archive"

# Killed at a random moment, then run again: the same archive.
i=0
while [ $i -lt 3 ]; do
	rm -f "$tmp/killed.db"*
	selfeval merge "$tmp/killed.db" "$tmp"/shard-*.db &
	pid=$!
	sleep "0.0$(awk -v s=$i 'BEGIN { srand(s); printf "%d", rand() * 9 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	selfeval merge "$tmp/killed.db" "$tmp"/shard-*.db
	view "$tmp/killed.db" | cmp -s - "$tmp/one.txt" ||
	    { bad "a merge killed and run again differs (round $i)"; break; }
	i=$((i + 1))
done
[ $i -eq 3 ] && ok "a merge killed at random and run again finishes it"

# Schema versions are checked; a bad input is named and the rest merged.
cp "$tmp/shard-1.db" "$tmp/old.db"
q "$tmp/old.db" "PRAGMA user_version = 1"
selfeval merge "$tmp/mixed.db" "$tmp/old.db" "$tmp/shard-2.db" 2> "$tmp/err"
status=$?
check "$status" 1 "merge with one bad input exits 1"
grep -q "old.db: archive schema version 1" "$tmp/err" &&
    ok "an archive of another schema version is refused by name" ||
    bad "schema version: $(cat "$tmp/err")"
check "$(q "$tmp/mixed.db" "SELECT count(*) FROM source")" \
    "$(q "$tmp/shard-2.db" "SELECT count(*) FROM source")" \
    "the good input is merged all the same"
