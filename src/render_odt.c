/*
 * render_odt.c - a document as an OpenDocument text (ODF 1.3) package.
 *
 * content.xml is written twice by the same code.  The first pass writes
 * into a buffer that is thrown away and notes what the document needs:
 * the automatic styles it uses, its pictures (read and measured here,
 * where a missing one is reported), which headings get a bookmark.  The
 * second pass writes the automatic styles first, as ODF wants them
 * ahead of the body, then the body again.  Every part is written with
 * libxml2: content.xml, meta.xml, settings.xml and the manifest with
 * xmlTextWriter, styles.xml by reading the reference document into a
 * tree, filling in the header and footer of its master page and writing
 * the tree out.
 *
 * The levels of headings are those of the HTML page less one: the title
 * is a "Title" paragraph, the body's top headings are "Heading 1".
 * Lengths are kept in thousandths of a centimetre.
 */
#include "render_odt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "labels.h"
#include "markdown.h"
#include "meta.h"
#include "odt_zip.h"
#include "outline.h"
#include "render_html.h"
#include "render_pdf.h"
#include "source.h"
#include "template.h"
#include "url.h"

#define MIMETYPE	"application/vnd.oasis.opendocument.text"
#define TEXT_W		16000	/* text area when styles.xml says nothing */
#define TEXT_H		24000
#define MAX_LISTS	10	/* lists nested deeper join the item around */
#define MAX_SPANS	16	/* spans nested deeper join the span around */
#define TOC_LEVELS	3

#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE	"urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT		"urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_FO	\
	"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

