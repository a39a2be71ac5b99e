#!/bin/bash
# The same content gives byte-identical output, whatever the output
# folder, the time or the order files were created in.
. "$(dirname "$0")/lib.sh"

"$PAKT" build "$TOP/content" -o "$TMP/a" >/dev/null
ok $? "first build"
sleep 1
"$PAKT" build "$TOP/content" -o "$TMP/b/nested" >/dev/null
ok $? "second build into another folder, a second later"
diff -r "$TMP/a" "$TMP/b/nested" >"$TMP/diff"
ok $? "the two sites (pages and PDFs) are byte-identical"
head -20 "$TMP/diff" | sed 's/^/#   /'

# SOURCE_DATE_EPOCH only dates the PDFs and ODTs of documents without a
# date.
SOURCE_DATE_EPOCH=1 "$PAKT" build "$TOP/content" -o "$TMP/c" >/dev/null
diff -r -x '*.pdf' -x '*.odt' "$TMP/a" "$TMP/c" >"$TMP/diff"
ok $? "another SOURCE_DATE_EPOCH leaves the pages alone"
n=0
for f in $(cd "$TOP/content" && grep -l '^date:' $(find . -name '*.md')); do
	for x in pdf odt; do
		cmp -s "$TMP/a/${f%.md}.$x" "$TMP/c/${f%.md}.$x" || n=$((n + 1))
	done
done
is "$n" 0 "and the PDFs and ODTs of dated documents"

# A rebuild over an existing site replaces files and leaves no temporaries.
"$PAKT" build "$TOP/content" -o "$TMP/a" >/dev/null
ok $? "rebuild over the same folder"
is "$(find "$TMP/a" -name '*.tmp-*' | wc -l)" 0 "no temporary files are left"

done_testing
