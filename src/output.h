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
 * Write len bytes of data to root/rel, creating folders as needed.  A
 * file that already holds exactly these bytes is left untouched.
 * Returns 0, or -1 after recording the reason in d.
 */
int	out_write(const char *root, const char *rel, const void *data,
	    size_t len, struct diag *d);
/*
 * An output folder that remembers what a build wrote, so that files an
 * earlier build wrote and this one did not (a document that was removed
 * or renamed) are deleted at the end.  The list lives in the folder as
 * MANIFEST_NAME.
 */
#define MANIFEST_NAME	".pakt-files"

struct outdir {
	char	*root;
	char	**files;	/* written or kept by this build */
	size_t	 n, cap;
	char	**keep;		/* prefixes of earlier outputs to keep */
	size_t	 nkeep;
};

void	outdir_init(struct outdir *o, const char *root);
/* out_write() into o, remembering rel (also when writing fails, so that
 * the earlier file stays listed).  Returns 0 or -1. */
int	outdir_write(struct outdir *o, const char *rel, const void *data,
	    size_t len, struct diag *d);
/*
 * Keep every earlier output whose path starts with prefix (the outputs
 * of a document that has an error this time and is not rebuilt).
 */
void	outdir_keep(struct outdir *o, const char *prefix);
/*
 * Delete the files the previous build listed that this one neither wrote
 * nor kept, and write the new list.  Returns the number of files
 * deleted, or -1 after recording a problem.
 */
int	outdir_finish(struct outdir *o, struct diag *d);
void	outdir_free(struct outdir *o);

/*
 * Remove the folders on the way to root/rel that are empty, deepest
 * first, up to (not including) root.
 */
void	out_prune(const char *root, const char *rel);
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
