#!/bin/bash
# Soak: the benchmark's generated corpus (bench/gen: 324 documents in 12
# series and 36 periods) through the sanitizer build, in every format,
# twice over: every document gets its page, PDF and ODT, nothing is
# reported by a sanitizer, the second build renders nothing again, and
# a sample of the outputs passes the validators.  `make soak` runs it
# (CI too); it is too slow for `make check`.
. "$(dirname "$0")/../lib.sh"

need python3 pdf-check pdfa-check odf-check html-check

C=$TMP/corpus
python3 "$TOP/bench/gen" "$C" >/dev/null
ok $? "bench/gen writes the corpus"
ndocs=$(find "$C" -name '*.md' | wc -l)

run "$PAKT" build -q -j 2 "$C" -o "$TMP/site"
is "$RC" 0 "the corpus builds ($ndocs documents)"
no_sanitizer_report "corpus build"
for ext in html pdf odt; do
	n=0
	while IFS= read -r md; do
		rel=${md#"$C"/}
		[ -s "$TMP/site/${rel%.md}.$ext" ] || n=$((n + 1))
	done < <(find "$C" -name '*.md')
	is "$n" 0 "every document has its .$ext"
done

run "$PAKT" build -j 2 "$C" -o "$TMP/site"
is "$RC" 0 "a second build over the same site"
contains "$OUT$ERR" "nothing to render; $ndocs documents" "renders nothing again"
no_sanitizer_report "second build"

# A sample: the first series, every document.
first=$(cd "$C" && ls -d */ | head -n 1)
while IFS= read -r pdf; do
	"$CHECK/pdf-check" "$pdf" >"$TMP/c" 2>&1 &&
	    "$CHECK/pdfa-check" "$pdf" >>"$TMP/c" 2>&1
	ok $? "${pdf#"$TMP/site/"} passes pdf-check and pdfa-check" ||
	    sed 's/^/#   /' "$TMP/c" | head -10
done < <(find "$TMP/site/$first" -name '*.pdf' | sort)
while IFS= read -r odt; do
	"$CHECK/odf-check" "$odt" >"$TMP/c" 2>&1
	ok $? "${odt#"$TMP/site/"} passes odf-check" || sed 's/^/#   /' "$TMP/c" | head -10
done < <(find "$TMP/site/$first" -name '*.odt' | sort)
"$CHECK/html-check" $(find "$TMP/site/$first" -name '*.html' | sort) >"$TMP/c" 2>&1
ok $? "the pages of $first are valid HTML" || sed 's/^/#   /' "$TMP/c" | head -10

done_testing
