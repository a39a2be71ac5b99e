#!/bin/bash
# Versions from git.  A repository is built by script with fixed dates
# and authors; the outputs must tell its history: version, date, short
# commit id, and the revision history in HTML, PDF and ODT.  Also --rev,
# --all-versions, uncommitted edits, log, status and the build cache.
. "$(dirname "$0")/lib.sh"

need git odf-check pdfa-check html-check pdfinfo pdftotext python3 unzip

R=$TMP/repo
C=$R/content
D=demo/2023-2026
git_init "$R"
new_content "$C"
echo "Kommunens anteckningar, inte innehåll." >"$R/README"
agreement() {
	cat >"$C/$D/overenskommelse.md" <<MD
---
type: agreement
title: Trygg kommun
reference: KS-2023-1
---
# Inledning

$1
MD
}
page() {
	printf -- '---\ntype: page\ntitle: Om planen\n---\n%s\n' "$1" >"$C/$D/om.md"
}
agreement "Parterna samverkar."
page "Första texten."
git_commit "$R" 2023-01-10T09:00:00+01:00 "Anna Andersson" "Första utkastet"
agreement "Parterna samverkar om trygghet."
git_commit "$R" 2023-03-01T14:30:00+01:00 "Bertil Berg" "Förtydliga syftet"
git -C "$R" tag -a v2023 -m "Version våren 2023"
page "Andra texten."
git_commit "$R" 2024-02-15T08:00:00+01:00 "Anna Andersson" "Skriv om sidan"
echo "Ändrad" >"$R/README"
git_commit "$R" 2024-03-01T08:00:00+01:00 "Anna Andersson" "Ändra bara README"
agreement "Parterna samverkar om trygghet och studiero."
git_commit "$R" 2024-06-01T23:30:00+02:00 "Cecilia Ceder" "Revidera syftet"
c1=$(git -C "$R" rev-list --reverse HEAD | sed -n 1p)
c2=$(git -C "$R" rev-list --reverse HEAD | sed -n 2p)
c3=$(git -C "$R" rev-list --reverse HEAD | sed -n 3p)
c5=$(git -C "$R" rev-list --reverse HEAD | sed -n 5p)
s1=${c1:0:7} s2=${c2:0:7} s3=${c3:0:7} s5=${c5:0:7}

# --- the newest versions -------------------------------------------------
run "$PAKT" build -q "$C" -o "$TMP/head"
is "$RC" 0 "the repository's content builds"
no_sanitizer_report "build"
H=$TMP/head/$D
page=$(cat "$H/overenskommelse.html")
contains "$page" "<dt>Version</dt><dd>3, <time datetime=\"2024-06-01\">2024-06-01</time>, <code title=\"$c5\">$s5</code></dd>" \
	"the page states version 3 (three commits changed it), its date in the commit's zone and short id"
contains "$page" "<h2 id=\"pakt-revisioner\">Revisionshistorik</h2>" "the page has a revision history"
rows=$(grep -c '<tr.*<th scope="row">' "$H/overenskommelse.html")
is "$rows" 3 "with one row per version"
contains "$page" "<th scope=\"row\">2</th><td><time datetime=\"2023-03-01\">2023-03-01</time></td><td>Bertil Berg</td><td>Förtydliga syftet</td><td><code title=\"$c2\">$s2</code></td>" \
	"a row gives version, date, author, subject and commit"
lacks "$page" "Ändra bara README" "a commit that did not touch the document is not a version"
contains "$(cat "$H/om.html")" "<dd>2, <time datetime=\"2024-02-15\">2024-02-15</time>, <code title=\"$c3\">$s3</code></dd>" \
	"each document counts its own commits"
contains "$(cat "$H/index.html")" "Version 3" "the period page lists the version"

