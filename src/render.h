/*
 * render.h - one document into its page, PDF and ODT, in memory.
 *
 * The site build (site.c) and signing and verifying (sign.c, verify.c)
 * render a document the same way: the page data (render_html.h) made
 * once, the PDF and ODT from it, and the HTML page from the "document"
 * template with the page data and the links to the PDF and ODT.  What
 * that needs from the content folder (templates, the PDF theme, the ODT
 * styles) is a struct render_kit, set up once per content folder.
 * Nothing here writes a file.
 */
#ifndef PAKT_RENDER_H
#define PAKT_RENDER_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "html_body.h"
#include "pages.h"
#include "theme.h"

struct content;
struct doc;
struct period;
struct series;
struct tval;

/* What renders the documents of one content folder (one revision). */
struct render_kit {
	struct content	*c;		/* not owned */
	struct pages	 pg;
	int		 has_pg;
	struct theme	 theme;
	int		 has_theme;
	char		*styles, *styles_file;	/* templates/odt/styles.xml */
	size_t		 styles_len;
};

/*
 * Set up what renders the documents of c: the page templates, and the
 * PDF theme (pdf) and the ODT styles (odt) when those formats are
 * wanted.  Returns 0, or -1 after recording why in d; free with
 * render_kit_free() in either case.
 */
int		 render_kit_init(struct render_kit *k, struct content *c,
		    int pdf, int odt, struct diag *d);
void		 render_kit_free(struct render_kit *k);

/*
 * One document being rendered.  Set doc and kit (the rest zeroed), call
 * render_job_data() and then render_job_files(); the results are the
 * caller's, free them with render_job_free().
 */
struct render_job {
	struct doc		*doc;
	struct render_kit	*kit;
	struct tval		*data;	/* page data, html_doc_data() */
	struct html_toc		 toc;	/* its headings */
	struct buf		 pdf, odt;
	int			 pdf_rc, odt_rc;	/* of pdf_render(),
						   odt_render() */
	struct diag		 d;	/* what rendering found */
};

/* Make the page data of j->doc.  One thread at a time. */
void		 render_job_data(struct render_job *j);

/*
 * Render the PDF (when pdf) and the ODT (when odt) of j->doc into
 * j->pdf and j->odt from its page data, setting j->pdf_rc and
 * j->odt_rc; problems go to j->d.  Any thread, once render_init() has
 * run (render_pdf.h).
 */
void		 render_job_files(struct render_job *j, int pdf, int odt);

/* Append the problems j->d holds to d, and empty j->d. */
void		 render_job_diag(struct render_job *j, struct diag *d);

/* Free what j holds (page data, headings, buffers, problems). */
void		 render_job_free(struct render_job *j);

/*
 * The values every page has: language, the way back to the site root
 * from rel, the site's title, the labels, the page's title and an
 * empty breadcrumb trail.  Free with tval_free().
 */
struct tval	*render_page_data(const struct content *c, const char *rel,
		    int english, const char *title);

/* Add the trail down to (not including) a page of series s (NULL: the
 * home page) and period p (NULL: the series page) to page. */
void		 render_crumbs(struct tval *page, const struct series *s,
		    const struct period *p, int english);

/*
 * The size in bytes of the output of doc at rel (its outstem with
 * ".pdf" or ".odt"), or -1 when there is none; arg is passed through.
 */
typedef long long (*render_size_fn)(const void *arg, const char *rel);

/*
 * The downloads of doc (its PDF and ODT, those that size says exist)
 * as a list of {label, href, size}, with href relative to a page in
 * the same folder as the document when from_period is 0, or in its
 * period's folder.  Free with tval_free().
 */
struct tval	*render_downloads(const struct doc *doc, render_size_fn size,
		    const void *arg, int from_period);

/*
 * Append the HTML page of doc to out: the "document" template with the
 * page data data and the download list downloads (both now owned by
 * this function, freed in any case).  Returns 0, or -1 after recording
 * in d why the template could not be rendered.
 */
int		 render_doc_page(struct render_kit *k,
		    const struct doc *doc, struct tval *data,
		    struct tval *downloads, struct buf *out, struct diag *d);

/* The HTML page, PDF and ODT of one document. */
struct render_out {
	struct buf	 html, pdf, odt;
};

/*
 * Render the page, PDF and ODT of doc, a valid document of k's content,
 * for its outstem (doc_outstem()), into out (zeroed by the caller; free
 * with render_out_free() in any case).  Returns 0, or -1 after
 * recording in d what went wrong (a format may then be empty).
 */
int		 render_doc(struct render_kit *k, struct doc *doc,
		    struct render_out *out, struct diag *d);
void		 render_out_free(struct render_out *out);

/* The output of out in format ext: "html", "pdf" or "odt" (else NULL). */
const struct buf *render_out_get(const struct render_out *out,
		    const char *ext);

/*
 * Format a file size for a download link: "246,8 kB" (Swedish) or
 * "246.8 kB" (English).  Writes at most size bytes to dst.
 */
void		 render_format_size(char *dst, size_t size, long long bytes,
		    int english);

#endif
