#!/bin/bash
# The ODT of every document: it is a valid OpenDocument 1.3 package
# (odf-check), LibreOffice opens it and finds the document's headings
# and paragraphs, two builds give the same bytes in any time zone, the
# package holds its picture and metadata, and a torture document
# renders too.
. "$(dirname "$0")/lib.sh"

need unzip odf-check soffice python3

# check NAME FILE CMD...: a test that CMD succeeds; shows FILE if not.
check() {
	local name=$1 file=$2 rc
	shift 2
	"$@" >"$file" 2>&1
	rc=$?
	ok $rc "$name"
	[ $rc -eq 0 ] || sed 's/^/#   /' "$file" | head -15
}

# validate DIR: every document page below DIR has an ODT, and every
# ODT passes odf-check
validate() {
	local n=0 docs odt
	docs=$(grep -rl --include='*.html' '<article class="document' "$1" | wc -l)
	while IFS= read -r odt; do
		n=$((n + 1))
		check "odf-check ${odt#"$1"/} 1.3" "$TMP/oc" \
		    "$CHECK/odf-check" "$odt"
	done < <(find "$1" -name '*.odt' | sort)
	[ "$n" -gt 0 ] && [ "$n" -eq "$docs" ]
	ok $? "${1#"$TMP"/}: every document has its ODT ($n ODTs, $docs documents)"
}

# same DIR1 DIR2 NAME: every ODT below DIR1 has the same bytes below DIR2
same() {
	local n=0 f
	for f in $(cd "$1" && find . -name '*.odt' | sort); do
		cmp -s "$1/$f" "$2/$f" || { echo "# differs: $f"; n=$((n + 1)); }
	done
	is "$n" 0 "$3"
}

run env TZ=UTC "$PAKT" build -q -f html,odt "$EXAMPLE" -o "$TMP/content"
is "$RC" 0 "the example content builds with ODTs"
no_sanitizer_report "build content"
[ -n "$ERR" ] && printf '%s\n' "$ERR" | head -20 | sed 's/^/#   /'
validate "$TMP/content"

run env TZ=UTC "$PAKT" build -q -f html,odt "$TOP/tests/fixtures/site" -o "$TMP/fixture"
is "$RC" 0 "the English fixture builds with ODTs"
no_sanitizer_report "build fixture"
validate "$TMP/fixture"

# Only the formats asked for.
n=$(find "$TMP/content" "$TMP/fixture" -name '*.pdf' | wc -l)
is "$n" 0 "-f html,odt writes no PDF"

# LibreOffice opens every ODT, in one run with a private profile, and
# its text holds the headings and paragraphs of the document's page.
mkdir -p "$TMP/lo-in" "$TMP/txt"
: >"$TMP/lo-map"
nodt=0
while IFS= read -r odt; do
	nodt=$((nodt + 1))
	cp "$odt" "$TMP/lo-in/$nodt.odt"
	printf '%s\t%s\n' "$nodt" "$odt" >>"$TMP/lo-map"
