/*
 * pdfdoc.c - a tagged, archival PDF file written with libharu.
 *
 * libharu (2.3.0) writes the objects, the content streams, the fonts and
 * the file; this module adds what it lacks for PDF/A-2a and PDF/UA-1:
 * marked content written straight into the page streams, the structure
 * tree with its parent tree (kept in C arrays and turned into PDF
 * dictionaries when the file is saved), a correct ToUnicode CMap,
 * destinations that keep the reader's zoom, XMP metadata written with
 * libxml2, the sRGB output intent and a /ID derived from the content.
 *
 * Two things libharu does badly are done here instead.  PNG files are
 * decoded by this module (zlib inflation borrowed from FreeType, which
 * fontconfig links anyway), because libpng calls abort() on broken data
 * when used the way libharu uses it, and libharu reads past its buffers
 * for transparent palette images of fewer than 8 bits per pixel.  And
 * text is cleaned before libharu sees it: a glyph the font lacks, a
 * character outside the BMP or a broken UTF-8 sequence would otherwise
 * become a reference to .notdef, which PDF/A forbids.
 *
 * Errors: libharu reports through S_hpdf_error(), which never exits.  A
 * failure that damages the document is "fatal": it is remembered and
 * pdf_save() refuses to write.  A font that is not installed or an image
 * that cannot be read is not: the call returns -1, the message is
 * available from pdf_error(), libharu's error state is reset and the
 * document goes on.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GZIP_H
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_page_label.h>
#include <hpdf_pages.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "pdfdoc.h"

/* The sRGB profile of the Debian package icc-profiles-free. */
#define ICC_PATH	"/usr/share/color/icc/sRGB.icc"
#define ICC_PACKAGE	"icc-profiles-free"

/* Code points per text-showing operator: PDF/A strings stay < 32767 B. */
#define TEXT_CHUNK	4000
/* Code points kept of a metadata string (UTF-16 < 32767 bytes). */
#define META_MAX	16000
/* The largest image, in pixels, and its largest side. */
#define IMG_MAX_PIXELS	25000000UL
#define IMG_MAX_SIDE	30000UL

/* What a font does with a BMP code point (struct pfont kind[]). */
enum {
	CH_UNKNOWN = 0,	/* not looked at yet */
	CH_OK,		/* drawn as it is */
	CH_REPL,	/* drawn as the replacement character */
	CH_DROP		/* not drawn at all */
};

/* A loaded font. */
struct pfont {
	char		*path;		/* the TrueType file, owned */
	HPDF_Font	 font;
	HPDF_FontDef	 def;
	uint32_t	 repl;		/* U+FFFD, '?' or 0 (drop) */
	unsigned	 repl_adv;	/* its width in 1/1000 em */
	uint8_t		*kind;		/* [65536] CH_*, owned */
	uint16_t	*adv;		/* [65536] width drawn, owned */
};

/* A child of a structure element, in order. */
enum kid_kind {
	KID_ELEM,	/* a: element number */
	KID_MCID,	/* a: page, b: MCID */
	KID_OBJR	/* a: annotation number */
};

struct kid {
	enum kid_kind	 kind;
	int		 a, b;
};

/* A structure element. */
struct elem {
	char		*type;		/* "P", ... owned */
	int		 parent;	/* -1 for the Document */
	char		*alt;		/* owned, or NULL */
	char		*actual;	/* owned, or NULL */
	int		 scope;		/* -1, or 0 row, 1 column (TH) */
	int		 attached;	/* in its parent's kids */
	struct kid	*kids;		/* owned */
	size_t		 nkids, capkids;
	HPDF_Dict	 dict;		/* made by pdf_save() */
};

/* A page. */
struct page {
	HPDF_Page	 pg;
	double		 w, h;
	int		 key;		/* its StructParents key */
	int		*mcid;		/* element of each MCID, owned */
	size_t		 nmcid, capmcid;
	int		 open;		/* in BDC ... EMC */
};

/* A link annotation. */
struct annot {
	HPDF_Annotation	 a;
	int		 page;
	int		 elem;
	int		 key;		/* its StructParent key */
};

/* A destination. */
struct dest {
	HPDF_Destination d;
	int		 page;
};

/* A page label range. */
struct label {
	int		 first;
	int		 start;
	char		*prefix;	/* owned, or NULL */
};

struct pdfdoc {
	HPDF_Doc	 pdf;
	HPDF_Encoder	 utf8;
	char		*msg;		/* the last failure, owned */
	char		*fatal;		/* the first fatal one, owned */
	unsigned	 nfail;		/* failures recorded so far */
	int		 reported;	/* libharu called S_hpdf_error() */
	int		 soft;		/* libharu errors now are not fatal */
	int		 quiet_eof;	/* ignore HPDF_STREAM_EOF */
	int		 saved;

	/* struct pdf_info, cleaned for metadata */
	char		*title, *author, *subject, *keywords, *creator;
	char		*lang, *version, *commit;
	long long	 created, modified;

	struct pfont	*fonts;
	size_t		 nfonts;
	struct elem	*elems;
	size_t		 nelems, capelems;
	struct page	*pages;
	size_t		 npages;
	struct annot	*annots;
	size_t		 nannots;
	int		*keys;		/* key -> page, or -1 - annot */
	size_t		 nkeys;
	HPDF_Image	*images;
	size_t		 nimages;
	struct dest	*dests;
	size_t		 ndests;
	HPDF_Outline	*outlines;
	size_t		 noutlines;
	struct label	*labels;
	size_t		 nlabels;
	struct buf	 tmp;		/* scratch for text */
};

/*
 * Where fontconfig found a font, for the whole process: a list that only
 * grows, of entries that never change once they are on it, so that a
 * pointer to one stays valid without the lock.  S_fc_lock guards the
 * list and serialises every call into fontconfig.
 */
struct fc_entry {
	char		*family;
	int		 bold, italic;
	char		*path;		/* NULL when not found */
	char		*err;		/* why not, or NULL */
	struct fc_entry	*next;
};

static pthread_mutex_t	 S_fc_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fc_entry	*S_fc_cache;

/* The standard structure types of ISO 32000-1, 14.8.4. */
static const char *const S_types[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption",
	"TOC", "TOCI", "Index", "NonStruct", "Private", "P", "H", "H1",
	"H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table",
	"TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote",
	"Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
	"RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula",
	"Form", NULL
};

/* Readable names for the libharu errors a user may meet. */
static const struct {
	HPDF_STATUS	 code;
	const char	*name;
} S_hpdf_names[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
	{ HPDF_FILE_IO_ERROR, "file input/output error" },
	{ HPDF_FILE_OPEN_ERROR, "cannot open the file" },
	{ HPDF_INVALID_IMAGE, "invalid image" },
	{ HPDF_INVALID_JPEG_DATA, "broken JPEG data" },
	{ HPDF_UNSUPPORTED_JPEG_FORMAT, "unsupported JPEG format" },
	{ HPDF_INVALID_PNG_IMAGE, "broken PNG image" },
	{ HPDF_LIBPNG_ERROR, "broken PNG image" },
	{ HPDF_INVALID_COLOR_SPACE, "unsupported colour space" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font may not be embedded" },
	{ HPDF_TTF_INVALID_CMAP, "the font has no usable Unicode table" },
	{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "the font lacks a required table" },
	{ HPDF_INVALID_FONTDEF_DATA, "invalid font data" },
	{ HPDF_FONT_EXISTS, "font loaded twice" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size" },
	{ HPDF_PAGE_INVALID_GMODE, "operator not allowed here" },
	{ HPDF_PAGE_INVALID_SIZE, "invalid page size" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long" },
	{ HPDF_INVALID_PARAMETER, "invalid parameter" },
	{ HPDF_INVALID_DESTINATION, "invalid destination" },
	{ HPDF_INVALID_URI, "invalid URI" },
	{ HPDF_INVALID_DOCUMENT, "the document is in an error state" },
	{ HPDF_INVALID_ICC_COMPONENT_NUM, "invalid ICC profile" },
	{ HPDF_ZLIB_ERROR, "compression failed" },
	{ 0, NULL }
};

/*
 * Record a failure: it becomes pdf_error()'s message and, when fatal,
 * the reason pdf_save() gives (only the first fatal one is kept).
 */
static void
S_fail(struct pdfdoc *p, int fatal, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(p->msg);
	p->msg = b.ptr != NULL ? buf_detach(&b) : xstrdup("error");
	p->nfail++;
	if (fatal && p->fatal == NULL)
		p->fatal = xstrdup(p->msg);
}

/*
 * libharu's error handler (user data: the struct pdfdoc).  It never
 * exits; the error state is reset by S_settle() after the call.
 */
static void
S_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdfdoc *p = arg;
	const char *name = NULL;
	size_t i;

	if (p->quiet_eof && code == HPDF_STREAM_EOF)
		return;
	p->reported = 1;
	for (i = 0; S_hpdf_names[i].name != NULL; i++)
		if (S_hpdf_names[i].code == code)
			name = S_hpdf_names[i].name;
	S_fail(p, !p->soft, "libharu error 0x%04X (detail %u)%s%s",
	    (unsigned)code, (unsigned)detail, name ? ": " : "",
	    name ? name : "");
}

/*
 * After libharu calls: clear libharu's error state so later calls work.
 * Returns 0, or -1 when an error was pending (already recorded by
 * S_hpdf_error(), or recorded here when libharu did not report it).
 */
static int
S_settle(struct pdfdoc *p)
{
	HPDF_STATUS e = HPDF_GetError(p->pdf);
	int reported = p->reported;

	p->reported = 0;
	if (e == HPDF_OK)
		return 0;
	HPDF_ResetError(p->pdf);
	if (p->quiet_eof && e == HPDF_STREAM_EOF)
		return 0;
	if (!reported)
		S_fail(p, !p->soft, "libharu error 0x%04X", (unsigned)e);
	return -1;
}

/* Append code point cp (at most U+10FFFF) to b as UTF-8. */
static void
S_put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		s[0] = (char)cp;
		buf_put(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | cp >> 18);
		s[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		s[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, s, 4);
	}
}

/*
 * Decode the UTF-8 character at s[*i] (s has n bytes, *i < n) and move
 * *i past it.  Returns the code point, or -1 for a broken sequence (an
 * overlong form, a surrogate, a stray or missing continuation byte),
 * which is skipped as a whole.
 */
static long
S_utf8(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	size_t need, k;
	long cp, min;

	if (c < 0x80) {
		(*i)++;
		return (long)c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		(*i)++;
		return -1;
	}
	for (k = 1; k <= need; k++) {
		if (*i + k >= n || (s[*i + k] & 0xC0) != 0x80) {
			*i += k;
			return -1;
		}
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	*i += need + 1;
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	return cp;
}

/*
 * A copy of s fit for the Info dictionary, XMP, bookmarks and other
 * text strings: valid UTF-8 of BMP characters only (libharu turns the
 * others into spaces), control characters as spaces, at most META_MAX
 * characters.  Info and XMP get the same string, so they agree.
 * Returns NULL for NULL; the caller frees the result.
 */
static char *
S_clean_meta(const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, count = 0;
	long cp;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	buf_puts(&b, "");
	while (i < n && count++ < META_MAX) {
		cp = S_utf8(u, n, &i);
		if (cp >= 0 && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)))
			cp = ' ';
		else if (cp < 0 || cp > 0xFFFF || cp == 0xFEFF ||
		    cp == 0xFFFE || cp == 0xFFFF)
			cp = 0xFFFD;
		S_put_utf8(&b, (uint32_t)cp);
	}
	return buf_detach(&b);
}

