/*
 * render_pdf.c - a document as a tagged, archival PDF file.
 *
 * Two steps.  S_build() turns the document into layout blocks, creating
 * the structure element of every piece as it goes (the PDF writer puts
 * elements into the tree in the order their content is drawn, so the
 * tree follows the reading order).  S_draw() lays the blocks out and
 * draws the items page by page, adding what only the finished layout
 * knows: page numbers, links to headings, bookmarks.
 */
#include "render_pdf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "labels.h"
#include "layout.h"
#include "markdown.h"
#include "outline.h"
#include "pdfdoc.h"
#include "render_html.h"
#include "source.h"
#include "template.h"
#include "theme.h"
#include "url.h"

#define PAGE_W		595.276
#define PAGE_H		841.89
#define MAX_NEST	32	/* structure elements nested deeper join
				   their parent */
#define LIST_INDENT	18.0
#define QUOTE_INDENT	14.0
#define HYPH_SV		"/usr/share/hyphen/hyph_sv_SE.dic"
#define HYPH_EN		"/usr/share/hyphen/hyph_en_US.dic"

enum {
	F_REG, F_BOLD, F_IT, F_BOLDIT, F_MONO, F_MONOB, F__MAX
};

struct rp_link {
	char		*uri;		/* NULL for an anchor in the document */
	int		 anchor;
};

/* An open container: block quote, list, list item, footnote. */
struct rp_ctx {
	int		 elem;		/* parent of what is inside */
	double		 indent;
	int		 bar;
	int		 list;		/* list: ordered (2) or bullet (1) */
	int		 number;	/* list: the next item's number */
	int		 tight;
	int		 depth;		/* nesting of lists, for the bullet */
	int		 item;		/* an item whose label is not placed */
	char		 label[24];
	int		 li;		/* the item's LI element, -1 when
					   nested too deep to have one */
	int		 lbody;		/* its LBody, -1 until needed */
};

struct rp {
	const struct doc	*doc;
	const struct pdf_opts	*o;
	const struct theme	*t;
	struct diag		*d;
	struct pdfdoc		*pdf;
	const struct tval	*data;	/* the HTML page's data */
	const struct html_toc	*toc;	/* and its headings */
	int			 en;
	int			 font[F__MAX];
	double			 size;	/* body text */
	struct lay_doc		 ld;

	int			*hanchor;	/* toc entry -> anchor,
						   -1 until needed */
	int			 title_anchor;
	struct rp_link		*links;
	size_t			 nlinks;
	int			 nanchors;
	int			*fn_anchor;	/* footnote number -> anchor */
	int			 nfn;
	int			 fn_seen;	/* definitions so far */
	int			 fn_started;

	struct rp_ctx		*ctx;
	size_t			 nctx, ctxcap;

	/* the paragraph being filled: a block's, or a table cell's */
	long			 block;		/* index in ld, or -1 */
	struct lay_para		*cell;
	int			 pelem;		/* its element */
	int			 ielem;		/* element of inline text */
	int			 emph, strong, code, strike, link;
	int			 in_link;	/* links nested in links */
	unsigned		 color;
	double			 psize;
	int			 pfont_bold;	/* headings */

	struct lay_table	*table;
	size_t			 row, col;
	int			 tab_elem, row_elem;
	int			 errors;
};

static int	S_fid(struct rp *, int);
static void	S_cell(struct rp *, struct lay_table *, size_t, size_t,
		    const char *, const char *);
static void	S_cell_end(struct rp *);

/* The element to put a new block element in. */
static int
S_parent(struct rp *r)
{
	struct rp_ctx *c;

	if (r->nctx == 0)
		return 0;
	c = &r->ctx[r->nctx - 1];
	if (c->item && c->li >= 0) {
		/* content of a list item goes in its LBody */
		if (c->lbody < 0)
			c->lbody = pdf_elem(r->pdf, c->li, "LBody");
		return c->lbody;
	}
	return c->elem;
}

static double
S_indent(const struct rp *r)
{
	return r->nctx ? r->ctx[r->nctx - 1].indent : 0;
}

/* A new element below parent, unless the nesting is too deep. */
static int
S_elem(struct rp *r, int parent, const char *type)
{
	if (r->nctx >= MAX_NEST)
		return parent;
	return pdf_elem(r->pdf, parent, type);
}

static struct rp_ctx *
S_push(struct rp *r, int elem, double indent)
{
	struct rp_ctx *c;
	double base = S_indent(r);

	if (r->nctx == r->ctxcap) {
		r->ctxcap = r->ctxcap ? r->ctxcap * 2 : 16;
		r->ctx = xrealloc(r->ctx, r->ctxcap * sizeof(*r->ctx));
	}
	c = &r->ctx[r->nctx++];
	memset(c, 0, sizeof(*c));
	c->elem = elem;
	c->indent = base + indent;
	c->lbody = -1;
	if (r->nctx > 1) {
		c->bar = r->ctx[r->nctx - 2].bar;
		c->depth = r->ctx[r->nctx - 2].depth;
	}
	return c;
}

/* The paragraph being filled, or NULL. */
static struct lay_para *
S_cur(struct rp *r)
{
	if (r->cell != NULL)
		return r->cell;
	if (r->block >= 0)
		return &r->ld.blocks[r->block].para;
	return NULL;
}

/* Add a vertical space. */
static void
S_space(struct rp *r, double h)
{
	lay_add(&r->ld, LAY_SPACE)->height = h;
}

/*
 * Start a paragraph block below the current container: text in font of
 * size, tagged as a new element of type (or as elem when type is NULL).
 * The label of a list item that waits for its first paragraph goes on it.
 */
static struct lay_block *
S_para(struct rp *r, const char *type, int elem, double size, double after)
{
	struct lay_block *b = lay_add(&r->ld, LAY_PARA);
	struct rp_ctx *c;
	struct lay_run *lbl;
	size_t i;

	r->block = (long)(b - r->ld.blocks);
	r->cell = NULL;
	b->space_after = after;
	b->para.indent = S_indent(r);
	b->para.leading = r->t->leading;
	b->para.align = r->t->justify ? LAY_JUSTIFY : LAY_LEFT;
	b->para.hyphenate = r->t->hyphenate;
	r->pelem = r->ielem = type != NULL ?
	    S_elem(r, S_parent(r), type) : elem;
	r->psize = size;
	r->color = r->t->text;
	r->pfont_bold = 0;
	/* a bar for each block quote around */
	for (i = r->nctx; i > 0; i--)
		if (r->ctx[i - 1].bar) {
			b->para.bar = r->t->rule;
			b->para.bar_x = r->ctx[i - 1].indent - QUOTE_INDENT +
			    3;
			break;
		}
	/* the label of the innermost item without one yet */
	for (i = r->nctx; i > 0; i--) {
		c = &r->ctx[i - 1];
		if (!c->item || c->label[0] == '\0')
			continue;
		lbl = lay_text(&b->para, c->label, strlen(c->label),
		    S_fid(r, F_REG), size, r->t->text);
		b->para.label = *lbl;
		b->para.nruns--;
		b->para.has_label = 1;
		b->para.label.elem = c->li >= 0 ?
		    pdf_elem(r->pdf, c->li, "Lbl") : S_parent(r);
		b->para.label_x = c->indent - LIST_INDENT - b->para.indent;
		c->label[0] = '\0';
		break;
	}
	return b;
}

