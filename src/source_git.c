/*
 * source_git.c - the git-revision backend of the source interface: the
 * content folder as it is in one commit, read from the object database.
 * Nothing is checked out.  Symbolic links and submodules are treated as
 * missing; git keeps no file times.  The source uses the repository
 * of the struct repo it was opened with: close it first.
 */
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "history.h"

/* Files larger than this are refused, as in source_fs.c. */
#define GIT_MAX_FILE	(64u * 1024 * 1024)

struct gitsrc {
	git_repository	*git;	/* not owned: the repo's */
	git_tree	*root;	/* the content folder in the commit */
};

/*
 * The entry at rel in the content folder, when it is a file (not a
 * symbolic link) or a folder.  Returns 1 (a file) or 2 (a folder) with
 * *e owned by the caller (free with git_tree_entry_free), or 0 with *e
 * NULL.
 */
static int
S_entry(const struct gitsrc *g, const char *rel, git_tree_entry **e)
{
	git_filemode_t m;

	*e = NULL;
	if (git_tree_entry_bypath(e, g->root, rel) < 0) {
		git_error_clear();
		*e = NULL;
		return 0;
	}
	m = git_tree_entry_filemode(*e);
	if (m == GIT_FILEMODE_TREE)
		return 2;
	if (m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE)
		return 1;
	git_tree_entry_free(*e);
	*e = NULL;
	return 0;
}

static int
S_read(void *ctx, const char *rel, char **data, size_t *len)
{
	struct gitsrc *g = ctx;
	git_tree_entry *e;
	git_blob *blob = NULL;
	git_object_size_t size;
	int rc = -1;

	if (S_entry(g, rel, &e) != 1)
		goto out;
	if (git_blob_lookup(&blob, g->git, git_tree_entry_id(e)) < 0) {
		git_error_clear();
		goto out;
	}
	size = git_blob_rawsize(blob);
	if (size > GIT_MAX_FILE)
		goto out;
	*len = (size_t)size;
	*data = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(*data, git_blob_rawcontent(blob), *len);
	(*data)[*len] = '\0';
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	return rc;
}

static int
S_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_entry *)a)->name,
	    ((const struct source_entry *)b)->name);
}

static int
S_list(void *ctx, const char *rel, struct source_entry **v, size_t *n)
{
	struct gitsrc *g = ctx;
	const git_tree_entry *te;
	git_tree_entry *e = NULL;
	git_tree *tree = NULL;
	git_filemode_t m;
	const char *name;
	size_t i, cnt;

	*v = NULL;
	*n = 0;
	if (*rel != '\0') {
		if (S_entry(g, rel, &e) != 2)
			goto fail;
		if (git_tree_lookup(&tree, g->git, git_tree_entry_id(e)) < 0)
			goto fail;
		git_tree_entry_free(e);
		e = NULL;
	} else if (git_tree_dup(&tree, g->root) < 0)
		goto fail;
	cnt = git_tree_entrycount(tree);
	*v = xcalloc(cnt, sizeof(**v));
	for (i = 0; i < cnt; i++) {
		te = git_tree_entry_byindex(tree, i);
		name = git_tree_entry_name(te);
		m = git_tree_entry_filemode(te);
		if (name[0] == '.' || (m != GIT_FILEMODE_TREE &&
		    m != GIT_FILEMODE_BLOB &&
		    m != GIT_FILEMODE_BLOB_EXECUTABLE))
			continue;
		(*v)[*n].name = xstrdup(name);
		(*v)[*n].is_dir = m == GIT_FILEMODE_TREE;
		(*n)++;
	}
	git_tree_free(tree);
	/* Git sorts a folder as if its name ended in '/'. */
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), S_cmp);
	return 0;
fail:
	git_error_clear();
	git_tree_entry_free(e);
	return -1;
}

static int
S_kind(void *ctx, const char *rel)
{
	git_tree_entry *e;
	int k;

	if (*rel == '\0')
		return 2;
	k = S_entry(ctx, rel, &e);
	git_tree_entry_free(e);
	return k;
}

static void
S_close(void *ctx)
{
	struct gitsrc *g = ctx;

	git_tree_free(g->root);
	free(g);
}

static const struct source_ops S_ops = {
	S_read, S_list, S_kind, NULL, S_close
};

/*
 * The tree of the content folder prefix ("" or ending in '/') in commit
 * c.  Returns 0 with *root owned by the caller, 1 when the folder is not
 * a folder in c, or -1 on a libgit2 failure.
 */
static int
S_root(git_repository *git, git_commit *c, const char *prefix,
    git_tree **root)
{
	git_tree *top = NULL;
	git_tree_entry *e = NULL;
	char *folder;
	int rc;

	*root = NULL;
	if (git_commit_tree(&top, c) < 0)
		return -1;
	if (*prefix == '\0') {
		*root = top;
		return 0;
	}
	folder = xstrndup(prefix, strlen(prefix) - 1);
	rc = git_tree_entry_bypath(&e, top, folder);
	free(folder);
	if (rc == GIT_ENOTFOUND ||
	    (rc == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
		git_error_clear();
		rc = 1;
	} else if (rc == 0 && git_tree_lookup(root, git,
	    git_tree_entry_id(e)) < 0)
		rc = -1;
	else if (rc < 0)
		rc = -1;
	git_tree_entry_free(e);
	git_tree_free(top);
	return rc;
}

struct source *
source_git_open(struct repo *r, const char *id, const char *rev,
    struct diag *d)
{
	git_repository *git = repo_git(r);
	git_commit *c = NULL;
	git_tree *root = NULL;
	struct gitsrc *g;
	struct source *s = NULL;
	char shortid[HIST_SHORT_LEN + 1];
	git_oid oid;
	int rc;

	if (rev == NULL) {
		snprintf(shortid, sizeof(shortid), "%s", id);
		rev = shortid;
	}
	if (git_oid_fromstr(&oid, id) < 0 ||
	    git_commit_lookup(&c, git, &oid) < 0) {
		repo_git_err(d, rev, "cannot read the commit");
		goto out;
	}
	rc = S_root(git, c, repo_prefix(r), &root);
	if (rc < 0)
		repo_git_err(d, rev, "cannot read the content folder");
	else if (rc > 0)
		diag_err(d, rev, 0, 0, "the content folder %s is not in this "
		    "revision", repo_dir(r));
	if (rc != 0)
		goto out;
	g = xcalloc(1, sizeof(*g));
	g->git = git;
	g->root = root;
	s = xcalloc(1, sizeof(*s));
	s->ops = &S_ops;
	s->ctx = g;
	s->display = xasprintf("%s:%s", rev, repo_dir(r));
out:
	git_commit_free(c);
	return s;
}
