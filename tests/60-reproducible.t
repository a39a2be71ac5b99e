#!/bin/bash
# The same content gives byte-identical output, whatever the output
# folder, the time or the order files were created in.
. "$(dirname "$0")/lib.sh"

need git

"$PAKT" build "$EXAMPLE" -o "$TMP/a" >/dev/null
ok $? "first build"
sleep 1
"$PAKT" build "$EXAMPLE" -o "$TMP/b/nested" >/dev/null
ok $? "second build into another folder, a second later"
diff -r "$TMP/a" "$TMP/b/nested" >"$TMP/diff"
ok $? "the two sites (pages and PDFs) are byte-identical"
head -20 "$TMP/diff" | sed 's/^/#   /'

# Committed documents take every date from git: neither
# SOURCE_DATE_EPOCH, the clock nor the files' times change a byte.
R=$TMP/repo
git_init "$R"
cp -R "$EXAMPLE" "$R/content"
git_commit "$R" 2023-07-05T10:00:00+02:00 "Test" "Exempelinnehållet"
"$PAKT" build -q "$R/content" -o "$TMP/g1" >/dev/null
touch "$R"/content/*/*/*.md
SOURCE_DATE_EPOCH=1 "$PAKT" build -q "$R/content" -o "$TMP/g2" >/dev/null
diff -r "$TMP/g1" "$TMP/g2" >"$TMP/diff"
ok $? "another SOURCE_DATE_EPOCH changes nothing in a committed site" ||
	head -20 "$TMP/diff" | sed 's/^/#   /'

# Uncommitted documents are dated SOURCE_DATE_EPOCH.
cp -R "$EXAMPLE" "$TMP/plain"
"$PAKT" build -q "$TMP/plain" -o "$TMP/c1" >/dev/null
SOURCE_DATE_EPOCH=86400 "$PAKT" build -q "$TMP/plain" -o "$TMP/c2" >/dev/null
grep -q '<time datetime="1970-01-02">' "$TMP/c2/malmo/2023-2027/overenskommelse.html"
ok $? "SOURCE_DATE_EPOCH dates uncommitted documents"
cmp -s "$TMP/c1/malmo/2023-2027/overenskommelse.pdf" "$TMP/c2/malmo/2023-2027/overenskommelse.pdf"
[ $? -ne 0 ]; ok $? "and their PDFs"

# A rebuild over an existing site replaces files and leaves no temporaries.
"$PAKT" build "$EXAMPLE" -o "$TMP/a" >/dev/null
ok $? "rebuild over the same folder"
is "$(find "$TMP/a" -name '*.tmp-*' | wc -l)" 0 "no temporary files are left"

done_testing
