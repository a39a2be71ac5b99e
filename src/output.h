/*
 * output.h - write files below an output folder, atomically.
 *
 * Every file is written to a temporary file in its folder and renamed
 * into place, so a reader (or a failed run) never sees half a file and
 * an earlier output stays intact until its replacement is complete.
 * Paths are relative to the output root and may not leave it.
 */
#ifndef PAKT_OUTPUT_H
#define PAKT_OUTPUT_H

#include <stddef.h>

struct diag;

/*
 * Write len bytes of data to root/rel, creating folders as needed.
 * Returns 0, or -1 after recording the reason in d.
 */
int	out_write(const char *root, const char *rel, const void *data,
	    size_t len, struct diag *d);
/*
 * Size in bytes of root/rel, or -1 when it does not exist.
 */
long long out_size(const char *root, const char *rel);
/*
 * Whether rel is a safe relative path: not empty, not absolute, no "."
 * or ".." parts, no empty parts.  Returns 1 or 0.
 */
int	out_path_ok(const char *rel);

#endif
