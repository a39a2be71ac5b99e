/*
 * theme.h - the look of the PDF documents, from templates/pdf/theme.yaml.
 *
 * pakt's own theme.yaml sets every key; a content folder's
 * templates/pdf/theme.yaml overrides any of them.  Lengths are kept in
 * points, colours as 0xRRGGBB.
 */
#ifndef PAKT_THEME_H
#define PAKT_THEME_H

#include <stddef.h>

#include "meta.h"

struct diag;
struct pages;

struct theme {
	char		*font;		/* family for text and headings */
	char		*mono;		/* family for code */
	struct pos	 font_pos, mono_pos;	/* where they were set, */
	char		*font_file, *mono_file;	/* in which theme file */
	double		 size;		/* body text, points */
	double		 leading;	/* line height / size */
	int		 justify;	/* align: justify */
	int		 hyphenate;
	double		 margin_top, margin_bottom, margin_left, margin_right;
	unsigned	 text, heading, link, rule, table_head, code_bg;
	unsigned	 draft;
	char		*logo;		/* the image's bytes, NULL for none */
	size_t		 logo_len;
	double		 logo_width;
	char		*file;		/* where the overrides came from, or
					   the default theme, for messages */
	char		*hash_input;	/* both theme texts, for /ID seeds */
};

/*
 * Load the default theme and the content folder's overrides through pg.
 * Returns 0, or -1 after recording every problem (with its position) in
 * d.  Free with theme_free() in either case.
 */
int	theme_load(struct theme *t, struct pages *pg, struct diag *d);
void	theme_free(struct theme *t);

/*
 * Parse a length ("25mm", "2.5cm", "11pt", "11") into points.  Returns 0,
 * or -1 when s is not a length.
 */
int	theme_length(const char *s, double *pt);

#endif