/* The namespaces every part declares on its root. */
static const char *const S_ns[][2] = {
	{ "office", NS_OFFICE },
	{ "style", NS_STYLE },
	{ "text", NS_TEXT },
	{ "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
	{ "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
	{ "fo", NS_FO },
	{ "xlink", "http://www.w3.org/1999/xlink" },
	{ "dc", "http://purl.org/dc/elements/1.1/" },
	{ "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
	{ "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
	{ "config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0" },
};

/* The automatic styles content.xml may need, written when used. */
enum {
	AS_STRIKE, AS_DRAFT, AS_TYPE, AS_FIELD, AS_KEEP, AS_SIGN_PLACE,
	AS_SIGN_LINE, AS_TH_CENTER, AS_TH_RIGHT, AS_TD_CENTER, AS_TD_RIGHT,
	AS_TABLE, AS_COL, AS_COL_MID, AS_COL_WIDE, AS_TH_CELL, AS_TD_CELL,
	AS_IMAGE, AS_BOX, AS__MAX
};

static const struct {
	const char	*name, *family, *parent, *props;
	const char	*attr[17];	/* name, value, ..., NULL */
} S_auto[AS__MAX] = {
	{ "pkStrike", "text", NULL, "style:text-properties",
	  { "style:text-line-through-style", "solid",
	    "style:text-line-through-type", "single", NULL } },
	{ "pkDraft", "text", NULL, "style:text-properties",
	  { "fo:font-weight", "bold", "fo:color", "#a31515", NULL } },
	{ "pkType", "paragraph", "Text_20_body", "style:text-properties",
	  { "fo:color", "#0b3a63", NULL } },
	{ "pkField", "paragraph", "Text_20_body", "style:paragraph-properties",
	  { "fo:margin-top", "0cm", "fo:margin-bottom", "0.05cm",
	    "fo:line-height", "130%", NULL } },
	{ "pkKeep", "paragraph", "Text_20_body", "style:paragraph-properties",
	  { "fo:margin-bottom", "0cm", "fo:keep-with-next", "always", NULL } },
	{ "pkSignPlace", "paragraph", "Text_20_body",
	  "style:paragraph-properties",
	  { "fo:margin-top", "0.8cm", "fo:margin-bottom", "0cm",
	    "fo:keep-with-next", "always", NULL } },
	{ "pkSignLine", "paragraph", "Text_20_body",
	  "style:paragraph-properties",
	  { "fo:margin-top", "1.2cm", "fo:margin-bottom", "0.1cm",
	    "fo:margin-right", "8cm", "fo:keep-with-next", "always",
	    "fo:padding", "0cm", "fo:border-top", "none",
	    "fo:border-bottom", "0.75pt solid #1a1a1a", NULL } },
	{ "pkHeadCenter", "paragraph", "Table_20_Heading",
	  "style:paragraph-properties", { "fo:text-align", "center", NULL } },
	{ "pkHeadRight", "paragraph", "Table_20_Heading",
	  "style:paragraph-properties", { "fo:text-align", "end", NULL } },
	{ "pkCellCenter", "paragraph", "Table_20_Contents",
	  "style:paragraph-properties", { "fo:text-align", "center", NULL } },
	{ "pkCellRight", "paragraph", "Table_20_Contents",
	  "style:paragraph-properties", { "fo:text-align", "end", NULL } },
	{ "pkTable", "table", NULL, "style:table-properties",
	  { "table:align", "margins", "fo:margin-top", "0.2cm",
	    "fo:margin-bottom", "0.3cm", NULL } },
	{ "pkCol", "table-column", NULL, "style:table-column-properties",
	  { "style:rel-column-width", "1000*", NULL } },
	{ "pkColMid", "table-column", NULL, "style:table-column-properties",
	  { "style:rel-column-width", "1500*", NULL } },
	{ "pkColWide", "table-column", NULL, "style:table-column-properties",
	  { "style:rel-column-width", "2000*", NULL } },
	{ "pkHeadCell", "table-cell", NULL, "style:table-cell-properties",
	  { "fo:padding", "0.1cm", "fo:border", "0.5pt solid #8a8a8a",
	    "fo:background-color", "#e6edf4", NULL } },
	{ "pkCell", "table-cell", NULL, "style:table-cell-properties",
	  { "fo:padding", "0.1cm", "fo:border", "0.5pt solid #8a8a8a", NULL } },
	{ "pkImage", "graphic", "Graphics", "style:graphic-properties",
	  { "style:vertical-pos", "top", "style:vertical-rel", "baseline",
	    "style:wrap", "none", "fo:border", "none", "fo:padding", "0cm",
	    NULL } },
	{ "pkBox", "graphic", "Frame", "style:graphic-properties",
	  { "style:wrap", "none", "style:vertical-pos", "top",
	    "style:vertical-rel", "paragraph", "style:horizontal-pos", "left",
	    "style:horizontal-rel", "paragraph", "fo:border", "none",
	    "fo:padding", "0cm", NULL } },
};

/* A picture of the package. */
struct ro_pic {
	char		*rel;		/* its path in the content folder */
	char		*name;		/* "Pictures/1.png" */
	const char	*type;		/* media type */
	char		*data;
	size_t		 len;
	unsigned	 w, h;		/* pixels */
};

/* What an open node of the tree was written as. */
enum {
	B_QUOTE, B_LIST, B_ITEM, B_HEAD, B_SPAN, B_LINK, B_CELL
};

struct ro_box {
	int		 kind;
	int		 open;		/* an element was started for it */
	long		 head;		/* B_HEAD: index in toc, or -1 */
};

/* The table being written. */
struct ro_tab {
	cmark_node	*node;
	size_t		 ncols, col;
	int		 boxed;		/* in a frame, being in a list item */
};

struct ro {
	const struct doc	*doc;
	const struct odt_opts	*o;
	struct diag		*d;
	const struct tval	*data;	/* the HTML page's data */
	int			 en;
	long			 textw, texth;	/* text area */
	int			 pass;	/* 0: note what is needed, 1: write */
	int			 errors;
	unsigned char		 used[AS__MAX];

	xmlBufferPtr		 xb;
	xmlTextWriterPtr	 w;
	int			 werr;	/* a write failed */
	struct buf		 tmp;	/* text cleaned for XML */

	const struct html_toc	*toc;	/* the page's headings (level 2
					   at the top) */
	int			*placed;	/* toc entry written by the
						   first pass */
	struct ro_pic		*pics;
	size_t			 npics;
	cmark_node		**fndef;	/* note n's definition (1-) */
	int			 nfn;

	/* the state of one pass */
	unsigned char		*fn_done;	/* note n written or queued */
	int			*fn_queue;	/* notes met inside a note */
	int			 nqueue;
	int			 in_note;
	int			 in_link;
	int			 lists, items, spans;	/* open elements */
	int			 ntables, nimages;
	struct ro_tab		 tab;
	struct ro_box		*stack;
	size_t			 nstack, stackcap, base;
};

/*
 * Append to b the len bytes of s without what XML cannot hold: control
 * characters other than tab, newline and carriage return, and the
 * non-characters U+FFFE and U+FFFF.  b is reset first.
 */
static void
S_clean(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, start = 0;

	buf_reset(b);
	buf_put(b, "", 0);
	for (i = 0; i < len; i++) {
		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r') || (p[i] == 0xef && i + 2 < len &&
		    p[i + 1] == 0xbf && (p[i + 2] == 0xbe ||
		    p[i + 2] == 0xbf))) {
			buf_put(b, s + start, i - start);
			if (p[i] == 0xef)
				i += 2;
			start = i + 1;
		}
	}
	buf_put(b, s + start, len - start);
}

/* Start writing an XML part into a new buffer; records failure in werr. */
static void
S_begin(struct ro *r)
{
	r->werr = 0;
	r->xb = xmlBufferCreate();
	r->w = r->xb != NULL ? xmlNewTextWriterMemory(r->xb, 0) : NULL;
	if (r->w == NULL || xmlTextWriterStartDocument(r->w, NULL, "UTF-8",
	    NULL) < 0)
		r->werr = 1;
}

/*
 * Finish the part begun with S_begin() and append it to out (NULL:
 * throw it away).  Returns 0, or -1 after recording that part could
 * not be written.
 */
static int
S_finish(struct ro *r, struct buf *out, const char *part)
{
	if (r->w != NULL) {
		if (xmlTextWriterEndDocument(r->w) < 0)
			r->werr = 1;
		xmlFreeTextWriter(r->w);
		r->w = NULL;
	}
	if (r->xb != NULL) {
		if (!r->werr && out != NULL)
			buf_put(out, xmlBufferContent(r->xb),
			    (size_t)xmlBufferLength(r->xb));
		xmlBufferFree(r->xb);
		r->xb = NULL;
	}
	if (r->werr) {
		diag_err(r->d, r->doc->path, 0, 0, "cannot write %s of the "
		    "ODT file", part);
		return -1;
	}
	return 0;
}

/* Start element name.  Like every writing function, notes a failure in
 * r->werr for S_finish() to report. */
static void
S_start(struct ro *r, const char *name)
{
	if (r->w == NULL || xmlTextWriterStartElement(r->w,
	    (const xmlChar *)name) < 0)
		r->werr = 1;
}

/* End the innermost element. */
static void
S_end(struct ro *r)
{
	if (r->w == NULL || xmlTextWriterEndElement(r->w) < 0)
		r->werr = 1;
}

/* An attribute of the element just started; value is escaped. */
static void
S_attr(struct ro *r, const char *name, const char *value)
{
	S_clean(&r->tmp, value, strlen(value));
	if (r->w == NULL || xmlTextWriterWriteAttribute(r->w,
	    (const xmlChar *)name, (const xmlChar *)r->tmp.ptr) < 0)
		r->werr = 1;
}

/* An attribute with a printf-formatted value of up to 127 bytes. */
static void
S_attrf(struct ro *r, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
S_attrf(struct ro *r, const char *name, const char *fmt, ...)
{
	char v[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	S_attr(r, name, v);
}

/* A length of n thousandths of a centimetre as an attribute. */
static void
S_attr_len(struct ro *r, const char *name, long n)
{
	S_attrf(r, name, "%ld.%03ldcm", n / 1000, n % 1000);
}

/* Write len bytes of text, escaped. */
static void
S_text(struct ro *r, const char *s, size_t len)
{
	S_clean(&r->tmp, s, len);
	if (r->tmp.len == 0)
		return;
	if (r->w == NULL || xmlTextWriterWriteString(r->w,
	    (const xmlChar *)r->tmp.ptr) < 0)
		r->werr = 1;
}

/* Write string s (nothing for NULL), escaped. */
static void
S_puts(struct ro *r, const char *s)
{
	if (s != NULL)
		S_text(r, s, strlen(s));
}

/* An element without content. */
static void
S_empty(struct ro *r, const char *name)
{
	S_start(r, name);
	S_end(r);
}

/* An element with one attribute (when attr is not NULL) and text. */
static void
S_elem(struct ro *r, const char *name, const char *attr, const char *value,
    const char *text)
{
	S_start(r, name);
	if (attr != NULL)
		S_attr(r, attr, value);
	S_puts(r, text);
	S_end(r);
}

/* Declare every namespace and the ODF version on the root element. */
static void
S_root(struct ro *r, const char *name)
{
	char attr[32];
	size_t i;

	S_start(r, name);
	for (i = 0; i < sizeof(S_ns) / sizeof(S_ns[0]); i++) {
		snprintf(attr, sizeof(attr), "xmlns:%s", S_ns[i][0]);
		S_attr(r, attr, S_ns[i][1]);
	}
	S_attr(r, "office:version", "1.3");
}

/*
 * Text where every space and tab counts (code): a run of spaces other
 * than one space after a character becomes text:s, a tab text:tab and
 * a newline text:line-break.
 */
static void
S_pre(struct ro *r, const char *s, size_t len)
{
	size_t i = 0, j;
	int after_char = 0;

	while (i < len) {
		for (j = i; j < len && s[j] != ' ' && s[j] != '\t' &&
		    s[j] != '\n'; j++)
			;
		if (j > i) {
			S_text(r, s + i, j - i);
			after_char = 1;
			i = j;
			continue;
		}
		if (s[i] != ' ') {
			S_empty(r, s[i] == '\t' ? "text:tab" :
			    "text:line-break");
			after_char = 0;
			i++;
			continue;
		}
		for (j = i; j < len && s[j] == ' '; j++)
			;
		if (j - i == 1 && after_char && j < len && s[j] != '\n' &&
		    s[j] != '\t')
			S_text(r, " ", 1);
		else {
			S_start(r, "text:s");
			if (j - i > 1)
				S_attrf(r, "text:c", "%zu", j - i);
			S_end(r);
		}
		after_char = 0;
		i = j;
	}
}

/* Mark automatic style i as used and return its name. */
static const char *
S_use(struct ro *r, int i)
{
	r->used[i] = 1;
	return S_auto[i].name;
}

/* Write the automatic styles the first pass used. */
static void
S_auto_styles(struct ro *r)
{
	size_t i, j;

	for (i = 0; i < AS__MAX; i++) {
		if (!r->used[i])
			continue;
		S_start(r, "style:style");
		S_attr(r, "style:name", S_auto[i].name);
		S_attr(r, "style:family", S_auto[i].family);
		if (S_auto[i].parent != NULL)
			S_attr(r, "style:parent-style-name",
			    S_auto[i].parent);
		S_start(r, S_auto[i].props);
		if (i == AS_TABLE)
			S_attr_len(r, "style:width", r->textw);
		for (j = 0; S_auto[i].attr[j] != NULL; j += 2)
			S_attr(r, S_auto[i].attr[j], S_auto[i].attr[j + 1]);
		S_end(r);
		S_end(r);
	}
}

/* Put a box for a node being entered on the stack.  Returns it, valid
 * until the next push. */
static struct ro_box *
S_push(struct ro *r, int kind, int open)
{
	struct ro_box *b;

	if (r->nstack == r->stackcap) {
		r->stackcap = r->stackcap ? r->stackcap * 2 : 32;
		r->stack = xrealloc(r->stack, r->stackcap * sizeof(*r->stack));
	}
	b = &r->stack[r->nstack++];
	b->kind = kind;
	b->open = open;
	b->head = -1;
	return b;
}

/* Take the innermost box off the stack.  Returns it (valid until the
 * next push), or a closed dummy when the stack is empty. */
static const struct ro_box *
S_pop(struct ro *r)
{
	static const struct ro_box none = { B_QUOTE, 0, -1 };

	if (r->nstack <= r->base)
		return &none;
	return &r->stack[--r->nstack];
}

/* The style of a paragraph in the innermost container. */
static const char *
S_pstyle(const struct ro *r)
{
	if (r->nstack > r->base) {
		switch (r->stack[r->nstack - 1].kind) {
		case B_ITEM:
			return "List";
		case B_QUOTE:
			return "Quotations";
		}
	}
	return r->in_note ? "Footnote" : "Text_20_body";
}

/* Start a paragraph of style. */
static void
S_para(struct ro *r, const char *style)
{
	S_start(r, "text:p");
	S_attr(r, "text:style-name", style);
}

/* Start or end a span of style, unless spans are nested too deep. */
static void
S_span(struct ro *r, int entering, const char *style)
{
	const struct ro_box *b;

	if (entering) {
		b = S_push(r, B_SPAN, r->spans < MAX_SPANS);
		if (b->open) {
			r->spans++;
			S_start(r, "text:span");
			S_attr(r, "text:style-name", style);
		}
		return;
	}
	if ((b = S_pop(r))->open) {
		S_end(r);
		r->spans--;
	}
}

/* Text in a span of style. */
static void
S_span_text(struct ro *r, const char *style, const char *s)
{
	S_start(r, "text:span");
	S_attr(r, "text:style-name", style);
	S_puts(r, s);
	S_end(r);
}

/*
 * Start a heading.  Outside notes, a heading whose index h in the
 * page's headings is not -1 takes the level of that entry (one less
 * than on the page) and a bookmark named by its id; otherwise level is
 * used.  S_heading_end() closes it.
 */
static void
S_heading(struct ro *r, long h, int level)
{
	struct ro_box *b;

	if (r->in_note || (size_t)h >= r->toc->n)
		h = -1;
	if (h >= 0) {
		r->placed[h] = 1;
		level = r->toc->items[h].level - 1;
	}
	level = level < 1 ? 1 : level > 6 ? 6 : level;
	S_start(r, "text:h");
	S_attrf(r, "text:style-name", "Heading_20_%d", level);
	S_attrf(r, "text:outline-level", "%d", level);
	b = S_push(r, B_HEAD, 1);
	if (h >= 0) {
		b->head = h;
		S_start(r, "text:bookmark-start");
		S_attr(r, "text:name", r->toc->items[h].id);
		S_end(r);
	}
}

/* End the heading begun with S_heading(), closing its bookmark. */
static void
S_heading_end(struct ro *r)
{
	const struct ro_box *b = S_pop(r);

	if (b->head >= 0) {
		S_start(r, "text:bookmark-end");
		S_attr(r, "text:name", r->toc->items[b->head].id);
		S_end(r);
	}
	S_end(r);
}

/*
 * A heading of the furniture with id (render_html.h), which the page
 * lists, and text.
 */
static void
S_fheading(struct ro *r, const char *id, const char *text, int level)
{
	S_heading(r, html_toc_furniture(r->toc, r->doc, id), level);
	S_puts(r, text);
	S_heading_end(r);
}

/*
 * The target of a link to url, or NULL for none: a heading of this
 * document ("#id", its bookmark), another document of the site (its ODT
 * beside this one, or its page on the website when base-url is set), or
 * any other safe URL.  The caller frees it.
 */
static char *
S_href(struct ro *r, const char *url)
{
	if (url == NULL || *url == '\0' || !url_is_safe(url))
		return NULL;
	if (url[0] == '#')
		return html_toc_find(r->toc, url + 1, strlen(url + 1)) >= 0 ?
		    xstrdup(url) : NULL;
	return doc_link_url(r->doc, url, "odt", r->o->base_url);
}

/*
 * url with what a URI cannot hold percent-encoded (links are checked
 * for safety, not for syntax): spaces and control characters,
 * " < > \ ^ ` { | }, brackets after the host, a % that starts no escape,
 * a second #.  Returns a new string the caller frees.
 */
static char *
S_uri(const char *url)
{
	const unsigned char *p = (const unsigned char *)url;
	const char *s = strstr(url, "://");
	size_t i, host_end = 0;
	struct buf b = BUF_INIT;
	int frag = 0;

	/* brackets belong to the host in "http://[::1]/" */
	if (s != NULL)
		host_end = (size_t)(s - url) + 3 + strcspn(s + 3, "/?#");
	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] <= ' ' || p[i] == 0x7f ||
		    strchr("\"<>\\^`{|}", p[i]) != NULL ||
		    ((p[i] == '[' || p[i] == ']') && i >= host_end) ||
		    (p[i] == '%' && !(isxdigit(p[i + 1]) &&
		    isxdigit(p[i + 2]))) || (p[i] == '#' && frag++ > 0))
			buf_printf(&b, "%%%02X", p[i]);
		else
			buf_putc(&b, p[i]);
	}
	buf_put(&b, "", 0);
	return buf_detach(&b);
}

/* Start or end a link; a link inside a link is text of the outer one. */
static void
S_link(struct ro *r, cmark_node *n, int entering)
{
	struct buf text = BUF_INIT;
	const char *title;
	char *href = NULL, *raw;

	if (!entering) {
		r->in_link--;
		if (S_pop(r)->open)
			S_end(r);
		return;
	}
	if (r->in_link++ == 0)
		href = S_href(r, cmark_node_get_url(n));
	S_push(r, B_LINK, href != NULL);
	if (href == NULL)
		return;
	raw = href;
	href = S_uri(raw);
	free(raw);
	S_start(r, "text:a");
	S_attr(r, "xlink:type", "simple");
	S_attr(r, "xlink:href", href);
	if ((title = cmark_node_get_title(n)) != NULL && *title != '\0')
		S_attr(r, "office:title", title);
	S_attr(r, "text:style-name", "Internet_20_link");
	S_attr(r, "text:visited-style-name", "Visited_20_Internet_20_Link");
	/* a link needs a name: its URL when it has no text */
	md_plain_text(&text, n);
	if (text.len == strspn(text.ptr ? text.ptr : "", " \t\r\n"))
		S_puts(r, href);
	buf_free(&text);
	free(href);
}

/* The big-endian number in the n bytes at p. */
static unsigned
S_be(const unsigned char *p, int n)
{
	unsigned v = 0;

	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

/*
 * The size in pixels of a PNG (from its IHDR) or JPEG image (from its
 * SOF segment).  Returns its media type with *w and *h set, or NULL when
 * data is neither or gives no size.
 */
static const char *
S_image_size(const char *data, size_t len, unsigned *w, unsigned *h)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i;
	unsigned m;

	*w = *h = 0;
	if (len >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(p + 12, "IHDR", 4) == 0) {
		*w = S_be(p + 16, 4);
		*h = S_be(p + 20, 4);
		return *w > 0 && *h > 0 ? "image/png" : NULL;
	}
	if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
		return NULL;
	for (i = 2; i + 4 <= len; ) {
		if (p[i] != 0xff)
			return NULL;
		m = p[i + 1];
		if (m == 0xff) {		/* fill byte */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8)) {
			i += 2;			/* no length */
			continue;
		}
		if (m == 0xd9 || m == 0xda)	/* the end, or the scan */
			return NULL;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (i + 9 > len)
				return NULL;
			*h = S_be(p + i + 5, 2);
			*w = S_be(p + i + 7, 2);
			return *w > 0 && *h > 0 ? "image/jpeg" : NULL;
		}
		i += 2 + S_be(p + i + 2, 2);
	}
	return NULL;
}

