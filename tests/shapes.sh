#!/bin/sh
# The shape check of a doubtful Chinese character (extract/ocrshape.c):
# the clean scan of the Calc score sheet, whose 固 of 固定资产利用率
# chi_sim reads 国, read with the fonts' shapes drawn anew, from their
# cache, with the cache cut short or unwritable, and with no Chinese font
# at all (then the check is skipped and the misread stays, flagged).
# Prints "ok ..." or "FAIL ..." lines for tests/run.
set -u
test=shapes
. tests/testlib

scan=fixtures/scans/clean-dept-scoresheet-calc/form.pdf
right=固定资产利用率
wrong=国定资产利用率

# read NAME [ENV=VALUE...]: extract the scan into $tmp/NAME.txt.
read_scan() {
	name=$1
	shift
	env "$@" selfeval extract "$scan" > "$tmp/$name.txt" 2> "$tmp/$name.err"
	echo $?
}

rc=$(read_scan drawn XDG_CACHE_HOME="$tmp/cache")
check "$rc" 0 "read with the shapes drawn anew: exit 0"
grep -q "$right" "$tmp/drawn.txt" && ok "drawn: 固 read by its shape" ||
    bad "drawn: no '$right' in the output"
n=$(ls "$tmp/cache/selfeval" 2>/dev/null | grep -c '^shapes-')
[ "$n" -ge 1 ] && ok "the shapes are kept in the cache ($n fonts)" ||
    bad "no shapes in $tmp/cache/selfeval"

rc=$(read_scan cached XDG_CACHE_HOME="$tmp/cache")
check "$rc" 0 "read with the shapes from the cache: exit 0"
cmp -s "$tmp/drawn.txt" "$tmp/cached.txt" &&
    ok "from the cache, the same text as drawn" ||
    bad "from the cache, the text differs from drawn"

# A cache file cut short (a disk that filled) is drawn again, and mended.
for f in "$tmp"/cache/selfeval/shapes-*; do
	head -c 1000 "$f" > "$f.cut" && mv "$f.cut" "$f"
done
rc=$(read_scan cut XDG_CACHE_HOME="$tmp/cache")
check "$rc" 0 "read with the cache cut short: exit 0"
cmp -s "$tmp/drawn.txt" "$tmp/cut.txt" &&
    ok "a cache cut short: the same text" ||
    bad "a cache cut short: the text differs"
small=$(find "$tmp/cache/selfeval" -name 'shapes-*' -size -1000k | wc -l)
check "$small" 0 "a cache cut short is written whole again"

# A cache that cannot be written (its folder a file) is no error.
: > "$tmp/file"
rc=$(read_scan nocache XDG_CACHE_HOME="$tmp/file")
check "$rc" 0 "read with no cache to write to: exit 0"
cmp -s "$tmp/drawn.txt" "$tmp/nocache.txt" &&
    ok "no cache: the same text" || bad "no cache: the text differs"
check "$(wc -c < "$tmp/nocache.err")" 0 "no cache: nothing said"

# No Chinese font: nothing to compare with, the reading stays chi_sim's.
cat > "$tmp/fonts.conf" <<EOF
<?xml version="1.0"?>
<fontconfig><dir>$tmp/nofonts</dir><cachedir>$tmp/fccache</cachedir></fontconfig>
EOF
mkdir -p "$tmp/nofonts"
rc=$(read_scan nofont XDG_CACHE_HOME="$tmp/cache" \
    FONTCONFIG_FILE="$tmp/fonts.conf")
check "$rc" 0 "read with no Chinese font: exit 0"
grep -q "$wrong" "$tmp/nofont.txt" &&
    ok "no font: the check is skipped (固 read 国, as chi_sim reads it)" ||
    bad "no font: no '$wrong' in the output"
