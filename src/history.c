/*
 * history.c - versions and revision logs of documents, from git.
 *
 * One walk over the commits reachable from the commit built serves every
 * document: a commit changed a document when the document's blob in the
 * commit differs from its blob in every parent.  Everything is read with
 * libgit2 from the object database.
 */
#include "history.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "source.h"

struct repo {
	git_repository	*git;
	char		*dir;		/* content folder as given */
	char		*prefix;	/* its path in the work tree:
					   "" or ending in '/' */
};

/* A document while the commits are walked. */
struct hdoc {
	char		*path;		/* its path in the repo */
	struct rev	*revs;		/* committed, newest first */
	size_t		 n, cap;
};

void
repo_git_err(struct diag *d, const char *file, const char *what)
{
	const git_error *e = git_error_last();

	diag_err(d, file, 0, 0, "%s: %s", what,
	    e != NULL && e->message != NULL ? e->message :
	    "unknown libgit2 error");
}

/*
 * The path of folder real relative to folder top (both absolute and
 * without symbolic links), with a trailing slash, or "" when they are
 * the same.  Returns a new string, or NULL when real is not inside top.
 */
static char *
S_relative(const char *real, const char *top)
{
	size_t n = strlen(top);

	while (n > 0 && top[n - 1] == '/')
		n--;
	if (strncmp(real, top, n) != 0 || (real[n] != '\0' && real[n] != '/'))
		return NULL;
	real += n;
	while (*real == '/')
		real++;
	return *real ? xasprintf("%s/", real) : xstrdup("");
}

int
repo_open(struct repo **r, const char *dir, struct diag *d)
{
	git_repository *git = NULL;
	char *real = NULL, *top = NULL, *prefix = NULL;
	const char *wd;
	size_t n;
	int rc;

	*r = NULL;
	if (git_libgit2_init() < 0) {
		repo_git_err(d, dir, "cannot start libgit2");
		return -1;
	}
	rc = git_repository_open_ext(&git, dir, 0, NULL);
	if (rc == GIT_ENOTFOUND || (rc == 0 && git_repository_is_bare(git))) {
		git_repository_free(git);
		git_libgit2_shutdown();
		return 1;
	}
	if (rc < 0) {
		repo_git_err(d, dir, "cannot read its git repository");
		goto fail;
	}
	wd = git_repository_workdir(git);
	if ((real = realpath(dir, NULL)) == NULL ||
	    (top = realpath(wd, NULL)) == NULL) {
		diag_err(d, dir, 0, 0, "cannot find the folder: %s",
		    strerror(errno));
		goto fail;
	}
	if ((prefix = S_relative(real, top)) == NULL) {
		diag_err(d, dir, 0, 0, "the folder is not in the working tree "
		    "of its git repository %s", wd);
		goto fail;
	}
	*r = xcalloc(1, sizeof(**r));
	(*r)->git = git;
	(*r)->prefix = prefix;
	(*r)->dir = xstrdup(dir);
	n = strlen((*r)->dir);
	while (n > 1 && (*r)->dir[n - 1] == '/')
		(*r)->dir[--n] = '\0';
	free(real);
	free(top);
	return 0;
fail:
	free(real);
	free(top);
	git_repository_free(git);
	git_libgit2_shutdown();
	return -1;
}

void
repo_close(struct repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->git);
	free(r->dir);
	free(r->prefix);
	free(r);
	git_libgit2_shutdown();
}

const char *
repo_prefix(const struct repo *r)
{
	return r->prefix;
}

struct git_repository *
repo_git(const struct repo *r)
{
	return r->git;
}

const char *
repo_dir(const struct repo *r)
{
	return r->dir;
}

int
repo_resolve(struct repo *r, const char *rev, char id[HIST_ID_LEN + 1],
    struct diag *d)
{
	git_object *obj = NULL, *commit = NULL;
	int rc = -1;

	id[0] = '\0';
	if (git_revparse_single(&obj, r->git, rev) < 0) {
		if (strcmp(rev, "HEAD") == 0 &&
		    git_repository_head_unborn(r->git) == 1)
			return 1;
		diag_err(d, NULL, 0, 0, "unknown revision '%s'", rev);
		return -1;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0)
		diag_err(d, NULL, 0, 0, "revision '%s' is not a commit", rev);
	else {
		git_oid_tostr(id, HIST_ID_LEN + 1, git_object_id(commit));
		rc = 0;
	}
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

int
repo_status(struct repo *r, size_t max, struct repo_change **v, size_t *n,
    struct diag *d)
{
	git_status_options so;
	git_status_list *list;
	const git_status_entry *e;
	const git_diff_delta *dd;
	size_t i, total;

