/*
 * theme.c - the look of the PDF documents, from templates/pdf/theme.yaml.
 */
#include "theme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "pages.h"
#include "ydoc.h"

static const char *const S_keys[] = {
	"font", "mono-font", "size", "leading", "align", "hyphenate",
	"margin-top", "margin-bottom", "margin-left", "margin-right",
	"text-color", "heading-color", "link-color", "rule-color",
	"table-head", "code-background", "draft-color", "logo", "logo-width",
	NULL
};

int
theme_length(const char *s, double *pt)
{
	char *end;
	double v;

	v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	if (strcmp(end, "mm") == 0)
		v *= 72.0 / 25.4;
	else if (strcmp(end, "cm") == 0)
		v *= 72.0 / 2.54;
	else if (strcmp(end, "pt") != 0 && *end != '\0')
		return -1;
	*pt = v;
	return 0;
}

/* Parse "#rrggbb".  Returns 0 or -1. */
static int
S_color(const char *s, unsigned *rgb)
{
	char *end;
	unsigned long v;

	if (s[0] != '#' || strlen(s) != 7)
		return -1;
	v = strtoul(s + 1, &end, 16);
	if (*end != '\0')
		return -1;
	*rgb = (unsigned)v;
	return 0;
}

/*
 * A length key of the theme: set *pt when given and between lo and hi
 * points.  Problems go to d with their position.
 */
static void
S_len(struct ydoc *y, yaml_node_t *root, const char *key, double lo,
    double hi, double *pt, struct diag *d)
{
	struct mstr v = { NULL, { 0, 0 } };
	double x;

	if (ydoc_str(y, root, key, &v, d) < 0 || v.s == NULL)
		goto out;
	if (theme_length(v.s, &x) < 0)
		diag_err(d, y->file, v.pos.line, v.pos.col, "'%s' must be a "
		    "length like 11, 11pt, 25mm or 2.5cm, not '%s'", key, v.s);
	else if (x < lo || x > hi)
		diag_err(d, y->file, v.pos.line, v.pos.col, "'%s' must be "
		    "between %g and %g points, not %g", key, lo, hi, x);
	else
		*pt = x;
out:
	mstr_free(&v);
}

static void
S_col(struct ydoc *y, yaml_node_t *root, const char *key, unsigned *rgb,
    struct diag *d)
{
	struct mstr v = { NULL, { 0, 0 } };

	if (ydoc_str(y, root, key, &v, d) == 0 && v.s != NULL &&
	    S_color(v.s, rgb) < 0)
		diag_err(d, y->file, v.pos.line, v.pos.col, "'%s' must be a "
		    "colour like \"#0b3a63\", not '%s'", key, v.s);
	mstr_free(&v);
}

/*
 * A text key: replace *s when given; and when pos is not NULL, remember
 * where it was set in *pos and *file.
 */
static void
S_str(struct ydoc *y, yaml_node_t *root, const char *key, char **s,
    struct pos *pos, char **file, struct diag *d)
{
	struct mstr v = { NULL, { 0, 0 } };

	if (ydoc_str(y, root, key, &v, d) == 0 && v.s != NULL) {
		free(*s);
		*s = v.s;
		v.s = NULL;
		if (pos != NULL) {
			*pos = v.pos;
			free(*file);
			*file = xstrdup(y->file);
		}
	}
	mstr_free(&v);
}

/* One of two words: set *flag to 1 for yes, 0 for no. */
static void
S_word(struct ydoc *y, yaml_node_t *root, const char *key, const char *yes,
    const char *no, int *flag, struct diag *d)
{
	struct mstr v = { NULL, { 0, 0 } };

	if (ydoc_str(y, root, key, &v, d) == 0 && v.s != NULL) {
		if (strcmp(v.s, yes) == 0)
			*flag = 1;
		else if (strcmp(v.s, no) == 0)
			*flag = 0;
		else
			diag_err(d, y->file, v.pos.line, v.pos.col, "'%s' must "
			    "be %s or %s, not '%s'", key, yes, no, v.s);
	}
	mstr_free(&v);
}

/*
 * Apply the keys of one theme file (text, shown as file) to t.  Returns
 * 0, or -1 when it had errors.
 */
