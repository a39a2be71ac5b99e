/*
 * html_body.c - render a Markdown tree as an HTML fragment.
 *
 * One walk over the tree with cmark's iterator, writing cmark-like HTML
 * with the differences pakt needs: no raw HTML, no unsafe URLs, headings
 * with the levels and ids of the document's outline (outline.h), tables
 * that can scroll on narrow screens, and footnotes with numbered ids and
 * labelled links back to the text.  Nothing here recurses: the open
 * links, which nest as deep as the input says, are a stack on the heap.
 */
#include "html_body.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "markdown.h"
#include "outline.h"
#include "url.h"

#define HB_FN_LABEL	 "Fotnoter"
#define HB_BACK_LABEL	 "Tillbaka till texten"

/* Everything one html_render_body() call needs while it walks. */
struct hb {
	struct buf	*out;
	html_url_fn	 url;
	void		*arg;
	int		 top;		/* top heading level, 1-6 */
	const char	*fn_label;
	const char	*back_label;

	const struct outline *ol;	/* the headings of the tree */
	int		 hlevel;	/* level of the heading being written */

	unsigned char	*links;		/* per open link: whether <a> was written */
	size_t		 nlinks, linkcap;
	size_t		 in_anchor;	/* open links that wrote <a> */

	int		 nfn;		/* footnote definitions in the tree */
	int		*fn_refs;	/* [1..nfn]: references to each */
	int		*fn_seen;	/* [1..nfn]: references written so far */
	int		 fn_cur;	/* number of the definition being written */
	int		 fn_backref;	/* its back links are written */
	int		 fn_section;	/* a footnote section was opened */

	int		 col;		/* column of the next table cell */
	int		 th;		/* the cell being written is a <th> */
};

/*
 * Bytes that may stand as they are in an href or src attribute; the
 * rest are percent-encoded.  The same set as cmark's houdini_escape_href
 * (& and ' are escaped as HTML instead).
 */
