/*
 * layout.h - typeset blocks of styled text into pages.
 *
 * A renderer describes a document as a list of blocks: paragraphs made
 * of runs of text in a font and size, rules, images, tables, spaces,
 * anchors and keep-together groups.  lay_typeset() breaks the text into
 * lines (greedy, left aligned or justified; Swedish words are hyphenated
 * with libhyphen, and a word or URL wider than the line is broken so no
 * line runs past the margin) and the lines into pages (a heading stays
 * with what follows it, no paragraph leaves a single line alone at the
 * top or bottom of a page, a table row is not split unless it is taller
 * than a page, and table header rows are repeated on every page).
 *
 * The result is a list of positioned items in reading order.  Nothing
 * here knows about PDF: the width of text is measured through a callback
 * and fonts, images, links and structure elements are numbers the
 * renderer chose.
 *
 * Units are points.  Positions are relative to the top-left corner of
 * the text area, x growing right and y growing down.
 */
#ifndef PAKT_LAYOUT_H
#define PAKT_LAYOUT_H

#include <stddef.h>

/*
 * The width in points of len bytes of UTF-8 text s in font at a size of
 * 1 pt (so the width at size z is z times the result).
 */
typedef double	(*lay_measure_fn)(void *arg, int font, const char *s,
		    size_t len);

/* Flags of a run. */
#define LAY_UNDERLINE	0x01	/* draw a line under the text (links) */
#define LAY_STRIKE	0x02	/* draw a line through the text */
#define LAY_BREAK	0x04	/* hard line break after this run */
#define LAY_PAGEREF	0x08	/* text is a placeholder ("000") for the
				 * page number of anchor ref; the renderer
				 * draws the number in its place */
#define LAY_FLUSH_RIGHT	0x10	/* this run and the ones after it sit flush
				 * right on the last line (the page number
				 * of a table of contents entry) */

/* A piece of text in one style.  text is owned by the run. */
struct lay_run {
	char		*text;		/* UTF-8 */
	size_t		 len;
	int		 font;		/* the renderer's font number */
	double		 size;		/* points */
	unsigned	 color;		/* 0xRRGGBB */
	int		 elem;		/* structure element, -1 for none */
	int		 link;		/* link number, 0 for none */
	int		 ref;		/* anchor number for LAY_PAGEREF */
	unsigned	 flags;
};

enum lay_align {
	LAY_LEFT,
	LAY_JUSTIFY,	/* every line but the last fills the width */
	LAY_CENTER,
	LAY_RIGHT
};

/*
 * A paragraph: runs broken into lines.  Line height is leading times
 * the largest size on the line.
 */
struct lay_para {
	struct lay_run	*runs;
	size_t		 nruns, cap;
	enum lay_align	 align;
	double		 indent;	/* left indent of every line */
	double		 right;		/* right indent */
	double		 leading;	/* line height / font size, e.g. 1.5;
					 * below 1 counts as 1 */
	int		 pre;		/* keep spaces; break only at '\n',
					 * or anywhere when a line is too long */
	int		 hyphenate;	/* hyphenate words (not headings) */
	int		 has_label;
	struct lay_run	 label;		/* list marker (its elem is the Lbl),
					 * placed on the first line's baseline
					 * at indent + label_x; its text is
					 * owned like a run's and freed by
					 * lay_para_free() */
	double		 label_x;	/* usually negative: the marker hangs */
	unsigned	 fill;		/* background of every line (code),
					 * 0 for none; drawn as an artifact */
	unsigned	 bar;		/* colour of a bar left of indent
					 * (block quotes), 0 for none */
	double		 bar_x;		/* x of that bar, from the left edge
					 * of the text area (or cell) */
};

/*
 * A table cell: one paragraph.  Its runs (and label) with elem -1 get
 * the cell's elem, or when that is -1 too, the row's row_elem.
 */
struct lay_cell {
	struct lay_para	 para;
	int		 elem;		/* TD or TH element */
};

/*
 * A table.  cells holds nrows * ncols cells row by row; the first nhead
 * rows are header rows, repeated (as artifacts) at the top of every page
 * the table continues on.  Column widths are computed from the content:
 * the natural widths when they fit, otherwise every column gets at least
 * its longest word (within reason) and the rest is shared in proportion
 * to the natural widths.
 */
struct lay_table {
	size_t		 nrows, ncols, nhead;
	struct lay_cell	*cells;
	int		*row_elem;	/* TR element of each row */
	double		 indent;	/* left edge of the table */
	double		 pad;		/* cell padding, all sides */
	double		 rule;		/* grid line width, 0 for none */
	unsigned	 rule_color;
	unsigned	 head_fill;	/* header background, 0 for none */
	double		 full;		/* 1: stretch to the full width */
};