done < <(find "$TMP/content" "$TMP/fixture" -name '*.odt' | sort)
HOME=$TMP timeout 180 soffice --headless --norestore \
    "-env:UserInstallation=file://$TMP/lo" \
    --convert-to "txt:Text (encoded):UTF8" --outdir "$TMP/txt" \
    "$TMP"/lo-in/*.odt >"$TMP/lo.out" 2>&1
lo=$?
missing=0
while IFS=$'\t' read -r i odt; do
	[ -s "$TMP/txt/$i.txt" ] || { echo "# no text for $odt"; missing=$((missing + 1)); }
done <"$TMP/lo-map"
	is "$missing" 0 "LibreOffice converts every ODT to text ($nodt files, exit $lo)"
	[ "$missing" -eq 0 ] || grep -v '^convert ' "$TMP/lo.out" | sed 's/^/#   /' | head -20
	while IFS=$'\t' read -r i odt; do
		res=$(python3 - "${odt%.odt}.html" "$TMP/txt/$i.txt" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
try:
    txt = open(sys.argv[2], encoding="utf-8").read()
except OSError:
    txt = ""
def norm(s):
    s = s.replace("\ufeff", "").replace("\u00ad", "")
    return " ".join(s.split())
def text(h):
    return norm(html.unescape(re.sub(r"<[^>]+>", "", h)))
body = page.split('<div class="doc-body">', 1)[-1]
for end in ('<section class="footnotes"', '<section class="signatures"', "</article>"):
    body = body.split(end, 1)[0]
title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
want = [title.group(1)] if title else []
want += re.findall(r"<h[23][^>]*>(.*?)</h[23]>", body, re.S)
want += re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)
# LibreOffice writes a footnote's number where its citation is, but
# not its text: look for the pieces on either side.
pieces = []
for w in want:
    for p in re.split(r'<sup class="footnote-ref">.*?</sup>', w, flags=re.S):
        p = text(p)
        if p:
            pieces.append(p)
got = norm(txt)
bad = [p for p in pieces if p not in got]
print(len(pieces))
for b in bad[:10]:
    print("#   missing: %s" % (b if len(b) < 200 else b[:200] + "..."))
if len(bad) > 10:
    print("#   and %d more" % (len(bad) - 10))
sys.exit(1 if bad or not pieces else 0)
PY
		)
		rc=$?
		ok $rc "LibreOffice reads the ${res%%$'\n'*} headings and paragraphs of ${odt#"$TMP"/}"
		[ $rc -eq 0 ] || printf '%s\n' "$res" | sed 1d
	done <"$TMP/lo-map"

# Reproducible: the same bytes from a second build, and in another
# time zone.
run env TZ=UTC "$PAKT" build -q -f html,odt "$TOP/tests/fixtures/site" -o "$TMP/fixture2"
same "$TMP/fixture" "$TMP/fixture2" "two builds give byte-identical ODTs"
run env TZ=Pacific/Auckland "$PAKT" build -q -f html,odt "$EXAMPLE" -o "$TMP/content2"
same "$TMP/content" "$TMP/content2" "byte-identical ODTs under TZ=Pacific/Auckland"

# The package: mimetype first, the picture in the manifest, metadata.
A=$TMP/fixture/demo/2024-2027/agreement.odt
is "$(unzip -Z1 "$A" | head -1)" mimetype "mimetype is the first entry"
unzip -Z1 "$A" | grep -q '^Pictures/.'
ok $? "the fixture's image is in Pictures/"
unzip -p "$A" META-INF/manifest.xml >"$TMP/manifest.xml"
grep -q 'manifest:full-path="Pictures/[^"]' "$TMP/manifest.xml"
ok $? "the manifest lists the picture"
unzip -p "$A" meta.xml >"$TMP/meta.xml"
failed=$_failed
grep -q '<dc:title>Safe together 2024–2027</dc:title>' "$TMP/meta.xml"
ok $? "meta.xml has dc:title"
grep -Eq '<meta:user-defined[^>]*meta:name="Reference"[^>]*>KS 2024/17</meta:user-defined>' "$TMP/meta.xml"
ok $? "meta.xml has the Reference property"
grep -Eq '<dc:language>en(-[A-Za-z]+)?</dc:language>' "$TMP/meta.xml"
ok $? "meta.xml says the document is in English"
[ "$_failed" -eq "$failed" ] || { sed 's/^/#   /' "$TMP/meta.xml" | head -30; echo; }
S=$TMP/content/malmo/2023-2027/overenskommelse.odt
unzip -p "$S" meta.xml >"$TMP/meta-sv.xml"
grep -Eq '<meta:user-defined[^>]*meta:name="Diarienummer"[^>]*>STK-' "$TMP/meta-sv.xml"
ok $? "a Swedish document has the Diarienummer property"

# Torture: every element, 300 table rows, a 50-level list, a
# 10,000-character word, 200 nested quotes.
C=$TMP/torture
new_content "$C"
mkdir -p "$C/demo/2023-2026/bilder"
cp "$TOP/tests/fixtures/site/demo/2024-2027/bilder/cycle.png" "$C/demo/2023-2026/bilder/"
python3 - "$C/demo/2023-2026/torture.md" "$TOP/tests/fixtures/site/demo/2024-2027/agreement.md" <<'PY'
import sys
body = open(sys.argv[2], encoding="utf-8").read().split("---\n", 2)[2]
body = body.replace("(action-plan.md#purpose)", "(#purpose)").replace("(focus/safety.md)", "(#purpose)")
t = ["---\ntype: page\ntitle: Tortyr – åäö ÅÄÖ “citat” € ✓ 😀 <&> \"x\"\n---\n", body, "\n\n"]
t.append("| a | b | c |\n|---|:-:|--:|\n" + "".join("| %d | cell %d with some wrapping text that goes on | %d kr |\n" % (i, i, i * 7) for i in range(300)))
t.append("\n\n" + "".join("  " * i + "- level %d\n" % i for i in range(50)))
t.append("\n\n" + "ord" * 3334 + "\n\n" + "> " * 200 + "deep quote\n")
t.append("\n\nControl \x7f and tab\there, <b>raw html</b> & entities &amp; &#x1F600;\n")
open(sys.argv[1], "w", encoding="utf-8").write("".join(t))
PY
run timeout 120 "$PAKT" build -q -f html,odt "$C" -o "$TMP/torture-out"
is "$RC" 0 "the torture document builds"
no_sanitizer_report "torture"
[ -n "$ERR" ] && printf '%s\n' "$ERR" | head -20 | sed 's/^/#   /'
T=$TMP/torture-out/demo/2023-2026/torture.odt
check "the torture ODT passes odf-check" "$TMP/oc" "$CHECK/odf-check" "$T"
unzip -p "$T" content.xml >"$TMP/torture.xml" 2>/dev/null
for w in "level 49" "cell 299 with some" "deep quote" "$(printf 'ord%.0s' $(seq 3334))"; do
	grep -q "$w" "$TMP/torture.xml"
	ok $? "the torture ODT has '${w:0:20}'"
done

done_testing
