#!/bin/bash
# Every page of the example and of the fixture passes the validators:
# html-check (html-validate and the Nu HTML checker), axe-check (axe-core,
# WCAG 2.1 A/AA and best practice, in Chromium at 1280 and at 320 CSS
# px).  Not yet checked: that no page scrolls sideways at 320 px (WCAG
# 1.4.10, axe-check --reflow): the tables of the document pages are too
# wide for that today (issue 16).
. "$(dirname "$0")/lib.sh"

need html-check axe-check

for name in example fixture; do
	case $name in
	example) src=$EXAMPLE ;;
	fixture) src=$TOP/tests/fixtures/site ;;
	esac
	out=$TMP/$name
	run "$PAKT" build -f html "$src" -o "$out"
	is "$RC" 0 "$name: builds"
	pages=$(find "$out" -name '*.html' ! -name '*.fragment.html' | sort)
	"$CHECK/html-check" $pages >"$TMP/html" 2>&1
	ok $? "$name: every page is valid HTML ($(echo $pages | wc -w) pages)" ||
	    grep -v '^OK' "$TMP/html" | head -20 | sed 's/^/#   /'
	"$CHECK/axe-check" $pages >"$TMP/axe" 2>&1
	ok $? "$name: axe-core finds no WCAG violations at 1280 px" ||
	    grep -v ': 0 violations' "$TMP/axe" | head -20 | sed 's/^/#   /'
	"$CHECK/axe-check" --width 320 $pages >"$TMP/axe" 2>&1
	ok $? "$name: none at 320 px either" ||
	    grep -v ': 0 violations' "$TMP/axe" | head -20 | sed 's/^/#   /'
done

done_testing