/* Whether cp is a format character that may vanish when not in a font. */
static int
S_ignorable(uint32_t cp)
{
	return cp == 0x00AD || cp == 0x034F || cp == 0x180E ||
	    (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

/* Decide what font f does with BMP code point cp; fills the caches. */
static void
S_classify(struct pfont *f, uint32_t cp)
{
	uint8_t k;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		k = CH_DROP;
	else if ((cp >= 0xD800 && cp <= 0xF8FF) ||
	    (cp >= 0xFDD0 && cp <= 0xFDEF) || cp >= 0xFFFE)
		k = CH_REPL;	/* surrogates, private use, non-characters */
	else if (HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0)
		k = CH_OK;
	else
		k = S_ignorable(cp) ? CH_DROP : CH_REPL;
	f->kind[cp] = k;
	if (k == CH_OK)
		f->adv[cp] = (uint16_t)HPDF_Font_GetUnicodeWidth(f->font,
		    (HPDF_UNICODE)cp);
	else
		f->adv[cp] = k == CH_REPL ? (uint16_t)f->repl_adv : 0;
}

/*
 * What font f draws for code point cp (-1 for broken UTF-8): cp itself,
 * its replacement, or 0 when nothing is drawn.  *adv gets the width in
 * 1/1000 em.
 */
static uint32_t
S_glyph(struct pfont *f, long cp, unsigned *adv)
{
	if (cp < 0 || cp > 0xFFFF) {
		*adv = f->repl_adv;
		return f->repl;
	}
	if (f->kind[cp] == CH_UNKNOWN)
		S_classify(f, (uint32_t)cp);
	*adv = f->adv[cp];
	switch (f->kind[cp]) {
	case CH_OK:
		return (uint32_t)cp;
	case CH_REPL:
		return f->repl;
	default:
		return 0;
	}
}

/*
 * Walk len bytes of UTF-8 s as font f draws them.  When out is not
 * NULL, append what is drawn to it as UTF-8.  Returns the width in
 * 1/1000 em.
 */
static double
S_run(struct pfont *f, const char *s, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	double w = 0;
	unsigned adv;
	uint32_t g;

	while (i < len) {
		g = S_glyph(f, S_utf8(u, len, &i), &adv);
		w += adv;
		if (g != 0 && out != NULL)
			S_put_utf8(out, g);
	}
	return w;
}

/*
 * Check that p can still take drawing calls.  Returns 0, or -1 with a
 * fatal error naming fn.
 */
static int
S_usable(struct pdfdoc *p, const char *fn)
{
	if (p->saved) {
		S_fail(p, 1, "%s: the document is already saved", fn);
		return -1;
	}
	return 0;
}

/* Page number page, or NULL with a fatal error naming fn. */
static struct page *
S_page(struct pdfdoc *p, int page, const char *fn)
{
	if (S_usable(p, fn) < 0)
		return NULL;
	if (page < 0 || (size_t)page >= p->npages) {
		S_fail(p, 1, "%s: no page %d", fn, page);
		return NULL;
	}
	return &p->pages[page];
}

/* Font number font, or NULL with a fatal error naming fn. */
static struct pfont *
S_font(struct pdfdoc *p, int font, const char *fn)
{
	if (font < 0 || (size_t)font >= p->nfonts) {
		S_fail(p, 1, "%s: no font %d", fn, font);
		return NULL;
	}
	return &p->fonts[font];
}

/* Element number elem, or NULL with a fatal error naming fn. */
static struct elem *
S_elem(struct pdfdoc *p, int elem, const char *fn)
{
	if (elem < 0 || (size_t)elem >= p->nelems) {
		S_fail(p, 1, "%s: no structure element %d", fn, elem);
		return NULL;
	}
	return &p->elems[elem];
}

/* Whether all of the n numbers are finite; else a fatal error. */
static int
S_finite(struct pdfdoc *p, const char *fn, size_t n, ...)
{
	va_list ap;
	size_t i;
	int good = 1;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		if (!isfinite(va_arg(ap, double)))
			good = 0;
	va_end(ap);
	if (!good)
		S_fail(p, 1, "%s: coordinate is not a finite number", fn);
	return good;
}

/*
 * Fill in e (family, bold and italic set) by asking fontconfig; the
 * caller holds S_fc_lock.  path is set when a TrueType file of that
 * family and style is installed, err says why not otherwise.
 */
static void
S_fc_match(struct fc_entry *e)
{
	const char *family = e->family;
	int bold = e->bold, italic = e->italic;
	FcConfig *cfg;
	FcPattern *pat, *match = NULL;
	FcResult res;
	FcChar8 *file = NULL, *fam = NULL, *got = NULL;
	int weight = 0, slant = 0, n, same = 0;
	size_t flen;

	/* a configuration of our own: the default one is never freed */
	if ((cfg = FcInitLoadConfigAndFonts()) == NULL) {
		e->err = xstrdup("fontconfig cannot load its configuration");
		return;
	}
	if ((pat = FcPatternCreate()) == NULL) {
		FcConfigDestroy(cfg);
		e->err = xstrdup("fontconfig cannot allocate memory");
		return;
	}
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT,
	    bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT,
	    italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	if (FcConfigSubstitute(cfg, pat, FcMatchPattern))
		FcDefaultSubstitute(pat);
	match = FcFontMatch(cfg, pat, &res);
	FcPatternDestroy(pat);
	if (match == NULL) {
		FcConfigDestroy(cfg);
		e->err = xasprintf("font family '%s' is not installed "
		    "(fontconfig finds no fonts at all)", family);
		return;
	}
	for (n = 0; FcPatternGetString(match, FC_FAMILY, n, &fam) ==
	    FcResultMatch; n++) {
		if (got == NULL)
			got = fam;
		if (FcStrCmpIgnoreCase(fam, (const FcChar8 *)family) == 0)
			same = 1;
	}
	FcPatternGetString(match, FC_FILE, 0, &file);
	FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
	FcPatternGetInteger(match, FC_SLANT, 0, &slant);
	flen = file != NULL ? strlen((const char *)file) : 0;
	if (!same)
		e->err = xasprintf("font family '%s' is not installed "
		    "(fontconfig offers '%s')", family,
		    got != NULL ? (const char *)got : "nothing");
	else if (bold && weight < FC_WEIGHT_DEMIBOLD)
		e->err = xasprintf("font family '%s' has no bold style "
		    "installed", family);
	else if (italic && slant == FC_SLANT_ROMAN)
		e->err = xasprintf("font family '%s' has no italic style "
		    "installed", family);
	else if (flen < 4 || strcasecmp((const char *)file + flen - 4,
	    ".ttf") != 0)
		e->err = xasprintf("font family '%s' is not a TrueType "
		    "(.ttf) font: %s", family,
		    file != NULL ? (const char *)file : "no file");
	else
		e->path = xstrdup((const char *)file);
	FcPatternDestroy(match);
	FcConfigDestroy(cfg);
}

/*
 * Look family (bold, italic) up with fontconfig, once per process and
 * safely from any thread.  Returns the cache entry, which lives as long
 * as the process and does not change (S_fc_match() says what it holds).
 */
static const struct fc_entry *
S_fc_lookup(const char *family, int bold, int italic)
{
	struct fc_entry *e;

	pthread_mutex_lock(&S_fc_lock);
	for (e = S_fc_cache; e != NULL; e = e->next)
		if (e->bold == bold && e->italic == italic &&
		    strcmp(e->family, family) == 0)
			break;
	if (e == NULL) {
		e = xcalloc(1, sizeof(*e));
		e->family = xstrdup(family);
		e->bold = bold;
		e->italic = italic;
		S_fc_match(e);
		e->next = S_fc_cache;
		S_fc_cache = e;
	}
	pthread_mutex_unlock(&S_fc_lock);
	return e;
}

/*
 * Give font a correct ToUnicode CMap (libharu 2.3.0's is malformed).
 * Codes are Unicode BMP values, so the map is the identity, leaving out
 * the control characters, the surrogates and U+FEFF to U+FFFF.
 */
static void
S_tounicode(struct pdfdoc *p, HPDF_Font font)
{
	HPDF_Dict s;
	char line[64];
	int hi, blk, n, lo, top;

	if ((s = HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref)) == NULL)
		return;
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(s->stream,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* one range per high byte, at most 100 ranges per block */
	for (blk = 0; blk < 256; blk += 100) {
		for (n = 0, hi = blk; hi < blk + 100 && hi < 256; hi++)
			if (hi < 0xD8 || hi > 0xDF)
				n++;
		snprintf(line, sizeof(line), "%d beginbfrange\n", n);
		HPDF_Stream_WriteStr(s->stream, line);
		for (hi = blk; hi < blk + 100 && hi < 256; hi++) {
			if (hi >= 0xD8 && hi <= 0xDF)
				continue;
			lo = hi == 0 ? 0x20 : 0;
			top = hi == 0xFE ? 0xFE : hi == 0xFF ? 0xFD : 0xFF;
			snprintf(line, sizeof(line),
			    "<%02X%02X> <%02X%02X> <%02X%02X>\n",
			    hi, lo, hi, top, hi, lo);
			HPDF_Stream_WriteStr(s->stream, line);
		}
		HPDF_Stream_WriteStr(s->stream, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s->stream, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Dict_Add(font, "ToUnicode", s);
}

int
pdf_font(struct pdfdoc *p, const char *family, int bold, int italic)
{
	const struct fc_entry *e;
	struct pfont *f;
	const char *name;
	HPDF_Font font;
	unsigned nfail;
	size_t i;

	if (family == NULL || *family == '\0') {
		S_fail(p, 0, "no font family given");
		return -1;
	}
	e = S_fc_lookup(family, bold != 0, italic != 0);
	if (e->path == NULL) {
		S_fail(p, 0, "%s", e->err);
		return -1;
	}
	for (i = 0; i < p->nfonts; i++)
		if (strcmp(p->fonts[i].path, e->path) == 0)
			return (int)i;
	if (S_usable(p, "pdf_font") < 0)
		return -1;

	nfail = p->nfail;
	p->soft++;
	name = HPDF_LoadTTFontFromFile(p->pdf, e->path, HPDF_TRUE);
	font = name != NULL ? HPDF_GetFont(p->pdf, name, "UTF-8") : NULL;
	S_settle(p);
	p->soft--;
	if (font == NULL) {
		S_fail(p, 0, "cannot load font %s: %s", e->path,
		    p->nfail != nfail ? p->msg : "libharu failed");
		return -1;
	}
	S_tounicode(p, font);
	if (S_settle(p) < 0)
		return -1;

	p->fonts = xrealloc(p->fonts, (p->nfonts + 1) * sizeof(*p->fonts));
	f = &p->fonts[p->nfonts];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(e->path);
	f->font = font;
	f->def = ((HPDF_FontAttr)font->attr)->fontdef;
	f->kind = xcalloc(65536, sizeof(*f->kind));
	f->adv = xcalloc(65536, sizeof(*f->adv));
	if (HPDF_TTFontDef_GetGlyphid(f->def, 0xFFFD) != 0)
		f->repl = 0xFFFD;
	else if (HPDF_TTFontDef_GetGlyphid(f->def, '?') != 0)
		f->repl = '?';
	if (f->repl != 0)
		f->repl_adv = (unsigned)HPDF_Font_GetUnicodeWidth(font,
		    (HPDF_UNICODE)f->repl);
	S_settle(p);
	return (int)p->nfonts++;
}

double
pdf_text_width(struct pdfdoc *p, int font, const char *s, size_t len)
{
	struct pfont *f;

	if ((f = S_font(p, font, "pdf_text_width")) == NULL || s == NULL)
		return 0;
	return S_run(f, s, len, NULL) / 1000.0;
}

double
pdf_font_ascent(struct pdfdoc *p, int font)
{
	struct pfont *f;

	if ((f = S_font(p, font, "pdf_font_ascent")) == NULL)
		return 0;
	return HPDF_Font_GetAscent(f->font) / 1000.0;
}

double
pdf_font_descent(struct pdfdoc *p, int font)
{
	struct pfont *f;

	if ((f = S_font(p, font, "pdf_font_descent")) == NULL)
		return 0;
	return HPDF_Font_GetDescent(f->font) / 1000.0;
}

/* Take the next ParentTree key for page (>= 0) or annotation -1 - i. */
static int
S_key(struct pdfdoc *p, int what)
{
	p->keys = xrealloc(p->keys, (p->nkeys + 1) * sizeof(*p->keys));
	p->keys[p->nkeys] = what;
	return (int)p->nkeys++;
}

int
pdf_page(struct pdfdoc *p, double w, double h)
{
	struct page *pg;
	HPDF_Page page;

	if (S_usable(p, "pdf_page") < 0)
		return -1;
	if (!(w >= 3 && w <= 14400 && h >= 3 && h <= 14400)) {
		S_fail(p, 1, "pdf_page: invalid page size %g x %g", w, h);
		return -1;
	}
	if ((page = HPDF_AddPage(p->pdf)) == NULL) {
		S_settle(p);
		return -1;
	}
	HPDF_Page_SetWidth(page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)h);
	p->pages = xrealloc(p->pages, (p->npages + 1) * sizeof(*p->pages));
	pg = &p->pages[p->npages];
	memset(pg, 0, sizeof(*pg));
	pg->pg = page;
	pg->w = w;
	pg->h = h;
	pg->key = S_key(p, (int)p->npages);
	HPDF_Dict_AddNumber(page, "StructParents", pg->key);
	HPDF_Dict_AddName(page, "Tabs", "S");
	if (S_settle(p) < 0)
		return -1;
	return (int)p->npages++;
}

/* Whether type is a standard structure type. */
static int
S_std_type(const char *type)
{
	size_t i;

	for (i = 0; S_types[i] != NULL; i++)
		if (strcmp(S_types[i], type) == 0)
			return 1;
	return 0;
}

/*
 * Add a new element of type below parent (-1 only for the Document).
 * Returns its number.
 */
static int
S_new_elem(struct pdfdoc *p, int parent, const char *type)
{
	struct elem *e;

	if (p->nelems == p->capelems) {
		p->capelems = p->capelems ? p->capelems * 2 : 64;
		p->elems = xrealloc(p->elems,
		    p->capelems * sizeof(*p->elems));
	}
	e = &p->elems[p->nelems];
	memset(e, 0, sizeof(*e));
	e->type = xstrdup(type);
	e->parent = parent;
	e->scope = -1;
	e->attached = parent < 0;
	return (int)p->nelems++;
}

int
pdf_elem(struct pdfdoc *p, int parent, const char *type)
{
	if (S_elem(p, parent, "pdf_elem") == NULL)
		return -1;
	if (type == NULL || !S_std_type(type) ||
	    strcmp(type, "Document") == 0) {
		S_fail(p, 1, "pdf_elem: '%s' is not a standard structure "
		    "type", type ? type : "(null)");
		return -1;
	}
	return S_new_elem(p, parent, type);
}

void
pdf_elem_alt(struct pdfdoc *p, int elem, const char *alt)
{
	struct elem *e;

	if ((e = S_elem(p, elem, "pdf_elem_alt")) == NULL)
		return;
	free(e->alt);
	e->alt = S_clean_meta(alt);
}

void
pdf_elem_scope(struct pdfdoc *p, int elem, int column)
{
	struct elem *e;

	if ((e = S_elem(p, elem, "pdf_elem_scope")) == NULL)
		return;
	e->scope = column != 0;
}

void
pdf_elem_actual(struct pdfdoc *p, int elem, const char *text)
{
	struct elem *e;

	if ((e = S_elem(p, elem, "pdf_elem_actual")) == NULL)
		return;
	free(e->actual);
	e->actual = S_clean_meta(text);
}

/* Append a child to element elem. */
static void
S_kid(struct pdfdoc *p, int elem, enum kid_kind kind, int a, int b)
{
	struct elem *e = &p->elems[elem];

	if (e->nkids == e->capkids) {
		e->capkids = e->capkids ? e->capkids * 2 : 4;
		e->kids = xrealloc(e->kids, e->capkids * sizeof(*e->kids));
	}
	e->kids[e->nkids].kind = kind;
	e->kids[e->nkids].a = a;
	e->kids[e->nkids].b = b;
	e->nkids++;
}

/*
 * Content is about to be added to elem: join it, and those of its
 * ancestors that have not joined yet, to their parents' children.
 */
static void
S_attach(struct pdfdoc *p, int elem)
{
	int parent;

	while (elem > 0 && !p->elems[elem].attached) {
		parent = p->elems[elem].parent;
		S_kid(p, parent, KID_ELEM, elem, 0);
		p->elems[elem].attached = 1;
		elem = parent;
	}
}

/* Write raw operators into the content stream of page pg. */
static void
S_raw(struct pdfdoc *p, struct page *pg, const char *ops)
{
	HPDF_Stream_WriteStr(((HPDF_PageAttr)pg->pg->attr)->stream, ops);
	S_settle(p);
}

/* Open a marked sequence on pg; returns 0, or -1 if one is open. */
static int
S_open(struct pdfdoc *p, struct page *pg, const char *fn)
{
	if (pg->open) {
		S_fail(p, 1, "%s: marked content does not nest (page %d)",
		    fn, (int)(pg - p->pages));
		return -1;
	}
	pg->open = 1;
	return 0;
}

void
pdf_mark(struct pdfdoc *p, int page, int elem)
{
	struct page *pg;
	struct elem *e;
	char ops[64];

	if ((pg = S_page(p, page, "pdf_mark")) == NULL ||
	    (e = S_elem(p, elem, "pdf_mark")) == NULL ||
	    S_open(p, pg, "pdf_mark") < 0)
		return;
	if (pg->nmcid == pg->capmcid) {
		pg->capmcid = pg->capmcid ? pg->capmcid * 2 : 32;
		pg->mcid = xrealloc(pg->mcid,
		    pg->capmcid * sizeof(*pg->mcid));
	}
	pg->mcid[pg->nmcid] = elem;
	S_attach(p, elem);
	S_kid(p, elem, KID_MCID, page, (int)pg->nmcid);
	snprintf(ops, sizeof(ops), "/%s <</MCID %zu>> BDC\n", e->type,
	    pg->nmcid);
	pg->nmcid++;
	S_raw(p, pg, ops);
}

void
pdf_artifact(struct pdfdoc *p, int page, const char *type,
    const char *subtype)
{
	struct page *pg;
	char ops[128];

	if ((pg = S_page(p, page, "pdf_artifact")) == NULL)
		return;
	if (type == NULL || (strcmp(type, "Pagination") != 0 &&
	    strcmp(type, "Layout") != 0 && strcmp(type, "Page") != 0 &&
	    strcmp(type, "Background") != 0) || (subtype != NULL &&
	    strcmp(subtype, "Header") != 0 &&
	    strcmp(subtype, "Footer") != 0 &&
	    strcmp(subtype, "Watermark") != 0)) {
		S_fail(p, 1, "pdf_artifact: invalid artifact type %s/%s",
		    type ? type : "(null)", subtype ? subtype : "-");
		return;
	}
	if (S_open(p, pg, "pdf_artifact") < 0)
		return;
	if (subtype != NULL)
		snprintf(ops, sizeof(ops), "/Artifact <</Type /%s "
		    "/Subtype /%s>> BDC\n", type, subtype);
	else
		snprintf(ops, sizeof(ops), "/Artifact <</Type /%s>> BDC\n",
		    type);
	S_raw(p, pg, ops);
}

void
pdf_unmark(struct pdfdoc *p, int page)
{
	struct page *pg;

	if ((pg = S_page(p, page, "pdf_unmark")) == NULL)
		return;
	if (!pg->open) {
		S_fail(p, 1, "pdf_unmark: no marked content is open on "
		    "page %d", page);
		return;
	}
	pg->open = 0;
	S_raw(p, pg, "EMC\n");
}

/* Set the fill colour of pg to 0xRRGGBB. */
static void
S_fill(struct page *pg, unsigned rgb)
{
	HPDF_Page_SetRGBFill(pg->pg, (rgb >> 16 & 0xFF) / 255.0f,
	    (rgb >> 8 & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f);
}

/*
 * Draw text: at (x, y), rotated by angle degrees when rotated is set.
 * The text is cleaned as pdf_text_width() measures it and shown in
 * pieces of at most TEXT_CHUNK characters.
 */
static void
S_text(struct pdfdoc *p, const char *fn, int page, double x, double y,
    int rotated, double angle, int font, double size, unsigned rgb,
    const char *s, size_t len)
{
	struct page *pg;
	struct pfont *f;
	char *t, *end, save;
	double rad;
	size_t n;

	if ((pg = S_page(p, page, fn)) == NULL ||
	    (f = S_font(p, font, fn)) == NULL ||
	    !S_finite(p, fn, 4, x, y, angle, size))
		return;
	if (!(size > 0 && size <= HPDF_MAX_FONTSIZE)) {
		S_fail(p, 1, "%s: invalid font size %g", fn, size);
		return;
	}
	if (s == NULL)
		return;
	buf_reset(&p->tmp);
	S_run(f, s, len, &p->tmp);
	if (p->tmp.len == 0)
		return;
	HPDF_Page_BeginText(pg->pg);
	HPDF_Page_SetFontAndSize(pg->pg, f->font, (HPDF_REAL)size);
	S_fill(pg, rgb);
	if (rotated) {
		rad = angle * M_PI / 180.0;
		HPDF_Page_SetTextMatrix(pg->pg, (HPDF_REAL)cos(rad),
		    (HPDF_REAL)sin(rad), (HPDF_REAL)-sin(rad),
		    (HPDF_REAL)cos(rad), (HPDF_REAL)x, (HPDF_REAL)y);
	} else
		HPDF_Page_MoveTextPos(pg->pg, (HPDF_REAL)x, (HPDF_REAL)y);
	for (t = p->tmp.ptr; *t != '\0'; t = end) {
		/* end after TEXT_CHUNK characters (lead bytes) */
		for (end = t, n = 0; *end != '\0'; end++)
			if ((*end & 0xC0) != 0x80 && n++ == TEXT_CHUNK)
				break;
		save = *end;
		*end = '\0';
		HPDF_Page_ShowText(pg->pg, t);
		*end = save;
	}
	HPDF_Page_EndText(pg->pg);
	S_settle(p);
}

void
pdf_text(struct pdfdoc *p, int page, double x, double y, int font,
    double size, unsigned rgb, const char *s, size_t len)
{
	S_text(p, "pdf_text", page, x, y, 0, 0, font, size, rgb, s, len);
}

void
pdf_text_rotated(struct pdfdoc *p, int page, double x, double y,
    double angle, int font, double size, unsigned rgb, const char *s,
    size_t len)
{
	S_text(p, "pdf_text_rotated", page, x, y, 1, angle, font, size,
	    rgb, s, len);
}

void
pdf_rect(struct pdfdoc *p, int page, double x, double y, double w,
    double h, unsigned rgb)
{
	struct page *pg;

	if ((pg = S_page(p, page, "pdf_rect")) == NULL ||
	    !S_finite(p, "pdf_rect", 4, x, y, w, h))
		return;
	S_fill(pg, rgb);
	HPDF_Page_Rectangle(pg->pg, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(pg->pg);
	S_settle(p);
}

void
pdf_line(struct pdfdoc *p, int page, double x1, double y1, double x2,
    double y2, double lw, unsigned rgb)
{
	struct page *pg;

	if ((pg = S_page(p, page, "pdf_line")) == NULL ||
	    !S_finite(p, "pdf_line", 5, x1, y1, x2, y2, lw))
		return;
	HPDF_Page_SetLineWidth(pg->pg, (HPDF_REAL)(lw > 0 ? lw : 0));
	HPDF_Page_SetRGBStroke(pg->pg, (rgb >> 16 & 0xFF) / 255.0f,
	    (rgb >> 8 & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f);
	HPDF_Page_MoveTo(pg->pg, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(pg->pg, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(pg->pg);
	S_settle(p);
}

/* The big-endian 32-bit number at s. */
static uint32_t
S_be32(const unsigned char *s)
{
	return (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 |
	    (uint32_t)s[2] << 8 | s[3];
}

/* FreeType's allocator interface, for FT_Gzip_Uncompress(). */
static void *
S_ft_alloc(FT_Memory m, long size)
{
	(void)m;
	return malloc(size > 0 ? (size_t)size : 1);
}

static void
S_ft_free(FT_Memory m, void *block)
{
	(void)m;
	free(block);
}

static void *
S_ft_realloc(FT_Memory m, long cur, long size, void *block)
{
	(void)m;
	(void)cur;
	return realloc(block, size > 0 ? (size_t)size : 1);
}

/* A decoded image: 8-bit grey or RGB samples and maybe an alpha mask. */
struct pix {
	unsigned	 w, h;
	int		 ncolor;	/* 1 or 3 */
	unsigned char	*color;		/* w * h * ncolor, owned */
	unsigned char	*alpha;		/* w * h, or NULL, owned */
};

/* Check an image's size; returns NULL or why not (static). */
static const char *
S_img_size(unsigned long w, unsigned long h)
{
	if (w == 0 || h == 0)
		return "the image has no pixels";
	if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE ||
	    w * h > IMG_MAX_PIXELS)
		return "the image is too large (the limit is 25 megapixels)";
	return NULL;
}

/* Sample i (0-based) of an unfiltered PNG row at depth bits. */
static unsigned
S_sample(const unsigned char *row, size_t i, int depth)
{
	size_t bit;

	if (depth == 8)
		return row[i];
	if (depth == 16)
		return (unsigned)row[2 * i] << 8 | row[2 * i + 1];
	bit = i * (size_t)depth;
	return (unsigned)(row[bit / 8] >> (8 - depth - bit % 8)) &
	    ((1U << depth) - 1);
}

/* Undo the PNG filter of one row (rb bytes after the filter byte). */
static int
S_unfilter(unsigned char *row, const unsigned char *prev, size_t rb,
    size_t bpp, int filter)
{
	size_t i;
	int a, b, c, pa, pb, pc, pr;

	for (i = 0; i < rb; i++) {
		a = i >= bpp ? row[i - bpp] : 0;
		b = prev != NULL ? prev[i] : 0;
		c = i >= bpp && prev != NULL ? prev[i - bpp] : 0;
		switch (filter) {
		case 0:
			return 0;
		case 1:
			row[i] = (unsigned char)(row[i] + a);
			break;
		case 2:
			row[i] = (unsigned char)(row[i] + b);
			break;
		case 3:
			row[i] = (unsigned char)(row[i] + (a + b) / 2);
			break;
		case 4:
			pr = a + b - c;
			pa = abs(pr - a);
			pb = abs(pr - b);
			pc = abs(pr - c);
			row[i] = (unsigned char)(row[i] +
			    (pa <= pb && pa <= pc ? a : pb <= pc ? b : c));
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* A PNG file taken apart by S_png_parse(); pointers into the file. */
struct png {
	uint32_t		 w, h;
	int			 depth, ctype, interlace;
	int			 chans;		/* samples per pixel */
	const unsigned char	*plte;		/* palette, or NULL */
	size_t			 nplte;		/* entries */
	const unsigned char	*trns;		/* tRNS data, or NULL */
	size_t			 ntrns;
	struct buf		 idat;		/* the image data, owned */
};

/* The Adam7 passes: first column and row, column and row steps. */
static const int S_adam7[7][4] = {
	{ 0, 0, 8, 8 }, { 4, 0, 8, 8 }, { 0, 4, 4, 8 }, { 2, 0, 4, 4 },
	{ 0, 2, 2, 4 }, { 1, 0, 2, 2 }, { 0, 1, 1, 2 }
};

/*
 * Take PNG data d (n bytes) apart into png: IHDR checked, PLTE, tRNS and
 * the IDAT data collected; ancillary chunks skipped.  Returns NULL, or
 * why the data cannot be used (a static string); png->idat must be
 * freed either way.
 */
static const char *
S_png_parse(const unsigned char *d, size_t n, struct png *png)
{
	const unsigned char *c;
	size_t pos = 8;
	uint32_t len;
	int ok_depth, dp;

	memset(png, 0, sizeof(*png));
	for (;;) {
		if (n - pos < 12)
			return "the PNG file is truncated";
		len = S_be32(d + pos);
		c = d + pos + 8;
		if (len > n - pos - 12)
			return "the PNG file is truncated";
		if (pos == 8 && (memcmp(c - 4, "IHDR", 4) != 0 || len != 13))
			return "the PNG file does not start with IHDR";
		if (memcmp(c - 4, "IHDR", 4) == 0) {
			png->w = S_be32(c);
			png->h = S_be32(c + 4);
			png->depth = c[8];
			png->ctype = c[9];
			png->interlace = c[12];
			if (c[10] != 0 || c[11] != 0 || c[12] > 1)
				return "the PNG file uses an unknown method";
		} else if (memcmp(c - 4, "PLTE", 4) == 0) {
			png->plte = c;
			png->nplte = len / 3;
			if (len % 3 != 0 || len == 0 || len > 3 * 256)
				return "the PNG palette is broken";
		} else if (memcmp(c - 4, "tRNS", 4) == 0) {
			png->trns = c;
			png->ntrns = len;
		} else if (memcmp(c - 4, "IDAT", 4) == 0)
			buf_put(&png->idat, c, len);
		else if (memcmp(c - 4, "IEND", 4) == 0)
			break;
		else if (c[-4] >= 'A' && c[-4] <= 'Z')
			return "the PNG file needs an unknown feature";
		pos += 12 + (size_t)len;
	}

	dp = png->depth;
	switch (png->ctype) {
	case 0:
	case 3:
		png->chans = 1;
		ok_depth = dp == 1 || dp == 2 || dp == 4 || dp == 8 ||
		    (dp == 16 && png->ctype == 0);
		break;
	case 2:
	case 4:
	case 6:
		png->chans = png->ctype == 2 ? 3 : png->ctype == 4 ? 2 : 4;
		ok_depth = dp == 8 || dp == 16;
		break;
	default:
		ok_depth = 0;
	}
	if (!ok_depth)
		return "the PNG file has an invalid colour type or bit depth";
	if (png->ctype == 3 && png->plte == NULL)
		return "the PNG palette is missing";
	if (png->idat.len == 0)
		return "the PNG file has no image data";
	/* tRNS that does not fit the colour type is ignored, as by libpng */
	if (png->trns != NULL && ((png->ctype == 0 && png->ntrns < 2) ||
	    (png->ctype == 2 && png->ntrns < 6) || png->ctype == 4 ||
	    png->ctype == 6))
		png->trns = NULL;
	return S_img_size(png->w, png->h);
}

/* Columns and rows of Adam7 pass (or of the image when not interlaced). */
static void
S_png_pass(const struct png *png, int pass, size_t *pw, size_t *ph)
{
	const int *a = S_adam7[pass];

	if (!png->interlace) {
		*pw = png->w;
		*ph = png->h;
	} else if (png->w <= (uint32_t)a[0] || png->h <= (uint32_t)a[1])
		*pw = *ph = 0;
	else {
		*pw = (png->w - a[0] + a[2] - 1) / a[2];
		*ph = (png->h - a[1] + a[3] - 1) / a[3];
	}
}

/*
 * Store pixel o of px from the samples v of png (already unfiltered,
 * at the PNG's depth): colour at 8 bits, alpha from the alpha channel,
 * the palette's tRNS or the tRNS colour key.
 */
static void
S_png_pixel(const struct png *png, const unsigned *v, size_t o,
    struct pix *px)
{
	const unsigned char *t = png->trns, *c;
	unsigned maxv = (1U << (png->depth == 16 ? 8 : png->depth)) - 1;
	unsigned s;
	int i;

	px->alpha[o] = 255;
	if (png->ctype == 3) {
		c = v[0] < png->nplte ? png->plte + 3 * v[0] :
		    (const unsigned char *)"\0\0";
		memcpy(px->color + 3 * o, c, 3);
		if (t != NULL && v[0] < png->ntrns)
			px->alpha[o] = t[v[0]];
		return;
	}
	if (t != NULL && v[0] == ((unsigned)t[0] << 8 | t[1]) &&
	    (png->ctype == 0 || (v[1] == ((unsigned)t[2] << 8 | t[3]) &&
	    v[2] == ((unsigned)t[4] << 8 | t[5]))))
		px->alpha[o] = 0;
	if (png->ctype == 4 || png->ctype == 6)
		px->alpha[o] = (unsigned char)(png->depth == 16 ?
		    v[png->chans - 1] >> 8 : v[png->chans - 1]);
	for (i = 0; i < px->ncolor; i++) {
		s = png->depth == 16 ? v[i] >> 8 : v[i];
		px->color[px->ncolor * o + (size_t)i] =
		    (unsigned char)(s * 255 / maxv);
	}
}

/*
 * Decode PNG data d (n bytes) into px: every bit depth, colour type and
 * interlacing, tRNS included; 16-bit samples keep their high byte, and
 * px->alpha stays NULL when every pixel is opaque.  Returns NULL, or
 * why the data cannot be used (a static string).
 */
static const char *
S_png_decode(const unsigned char *d, size_t n, struct pix *px)
{
	struct FT_MemoryRec_ mem = { NULL, S_ft_alloc, S_ft_free,
	    S_ft_realloc };
	struct png png;
	unsigned char *raw = NULL, *row, *prev;
	const char *why;
	const int *a;
	size_t total, pos, rb, bpp, x, y, pw, ph, i, o;
	unsigned v[4];
	int pass, npass, opaque = 1;
	FT_ULong outlen;

	memset(px, 0, sizeof(*px));
	if ((why = S_png_parse(d, n, &png)) != NULL)
		goto out;

	/* inflate exactly the filtered rows of every pass */
	npass = png.interlace ? 7 : 1;
	for (total = 0, pass = 0; pass < npass; pass++) {
		S_png_pass(&png, pass, &pw, &ph);
		if (pw > 0)
			total += ph *
			    (1 + (pw * png.chans * png.depth + 7) / 8);
	}
	raw = xmalloc(total + 1);
	outlen = total + 1;
	if (FT_Gzip_Uncompress(&mem, raw, &outlen,
	    (const FT_Byte *)png.idat.ptr, png.idat.len) != 0 ||
	    outlen != total) {
		why = "the PNG image data is broken or truncated";
		goto out;
	}

	px->w = png.w;
	px->h = png.h;
	px->ncolor = png.ctype == 0 || png.ctype == 4 ? 1 : 3;
	px->color = xmalloc((size_t)png.w * png.h * px->ncolor);
	px->alpha = xmalloc((size_t)png.w * png.h);
	bpp = (size_t)(png.chans * png.depth + 7) / 8;
	for (pos = 0, pass = 0; pass < npass; pass++) {
		S_png_pass(&png, pass, &pw, &ph);
		a = S_adam7[pass];
		rb = (pw * png.chans * png.depth + 7) / 8;
		for (prev = NULL, y = 0; pw > 0 && y < ph; y++) {
			row = raw + pos + 1;
			if (S_unfilter(row, prev, rb, bpp, raw[pos]) < 0) {
				why = "the PNG image data is broken";
				goto out;
			}
			for (x = 0; x < pw; x++) {
				for (i = 0; i < (size_t)png.chans; i++)
					v[i] = S_sample(row, x * png.chans + i,
					    png.depth);
				o = png.interlace ? (a[1] + y * a[3]) * png.w +
				    a[0] + x * a[2] : y * png.w + x;
				S_png_pixel(&png, v, o, px);
			}
			prev = row;
			pos += 1 + rb;
		}
	}
	for (o = 0; o < (size_t)png.w * png.h && opaque; o++)
		if (px->alpha[o] != 255)
			opaque = 0;
	if (opaque) {
		free(px->alpha);
		px->alpha = NULL;
	}
out:
	free(raw);
	buf_free(&png.idat);
	if (why != NULL) {
		free(px->color);
		free(px->alpha);
		memset(px, 0, sizeof(*px));
	}
	return why;
}

/*
 * Check JPEG data d (n bytes) that libharu embeds as it is: 8-bit
 * baseline or progressive, grey or RGB (PDF/A with an sRGB output
 * intent allows no CMYK), complete up to its end marker.  Sets *w and
 * *h.  Returns NULL, or why the data cannot be used (a static string).
 */
static const char *
S_jpeg_check(const unsigned char *d, size_t n, unsigned *w, unsigned *h)
{
	size_t pos = 2, len, i;
	int m, sof = 0;
	const char *why;

	for (;;) {
		if (pos >= n || d[pos] != 0xFF)
			return "the JPEG file is truncated or broken";
		while (pos < n && d[pos] == 0xFF)
			pos++;
		if (pos >= n)
			return "the JPEG file is truncated";
		m = d[pos++];
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8))
			continue;
		if (m == 0xD9)
			return "the JPEG file has no image data";
		if (n - pos < 2)
			return "the JPEG file is truncated";
		len = (size_t)d[pos] << 8 | d[pos + 1];
		if (len < 2 || len > n - pos)
			return "the JPEG file is truncated";
		if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
			if (len < 8)
				return "the JPEG file is broken";
			if (d[pos + 2] != 8)
				return "only 8-bit JPEG images are supported";
			*h = (unsigned)d[pos + 3] << 8 | d[pos + 4];
			*w = (unsigned)d[pos + 5] << 8 | d[pos + 6];
			if (d[pos + 7] == 4)
				return "CMYK JPEG images cannot go into a "
				    "PDF/A file; convert the image to RGB";
			if (d[pos + 7] != 1 && d[pos + 7] != 3)
				return "the JPEG colour space is not supported";
			if ((why = S_img_size(*w, *h)) != NULL)
				return why;
			sof = 1;
		} else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 &&
		    m != 0xC8 && m != 0xCC)
			return "lossless, hierarchical and arithmetic-coded "
			    "JPEG images are not supported";
		else if (m == 0xDA) {
			if (!sof)
				return "the JPEG file is broken";
			/* entropy-coded data cannot contain FF D9 */
			for (i = pos + len; i + 1 < n; i++)
				if (d[i] == 0xFF && d[i + 1] == 0xD9)
					return NULL;
			return "the JPEG file is truncated";
		}
		pos += len;
	}
}

/* Remember image img; returns its number. */
static int
S_add_image(struct pdfdoc *p, HPDF_Image img)
{
	p->images = xrealloc(p->images,
	    (p->nimages + 1) * sizeof(*p->images));
	p->images[p->nimages] = img;
	return (int)p->nimages++;
}

int
pdf_image(struct pdfdoc *p, const void *data, size_t len, unsigned *wpx,
    unsigned *hpx)
{
	static const unsigned char png_sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
	};
	const unsigned char *d = data;
	const char *why = NULL;
	HPDF_Image img = NULL, mask;
	struct pix px;
	unsigned w = 0, h = 0, nfail;

	memset(&px, 0, sizeof(px));
	if (S_usable(p, "pdf_image") < 0)
		return -1;
	if (d != NULL && len > 8 && memcmp(d, png_sig, 8) == 0) {
		if ((why = S_png_decode(d, len, &px)) == NULL) {
			w = px.w;
			h = px.h;
		}
	} else if (d != NULL && len > 3 && d[0] == 0xFF && d[1] == 0xD8 &&
	    d[2] == 0xFF)
		why = S_jpeg_check(d, len, &w, &h);
	else
		why = "unsupported image format (only PNG and JPEG can go "
		    "into the PDF)";
	if (why != NULL) {
		S_fail(p, 0, "%s", why);
		return -1;
	}

	nfail = p->nfail;
	p->soft++;
	if (d[0] == 0xFF) {
		if (len > UINT_MAX)
			why = "the JPEG file is too large";
		else
			img = HPDF_LoadJpegImageFromMem(p->pdf, d,
			    (HPDF_UINT)len);
	} else {
		img = HPDF_LoadRawImageFromMem(p->pdf, px.color, w, h,
		    px.ncolor == 1 ? HPDF_CS_DEVICE_GRAY :
		    HPDF_CS_DEVICE_RGB, 8);
		if (img != NULL && px.alpha != NULL) {
			mask = HPDF_LoadRawImageFromMem(p->pdf, px.alpha, w,
			    h, HPDF_CS_DEVICE_GRAY, 8);
			if (mask == NULL || HPDF_Image_AddSMask(img, mask) !=
			    HPDF_OK)
				img = NULL;
		}
		free(px.color);
		free(px.alpha);
	}
	S_settle(p);
	p->soft--;
	if (img == NULL) {
		S_fail(p, 0, "%s", why != NULL ? why : p->nfail != nfail ?
		    p->msg : "libharu cannot read the image");
		return -1;
	}
	if (wpx != NULL)
		*wpx = w;
	if (hpx != NULL)
		*hpx = h;
	return S_add_image(p, img);
}

void
pdf_draw_image(struct pdfdoc *p, int page, int img, double x, double y,
    double w, double h)
{
	struct page *pg;

	if ((pg = S_page(p, page, "pdf_draw_image")) == NULL ||
	    !S_finite(p, "pdf_draw_image", 4, x, y, w, h))
		return;
	if (img < 0 || (size_t)img >= p->nimages) {
		S_fail(p, 1, "pdf_draw_image: no image %d", img);
		return;
	}
	HPDF_Page_DrawImage(pg->pg, p->images[img], (HPDF_REAL)x,
	    (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	S_settle(p);
}

int
pdf_dest(struct pdfdoc *p, int page, double y)
{
	struct page *pg;
	HPDF_Destination dst;

	if ((pg = S_page(p, page, "pdf_dest")) == NULL ||
	    !S_finite(p, "pdf_dest", 1, y))
		return -1;
	if (y < 0)
		y = 0;
	if (y > pg->h)
		y = pg->h;
	if ((dst = HPDF_Page_CreateDestination(pg->pg)) == NULL) {
		S_settle(p);
		return -1;
	}
	/* [page /XYZ 0 y null]: HPDF_Destination_SetXYZ wants a zoom */
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, pg->pg);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, 0);
	HPDF_Array_AddReal(dst, (HPDF_REAL)y);
	HPDF_Array_Add(dst, HPDF_Null_New(p->pdf->mmgr));
	if (S_settle(p) < 0)
		return -1;
	p->dests = xrealloc(p->dests, (p->ndests + 1) * sizeof(*p->dests));
	p->dests[p->ndests].d = dst;
	p->dests[p->ndests].page = page;
	return (int)p->ndests++;
}

/* Append uri to b with spaces, controls and non-ASCII percent-encoded. */
static void
S_uri(struct buf *b, const char *uri)
{
	const unsigned char *u;

	for (u = (const unsigned char *)uri; *u != '\0'; u++)
		if (*u <= 0x20 || *u >= 0x7F)
			buf_printf(b, "%%%02X", *u);
		else
			buf_putc(b, *u);
}

void
pdf_link(struct pdfdoc *p, int page, double x, double y, double w,
    double h, int elem, const char *uri, int dest, const char *contents)
{
	struct page *pg;
	struct elem *e;
	struct annot *an;
	struct buf b = BUF_INIT;
	HPDF_Annotation a;
	HPDF_Rect r;
	char *text;

	if ((pg = S_page(p, page, "pdf_link")) == NULL ||
	    (e = S_elem(p, elem, "pdf_link")) == NULL ||
	    !S_finite(p, "pdf_link", 4, x, y, w, h))
		return;
	if (strcmp(e->type, "Link") != 0) {
		S_fail(p, 1, "pdf_link: element %d is a %s, not a Link",
		    elem, e->type);
		return;
	}
	if (uri == NULL && (dest < 0 || (size_t)dest >= p->ndests)) {
		S_fail(p, 1, "pdf_link: no destination %d", dest);
		return;
	}
	if (uri != NULL && *uri == '\0') {
		S_fail(p, 1, "pdf_link: empty URI");
		return;
	}
	r.left = (HPDF_REAL)(w < 0 ? x + w : x);
	r.right = (HPDF_REAL)(w < 0 ? x : x + w);
	r.bottom = (HPDF_REAL)(h < 0 ? y + h : y);
	r.top = (HPDF_REAL)(h < 0 ? y : y + h);
	if (uri != NULL) {
		S_uri(&b, uri);
		buf_puts(&b, "");
		a = HPDF_Page_CreateURILinkAnnot(pg->pg, r, b.ptr);
	} else
		a = HPDF_Page_CreateLinkAnnot(pg->pg, r, p->dests[dest].d);
	if (a == NULL) {
		buf_free(&b);
		S_settle(p);
		return;
	}

	/* what assistive technology reads: contents, else the target */
	if (contents != NULL && *contents != '\0')
		text = S_clean_meta(contents);
	else if (uri != NULL)
		text = S_clean_meta(b.ptr);
	else
		text = xasprintf(strncmp(p->lang, "sv", 2) == 0 ?
		    "Gå till sidan %d" : "Go to page %d",
		    p->dests[dest].page + 1);
	buf_free(&b);
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	HPDF_Dict_AddNumber(a, "F", 4);
	HPDF_Dict_Add(a, "Contents", HPDF_String_New(p->pdf->mmgr, text,
	    p->utf8));
	free(text);

	p->annots = xrealloc(p->annots,
	    (p->nannots + 1) * sizeof(*p->annots));
	an = &p->annots[p->nannots];
	an->a = a;
	an->page = page;
	an->elem = elem;
	an->key = S_key(p, -1 - (int)p->nannots);
	HPDF_Dict_AddNumber(a, "StructParent", an->key);
	S_attach(p, elem);
	S_kid(p, elem, KID_OBJR, (int)p->nannots, 0);
	p->nannots++;
	S_settle(p);
}

int
pdf_outline(struct pdfdoc *p, int parent, const char *title, int dest)
{
	HPDF_Outline o;
	char *t;

	if (S_usable(p, "pdf_outline") < 0)
		return -1;
	if (parent < -1 || parent >= (int)p->noutlines ||
	    dest < 0 || (size_t)dest >= p->ndests) {
		S_fail(p, 1, "pdf_outline: no bookmark %d or no "
		    "destination %d", parent, dest);
		return -1;
	}
	t = S_clean_meta(title != NULL ? title : "");
	o = HPDF_CreateOutline(p->pdf, parent < 0 ? NULL :
	    p->outlines[parent], t, p->utf8);
	free(t);
	if (o != NULL) {
		/* libharu gives items the root's /Type /Outlines */
		HPDF_Dict_RemoveElement(o, "Type");
		HPDF_Outline_SetDestination(o, p->dests[dest].d);
		if (parent < 0)
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
	}
	if (S_settle(p) < 0 || o == NULL)
		return -1;
	p->outlines = xrealloc(p->outlines,
	    (p->noutlines + 1) * sizeof(*p->outlines));
	p->outlines[p->noutlines] = o;
	return (int)p->noutlines++;
}

void
pdf_page_label(struct pdfdoc *p, int first, int start, const char *prefix)
{
	struct label *l;
	size_t i;

	if (S_usable(p, "pdf_page_label") < 0)
		return;
	if (first < 0 || start < 1) {
		S_fail(p, 1, "pdf_page_label: invalid page %d or number %d",
		    first, start);
		return;
	}
	for (i = 0; i < p->nlabels; i++)
		if (p->labels[i].first == first)
			break;
	if (i == p->nlabels) {
		p->labels = xrealloc(p->labels,
		    (p->nlabels + 1) * sizeof(*p->labels));
		p->nlabels++;
	} else
		free(p->labels[i].prefix);
	l = &p->labels[i];
	l->first = first;
	l->start = start;
	l->prefix = prefix != NULL && *prefix != '\0' ?
	    S_clean_meta(prefix) : NULL;
}

/* qsort() order of page labels by first page. */
static int
S_label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* Write the page labels: sorted, with one for the first page. */
static void
S_labels(struct pdfdoc *p)
{
	HPDF_Dict d;
	size_t i;

	if (p->nlabels == 0)
		return;
	qsort(p->labels, p->nlabels, sizeof(*p->labels), S_label_cmp);
	if (p->labels[0].first != 0) {
		d = HPDF_PageLabel_New(p->pdf, HPDF_PAGE_NUM_STYLE_DECIMAL, 1,
		    NULL);
		HPDF_Catalog_AddPageLabel(p->pdf->catalog, 0, d);
	}
	for (i = 0; i < p->nlabels; i++) {
		if ((size_t)p->labels[i].first >= p->npages)
			continue;
		d = HPDF_PageLabel_New(p->pdf, HPDF_PAGE_NUM_STYLE_DECIMAL,
		    p->labels[i].start, NULL);
		if (d != NULL && p->labels[i].prefix != NULL)
			HPDF_Dict_Add(d, "P", HPDF_String_New(p->pdf->mmgr,
			    p->labels[i].prefix, p->utf8));
		HPDF_Catalog_AddPageLabel(p->pdf->catalog,
		    (HPDF_UINT)p->labels[i].first, d);
	}
}

/* A text string for a PDF dictionary, in UTF-16 when not ASCII. */
static HPDF_String
S_str(struct pdfdoc *p, const char *s)
{
	return HPDF_String_New(p->pdf->mmgr, s, p->utf8);
}

/* An ID for a Note element; the caller frees it. */
static char *
S_note_id(int elem)
{
	return xasprintf("note-%08d", elem);
}

/* qsort() order of Note elements by their ID. */
static int
S_id_cmp(const void *a, const void *b)
{
	char *x = S_note_id(*(const int *)a), *y = S_note_id(*(const int *)b);
	int c = strcmp(x, y);

	free(x);
	free(y);
	return c;
}

/* Fill the dictionary of element i (its kids' dictionaries exist). */
static void
S_elem_dict(struct pdfdoc *p, size_t i, HPDF_Dict root)
{
	struct elem *e = &p->elems[i];
	HPDF_MMgr mm = p->pdf->mmgr;
	HPDF_Dict d = e->dict, x, attr;
	HPDF_Array k = NULL;
	struct kid *kd;
	char *id;
	size_t j;
	int pg0 = -1;

	HPDF_Dict_AddName(d, "Type", "StructElem");
	HPDF_Dict_AddName(d, "S", e->type);
	HPDF_Dict_Add(d, "P", e->parent < 0 ? root :
	    p->elems[e->parent].dict);
	for (j = 0; j < e->nkids && pg0 < 0; j++)
		if (e->kids[j].kind == KID_MCID)
			pg0 = e->kids[j].a;
	if (pg0 >= 0)
		HPDF_Dict_Add(d, "Pg", p->pages[pg0].pg);
	if (e->nkids == 1 && e->kids[0].kind == KID_MCID)
		HPDF_Dict_AddNumber(d, "K", e->kids[0].b);
	else if (e->nkids > 0) {
		k = HPDF_Array_New(mm);
		HPDF_Dict_Add(d, "K", k);
	}
	for (j = 0; k != NULL && j < e->nkids; j++) {
		kd = &e->kids[j];
		switch (kd->kind) {
		case KID_ELEM:
			HPDF_Array_Add(k, p->elems[kd->a].dict);
			break;
		case KID_MCID:
			if (kd->a == pg0) {
				HPDF_Array_AddNumber(k, kd->b);
				break;
			}
			x = HPDF_Dict_New(mm);
			HPDF_Array_Add(k, x);
			HPDF_Dict_AddName(x, "Type", "MCR");
			HPDF_Dict_Add(x, "Pg", p->pages[kd->a].pg);
			HPDF_Dict_AddNumber(x, "MCID", kd->b);
			break;
		case KID_OBJR:
			x = HPDF_Dict_New(mm);
			HPDF_Array_Add(k, x);
			HPDF_Dict_AddName(x, "Type", "OBJR");
			HPDF_Dict_Add(x, "Obj", p->annots[kd->a].a);
			HPDF_Dict_Add(x, "Pg",
			    p->pages[p->annots[kd->a].page].pg);
			break;
		}
	}
	if (e->alt != NULL)
		HPDF_Dict_Add(d, "Alt", S_str(p, e->alt));
	if (e->actual != NULL)
		HPDF_Dict_Add(d, "ActualText", S_str(p, e->actual));
	if (e->scope >= 0) {
		attr = HPDF_Dict_New(mm);
		HPDF_Dict_Add(d, "A", attr);
		HPDF_Dict_AddName(attr, "O", "Table");
		HPDF_Dict_AddName(attr, "Scope", e->scope ? "Column" : "Row");
	}
	if (strcmp(e->type, "Note") == 0) {
		id = S_note_id((int)i);
		HPDF_Dict_Add(d, "ID", HPDF_String_New(mm, id, NULL));
		free(id);
	}
}

/*
 * Build the structure tree: StructTreeRoot, one dictionary per element
 * that joined the tree, the ParentTree and, for Notes, the IDTree.
 */
static void
S_struct_tree(struct pdfdoc *p)
{
	HPDF_MMgr mm = p->pdf->mmgr;
	HPDF_Dict root, tree, idtree;
	HPDF_Array nums, arr, names;
	struct page *pg;
	int *notes, an;
	size_t i, j, nnotes = 0;
	char *id;

	root = HPDF_Dict_New(mm);
	HPDF_Xref_Add(p->pdf->xref, root);
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	HPDF_Dict_Add(p->pdf->catalog, "StructTreeRoot", root);
	notes = xcalloc(p->nelems, sizeof(*notes));
	for (i = 0; i < p->nelems; i++) {
		if (!p->elems[i].attached)
			continue;
		p->elems[i].dict = HPDF_Dict_New(mm);
		HPDF_Xref_Add(p->pdf->xref, p->elems[i].dict);
		if (strcmp(p->elems[i].type, "Note") == 0)
			notes[nnotes++] = (int)i;
	}
	for (i = 0; i < p->nelems; i++)
		if (p->elems[i].attached)
			S_elem_dict(p, i, root);
	HPDF_Dict_Add(root, "K", p->elems[0].dict);

	tree = HPDF_Dict_New(mm);
	HPDF_Dict_Add(root, "ParentTree", tree);
	nums = HPDF_Array_New(mm);
	HPDF_Dict_Add(tree, "Nums", nums);
	for (i = 0; i < p->nkeys; i++) {
		HPDF_Array_AddNumber(nums, (HPDF_INT32)i);
		if (p->keys[i] >= 0) {
			pg = &p->pages[p->keys[i]];
			arr = HPDF_Array_New(mm);
			HPDF_Array_Add(nums, arr);
			for (j = 0; j < pg->nmcid; j++)
				HPDF_Array_Add(arr,
				    p->elems[pg->mcid[j]].dict);
		} else {
			an = -1 - p->keys[i];
			HPDF_Array_Add(nums,
			    p->elems[p->annots[an].elem].dict);
		}
	}
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)p->nkeys);

	if (nnotes > 0) {
		qsort(notes, nnotes, sizeof(*notes), S_id_cmp);
		idtree = HPDF_Dict_New(mm);
		HPDF_Dict_Add(root, "IDTree", idtree);
		names = HPDF_Array_New(mm);
		HPDF_Dict_Add(idtree, "Names", names);
		for (i = 0; i < nnotes; i++) {
			id = S_note_id(notes[i]);
			HPDF_Array_Add(names, HPDF_String_New(mm, id, NULL));
			HPDF_Array_Add(names, p->elems[notes[i]].dict);
			free(id);
		}
	}
	free(notes);
}

/*
 * Convert t (seconds since the epoch) to UTC.  Returns 0, or -1 when it
 * is not a date of the years 1000 to 9999.
 */
static int
S_utc(long long t, struct tm *tm)
{
	time_t tt = (time_t)t;

	if ((long long)tt != t || gmtime_r(&tt, tm) == NULL ||
	    tm->tm_year < 1000 - 1900 || tm->tm_year > 9999 - 1900)
		return -1;
	return 0;
}

/* Set an Info date from t in UTC ("D:...Z00'00'"). */
static void
S_info_date(struct pdfdoc *p, HPDF_InfoType what, long long t)
{
	struct tm tm;
	HPDF_Date d;

	if (S_utc(t, &tm) < 0)
		return;
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(p->pdf, what, d);
}

/* Write element name with text content s. */
static int
S_xw_text(xmlTextWriterPtr w, const char *name, const char *s)
{
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST s) < 0 ?
	    -1 : 0;
}

/* Write an XMP date property from t (as S_info_date() writes it). */
static int
S_xw_date(xmlTextWriterPtr w, const char *name, long long t)
{
	struct tm tm;
	char s[80];

	if (S_utc(t, &tm) < 0)
		return 0;
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec > 59 ? 59 : tm.tm_sec);
	return S_xw_text(w, name, s);
}

/* Write name as an rdf:Alt, rdf:Seq or rdf:Bag (how) of one item s. */
static int
S_xw_list(xmlTextWriterPtr w, const char *name, const char *how,
    const char *s)
{
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST name) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST how) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:li") < 0;
	if (strcmp(how, "rdf:Alt") == 0)
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang",
		    BAD_CAST "x-default") < 0;
	rc |= xmlTextWriterWriteString(w, BAD_CAST s) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

