/*
 * test_history.c - unit tests for versions from git: repositories are
 * built with libgit2 in a temporary folder at fixed times and time
 * zones, then read back through repo_open, repo_resolve, state_history,
 * rev_date and source_git_open.  Covers a content folder inside the
 * repository, a merge, a deletion and re-addition, a working copy that
 * is not committed, an empty repository, a shallow clone, a bare
 * repository and a folder in no repository.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "source.h"
#include "state.h"

#include "fixture.h"
#include "tap.h"

#define PERIOD	"s/2023-2026/"
#define CONTENT	"r1/site/content/"	/* as given to repo_open */

/* Fixed commit times (committer), from date -d. */
#define T_C0	1672660800LL	/* 2023-01-02T12:00:00+00:00 */
#define T_C1	1673307000LL	/* 2023-01-10T00:30:00+01:00 */
#define T_C2	1675242000LL	/* 2023-02-01T10:00:00+01:00 */
#define T_C3	1676451600LL	/* 2023-02-15T10:00:00+01:00 */
#define T_C4	1677661200LL	/* 2023-03-01T10:00:00+01:00 */
#define T_S1	1678006800LL	/* 2023-03-05T10:00:00+01:00 */
#define T_C5	1678438800LL	/* 2023-03-10T10:00:00+01:00 */
#define T_M	1679302800LL	/* 2023-03-20T10:00:00+01:00 */
#define T_C6	1680336000LL	/* 2023-04-01T10:00:00+02:00 */
#define T_C7	1681619400LL	/* 2023-04-15T23:30:00-05:00 */
#define T_K1	1682928000LL	/* 2023-05-01T08:00:00+00:00 */
#define T_K2	1683014400LL	/* 2023-05-02T08:00:00+00:00 */
#define T_K3	1683100800LL	/* 2023-05-03T08:00:00+00:00 */
#define T_EPOCH	"1700000000"	/* 2023-11-14T22:13:20Z */
#define T_MTIME	1690000000LL	/* 2023-07-22T04:26:40Z */

/* The commits made, by name, for messages and expectations. */
static struct {
	const char	*name;
	char		 id[GIT_OID_HEXSZ + 1];
} commits[32];
static size_t ncommits;

static char *tmp;		/* the folder the test works in */
static git_repository *repo;

/* A document with title t and body text b; the caller frees it. */
static char *
doctext(const char *t, const char *b)
{
	return xasprintf("---\ntype: page\ntitle: %s\n---\n%s\n", t, b);
}

/* Write document rel of content folder dir. */
static void
putdoc(const char *dir, const char *rel, const char *title, const char *b)
{
	char *text = doctext(title, b);

	fx_write_str(dir, rel, text);
	free(text);
}

/* Write the settings and series files of a content folder dir. */
static void
putsite(const char *dir)
{
	fx_write_str(dir, "pakt.yaml", "title: X\n");
	fx_write_str(dir, "s/series.yaml",
	    "name: N\nparties: [{id: a, name: A}]\n");
}

static void
fail_git(const char *what)
{
	const git_error *e = git_error_last();

	printf("Bail out! %s: %s\n", what, e ? e->message : "?");
	exit(1);
}

/* The id of the commit called name. */
static const char *
cid(const char *name)
{
	size_t i;

	for (i = 0; i < ncommits; i++)
		if (strcmp(commits[i].name, name) == 0)
			return commits[i].id;
	printf("Bail out! no commit %s\n", name);
	exit(1);
}

/* The name of the commit with id, or id when it is none of them. */
static const char *
cname(const char *id)
{
	size_t i;

	if (*id == '\0')
		return "-";
	for (i = 0; i < ncommits; i++)
		if (strcmp(commits[i].id, id) == 0)
			return commits[i].name;
	return id;
}

/*
 * Commit the whole work tree of repo as name: authored by who a day
 * before, committed by "Bot" at t in time zone off (minutes), on top of
 * parents p1 and p2 (names, NULL for none).  Sets branch ref to it.
 */
