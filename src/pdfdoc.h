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
 * pdf_error().  Two kinds of failure leave the document usable: a font
 * that is not installed (pdf_font) and data that is not a usable image
 * (pdf_image); the caller reports them and may go on.  Every other
 * failure (libharu errors, bad page, element, font, image or destination
 * numbers, marked content that nests or is not closed, numbers that are
 * not finite) makes pdf_save() fail too.
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
	const char	*version;	/* the document's version ("3"):
					   Info /Version and XMP
					   xmpMM:VersionID */
	const char	*commit;	/* its commit id: Info /Commit */
};

/* A new empty document, or NULL (memory or libharu failure). */
struct pdfdoc	*pdf_new(const struct pdf_info *info);
void		 pdf_free(struct pdfdoc *p);
/*
 * The message of the most recent failure, or NULL when nothing failed;
 * after pdf_save() failed, the first failure that made it fail.  The
 * string belongs to p and lives until the next failure or pdf_free().
 */
const char	*pdf_error(const struct pdfdoc *p);

/*
 * Load the TrueType font that fontconfig matches for family with the
 * given weight and slant (bold, italic: 0 or 1), embedded.  The path
 * fontconfig answers is looked up once per process, under a lock: the
 * one piece of state documents share, so that documents can be made in
 * several threads at once (one document per thread).  Returns a font
 * number (the same one for the same file), or -1 when fontconfig offers
 * another family, no bold (italic) style of the family is installed, or
 * the file is not TrueType (.ttf).
 */
int		 pdf_font(struct pdfdoc *p, const char *family, int bold,
		    int italic);
/*
 * The width of len bytes of UTF-8 s in font at 1 pt, in points, as
 * pdf_text() draws it: control characters (below U+0020) are dropped;
 * characters the font has no glyph for, characters outside the BMP,
 * private-use characters and broken UTF-8 are drawn as U+FFFD, or '?'
 * when the font lacks that too (invisible format characters such as
 * U+00AD or U+200B are dropped instead).  PDF/A allows no .notdef.
 */
double		 pdf_text_width(struct pdfdoc *p, int font, const char *s,
		    size_t len);
/* The font's ascent and descent (negative) at 1 pt, in points. */
double		 pdf_font_ascent(struct pdfdoc *p, int font);
double		 pdf_font_descent(struct pdfdoc *p, int font);

/*
 * Add a page of w by h points (A4: 595.276 by 841.89); returns its
 * number (0-based), or -1.
 */
int		 pdf_page(struct pdfdoc *p, double w, double h);

/*
 * Structure elements.  Element 0 is the Document.  pdf_elem() creates
 * an element of type (a standard structure type such as "P") below
 * parent and returns its number.  An element joins its parent's
 * children when content is first marked in it (or in an element below
 * it), so children appear in the order their content is drawn; an
 * element that never gets content is left out.  A type that is not
 * standard (ISO 32000-1, 14.8.4) gives -1.  A "Note" gets a unique /ID.
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
 * not nest, and every page must be closed when the file is saved.  The
 * drawing functions work inside and outside marked content.
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
 * image libharu can read (the message says why).  PNG files are decoded
 * here, any colour type and bit depth (transparency becomes a soft mask);
 * JPEG files go in as they are and must be 8-bit grey or RGB (no CMYK in
 * PDF/A with an sRGB output intent).  At most 25 megapixels.  A failure
 * here leaves the document usable.
 */
int		 pdf_image(struct pdfdoc *p, const void *data, size_t len,
		    unsigned *wpx, unsigned *hpx);
/* Draw image img with bottom-left corner (x, y), w by h points. */
void		 pdf_draw_image(struct pdfdoc *p, int page, int img, double x,
		    double y, double w, double h);

/*
 * A destination: the top of position y on page ([page /XYZ 0 y null], so
 * the reader keeps its zoom).  Returns its number, or -1.
 */
int		 pdf_dest(struct pdfdoc *p, int page, double y);
/*
 * A link annotation over the rectangle (x, y, w, h) on page, to uri or
 * (when uri is NULL) to destination dest, tied to elem (which must be a
 * "Link" element) with an OBJR.  contents describes it for assistive
 * technology (NULL: the URI, or "Gå till sidan N" / "Go to page N" by
 * the language).  A uri is percent-encoded where it is not printable
 * ASCII.
 */
void		 pdf_link(struct pdfdoc *p, int page, double x, double y,
		    double w, double h, int elem, const char *uri, int dest,
		    const char *contents);
/* A bookmark below parent (-1 for the top level) to dest; returns its
 * number for children, or -1.  Top-level bookmarks show their children. */
int		 pdf_outline(struct pdfdoc *p, int parent, const char *title,
		    int dest);
/*
 * Pages from first on are labelled prefix (may be NULL) + decimal numbers
 * from start.  When the first label starts after page 0, the pages
 * before it are numbered 1, 2, ...
 */
void		 pdf_page_label(struct pdfdoc *p, int first, int start,
		    const char *prefix);

/*
 * Finish the document (structure tree, PDF/A metadata, output intent,
 * /ID from the MD5 of seed and the metadata) and append the file to
 * out.  Returns 0, or -1 with pdf_error() set.  Call it once; the
 * document takes no more drawing afterwards, only pdf_free().
 */
int		 pdf_save(struct pdfdoc *p, const void *seed, size_t seedlen,
		    struct buf *out);

#endif
