/*
 * pages.c - find and render the HTML page templates.
 */
#include "pages.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "source.h"
#include "template.h"

static int
S_isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
pages_init(struct pages *pg, struct source *content, struct diag *d)
{
	static const char *const rel[] = {
		"../templates/html", "../../templates/html",
		"../share/pakt/templates/html", NULL
	};
	char exe[PATH_MAX], *slash, *cand;
	const char *env = getenv("PAKT_TEMPLATES");
	ssize_t n;
	size_t i;

	memset(pg, 0, sizeof(*pg));
	pg->content = content;
	if (env != NULL && *env != '\0') {
		cand = xasprintf("%s/html", env);
		if (S_isdir(cand)) {
			pg->dir = cand;
			return 0;
		}
		free(cand);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; rel[i] != NULL; i++) {
			cand = xasprintf("%s/%s", exe, rel[i]);
			if (S_isdir(cand)) {
				pg->dir = cand;
				return 0;
			}
			free(cand);
		}
	}
	cand = xstrdup(PAKT_DATADIR "/templates/html");
	if (S_isdir(cand)) {
		pg->dir = cand;
		return 0;
	}
	free(cand);
	diag_err(d, NULL, 0, 0, "cannot find pakt's templates (looked beside "
	    "the program and in %s/templates); set PAKT_TEMPLATES",
	    PAKT_DATADIR);
	return -1;
}

void
pages_free(struct pages *pg)
{
	free(pg->dir);
	pg->dir = NULL;
}

/*
 * Read template file name like pages_read(); when shown is not NULL it
 * receives the path the file was read from, for messages (caller frees).
 */
static int
S_read(struct pages *pg, const char *name, char **data, size_t *len,
    char **shown)
{
	struct source *own;
	char *rel;
	int rc;

	if (pg->content != NULL) {
		rel = xasprintf("templates/html/%s", name);
		rc = source_read(pg->content, rel, data, len);
		if (rc == 0 && shown != NULL)
			*shown = source_path(pg->content, rel);
		free(rel);
		if (rc == 0)
			return 0;
	}
	if ((own = source_fs_open(pg->dir)) == NULL)
		return -1;
	rc = source_read(own, name, data, len);
	if (rc == 0 && shown != NULL)
		*shown = source_path(own, name);
	source_close(own);
	return rc;
}

int
pages_read(struct pages *pg, const char *name, char **data, size_t *len)
{
	return S_read(pg, name, data, len, NULL);
}

int
pages_read_other(struct pages *pg, const char *rel, enum pages_from from,
    char **data, size_t *len, char **shown)
{
	struct source *own;
	char *crel, *root, *slash;
	int rc = -1;

	*shown = NULL;
	if (from != PAGES_OWN && pg->content != NULL) {
		crel = xasprintf("templates/%s", rel);
		if ((rc = source_read(pg->content, crel, data, len)) == 0)
			*shown = source_path(pg->content, crel);
		free(crel);
	}
	if (rc == 0 || from == PAGES_CONTENT)
		return rc;
	/* pg->dir is .../templates/html: its parent holds the others. */
	root = xstrdup(pg->dir);
	if ((slash = strrchr(root, '/')) != NULL)
		*slash = '\0';
	if ((own = source_fs_open(root)) != NULL) {
		if ((rc = source_read(own, rel, data, len)) == 0)
			*shown = source_path(own, rel);
		source_close(own);
	}
	free(root);
	return rc;
}

/* Add the plain files of folder rel of src to the list of names. */
static void
S_list_assets(struct source *src, const char *rel, char ***names, size_t *n)
{
	struct source_entry *v;
	size_t count, i, j;

	if (src == NULL || source_list(src, rel, &v, &count) < 0)
		return;
	for (i = 0; i < count; i++) {
		if (v[i].is_dir)
			continue;
		for (j = 0; j < *n; j++)
			if (strcmp((*names)[j], v[i].name) == 0)
				break;
		if (j < *n)
			continue;
		*names = xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = xstrdup(v[i].name);
	}
	source_entries_free(v, count);
}

static int
S_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
pages_assets(struct pages *pg, char ***names)
{
	struct source *own = source_fs_open(pg->dir);
	size_t n = 0;

	*names = NULL;
	S_list_assets(pg->content, "templates/html/assets", names, &n);
	S_list_assets(own, "assets", names, &n);
	source_close(own);
	if (n > 1)
		qsort(*names, n, sizeof(**names), S_cmp);
	return n;
}

/*
 * Append the name and bytes of every file below folder rel of src to
 * out, in name order, down to depth folders deep.
 */
static void
S_digest_dir(struct source *src, const char *rel, int depth, struct buf *out)
{
	struct source_entry *v;
	char *child, *data;
	size_t count, i, len;

	if (depth <= 0 || source_list(src, rel, &v, &count) < 0)
		return;
	for (i = 0; i < count; i++) {
		child = *rel ? xasprintf("%s/%s", rel, v[i].name) :
		    xstrdup(v[i].name);
		if (v[i].is_dir)
			S_digest_dir(src, child, depth - 1, out);
		else if (source_read(src, child, &data, &len) == 0) {
			buf_printf(out, "%s %zu\n", child, len);
			buf_put(out, data, len);
			free(data);
		}
		free(child);
	}
	source_entries_free(v, count);
}

void
pages_digest(struct pages *pg, struct buf *out)
{
	struct source *own;
	char *root = xstrdup(pg->dir), *slash;

	if ((slash = strrchr(root, '/')) != NULL)
		*slash = '\0';
	if ((own = source_fs_open(root)) != NULL) {
		buf_puts(out, "own templates\n");
		S_digest_dir(own, "", 8, out);
		source_close(own);
	}
	free(root);
	if (pg->content != NULL) {
		buf_puts(out, "content templates\n");
		S_digest_dir(pg->content, "templates", 8, out);
	}
}

/* Partials are templates of the same folders. */
static char *
S_partial(const char *name, void *arg)
{
	char *file, *data;
	size_t len;
	int rc;

	if (strchr(name, '/') != NULL || name[0] == '.')
		return NULL;
	file = xasprintf("%s.mustache", name);
	rc = pages_read(arg, file, &data, &len);
	free(file);
	return rc == 0 ? data : NULL;
}

int
pages_render(struct pages *pg, const char *name, const struct tval *data,
    struct buf *out, struct diag *d)
{
	char *file = xasprintf("%s.mustache", name), *src, *err = NULL;
	char *shown = NULL;
	size_t len;
	int rc = -1;

	if (S_read(pg, file, &src, &len, &shown) < 0) {
		diag_err(d, NULL, 0, 0, "template %s not found in %s", file,
		    pg->dir);
		free(file);
		return -1;
	}
	if (tpl_render(out, src, len, shown, data, S_partial, pg, &err) < 0) {
		diag_err(d, NULL, 0, 0, "template %s", err ? err : shown);
		free(err);
	} else
		rc = 0;
	free(shown);
	free(src);
	free(file);
	return rc;
}
