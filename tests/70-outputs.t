#!/bin/bash
# The output folder follows the content: a removed or renamed document's
# page disappears, a document with an error keeps its earlier page, and
# files pakt did not write are left alone.
. "$(dirname "$0")/lib.sh"

C=$TMP/content
O=$TMP/site
new_content "$C"
P=$C/demo/2023-2026
mkdir -p "$P/bilder"
printf -- '---\ntype: page\ntitle: Ett\n---\n![Karta](bilder/karta.png)\n' >"$P/ett.md"
printf -- '---\ntype: page\ntitle: Två\n---\nText\n' >"$P/tva.md"
cp "$TOP/tests/fixtures/site/demo/2024-2027/bilder/cycle.png" "$P/bilder/karta.png"

"$PAKT" build -q "$C" -o "$O"
ok $? "first build"
[ -f "$O/demo/2023-2026/ett.html" ] && [ -f "$O/demo/2023-2026/bilder/karta.png" ]
ok $? "pages and images are written"
is "$(sort "$O/.pakt-files" | head -3)" "assets/style.css
demo/2023-2026/bilder/karta.png
demo/2023-2026/ett.html" "the output list names what was written"
echo "egen fil" >"$O/robots.txt"

# ett.md gets an error: its old page and image stay.
printf -- '---\ntype: page\n---\n![Karta](bilder/karta.png)\n' >"$P/ett.md"
run "$PAKT" build -q "$C" -o "$O"
is "$RC" 1 "a build with an error exits 1"
[ -f "$O/demo/2023-2026/ett.html" ]; ok $? "the page of a document with an error stays"
[ -f "$O/demo/2023-2026/bilder/karta.png" ]; ok $? "so does the image it used"
grep -qx 'demo/2023-2026/ett.html' "$O/.pakt-files"; ok $? "the kept page stays in the output list"

# ett.md is removed: its page and its image go, and the folder that held
# only the image with them.
rm "$P/ett.md"
run "$PAKT" build -q "$C" -o "$O"
is "$RC" 0 "the build after the removal succeeds"
[ ! -e "$O/demo/2023-2026/ett.html" ]; ok $? "the page of a removed document is deleted"
[ ! -e "$O/demo/2023-2026/bilder" ]; ok $? "an image no document uses is deleted, and its empty folder"
[ -f "$O/demo/2023-2026/tva.html" ]; ok $? "the other page stays"
[ -f "$O/robots.txt" ]; ok $? "a file pakt did not write is left alone"

# A tampered output list never makes pakt delete outside the folder.
echo "precious" >"$TMP/precious"
printf '../precious\n/etc/hostname\ndemo/../../precious\n' >>"$O/.pakt-files"
"$PAKT" build -q "$C" -o "$O" 2>/dev/null
[ -f "$TMP/precious" ]; ok $? "paths outside the output folder in the list are ignored"

done_testing