static void
S_end_para(struct rp *r)
{
	r->block = -1;
	r->cell = NULL;
}

/*
 * Font i of the theme, loaded when first used: a PDF embeds every font
 * it loads, used or not.  Returns its number; when it cannot be loaded,
 * records the error and returns the regular font (or -1 for that one).
 */
static int
S_fid(struct rp *r, int i)
{
	static const struct {
		int	 mono, bold, italic;
	} want[F__MAX] = {
		{ 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0, 1, 1 },
		{ 1, 0, 0 }, { 1, 1, 0 }
	};
	struct pos pos;

	if (r->font[i] >= 0)
		return r->font[i];
	r->font[i] = pdf_font(r->pdf, want[i].mono ? r->t->mono : r->t->font,
	    want[i].bold, want[i].italic);
	if (r->font[i] < 0) {
		pos = want[i].mono ? r->t->mono_pos : r->t->font_pos;
		diag_err(r->d, want[i].mono ? r->t->mono_file :
		    r->t->font_file, pos.line, pos.col, "%s",
		    pdf_error(r->pdf));
		r->errors++;
		r->font[i] = i == F_REG ? -1 : S_fid(r, F_REG);
	}
	return r->font[i];
}

static int
S_font(struct rp *r)
{
	int bold = r->strong || r->pfont_bold;

	if (r->code)
		return S_fid(r, bold ? F_MONOB : F_MONO);
	if (r->emph)
		return S_fid(r, bold ? F_BOLDIT : F_IT);
	return S_fid(r, bold ? F_BOLD : F_REG);
}

/* Add text in the current style to the current paragraph. */
static struct lay_run *
S_text(struct rp *r, const char *s, size_t len)
{
	struct lay_para *p = S_cur(r);
	struct lay_run *run;

	if (p == NULL)
		return NULL;
	run = lay_text(p, s, len, S_font(r), r->code && !r->pfont_bold ?
	    r->psize * 0.92 : r->psize, r->link ? r->t->link : r->color);
	run->elem = r->ielem;
	run->link = r->link;
	if (r->link)
		run->flags |= LAY_UNDERLINE;
	if (r->strike)
		run->flags |= LAY_STRIKE;
	return run;
}

static void
S_puts(struct rp *r, const char *s)
{
	S_text(r, s, strlen(s));
}

static int
S_add_link(struct rp *r, char *uri, int anchor)
{
	r->links = xrealloc(r->links, (r->nlinks + 1) * sizeof(*r->links));
	r->links[r->nlinks].uri = uri;
	r->links[r->nlinks].anchor = anchor;
	return (int)++r->nlinks;
}

/* The anchor of entry i of the table of contents, made when needed. */
static int
S_head_anchor(struct rp *r, size_t i)
{
	if (r->hanchor[i] < 0)
		r->hanchor[i] = r->nanchors++;
	return r->hanchor[i];
}

/*
 * The link number for url: a heading of this document ("#id"), another
 * document of the site (its PDF beside this one, or its page on the
 * website when base-url is set), or any other safe URL.  0 for none.
 */
static int
S_link_for(struct rp *r, const char *url)
{
	long h;

	if (url == NULL || !url_is_safe(url))
		return 0;
	if (url[0] == '#') {
		if ((h = html_toc_find(r->toc, url + 1, strlen(url + 1))) < 0)
			return 0;
		return S_add_link(r, NULL, S_head_anchor(r, (size_t)h));
	}
	return S_add_link(r, doc_link_url(r->doc, url, "pdf",
	    r->o->base_url), -1);
}

static double
S_head_size(const struct rp *r, int level)
{
	static const double scale[] = { 2.0, 2.0, 1.45, 1.2, 1.08, 1.0, 1.0 };

	return r->size * scale[level < 0 ? 0 : level > 6 ? 6 : level];
}

/*
 * Start a heading of level: an anchor, a block kept with what follows,
 * and an Hn element.  Level 1 is the title; any other heading whose
 * index h in the table of contents is not -1 takes the level and the
 * anchor of that entry.
 */
static void
S_heading(struct rp *r, long h, int level)
{
	struct lay_block *b;
	char type[4];

	if (level == 1) {
		lay_add(&r->ld, LAY_ANCHOR)->anchor = r->title_anchor;
	} else if (h >= 0 && (size_t)h < r->toc->n) {
		level = r->toc->items[h].level;
		lay_add(&r->ld, LAY_ANCHOR)->anchor = S_head_anchor(r,
		    (size_t)h);
	}
	snprintf(type, sizeof(type), "H%d", level < 1 ? 1 : level > 6 ? 6 :
	    level);
	b = S_para(r, type, -1, S_head_size(r, level), r->size * 0.5);
	b->space_before = level <= 2 ? r->size * 1.4 : r->size;
	b->keep_next = 1;
	b->para.leading = 1.25;
	b->para.hyphenate = 0;
	b->para.align = LAY_LEFT;
	r->color = r->t->heading;
	r->pfont_bold = 1;
	r->emph = level == 6;
}

/*
 * Start a heading of the furniture with id (render_html.h) and text,
 * level as on the page.
 */
static void
S_fheading(struct rp *r, const char *id, const char *text, int level)
{
	S_heading(r, html_toc_furniture(r->toc, r->doc, id), level);
	S_puts(r, text);
	S_end_para(r);
}

/* Start a footnote definition: the notes section, a Note element. */
static void
S_footnote(struct rp *r)
{
	struct rp_ctx *c;
	int num = ++r->fn_seen, note;

	if (!r->fn_started) {
		/* the notes under a heading, as on the web page */
		r->fn_started = 1;
		r->nctx = 0;
		S_heading(r, -1, 2);
		S_puts(r, label("footnotes", r->en));
		S_end_para(r);
		r->emph = 0;
	}
	if (num <= r->nfn)
		lay_add(&r->ld, LAY_ANCHOR)->anchor = r->fn_anchor[num];
	note = S_elem(r, 0, "Note");
	c = S_push(r, note, LIST_INDENT);
	c->item = 1;
	c->li = note;
	c->lbody = note;
	snprintf(c->label, sizeof(c->label), "%d.", num);
	c->depth = 0;
}

