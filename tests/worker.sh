#!/bin/sh
# A reader that crashes takes down its worker process only (Poppler is
# fuzzed by others; a crash inside it must cost one file, not the batch).
# The crash is a SIGABRT (what an assertion in a library raises; unlike
# SIGSEGV, AddressSanitizer leaves it alone) sent to the worker while it
# reads a slow PDF
# (tests/hostile/slow.pdf: 100 pages of 5000 pt square, seconds of work).
# Prints "ok ..." or "FAIL ..." lines for tests/run.
set -u
test=worker
. tests/testlib

selfeval ingest -q -j1 "$tmp/a.db" tests/hostile/slow.pdf \
    fixtures/seed-a-2019/form.txt 2> "$tmp/err" &
pid=$!
# The worker is the child of ingest; give it time to open the PDF.
worker=
i=0
while [ -z "$worker" ] && [ $i -lt 300 ]; do
	worker=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status \
	    2>/dev/null | head -1 | cut -d/ -f3)
	sleep 0.1
	i=$((i + 1))
done
sleep "${VALGRIND:+8}${VALGRIND:-1}"
[ -n "$worker" ] && kill -ABRT "$worker"
wait "$pid"
rc=$?
[ "$rc" = 1 ] && ok "ingest exits 1 (some files failed)" ||
    bad "ingest exited $rc, want 1: $(head -c 300 "$tmp/err")"
row=$(sqlite3 "$tmp/a.db" "SELECT path, stage, status, reason FROM failure")
want="tests/hostile/slow.pdf|extract|damaged|crashed the reader (signal 6, Aborted)"
[ "$row" = "$want" ] && ok "the crashed file fails, the signal named" ||
    bad "failure rows: '$row', want '$want'"
n=$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM report")
[ "$n" = 1 ] && ok "the batch goes on: the other file is loaded" ||
    bad "$n reports loaded, want 1"