pdftotext -layout "$H/overenskommelse.pdf" "$TMP/p.txt"
ptext=$(cat "$TMP/p.txt")
contains "$ptext" "Revisionshistorik" "the PDF has a revision history"
contains "$ptext" "Cecilia Ceder" "with the authors"
contains "$ptext" "$s5" "the PDF gives the short commit id"
contains "$(pdfinfo "$H/overenskommelse.pdf")" "ModDate:         Sat Jun  1 21:30:00 2024 UTC" \
	"the PDF is dated by its commit"
contains "$(pdfinfo "$H/overenskommelse.pdf")" "CreationDate:    Tue Jan 10 08:00:00 2023 UTC" \
	"and created at its first version"
meta=$(unzip -p "$H/overenskommelse.odt" meta.xml)
contains "$meta" "$c5" "the ODT's properties carry the commit id"
contains "$meta" "<dc:date>2024-06-01T21:30:00</dc:date>" "the ODT is dated by its commit"
contains "$(unzip -p "$H/overenskommelse.odt" content.xml)" "Revisionshistorik" "the ODT has a revision history"
"$CHECK/odf-check" "$H/overenskommelse.odt" >"$TMP/o" 2>&1
ok $? "the ODT with its history is valid ODF 1.3" || sed 's/^/#   /' "$TMP/o" | head
"$CHECK/pdfa-check" "$H/overenskommelse.pdf" >"$TMP/o" 2>&1
ok $? "the PDF with its history passes pdfa-check" || sed 's/^/#   /' "$TMP/o" | head