static void
snap(const char *name, const char *msg, const char *who, long long t,
    int off, const char *p1, const char *p2, const char *ref)
{
	git_signature *au, *cm;
	git_index *idx;
	git_tree *tree;
	git_commit *par[2] = { NULL, NULL };
	git_reference *r;
	git_oid oid, tid;
	size_t np = 0;

	if (git_repository_index(&idx, repo) < 0 ||
	    git_index_add_all(idx, NULL, 0, NULL, NULL) < 0 ||
	    git_index_update_all(idx, NULL, NULL, NULL) < 0 ||
	    git_index_write(idx) < 0 || git_index_write_tree(&tid, idx) < 0)
		fail_git("index");
	git_index_free(idx);
	if (p1 != NULL) {
		git_oid_fromstr(&oid, cid(p1));
		if (git_commit_lookup(&par[np++], repo, &oid) < 0)
			fail_git("parent");
	}
	if (p2 != NULL) {
		git_oid_fromstr(&oid, cid(p2));
		if (git_commit_lookup(&par[np++], repo, &oid) < 0)
			fail_git("parent");
	}
	if (git_tree_lookup(&tree, repo, &tid) < 0 ||
	    git_signature_new(&au, who, "who@example.org", t - 86400, 0) < 0 ||
	    git_signature_new(&cm, "Bot", "bot@example.org", t, off) < 0 ||
	    git_commit_create(&oid, repo, NULL, au, cm, NULL, msg, tree,
	    np, (const git_commit **)par) < 0)
		fail_git("commit");
	if (git_reference_create(&r, repo, ref, &oid, 1, "test") < 0)
		fail_git("ref");
	git_reference_free(r);
	git_signature_free(au);
	git_signature_free(cm);
	git_tree_free(tree);
	git_commit_free(par[0]);
	git_commit_free(par[1]);
	commits[ncommits].name = name;
	git_oid_tostr(commits[ncommits].id, sizeof(commits[0].id), &oid);
	ncommits++;
}

/* Start a repository in folder dir, its HEAD on an unborn main. */
static void
init(const char *dir, int bare)
{
	git_repository_free(repo);
	if (git_repository_init(&repo, dir, bare) < 0 ||
	    git_repository_set_head(repo, "refs/heads/main") < 0)
		fail_git("init");
}

/* Load the content behind src into c; checks that nothing went wrong. */
static int
load(struct content *c, struct source *src, const char *what)
{
	struct diag d = DIAG_INIT;
	char name[256];
	int rc;

	rc = fx_load(c, src, &d);
	snprintf(name, sizeof(name), "%s: content loads without errors",
	    what);
	if (!ok(rc == 0, name) && d.n > 0)
		printf("# %s\n", fx_first_diag(&d));
	diag_free(&d);
	return rc;
}

/*
 * The history of document rel of c as "VERSION:COMMIT ..." newest first
 * (COMMIT the commit's name, "-" when uncommitted, "*" appended when the
 * history says uncommitted); "none" when there is no such document.
 * Returns a static buffer.
 */
static const char *
hist(const struct content *c, const char *rel)
{
	static char s[512];
	const struct doc *doc = fx_find_doc(c, rel);
	struct buf b = BUF_INIT;
	size_t i;

	if (doc == NULL)
		return "none";
	for (i = 0; i < doc->hist.n; i++)
		buf_printf(&b, "%s%u:%s", i ? " " : "",
		    doc->hist.revs[i].version, cname(doc->hist.revs[i].id));
	if (doc->hist.uncommitted)
		buf_putc(&b, '*');
	snprintf(s, sizeof(s), "%s", b.ptr ? b.ptr : "");
	buf_free(&b);
	return s;
}

/* Run state_history on c; checks that it records nothing. */
static void
hload(struct content *c, struct repo *r, const char *id, const char *what)
{
	struct diag d = DIAG_INIT;
	char name[256];

	snprintf(name, sizeof(name), "%s: state_history returns 0, no "
	    "diagnostics", what);
	ok(state_history(c, r, id, &d) == 0 && d.n == 0, name);
	diag_free(&d);
}

/* Set the modification time of path. */
static void
touch(const char *path, long long t)
{
	struct timespec ts[2];

	ts[0].tv_sec = ts[1].tv_sec = (time_t)t;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, 0) < 0) {
		printf("Bail out! cannot touch %s\n", path);
		exit(1);
	}
}

/*
 * r1: README first, then the content folder site/content with a.md
 * changed in C1, C2, C5; b.md in C1, C4 and the merge M; c.md added on
 * branch side (S1), deleted in C6 and added again in C7; README alone
 * in C3.  Then an edit of a.md and a new d.md that are not committed.
 */
