#!/bin/bash
# Raw HTML and unsafe links never reach the website; metadata is escaped.
. "$(dirname "$0")/lib.sh"

C=$TMP/content
new_content "$C"
P=$C/demo/2023-2026
cat >"$P/sida.md" <<'EOF_DOC'
---
type: page
title: "<script>alert('titel')</script> & \"citat\""
subtitle: "<img src=x onerror=alert(1)>"
description: "\"><script>alert(2)</script>"
reference: "KS <b>2023</b>/1"
contacts: ["<i>Eva</i>"]
---
## Rubrik <em>fet</em>

<script>alert('block')</script>

Inline <span onclick="alert(3)">html</span> här.

<iframe src="https://evil.example/"></iframe>

[säker länk](https://example.org/?a=1&b=2) och [e-post](mailto:a@example.org)

![bild](data:image/png;base64,iVBORw0KGgo=)

[entitet](&#106;avascript:alert(5))

<javascript:alert(6)>

`<script>` i kod är text.
EOF_DOC
run "$PAKT" build "$C" -o "$TMP/site"
H=$TMP/site/demo/2023-2026/sida.html
# The data: image and the javascript: links are errors in the source, so
# the page is not built at all; check them one by one below.
is "$RC" 1 "unsafe images and links are errors"
contains "$ERR" "sida.md:19:1: error: image 'data:image/png;base64,iVBORw0KGgo=' is not in the content folder" "a data: image is refused with its position"
contains "$ERR" "sida.md:21:1: error: link to 'javascript:alert(5)' is not allowed" "an entity-encoded javascript: link is refused"
contains "$ERR" "sida.md:23:1: error: link to 'javascript:alert(6)' is not allowed" "a javascript: autolink is refused"
[ ! -e "$H" ]; ok $? "the page with unsafe links is not written"

# Without the unsafe links, the page builds and nothing unsafe is in it.
sed -i -e '/data:image/d' -e '/avascript/d' "$P/sida.md"
run "$PAKT" build "$C" -o "$TMP/site"
is "$RC" 0 "the page builds without the unsafe links"
page=$(cat "$H")
lacks "$page" "<script" "no script element reaches the page"
lacks "$page" "<iframe" "no iframe reaches the page"
lacks "$page" "onclick" "no event handler attribute reaches the page"
lacks "$page" "<img src=x" "no element from metadata reaches the page"
lacks "$page" "<span onclick" "inline HTML is left out"
lacks "$page" "<b>" "HTML in metadata is not markup"
lacks "$page" "<i>Eva" "HTML in contacts is not markup"
lacks "$page" "javascript:" "no javascript: URL reaches the page"
contains "$page" "<title>&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; &amp; &quot;citat&quot;</title>" "the title is escaped in <title>"
contains "$page" "<h1>&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; &amp; &quot;citat&quot;</h1>" "the title is escaped in <h1>"
contains "$page" "content=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"" "the description is escaped in its attribute"
contains "$page" "KS &lt;b&gt;2023&lt;/b&gt;/1" "the reference is escaped"
contains "$page" 'href="https://example.org/?a=1&amp;b=2"' "a safe link keeps its URL, escaped"
contains "$page" 'href="mailto:a@example.org"' "a mailto link is kept"
contains "$page" "<code>&lt;script&gt;</code>" "code shows markup as text"
contains "$page" 'id="rubrik-fet"' "a heading with inline HTML still gets an id"

# check warns about the raw HTML that is left out.
run "$PAKT" check "$C"
is "$RC" 0 "raw HTML is a warning, not an error"
contains "$ERR" "sida.md:11:1: warning: raw HTML is not allowed and is left out of the output" "check warns about a raw HTML block"
contains "$ERR" "sida.md:13:8: warning: raw HTML is not allowed and is left out of the output" "check warns about inline HTML"

# Series and site names are escaped on every page.
cat >"$C/demo/series.yaml" <<'YAML'
name: "Demo <script>x</script>"
parties:
  - {id: kommunen, name: "K & <b>K</b>"}
YAML
printf 'title: "Site <script>y</script>"\n' >"$C/pakt.yaml"
run "$PAKT" build "$C" -o "$TMP/site2"
all=$(cat $(find "$TMP/site2" -name '*.html'))
lacks "$all" "<script" "series and site names cannot inject script"
contains "$all" "K &amp; &lt;b&gt;K&lt;/b&gt;" "party names are escaped"

done_testing