static int
S_apply(struct theme *t, const char *file, const char *text, size_t len,
    char **logo, struct diag *d)
{
	size_t errors = d->errors;
	struct ydoc y;
	yaml_node_t *root;

	if (ydoc_load(&y, file, text, len, 0, d) < 0)
		return -1;
	root = ydoc_root(&y);
	if (root != NULL && ydoc_check_map(&y, root, S_keys, file, d) == 0) {
		S_str(&y, root, "font", &t->font, &t->font_pos, &t->font_file,
		    d);
		S_str(&y, root, "mono-font", &t->mono, &t->mono_pos,
		    &t->mono_file, d);
		S_len(&y, root, "size", 8, 16, &t->size, d);
		S_len(&y, root, "leading", 1, 3, &t->leading, d);
		S_word(&y, root, "align", "justify", "left", &t->justify, d);
		S_word(&y, root, "hyphenate", "true", "false", &t->hyphenate,
		    d);
		S_len(&y, root, "margin-top", 10, 200, &t->margin_top, d);
		S_len(&y, root, "margin-bottom", 10, 200, &t->margin_bottom, d);
		S_len(&y, root, "margin-left", 10, 200, &t->margin_left, d);
		S_len(&y, root, "margin-right", 10, 200, &t->margin_right, d);
		S_col(&y, root, "text-color", &t->text, d);
		S_col(&y, root, "heading-color", &t->heading, d);
		S_col(&y, root, "link-color", &t->link, d);
		S_col(&y, root, "rule-color", &t->rule, d);
		S_col(&y, root, "table-head", &t->table_head, d);
		S_col(&y, root, "code-background", &t->code_bg, d);
		S_col(&y, root, "draft-color", &t->draft, d);
		S_str(&y, root, "logo", logo, NULL, NULL, d);
		S_len(&y, root, "logo-width", 10, 300, &t->logo_width, d);
	}
	ydoc_free(&y);
	return d->errors > errors ? -1 : 0;
}

int
theme_load(struct theme *t, struct pages *pg, struct diag *d)
{
	static const char rel[] = "pdf/theme.yaml";
	struct buf hash = BUF_INIT;
	char *text, *shown, *logo = NULL, *lrel;
	size_t len;
	int rc = 0, from;

	memset(t, 0, sizeof(*t));
	t->font = xstrdup("Liberation Sans");
	t->mono = xstrdup("Liberation Mono");
	t->size = 11;
	t->leading = 1.5;
	t->hyphenate = 1;
	t->margin_top = t->margin_bottom = t->margin_left =
	    t->margin_right = 72;
	t->text = 0x1a1a1a;
	t->heading = 0x0b3a63;
	t->link = 0x0b4f9c;
	t->rule = 0x8a8a8a;
	t->table_head = 0xe6edf4;
	t->code_bg = 0xf2f2f2;
	t->draft = 0xf3cccc;
	t->logo_width = 113;
	/* pakt's own theme, then the content folder's changes to it */
	for (from = PAGES_OWN; from <= PAGES_CONTENT; from++) {
		if (pages_read_other(pg, rel, (enum pages_from)from, &text,
		    &len, &shown) < 0) {
			if (from == PAGES_OWN) {
				diag_err(d, NULL, 0, 0, "cannot read pakt's "
				    "templates/%s", rel);
				rc = -1;
			}
			continue;
		}
		if (S_apply(t, shown, text, len, &logo, d) < 0)
			rc = -1;
		buf_put(&hash, text, len);
		free(t->file);
		t->file = shown;
		free(text);
	}
	t->hash_input = buf_detach(&hash);
	if (rc == 0 && logo != NULL && *logo != '\0') {
		/* beside the theme file that named it */
		lrel = xasprintf("pdf/%s", logo);
		if (strstr(logo, "..") != NULL || *logo == '/' ||
		    pages_read_other(pg, lrel, PAGES_ANY, &t->logo,
		    &t->logo_len, &shown) < 0) {
			diag_err(d, t->file, 0, 0, "logo '%s' not found beside "
			    "the theme", logo);
			rc = -1;
		} else
			free(shown);
		free(lrel);
	}
	free(logo);
	return rc;
}

void
theme_free(struct theme *t)
{
	free(t->font);
	free(t->mono);
	free(t->logo);
	free(t->file);
	free(t->font_file);
	free(t->mono_file);
	free(t->hash_input);
	memset(t, 0, sizeof(*t));
}