/* Start an rdf:Description declaring namespace prefix uri. */
static int
S_xw_desc(xmlTextWriterPtr w, const char *prefix, const char *uri)
{
	char attr[64];
	int rc = 0;

	snprintf(attr, sizeof(attr), "xmlns:%s", prefix);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:Description") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:about",
	    BAD_CAST "") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST uri) < 0;
	return rc ? -1 : 0;
}

/*
 * The XMP packet: Dublin Core, XMP basic and PDF properties matching
 * the Info dictionary, PDF/A-2a and PDF/UA-1 identification and the
 * extension schema that PDF/A needs for pdfuaid.  Appends it to out.
 * Returns 0, or -1 when libxml2 failed.
 */
static int
S_xmp(struct pdfdoc *p, const char *producer, struct buf *out)
{
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	int rc = 0, i;

	if ((xb = xmlBufferCreate()) == NULL)
		return -1;
	if ((w = xmlNewTextWriterMemory(xb, 0)) == NULL) {
		xmlBufferFree(xb);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST " ");
	rc |= xmlTextWriterWritePI(w, BAD_CAST "xpacket", BAD_CAST
	    "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "x:xmpmeta") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:x",
	    BAD_CAST "adobe:ns:meta/") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:RDF") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:rdf",
	    BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#") < 0;

	rc |= S_xw_desc(w, "dc", "http://purl.org/dc/elements/1.1/");
	rc |= S_xw_text(w, "dc:format", "application/pdf");
	if (p->title != NULL)
		rc |= S_xw_list(w, "dc:title", "rdf:Alt", p->title);
	if (p->author != NULL)
		rc |= S_xw_list(w, "dc:creator", "rdf:Seq", p->author);
	if (p->subject != NULL)
		rc |= S_xw_list(w, "dc:description", "rdf:Alt", p->subject);
	rc |= S_xw_list(w, "dc:language", "rdf:Bag", p->lang);
	rc |= xmlTextWriterEndElement(w) < 0;

	rc |= S_xw_desc(w, "xmp", "http://ns.adobe.com/xap/1.0/");
	if (p->creator != NULL)
		rc |= S_xw_text(w, "xmp:CreatorTool", p->creator);
	rc |= S_xw_date(w, "xmp:CreateDate", p->created);
	rc |= S_xw_date(w, "xmp:ModifyDate", p->modified);
	rc |= S_xw_date(w, "xmp:MetadataDate", p->modified);
	rc |= xmlTextWriterEndElement(w) < 0;

	if (p->version != NULL) {
		rc |= S_xw_desc(w, "xmpMM", "http://ns.adobe.com/xap/1.0/mm/");
		rc |= S_xw_text(w, "xmpMM:VersionID", p->version);
		rc |= xmlTextWriterEndElement(w) < 0;
	}

	rc |= S_xw_desc(w, "pdf", "http://ns.adobe.com/pdf/1.3/");
	rc |= S_xw_text(w, "pdf:Producer", producer);
	if (p->keywords != NULL)
		rc |= S_xw_text(w, "pdf:Keywords", p->keywords);
	rc |= xmlTextWriterEndElement(w) < 0;

	rc |= S_xw_desc(w, "pdfaid", "http://www.aiim.org/pdfa/ns/id/");
	rc |= S_xw_text(w, "pdfaid:part", "2");
	rc |= S_xw_text(w, "pdfaid:conformance", "A");
	rc |= xmlTextWriterEndElement(w) < 0;

	rc |= S_xw_desc(w, "pdfuaid", "http://www.aiim.org/pdfua/ns/id/");
	rc |= S_xw_text(w, "pdfuaid:part", "1");
	rc |= xmlTextWriterEndElement(w) < 0;

	/* PDF/A-2 6.6.2.3: pdfuaid is not predefined, so describe it */
	rc |= S_xw_desc(w, "pdfaExtension",
	    "http://www.aiim.org/pdfa/ns/extension/");
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:pdfaSchema",
	    BAD_CAST "http://www.aiim.org/pdfa/ns/schema#") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:pdfaProperty",
	    BAD_CAST "http://www.aiim.org/pdfa/ns/property#") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "pdfaExtension:schemas")
	    < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:Bag") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:li") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:parseType",
	    BAD_CAST "Resource") < 0;
	rc |= S_xw_text(w, "pdfaSchema:schema",
	    "PDF/UA Universal Accessibility Schema");
	rc |= S_xw_text(w, "pdfaSchema:namespaceURI",
	    "http://www.aiim.org/pdfua/ns/id/");
	rc |= S_xw_text(w, "pdfaSchema:prefix", "pdfuaid");
	rc |= xmlTextWriterStartElement(w, BAD_CAST "pdfaSchema:property")
	    < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:Seq") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "rdf:li") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:parseType",
	    BAD_CAST "Resource") < 0;
	rc |= S_xw_text(w, "pdfaProperty:name", "part");
	rc |= S_xw_text(w, "pdfaProperty:valueType", "Integer");
	rc |= S_xw_text(w, "pdfaProperty:category", "internal");
	rc |= S_xw_text(w, "pdfaProperty:description",
	    "Indicates which part of ISO 14289 the file conforms to");
	/* rdf:li, rdf:Seq, pdfaSchema:property, rdf:li, rdf:Bag,
	 * pdfaExtension:schemas, rdf:Description, rdf:RDF, x:xmpmeta */
	for (i = 0; i < 9; i++)
		rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterWritePI(w, BAD_CAST "xpacket",
	    BAD_CAST "end=\"w\"") < 0;
	rc |= xmlTextWriterFlush(w) < 0;
	xmlFreeTextWriter(w);
	if (rc == 0)
		buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return rc ? -1 : 0;
}