/*
 * The picture at rel: read and measured by the first pass (which
 * records what is wrong and returns NULL), found again by the second.
 */
static struct ro_pic *
S_pic(struct ro *r, const char *rel, const char *url, cmark_node *n)
{
	struct ro_pic *p;
	unsigned line = (unsigned)cmark_node_get_start_line(n) +
	    r->doc->body_line0;
	unsigned col = doc_column(r->doc, line,
	    (unsigned)cmark_node_get_start_column(n));
	const char *type;
	char *data;
	size_t i, len;
	unsigned w, h;

	for (i = 0; rel != NULL && i < r->npics; i++)
		if (strcmp(r->pics[i].rel, rel) == 0)
			return &r->pics[i];
	if (r->pass > 0)
		return NULL;
	if (rel == NULL || source_read(r->o->src, rel, &data, &len) < 0) {
		diag_err(r->d, r->doc->path, line, col, "cannot read image "
		    "'%s'", url);
		r->errors++;
		return NULL;
	}
	if ((type = S_image_size(data, len, &w, &h)) == NULL) {
		diag_err(r->d, r->doc->path, line, col, "image '%s' cannot go "
		    "into the ODT: it is not a PNG or JPEG image", url);
		r->errors++;
		free(data);
		return NULL;
	}
	r->pics = xrealloc(r->pics, (r->npics + 1) * sizeof(*r->pics));
	p = &r->pics[r->npics++];
	p->rel = xstrdup(rel);
	p->name = xasprintf("Pictures/%zu.%s", r->npics,
	    strcmp(type, "image/png") == 0 ? "png" : "jpg");
	p->type = type;
	p->data = data;
	p->len = len;
	p->w = w;
	p->h = h;
	return p;
}

/*
 * An image: a frame in the line, at 96 pixels an inch but no wider than
 * the text (or a table's column) and no higher than the page, its alt
 * text as title and description.
 */
static void
S_image(struct ro *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	struct buf alt = BUF_INIT;
	struct ro_pic *p;
	long long w, h, maxw;
	char *rel;

	rel = url != NULL ? path_resolve(r->doc->rel, url) : NULL;
	p = S_pic(r, rel, url ? url : "", n);
	free(rel);
	if (p == NULL)
		return;
	/* in a table, no wider than a column of equal ones */
	maxw = r->tab.node != NULL ? r->textw / (long)r->tab.ncols - 200 :
	    r->textw;
	maxw = maxw < 1000 ? 1000 : maxw;
	w = (long long)p->w * 2540 / 96;
	h = (long long)p->h * 2540 / 96;
	if (w > maxw) {
		h = h * maxw / w;
		w = maxw;
	}
	if (h > r->texth) {
		w = w * r->texth / h;
		h = r->texth;
	}
	w = w < 1 ? 1 : w;
	h = h < 1 ? 1 : h;
	md_plain_text(&alt, n);
	S_start(r, "draw:frame");
	S_attr(r, "draw:style-name", S_use(r, AS_IMAGE));
	S_attrf(r, "draw:name", "%s%d", r->en ? "Image" : "Bild",
	    ++r->nimages);
	S_attr(r, "text:anchor-type", "as-char");
	S_attr_len(r, "svg:width", (long)w);
	S_attr_len(r, "svg:height", (long)h);
	S_start(r, "draw:image");
	S_attr(r, "xlink:href", p->name);
	S_attr(r, "xlink:type", "simple");
	S_attr(r, "xlink:show", "embed");
	S_attr(r, "xlink:actuate", "onLoad");
	S_end(r);
	if (alt.len > 0) {
		S_elem(r, "svg:title", NULL, NULL, alt.ptr);
		S_elem(r, "svg:desc", NULL, NULL, alt.ptr);
	}
	S_end(r);
	buf_free(&alt);
}

