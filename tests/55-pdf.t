#!/bin/bash
# The PDF of every document: it passes the PDF validators (pdf-check,
# pdfa-check for PDF/A-2b and PDF/UA-1), is tagged with its structure in reading order,
# keeps its words inside the text area, avoids lone lines and headings
# at the bottom of a page, and a torture document renders too.
. "$(dirname "$0")/lib.sh"

need pdfinfo pdftotext python3 pdf-check pdfa-check

# headings HTML: the text of the h1-h3 headings of a page, one a line
headings() {
	python3 - "$1" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
body = t.split('<div class="doc-body">', 1)[-1]
title = re.search(r"<h1[^>]*>(.*?)</h1>", t, re.S)
found = [title.group(1)] if title else []
found += re.findall(r"<h[23][^>]*>(.*?)</h[23]>", body, re.S)
for h in found:
    print(html.unescape(re.sub(r"<[^>]+>", "", h)).strip())
PY
}

# validate DIR: every PDF below DIR passes the validators with its headings
validate() {
	local n=0 pdf page
	while IFS= read -r pdf; do
		n=$((n + 1))
		page=${pdf%.pdf}.html
		mapfile -t heads < <(headings "$page")
		"$CHECK/pdf-check" "$pdf" "${heads[@]}" >"$TMP/pc" 2>&1
		ok $? "pdf-check ${pdf#"$1"/} (${#heads[@]} headings)" || sed 's/^/#   /' "$TMP/pc"
		"$CHECK/pdfa-check" "$pdf" >"$TMP/pl" 2>&1
		ok $? "pdfa-check ${pdf#"$1"/}" || sed 's/^/#   /' "$TMP/pl"
		pdfinfo "$pdf" >"$TMP/info" 2>&1
		grep -q '^Tagged: *yes' "$TMP/info"
		ok $? "tagged ${pdf#"$1"/}"
	done < <(find "$1" -name '*.pdf' | sort)
	[ "$n" -gt 0 ]; ok $? "$1 has PDFs ($n)"
}

run "$PAKT" build -q "$EXAMPLE" -o "$TMP/content"
is "$RC" 0 "the example content builds with PDFs"
no_sanitizer_report "build content"
validate "$TMP/content"

run "$PAKT" build -q "$TOP/tests/fixtures/site" -o "$TMP/fixture"
is "$RC" 0 "the English fixture builds with PDFs"
validate "$TMP/fixture"

# The structure tree holds the content in reading order.
A=$TMP/fixture/demo/2024-2027/agreement.pdf
pdfinfo -struct-text "$A" >"$TMP/struct" 2>&1
python3 - "$TMP/struct" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
want = ["Safe together 2024–2027", "Purpose", "Commitments",
        "Meet every quarter.", "crime statistics,",
        "A quoted principle", "Forum", "How often", "Steering group",
        "4 per year", "Working group", "plain code block", "Deep heading",
        "municipal responsibility", "Signatures", "Alex Holm", "Robin Ek"]
at, bad = 0, []
for w in want:
    i = t.find(w, at)
    if i < 0:
        bad.append(w)
    else:
        at = i
for b in bad:
    print("# out of order or missing:", b)
sys.exit(1 if bad else 0)
PY
ok $? "pdfinfo -struct-text shows headings, lists and table cells in reading order"
for tag in '/Document' '/H1' '/H2' '/H3' '/P' '/L' '/LI' '/Lbl' '/LBody' \
    '/Table' '/TR' '/TH' '/TD' '/Figure' '/Link' '/Note' '/TOC' '/TOCI' \
    '/BlockQuote' '/Code'; do
	grep -q "^ *${tag#/}\b" "$TMP/struct"
	ok $? "structure has ${tag#/}"