	*v = NULL;
	*n = 0;
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&list, r->git, &so) < 0) {
		repo_git_err(d, NULL, "cannot read the state of the working "
		    "tree");
		return -1;
	}
	total = git_status_list_entrycount(list);
	*v = xcalloc(total < max ? total + 1 : max + 1, sizeof(**v));
	for (i = 0; i < total && i < max; i++) {
		e = git_status_byindex(list, i);
		dd = e->index_to_workdir != NULL ? e->index_to_workdir :
		    e->head_to_index;
		(*v)[i].path = dd != NULL && dd->new_file.path != NULL ?
		    xstrdup(dd->new_file.path) : NULL;
		(*v)[i].untracked = (e->status & GIT_STATUS_WT_NEW) != 0;
	}
	*n = total;
	git_status_list_free(list);
	return 0;
}

void
repo_changes_free(struct repo_change *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].path);
	free(v);
}

int
repo_head(struct repo *r, char id[HIST_ID_LEN + 1], struct diag *d)
{
	git_oid oid;

	id[0] = '\0';
	if (git_reference_name_to_id(&oid, r->git, "HEAD") < 0) {
		repo_git_err(d, NULL, "the repository has no commit");
		return -1;
	}
	git_oid_tostr(id, HIST_ID_LEN + 1, &oid);
	return 0;
}

int
repo_commit(struct repo *r, char *const *paths, size_t n, const char *msg,
    const char *what, struct diag *d)
{
	git_repository *g = r->git;
	git_signature *sig = NULL;
	git_index *idx = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, head, id;
	size_t i;
	int rc = -1, staged = 0;

	if (git_signature_default(&sig, g) < 0) {
		repo_git_err(d, NULL, "cannot tell who commits (set git's "
		    "user.name and user.email)");
		goto out;
	}
	if (git_repository_index(&idx, g) < 0 ||
	    git_reference_name_to_id(&head, g, "HEAD") < 0 ||
	    git_commit_lookup(&parent, g, &head) < 0) {
		repo_git_err(d, NULL, "cannot read the repository");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (git_index_add_bypath(idx, paths[i]) < 0) {
			repo_git_err(d, paths[i], "cannot add to the index");
			goto out;
		}
		staged = 1;
	}
	if (git_index_write(idx) < 0 ||
	    git_index_write_tree(&tree_id, idx) < 0 ||
	    git_tree_lookup(&tree, g, &tree_id) < 0 ||
	    git_commit_create(&id, g, "HEAD", sig, sig, NULL, msg, tree,
	    1, (const git_commit **)&parent) < 0) {
		repo_git_err(d, NULL, what);
		goto out;
	}
	staged = 0;
	rc = 0;
out:
	if (staged) {
		for (i = 0; i < n; i++)
			git_index_remove_bypath(idx, paths[i]);
		git_index_write(idx);
	}
	git_tree_free(tree);
	git_commit_free(parent);
	git_index_free(idx);
	git_signature_free(sig);
	return rc;
}

int
repo_tag_name_ok(const char *name)
{
	char *ref = xasprintf("refs/tags/%s", name);
	int valid = 0;

	if (git_reference_name_is_valid(&valid, ref) < 0)
		valid = 0;
	free(ref);
	return valid != 0;
}

int
repo_tag_exists(struct repo *r, const char *name)
{
	git_reference *ref = NULL;
	char *path = xasprintf("refs/tags/%s", name);
	int found = git_reference_lookup(&ref, r->git, path) == 0;

	git_reference_free(ref);
	free(path);
	return found;
}

int
repo_tag(struct repo *r, const char *name, const char *id, const char *msg,
    const char *what, struct diag *d)
{
	git_signature *sig = NULL;
	git_object *target = NULL;
	git_oid oid;
	int rc = -1;

	if (git_signature_default(&sig, r->git) < 0 ||
	    git_oid_fromstr(&oid, id) < 0 ||
	    git_object_lookup(&target, r->git, &oid, GIT_OBJECT_COMMIT) < 0 ||
	    git_tag_create(&oid, r->git, name, target, sig, msg, 0) < 0)
		repo_git_err(d, NULL, what);
	else
		rc = 0;
	git_object_free(target);
	git_signature_free(sig);
	return rc;
}