static void
S_fn_ref(struct rp *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	long num = lit != NULL ? strtol(lit, NULL, 10) : 0;
	char tmp[32];
	int saved = r->ielem, link = 0;

	if (num >= 1 && num <= r->nfn)
		link = S_add_link(r, NULL, r->fn_anchor[num]);
	snprintf(tmp, sizeof(tmp), "[%ld]", num);
	if (link) {
		r->ielem = pdf_elem(r->pdf, r->ielem, "Link");
		r->link = link;
	}
	S_puts(r, tmp);
	if (S_cur(r) != NULL && S_cur(r)->nruns > 0)
		S_cur(r)->runs[S_cur(r)->nruns - 1].flags &= ~LAY_UNDERLINE;
	r->ielem = saved;
	r->link = 0;
}

/* Count footnote definitions and give each an anchor. */
static void
S_fn_anchors(struct rp *r, cmark_node *root)
{
	cmark_node *n;
	int i;

	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			r->nfn++;
	r->fn_anchor = xcalloc((size_t)r->nfn + 1, sizeof(int));
	for (i = 1; i <= r->nfn; i++)
		r->fn_anchor[i] = r->nanchors++;
}

/*
 * An image: a figure with its alt text (an image without one is
 * decoration and becomes an artifact).  The paragraph it is in goes on
 * after it as a new block with the same element.
 */
static void
S_image(struct rp *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	struct lay_block *b;
	struct buf alt = BUF_INIT;
	char *rel, *data;
	size_t len;
	unsigned w, h;
	int img, fig = -1, pelem = r->pelem, ielem = r->ielem;
	double psize = r->psize;
	unsigned line = (unsigned)cmark_node_get_start_line(n) +
	    r->doc->body_line0;
	unsigned col = doc_column(r->doc, line,
	    (unsigned)cmark_node_get_start_column(n));

	if (r->cell != NULL || url == NULL)
		return;
	rel = path_resolve(r->doc->rel, url);
	if (rel == NULL || source_read(r->o->src, rel, &data, &len) < 0) {
		diag_err(r->d, r->doc->path, line, col, "cannot read image "
		    "'%s'", url);
		r->errors++;
		free(rel);
		return;
	}
	img = pdf_image(r->pdf, data, len, &w, &h);
	free(data);
	if (img < 0) {
		diag_err(r->d, r->doc->path, line, col, "image '%s' cannot go "
		    "into the PDF: %s", url, pdf_error(r->pdf));
		r->errors++;
		free(rel);
		return;
	}
	free(rel);
	md_plain_text(&alt, n);
	if (alt.len > 0) {
		fig = S_elem(r, S_parent(r), "Figure");
		pdf_elem_alt(r->pdf, fig, alt.ptr);
	}
	buf_free(&alt);
	b = lay_add(&r->ld, LAY_IMAGE);
	b->image = img;
	b->elem = fig;
	b->width = w * 0.75;	/* pixels at 96 per inch */
	b->height = h * 0.75;
	b->indent = S_indent(r);
	b->space_before = b->space_after = r->size * 0.5;
	/* the rest of the paragraph */
	S_para(r, NULL, pelem, psize, r->size * 0.6);
	r->ielem = ielem;
}

/* Enter or leave a GFM table, row or cell. */
static void
S_table(struct rp *r, const char *kind, cmark_node *n, int entering)
{
	cmark_node *row, *cell, *table;
	struct lay_block *b;
	struct lay_cell *lc;
	uint8_t *align;
	size_t nrows = 0, ncols = 0, nhead = 0, k;

	if (strcmp(kind, "table") == 0) {
		if (!entering) {
			r->table = NULL;
			return;
		}
		for (row = cmark_node_first_child(n); row;
		    row = cmark_node_next(row)) {
			for (k = 0, cell = cmark_node_first_child(row); cell;
			    cell = cmark_node_next(cell))
				k++;
			if (k > ncols)
				ncols = k;
			if (cmark_gfm_extensions_get_table_row_is_header(row) &&
			    nhead == nrows)
				nhead++;
			nrows++;
		}
		if (ncols == 0)
			ncols = 1;
		r->table = lay_table_new(nrows, ncols, nhead);
		r->table->indent = S_indent(r);
		r->table->pad = 4;
		r->table->rule = 0.5;
		r->table->rule_color = r->t->rule;
		r->table->head_fill = r->t->table_head;
		b = lay_add(&r->ld, LAY_TABLE);
		b->table = r->table;
		b->space_before = b->space_after = r->size * 0.6;
		r->tab_elem = S_elem(r, S_parent(r), "Table");
		r->row = (size_t)-1;
		return;
	}
	if (r->table == NULL)
		return;
	if (strcmp(kind, "table_row") == 0) {
		if (entering) {
			r->row++;
			r->col = 0;
			r->row_elem = pdf_elem(r->pdf, r->tab_elem, "TR");
			if (r->row < r->table->nrows)
				r->table->row_elem[r->row] = r->row_elem;
			return;
		}
		/* a short row is filled up with empty cells */
		for (; r->row < r->table->nrows && r->col < r->table->ncols;
		    r->col++)
			S_cell(r, r->table, r->row, r->col, r->row <
			    r->table->nhead ? "TH" : "TD", NULL);
		return;
	}
	if (!entering) {
		if (r->cell != NULL)
			S_cell_end(r);
		r->col++;
		r->cell = NULL;
		return;
	}
	if (r->row >= r->table->nrows || r->col >= r->table->ncols)
		return;
	lc = lay_cell(r->table, r->row, r->col);
	row = cmark_node_parent(n);
	table = row ? cmark_node_parent(row) : NULL;
	if (row != NULL && cmark_gfm_extensions_get_table_row_is_header(row)) {
		lc->elem = pdf_elem(r->pdf, r->row_elem, "TH");
		pdf_elem_scope(r->pdf, lc->elem, 1);
		r->pfont_bold = 1;
	} else {
		lc->elem = pdf_elem(r->pdf, r->row_elem, "TD");
		r->pfont_bold = 0;
	}
	lc->para.leading = 1.3;
	lc->para.hyphenate = r->t->hyphenate;
	align = table ? cmark_gfm_extensions_get_table_alignments(table) :
	    NULL;
	if (align != NULL && r->col <
	    cmark_gfm_extensions_get_table_columns(table))
		lc->para.align = align[r->col] == 'c' ? LAY_CENTER :
		    align[r->col] == 'r' ? LAY_RIGHT : LAY_LEFT;
	r->block = -1;
	r->cell = &lc->para;
	r->pelem = r->ielem = lc->elem;
	r->psize = r->size * 0.9;
	r->color = r->t->text;
}

