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

int
pages_read(struct pages *pg, const char *name, char **data, size_t *len)
{
	struct source *own;
	char *rel;
	int rc;

	if (pg->content != NULL) {
		rel = xasprintf("templates/html/%s", name);
		rc = source_read(pg->content, rel, data, len);
		free(rel);
		if (rc == 0)
			return 0;
	}
	if ((own = source_fs_open(pg->dir)) == NULL)
		return -1;
	rc = source_read(own, name, data, len);
	source_close(own);
	return rc;
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
	size_t len;
	int rc = -1;

	if (pages_read(pg, file, &src, &len) < 0) {
		diag_err(d, NULL, 0, 0, "template %s not found in %s", file,
		    pg->dir);
		free(file);
		return -1;
	}
	if (tpl_render(out, src, len, file, data, S_partial, pg, &err) < 0) {
		diag_err(d, NULL, 0, 0, "template %s", err ? err : file);
		free(err);
	} else
		rc = 0;
	free(src);
	free(file);
	return rc;
}
