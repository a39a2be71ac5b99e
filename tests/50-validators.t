#!/bin/bash
# The independent validators in ../shared/oracles accept every page:
# html-check (html-validate and the Nu checker) and axe-check (axe-core
# WCAG 2.1 A/AA and best practice in Chromium).
. "$(dirname "$0")/lib.sh"

[ -d "$ORACLES/bin" ] || skip_all "no oracles at $ORACLES"
nm=${PAKT_ORACLES:-$HOME/.cache/pakt-oracles}/node_modules
if [ ! -d "$nm/html-validate" ]; then
	echo "1..1"
	echo "not ok 1 - the oracles are installed (run $ORACLES/bin/setup)"
	exit 1
fi

for name in content tests/fixtures/site; do
	out=$TMP/$(basename "$name")
	run "$PAKT" build "$TOP/$name" -o "$out"
	is "$RC" 0 "$name: builds"
	pages=$(find "$out" -name '*.html' | sort)
	"$ORACLES/bin/html-check" $pages >"$TMP/html" 2>&1
	ok $? "$name: every page is valid HTML ($(echo $pages | wc -w) pages)"
	grep -v '^OK' "$TMP/html" | head -20 | sed 's/^/#   /'
	"$ORACLES/bin/axe-check" $pages >"$TMP/axe" 2>&1
	ok $? "$name: axe-core finds no WCAG violations"
	grep -v ': 0 violations' "$TMP/axe" | head -20 | sed 's/^/#   /'
done

done_testing
