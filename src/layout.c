/*
 * layout.c - typeset blocks of styled text into pages.
 *
 * Three stages, none of them recursive.
 *
 * A paragraph is first prepared (S_prep): the text of its runs is copied
 * into one normalized string (whitespace collapsed to one space unless
 * the paragraph is preformatted, hard breaks as '\n') and cut into
 * tokens, words and hard breaks, each word measured once.
 *
 * The line breaker (S_lines) fills lines greedily.  A word that does not
 * fit the rest of the line is only then looked at more closely
 * (S_cuts): it may be broken after a hyphen or dash, after the
 * punctuation of a URL, at a hyphenation point libhyphen finds, and when
 * it is wider than a whole line, between any two characters.  Each
 * finished line becomes positioned items (S_line_end).
 *
 * Every block becomes boxes on one vertical list (lines, table rows,
 * images, rules) with the glue before each box and a mark where a page
 * must not break.  S_paginate fills pages greedily and, when a box does
 * not fit, goes back to the last place on the page where a break is
 * allowed.  S_emit finally copies the items into the result with their
 * page and y, repeating table header rows as artifacts.
 *
 * Work is linear in the input except where noted: a word is measured
 * piece by piece, or character by character once when it has to be
 * broken between characters; pagination looks back at most one page.
 */
#include "layout.h"

#include <sys/stat.h>

#include <hyphen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define NONE		((size_t)-1)
#define EPS		1e-6	/* slack when asking whether a width fits */
#define MAXLEN		1e6	/* longest length in points we believe */
#define NDICT		4	/* hyphenation dictionaries kept loaded */
#define HYPH_MAXWORD	100	/* longest word part handed to libhyphen */
#define HYPH_LEFT	2	/* letters before a hyphenation point */
#define HYPH_RIGHT	3	/* letters after it */
#define BAR_WIDTH	2.0	/* of the bar beside a block quote */
#define TAB_STOP	8	/* columns between tab stops (pre) */

/* Kinds of places a word may be broken at. */
enum {
	CUT_NONE,	/* only a run boundary: measured, not a break */
	CUT_CHAR,	/* between two characters, last resort */
	CUT_HYPH,	/* hyphenation point: a '-' is added */
	CUT_SOFT	/* after a hyphen, dash or URL punctuation */
};

/* A growable array of items; each item's text is owned by it. */
struct S_items {
	struct lay_item	*v;
	size_t		 n, cap;
};

/* A token of a prepared paragraph: a word or a hard break. */
struct S_tok {
	size_t		 a, b;		/* bytes of the text (a == b: break) */
	double		 w;		/* width of the word */
	double		 sp;		/* width of the space before, or 0 */
	int		 brk;		/* a hard line break */
};

/* A prepared paragraph; the arrays are reused from one to the next. */
struct S_prep {
	const struct lay_para *p;
	struct buf	 txt;		/* normalized text of all runs */
	size_t		*rs, *re;	/* run i covers txt[rs[i] .. re[i]) */
	double		*spw, *hyw;	/* width of ' ' and '-', -1 unknown */
	size_t		 crun;		/* runs the four arrays hold */
	struct S_tok	*tok;
	size_t		 ntok, ctok;
	size_t		 ftok;		/* first token of the flush right
					 * tail, ntok for none */
	int		 pre;
	double		 lead;		/* leading, at least 1 */
	double		 zmax;		/* largest size: a line fits a page */
};

/* A place a word may be broken at. */
struct S_cut {
	size_t		 pos;		/* byte offset in the text */
	double		 cum;		/* width from the first cut to here */
	size_t		 run;		/* run of the byte before pos */
	int		 kind;		/* CUT_* */
};

/* The line being filled. */
struct S_line {
	size_t		 a, b;		/* main text, a == b for none */
	size_t		 ta, tb;	/* flush right text, ta == tb none */
	size_t		 zpos;		/* the break that ended an empty line */
	double		 w;		/* width used */
	int		 open;		/* has text */
	int		 hyph;		/* ends with an added '-' */
	enum lay_align	 align;
};

/* Where a paragraph's lines go. */
struct S_geo {
	double		 x0;		/* left edge of the area */
	double		 left, avail;	/* left edge of the text, its width */
	size_t		 l0;		/* its first line in ctx->lb */
};

/* A piece of a line in one style, about to become an item. */
struct S_piece {
	size_t		 a, b;
	size_t		 run;
	double		 w, x;
	int		 hyph;
};

/* A finished line: its height and its items (y from the line top). */
struct S_lbox {
	double		 h;
	size_t		 i0, i1;
};

/* A box on the vertical list. */
struct S_vbox {
	double		 h;
	double		 glue;		/* space before it, dropped at a top */
	size_t		 i0, i1;	/* its items in ctx->pend */
	size_t		 tab;		/* 1 + its table in ctx->tab, or 0 */
	int		 head;		/* a header row of that table */
	int		 keep;		/* no page break right before it */
	int		 force;		/* a page break right before it */
	int		 page;		/* where it landed */
	double		 y;
};

/* A table's header rows, for repeating them. */
struct S_tab {
	size_t		 h0, h1;	/* their boxes */
	double		 hh;		/* their height */
	int		 repeat;
};

/* An anchor: the box that follows it. */
struct S_anch {
	int		 id;
	size_t		 box;
};

struct S_ctx {
	const struct lay_config *cfg;
	HyphenDict	*dict;
	double		 asc;		/* ascent, 0 < asc <= 1 */
	struct S_items	 pend;		/* items of all boxes */
	struct S_items	 scr;		/* items of the table row being built */
	struct S_vbox	*box;
	size_t		 nbox, cbox;
	struct S_tab	*tab;
	size_t		 ntab, ctab;
	struct S_anch	*anch;
	size_t		 nanch, canch;
	struct S_lbox	*lb;		/* lines of the paragraph or row */
	size_t		 nlb, clb;
	struct S_piece	*pc;		/* pieces of the line being emitted */
	size_t		 npc, cpc;
	struct S_cut	*cut;		/* places to break the current word */
	size_t		 ncut, ccut;
	size_t		*hcut;		/* its hyphenation points */
	size_t		 nh, ch;
	struct S_prep	 prep;		/* the body paragraph */
	double		 glue;		/* glue before the next box */
	int		 force;		/* a page break before the next box */
	size_t		 keepn;		/* boxes of the next block to keep */
	size_t		 kn, bk;	/* the same for this block; its boxes */
	size_t		 kgroup;	/* first box of the open keep group */
	int		 kdepth;
};

/*
 * Hyphenation dictionaries, loaded once per process and path, oldest
 * first.  libhyphen only reads a dictionary while it hyphenates, so
 * layouts in several threads share one; refs counts those using it, and
 * only an unused one is dropped.  S_dict_lock guards the table.
 */
static struct {
	char		*path;
	HyphenDict	*dict;
	unsigned	 refs;
} S_dicts[NDICT];
static pthread_mutex_t S_dict_lock = PTHREAD_MUTEX_INITIALIZER;

/* Abort like the allocation helpers do when a size overflows. */
static void
S_toobig(void)
{
	fputs("pakt: out of memory\n", stderr);
	abort();
}

/*
 * Return v grown with xrealloc() to hold at least want elements of size
 * bytes; *cap is updated to the number it holds.
 */
static void *
S_reserve(void *v, size_t *cap, size_t want, size_t size)
{
	size_t n;

	if (want <= *cap)
		return v;
	n = *cap ? *cap : 16;
	while (n < want) {
		if (n > SIZE_MAX / 2 / size)
			S_toobig();
		n *= 2;
	}
	*cap = n;
	return xrealloc(v, n * size);
}

/* Return x when it is a positive number, else 0; never above max. */
static double
S_pos(double x, double max)
{
	if (!(x > 0))
		return 0;
	return x < max ? x : max;
}

/* Return a new zeroed item (elem -1) at the end of v, owned by v. */
static struct lay_item *
S_item(struct S_items *v)
{
	struct lay_item *it;

	v->v = S_reserve(v->v, &v->cap, v->n + 1, sizeof(*v->v));
	it = &v->v[v->n++];
	memset(it, 0, sizeof(*it));
	it->elem = -1;
	return it;
}

/* Free the texts of v's items and v's array; v is empty afterwards. */
static void
S_items_free(struct S_items *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].text);
	free(v->v);
	memset(v, 0, sizeof(*v));
}

/*
 * Add a decoration (a rectangle or a line, an artifact) to v.  Returns
 * nothing; the item belongs to v.
 */
static void
S_deco(struct S_items *v, enum lay_item_kind k, double x, double y,
    double w, double h, double size, unsigned color)
{
	struct lay_item *it = S_item(v);

	it->kind = k;
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->size = size;
	it->color = color;
	it->artifact = 1;
}

