/*
 * cache.c - remember what a build rendered, keyed by its inputs.
 *
 * The list is a text file of lines "KEY UNIT", sorted by unit.  Keys
 * are SHA-1 object ids computed by libgit2 over the key's material.
 */
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "diag.h"
#include "output.h"

static int
S_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cache_entry *)a)->unit,
	    ((const struct cache_entry *)b)->unit);
}

/* Whether s is CACHE_KEY_LEN lowercase hex digits.  Returns 1 or 0. */
static int
S_is_key(const char *s, size_t n)
{
	size_t i;

	if (n != CACHE_KEY_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL || s[i] == '\0')
			return 0;
	return 1;
}

void
cache_open(struct cache *c, const char *root)
{
	char *path = xasprintf("%s/%s", root, CACHE_NAME);
	char *line = NULL;
	size_t cap = 0, allocated = 0;
	ssize_t n;
	FILE *f;

	memset(c, 0, sizeof(*c));
	c->root = xstrdup(root);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		/* anything that is not "KEY UNIT" is ignored */
		if (n < CACHE_KEY_LEN + 2 || line[CACHE_KEY_LEN] != ' ' ||
		    !S_is_key(line, CACHE_KEY_LEN))
			continue;
		if (c->nold == allocated) {
			allocated = allocated ? allocated * 2 : 64;
			c->old = xrealloc(c->old, allocated * sizeof(*c->old));
		}
		memcpy(c->old[c->nold].key, line, CACHE_KEY_LEN);
		c->old[c->nold].key[CACHE_KEY_LEN] = '\0';
		c->old[c->nold++].unit = xstrdup(line + CACHE_KEY_LEN + 1);
	}
	free(line);
	fclose(f);
	qsort(c->old, c->nold, sizeof(*c->old), S_cmp);
}

int
cache_fresh(const struct cache *c, const char *unit, const char *key,
    const char *const *files, size_t nfiles)
{
	struct cache_entry want, *e;
	size_t i;

	want.unit = (char *)unit;
	e = c->nold ? bsearch(&want, c->old, c->nold, sizeof(*c->old),
	    S_cmp) : NULL;
	if (e == NULL || strcmp(e->key, key) != 0)
		return 0;
	for (i = 0; i < nfiles; i++)
		if (out_size(c->root, files[i]) < 0)
			return 0;
	return 1;
}

void
cache_put(struct cache *c, const char *unit, const char *key)
{
	if (c->ncur == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->cur = xrealloc(c->cur, c->cap * sizeof(*c->cur));
	}
	c->cur[c->ncur].unit = xstrdup(unit);
	memcpy(c->cur[c->ncur].key, key, CACHE_KEY_LEN + 1);
	c->ncur++;
}

int
cache_save(struct cache *c, struct diag *d)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	qsort(c->cur, c->ncur, sizeof(*c->cur), S_cmp);
	for (i = 0; i < c->ncur; i++)
		if (i == 0 || strcmp(c->cur[i].unit, c->cur[i - 1].unit) != 0)
			buf_printf(&b, "%s %s\n", c->cur[i].key,
			    c->cur[i].unit);
	rc = out_write(c->root, CACHE_NAME, b.ptr ? b.ptr : "", b.len, d);
	buf_free(&b);
	return rc;
}

static void
S_entries_free(struct cache_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].unit);
	free(v);
}

void
cache_free(struct cache *c)
{
	S_entries_free(c->old, c->nold);
	S_entries_free(c->cur, c->ncur);
	free(c->root);
	memset(c, 0, sizeof(*c));
}

void
key_begin(struct key *k)
{
	memset(k, 0, sizeof(*k));
	buf_puts(&k->b, "pakt-key 1\n");
}

void
key_add(struct key *k, const void *data, size_t len)
{
	buf_printf(&k->b, "%zu:", len);
	buf_put(&k->b, data, len);
	buf_putc(&k->b, '\n');
}

void
key_str(struct key *k, const char *s)
{
	if (s == NULL)
		buf_puts(&k->b, "-\n");
	else
		key_add(k, s, strlen(s));
}

void
key_num(struct key *k, long long n)
{
	buf_printf(&k->b, "#%lld\n", n);
}

void
key_of(const void *data, size_t len, char dst[CACHE_KEY_LEN + 1])
{
	git_oid oid;

	/* git_odb_hash needs no repository and no library setup */
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		memset(&oid, 0, sizeof(oid));
	git_oid_tostr(dst, CACHE_KEY_LEN + 1, &oid);
}

void
key_end(struct key *k, char dst[CACHE_KEY_LEN + 1])
{
	key_of(k->b.ptr, k->b.len, dst);
	buf_free(&k->b);
}