enum repo_tag_kind
repo_tag_peel(struct repo *r, const char *name, char id[HIST_ID_LEN + 1])
{
	git_reference *ref = NULL;
	git_object *peeled = NULL;
	git_tag *tag = NULL;
	char *path = xasprintf("refs/tags/%s", name);
	enum repo_tag_kind k;

	id[0] = '\0';
	if (git_reference_lookup(&ref, r->git, path) < 0)
		k = REPO_TAG_NONE;
	else if (git_reference_target(ref) == NULL ||
	    git_tag_lookup(&tag, r->git, git_reference_target(ref)) < 0)
		k = REPO_TAG_LIGHT;
	else if (git_tag_peel(&peeled, tag) < 0)
		k = REPO_TAG_DANGLING;
	else {
		git_oid_tostr(id, HIST_ID_LEN + 1, git_object_id(peeled));
		k = REPO_TAG_ANNOTATED;
	}
	git_object_free(peeled);
	git_tag_free(tag);
	git_reference_free(ref);
	free(path);
	return k;
}

/* What repo_tags() hands to git_reference_foreach_name(). */
struct tagwalk {
	const char	*prefix;
	void		(*fn)(const char *name, void *arg);
	void		*arg;
};

static int
S_tag_cb(const char *name, void *arg)
{
	const struct tagwalk *tw = arg;
	const char *tags = "refs/tags/";
	size_t n = strlen(tags);

	if (strncmp(name, tags, n) == 0 &&
	    strncmp(name + n, tw->prefix, strlen(tw->prefix)) == 0)
		tw->fn(name + n, tw->arg);
	return 0;
}

void
repo_tags(struct repo *r, const char *prefix,
    void (*fn)(const char *name, void *arg), void *arg)
{
	struct tagwalk tw = { prefix, fn, arg };

	git_reference_foreach_name(r->git, S_tag_cb, &tw);
}

int
repo_is_ancestor(struct repo *r, const char *id, const char *head)
{
	git_commit *commit = NULL;
	git_oid oid, hoid;

	if (git_oid_fromstr(&oid, id) < 0 ||
	    git_commit_lookup(&commit, r->git, &oid) < 0)
		return -1;
	git_commit_free(commit);
	if (git_oid_fromstr(&hoid, head) < 0)
		return 0;
	return git_oid_equal(&oid, &hoid) ||
	    git_graph_descendant_of(r->git, &hoid, &oid) == 1;
}

int
repo_edits_below(struct repo *r, const char *folder,
    void (*fn)(const struct repo_edit *e, void *arg), void *arg,
    const char *what, struct diag *d)
{
	git_repository *g = r->git;
	git_diff_options opts;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	const git_diff_delta *dd;
	struct repo_edit e;
	char *spec = xstrdup(folder), hex[HIST_ID_LEN + 1];
	size_t i, k;
	git_oid id;
	int rc = -1;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	if (git_revwalk_new(&walk, g) < 0 || git_revwalk_push_head(walk) < 0)
		goto fail;
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&commit, g, &id) < 0 ||
		    git_commit_tree(&tree, commit) < 0)
			goto fail;
		git_oid_tostr(hex, sizeof(hex), &id);
		for (i = 0; i < git_commit_parentcount(commit); i++) {
			if (git_commit_parent(&parent, commit, (unsigned)i) < 0 ||
			    git_commit_tree(&ptree, parent) < 0 ||
			    git_diff_tree_to_tree(&diff, g, ptree, tree,
			    &opts) < 0)
				goto fail;
			for (k = 0; k < git_diff_num_deltas(diff); k++) {
				dd = git_diff_get_delta(diff, k);
				if (dd->status == GIT_DELTA_ADDED)
					continue;
				e.path = dd->old_file.path;
				e.deleted = dd->status == GIT_DELTA_DELETED;
				e.id = hex;
				e.summary = git_commit_summary(commit);
				fn(&e, arg);
			}
			git_diff_free(diff);
			git_tree_free(ptree);
			git_commit_free(parent);
			diff = NULL;
			ptree = NULL;
			parent = NULL;
		}
		git_tree_free(tree);
		git_commit_free(commit);
		tree = NULL;
		commit = NULL;
	}
	rc = 0;
	goto out;
fail:
	repo_git_err(d, NULL, what);
