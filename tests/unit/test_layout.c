/*
 * test_layout.c - unit tests for the layout engine: line breaking,
 * hyphenation, alignment, decorations, pagination, tables.
 *
 * The measure is fake so positions can be computed by hand: at 1 pt a
 * character is 0.5 wide (0.6 in font 1) and a space 0.25.  Text is 10 pt
 * with leading 1.2, so a line is 12 pt high and its baseline 9 pt below
 * its top (ascent 0.8); the text area is 200 by 300 points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "layout.h"

#include "tap.h"

#define SV_DICT	"/usr/share/hyphen/hyph_sv_SE.dic"

static long ncalls;

/* The fake measure; counts its calls. */
static double
measure(void *arg, int font, const char *s, size_t len)
{
	double w = 0;
	size_t i;

	(void)arg;
	ncalls++;
	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		w += s[i] == ' ' ? 0.25 : font == 1 ? 0.6 : 0.5;
	}
	return w;
}

/* The test configuration: 200 x 300, no hyphenation. */
static struct lay_config
config(void)
{
	struct lay_config c;

	memset(&c, 0, sizeof(c));
	c.width = 200;
	c.height = 300;
	c.measure = measure;
	c.ascent = 0.8;
	return c;
}

static int
near(double a, double b)
{
	return a - b < 0.01 && b - a < 0.01;
}

/* Append a paragraph of one 10 pt run of text in font 0; returns it. */
static struct lay_block *
para(struct lay_doc *d, const char *text)
{
	struct lay_block *b = lay_add(d, LAY_PARA);

	lay_text(&b->para, text, strlen(text), 0, 10, 0);
	return b;
}

/* Append n one-line paragraphs "f". */
static void
filler(struct lay_doc *d, int n)
{
	while (n-- > 0)
		para(d, "f");
}

/* Append a paragraph of n lines "l0" .. made with hard breaks. */
static struct lay_block *
lines(struct lay_doc *d, const char *prefix, int n)
{
	struct lay_block *b = lay_add(d, LAY_PARA);
	struct lay_run *r;
	char s[64];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%s%d", prefix, i);
		r = lay_text(&b->para, s, strlen(s), 0, 10, 0);
		if (i + 1 < n)
			r->flags |= LAY_BREAK;
	}
	return b;
}

/*
 * Return whether every item of r lies inside the text area on its page
 * (text: 0 <= x, x + w <= width, the top of the glyphs not above the
 * page, the baseline not below it); says which one does not.
 */
static int
inside(const struct lay_result *r, const struct lay_config *c)
{
	const struct lay_item *it;
	size_t i;
	int bad;

	for (i = 0; i < r->nitems; i++) {
		it = &r->items[i];
		bad = it->x < -0.01 || it->x + it->w > c->width + 0.01 ||
		    it->page < 0 || it->page >= r->npages;
		if (it->kind == LAY_ITEM_TEXT)
			bad |= it->y - c->ascent * it->size < -0.01 ||
			    it->y > c->height + 0.01 || it->w < 0;
		else
			bad |= it->y < -0.01 || it->y + it->h >
			    c->height + 0.01;
		if (bad) {
			printf("# item %zu '%s' page %d x %g y %g w %g h %g\n",
			    i, it->text ? it->text : "", it->page, it->x,
			    it->y, it->w, it->h);
			return 0;
		}
	}
	return 1;
}

/* Return the first text item of r with text s, or NULL. */
static const struct lay_item *
find(const struct lay_result *r, const char *s)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (r->items[i].kind == LAY_ITEM_TEXT &&
		    strcmp(r->items[i].text, s) == 0)
			return &r->items[i];
	return NULL;
}

/* Return the number of text items of r. */
static size_t
ntext(const struct lay_result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nitems; i++)
		n += r->items[i].kind == LAY_ITEM_TEXT;
	return n;
}

/*
 * Return the text of the content text items of r joined (the caller
 * frees it); unhyph: drop a '-' that ends an item.
 */
static char *
join(const struct lay_result *r, int unhyph)
{
	struct buf b = BUF_INIT;
	const struct lay_item *it;
	size_t i, len;

	buf_puts(&b, "");
	for (i = 0; i < r->nitems; i++) {
		it = &r->items[i];
		if (it->kind != LAY_ITEM_TEXT || it->artifact || it->label)
			continue;
		len = it->len;
		if (unhyph && len > 0 && it->text[len - 1] == '-')
			len--;
		buf_put(&b, it->text, len);
	}
	return buf_detach(&b);
}

/* Lay out d with c into r; returns lay_typeset()'s answer. */
static int
run(struct lay_doc *d, const struct lay_config *c, struct lay_result *r)
{
	memset(r, 0, sizeof(*r));
	return lay_typeset(d, c, r);
}

