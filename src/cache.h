/*
 * cache.h - remember what a build rendered, keyed by its inputs.
 *
 * Each unit of output (a document's page, PDF and ODT; an earlier
 * version of it; an index page) gets a key: a hash of everything that
 * goes into it (the source text, the files it uses, its history, the
 * templates and theme, pakt's version and the options).  The output
 * folder keeps the keys of the last build in CACHE_NAME; a unit whose
 * key is unchanged and whose files are all still there is not rendered
 * again.
 */
#ifndef PAKT_CACHE_H
#define PAKT_CACHE_H

#include <stddef.h>

#include "buf.h"

struct diag;

#define CACHE_NAME	".pakt-cache"
#define CACHE_KEY_LEN	40	/* hex digits of a key */

struct cache_entry {
	char	*unit;
	char	 key[CACHE_KEY_LEN + 1];
};

struct cache {
	char			*root;		/* the output folder */
	struct cache_entry	*old;		/* the last build's, sorted */
	size_t			 nold;
	struct cache_entry	*cur;		/* this build's */
	size_t			 ncur, cap;
};

/*
 * Read the keys the last build left in root.  A missing or unreadable
 * list is an empty cache (everything is rendered).
 */
void	cache_open(struct cache *c, const char *root);
/*
 * Whether unit was built by the last build with key and each of the
 * nfiles output files (relative to the root) is still there.  Returns
 * 1 or 0.
 */
int	cache_fresh(const struct cache *c, const char *unit, const char *key,
	    const char *const *files, size_t nfiles);
/* Record that this build made (or kept) unit with key. */
void	cache_put(struct cache *c, const char *unit, const char *key);
/*
 * Write this build's keys to root/CACHE_NAME, atomically.  Units of the
 * last build that this one did not put are dropped.  Returns 0 or -1
 * after recording why in d.
 */
int	cache_save(struct cache *c, struct diag *d);
void	cache_free(struct cache *c);

/*
 * A key under construction: feed it with key_add*, then finish it with
 * key_end into a hex string.
 */
struct key {
	struct buf	b;
};

void	key_begin(struct key *k);
/* Add len bytes, with their length first so that fields cannot run
 * into each other. */
void	key_add(struct key *k, const void *data, size_t len);
/* Add a string (NULL is distinct from ""). */
void	key_str(struct key *k, const char *s);
void	key_num(struct key *k, long long n);
/* Finish: write the hex key to dst and free what k holds. */
void	key_end(struct key *k, char dst[CACHE_KEY_LEN + 1]);
/* The hex key of len bytes of data alone. */
void	key_of(const void *data, size_t len, char dst[CACHE_KEY_LEN + 1]);

#endif