/*
 * Start a table of ncols columns, of the widths (AS_COL, AS_COL_MID or
 * AS_COL_WIDE) in width, or all alike when width is NULL.
 */
static void
S_table_start(struct ro *r, size_t ncols, const int *width)
{
	size_t i, j;
	int st;

	S_start(r, "table:table");
	S_attrf(r, "table:name", "%s%d", r->en ? "Table" : "Tabell",
	    ++r->ntables);
	S_attr(r, "table:style-name", S_use(r, AS_TABLE));
	for (i = 0; i < ncols; i = j) {
		st = width != NULL ? width[i] : AS_COL;
		for (j = i + 1; j < ncols && (width == NULL ||
		    width[j] == st); j++)
			;
		S_start(r, "table:table-column");
		S_attr(r, "table:style-name", S_use(r, st));
		if (j - i > 1)
			S_attrf(r, "table:number-columns-repeated", "%zu",
			    j - i);
		S_end(r);
	}
}

/* Start a cell (a header cell when head) and its paragraph. */
static void
S_cell_start(struct ro *r, int head, int align)
{
	S_start(r, "table:table-cell");
	S_attr(r, "table:style-name", S_use(r, head ? AS_TH_CELL :
	    AS_TD_CELL));
	S_attr(r, "office:value-type", "string");
	if (align == 'c')
		S_para(r, S_use(r, head ? AS_TH_CENTER : AS_TD_CENTER));
	else if (align == 'r')
		S_para(r, S_use(r, head ? AS_TH_RIGHT : AS_TD_RIGHT));
	else
		S_para(r, head ? "Table_20_Heading" : "Table_20_Contents");
}

/*
 * Enter or leave a GFM table, row or cell.  A table in a list item (which
 * ODF does not allow) goes in a frame in a paragraph of the item.
 * Returns 1 when the children of n are to be skipped.
 */
static int
S_table(struct ro *r, const char *kind, cmark_node *n, int entering)
{
	cmark_node *row;
	uint8_t *align;
	long w;
	int head, a;

	if (strcmp(kind, "table") == 0) {
		if (!entering) {
			S_end(r);
			if (r->tab.boxed) {
				S_end(r);	/* text box */
				S_end(r);	/* frame */
				S_end(r);	/* paragraph */
			}
			memset(&r->tab, 0, sizeof(r->tab));
			return 0;
		}
		memset(&r->tab, 0, sizeof(r->tab));
		r->tab.node = n;
		r->tab.ncols = cmark_gfm_extensions_get_table_columns(n);
		if (r->tab.ncols == 0)
			r->tab.ncols = 1;
		if (r->items > 0) {
			r->tab.boxed = 1;
			w = r->textw - 700L * r->items;
			S_para(r, S_pstyle(r));
			S_start(r, "draw:frame");
			S_attr(r, "draw:style-name", S_use(r, AS_BOX));
			S_attr(r, "text:anchor-type", "paragraph");
			S_attr_len(r, "svg:width", w < 4000 ? 4000 : w);
			S_start(r, "draw:text-box");
			S_attr(r, "fo:min-height", "0.5cm");
		}
		S_table_start(r, r->tab.ncols, NULL);
		return 0;
	}
	if (r->tab.node == NULL)
		return 0;
	head = strcmp(kind, "table_row") == 0 ?
	    cmark_gfm_extensions_get_table_row_is_header(n) : 0;
	if (strcmp(kind, "table_row") == 0 && entering) {
		r->tab.col = 0;
		if (head)
			S_start(r, "table:table-header-rows");
		S_start(r, "table:table-row");
		return 0;
	}
	if (strcmp(kind, "table_row") == 0) {
		for (; r->tab.col < r->tab.ncols; r->tab.col++) {
			S_cell_start(r, head, 0);
			S_end(r);
			S_end(r);
		}
		S_end(r);
		if (head)
			S_end(r);
		return 0;
	}
	if (!entering) {
		S_pop(r);
		S_end(r);
		S_end(r);
		return 0;
	}
	if (r->tab.col >= r->tab.ncols)
		return 1;	/* past the header's columns: left out */
	S_push(r, B_CELL, 1);
	row = cmark_node_parent(n);
	align = cmark_gfm_extensions_get_table_alignments(r->tab.node);
	a = align != NULL && r->tab.col <
	    cmark_gfm_extensions_get_table_columns(r->tab.node) ?
	    align[r->tab.col] : 0;
	S_cell_start(r, row != NULL &&
	    cmark_gfm_extensions_get_table_row_is_header(row), a);
	r->tab.col++;
	return 0;
}

/* Enter or leave a list, or one of its items. */
static void
S_list(struct ro *r, cmark_node *n, int entering)
{
	cmark_node *list;
	struct ro_box *b;
	int open;

	if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
		if (!entering) {
			if (S_pop(r)->open) {
				S_end(r);
				r->lists--;
			}
			return;
		}
		b = S_push(r, B_LIST, r->lists < MAX_LISTS);
		if (!b->open)
			return;
		r->lists++;
		S_start(r, "text:list");
		S_attr(r, "text:style-name", cmark_node_get_list_type(n) ==
		    CMARK_ORDERED_LIST ? "Numbering_20_123" : "List_20_1");
		return;
	}
	if (!entering) {
		if (S_pop(r)->open) {
			S_end(r);
			r->items--;
		}
		return;
	}
	open = r->nstack > r->base && r->stack[r->nstack - 1].kind ==
	    B_LIST && r->stack[r->nstack - 1].open;
	S_push(r, B_ITEM, open);
	if (!open)
		return;
	r->items++;
	S_start(r, "text:list-item");
	/* an ordered list that does not start at 1 */
	list = cmark_node_parent(n);
	if (list != NULL && cmark_node_previous(n) == NULL &&
	    cmark_node_get_list_type(list) == CMARK_ORDERED_LIST &&
	    cmark_node_get_list_start(list) != 1)
		S_attrf(r, "text:start-value", "%d",
		    cmark_node_get_list_start(list) < 0 ? 0 :
		    cmark_node_get_list_start(list));
}

static void	S_walk(struct ro *, cmark_node *);

/*
 * Write note num: its definition walked where it is first referred to.
 * The state of the text around is kept and restored.
 */
static void
S_note(struct ro *r, int num)
{
	struct ro_tab tab = r->tab;
	size_t base = r->base;
	int items = r->items, in_link = r->in_link;
	char id[32];

	r->fn_done[num] = 1;
	snprintf(id, sizeof(id), "ftn%d", num);
	S_start(r, "text:note");
	S_attr(r, "text:id", id);
	S_attr(r, "text:note-class", "footnote");
	snprintf(id, sizeof(id), "%d", num);
	S_elem(r, "text:note-citation", NULL, NULL, id);
	S_start(r, "text:note-body");
	memset(&r->tab, 0, sizeof(r->tab));
	r->base = r->nstack;
	r->items = 0;
	r->in_link = 0;
	r->in_note = 1;
	S_walk(r, r->fndef[num]);
	r->in_note = 0;
	r->nstack = r->base;
	r->base = base;
	r->items = items;
	r->in_link = in_link;
	r->tab = tab;
	S_end(r);
	S_end(r);
}

/*
 * A footnote reference: the note itself the first time, a reference to
 * it after that.  A note cannot hold another, so one first met inside a
 * note follows that note.
 */
static void
S_fn_ref(struct ro *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	long num = lit != NULL ? strtol(lit, NULL, 10) : 0;
	char tmp[32];
	int i;

	if (num < 1 || num > r->nfn)
		return;
	if (r->fn_done[num] || r->in_note) {
		if (!r->fn_done[num]) {
			r->fn_done[num] = 1;
			r->fn_queue[r->nqueue++] = (int)num;
		}
		snprintf(tmp, sizeof(tmp), "ftn%ld", num);
		S_start(r, "text:note-ref");
		S_attr(r, "text:note-class", "footnote");
		S_attr(r, "text:reference-format", "text");
		S_attr(r, "text:ref-name", tmp);
		snprintf(tmp, sizeof(tmp), "%ld", num);
		S_puts(r, tmp);
		S_end(r);
		return;
	}
	S_note(r, (int)num);
	for (i = 0; i < r->nqueue; i++)
		S_note(r, r->fn_queue[i]);
	r->nqueue = 0;
}