/* Enter or leave a list, or one of its items. */
static void
S_list(struct rp *r, cmark_node *n, int entering)
{
	struct rp_ctx *c, *list;
	int elem, deep;

	if (!entering) {
		if (r->nctx > 0)
			r->nctx--;
		return;
	}
	if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
		elem = S_elem(r, S_parent(r), "L");
		c = S_push(r, elem, 0);
		c->list = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ?
		    2 : 1;
		c->number = cmark_node_get_list_start(n);
		c->tight = cmark_node_get_list_tight(n);
		c->depth++;
		return;
	}
	list = r->nctx ? &r->ctx[r->nctx - 1] : NULL;
	deep = r->nctx >= MAX_NEST;
	elem = S_elem(r, list ? list->elem : 0, "LI");
	c = S_push(r, elem, LIST_INDENT);
	c->item = 1;
	/* Too deep for an LI of its own: its label and content join the
	   element around it, as PDF/UA 7.6 allows no Lbl or LBody
	   outside an LI. */
	c->li = deep ? -1 : elem;
	if (list != NULL && list->list == 2)
		snprintf(c->label, sizeof(c->label), "%d.",
		    list->number < 0 ? 0 : list->number++ % 1000000);
	else
		snprintf(c->label, sizeof(c->label), "%s",
		    c->depth % 2 ? "\xe2\x80\xa2" : "\xe2\x80\x93");
	if (list != NULL)
		c->tight = list->tight;
}

/* Space after a paragraph: less inside a tight list. */
static double
S_after(const struct rp *r)
{
	if (r->nctx > 0 && r->ctx[r->nctx - 1].tight)
		return r->size * 0.25;
	return r->size * 0.6;
}

/*
 * Build the blocks of the Markdown body, walking the tree with an
 * iterator (no recursion, however deep the input nests).
 */