static void
build_r1(void)
{
	const char *cd = CONTENT;
	git_index *idx;
	git_index_entry e;
	git_object *obj;
	git_oid oid;
	git_signature *sig;

	init("r1", 0);
	fx_write_str(NULL, "r1/README", "one\n");
	snap("C0", "Init", "Nobody", T_C0, 0, NULL, NULL, "refs/heads/main");
	putsite(cd);
	putdoc(cd, PERIOD "a.md", "A", "a one");
	putdoc(cd, PERIOD "b.md", "B", "b one");
	snap("C1", "Start the agreement\n\nWith a body.\n", "Anna", T_C1, 60,
	    "C0", NULL, "refs/heads/main");
	putdoc(cd, PERIOD "a.md", "A", "a two");
	snap("C2", "Edit a", "Anna", T_C2, 60, "C1", NULL, "refs/heads/main");
	fx_write_str(NULL, "r1/README", "two\n");
	snap("C3", "Readme", "Bo", T_C3, 60, "C2", NULL, "refs/heads/main");
	putdoc(cd, PERIOD "b.md", "B", "b two");
	snap("C4", "Edit b", "Bo", T_C4, 60, "C3", NULL, "refs/heads/main");
	putdoc(cd, PERIOD "c.md", "C", "c one");
	snap("S1", "Add c", "Cecilia", T_S1, 60, "C4", NULL,
	    "refs/heads/side");
	unlink(CONTENT PERIOD "c.md");
	putdoc(cd, PERIOD "a.md", "A", "a three");
	snap("C5", "Edit a again", "Anna", T_C5, 60, "C4", NULL,
	    "refs/heads/main");
	putdoc(cd, PERIOD "c.md", "C", "c one");
	putdoc(cd, PERIOD "b.md", "B", "b merged");
	snap("M", "Merge branch 'side'", "Bo", T_M, 60, "C5", "S1",
	    "refs/heads/main");
	unlink(CONTENT PERIOD "c.md");
	snap("C6", "Remove c", "Bo", T_C6, 120, "M", NULL, "refs/heads/main");
	putdoc(cd, PERIOD "c.md", "C", "c one");
	fx_write_str(NULL, CONTENT "s.txt", "after s/ in git's order\n");
	fx_write_str(NULL, CONTENT ".hidden", "dot file\n");
	if (symlink("pakt.yaml", CONTENT "link.yaml") < 0) {
		printf("Bail out! symlink\n");
		exit(1);
	}
	/* A submodule: a commit entry in the tree. */
	if (git_repository_index(&idx, repo) < 0 ||
	    git_index_add_all(idx, NULL, 0, NULL, NULL) < 0)
		fail_git("index");
	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_COMMIT;
	e.path = "site/content/sub";
	git_oid_fromstr(&e.id, cid("C0"));
	if (git_index_add(idx, &e) < 0 || git_index_write(idx) < 0)
		fail_git("submodule");
	git_index_free(idx);
	snap("C7", "Add c back", "Dag Åberg", T_C7, -300, "C6", NULL,
	    "refs/heads/main");

	/* Tags: v2023 plain at C4, v1.0 annotated at C2. */
	git_oid_fromstr(&oid, cid("C4"));
	if (git_object_lookup(&obj, repo, &oid, GIT_OBJECT_COMMIT) < 0 ||
	    git_tag_create_lightweight(&oid, repo, "v2023", obj, 0) < 0)
		fail_git("tag");
	git_object_free(obj);
	git_oid_fromstr(&oid, cid("C2"));
	if (git_object_lookup(&obj, repo, &oid, GIT_OBJECT_COMMIT) < 0 ||
	    git_signature_new(&sig, "Tagger", "t@example.org", T_C2, 60) < 0 ||
	    git_tag_create(&oid, repo, "v1.0", obj, sig, "Version 1.0", 0) < 0)
		fail_git("annotated tag");
	git_signature_free(sig);
	git_object_free(obj);

	/* Not committed: an edit of a.md and a new d.md. */
	putdoc(cd, PERIOD "a.md", "A", "a four, not committed");
	putdoc(cd, PERIOD "d.md", "D", "d new");
	touch(CONTENT PERIOD "a.md", T_MTIME);
	touch(CONTENT PERIOD "d.md", T_MTIME + 5);
}