out:
	git_diff_free(diff);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_tree_free(tree);
	git_commit_free(commit);
	git_revwalk_free(walk);
	free(spec);
	return rc;
}

/*
 * Look path up in tree as an object of type t (a blob: a file that is
 * not a symbolic link).  Returns 1 with its id in *id, 0 when it is not
 * there as that, or -1 on a libgit2 failure.
 */
static int
S_lookup(git_tree *tree, const char *path, git_object_t t, git_oid *id)
{
	git_tree_entry *e;
	int rc, found;

	if (*path == '\0') {
		if (t != GIT_OBJECT_TREE)
			return 0;
		git_oid_cpy(id, git_tree_id(tree));
		return 1;
	}
	rc = git_tree_entry_bypath(&e, tree, path);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		return -1;
	found = git_tree_entry_type(e) == t &&
	    git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
	if (found)
		git_oid_cpy(id, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return found;
}

/* Fill v with what commit c says about itself; v owns the strings. */
static void
S_rev_set(struct rev *v, git_commit *c)
{
	const git_signature *au = git_commit_author(c);
	const git_signature *cm = git_commit_committer(c);
	const char *s = git_commit_summary(c);

	memset(v, 0, sizeof(*v));
	git_oid_tostr(v->id, sizeof(v->id), git_commit_id(c));
	memcpy(v->short_id, v->id, HIST_SHORT_LEN);
	v->short_id[HIST_SHORT_LEN] = '\0';
	v->time = (long long)cm->when.time;
	v->offset = cm->when.offset;
	v->author = xstrdup(au->name != NULL ? au->name : "");
	v->subject = xstrdup(s != NULL ? s : "");
}

/*
 * The trees of the parents of commit c in *pt (owned by the caller, each
 * to be freed with git_tree_free; *pt itself with free) and their
 * number in *np.  A parent that cannot be read (a shallow clone) makes c
 * a root: *np is 0.
 */
static void
S_parent_trees(git_commit *c, git_tree ***pt, size_t *np)
{
	unsigned i, n = git_commit_parentcount(c);
	git_commit *p;

	*np = 0;
	*pt = n > 0 ? xcalloc(n, sizeof(**pt)) : NULL;
	for (i = 0; i < n; i++) {
		if (git_commit_parent(&p, c, i) < 0)
			goto root;
		if (git_commit_tree(&(*pt)[i], p) < 0) {
			git_commit_free(p);
			goto root;
		}
		git_commit_free(p);
		*np = i + 1;
	}
	return;
root:
	while (*np > 0)
		git_tree_free((*pt)[--*np]);
	git_error_clear();
}

/*
 * Where the entry at path of the given type in tree t stands against
 * the parent trees pt[0..np): 0 when t has none, 1 when a parent has
 * the same one, 2 when none has; -1 on a libgit2 failure.
 */
static int
S_against_parents(git_tree *t, git_tree **pt, size_t np, const char *path,
    git_object_t type)
{
	git_oid id, pid;
	size_t i;
	int rc;

	if ((rc = S_lookup(t, path, type, &id)) <= 0)
		return rc;
	for (i = 0; i < np; i++) {
		if ((rc = S_lookup(pt[i], path, type, &pid)) < 0)
			return -1;
		if (rc == 1 && git_oid_equal(&id, &pid))
			return 1;
	}
	return 2;
}

/*
 * Whether a commit with tree t and parent trees pt[0..np) changed the
 * blob at path: it has the file, and no parent has the same one.
 * Returns 1 or 0, or -1 on a libgit2 failure.
 */
static int
S_changed(git_tree *t, git_tree **pt, size_t np, const char *path)
{
	int rc = S_against_parents(t, pt, np, path, GIT_OBJECT_BLOB);

	return rc < 0 ? -1 : rc == 2;
}

/*
 * Whether the content folder folder ("" for the root) of tree t is the
 * same tree in one of the parent trees pt[0..np), or not in t: then the
 * commit changed no document.  Returns 1 or 0, or -1.
 */
static int
S_unchanged(git_tree *t, git_tree **pt, size_t np, const char *folder)
{
	int rc = S_against_parents(t, pt, np, folder, GIT_OBJECT_TREE);

	return rc < 0 ? -1 : rc != 2;
}

/* Append a copy of the version in commit c to hd. */
static void
S_hdoc_add(struct hdoc *hd, git_commit *c)
{
	if (hd->n == hd->cap) {
		hd->cap = hd->cap ? hd->cap * 2 : 8;
		hd->revs = xrealloc(hd->revs, hd->cap * sizeof(*hd->revs));
	}
	S_rev_set(&hd->revs[hd->n++], c);
}

/*
 * Look at commit oid for every document of hd[0..n): add the commit to
 * the versions of those it changed.  Returns 0, or -1 on a libgit2
 * failure.
 */
static int
S_visit(git_repository *git, const git_oid *oid, const char *folder,
    struct hdoc *hd, size_t n)
{
	git_commit *c = NULL;
	git_tree *t = NULL, **pt = NULL;
	size_t i, np = 0;
	int rc = -1, ch;

	if (git_commit_lookup(&c, git, oid) < 0 || git_commit_tree(&t, c) < 0)
		goto out;
	S_parent_trees(c, &pt, &np);
	if ((ch = S_unchanged(t, pt, np, folder)) != 0) {
		rc = ch < 0 ? -1 : 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((ch = S_changed(t, pt, np, hd[i].path)) < 0)
			goto out;
		if (ch)
			S_hdoc_add(&hd[i], c);
	}
	rc = 0;
out:
	while (np > 0)
		git_tree_free(pt[--np]);
	free(pt);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* A commit met by S_shallow_walk. */
struct wnode {
	git_oid		 id;
	long long	 time;		/* committer time */
	size_t		*parents;	/* indices into the nodes */
	unsigned	 nparents;
	unsigned	 gen;		/* 1 + longest way down to a
					   root; 0 until known */
};

/*
 * The commits of S_shallow_walk, found by id through a hash table: slot
 * holds an index into v plus one (0: a free slot); nslot is a power of
 * two more than twice n.
 */
struct wset {
	struct wnode	*v;
	size_t		 n, cap;
	size_t		*slot;
	size_t		 nslot;
};

/* The slot of id in w: where it is, or the empty slot it would take. */
static size_t
S_wset_slot(const struct wset *w, const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	for (h &= w->nslot - 1; w->slot[h] != 0; h = (h + 1) & (w->nslot - 1))
		if (git_oid_equal(&w->v[w->slot[h] - 1].id, id))
			break;
	return h;
}

/*
 * The index of commit id in w, added (with *added set to 1) when it was
 * not there yet.
 */
static size_t
S_wset_add(struct wset *w, const git_oid *id, int *added)
{
	size_t h, i;

	*added = 0;
	if (2 * (w->n + 1) >= w->nslot) {
		free(w->slot);
		w->nslot = w->nslot ? w->nslot * 2 : 64;
		w->slot = xcalloc(w->nslot, sizeof(*w->slot));
		for (i = 0; i < w->n; i++)
			w->slot[S_wset_slot(w, &w->v[i].id)] = i + 1;
	}
	h = S_wset_slot(w, id);
	if (w->slot[h] != 0)
		return w->slot[h] - 1;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	memset(&w->v[w->n], 0, sizeof(w->v[w->n]));
	git_oid_cpy(&w->v[w->n].id, id);
	w->slot[h] = ++w->n;
	*added = 1;
	return w->n - 1;
}

/* Free what w holds (not w itself). */
static void
S_wset_free(struct wset *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].parents);
	free(w->v);
	free(w->slot);
}