# --- log and status --------------------------------------------------------
run "$PAKT" log "$C/$D/overenskommelse.md"
is "$RC" 0 "log runs"
is "$OUT" "$C/$D/overenskommelse.md
v3   2024-06-01  $s5  Cecilia Ceder: Revidera syftet
v2   2023-03-01  $s2  Bertil Berg: Förtydliga syftet
v1   2023-01-10  $s1  Anna Andersson: Första utkastet" "log lists the versions, newest first"
run "$PAKT" log --rev v2023 "$C/$D/overenskommelse.md"
is "$(echo "$OUT" | sed -n 2p)" "v2   2023-03-01  $s2  Bertil Berg: Förtydliga syftet" "log --rev starts at that revision"
run "$PAKT" log "$C/$D/saknas.md"
is "$RC" 1 "log of a missing document fails"
run "$PAKT" status "$C"
is "$RC" 0 "status runs"
contains "$OUT" "$D/overenskommelse.md" "status lists the documents"
echo "$OUT" | grep -q "^$D/overenskommelse.md  *agreement  *2023-2026 *3  *draft  *-  *2024-06-01  *-$"
ok $? "status gives type, period, version, state, signed version, last change and review-by" || echo "$OUT" | sed 's/^/#   /'
run "$PAKT" status --json "$C"
is "$RC" 0 "status --json runs"
got=$(printf '%s' "$OUT" | python3 -c 'import json,sys
for d in json.load(sys.stdin): print(d["document"], d["version"], d["uncommitted"], d["commit"][:7], d["state"], d["last_change"])')
is "$got" "$D/overenskommelse.md 3 False $s5 draft 2024-06-01
$D/om.md 2 False $s3 None 2024-02-15" "status --json is JSON with the same facts"

# --- --rev -----------------------------------------------------------------
run "$PAKT" build -q --rev v2023 "$C" -o "$TMP/rev"
is "$RC" 0 "--rev v2023 builds the tagged revision"
contains "$(cat "$TMP/rev/$D/overenskommelse.html")" "<dd>2, <time datetime=\"2023-03-01\">2023-03-01</time>, <code title=\"$c2\">$s2</code></dd>" \
	"as version 2"
git clone -q "$R" "$TMP/clone" && git -C "$TMP/clone" checkout -q v2023
run "$PAKT" build -q "$TMP/clone/content" -o "$TMP/checkout"
is "$RC" 0 "a checkout of v2023 builds"
diff -r "$TMP/rev" "$TMP/checkout" >"$TMP/diff"
ok $? "--rev gives the same bytes as building a checkout (HTML, PDF, ODT)" || head -20 "$TMP/diff" | sed 's/^/#   /'
run "$PAKT" build -q --rev "$s3" "$C" -o "$TMP/rev3"
contains "$(cat "$TMP/rev3/$D/om.html")" "<code title=\"$c3\">" "--rev takes a short commit id"
run "$PAKT" build -q --rev nosuchrev "$C" -o "$TMP/bad"
is "$RC" 1 "an unknown revision fails"
contains "$ERR" "unknown revision 'nosuchrev'" "and says so"
[ ! -e "$TMP/bad" ]; ok $? "and writes nothing"

# --- every version -----------------------------------------------------------
run "$PAKT" build -q --all-versions "$C" -o "$TMP/all"
is "$RC" 0 "--all-versions builds"
A=$TMP/all/$D
for v in 1 2; do
	for x in html pdf odt; do
		[ -f "$A/overenskommelse/v$v/overenskommelse.$x" ]
		ok $? "version $v has its $x"
	done
done
[ -f "$A/om/v1/om.pdf" ]; ok $? "every document's earlier versions are written"
[ ! -e "$A/overenskommelse/v3" ]; ok $? "the newest version stays at the plain URL only"
contains "$(cat "$A/overenskommelse.html")" "<a href=\"overenskommelse/v2/overenskommelse.html\">2</a>" \
	"the document page links its earlier versions"
old=$(cat "$A/overenskommelse/v1/overenskommelse.html")
contains "$old" "<a href=\"../../overenskommelse.html\">Gå till den senaste versionen" "an earlier version links the latest"
contains "$old" "href=\"../../../../assets/style.css\"" "and finds the style sheet"
for v in 1 2; do
	c=$(git -C "$R" rev-list --reverse HEAD | sed -n ${v}p)
	"$PAKT" build -q --rev "$c" "$C" -o "$TMP/alone$v" >/dev/null 2>&1
	for x in pdf odt; do
		cmp -s "$A/overenskommelse/v$v/overenskommelse.$x" "$TMP/alone$v/$D/overenskommelse.$x"
		ok $? "version $v's $x is byte-identical to building its revision alone"
	done
done
cmp -s "$A/om/v1/om.pdf" "$TMP/alone1/$D/om.pdf"
ok $? "so is the other document's"
"$CHECK/html-check" "$A/overenskommelse/v1/overenskommelse.html" >"$TMP/o" 2>&1
ok $? "an earlier version's page is valid HTML" || sed 's/^/#   /' "$TMP/o" | head

# --- uncommitted edits -------------------------------------------------------
agreement "Ett ändrat stycke som inte är incheckat."
run "$PAKT" build -q "$C" -o "$TMP/dirty"
page=$(cat "$TMP/dirty/$D/overenskommelse.html")
contains "$page" "<dd>4 (ej incheckad), <time datetime=\"2026-01-01\">2026-01-01</time></dd>" \
	"an uncommitted edit is the next version, dated SOURCE_DATE_EPOCH"
contains "$page" "Ändringar som ännu inte är incheckade" "and has its row in the history"
contains "$(cat "$TMP/dirty/$D/om.html")" "<dd>2, " "an unchanged document keeps its version"
run "$PAKT" log "$C/$D/overenskommelse.md"
is "$(echo "$OUT" | sed -n 2p)" "v4   2026-01-01  -        (uncommitted changes)" "log shows the uncommitted version"
run "$PAKT" status "$C"
echo "$OUT" | grep -q "^$D/overenskommelse.md  *agreement  *2023-2026 *4\*"
ok $? "status marks it"
touch -d 2025-05-05T12:00:00Z "$C/$D/overenskommelse.md"
run env -u SOURCE_DATE_EPOCH "$PAKT" build -q -f html "$C" -o "$TMP/mtime"
contains "$(cat "$TMP/mtime/$D/overenskommelse.html")" "<dd>4 (ej incheckad), <time datetime=\"2025-05-05\">" \
	"without SOURCE_DATE_EPOCH it is dated by the file's time"
git -C "$R" checkout -q -- content

# --- outside a repository, an empty repository ------------------------------
new_content "$TMP/plain"
printf -- '---\ntype: page\ntitle: Lös\n---\nText.\n' >"$TMP/plain/demo/2023-2026/los.md"
run "$PAKT" build -q "$TMP/plain" -o "$TMP/plainsite"
is "$RC" 0 "a folder in no repository builds"
contains "$(cat "$TMP/plainsite/demo/2023-2026/los.html")" "<dd>1 (ej incheckad), " "as version 1, uncommitted"
run "$PAKT" build -q --rev HEAD "$TMP/plain" -o "$TMP/x"
is "$RC" 1 "--rev outside a repository fails"
contains "$ERR" "--rev needs a git repository" "and says why"
git_init "$TMP/plain"
run "$PAKT" build -q "$TMP/plain" -o "$TMP/emptyrepo"
is "$RC" 0 "a repository without commits builds"
contains "$(cat "$TMP/emptyrepo/demo/2023-2026/los.html")" "<dd>1 (ej incheckad), " "everything is uncommitted"

# --- the cache ---------------------------------------------------------------
O=$TMP/cached
run "$PAKT" build "$C" -o "$O"
contains "$OUT" "(2 rendered, 0 unchanged)" "a first build renders every document"
touch -d 2000-01-01 $(find "$O" -type f)
run "$PAKT" build "$C" -o "$O"
is "$OUT" "pakt: nothing to render; 2 documents in $O are up to date" "an unchanged second build renders nothing and says so"
is "$(find "$O" -type f -newermt 2000-01-02 | sort | tr '\n' ' ')" "" "and touches no output"
run "$PAKT" build -v "$C" -o "$O"
contains "$OUT" "pakt: unchanged $D/overenskommelse" "-v names the unchanged documents"
touch "$C/$D/om.md"
run "$PAKT" build -q "$C" -o "$O"
is "$(find "$O" -type f -newermt 2000-01-02 | sort | tr '\n' ' ')" "" "touching a file without changing it renders nothing"
printf -- '---\ntype: page\ntitle: Om planen\n---\nNy text.\n' >"$C/$D/om.md"
run "$PAKT" build -v "$C" -o "$O"
rendered=$(echo "$OUT" | grep '^pakt: rendered' | sort | tr '\n' '|')
is "$rendered" "pakt: rendered $D/index.html|pakt: rendered $D/om|" \
	"changing one document renders only it and the page that lists it"
is "$(find "$O" -type f -newermt 2000-01-02 | sed "s#^$O/##" | sort | tr '\n' ' ')" \
	".pakt-cache $D/index.html $D/om.html $D/om.odt $D/om.pdf " \
	"and rewrites only their files"
rm "$O/$D/om.pdf"
run "$PAKT" build -v "$C" -o "$O"
contains "$OUT" "pakt: rendered $D/om" "an output deleted by hand is made again"
[ -f "$O/$D/om.pdf" ]; ok $? "the PDF is back"
run "$PAKT" build -v -f html "$C" -o "$O"
contains "$OUT" "pakt: rendered $D/overenskommelse" "other options render again"
git -C "$R" checkout -q -- content

# --- parallel rendering gives the same bytes ---------------------------------
"$PAKT" build -q -j 1 --all-versions "$C" -o "$TMP/j1" && "$PAKT" build -q -j 4 --all-versions "$C" -o "$TMP/j4"
ok $? "builds with -j 1 and -j 4"
diff -r "$TMP/j1" "$TMP/j4" >"$TMP/diff"
ok $? "give the same site" || head -10 "$TMP/diff" | sed 's/^/#   /'
run "$PAKT" build -j 0 "$C" -o "$TMP/j0"
is "$RC" 2 "-j 0 is refused"

done_testing
