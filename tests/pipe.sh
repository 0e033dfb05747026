#!/bin/sh
# The pipe and ingest give the same archive, and loading a source again
# replaces it without duplicating anything.
set -u
tmp=$1/pipe
mkdir -p "$tmp"

# The whole archive, with the two columns that hold the time of loading
# blanked: everything else must be equal.
snapshot() {
	sqlite3 "$1" .dump |
	    sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'
}

for f in fixtures/seed-a-2019/form.txt fixtures/a-writer-html/form.pdf; do
	rm -f "$tmp"/*.db*
	selfeval extract "$f" | selfeval parse | selfeval load "$tmp/pipe.db"
	selfeval ingest -q "$tmp/ingest.db" "$f"
	snapshot "$tmp/pipe.db" > "$tmp/pipe.sql"
	snapshot "$tmp/ingest.db" > "$tmp/ingest.sql"
	if cmp -s "$tmp/pipe.sql" "$tmp/ingest.sql" &&
	    grep -q 'INSERT INTO report' "$tmp/pipe.sql"; then
		echo "ok pipe equals ingest: $f"
	else
		echo "FAIL pipe equals ingest: $f: $(diff "$tmp/pipe.sql" "$tmp/ingest.sql" | head -5)"
	fi

	# Reload through either path: the same rows, no duplicates.
	selfeval ingest -q "$tmp/ingest.db" "$f"
	selfeval extract "$f" | selfeval parse | selfeval load "$tmp/ingest.db"
	counts() {
		sqlite3 "$1" "SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM report),
		    (SELECT count(*) FROM indicator), (SELECT count(*) FROM subproject),
		    (SELECT count(*) FROM finding), (SELECT count(*) FROM quantity),
		    (SELECT count(*) FROM audit)"
	}
	if [ "$(counts "$tmp/ingest.db")" = "$(counts "$tmp/pipe.db")" ] &&
	    [ "$(sqlite3 "$tmp/ingest.db" 'PRAGMA foreign_key_check')" = "" ]; then
		echo "ok reload replaces: $f ($(counts "$tmp/pipe.db"))"
	else
		echo "FAIL reload replaces: $f: $(counts "$tmp/ingest.db") vs $(counts "$tmp/pipe.db")"
	fi
done

# Several extracts in one pipe: one load, every source.
rm -f "$tmp"/*.db*
{ selfeval extract fixtures/seed-a-2019/form.txt
  selfeval extract fixtures/a-writer-html/form.pdf; } |
    selfeval parse | selfeval load "$tmp/two.db"
n=$(sqlite3 "$tmp/two.db" "SELECT count(*) FROM source")
[ "$n" = 2 ] && echo "ok pipe of two extracts loads two sources" ||
    echo "FAIL pipe of two extracts: $n sources"

# The schema: STRICT tables, foreign keys, a version.
v=$(sqlite3 "$tmp/two.db" "PRAGMA user_version")
# Ordinary tables: an FTS5 index's own tables are the module's business.
s=$(sqlite3 "$tmp/two.db" "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND NOT strict AND name NOT LIKE 'sqlite_%'")
[ "$v" -ge 1 ] && [ "$s" = 0 ] && echo "ok schema is versioned and STRICT" ||
    echo "FAIL schema: user_version $v, $s non-STRICT tables"
