#!/bin/bash
# The command line: help, version, usage errors and their exit codes.
. "$(dirname "$0")/lib.sh"

run "$PAKT" --help
is "$RC" 0 "--help exits 0"
contains "$OUT" "usage: pakt build [DIR]" "--help shows the usage"
contains "$OUT" "check [DIR]" "--help names check"

run "$PAKT" --version
is "$RC" 0 "--version exits 0"
is "$OUT" "pakt 0.1.0" "--version prints the version"

run "$PAKT"
is "$RC" 2 "no command exits 2"
contains "$ERR" "usage:" "no command prints the usage"

run "$PAKT" frobnicate
is "$RC" 2 "unknown command exits 2"
contains "$ERR" "pakt: error: unknown command 'frobnicate'" "unknown command is named"

run "$PAKT" build --bogus
is "$RC" 2 "unknown option exits 2"

run "$PAKT" -q build "$EXAMPLE" -o "$TMP/q"
is "$RC:$OUT" "0:" "options may come before the command"

run "$PAKT" build a b
is "$RC" 2 "two folders exit 2"
is "$ERR" "pakt: error: build takes one content folder" "two folders are refused"

run "$PAKT" build --format html,docx "$EXAMPLE" -o "$TMP/x"
is "$RC" 2 "unknown format exits 2"
is "$ERR" "pakt: error: unknown format 'docx' (use html, pdf or odt)" "unknown format is named"
[ ! -e "$TMP/x" ]; ok $? "nothing is written on a usage error"

run "$PAKT" build -q -f html "$TOP/tests/fixtures/site" -o "$TMP/h"
is "$RC" 0 "-f html builds"
is "$(find "$TMP/h" -name '*.pdf' -o -name '*.odt' | wc -l)" 0 "-f html writes no PDFs or ODTs"
run "$PAKT" build -q -f odt "$TOP/tests/fixtures/site" -o "$TMP/o"
is "$(find "$TMP/o" -name '*.pdf' | wc -l)/$(find "$TMP/o" -name '*.odt' | wc -l)" 0/5 "-f odt writes ODTs and no PDFs"
run "$PAKT" build -q "$TOP/tests/fixtures/site" -o "$TMP/p"
is "$(find "$TMP/p" -name '*.pdf' | wc -l)/$(find "$TMP/p" -name '*.odt' | wc -l)" 5/5 "the default writes a PDF and an ODT per document"
contains "$(cat "$TMP/p/demo/2024-2027/agreement.html")" 'href="agreement.pdf"' "the page links its PDF"
contains "$(cat "$TMP/p/demo/2024-2027/agreement.html")" 'href="agreement.odt"' "and its ODT"

run "$PAKT" build "$TMP/nothing-here" -o "$TMP/x"
is "$RC" 1 "a missing folder exits 1"
is "$ERR" "pakt: error: $TMP/nothing-here: not a folder" "a missing folder is named"

mkdir -p "$TMP/empty"
run "$PAKT" check "$TMP/empty"
is "$RC" 1 "a folder without pakt.yaml exits 1"
is "$ERR" "$TMP/empty/pakt.yaml: error: not found: a content folder has a pakt.yaml with the site's title" "missing pakt.yaml is explained"

# The output folder may not be the content folder or inside it.
new_content "$TMP/c"
for o in "$TMP/c" "$TMP/c/" "$TMP/c/site" "$TMP/c/demo/../x/y"; do
	run "$PAKT" build "$TMP/c" -o "$o"
	is "$RC" 2 "output $o inside the content folder is refused"
done
is "$ERR" "pakt: error: the output folder $TMP/c/demo/../x/y is inside the content folder $TMP/c; write it elsewhere, like build/site" "the refusal says why"
[ ! -e "$TMP/c/site" ] && [ ! -e "$TMP/c/x" ]; ok $? "nothing is written into the content folder"
ln -s "$TMP/c" "$TMP/link"
run "$PAKT" build "$TMP/c" -o "$TMP/link/out"
is "$RC" 2 "a symbolic link into the content folder is seen through"

# Without DIR: ./pakt.yaml, else ./content.
mkdir "$TMP/top" && cp -R "$EXAMPLE" "$TMP/top/content"
(cd "$TMP/top" && "$PAKT" check -q) >/dev/null 2>&1
ok $? "check without DIR uses ./content"
(cd "$TMP/top/content" && "$PAKT" check -q) >/dev/null 2>&1
ok $? "check without DIR uses . when it holds pakt.yaml"

done_testing