static void
test_simple(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const struct lay_item *it;

	lay_doc_init(&d);
	para(&d, "aaaa bbbb cccc");
	b = para(&d, "aaaa bbbb cccc");
	b->para.right = 150;
	ok(run(&d, &c, &r) == 0, "simple: typesets");
	ok(r.nitems == 3 && r.npages == 1, "simple: three items, one page");
	it = &r.items[0];
	is_str(it->text, "aaaa bbbb cccc", "simple: one item per line");
	ok(near(it->x, 0) && near(it->y, 9) && near(it->w, 65),
	    "simple: x 0, baseline 9, width 65");
	ok(it->size == 10 && it->font == 0 && it->elem == -1,
	    "simple: style copied");
	is_str(r.items[1].text, "aaaa bbbb", "simple: narrow line 1");
	is_str(r.items[2].text, "cccc", "simple: narrow line 2");
	ok(near(r.items[1].y, 12 + 9) && near(r.items[2].y, 24 + 9),
	    "simple: baselines 12 apart");
	ok(inside(&r, &c), "simple: inside");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_spaces(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;

	lay_doc_init(&d);
	b = lay_add(&d, LAY_PARA);
	lay_text(&b->para, "  hello \t\n ", 11, 0, 10, 0);
	lay_text(&b->para, "  world  ", 9, 0, 10, 0);
	b = lay_add(&d, LAY_PARA);
	lay_text(&b->para, "hello ", 6, 0, 10, 0);
	lay_text(&b->para, "world", 5, 1, 10, 0);
	run(&d, &c, &r);
	ok(r.nitems == 3, "spaces: same style runs share an item");
	is_str(r.items[0].text, "hello world", "spaces: collapsed");
	is_str(r.items[1].text, "hello ", "spaces: space kept in item");
	is_str(r.items[2].text, "world", "spaces: font change, new item");
	ok(near(r.items[2].x, 27.5) && r.items[2].font == 1,
	    "spaces: second item after the first");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_long_words(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct buf url = BUF_INIT;
	char *word, *got;
	long calls;
	size_t i;
	int hy = 0;

	word = xmalloc(10001);
	memset(word, 'x', 10000);
	word[10000] = '\0';
	lay_doc_init(&d);
	para(&d, word);
	ncalls = 0;
	run(&d, &c, &r);
	calls = ncalls;
	ok(inside(&r, &c), "long word: nothing past the margin");
	ok(r.nitems == 250 && r.npages == 10,
	    "long word: 40 characters a line, 25 lines a page");
	got = join(&r, 0);
	is_str(got, word, "long word: pieces join to the word");
	free(got);
	ok(calls < 12000, "long word: measured about once a character");
	lay_result_free(&r);
	lay_doc_free(&d);

	buf_puts(&url, "see https://example.com/");
	for (i = 0; i < 30; i++)
		buf_puts(&url, "segment/");
	buf_puts(&url, "end.html?a=1&b=2");
	lay_doc_init(&d);
	para(&d, url.ptr);
	run(&d, &c, &r);
	ok(inside(&r, &c), "url: nothing past the margin");
	got = join(&r, 0);
	is_str(got, url.ptr, "url: pieces join, no hyphen added");
	free(got);
	for (i = 0; i + 1 < r.nitems; i++)
		hy += r.items[i].text[r.items[i].len - 1] == '/';
	ok(r.nitems > 2 && hy == (int)r.nitems - 1,
	    "url: lines end after a slash");
	lay_result_free(&r);
	lay_doc_free(&d);
	buf_free(&url);
	free(word);
}

static void
test_hyphen(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const char *w = "Samverkans\xc3\xb6verenskommelsen";
	char *got;
	size_t i;
	int hy = 1;

	c.hyphen_dict = "/nonexistent/hyph.dic";
	lay_doc_init(&d);
	ok(run(&d, &c, &r) == -1 && r.nitems == 0,
	    "hyphen: a dictionary that does not load fails");
	lay_doc_free(&d);
	if (access(SV_DICT, R_OK) != 0) {
		ok(0, "hyphen: the Swedish dictionary is at hand");
		printf("#   " SV_DICT " is missing (Debian package hyphen-sv): "
		    "run make check-deps\n");
		return;
	}
	c.hyphen_dict = SV_DICT;
	lay_doc_init(&d);
	b = para(&d, w);
	b->para.hyphenate = 1;
	b->para.right = 140;
	b = para(&d, "ett samverkans\xc3\xb6verenskommelsen");
	b->para.hyphenate = 1;
	b->para.right = 140;
	ok(run(&d, &c, &r) == 0, "hyphen: the Swedish dictionary loads");
	ok(r.nitems == 6, "hyphen: three lines each");
	is_str(r.items[0].text, "Samverkans-", "hyphen: sam-ver-kans-");
	is_str(r.items[1].text, "\xc3\xb6verenskom-", "hyphen: över-ens-kom-");
	is_str(r.items[2].text, "melsen", "hyphen: mel-sen");
	for (i = 0; i < 2; i++)
		hy &= r.items[i].text[r.items[i].len - 1] == '-';
	ok(hy, "hyphen: broken lines end with '-'");
	got = join(&r, 1);
	is_str(got, "Samverkans\xc3\xb6verenskommelsenett "
	    "samverkans\xc3\xb6verenskommelsen",
	    "hyphen: pieces join to the words");
	free(got);
	is_str(r.items[3].text, "ett samver-",
	    "hyphen: the rest of a line is used");
	ok(inside(&r, &c), "hyphen: inside");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* Without hyphenate, only character breaks, no '-'. */
	lay_doc_init(&d);
	b = para(&d, w);
	b->para.right = 140;
	run(&d, &c, &r);
	is_str(r.items[0].text, "Samverkans\xc3\xb6v", "hyphen: off");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_align(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	struct buf t = BUF_INIT;
	size_t i, n1 = 0;
	double end1 = 0, end3 = 0;
	int i1 = 1;

	for (i = 0; i < 30; i++)
		buf_puts(&t, i ? " aaa" : "aaa");
	lay_doc_init(&d);
	b = para(&d, t.ptr);
	b->para.align = LAY_JUSTIFY;
	run(&d, &c, &r);
	for (i = 0; i < r.nitems; i++) {
		if (near(r.items[i].y, 9)) {
			n1++;
			end1 = r.items[i].x + r.items[i].w;
			if (i + 1 < 11)
				i1 &= r.items[i].text[3] == ' ';
		}
		if (near(r.items[i].y, 24 + 9))
			end3 = r.items[i].x + r.items[i].w;
	}
	ok(n1 == 11 && i1, "justify: one item per word with its space");
	ok(near(end1, 200), "justify: a full line fills the width");
	ok(near(end3, 8 * 15 + 7 * 2.5), "justify: the last line does not");
	ok(inside(&r, &c), "justify: inside");
	lay_result_free(&r);
	lay_doc_free(&d);
	buf_free(&t);

	/* A style change next to a space makes no item of just a space. */
	lay_doc_init(&d);
	b = lay_add(&d, LAY_PARA);
	b->para.align = LAY_JUSTIFY;
	for (i = 0; i < 20; i++) {
		lay_text(&b->para, "aaa ", 4, 0, 10, 0);
		lay_text(&b->para, "bbb", 3, 1, 10, 0);
		lay_text(&b->para, " ", 1, 0, 10, 0);
	}
	run(&d, &c, &r);
	for (i = 0, n1 = 0; i < r.nitems; i++)
		n1 += strcmp(r.items[i].text, " ") == 0;
	ok(n1 == 0 && r.nitems == 40 && inside(&r, &c),
	    "justify: spaces stay with words across styles");
	end1 = 0;
	for (i = 0; i < r.nitems; i++)
		if (near(r.items[i].y, 9))
			end1 = r.items[i].x + r.items[i].w;
	ok(near(end1, 200), "justify: mixed styles fill the line");
	lay_result_free(&r);
	lay_doc_free(&d);

	lay_doc_init(&d);
	b = para(&d, "abc");
	b->para.align = LAY_CENTER;
	b = para(&d, "abc");
	b->para.align = LAY_RIGHT;
	b = lay_add(&d, LAY_PARA);
	b->para.align = LAY_JUSTIFY;
	lay_text(&b->para, "aa bb", 5, 0, 10, 0)->flags |= LAY_BREAK;
	lay_text(&b->para, "cc dd", 5, 0, 10, 0);
	run(&d, &c, &r);
	ok(near(r.items[0].x, 92.5), "center");
	ok(near(r.items[1].x, 185), "right");
	ok(r.nitems == 4 && near(r.items[2].x + r.items[2].w, 22.5) &&
	    near(r.items[3].y, 36 + 9),
	    "hard break: line not stretched, next line below");
	is_str(r.items[2].text, "aa bb", "hard break: the break is no text");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_pre(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	struct buf t = BUF_INIT;
	size_t i;
	char *got;

	buf_puts(&t, "  int x;\n\tz\n\n");
	for (i = 0; i < 100; i++)
		buf_putc(&t, 'y');
	lay_doc_init(&d);
	b = para(&d, t.ptr);
	b->para.pre = 1;
	b->para.fill = 0xeeeeee;
	run(&d, &c, &r);
	ok(inside(&r, &c), "pre: inside");
	ok(find(&r, "  int x;") != NULL, "pre: spaces kept");
	ok(find(&r, "        z") != NULL, "pre: tab to the next stop");
	ok(ntext(&r) == 5, "pre: long line broken in three");
	got = join(&r, 0);
	ok(strlen(got) == 8 + 9 + 100, "pre: nothing lost");
	free(got);
	ok(r.nitems == 11 && r.items[4].kind == LAY_ITEM_RECT &&
	    near(r.items[4].y, 24) && r.items[5].kind == LAY_ITEM_RECT,
	    "pre: the empty line is there, filled");
	lay_result_free(&r);
	lay_doc_free(&d);
	buf_free(&t);
}

static void
test_flush_right(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const struct lay_item *it, *h;
	const char *full = "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa";

	lay_doc_init(&d);
	b = para(&d, "Intro");
	lay_text(&b->para, "12", 2, 0, 10, 0)->flags |= LAY_FLUSH_RIGHT |
	    LAY_PAGEREF;
	b->para.pre = 0;
	b = para(&d, full);
	lay_text(&b->para, " 34", 3, 0, 10, 0)->flags |= LAY_FLUSH_RIGHT;
	run(&d, &c, &r);
	h = find(&r, "Intro");
	it = find(&r, "12");
	ok(h != NULL && it != NULL && near(it->x, 190) && near(it->y, h->y),
	    "flush right: at the right end of the line");
	ok(it != NULL && (it->flags & LAY_PAGEREF) && near(h->x, 0),
	    "flush right: flags copied, text stays left");
	it = find(&r, "34");
	h = find(&r, full);
	ok(h != NULL && it != NULL && near(it->x, 190) &&
	    near(it->y, h->y + 12),
	    "flush right: on a new line when it does not fit");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_label_deco(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const struct lay_item *it;

	lay_doc_init(&d);
	b = para(&d, "item");
	b->para.indent = 20;
	b->para.has_label = 1;
	b->para.label.text = xstrdup("1.");
	b->para.label.len = 2;
	b->para.label.size = 10;
	b->para.label.elem = 7;
	b->para.label_x = -15;
	run(&d, &c, &r);
	it = &r.items[0];
	ok(r.nitems == 2 && it->label && it->elem == 7 && near(it->x, 5) &&
	    near(it->y, r.items[1].y), "label: hangs left of the indent");
	ok(near(r.items[1].x, 20) && !r.items[1].label,
	    "label: text at the indent");
	lay_result_free(&r);
	lay_doc_free(&d);

	lay_doc_init(&d);
	b = lay_add(&d, LAY_PARA);
	b->para.has_label = 1;
	b->para.label.text = xstrdup("-");
	b->para.label.len = 1;
	b->para.label.size = 10;
	para(&d, "next");
	run(&d, &c, &r);
	ok(r.nitems == 2 && r.items[0].label && near(r.items[0].y, 9) &&
	    near(r.items[1].y, 12 + 9), "label: an empty item has its line");
	lay_result_free(&r);
	lay_doc_free(&d);

	lay_doc_init(&d);
	b = lines(&d, "q", 2);
	b->para.indent = 10;
	b->para.fill = 0xeeeeee;
	b->para.bar = 0x888888;
	b->para.bar_x = 2;
	b = lay_add(&d, LAY_PARA);
	lay_text(&b->para, "link", 4, 0, 10, 0xff)->flags |= LAY_UNDERLINE;
	lay_text(&b->para, " gone", 5, 0, 10, 0)->flags |= LAY_STRIKE;
	b = lay_add(&d, LAY_RULE);
	b->indent = 10;
	b->height = 1;
	run(&d, &c, &r);
	ok(r.nitems == 11, "deco: items");
	ok(r.items[0].kind == LAY_ITEM_RECT && r.items[0].artifact &&
	    near(r.items[0].x, 10) && near(r.items[0].w, 190) &&
	    near(r.items[0].h, 12) && r.items[0].color == 0xeeeeee,
	    "fill: a rectangle behind the line, first");
	ok(r.items[1].kind == LAY_ITEM_RECT && near(r.items[1].x, 2) &&
	    r.items[1].color == 0x888888 && r.items[1].artifact,
	    "bar: a thin rectangle at bar_x");
	ok(r.items[3].kind == LAY_ITEM_RECT && near(r.items[3].y, 12) &&
	    r.items[5].kind == LAY_ITEM_TEXT, "fill: on every line");
	it = &r.items[7];
	ok(it->kind == LAY_ITEM_LINE && it->artifact && near(it->x, 0) &&
	    near(it->w, 20) && it->y > r.items[6].y && it->color == 0xff,
	    "underline: a line under the text");
	it = &r.items[9];
	ok(it->kind == LAY_ITEM_LINE && it->y < r.items[8].y &&
	    near(it->x, 22.5) && near(it->w, 20),
	    "strike: a line through the text, not its space");
	it = &r.items[10];
	ok(it->kind == LAY_ITEM_LINE && it->artifact && near(it->x, 10) &&
	    near(it->w, 190) && it->size == 1, "rule: across from indent");
	ok(inside(&r, &c), "deco: inside");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_nested(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	size_t i;
	int ok1 = 1;

	lay_doc_init(&d);
	b = para(&d, "deep words in a list nested fifty levels down, "
	    "still readable");
	b->para.indent = 50 * 20;
	b->para.right = 5;
	b->para.has_label = 1;
	b->para.label.text = xstrdup("\xe2\x80\xa2");
	b->para.label.len = 3;
	b->para.label.size = 10;
	b->para.label_x = -15;
	run(&d, &c, &r);
	ok(inside(&r, &c), "nested: inside");
	for (i = 0; i < r.nitems; i++)
		if (!r.items[i].label)
			ok1 &= r.items[i].x >= 145 - 0.01 && r.items[i].w > 0;
	ok(ok1 && r.items[0].label, "nested: a quarter of the width left");
	lay_result_free(&r);
	lay_doc_free(&d);
}

/* Return the page of the first item with text s, or -1. */
static int
page_of(const struct lay_result *r, const char *s)
{
	const struct lay_item *it = find(r, s);

	return it != NULL ? it->page : -1;
}

static void
test_pages(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const struct lay_item *it;
	int i, k, n, p1 = 1;

	/* 24 lines fill 288 pt: one more line of 4 would be an orphan. */
	lay_doc_init(&d);
	filler(&d, 24);
	lines(&d, "o", 4);
	run(&d, &c, &r);
	ok(page_of(&r, "o0") == 1 && page_of(&r, "o1") == 1,
	    "orphan: the paragraph starts on the next page");
	ok(inside(&r, &c), "orphan: inside");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* 22 lines: three of 4 would fit, the fourth would be a widow. */
	lay_doc_init(&d);
	filler(&d, 22);
	lines(&d, "w", 4);
	run(&d, &c, &r);
	ok(page_of(&r, "w1") == 0 && page_of(&r, "w2") == 1 &&
	    page_of(&r, "w3") == 1, "widow: two lines go over");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A three-line paragraph moves as a whole. */
	lay_doc_init(&d);
	filler(&d, 23);
	lines(&d, "t", 3);
	run(&d, &c, &r);
	ok(page_of(&r, "t0") == 1 && page_of(&r, "t2") == 1,
	    "widow: a 3-line paragraph moves whole");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A heading that would end page 0 goes with its text. */
	lay_doc_init(&d);
	filler(&d, 24);
	para(&d, "Heading")->keep_next = 1;
	lines(&d, "h", 3);
	run(&d, &c, &r);
	ok(page_of(&r, "Heading") == 1 && page_of(&r, "h0") == 1,
	    "keep_next: the heading is not last on a page");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A chain taller than a page is broken inside. */
	lay_doc_init(&d);
	para(&d, "first");
	for (i = 0; i < 30; i++)
		para(&d, "k")->keep_next = 1;
	para(&d, "last");
	run(&d, &c, &r);
	ok(r.npages == 2 && page_of(&r, "first") == 0 && inside(&r, &c),
	    "keep_next: a chain taller than a page breaks");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A keep group that fits a page moves to the next. */
	lay_doc_init(&d);
	filler(&d, 20);
	lay_add(&d, LAY_KEEP_BEGIN);
	for (i = 0; i < 6; i++)
		para(&d, i == 0 ? "g0" : i == 5 ? "g5" : "g");
	lay_add(&d, LAY_KEEP_END);
	lay_add(&d, LAY_KEEP_BEGIN);
	for (i = 0; i < 30; i++)
		para(&d, i == 0 ? "G0" : "G");
	lay_add(&d, LAY_KEEP_END);
	run(&d, &c, &r);
	ok(page_of(&r, "g0") == 1 && page_of(&r, "g5") == 1,
	    "keep group: moves whole to the next page");
	ok(page_of(&r, "G0") == 1 && r.npages == 3,
	    "keep group: taller than a page fills pages");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* Page breaks: none at the start, no empty page. */
	lay_doc_init(&d);
	lay_add(&d, LAY_PAGEBREAK);
	para(&d, "A");
	lay_add(&d, LAY_PAGEBREAK);
	lay_add(&d, LAY_PAGEBREAK);
	b = para(&d, "B");
	b->space_before = 30;
	lay_add(&d, LAY_PAGEBREAK);
	run(&d, &c, &r);
	it = find(&r, "B");
	ok(r.npages == 2 && page_of(&r, "A") == 0 && it != NULL &&
	    it->page == 1, "pagebreak: two pages, no empty one");
	ok(it != NULL && near(it->y, 9), "pagebreak: space dropped at the top");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* Empty document. */
	lay_doc_init(&d);
	ok(run(&d, &c, &r) == 0 && r.npages == 1 && r.nitems == 0,
	    "empty: one page, no items");
	lay_result_free(&r);
	lay_doc_free(&d);

	/*
	 * 100 paragraphs of 7 lines: every other page would end with one
	 * line of a paragraph, so it ends a line early.
	 */
	lay_doc_init(&d);
	for (i = 0; i < 100; i++)
		lines(&d, "x", 7);
	run(&d, &c, &r);
	for (i = 0; i + 1 < (int)r.nitems; i++)
		if (r.items[i + 1].page == r.items[i].page)
			p1 &= r.items[i + 1].y > r.items[i].y;
	ok(r.npages == 29 && p1 && inside(&r, &c),
	    "pages: 700 lines on 29 pages, in order");
	for (i = 0, p1 = 1; i < (int)r.nitems; i += 7) {
		n = 1;
		for (k = 1; k < 7; k++) {
			if (r.items[i + k].page == r.items[i + k - 1].page) {
				n++;
				continue;
			}
			p1 &= n >= 2;
			n = 1;
		}
		p1 &= n >= 2;
	}
	ok(p1, "pages: never one line of a paragraph alone on a page");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_anchors(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	const struct lay_anchor *a;

	lay_doc_init(&d);
	lay_add(&d, LAY_SPACE)->height = 20;
	lay_add(&d, LAY_ANCHOR)->anchor = 5;
	para(&d, "a");
	lay_add(&d, LAY_ANCHOR)->anchor = 6;
	para(&d, "b")->space_before = 10;
	lay_add(&d, LAY_PAGEBREAK);
	lay_add(&d, LAY_ANCHOR)->anchor = 7;
	para(&d, "c")->space_before = 10;
	lay_add(&d, LAY_ANCHOR)->anchor = 8;
	run(&d, &c, &r);
	a = lay_anchor_find(&r, 5);
	ok(a != NULL && a->page == 0 && near(a->y, 0),
	    "anchor: space at the top is dropped");
	a = lay_anchor_find(&r, 6);
	ok(a != NULL && a->page == 0 && near(a->y, 22),
	    "anchor: where the block starts, after its space");
	a = lay_anchor_find(&r, 7);
	ok(a != NULL && a->page == 1 && near(a->y, 0),
	    "anchor: after a page break");
	a = lay_anchor_find(&r, 8);
	ok(a != NULL && a->page == 1 && near(a->y, 12),
	    "anchor: at the end of the document");
	ok(lay_anchor_find(&r, 99) == NULL, "anchor: unknown is NULL");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_images(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	const struct lay_item *it;

	lay_doc_init(&d);
	b = lay_add(&d, LAY_IMAGE);
	b->width = 400;
	b->height = 200;
	b->image = 3;
	b->elem = 9;
	b = lay_add(&d, LAY_IMAGE);
	b->width = 50;
	b->height = 50;
	b = lay_add(&d, LAY_IMAGE);
	b->width = 100;
	b->height = 1000;
	filler(&d, 20);
	b = lay_add(&d, LAY_IMAGE);
	b->width = 200;
	b->height = 100;
	run(&d, &c, &r);
	it = &r.items[0];
	ok(it->kind == LAY_ITEM_IMAGE && near(it->w, 200) &&
	    near(it->h, 100) && it->image == 3 && it->elem == 9,
	    "image: scaled to the width, numbers copied");
	it = &r.items[1];
	ok(near(it->w, 50) && near(it->h, 50) && near(it->y, 100),
	    "image: never scaled up");
	it = &r.items[2];
	ok(it->page == 1 && near(it->h, 300) && near(it->w, 30),
	    "image: scaled to the page, on a page of its own");
	it = &r.items[r.nitems - 1];
	ok(it->kind == LAY_ITEM_IMAGE && it->page == 3 && near(it->y, 0),
	    "image: moves to the next page when it does not fit");
	ok(inside(&r, &c), "image: inside");
	lay_result_free(&r);
	lay_doc_free(&d);
}

/* Set cell (r, c) of t to text. */
static void
cell(struct lay_table *t, size_t r, size_t c, const char *text)
{
	struct lay_cell *cl = lay_cell(t, r, c);

	lay_text(&cl->para, text, strlen(text), 0, 10, 0);
}

/*
 * Set x to the column edges of the first row of r's table (its vertical
 * grid lines, emitted left to right); returns how many there are.
 */
static size_t
edges(const struct lay_result *r, double *x, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < r->nitems && n < max; i++)
		if (r->items[i].kind == LAY_ITEM_LINE && r->items[i].w == 0)
			x[n++] = r->items[i].x;
		else if (n > 0)
			break;
	return n;
}

static void
test_tables(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_table *t;
	const struct lay_item *it;
	double x[8];
	char s[32], *w;
	size_t i, n, heads = 0, next = 0;
	int inorder = 1, art = 1, col = 1, fill = 1;

	/* Natural widths fit. */
	lay_doc_init(&d);
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(1, 2, 0);
	t->pad = 2;
	t->rule = 0.5;
	cell(t, 0, 0, "a");
	cell(t, 0, 1, "bbbb cccc");
	t->row_elem[0] = 30;
	lay_cell(t, 0, 1)->elem = 41;
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(1, 2, 0);
	t->pad = 2;
	t->full = 1;
	cell(t, 0, 0, "a");
	cell(t, 0, 1, "bbbb cccc");
	run(&d, &c, &r);
	n = edges(&r, x, 8);
	ok(n == 3 && near(x[0], 0) && near(x[1], 9) && near(x[2], 55.5),
	    "table: natural column widths");
	it = find(&r, "bbbb cccc");
	ok(it != NULL && near(it->x, 11) && near(it->y, 2 + 9),
	    "table: cell text inside the padding");
	ok(it != NULL && it->elem == 41 && find(&r, "a")->elem == 30,
	    "table: runs without an element get the cell's or row's");
	/* 5 and 42.5 stretched to 200 - 4 * 2 = 192: 20.21 and 171.79. */
	it = &r.items[r.nitems - 1];
	ok(near(it->x, 2 + 5 * 192 / 47.5 + 2 + 2) && near(it->w, 42.5),
	    "table: full width stretches in proportion");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* Too wide: minimums plus a share of the rest. */
	lay_doc_init(&d);
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(1, 2, 0);
	t->pad = 2;
	t->rule = 0.5;
	cell(t, 0, 0, "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
	    "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa");
	cell(t, 0, 1, "zzzz zzzz");
	run(&d, &c, &r);
	n = edges(&r, x, 8);
	ok(n == 3 && near(x[2], 200) && x[2] - x[1] - 4 >= 20,
	    "table: every column gets its longest word");
	for (i = 0; i < r.nitems; i++) {
		it = &r.items[i];
		if (it->kind != LAY_ITEM_TEXT)
			continue;
		if (it->text[0] == 'a')
			col &= it->x >= x[0] + 2 - 0.01 &&
			    it->x + it->w <= x[1] - 2 + 0.01;
		else
			col &= strcmp(it->text, "zzzz") == 0 &&
			    it->x >= x[1] + 2 - 0.01 &&
			    it->x + it->w <= x[2] - 2 + 0.01;
	}
	ok(col, "table: no cell text past its column");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A 10,000 character word in a cell of three columns. */
	w = xmalloc(10001);
	memset(w, 'm', 10000);
	w[10000] = '\0';
	lay_doc_init(&d);
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(1, 3, 0);
	t->pad = 3;
	t->rule = 1;
	cell(t, 0, 0, "one");
	cell(t, 0, 1, w);
	cell(t, 0, 2, "three");
	run(&d, &c, &r);
	n = edges(&r, x, 8);
	col = n == 4;
	for (i = 0; col && i < r.nitems; i++) {
		it = &r.items[i];
		if (it->kind == LAY_ITEM_TEXT && it->text[0] == 'm')
			col &= it->x >= x[1] + 3 - 0.01 &&
			    it->x + it->w <= x[2] - 3 + 0.01;
	}
	ok(col && inside(&r, &c), "table: a long word stays in its column");
	ok(r.npages > 2 && page_of(&r, "three") == 0,
	    "table: a row taller than a page is split");
	lay_result_free(&r);
	lay_doc_free(&d);
	free(w);

	/* A tall row splits with all cells advancing together. */
	lay_doc_init(&d);
	filler(&d, 10);
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(1, 2, 0);
	t->pad = 2;
	for (i = 0; i < 40; i++) {
		snprintf(s, sizeof(s), "L%zu", i);
		lay_text(&lay_cell(t, 0, 0)->para, s, strlen(s), 0, 10,
		    0)->flags |= LAY_BREAK;
		snprintf(s, sizeof(s), "R%zu", i);
		lay_text(&lay_cell(t, 0, 1)->para, s, strlen(s), 0, 10,
		    0)->flags |= LAY_BREAK;
	}
	run(&d, &c, &r);
	ok(page_of(&r, "L0") == 0 && page_of(&r, "L13") == 0 &&
	    page_of(&r, "R13") == 0 && page_of(&r, "L14") == 1 &&
	    page_of(&r, "R14") == 1 && page_of(&r, "L39") == 2,
	    "table: tall row split between lines, cells together");
	it = find(&r, "L14");
	ok(it != NULL && near(it->y, 9), "table: continues at the top");
	ok(inside(&r, &c), "table: split row inside");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* 300 rows with a header repeated as an artifact. */
	lay_doc_init(&d);
	para(&d, "before");
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(301, 2, 1);
	t->pad = 2;
	t->rule = 0.5;
	t->head_fill = 0xdddddd;
	cell(t, 0, 0, "Head");
	cell(t, 0, 1, "Value");
	for (i = 1; i <= 300; i++) {
		snprintf(s, sizeof(s), "r%zu", i);
		cell(t, i, 0, s);
		cell(t, i, 1, "v");
	}
	run(&d, &c, &r);
	for (i = 0; i < r.nitems; i++) {
		it = &r.items[i];
		if (it->kind != LAY_ITEM_TEXT)
			continue;
		if (strcmp(it->text, "Head") == 0) {
			heads++;
			art &= it->artifact == (heads > 1) &&
			    it->page == (int)heads - 1 &&
			    (heads == 1 || near(it->y, 2 + 9));
			fill &= i >= 1 && r.items[i - 1].kind ==
			    LAY_ITEM_LINE && r.items[i - 1].artifact;
		} else if (it->text[0] == 'r') {
			snprintf(s, sizeof(s), "r%zu", ++next);
			inorder &= strcmp(it->text, s) == 0 && !it->artifact;
		}
	}
	ok(r.npages == 18 && heads == 18, "table: header on every page");
	ok(art, "table: repeated headers are artifacts at the top");
	ok(inorder && next == 300, "table: rows in order, once");
	ok(fill, "table: decorations before the row text");
	it = &r.items[1];
	ok(it->kind == LAY_ITEM_RECT && it->color == 0xdddddd &&
	    it->artifact, "table: header fill");
	ok(inside(&r, &c), "table: inside");
	lay_result_free(&r);
	lay_doc_free(&d);

	/* A header never stays alone at the bottom of a page. */
	lay_doc_init(&d);
	filler(&d, 24);
	t = lay_add(&d, LAY_TABLE)->table = lay_table_new(3, 1, 1);
	cell(t, 0, 0, "H");
	cell(t, 1, 0, "b1");
	cell(t, 2, 0, "b2");
	run(&d, &c, &r);
	ok(page_of(&r, "H") == 1 && page_of(&r, "b1") == 1,
	    "table: header keeps with the first row");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_many_runs(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;
	struct lay_block *b;
	size_t i;

	lay_doc_init(&d);
	b = lay_add(&d, LAY_PARA);
	b->para.align = LAY_JUSTIFY;
	for (i = 0; i < 20000; i++)
		lay_text(&b->para, "ab ", 3, (int)(i % 2), 10, 0);
	ncalls = 0;
	run(&d, &c, &r);
	ok(r.nitems == 20000 && inside(&r, &c),
	    "20,000 runs: one item each, inside");
	ok(ncalls < 100000, "20,000 runs: few measure calls");
	lay_result_free(&r);
	lay_doc_free(&d);
}

static void
test_config(void)
{
	struct lay_config c = config();
	struct lay_result r;
	struct lay_doc d;

	lay_doc_init(&d);
	para(&d, "x");
	c.width = 20;
	ok(run(&d, &c, &r) == -1 && r.nitems == 0, "config: too narrow");
	c = config();
	c.measure = NULL;
	ok(run(&d, &c, &r) == -1, "config: no measure");
	lay_doc_free(&d);
}

/* Build a document with a bit of everything. */
static void
mixed(struct lay_doc *d)
{
	struct lay_table *t;
	struct lay_block *b;
	size_t i;

	lay_doc_init(d);
	para(d, "Avtal")->keep_next = 1;
	for (i = 0; i < 12; i++) {
		b = para(d, "Parterna har enats om en "
		    "samverkans\xc3\xb6verenskommelse som beskriver hur "
		    "arbetet ska bedrivas, se https://example.se/avtal.");
		b->para.align = LAY_JUSTIFY;
		b->para.hyphenate = 1;
		b->space_after = 6;
	}
	t = lay_add(d, LAY_TABLE)->table = lay_table_new(40, 3, 1);
	t->pad = 3;
	t->rule = 0.5;
	for (i = 0; i < 120; i++)
		cell(t, i / 3, i % 3, i % 2 ? "cell" : "a longer cell");
}

static void
test_deterministic(void)
{
	struct lay_config c = config();
	struct lay_result r1, r2;
	struct lay_doc d;
	size_t i;
	int same;

	if (access(SV_DICT, R_OK) == 0)
		c.hyphen_dict = SV_DICT;
	mixed(&d);
	run(&d, &c, &r1);
	run(&d, &c, &r2);
	same = r1.nitems == r2.nitems && r1.npages == r2.npages &&
	    r1.nitems > 100;
	for (i = 0; same && i < r1.nitems; i++)
		same = r1.items[i].kind == r2.items[i].kind &&
		    r1.items[i].page == r2.items[i].page &&
		    r1.items[i].x == r2.items[i].x &&
		    r1.items[i].y == r2.items[i].y &&
		    r1.items[i].w == r2.items[i].w &&
		    (r1.items[i].text == NULL) == (r2.items[i].text == NULL) &&
		    (r1.items[i].text == NULL ||
		    strcmp(r1.items[i].text, r2.items[i].text) == 0);
	ok(same, "deterministic: two runs give the same items");
	ok(inside(&r1, &c), "deterministic: inside");
	lay_result_free(&r1);
	lay_result_free(&r2);
	lay_doc_free(&d);
}

int
main(void)
{
	test_simple();
	test_spaces();
	test_long_words();
	test_hyphen();
	test_align();
	test_pre();
	test_flush_right();
	test_label_deco();
	test_nested();
	test_pages();
	test_anchors();
	test_images();
	test_tables();
	test_many_runs();
	test_config();
	test_deterministic();
	return tap_done();
}