static void
test_resolve(struct repo *r)
{
	char id[HIST_ID_LEN + 1], abbrev[11];
	struct diag d = DIAG_INIT;

	ok(repo_resolve(r, "HEAD", id, &d) == 0, "resolve HEAD");
	is_str(cname(id), "C7", "HEAD is C7");
	ok(strlen(id) == 40, "the id has 40 hex digits");
	ok(repo_resolve(r, "HEAD~1", id, &d) == 0, "resolve HEAD~1");
	is_str(cname(id), "C6", "HEAD~1 is C6");
	ok(repo_resolve(r, "HEAD~2^2", id, &d) == 0, "resolve HEAD~2^2");
	is_str(cname(id), "S1", "HEAD~2^2 is S1, the merged branch");
	ok(repo_resolve(r, "v2023", id, &d) == 0, "resolve tag v2023");
	is_str(cname(id), "C4", "v2023 is C4");
	ok(repo_resolve(r, "v1.0", id, &d) == 0, "resolve annotated tag");
	is_str(cname(id), "C2", "annotated tag v1.0 is peeled to C2");
	ok(repo_resolve(r, "v1.0^{}", id, &d) == 0, "resolve v1.0^{}");
	is_str(cname(id), "C2", "v1.0^{} is C2");
	ok(repo_resolve(r, "side", id, &d) == 0, "resolve branch side");
	is_str(cname(id), "S1", "side is S1");
	snprintf(abbrev, sizeof(abbrev), "%s", cid("C3"));
	ok(repo_resolve(r, abbrev, id, &d) == 0, "resolve an id prefix");
	is_str(id, cid("C3"), "a 10-digit prefix gives the whole id");
	ok(d.n == 0, "no diagnostics for good revisions");

	ok(repo_resolve(r, "nope", id, &d) == -1, "unknown revision: -1");
	is_str(id, "", "unknown revision: id is empty");
	is_str(fx_first_diag(&d), "pakt: error: unknown revision 'nope'",
	    "unknown revision: message");
	ok(d.errors == 1, "unknown revision: one error");
	diag_free(&d);
	ok(repo_resolve(r, "HEAD~99", id, &d) == -1, "HEAD~99 is unknown");
	diag_free(&d);
	ok(repo_resolve(r, "HEAD:README", id, &d) == -1,
	    "a blob is not a commit");
	is_str(fx_first_diag(&d), "pakt: error: revision 'HEAD:README' is not "
	    "a commit", "a blob: message");
	diag_free(&d);
}

