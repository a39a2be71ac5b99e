/*
 * buf.h - growable byte buffer.
 *
 * A buf always holds a NUL-terminated string in ptr (when ptr is not
 * NULL), so its contents can be handed to C string functions.  Memory
 * failure aborts the process: every caller would otherwise have to
 * unwind the same way, and pakt cannot do anything useful without memory.
 */
#ifndef PAKT_BUF_H
#define PAKT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*ptr;	/* contents, NUL-terminated, owned */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

/* Make room for at least n more bytes. */
void	 buf_grow(struct buf *b, size_t n);
/* Append len bytes of p. */
void	 buf_put(struct buf *b, const void *p, size_t len);
/* Append a NUL-terminated string. */
void	 buf_puts(struct buf *b, const char *s);
/* Append one byte. */
void	 buf_putc(struct buf *b, int c);
/* Append printf-formatted text. */
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Append s, after sep when b is not empty: builds "a, b, c". */
void	 buf_join(struct buf *b, const char *sep, const char *s);
/* Append s with & < > " ' escaped for HTML text and attributes. */
void	 buf_put_html(struct buf *b, const char *s, size_t len);
void	 buf_puts_html(struct buf *b, const char *s);
/* Forget the contents but keep the memory. */
void	 buf_reset(struct buf *b);
/* Free the memory; b is empty afterwards. */
void	 buf_free(struct buf *b);
/* Hand the contents to the caller (who frees them); b is empty afterwards. */
char	*buf_detach(struct buf *b);

/* Allocation helpers that abort on memory failure. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
/* Return a newly allocated printf-formatted string; the caller frees it. */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
