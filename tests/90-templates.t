#!/bin/bash
# A municipality replaces templates and adds assets from its content
# folder; a broken template is reported once, with its path.
. "$(dirname "$0")/lib.sh"

C=$TMP/content
new_content "$C"
printf -- '---\ntype: page\ntitle: Sida\n---\nText\n' >"$C/demo/2023-2026/sida.md"
mkdir -p "$C/templates/html/assets"
printf 'logo' >"$C/templates/html/assets/logo.svg"
printf 'body { color: black; }\n' >"$C/templates/html/assets/style.css"
cat >"$C/templates/html/foot.mustache" <<'EOF_T'
</main>
<footer class="site-footer"><img src="{{root}}assets/logo.svg" alt="Testkommuns logotyp"></footer>
</body>
</html>
EOF_T

run "$PAKT" build "$C" -o "$TMP/site"
is "$RC" 0 "builds with the content folder's templates"
is "$(cat "$TMP/site/assets/logo.svg")" "logo" "an asset of the content folder is copied"
is "$(cat "$TMP/site/assets/style.css")" "body { color: black; }" "the content folder's style sheet replaces pakt's"
contains "$(cat "$TMP/site/demo/2023-2026/sida.html")" '<img src="../../assets/logo.svg" alt="Testkommuns logotyp">' "a replaced partial is used on document pages"
contains "$(cat "$TMP/site/index.html")" 'assets/logo.svg' "and on index pages"
contains "$(cat "$TMP/site/demo/2023-2026/sida.html")" '<h1>Sida</h1>' "templates not replaced come from pakt"

printf '{{> head}}\n{{#doc}}<h1>{{title}}</h1>\n' >"$C/templates/html/document.mustache"
printf -- '---\ntype: page\ntitle: Två\n---\nText\n' >"$C/demo/2023-2026/tva.md"
run "$PAKT" build "$C" -o "$TMP/site"
is "$RC" 1 "a broken template fails the build"
is "$ERR" "pakt: error: template $C/templates/html/document.mustache:2:1: unclosed section \"doc\"
pakt: 1 error; wrote 0 of 2 documents to $TMP/site" "it is reported once, with its path and position"
contains "$(cat "$TMP/site/demo/2023-2026/sida.html")" '<h1>Sida</h1>' "the earlier page stays intact"

done_testing
