#!/bin/bash
# The validators themselves catch what they are there to catch: each
# self-test breaks good files in many ways (tests/bin/*.selftest) and
# expects the checker to fail on every one.  A case the self-test has to
# skip (its feature missing from the good file) counts as a failure here.
. "$(dirname "$0")/lib.sh"

need python3 qpdf pdfinfo mutool xmllint unzip pdfa-check pdf-check \
    html-check axe-check odf-check

# selftest NAME CMD...: run a self-test; one test here for it.
selftest() {
	local name=$1 total failed skipped
	shift
	"$@" >"$TMP/st" 2>&1
	local rc=$?
	total=$(grep -cE '^(not )?ok ' "$TMP/st")
	failed=$(grep -cE '^not ok ' "$TMP/st")
	skipped=$(grep -ciE '^ok [0-9]*[^#]*# *skip' "$TMP/st")
	[ $rc -eq 0 ] && [ "$total" -gt 0 ] && [ "$failed" -eq 0 ] &&
	    [ "$skipped" -eq 0 ]
	ok $? "$name: $total cases, $failed failed, $skipped not run" ||
	    grep -iE '^not ok|# *skip|^#' "$TMP/st" | head -20 | sed 's/^/#   /'
}

# A PDF with a table, a figure, links and a note: every case applies.
run "$PAKT" build -q -f html,pdf "$TOP/tests/fixtures/site" -o "$TMP/site"
is "$RC" 0 "the fixture builds"
good=$TMP/site/demo/2024-2027/agreement.pdf
selftest "pdfa-check.selftest" "$CHECK/pdfa-check.selftest" "$good"
selftest "checkers.selftest" "$CHECK/checkers.selftest"

done_testing
