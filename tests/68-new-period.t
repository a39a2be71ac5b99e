#!/bin/bash
# pakt new-period SERIES PERIOD [DIR]: the newest period's agreement,
# focus areas and action plan become drafts of the next period, with
# signing data cleared, review-by moved and ids kept; memos stay behind.
# Refusals write nothing.
. "$(dirname "$0")/lib.sh"

C=$TMP/content
P=$C/demo/2023-2026
N=$C/demo/2027-2030
new_content "$C"
mkdir -p "$P/fokusomraden" "$P/bilder"
printf '\x89PNG\r\n\x1a\nbild' >"$P/bilder/karta.png"
cat >"$P/overenskommelse.md" <<'MD'
---
# the signed agreement
type: agreement
title: Trygg kommun
subtitle: "Samverkansöverenskommelse 2023–2026"
period: 2023-2026
date: 2023-02-01
review-by: 2024-02-29
signatories:
  - {name: Anna Andersson, role: kommundirektör, party: kommunen, date: 2023-02-01, place: Test}
  - name: Bertil Berg
    role: lokalpolisområdeschef
    party: polisen
    date: 2023-02-02
    place: Test
---
# Inledning

Parterna samverkar 2023–2026. ![Karta över kommunen](bilder/karta.png)
MD
cat >"$P/fokusomraden/trygghet.md" <<'MD'
---
type: focus-area
id: trygghet
title: Trygghet i centrum
---
Text om trygghet.
MD
cat >"$P/atgardsplan.md" <<'MD'
---
type: action-plan
title: Åtgärdsplan 2023-2026
actions:
  - id: vandring
    title: Trygghetsvandringar
    focus: trygghet
    owners: [kommunen, polisen]
---
Planen.
MD
cat >"$P/beslut.md" <<'MD'
---
type: memo
title: Beslut om rapportering
---
Ett beslut.
MD

listing() { (cd "$C" && find . -type f | sort); }
before=$(listing)

run "$PAKT" new-period demo 2027-2030 "$C"
is "$RC" 0 "new-period exits 0"
contains "$OUT" "demo/2027-2030/overenskommelse.md" "it names the files it wrote"
no_sanitizer_report "new-period"
is "$(cd "$N" && find . -type f | sort | tr '\n' ' ')" \
    "./atgardsplan.md ./bilder/karta.png ./fokusomraden/trygghet.md ./overenskommelse.md " \
    "agreement, focus area, action plan and the image used are copied"
test ! -e "$N/beslut.md"
ok $? "the memo stays in its period"
cmp -s "$P/bilder/karta.png" "$N/bilder/karta.png"
ok $? "the image is copied byte for byte"

ag=$(cat "$N/overenskommelse.md")
contains "$ag" "period: 2027-2030" "period is the new one"
contains "$ag" "Samverkansöverenskommelse 2027–2030" "the subtitle names the new period"
contains "$ag" "review-by: 2028-02-29" "review-by moves four years"
lacks "$ag" "date: 2023" "the agreement's date and the signing dates are gone"
lacks "$ag" "place:" "the signing places are gone"
contains "$ag" "Bertil Berg" "the signatories stay"
contains "$ag" "role: kommundirektör" "with their roles"
is "$(sed '1,/^---$/d' "$P/overenskommelse.md" | sed '1,/^---$/d')" \
    "$(sed '1,/^---$/d' "$N/overenskommelse.md" | sed '1,/^---$/d')" \
    "the body is unchanged (the period in running text too)"
contains "$(cat "$N/atgardsplan.md")" "id: vandring" "action ids are kept"
contains "$(cat "$N/fokusomraden/trygghet.md")" "id: trygghet" \
    "focus-area ids are kept"

run "$PAKT" check "$C"
is "$RC" 0 "the content with the new period passes check"
contains "$ERR" "0 errors" "check finds no errors"
run "$PAKT" status "$C"
contains "$OUT" "demo/2027-2030/overenskommelse.md" "status lists the new agreement"
contains "$(echo "$OUT" | grep 2027-2030/overenskommelse)" "draft" \
    "the new agreement is a draft"

# Refusals: nothing may be written.
after=$(listing)
refuse() {
	local name=$1 want=$2
	shift 2
	run "$PAKT" new-period "$@"
	is "$RC" 1 "$name: exit 1"
	contains "$ERR" "$want" "$name: says why"
	is "$(listing)" "$after" "$name: writes nothing"
}
refuse "the same period again" "2027-2030" demo 2027-2030 "$C"
refuse "unknown series" "no series 'nope'" nope 2031-2034 "$C"
refuse "not a period" "" demo 2031 "$C"
refuse "years reversed" "" demo 2034-2031 "$C"
refuse "overlapping period" "does not start after" demo 2030-2033 "$C"

run "$PAKT" new-period demo
is "$RC" 2 "new-period without a period is a usage error"
run "$PAKT" new-period demo 2031-2034 "$C" --signatory X
is "$RC" 2 "sign's options are refused elsewhere"
is "$(listing)" "$after" "and write nothing"
test "$before" != "$after"
ok $? "the listing helper sees new files"

done_testing
