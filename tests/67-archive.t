#!/bin/bash
# Signing and the archive.  A repository is built by script with fixed
# dates: a series with the periods 2019-2022 and 2023-2026, each with an
# agreement signed by one person of each party, a focus area without
# signatories of its own and a memo.  Covered:
#   - pakt sign: the archive folder, record.yaml, the commit and the tag;
#     --attach; a focus area signed by its period's agreement's
#     signatories; the refusals (dirty or untracked files, unknown or
#     missing signatories, dates, a version signed twice, a missing
#     attachment), which leave no commit, tag or file behind;
#   - pakt verify: an intact archive, and each kind of tampering (files,
#     the record, the tag, history rewritten, archived files changed or
#     deleted in later commits, a tag without a record);
#   - the states draft, signed, superseded and expired in pakt status
#     (table and --json), and memos without a state;
#   - the outputs of a signed document (no UTKAST, place and date in
#     the signature block, the status in the letterhead) and of one
#     edited after signing.
# Every repository to tamper with or refuse in is a copy (cp -a) of one
# signed or unsigned repository, so that it is signed only once.
. "$(dirname "$0")/lib.sh"

need git pdfa-check odf-check html-check axe-check pdftotext python3

D=demo/2023-2026
OLD=demo/2019-2022
AG=$D/overenskommelse.md
A=archive/$D/overenskommelse/v1
TAG=signed/$D/overenskommelse/v1
ANNA=(--signatory "Anna Andersson" --date 2025-06-02 --place Testby)
BERTIL=(--signatory "Bertil Berg" --date 2025-06-01 --place Polisstad)
FILES="overenskommelse.html
overenskommelse.md
overenskommelse.odt
overenskommelse.pdf
record.yaml"

# agreement CONTENT PERIOD TEXT FIRST SECOND: the agreement of PERIOD,
# signed by FIRST for the municipality and SECOND for the police.
agreement() {
	mkdir -p "$1/demo/$2"
	cat >"$1/demo/$2/overenskommelse.md" <<MD
---
type: agreement
title: Trygg kommun $2
signatories:
  - {name: $4, role: kommundirektör, party: kommunen}
  - {name: $5, role: lokalpolisområdeschef, party: polisen}
---
# Inledning

$3
MD
}

# The base repository, never signed: 2019-2022 committed in 2019, then
# 2023-2026 with its agreement, a focus area and a memo on 2025-05-01.
B=$TMP/base
git_init "$B"
new_content "$B/content"
echo "Kommunens anteckningar." >"$B/README"
agreement "$B/content" 2019-2022 "Parterna samverkade." "Cecilia Ceder" "David Dahl"
git_commit "$B" 2019-01-15T10:00:00+01:00 "Anna Andersson" "Första perioden"
agreement "$B/content" 2023-2026 "Parterna samverkar." "Anna Andersson" "Bertil Berg"
mkdir -p "$B/content/$D/fokus"
printf -- '---\ntype: focus-area\nid: trygghet\ntitle: Trygghet\n---\n## Varför\n\nTrygghet.\n' \
	>"$B/content/$D/fokus/trygghet.md"
printf -- '---\ntype: memo\ntitle: Beslut om rapportering\ndate: 2025-04-01\n---\nEtt PM.\n' \
	>"$B/content/$D/pm.md"
git_commit "$B" 2025-05-01T09:00:00+02:00 "Bertil Berg" "Andra perioden"
SC=$(git -C "$B" rev-parse HEAD)	# the commit that is signed

# fresh NAME FROM: a copy of repository FROM in $T, its content in $TC.
fresh() {
	T=$TMP/$1
	TC=$T/content
	cp -a "$2" "$T"
}

# sign_ag REPO ARGS...: sign the 2023-2026 agreement of REPO with ARGS.
sign_ag() {
	local r=$1
	shift
	run "$PAKT" sign "$r/content/$AG" "$@"
}