static void
test_history_head(struct repo *r, struct source *fs)
{
	struct content c;
	const struct doc *a, *b;
	const struct rev *v;
	char date[11];

	if (load(&c, fs, "r1 work tree") < 0)
		return;
	ok(c.ndocs == 4, "r1 work tree: a, b, c, d");
	setenv("SOURCE_DATE_EPOCH", T_EPOCH, 1);
	hload(&c, r, cid("C7"), "r1 at C7");
	is_str(hist(&c, PERIOD "a.md"), "4:- 3:C5 2:C2 1:C1*",
	    "a.md: changed in C1, C2, C5, edited since");
	is_str(hist(&c, PERIOD "b.md"), "3:M 2:C4 1:C1",
	    "b.md: C1, C4 and the merge that changed it");
	is_str(hist(&c, PERIOD "c.md"), "2:C7 1:S1",
	    "c.md: added on a branch, deletion not counted, added again");
	is_str(hist(&c, PERIOD "d.md"), "1:-*", "d.md: new, not committed");

	a = fx_find_doc(&c, PERIOD "a.md");
	b = fx_find_doc(&c, PERIOD "b.md");
	if (a == NULL || b == NULL || a->hist.n != 4 || b->hist.n != 3) {
		ok(0, "a.md and b.md have histories");
		content_free(&c);
		return;
	}
	v = &a->hist.revs[0];
	ok(v->time == 1700000000LL, "uncommitted: dated SOURCE_DATE_EPOCH");
	ok(v->offset == 0, "uncommitted: offset 0");
	ok(v->author == NULL && v->subject == NULL,
	    "uncommitted: no author, no subject");
	is_str(v->short_id, "", "uncommitted: short id empty");
	rev_date(v, date);
	is_str(date, "2023-11-14", "uncommitted: rev_date");

	v = &a->hist.revs[3];
	is_str(v->id, cid("C1"), "a.md v1: id");
	ok(strncmp(v->short_id, cid("C1"), 7) == 0 &&
	    strlen(v->short_id) == 7, "a.md v1: short id is 7 digits");
	ok(v->time == T_C1, "a.md v1: committer time, not author time");
	ok(v->offset == 60, "a.md v1: offset +01:00");
	is_str(v->author, "Anna", "a.md v1: author");
	is_str(v->subject, "Start the agreement",
	    "a.md v1: subject is the first line");
	rev_date(v, date);
	is_str(date, "2023-01-10", "a.md v1: date in +01:00 (UTC: 01-09)");

	v = &a->hist.revs[1];
	ok(v->time == T_C5 && v->offset == 60, "a.md v3: time and offset");
	is_str(v->subject, "Edit a again", "a.md v3: subject");

	v = &b->hist.revs[0];
	is_str(v->author, "Bo", "b.md v3: author of the merge");
	is_str(v->subject, "Merge branch 'side'", "b.md v3: subject");
	ok(!b->hist.uncommitted, "b.md: not uncommitted");

	v = &fx_find_doc(&c, PERIOD "c.md")->hist.revs[0];
	is_str(v->author, "Dag Åberg", "c.md v2: author in UTF-8");
	ok(v->time == T_C7 && v->offset == -300, "c.md v2: offset -05:00");
	rev_date(v, date);
	is_str(date, "2023-04-15", "c.md v2: date in -05:00 (UTC: 04-16)");

	/* Without SOURCE_DATE_EPOCH: the file's mtime. */
	unsetenv("SOURCE_DATE_EPOCH");
	hload(&c, r, cid("C7"), "r1 again without SOURCE_DATE_EPOCH");
	ok(fx_find_doc(&c, PERIOD "a.md")->hist.revs[0].time == T_MTIME,
	    "uncommitted a.md: dated its mtime");
	ok(fx_find_doc(&c, PERIOD "d.md")->hist.revs[0].time == T_MTIME + 5,
	    "uncommitted d.md: dated its mtime");
	setenv("SOURCE_DATE_EPOCH", "", 1);
	hload(&c, r, cid("C7"), "r1 with SOURCE_DATE_EPOCH empty");
	ok(fx_find_doc(&c, PERIOD "a.md")->hist.revs[0].time == T_MTIME,
	    "empty SOURCE_DATE_EPOCH counts as unset");
	unsetenv("SOURCE_DATE_EPOCH");

	/* The work tree against an older commit: the same loaded again. */
	hload(&c, r, cid("C2"), "r1 work tree against C2");
	is_str(hist(&c, PERIOD "a.md"), "3:- 2:C2 1:C1*",
	    "a.md against C2: next version uncommitted");
	is_str(hist(&c, PERIOD "c.md"), "1:-*",
	    "c.md against C2: not in it, uncommitted version 1");
	content_free(&c);
}

static void
test_history_rev(struct repo *r)
{
	struct diag d = DIAG_INIT;
	struct content c;
	struct source *src;
	const struct doc *a;
	char *s;

	src = source_git_open(r, cid("C4"), "v2023", &d);
	ok(src != NULL && d.n == 0, "source_git_open at v2023");
	if (src == NULL)
		return;
	if (load(&c, src, "r1 at v2023") == 0) {
		ok(c.ndocs == 2, "r1 at v2023: a and b");
		hload(&c, r, cid("C4"), "r1 at v2023");
		is_str(hist(&c, PERIOD "a.md"), "2:C2 1:C1",
		    "a.md at v2023: committed, nothing uncommitted");
		is_str(hist(&c, PERIOD "b.md"), "2:C4 1:C1", "b.md at v2023");
		a = fx_find_doc(&c, PERIOD "a.md");
		if (a != NULL)
			is_str(a->path, "v2023:r1/site/content/" PERIOD "a.md",
			    "document path in messages is REV:DIR/rel");
		else
			ok(0, "a.md at v2023");
		content_free(&c);
	}
	s = source_path(src, "pakt.yaml");
	is_str(s, "v2023:r1/site/content/pakt.yaml", "source_path at v2023");
	free(s);
	source_close(src);

	src = source_git_open(r, cid("C2"), NULL, &d);
	ok(src != NULL, "source_git_open without a rev name");
	if (src != NULL) {
		s = source_path(src, "s");
		if (!ok(strlen(s) == strlen("1234567:r1/site/content/s") &&
		    strncmp(s, cid("C2"), 7) == 0 &&
		    strcmp(s + 7, ":r1/site/content/s") == 0,
		    "display is SHORTID:DIR"))
			printf("# %s\n", s);
		free(s);
	}
	source_close(src);

	ok(source_git_open(r, cid("C0"), "first", &d) == NULL,
	    "no content folder in C0: NULL");
	is_str(fx_first_diag(&d), "first: error: the content folder "
	    "r1/site/content is not in this revision",
	    "no content folder: message");
	diag_free(&d);
}

