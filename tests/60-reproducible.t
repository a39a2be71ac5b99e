#!/bin/bash
# The same content gives byte-identical output, whatever the output
# folder, the time or the order files were created in.
. "$(dirname "$0")/lib.sh"

"$PAKT" build "$TOP/content" -o "$TMP/a" >/dev/null
ok $? "first build"
sleep 1
SOURCE_DATE_EPOCH=1 "$PAKT" build "$TOP/content" -o "$TMP/b/nested" >/dev/null
ok $? "second build into another folder, another date"
diff -r "$TMP/a" "$TMP/b/nested" >"$TMP/diff"
ok $? "the two sites are byte-identical"
head -20 "$TMP/diff" | sed 's/^/#   /'

# A rebuild over an existing site replaces files and leaves no temporaries.
"$PAKT" build "$TOP/content" -o "$TMP/a" >/dev/null
ok $? "rebuild over the same folder"
is "$(find "$TMP/a" -name '*.tmp-*' | wc -l)" 0 "no temporary files are left"

done_testing
