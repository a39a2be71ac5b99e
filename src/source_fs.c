/*
 * source_fs.c - the working-tree backend of the source interface.
 */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* Files larger than this are refused: no document is 64 MiB. */
#define FS_MAX_FILE	(64u * 1024 * 1024)

struct fs {
	char	*root;
};

static char *
S_full(const struct fs *fs, const char *rel)
{
	return *rel ? xasprintf("%s/%s", fs->root, rel) : xstrdup(fs->root);
}

static int
S_read(void *ctx, const char *rel, char **data, size_t *len)
{
	char *path = S_full(ctx, rel);
	struct buf b = BUF_INIT;
	struct stat st;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > FS_MAX_FILE) {
		close(fd);
		return -1;
	}
	buf_grow(&b, (size_t)st.st_size);
	for (;;) {
		buf_grow(&b, 65536);
		r = read(fd, b.ptr + b.len, 65536);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		b.len += (size_t)r;
		if (b.len > FS_MAX_FILE) {
			r = -1;
			break;
		}
	}
	close(fd);
	if (r < 0) {
		buf_free(&b);
		return -1;
	}
	b.ptr[b.len] = '\0';
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

static int
S_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_entry *)a)->name,
	    ((const struct source_entry *)b)->name);
}

static int
S_kind(void *ctx, const char *rel)
{
	char *path = S_full(ctx, rel);
	struct stat st;
	int rc = 0;

	if (stat(path, &st) == 0)
		rc = S_ISDIR(st.st_mode) ? 2 : S_ISREG(st.st_mode) ? 1 : 0;
	free(path);
	return rc;
}

static long long
S_mtime(void *ctx, const char *rel)
{
	char *path = S_full(ctx, rel);
	struct stat st;
	long long t = -1;

	if (stat(path, &st) == 0)
		t = (long long)st.st_mtime;
	free(path);
	return t;
}

static int
S_list(void *ctx, const char *rel, struct source_entry **v, size_t *n)
{
	char *path = S_full(ctx, rel), *child;
	struct source_entry *e = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *dir;
	int kind;

	*v = NULL;
	*n = 0;
	dir = opendir(path);
	free(path);
	if (dir == NULL)
		return -1;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		child = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		kind = S_kind(ctx, child);
		free(child);
		if (kind == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			e = xrealloc(e, cap * sizeof(*e));
		}
		e[*n].name = xstrdup(de->d_name);
		e[*n].is_dir = kind == 2;
		(*n)++;
	}
	closedir(dir);
	if (*n > 1)
		qsort(e, *n, sizeof(*e), S_cmp);
	*v = e;
	return 0;
}

static void
S_close(void *ctx)
{
	struct fs *fs = ctx;

	free(fs->root);
	free(fs);
}

static const struct source_ops S_ops = {
	S_read, S_list, S_kind, S_mtime, S_close
};

struct source *
source_fs_open(const char *dir)
{
	struct source *s;
	struct fs *fs;
	struct stat st;
	size_t n;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	fs = xcalloc(1, sizeof(*fs));
	fs->root = xstrdup(dir);
	n = strlen(fs->root);
	while (n > 1 && fs->root[n - 1] == '/')
		fs->root[--n] = '\0';
	s = xcalloc(1, sizeof(*s));
	s->ops = &S_ops;
	s->ctx = fs;
	s->display = xstrdup(fs->root);
	return s;
}