/* The sRGB output intent of PDF/A.  Returns 0, or -1 with an error. */
static int
S_output_intent(struct pdfdoc *p)
{
	HPDF_MMgr mm = p->pdf->mmgr;
	HPDF_Dict icc, oi;
	HPDF_Array ois;

	if (access(ICC_PATH, R_OK) != 0) {
		S_fail(p, 1, "cannot read the sRGB colour profile %s (%s); "
		    "install the Debian package %s", ICC_PATH,
		    strerror(errno), ICC_PACKAGE);
		return -1;
	}
	if ((icc = HPDF_LoadIccProfileFromFile(p->pdf, ICC_PATH, 3)) ==
	    NULL) {
		S_settle(p);
		return -1;
	}
	oi = HPDF_Dict_New(mm);
	HPDF_Xref_Add(p->pdf->xref, oi);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1",
	    NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	ois = HPDF_Array_New(mm);
	HPDF_Array_Add(ois, oi);
	HPDF_Dict_Add(p->pdf->catalog, "OutputIntents", ois);
	return S_settle(p);
}

/* Catalog entries of a tagged PDF: MarkInfo, Lang, ViewerPreferences. */
static void
S_catalog(struct pdfdoc *p)
{
	HPDF_MMgr mm = p->pdf->mmgr;
	HPDF_Dict d;

	d = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(d, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(p->pdf->catalog, "MarkInfo", d);
	HPDF_Dict_Add(p->pdf->catalog, "Lang",
	    HPDF_String_New(mm, p->lang, NULL));
	d = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(d, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(p->pdf->catalog, "ViewerPreferences", d);
	if (p->noutlines > 0)
		HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/*
 * The Info dictionary, matching S_xmp(); the version and the commit as
 * entries of their own (PDF/A-2 asks no XMP twin of those).
 */
static void
S_info(struct pdfdoc *p, const char *producer)
{
	if (p->title != NULL)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, p->title);
	if (p->author != NULL)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, p->author);
	if (p->subject != NULL)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, p->subject);
	if (p->keywords != NULL)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, p->keywords);
	if (p->creator != NULL)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, p->creator);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_PRODUCER, producer);
	S_info_date(p, HPDF_INFO_CREATION_DATE, p->created);
	S_info_date(p, HPDF_INFO_MOD_DATE, p->modified);
	if (p->pdf->info == NULL)
		return;
	if (p->version != NULL)
		HPDF_Dict_Add(p->pdf->info, "Version", S_str(p, p->version));
	if (p->commit != NULL)
		HPDF_Dict_Add(p->pdf->info, "Commit", S_str(p, p->commit));
}

