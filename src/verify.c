/*
 * verify.c - pakt verify: check the archive against its records and git.
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "doc.h"
#include "history.h"
#include "record.h"
#include "render.h"
#include "sign.h"
#include "source.h"
#include "state.h"

/*
 * Check that the files of rec are in its folder of c with the recorded
 * sizes and hashes, and that no other file is.
 */
static void
S_check_files(struct content *c, const struct record *rec, struct diag *vd)
{
	struct source_entry *v;
	const struct afile *f;
	char *rel, *path, *data, hex[SHA256_HEX + 1];
	size_t i, j, n, len;

	for (i = 0; i < rec->nfiles; i++) {
		f = &rec->files[i];
		rel = xasprintf("%s/%s", rec->dir, f->name.s);
		path = source_path(c->src, rel);
		if (source_read(c->src, rel, &data, &len) < 0) {
			diag_err(vd, path, 0, 0, "missing: the record lists "
			    "it with %lld bytes", f->size);
		} else {
			sha256_hex(data, len, hex);
			if ((long long)len != f->size)
				diag_err(vd, path, 0, 0, "is %zu bytes; the "
				    "record says %lld", len, f->size);
			else if (strcmp(hex, f->sha256) != 0)
				diag_err(vd, path, 0, 0, "its SHA-256 is %s; "
				    "the record says %s", hex, f->sha256);
			free(data);
		}
		free(path);
		free(rel);
	}
	if (source_list(c->src, rec->dir, &v, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < rec->nfiles; j++)
			if (strcmp(v[i].name, rec->files[j].name.s) == 0)
				break;
		if (j < rec->nfiles || strcmp(v[i].name, RECORD_NAME) == 0)
			continue;
		rel = xasprintf("%s/%s", rec->dir, v[i].name);
		path = source_path(c->src, rel);
		diag_err(vd, path, 0, 0, "is not in the record");
		free(path);
		free(rel);
	}
	source_entries_free(v, n);
}

/*
 * Check that the tag of rec is the one its folder calls for, is
 * annotated and points at the recorded commit.
 */
static void
S_check_tag(struct repo *r, const struct record *rec, struct diag *vd)
{
	char *want, hex[HIST_ID_LEN + 1];

	want = xasprintf("signed/%s/%s/%s/v%u", rec->series.s, rec->period.s,
	    rec->id.s, rec->version);
	if (strcmp(rec->tag.s, want) != 0)
		diag_err(vd, rec->file, 0, 0, "the tag should be %s, not %s",
		    want, rec->tag.s);
	switch (repo_tag_peel(r, want, hex)) {
	case REPO_TAG_NONE:
		diag_err(vd, rec->file, 0, 0, "the tag %s does not exist",
		    want);
		break;
	case REPO_TAG_LIGHT:
		diag_err(vd, rec->file, 0, 0, "the tag %s is not an annotated "
		    "tag", want);
		break;
	case REPO_TAG_DANGLING:
		diag_err(vd, rec->file, 0, 0, "the tag %s points at nothing",
		    want);
		break;
	case REPO_TAG_ANNOTATED:
		if (strcmp(hex, rec->commit.s) != 0)
			diag_err(vd, rec->file, 0, 0, "the tag %s points at "
			    "commit %s; the record says %s", want, hex,
			    rec->commit.s);
		break;
	}
	free(want);
}

/*
 * Check that the recorded commit of rec exists and is in the history
 * of head.  Returns 1 when it exists (it can be rebuilt), else 0.
 */
static int
S_check_commit(struct repo *r, const struct record *rec, const char *head,
    struct diag *vd)
{
	int in = repo_is_ancestor(r, rec->commit.s, head);

	if (in < 0) {
		diag_err(vd, rec->file, 0, 0, "the commit %s is not in the "
		    "repository", rec->commit.s);
		return 0;
	}
	if (in == 0)
		diag_err(vd, rec->file, 0, 0, "the commit %.7s is not in the "
		    "history of HEAD: the history was rewritten",
		    rec->commit.s);
	return 1;
}

/* The offset of the first byte where a and b differ. */
static size_t
S_first_diff(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		continue;
	return i;
}

/*
 * Rebuild the signed version of rec from its commit in memory, and
 * compare the source and the outputs with the archived files of the
 * working content c.
 */
