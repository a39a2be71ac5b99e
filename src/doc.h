/*
 * doc.h - a document: metadata, Markdown tree and where it came from.
 *
 * Every renderer takes a struct doc.  Loading one checks everything that
 * can be checked within the file itself (UTF-8, front matter, keys,
 * values); checks across files (focus ids, parties, links, images) are
 * in content.c.
 */
#ifndef PAKT_DOC_H
#define PAKT_DOC_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "history.h"
#include "meta.h"
#include "record.h"

struct diag;
struct outline;
struct period;
struct series;

struct doc {
	char		*rel;		/* path below the content root */
	char		*path;		/* path as shown in messages */
	char		*stem;		/* rel without ".md" */
	char		*text;		/* the whole source, NUL-terminated */
	size_t		 len;
	unsigned	 body_line0;	/* lines before the Markdown body */
	struct meta	 meta;
	cmark_node	*root;		/* NULL when the document is invalid */
	struct outline	*outline;	/* the headings of root (outline.h),
					   NULL with it */
	struct series	*series;	/* not owned */
	struct period	*period;	/* not owned */
	int		 ok;		/* no errors so far */
	char		**uses;		/* content paths of the images and
					   files it links to (content.c) */
	size_t		 nuses;
	struct history	 hist;		/* its versions (history.c) */
	/*
	 * Where its outputs go, without extension: NULL for stem; for an
	 * earlier version "<stem>/v<N>/<name>" (site.c), and newest is
	 * then the version shown at the plain URL.
	 */
	char		*outstem;
	unsigned	 newest;
	/*
	 * Its state (state.c): the newest record of a signed version
	 * (owned by the content), and the later period that supersedes it.
	 */
	enum doc_state	 state;
	const struct record *signed_rec;
	const struct period *successor;
};

/*
 * Parse the document text (taking ownership of it) read from rel, shown
 * as path in messages.  Returns a new doc, never NULL; when anything is
 * wrong it is recorded in d and doc->ok is 0.  Free with doc_free().
 */
struct doc	*doc_parse(const char *rel, const char *path, char *text,
		    size_t len, struct diag *d);
void		 doc_free(struct doc *doc);

/* Whether the front matter of doc was read without errors, so that its
 * metadata can be used (even if its text has an error). */
int		 doc_has_meta(const struct doc *doc);

/*
 * The column, counted in characters, of byte column bytecol (both
 * 1-based) on line (1-based, in the whole file) of doc's source.  cmark
 * counts bytes; editors count characters.
 */
unsigned	 doc_column(const struct doc *doc, unsigned line, unsigned bytecol);

/* The document's id: its front-matter id or its file name without .md. */
const char	*doc_id(const struct doc *doc);

/*
 * Check that len bytes of text are UTF-8 without NUL bytes.  Returns 0,
 * or -1 with the 1-based line and column (in characters) of the first
 * bad byte and that byte.
 */
int		 utf8_check(const char *text, size_t len, unsigned *line,
		    unsigned *col, unsigned char *bad);

/*
 * Split text into front matter and body.  On success returns 0 and sets
 * *fm, *fmlen to the YAML between the '---' lines, *body to the Markdown
 * and *body_line0 to the number of lines before it.  Returns -1 after
 * recording a problem in d.
 */
int		 frontmatter_split(const char *text, size_t len,
		    const char *path, const char **fm, size_t *fmlen,
		    const char **body, unsigned *body_line0, struct diag *d);

#endif