/*
 * UTF-8.
 */

/*
 * Return the code point at s (n > 0 bytes left) and set *len to its
 * length; an invalid byte reads as U+FFFD of length 1.
 */
static unsigned long
S_utf8(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long c = s[0];
	size_t need, i;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		c &= 0x07;
	} else
		return 0xfffd;
	if (n <= need)
		return 0xfffd;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		c = c << 6 | (s[i] & 0x3f);
	}
	*len = need + 1;
	return c;
}

/*
 * Return whether c is a letter for hyphenation: Latin letters (those
 * above U+00FF make a word part that is not hyphenated), Greek and
 * Cyrillic.
 */
static int
S_letter(unsigned long c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	    (c >= 0x370 && c <= 0x4ff);
}

/*
 * Runs and widths.
 */

/*
 * Return the size of run r of paragraph pp: 0 when it is not a positive
 * number, and never so large that a line is taller than a page.
 */
static double
S_size(const struct S_prep *pp, const struct lay_run *r)
{
	return S_pos(r->size, pp->zmax);
}

/* Return the index of the run that holds byte pos of pp's text. */
static size_t
S_run_at(const struct S_prep *pp, size_t pos)
{
	size_t lo = 0, hi = pp->p->nruns, mid;

	/* The last run starting at or before pos. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (pp->rs[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Return the width of bytes a .. b of pp's text (all in run r, or in
 * runs of its font and size) at r's size.
 */
static double
S_width(struct S_ctx *ctx, const struct S_prep *pp, size_t r, size_t a,
    size_t b)
{
	const struct lay_run *run = &pp->p->runs[r];
	double w;

	if (b <= a)
		return 0;
	w = ctx->cfg->measure(ctx->cfg->arg, run->font, pp->txt.ptr + a,
	    b - a);
	return S_pos(w * S_size(pp, run), MAXLEN);
}

/*
 * Return the width of len bytes of s in the font and size of run (in
 * paragraph pp), remembered in *memo (negative: not yet known) when memo
 * is not NULL.
 */
static double
S_memo(struct S_ctx *ctx, const struct S_prep *pp, const struct lay_run *run,
    double *memo, const char *s, size_t len)
{
	double w;

	if (memo != NULL && *memo >= 0)
		return *memo;
	w = ctx->cfg->measure(ctx->cfg->arg, run->font, s, len);
	w = S_pos(w * S_size(pp, run), MAXLEN);
	if (memo != NULL)
		*memo = w;
	return w;
}

/* Return the width of a space in run r. */
static double
S_spw(struct S_ctx *ctx, struct S_prep *pp, size_t r)
{
	return S_memo(ctx, pp, &pp->p->runs[r], &pp->spw[r], " ", 1);
}

/* Return the width of a hyphen in run r. */
static double
S_hyw(struct S_ctx *ctx, struct S_prep *pp, size_t r)
{
	return S_memo(ctx, pp, &pp->p->runs[r], &pp->hyw[r], "-", 1);
}

/*
 * Return whether runs x and y may share an item: the same style, link,
 * element and flags (a page reference never shares).
 */
static int
S_same(const struct lay_run *x, const struct lay_run *y)
{
	if (x == y)
		return 1;
	return x->font == y->font && x->size == y->size &&
	    x->color == y->color && x->elem == y->elem &&
	    x->link == y->link && x->ref == y->ref &&
	    ((x->flags ^ y->flags) & ~(unsigned)LAY_BREAK) == 0 &&
	    !(x->flags & LAY_PAGEREF);
}

/*
 * Preparing a paragraph.
 */

/* Free what pp holds; pp is zeroed. */
static void
S_prep_free(struct S_prep *pp)
{
	buf_free(&pp->txt);
	free(pp->rs);
	free(pp->re);
	free(pp->spw);
	free(pp->hyw);
	free(pp->tok);
	memset(pp, 0, sizeof(*pp));
}

/* Append a token to pp and return it (zeroed), owned by pp. */
static struct S_tok *
S_tok_add(struct S_prep *pp)
{
	struct S_tok *t;

	pp->tok = S_reserve(pp->tok, &pp->ctok, pp->ntok + 1,
	    sizeof(*pp->tok));
	t = &pp->tok[pp->ntok++];
	memset(t, 0, sizeof(*t));
	return t;
}

/*
 * Copy the runs of p into pp->txt: whitespace collapses to one space and
 * is dropped at the start of a line, control characters are dropped, a
 * LAY_BREAK adds '\n'; when p->pre, spaces stay, tabs become spaces up
 * to the next tab stop, '\n' stays and '\r' goes.  Returns the offset of
 * the flush right tail, or NONE.
 */
static size_t
S_normalize(struct S_prep *pp, const struct lay_para *p)
{
	struct buf *t = &pp->txt;
	const unsigned char *s;
	size_t r, i, n, fr = NONE, col = 0;
	int start = 1;
	unsigned c;

	for (r = 0; r < p->nruns; r++) {
		s = (const unsigned char *)p->runs[r].text;
		n = s != NULL ? p->runs[r].len : 0;
		pp->rs[r] = t->len;
		if (fr == NONE && (p->runs[r].flags & LAY_FLUSH_RIGHT))
			fr = t->len;
		for (i = 0; i < n; i++) {
			c = s[i];
			if (pp->pre) {
				if (c == '\n') {
					buf_putc(t, '\n');
					col = 0;
				} else if (c == '\t') {
					do
						buf_putc(t, ' ');
					while (++col % TAB_STOP != 0);
				} else if (c >= 0x20 && c != 0x7f) {
					buf_putc(t, (int)c);
					if ((c & 0xc0) != 0x80)
						col++;
				}
			} else if (c == ' ' || (c >= '\t' && c <= '\r')) {
				if (!start && t->ptr[t->len - 1] != ' ')
					buf_putc(t, ' ');
			} else if (c >= 0x20 && c != 0x7f) {
				buf_putc(t, (int)c);
				start = 0;
			}
		}
		if (p->runs[r].flags & LAY_BREAK) {
			buf_putc(t, '\n');
			start = 1;
			col = 0;
		}
		pp->re[r] = t->len;
		pp->spw[r] = pp->hyw[r] = -1;
	}
	return fr;
}

/*
 * Prepare paragraph p into pp (whose arrays are reused): normalize the
 * text and cut it into words and hard breaks, measuring each word once.
 * pp keeps a pointer to p.
 */
static void
S_prep(struct S_ctx *ctx, struct S_prep *pp, const struct lay_para *p)
{
	const char *s;
	struct S_tok *t;
	size_t n, pos, q, end, r, fr;
	double sp = 0;

	pp->p = p;
	pp->pre = p->pre != 0;
	pp->lead = p->leading >= 1 ? p->leading : p->leading > 0 ? 1 : 1.2;
	if (pp->lead > 10)
		pp->lead = 10;
	pp->zmax = ctx->cfg->height / pp->lead;
	pp->ntok = 0;
	buf_reset(&pp->txt);
	buf_grow(&pp->txt, 0);
	if (p->nruns > pp->crun) {
		pp->crun = p->nruns;
		pp->rs = xrealloc(pp->rs, pp->crun * sizeof(*pp->rs));
		pp->re = xrealloc(pp->re, pp->crun * sizeof(*pp->re));
		pp->spw = xrealloc(pp->spw, pp->crun * sizeof(*pp->spw));
		pp->hyw = xrealloc(pp->hyw, pp->crun * sizeof(*pp->hyw));
	}
	fr = S_normalize(pp, p);
	s = pp->txt.ptr;
	n = pp->txt.len;
	pp->ftok = NONE;
	for (pos = 0; pos < n; ) {
		if (fr != NONE && pos >= fr && pp->ftok == NONE)
			pp->ftok = pp->ntok;
		if (s[pos] == '\n') {
			t = S_tok_add(pp);
			t->a = t->b = pos++;
			t->brk = 1;
			sp = 0;
			continue;
		}
		if (s[pos] == ' ' && !pp->pre) {
			sp = S_spw(ctx, pp, S_run_at(pp, pos));
			pos++;
			continue;
		}
		end = fr != NONE && pos < fr ? fr : n;
		for (q = pos; q < end && s[q] != '\n' &&
		    (pp->pre || s[q] != ' '); q++)
			;
		t = S_tok_add(pp);
		t->a = pos;
		t->b = q;
		t->sp = sp;
		sp = 0;
		for (r = S_run_at(pp, pos); r < p->nruns && pp->rs[r] < q;
		    r++)
			t->w += S_width(ctx, pp, r,
			    pp->rs[r] > pos ? pp->rs[r] : pos,
			    pp->re[r] < q ? pp->re[r] : q);
		pos = q;
	}
	if (pp->ftok == NONE)
		pp->ftok = pp->ntok;
}

/*
 * Return the natural width of prepared paragraph pp (its longest line
 * when nothing but hard breaks end lines) and set *min to the width of
 * its widest word.
 */
static double
S_natural(const struct S_prep *pp, double *min)
{
	const struct S_tok *t;
	double nat = 0, cur = 0;
	size_t i;
	int open = 0;

	*min = 0;
	for (i = 0; i < pp->ntok; i++) {
		t = &pp->tok[i];
		if (t->brk) {
			open = 0;
			cur = 0;
			continue;
		}
		cur += (open ? t->sp : 0) + t->w;
		open = 1;
		if (cur > nat)
			nat = cur;
		if (t->w > *min)
			*min = t->w;
	}
	return nat;
}

/*
 * Breaking words.
 */

/* Return whether word s[wa .. wb) looks like a URL or a mail address. */
static int
S_urlish(const char *s, size_t wa, size_t wb)
{
	size_t i;

	if (wb - wa > 4 && strncmp(s + wa, "www.", 4) == 0)
		return 1;
	for (i = wa; i < wb; i++) {
		if (s[i] == ':' && i + 2 < wb && s[i + 1] == '/' &&
		    s[i + 2] == '/')
			return 1;
		if (s[i] == '@' && i > wa && memchr(s + i, '.', wb - i))
			return 1;
	}
	return 0;
}

/*
 * Return whether word s[wa .. wb) may be broken before byte p without a
 * hyphen: after a hyphen, en or em dash or slash inside a word, after a
 * URL's punctuation (not inside "//"), or in a preformatted line after
 * its spaces.
 */
static int
S_soft(const unsigned char *s, size_t wa, size_t wb, size_t p, int url,
    int pre)
{
	unsigned c;

	if (p < wa + 2 || p >= wb)
		return 0;
	c = s[p - 1];
	if (pre)
		return c == ' ' && s[p] != ' ';
	if (url)
		return c != '\0' && strchr("/.?&=_#~@+-,;:", (int)c) != NULL &&
		    s[p] != '/';
	if (c == '-' || c == '/')
		return s[p] != c && s[p - 2] != c;
	return p >= wa + 4 && s[p - 3] == 0xe2 && s[p - 2] == 0x80 &&
	    (c == 0x93 || c == 0x94);
}

/*
 * Hyphenate one word part of n letters, lowercase code points lc (all
 * Latin-1) at byte offsets off (off[n] is its end), adding the offsets
 * where it may be broken to ctx->hcut.
 */
static void
S_hyph_part(struct S_ctx *ctx, const size_t *off, const unsigned char *lc,
    size_t n)
{
	char w[2 * HYPH_MAXWORD + 1], hy[2 * HYPH_MAXWORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		if (ctx->dict->utf8 && lc[i] >= 0x80) {
			w[len++] = (char)(0xc0 | lc[i] >> 6);
			w[len++] = (char)(0x80 | (lc[i] & 0x3f));
		} else
			w[len++] = (char)lc[i];
	}
	w[len] = '\0';
	memset(hy, 0, sizeof(hy));
	if (hnj_hyphen_hyphenate3(ctx->dict, w, (int)len, hy, NULL, &rep,
	    &pos, &cut, HYPH_LEFT, HYPH_RIGHT, HYPH_LEFT, HYPH_LEFT) == 0) {
		/* hy[i] odd: a break after letter i (counted in letters). */
		for (i = HYPH_LEFT - 1; i + HYPH_RIGHT < n; i++) {
			if (!(hy[i] & 1) || (rep != NULL && rep[i] != NULL))
				continue;
			ctx->hcut = S_reserve(ctx->hcut, &ctx->ch, ctx->nh + 1,
			    sizeof(*ctx->hcut));
			ctx->hcut[ctx->nh++] = off[i + 1];
		}
	}
	if (rep != NULL) {
		for (i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/*
 * Set ctx->hcut to the hyphenation points of word s[wa .. wb) of pp, in
 * order: each run of letters that are all in Latin-1 is lowercased and
 * hyphenated with at least HYPH_LEFT letters before a point and
 * HYPH_RIGHT after it.
 */
static void
S_hyph(struct S_ctx *ctx, const struct S_prep *pp, size_t wa, size_t wb)
{
	const unsigned char *s = (const unsigned char *)pp->txt.ptr;
	size_t off[HYPH_MAXWORD + 1], p, q, l, n;
	unsigned char lc[HYPH_MAXWORD];
	unsigned long c;
	int bad;

	ctx->nh = 0;
	if (pp->pre || !pp->p->hyphenate || ctx->dict == NULL)
		return;
	for (p = wa; p < wb; p = q) {
		c = S_utf8(s + p, wb - p, &l);
		if (!S_letter(c)) {
			q = p + l;
			continue;
		}
		for (n = 0, bad = 0, q = p; q < wb; q += l, n++) {
			c = S_utf8(s + q, wb - q, &l);
			if (!S_letter(c))
				break;
			if (c > 0xff)
				bad = 1;
			if (n < HYPH_MAXWORD) {
				off[n] = q;
				if (c < 0x80 && c >= 'A' && c <= 'Z')
					c += 'a' - 'A';
				else if (c >= 0xc0 && c <= 0xde)
					c += 0x20;
				lc[n] = (unsigned char)c;
			}
		}
		if (bad || n < HYPH_LEFT + HYPH_RIGHT || n > HYPH_MAXWORD)
			continue;
		off[n] = q;
		S_hyph_part(ctx, off, lc, n);
	}
}

/* Append a cut to ctx->cut. */
static void
S_cut_add(struct S_ctx *ctx, size_t pos, double cum, size_t run, int kind)
{
	struct S_cut *c;

	ctx->cut = S_reserve(ctx->cut, &ctx->ccut, ctx->ncut + 1,
	    sizeof(*ctx->cut));
	c = &ctx->cut[ctx->ncut++];
	c->pos = pos;
	c->cum = cum;
	c->run = run;
	c->kind = kind;
}

/*
 * Fill ctx->cut with the places word [wa, wb) of pp may be broken at
 * from byte pos on, each with the width from pos: the first cut is pos,
 * the last wb.  With chars, every character boundary is one (so each
 * character is measured once); otherwise only hyphens, dashes, URL
 * punctuation and hyphenation points, and run boundaries (CUT_NONE) so
 * that every piece is measured in its own font.
 */
static void
S_cuts(struct S_ctx *ctx, struct S_prep *pp, size_t wa, size_t wb,
    size_t pos, int chars)
{
	const unsigned char *s = (const unsigned char *)pp->txt.ptr;
	size_t r = S_run_at(pp, pos), prev = pos, cs = pos, h = 0, p;
	int url = !pp->pre && S_urlish(pp->txt.ptr, wa, wb), kind;
	double cum = 0;

	ctx->nh = 0;
	if (!url)
		S_hyph(ctx, pp, wa, wb);
	ctx->ncut = 0;
	S_cut_add(ctx, pos, 0, r, CUT_NONE);
	for (p = pos + 1; p <= wb; p++) {
		kind = -1;
		if (p == wb || p == pp->re[r])
			kind = CUT_NONE;
		if (p < wb && ((s[p] & 0xc0) != 0x80 || p - cs >= 4)) {
			cs = p;
			if (chars)
				kind = CUT_CHAR;
		}
		while (h < ctx->nh && ctx->hcut[h] < p)
			h++;
		if (h < ctx->nh && ctx->hcut[h] == p)
			kind = CUT_HYPH;
		if (S_soft(s, wa, wb, p, url, pp->pre))
			kind = CUT_SOFT;
		if (kind < 0)
			continue;
		cum += S_width(ctx, pp, r, prev, p);
		S_cut_add(ctx, p, cum, r, kind);
		prev = p;
		while (r + 1 < pp->p->nruns && pp->re[r] <= p)
			r++;
	}
}

/*
 * Lines.
 */

/* Make ln an empty line aligned align. */
static void
S_line_reset(struct S_line *ln, enum lay_align align)
{
	memset(ln, 0, sizeof(*ln));
	ln->zpos = NONE;
	ln->align = align;
}

/*
 * Add text [a, b) of width w (with the space before it) to ln; hyph: it
 * ends with an added hyphen.
 */
static void
S_line_add(struct S_line *ln, size_t a, size_t b, double w, int hyph)
{
	if (!ln->open)
		ln->a = a;
	ln->open = 1;
	ln->b = b;
	ln->w += w;
	ln->hyph = hyph;
}

/*
 * Append to ctx->pc the pieces of text [a, b) of pp: maximal stretches
 * in one style, and with jst also split after each space (a space
 * starting a piece stays in it), so that justification can stretch the
 * spaces.  Each piece is measured once.
 */
static void
S_pieces(struct S_ctx *ctx, struct S_prep *pp, size_t a, size_t b, int jst)
{
	const struct lay_run *runs = pp->p->runs;
	const char *s = pp->txt.ptr;
	struct S_piece *pc;
	size_t p, q, r, r2, i;

	if (a >= b)
		return;
	r = S_run_at(pp, a);
	for (p = a; p < b; p = q) {
		while (pp->re[r] <= p)
			r++;
		q = pp->re[r] < b ? pp->re[r] : b;
		for (r2 = r; q < b; q = pp->re[r2] < b ? pp->re[r2] : b) {
			while (pp->re[r2] <= q)
				r2++;
			if (!S_same(&runs[r], &runs[r2]))
				break;
		}
		if (jst)
			for (i = p + 1; i < q; i++)
				if (s[i] == ' ') {
					q = i + 1;
					break;
				}
		ctx->pc = S_reserve(ctx->pc, &ctx->cpc, ctx->npc + 1,
		    sizeof(*ctx->pc));
		pc = &ctx->pc[ctx->npc++];
		memset(pc, 0, sizeof(*pc));
		pc->a = p;
		pc->b = q;
		pc->run = r;
		pc->w = S_width(ctx, pp, r, p, q);
	}
}

/*
 * Add the text item of piece pc of pp to out, and the lines that
 * underline or strike it.
 */
static void
S_text_item(struct S_ctx *ctx, struct S_prep *pp, const struct S_piece *pc,
    double base, struct S_items *out)
{
	const struct lay_run *run = &pp->p->runs[pc->run];
	struct lay_item *it;
	size_t len = pc->b - pc->a;
	double size = S_size(pp, run), w = pc->w, x = pc->x, sp;

	it = S_item(out);
	it->kind = LAY_ITEM_TEXT;
	it->x = pc->x;
	it->y = base;
	it->w = pc->w;
	it->text = xmalloc(len + 2);
	memcpy(it->text, pp->txt.ptr + pc->a, len);
	if (pc->hyph)
		it->text[len++] = '-';
	it->text[len] = '\0';
	it->len = len;
	it->font = run->font;
	it->size = size;
	it->color = run->color;
	it->elem = run->elem;
	it->link = run->link;
	it->ref = run->ref;
	it->flags = run->flags;
	if (!(run->flags & (LAY_UNDERLINE | LAY_STRIKE)))
		return;
	/* Not under the spaces at either end. */
	sp = S_spw(ctx, pp, pc->run);
	if (!pc->hyph && pp->txt.ptr[pc->b - 1] == ' ')
		w -= sp;
	if (pp->txt.ptr[pc->a] == ' ' && pc->b - pc->a > 1) {
		x += sp;
		w -= sp;
	}
	if (w <= 0)
		return;
	if (run->flags & LAY_UNDERLINE)
		S_deco(out, LAY_ITEM_LINE, x, base + 0.15 * size, w, 0,
		    0.06 * size, run->color);
	if (run->flags & LAY_STRIKE)
		S_deco(out, LAY_ITEM_LINE, x, base - 0.28 * size, w, 0,
		    0.06 * size, run->color);
}

/*
 * Finish line ln of pp: position its pieces (aligned as ln says,
 * justified when just and it is justified text, the flush right tail at
 * the right edge), add its items to out (backgrounds first, then the
 * label on the first line, then the text in order) with y from the top
 * of the line, and add the line to ctx->lb.  ln is empty afterwards.
 */
static void
S_line_end(struct S_ctx *ctx, struct S_prep *pp, const struct S_geo *g,
    struct S_line *ln, int just, struct S_items *out)
{
	const struct lay_para *p = pp->p;
	const char *s = pp->txt.ptr;
	struct S_piece *pc;
	struct lay_item *it;
	size_t i, nmain, nsp = 0, i0 = out->n;
	double size = 0, wmain = 0, wtail = 0, extra = 0, x, lh, base;
	double lw, over = 0, minx = MAXLEN, lim = g->left + g->avail, z;
	int label, jst;

	jst = just && ln->align == LAY_JUSTIFY && !pp->pre;
	label = ctx->nlb == g->l0 && p->has_label && p->label.text != NULL;
	ctx->npc = 0;
	S_pieces(ctx, pp, ln->a, ln->b, jst);
	nmain = ctx->npc;
	if (ln->hyph && nmain > 0) {
		pc = &ctx->pc[nmain - 1];
		pc->hyph = 1;
		pc->w += S_hyw(ctx, pp, pc->run);
	}
	S_pieces(ctx, pp, ln->ta, ln->tb, 0);
	for (i = 0; i < ctx->npc; i++) {
		pc = &ctx->pc[i];
		z = S_size(pp, &p->runs[pc->run]);
		if (z > size)
			size = z;
		if (i < nmain)
			wmain += pc->w;
		else
			wtail += pc->w;
	}
	if (label && S_size(pp, &p->label) > size)
		size = S_size(pp, &p->label);
	if (ctx->npc == 0 && !label && ln->zpos != NONE)
		size = S_size(pp, &p->runs[S_run_at(pp, ln->zpos)]);
	lh = pp->lead * size;
	base = (lh - size) / 2 + ctx->asc * size;

	/* Where the pieces go. */
	x = g->left;
	if (jst) {
		for (i = ln->a; i < ln->b; i++)
			if (s[i] == ' ')
				nsp++;
		if (nsp > 0 && wmain < g->avail)
			extra = (g->avail - wmain) / (double)nsp;
	} else if (ln->align == LAY_CENTER && wmain < g->avail)
		x += (g->avail - wmain) / 2;
	else if (ln->align == LAY_RIGHT && wmain < g->avail)
		x += g->avail - wmain;
	for (i = 0; i < nmain; i++) {
		pc = &ctx->pc[i];
		if (s[pc->a] == ' ')
			x += extra;
		pc->x = x;
		x += pc->w;
		if (s[pc->b - 1] == ' ' && pc->b - pc->a > 1)
			x += extra;
	}
	x = lim - wtail;
	for (; i < ctx->npc; i++) {
		ctx->pc[i].x = x;
		x += ctx->pc[i].w;
	}
	/*
	 * Stay inside even when the measure is not additive or a single
	 * character is wider than the line.
	 */
	for (i = 0; i < ctx->npc; i++) {
		pc = &ctx->pc[i];
		if (pc->x + pc->w - lim > over)
			over = pc->x + pc->w - lim;
		if (pc->x < minx)
			minx = pc->x;
	}
	if (over > 0) {
		if (over > minx)
			over = minx > 0 ? minx : 0;
		for (i = 0; i < ctx->npc; i++)
			ctx->pc[i].x -= over;
	}

	if (p->fill)
		S_deco(out, LAY_ITEM_RECT, g->left, 0, g->avail, lh, 0,
		    p->fill);
	if (p->bar) {
		x = S_pos(g->x0 + p->bar_x, ctx->cfg->width - BAR_WIDTH);
		S_deco(out, LAY_ITEM_RECT, x, 0, BAR_WIDTH, lh, 0, p->bar);
	}
	if (label) {
		lw = S_memo(ctx, pp, &p->label, NULL, p->label.text,
		    p->label.len);
		x = g->left + p->label_x;
		if (x + lw > ctx->cfg->width)
			x = ctx->cfg->width - lw;
		it = S_item(out);
		it->kind = LAY_ITEM_TEXT;
		it->x = x > 0 ? x : 0;
		it->y = base;
		it->w = lw;
		it->text = xstrndup(p->label.text, p->label.len);
		it->len = p->label.len;
		it->font = p->label.font;
		it->size = S_size(pp, &p->label);
		it->color = p->label.color;
		it->elem = p->label.elem;
		it->link = p->label.link;
		it->ref = p->label.ref;
		it->flags = p->label.flags;
		it->label = 1;
	}
	for (i = 0; i < ctx->npc; i++)
		S_text_item(ctx, pp, &ctx->pc[i], base, out);

	ctx->lb = S_reserve(ctx->lb, &ctx->clb, ctx->nlb + 1,
	    sizeof(*ctx->lb));
	ctx->lb[ctx->nlb].h = lh;
	ctx->lb[ctx->nlb].i0 = i0;
	ctx->lb[ctx->nlb].i1 = out->n;
	ctx->nlb++;
	S_line_reset(ln, ln->align);
}

/*
 * Put word t of pp on ln, ending lines (into out) as needed: it goes
 * whole on this line if it fits; otherwise as much as fits is put there,
 * broken at the last place that fits (hyphen, URL punctuation or
 * hyphenation point; on an empty line, any character); the rest goes on
 * the next lines the same way.
 */
static void
S_word(struct S_ctx *ctx, struct S_prep *pp, const struct S_geo *g,
    struct S_line *ln, const struct S_tok *t, struct S_items *out)
{
	const struct S_cut *c;
	size_t k = 0, j, last, best, bestc;
	double base, rem, room, gap, d, hw = 0;
	int chars = 0, hyph;

	gap = ln->open ? t->sp : 0;
	if (ln->w + gap + t->w <= g->avail + EPS) {
		S_line_add(ln, t->a, t->b, gap + t->w, 0);
		return;
	}
	S_cuts(ctx, pp, t->a, t->b, t->a, 0);
	for (;;) {
		last = ctx->ncut - 1;
		base = ctx->cut[k].cum;
		rem = ctx->cut[last].cum - base;
		gap = ln->open && ctx->cut[k].pos == t->a ? t->sp : 0;
		if (ln->w + gap + rem <= g->avail + EPS) {
			S_line_add(ln, ctx->cut[k].pos, t->b, gap + rem, 0);
			return;
		}
		room = g->avail - ln->w - gap + EPS;
		best = bestc = NONE;
		for (j = k + 1; j < last; j++) {
			c = &ctx->cut[j];
			d = c->cum - base;
			if (d > room)
				break;
			if (c->kind == CUT_SOFT)
				best = j;
			else if (c->kind == CUT_HYPH &&
			    d + S_hyw(ctx, pp, c->run) <= room)
				best = j;
			if (chars && c->kind != CUT_NONE)
				bestc = j;
		}
		hyph = best != NONE && ctx->cut[best].kind == CUT_HYPH;
		if (best == NONE && !ln->open)
			best = bestc;
		if (best == NONE) {
			if (ln->open) {
				S_line_end(ctx, pp, g, ln, 1, out);
				continue;
			}
			if (!chars) {
				/* Measure each character, once. */
				S_cuts(ctx, pp, t->a, t->b,
				    ctx->cut[k].pos, 1);
				chars = 1;
				k = 0;
				continue;
			}
			/* Not one character fits: take one anyway. */
			if (k + 1 == last) {
				S_line_add(ln, ctx->cut[k].pos, t->b, rem, 0);
				return;
			}
			best = k + 1;
		}
		hw = hyph ? S_hyw(ctx, pp, ctx->cut[best].run) : 0;
		S_line_add(ln, ctx->cut[k].pos, ctx->cut[best].pos,
		    gap + ctx->cut[best].cum - base + hw, hyph);
		S_line_end(ctx, pp, g, ln, 1, out);
		k = best;
	}
}

/* Put tokens from .. to of pp on lines (see S_word). */
static void
S_tokens(struct S_ctx *ctx, struct S_prep *pp, const struct S_geo *g,
    struct S_line *ln, size_t from, size_t to, struct S_items *out)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (pp->tok[i].brk) {
			ln->zpos = pp->tok[i].a;
			S_line_end(ctx, pp, g, ln, 0, out);
		} else
			S_word(ctx, pp, g, ln, &pp->tok[i], out);
	}
}

/*
 * Place the flush right tail of pp: at the right end of the last line
 * when it fits there after a space, otherwise alone on a new line, and
 * when it does not fit a line at all (or has hard breaks) on lines of
 * its own, right aligned.
 */
static void
S_tail(struct S_ctx *ctx, struct S_prep *pp, const struct S_geo *g,
    struct S_line *ln, struct S_items *out)
{
	const struct S_tok *f = &pp->tok[pp->ftok];
	size_t i;
	double tw = 0, gap = 0;
	int simple = 1;

	for (i = pp->ftok; i < pp->ntok; i++) {
		if (pp->tok[i].brk)
			simple = 0;
		tw += (i > pp->ftok ? pp->tok[i].sp : 0) + pp->tok[i].w;
	}
	if (!simple || tw > g->avail + EPS) {
		if (ln->open)
			S_line_end(ctx, pp, g, ln, 0, out);
		ln->align = LAY_RIGHT;
		S_tokens(ctx, pp, g, ln, pp->ftok, pp->ntok, out);
		return;
	}
	if (ln->open) {
		gap = S_spw(ctx, pp, S_run_at(pp, f->a));
		if (f->sp > gap)
			gap = f->sp;
		if (ln->w + gap + tw > g->avail + EPS) {
			S_line_end(ctx, pp, g, ln, 0, out);
			gap = 0;
		}
	}
	ln->open = 1;
	ln->ta = f->a;
	ln->tb = pp->tok[pp->ntok - 1].b;
	ln->w += gap + tw;
}

/*
 * Break prepared paragraph pp into lines in the area from x0, W points
 * wide (page coordinates), after its indents: items go to out with y
 * from the top of their line, lines to the end of ctx->lb.  An indent
 * that leaves too little room is reduced so that at least the smaller
 * of a quarter of W and 60 pt remain.
 */
static void
S_lines(struct S_ctx *ctx, struct S_prep *pp, double x0, double W,
    struct S_items *out)
{
	const struct lay_para *p = pp->p;
	struct S_line ln;
	struct S_geo g;
	double ind, rgt, minw;

	W = S_pos(W, MAXLEN);
	ind = S_pos(p->indent, MAXLEN);
	rgt = S_pos(p->right, MAXLEN);
	minw = W / 4 < 60 ? W / 4 : 60;
	if (W - ind - rgt < minw) {
		ind = W - rgt - minw;
		if (ind < 0) {
			ind = 0;
			rgt = S_pos(W - minw, W);
		}
	}
	g.x0 = x0;
	g.left = x0 + ind;
	g.avail = S_pos(W - ind - rgt, W);
	g.l0 = ctx->nlb;
	S_line_reset(&ln, p->align);
	S_tokens(ctx, pp, &g, &ln, 0, pp->ftok, out);
	if (pp->ftok < pp->ntok)
		S_tail(ctx, pp, &g, &ln, out);
	if (ln.open || (ctx->nlb == g.l0 && p->has_label &&
	    p->label.text != NULL))
		S_line_end(ctx, pp, &g, &ln, 0, out);
}

/*
 * The vertical list.
 */

/*
 * Append a box of height h holding items i0 .. i1 of ctx->pend to the
 * vertical list.  keep: no page break right before it; tab, head: its
 * table (1-based) and whether it is a header row.
 */
static void
S_box(struct S_ctx *ctx, double h, size_t i0, size_t i1, int keep,
    size_t tab, int head)
{
	struct S_vbox *b;

	ctx->box = S_reserve(ctx->box, &ctx->cbox, ctx->nbox + 1,
	    sizeof(*ctx->box));
	b = &ctx->box[ctx->nbox++];
	memset(b, 0, sizeof(*b));
	b->h = S_pos(h, MAXLEN);
	b->glue = ctx->glue;
	b->i0 = i0;
	b->i1 = i1;
	b->keep = keep || ctx->bk < ctx->kn;
	b->force = ctx->force;
	b->tab = tab;
	b->head = head;
	ctx->glue = 0;
	ctx->force = 0;
	ctx->bk++;
}

/* Add glue of height h before the next box. */
static void
S_glue(struct S_ctx *ctx, double h)
{
	ctx->glue = S_pos(ctx->glue + S_pos(h, MAXLEN), ctx->cfg->height);
}

/* Start block blk: its space before, and what keeps it with the last. */
static void
S_block_begin(struct S_ctx *ctx, const struct lay_block *blk)
{
	S_glue(ctx, blk->space_before);
	ctx->kn = ctx->keepn;
	ctx->keepn = 0;
	ctx->bk = 0;
}

/*
 * End block blk: its space after; keep_next keeps its last box with the
 * first two of the next block that has boxes.
 */
static void
S_block_end(struct S_ctx *ctx, const struct lay_block *blk)
{
	S_glue(ctx, blk->space_after);
	if (ctx->bk == 0)
		ctx->keepn = blk->keep_next ? 2 : ctx->kn;
	else
		ctx->keepn = blk->keep_next ? 2 : 0;
}

/*
 * Keep boxes g0 .. g1 together (no break between them) when they fit on
 * one page.
 */
static void
S_keep_group(struct S_ctx *ctx, size_t g0, size_t g1)
{
	double h;
	size_t i;

	if (g1 <= g0 + 1)
		return;
	h = ctx->box[g0].h;
	for (i = g0 + 1; i < g1; i++)
		h += ctx->box[i].glue + ctx->box[i].h;
	if (h > ctx->cfg->height + EPS)
		return;
	for (i = g0 + 1; i < g1; i++)
		ctx->box[i].keep = 1;
}

/* A paragraph: one box per line, no widow or orphan line. */
static void
S_block_para(struct S_ctx *ctx, const struct lay_block *blk)
{
	size_t k, n;

	S_prep(ctx, &ctx->prep, &blk->para);
	ctx->nlb = 0;
	S_lines(ctx, &ctx->prep, 0, ctx->cfg->width, &ctx->pend);
	n = ctx->nlb;
	for (k = 0; k < n; k++)
		S_box(ctx, ctx->lb[k].h, ctx->lb[k].i0, ctx->lb[k].i1,
		    k == 1 || (k > 0 && k + 1 == n), 0, 0);
}

/* Return the left edge x, clamped so that some width remains. */
static double
S_indent(const struct S_ctx *ctx, double x)
{
	double W = ctx->cfg->width, minw = W / 4 < 60 ? W / 4 : 60;

	return S_pos(x, W - minw);
}

/* An image, scaled down to fit the width and a page. */
static void
S_block_image(struct S_ctx *ctx, const struct lay_block *blk)
{
	struct lay_item *it;
	double ind = S_indent(ctx, blk->indent), w, h, s = 1;
	size_t i0 = ctx->pend.n;

	w = S_pos(blk->width, MAXLEN);
	h = S_pos(blk->height, MAXLEN);
	if (w <= 0 || h <= 0)
		return;
	if (w > ctx->cfg->width - ind)
		s = (ctx->cfg->width - ind) / w;
	if (h * s > ctx->cfg->height)
		s = ctx->cfg->height / h;
	it = S_item(&ctx->pend);
	it->kind = LAY_ITEM_IMAGE;
	it->x = ind;
	it->w = w * s;
	it->h = h * s;
	it->elem = blk->elem;
	it->image = blk->image;
	S_box(ctx, h * s, i0, ctx->pend.n, 0, 0, 0);
}

/* A horizontal rule of thickness blk->height (0.5 pt when unset). */
static void
S_block_rule(struct S_ctx *ctx, const struct lay_block *blk)
{
	double ind = S_indent(ctx, blk->indent), t, w;
	size_t i0 = ctx->pend.n;

	t = blk->height > 0 ? S_pos(blk->height, ctx->cfg->height / 4) : 0.5;
	w = ctx->cfg->width - ind;
	if (blk->width > 0 && blk->width < w)
		w = blk->width;
	S_deco(&ctx->pend, LAY_ITEM_LINE, ind, t / 2, w, 0, t, blk->color);
	ctx->pend.v[ctx->pend.n - 1].elem = blk->elem;
	S_box(ctx, t, i0, ctx->pend.n, 0, 0, 0);
}

/*
 * Tables.
 */

/* What a table being laid out needs from row to row. */
struct S_tgeo {
	const struct lay_table *t;
	size_t		 nc, nh, ti;
	double		 pad, tw;
	double		*cx;		/* left edge of each column, nc + 1 */
	size_t		*k, *e, *l1;	/* lines of each cell: next, end of
					 * this piece, end */
};

/*
 * Set cw[0 .. nc) to the content widths of the columns, whose natural
 * and minimum widths are nat and min, sharing S points.
 */
static void
S_colwidths(size_t nc, const double *nat, const double *min, double S,
    int full, double *cw)
{
	double sn = 0, sm = 0, sd = 0;
	size_t c;

	for (c = 0; c < nc; c++) {
		sn += nat[c];
		sm += min[c];
		sd += nat[c] - min[c];
	}
	for (c = 0; c < nc; c++) {
		if (sn <= S + EPS) {
			if (!full)
				cw[c] = nat[c];
			else if (sn > 0)
				cw[c] = nat[c] * S / sn;
			else
				cw[c] = S / (double)nc;
		} else if (sm <= S + EPS) {
			if (sd > 0)
				cw[c] = min[c] + (S - sm) * (nat[c] - min[c]) /
				    sd;
			else
				cw[c] = min[c] + (S - sm) / (double)nc;
		} else if (sm > 0)
			cw[c] = min[c] * S / sm;
		else
			cw[c] = S / (double)nc;
	}
}

/*
 * Add one box for a row of the table, or a slice of a row taller than a
 * page (top: the first, with the top padding and grid line; bottom: the
 * last): its decorations, then the lines k .. e of each cell (items in
 * ctx->scr, moved to ctx->pend).
 */
static void
S_row_piece(struct S_ctx *ctx, const struct S_tgeo *tg, size_t r, int keep,
    int top, int bottom)
{
	const struct lay_table *t = tg->t;
	const struct lay_item *src;
	struct lay_item *it;
	size_t c, l, i, i0 = ctx->pend.n;
	double ph = 0, y, x0 = tg->cx[0];
	int head = r < tg->nh;

	for (c = 0; c < tg->nc; c++) {
		for (y = 0, l = tg->k[c]; l < tg->e[c]; l++)
			y += ctx->lb[l].h;
		if (y > ph)
			ph = y;
	}
	ph += (top ? tg->pad : 0) + (bottom ? tg->pad : 0);
	if (head && t->head_fill)
		S_deco(&ctx->pend, LAY_ITEM_RECT, x0, 0, tg->tw, ph, 0,
		    t->head_fill);
	if (t->rule > 0) {
		if (top)
			S_deco(&ctx->pend, LAY_ITEM_LINE, x0, 0, tg->tw, 0,
			    t->rule, t->rule_color);
		if (bottom)
			S_deco(&ctx->pend, LAY_ITEM_LINE, x0, ph, tg->tw, 0,
			    t->rule, t->rule_color);
		for (c = 0; c <= tg->nc; c++)
			S_deco(&ctx->pend, LAY_ITEM_LINE, tg->cx[c], 0, 0, ph,
			    t->rule, t->rule_color);
	}
	for (c = 0; c < tg->nc; c++) {
		y = top ? tg->pad : 0;
		for (l = tg->k[c]; l < tg->e[c]; l++) {
			for (i = ctx->lb[l].i0; i < ctx->lb[l].i1; i++) {
				src = &ctx->scr.v[i];
				it = S_item(&ctx->pend);
				*it = *src;
				it->y += y;
				ctx->scr.v[i].text = NULL;
			}
			y += ctx->lb[l].h;
		}
	}
	S_box(ctx, ph, i0, ctx->pend.n, keep, tg->ti + 1, head);
}

/*
 * Lay out row r of the table, whose cells are prepared in cp: each cell
 * is broken into lines of its column's width.  The row is one box; when
 * it is taller than limit, one box per line instead (the n-th lines of
 * all cells side by side), so that pages may break between any two
 * lines and the row starts where it is.  The prepared cells are freed.
 */
static void
S_row(struct S_ctx *ctx, struct S_tgeo *tg, struct S_prep *cp,
    const double *cw, size_t r, double limit)
{
	const struct lay_table *t = tg->t;
	const struct lay_cell *cell;
	size_t c, l, i, s0;
	double y, h = 0;
	int el, more, first = 1, keep, split;

	ctx->nlb = 0;
	for (i = 0; i < ctx->scr.n; i++)
		free(ctx->scr.v[i].text);
	ctx->scr.n = 0;
	for (c = 0; c < tg->nc; c++) {
		cell = &t->cells[r * tg->nc + c];
		s0 = ctx->scr.n;
		tg->k[c] = ctx->nlb;
		S_lines(ctx, &cp[c], tg->cx[c] + tg->pad, cw[c], &ctx->scr);
		tg->l1[c] = ctx->nlb;
		S_prep_free(&cp[c]);
		el = cell->elem >= 0 ? cell->elem :
		    t->row_elem != NULL ? t->row_elem[r] : -1;
		for (i = s0; i < ctx->scr.n; i++)
			if (!ctx->scr.v[i].artifact && ctx->scr.v[i].elem < 0)
				ctx->scr.v[i].elem = el;
		for (y = 0, l = tg->k[c]; l < tg->l1[c]; l++)
			y += ctx->lb[l].h;
		if (y > h)
			h = y;
	}
	split = h + 2 * tg->pad > limit + EPS;
	keep = (r > 0 && r < tg->nh) || (r == tg->nh && tg->nh > 0);
	do {
		more = 0;
		for (c = 0; c < tg->nc; c++) {
			tg->e[c] = split && tg->k[c] < tg->l1[c] ?
			    tg->k[c] + 1 : tg->l1[c];
			if (tg->e[c] < tg->l1[c])
				more = 1;
		}
		S_row_piece(ctx, tg, r, first && keep, first, !more);
		first = 0;
		for (c = 0; c < tg->nc; c++)
			tg->k[c] = tg->e[c];
	} while (more);
}

/*
 * A table: column widths from the content, then row by row; the header
 * rows keep together and with the first body row, and are repeated on
 * the pages the table continues on when they take at most half a page.
 */
static void
S_block_table(struct S_ctx *ctx, const struct lay_block *blk)
{
	const struct lay_table *t = blk->table;
	struct S_prep *cp, *pp;
	struct S_tab *tb;
	struct S_tgeo tg;
	double *nat, *min, *cw, W = ctx->cfg->width, H = ctx->cfg->height;
	double A, S, n, m, limit, cap;
	size_t nc, nr, r, c;

	if (t == NULL || t->nrows == 0 || t->ncols == 0 || t->cells == NULL)
		return;
	nr = t->nrows;
	nc = t->ncols;
	memset(&tg, 0, sizeof(tg));
	tg.t = t;
	tg.nc = nc;
	tg.nh = t->nhead < nr ? t->nhead : nr;
	tg.cx = xcalloc(nc + 1, sizeof(*tg.cx));
	tg.k = xcalloc(nc, sizeof(*tg.k));
	tg.e = xcalloc(nc, sizeof(*tg.e));
	tg.l1 = xcalloc(nc, sizeof(*tg.l1));
	nat = xcalloc(nc, sizeof(*nat));
	min = xcalloc(nc, sizeof(*min));
	cw = xcalloc(nc, sizeof(*cw));
	cp = xcalloc(nr * nc, sizeof(*cp));

	tg.cx[0] = S_indent(ctx, t->indent);
	A = W - tg.cx[0];
	tg.pad = S_pos(t->pad, H / 8);
	if (2 * tg.pad * (double)nc > A / 2)
		tg.pad = A / (4 * (double)nc);
	S = A - 2 * tg.pad * (double)nc;
	cap = A / 3;

	/* Natural and minimum widths of the columns. */
	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++) {
			pp = &cp[r * nc + c];
			S_prep(ctx, pp, &t->cells[r * nc + c].para);
			n = S_natural(pp, &m);
			n += S_pos(pp->p->indent, A) + S_pos(pp->p->right, A);
			m += S_pos(pp->p->indent, A) + S_pos(pp->p->right, A);
			if (m > cap)
				m = cap;
			if (n > nat[c])
				nat[c] = n;
			if (m > min[c])
				min[c] = m;
		}
	for (c = 0; c < nc; c++)
		if (nat[c] < min[c])
			nat[c] = min[c];
	S_colwidths(nc, nat, min, S, t->full != 0, cw);
	for (c = 0; c < nc; c++)
		tg.cx[c + 1] = tg.cx[c] + cw[c] + 2 * tg.pad;
	tg.tw = tg.cx[nc] - tg.cx[0];

	ctx->tab = S_reserve(ctx->tab, &ctx->ctab, ctx->ntab + 1,
	    sizeof(*ctx->tab));
	tg.ti = ctx->ntab++;
	tb = &ctx->tab[tg.ti];
	memset(tb, 0, sizeof(*tb));
	tb->h0 = tb->h1 = ctx->nbox;

	for (r = 0; r < nr; r++) {
		tb = &ctx->tab[tg.ti];
		limit = H - (r >= tg.nh && tb->repeat ? tb->hh : 0);
		S_row(ctx, &tg, &cp[r * nc], cw, r, limit);
		if (r + 1 == tg.nh) {
			tb = &ctx->tab[tg.ti];
			tb->h1 = ctx->nbox;
			for (c = tb->h0; c < tb->h1; c++)
				tb->hh += ctx->box[c].h;
			tb->repeat = tg.nh < nr && tb->hh <= H / 2;
		}
	}
	free(cp);
	free(cw);
	free(min);
	free(nat);
	free(tg.l1);
	free(tg.e);
	free(tg.k);
	free(tg.cx);
}

/* Add block blk to the vertical list. */
static void
S_block(struct S_ctx *ctx, const struct lay_block *blk)
{
	switch (blk->kind) {
	case LAY_PARA:
	case LAY_RULE:
	case LAY_IMAGE:
	case LAY_TABLE:
		S_block_begin(ctx, blk);
		if (blk->kind == LAY_PARA)
			S_block_para(ctx, blk);
		else if (blk->kind == LAY_RULE)
			S_block_rule(ctx, blk);
		else if (blk->kind == LAY_IMAGE)
			S_block_image(ctx, blk);
		else
			S_block_table(ctx, blk);
		S_block_end(ctx, blk);
		break;
	case LAY_SPACE:
		S_glue(ctx, blk->space_before);
		S_glue(ctx, blk->height);
		S_glue(ctx, blk->space_after);
		break;
	case LAY_PAGEBREAK:
		ctx->force = 1;
		ctx->keepn = 0;
		break;
	case LAY_ANCHOR:
		ctx->anch = S_reserve(ctx->anch, &ctx->canch, ctx->nanch + 1,
		    sizeof(*ctx->anch));
		ctx->anch[ctx->nanch].id = blk->anchor;
		ctx->anch[ctx->nanch].box = ctx->nbox;
		ctx->nanch++;
		break;
	case LAY_KEEP_BEGIN:
		if (ctx->kdepth++ == 0)
			ctx->kgroup = ctx->nbox;
		break;
	case LAY_KEEP_END:
		if (ctx->kdepth > 0 && --ctx->kdepth == 0)
			S_keep_group(ctx, ctx->kgroup, ctx->nbox);
		break;
	}
}

/*
 * Pages.
 */

/* Return whether a page starting with box b repeats its table's head. */
static int
S_repeats(const struct S_ctx *ctx, const struct S_vbox *b)
{
	return b->tab != 0 && !b->head && ctx->tab[b->tab - 1].repeat;
}

/* Return the y where a page starting with box j begins. */
static double
S_top(const struct S_ctx *ctx, size_t j)
{
	const struct S_vbox *b = &ctx->box[j];

	return S_repeats(ctx, b) ? ctx->tab[b->tab - 1].hh : 0;
}

/*
 * Return whether boxes from j on that must stay together (j and the
 * boxes after it marked keep) are taller than a page starting with j.
 * Looks no further than one page.
 */
static int
S_chain_tall(const struct S_ctx *ctx, size_t j)
{
	double h = S_top(ctx, j) + ctx->box[j].h;
	size_t i;

	for (i = j + 1; i < ctx->nbox && ctx->box[i].keep &&
	    !ctx->box[i].force && h <= ctx->cfg->height + EPS; i++)
		h += ctx->box[i].glue + ctx->box[i].h;
	return h > ctx->cfg->height + EPS;
}

/*
 * Give every box its page and y: fill each page greedily; when a box
 * does not fit, the page ends before the last box on it that may start
 * a page, unless what must stay together from there would not fit a
 * page anyway (then, and when there is no such box, right before this
 * box).  Glue at the top of a page is dropped; a page that continues a
 * table starts below its repeated header rows.  Each break moves the
 * start of a page forward, so this ends; a box is placed again at most
 * once per page it is moved over.
 */
static void
S_paginate(struct S_ctx *ctx)
{
	struct S_vbox *b;
	size_t i = 0, first = 0, j;
	double H = ctx->cfg->height, y = 0, top;
	int page = 0;

	while (i < ctx->nbox) {
		b = &ctx->box[i];
		if (i > first && b->force)
			j = i;
		else {
			top = i == first ? y : y + b->glue;
			if (i == first || top + b->h <= H + EPS) {
				b->page = page;
				b->y = top;
				y = top + b->h;
				i++;
				continue;
			}
			for (j = i; j > first && ctx->box[j].keep; j--)
				;
			if (j == first || (j < i && S_chain_tall(ctx, j)))
				j = i;
		}
		page++;
		first = i = j;
		y = S_top(ctx, j);
	}
}

/*
 * Copy the items of box b to r on page with y added; dup: copy the
 * texts (else they move to r); artifact: mark them artifacts.
 */
static void
S_emit_box(struct S_ctx *ctx, struct lay_result *r, const struct S_vbox *b,
    int page, double y, int dup, int artifact)
{
	struct lay_item *src, *it;
	size_t i;

	for (i = b->i0; i < b->i1; i++) {
		src = &ctx->pend.v[i];
		r->items = S_reserve(r->items, &r->cap, r->nitems + 1,
		    sizeof(*r->items));
		it = &r->items[r->nitems++];
		*it = *src;
		it->page = page;
		it->y += y;
		if (artifact)
			it->artifact = 1;
		if (!dup)
			src->text = NULL;
		else if (src->text != NULL)
			it->text = xstrndup(src->text, src->len);
	}
}

/* Fill r with the items of the paginated boxes, and the anchors. */
static void
S_emit(struct S_ctx *ctx, struct lay_result *r)
{
	const struct S_vbox *b, *hb;
	const struct S_tab *tb;
	size_t i, j;
	double y;
	int prev = -1;

	for (i = 0; i < ctx->nbox; i++) {
		b = &ctx->box[i];
		if (b->page != prev && S_repeats(ctx, b)) {
			tb = &ctx->tab[b->tab - 1];
			for (y = 0, j = tb->h0; j < tb->h1; j++) {
				hb = &ctx->box[j];
				S_emit_box(ctx, r, hb, b->page, y, 1, 1);
				y += hb->h;
			}
		}
		prev = b->page;
		S_emit_box(ctx, r, b, b->page, b->y,
		    b->head && ctx->tab[b->tab - 1].repeat, 0);
	}
	r->npages = prev >= 0 ? prev + 1 : 1;
	r->acap = ctx->nanch;
	r->anchors = xcalloc(ctx->nanch, sizeof(*r->anchors));
	for (i = 0; i < ctx->nanch; i++) {
		r->anchors[i].id = ctx->anch[i].id;
		j = ctx->anch[i].box;
		if (j < ctx->nbox) {
			r->anchors[i].page = ctx->box[j].page;
			r->anchors[i].y = ctx->box[j].y;
		} else if (ctx->nbox > 0) {
			b = &ctx->box[ctx->nbox - 1];
			r->anchors[i].page = b->page;
			r->anchors[i].y = b->y + b->h;
		}
	}
	r->nanchors = ctx->nanch;
}

/* Free everything ctx holds. */
static void
S_ctx_free(struct S_ctx *ctx)
{
	S_items_free(&ctx->pend);
	S_items_free(&ctx->scr);
	S_prep_free(&ctx->prep);
	free(ctx->box);
	free(ctx->tab);
	free(ctx->anch);
	free(ctx->lb);
	free(ctx->pc);
	free(ctx->cut);
	free(ctx->hcut);
	memset(ctx, 0, sizeof(*ctx));
}

/*
 * Return the hyphenation dictionary at path for one layout, loaded once
 * per process (the cache keeps NDICT; the oldest unused one is dropped
 * for a new one), or NULL when it does not load.  Safe in any thread;
 * give it back with S_dict_put() when the layout is done.  When every
 * cached one is in use, the dictionary is loaded for this layout alone.
 */
static HyphenDict *
S_dict_get(const char *path)
{
	struct stat st;
	HyphenDict *d = NULL;
	size_t i;

	pthread_mutex_lock(&S_dict_lock);
	for (i = 0; i < NDICT; i++)
		if (S_dicts[i].path != NULL &&
		    strcmp(S_dicts[i].path, path) == 0) {
			S_dicts[i].refs++;
			d = S_dicts[i].dict;
			goto out;
		}
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (d = hnj_hyphen_load(path)) == NULL)
		goto out;
	for (i = 0; i < NDICT && S_dicts[i].path != NULL; i++)
		;
	if (i == NDICT) {
		/* drop the oldest unused one, if any */
		for (i = 0; i < NDICT && S_dicts[i].refs > 0; i++)
			;
		if (i == NDICT)
			goto out;
		free(S_dicts[i].path);
		hnj_hyphen_free(S_dicts[i].dict);
		memmove(&S_dicts[i], &S_dicts[i + 1],
		    (NDICT - 1 - i) * sizeof(S_dicts[0]));
		i = NDICT - 1;
	}
	S_dicts[i].path = xstrdup(path);
	S_dicts[i].dict = d;
	S_dicts[i].refs = 1;
out:
	pthread_mutex_unlock(&S_dict_lock);
	return d;
}

