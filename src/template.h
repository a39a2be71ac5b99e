/*
 * template.h - Mustache templates.
 *
 * pakt renders its HTML pages with Mustache (https://mustache.github.io/),
 * as specified by the official spec's core modules: interpolation,
 * sections, inverted sections, comments, partials and set delimiters.
 * Lambdas and inheritance are not supported.
 *
 * Data handed to a template is a tree of tval nodes: strings, booleans,
 * lists and maps.  A tree owns its children; free the root with
 * tval_free().
 *
 * A section is skipped for a missing value, null, false, an empty list
 * and an empty string; it is run once per item for a list, once with the
 * value on top of the context stack otherwise.  {{x}} escapes & < > " '
 * for HTML; {{{x}}} and {{&x}} do not.  Booleans interpolate as "true"
 * and "false", null, lists and maps as nothing.
 *
 * Syntax errors are reported as "name:line:col: message" (line and column
 * count from 1, the column in bytes) with one of these messages:
 *
 *	unclosed tag
 *	unclosed section "x"
 *	closing tag "y" does not match section "x"
 *	closing tag "y" without a section
 *	bad delimiter change
 *	empty tag
 *	bad tag name "a b"
 *	sections nested more than 100 deep
 *	partials nested more than 64 deep
 *
 * An error inside a partial names the partial, as its tag spelled it.
 */
#ifndef PAKT_TEMPLATE_H
#define PAKT_TEMPLATE_H

#include <stddef.h>

#include "buf.h"

enum tval_kind {
	TVAL_NULL,	/* falsey, renders as nothing */
	TVAL_BOOL,	/* true or false */
	TVAL_STR,	/* text; numbers are stored as their text */
	TVAL_LIST,	/* ordered values; empty is falsey */
	TVAL_MAP	/* ordered key -> value pairs */
};

struct tval;

/* Constructors: each returns a new value owned by the caller. */
struct tval	*tval_null(void);
struct tval	*tval_bool(int b);
struct tval	*tval_str(const char *s);
struct tval	*tval_strn(const char *s, size_t len);
struct tval	*tval_list(void);
struct tval	*tval_map(void);

/*
 * Set key in map to v, replacing an earlier value of that key.  The map
 * takes ownership of v.  Returns v, so that a caller can fill it in.
 */
struct tval	*tval_set(struct tval *map, const char *key, struct tval *v);
/* Shorthands: set key to a copy of string s (NULL gives a null value). */
struct tval	*tval_set_str(struct tval *map, const char *key, const char *s);
struct tval	*tval_set_bool(struct tval *map, const char *key, int b);
/* Append v to list, which takes ownership.  Returns v. */
struct tval	*tval_push(struct tval *list, struct tval *v);

enum tval_kind	 tval_kind(const struct tval *v);
/* The value of key in map, or NULL when absent or map is not a map. */
struct tval	*tval_get(const struct tval *map, const char *key);
/* The text of a string value, or NULL for other kinds. */
const char	*tval_text(const struct tval *v);
/* Number of items in a list or map; 0 for other kinds. */
size_t		 tval_len(const struct tval *v);
/* Item i of a list, or NULL. */
struct tval	*tval_at(const struct tval *list, size_t i);

void		 tval_free(struct tval *v);
/*
 * Append a serialisation of v to out that is the same for equal values
 * and different for different ones (a cache key's material).
 */
void		 tval_dump(const struct tval *v, struct buf *out);

/*
 * Partials are looked up by name through this callback.  It returns the
 * partial's source in a newly allocated string that the engine frees, or
 * NULL when there is no such partial (which renders as nothing).  One
 * tpl_render() asks for each partial at most once per indentation.
 */
typedef char	*(*tpl_partial_fn)(const char *name, void *arg);

/*
 * Render the template src (of length len) with data ctx, appending the
 * result to out.  name identifies the template in error messages.
 * Returns 0 on success.  On a syntax error (an unclosed tag or section,
 * a mismatched closing tag, a bad delimiter change) returns -1 and sets
 * *err to a newly allocated message "name:line:col: message" that the
 * caller frees; out may then hold partial output.  Partials nest at most
 * 64 deep.
 */
int	 tpl_render(struct buf *out, const char *src, size_t len,
	    const char *name, const struct tval *ctx,
	    tpl_partial_fn partial, void *arg, char **err);

#endif
