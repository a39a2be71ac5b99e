/*
 * outline.h - the headings of a document: level, id and text, once.
 *
 * One walk over a Markdown tree gives every heading with text its level
 * on the page, an id unique in the page and its plain text.  Every
 * renderer looks a heading up here by its cmark node, so the HTML page,
 * the PDF and the ODT agree on them without computing them again.  A
 * heading that is not in the outline has no text and is left out of
 * every output.
 *
 * A document's outline is built with it (doc.h: doc->outline, top level
 * OUTLINE_TOP) and belongs to it; it points into the document's tree,
 * which must not change while the outline lives.
 */
#ifndef PAKT_OUTLINE_H
#define PAKT_OUTLINE_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"

/* The level of a document's top headings: the page's title is 1. */
#define OUTLINE_TOP		2
/* The id of the heading over the footnotes, which no heading takes. */
#define OUTLINE_FN_HEADING	"footnotes-heading"

struct outline_heading {
	cmark_node	*node;	/* the heading in the tree, not owned */
	int		 level;	/* level on the page, 1-6 */
	char		*id;	/* unique in the page */
	char		*text;	/* plain text, not blank */
};

struct outline {
	struct outline_heading	*items;	/* in the order of the tree */
	size_t			 n;
	int			 top;	/* level of the top headings, 1-6 */
	/* private: items' indices plus one by node, open addressing */
	size_t			*slots;
	size_t			 cap;	/* a power of two */
};

/*
 * The outline of the tree under root, with top (below 1: 2, above 6: 6)
 * as the level of the shallowest headings written in the source.  Each
 * heading with text, in the order of the tree, gets:
 *
 * - a level: no more than one deeper than the heading before it that it
 *   comes under (nor deeper than 6); the headings in the footnotes come
 *   under the notes' heading, which has level top;
 * - an id made from its text: ASCII letters and digits in lower case,
 *   Latin-1 letters without their marks, hyphens between words, at most
 *   64 bytes; "avsnitt" when nothing is left, "h-" in front of one that
 *   starts with a digit or looks like a footnote id ("fn-1"); "-2",
 *   "-3" ... after one already taken (OUTLINE_FN_HEADING is taken).
 *
 * A heading whose plain text (md_plain_text()) is only ASCII white
 * space is not in the outline.  Returns a new outline the caller frees
 * with outline_free(), or NULL when root is NULL.
 */
struct outline	*outline_new(cmark_node *root, int top);
void		 outline_free(struct outline *o);

/*
 * The index in o->items of heading node, or -1 when node is not in the
 * outline (a heading without text, any other node, or o is NULL).
 */
long		 outline_find(const struct outline *o, const cmark_node *node);

/*
 * Append the plain text under node to out: text, code and code blocks,
 * alt text of images; line breaks and the gap between blocks become one
 * space; raw HTML and footnote references give nothing.
 */
void		 md_plain_text(struct buf *out, cmark_node *node);

#endif
