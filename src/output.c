/*
 * output.c - write files below an output folder, atomically.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "source.h"

int
out_path_ok(const char *rel)
{
	const char *p = rel, *seg;
	size_t n;

	if (*rel == '\0' || *rel == '/')
		return 0;
	for (;;) {
		seg = p;
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (seg[n] == '\0')
			return 1;
		p = seg + n + 1;
	}
}

/* Create every folder of path up to its last slash.  Returns 0 or -1. */
static int
S_mkdirs(char *path)
{
	char *p;

	for (p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/*
 * Whether the regular file at path holds exactly len bytes of data, so
 * that writing it again can be left out (its time stays as it was).
 * Returns 1 or 0.
 */
static int
S_same(const char *path, const void *data, size_t len)
{
	char chunk[65536];
	const char *p = data;
	struct stat st;
	size_t off = 0;
	ssize_t r = -1;
	int fd, same;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size != (unsigned long long)len)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || off + (size_t)r > len ||
		    memcmp(p + off, chunk, (size_t)r) != 0)
			break;
		off += (size_t)r;
	}
	same = r == 0 && off == len;
	close(fd);
	return same;
}

int
out_write(const char *root, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	char *path, *tmp = NULL;
	const char *p = data;
	ssize_t w;
	int fd = -1, rc = -1;

	if (!out_path_ok(rel)) {
		diag_err(d, NULL, 0, 0, "refusing to write '%s': not a path "
		    "inside the output folder", rel);
		return -1;
	}
	path = xasprintf("%s/%s", root, rel);
	if (S_same(path, data, len)) {
		rc = 0;
		goto out;
	}
	if (S_mkdirs(path) < 0) {
		diag_err(d, path, 0, 0, "cannot create its folder: %s",
		    strerror(errno));
		goto out;
	}
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		diag_err(d, path, 0, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			diag_err(d, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			goto out;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) < 0 || close(fd) < 0) {
		fd = -1;
		diag_err(d, path, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		diag_err(d, path, 0, 0, "cannot replace: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

long long
out_size(const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);
	struct stat st;
	long long n = -1;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		n = (long long)st.st_size;
	free(path);
	return n;
}

void
outdir_init(struct outdir *o, const char *root)
{
	memset(o, 0, sizeof(*o));
	o->root = xstrdup(root);
}

static void
S_add(struct outdir *o, const char *rel)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->files = xrealloc(o->files, o->cap * sizeof(*o->files));
	}
	o->files[o->n++] = xstrdup(rel);
}

int
outdir_write(struct outdir *o, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	S_add(o, rel);	/* listed even on failure: the old file stays */
	return out_write(o->root, rel, data, len, d);
}

void
outdir_keep(struct outdir *o, const char *prefix)
{
	o->keep = xrealloc(o->keep, (o->nkeep + 1) * sizeof(*o->keep));
	o->keep[o->nkeep++] = xstrdup(prefix);
}

static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether rel starts with one of the prefixes to keep. */
static int
S_kept(const struct outdir *o, const char *rel)
{
	size_t i;

	for (i = 0; i < o->nkeep; i++)
		if (strncmp(rel, o->keep[i], strlen(o->keep[i])) == 0)
			return 1;
	return 0;
}

void
out_prune(const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel), *slash;
	size_t rootlen = strlen(root);

	while ((slash = strrchr(path, '/')) != NULL &&
	    (size_t)(slash - path) > rootlen) {
		*slash = '\0';
		if (rmdir(path) < 0)
			break;
	}
	free(path);
}

/* The previous build's list of files as one string; NULL if none. */
static char *
S_read_manifest(const char *root)
{
	struct source *src = source_fs_open(root);
	char *text = NULL;
	size_t len;

	if (src != NULL && source_read(src, MANIFEST_NAME, &text, &len) < 0)
		text = NULL;
	source_close(src);
	return text;
}

int
outdir_finish(struct outdir *o, struct diag *d)
{
	char *old = S_read_manifest(o->root), *line, *save = NULL, *path;
	size_t i, nwritten;
	int removed = 0;
	struct buf list = BUF_INIT;

	qsort(o->files, o->n, sizeof(*o->files), S_strcmp);
	nwritten = o->n;
	for (line = old ? strtok_r(old, "\n", &save) : NULL; line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		/* Never trust the list: only plain paths inside the folder. */
		if (!out_path_ok(line) || strcmp(line, MANIFEST_NAME) == 0 ||
		    bsearch(&line, o->files, nwritten, sizeof(*o->files),
		    S_strcmp) != NULL)
			continue;
		if (S_kept(o, line)) {
			S_add(o, line);
			continue;
		}
		path = xasprintf("%s/%s", o->root, line);
		if (unlink(path) == 0) {
			removed++;
			out_prune(o->root, line);
		} else if (errno != ENOENT)
			diag_warn(d, path, 0, 0, "cannot remove an old output: "
			    "%s", strerror(errno));
		free(path);
	}
	free(old);
	qsort(o->files, o->n, sizeof(*o->files), S_strcmp);
	for (i = 0; i < o->n; i++)
		if (i == 0 || strcmp(o->files[i], o->files[i - 1]) != 0)
			buf_printf(&list, "%s\n", o->files[i]);
	if (out_write(o->root, MANIFEST_NAME, list.ptr ? list.ptr : "",
	    list.len, d) < 0)
		removed = -1;
	buf_free(&list);
	return removed;
}

void
outdir_free(struct outdir *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->files[i]);
	for (i = 0; i < o->nkeep; i++)
		free(o->keep[i]);
	free(o->files);
	free(o->keep);
	free(o->root);
	memset(o, 0, sizeof(*o));
}
