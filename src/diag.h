/*
 * diag.h - diagnostics with source positions.
 *
 * Parsers and checkers record what they find here; only main.c prints.
 * A diagnostic reads "file:line:col: error: message" (or "warning:"),
 * the form editors and CI logs understand.
 */
#ifndef PAKT_DIAG_H
#define PAKT_DIAG_H

#include <stdio.h>

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag_item {
	enum diag_level	 level;
	char		*file;	/* NULL for messages about no file */
	unsigned	 line;	/* 1-based; 0 when unknown */
	unsigned	 col;	/* 1-based; 0 when unknown */
	char		*msg;
};

struct diag {
	struct diag_item *v;
	size_t		  n, cap;
	size_t		  errors;	/* how many of v are errors */
};

#define DIAG_INIT { NULL, 0, 0, 0 }

/* Record a diagnostic; file may be NULL.  Copies everything it is given. */
void	diag_add(struct diag *d, enum diag_level level, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Record an error / a warning: shorthands for diag_add. */
void	diag_err(struct diag *d, const char *file, unsigned line,
	    unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	diag_warn(struct diag *d, const char *file, unsigned line,
	    unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Write every diagnostic to fp, one a line, in the order recorded. */
void	diag_print(const struct diag *d, FILE *fp);
/* Format item i as a line without newline; the caller frees the result. */
char	*diag_format(const struct diag *d, size_t i);
void	diag_free(struct diag *d);

#endif
