/*
 * pdfdoc.h - a tagged, archival PDF file written with libharu.
 *
 * The PDF renderer (render_pdf.c) decides what goes where; this module
 * knows how to say it in PDF: TrueType fonts found with fontconfig,
 * embedded and subset, with a ToUnicode map that text extraction reads;
 * text, rectangles, lines and images on pages; marked content tied into
 * a structure tree (Document, H1-H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD,
 * Figure, Link, Note, TOC/TOCI, ...) and artifacts; link annotations;
 * bookmarks; page labels; and on saving, PDF/A-2 (level A) with an sRGB
 * output intent and XMP metadata that matches the Info dictionary and
 * declares PDF/UA-1.  Output depends only on what it is given: no clock,
 * /ID derived from the content.
 *
 * Coordinates are PDF points from the bottom-left corner of the page.
 * Functions that can fail return -1 (or NULL) and leave a message for
 * pdf_error(); after any error pdf_save() fails too.
 */
#ifndef PAKT_PDFDOC_H
#define PAKT_PDFDOC_H

#include <stddef.h>

struct buf;
struct pdfdoc;

/* Document information, copied by pdf_new().  Any string may be NULL. */
struct pdf_info {
	const char	*title;
	const char	*author;	/* the parties, comma separated */
	const char	*subject;	/* the description */
	const char	*keywords;	/* reference and period */
	const char	*creator;	/* "pakt 0.1.0" */
	const char	*lang;		/* "sv-SE" or "en" */
	long long	 created;	/* seconds since the epoch, UTC */
	long long	 modified;
};

/* A new empty document, or NULL (memory or libharu failure). */
struct pdfdoc	*pdf_new(const struct pdf_info *info);
void		 pdf_free(struct pdfdoc *p);
/* The first error message, or NULL when nothing failed. */
const char	*pdf_error(const struct pdfdoc *p);

/*
 * Load the TrueType font that fontconfig matches for family with the
 * given weight and slant (bold, italic: 0 or 1), embedded.  The path
 * fontconfig answers is looked up once per process.  Returns a font
 * number, or -1 when no TrueType (.ttf) file matches.
 */
int		 pdf_font(struct pdfdoc *p, const char *family, int bold,
		    int italic);
/* The width of len bytes of UTF-8 s in font at 1 pt, in points. */
double		 pdf_text_width(struct pdfdoc *p, int font, const char *s,
		    size_t len);
/* The font's ascent and descent (negative) at 1 pt, in points. */
double		 pdf_font_ascent(struct pdfdoc *p, int font);
double		 pdf_font_descent(struct pdfdoc *p, int font);

/* Add an A4-sized (w by h points) page; returns its number (0-based). */
int		 pdf_page(struct pdfdoc *p, double w, double h);

/*
 * Structure elements.  Element 0 is the Document.  pdf_elem() creates
 * an element of type (a standard structure type such as "P") below
 * parent and returns its number.  An element joins its parent's
 * children when content is first marked in it (or in an element below
 * it), so children appear in the order their content is drawn; an
 * element that never gets content is left out.
 */
int		 pdf_elem(struct pdfdoc *p, int parent, const char *type);
/* /Alt text (figures, formulas). */
void		 pdf_elem_alt(struct pdfdoc *p, int elem, const char *alt);
/* /A << /O /Table /Scope /Column >> (or /Row) for a TH. */
void		 pdf_elem_scope(struct pdfdoc *p, int elem, int column);
/* /ActualText, e.g. for a list label drawn as a bullet. */
void		 pdf_elem_actual(struct pdfdoc *p, int elem, const char *text);

/*
 * Marked content on page: pdf_mark() opens a sequence that belongs to
 * elem (BDC with the page's next MCID); pdf_artifact() opens an artifact
 * (type "Pagination" with subtype "Header", "Footer" or "Watermark", or
 * type "Layout" with subtype NULL).  pdf_unmark() closes either.  They do
 * not nest.
 */
void		 pdf_mark(struct pdfdoc *p, int page, int elem);
void		 pdf_artifact(struct pdfdoc *p, int page, const char *type,
		    const char *subtype);
void		 pdf_unmark(struct pdfdoc *p, int page);

/* Draw len bytes of UTF-8 s with its baseline starting at (x, y). */
void		 pdf_text(struct pdfdoc *p, int page, double x, double y,
		    int font, double size, unsigned rgb, const char *s,
		    size_t len);
/* The same, rotated by angle degrees counter-clockwise around (x, y). */
void		 pdf_text_rotated(struct pdfdoc *p, int page, double x,
		    double y, double angle, int font, double size,
		    unsigned rgb, const char *s, size_t len);
/* Fill a rectangle with bottom-left corner (x, y). */
void		 pdf_rect(struct pdfdoc *p, int page, double x, double y,
		    double w, double h, unsigned rgb);
/* Stroke a line of width lw. */
void		 pdf_line(struct pdfdoc *p, int page, double x1, double y1,
		    double x2, double y2, double lw, unsigned rgb);

/*
 * Load a PNG (with or without alpha) or JPEG image from memory.  Returns
 * an image number and its size in pixels, or -1 when the data is not an
 * image libharu can read (the message says why).
 */
int		 pdf_image(struct pdfdoc *p, const void *data, size_t len,
		    unsigned *wpx, unsigned *hpx);
/* Draw image img with bottom-left corner (x, y), w by h points. */
void		 pdf_draw_image(struct pdfdoc *p, int page, int img, double x,
		    double y, double w, double h);

/*
 * A destination: the top of position y on page.  Returns its number.
 */
int		 pdf_dest(struct pdfdoc *p, int page, double y);
/*
 * A link annotation over the rectangle (x, y, w, h) on page, to uri or
 * (when uri is NULL) to destination dest, tied to the Link element elem
 * with an OBJR.  contents describes it for assistive technology.
 */
void		 pdf_link(struct pdfdoc *p, int page, double x, double y,
		    double w, double h, int elem, const char *uri, int dest,
		    const char *contents);
/* A bookmark below parent (-1 for the top level) to dest; returns its
 * number for children. */
int		 pdf_outline(struct pdfdoc *p, int parent, const char *title,
		    int dest);
/* Pages from first on are labelled prefix + decimal numbers from start. */
void		 pdf_page_label(struct pdfdoc *p, int first, int start,
		    const char *prefix);

/*
 * Finish the document (structure tree, PDF/A metadata, output intent,
 * /ID from the MD5 of seed and the metadata) and append the file to
 * out.  Returns 0, or -1 with pdf_error() set.
 */
int		 pdf_save(struct pdfdoc *p, const void *seed, size_t seedlen,
		    struct buf *out);

#endif
