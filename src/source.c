/*
 * source.c - the backend-independent part of the source interface.
 */
#include "source.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/*
 * Renderers read images from several threads at once; a git backend's
 * repository may not be used by two threads at the same time, so every
 * call goes through this lock.
 */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

int
source_read(struct source *s, const char *rel, char **data, size_t *len)
{
	int rc;

	pthread_mutex_lock(&S_lock);
	rc = s->ops->read(s->ctx, rel, data, len);
	pthread_mutex_unlock(&S_lock);
	return rc;
}

int
source_list(struct source *s, const char *rel, struct source_entry **v,
    size_t *n)
{
	int rc;

	pthread_mutex_lock(&S_lock);
	rc = s->ops->list(s->ctx, rel, v, n);
	pthread_mutex_unlock(&S_lock);
	return rc;
}

int
source_kind(struct source *s, const char *rel)
{
	int rc;

	pthread_mutex_lock(&S_lock);
	rc = s->ops->kind(s->ctx, rel);
	pthread_mutex_unlock(&S_lock);
	return rc;
}

long long
source_mtime(struct source *s, const char *rel)
{
	long long t = -1;

	pthread_mutex_lock(&S_lock);
	if (s->ops->mtime != NULL)
		t = s->ops->mtime(s->ctx, rel);
	pthread_mutex_unlock(&S_lock);
	return t;
}

void
source_entries_free(struct source_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	s->ops->close(s->ctx);
	free(s->display);
	free(s);
}

char *
source_path(const struct source *s, const char *rel)
{
	size_t n = strlen(s->display);

	if (*rel == '\0')
		return xstrdup(s->display);
	if (n == 0 || strcmp(s->display, ".") == 0)
		return xstrdup(rel);
	return xasprintf("%s%s%s", s->display,
	    s->display[n - 1] == '/' ? "" : "/", rel);
}

char *
path_up(const char *rel)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = strchr(rel, '/'); p != NULL; p = strchr(p + 1, '/'))
		buf_puts(&b, "../");
	return buf_detach(&b);
}

char *
path_resolve(const char *rel, const char *ref)
{
	struct buf out = BUF_INIT;
	const char *p, *seg, *slash;
	size_t len, n;

	if (*ref == '/' || *ref == '\0')
		return NULL;
	/* Start from the folder of rel. */
	slash = strrchr(rel, '/');
	if (slash != NULL)
		buf_put(&out, rel, (size_t)(slash - rel));
	for (p = ref; *p != '\0'; p = seg + len) {
		seg = p;
		len = strcspn(seg, "/");
		if ((len == 0 || (len == 1 && seg[0] == '.'))) {
			/* "//" or "./": nothing to do */
		} else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out.len == 0) {
				buf_free(&out);
				return NULL;
			}
			n = out.len;
			while (n > 0 && out.ptr[n - 1] != '/')
				n--;
			out.len = n > 0 ? n - 1 : 0;
			out.ptr[out.len] = '\0';
		} else {
			if (out.len > 0)
				buf_putc(&out, '/');
			buf_put(&out, seg, len);
		}
		if (seg[len] == '/')
			len++;
	}
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}
