/*
 * render_pdf.h - a document as a tagged, archival PDF file.
 *
 * The document's body (the cmark tree) and its furniture (letterhead,
 * table of contents, action tables, signature block, revision history:
 * the same data the HTML page shows) become blocks for the layout engine
 * (layout.h); the laid-out pages are drawn with the PDF writer
 * (pdfdoc.h) together with the running header, the footer (reference,
 * version, "Sida N av M"), bookmarks, links and the UTKAST mark of
 * drafts.
 */
#ifndef PAKT_RENDER_PDF_H
#define PAKT_RENDER_PDF_H

struct buf;
struct diag;
struct doc;
struct html_toc;
struct source;
struct theme;
struct tval;

struct pdf_opts {
	const struct tval	*data;		/* the page data of the doc */
	const struct html_toc	*toc;		/* and its headings, both from
						   html_doc_data() */
	const struct theme	*theme;
	struct source		*src;		/* for images */
	const char		*base_url;	/* of the website, or NULL */
};

/*
 * Append the PDF of doc (which must be valid) to out.  Returns 0, or -1
 * after recording the problem in d (a font that is not installed, an
 * image that cannot be read).  Several threads may render at once, each
 * its own document with its own d, once render_init() has run; the
 * theme and the page data are only read.
 */
int	pdf_render(struct buf *out, const struct doc *doc,
	    const struct pdf_opts *o, struct diag *d);

/*
 * What the PDF and the ODT renderers (render_odt.c) share.
 */

/*
 * Make ready what the renderers use and that must be made ready once
 * per process before threads render (libxml2's parser and encodings,
 * cmark-gfm's extensions).  Safe to call more than once, from any
 * thread; call it before the first thread starts rendering.
 */
void	render_init(void);

#endif
