#!/bin/sh
# One form, two formats, one archive: a fixture whose PDF LibreOffice
# printed from an HTML source is ingested from both, and every field of
# the archive must agree but those that belong to the file (its pages,
# its producer, the page an indicator row stands on).
set -u
tmp=$1/formats
mkdir -p "$tmp"

content() {
	selfeval dump --content "$1" | sed -E \
	    -e 's/"(pages|page_first|page_last|page)":[0-9]+/"\1":P/g' \
	    -e 's/"producer":("[^"]*"|null)/"producer":P/g'
}

for src in fixtures/*/form.html; do
	d=$(dirname "$src")
	[ -f "$d/form.pdf" ] || continue
	rm -f "$tmp"/*.db*
	selfeval ingest -q "$tmp/pdf.db" "$d/form.pdf"
	selfeval ingest -q "$tmp/html.db" "$src"
	content "$tmp/pdf.db" > "$tmp/pdf.json"
	content "$tmp/html.db" > "$tmp/html.json"
	if cmp -s "$tmp/pdf.json" "$tmp/html.json" &&
	    grep -q '"indicators":\[{' "$tmp/html.json"; then
		echo "ok same archive from PDF and HTML: $d"
	else
		echo "FAIL same archive from PDF and HTML: $d: $(diff "$tmp/pdf.json" "$tmp/html.json" | head -c 300)"
	fi
done
