/*
 * html_body.h - render a Markdown tree as an HTML fragment.
 *
 * The fragment is what goes inside a page's <main>: it never contains
 * raw HTML from the source (HTML blocks and inline HTML are dropped),
 * and links or images whose URL has a scheme other than http, https,
 * mailto or tel (javascript:, data:, vbscript:, file:, ...) lose their
 * URL: a link renders as its text, an image as nothing but its alt text.
 */
#ifndef PAKT_HTML_BODY_H
#define PAKT_HTML_BODY_H

#include <cmark-gfm.h>

#include "buf.h"
#include "outline.h"

/*
 * Resolve the URL of a link (image == 0) or image (image == 1) that
 * passed the scheme check.  Returns the URL to write in a newly
 * allocated string the renderer frees, or NULL to drop the URL (as for
 * an unsafe one).  What it returns is checked again with
 * url_is_safe() (url.h) and dropped if unsafe.  node is the link or image
 * node, for source positions.
 */
typedef char	*(*html_url_fn)(const char *url, int image, cmark_node *node,
		    void *arg);

struct html_body_opts {
	html_url_fn	 url;		/* NULL: keep safe URLs as they are */
	void		*arg;		/* passed to url */
	int		 top_level;	/* level of the body's top headings, e.g. 2;
					   below 1: 2; above 6: 6 */
	const char	*footnotes_label; /* heading of the footnote list;
					   NULL: "Fotnoter" */
	const char	*backref_label;	/* accessible name of "back to text" links,
					   followed by the note's number;
					   NULL: "Tillbaka till texten" */
	const struct outline *outline;	/* the outline of root (outline.h), or
					   NULL: one is made for the call; not
					   used unless made with top_level */
};

struct html_heading {
	int	 level;		/* level as written in the output, 1-6 */
	char	*id;		/* the id attribute, unique in the page */
	char	*text;		/* plain text of the heading */
};

struct html_toc {
	struct html_heading	*items;
	size_t			 n;
};

/*
 * Append the HTML of the tree under root to out.  Headings take the
 * levels and ids of the outline (outline.h) made with top_level: the
 * shallowest one written in the source gets top_level and no heading is
 * more than one level deeper than the one before it (nor deeper than 6);
 * each gets an id made from its text (ASCII, lowercase, hyphens, unique:
 * "inledning", "inledning-2").  A heading without text is left out.
 * Footnotes follow the text in a <section> headed at top_level with the
 * id OUTLINE_FN_HEADING; their ids are "fn-N" and "fnref-N" ("fnref-N-2"
 * for a second reference).  A link without text shows its URL.  When toc
 * is not NULL it is overwritten (not freed first) with every heading
 * written, in order: toc item i is outline item i.  Free it with
 * html_toc_free().  Returns 0, or -1 when out or root is NULL.
 */
int	 html_render_body(struct buf *out, cmark_node *root,
	    const struct html_body_opts *opts, struct html_toc *toc);

/* Free what html_render_body() put in toc; toc is empty afterwards. */
void	 html_toc_free(struct html_toc *toc);

/* The index in toc of the heading with id (len bytes), or -1. */
long	 html_toc_find(const struct html_toc *toc, const char *id,
	    size_t len);


#endif
