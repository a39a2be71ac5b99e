#!/bin/bash
# Pathological input finishes in bounded time without crashing: deep
# nesting in Markdown and YAML, huge tables and words, YAML alias bombs,
# and many documents.
. "$(dirname "$0")/lib.sh"

need python3

C=$TMP/content
new_content "$C"
P=$C/demo/2023-2026

doc() {	# doc NAME: front matter for a page, then stdin as its body
	{ printf -- '---\ntype: page\ntitle: %s\n---\n' "$1"; cat; } >"$P/$1.md"
}
python3 - "$P" <<'PY'
import sys
p = sys.argv[1]
def doc(name, body, fm="type: page\ntitle: %s\n"):
    with open(f"{p}/{name}.md", "w") as f:
        f.write("---\n" + (fm % name) + "---\n" + body)
doc("quotes", "> " * 10000 + "deep\n")
doc("lists", "".join("  " * i + "- level %d\n" % i for i in range(50)))
doc("brackets", "[" * 20000 + "x" + "]" * 20000 + "\n")
doc("emphasis", "*a " * 5000 + "b" + "*" * 5000 + "\n")
doc("word", "ord" * 3334 + "\n\n" + "https://example.org/" + "a" * 10000 + "\n")
doc("table", "| a | b | c |\n|---|---|---|\n" + "".join("| %d | cell %d | text |\n" % (i, i) for i in range(300)))
doc("headings", "".join("## Rubrik\n\ntext\n\n" for i in range(2000)))
doc("yamldeep", "text\n", "type: page\ntitle: %s\ndescription: " + "[" * 5000 + "]" * 5000 + "\n")
doc("bomb", "text\n", "type: page\ntitle: %s\n" + "".join(
    "x%d: &a%d [%s]\n" % (i, i, ",".join(["*a%d" % (i - 1)] * 9 if i else ["lol"] * 9)) for i in range(9)))
for i in range(400):
    doc("doc%03d" % i, "## Avsnitt\n\nText %d med [länk](doc%03d.md).\n" % (i, (i + 1) % 400))
PY

start=$SECONDS
run timeout 120 "$PAKT" build "$C" -o "$TMP/site"
is "$RC" 1 "the build ends with exit 1 (two documents have bad front matter)"
no_sanitizer_report "build"
contains "$ERR" "yamldeep.md:4:14: error: 'description' must be text, found a list" "deeply nested YAML is an ordinary error"
contains "$ERR" "bomb.md:4:1: error: unknown key 'x0' in front matter" "a YAML alias bomb is an ordinary error"
lacks "$ERR" "Sanitizer" "no sanitizer findings"
for n in quotes lists brackets emphasis word table headings doc000 doc399; do
	[ -s "$TMP/site/demo/2023-2026/$n.html" ]; ok $? "$n: written"
done
contains "$(cat "$TMP/site/demo/2023-2026/headings.html")" 'id="rubrik-2000"' "2000 equal headings get unique ids"
is "$(sed -n '/<div class="doc-body">/,/^<\/div>/p' "$TMP/site/demo/2023-2026/table.html" | grep -c '<tr>')" 301 "300 table rows and a header row"
echo "# took $((SECONDS - start)) s"

run timeout 60 "$PAKT" check "$C"
is "$RC" 1 "check ends too"
no_sanitizer_report "check"

done_testing
