#!/bin/bash
# Bad input: each case gets its exact file:line:col error and exit 1,
# the other documents are still built, and earlier output stays intact.
. "$(dirname "$0")/lib.sh"

C=$TMP/content
OUTD=$TMP/site
new_content "$C"
P=$C/demo/2023-2026
cat >"$P/overenskommelse.md" <<'EOF_DOC'
---
type: agreement
title: Överenskommelse
signatories:
  - {name: Anna Andersson, role: kommundirektör, party: kommunen}
---
## Inledning

Text.
EOF_DOC
cat >"$P/trygghet.md" <<'EOF_DOC'
---
type: focus-area
title: Trygghet
---
Om trygghet.
EOF_DOC

run "$PAKT" build "$C" -o "$OUTD"
is "$RC" 0 "the good content builds"
cp "$OUTD/demo/2023-2026/overenskommelse.html" "$TMP/before.html"

# bad NAME FILE-CONTENT WANT-ERROR: write bad.md, check and build it.
bad() {
	local name=$1 want=$3
	printf '%s' "$2" >"$P/bad.md"
	run "$PAKT" check "$C"
	is "$RC" 1 "$name: check exits 1"
	is "$(printf '%s\n' "$ERR" | grep -v '^pakt: ')" "$want" "$name: check reports it"
	no_sanitizer_report "$name (check)"
	run "$PAKT" build "$C" -o "$OUTD"
	is "$RC" 1 "$name: build exits 1"
	contains "$ERR" "$want" "$name: build reports it"
	[ ! -e "$OUTD/demo/2023-2026/bad.html" ]; ok $? "$name: the bad document is not written"
	cmp -s "$OUTD/demo/2023-2026/overenskommelse.html" "$TMP/before.html"
	ok $? "$name: the other documents are still built"
	no_sanitizer_report "$name (build)"
}

F=$P/bad.md
bad "unclosed front matter" $'---\ntype: page\ntitle: X\n\nText\n' \
	"$F:1:1: error: front matter is not closed: end it with a line '---' before the text"
bad "no front matter" $'# Rubrik\n\nText\n' \
	"$F:1:1: error: a document must start with front matter: a line '---', keys such as 'type' and 'title', and a closing line '---'"
bad "YAML syntax error" $'---\ntype: page\ntitle: [oavslutad\n---\nText\n' \
	"$F:4:1: error: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence"
bad "unknown key" $'---\ntype: agreement\ntitle: X\nsignatores:\n  - {name: A, party: kommunen}\n---\n' \
	"$F:4:1: error: unknown key 'signatores' in front matter (did you mean 'signatories'?)"
bad "unknown key in a signatory" $'---\ntype: agreement\ntitle: X\nsignatories:\n  - name: A\n    party: kommunen\n    rolle: chef\n---\n' \
	"$F:7:5: error: unknown key 'rolle' in signatory (did you mean 'role'?)"
bad "unknown type" $'---\ntype: agreemnt\ntitle: X\n---\n' \
	"$F:2:7: error: unknown type 'agreemnt' (did you mean 'agreement'?)"
bad "missing title" $'---\ntype: page\n---\nText\n' \
	"$F:2:1: error: front matter has no 'title'"
bad "bad date" $'---\ntype: page\ntitle: X\ndate: 2023-02-30\n---\n' \
	"$F:4:7: error: 'date' must be a date written YYYY-MM-DD, found '2023-02-30'"
bad "title is a list" $'---\ntype: page\ntitle: [a, b]\n---\n' \
	"$F:3:8: error: 'title' must be text, found a list"
bad "invalid UTF-8" $'---\ntype: page\ntitle: X\n---\nR\xe4ksm\xf6rg\xe5s\n' \
	"$F:5:2: error: invalid UTF-8 (byte 0xe4): save the file as UTF-8"
bad "unknown party" $'---\ntype: agreement\ntitle: X\nsignatories:\n  - {name: A, party: polis}\n---\n' \
	"$F:5:22: error: unknown party 'polis' (the parties in $C/demo/series.yaml are: kommunen, polisen)"
bad "unknown focus area" $'---\ntype: action-plan\ntitle: Plan\nactions:\n  - id: a1\n    title: Gör något\n    focus: trygghetx\n---\n' \
	"$F:7:12: error: unknown focus area 'trygghetx' (the focus areas of demo/2023-2026 are: trygghet)"
bad "bad action status" $'---\ntype: action-plan\ntitle: Plan\nactions:\n  - {id: a1, title: T, focus: trygghet, status: igång}\n---\n' \
	"$F:5:49: error: unknown status 'igång' (use planerad, pågår, klar or avbruten)"
bad "missing image" $'---\ntype: page\ntitle: X\n---\nText\n\n![Karta](bilder/karta.png)\n' \
	"$F:7:1: error: image 'bilder/karta.png' not found (looked for $P/bilder/karta.png)"
bad "image outside the content folder" $'---\ntype: page\ntitle: X\n---\n![Lösenord](../../../../etc/passwd.png)\n' \
	"$F:5:1: error: image '../../../../etc/passwd.png' points outside the content folder"
bad "absolute image path" $'---\ntype: page\ntitle: X\n---\n![x](/etc/passwd)\n' \
	"$F:5:1: error: image '/etc/passwd' points outside the content folder"
bad "remote image" $'---\ntype: page\ntitle: X\n---\n![x](https://example.org/a.png)\n' \
	"$F:5:1: error: image 'https://example.org/a.png' is not in the content folder: put the file in the period's bilder/ folder and link to it there"
bad "link to a missing document" $'---\ntype: page\ntitle: X\n---\nSe [planen](atgardsplan.md).\n' \
	"$F:5:4: error: link 'atgardsplan.md' not found (looked for $P/atgardsplan.md)"
bad "column in characters" $'---\ntype: page\ntitle: X\n---\nÅäö: ![Bild](saknas.png)\n' \
	"$F:5:6: error: image 'saknas.png' not found (looked for $P/saknas.png)"
bad "javascript: link" $'---\ntype: page\ntitle: X\n---\n[klicka](javascript:alert(1))\n' \
	"$F:5:1: error: link to 'javascript:alert(1)' is not allowed: links may be relative or start with http://host, https://host, mailto: or tel:"
bad "period that does not match" $'---\ntype: page\ntitle: X\nperiod: 2019-2022\n---\n' \
	"$F:4:9: error: period '2019-2022' does not match the folder 2023-2026"
bad "duplicate key" $'---\ntype: page\ntitle: X\ntitle: Y\n---\n' \
	"$F:4:1: error: key 'title' is given twice in front matter (first on line 3)"
rm -f "$P/bad.md"

# No temporary files are left behind by any of the runs.
leftover=$(find "$OUTD" -name '*.tmp-*' | head -1)
is "$leftover" "" "no temporary files are left in the output folder"

# An output folder that cannot be written: the error names it, exit 1.
printf 'x' >"$TMP/blocker"
run "$PAKT" build "$C" -o "$TMP/blocker/site"
is "$RC" 1 "an unwritable output folder exits 1"
contains "$ERR" "$TMP/blocker/site/assets/style.css: error: cannot create its folder" "an unwritable output folder is named"

done_testing