/* Give back d, which S_dict_get() returned: freed when it is not cached. */
static void
S_dict_put(HyphenDict *d)
{
	size_t i;

	if (d == NULL)
		return;
	pthread_mutex_lock(&S_dict_lock);
	for (i = 0; i < NDICT && S_dicts[i].dict != d; i++)
		;
	if (i < NDICT)
		S_dicts[i].refs--;
	pthread_mutex_unlock(&S_dict_lock);
	if (i == NDICT)
		hnj_hyphen_free(d);
}

/*
 * The interface.
 */

void
lay_doc_init(struct lay_doc *d)
{
	memset(d, 0, sizeof(*d));
}

struct lay_block *
lay_add(struct lay_doc *d, enum lay_kind k)
{
	struct lay_block *b;

	d->blocks = S_reserve(d->blocks, &d->cap, d->n + 1,
	    sizeof(*d->blocks));
	b = &d->blocks[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	b->elem = -1;
	b->para.leading = 1.2;
	return b;
}

struct lay_run *
lay_text(struct lay_para *p, const char *text, size_t len, int font,
    double size, unsigned color)
{
	struct lay_run *r;

	p->runs = S_reserve(p->runs, &p->cap, p->nruns + 1, sizeof(*p->runs));
	r = &p->runs[p->nruns++];
	memset(r, 0, sizeof(*r));
	if (text == NULL)
		len = 0;
	r->text = xstrndup(len > 0 ? text : "", len);
	r->len = len;
	r->font = font;
	r->size = size;
	r->color = color;
	r->elem = -1;
	return r;
}

struct lay_table *
lay_table_new(size_t nrows, size_t ncols, size_t nhead)
{
	struct lay_table *t = xcalloc(1, sizeof(*t));
	size_t i, n;

	if (ncols != 0 && nrows > SIZE_MAX / ncols / sizeof(struct lay_cell))
		S_toobig();
	n = nrows * ncols;
	t->nrows = nrows;
	t->ncols = ncols;
	t->nhead = nhead < nrows ? nhead : nrows;
	t->cells = xcalloc(n, sizeof(*t->cells));
	for (i = 0; i < n; i++) {
		t->cells[i].elem = -1;
		t->cells[i].para.leading = 1.2;
	}
	t->row_elem = xcalloc(nrows, sizeof(*t->row_elem));
	for (i = 0; i < nrows; i++)
		t->row_elem[i] = -1;
	return t;
}

struct lay_cell *
lay_cell(struct lay_table *t, size_t r, size_t c)
{
	if (t == NULL || r >= t->nrows || c >= t->ncols)
		return NULL;
	return &t->cells[r * t->ncols + c];
}

void
lay_para_free(struct lay_para *p)
{
	size_t i;

	for (i = 0; i < p->nruns; i++)
		free(p->runs[i].text);
	free(p->runs);
	free(p->label.text);
	p->runs = NULL;
	p->nruns = p->cap = 0;
	p->label.text = NULL;
	p->label.len = 0;
	p->has_label = 0;
}

/* Free table t and its cells. */
static void
S_table_free(struct lay_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		lay_para_free(&t->cells[i].para);
	free(t->cells);
	free(t->row_elem);
	free(t);
}

void
lay_doc_free(struct lay_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		lay_para_free(&d->blocks[i].para);
		S_table_free(d->blocks[i].table);
	}
	free(d->blocks);
	memset(d, 0, sizeof(*d));
}

