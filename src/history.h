/*
 * history.h - versions and revision logs of documents, from git.
 *
 * The content folder lives in a git repository (its root or a folder
 * inside one).  A document's version at a commit is the number of
 * commits up to it that changed the document's source; a working copy
 * that differs from the commit built is the next version, marked as
 * uncommitted.  Everything is read with libgit2 from the object
 * database; nothing is checked out and git is never run.
 */
#ifndef PAKT_HISTORY_H
#define PAKT_HISTORY_H

#include <stddef.h>

struct content;
struct diag;
struct source;

#define HIST_ID_LEN	40	/* hex digits of a commit id */
#define HIST_SHORT_LEN	7	/* hex digits shown in outputs */

/* One version of a document. */
struct rev {
	unsigned	 version;	/* 1, 2, ... */
	char		 id[HIST_ID_LEN + 1];	/* commit id; "" when uncommitted */
	char		 short_id[HIST_SHORT_LEN + 1];	/* "" when uncommitted */
	long long	 time;		/* commit time, seconds since the epoch */
	int		 offset;	/* its time zone, minutes east of UTC */
	char		*author;	/* author's name; NULL when uncommitted */
	char		*subject;	/* first line of the message; NULL when
					   uncommitted */
};

/*
 * The versions of one document, newest first.  revs[0] is the version
 * that is built; it is the working copy when uncommitted is 1.  A
 * document outside any repository, or never committed, has one
 * uncommitted version 1.
 */
struct history {
	struct rev	*revs;
	size_t		 n;
	int		 uncommitted;
};

/* A git repository holding a content folder. */
struct repo;

/*
 * Find the git repository that holds folder dir (dir or a folder above
 * it).  Returns 0 with *r set; 1 when dir is in no repository (*r is
 * NULL, not an error); -1 after recording in d why the repository
 * cannot be read.  Close with repo_close().
 */
int		 repo_open(struct repo **r, const char *dir, struct diag *d);
void		 repo_close(struct repo *r);

/*
 * The content folder's path inside the repository's working tree, with
 * a trailing slash ("content/"), or "" when it is the root.
 */
const char	*repo_prefix(const struct repo *r);

/*
 * Resolve rev (a commit id or a prefix of one, a branch, a tag, "HEAD",
 * "HEAD~2", "v2023^{}") to a commit and write its id to id.  Returns 0;
 * 1 when rev is "HEAD" and the repository has no commit yet (id is "");
 * -1 after recording "unknown revision 'REV'" in d.
 */
int		 repo_resolve(struct repo *r, const char *rev,
		    char id[HIST_ID_LEN + 1], struct diag *d);

/*
 * A source over the content folder as it was in commit id, read from
 * the object database.  Paths in messages read "REV:path" (rev as the
 * user wrote it, or the short id).  Returns NULL after recording in d
 * that the content folder does not exist in that commit.
 */
struct source	*source_git_open(struct repo *r, const char *id,
		    const char *rev, struct diag *d);

/*
 * Fill in the history of every document of c as of commit id (NULL or
 * "": no commit, everything is uncommitted; r may be NULL when the
 * content is in no repository).  A document whose text differs from its
 * blob in commit id, or is not in it, gets an uncommitted newest
 * version dated SOURCE_DATE_EPOCH when set, else the file's mtime (from
 * c->src), else 0.  Returns 0, or -1 after recording a problem in d.
 */
int		 history_load(struct content *c, struct repo *r,
		    const char *id, struct diag *d);

/* The date of rev as YYYY-MM-DD in its own time zone. */
void		 rev_date(const struct rev *rev, char dst[11]);

void		 history_free(struct history *h);

/*
 * For source_git.c, which reads the same repository: the libgit2
 * repository of r (owned by r), and the content folder as it was given
 * to repo_open.
 */
struct git_repository *repo_git(const struct repo *r);
const char	*repo_dir(const struct repo *r);
/*
 * Record in d, for file (NULL: none), "what: " and libgit2's message
 * about its last failure.
 */
void		 repo_git_err(struct diag *d, const char *file,
		    const char *what);

#endif