static void
test_source_git(struct repo *r)
{
	struct diag d = DIAG_INIT;
	struct source *src;
	struct source_entry *v;
	struct buf names = BUF_INIT;
	char *data, *want;
	size_t n, len, i;

	src = source_git_open(r, cid("C7"), "HEAD", &d);
	if (!ok(src != NULL, "source_git_open at HEAD"))
		return;
	ok(source_kind(src, "") == 2, "kind: root is a folder");
	ok(source_kind(src, "pakt.yaml") == 1, "kind: a file");
	ok(source_kind(src, "s") == 2, "kind: a folder");
	ok(source_kind(src, PERIOD "c.md") == 1, "kind: a file two down");
	ok(source_kind(src, "missing.md") == 0, "kind: missing");
	ok(source_kind(src, "pakt.yaml/x") == 0, "kind: below a file");
	ok(source_kind(src, "link.yaml") == 0, "kind: symlink is missing");
	ok(source_kind(src, "sub") == 0, "kind: submodule is missing");
	ok(source_kind(src, PERIOD "d.md") == 0,
	    "kind: a file not committed is missing");
	ok(source_mtime(src, "pakt.yaml") == -1, "mtime: unknown");

	ok(source_read(src, "pakt.yaml", &data, &len) == 0, "read a file");
	ok(len == 9 && strcmp(data, "title: X\n") == 0,
	    "read: the bytes, NUL-terminated");
	free(data);
	ok(source_read(src, PERIOD "a.md", &data, &len) == 0,
	    "read a document");
	want = doctext("A", "a three");
	is_str(data, want, "read: the committed text, not the work tree's");
	free(want);
	free(data);
	data = NULL;
	ok(source_read(src, "missing.md", &data, &len) == -1 && data == NULL,
	    "read: missing is -1");
	ok(source_read(src, "s", &data, &len) == -1, "read: a folder is -1");
	ok(source_read(src, "link.yaml", &data, &len) == -1,
	    "read: a symlink is -1");

	ok(source_list(src, "", &v, &n) == 0, "list the root");
	for (i = 0; i < n; i++)
		buf_printf(&names, "%s%s%s", i ? " " : "", v[i].name,
		    v[i].is_dir ? "/" : "");
	is_str(names.ptr, "pakt.yaml s/ s.txt",
	    "list: sorted by strcmp, no dot files, links, submodules");
	source_entries_free(v, n);
	buf_reset(&names);
	ok(source_list(src, "s/2023-2026", &v, &n) == 0, "list a period");
	for (i = 0; i < n; i++)
		buf_printf(&names, "%s%s", i ? " " : "", v[i].name);
	is_str(names.ptr, "a.md b.md c.md", "list: the period's files");
	source_entries_free(v, n);
	buf_free(&names);
	ok(source_list(src, "nope", &v, &n) == -1 && v == NULL && n == 0,
	    "list: missing folder is -1");
	ok(source_list(src, "pakt.yaml", &v, &n) == -1,
	    "list: a file is -1");
	ok(d.n == 0, "source_git: no diagnostics");
	source_close(src);
}

