#!/bin/bash
# Golden files: the website built from the example content (a frozen
# copy of content/ in tests/fixtures/example) and from the
# test fixture (English, every Markdown element) matches tests/golden/
# byte for byte, the text of every PDF (pdftotext -layout, which shows
# the line breaks and page breaks) matches NAME.pdf.txt, and the
# content.xml of every ODT (indented by xmllint --format) NAME.odt.xml.
# After an intended change, refresh them with `make golden` and review
# the diff.
. "$(dirname "$0")/lib.sh"

need pdftotext unzip xmllint

# compared DIR: the files below DIR that are compared with the golden
# ones, sorted: pages, PDF text and ODT content.
compared() {
	(cd "$1" 2>/dev/null &&
	    find . -name '*.html' -o -name '*.pdf.txt' -o -name '*.odt.xml' | sort)
}

# golden NAME CONTENT-DIR: build and compare every file of the site.
golden() {
	local name=$1 src=$2 want=$TOP/tests/golden/$1 got=$TMP/$1
	run "$PAKT" build "$src" -o "$got"
	is "$RC" 0 "$name: builds"
	is "$ERR" "" "$name: builds without messages"
	(cd "$got" && find . -name '*.pdf' | while read -r f; do
		pdftotext -layout -enc UTF-8 "$f" "$f.txt"
	done)
	(cd "$got" && find . -name '*.odt' | while read -r f; do
		unzip -p "$f" content.xml | xmllint --format - >"$f.xml"
	done)
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		rm -rf "$want"
		mkdir -p "$want"
		for f in $(compared "$got"); do
			mkdir -p "$want/$(dirname "$f")"
			cp "$got/$f" "$want/$f"
		done
	fi
	local gotlist wantlist
	gotlist=$(compared "$got")
	wantlist=$(compared "$want")
	is "$gotlist" "$wantlist" "$name: the same pages as the golden files"
	for f in $wantlist; do
		diff -u "$want/$f" "$got/$f" >"$TMP/diff" 2>&1
		ok $? "$name: ${f#./} matches"
		[ -s "$TMP/diff" ] && head -30 "$TMP/diff" | sed 's/^/#   /'
	done
	cmp -s "$got/assets/style.css" "$TOP/templates/html/assets/style.css"
	ok $? "$name: the style sheet is copied"
}

# Copies outside any git repository: every document is version 1,
# uncommitted, dated SOURCE_DATE_EPOCH (tests/65-git.t covers history).

cp -R "$TOP/tests/fixtures/site" "$TMP/src-fixture"
golden example "$EXAMPLE"
golden fixture "$TMP/src-fixture"
cmp -s "$TMP/fixture/demo/2024-2027/bilder/cycle.png" "$TOP/tests/fixtures/site/demo/2024-2027/bilder/cycle.png"
ok $? "fixture: the image is copied beside its page"

done_testing