/*
 * Add to w every commit reachable from commit id, with its time and its
 * parents; a commit with a parent missing from odb (the boundary of a
 * shallow clone) gets none.  Returns 0, or -1 on a libgit2 failure.
 */
static int
S_wset_fill(struct wset *w, git_repository *git, git_odb *odb,
    const git_oid *id)
{
	size_t *todo = NULL, ntodo = 0, cap = 0, i, j;
	git_commit *c;
	unsigned k, np;
	int added;

	S_wset_add(w, id, &added);
	todo = xmalloc(sizeof(*todo));
	todo[ntodo++] = 0;
	cap = 1;
	while (ntodo > 0) {
		i = todo[--ntodo];
		if (git_commit_lookup(&c, git, &w->v[i].id) < 0) {
			free(todo);
			return -1;
		}
		w->v[i].time = (long long)git_commit_time(c);
		np = git_commit_parentcount(c);
		for (k = 0; k < np; k++)
			if (!git_odb_exists(odb, git_commit_parent_id(c, k)))
				np = 0;
		w->v[i].parents = np > 0 ? xcalloc(np, sizeof(size_t)) : NULL;
		w->v[i].nparents = np;
		for (k = 0; k < np; k++) {
			j = S_wset_add(w, git_commit_parent_id(c, k), &added);
			w->v[i].parents[k] = j;
			if (!added)
				continue;
			if (ntodo == cap) {
				cap *= 2;
				todo = xrealloc(todo, cap * sizeof(*todo));
			}
			todo[ntodo++] = j;
		}
		git_commit_free(c);
	}
	free(todo);
	return 0;
}