/*
 * The metadata stream (unfiltered, as PDF/A readers expect) and the
 * file identifier: MD5 of seed and the XMP packet, twice.
 */
static int
S_metadata(struct pdfdoc *p, const void *seed, size_t seedlen,
    const char *producer)
{
	struct buf xmp = BUF_INIT;
	const unsigned char *s = seed;
	HPDF_MD5_CTX md5;
	HPDF_BYTE id[16];
	HPDF_Dict meta;
	HPDF_Array ida;
	size_t n;

	if (S_xmp(p, producer, &xmp) < 0 || xmp.len > UINT_MAX) {
		buf_free(&xmp);
		S_fail(p, 1, "cannot write the XMP metadata");
		return -1;
	}
	meta = HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref);
	if (meta != NULL) {
		meta->filter = HPDF_STREAM_FILTER_NONE;
		HPDF_Dict_AddName(meta, "Type", "Metadata");
		HPDF_Dict_AddName(meta, "Subtype", "XML");
		HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp.ptr,
		    (HPDF_UINT)xmp.len);
		HPDF_Dict_Add(p->pdf->catalog, "Metadata", meta);
	}

	HPDF_MD5Init(&md5);
	for (; s != NULL && seedlen > 0; s += n, seedlen -= n) {
		n = seedlen > 65536 ? 65536 : seedlen;
		HPDF_MD5Update(&md5, s, (HPDF_UINT32)n);
	}
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)xmp.ptr, (HPDF_UINT32)xmp.len);
	HPDF_MD5Final(id, &md5);
	buf_free(&xmp);
	ida = HPDF_Array_New(p->pdf->mmgr);
	HPDF_Array_Add(ida, HPDF_Binary_New(p->pdf->mmgr, id, 16));
	HPDF_Array_Add(ida, HPDF_Binary_New(p->pdf->mmgr, id, 16));
	HPDF_Dict_Add(p->pdf->trailer, "ID", ida);
	return S_settle(p);
}