static void
test_r1(void)
{
	struct diag d = DIAG_INIT;
	struct repo *r = NULL;
	struct source *fs;

	build_r1();
	ok(repo_open(&r, CONTENT, &d) == 0 && r != NULL,
	    "repo_open: content folder two below the root");
	if (r == NULL) {
		printf("# %s\n", fx_first_diag(&d));
		diag_free(&d);
		return;
	}
	is_str(repo_prefix(r), "site/content/", "repo_prefix");
	test_resolve(r);
	fs = source_fs_open(CONTENT);
	test_history_head(r, fs);
	source_close(fs);
	test_history_rev(r);
	test_source_git(r);
	repo_close(r);

	ok(repo_open(&r, "r1/site", &d) == 0 && r != NULL,
	    "repo_open: a folder above the content");
	if (r != NULL)
		is_str(repo_prefix(r), "site/", "repo_prefix of r1/site");
	repo_close(r);
	ok(repo_open(&r, "r1", &d) == 0 && r != NULL, "repo_open: the root");
	if (r != NULL)
		is_str(repo_prefix(r), "", "repo_prefix of the root is \"\"");
	repo_close(r);
	ok(d.n == 0, "repo_open: no diagnostics");
	diag_free(&d);
}

/*
 * r2: the content folder is the repository; a.md in three commits.  Then
 * the oldest commit is removed as in a shallow clone.
 */
static void
test_shallow(void)
{
	struct diag d = DIAG_INIT;
	struct repo *r = NULL;
	struct source *fs;
	struct content c;
	char *path;
	FILE *fp;

	init("r2", 0);
	putsite("r2");
	putdoc("r2", PERIOD "a.md", "A", "one");
	snap("K1", "One", "Eva", T_K1, 0, NULL, NULL, "refs/heads/main");
	putdoc("r2", PERIOD "a.md", "A", "two");
	snap("K2", "Two", "Eva", T_K2, 0, "K1", NULL, "refs/heads/main");
	putdoc("r2", PERIOD "a.md", "A", "three");
	snap("K3", "Three", "Eva", T_K3, 0, "K2", NULL, "refs/heads/main");
	git_repository_free(repo);
	repo = NULL;

	ok(repo_open(&r, "r2", &d) == 0 && r != NULL,
	    "repo_open: content at the root");
	if (r == NULL)
		return;
	is_str(repo_prefix(r), "", "repo_prefix: \"\"");
	fs = source_fs_open("r2");
	if (load(&c, fs, "r2") == 0) {
		hload(&c, r, cid("K3"), "r2");
		is_str(hist(&c, PERIOD "a.md"), "3:K3 2:K2 1:K1",
		    "r2: the root commit with the file counts");
		content_free(&c);
	}
	repo_close(r);

	/* Shallow: K1 is gone, K2 is a boundary. */
	path = xasprintf("r2/.git/objects/%.2s/%s", cid("K1"), cid("K1") + 2);
	ok(unlink(path) == 0, "shallow: K1's object removed");
	free(path);
	if ((fp = fopen("r2/.git/shallow", "w")) != NULL) {
		fprintf(fp, "%s\n", cid("K2"));
		fclose(fp);
	}
	ok(repo_open(&r, "r2", &d) == 0 && r != NULL, "repo_open shallow");
	if (r != NULL && load(&c, fs, "r2 shallow") == 0) {
		ok(state_history(&c, r, cid("K3"), &d) == 0,
		    "shallow: state_history succeeds");
		is_str(hist(&c, PERIOD "a.md"), "2:K3 1:K2",
		    "shallow: the boundary commit counts as a root");
		content_free(&c);
	}
	if (d.n > 0)
		printf("# %s\n", fx_first_diag(&d));
	repo_close(r);
	source_close(fs);
	diag_free(&d);
}