/* Give every commit of w its generation, without recursion. */
static void
S_wset_gen(struct wset *w)
{
	size_t *st, n = 0, cap = 16, i, p;
	unsigned k, g;
	int pending;

	st = xmalloc(cap * sizeof(*st));
	st[n++] = 0;
	while (n > 0) {
		i = st[n - 1];
		if (w->v[i].gen != 0) {
			n--;
			continue;
		}
		pending = 0;
		g = 0;
		for (k = 0; k < w->v[i].nparents; k++) {
			p = w->v[i].parents[k];
			if (w->v[p].gen == 0) {
				if (n == cap) {
					cap *= 2;
					st = xrealloc(st, cap * sizeof(*st));
				}
				st[n++] = p;
				pending = 1;
			} else if (w->v[p].gen > g)
				g = w->v[p].gen;
		}
		if (!pending) {
			w->v[i].gen = g + 1;
			n--;
		}
	}
	free(st);
}

/* Newest first: higher generation, then later time, then id. */
static int
S_wnode_cmp(const void *a, const void *b)
{
	const struct wnode *x = a, *y = b;

	if (x->gen != y->gen)
		return x->gen < y->gen ? 1 : -1;
	if (x->time != y->time)
		return x->time < y->time ? 1 : -1;
	return git_oid_cmp(&x->id, &y->id);
}

/*
 * The walk of S_walk for a shallow clone, whose missing parents stop
 * the revision walker of libgit2 before 1.7: every commit reachable
 * from id, children before parents, in one pass of S_visit.  Returns 0,
 * or -1 on a libgit2 failure.
 */
static int
S_shallow_walk(git_repository *git, const git_oid *id, const char *folder,
    struct hdoc *hd, size_t n)
{
	struct wset w;
	git_odb *odb = NULL;
	size_t i;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	if (git_repository_odb(&odb, git) < 0 ||
	    S_wset_fill(&w, git, odb, id) < 0)
		goto out;
	S_wset_gen(&w);
	qsort(w.v, w.n, sizeof(*w.v), S_wnode_cmp);
	for (i = 0; i < w.n; i++)
		if (S_visit(git, &w.v[i].id, folder, hd, n) < 0)
			goto out;
	rc = 0;
out:
	S_wset_free(&w);
	git_odb_free(odb);
	return rc;
}

/*
 * Walk the commits reachable from commit id once, newest first, and
 * collect the versions of every document of hd[0..n).  Returns 0, or -1
 * on a libgit2 failure.
 */
static int
S_walk(git_repository *git, const git_oid *id, const char *prefix,
    struct hdoc *hd, size_t n)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	char *folder;
	int rc;

	folder = xstrndup(prefix, *prefix ? strlen(prefix) - 1 : 0);
	if (git_repository_is_shallow(git) == 1) {
		rc = S_shallow_walk(git, id, folder, hd, n);
		goto out;
	}
	if ((rc = git_revwalk_new(&walk, git)) < 0 ||
	    (rc = git_revwalk_sorting(walk,
	    GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0 ||
	    (rc = git_revwalk_push(walk, id)) < 0)
		goto out;
	while ((rc = git_revwalk_next(&oid, walk)) == 0)
		if ((rc = S_visit(git, &oid, folder, hd, n)) < 0)
			goto out;
	if (rc == GIT_ITEROVER)
		rc = 0;
out:
	git_revwalk_free(walk);
	free(folder);
	return rc < 0 ? -1 : 0;
}

/*
 * When a working copy that is not committed was last changed: the
 * SOURCE_DATE_EPOCH of the environment when set (a warning in d when it
 * is not a number), -1 when it is not.
 */
static long long
S_epoch(struct diag *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	t = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || t < 0) {
		diag_warn(d, NULL, 0, 0, "SOURCE_DATE_EPOCH is not a number "
		    "of seconds since 1970: '%s'; using file times", s);
		return -1;
	}
	return t;
}

