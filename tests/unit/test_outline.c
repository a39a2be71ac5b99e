/*
 * test_outline.c - unit tests for outline.c: the headings of a document.
 *
 * Levels after the shift, ids (Latin-1 letters, digits, footnote-like
 * and blank text, long text, duplicates), headings without text,
 * headings with inline markup, headings in the footnotes, lookup by
 * node, the outline a document is parsed with, agreement with the
 * headings the HTML page lists, and 10,000 headings and deep nesting in
 * bounded time under the sanitizers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "markdown.h"
#include "outline.h"

#include "fixture.h"
#include "tap.h"

/* Seconds since some fixed time, for the time limits. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Parse md into *root and return its outline with top; the caller
 * frees both.  Bails out when md does not parse.
 */
static struct outline *
parse(const char *md, int top, cmark_node **root)
{
	if ((*root = md_parse(md, strlen(md))) == NULL)
		fx_bail("cannot parse %s", md);
	return outline_new(*root, top);
}

/*
 * The outline of md with top as "level id|level id|...", in a new
 * string the caller frees.
 */
static char *
levels_ids(const char *md, int top)
{
	struct buf b = BUF_INIT;
	cmark_node *root;
	struct outline *o = parse(md, top, &root);
	size_t i;

	for (i = 0; i < o->n; i++)
		buf_printf(&b, "%s%d %s", i > 0 ? "|" : "", o->items[i].level,
		    o->items[i].id);
	if (b.ptr == NULL)
		buf_puts(&b, "");
	outline_free(o);
	cmark_node_free(root);
	return buf_detach(&b);
}

/* Check that the outline of md with top is want (see levels_ids()). */
static void
check(const char *md, int top, const char *want, const char *name)
{
	char *got = levels_ids(md, top);

	is_str(got, want, name);
	free(got);
}

static void
test_levels(void)
{
	check("# A\n### B\n## C\n# D\n##### E\n", 2,
	    "2 a|3 b|3 c|2 d|3 e", "no level more than one deeper");
	check("### A\n#### B\n## C\n", 2, "2 a|3 b|2 c",
	    "the shallowest heading written gets the top level");
	check("# a\n## b\n### c\n#### d\n##### e\n###### f\n", 2,
	    "2 a|3 b|4 c|5 d|6 e|6 f", "no deeper than 6");
	check("# A\n## B\n", 1, "1 a|2 b", "top level 1");
	check("# A\n## B\n", 7, "6 a|6 b", "top level above 6 is 6");
	check("# A\n## B\n", 0, "2 a|3 b", "top level below 1 is 2");
	check("A\n===\n\nB\n---\n", 2, "2 a|3 b", "setext headings");
	check("> # A\n>\n> - ## B\n\n### C\n", 2, "2 a|3 b|4 c",
	    "headings in quotes and lists");
}

static void
test_ids(void)
{
	check("# \xc3\x96verenskommelse & \xc3\x84ndring\n", 2,
	    "2 overenskommelse-andring", "Latin-1 letters lose their marks");
	check("# 2024 \xc3\xa5rs plan\n", 2, "2 h-2024-ars-plan",
	    "a digit first gets h-");
	check("# fn-1\n# fnref-2\n# fn-x\n", 2,
	    "2 h-fn-1|2 h-fnref-2|2 fn-x", "footnote-like ids get h-");
	check("# \xe2\x80\x94 \xc3\x97 \xe2\x80\x94\n", 2, "2 avsnitt",
	    "nothing left gives avsnitt");
	check("# Footnotes heading\n", 2, "2 footnotes-heading-2",
	    "the notes' heading keeps its id");
	check("# aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee "
	    "ffffffffff gggggggggg\n", 2,
	    "2 aaaaaaaaaa-bbbbbbbbbb-cccccccccc-dddddddddd-eeeeeeeeee",
	    "a long id is cut after a whole word");
}

static void
test_duplicates(void)
{
	check("# Inledning\n## Inledning\n# Inledning\n", 2,
	    "2 inledning|3 inledning-2|2 inledning-3", "duplicates numbered");
	check("# Inledning\n# Inledning\n# Inledning 2\n# Inledning\n", 2,
	    "2 inledning|2 inledning-2|2 inledning-2-2|2 inledning-3",
	    "a numbered id already taken is not reused");
	check("# A-2\n# A\n# A\n", 2, "2 a-2|2 a|2 a-3",
	    "a suffix taken by a heading is skipped");
}

static void
test_blank(void)
{
	cmark_node *root, *n;
	struct outline *o;
	cmark_iter *it;
	int heads = 0, found = 0;

	check("#\n# A\n#   \n## `  `\n### B\n", 2, "2 a|3 b",
	    "headings without text are left out and do not nest others");
	check("#\n", 2, "", "only a blank heading");
	check("", 2, "", "empty document");
	o = parse("# A\n#\n## `  `\n", 2, &root);
	it = cmark_iter_new(root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		heads++;
		if (outline_find(o, n) >= 0)
			found++;
	}
	cmark_iter_free(it);
	ok(heads == 3 && found == 1 && o->n == 1,
	    "blank headings are not found");
	outline_free(o);
	cmark_node_free(root);
}

static void
test_markup(void)
{
	cmark_node *root;
	struct outline *o = parse("## *Betonad* rubrik med `kod` och "
	    "[l\xc3\xa4nk](#x) ![bild](b.png)[^1] <b>html</b>\n\n"
	    "[^1]: not\n", 2, &root);

	ok(o->n == 1, "one heading with markup");
	if (o->n == 1) {
		is_str(o->items[0].text, "Betonad rubrik med kod och "
		    "l\xc3\xa4nk bild html", "its plain text");
		is_str(o->items[0].id, "betonad-rubrik-med-kod-och-lank-bild-"
		    "html", "its id");
	}
	outline_free(o);
	cmark_node_free(root);
}

