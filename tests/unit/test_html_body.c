/*
 * test_html_body.c - unit tests for markdown.c and html_body.c.
 *
 * Exact output for each construct, every unsafe URL we know of, raw
 * HTML, the URL callback, the table of contents, then every corpus
 * file and pathologically deep input under the sanitizers.
 *
 * The corpus is tests/corpus of the checkout (see fx_data()); without
 * it the test fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "html_body.h"
#include "markdown.h"
#include "url.h"

#include "fixture.h"
#include "tap.h"

/*
 * Render md with opts (NULL: defaults) and return the HTML in a new
 * string the caller frees; toc, when not NULL, receives the headings.
 * Returns NULL if parsing or rendering failed.
 */
static char *
render(const char *md, size_t len, const struct html_body_opts *opts,
    struct html_toc *toc)
{
	struct buf out = BUF_INIT;
	cmark_node *doc;
	int rc;

	if ((doc = md_parse(md, len)) == NULL)
		return NULL;
	rc = html_render_body(&out, doc, opts, toc);
	cmark_node_free(doc);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* Render md with default options and compare with want. */
static void
is_html(const char *md, const char *want, const char *name)
{
	char *got = render(md, strlen(md), NULL, NULL);

	is_str(got, want, name);
	free(got);
}

/* Render md with opts and compare with want. */
static void
is_html_opts(const char *md, const struct html_body_opts *opts,
    const char *want, const char *name)
{
	char *got = render(md, strlen(md), opts, NULL);

	is_str(got, want, name);
	free(got);
}

/* Return the first occurrence of needle in hay, ignoring ASCII case. */
static const char *
find_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/*
 * Whether the attribute value val has no scheme (nothing but letters
 * before a colon that comes before any / ? #) or http, https, mailto,
 * tel.  Written independently of url_is_safe().
 */
static int
scheme_ok(const char *val)
{
	size_t n = strcspn(val, ":/?#");

	if (val[n] != ':')
		return 1;
	return (n == 4 && strncasecmp(val, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(val, "https", 5) == 0) ||
	    (n == 6 && strncasecmp(val, "mailto", 6) == 0) ||
	    (n == 3 && strncasecmp(val, "tel", 3) == 0);
}

/*
 * Whether html has no <script and every href or src attribute has an
 * allowed scheme and no "javascript:".
 */
static int
html_is_clean(const char *html)
{
	static const char *const attrs[] = { " href=\"", " src=\"" };
	const char *p, *end;
	char *val;
	size_t i;
	int good = 1;

	if (find_nocase(html, "<script") != NULL)
		return 0;
	for (i = 0; i < 2; i++) {
		for (p = html; (p = strstr(p, attrs[i])) != NULL; p = end) {
			p += strlen(attrs[i]);
			if ((end = strchr(p, '"')) == NULL)
				return 0;
			val = xstrndup(p, (size_t)(end - p));
			if (!scheme_ok(val) ||
			    find_nocase(val, "javascript:") != NULL)
				good = 0;
			free(val);
		}
	}
	return good;
}

/* Count the occurrences of needle in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_inline(void)
{
	is_html("Hej *du* **där** `x<y` & \"q\" 'a'\n",
	    "<p>Hej <em>du</em> <strong>där</strong> <code>x&lt;y</code> "
	    "&amp; &quot;q&quot; &#39;a&#39;</p>\n", "emphasis, strong, code");
	is_html("a  \nb\nc\n", "<p>a<br>\nb\nc</p>\n", "hard and soft break");
	is_html("~~bort~~ ~ett~\n", "<p><del>bort</del> <del>ett</del></p>\n",
	    "strikethrough");
	is_html("[polisen](https://polisen.se \"Polisen\")\n",
	    "<p><a href=\"https://polisen.se\" title=\"Polisen\">polisen</a>"
	    "</p>\n", "link with title");
	is_html("www.malmo.se\n",
	    "<p><a href=\"http://www.malmo.se\">www.malmo.se</a></p>\n",
	    "autolink extension");
	is_html("[a](<x y.md>) [b](q?a=1&b=%zz&c=%41) [c](/å)\n",
	    "<p><a href=\"x%20y.md\">a</a> "
	    "<a href=\"q?a=1&amp;b=%25zz&amp;c=%41\">b</a> "
	    "<a href=\"/%C3%A5\">c</a></p>\n", "href percent-encoding");
	is_html("[](https://a.se)\n",
	    "<p><a href=\"https://a.se\">https://a.se</a></p>\n",
	    "link without text shows its URL");
	is_html("![Karta *över* Malmö](karta.png \"Karta\")\n",
	    "<p><img src=\"karta.png\" alt=\"Karta över Malmö\" "
	    "title=\"Karta\"></p>\n", "image with title");
	is_html("[![logo](l.png)](https://a.se)\n",
	    "<p><a href=\"https://a.se\"><img src=\"l.png\" alt=\"logo\">"
	    "</a></p>\n", "image in a link");
}

static void
test_blocks(void)
{
	is_html("> citat\n>\n> mer\n",
	    "<blockquote>\n<p>citat</p>\n<p>mer</p>\n</blockquote>\n",
	    "block quote");
	is_html("- a\n- b\n  - c\n",
	    "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n",
	    "tight nested list");
	is_html("3. a\n\n4. b\n",
	    "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n"
	    "</ol>\n", "loose ordered list with start");
	is_html("1. a\n", "<ol>\n<li>a</li>\n</ol>\n",
	    "ordered list from 1");
	is_html("```c main\nint x < 1;\n```\n",
	    "<pre><code class=\"language-c\">int x &lt; 1;\n</code></pre>\n",
	    "fenced code with info");
	is_html("```\"><b\nx\n```\n",
	    "<pre><code class=\"language-&quot;&gt;&lt;b\">x\n</code></pre>\n",
	    "info string escaped");
	is_html("    kod\n", "<pre><code>kod\n</code></pre>\n",
	    "indented code");
	is_html("a\n\n***\n\nb\n", "<p>a</p>\n<hr>\n<p>b</p>\n",
	    "thematic break");
}

static void
test_headings(void)
{
	struct html_body_opts opts;

	memset(&opts, 0, sizeof(opts));
	is_html("# A\n\n### B\n",
	    "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n",
	    "# then ### gives h2 then h3");
	is_html("## Åtgärder för ökad trygghet\n",
	    "<h2 id=\"atgarder-for-okad-trygghet\">Åtgärder för ökad "
	    "trygghet</h2>\n", "shallowest heading at top level, Swedish id");
	is_html("### Café ÄNDÅ — Ö!\n",
	    "<h2 id=\"cafe-anda-o\">Café ÄNDÅ — Ö!</h2>\n",
	    "é, capitals, punctuation");
	is_html("# Mål\n\n# Mål\n\n# Mål 2\n\n# Mål\n",
	    "<h2 id=\"mal\">Mål</h2>\n<h2 id=\"mal-2\">Mål</h2>\n"
	    "<h2 id=\"mal-2-2\">Mål 2</h2>\n<h2 id=\"mal-3\">Mål</h2>\n",
	    "duplicate ids");
	is_html("# 2023 års plan\n\n# !!!\n\n# fn 1\n\n# Footnotes heading\n",
	    "<h2 id=\"h-2023-ars-plan\">2023 års plan</h2>\n"
	    "<h2 id=\"avsnitt\">!!!</h2>\n<h2 id=\"h-fn-1\">fn 1</h2>\n"
	    "<h2 id=\"footnotes-heading-2\">Footnotes heading</h2>\n",
	    "digit, empty, footnote-like ids");
	is_html("# A\n\n#### B\n\n### C\n\n#### D\n\n## E\n",
	    "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n<h3 id=\"c\">C</h3>\n"
	    "<h4 id=\"d\">D</h4>\n<h3 id=\"e\">E</h3>\n",
	    "no level skipped, siblings kept");
	is_html("## *Fet* `kod` [länk](x)\n",
	    "<h2 id=\"fet-kod-lank\"><em>Fet</em> <code>kod</code> "
	    "<a href=\"x\">länk</a></h2>\n", "id from plain text");
	is_html("#\n\ntext\n", "<p>text</p>\n", "empty heading left out");
	is_html("# aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee "
	    "ffffffffff gggggggggg\n",
	    "<h2 id=\"aaaaaaaaaa-bbbbbbbbbb-cccccccccc-dddddddddd-eeeeeeeeee"
	    "\">aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee "
	    "ffffffffff gggggggggg</h2>\n", "long id cut at a word");
	opts.top_level = 3;
	is_html_opts("# a\n## b\n### c\n#### d\n##### e\n###### f\n", &opts,
	    "<h3 id=\"a\">a</h3>\n<h4 id=\"b\">b</h4>\n<h5 id=\"c\">c</h5>\n"
	    "<h6 id=\"d\">d</h6>\n<h6 id=\"e\">e</h6>\n<h6 id=\"f\">f</h6>\n",
	    "top_level 3, capped at 6");
	opts.top_level = 1;
	is_html_opts("## x\n", &opts, "<h1 id=\"x\">x</h1>\n", "top_level 1");
}

static void
test_toc(void)
{
	static const char md[] =
	    "## Inledning\n\ntext\n\n#### Bakgrund *och* syfte\n\n"
	    "## Inledning\n\n#\n";
	struct html_toc toc;
	char *html;

	html = render(md, sizeof(md) - 1, NULL, &toc);
	ok(html != NULL, "render with toc");
	if (!ok(toc.n == 3, "toc has three headings")) {
		free(html);
		html_toc_free(&toc);
		return;
	}
	ok(toc.items[0].level == 2, "toc 1 level");
	is_str(toc.items[0].id, "inledning", "toc 1 id");
	is_str(toc.items[0].text, "Inledning", "toc 1 text");
	ok(toc.items[1].level == 3, "toc 2 level");
	is_str(toc.items[1].id, "bakgrund-och-syfte", "toc 2 id");
	is_str(toc.items[1].text, "Bakgrund och syfte", "toc 2 text");
	ok(toc.items[2].level == 2, "toc 3 level");
	is_str(toc.items[2].id, "inledning-2", "toc 3 id");
	free(html);
	html_toc_free(&toc);
	ok(toc.items == NULL && toc.n == 0, "toc empty after free");
}

static void
test_table(void)
{
	is_html("| Mål | Ansvar | Klart |\n|:--|:-:|--:|\n| a | b | c |\n"
	    "| d |\n",
	    "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n"
	    "<th scope=\"col\" class=\"align-left\">Mål</th>\n"
	    "<th scope=\"col\" class=\"align-center\">Ansvar</th>\n"
	    "<th scope=\"col\" class=\"align-right\">Klart</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td class=\"align-left\">a</td>\n"
	    "<td class=\"align-center\">b</td>\n"
	    "<td class=\"align-right\">c</td>\n"
	    "</tr>\n<tr>\n"
	    "<td class=\"align-left\">d</td>\n"
	    "<td class=\"align-center\"></td>\n"
	    "<td class=\"align-right\"></td>\n"
	    "</tr>\n</tbody>\n</table>\n</div>\n", "table with alignment");
	is_html("| a | b |\n|---|---|\n",
	    "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n"
	    "<th scope=\"col\">a</th>\n<th scope=\"col\">b</th>\n"
	    "</tr>\n</thead>\n</table>\n</div>\n", "table with header only");
	is_html("| a | |\n|---|---|\n| b | c |\n",
	    "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n"
	    "<th scope=\"col\">a</th>\n<td></td>\n</tr>\n</thead>\n<tbody>\n"
	    "<tr>\n<td>b</td>\n<td>c</td>\n</tr>\n</tbody>\n</table>\n</div>\n",
	    "empty header cell is a td");
}

static void
test_footnotes(void)
{
	struct html_body_opts opts;

	is_html("Text[^a] och mer[^b].\n\n[^b]: Andra.\n[^a]: Första *not*.\n",
	    "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-1\" "
	    "id=\"fnref-1\">1</a></sup> och mer<sup class=\"footnote-ref\">"
	    "<a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>.</p>\n"
	    "<section class=\"footnotes\" aria-labelledby=\"footnotes-heading\">"
	    "\n<h2 id=\"footnotes-heading\">Fotnoter</h2>\n<ol>\n"
	    "<li id=\"fn-1\">\n<p>Första <em>not</em>. <a href=\"#fnref-1\" "
	    "class=\"footnote-backref\" aria-label=\"Tillbaka till texten 1\">"
	    "\xe2\x86\xa9</a></p>\n</li>\n"
	    "<li id=\"fn-2\">\n<p>Andra. <a href=\"#fnref-2\" "
	    "class=\"footnote-backref\" aria-label=\"Tillbaka till texten 2\">"
	    "\xe2\x86\xa9</a></p>\n</li>\n</ol>\n</section>\n",
	    "footnotes numbered in order of reference");

	memset(&opts, 0, sizeof(opts));
	opts.top_level = 3;
	opts.footnotes_label = "Notes & refs";
	opts.backref_label = "Back";
	is_html_opts("# T\n\nA[^x] b[^x]\n\n[^x]: N\n\n    ```\n    code\n    ```\n\n[^unused]: U\n",
	    &opts,
	    "<h3 id=\"t\">T</h3>\n"
	    "<p>A<sup class=\"footnote-ref\"><a href=\"#fn-1\" "
	    "id=\"fnref-1\">1</a></sup> b<sup class=\"footnote-ref\">"
	    "<a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup></p>\n"
	    "<section class=\"footnotes\" aria-labelledby=\"footnotes-heading\">"
	    "\n<h3 id=\"footnotes-heading\">Notes &amp; refs</h3>\n<ol>\n"
	    "<li id=\"fn-1\">\n<p>N</p>\n<pre><code>code\n</code></pre>\n"
	    "<a href=\"#fnref-1\" class=\"footnote-backref\" "
	    "aria-label=\"Back 1\">\xe2\x86\xa9</a> "
	    "<a href=\"#fnref-1-2\" class=\"footnote-backref\" "
	    "aria-label=\"Back 1 (2)\">\xe2\x86\xa9</a>\n"
	    "</li>\n</ol>\n</section>\n",
	    "footnote referenced twice, labels, level, block at end");
	is_html("[a[^1]](x) ![b[^1]](y.png)\n\n[^1]: n\n",
	    "<p><a href=\"x\">a<sup class=\"footnote-ref\" id=\"fnref-1\">1"
	    "</sup></a> <img src=\"y.png\" alt=\"b\"></p>\n"
	    "<section class=\"footnotes\" aria-labelledby=\"footnotes-heading\">"
	    "\n<h2 id=\"footnotes-heading\">Fotnoter</h2>\n<ol>\n"
	    "<li id=\"fn-1\">\n<p>n <a href=\"#fnref-1\" "
	    "class=\"footnote-backref\" aria-label=\"Tillbaka till texten 1\">"
	    "\xe2\x86\xa9</a></p>\n</li>\n</ol>\n</section>\n",
	    "no link in a link, no back link into alt text");
	is_html("a[^nope]\n", "<p>a[^nope]</p>\n", "undefined footnote");
}

static void
test_unsafe(void)
{
	static const struct {
		const char *md, *want, *name;
	} t[] = {
		{ "[x](javascript:alert(1))\n", "<p>x</p>\n", "javascript:" },
		{ "[x](JAVASCRIPT:alert(1))\n", "<p>x</p>\n", "JAVASCRIPT:" },
		{ "[x](JaVaScRiPt:alert(1))\n", "<p>x</p>\n", "mixed case" },
		{ "[x](< java\tscript:alert(1)>)\n", "<p>x</p>\n",
		    "space and tab in <destination>" },
		{ "[x](java&#x09;script:alert(1))\n", "<p>x</p>\n",
		    "tab as entity" },
		{ "[x](&#1;javascript:alert(1))\n", "<p>x</p>\n",
		    "leading control character as entity" },
		{ "[x](&#106;avascript:alert(1))\n", "<p>x</p>\n",
		    "&#106;avascript:" },
		{ "[x](&#x6A;avascript&colon;alert(1))\n", "<p>x</p>\n",
		    "hex entity and &colon;" },
		{ "[x][r]\n\n[r]: javascript:alert(1)\n", "<p>x</p>\n",
		    "reference definition" },
		{ "[x](data:text/html,<script>alert(1)</script>)\n",
		    "<p>x</p>\n", "data:text/html" },
		{ "[x](data:text/html;base64,PHNjcmlwdD4=)\n", "<p>x</p>\n",
		    "data: base64 link" },
		{ "![punkt](data:image/png;base64,iVBORw0KGgo=)\n",
		    "<p>punkt</p>\n", "data: image" },
		{ "![<b>alt</b> & *x*](javascript:alert(1))\n",
		    "<p>alt &amp; x</p>\n", "unsafe image keeps escaped alt" },
		{ "[x](vbscript:msgbox(1))\n", "<p>x</p>\n", "vbscript:" },
		{ "[x](file:///etc/passwd)\n", "<p>x</p>\n", "file:" },
		{ "[x](foo:bar)\n", "<p>x</p>\n", "unknown scheme" },
		{ "<javascript:alert(1)>\n", "<p>javascript:alert(1)</p>\n",
		    "autolink with javascript:" },
		{ "[*a* b](javascript:x)\n", "<p><em>a</em> b</p>\n",
		    "unsafe link keeps its children" },
	};
	static const struct {
		const char *md, *want;
	} safe[] = {
		{ "[x](https://a.se)", "<p><a href=\"https://a.se\">x</a></p>\n" },
		{ "[x](HTTP://a.se)", "<p><a href=\"HTTP://a.se\">x</a></p>\n" },
		{ "[x](mailto:a@b.se)",
		    "<p><a href=\"mailto:a@b.se\">x</a></p>\n" },
		{ "[x](tel:+4640)", "<p><a href=\"tel:+4640\">x</a></p>\n" },
		{ "[x](#del-2)", "<p><a href=\"#del-2\">x</a></p>\n" },
		{ "[x](../a/b.md?x=y:z)",
		    "<p><a href=\"../a/b.md?x=y:z\">x</a></p>\n" },
		{ "[x](//cdn.se/a)", "<p><a href=\"//cdn.se/a\">x</a></p>\n" },
		{ "[x](javascript%3Aalert(1))",
		    "<p><a href=\"javascript%3Aalert(1)\">x</a></p>\n" },
	};
	char *got, name[128];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = render(t[i].md, strlen(t[i].md), NULL, NULL);
		snprintf(name, sizeof(name), "unsafe URL: %s", t[i].name);
		is_str(got, t[i].want, name);
		snprintf(name, sizeof(name), "unsafe URL clean: %s", t[i].name);
		ok(got != NULL && html_is_clean(got) &&
		    find_nocase(got, "data:") == NULL &&
		    strstr(got, "<a") == NULL && strstr(got, "<img") == NULL &&
		    (strstr(t[i].md, "<javascript") != NULL ||
		     find_nocase(got, "javascript") == NULL), name);
		free(got);
	}
	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++) {
		snprintf(name, sizeof(name), "safe URL: %s", safe[i].md);
		is_html(safe[i].md, safe[i].want, name);
	}

	ok(!url_is_safe(NULL), "NULL is unsafe");
	ok(url_is_safe(""), "empty URL is relative");
	ok(!url_is_safe(" java\tscript:alert(1)"), "java<TAB>script:");
	ok(!url_is_safe("java\nscript:alert(1)"), "java<LF>script:");
	ok(!url_is_safe("\x01\x1fjavascript:x"), "control characters");
	ok(!url_is_safe("\x7fjavascript:x"), "DEL");
	ok(!url_is_safe("httpss:x"), "longer than an allowed scheme");
	ok(!url_is_safe("http\xc2\xa0s:x"), "non-ASCII in a scheme");
	ok(url_is_safe(" https://a.se"), "https with a leading space");
	ok(url_is_safe("a/b:c"), "colon after a slash");
	ok(url_is_safe("?q=a:b"), "colon in a query");
	ok(url_is_safe("https://user@a.example.se.:8080/p?q#f"),
	    "full https URL");
	ok(url_is_safe("http://1.2.3.4/"), "IPv4 host");
	ok(url_is_safe("http://[::1]:80/"), "IPv6 host");
	ok(url_is_safe("https://malm\xc3\xb6.se"), "IDN host");
	ok(!url_is_safe("https://../"), "empty labels");
	ok(!url_is_safe("https://"), "empty host");
	ok(!url_is_safe("http:a.se"), "http without //");
	ok(!url_is_safe("http://a b.se/"), "space in host");
	ok(!url_is_safe("http://a\\b.se/"), "backslash in host");
	ok(!url_is_safe("http://a.se:8o/"), "bad port");
	ok(!url_is_safe("http://999.1.1.1/"), "bad IPv4 host");
	ok(!url_is_safe("http://a.b.1/"), "host ending in a number");
	ok(!url_is_safe("http://[]/"), "empty IPv6 host");
	is_html("<https://../>\n", "<p>https://../</p>\n",
	    "autolink with a bad host is text");
}

static void
test_raw_html(void)
{
	is_html("<script>alert(1)</script>\n\npara\n", "<p>para</p>\n",
	    "script block dropped");
	is_html("a <b onclick=x>b</b> <script>c</script>\n",
	    "<p>a b c</p>\n", "inline HTML dropped");
	is_html("<!-- kommentar -->\n\n<div onclick=\"x\">\n\nd\n\n</div>\n",
	    "<p>d</p>\n", "comment and div dropped");
	is_html("<img src=x onerror=alert(1)>\n", "",
	    "img block dropped");
	is_html("# Rubrik <span>x</span>\n",
	    "<h2 id=\"rubrik-x\">Rubrik x</h2>\n", "inline HTML in a heading");
}

/*
 * URL callback for the tests: .md becomes .html, "drop" is dropped,
 * "evil" turns into javascript:, images get a folder.
 */
static char *
rewrite(const char *url, int image, cmark_node *node, void *arg)
{
	size_t len = strlen(url);
	int *calls = arg;

	(void)node;
	(*calls)++;
	if (strstr(url, "drop") != NULL)
		return NULL;
	if (strstr(url, "evil") != NULL)
		return xstrdup("javascript:alert(1)");
	if (image)
		return xasprintf("bilder/%s", url);
	if (len > 3 && strcmp(url + len - 3, ".md") == 0)
		return xasprintf("%.*s.html", (int)(len - 3), url);
	return xstrdup(url);
}

static void
test_url_callback(void)
{
	struct html_body_opts opts;
	int calls = 0;

	memset(&opts, 0, sizeof(opts));
	opts.url = rewrite;
	opts.arg = &calls;
	is_html_opts("[a](plan.md) [b](https://x.se/) [c](drop.md) "
	    "[d](javascript:x) [e](evil.md) ![f](karta.png) ![g](drop.png)\n",
	    &opts,
	    "<p><a href=\"plan.html\">a</a> <a href=\"https://x.se/\">b</a> c "
	    "d e <img src=\"bilder/karta.png\" alt=\"f\"> g</p>\n",
	    "url callback rewrites and drops");
	ok(calls == 6, "url callback not called for unsafe URLs");
}

static void
test_plain_text(void)
{
	static const char md[] =
	    "Hej *du* `kod`  \nrad\nny <b>x</b>![bild *alt*](b.png)[^1]\n\n"
	    "```\nblock\n```\n\n- lista\n\n[^1]: not\n";
	struct buf b = BUF_INIT;
	cmark_node *doc = md_parse(md, sizeof(md) - 1);

	md_plain_text(&b, cmark_node_first_child(doc));
	is_str(b.ptr, "Hej du kod rad ny xbild alt", "plain text of a paragraph");
	buf_reset(&b);
	md_plain_text(&b, doc);
	is_str(b.ptr, "Hej du kod rad ny xbild alt block lista not",
	    "plain text of a document");
	buf_free(&b);
	cmark_node_free(doc);
}

static void
test_ext_kind(void)
{
	static const char md[] = "| a |\n|---|\n| b |\n\n~x~ *y*\n";
	cmark_node *doc = md_parse(md, sizeof(md) - 1);
	cmark_node *table = cmark_node_first_child(doc);
	cmark_node *head = cmark_node_first_child(table);
	cmark_node *para = cmark_node_next(table);

	is_str(md_ext_kind(table), "table", "md_ext_kind table");
	is_str(md_ext_kind(head), "table_row", "md_ext_kind header row");
	is_str(md_ext_kind(cmark_node_next(head)), "table_row",
	    "md_ext_kind row");
	is_str(md_ext_kind(cmark_node_first_child(head)), "table_cell",
	    "md_ext_kind cell");
	is_str(md_ext_kind(cmark_node_first_child(para)), "strikethrough",
	    "md_ext_kind strikethrough");
	ok(md_ext_kind(para) == NULL && md_ext_kind(doc) == NULL &&
	    md_ext_kind(cmark_node_last_child(para)) == NULL,
	    "md_ext_kind core nodes");
	cmark_node_free(doc);
	doc = md_parse("", 0);
	ok(doc != NULL && cmark_node_first_child(doc) == NULL,
	    "md_parse empty text");
	cmark_node_free(doc);
}

static void
test_edge(void)
{
	struct buf out = BUF_INIT;
	char *got;

	ok(html_render_body(&out, NULL, NULL, NULL) == -1, "NULL root");
	got = render("\xff a\n", 4, NULL, NULL);
	is_str(got, "<p>\xef\xbf\xbd a</p>\n", "invalid UTF-8 replaced");
	free(got);
	got = render("", 0, NULL, NULL);
	is_str(got, "", "empty document");
	free(got);
	buf_free(&out);
}

static void
test_corpus(void)
{
	char *dir, **names, *md, *html, name[300];
	struct html_toc toc;
	size_t len;
	int n, i;

	if ((n = fx_corpus(&dir, &names)) < 0)
		return;
	ok(n > 0, "corpus has Markdown files");
	for (i = 0; i < n; i++) {
		md = fx_read(dir, names[i], &len);
		html = md != NULL ? render(md, len, NULL, &toc) : NULL;
		snprintf(name, sizeof(name), "corpus %s renders", names[i]);
		ok(html != NULL, name);
		snprintf(name, sizeof(name), "corpus %s is clean", names[i]);
		ok(html != NULL && html_is_clean(html), name);
		if (html != NULL)
			html_toc_free(&toc);
		free(html);
		free(md);
	}
	fx_names_free(names, n);
	free(dir);
}

static void
test_deep(void)
{
	struct buf md = BUF_INIT;
	char *html;
	int i, j;

	for (i = 0; i < 10000; i++)
		buf_putc(&md, '>');
	buf_puts(&md, " djup\n");
	html = render(md.ptr, md.len, NULL, NULL);
	ok(html != NULL && count(html, "<blockquote>") == 10000 &&
	    count(html, "</blockquote>") == 10000, "10,000 nested quotes");
	free(html);

	buf_reset(&md);
	for (i = 0; i < 2000; i++) {
		for (j = 0; j < i; j++)
			buf_puts(&md, "  ");
		buf_puts(&md, "- x\n");
	}
	html = render(md.ptr, md.len, NULL, NULL);
	ok(html != NULL && count(html, "<ul>") == 2000 &&
	    count(html, "</li>") == 2000, "2,000 nested list levels");
	free(html);

	buf_reset(&md);
	for (i = 0; i < 5000; i++)
		buf_puts(&md, "- ");
	buf_puts(&md, "x\n");
	html = render(md.ptr, md.len, NULL, NULL);
	ok(html != NULL && count(html, "<ul>") == 5000,
	    "5,000 nested lists on one line");
	free(html);

	buf_reset(&md);
	for (i = 0; i < 5000; i++)
		buf_puts(&md, "*a ");
	for (i = 0; i < 5000; i++)
		buf_puts(&md, " b*");
	buf_putc(&md, '\n');
	html = render(md.ptr, md.len, NULL, NULL);
	ok(html != NULL && count(html, "<em>") == 5000 &&
	    count(html, "</em>") == 5000, "5,000 nested emphasis");
	free(html);

	buf_reset(&md);
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "[^1] [x](javascript:y) ![](y) # ");
	buf_puts(&md, "\n\n[^1]: n\n");
	for (i = 0; i < 3000; i++)
		buf_puts(&md, "# Samma\n");
	html = render(md.ptr, md.len, NULL, NULL);
	ok(html != NULL && strstr(html, "id=\"samma-3000\"") != NULL &&
	    strstr(html, "id=\"fnref-1-3000\"") != NULL &&
	    strstr(html, "href=\"#fnref-1-3000\"") != NULL,
	    "3,000 references and duplicate headings");
	free(html);
	buf_free(&md);
}

int
main(void)
{
	test_inline();
	test_blocks();
	test_headings();
	test_toc();
	test_table();
	test_footnotes();
	test_unsafe();
	test_raw_html();
	test_url_callback();
	test_plain_text();
	test_ext_kind();
	test_edge();
	test_corpus();
	test_deep();
	return tap_done();
}
