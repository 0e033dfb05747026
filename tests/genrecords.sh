#!/bin/sh
# tests/genrecords, which writes the synthetic archive that make bench
# measures at a million reports: its records must be ones load takes, of
# every family, and no less consistent than the forms they come from.
# Prints "ok ..." or "FAIL ..." lines.
set -u
test=genrecords
. tests/testlib

: > "$tmp/templates.jsonl"
for d in $(grep -v '^#' tests/genrecords.fixtures); do
	selfeval extract "fixtures/$d/form.pdf" | selfeval parse >> "$tmp/templates.jsonl"
done
t=$(wc -l < "$tmp/templates.jsonl")
n=$((t * 4))
"$TOOLS/genrecords" "$n" "$tmp/templates.jsonl" > "$tmp/a.jsonl"
"$TOOLS/genrecords" "$n" "$tmp/templates.jsonl" > "$tmp/b.jsonl"
"$TOOLS/genrecords" -s 7 "$n" "$tmp/templates.jsonl" > "$tmp/c.jsonl"
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" && ok "the same arguments, the same records" ||
    bad "two runs with the same arguments differ"
cmp -s "$tmp/a.jsonl" "$tmp/c.jsonl" && bad "another seed gave the same records" ||
    ok "another seed, other records"

selfeval load "$tmp/t.db" "$tmp/templates.jsonl" 2> "$tmp/err" ||
    bad "the templates do not load: $(head -c 200 "$tmp/err")"
if selfeval load "$tmp/g.db" "$tmp/a.jsonl" 2> "$tmp/err"; then
	ok "load takes all $n records"
else
	bad "load refused the records: $(head -c 200 "$tmp/err")"
fi
check "$(q "$tmp/g.db" "SELECT count(*) FROM report")" "$n" "$n reports loaded"
check "$(q "$tmp/g.db" "SELECT count(DISTINCT template) FROM report")" \
    "$(q "$tmp/t.db" "SELECT count(DISTINCT template) FROM report")" \
    "every family of the templates is among the records"
check "$(q "$tmp/g.db" "SELECT count(DISTINCT sha256) FROM source")" "$n" \
    "every record a source of its own"
# Varied, each record still adds up where its form did: a department's
# money is scaled as a whole, its funds rows still sum to their totals.
for rule in fund_total fund_groups exec_score weights_sum level1_weight; do
	check "$(q "$tmp/g.db" "SELECT count(*) FROM audit WHERE rule = '$rule'")" \
	    "$(($(q "$tmp/t.db" "SELECT count(*) FROM audit WHERE rule = '$rule'") * 4))" \
	    "no $rule audit row the templates do not have"
done
check "$(q "$tmp/g.db" "SELECT count(*) FROM fund WHERE executed_fen IS NOT NULL")" \
    "$(($(q "$tmp/t.db" "SELECT count(*) FROM fund WHERE executed_fen IS NOT NULL") * 4))" \
    "every amount of the funds rows read as money"
# A figure that is rewritten is rewritten in its sentence too.
check "$(q "$tmp/g.db" "SELECT count(*) FROM quantity q JOIN finding f ON f.id = q.finding_id WHERE instr(f.text, q.text) = 0")" \
    0 "every figure of a finding is in its text"
check "$(q "$tmp/g.db" "ATTACH '$tmp/t.db' AS t; SELECT count(*) FROM finding WHERE text IN (SELECT text FROM t.finding WHERE kind IN ('statement', 'outcome'))")" \
    0 "no statement or outcome left as its template wrote it"
exit 0