static void
S_check_rebuild(struct repo *r, struct content *c, const struct record *rec,
    const char *today, struct diag *vd)
{
	struct diag scratch = DIAG_INIT;
	struct source *src = NULL;
	struct render_out ro;
	const struct buf *b;
	struct content at;
	struct doc *doc;
	char *rel = NULL, *path = NULL, *a = NULL;
	size_t i, alen;

	memset(&at, 0, sizeof(at));
	memset(&ro, 0, sizeof(ro));
	if (state_load_commit(r, rec->commit.s, NULL, today, &at, &src,
	    &scratch) < 0 ||
	    (doc = content_doc(&at, rec->document.s)) == NULL || !doc->ok) {
		diag_err(vd, rec->file, 0, 0, "%s cannot be loaded from commit "
		    "%.7s%s%s", rec->document.s, rec->commit.s,
		    scratch.errors > 0 ? ": " : "", scratch.errors > 0 ?
		    scratch.v[0].msg : "");
		goto out;
	}
	if (doc->hist.revs[0].version != rec->version) {
		diag_err(vd, rec->file, 0, 0, "at commit %.7s %s is version "
		    "%u; the record says %u", rec->commit.s, rec->document.s,
		    doc->hist.revs[0].version, rec->version);
		goto out;
	}
	rel = xasprintf("%s/%s.md", rec->dir, sign_base(doc));
	path = source_path(c->src, rel);
	if (source_read(c->src, rel, &a, &alen) == 0 &&
	    (alen != doc->len || memcmp(a, doc->text, alen) != 0))
		diag_err(vd, path, 0, 0, "differs from %s at commit %.7s "
		    "(from byte %zu)", rec->document.s, rec->commit.s,
		    S_first_diff(a, alen, doc->text, doc->len));
	free(a);
	a = NULL;
	/* a problem anywhere in the content at that commit stops it too */
	if (sign_render(&at, doc, rec, &ro, &scratch) < 0 ||
	    scratch.errors > 0) {
		diag_err(vd, rec->file, 0, 0, "cannot be rebuilt from commit "
		    "%.7s: %s", rec->commit.s, scratch.errors > 0 ?
		    scratch.v[scratch.n - 1].msg : "unknown problem");
		goto out;
	}
	for (i = 0; sign_rendered[i] != NULL; i++) {
		free(rel);
		free(path);
		rel = xasprintf("%s/%s.%s", rec->dir, sign_base(doc),
		    sign_rendered[i]);
		path = source_path(c->src, rel);
		if (source_read(c->src, rel, &a, &alen) < 0)
			continue;	/* reported as missing */
		b = render_out_get(&ro, sign_rendered[i]);
		if (alen != b->len || memcmp(a, b->ptr, alen) != 0)
			diag_err(vd, path, 0, 0, "differs from a rebuild from "
			    "commit %.7s (from byte %zu; archived by %s, "
			    "rebuilt by pakt %s)", rec->commit.s,
			    S_first_diff(a, alen, b->ptr, b->len),
			    rec->generator.s ? rec->generator.s :
			    "an unknown program", PAKT_VERSION);
		free(a);
		a = NULL;
	}
out:
	render_out_free(&ro);
	free(rel);
	free(path);
	content_free(&at);
	source_close(src);
	diag_free(&scratch);
}

/* The verdict of v[0..n) whose folder holds content path rel, or NULL. */
static struct verdict *
S_owner(struct verdict *v, size_t n, const char *rel)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = strlen(v[i].rec->dir);
		if (strncmp(rel, v[i].rec->dir, k) == 0 && rel[k] == '/')
			return &v[i];
	}
	return NULL;
}

/* What the walk over the history of the archive fills in. */
struct edits {
	struct repo	*r;
	struct verdict	*v;
	size_t		 n;
	struct diag	*d;
};

/*
 * A change to a file below the archive folder other than its addition:
 * an error of the record it belongs to, else of the archive.
 */
static void
S_edit(const struct repo_edit *e, void *arg)
{
	struct edits *ed = arg;
	size_t plen = strlen(repo_prefix(ed->r));
	const char *rel = strlen(e->path) > plen ? e->path + plen : e->path;
	struct verdict *owner = S_owner(ed->v, ed->n, rel);

	diag_err(owner != NULL ? &owner->d : ed->d, rel, 0, 0, "was %s after "
	    "it was archived, in commit %.7s: %s", e->deleted ? "deleted" :
	    "modified", e->id, e->summary);
}

/* What the check of tags without a record needs. */
struct tagscan {
	const struct content	*c;
	struct diag		*d;
};

/* For each tag signed/...: it must have a record. */
static void
S_tag(const char *name, void *arg)
{
	struct tagscan *ts = arg;
	size_t i;

	for (i = 0; i < ts->c->nrecords; i++)
		if (strcmp(ts->c->records[i].tag.s, name) == 0)
			return;
	diag_err(ts->d, NULL, 0, 0, "the tag %s has no record in the archive "
	    "(was %s%s deleted?)", name, ARCHIVE_DIR,
	    name + strlen("signed/") - 1);
}

int
verify_archive(struct content *c, struct repo *r, struct verdict **v,
    size_t *n, struct diag *d)
{
	struct tagscan ts = { c, d };
	struct edits ed;
	size_t i, bad = 0, before = d->errors;
	char head[HIST_ID_LEN + 1], *folder;
	const char *today;

	*v = NULL;
	*n = 0;
	if (repo_head(r, head, d) < 0)
		return -1;
	*v = xcalloc(c->nrecords ? c->nrecords : 1, sizeof(**v));
	*n = c->nrecords;
	today = "9999-12-31";	/* the state rendered is always signed */
	for (i = 0; i < c->nrecords; i++) {
		(*v)[i].rec = &c->records[i];
		S_check_files(c, &c->records[i], &(*v)[i].d);
		S_check_tag(r, &c->records[i], &(*v)[i].d);
		if (S_check_commit(r, &c->records[i], head, &(*v)[i].d))
			S_check_rebuild(r, c, &c->records[i], today,
			    &(*v)[i].d);
	}
	ed.r = r;
	ed.v = *v;
	ed.n = *n;
	ed.d = d;
	folder = xasprintf("%s%s/", repo_prefix(r), ARCHIVE_DIR);
	repo_edits_below(r, folder, S_edit, &ed, "cannot walk the history of "
	    "the archive", d);
	free(folder);
	repo_tags(r, "signed/", S_tag, &ts);
	for (i = 0; i < *n; i++)
		bad += (*v)[i].d.errors > 0;
	return (int)(bad + d->errors - before);
}

void
verdicts_free(struct verdict *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		diag_free(&v[i].d);
	free(v);
}
