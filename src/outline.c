/*
 * outline.c - the headings of a document: level, id and text, once.
 *
 * One walk over the tree with cmark's iterator, visiting the headings
 * in the order the renderers write them.  The open heading levels, at
 * most seven, are a fixed array; the ids taken and the headings by
 * node are open-addressing hash sets, so 10,000 headings cost no more
 * than 10,000 lookups.
 */
#include "outline.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "buf.h"

#define OL_SLUG_MAX	 64	/* bytes of a heading id before any suffix */

/* One id already taken, and the next suffix to try for it. */
struct ol_id {
	char	*s;	/* owned; NULL for an empty slot */
	int	 next;	/* 0 until "s-2" has been looked for */
};

/* The ids taken so far: an open-addressing hash set. */
struct ol_ids {
	struct ol_id	*slots;
	size_t		 cap;	/* a power of two, or 0 */
	size_t		 n;
};

/* A heading met so far that can still parent the next one. */
struct ol_level {
	int	 src;	/* level in the source, 1-6 (0 for the base) */
	int	 out;	/* level on the page */
};

/* Everything one outline_new() call needs while it walks. */
struct ol {
	struct outline	*o;
	size_t		 cap;		/* of o->items */
	struct ol_level	 levels[8];	/* open headings, src increasing */
	int		 nlevels;
	struct ol_ids	 ids;
};

/*
 * ASCII for U+00C0 to U+00FF in ids, so "Överenskommelse" gives
 * "overenskommelse"; "" for the two signs (multiplication, division).
 */
static const char *const ol_latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* C0-C7 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* C8-CF */
	"d", "n", "o", "o", "o", "o", "o", "",		/* D0-D7 */
	"o", "u", "u", "u", "u", "y", "th", "ss",	/* D8-DF */
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* E0-E7 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* E8-EF */
	"d", "n", "o", "o", "o", "o", "o", "",		/* F0-F7 */
	"o", "u", "u", "u", "u", "y", "th", "y",	/* F8-FF */
};

static int
S_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
S_is_alnum(int c)
{
	return S_is_digit(c) || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

void
md_plain_text(struct buf *out, cmark_node *node)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;
	size_t start = out->len, len;
	int sep = 0;

	if (node == NULL)
		return;
	it = cmark_iter_new(node);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		lit = NULL;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			lit = " ";
			break;
		default:
			break;
		}
		/* Blocks are kept apart by a space. */
		if ((cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) ==
		    CMARK_NODE_TYPE_BLOCK)
			sep = 1;
		if (lit == NULL || *lit == '\0')
			continue;
		len = strlen(lit);
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		    lit[len - 1] == '\n')
			len--;
		if (sep && out->len > start)
			buf_putc(out, ' ');
		buf_put(out, lit, len);
		sep = 0;
	}
	cmark_iter_free(it);
	if (out->ptr == NULL)
		buf_puts(out, "");
}

/* Whether s holds nothing but ASCII white space. */
static int
S_blank(const char *s)
{
	return s[strspn(s, " \t\n\r\f\v")] == '\0';
}

/* FNV-1a hash of s. */
static size_t
S_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* A hash of the address p. */
static size_t
S_hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

/*
 * Return the slot of s in ids: the one holding s, or the empty one
 * where it would go.  ids->cap must not be 0.
 */
static struct ol_id *
S_ids_slot(struct ol_ids *ids, const char *s)
{
	size_t i = S_hash(s) & (ids->cap - 1);

	while (ids->slots[i].s != NULL && strcmp(ids->slots[i].s, s) != 0)
		i = (i + 1) & (ids->cap - 1);
	return &ids->slots[i];
}

/* Whether s is in ids. */
static int
S_ids_has(struct ol_ids *ids, const char *s)
{
	return ids->cap > 0 && S_ids_slot(ids, s)->s != NULL;
}

/*
 * Add s, which must not be in ids yet; ids takes it over.  Returns its
 * slot, valid until the next addition.
 */
static struct ol_id *
S_ids_add(struct ol_ids *ids, char *s)
{
	struct ol_id *old = ids->slots, *slot;
	size_t oldcap = ids->cap, i;

	if ((ids->n + 1) * 2 > ids->cap) {
		ids->cap = oldcap ? oldcap * 2 : 64;
		ids->slots = xcalloc(ids->cap, sizeof(*ids->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i].s != NULL)
				*S_ids_slot(ids, old[i].s) = old[i];
		free(old);
	}
	slot = S_ids_slot(ids, s);
	slot->s = s;
	slot->next = 0;
	ids->n++;
	return slot;
}

/* Free the ids and their strings; ids is empty afterwards. */
static void
S_ids_free(struct ol_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->cap; i++)
		free(ids->slots[i].s);
	free(ids->slots);
	ids->slots = NULL;
	ids->cap = ids->n = 0;
}

/*
 * Append the id base for a heading with plain text text to slug:
 * ASCII letters and digits in lower case, Latin-1 letters without
 * their marks, every other run as one hyphen, none at either end; at
 * most OL_SLUG_MAX bytes.  Empty text gives "avsnitt"; one that would
 * start with a digit or look like a footnote id gets "h-" in front.
 */
