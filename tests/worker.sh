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

# The worker: the child of ingest $1, waited for up to 30 s.
find_worker() {
	worker=
	i=0
	while [ -z "$worker" ] && [ $i -lt 300 ]; do
		worker=$(grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status \
		    2>/dev/null | head -1 | cut -d/ -f3)
		sleep 0.1
		i=$((i + 1))
	done
}

selfeval ingest -q -j1 "$tmp/a.db" tests/hostile/slow.pdf \
    fixtures/seed-a-2019/form.txt 2> "$tmp/err" &
pid=$!
# Give the worker time to open the PDF.
find_worker "$pid"
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

# The worker of a parent that is gone does not read on for nobody (here
# OCR of a four-page scan, which sends nothing back until it ends): with
# ingest killed outright (SIGKILL, the OOM killer) it dies too, and a
# hangup (terminal or ssh session closed) stops ingest as SIGINT does.
for sig in KILL HUP; do
	rm -f "$tmp/s.db"*
	selfeval ingest -q -j1 "$tmp/s.db" \
	    fixtures/scans/clean-writer-two/form.pdf 2> "$tmp/err" &
	pid=$!
	find_worker "$pid"
	sleep "${VALGRIND:+8}${VALGRIND:-1}"
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	i=0
	while [ -n "$worker" ] && [ -d "/proc/$worker" ] &&
	    ! grep -q '^State:[[:space:]]*Z' "/proc/$worker/status" 2>/dev/null &&
	    [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -z "$worker" ]; then
		bad "SIG$sig: no worker seen"
	elif [ -d "/proc/$worker" ] &&
	    ! grep -q '^State:[[:space:]]*Z' "/proc/$worker/status" 2>/dev/null; then
		bad "SIG$sig to ingest: its worker $worker still runs"
		kill -9 "$worker"
	else
		ok "SIG$sig to ingest: its worker ends with it"
	fi
	if [ "$sig" = HUP ]; then
		[ "$rc" = 14 ] && ok "SIGHUP: ingest exits 14 (interrupted)" ||
		    bad "SIGHUP: exit $rc, want 14"
	fi
done