/*
 * Set h to the committed versions revs[0..n) (newest first; h takes
 * them over), after an uncommitted version dated t when unc is 1.
 */
static void
S_hist_set(struct history *h, struct rev *revs, size_t n, int unc,
    long long t)
{
	size_t i;

	h->n = n + (unc != 0);
	h->revs = h->n > 0 ? xcalloc(h->n, sizeof(*h->revs)) : NULL;
	h->uncommitted = unc != 0;
	if (unc) {
		h->revs[0].version = (unsigned)n + 1;
		h->revs[0].time = t;
	}
	for (i = 0; i < n; i++) {
		h->revs[i + (unc != 0)] = revs[i];
		h->revs[i + (unc != 0)].version = (unsigned)(n - i);
	}
	free(revs);
}

/*
 * The date of the working copy of document hd: SOURCE_DATE_EPOCH when
 * set, else its mtime in src (may be NULL), else 0.  *epoch is -2 until
 * the environment has been read (then it is S_epoch's answer).
 */
static long long
S_worktime(struct source *src, const struct hist_doc *hd, long long *epoch,
    struct diag *d)
{
	long long t;

	if (*epoch == -2)
		*epoch = S_epoch(d);
	if (*epoch >= 0)
		return *epoch;
	t = src != NULL ? source_mtime(src, hd->rel) : -1;
	return t >= 0 ? t : 0;
}

/*
 * Whether the text of document hd differs from its blob at path in tree
 * t, or is not in it.  Returns 1 or 0, or -1 on a libgit2 failure.
 */
static int
S_dirty(git_tree *t, const char *path, const struct hist_doc *hd)
{
	git_oid have, want;
	int rc;

	if ((rc = S_lookup(t, path, GIT_OBJECT_BLOB, &have)) <= 0)
		return rc < 0 ? -1 : 1;
	if (git_odb_hash(&want, hd->text != NULL ? hd->text : "", hd->len,
	    GIT_OBJECT_BLOB) < 0)
		return -1;
	return !git_oid_equal(&have, &want);
}

int
history_docs(struct hist_doc *v, size_t n, struct source *src,
    struct repo *r, const char *id, struct diag *d)
{
	struct hdoc *hd = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	long long epoch = -2;
	size_t i, j;
	int rc = -1, dirty;

	for (i = 0; i < n; i++)
		history_free(v[i].hist);
	if (r == NULL || id == NULL || *id == '\0') {
		for (i = 0; i < n; i++)
			S_hist_set(v[i].hist, NULL, 0, 1,
			    S_worktime(src, &v[i], &epoch, d));
		return 0;
	}
	if (git_oid_fromstr(&oid, id) < 0 ||
	    git_commit_lookup(&commit, r->git, &oid) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		repo_git_err(d, NULL, "cannot read the history");
		goto out;
	}
	hd = xcalloc(n + 1, sizeof(*hd));
	for (i = 0; i < n; i++)
		hd[i].path = xasprintf("%s%s", r->prefix, v[i].rel);
	if (S_walk(r->git, &oid, r->prefix, hd, n) < 0) {
		repo_git_err(d, NULL, "cannot read the history");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((dirty = S_dirty(tree, hd[i].path, &v[i])) < 0) {
			repo_git_err(d, v[i].path, "cannot read the history");
			goto out;
		}
		S_hist_set(v[i].hist, hd[i].revs, hd[i].n, dirty,
		    dirty ? S_worktime(src, &v[i], &epoch, d) : 0);
		hd[i].revs = NULL;
		hd[i].n = 0;
	}
	rc = 0;
out:
	for (i = 0; hd != NULL && i < n; i++) {
		for (j = 0; j < hd[i].n; j++) {
			free(hd[i].revs[j].author);
			free(hd[i].revs[j].subject);
		}
		free(hd[i].revs);
		free(hd[i].path);
	}
	free(hd);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

void
rev_date(const struct rev *rev, char dst[11])
{
	long long t = rev->time + (long long)rev->offset * 60;
	time_t tt = (time_t)t;
	struct tm tm;

	if ((long long)tt != t || gmtime_r(&tt, &tm) == NULL ||
	    strftime(dst, 11, "%Y-%m-%d", &tm) != 10)
		memcpy(dst, "0000-00-00", 11);
}

void
history_free(struct history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->revs[i].author);
		free(h->revs[i].subject);
	}
	free(h->revs);
	h->revs = NULL;
	h->n = 0;
	h->uncommitted = 0;
}
