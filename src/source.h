/*
 * source.h - where content is read from.
 *
 * A source hands out the files of a content folder by path relative to
 * its root ("malmo/2023-2027/overenskommelse.md").  The working tree is
 * one backend (source_fs.c); a git revision read from the object database
 * is another.  Everything above this interface is the same for both.
 */
#ifndef PAKT_SOURCE_H
#define PAKT_SOURCE_H

#include <stddef.h>

struct source_entry {
	char	*name;		/* file name, no slashes */
	int	 is_dir;
};

struct source_ops {
	int	(*read)(void *ctx, const char *rel, char **data, size_t *len);
	int	(*list)(void *ctx, const char *rel,
		    struct source_entry **v, size_t *n);
	int	(*kind)(void *ctx, const char *rel);
	long long (*mtime)(void *ctx, const char *rel);
	void	(*close)(void *ctx);
};

struct source {
	const struct source_ops	*ops;
	void			*ctx;
	char			*display;	/* root as written in messages */
};

/*
 * Open the working-tree folder dir.  display is how paths are shown in
 * messages (usually dir as the user typed it).  Returns NULL if dir is
 * not a readable folder.  Close with source_close().
 */
struct source	*source_fs_open(const char *dir);

/*
 * Read file rel into *data (NUL-terminated, freed by the caller) and its
 * length into *len.  Returns 0, or -1 when it does not exist or cannot
 * be read.
 */
int		 source_read(struct source *s, const char *rel, char **data,
		    size_t *len);
/*
 * List folder rel ("" for the root), sorted by name, without dot files.
 * Returns 0 with *v owned by the caller (free with source_entries_free),
 * or -1.
 */
int		 source_list(struct source *s, const char *rel,
		    struct source_entry **v, size_t *n);
/* 0: missing, 1: regular file, 2: folder. */
int		 source_kind(struct source *s, const char *rel);
/*
 * When file rel was last modified, in seconds since the epoch, or -1
 * when the backend does not know (a git revision has no file times).
 */
long long	 source_mtime(struct source *s, const char *rel);
void		 source_entries_free(struct source_entry *v, size_t n);
void		 source_close(struct source *s);

/*
 * The path rel as shown in messages: display root joined with rel.  The
 * caller frees it.
 */
char		*source_path(const struct source *s, const char *rel);

/*
 * Resolve link target ref, written in the file rel, to a path relative
 * to the content root: "../bilder/a.png" in "malmo/2023-2027/x.md" gives
 * "malmo/bilder/a.png".  Returns a new string, or NULL when ref is
 * absolute or leaves the content folder.
 */
char		*path_resolve(const char *rel, const char *ref);

/*
 * The way up from a file at rel to the root: "../" for each folder of
 * rel ("a/b/c.html" gives "../../", "c.html" gives "").  The caller frees.
 */
char		*path_up(const char *rel);

#endif
