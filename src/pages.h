/*
 * pages.h - find and render the HTML page templates.
 *
 * Templates are Mustache files named NAME.mustache in a templates/html
 * folder.  A municipality replaces any of them by putting its own in
 * templates/html/ of its content folder; the rest come from pakt's own
 * folder: beside the binary (../templates/html, for a build tree), the
 * installed share/pakt/templates/html, or $PAKT_TEMPLATES when set.
 */
#ifndef PAKT_PAGES_H
#define PAKT_PAGES_H

#include <stddef.h>

struct buf;
struct diag;
struct source;
struct tval;

struct pages {
	struct source	*content;	/* not owned: its templates/html */
	char		*dir;		/* pakt's own templates/html */
};

/*
 * Find pakt's own template folder.  Returns 0, or -1 after recording in d
 * that none was found.  Free with pages_free().
 */
int	pages_init(struct pages *pg, struct source *content, struct diag *d);
void	pages_free(struct pages *pg);

/*
 * Read file name (relative to templates/html, like "document.mustache"
 * or "assets/style.css"), the content folder's copy first.  Returns 0
 * with *data (freed by the caller), or -1.
 */
int	pages_read(struct pages *pg, const char *name, char **data,
	    size_t *len);

/* Where pages_read_other() looks. */
enum pages_from {
	PAGES_OWN,	/* pakt's own templates */
	PAGES_CONTENT,	/* the content folder's templates/ */
	PAGES_ANY	/* the content folder's first, then pakt's */
};

/*
 * Read rel relative to a templates folder ("pdf/theme.yaml") from where
 * from says.  Returns 0 with *data and *shown (the path it was read
 * from, for messages), both freed by the caller, or -1.
 */
int	pages_read_other(struct pages *pg, const char *rel,
	    enum pages_from from, char **data, size_t *len, char **shown);

/*
 * The names of the files in the templates' assets/ folder (style sheet,
 * logo, fonts), from both pakt's own folder and the content folder's,
 * sorted and without repeats.  Returns the count; *names and each name
 * are freed by the caller.
 */
size_t	pages_assets(struct pages *pg, char ***names);

/*
 * Render template name (without ".mustache") with data, appending to
 * out.  Returns 0, or -1 after recording the problem in d.
 */
/*
 * Append to out the names and bytes of every template file pakt and the
 * content folder have (HTML, PDF theme, ODT styles, assets): whatever
 * can change an output besides the content.
 */
void	pages_digest(struct pages *pg, struct buf *out);

int	pages_render(struct pages *pg, const char *name,
	    const struct tval *data, struct buf *out, struct diag *d);

#endif
