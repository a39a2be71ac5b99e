/*
 * render_pdf.h - a document as a tagged, archival PDF file.
 *
 * The document's body (the cmark tree) and its furniture (letterhead,
 * table of contents, action tables, signature block: the same data the
 * HTML page shows) become blocks for the layout engine (layout.h); the
 * laid-out pages are drawn with the PDF writer (pdfdoc.h) together with
 * the running header, the footer "Sida N av M", bookmarks, links and the
 * UTKAST mark of drafts.
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
 * image that cannot be read).
 */
int	pdf_render(struct buf *out, const struct doc *doc,
	    const struct pdf_opts *o, struct diag *d);

#endif