static void
S_body(struct rp *r, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	const char *kind, *lit;
	struct lay_block *b;
	struct lay_run *run;
	int entering, saved_elem = -1;
	size_t len;
	long h;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		entering = ev == CMARK_EVENT_ENTER;
		if ((kind = md_ext_kind(n)) != NULL) {
			if (strcmp(kind, "strikethrough") == 0)
				r->strike += entering ? 1 : -1;
			else
				S_table(r, kind, n, entering);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_BLOCK_QUOTE:
			if (entering)
				S_push(r, S_elem(r, S_parent(r), "BlockQuote"),
				    QUOTE_INDENT)->bar = 1;
			else if (r->nctx > 0)
				r->nctx--;
			break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			S_list(r, n, entering);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			if (entering)
				S_footnote(r);
			else if (r->nctx > 0)
				r->nctx--;
			break;
		case CMARK_NODE_PARAGRAPH:
			if (r->table != NULL)
				break;
			if (entering) {
				b = S_para(r, "P", -1, r->size, S_after(r));
				if (r->fn_started)
					r->psize = r->size * 0.85;
			} else
				S_end_para(r);
			break;
		case CMARK_NODE_HEADING:
			if (!entering) {
				S_end_para(r);
				r->emph = 0;
				break;
			}
			h = outline_find(r->doc->outline, n);
			S_heading(r, h, cmark_node_get_heading_level(n) + 1);
			if (h < 0) {
				/* a heading without text is left out, but
				   for its empty block */
				S_end_para(r);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			len = lit ? strlen(lit) : 0;
			if (len > 0 && lit[len - 1] == '\n')
				len--;
			b = S_para(r, "P", -1, r->size * 0.85, S_after(r));
			b->para.pre = 1;
			b->para.leading = 1.35;
			b->para.fill = r->t->code_bg;
			b->para.hyphenate = 0;
			b->para.align = LAY_LEFT;
			b->space_before = r->size * 0.3;
			r->ielem = pdf_elem(r->pdf, r->pelem, "Code");
			r->code = 1;
			S_text(r, len ? lit : " ", len ? len : 1);
			r->code = 0;
			S_end_para(r);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			b = lay_add(&r->ld, LAY_RULE);
			b->height = 0.75;
			b->color = r->t->rule;
			b->indent = S_indent(r);
			b->space_before = b->space_after = r->size;
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				S_puts(r, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
			S_puts(r, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			if ((run = S_text(r, "", 0)) != NULL)
				run->flags |= LAY_BREAK;
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			saved_elem = r->ielem;
			r->ielem = pdf_elem(r->pdf, r->ielem, "Code");
			r->code = 1;
			if (lit != NULL)
				S_puts(r, lit);
			r->code = 0;
			r->ielem = saved_elem;
			break;
		case CMARK_NODE_EMPH:
			r->emph += entering ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			r->strong += entering ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			/* a link inside a link is text of the outer one */
			if (entering && r->in_link++ == 0 &&
			    (r->link = S_link_for(r,
			    cmark_node_get_url(n))) != 0)
				r->ielem = pdf_elem(r->pdf, r->pelem, "Link");
			if (!entering && --r->in_link == 0 && r->link) {
				r->link = 0;
				r->ielem = r->pelem;
			}
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
			/* raw HTML never reaches the PDF */
			break;
		}
	}
	cmark_iter_free(it);
	r->nctx = 0;
	S_end_para(r);
}

static const char *
S_get(const struct tval *m, const char *key)
{
	return tval_text(tval_get(m, key));
}

/*
 * A line of small text "Label: value" in the letterhead: field f of
 * the page data.
 */
static void
S_field(struct rp *r, const struct tval *f)
{
	S_para(r, "P", -1, r->size * 0.9, 1);
	r->strong = 1;
	S_puts(r, S_get(f, "label"));
	S_puts(r, ": ");
	r->strong = 0;
	S_puts(r, S_get(f, "value"));
	S_end_para(r);
}

/* The first page: type, title, subtitle, the document's details. */
static void
S_letterhead(struct rp *r)
{
	const struct tval *m = r->data;
	struct lay_block *blk;
	size_t i;

	S_para(r, "P", -1, r->size * 0.95, 2);
	r->color = r->t->heading;
	S_puts(r, S_get(m, "type_label"));
	S_end_para(r);

	S_heading(r, -1, 1);
	S_puts(r, S_get(m, "title"));
	r->ld.blocks[r->block].space_before = 0;
	r->ld.blocks[r->block].keep_next = 0;
	S_end_para(r);
	r->emph = 0;
	if (S_get(m, "subtitle") != NULL) {
		blk = S_para(r, "P", -1, r->size * 1.2, r->size * 0.5);
		blk->para.leading = 1.3;
		S_puts(r, S_get(m, "subtitle"));
		S_end_para(r);
	}
	S_space(r, r->size * 0.6);
	for (i = 0; i < tval_len(tval_get(m, "fields")); i++)
		S_field(r, tval_at(tval_get(m, "fields"), i));
}

/* The draft notice: the mark on the pages is an artifact, this is not. */
static void
S_draft_note(struct rp *r)
{
	struct lay_block *b = S_para(r, "P", -1, r->size * 0.9, 0);

	b->space_before = r->size * 0.6;
	r->color = 0xa31515;
	r->strong = 1;
	S_puts(r, label("draft", r->en));
	r->strong = 0;
	r->color = r->t->text;
	S_puts(r, " ");
	S_puts(r, label("draft_note", r->en));
	S_end_para(r);
}

/* The table of contents: TOC with a TOCI per heading, page numbers. */
static void
S_toc(struct rp *r)
{
	struct lay_block *b;
	const struct html_heading *h;
	struct lay_run *run;
	size_t i, j;
	int toc, toci, link;

	b = S_para(r, "H2", -1, S_head_size(r, 2), r->size * 0.5);
	b->space_before = r->size * 1.6;
	b->keep_next = 1;
	b->para.leading = 1.25;
	b->para.hyphenate = 0;
	r->pfont_bold = 1;
	r->color = r->t->heading;
	S_puts(r, label("toc", r->en));
	S_end_para(r);
	toc = pdf_elem(r->pdf, 0, "TOC");
	for (i = 0; i < r->toc->n; i++) {
		h = &r->toc->items[i];
		toci = pdf_elem(r->pdf, toc, "TOCI");
		b = S_para(r, NULL, toci, r->size, 2);
		b->para.indent = (h->level - 2) * LIST_INDENT;
		b->para.hyphenate = 0;
		b->para.align = LAY_LEFT;
		b->para.right = 0;
		link = S_add_link(r, NULL, S_head_anchor(r, i));
		r->ielem = pdf_elem(r->pdf, toci, "Link");
		r->link = link;
		r->pfont_bold = h->level == 2;
		S_puts(r, h->text);
		run = S_text(r, "   000", 6);
		run->flags = LAY_FLUSH_RIGHT | LAY_PAGEREF;
		run->ref = S_head_anchor(r, i);
		for (j = 0; j < S_cur(r)->nruns; j++)
			S_cur(r)->runs[j].flags &= ~LAY_UNDERLINE;
		r->link = 0;
		r->pfont_bold = 0;
		S_end_para(r);
	}
	S_space(r, r->size);
}

/* A table cell of the furniture with text s. */
static void
S_cell(struct rp *r, struct lay_table *t, size_t row, size_t col,
    const char *type, const char *s)
{
	struct lay_cell *c = lay_cell(t, row, col);

	c->elem = pdf_elem(r->pdf, t->row_elem[row], type);
	c->para.leading = 1.3;
	c->para.hyphenate = r->t->hyphenate;
	if (strcmp(type, "TH") == 0)
		pdf_elem_scope(r->pdf, c->elem, row < t->nhead);
	r->block = -1;
	r->cell = &c->para;
	r->pelem = r->ielem = c->elem;
	r->psize = r->size * 0.85;
	r->color = r->t->text;
	r->pfont_bold = row < t->nhead;
	if (s != NULL)
		S_puts(r, s);
	S_cell_end(r);
	r->pfont_bold = 0;
	r->cell = NULL;
}

/*
 * Finish the table cell being filled: an empty one gets a no-break
 * space, so that its TD or TH has content and stays in the structure
 * tree (every row of a table has all its cells).
 */
static void
S_cell_end(struct rp *r)
{
	if (r->cell != NULL && r->cell->nruns == 0)
		S_puts(r, "\xc2\xa0");
}

/*
 * A table of the furniture, nrows rows (the first a header row) of
 * ncols cells across the text, with its Table and TR elements.  Returns
 * it for the caller to fill every cell with S_cell(); the layout owns it.
 */
static struct lay_table *
S_ftable(struct rp *r, size_t nrows, size_t ncols)
{
	struct lay_table *t = lay_table_new(nrows, ncols, 1);
	struct lay_block *b;
	size_t j;
	int tab;

	t->pad = 4;
	t->rule = 0.5;
	t->rule_color = r->t->rule;
	t->head_fill = r->t->table_head;
	t->full = 1;
	b = lay_add(&r->ld, LAY_TABLE);
	b->table = t;
	b->space_before = r->size * 0.3;
	b->space_after = r->size * 0.8;
	tab = pdf_elem(r->pdf, 0, "Table");
	for (j = 0; j < nrows; j++)
		t->row_elem[j] = pdf_elem(r->pdf, tab, "TR");
	return t;
}

/* The action tables of an action plan, one per focus area. */
static void
S_action_groups(struct rp *r, const struct tval *groups)
{
	static const char *const head[] = {
		"action", "owners", "timeframe", "indicator", "status"
	};
	static const char *const key[] = {
		"title", "owners", "timeframe", "indicator", "status"
	};
	const struct tval *g, *acts, *a;
	struct lay_table *t;
	size_t i, j, k;

	if (groups == NULL || tval_len(groups) == 0)
		return;
	S_fheading(r, HTML_ID_ACTIONS, label("actions_by_focus", r->en), 2);
	for (i = 0; i < tval_len(groups); i++) {
		g = tval_at(groups, i);
		acts = tval_get(g, "actions");
		S_fheading(r, S_get(g, "heading_id"), S_get(g, "title"), 3);
		t = S_ftable(r, tval_len(acts) + 1, 5);
		for (j = 0; j < t->nrows; j++) {
			a = j > 0 ? tval_at(acts, j - 1) : NULL;
			for (k = 0; k < 5; k++)
				S_cell(r, t, j, k, j == 0 || k == 0 ? "TH" :
				    "TD", a ? S_get(a, key[k]) :
				    label(head[k], r->en));
		}
	}
}

/* The actions of a focus area, as a list. */
static void
S_focus_actions(struct rp *r, const struct tval *acts)
{
	const struct tval *a;
	struct buf b = BUF_INIT;
	size_t i;
	int list;

	S_fheading(r, HTML_ID_ACTIONS, label("actions_here", r->en), 2);
	if (acts == NULL || tval_len(acts) == 0) {
		S_para(r, "P", -1, r->size, S_after(r));
		S_puts(r, label("no_actions", r->en));
		S_end_para(r);
		return;
	}
	list = pdf_elem(r->pdf, 0, "L");
	S_push(r, list, 0)->tight = 1;
	for (i = 0; i < tval_len(acts); i++) {
		a = tval_at(acts, i);
		S_push(r, pdf_elem(r->pdf, list, "LI"), LIST_INDENT);
		r->ctx[r->nctx - 1].item = 1;
		r->ctx[r->nctx - 1].li = r->ctx[r->nctx - 1].elem;
		snprintf(r->ctx[r->nctx - 1].label, sizeof(r->ctx[0].label),
		    "\xe2\x80\xa2");
		S_para(r, "P", -1, r->size, r->size * 0.25);
		S_puts(r, S_get(a, "title"));
		buf_reset(&b);
		buf_printf(&b, " (%s", S_get(a, "status"));
		if (S_get(a, "timeframe") != NULL &&
		    *S_get(a, "timeframe") != '\0')
			buf_printf(&b, ", %s", S_get(a, "timeframe"));
		buf_puts(&b, ")");
		S_puts(r, b.ptr);
		S_end_para(r);
		r->nctx--;
	}
	r->nctx = 0;
	buf_free(&b);
}

/* The signature block, kept on one page. */
static void
S_signatures(struct rp *r, const struct tval *sig)
{
	const struct tval *list = tval_get(sig, "signatories"), *s;
	struct lay_block *b;
	size_t i;
	int div;

	lay_add(&r->ld, LAY_KEEP_BEGIN);
	S_fheading(r, HTML_ID_SIGNATURES, label("signatures", r->en), 2);
	if (S_get(sig, "copies_text") != NULL) {
		S_para(r, "P", -1, r->size, r->size);
		S_puts(r, S_get(sig, "copies_text"));
		S_end_para(r);
	}
	for (i = 0; i < tval_len(list); i++) {
		s = tval_at(list, i);
		div = pdf_elem(r->pdf, 0, "Div");
		b = S_para(r, NULL, pdf_elem(r->pdf, div, "P"), r->size, 0);
		b->space_before = r->size;
		S_puts(r, label("place_date", r->en));
		S_puts(r, ": ");
		if (S_get(s, "place_date") != NULL)
			S_puts(r, S_get(s, "place_date"));
		S_end_para(r);
		S_space(r, r->size * 2.6);
		b = lay_add(&r->ld, LAY_RULE);
		b->height = 0.75;
		b->color = r->t->text;
		b->width = 220;
		b->space_after = 3;
		b = S_para(r, NULL, pdf_elem(r->pdf, div, "P"), r->size, 0);
		r->pfont_bold = 1;
		S_puts(r, S_get(s, "name"));
		r->pfont_bold = 0;
		if (S_get(s, "role") != NULL) {
			S_text(r, "", 0)->flags |= LAY_BREAK;
			S_puts(r, S_get(s, "role"));
		}
		if (S_get(s, "party") != NULL) {
			S_text(r, "", 0)->flags |= LAY_BREAK;
			S_puts(r, S_get(s, "party"));
		}
		b->para.hyphenate = 0;
		S_end_para(r);
	}
	lay_add(&r->ld, LAY_KEEP_END);
}

/*
 * The revision history, newest version first: a table of the version,
 * its date, author, change (the commit's subject) and commit.
 */
static void
S_revisions(struct rp *r, const struct tval *revs)
{
	static const char *const head[] = {
		"version", "date", "rev_author", "rev_change", "rev_commit"
	};
	static const char *const key[] = {
		"text", "date", "author", "subject", "short_id"
	};
	const struct tval *v;
	struct lay_table *t;
	size_t j, k;

	if (revs == NULL || tval_len(revs) == 0)
		return;
	S_fheading(r, HTML_ID_REVISIONS, label("revisions", r->en), 2);
	r->emph = 0;
	t = S_ftable(r, tval_len(revs) + 1, 5);
	for (k = 0; k < 5; k++)
		S_cell(r, t, 0, k, "TH", label(head[k], r->en));
	for (j = 1; j < t->nrows; j++) {
		v = tval_at(revs, j - 1);
		for (k = 0; k < 5; k++)
			S_cell(r, t, j, k, k == 0 ? "TH" : "TD",
			    S_get(v, key[k]));
	}
	/* names, dates and ids are not hyphenated, only the changes */
	for (j = 0; j < t->nrows; j++)
		for (k = 0; k < 5; k++)
			if (k != 3)
				lay_cell(t, j, k)->para.hyphenate = 0;
}

/* Everything the document shows, as layout blocks. */
static void
S_build(struct rp *r, int logo, unsigned logo_w, unsigned logo_h)
{
	const struct tval *m = r->data, *v;
	struct lay_block *b;

	if (logo >= 0) {
		b = lay_add(&r->ld, LAY_IMAGE);
		b->image = logo;
		b->width = r->t->logo_width;
		b->height = r->t->logo_width * logo_h / (logo_w ? logo_w : 1);
		b->space_after = r->size;
	}
	S_letterhead(r);
	if (doc_is_draft(r->doc))
		S_draft_note(r);
	if (r->toc->n > 1)	/* as on the page */
		S_toc(r);
	else
		S_space(r, r->size);
	S_body(r, r->doc->root);
	if ((v = tval_get(m, "action_groups")) != NULL)
		S_action_groups(r, v);
	if (r->doc->meta.type == DOC_FOCUS_AREA)
		S_focus_actions(r, tval_get(m, "focus_actions"));
	if ((v = tval_get(m, "signatures")) != NULL)
		S_signatures(r, v);
	S_revisions(r, tval_get(m, "revisions"));
}

static double
S_measure(void *arg, int font, const char *s, size_t len)
{
	return pdf_text_width(arg, font, s, len);
}


/* Where the text area starts, in PDF coordinates. */
#define TOP(r)	(PAGE_H - (r)->t->margin_top)

/*
 * The width of the text of the footer beside the page numbers of a
 * document of npages pages at size fs, in points.
 */
static double
S_foot_room(struct rp *r, int npages, double fs)
{
	char num[96];

	snprintf(num, sizeof(num), "%s %d %s %d", r->en ? "Page" : "Sida",
	    npages, r->en ? "of" : "av", npages);
	return PAGE_W - r->t->margin_left - r->t->margin_right -
	    pdf_text_width(r->pdf, r->font[F_REG], num, strlen(num)) * fs -
	    2 * fs;
}

/*
 * Set b to the text of the footer of a document of npages pages at size
 * fs: the reference, the date and the version, without the date when
 * they do not fit beside the page number, and cut short with an
 * ellipsis when even that is too long.
 */
static void
S_foot_text(struct rp *r, int npages, double fs, struct buf *b)
{
	static const char ell[] = "\xe2\x80\xa6";
	double room = S_foot_room(r, npages, fs), w;
	int f = r->font[F_REG];
	size_t i, n;

	buf_reset(b);
	doc_footer(b, r->data, 1);
	if (b->len == 0 || pdf_text_width(r->pdf, f, b->ptr, b->len) * fs <=
	    room)
		return;
	buf_reset(b);
	doc_footer(b, r->data, 0);
	if (pdf_text_width(r->pdf, f, b->ptr, b->len) * fs <= room)
		return;
	/* as many characters as fit with the ellipsis */
	w = pdf_text_width(r->pdf, f, ell, strlen(ell)) * fs;
	for (i = 0; i < b->len; i = n) {
		for (n = i + 1; n < b->len && (b->ptr[n] & 0xC0) == 0x80; n++)
			;
		w += pdf_text_width(r->pdf, f, b->ptr + i, n - i) * fs;
		if (w > room)
			break;
	}
	b->len = i;
	buf_puts(b, ell);
}

/*
 * The page furniture of page i of n: header, footer (with its text
 * foot), draft mark.
 */
static void
S_furniture(struct rp *r, int page, int npages, const struct buf *foot)
{
	const struct theme *t = r->t;
	const char *title = r->doc->meta.title.s, *ref;
	double fs = r->size * 0.78, w, x, y;
	char num[96];
	int f = r->font[F_REG];

	if (doc_is_draft(r->doc)) {
		pdf_artifact(r->pdf, page, "Pagination", "Watermark");
		w = pdf_text_width(r->pdf, r->font[F_BOLD], label("draft",
		    r->en), strlen(label("draft", r->en))) * 110;
		/* centred on the diagonal of the page */
		x = PAGE_W / 2 - w / 2 * 0.577;
		y = PAGE_H / 2 - w / 2 * 0.817;
		pdf_text_rotated(r->pdf, page, x, y, 54.7, r->font[F_BOLD],
		    110, t->draft, label("draft", r->en),
		    strlen(label("draft", r->en)));
		pdf_unmark(r->pdf, page);
	}
	if (page > 0) {
		pdf_artifact(r->pdf, page, "Pagination", "Header");
		y = PAGE_H - t->margin_top + 26;
		pdf_text(r->pdf, page, t->margin_left, y, f, fs, 0x555555,
		    title, strlen(title));
		ref = doc_is_draft(r->doc) ? label("draft", r->en) :
		    r->doc->meta.reference.s;
		if (ref != NULL) {
			w = pdf_text_width(r->pdf, r->font[F_BOLD], ref,
			    strlen(ref)) * fs;
			pdf_text(r->pdf, page, PAGE_W - t->margin_right - w, y,
			    r->font[F_BOLD], fs, doc_is_draft(r->doc) ?
			    0xa31515 : 0x555555, ref, strlen(ref));
		}
		pdf_line(r->pdf, page, t->margin_left, y - 6,
		    PAGE_W - t->margin_right, y - 6, 0.5, t->rule);
		pdf_unmark(r->pdf, page);
	}
	pdf_artifact(r->pdf, page, "Pagination", "Footer");
	y = t->margin_bottom - 26;
	pdf_line(r->pdf, page, t->margin_left, y + 12,
	    PAGE_W - t->margin_right, y + 12, 0.5, t->rule);
	snprintf(num, sizeof(num), "%s %d %s %d", r->en ? "Page" : "Sida",
	    page + 1, r->en ? "of" : "av", npages);
	w = pdf_text_width(r->pdf, f, num, strlen(num)) * fs;
	pdf_text(r->pdf, page, PAGE_W - t->margin_right - w, y, f, fs,
	    0x555555, num, strlen(num));
	if (foot->len > 0)
		pdf_text(r->pdf, page, t->margin_left, y, f, fs, 0x555555,
		    foot->ptr, foot->len);
	pdf_unmark(r->pdf, page);
}

/*
 * Bookmarks for every heading that was placed, nested by level under
 * the title's.
 */
static void
S_outlines(struct rp *r, const struct lay_result *res, const int *dests)
{
	int parent[8], lv;
	size_t i;

	if (lay_anchor_find(res, r->title_anchor) == NULL)
		return;
	parent[1] = pdf_outline(r->pdf, -1, r->doc->meta.title.s,
	    dests[r->title_anchor]);
	for (lv = 2; lv < 8; lv++)
		parent[lv] = -1;
	for (i = 0; i < r->toc->n; i++) {
		if (r->hanchor[i] < 0 ||
		    lay_anchor_find(res, r->hanchor[i]) == NULL)
			continue;
		lv = r->toc->items[i].level;
		lv = lv < 2 ? 2 : lv > 6 ? 6 : lv;
		/* the nearest open level above */
		while (lv > 2 && parent[lv - 1] < 0)
			lv--;
		parent[lv] = pdf_outline(r->pdf, parent[lv - 1],
		    r->toc->items[i].text, dests[r->hanchor[i]]);
		for (lv = lv + 1; lv < 8; lv++)
			parent[lv] = -1;
	}
}

/* Draw a text item, with the page number a page reference stands for. */
static void
S_draw_text(struct rp *r, const struct lay_item *it, const
    struct lay_result *res)
{
	const struct lay_anchor *a;
	char num[16];
	double w, x = r->t->margin_left + it->x, y = TOP(r) - it->y;

	if (it->flags & LAY_PAGEREF) {
		a = lay_anchor_find(res, it->ref);
		/* with a space, so that extracted text reads "Inledning 3" */
		snprintf(num, sizeof(num), " %d", a ? a->page + 1 : 0);
		w = pdf_text_width(r->pdf, it->font, num, strlen(num)) *
		    it->size;
		pdf_text(r->pdf, it->page, x + it->w - w, y, it->font,
		    it->size, it->color, num, strlen(num));
		return;
	}
	pdf_text(r->pdf, it->page, x, y, it->font, it->size, it->color,
	    it->text, it->len);
}

/*
 * Link annotations over the text of each link: one rectangle for the
 * items of a link that follow each other on a line.
 */
static void
S_links(struct rp *r, const struct lay_result *res, const int *dests)
{
	const struct lay_item *it, *first;
	const struct rp_link *l;
	double x0, x1, top, bottom, lt;
	size_t i, j;
	char *what;

	for (i = 0; i < res->nitems; i = j) {
		first = &res->items[i];
		j = i + 1;
		if (first->kind != LAY_ITEM_TEXT || first->link <= 0 ||
		    first->artifact || (size_t)first->link > r->nlinks)
			continue;
		x0 = first->x;
		x1 = first->x + first->w;
		top = first->y - first->size * 0.95;
		bottom = first->y + first->size * 0.25;
		for (; j < res->nitems; j++) {
			it = &res->items[j];
			if (it->kind != LAY_ITEM_TEXT)
				continue;
			if (it->link != first->link || it->page !=
			    first->page || it->y != first->y)
				break;
			x1 = it->x + it->w;
		}
		l = &r->links[first->link - 1];
		if (l->uri == NULL && (l->anchor < 0 ||
		    lay_anchor_find(res, l->anchor) == NULL))
			continue;
		lt = TOP(r);
		what = xstrndup(first->text, first->len);
		pdf_link(r->pdf, first->page, r->t->margin_left + x0,
		    lt - bottom, x1 - x0, bottom - top, first->elem, l->uri,
		    l->uri ? -1 : dests[l->anchor], what);
		free(what);
	}
}

/* Lay the blocks out and draw every page. */
static int
S_draw(struct rp *r)
{
	struct lay_config cfg;
	struct lay_result res;
	struct buf foot = BUF_INIT;
	const struct lay_item *it;
	const struct lay_anchor *a;
	const char *dict = NULL;
	double lt = TOP(r), x;
	int *dests, page, open_elem = -2, open_page = -1, want;
	size_t i;

	memset(&cfg, 0, sizeof(cfg));
	cfg.width = PAGE_W - r->t->margin_left - r->t->margin_right;
	cfg.height = PAGE_H - r->t->margin_top - r->t->margin_bottom;
	cfg.measure = S_measure;
	cfg.arg = r->pdf;
	cfg.ascent = pdf_font_ascent(r->pdf, r->font[F_REG]);
	if (r->t->hyphenate)
		dict = r->en ? HYPH_EN : HYPH_SV;
	if (dict != NULL && access(dict, R_OK) == 0)
		cfg.hyphen_dict = dict;
	memset(&res, 0, sizeof(res));
	if (lay_typeset(&r->ld, &cfg, &res) < 0) {
		diag_err(r->d, r->t->file, 0, 0, "the theme leaves no room "
		    "for text on the page");
		return -1;
	}
	if (res.npages < 1)
		res.npages = 1;
	for (page = 0; page < res.npages; page++)
		pdf_page(r->pdf, PAGE_W, PAGE_H);
	dests = xcalloc((size_t)r->nanchors + 1, sizeof(int));
	for (i = 0; i < res.nanchors; i++) {
		a = &res.anchors[i];
		if (a->id >= 0 && a->id < r->nanchors)
			dests[a->id] = pdf_dest(r->pdf, a->page, lt - a->y +
			    r->size);
	}
	S_foot_text(r, res.npages, r->size * 0.78, &foot);
	for (page = 0; page < res.npages; page++)
		S_furniture(r, page, res.npages, &foot);
	buf_free(&foot);
	for (i = 0; i < res.nitems; i++) {
		it = &res.items[i];
		want = it->artifact || it->elem < 0 ? -1 : it->elem;
		if (it->page != open_page || want != open_elem) {
			if (open_page >= 0)
				pdf_unmark(r->pdf, open_page);
			if (want < 0)
				pdf_artifact(r->pdf, it->page, "Layout", NULL);
			else
				pdf_mark(r->pdf, it->page, want);
			open_page = it->page;
			open_elem = want;
		}
		x = r->t->margin_left + it->x;
		switch (it->kind) {
		case LAY_ITEM_TEXT:
			S_draw_text(r, it, &res);
			break;
		case LAY_ITEM_RECT:
			pdf_rect(r->pdf, it->page, x, lt - it->y - it->h,
			    it->w, it->h, it->color);
			break;
		case LAY_ITEM_LINE:
			pdf_line(r->pdf, it->page, x, lt - it->y, x + it->w,
			    lt - it->y - it->h, it->size, it->color);
			break;
		case LAY_ITEM_IMAGE:
			pdf_draw_image(r->pdf, it->page, it->image, x,
			    lt - it->y - it->h, it->w, it->h);
			break;
		}
	}
	if (open_page >= 0)
		pdf_unmark(r->pdf, open_page);
	S_links(r, &res, dests);
	S_outlines(r, &res, dests);
	pdf_page_label(r->pdf, 0, 1, NULL);
	free(dests);
	lay_result_free(&res);
	return 0;
}

static void
S_free(struct rp *r)
{
	size_t i;

	free(r->hanchor);
	for (i = 0; i < r->nlinks; i++)
		free(r->links[i].uri);
	free(r->links);
	free(r->fn_anchor);
	free(r->ctx);
	lay_doc_free(&r->ld);
	if (r->pdf != NULL)
		pdf_free(r->pdf);
}

int
pdf_render(struct buf *out, const struct doc *doc, const struct pdf_opts *o,
    struct diag *d)
{
	const struct meta *m = &doc->meta;
	struct pdf_info info;
	struct buf author = BUF_INIT, kw = BUF_INIT, seed = BUF_INIT;
	const struct tval *v = tval_get(o->data, "version");
	struct rp r;
	unsigned lw = 0, lh = 0;
	int rc = -1, logo = -1;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.o = o;
	r.t = o->theme;
	r.d = d;
	r.en = m->english;
	r.size = r.t->size;
	r.block = -1;
	lay_doc_init(&r.ld);
	r.data = o->data;
	r.toc = o->toc;

	for (i = 0; i < doc->series->nparties; i++)
		buf_join(&author, ", ", doc->series->parties[i].name.s);
	if (m->reference.s != NULL)
		buf_join(&kw, ", ", m->reference.s);
	buf_join(&kw, ", ", doc->period->name);
	memset(&info, 0, sizeof(info));
	info.title = m->title.s;
	info.author = author.ptr;
	info.subject = m->description.s;
	info.keywords = kw.ptr;
	info.creator = "pakt " PAKT_VERSION;
	info.lang = r.en ? "en" : "sv-SE";
	info.created = doc_created(doc);
	info.modified = doc_time(doc);
	info.version = S_get(v, "text");
	info.commit = S_get(v, "id");
	if ((r.pdf = pdf_new(&info)) == NULL) {
		diag_err(d, doc->path, 0, 0, "cannot start a PDF");
		goto out;
	}
	/* the fonts every document uses; the others when they are used */
	for (i = 0; i < F__MAX; i++)
		r.font[i] = -1;
	if (S_fid(&r, F_REG) < 0 || S_fid(&r, F_BOLD) < 0 || r.errors > 0)
		goto out;
	if (r.t->logo != NULL &&
	    (logo = pdf_image(r.pdf, r.t->logo, r.t->logo_len, &lw, &lh)) < 0) {
		diag_err(d, r.t->file, 0, 0, "the logo cannot go into the "
		    "PDF: %s", pdf_error(r.pdf));
		goto out;
	}
	/* anchors: the title's, then one for each heading that needs one */
	r.title_anchor = r.nanchors++;
	r.hanchor = xcalloc(r.toc->n + 1, sizeof(*r.hanchor));
	for (i = 0; i < r.toc->n; i++)
		r.hanchor[i] = -1;
	S_fn_anchors(&r, doc->root);
	S_build(&r, logo, lw, lh);
	if (r.errors > 0 || S_draw(&r) < 0)
		goto out;
	buf_put(&seed, doc->text, doc->len);
	if (r.t->hash_input != NULL)
		buf_puts(&seed, r.t->hash_input);
	buf_puts(&seed, PAKT_VERSION);
	if (pdf_save(r.pdf, seed.ptr, seed.len, out) < 0) {
		diag_err(d, doc->path, 0, 0, "cannot write the PDF: %s",
		    pdf_error(r.pdf));
		goto out;
	}
	rc = 0;
out:
	buf_free(&author);
	buf_free(&kw);
	buf_free(&seed);
	S_free(&r);
	return rc;
}

/* What render_init() does, once. */
static void
S_init(void)
{
	/* libxml2 sets up its parser, encodings and thread keys */
	xmlInitParser();
	/* the table and strikethrough node types the renderers look at */
	cmark_gfm_core_extensions_ensure_registered();
}

void
render_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, S_init);
}