int
lay_typeset(const struct lay_doc *d, const struct lay_config *cfg,
    struct lay_result *r)
{
	struct S_ctx ctx;
	size_t i;

	if (r == NULL)
		return -1;
	memset(r, 0, sizeof(*r));
	if (cfg == NULL || cfg->measure == NULL ||
	    !(cfg->width >= 36 && cfg->width <= MAXLEN) ||
	    !(cfg->height >= 36 && cfg->height <= MAXLEN))
		return -1;
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	if (cfg->hyphen_dict != NULL &&
	    (ctx.dict = S_dict_get(cfg->hyphen_dict)) == NULL)
		return -1;
	ctx.asc = cfg->ascent > 0 && cfg->ascent <= 1 ? cfg->ascent : 0.8;
	ctx.kgroup = NONE;
	for (i = 0; d != NULL && i < d->n; i++)
		S_block(&ctx, &d->blocks[i]);
	if (ctx.kdepth > 0)
		S_keep_group(&ctx, ctx.kgroup, ctx.nbox);
	S_paginate(&ctx);
	S_emit(&ctx, r);
	S_dict_put(ctx.dict);
	S_ctx_free(&ctx);
	return 0;
}

void
lay_result_free(struct lay_result *r)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		free(r->items[i].text);
	free(r->items);
	free(r->anchors);
	memset(r, 0, sizeof(*r));
}

const struct lay_anchor *
lay_anchor_find(const struct lay_result *r, int id)
{
	size_t i;

	for (i = 0; i < r->nanchors; i++)
		if (r->anchors[i].id == id)
			return &r->anchors[i];
	return NULL;
}