static void
S_slug(struct buf *slug, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	const char *add;
	char one[2] = { 0, 0 };
	size_t start = slug->len, alen, i;
	int dash = 0;

	for (; *p != '\0'; p++) {
		add = NULL;
		if (S_is_alnum(*p)) {
			one[0] = (char)(*p >= 'A' && *p <= 'Z' ?
			    *p - 'A' + 'a' : *p);
			add = one;
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			add = ol_latin1[p[1] - 0x80];
			p++;
			if (*add == '\0')
				add = NULL;
		}
		if (add == NULL) {
			dash = 1;
			continue;
		}
		alen = strlen(add);
		if (slug->len - start + (dash ? 1 : 0) + alen > OL_SLUG_MAX) {
			/* In a word: cut after the last whole one, if any. */
			for (i = slug->len; !dash && i > start; i--) {
				if (slug->ptr[i - 1] == '-') {
					slug->len = i - 1;
					slug->ptr[slug->len] = '\0';
					break;
				}
			}
			break;
		}
		if (dash && slug->len > start)
			buf_putc(slug, '-');
		buf_puts(slug, add);
		dash = 0;
	}
	if (slug->len == start)
		buf_puts(slug, "avsnitt");
	else if (S_is_digit(slug->ptr[start]) ||
	    (strncmp(slug->ptr + start, "fn-", 3) == 0 &&
	     S_is_digit(slug->ptr[start + 3])) ||
	    (strncmp(slug->ptr + start, "fnref-", 6) == 0 &&
	     S_is_digit(slug->ptr[start + 6]))) {
		/* Move the slug right to make room for "h-". */
		buf_put(slug, "h-", 2);
		memmove(slug->ptr + start + 2, slug->ptr + start,
		    slug->len - start - 2);
		memcpy(slug->ptr + start, "h-", 2);
	}
}

/*
 * Return a new id for a heading with plain text text, unique in the
 * page, in a new string the caller frees, and record it as taken.
 */
static char *
S_heading_id(struct ol *s, const char *text)
{
	struct buf base = BUF_INIT;
	struct ol_id *slot;
	char *cand;
	int k;

	S_slug(&base, text);
	if (!S_ids_has(&s->ids, base.ptr))
		return xstrdup(S_ids_add(&s->ids, buf_detach(&base))->s);
	slot = S_ids_slot(&s->ids, base.ptr);
	for (k = slot->next > 2 ? slot->next : 2; ; k++) {
		cand = xasprintf("%s-%d", base.ptr, k);
		if (!S_ids_has(&s->ids, cand))
			break;
		free(cand);
	}
	slot->next = k < INT_MAX ? k + 1 : k;
	buf_free(&base);
	return xstrdup(S_ids_add(&s->ids, cand)->s);
}

/*
 * Return the level on the page of a heading of level src in the source,
 * and remember it as the parent of deeper ones that follow.
 */
static int
S_heading_level(struct ol *s, int src)
{
	int out;

	if (src < 1)
		src = 1;
	if (src > 6)
		src = 6;
	while (s->nlevels > 0 && s->levels[s->nlevels - 1].src >= src)
		s->nlevels--;
	if (s->nlevels == 0)
		out = s->o->top;
	else
		out = s->levels[s->nlevels - 1].out + 1;
	if (out > 6)
		out = 6;
	s->levels[s->nlevels].src = src;
	s->levels[s->nlevels].out = out;
	s->nlevels++;
	return out;
}

/* Add heading n to the outline unless it has no text. */
static void
S_heading(struct ol *s, cmark_node *n)
{
	struct outline_heading *h;
	struct buf text = BUF_INIT;

	md_plain_text(&text, n);
	if (S_blank(text.ptr)) {
		buf_free(&text);
		return;
	}
	if (s->o->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->o->items = xrealloc(s->o->items,
		    s->cap * sizeof(*s->o->items));
	}
	h = &s->o->items[s->o->n++];
	h->node = n;
	h->level = S_heading_level(s, cmark_node_get_heading_level(n));
	h->id = S_heading_id(s, text.ptr);
	h->text = buf_detach(&text);
}

/* The slot of node in o's index: the one holding it, or an empty one. */
static size_t *
S_node_slot(const struct outline *o, const cmark_node *node)
{
	size_t i = S_hash_ptr(node) & (o->cap - 1);

	while (o->slots[i] != 0 && o->items[o->slots[i] - 1].node != node)
		i = (i + 1) & (o->cap - 1);
	return &o->slots[i];
}

/* Index the headings of o by node. */
static void
S_index(struct outline *o)
{
	size_t i;

	for (o->cap = 16; o->cap < o->n * 2; o->cap *= 2)
		continue;
	o->slots = xcalloc(o->cap, sizeof(*o->slots));
	for (i = 0; i < o->n; i++)
		*S_node_slot(o, o->items[i].node) = i + 1;
}

struct outline *
outline_new(cmark_node *root, int top)
{
	struct ol s;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n, *prev;

	if (root == NULL)
		return NULL;
	memset(&s, 0, sizeof(s));
	s.o = xcalloc(1, sizeof(*s.o));
	s.o->top = top > 6 ? 6 : top >= 1 ? top : OUTLINE_TOP;
	S_ids_add(&s.ids, xstrdup(OUTLINE_FN_HEADING));
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			/* Headings in the notes go under the notes' heading. */
			prev = cmark_node_previous(n);
			if (prev == NULL || cmark_node_get_type(prev) !=
			    CMARK_NODE_FOOTNOTE_DEFINITION) {
				s.levels[0].src = 0;
				s.levels[0].out = s.o->top;
				s.nlevels = 1;
			}
			break;
		case CMARK_NODE_HEADING:
			S_heading(&s, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			/* Nothing inline holds a heading. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	S_ids_free(&s.ids);
	S_index(s.o);
	return s.o;
}

long
outline_find(const struct outline *o, const cmark_node *node)
{
	size_t slot;

	if (o == NULL || node == NULL || o->n == 0)
		return -1;
	slot = *S_node_slot(o, node);
	return slot > 0 ? (long)(slot - 1) : -1;
}

void
outline_free(struct outline *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++) {
		free(o->items[i].id);
		free(o->items[i].text);
	}
	free(o->items);
	free(o->slots);
	free(o);
}