int
pdf_save(struct pdfdoc *p, const void *seed, size_t seedlen,
    struct buf *out)
{
	struct buf producer = BUF_INIT;
	HPDF_UINT32 size, got = 0, total;
	HPDF_STATUS e;
	size_t i, start;

	if (p->saved) {
		S_fail(p, 1, "pdf_save: the document is already saved");
		return -1;
	}
	p->saved = 1;
	for (i = 0; i < p->npages && p->fatal == NULL; i++)
		if (p->pages[i].open)
			S_fail(p, 1, "pdf_save: marked content left open on "
			    "page %zu", i);
	if (p->npages == 0)
		S_fail(p, 1, "pdf_save: the document has no pages");
	if (p->fatal != NULL)
		goto fail;

	buf_printf(&producer, "pakt with libharu %s", HPDF_GetVersion());
	S_catalog(p);
	S_struct_tree(p);
	S_labels(p);
	S_info(p, producer.ptr);
	S_settle(p);
	if (p->fatal == NULL && S_output_intent(p) == 0)
		S_metadata(p, seed, seedlen, producer.ptr);
	buf_free(&producer);
	if (p->fatal != NULL)
		goto fail;

	p->pdf->pdf_version = HPDF_VER_17;
	HPDF_SaveToStream(p->pdf);
	S_settle(p);
	if (p->fatal != NULL)
		goto fail;
	size = HPDF_GetStreamSize(p->pdf);
	start = out->len;
	buf_grow(out, size);
	p->quiet_eof = 1;
	for (total = 0; total < size; total += got) {
		got = size - total < 65536 ? size - total : 65536;
		e = HPDF_ReadFromStream(p->pdf,
		    (HPDF_BYTE *)out->ptr + start + total, &got);
		if ((e != HPDF_OK && e != HPDF_STREAM_EOF) || got == 0)
			break;
	}
	S_settle(p);
	p->quiet_eof = 0;
	if (p->fatal == NULL && (total != size || size == 0))
		S_fail(p, 1, "pdf_save: libharu wrote %u of %u bytes",
		    (unsigned)total, (unsigned)size);
	if (p->fatal != NULL)
		goto fail;
	out->len = start + total;
	out->ptr[out->len] = '\0';
	return 0;
fail:
	if (out->ptr != NULL)
		out->ptr[out->len] = '\0';
	free(p->msg);
	p->msg = xstrdup(p->fatal);
	return -1;
}