enum lay_kind {
	LAY_PARA,
	LAY_RULE,	/* horizontal line across the text width */
	LAY_IMAGE,	/* scaled down to fit the width and a page */
	LAY_TABLE,
	LAY_SPACE,	/* vertical space of height (dropped at a page top) */
	LAY_PAGEBREAK,
	LAY_ANCHOR,	/* records where the next block starts */
	LAY_KEEP_BEGIN,	/* blocks until LAY_KEEP_END stay on one page when
			 * they fit on one */
	LAY_KEEP_END
};

struct lay_block {
	enum lay_kind	 kind;
	double		 space_before;	/* dropped at the top of a page; adds
					 * to the space_after before it */
	double		 space_after;
	int		 keep_next;	/* same page as the next block's start */
	int		 elem;		/* structure element (images), -1 none */
	struct lay_para	 para;		/* LAY_PARA */
	struct lay_table *table;	/* LAY_TABLE, owned */
	int		 image;		/* LAY_IMAGE: the renderer's number */
	double		 width, height;	/* LAY_IMAGE: natural size; LAY_SPACE:
					 * height; LAY_RULE: length (0: to
					 * the right edge) and thickness */
	double		 indent;	/* LAY_IMAGE, LAY_RULE: left edge */
	unsigned	 color;		/* LAY_RULE */
	int		 anchor;	/* LAY_ANCHOR */
};

/* A document to lay out.  Owns its blocks. */
struct lay_doc {
	struct lay_block *blocks;
	size_t		  n, cap;
};

enum lay_item_kind {
	LAY_ITEM_TEXT,	/* x, y = baseline start; w = advance width */
	LAY_ITEM_RECT,	/* filled rectangle: x, y = top left; w, h */
	LAY_ITEM_LINE,	/* from (x, y) to (x + w, y + h), width size */
	LAY_ITEM_IMAGE	/* x, y = top left; w, h */
};

/*
 * A positioned item.  Items come in reading order.  artifact is set for
 * what is not content: rules, backgrounds, underlines, grid lines, and
 * repeated table header rows.
 */
struct lay_item {
	enum lay_item_kind kind;
	int		 page;		/* 0-based */
	double		 x, y, w, h;
	char		*text;		/* owned; with a '-' added when the
					 * word was hyphenated */
	size_t		 len;
	int		 font;
	double		 size;		/* text size, or line width */
	unsigned	 color;
	int		 elem;
	int		 link;
	int		 ref;
	unsigned	 flags;		/* the run's flags */
	int		 image;
	int		 artifact;
	int		 label;		/* text of a list label */
};

struct lay_anchor {
	int		 id;
	int		 page;
	double		 y;
};

struct lay_config {
	double		 width, height;	/* of the text area */
	lay_measure_fn	 measure;
	void		*arg;
	double		 ascent;	/* baseline below line top, as a
					 * fraction of the size (e.g. 0.9);
					 * outside 0 < ascent <= 1, 0.8 */
	const char	*hyphen_dict;	/* path of a libhyphen dictionary,
					 * NULL for no hyphenation */
};

struct lay_result {
	struct lay_item	 *items;
	size_t		  nitems, cap;
	struct lay_anchor *anchors;
	size_t		  nanchors, acap;
	int		  npages;
};

/* Start a document; free it with lay_doc_free(). */
void		 lay_doc_init(struct lay_doc *d);
/* Append a zeroed block of kind k (elem -1, para.leading 1.2) and
 * return it; the pointer is valid until the next lay_add(). */
struct lay_block *lay_add(struct lay_doc *d, enum lay_kind k);
/* Append a copy of len bytes of text as a run to p (elem -1) and return
 * the run; valid until the next lay_text() on p. */
struct lay_run	*lay_text(struct lay_para *p, const char *text, size_t len,
		    int font, double size, unsigned color);
/* A new table of nrows by ncols empty cells (elem -1). */
struct lay_table *lay_table_new(size_t nrows, size_t ncols, size_t nhead);
/* The cell at row r, column c, or NULL when there is none. */
struct lay_cell	*lay_cell(struct lay_table *t, size_t r, size_t c);
void		 lay_para_free(struct lay_para *p);
void		 lay_doc_free(struct lay_doc *d);

/*
 * Lay out d with cfg into r (zeroed by the caller).  Returns 0, or -1
 * when cfg is unusable (a text area too small, a dictionary that does
 * not load): r is then empty.  Free r with lay_result_free().  Layouts
 * of different documents may run in several threads at once: the only
 * state they share, the hyphenation dictionaries, is locked.
 */
int		 lay_typeset(const struct lay_doc *d,
		    const struct lay_config *cfg, struct lay_result *r);
void		 lay_result_free(struct lay_result *r);
/* The anchor numbered id in r, or NULL. */
const struct lay_anchor *lay_anchor_find(const struct lay_result *r, int id);

#endif
