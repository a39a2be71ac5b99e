/*
 * test_util.c - unit tests for the small pieces: paths, UTF-8, dates,
 * suggestions, sizes, front matter splitting and document parsing.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "meta.h"
#include "output.h"
#include "render.h"
#include "source.h"
#include "ydoc.h"

#include "tap.h"

static void
resolve(const char *rel, const char *ref, const char *want)
{
	char *got = path_resolve(rel, ref), name[256];

	snprintf(name, sizeof(name), "path_resolve(%s, %s)", rel, ref);
	if (want == NULL)
		ok(got == NULL, name);
	else
		is_str(got, want, name);
	free(got);
}

static void
test_paths(void)
{
	resolve("s/p/doc.md", "bilder/a.png", "s/p/bilder/a.png");
	resolve("s/p/doc.md", "./bilder//a.png", "s/p/bilder/a.png");
	resolve("s/p/f/doc.md", "../plan.md", "s/p/plan.md");
	resolve("s/p/doc.md", "../../pakt.yaml", "pakt.yaml");
	resolve("s/p/doc.md", "../../../etc/passwd", NULL);
	resolve("s/p/doc.md", "/etc/passwd", NULL);
	resolve("s/p/doc.md", "", NULL);
	resolve("doc.md", "..", NULL);

	ok(out_path_ok("a/b.html"), "out_path_ok: a plain path");
	ok(!out_path_ok("../a"), "out_path_ok: no ..");
	ok(!out_path_ok("a/../../b"), "out_path_ok: no .. inside");
	ok(!out_path_ok("/etc/x"), "out_path_ok: not absolute");
	ok(!out_path_ok("a//b"), "out_path_ok: no empty part");
	ok(!out_path_ok(""), "out_path_ok: not empty");
}

static void
test_utf8(void)
{
	unsigned line = 0, col = 0;
	unsigned char bad = 0;
	const char *good = "Malmö – trygg\nåäö 😀\n";
	const char *b1 = "ok\nR\xe4ksm\xf6rg\xe5s";
	const char *overlong = "a\xc0\xafz";
	const char *surrogate = "\xed\xa0\x80";

	ok(utf8_check(good, strlen(good), &line, &col, &bad) == 0,
	    "utf8_check accepts Swedish letters and emoji");
	ok(utf8_check(b1, strlen(b1), &line, &col, &bad) < 0 && line == 2 &&
	    col == 2 && bad == 0xe4, "utf8_check finds a Latin-1 byte at 2:2");
	ok(utf8_check(overlong, strlen(overlong), &line, &col, &bad) < 0 &&
	    col == 2, "utf8_check refuses an overlong form");
	ok(utf8_check(surrogate, 3, &line, &col, &bad) < 0,
	    "utf8_check refuses a surrogate");
	ok(utf8_check("a\0b", 3, &line, &col, &bad) < 0 && col == 2,
	    "utf8_check refuses NUL");
	ok(utf8_check("\xe2\x80", 2, &line, &col, &bad) < 0,
	    "utf8_check refuses a cut sequence");
}

static void
test_dates(void)
{
	ok(is_date("2023-07-05", 0), "is_date: a date");
	ok(is_date("2024-02-29", 0), "is_date: a leap day");
	ok(!is_date("2023-02-29", 0), "is_date: no leap day in 2023");
	ok(!is_date("2023-13-01", 0), "is_date: no month 13");
	ok(!is_date("2023-7-5", 0), "is_date: two digits each");
	ok(is_date("2023-09", 1), "is_date: a month");
	ok(!is_date("2023-09-01", 1), "is_date: a month is YYYY-MM");
}

static void
test_suggest(void)
{
	static const char *const keys[] = { "signatories", "title", "type",
	    "review-by", NULL };

	is_str(suggest_word("signatores", keys), "signatories",
	    "suggest: a missing letter");
	is_str(suggest_word("titel", keys), "title", "suggest: swapped letters");
	is_str(suggest_word("reviewby", keys), "review-by",
	    "suggest: a missing hyphen");
	ok(suggest_word("budget", keys) == NULL, "suggest: nothing close");
}

static void
test_sizes(void)
{
	char s[32];

	render_format_size(s, sizeof(s), 246800, 0);
	is_str(s, "246,8 kB", "size: Swedish kB with a comma");
	render_format_size(s, sizeof(s), 246800, 1);
	is_str(s, "246.8 kB", "size: English kB with a point");
	render_format_size(s, sizeof(s), 999, 0);
	is_str(s, "999 B", "size: bytes");
	render_format_size(s, sizeof(s), 1250000, 0);
	is_str(s, "1,3 MB", "size: MB rounded");
}

static void
test_frontmatter(void)
{
	struct diag d = DIAG_INIT;
	const char *fm, *body;
	size_t fmlen;
	unsigned line0;
	const char *t1 = "---\ntype: page\ntitle: X\n---\nBody\n";
	const char *t2 = "\xef\xbb\xbf---\r\ntitle: X\r\n---\r\nB";
	char *s;

	ok(frontmatter_split(t1, strlen(t1), "f", &fm, &fmlen, &body,
	    &line0, &d) == 0 && line0 == 4 && strcmp(body, "Body\n") == 0 &&
	    fmlen == strlen("type: page\ntitle: X\n"),
	    "front matter: split with the body on line 5");
	ok(frontmatter_split(t2, strlen(t2), "f", &fm, &fmlen, &body,
	    &line0, &d) == 0 && line0 == 3 && strcmp(body, "B") == 0,
	    "front matter: a BOM and CRLF lines are fine");
	ok(frontmatter_split("---\ntitle: X\n", 13, "f", &fm, &fmlen, &body,
	    &line0, &d) < 0 && d.errors == 1, "front matter: unclosed");
	s = diag_format(&d, 0);
	is_str(s, "f:1:1: error: front matter is not closed: end it with a "
	    "line '---' before the text", "front matter: the message");
	free(s);
	diag_free(&d);
}

static void
test_doc(void)
{
	struct diag d = DIAG_INIT;
	struct doc *doc;
	const char *src = "---\ntype: action-plan\ntitle: Plan\nactions:\n"
	    "  - id: a\n    title: A\n    focus: f\n    start: 2024-01\n"
	    "    end: 2023-12\n---\nText\n";
	char *s;

	doc = doc_parse("s/p/plan.md", "content/s/p/plan.md", xstrdup(src),
	    strlen(src), &d);
	ok(!doc->ok && d.errors == 1, "doc: an action that ends before it "
	    "starts is an error");
	s = d.n ? diag_format(&d, 0) : NULL;
	is_str(s, "content/s/p/plan.md:9:10: error: action 'a' ends "
	    "(2023-12) before it starts (2024-01)", "doc: its message");
	free(s);
	is_str(doc_id(doc), "plan", "doc: the id defaults to the file name");
	doc_free(doc);
	diag_free(&d);

	src = "---\ntype: memo\nid: beslut-1\ntitle: \"Beslut\"\n"
	    "contacts: Eva\ncopies: 2\n---\n## Rubrik\n";
	doc = doc_parse("s/p/m.md", "m.md", xstrdup(src), strlen(src), &d);
	ok(doc->ok && d.n == 0, "doc: a memo parses");
	is_str(doc_id(doc), "beslut-1", "doc: the id from front matter");
	ok(doc->meta.contacts.n == 1 && doc->meta.copies == 2,
	    "doc: one contact as text, copies as a number");
	ok(doc->body_line0 == 7, "doc: the body starts after line 7");
	ok(cmark_node_get_start_line(cmark_node_first_child(doc->root)) == 1,
	    "doc: Markdown lines count from the body");
	doc_free(doc);
	diag_free(&d);
}

int
main(void)
{
	test_paths();
	test_utf8();
	test_dates();
	test_suggest();
	test_sizes();
	test_frontmatter();
	test_doc();
	return tap_done();
}