done
pdfinfo "$A" >"$TMP/info"
grep -q '^Title: *Safe together 2024–2027$' "$TMP/info"
ok $? "the title is in the Info dictionary"
contains "$(cat "$TMP/info")" "Pages:" "pdfinfo reads the page count"
qpdf --qdf --object-streams=disable "$A" "$TMP/a.qdf" 2>/dev/null
grep -a -q '/Lang (en)' "$TMP/a.qdf"
ok $? "an English document says so"
grep -a -q '/Alt (The cooperation cycle' "$TMP/a.qdf" || grep -a -q '/Alt <' "$TMP/a.qdf"
ok $? "the figure has its alt text"
grep -a -q '/DisplayDocTitle true' "$TMP/a.qdf"
ok $? "viewers show the document title"
grep -a -q '/Subtype /Watermark' "$TMP/a.qdf"
ok $? "the draft mark is an artifact"
grep -a -q 'pdfuaid:part' "$TMP/a.qdf"
ok $? "the XMP declares PDF/UA"
S=$TMP/content/malmo/2023-2027
pdfinfo "$S/overenskommelse.pdf" | grep -q 'Keywords:.*2023-2027'
ok $? "keywords hold the period"
qpdf --qdf --object-streams=disable "$S/overenskommelse.pdf" "$TMP/s.qdf" 2>/dev/null
grep -a -q '/Lang (sv-SE)' "$TMP/s.qdf"
ok $? "a Swedish document has /Lang sv-SE"
pdftotext -layout "$S/overenskommelse.pdf" - 2>/dev/null >"$TMP/s.txt"
contains "$(cat "$TMP/s.txt")" "Sida 1 av" "the footer numbers the pages"
contains "$(cat "$TMP/s.txt")" "Innehåll" "a table of contents"
contains "$(cat "$TMP/s.txt")" "Ort och datum" "the signature block"

# Reproducible: two builds give the same bytes.
run "$PAKT" build -q "$TOP/tests/fixtures/site" -o "$TMP/fixture2"
n=0
for f in $(cd "$TMP/fixture" && find . -name '*.pdf'); do
	cmp -s "$TMP/fixture/$f" "$TMP/fixture2/$f" || { echo "# differs: $f"; n=$((n + 1)); }
done
is "$n" 0 "two builds give byte-identical PDFs"

# Layout: a document of numbered words shows where every line went.
C=$TMP/lay
new_content "$C"
python3 - "$C/demo/2023-2026/layout.md" <<'PY'
import random, sys
random.seed(7)
out = ["---\ntype: page\ntitle: Layout\n---\n"]
for p in range(1, 140):
    if p % 9 == 0:
        out.append("## Heading%d with a title long enough to wrap a little\n\n" % p)
    n = random.choice([8, 12, 25, 40, 60, 90, 130])
    words = ["p%dw%d" % (p, w) for w in range(n)]
    if p % 13 == 0:
        words[3] = "samverkansöverenskommelsernas"
        words[5] = "https://example.org/" + "lång/väg/" * 30
    if p % 17 == 0:
        words[2] = "x" * 300
    out.append(" ".join(words) + "\n\n")
out.append("Compounds: " + " ".join(["samverkansöverenskommelsernas",
    "brottsförebyggande", "trygghetsskapande", "lokalpolisområdets",
    "medborgarlöftena"] * 12) + "\n")