/* A code block: one paragraph, its lines joined by line breaks. */
static void
S_code_block(struct ro *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit != NULL ? strlen(lit) : 0;

	if (len > 0 && lit[len - 1] == '\n')
		len--;
	S_para(r, "Preformatted_20_Text");
	S_pre(r, lit != NULL ? lit : "", len);
	S_end(r);
}

/*
 * Write the tree under root (the document, or a footnote definition),
 * walking it with an iterator: no recursion, however deep it nests.
 */
static void
S_walk(struct ro *r, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	const char *kind, *lit;
	int entering;
	long h;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		entering = ev == CMARK_EVENT_ENTER;
		if (n == root)
			continue;
		if ((kind = md_ext_kind(n)) != NULL) {
			if (strcmp(kind, "strikethrough") == 0)
				S_span(r, entering, S_use(r, AS_STRIKE));
			else if (S_table(r, kind, n, entering))
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_BLOCK_QUOTE:
			if (entering)
				S_push(r, B_QUOTE, 0);
			else
				S_pop(r);
			break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			S_list(r, n, entering);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			/* written where it is first referred to */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (entering)
				S_para(r, S_pstyle(r));
			else
				S_end(r);
			break;
		case CMARK_NODE_HEADING:
			if (!entering) {
				S_heading_end(r);
				break;
			}
			if ((h = outline_find(r->doc->outline, n)) < 0) {
				/* a heading without text is left out */
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				break;
			}
			S_heading(r, h, cmark_node_get_heading_level(n));
			break;
		case CMARK_NODE_CODE_BLOCK:
			S_code_block(r, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			S_para(r, "Horizontal_20_Line");
			S_end(r);
			break;
		case CMARK_NODE_TEXT:
			S_puts(r, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			S_puts(r, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			S_empty(r, "text:line-break");
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			S_start(r, "text:span");
			S_attr(r, "text:style-name", "Source_20_Text");
			S_pre(r, lit ? lit : "", lit ? strlen(lit) : 0);
			S_end(r);
			break;
		case CMARK_NODE_EMPH:
			S_span(r, entering, "Emphasis");
			break;
		case CMARK_NODE_STRONG:
			S_span(r, entering, "Strong_20_Emphasis");
			break;
		case CMARK_NODE_LINK:
			S_link(r, n, entering);
			break;
		case CMARK_NODE_IMAGE:
			S_image(r, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			if (entering)
				S_fn_ref(r, n);
			break;
		default:
			/* raw HTML never reaches the ODT */
			break;
		}
	}
	cmark_iter_free(it);
}

/* The text of key in the page data m, or NULL (owned by m). */
static const char *
S_get(const struct tval *m, const char *key)
{
	return tval_text(tval_get(m, key));
}

/* A line "Label: value" of the letterhead: field f of the page data. */
static void
S_field(struct ro *r, const struct tval *f)
{
	char lbl[128];

	S_para(r, S_use(r, AS_FIELD));
	snprintf(lbl, sizeof(lbl), "%s:", S_get(f, "label"));
	S_span_text(r, "Strong_20_Emphasis", lbl);
	S_puts(r, " ");
	S_puts(r, S_get(f, "value"));
	S_end(r);
}

/* The first page: type, title, subtitle, the document's details. */
static void
S_letterhead(struct ro *r)
{
	const struct tval *m = r->data;
	size_t i;

	S_elem(r, "text:p", "text:style-name", S_use(r, AS_TYPE),
	    S_get(m, "type_label"));
	S_elem(r, "text:p", "text:style-name", "Title", S_get(m, "title"));
	if (S_get(m, "subtitle") != NULL)
		S_elem(r, "text:p", "text:style-name", "Subtitle",
		    S_get(m, "subtitle"));
	for (i = 0; i < tval_len(tval_get(m, "fields")); i++)
		S_field(r, tval_at(tval_get(m, "fields"), i));
}

/* The draft notice, as on the web page and in the PDF. */
static void
S_draft_note(struct ro *r)
{
	S_para(r, "Text_20_body");
	S_span_text(r, S_use(r, AS_DRAFT), label("draft", r->en));
	S_puts(r, " ");
	S_puts(r, label("draft_note", r->en));
	S_end(r);
}

/*
 * The table of contents: what LibreOffice needs to update it (levels 1
 * to 3 of the outline, linked entries with page numbers), and the
 * entries it shows until then, linked to the headings' bookmarks but
 * without page numbers, which only a layout knows.
 */
static void
S_toc(struct ro *r)
{
	const char *title = label("toc", r->en);
	char style[32];
	size_t i;
	int lv;

	S_start(r, "text:table-of-content");
	S_attr(r, "text:name", title);
	S_attr(r, "text:protected", "true");
	S_start(r, "text:table-of-content-source");
	S_attrf(r, "text:outline-level", "%d", TOC_LEVELS);
	S_elem(r, "text:index-title-template", "text:style-name",
	    "Contents_20_Heading", title);
	for (lv = 1; lv <= TOC_LEVELS; lv++) {
		S_start(r, "text:table-of-content-entry-template");
		S_attrf(r, "text:outline-level", "%d", lv);
		S_attrf(r, "text:style-name", "Contents_20_%d", lv);
		S_start(r, "text:index-entry-link-start");
		S_attr(r, "text:style-name", "Index_20_Link");
		S_end(r);
		S_empty(r, "text:index-entry-chapter");
		S_empty(r, "text:index-entry-text");
		S_start(r, "text:index-entry-tab-stop");
		S_attr(r, "style:type", "right");
		S_attr(r, "style:leader-char", ".");
		S_end(r);
		S_empty(r, "text:index-entry-page-number");
		S_empty(r, "text:index-entry-link-end");
		S_end(r);
	}
	S_end(r);
	S_start(r, "text:index-body");
	S_start(r, "text:index-title");
	snprintf(style, sizeof(style), "%s_Head", title);
	S_attr(r, "text:name", style);
	S_elem(r, "text:p", "text:style-name", "Contents_20_Heading", title);
	S_end(r);
	for (i = 0; i < r->toc->n; i++) {
		lv = r->toc->items[i].level - 1;
		if (!r->placed[i] || lv < 1 || lv > TOC_LEVELS)
			continue;
		snprintf(style, sizeof(style), "Contents_20_%d", lv);
		S_para(r, style);
		S_start(r, "text:a");
		S_attr(r, "xlink:type", "simple");
		S_attrf(r, "xlink:href", "#%s", r->toc->items[i].id);
		S_attr(r, "text:style-name", "Index_20_Link");
		S_attr(r, "text:visited-style-name", "Index_20_Link");
		S_puts(r, r->toc->items[i].text);
		S_end(r);
		S_end(r);
	}
	S_end(r);
	S_end(r);
}

/* A cell of the furniture with text s, and a bookmark when mark is set. */
static void
S_fcell(struct ro *r, int head, const char *s, const char *mark)
{
	S_cell_start(r, head, 0);
	if (mark != NULL) {
		S_start(r, "text:bookmark");
		S_attr(r, "text:name", mark);
		S_end(r);
	}
	S_puts(r, s);
	S_end(r);
	S_end(r);
}

/*
 * Start a furniture table of ncols columns of the given widths, with a
 * repeated header row of the labels with keys head.
 */
static void
S_ftable_start(struct ro *r, size_t ncols, const int *width,
    const char *const *head)
{
	size_t k;

	S_table_start(r, ncols, width);
	S_start(r, "table:table-header-rows");
	S_start(r, "table:table-row");
	for (k = 0; k < ncols; k++)
		S_fcell(r, 1, label(head[k], r->en), NULL);
	S_end(r);
	S_end(r);
}

/* The action tables of an action plan, one per focus area. */
static void
S_action_groups(struct ro *r, const struct tval *groups)
{
	static const char *const head[] = {
		"action", "owners", "timeframe", "indicator", "status"
	};
	static const char *const key[] = {
		"title", "owners", "timeframe", "indicator", "status"
	};
	static const int width[] = {
		AS_COL_WIDE, AS_COL_MID, AS_COL_MID, AS_COL_WIDE, AS_COL
	};
	const struct tval *g, *acts, *a;
	struct buf b = BUF_INIT;
	size_t i, j, k;

	if (groups == NULL || tval_len(groups) == 0)
		return;
	S_fheading(r, HTML_ID_ACTIONS, label("actions_by_focus", r->en), 1);
	for (i = 0; i < tval_len(groups); i++) {
		g = tval_at(groups, i);
		acts = tval_get(g, "actions");
		S_fheading(r, S_get(g, "heading_id"), S_get(g, "title"), 2);
		buf_reset(&b);
		buf_printf(&b, "%s: %s", label("actions", r->en),
		    S_get(g, "title"));
		S_elem(r, "text:p", "text:style-name", "Caption", b.ptr);
		S_ftable_start(r, 5, width, head);
		for (j = 0; j < tval_len(acts); j++) {
			a = tval_at(acts, j);
			S_start(r, "table:table-row");
			for (k = 0; k < 5; k++)
				S_fcell(r, 0, S_get(a, key[k]), k == 0 ?
				    S_get(a, "anchor") : NULL);
			S_end(r);
		}
		S_end(r);
	}
	buf_free(&b);
}

/* The actions of a focus area, as a list. */
static void
S_focus_actions(struct ro *r, const struct tval *acts)
{
	const struct tval *a;
	struct buf b = BUF_INIT;
	size_t i;

	S_fheading(r, HTML_ID_ACTIONS, label("actions_here", r->en), 1);
	if (acts == NULL || tval_len(acts) == 0) {
		S_elem(r, "text:p", "text:style-name", "Text_20_body",
		    label("no_actions", r->en));
		return;
	}
	S_start(r, "text:list");
	S_attr(r, "text:style-name", "List_20_1");
	for (i = 0; i < tval_len(acts); i++) {
		a = tval_at(acts, i);
		buf_reset(&b);
		buf_printf(&b, "%s (%s", S_get(a, "title"),
		    S_get(a, "status"));
		if (S_get(a, "timeframe") != NULL &&
		    *S_get(a, "timeframe") != '\0')
			buf_printf(&b, ", %s", S_get(a, "timeframe"));
		buf_puts(&b, ")");
		S_start(r, "text:list-item");
		S_elem(r, "text:p", "text:style-name", "List", b.ptr);
		S_end(r);
	}
	S_end(r);
	buf_free(&b);
}

/*
 * The signature block, kept on one page: each of its paragraphs but the
 * last is kept with the next.
 */
static void
S_signatures(struct ro *r, const struct tval *sig)
{
	const struct tval *list = tval_get(sig, "signatories"), *s;
	const char *lines[3], *copies = S_get(sig, "copies_text");
	size_t i, j, n = tval_len(list), nl;
	struct buf b = BUF_INIT;

	S_fheading(r, HTML_ID_SIGNATURES, label("signatures", r->en), 1);
	if (copies != NULL)
		S_elem(r, "text:p", "text:style-name", n > 0 ?
		    S_use(r, AS_KEEP) : "Text_20_body", copies);
	for (i = 0; i < n; i++) {
		s = tval_at(list, i);
		buf_reset(&b);
		buf_printf(&b, "%s:", label("place_date", r->en));
		if (S_get(s, "place_date") != NULL)
			buf_printf(&b, " %s", S_get(s, "place_date"));
		S_elem(r, "text:p", "text:style-name",
		    S_use(r, AS_SIGN_PLACE), b.ptr);
		S_para(r, S_use(r, AS_SIGN_LINE));
		S_end(r);
		nl = 0;
		lines[nl++] = S_get(s, "name");
		if (S_get(s, "role") != NULL)
			lines[nl++] = S_get(s, "role");
		if (S_get(s, "party") != NULL)
			lines[nl++] = S_get(s, "party");
		for (j = 0; j < nl; j++) {
			S_para(r, i + 1 == n && j + 1 == nl ? "Text_20_body" :
			    S_use(r, AS_KEEP));
			if (j == 0)
				S_span_text(r, "Strong_20_Emphasis", lines[j]);
			else
				S_puts(r, lines[j]);
			S_end(r);
		}
	}
	buf_free(&b);
}

/*
 * The revision history, newest version first: a table of the version,
 * its date, author, change (the commit's subject) and commit.
 */
static void
S_revisions(struct ro *r, const struct tval *revs)
{
	static const char *const head[] = {
		"version", "date", "rev_author", "rev_change", "rev_commit"
	};
	static const char *const key[] = {
		"text", "date", "author", "subject", "short_id"
	};
	static const int width[] = {
		AS_COL, AS_COL_MID, AS_COL_MID, AS_COL_WIDE, AS_COL
	};
	const struct tval *v;
	size_t j, k;

	if (revs == NULL || tval_len(revs) == 0)
		return;
	S_fheading(r, HTML_ID_REVISIONS, label("revisions", r->en), 1);
	S_ftable_start(r, 5, width, head);
	for (j = 0; j < tval_len(revs); j++) {
		v = tval_at(revs, j);
		S_start(r, "table:table-row");
		for (k = 0; k < 5; k++)
			S_fcell(r, 0, S_get(v, key[k]), NULL);
		S_end(r);
	}
	S_end(r);
}

/* Everything the document shows, in the order of the PDF. */
static void
S_body(struct ro *r)
{
	const struct tval *v;

	S_letterhead(r);
	if (doc_is_draft(r->doc))
		S_draft_note(r);
	if (r->toc->n > 1)
		S_toc(r);
	S_walk(r, r->doc->root);
	if ((v = tval_get(r->data, "action_groups")) != NULL)
		S_action_groups(r, v);
	if (r->doc->meta.type == DOC_FOCUS_AREA)
		S_focus_actions(r, tval_get(r->data, "focus_actions"));
	if ((v = tval_get(r->data, "signatures")) != NULL)
		S_signatures(r, v);
	S_revisions(r, tval_get(r->data, "revisions"));
}

/*
 * One pass over content.xml (see the top of the file), appending it to
 * out in the second.  Returns 0, or -1 after recording a failure.
 */
static int
S_content(struct ro *r, struct buf *out)
{
	memset(r->fn_done, 0, (size_t)r->nfn + 1);
	r->nqueue = r->in_note = r->in_link = 0;
	r->lists = r->items = r->spans = 0;
	r->ntables = r->nimages = 0;
	memset(&r->tab, 0, sizeof(r->tab));
	r->nstack = r->base = 0;

	S_begin(r);
	S_root(r, "office:document-content");
	S_start(r, "office:automatic-styles");
	if (r->pass > 0)
		S_auto_styles(r);
	S_end(r);
	S_start(r, "office:body");
	S_start(r, "office:text");
	S_body(r);
	S_end(r);
	S_end(r);
	S_end(r);
	return S_finish(r, r->pass > 0 ? out : NULL, "content.xml");
}

/* Write time when (seconds since the epoch) to s as ODF's metadata
 * writes dates, in UTC ("2024-05-02T10:00:00"). */
static void
S_when(long long when, char *s, size_t size)
{
	struct tm tm;
	time_t t = (time_t)when;

	memset(&tm, 0, sizeof(tm));
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, size, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(s, size, "1970-01-01T00:00:00");
}

/* A user-defined property of meta.xml, unless value is NULL. */
static void
S_user(struct ro *r, const char *name, const char *value)
{
	if (value != NULL)
		S_elem(r, "meta:user-defined", "meta:name", name, value);
}

/*
 * meta.xml: the dates of the first version and of this one, the version
 * as the number of editing cycles, and user-defined properties.
 * Returns 0, or -1 after recording a failure.
 */
static int
S_meta(struct ro *r, struct buf *out)
{
	const struct meta *m = &r->doc->meta;
	const struct tval *v = tval_get(r->data, "version");
	const struct tval *st = tval_get(r->data, "state");
	char created[64], when[64];

	S_when(doc_created(r->doc), created, sizeof(created));
	S_when(doc_time(r->doc), when, sizeof(when));
	S_begin(r);
	S_root(r, "office:document-meta");
	S_start(r, "office:meta");
	S_elem(r, "meta:generator", NULL, NULL, "pakt " PAKT_VERSION);
	S_elem(r, "dc:title", NULL, NULL, m->title.s);
	if (m->description.s != NULL)
		S_elem(r, "dc:description", NULL, NULL, m->description.s);
	S_elem(r, "dc:language", NULL, NULL, r->en ? "en" : "sv-SE");
	S_elem(r, "meta:creation-date", NULL, NULL, created);
	S_elem(r, "dc:date", NULL, NULL, when);
	if (S_get(v, "version") != NULL)
		S_elem(r, "meta:editing-cycles", NULL, NULL,
		    S_get(v, "version"));
	S_user(r, label("reference", r->en), m->reference.s);
	S_user(r, label("period", r->en), r->doc->period->name);
	S_user(r, label("status", r->en), st != NULL ? S_get(st, "field") :
	    r->en ? "in force" : "g\xc3\xa4llande");
	S_user(r, label("version", r->en), S_get(v, "text"));
	S_user(r, label("rev_commit", r->en), S_get(v, "id"));
	S_end(r);
	S_end(r);
	return S_finish(r, out, "meta.xml");
}

/* settings.xml.  Returns 0, or -1 after recording a failure. */
static int
S_settings(struct ro *r, struct buf *out)
{
	S_begin(r);
	S_root(r, "office:document-settings");
	S_start(r, "office:settings");
	S_start(r, "config:config-item-set");
	S_attr(r, "config:name", "ooo:configuration-settings");
	S_start(r, "config:config-item");
	S_attr(r, "config:name", "PrinterIndependentLayout");
	S_attr(r, "config:type", "string");
	S_puts(r, "high-resolution");
	S_end(r);
	S_end(r);
	S_end(r);
	S_end(r);
	return S_finish(r, out, "settings.xml");
}

/* One entry of the manifest. */
static void
S_entry(struct ro *r, const char *path, const char *type)
{
	S_start(r, "manifest:file-entry");
	S_attr(r, "manifest:full-path", path);
	if (strcmp(path, "/") == 0)
		S_attr(r, "manifest:version", "1.3");
	S_attr(r, "manifest:media-type", type);
	S_end(r);
}

/* META-INF/manifest.xml.  Returns 0, or -1 after recording a failure. */
static int
S_manifest(struct ro *r, struct buf *out)
{
	size_t i;

	S_begin(r);
	S_start(r, "manifest:manifest");
	S_attr(r, "xmlns:manifest",
	    "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
	S_attr(r, "manifest:version", "1.3");
	S_entry(r, "/", MIMETYPE);
	S_entry(r, "content.xml", "text/xml");
	S_entry(r, "styles.xml", "text/xml");
	S_entry(r, "meta.xml", "text/xml");
	S_entry(r, "settings.xml", "text/xml");
	for (i = 0; i < r->npics; i++)
		S_entry(r, r->pics[i].name, r->pics[i].type);
	S_end(r);
	return S_finish(r, out, "META-INF/manifest.xml");
}

/* Whether node is the element name of namespace ns. */
static int
S_is(xmlNodePtr node, const char *ns, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	    node->ns != NULL && strcmp((const char *)node->ns->href, ns) == 0 &&
	    strcmp((const char *)node->name, name) == 0;
}

/* The first child of node that is the element name of ns, or NULL. */
static xmlNodePtr
S_child(xmlNodePtr node, const char *ns, const char *name)
{
	xmlNodePtr c;

	for (c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
		if (S_is(c, ns, name))
			return c;
	return NULL;
}

/* Whether attribute name (of ns) of node is value. */
static int
S_attr_is(xmlNodePtr node, const char *ns, const char *name,
    const char *value)
{
	xmlChar *v = xmlGetNsProp(node, (const xmlChar *)name,
	    (const xmlChar *)ns);
	int is = v != NULL && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return is;
}

/* The namespace uri on the root of xd, declared as prefix if missing. */
static xmlNsPtr
S_dom_ns(xmlDocPtr xd, const char *uri, const char *prefix)
{
	xmlNodePtr root = xmlDocGetRootElement(xd);
	xmlNsPtr ns = xmlSearchNsByHref(xd, root, (const xmlChar *)uri);

	if (ns == NULL)
		ns = xmlNewNs(root, (const xmlChar *)uri,
		    (const xmlChar *)prefix);
	return ns;
}

/* Append text s (nothing for NULL) to node. */
static void
S_dom_text(struct ro *r, xmlNodePtr node, const char *s)
{
	if (s == NULL)
		return;
	S_clean(&r->tmp, s, strlen(s));
	xmlAddChild(node, xmlNewDocText(node->doc,
	    (const xmlChar *)r->tmp.ptr));
}

/* Append an element name of ns to node, with a style when not NULL. */
static xmlNodePtr
S_dom_elem(xmlNodePtr node, xmlNsPtr ns, const char *name,
    const char *style)
{
	xmlNodePtr e = xmlNewChild(node, ns, (const xmlChar *)name, NULL);

	if (style != NULL)
		xmlNewNsProp(e, ns, (const xmlChar *)"style-name",
		    (const xmlChar *)style);
	return e;
}

/*
 * The child name (of the style namespace) of the master page, emptied,
 * or a new one put after the first of the children before it that the
 * page has (or first).
 */
static xmlNodePtr
S_dom_part(xmlNodePtr master, xmlNsPtr style, const char *name,
    const char *const *before)
{
	xmlNodePtr e = S_child(master, NS_STYLE, name), c, prev = NULL;

	if (e != NULL) {
		while ((c = e->children) != NULL) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		return e;
	}
	e = xmlNewDocNode(master->doc, style, (const xmlChar *)name, NULL);
	for (; *before != NULL; before++)
		if ((c = S_child(master, NS_STYLE, *before)) != NULL)
			prev = c;
	if (prev != NULL)
		xmlAddNextSibling(prev, e);
	else if (master->children != NULL)
		xmlAddPrevSibling(master->children, e);
	else
		xmlAddChild(master, e);
	return e;
}

/*
 * Fill in the header (the title, and UTKAST or the reference) and the
 * footer (reference, date and version, "Sida N av M") of the master
 * page.
 */
static void
S_header_footer(struct ro *r, xmlNodePtr master)
{
	static const char *const none[] = { NULL };
	static const char *const headers[] = {
		"header", "header-left", "header-first", NULL
	};
	xmlDocPtr xd = master->doc;
	xmlNsPtr style = S_dom_ns(xd, NS_STYLE, "style");
	xmlNsPtr text = S_dom_ns(xd, NS_TEXT, "text");
	xmlNodePtr p, e;
	const char *ref = r->doc->meta.reference.s;
	struct buf b = BUF_INIT;

	p = S_dom_elem(S_dom_part(master, style, "header", none), text, "p",
	    "Header");
	S_dom_text(r, p, r->doc->meta.title.s);
	if (doc_is_draft(r->doc) || ref != NULL)
		S_dom_elem(p, text, "tab", NULL);
	if (doc_is_draft(r->doc))
		S_dom_text(r, S_dom_elem(p, text, "span",
		    "Strong_20_Emphasis"), label("draft", r->en));
	else if (ref != NULL)
		S_dom_text(r, p, ref);

	p = S_dom_elem(S_dom_part(master, style, "footer", headers), text,
	    "p", "Footer");
	doc_footer(&b, r->data, 1);
	if (b.len > 0) {
		S_dom_text(r, p, b.ptr);
		S_dom_elem(p, text, "tab", NULL);
	}
	buf_free(&b);
	S_dom_text(r, p, r->en ? "Page " : "Sida ");
	e = S_dom_elem(p, text, "page-number", NULL);
	xmlNewNsProp(e, text, (const xmlChar *)"select-page",
	    (const xmlChar *)"current");
	S_dom_text(r, p, r->en ? " of " : " av ");
	S_dom_elem(p, text, "page-count", NULL);
}

/* A length ("2.5cm", "10mm", "1in", "12pt") in thousandths of a cm, or -1. */
static long
S_len(xmlNodePtr node, const char *ns, const char *name)
{
	static const struct {
		const char	*unit;
		double		 k;
	} units[] = {
		{ "cm", 1000 }, { "mm", 100 }, { "in", 2540 },
		{ "pt", 2540 / 72.0 }, { "pc", 2540 / 6.0 },
		{ "px", 2540 / 96.0 }, { NULL, 0 }
	};
	xmlChar *v = xmlGetNsProp(node, (const xmlChar *)name,
	    (const xmlChar *)ns);
	char *end;
	double d;
	long n = -1;
	size_t i;

	if (v == NULL)
		return -1;
	d = strtod((const char *)v, &end);
	for (i = 0; units[i].unit != NULL; i++)
		if (end != (char *)v && strcmp(end, units[i].unit) == 0 &&
		    d >= 0 && d < 1000)
			n = (long)(d * units[i].k + 0.5);
	xmlFree(v);
	return n;
}

/* The size of the text area from the page layout of the master page. */
static void
S_text_area(struct ro *r, xmlNodePtr root, xmlNodePtr master)
{
	xmlChar *name = xmlGetNsProp(master,
	    (const xmlChar *)"page-layout-name", (const xmlChar *)NS_STYLE);
	xmlNodePtr c, props = NULL;
	long pw, ph, l, rt, t, b, m;

	c = S_child(root, NS_OFFICE, "automatic-styles");
	for (c = c != NULL ? c->children : NULL; c != NULL && name != NULL;
	    c = c->next)
		if (S_is(c, NS_STYLE, "page-layout") && S_attr_is(c, NS_STYLE,
		    "name", (const char *)name))
			props = S_child(c, NS_STYLE, "page-layout-properties");
	xmlFree(name);
	if (props == NULL)
		return;
	m = S_len(props, NS_FO, "margin");
	pw = S_len(props, NS_FO, "page-width");
	ph = S_len(props, NS_FO, "page-height");
	l = (l = S_len(props, NS_FO, "margin-left")) >= 0 ? l : m;
	rt = (rt = S_len(props, NS_FO, "margin-right")) >= 0 ? rt : m;
	t = (t = S_len(props, NS_FO, "margin-top")) >= 0 ? t : m;
	b = (b = S_len(props, NS_FO, "margin-bottom")) >= 0 ? b : m;
	if (pw > 0 && pw - (l > 0 ? l : 0) - (rt > 0 ? rt : 0) >= 3000)
		r->textw = pw - (l > 0 ? l : 0) - (rt > 0 ? rt : 0);
	/* less room for the header and footer */
	if (ph > 0 && ph - (t > 0 ? t : 0) - (b > 0 ? b : 0) - 3000 >= 3000)
		r->texth = ph - (t > 0 ? t : 0) - (b > 0 ? b : 0) - 3000;
}

/*
 * styles.xml: the reference document with this document's header,
 * footer and language.  Returns 0, or -1 after recording what is wrong
 * with the reference.
 */
static int
S_styles(struct ro *r, struct buf *out)
{
	const struct odt_opts *o = r->o;
	const char *file = o->styles_file ? o->styles_file : "styles.xml";
	xmlParserCtxtPtr ctxt;
	const xmlError *e;
	xmlDocPtr xd;
	xmlNodePtr root, c, next, master = NULL, def = NULL, tp;
	xmlNsPtr fo, style;
	xmlChar *mem = NULL;
	char *msg;
	int size = 0, rc = -1;

	if (o->styles == NULL || o->styles_len > 64 * 1024 * 1024) {
		diag_err(r->d, file, 0, 0, "no ODT styles");
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_err(r->d, file, 0, 0, "cannot read the ODT styles");
		return -1;
	}
	xd = xmlCtxtReadMemory(ctxt, o->styles, (int)o->styles_len, NULL,
	    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (xd == NULL) {
		e = xmlCtxtGetLastError(ctxt);
		msg = xstrdup(e != NULL && e->message != NULL ? e->message :
		    "not XML");
		msg[strcspn(msg, "\n")] = '\0';
		diag_err(r->d, file, e != NULL && e->line > 0 ?
		    (unsigned)e->line : 0, e != NULL && e->int2 > 0 ?
		    (unsigned)e->int2 : 0, "not an ODF styles document: %s",
		    msg);
		free(msg);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	xmlFreeParserCtxt(ctxt);
	root = xmlDocGetRootElement(xd);
	if (!S_is(root, NS_OFFICE, "document-styles")) {
		diag_err(r->d, file, root ? (unsigned)xmlGetLineNo(root) : 0,
		    0, "not an ODF styles document: the root must be "
		    "office:document-styles");
		goto out;
	}
	c = S_child(root, NS_OFFICE, "master-styles");
	for (c = c != NULL ? c->children : NULL; c != NULL && master == NULL;
	    c = c->next)
		if (S_is(c, NS_STYLE, "master-page") &&
		    S_attr_is(c, NS_STYLE, "name", "Standard"))
			master = c;
	if (master == NULL) {
		diag_err(r->d, file, (unsigned)xmlGetLineNo(root), 0, "no "
		    "style:master-page named \"Standard\" in "
		    "office:master-styles");
		goto out;
	}
	S_text_area(r, root, master);
	S_header_footer(r, master);

	/* the language of the text, in the paragraphs' default style */
	style = S_dom_ns(xd, NS_STYLE, "style");
	fo = S_dom_ns(xd, NS_FO, "fo");
	if ((c = S_child(root, NS_OFFICE, "styles")) == NULL) {
		c = xmlNewDocNode(xd, S_dom_ns(xd, NS_OFFICE, "office"),
		    (const xmlChar *)"styles", NULL);
		next = S_child(root, NS_OFFICE, "font-face-decls");
		if (next != NULL)
			xmlAddNextSibling(next, c);
		else
			xmlAddPrevSibling(root->children, c);
	}
	for (next = c->children; next != NULL && def == NULL;
	    next = next->next)
		if (S_is(next, NS_STYLE, "default-style") &&
		    S_attr_is(next, NS_STYLE, "family", "paragraph"))
			def = next;
	if (def == NULL) {
		def = xmlNewChild(c, style, (const xmlChar *)"default-style",
		    NULL);
		xmlNewNsProp(def, style, (const xmlChar *)"family",
		    (const xmlChar *)"paragraph");
	}
	if ((tp = S_child(def, NS_STYLE, "text-properties")) == NULL)
		tp = xmlNewChild(def, style, (const xmlChar *)"text-properties",
		    NULL);
	xmlSetNsProp(tp, fo, (const xmlChar *)"language",
	    (const xmlChar *)(r->en ? "en" : "sv"));
	xmlSetNsProp(tp, fo, (const xmlChar *)"country",
	    (const xmlChar *)(r->en ? "GB" : "SE"));

	xmlSetNsProp(root, S_dom_ns(xd, NS_OFFICE, "office"),
	    (const xmlChar *)"version", (const xmlChar *)"1.3");
	/* comments around the root are for whoever edits the reference */
	for (c = xd->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	xmlDocDumpMemoryEnc(xd, &mem, &size, "UTF-8");
	if (mem == NULL) {
		diag_err(r->d, r->doc->path, 0, 0, "cannot write styles.xml "
		    "of the ODT file");
		goto out;
	}
	buf_put(out, mem, (size_t)size);
	xmlFree(mem);
	rc = 0;
out:
	xmlFreeDoc(xd);
	return rc;
}

/* Number the footnote definitions (cmark-gfm puts them last, in order). */
static void
S_notes(struct ro *r, cmark_node *root)
{
	cmark_node *n;

	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			r->nfn++;
	r->fndef = xcalloc((size_t)r->nfn + 1, sizeof(*r->fndef));
	r->fn_done = xcalloc((size_t)r->nfn + 1, 1);
	r->fn_queue = xcalloc((size_t)r->nfn + 1, sizeof(*r->fn_queue));
	r->nfn = 0;
	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			r->fndef[++r->nfn] = n;
}

/* Free what r owns. */
static void
S_free(struct ro *r)
{
	size_t i;

	free(r->placed);
	for (i = 0; i < r->npics; i++) {
		free(r->pics[i].rel);
		free(r->pics[i].name);
		free(r->pics[i].data);
	}
	free(r->pics);
	free(r->fndef);
	free(r->fn_done);
	free(r->fn_queue);
	free(r->stack);
	buf_free(&r->tmp);
}

int
odt_render(struct buf *out, const struct doc *doc, const struct odt_opts *o,
    struct diag *d)
{
	struct buf content = BUF_INIT, styles = BUF_INIT, meta = BUF_INIT;
	struct buf settings = BUF_INIT, manifest = BUF_INIT;
	struct odt_part *parts = NULL;
	struct ro r;
	size_t i, n = 0;
	char *err = NULL;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.o = o;
	r.d = d;
	r.en = doc->meta.english;
	r.textw = TEXT_W;
	r.texth = TEXT_H;
	r.data = o->data;
	r.toc = o->toc;
	r.placed = xcalloc(r.toc->n + 1, sizeof(*r.placed));
	S_notes(&r, doc->root);
	if (S_styles(&r, &styles) < 0)
		goto out;
	if (S_content(&r, NULL) < 0 || r.errors > 0)
		goto out;
	r.pass = 1;
	if (S_content(&r, &content) < 0 || S_meta(&r, &meta) < 0 ||
	    S_settings(&r, &settings) < 0 || S_manifest(&r, &manifest) < 0)
		goto out;

	parts = xcalloc(r.npics + 5, sizeof(*parts));
	parts[n].name = "content.xml";
	parts[n].data = content.ptr;
	parts[n++].len = content.len;
	parts[n].name = "styles.xml";
	parts[n].data = styles.ptr;
	parts[n++].len = styles.len;
	parts[n].name = "meta.xml";
	parts[n].data = meta.ptr;
	parts[n++].len = meta.len;
	parts[n].name = "settings.xml";
	parts[n].data = settings.ptr;
	parts[n++].len = settings.len;
	for (i = 0; i < r.npics; i++) {
		parts[n].name = r.pics[i].name;
		parts[n].data = r.pics[i].data;
		parts[n++].len = r.pics[i].len;
	}
	parts[n].name = "META-INF/manifest.xml";
	parts[n].data = manifest.ptr;
	parts[n++].len = manifest.len;
	if (odt_zip(out, MIMETYPE, parts, n, &err) < 0) {
		diag_err(d, doc->path, 0, 0, "cannot write the ODT file: %s",
		    err ? err : "?");
		free(err);
		goto out;
	}
	rc = 0;
out:
	free(parts);
	buf_free(&content);
	buf_free(&styles);
	buf_free(&meta);
	buf_free(&settings);
	buf_free(&manifest);
	S_free(&r);
	return rc;
}