static const char hb_href_safe[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/*  !"#$%&'()*+,-./ */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,	/* 0-9 :;<=>? */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* @A-O */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,	/* P-Z [\]^_ */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* `a-o */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,	/* p-z {|}~ DEL */
};

static int
S_is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * Append url for an href or src attribute: percent-encoded like cmark
 * does, and a % that does not start an escape encoded too, so the
 * attribute is a valid URL whatever the source wrote.
 */
static void
S_put_href(struct buf *out, const char *url)
{
	const unsigned char *p = (const unsigned char *)url;
	size_t i;

	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] == '&')
			buf_puts(out, "&amp;");
		else if (p[i] == '\'')
			buf_puts(out, "&#39;");
		else if (p[i] == '%' &&
		    !(S_is_hex(p[i + 1]) && S_is_hex(p[i + 2])))
			buf_puts(out, "%25");
		else if (p[i] < 128 && hb_href_safe[p[i]])
			buf_putc(out, p[i]);
		else
			buf_printf(out, "%%%02X", p[i]);
	}
}

/* Start a new line unless the output is empty or already at one. */
static void
S_cr(struct buf *out)
{
	if (out->len > 0 && out->ptr[out->len - 1] != '\n')
		buf_putc(out, '\n');
}

/* Whether s holds nothing but ASCII whitespace. */
static int
S_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
		    *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

/*
 * Return the plain text of node in a new string the caller frees.
 */
static char *
S_plain(cmark_node *node)
{
	struct buf b = BUF_INIT;

	md_plain_text(&b, node);
	return buf_detach(&b);
}

/*
 * Whether the renderer writes node without its children: an image
 * (whose children are its alt text) or a heading that is not in the
 * outline, having no text.  Both walks over the tree ask this, so they
 * see the same footnote references.
 */
static int
S_skips_children(const struct hb *s, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_IMAGE:
		return 1;
	case CMARK_NODE_HEADING:
		return outline_find(s->ol, node) < 0;
	default:
		return 0;
	}
}

/*
 * Return the URL to write for a link or image in a new string the
 * caller frees, or NULL when it must not be written: its scheme is not
 * allowed, or the caller's url function dropped it or gave back an
 * unsafe one.
 */
static char *
S_resolve(struct hb *s, cmark_node *node, int image)
{
	const char *url = cmark_node_get_url(node);
	char *res;

	if (url == NULL || !url_is_safe(url))
		return NULL;
	if (s->url == NULL)
		return xstrdup(url);
	if ((res = s->url(url, image, node, s->arg)) == NULL)
		return NULL;
	if (!url_is_safe(res)) {
		free(res);
		return NULL;
	}
	return res;
}

/* Append a title attribute when node has a title. */
static void
S_put_title(struct buf *out, cmark_node *node)
{
	const char *title = cmark_node_get_title(node);

	if (title != NULL && *title != '\0') {
		buf_puts(out, " title=\"");
		buf_puts_html(out, title);
		buf_putc(out, '"');
	}
}

/*
 * Return the number of the footnote a reference points to, or 0 when
 * it points to none.  cmark-gfm writes the number as the reference's
 * literal and moves the definitions, in that order, to the end.
 */
static int
S_fn_number(struct hb *s, cmark_node *ref)
{
	const char *lit = cmark_node_get_literal(ref);
	long v;
	char *end;

	if (lit == NULL || *lit < '1' || *lit > '9')
		return 0;
	v = strtol(lit, &end, 10);
	if (*end != '\0' || v < 1 || v > s->nfn)
		return 0;
	return (int)v;
}

/*
 * Count the footnote definitions and how often each is referenced
 * where the renderer will write the reference.
 */
static void
S_fn_count(struct hb *s, cmark_node *root)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	int num;

	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && s->nfn < INT_MAX &&
		    cmark_node_get_type(cmark_iter_get_node(it)) ==
		    CMARK_NODE_FOOTNOTE_DEFINITION)
			s->nfn++;
	if (s->nfn == 0) {
		cmark_iter_free(it);
		return;
	}
	s->fn_refs = xcalloc((size_t)s->nfn + 1, sizeof(int));
	s->fn_seen = xcalloc((size_t)s->nfn + 1, sizeof(int));
	cmark_iter_reset(it, root, CMARK_EVENT_ENTER);
	do {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE &&
		    (num = S_fn_number(s, n)) > 0 && s->fn_refs[num] < INT_MAX)
			s->fn_refs[num]++;
		else if (S_skips_children(s, n))
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	} while (cmark_iter_next(it) != CMARK_EVENT_DONE);
	cmark_iter_free(it);
}

/* Append the id of reference k (from 1) to footnote num. */
static void
S_put_fnref_id(struct buf *out, int num, int k)
{
	if (k > 1)
		buf_printf(out, "fnref-%d-%d", num, k);
	else
		buf_printf(out, "fnref-%d", num);
}

/*
 * Append the links back to every reference of the footnote being
 * written, with a space before them when lead is set.
 */
static void
S_put_backrefs(struct hb *s, int lead)
{
	int num = s->fn_cur, k;

	if (s->fn_backref || num < 1 || num > s->nfn)
		return;
	s->fn_backref = 1;
	for (k = 1; k <= s->fn_refs[num]; k++) {
		if (k > 1 || lead)
			buf_putc(s->out, ' ');
		buf_puts(s->out, "<a href=\"#");
		S_put_fnref_id(s->out, num, k);
		buf_puts(s->out, "\" class=\"footnote-backref\" aria-label=\"");
		buf_puts_html(s->out, s->back_label);
		/*
		 * Only the arrow is visible, so the name need not hold
		 * the visible text (WCAG 2.5.3).
		 */
		if (k > 1)
			buf_printf(s->out, " %d (%d)\">\xe2\x86\xa9</a>", num, k);
		else
			buf_printf(s->out, " %d\">\xe2\x86\xa9</a>", num);
	}
}

/* Write a footnote reference. */
static void
S_footnote_ref(struct hb *s, cmark_node *n)
{
	struct buf *out = s->out;
	const char *lit;
	int num, k;

	if ((num = S_fn_number(s, n)) == 0) {
		lit = cmark_node_get_literal(n);
		buf_puts(out, "<sup class=\"footnote-ref\">");
		buf_puts_html(out, lit != NULL ? lit : "");
		buf_puts(out, "</sup>");
		return;
	}
	if (s->fn_seen[num] < INT_MAX)
		s->fn_seen[num]++;
	k = s->fn_seen[num];
	/* Inside a link the reference cannot be one, but stays a target. */
	if (s->in_anchor > 0) {
		buf_puts(out, "<sup class=\"footnote-ref\" id=\"");
		S_put_fnref_id(out, num, k);
		buf_printf(out, "\">%d</sup>", num);
		return;
	}
	buf_printf(out, "<sup class=\"footnote-ref\"><a href=\"#fn-%d\" id=\"",
	    num);
	S_put_fnref_id(out, num, k);
	buf_printf(out, "\">%d</a></sup>", num);
}

/* Write the start or end of a footnote definition. */
static void
S_footnote_def(struct hb *s, cmark_node *n, int entering)
{
	struct buf *out = s->out;
	cmark_node *sib;

	if (entering) {
		if (s->fn_cur < s->nfn)
			s->fn_cur++;
		s->fn_backref = 0;
		sib = cmark_node_previous(n);
		if (sib == NULL || cmark_node_get_type(sib) !=
		    CMARK_NODE_FOOTNOTE_DEFINITION) {
			S_cr(out);
			if (!s->fn_section) {
				buf_puts(out, "<section class=\"footnotes\" "
				    "aria-labelledby=\"" OUTLINE_FN_HEADING "\">\n");
				buf_printf(out, "<h%d id=\"" OUTLINE_FN_HEADING "\">",
				    s->top);
				buf_puts_html(out, s->fn_label);
				buf_printf(out, "</h%d>\n", s->top);
			} else {
				buf_puts(out, "<section class=\"footnotes\" "
				    "aria-label=\"");
				buf_puts_html(out, s->fn_label);
				buf_puts(out, "\">\n");
			}
			s->fn_section = 1;
			if (s->fn_cur > 1)
				buf_printf(out, "<ol start=\"%d\">\n", s->fn_cur);
			else
				buf_puts(out, "<ol>\n");
		}
		buf_printf(out, "<li id=\"fn-%d\">\n", s->fn_cur);
		return;
	}
	if (!s->fn_backref && s->fn_cur >= 1 && s->fn_refs[s->fn_cur] > 0) {
		S_cr(out);
		S_put_backrefs(s, 0);
		buf_putc(out, '\n');
	}
	S_cr(out);
	buf_puts(out, "</li>\n");
	sib = cmark_node_next(n);
	if (sib == NULL ||
	    cmark_node_get_type(sib) != CMARK_NODE_FOOTNOTE_DEFINITION)
		buf_puts(out, "</ol>\n</section>\n");
}

/* Write the start or end of a paragraph. */
static void
S_paragraph(struct hb *s, cmark_node *n, int entering)
{
	cmark_node *parent = cmark_node_parent(n), *gp;
	int tight = 0;

	gp = parent != NULL ? cmark_node_parent(parent) : NULL;
	if (gp != NULL && cmark_node_get_type(gp) == CMARK_NODE_LIST)
		tight = cmark_node_get_list_tight(gp);
	if (entering) {
		if (!tight) {
			S_cr(s->out);
			buf_puts(s->out, "<p>");
		}
		return;
	}
	if (parent != NULL && cmark_node_get_type(parent) ==
	    CMARK_NODE_FOOTNOTE_DEFINITION && cmark_node_next(n) == NULL)
		S_put_backrefs(s, 1);
	if (!tight)
		buf_puts(s->out, "</p>\n");
}

/*
 * Write the start of a heading.  Returns 0, or 1 when the heading is not
 * in the outline (it has no text) and is left out with its children.
 */
static int
S_heading(struct hb *s, cmark_node *n)
{
	const struct outline_heading *h;
	long i;

	if ((i = outline_find(s->ol, n)) < 0)
		return 1;
	h = &s->ol->items[i];
	S_cr(s->out);
	buf_printf(s->out, "<h%d id=\"%s\">", h->level, h->id);
	s->hlevel = h->level;
	return 0;
}

/* Write the start or end of a link. */
static void
S_link(struct hb *s, cmark_node *n, int entering)
{
	char *url, *text;
	int open, blank;

	if (!entering) {
		if (s->nlinks == 0)
			return;
		if (s->links[--s->nlinks]) {
			buf_puts(s->out, "</a>");
			s->in_anchor--;
		}
		return;
	}
	url = s->in_anchor > 0 ? NULL : S_resolve(s, n, 0);
	text = S_plain(n);
	blank = S_blank(text);
	free(text);
	/* A link needs a name: the URL when it has no text, if any. */
	if (url != NULL && blank && *url == '\0') {
		free(url);
		url = NULL;
	}
	open = url != NULL;
	if (s->nlinks == s->linkcap) {
		s->linkcap = s->linkcap ? s->linkcap * 2 : 16;
		s->links = xrealloc(s->links, s->linkcap);
	}
	s->links[s->nlinks++] = (unsigned char)open;
	if (!open)
		return;
	s->in_anchor++;
	buf_puts(s->out, "<a href=\"");
	S_put_href(s->out, url);
	buf_putc(s->out, '"');
	S_put_title(s->out, n);
	buf_putc(s->out, '>');
	if (blank)
		buf_puts_html(s->out, url);
	free(url);
}

/* Write an image, or its alt text when its URL may not be written. */
static void
S_image(struct hb *s, cmark_node *n)
{
	char *url = S_resolve(s, n, 1), *alt = S_plain(n);

	if (url == NULL) {
		buf_puts_html(s->out, alt);
	} else {
		buf_puts(s->out, "<img src=\"");
		S_put_href(s->out, url);
		buf_puts(s->out, "\" alt=\"");
		buf_puts_html(s->out, alt);
		buf_putc(s->out, '"');
		S_put_title(s->out, n);
		buf_putc(s->out, '>');
	}
	free(url);
	free(alt);
}

/*
 * Append the text of a code block escaped, with a space or tab that
 * ends a line written as a character reference: the same text, but
 * no line of the HTML ends in white space.
 */
static void
S_put_pre(struct buf *out, const char *lit)
{
	const char *nl;
	size_t len;

	while ((nl = strchr(lit, '\n')) != NULL) {
		len = (size_t)(nl - lit);
		if (len > 0 && (lit[len - 1] == ' ' || lit[len - 1] == '\t')) {
			buf_put_html(out, lit, len - 1);
			buf_puts(out, lit[len - 1] == ' ' ? "&#32;" : "&#9;");
		} else
			buf_put_html(out, lit, len);
		buf_putc(out, '\n');
		lit = nl + 1;
	}
	buf_puts_html(out, lit);
}

/* Write a fenced or indented code block. */
static void
S_code_block(struct buf *out, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *lit = cmark_node_get_literal(n);
	size_t len = 0;

	if (info != NULL)
		while (info[len] != '\0' && info[len] != ' ' &&
		    info[len] != '\t')
			len++;
	S_cr(out);
	if (len > 0) {
		buf_puts(out, "<pre><code class=\"language-");
		buf_put_html(out, info, len);
		buf_puts(out, "\">");
	} else
		buf_puts(out, "<pre><code>");
	S_put_pre(out, lit != NULL ? lit : "");
	buf_puts(out, "</code></pre>\n");
}

/* Write a GFM table, row or cell (kind as md_ext_kind() says). */
static void
S_table(struct hb *s, const char *kind, cmark_node *n, int entering)
{
	struct buf *out = s->out;
	cmark_node *row, *table, *last;
	uint8_t *align;
	char *text;
	int header;

	if (strcmp(kind, "table") == 0) {
		if (entering) {
			S_cr(out);
			buf_puts(out, "<div class=\"table-wrap\">\n<table>\n");
			return;
		}
		last = cmark_node_last_child(n);
		if (last != NULL &&
		    !cmark_gfm_extensions_get_table_row_is_header(last))
			buf_puts(out, "</tbody>\n");
		buf_puts(out, "</table>\n</div>\n");
	} else if (strcmp(kind, "table_row") == 0) {
		header = cmark_gfm_extensions_get_table_row_is_header(n);
		if (entering) {
			s->col = 0;
			row = cmark_node_previous(n);
			if (header)
				buf_puts(out, "<thead>\n");
			else if (row == NULL ||
			    cmark_gfm_extensions_get_table_row_is_header(row))
				buf_puts(out, "<tbody>\n");
			buf_puts(out, "<tr>\n");
			return;
		}
		buf_puts(out, header ? "</tr>\n</thead>\n" : "</tr>\n");
	} else if (strcmp(kind, "table_cell") == 0) {
		row = cmark_node_parent(n);
		header = row != NULL &&
		    cmark_gfm_extensions_get_table_row_is_header(row);
		if (!entering) {
			buf_puts(out, s->th ? "</th>\n" : "</td>\n");
			if (s->col < INT_MAX)
				s->col++;
			return;
		}
		/* An empty header cell heads nothing. */
		if ((s->th = header) != 0) {
			text = S_plain(n);
			s->th = !S_blank(text);
			free(text);
		}
		buf_puts(out, s->th ? "<th scope=\"col\"" : "<td");
		table = row != NULL ? cmark_node_parent(row) : NULL;
		align = table != NULL ?
		    cmark_gfm_extensions_get_table_alignments(table) : NULL;
		if (align != NULL && s->col <
		    cmark_gfm_extensions_get_table_columns(table)) {
			switch (align[s->col]) {
			case 'l':
				buf_puts(out, " class=\"align-left\"");
				break;
			case 'c':
				buf_puts(out, " class=\"align-center\"");
				break;
			case 'r':
				buf_puts(out, " class=\"align-right\"");
				break;
			default:
				break;
			}
		}
		buf_putc(out, '>');
	}
}

/*
 * Write the node the iterator is on.  Returns 1 when its children must
 * be skipped, else 0.
 */
static int
S_node(struct hb *s, cmark_node *n, int entering)
{
	struct buf *out = s->out;
	const char *kind, *lit;

	if ((kind = md_ext_kind(n)) != NULL) {
		if (strcmp(kind, "strikethrough") == 0)
			buf_puts(out, entering ? "<del>" : "</del>");
		else
			S_table(s, kind, n, entering);
		return 0;
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		S_cr(out);
		buf_puts(out, entering ? "<blockquote>\n" : "</blockquote>\n");
		break;
	case CMARK_NODE_LIST:
		S_cr(out);
		if (cmark_node_get_list_type(n) != CMARK_ORDERED_LIST)
			buf_puts(out, entering ? "<ul>\n" : "</ul>\n");
		else if (!entering)
			buf_puts(out, "</ol>\n");
		else if (cmark_node_get_list_start(n) != 1)
			buf_printf(out, "<ol start=\"%d\">\n",
			    cmark_node_get_list_start(n));
		else
			buf_puts(out, "<ol>\n");
		break;
	case CMARK_NODE_ITEM:
		if (entering) {
			S_cr(out);
			buf_puts(out, "<li>");
		} else
			buf_puts(out, "</li>\n");
		break;
	case CMARK_NODE_CODE_BLOCK:
		S_code_block(out, n);
		break;
	case CMARK_NODE_PARAGRAPH:
		S_paragraph(s, n, entering);
		break;
	case CMARK_NODE_HEADING:
		if (entering)
			return S_heading(s, n);
		buf_printf(out, "</h%d>\n", s->hlevel);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		S_cr(out);
		buf_puts(out, "<hr>\n");
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		S_footnote_def(s, n, entering);
		break;
	case CMARK_NODE_TEXT:
		if ((lit = cmark_node_get_literal(n)) != NULL)
			buf_puts_html(out, lit);
		break;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(out, '\n');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_puts(out, "<br>\n");
		break;
	case CMARK_NODE_CODE:
		buf_puts(out, "<code>");
		if ((lit = cmark_node_get_literal(n)) != NULL)
			buf_puts_html(out, lit);
		buf_puts(out, "</code>");
		break;
	case CMARK_NODE_EMPH:
		buf_puts(out, entering ? "<em>" : "</em>");
		break;
	case CMARK_NODE_STRONG:
		buf_puts(out, entering ? "<strong>" : "</strong>");
		break;
	case CMARK_NODE_LINK:
		S_link(s, n, entering);
		break;
	case CMARK_NODE_IMAGE:
		S_image(s, n);
		return 1;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		if (entering)
			S_footnote_ref(s, n);
		return 1;
	default:
		/*
		 * The document itself; raw HTML, which is dropped; custom
		 * nodes, whose own text is not written but whose children
		 * are; node types from extensions pakt does not know.
		 */
		break;
	}
	return 0;
}

int
html_render_body(struct buf *out, cmark_node *root,
    const struct html_body_opts *opts, struct html_toc *toc)
{
	struct hb s;
	struct outline *own = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	size_t i;

	if (toc != NULL) {
		toc->items = NULL;
		toc->n = 0;
	}
	if (out == NULL || root == NULL)
		return -1;
	memset(&s, 0, sizeof(s));
	s.out = out;
	s.top = OUTLINE_TOP;
	s.fn_label = HB_FN_LABEL;
	s.back_label = HB_BACK_LABEL;
	if (opts != NULL) {
		s.url = opts->url;
		s.arg = opts->arg;
		if (opts->top_level > 6)
			s.top = 6;
		else if (opts->top_level >= 1)
			s.top = opts->top_level;
		if (opts->footnotes_label != NULL)
			s.fn_label = opts->footnotes_label;
		if (opts->backref_label != NULL)
			s.back_label = opts->backref_label;
		s.ol = opts->outline;
	}
	if (s.ol == NULL || s.ol->top != s.top)
		s.ol = own = outline_new(root, s.top);
	S_fn_count(&s, root);

	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (S_node(&s, n, ev == CMARK_EVENT_ENTER) &&
		    ev == CMARK_EVENT_ENTER)
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	if (out->ptr == NULL)
		buf_puts(out, "");

	if (toc != NULL && s.ol->n > 0) {
		toc->items = xcalloc(s.ol->n, sizeof(*toc->items));
		for (i = 0; i < s.ol->n; i++) {
			toc->items[i].level = s.ol->items[i].level;
			toc->items[i].id = xstrdup(s.ol->items[i].id);
			toc->items[i].text = xstrdup(s.ol->items[i].text);
		}
		toc->n = s.ol->n;
	}
	outline_free(own);
	free(s.links);
	free(s.fn_refs);
	free(s.fn_seen);
	return 0;
}

long
html_toc_find(const struct html_toc *toc, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < toc->n; i++)
		if (strlen(toc->items[i].id) == len &&
		    strncmp(toc->items[i].id, id, len) == 0)
			return (long)i;
	return -1;
}

void
html_toc_free(struct html_toc *toc)
{
	size_t i;

	if (toc == NULL)
		return;
	for (i = 0; i < toc->n; i++) {
		free(toc->items[i].id);
		free(toc->items[i].text);
	}
	free(toc->items);
	toc->items = NULL;
	toc->n = 0;
}
