/*
 * ydoc.h - YAML documents read with libyaml, with positions and schema checks.
 *
 * pakt's YAML (pakt.yaml, series.yaml, a document's front matter) is
 * loaded into a libyaml document; the helpers here read it against a
 * fixed set of keys, reporting every problem with file:line:col.
 */
#ifndef PAKT_YDOC_H
#define PAKT_YDOC_H

#include <stddef.h>

#include <yaml.h>

struct diag;

/* A position in a source file; line and col are 1-based, 0 if unknown. */
struct pos {
	unsigned	line, col;
};

/* A text value; s is NULL when the key was not given.  Owned. */
struct mstr {
	char		*s;
	struct pos	 pos;
};

struct mlist {
	struct mstr	*v;
	size_t		 n;
};

struct ydoc {
	yaml_document_t	 doc;
	const char	*file;		/* for messages; not owned */
	unsigned	 line0;		/* lines before the YAML in the file */
	int		 loaded;
};

/*
 * Load len bytes of YAML that start after line0 lines of the file named
 * file.  Returns 0, or -1 after recording a syntax error in d (y needs no
 * freeing then).  Free a loaded y with ydoc_free().
 */
int		 ydoc_load(struct ydoc *y, const char *file, const char *text,
		    size_t len, unsigned line0, struct diag *d);
void		 ydoc_free(struct ydoc *y);

/* The root node, or NULL for an empty document. */
yaml_node_t	*ydoc_root(struct ydoc *y);
/* Node number id of y (for the ids in mapping pairs and sequences). */
yaml_node_t	*ydoc_node(struct ydoc *y, int id);
/* The position of n in the file. */
struct pos	 ydoc_pos(const struct ydoc *y, const yaml_node_t *n);

/*
 * Check that n is a mapping whose keys are plain text and all in
 * allowed (a NULL-terminated list), with no key given twice.  what names
 * the mapping in messages ("front matter", "signatory").  Unknown keys
 * get a suggestion when one allowed key is close.  Returns 0 when n is
 * a mapping (even with bad keys, which are recorded), -1 when it is not.
 */
int		 ydoc_check_map(struct ydoc *y, yaml_node_t *n,
		    const char *const *allowed, const char *what,
		    struct diag *d);
/* The value node of key in mapping n, or NULL. */
yaml_node_t	*ydoc_get(struct ydoc *y, yaml_node_t *n, const char *key);

/*
 * Read the scalar value of key in mapping n into out (a copy the caller
 * frees through out->s).  An absent key leaves out untouched and returns
 * 0; a value that is not text is recorded in d and returns -1.
 */
int		 ydoc_str(struct ydoc *y, yaml_node_t *n, const char *key,
		    struct mstr *out, struct diag *d);
/*
 * Read key as a list of text (a single text is taken as a list of one).
 * Returns 0, or -1 after recording a problem.
 */
int		 ydoc_strlist(struct ydoc *y, yaml_node_t *n, const char *key,
		    struct mlist *out, struct diag *d);

void		 mstr_free(struct mstr *s);
void		 mlist_free(struct mlist *l);

/*
 * The allowed word closest to s (edit distance at most 2, or 3 for long
 * words), or NULL.  Used for "did you mean" hints.
 */
const char	*suggest_word(const char *s, const char *const *allowed);

#endif