open(sys.argv[1], "w").write("".join(out))
PY
run "$PAKT" build -q "$C" -o "$TMP/lay-out"
is "$RC" 0 "the layout document builds"
L=$TMP/lay-out/demo/2023-2026/layout.pdf
pdftotext -bbox-layout "$L" "$TMP/bbox.html" 2>/dev/null
python3 - "$TMP/bbox.html" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
mm = 72 / 25.4
left, right, top, bottom = 30 * mm, 595.276 - 30 * mm, 25 * mm, 841.89 - 22 * mm
ns = {"h": "http://www.w3.org/1999/xhtml"}
root = ET.parse(sys.argv[1]).getroot()
bad = []
lines = []			# (page, y, [words]) in reading order
for pno, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
    for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
        ws = list(line.iter("{http://www.w3.org/1999/xhtml}word"))
        for w in ws:
            x0, y0, x1, y1 = (float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            if x0 < left - 0.5 or x1 > right + 0.5:
                bad.append("p%d: '%s' x %.1f-%.1f outside %.1f-%.1f" % (pno + 1, w.text, x0, x1, left, right))
            furniture = y1 < top - 5 or y0 > bottom + 2
            if not furniture and (y0 < top - 2 or y1 > bottom + 2):
                bad.append("p%d: '%s' y %.1f-%.1f outside the text area" % (pno + 1, w.text, y0, y1))
        body = [w.text for w in ws if top - 5 <= float(w.get("yMin")) <= bottom + 2]
        if body:
            lines.append((pno, float(ws[0].get("yMin")), body))
# lone lines: paragraph p's lines on each page
para = {}
last = None
for pno, y, ws in lines:
    ids = {int(m.group(1)) for w in ws for m in [re.match(r"p(\d+)w\d+", w)] if m}
    # a line of pieces of a broken long word belongs to the paragraph above
    if not ids and last is not None and not any(w.startswith("Heading") for w in ws):
        ids = {last}
    if ids:
        last = max(ids)
    for i in ids:
        para.setdefault(i, {}).setdefault(pno, set()).add(round(y, 1))
for i, pages in sorted(para.items()):
    total = sum(len(v) for v in pages.values())
    if len(pages) > 1:
        for pno, ys in pages.items():
            if len(ys) < 2:
                bad.append("paragraph %d leaves %d line alone on page %d (of %d lines)" % (i, len(ys), pno + 1, total))
# headings are never the last line of a page
for k, (pno, y, ws) in enumerate(lines):
    if any(w.startswith("Heading") for w in ws):
        j = k + 1
        while j < len(lines) and any(w.startswith("Heading") or not re.match(r"p\d+w", w) for w in lines[j][2]) and lines[j][0] == pno:
            j += 1
        if j >= len(lines) or lines[j][0] != pno:
            bad.append("heading '%s' is the last text on page %d" % (" ".join(ws), pno + 1))
npages = len(set(p for p, _, _ in lines))
print("# %d pages, %d lines, %d paragraphs" % (npages, len(lines), len(para)))
for b in bad[:20]:
    print("#", b)
sys.exit(1 if bad or npages < 5 else 0)
PY
ok $? "no word outside the text area, no lone first or last line, no heading last on a page"
pdftotext -layout "$L" - 2>/dev/null | python3 -c '
import re, sys
words = ("samverkansöverenskommelsernas", "brottsförebyggande",
    "trygghetsskapande", "lokalpolisområdets", "medborgarlöftena")
lines = sys.stdin.read().split("\n")
n = 0
for a, b in zip(lines, lines[1:]):
    a = a.rstrip()
    if a.endswith("-") and a.split() and b.split():
        w = a.split()[-1][:-1] + b.split()[0]
        n += w.strip() in words
print("# %d compounds hyphenated" % n)
sys.exit(0 if n > 0 else 1)'
ok $? "long Swedish compounds are hyphenated at line ends, and the parts join up"

# Torture: every element, 300 table rows, a 50-level list, a long word.
python3 - "$C/demo/2023-2026/torture.md" "$TOP/tests/fixtures/site/demo/2024-2027/agreement.md" <<'PY'
import sys
body = open(sys.argv[2], encoding="utf-8").read().split("---\n", 2)[2]
body = body.replace("(action-plan.md#purpose)", "(#purpose)").replace("(focus/safety.md)", "(#purpose)")
body = body.replace("![The cooperation cycle: map, analyse, act, follow up](bilder/cycle.png)", "")
t = ["---\ntype: page\ntitle: Tortyr – åäö ÅÄÖ “citat” € ✓ 😀\n---\n", body, "\n\n"]
t.append("| a | b | c |\n|---|:-:|--:|\n" + "".join("| %d | cell %d with some wrapping text that goes on | %d kr |\n" % (i, i, i * 7) for i in range(300)))
t.append("\n\n" + "".join("  " * i + "- level %d\n" % i for i in range(50)))
t.append("\n\n" + "ord" * 3334 + "\n\n" + "> " * 200 + "deep quote\n")
open(sys.argv[1], "w", encoding="utf-8").write("".join(t))
PY
run timeout 300 "$PAKT" build -q "$C" -o "$TMP/lay-out"
is "$RC" 0 "the torture document builds"
no_sanitizer_report "torture"
T=$TMP/lay-out/demo/2023-2026/torture.pdf
"$CHECK/pdf-check" "$T" "level 49" "cell 299 with some" >"$TMP/pc" 2>&1
ok $? "the torture PDF passes pdf-check" || sed 's/^/#   /' "$TMP/pc"
"$CHECK/pdfa-check" "$T" >"$TMP/pl" 2>&1
ok $? "the torture PDF passes pdfa-check" || sed 's/^/#   /' "$TMP/pl"
pdftotext -bbox-layout "$T" "$TMP/tbox.html" 2>/dev/null
python3 - "$TMP/tbox.html" <<'PY'
import sys
import xml.etree.ElementTree as ET
right = 595.276 - 30 * 72 / 25.4
bad = [w.text for w in ET.parse(sys.argv[1]).getroot().iter("{http://www.w3.org/1999/xhtml}word")
       if float(w.get("xMax")) > right + 0.5 or float(w.get("xMin")) < 0]
print("# %d words past the margin" % len(bad), bad[:3])
sys.exit(1 if bad else 0)
PY
ok $? "no word of the torture document runs past the margin"

# The theme: a content folder's theme.yaml changes fonts, alignment and
# adds a logo; mistakes in it are errors with their position.
B=$TMP/theme
new_content "$B"
printf -- '---\ntype: page\ntitle: Tema\n---\nText.\n' >"$B/demo/2023-2026/tema.md"
mkdir -p "$B/templates/pdf"
cp "$TOP/tests/fixtures/site/demo/2024-2027/bilder/cycle.png" "$B/templates/pdf/logo.png"
printf 'font: DejaVu Sans\nalign: justify\nlogo: logo.png\nmargin-left: 20mm\n' >"$B/templates/pdf/theme.yaml"
run "$PAKT" build -q "$B" -o "$TMP/theme-out"
is "$RC" 0 "a theme with another font and a logo builds"
pdffonts "$TMP/theme-out/demo/2023-2026/tema.pdf" | grep -q 'DejaVuSans'
ok $? "the theme's font family is embedded"
pdfimages -list "$TMP/theme-out/demo/2023-2026/tema.pdf" | grep -q '^ *1 .* 800 *450 '
ok $? "the logo is on the first page"
cp "$TMP/theme-out/demo/2023-2026/tema.pdf" "$TMP/tema-before.pdf"
printf 'font: Comic Nope\n' >"$B/templates/pdf/theme.yaml"
run "$PAKT" build "$B" -o "$TMP/theme-out"
is "$RC" 1 "a font that is not installed is an error"
contains "$ERR" "templates/pdf/theme.yaml:1:7: error: font family 'Comic Nope' is not installed" "it names the family and where it was set"
cmp -s "$TMP/tema-before.pdf" "$TMP/theme-out/demo/2023-2026/tema.pdf"
ok $? "the earlier PDF stays"
printf 'size: huge\nleading: 9\nalign: centre\ncolour: red\n' >"$B/templates/pdf/theme.yaml"
run "$PAKT" build "$B" -o "$TMP/theme-out"
is "$RC" 1 "a broken theme is an error"
contains "$ERR" "theme.yaml:1:7: error: 'size' must be a length like 11, 11pt, 25mm or 2.5cm, not 'huge'" "a bad length"
contains "$ERR" "theme.yaml:2:10: error: 'leading' must be between 1 and 3 points, not 9" "a length out of range"
contains "$ERR" "theme.yaml:3:8: error: 'align' must be justify or left, not 'centre'" "a bad word"
contains "$ERR" "theme.yaml:4:1: error: unknown key 'colour'" "an unknown key"
no_sanitizer_report "broken theme"
rm -r "$B/templates"

# An image that is a PNG by name and magic but broken inside stops the
# PDF of its document, with the image's position; the page is written.
printf -- '---\ntype: page\ntitle: Bild\n---\nText.\n\n![En bild](trasig.png)\n' >"$B/demo/2023-2026/bild.md"
printf '\211PNG\r\n\032\n\0\0\0\rIHDRbroken' >"$B/demo/2023-2026/trasig.png"
run "$PAKT" build "$B" -o "$TMP/theme-out"
is "$RC" 1 "a broken image is an error"
contains "$ERR" "bild.md:7:1: error: image 'trasig.png' cannot go into the PDF" "it says which image, where"
no_sanitizer_report "broken image"
[ -f "$TMP/theme-out/demo/2023-2026/bild.html" ] && [ ! -f "$TMP/theme-out/demo/2023-2026/bild.pdf" ]
ok $? "the page is written, no PDF"
[ -f "$TMP/theme-out/demo/2023-2026/tema.pdf" ]
ok $? "the other document still has its PDF"

# Bookmarks: one for every heading of the fixture's agreement.
qpdf --json --json-key=outlines "$A" | python3 -c '
import json, sys
def walk(items):
    for o in items:
        yield o["title"]
        yield from walk(o.get("kids", []))
titles = list(walk(json.load(sys.stdin)["outlines"]))
print("#", titles)
want = ["Safe together 2024–2027", "Purpose", "Commitments", "Deep heading", "Signatures"]
sys.exit(0 if all(w in titles for w in want) else 1)'
ok $? "every heading has a bookmark"

done_testing