/* r3: a repository with no commit; then folders in no repository. */
static void
test_no_commits(void)
{
	struct diag d = DIAG_INIT;
	struct repo *r = NULL;
	struct source *fs;
	struct content c;
	char id[HIST_ID_LEN + 1] = "x";
	const struct doc *doc;

	init("r3", 0);
	git_repository_free(repo);
	repo = NULL;
	putsite("r3/content");
	putdoc("r3/content", PERIOD "a.md", "A", "one");
	touch("r3/content/" PERIOD "a.md", T_MTIME);
	ok(repo_open(&r, "r3/content", &d) == 0 && r != NULL,
	    "repo_open: empty repository");
	if (r == NULL)
		return;
	is_str(repo_prefix(r), "content/", "empty repository: prefix");
	ok(repo_resolve(r, "HEAD", id, &d) == 1, "unborn HEAD: 1");
	is_str(id, "", "unborn HEAD: id is empty");
	ok(d.n == 0, "unborn HEAD: no diagnostics");
	ok(repo_resolve(r, "main", id, &d) == -1, "unborn main is unknown");
	diag_free(&d);
	fs = source_fs_open("r3/content");
	if (load(&c, fs, "r3") == 0) {
		hload(&c, r, id, "r3 with no commit");
		is_str(hist(&c, PERIOD "a.md"), "1:-*",
		    "no commit: one uncommitted version");
		doc = fx_find_doc(&c, PERIOD "a.md");
		ok(doc != NULL && doc->hist.revs[0].time == T_MTIME,
		    "no commit: dated the file's mtime");
		content_free(&c);
	}
	source_close(fs);
	repo_close(r);

	/* A bare repository holds no work tree to build. */
	init("bare.git", 1);
	git_repository_free(repo);
	repo = NULL;
	r = (struct repo *)&d;
	ok(repo_open(&r, "bare.git", &d) == 1 && r == NULL,
	    "repo_open: a bare repository is none");

	/* No repository at all. */
	putsite("plain");
	putdoc("plain", PERIOD "a.md", "A", "one");
	putdoc("plain", PERIOD "b.md", "B", "two");
	r = (struct repo *)&d;
	ok(repo_open(&r, "plain", &d) == 1 && r == NULL,
	    "repo_open: no repository is 1");
	ok(d.n == 0, "no repository: no diagnostics");
	fs = source_fs_open("plain");
	if (load(&c, fs, "plain") == 0) {
		setenv("SOURCE_DATE_EPOCH", T_EPOCH, 1);
		hload(&c, NULL, NULL, "plain");
		is_str(hist(&c, PERIOD "a.md"), "1:-*", "plain a.md: 1:-*");
		is_str(hist(&c, PERIOD "b.md"), "1:-*", "plain b.md: 1:-*");
		doc = fx_find_doc(&c, PERIOD "b.md");
		ok(doc != NULL && doc->hist.revs[0].time == 1700000000LL,
		    "plain: dated SOURCE_DATE_EPOCH");
		setenv("SOURCE_DATE_EPOCH", "soon", 1);
		ok(state_history(&c, NULL, "", &d) == 0,
		    "bad SOURCE_DATE_EPOCH: still 0");
		is_str(fx_first_diag(&d), "pakt: warning: SOURCE_DATE_EPOCH is "
		    "not a number of seconds since 1970: 'soon'; using file "
		    "times", "bad SOURCE_DATE_EPOCH: a warning");
		unsetenv("SOURCE_DATE_EPOCH");
		content_free(&c);
	}
	source_close(fs);
	diag_free(&d);
}

static void
test_rev_date(void)
{
	struct rev v;
	char date[11];

	memset(&v, 0, sizeof(v));
	v.time = 1700000000LL;	/* 2023-11-14T22:13:20Z */
	rev_date(&v, date);
	is_str(date, "2023-11-14", "rev_date: UTC");
	v.offset = 120;
	rev_date(&v, date);
	is_str(date, "2023-11-15", "rev_date: +02:00 is the next day");
	v.time = 1673308800LL;	/* 2023-01-10T00:00:00Z */
	v.offset = -1;
	rev_date(&v, date);
	is_str(date, "2023-01-09", "rev_date: a minute west is the day "
	    "before");
	v.time = 0;
	v.offset = 0;
	rev_date(&v, date);
	is_str(date, "1970-01-01", "rev_date: the epoch");
}

int
main(void)
{
	char cwd[PATH_MAX];

	tmp = fx_tmpdir("history");
	if (getcwd(cwd, sizeof(cwd)) == NULL || chdir(tmp) < 0)
		fx_bail("cannot work in %s", tmp);
	unsetenv("SOURCE_DATE_EPOCH");
	git_libgit2_init();
	/* No global or system settings of the machine running the test. */
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, tmp);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, tmp);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, tmp);

	test_rev_date();
	test_r1();
	test_shallow();
	test_no_commits();

	git_repository_free(repo);
	git_libgit2_shutdown();
	if (chdir(cwd) < 0 || fx_rmtree(tmp) < 0)
		printf("# cannot remove %s\n", tmp);
	free(tmp);
	return tap_done();
}