# flat RECORD: record.yaml as lines KEY=VALUE, signatories.N.KEY=VALUE
# and files.NAME.KEY=VALUE, whatever the indentation of its lists.
flat() {
	awk '
	/^[ \t]*(#|$)/ { next }
	/^[a-z]/ {
		k = $0; sub(/:.*/, "", k); v = $0; sub(/^[^:]*:[ \t]*/, "", v)
		if (v == "") { list = k; n = -1 } else print k "=" v
		next
	}
	{
		line = $0
		if (line ~ /^[ \t]*- /) { n++; sub(/^[ \t]*- /, "", line) }
		else sub(/^[ \t]*/, "", line)
		k = line; sub(/:.*/, "", k); v = line; sub(/^[^:]*:[ \t]*/, "", v)
		if (list == "files" && k == "name") f = v
		print list "." (list == "files" ? f : n) "." k "=" v
	}' "$1"
}

# field RECORD KEY: one value of flat RECORD.
field() {
	flat "$1" | sed -n "s/^$2=//p"
}

# row REPO DOC: DOC's row in pakt status, its spaces squeezed.
row() {
	"$PAKT" status "$1/content" 2>/dev/null | grep "^$2 " | tr -s ' '
}

# jstate REPO DOC: state, signed_version, signed_date and archive of DOC
# in pakt status --json.
jstate() {
	"$PAKT" status --json "$1/content" 2>/dev/null | python3 -c 'import json, sys
for d in json.load(sys.stdin):
    if d["document"] == sys.argv[1]:
        print(d["state"], d["signed_version"], d["signed_date"], d["archive"])' "$2"
}

# left REPO: what a refused sign must not change: the commits, the tags,
# the working tree's state and every file below archive/.
left() {
	git -C "$1" rev-list --count HEAD
	git -C "$1" tag
	git -C "$1" status --porcelain --untracked-files=all
	(cd "$1/content" && find archive 2>/dev/null | sort)
}

# refused NAME NEEDLE FROM DOC ARGS...: in a fresh copy $T of repository
# FROM, pakt sign DOC (a content path) ARGS exits 1 with NEEDLE in its
# message, and leaves no commit, tag or file.
refused() {
	local name=$1 needle=$2 doc=$4 count tags before
	fresh "refused$_n" "$3"
	shift 4
	count=$(git -C "$T" rev-list --count HEAD)
	tags=$(git -C "$T" tag)
	before=$(left "$T")
	run "$PAKT" sign "$TC/$doc" "$@"
	is "$RC" 1 "$name: sign exits 1"
	contains "$ERR" "error: " "$name: with an error"
	contains "$ERR" "$needle" "$name: that says why"
	is "$(git -C "$T" rev-list --count HEAD)" "$count" "$name: no new commit"
	is "$(git -C "$T" tag)" "$tags" "$name: no new tag"
	is "$(left "$T")" "$before" "$name: no archive folder or other file"
	no_sanitizer_report "$name"
}

# verify_fails NAME SUMMARY NEEDLE...: pakt verify of $T exits 1, its
# last line ends in SUMMARY and its messages name every NEEDLE.
verify_fails() {
	local name=$1 summary=$2 needle
	shift 2
	run "$PAKT" verify "$TC"
	is "$RC" 1 "$name: verify exits 1"
	contains "$OUT" "$summary" "$name: verify says '$summary'"
	for needle; do
		contains "$ERR" "$needle" "$name: the message says '$needle'"
	done
	no_sanitizer_report "$name"
}

# pdf_text PDF: the text of PDF.
pdf_text() {
	pdftotext -layout "$1" - 2>/dev/null
}

# --- pakt sign -------------------------------------------------------------
is "$(row "$B" "$AG")" "$AG agreement 2023-2026 1 draft - 2025-05-01 -" \
	"an agreement never signed is a draft"
is "$(jstate "$B" "$AG")" "draft None None None" "status --json: draft, nothing signed"

fresh signed "$B"
S=$T
SA=$TC/$A
sign_ag "$S" "${ANNA[@]}" "${BERTIL[@]}"
is "$RC" 0 "sign exits 0"
no_sanitizer_report "sign"
contains "$OUT" "pakt: signed $AG version 1" "sign says what it signed"
is "$(ls -A "$SA")" "$FILES" "the archive folder holds the PDF, ODT, HTML, source and record"
is "$(git -C "$S" rev-list --count HEAD)" 3 "sign makes one commit"
is "$(git -C "$S" rev-parse HEAD^)" "$SC" "on top of the commit signed"
is "$(git -C "$S" diff-tree --no-commit-id --name-status -r HEAD)" \
	"$(printf 'A\tcontent/%s/%s\n' $(echo "$FILES" | sed "s#^#$A #"))" \
	"the commit adds the archived files and nothing else"
contains "$(git -C "$S" log -1 --format=%s)" "Sign $AG version 1" "its message says what was signed"
is "$(git -C "$S" status --porcelain --untracked-files=all)" "" "the working tree is clean after signing"
is "$(git -C "$S" cat-file -t "$TAG")" tag "the tag $TAG is an annotated tag"
is "$(git -C "$S" rev-parse "$TAG^{commit}")" "$SC" "it points at the commit signed"
git -C "$S" show "$SC:content/$AG" | cmp -s - "$SA/overenskommelse.md"
ok $? "the archived source is the document at the commit signed"

R=$SA/record.yaml
is "$(flat "$R" | grep -v '^files\.')" "document=$AG
series=demo
period=2023-2026
id=overenskommelse
title=Trygg kommun 2023-2026
version=1
commit=$SC
tag=$TAG
generator=pakt $("$PAKT" --version | awk '{print $NF}')
signatories.0.name=Anna Andersson
signatories.0.role=kommundirektör
signatories.0.party=kommunen
signatories.0.party-name=Testkommun
signatories.0.date=2025-06-02
signatories.0.place=Testby
signatories.1.name=Bertil Berg
signatories.1.role=lokalpolisområdeschef
signatories.1.party=polisen
signatories.1.party-name=Lokalpolisområde Test
signatories.1.date=2025-06-01
signatories.1.place=Polisstad" "record.yaml names the document, version, commit, tag and who signed where and when"
for f in pdf odt html md; do
	file=overenskommelse.$f
	is "$(field "$R" "files\.$file\.sha256")" "$(sha256sum <"$SA/$file" | cut -d' ' -f1)" \
		"record.yaml gives the SHA-256 of $file"
	is "$(field "$R" "files\.$file\.size")" "$(wc -c <"$SA/$file")" "and its size"
done
is "$(flat "$R" | grep -c '^files\..*\.name=')" 4 "record.yaml lists the four files"
lacks "$(flat "$R")" "attachment" "none of them is an attachment"

# --- pakt verify -------------------------------------------------------------
run "$PAKT" verify "$S/content"
is "$RC" 0 "verify of the signed archive exits 0"
no_sanitizer_report "verify"
is "$OUT" "ok     $A  version 1, ${SC:0:7}, signed 2025-06-02
pakt: 1 record verified: 1 intact, 0 failed" "verify finds the record intact"
run "$PAKT" verify "$B/content"
is "$RC" 0 "verify of a repository without an archive exits 0"
contains "$OUT" "0 records verified" "and verifies no record"

# --- tampering -----------------------------------------------------------------
FAILED="0 intact, 1 failed"
fresh pdf "$S"
printf 'x' >>"$TC/$A/overenskommelse.pdf"
verify_fails "a byte appended to the PDF" "$FAILED" \
	"$A/overenskommelse.pdf" "is $(($(wc -c <"$SA/overenskommelse.pdf") + 1)) bytes; the record says"
contains "$OUT" "FAILED $A  version 1" "the PDF's record is FAILED"

fresh samesize "$S"
printf 'X' | dd of="$TC/$A/overenskommelse.html" bs=1 seek=100 conv=notrunc 2>/dev/null
verify_fails "a byte of the HTML changed" "$FAILED" \
	"$A/overenskommelse.html" "its SHA-256 is" "the record says"

fresh record "$S"
sum=$(field "$R" 'files\.overenskommelse\.odt\.sha256')
zero=0000000000000000000000000000000000000000000000000000000000000000
sed -i "s/$sum/$zero/" "$TC/$A/record.yaml"
verify_fails "the record's SHA-256 of the ODT changed" "$FAILED" \
	"$A/overenskommelse.odt" "its SHA-256 is $sum; the record says $zero"

fresh removed "$S"
rm "$TC/$A/overenskommelse.odt"
verify_fails "the archived ODT deleted" "$FAILED" "$A/overenskommelse.odt" "missing"
git_commit "$T" 2025-07-01T09:00:00+02:00 "Cecilia Ceder" "Städa arkivet"
verify_fails "the deletion of the ODT committed" "$FAILED" "$A/overenskommelse.odt" \
	"was deleted after it was archived, in commit $(git -C "$T" rev-parse --short=7 HEAD): Städa arkivet"

fresh extra "$S"
echo "smuggel" >"$TC/$A/extra.txt"
verify_fails "a file added to the archive folder" "$FAILED" "$A/extra.txt" "is not in the record"

fresh moved "$S"
git -C "$T" tag -f -a "$TAG" -m "flyttad" HEAD >/dev/null
verify_fails "the tag moved to another commit" "$FAILED" \
	"the tag $TAG points at commit $(git -C "$T" rev-parse HEAD); the record says $SC"

fresh light "$S"
git -C "$T" tag -f "$TAG" "$SC" >/dev/null
verify_fails "the tag made a lightweight tag" "$FAILED" "the tag $TAG is not an annotated tag"

fresh notag "$S"
git -C "$T" tag -d "$TAG" >/dev/null
verify_fails "the tag deleted" "$FAILED" "the tag $TAG does not exist"

fresh stray "$S"
git -C "$T" tag -a "signed/$D/pm/v1" -m "utan arkiv" "$SC"
verify_fails "a signed/ tag without a record" "1 intact, 0 failed" \
	"the tag signed/$D/pm/v1 has no record in the archive"

# rewrite: the signed commit replaced by one with another text and the
# same dates, the archive commit replayed on it, the old tag kept.
rewrite() {
	git -C "$T" checkout -q -b rewritten "$SC^"
	agreement "$TC" 2023-2026 "Parterna samverkar inte." "Anna Andersson" "Bertil Berg"
	git_commit "$T" 2025-05-01T09:00:00+02:00 "Bertil Berg" "Andra perioden"
	GIT_COMMITTER_DATE=2025-06-02T12:00:00+02:00 git -C "$T" cherry-pick main >/dev/null &&
	git -C "$T" checkout -q -B main
}
fresh rewritten "$S"
rewrite
ok $? "history rewritten: the document changed in the signed commit, the archive commit replayed"
verify_fails "history rewritten" "$FAILED" "the commit ${SC:0:7} is not in the history of HEAD"

fresh retagged "$S"
rewrite
new=$(git -C "$T" rev-parse HEAD^)
sed -i "s/$SC/$new/" "$TC/$A/record.yaml"
git -C "$T" tag -f -a "$TAG" -m "flyttad" "$new" >/dev/null
verify_fails "history rewritten, the record and the tag moved along" "$FAILED" \
	"$A/overenskommelse.md" "differs from $AG at commit ${new:0:7}" \
	"$A/overenskommelse.pdf: error: differs from a rebuild from commit ${new:0:7}"

fresh modified "$S"
echo "<!-- ändrad -->" >>"$TC/$A/overenskommelse.html"
git_commit "$T" 2025-07-01T09:00:00+02:00 "Cecilia Ceder" "Rätta arkivet"
verify_fails "an archived file changed and committed" "$FAILED" "$A/overenskommelse.html" \
	"was modified after it was archived, in commit $(git -C "$T" rev-parse --short=7 HEAD): Rätta arkivet"

fresh undone "$S"
echo "<!-- ändrad -->" >>"$TC/$A/overenskommelse.html"
git_commit "$T" 2025-07-01T09:00:00+02:00 "Cecilia Ceder" "Rätta arkivet"
git -C "$T" revert --no-edit HEAD >/dev/null
verify_fails "an archived file changed and changed back" "$FAILED" \
	"was modified after it was archived, in commit"

# --- refusals ----------------------------------------------------------------
fresh dirty "$B"
echo "Ändrad." >>"$T/README"
refused "a modified tracked file" "README: error: changed since the last commit; commit or remove it before signing" \
	"$T" "$AG" "${ANNA[@]}" "${BERTIL[@]}"
fresh untracked "$B"
echo "Ny." >"$TC/$D/ny.txt"
refused "an untracked file" "$D/ny.txt: error: not committed; commit or remove it before signing" \
	"$T" "$AG" "${ANNA[@]}" "${BERTIL[@]}"
refused "an unknown signatory" "unknown signatory 'Okänd Person'" \
	"$B" "$AG" "${ANNA[@]}" "${BERTIL[@]}" --signatory "Okänd Person" --date 2025-06-01
refused "a missing signatory" "Bertil Berg has not signed" "$B" "$AG" "${ANNA[@]}"
refused "a signatory twice" "Anna Andersson signs twice" "$B" "$AG" "${ANNA[@]}" "${ANNA[@]}" "${BERTIL[@]}"
refused "a date in another format" "the date must be given as YYYY-MM-DD, not '2025-6-2'" \
	"$B" "$AG" --signatory "Anna Andersson" --date 2025-6-2 "${BERTIL[@]}"
refused "a date that does not exist" "the date must be given as YYYY-MM-DD, not '2025-02-30'" \
	"$B" "$AG" --signatory "Anna Andersson" --date 2025-02-30 "${BERTIL[@]}"
refused "a date after today" "2026-01-02" "$B" "$AG" --signatory "Anna Andersson" --date 2026-01-02 "${BERTIL[@]}"
contains "$ERR" "today (2026-01-01)" "a date after today: the message names today"
# An agreement signed before it was put in git can be recorded later.
fresh historical "$B"
sign_ag "$T" --signatory "Anna Andersson" --date 2025-04-30 "${BERTIL[@]}"
is "$RC" 0 "a date before the version's commit (2025-05-01) is accepted"
contains "$(cat "$TC/$A/record.yaml")" "date: 2025-04-30" "and recorded as given"
refused "an attachment that does not exist" "cannot read the file to attach" \
	"$B" "$AG" "${ANNA[@]}" "${BERTIL[@]}" --attach "$TMP/saknas.pdf"
refused "a memo" "is not signed" "$B" "$D/pm.md" "${ANNA[@]}"
refused "a focus area signed by the other period's signatories" "unknown signatory 'Cecilia Ceder'" \
	"$B" "$D/fokus/trygghet.md" --signatory "Cecilia Ceder" --date 2025-06-01 "${BERTIL[@]}"
refused "the same version signed again" "version 1 is already signed" "$S" "$AG" "${ANNA[@]}" "${BERTIL[@]}"

run "$PAKT" sign "$B/content/$AG"
is "$RC" 2 "sign without --signatory is a usage error"
contains "$ERR" "sign needs --signatory" "and says what it needs"

# --- --attach ----------------------------------------------------------------
fresh attached "$B"
printf '%%PDF-1.4\n%% skannade underskrifter\n' >"$TMP/underskrifter.pdf"
sign_ag "$T" "${ANNA[@]}" "${BERTIL[@]}" --attach "$TMP/underskrifter.pdf"
is "$RC" 0 "sign --attach exits 0"
no_sanitizer_report "sign --attach"
is "$(ls -A "$TC/$A")" "$FILES
underskrifter.pdf" "the attachment is archived with the other files"
cmp -s "$TMP/underskrifter.pdf" "$TC/$A/underskrifter.pdf"
ok $? "as it was"
is "$(flat "$TC/$A/record.yaml" | grep '^files\.underskrifter\.pdf\.')" \
	"files.underskrifter.pdf.name=underskrifter.pdf
files.underskrifter.pdf.size=$(wc -c <"$TMP/underskrifter.pdf")
files.underskrifter.pdf.sha256=$(sha256sum <"$TMP/underskrifter.pdf" | cut -d' ' -f1)
files.underskrifter.pdf.attachment=true" "the record lists it with attachment: true"
contains "$(git -C "$T" show --name-only --format= HEAD)" "$A/underskrifter.pdf" "the attachment is committed"
run "$PAKT" verify "$TC"
is "$RC" 0 "verify with an attachment exits 0"
contains "$OUT" "1 record verified: 1 intact" "and finds the record intact"
printf 'x' >>"$TC/$A/underskrifter.pdf"
verify_fails "the attachment altered" "$FAILED" "$A/underskrifter.pdf"

# --- states --------------------------------------------------------------------
is "$(row "$S" "$AG")" "$AG agreement 2023-2026 1 signed 1, 2025-06-02 2025-05-01 -" \
	"status: a signed agreement is signed, with its signed version and date"
is "$(jstate "$S" "$AG")" "signed 1 2025-06-02 $A" "status --json: signed, version 1, its date and archive"
is "$(row "$S" "$D/fokus/trygghet.md")" "$D/fokus/trygghet.md focus-area 2023-2026 1 draft - 2025-05-01 -" \
	"a focus area not signed is a draft"
is "$(row "$S" "$D/pm.md")" "$D/pm.md memo 2023-2026 1 - - 2025-05-01 -" "a memo has no state"
is "$(jstate "$S" "$D/pm.md")" "None None None None" "status --json: a memo's state is null"
is "$(row "$S" "$OLD/overenskommelse.md")" "$OLD/overenskommelse.md agreement 2019-2022 1 draft - 2019-01-15 -" \
	"an agreement of an ended period never signed is a draft"

# A focus area without signatories is signed by its agreement's.
fresh focus "$S"
run "$PAKT" sign "$TC/$D/fokus/trygghet.md" "${ANNA[@]}" "${BERTIL[@]}"
is "$RC" 0 "a focus area without signatories is signed by its period's agreement's signatories"
is "$(flat "$TC/archive/$D/trygghet/v1/record.yaml" | sed -n 's/^signatories\.[0-9]*\.name=//p')" "Anna Andersson
Bertil Berg" "its record names them"
is "$(jstate "$T" "$D/fokus/trygghet.md")" "signed 1 2025-06-02 archive/$D/trygghet/v1" "the focus area is signed"
is "$(git -C "$T" cat-file -t "signed/$D/trygghet/v1")" tag "and tagged"

# Edited after signing: a draft again, until version 2 is signed.
fresh edited "$S"
agreement "$TC" 2023-2026 "Parterna samverkar om trygghet." "Anna Andersson" "Bertil Berg"
git_commit "$T" 2025-09-01T09:00:00+02:00 "Anna Andersson" "Revidera"
is "$(row "$T" "$AG")" "$AG agreement 2023-2026 2 draft 1, 2025-06-02 2025-09-01 -" \
	"edited after signing: a draft of version 2, version 1 still shown as signed"
is "$(jstate "$T" "$AG")" "draft 1 2025-06-02 $A" "status --json: draft, signed_version 1"
run "$PAKT" verify "$TC"
is "$RC" 0 "the archive of version 1 stays intact"
run "$PAKT" build -q "$TC" -o "$TMP/edited-site"
is "$RC" 0 "the edited content builds"
page=$(cat "$TMP/edited-site/$D/overenskommelse.html")
contains "$page" "draft-banner" "the page of the edited document is a draft"
contains "$page" "Utkast till version 2; version 1 undertecknad 2025-06-02" "its status says which version was signed"
text=$(pdf_text "$TMP/edited-site/$D/overenskommelse.pdf")
contains "$text" "UTKAST" "its PDF is marked UTKAST"
contains "$text" "Utkast till version 2; version 1 undertecknad 2025-06-02" "and says which version was signed"
sign_ag "$T" --signatory "Anna Andersson" --date 2025-09-10 --signatory "Bertil Berg" --date 2025-09-10
is "$RC" 0 "version 2 can be signed"
is "$(jstate "$T" "$AG")" "signed 2 2025-09-10 archive/$D/overenskommelse/v2" "and is then the signed version"
run "$PAKT" verify "$TC"
contains "$OUT" "pakt: 2 records verified: 2 intact, 0 failed" "verify checks both versions"

# Periods: 2019-2022 signed with no signed successor is expired; once
# 2023-2026 is signed, it is superseded.
fresh periods "$B"
run "$PAKT" sign "$TC/$OLD/overenskommelse.md" --signatory "Cecilia Ceder" --date 2019-02-01 --place Gammelby \
	--signatory "David Dahl" --date 2019-02-01 --place Gammelby
is "$RC" 0 "the agreement of 2019-2022 is signed"
is "$(row "$T" "$OLD/overenskommelse.md")" "$OLD/overenskommelse.md agreement 2019-2022 1 expired 1, 2019-02-01 2019-01-15 -" \
	"its period ended in 2022 and no later one is signed: expired"
is "$(jstate "$T" "$OLD/overenskommelse.md")" "expired 1 2019-02-01 archive/$OLD/overenskommelse/v1" "status --json: expired"
is "$(jstate "$T" "$AG")" "draft None None None" "the later period's agreement is still a draft"
sign_ag "$T" "${ANNA[@]}" "${BERTIL[@]}"
is "$RC" 0 "the agreement of 2023-2026 is signed"
is "$(row "$T" "$OLD/overenskommelse.md")" "$OLD/overenskommelse.md agreement 2019-2022 1 superseded 1, 2019-02-01 2019-01-15 -" \
	"the earlier period's agreement is then superseded"
is "$(jstate "$T" "$OLD/overenskommelse.md")" "superseded 1 2019-02-01 archive/$OLD/overenskommelse/v1" \
	"status --json: superseded"
is "$(jstate "$T" "$AG")" "signed 1 2025-06-02 $A" "and the later one signed"
run "$PAKT" verify "$TC"
is "$RC" 0 "verify of both periods exits 0"
contains "$OUT" "pakt: 2 records verified: 2 intact, 0 failed" "and finds both records intact"

# --- outputs of a signed document ---------------------------------------------
run "$PAKT" build -q "$S/content" -o "$TMP/site"
is "$RC" 0 "the signed content builds"
no_sanitizer_report "build"
text=$(pdf_text "$TMP/site/$D/overenskommelse.pdf")
lacks "$text" "UTKAST" "the PDF of the signed agreement has no UTKAST"
contains "$text" "Ort och datum: Testby 2025-06-02" "its signature block has the first signatory's place and date"
contains "$text" "Ort och datum: Polisstad 2025-06-01" "and the second's"
contains "$text" "Undertecknad 2025-06-02 (version 1)" "its letterhead says it is signed"
contains "$(pdf_text "$TMP/site/$D/fokus/trygghet.pdf")" "UTKAST" "the focus area, not signed, is marked UTKAST"
page=$(cat "$TMP/site/$D/overenskommelse.html")
lacks "$page" "draft-banner" "the page of the signed agreement has no draft banner"
contains "$page" "Undertecknad 2025-06-02 (version 1)" "and says it is signed"
contains "$(cat "$TMP/site/$D/fokus/trygghet.html")" "draft-banner" "the focus area's page has a draft banner"
text=$(pdf_text "$SA/overenskommelse.pdf")
lacks "$text" "UTKAST" "the archived PDF has no UTKAST"
contains "$text" "Ort och datum: Testby 2025-06-02" "and has the place and date"
lacks "$(cat "$SA/overenskommelse.html")" "draft-banner" "the archived page has no draft banner"

# --- the website: register, links to the archive, validators ------------------
series=$(cat "$TMP/site/demo/index.html")
contains "$series" "Underskriftsregister" "the series page has a signature register"
contains "$series" "$(sha256sum <"$SA/overenskommelse.pdf" | cut -d' ' -f1)" \
	"it gives the archived PDF's SHA-256"
contains "$series" "href=\"../$A/overenskommelse.pdf\"" "and links the archived PDF"
cmp -s "$SA/overenskommelse.pdf" "$TMP/site/$A/overenskommelse.pdf"
ok $? "the archive is copied to the site as it is"
contains "$(cat "$TMP/site/$D/index.html")" "href=\"../../$A/overenskommelse.pdf\"" \
	"the period page links the signed PDF"
contains "$(cat "$TMP/site/$D/index.html")" "badge-signed" "with a badge for the state"
# Names and places from the command line are escaped on every page.
fresh escaped "$B"
sign_ag "$T" --signatory "Anna Andersson" --date 2025-06-02 \
	--place '<script>alert(1)</script> & "Ort"' "${BERTIL[@]}"
is "$RC" 0 "a place with markup signs"
run "$PAKT" build -q -f html "$TC" -o "$TMP/escaped-site"
lacks "$(cat "$TMP/escaped-site/demo/index.html" "$TMP/escaped-site/$D/overenskommelse.html" \
	"$TC/$A/overenskommelse.html")" "<script>alert" "the place is escaped in the register, the page and the archived page"
contains "$(cat "$TMP/escaped-site/demo/index.html")" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " \
	"and shown as text"
run "$PAKT" verify "$TC"
is "$RC" 0 "and its record reads back: verify passes"

"$CHECK/pdfa-check" "$SA/overenskommelse.pdf" >"$TMP/pl" 2>&1
ok $? "the archived PDF passes pdfa-check (PDF/A-2, PDF/UA-1)" || sed 's/^/#   /' "$TMP/pl"
"$CHECK/odf-check" "$SA/overenskommelse.odt" >"$TMP/oc" 2>&1
ok $? "the archived ODT passes odf-check" || sed 's/^/#   /' "$TMP/oc"
pages="$TMP/site/demo/index.html $TMP/site/$D/index.html $TMP/site/$A/overenskommelse.html"
"$CHECK/html-check" $pages >"$TMP/hc" 2>&1
ok $? "the register, the period page and the archived page are valid HTML" ||
    sed 's/^/#   /' "$TMP/hc"
"$CHECK/axe-check" $pages >"$TMP/ax" 2>&1
ok $? "and axe-core finds no WCAG violations in them" ||
    grep -v ': 0 violations' "$TMP/ax" | sed 's/^/#   /'

done_testing
