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

/* A document whose versions history_docs() finds. */
struct hist_doc {
	const char	*rel;		/* its path in the content folder */
	const char	*path;		/* as shown in messages */
	const char	*text;		/* its text as built, len bytes */
	size_t		 len;
	struct history	*hist;		/* where its versions go */
};

/*
 * Fill in the history (v[i].hist, freed first) of the n documents v as
 * of commit id (NULL or "": no commit, everything is uncommitted; r may
 * be NULL when the content is in no repository).  A document whose text
 * differs from its blob in commit id, or is not in it, gets an
 * uncommitted newest version dated SOURCE_DATE_EPOCH when set, else the
 * file's mtime (from src, which may be NULL), else 0.  Returns 0, or -1
 * after recording a problem in d.
 */
int		 history_docs(struct hist_doc *v, size_t n, struct source *src,
		    struct repo *r, const char *id, struct diag *d);

/* The date of rev as YYYY-MM-DD in its own time zone. */
void		 rev_date(const struct rev *rev, char dst[11]);

void		 history_free(struct history *h);

/*
 * What signing and verifying (sign.c, verify.c) do with the repository.
 * Paths are relative to the top of the working tree (repo_prefix()
 * and a content path); commit ids are HIST_ID_LEN hex digits.
 */

/* A file that differs from HEAD, in the index or the working tree. */
struct repo_change {
	char		*path;		/* NULL when libgit2 gives none */
	int		 untracked;	/* a new file git does not track */
};

/*
 * The changed and untracked files of the working tree of r (submodules
 * left out), at most max of them in *v (free with
 * repo_changes_free()); *n is how many there are in all.  Returns 0, or
 * -1 after recording in d that the state cannot be read.
 */
int		 repo_status(struct repo *r, size_t max,
		    struct repo_change **v, size_t *n, struct diag *d);
void		 repo_changes_free(struct repo_change *v, size_t n);

/*
 * The commit of HEAD into id.  Returns 0, or -1 after recording in d
 * that the repository has no commit.
 */
int		 repo_head(struct repo *r, char id[HIST_ID_LEN + 1],
		    struct diag *d);

/*
 * Add the n files at paths to the index and commit the index on the
 * current branch with message msg, as git's user.name and user.email.
 * Returns 0; -1 after recording why in d (what: the words for a failed
 * commit, "cannot commit the archive"), with the files taken out of
 * the index again.
 */
int		 repo_commit(struct repo *r, char *const *paths, size_t n,
		    const char *msg, const char *what, struct diag *d);

/* Whether name ("signed/x/v1") is a valid tag name: 1 or 0. */
int		 repo_tag_name_ok(const char *name);

/* Whether the tag name exists: 1 or 0. */
int		 repo_tag_exists(struct repo *r, const char *name);

/*
 * Make the annotated tag name at commit id with message msg, as git's
 * user.  Returns 0, or -1 after recording in d what (the words for the
 * failure) and libgit2's reason.
 */
int		 repo_tag(struct repo *r, const char *name, const char *id,
		    const char *msg, const char *what, struct diag *d);

/* What the tag of a name is. */
enum repo_tag_kind {
	REPO_TAG_NONE,		/* no such tag */
	REPO_TAG_LIGHT,		/* not an annotated tag */
	REPO_TAG_DANGLING,	/* annotated, pointing at nothing */
	REPO_TAG_ANNOTATED	/* annotated; its commit is in id */
};

/* What tag name is; for an annotated one, the id it points at in id. */
enum repo_tag_kind repo_tag_peel(struct repo *r, const char *name,
		    char id[HIST_ID_LEN + 1]);

/*
 * Call fn(name, arg) for the name of every tag that starts with prefix
 * ("signed/"), without "refs/tags/", in libgit2's order.
 */
void		 repo_tags(struct repo *r, const char *prefix,
		    void (*fn)(const char *name, void *arg), void *arg);

/*
 * Whether commit id exists and is head or in its history.  Returns 1
 * when it is, 0 when it exists but is not, -1 when it is no commit of
 * the repository (or id is no commit id).
 */
int		 repo_is_ancestor(struct repo *r, const char *id,
		    const char *head);

/* A change to a file, found walking the history. */
struct repo_edit {
	const char	*path;		/* its path in the working tree */
	int		 deleted;	/* deleted; else modified */
	const char	*id;		/* the commit, HIST_ID_LEN digits */
	const char	*summary;	/* its subject line */
};

/*
 * Walk the history of HEAD and call fn(e, arg) for every change to a
 * file below folder (a path in the working tree ending in '/') that
 * is not its addition, comparing each commit with each parent.
 * Returns 0, or -1 after recording in d what (the words for the
 * failure) and libgit2's reason.
 */
int		 repo_edits_below(struct repo *r, const char *folder,
		    void (*fn)(const struct repo_edit *e, void *arg),
		    void *arg, const char *what, struct diag *d);

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
