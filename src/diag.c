/*
 * diag.c - diagnostics with source positions.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void
S_vadd(struct diag *d, enum diag_level level, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct diag_item *it;
	struct buf b = BUF_INIT;
	size_t i;

	buf_vprintf(&b, fmt, ap);
	/* The same problem met again (a broken template used by every page)
	 * is reported once; looking back a bounded way keeps this cheap. */
	for (i = d->n; i > 0 && d->n - i < 256; i--) {
		it = &d->v[i - 1];
		if (it->level == level && it->line == line && it->col == col &&
		    strcmp(it->msg, b.ptr ? b.ptr : "") == 0 &&
		    (file == NULL ? it->file == NULL : it->file != NULL &&
		    strcmp(it->file, file) == 0)) {
			buf_free(&b);
			return;
		}
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	it = &d->v[d->n++];
	it->level = level;
	it->file = file ? xstrdup(file) : NULL;
	it->line = line;
	it->col = col;
	it->msg = buf_detach(&b);
	if (level == DIAG_ERROR)
		d->errors++;
}

void
diag_add(struct diag *d, enum diag_level level, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_err(struct diag *d, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

char *
diag_format(const struct diag *d, size_t i)
{
	const struct diag_item *it = &d->v[i];
	const char *lv = it->level == DIAG_ERROR ? "error" : "warning";

	if (it->file == NULL)
		return xasprintf("pakt: %s: %s", lv, it->msg);
	if (it->line == 0)
		return xasprintf("%s: %s: %s", it->file, lv, it->msg);
	return xasprintf("%s:%u:%u: %s: %s", it->file, it->line,
	    it->col ? it->col : 1, lv, it->msg);
}

void
diag_print(const struct diag *d, FILE *fp)
{
	size_t i;
	char *s;

	for (i = 0; i < d->n; i++) {
		s = diag_format(d, i);
		fprintf(fp, "%s\n", s);
		free(s);
	}
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->errors = 0;
}