static void
test_footnotes(void)
{
	check("# A\n### B\n\nText[^1][^2].\n\n[^1]: # N\n\n    ## M\n\n"
	    "[^2]: #### O\n\n# Z\n", 2,
	    "2 a|3 b|2 z|3 n|4 m|5 o",
	    "headings in the notes come under the notes' heading");
}

static void
test_find(void)
{
	cmark_node *root, *other, *n;
	struct outline *o = parse("# A\n\npara\n\n## B\n\n# A\n", 2, &root);
	struct outline *o2 = parse("# A\n", 2, &other);
	cmark_iter *it;
	size_t k = 0;
	long i;
	int good = 1;

	it = cmark_iter_new(root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		i = outline_find(o, n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			if (i != (long)k || o->items[k].node != n)
				good = 0;
			k++;
		} else if (i != -1)
			good = 0;
	}
	cmark_iter_free(it);
	ok(good && k == 3, "each heading found at its index, nothing else");
	ok(outline_find(o, cmark_node_first_child(other)) == -1,
	    "a heading of another tree is not found");
	ok(outline_find(NULL, cmark_node_first_child(root)) == -1,
	    "nothing in no outline");
	ok(outline_find(o, NULL) == -1, "no node");
	ok(outline_new(NULL, 2) == NULL, "no tree, no outline");
	outline_free(NULL);
	outline_free(o);
	outline_free(o2);
	cmark_node_free(root);
	cmark_node_free(other);
}

/* The document's outline and the headings of its HTML page agree. */
static void
test_doc(void)
{
	static const char md[] = "# Inledning\n\n### Syfte\n\n#\n\n"
	    "# Inledning\n\nText[^1].\n\n[^1]: ## Not\n";
	struct diag d = DIAG_INIT;
	struct doc *doc = fx_page(md, sizeof(md) - 1, &d);
	struct html_body_opts opts;
	struct html_toc toc;
	struct buf out = BUF_INIT;
	size_t i;
	int same;

	ok(doc->ok && doc->outline != NULL && doc->outline->n == 4,
	    "a document is parsed with its outline");
	memset(&opts, 0, sizeof(opts));
	opts.top_level = OUTLINE_TOP;
	html_render_body(&out, doc->root, &opts, &toc);
	same = doc->outline != NULL && toc.n == doc->outline->n;
	for (i = 0; same && i < toc.n; i++)
		same = toc.items[i].level == doc->outline->items[i].level &&
		    strcmp(toc.items[i].id, doc->outline->items[i].id) == 0 &&
		    strcmp(toc.items[i].text,
		    doc->outline->items[i].text) == 0;
	ok(same, "the page lists the outline's headings");
	ok(strstr(out.ptr, "<h3 id=\"not\">Not</h3>") != NULL,
	    "the page writes a note's heading as the outline says");
	opts.outline = doc->outline;
	buf_reset(&out);
	html_toc_free(&toc);
	html_render_body(&out, doc->root, &opts, &toc);
	ok(toc.n == 4 && strstr(out.ptr, "<h2 id=\"inledning-2\">") != NULL,
	    "the page takes the document's outline");
	html_toc_free(&toc);
	buf_free(&out);
	doc_free(doc);
	diag_free(&d);
}

static void
test_many(void)
{
	struct buf md = BUF_INIT;
	cmark_node *root, *n;
	struct outline *o;
	double t0;
	long i;
	int good = 1;

	for (i = 0; i < 10000; i++)
		buf_puts(&md, i % 2 ? "## Samma\n" : "# Samma\n");
	t0 = now();
	o = parse(md.ptr, 2, &root);
	for (n = cmark_node_first_child(root), i = 0; n != NULL;
	    n = cmark_node_next(n), i++)
		if (outline_find(o, n) != i)
			good = 0;
	ok(now() - t0 < 5.0, "10,000 headings in less than 5 seconds");
	ok(o->n == 10000 && good, "10,000 headings found by node");
	is_str(o->n == 10000 ? o->items[9999].id : NULL, "samma-10000",
	    "the last of 10,000 duplicates");
	ok(o->n == 10000 && o->items[9999].level == 3, "its level");
	outline_free(o);
	cmark_node_free(root);
	buf_free(&md);
}

static void
test_deep(void)
{
	struct buf md = BUF_INIT;
	cmark_node *root;
	struct outline *o;
	double t0;
	int i, j;

	for (i = 0; i < 10000; i++)
		buf_putc(&md, '>');
	buf_puts(&md, " # Djup\n");
	t0 = now();
	o = parse(md.ptr, 2, &root);
	ok(o->n == 1 && strcmp(o->items[0].id, "djup") == 0 &&
	    o->items[0].level == 2, "a heading in 10,000 nested quotes");
	outline_free(o);
	cmark_node_free(root);

	buf_reset(&md);
	for (i = 0; i < 2000; i++) {
		for (j = 0; j < i; j++)
			buf_puts(&md, "  ");
		buf_puts(&md, i % 2 ? "- x\n" : "- # Djup\n");
	}
	o = parse(md.ptr, 2, &root);
	ok(o->n == 1000 && strcmp(o->items[999].id, "djup-1000") == 0,
	    "headings in 2,000 nested list levels");
	ok(now() - t0 < 5.0, "deep nesting in less than 5 seconds");
	outline_free(o);
	cmark_node_free(root);
	buf_free(&md);
}

int
main(void)
{
	test_levels();
	test_ids();
	test_duplicates();
	test_blank();
	test_markup();
	test_footnotes();
	test_find();
	test_doc();
	test_many();
	test_deep();
	return tap_done();
}
