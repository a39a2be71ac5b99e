/*
 * render_odt.h - a document as an OpenDocument text (ODF 1.3) package.
 *
 * The body (the cmark tree) and the furniture (letterhead, table of
 * contents, action tables, signature block, revision history: the same
 * page data as the HTML, from html_doc_data(), which the caller makes
 * once for all formats) become content.xml, written with libxml2's
 * xmlTextWriter.  styles.xml is the reference document's
 * (templates/odt/styles.xml, which a municipality may replace) with the
 * header and footer of this document; meta.xml carries the metadata,
 * with the dates of the first and of this version and the version.
 */
#ifndef PAKT_RENDER_ODT_H
#define PAKT_RENDER_ODT_H

#include <stddef.h>

struct buf;
struct diag;
struct doc;
struct html_toc;
struct source;
struct tval;

struct odt_opts {
	const struct tval	*data;	/* the page data of the doc */
	const struct html_toc	*toc;	/* and its headings, both from
					   html_doc_data() */
	struct source	*src;		/* for images */
	const char	*styles;	/* templates/odt/styles.xml */
	size_t		 styles_len;
	const char	*styles_file;	/* its path, for messages */
	const char	*base_url;	/* of the website, or NULL */
};

/*
 * Append the ODT package of doc (which must be valid) to out.  Returns
 * 0, or -1 after recording the problem in d.  Several threads may render
 * at once, each its own document with its own d, once render_init()
 * (render_pdf.h) has run; the styles and the page data are only read.
 */
int	odt_render(struct buf *out, const struct doc *doc,
	    const struct odt_opts *o, struct diag *d);

#endif