/* Whether s is a plausible BCP 47 language tag. */
static int
S_lang_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 35 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

struct pdfdoc *
pdf_new(const struct pdf_info *info)
{
	struct pdfdoc *p;
	HPDF_Doc pdf;

	p = xcalloc(1, sizeof(*p));
	if ((pdf = HPDF_New(S_hpdf_error, p)) == NULL) {
		free(p);
		return NULL;
	}
	p->pdf = pdf;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	p->utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	if (p->utf8 == NULL || p->fatal != NULL) {
		pdf_free(p);
		return NULL;
	}
	if (info != NULL) {
		p->title = S_clean_meta(info->title);
		p->author = S_clean_meta(info->author);
		p->subject = S_clean_meta(info->subject);
		p->keywords = S_clean_meta(info->keywords);
		p->creator = S_clean_meta(info->creator);
		p->version = S_clean_meta(info->version);
		p->commit = S_clean_meta(info->commit);
		p->created = info->created;
		p->modified = info->modified;
	}
	if (info == NULL || info->lang == NULL || *info->lang == '\0')
		p->lang = xstrdup("sv-SE");
	else if (S_lang_ok(info->lang))
		p->lang = xstrdup(info->lang);
	else {
		S_fail(p, 1, "invalid language tag '%s'", info->lang);
		p->lang = xstrdup("sv-SE");
	}
	S_new_elem(p, -1, "Document");
	return p;
}

void
pdf_free(struct pdfdoc *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->pdf != NULL)
		HPDF_Free(p->pdf);
	for (i = 0; i < p->nfonts; i++) {
		free(p->fonts[i].path);
		free(p->fonts[i].kind);
		free(p->fonts[i].adv);
	}
	free(p->fonts);
	for (i = 0; i < p->nelems; i++) {
		free(p->elems[i].type);
		free(p->elems[i].alt);
		free(p->elems[i].actual);
		free(p->elems[i].kids);
	}
	free(p->elems);
	for (i = 0; i < p->npages; i++)
		free(p->pages[i].mcid);
	free(p->pages);
	free(p->annots);
	free(p->keys);
	free(p->images);
	free(p->dests);
	free(p->outlines);
	for (i = 0; i < p->nlabels; i++)
		free(p->labels[i].prefix);
	free(p->labels);
	buf_free(&p->tmp);
	free(p->title);
	free(p->author);
	free(p->subject);
	free(p->keywords);
	free(p->creator);
	free(p->version);
	free(p->commit);
	free(p->lang);
	free(p->msg);
	free(p->fatal);
	free(p);
}

const char *
pdf_error(const struct pdfdoc *p)
{
	return p->msg;
}
