/*
 * archive.c - signed versions: states, signing and verification.
 */
#include "archive.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "content.h"
#include "doc.h"
#include "output.h"
#include "render_html.h"
#include "site.h"
#include "source.h"

/* The kinds of file pakt renders into an archive folder. */
static const char *const S_rendered[] = { "pdf", "odt", "html", NULL };

const char *
state_name(enum doc_state s)
{
	switch (s) {
	case STATE_DRAFT:
		return "draft";
	case STATE_SIGNED:
		return "signed";
	case STATE_SUPERSEDED:
		return "superseded";
	case STATE_EXPIRED:
		return "expired";
	default:
		return NULL;
	}
}

int
doc_signable(const struct doc *doc)
{
	return doc->meta.type == DOC_AGREEMENT ||
	    doc->meta.type == DOC_FOCUS_AREA ||
	    doc->meta.type == DOC_ACTION_PLAN;
}

const struct signatory *
doc_signatories(const struct doc *doc, size_t *n)
{
	const struct doc *ag;

	*n = 0;
	if (doc->meta.nsigs > 0) {
		*n = doc->meta.nsigs;
		return doc->meta.sigs;
	}
	if (doc->meta.type != DOC_FOCUS_AREA &&
	    doc->meta.type != DOC_ACTION_PLAN)
		return NULL;
	if ((ag = period_doc(doc->period, NULL, DOC_AGREEMENT)) == NULL ||
	    ag->meta.nsigs == 0)
		return NULL;
	*n = ag->meta.nsigs;
	return ag->meta.sigs;
}

const char *
record_date(const struct record *r)
{
	const char *latest = "";
	size_t i;

	for (i = 0; i < r->nsigners; i++)
		if (r->signers[i].date.s != NULL &&
		    strcmp(r->signers[i].date.s, latest) > 0)
			latest = r->signers[i].date.s;
	return latest;
}

/* The file name of doc without folders and ".md". */
static const char *
S_base(const struct doc *doc)
{
	return strrchr(doc->stem, '/') + 1;
}

/* Whether any record of c is for a document of period p.  1 or 0. */
static int
S_period_signed(const struct content *c, const struct period *p)
{
	size_t i;

	for (i = 0; i < c->nrecords; i++)
		if (strcmp(c->records[i].series.s, p->series->id) == 0 &&
		    strcmp(c->records[i].period.s, p->name) == 0)
			return 1;
	return 0;
}

/*
 * The state of doc, whose newest record is set: signed when the version
 * built is the one signed, unless a later period of the series is
 * signed (superseded) or its period has ended by today (expired).
 */
static void
S_state(const struct content *c, struct doc *doc, const char *today)
{
	const struct series *s = doc->series;
	const struct record *rec = doc->signed_rec;
	char end[16];
	size_t i;

	doc->successor = NULL;
	if (rec == NULL || doc->hist.n == 0 || doc->hist.uncommitted ||
	    doc->hist.revs[0].version != rec->version) {
		doc->state = STATE_DRAFT;
		return;
	}
	/* periods are newest first: the first signed one after doc's */
	for (i = 0; i < s->nperiods && &s->periods[i] != doc->period; i++)
		if (S_period_signed(c, &s->periods[i]))
			doc->successor = &s->periods[i];
	snprintf(end, sizeof(end), "%d-12-31", doc->period->last);
	if (doc->successor != NULL)
		doc->state = STATE_SUPERSEDED;
	else if (strcmp(today, end) > 0)
		doc->state = STATE_EXPIRED;
	else
		doc->state = STATE_SIGNED;
}

int
archive_load(struct content *c, const char *today, struct diag *d)
{
	const struct record *rec;
	struct doc *doc;
	size_t i, j;
	int rc;

	rc = records_load(c->src, &c->records, &c->nrecords, d);
	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		doc->signed_rec = NULL;
		if (!doc_has_meta(doc) || !doc_signable(doc)) {
			doc->state = STATE_NONE;
			continue;
		}
		for (j = 0; j < c->nrecords; j++) {
			rec = &c->records[j];
			if (strcmp(rec->document.s, doc->rel) == 0 &&
			    (doc->signed_rec == NULL ||
			    rec->version > doc->signed_rec->version))
				doc->signed_rec = rec;
		}
		S_state(c, doc, today);
	}
	return rc;
}

/*
 * Read the file at path (on disk) into *data and *len.  Returns 0, or
 * -1 when it cannot be read.
 */
static int
S_slurp(const char *path, char **data, size_t *len)
{
	char *copy = xstrdup(path), *slash = strrchr(copy, '/');
	struct source *src;
	int rc = -1;

	if (slash != NULL)
		*slash = '\0';
	src = source_fs_open(slash == NULL ? "." : *copy ? copy : "/");
	if (src != NULL)
		rc = source_read(src, slash == NULL ? path : slash + 1, data,
		    len);
	source_close(src);
	free(copy);
	return rc;
}

/* Whether the working tree of g has changes or untracked files; the
 * first few paths are recorded in d as errors.  Returns 1, 0 or -1. */
static int
S_dirty(git_repository *g, struct diag *d)
{
	git_status_options so;
	git_status_list *list;
	const git_status_entry *e;
	const git_diff_delta *dd;
	size_t i, n;

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&list, g, &so) < 0) {
		repo_git_err(d, NULL, "cannot read the state of the working "
		    "tree");
		return -1;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n && i < 5; i++) {
		e = git_status_byindex(list, i);
		dd = e->index_to_workdir != NULL ? e->index_to_workdir :
		    e->head_to_index;
		diag_err(d, dd != NULL ? dd->new_file.path : NULL, 0, 0,
		    "%s; commit or remove it before signing",
		    e->status & GIT_STATUS_WT_NEW ? "not committed" :
		    "changed since the last commit");
	}
	if (n > 5)
		diag_err(d, NULL, 0, 0, "and %zu more changes", n - 5);
	git_status_list_free(list);
	return n > 0;
}

/* A copy of s, or NULL for NULL. */
static char *
S_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Add signatory sg of doc, signing as sp says, to the signers of rec. */
static void
S_add_signer(struct record *rec, const struct doc *doc,
    const struct signatory *sg, const struct sign_party *sp)
{
	const struct party *p = series_party(doc->series, sg->party.s);
	struct signer *to = &rec->signers[rec->nsigners++];

	to->name.s = S_dup(sg->name.s);
	to->role.s = S_dup(sg->role.s);
	to->party.s = S_dup(sg->party.s);
	to->party_name.s = p != NULL ? S_dup(p->name.s) : NULL;
	to->date.s = S_dup(sp->date);
	to->place.s = S_dup(sp->place);
}

/*
 * Check the signing parties of req against the signatories of doc and
 * fill in rec's signers.  Every signatory must sign once, with a valid
 * date that is not after today (an agreement signed before it was put
 * in git may be recorded later).  Returns 0, or -1 after
 * recording each problem in d.
 */
static int
S_signers(const struct doc *doc, const struct sign_req *req,
    struct record *rec, struct diag *d)
{
	const struct signatory *sigs, *sg;
	const struct sign_party *sp;
	struct buf names = BUF_INIT;
	size_t i, j, n;
	int rc = 0;

	if ((sigs = doc_signatories(doc, &n)) == NULL) {
		diag_err(d, doc->path, 1, 1, "the document has no signatories "
		    "(and no agreement in its period that has)");
		return -1;
	}
	for (i = 0; i < n; i++)
		buf_join(&names, ", ", sigs[i].name.s);
	rec->signers = xcalloc(n, sizeof(*rec->signers));
	for (i = 0; i < req->nparties; i++) {
		sp = &req->parties[i];
		for (sg = NULL, j = 0; j < n && sg == NULL; j++)
			if (strcmp(sigs[j].name.s, sp->name) == 0)
				sg = &sigs[j];
		for (j = 0; j < i; j++)
			if (strcmp(req->parties[j].name, sp->name) == 0)
				break;
		if (sg == NULL) {
			diag_err(d, doc->path, 0, 0, "unknown signatory '%s' "
			    "(the signatories are: %s)", sp->name, names.ptr);
			rc = -1;
		} else if (j < i) {
			diag_err(d, NULL, 0, 0, "%s signs twice", sp->name);
			rc = -1;
		} else if (sp->date == NULL || !is_date(sp->date, 0)) {
			diag_err(d, NULL, 0, 0, "%s: the date must be given as "
			    "YYYY-MM-DD, not '%s'", sp->name, sp->date ?
			    sp->date : "");
			rc = -1;
		} else if (strcmp(sp->date, req->today) > 0) {
			diag_err(d, NULL, 0, 0, "%s: %s is after today (%s)",
			    sp->name, sp->date, req->today);
			rc = -1;
		} else
			S_add_signer(rec, doc, sg, sp);
	}
	for (i = 0; rc == 0 && i < n; i++) {
		for (j = 0; j < req->nparties; j++)
			if (strcmp(req->parties[j].name, sigs[i].name.s) == 0)
				break;
		if (j == req->nparties) {
			diag_err(d, doc->path, sigs[i].pos.line,
			    sigs[i].pos.col, "%s has not signed: give "
			    "--signatory '%s' --date YYYY-MM-DD", sigs[i].name.s,
			    sigs[i].name.s);
			rc = -1;
		}
	}
	buf_free(&names);
	return rc;
}

/*
 * Render the final page, PDF and ODT of doc, signed as rec says, into
 * root/<rec->dir>/<name>.*.  The content c must be as of the commit
 * signed.  Returns 0 or -1.
 */
static int
S_render_signed(struct content *c, struct doc *doc, const struct record *rec,
    const char *root, struct diag *d)
{
	struct outdir out;
	int rc;

	doc->state = STATE_SIGNED;
	doc->signed_rec = rec;
	doc->successor = NULL;
	doc->newest = 0;
	free(doc->outstem);
	doc->outstem = xasprintf("%s/%s", rec->dir, S_base(doc));
	outdir_init(&out, root);
	rc = site_render_doc(c, doc, &out, d);
	outdir_free(&out);
	return rc;
}

/*
 * Remove what signing wrote to rec's folder below root (the outputs and
 * source of base, the attachment, record.yaml), then the folders up to
 * the archive folder itself as far as they are empty.
 */
static void
S_unwrite(const char *root, const struct record *rec, const char *base,
    const char *attach)
{
	char *path;
	size_t i;

	for (i = 0; S_rendered[i] != NULL; i++) {
		path = xasprintf("%s/%s/%s.%s", root, rec->dir, base,
		    S_rendered[i]);
		unlink(path);
		free(path);
	}
	path = xasprintf("%s/%s/%s.md", root, rec->dir, base);
	unlink(path);
	free(path);
	if (attach != NULL) {
		path = xasprintf("%s/%s/%s", root, rec->dir, attach);
		unlink(path);
		free(path);
	}
	path = xasprintf("%s/%s/%s", root, rec->dir, RECORD_NAME);
	unlink(path);
	out_prune(root, path + strlen(root) + 1);
	free(path);
}

/* Add the file name of data to rec with its size and SHA-256. */
static void
S_add_file(struct record *rec, const char *name, const char *data,
    size_t len, int attachment)
{
	struct afile *f;

	rec->files = xrealloc(rec->files, (rec->nfiles + 1) *
	    sizeof(*rec->files));
	f = &rec->files[rec->nfiles++];
	memset(f, 0, sizeof(*f));
	f->name.s = xstrdup(name);
	f->size = (long long)len;
	f->attachment = attachment;
	sha256_hex(data, len, f->sha256);
}

/* The sentence that names who signed rec, for commit and tag messages. */
static void
S_signed_by(struct buf *b, const struct record *rec)
{
	const struct signer *s;
	size_t i;

	for (i = 0; i < rec->nsigners; i++) {
		s = &rec->signers[i];
		buf_printf(b, "Signed by %s", s->name.s);
		if (s->role.s != NULL)
			buf_printf(b, ", %s", s->role.s);
		if (s->party_name.s != NULL)
			buf_printf(b, ", %s", s->party_name.s);
		buf_printf(b, ", on %s", s->date.s);
		if (s->place.s != NULL)
			buf_printf(b, " in %s", s->place.s);
		buf_puts(b, ".\n");
	}
}

/*
 * Set b to the path in the work tree of r of file i of rec's folder
 * (i == rec->nfiles: the record itself).
 */
static void
S_index_path(struct buf *b, const struct repo *r, const struct record *rec,
    size_t i)
{
	buf_reset(b);
	buf_printf(b, "%s%s/%s", repo_prefix(r), rec->dir, i < rec->nfiles ?
	    rec->files[i].name.s : RECORD_NAME);
}

/*
 * Commit the files of rec below the content folder of r on the current
 * branch, and tag the commit signed_id as rec->tag.  Returns 0; -1
 * after recording why the commit could not be made (the files are
 * taken out of the index again); -2 when it was made but not the tag.
 */
static int
S_commit(struct repo *r, const struct record *rec, const git_oid *signed_id,
    struct diag *d)
{
	git_repository *g = repo_git(r);
	git_signature *sig = NULL;
	git_index *idx = NULL;
	git_commit *parent = NULL;
	git_object *target = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, head, id;
	struct buf msg = BUF_INIT, path = BUF_INIT;
	size_t i;
	int rc = -1, staged = 0;

	if (git_signature_default(&sig, g) < 0) {
		repo_git_err(d, NULL, "cannot tell who commits (set git's "
		    "user.name and user.email)");
		goto out;
	}
	if (git_repository_index(&idx, g) < 0 ||
	    git_reference_name_to_id(&head, g, "HEAD") < 0 ||
	    git_commit_lookup(&parent, g, &head) < 0 ||
	    git_object_lookup(&target, g, signed_id, GIT_OBJECT_COMMIT) < 0) {
		repo_git_err(d, NULL, "cannot read the repository");
		goto out;
	}
	for (i = 0; i <= rec->nfiles; i++) {
		S_index_path(&path, r, rec, i);
		if (git_index_add_bypath(idx, path.ptr) < 0) {
			repo_git_err(d, path.ptr, "cannot add to the index");
			goto out;
		}
		staged = 1;
	}
	buf_printf(&msg, "Sign %s version %u\n\n", rec->document.s,
	    rec->version);
	S_signed_by(&msg, rec);
	buf_printf(&msg, "\nArchived in %s by %s.\n", rec->dir,
	    rec->generator.s);
	if (git_index_write(idx) < 0 ||
	    git_index_write_tree(&tree_id, idx) < 0 ||
	    git_tree_lookup(&tree, g, &tree_id) < 0 ||
	    git_commit_create(&id, g, "HEAD", sig, sig, NULL, msg.ptr, tree,
	    1, (const git_commit **)&parent) < 0) {
		repo_git_err(d, NULL, "cannot commit the archive");
		goto out;
	}
	staged = 0;
	buf_reset(&msg);
	buf_printf(&msg, "%s version %u, signed\n\n", rec->document.s,
	    rec->version);
	S_signed_by(&msg, rec);
	buf_printf(&msg, "\nArchive: %s\n", rec->dir);
	if (git_tag_create(&id, g, rec->tag.s, target, sig, msg.ptr, 0) < 0) {
		repo_git_err(d, NULL, "the archive is committed, but the tag "
		    "cannot be made");
		rc = -2;
		goto out;
	}
	rc = 0;
out:
	if (staged) {
		for (i = 0; i <= rec->nfiles; i++) {
			S_index_path(&path, r, rec, i);
			git_index_remove_bypath(idx, path.ptr);
		}
		git_index_write(idx);
	}
	buf_free(&msg);
	buf_free(&path);
	git_tree_free(tree);
	git_object_free(target);
	git_commit_free(parent);
	git_index_free(idx);
	git_signature_free(sig);
	return rc;
}

/*
 * Fill in what rec says about doc, signed at commit id: the fields, the
 * folder and the tag.  Returns 0, or -1 when the tag would not be a
 * valid git name.
 */
static int
S_record(struct record *rec, const struct doc *doc, const char *id,
    struct diag *d)
{
	char *ref;
	int valid = 0;

	rec->document.s = xstrdup(doc->rel);
	rec->series.s = xstrdup(doc->series->id);
	rec->period.s = xstrdup(doc->period->name);
	rec->id.s = xstrdup(doc_id(doc));
	rec->title.s = xstrdup(doc->meta.title.s);
	rec->version = doc->hist.revs[0].version;
	rec->commit.s = xstrdup(id);
	rec->generator.s = xstrdup("pakt " PAKT_VERSION);
	rec->dir = xasprintf("%s/%s/%s/%s/v%u", ARCHIVE_DIR, rec->series.s,
	    rec->period.s, rec->id.s, rec->version);
	rec->tag.s = xasprintf("signed/%s/%s/%s/v%u", rec->series.s,
	    rec->period.s, rec->id.s, rec->version);
	ref = xasprintf("refs/tags/%s", rec->tag.s);
	if (git_reference_name_is_valid(&valid, ref) < 0 || !valid)
		diag_err(d, doc->path, 1, 1, "'%s' cannot be a git tag; give "
		    "the document a plain id (letters a-z, digits, hyphens)",
		    rec->tag.s);
	free(ref);
	return valid ? 0 : -1;
}

/*
 * Write the source and attachment of the signed version to the archive
 * folder beside the outputs already there, then the record with every
 * file's hash.  Returns 0 or -1.
 */
static int
S_archive_files(const char *dir, const struct doc *doc,
    const struct sign_req *req, struct record *rec, struct diag *d)
{
	struct source *src = source_fs_open(dir);
	struct buf b = BUF_INIT;
	const char *aname = NULL;
	char *rel, *data = NULL;
	size_t i, len;
	int rc = -1;

	rel = xasprintf("%s/%s.md", rec->dir, S_base(doc));
	if (out_write(dir, rel, doc->text, doc->len, d) < 0)
		goto out;
	for (i = 0; S_rendered[i] != NULL; i++) {
		free(rel);
		rel = xasprintf("%s/%s.%s", rec->dir, S_base(doc),
		    S_rendered[i]);
		if (src == NULL || source_read(src, rel, &data, &len) < 0) {
			diag_err(d, rel, 0, 0, "was not rendered");
			goto out;
		}
		S_add_file(rec, strrchr(rel, '/') + 1, data, len, 0);
		free(data);
		data = NULL;
	}
	free(rel);
	rel = xasprintf("%s.md", S_base(doc));
	S_add_file(rec, rel, doc->text, doc->len, 0);
	if (req->attach != NULL) {
		aname = strrchr(req->attach, '/') ? strrchr(req->attach, '/')
		    + 1 : req->attach;
		if (S_slurp(req->attach, &data, &len) < 0) {
			diag_err(d, req->attach, 0, 0, "cannot read the file to "
			    "attach: %s", strerror(errno));
			goto out;
		}
		free(rel);
		rel = xasprintf("%s/%s", rec->dir, aname);
		if (out_write(dir, rel, data, len, d) < 0)
			goto out;
		S_add_file(rec, aname, data, len, 1);
	}
	free(rel);
	rel = xasprintf("%s/%s", rec->dir, RECORD_NAME);
	if (record_write(rec, &b) < 0)
		diag_err(d, rel, 0, 0, "cannot be written: a name, date or "
		    "place is not UTF-8 text");
	else
		rc = out_write(dir, rel, b.ptr, b.len, d);
out:
	free(data);
	free(rel);
	buf_free(&b);
	source_close(src);
	return rc;
}

/* The name of the file to attach, from its path. */
static const char *
S_attach_name(const struct sign_req *req)
{
	const char *slash;

	if (req->attach == NULL)
		return NULL;
	slash = strrchr(req->attach, '/');
	return slash != NULL ? slash + 1 : req->attach;
}

/*
 * Check that the signed version of doc can be archived as rec: not
 * signed yet, no tag or folder in the way, an attachment name that
 * clashes with nothing.  Returns 0 or -1 after recording why.
 */
static int
S_can_archive(git_repository *g, const char *dir, const struct doc *doc,
    const struct record *rec, const struct sign_req *req, struct diag *d)
{
	const char *aname = S_attach_name(req);
	git_reference *ref = NULL;
	struct stat st;
	char *path;
	size_t n = strlen(S_base(doc));
	int rc = 0;

	if (doc->signed_rec != NULL &&
	    doc->signed_rec->version == rec->version) {
		diag_err(d, doc->path, 0, 0, "version %u is already signed "
		    "(%s)", rec->version, doc->signed_rec->dir);
		return -1;
	}
	path = xasprintf("refs/tags/%s", rec->tag.s);
	if (git_reference_lookup(&ref, g, path) == 0) {
		diag_err(d, doc->path, 0, 0, "version %u is already signed: "
		    "the tag %s exists", rec->version, rec->tag.s);
		rc = -1;
	}
	git_reference_free(ref);
	free(path);
	path = xasprintf("%s/%s", dir, rec->dir);
	if (rc == 0 && lstat(path, &st) == 0) {
		diag_err(d, path, 0, 0, "the archive folder of version %u "
		    "exists already", rec->version);
		rc = -1;
	}
	free(path);
	if (aname != NULL && (!out_path_ok(aname) ||
	    strcmp(aname, RECORD_NAME) == 0 ||
	    (strncmp(aname, S_base(doc), n) == 0 && aname[n] == '.' &&
	    (strcmp(aname + n + 1, "md") == 0 ||
	    strcmp(aname + n + 1, "pdf") == 0 ||
	    strcmp(aname + n + 1, "odt") == 0 ||
	    strcmp(aname + n + 1, "html") == 0)))) {
		diag_err(d, req->attach, 0, 0, "cannot be attached under this "
		    "name; rename it (it would replace a file pakt archives)");
		rc = -1;
	}
	return rc;
}

/*
 * Load the content folder of r as of commit id with the history and
 * archive of its documents into c (zeroed; free with content_free and
 * source_close(*src) in any case).  Paths in messages start with rev,
 * or the short id when rev is NULL.  Returns 0 or -1.
 */
static int
S_load_at(struct repo *r, const char *id, const char *rev,
    const char *today, struct content *c, struct source **src,
    struct diag *d)
{
	char short_id[HIST_SHORT_LEN + 1];

	snprintf(short_id, sizeof(short_id), "%s", id);
	if ((*src = source_git_open(r, id, rev ? rev : short_id, d)) == NULL ||
	    content_load(c, *src, d) < 0 || history_load(c, r, id, d) < 0)
		return -1;
	return archive_load(c, today, d);
}

int
archive_sign(struct repo *r, const char *dir, const struct sign_req *req,
    struct record *out, struct diag *d)
{
	git_repository *g = repo_git(r);
	struct diag load = DIAG_INIT;
	struct source *src = NULL;
	struct content c;
	struct doc *doc = NULL;
	char id[HIST_ID_LEN + 1];
	git_oid oid;
	int rc = -1, written = 0;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if (S_dirty(g, d) != 0)
		goto out;
	if ((rc = repo_resolve(r, "HEAD", id, d)) != 0) {
		if (rc == 1)
			diag_err(d, dir, 0, 0, "the repository has no commit "
			    "to sign yet");
		rc = -1;
		goto out;
	}
	rc = -1;
	git_oid_fromstr(&oid, id);
	/* problems elsewhere in the content do not stop a signing */
	if (S_load_at(r, id, "HEAD", req->today, &c, &src, &load) < 0) {
		diag_err(d, dir, 0, 0, "cannot load the content at HEAD: %s",
		    load.n > 0 ? load.v[0].msg : "unknown problem");
		goto out;
	}
	if ((doc = content_doc(&c, req->doc)) == NULL) {
		diag_err(d, dir, 0, 0, "no document %s at HEAD", req->doc);
		goto out;
	}
	if (!doc->ok) {
		diag_err(d, doc->path, 0, 0, "the document has errors; see "
		    "pakt check");
		goto out;
	}
	if (!doc_signable(doc)) {
		diag_err(d, doc->path, 0, 0, "a %s is not signed; only "
		    "agreements, focus areas and action plans are",
		    doc_type_name(doc->meta.type));
		goto out;
	}
	if (S_record(out, doc, id, d) < 0 ||
	    S_can_archive(g, dir, doc, out, req, d) < 0 ||
	    S_signers(doc, req, out, d) < 0)
		goto out;
	written = 1;
	if (S_render_signed(&c, doc, out, dir, d) < 0 ||
	    S_archive_files(dir, doc, req, out, d) < 0 ||
	    (rc = S_commit(r, out, &oid, d)) == -1) {
		rc = -1;
		goto out;
	}
	written = 0;
out:
	if (rc == -1 && written)
		S_unwrite(dir, out, S_base(doc), S_attach_name(req));
	if (rc != 0)
		record_free(out);
	content_free(&c);
	source_close(src);
	diag_free(&load);
	return rc == 0 ? 0 : -1;
}

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
S_check_tag(git_repository *g, const struct record *rec, struct diag *vd)
{
	git_reference *ref = NULL;
	git_object *peeled = NULL;
	git_tag *tag = NULL;
	char *want, *name, hex[GIT_OID_HEXSZ + 1];

	want = xasprintf("signed/%s/%s/%s/v%u", rec->series.s, rec->period.s,
	    rec->id.s, rec->version);
	if (strcmp(rec->tag.s, want) != 0)
		diag_err(vd, rec->file, 0, 0, "the tag should be %s, not %s",
		    want, rec->tag.s);
	name = xasprintf("refs/tags/%s", want);
	if (git_reference_lookup(&ref, g, name) < 0)
		diag_err(vd, rec->file, 0, 0, "the tag %s does not exist",
		    want);
	else if (git_reference_target(ref) == NULL ||
	    git_tag_lookup(&tag, g, git_reference_target(ref)) < 0)
		diag_err(vd, rec->file, 0, 0, "the tag %s is not an annotated "
		    "tag", want);
	else if (git_tag_peel(&peeled, tag) < 0)
		diag_err(vd, rec->file, 0, 0, "the tag %s points at nothing",
		    want);
	else {
		git_oid_tostr(hex, sizeof(hex), git_object_id(peeled));
		if (strcmp(hex, rec->commit.s) != 0)
			diag_err(vd, rec->file, 0, 0, "the tag %s points at "
			    "commit %s; the record says %s", want, hex,
			    rec->commit.s);
	}
	git_object_free(peeled);
	git_tag_free(tag);
	git_reference_free(ref);
	free(name);
	free(want);
}

/*
 * Check that the recorded commit of rec exists and is in the history
 * of head.  Returns 1 when it exists (it can be rebuilt), else 0.
 */
static int
S_check_commit(git_repository *g, const struct record *rec,
    const git_oid *head, struct diag *vd)
{
	git_commit *commit = NULL;
	git_oid id;

	if (git_oid_fromstr(&id, rec->commit.s) < 0 ||
	    git_commit_lookup(&commit, g, &id) < 0) {
		diag_err(vd, rec->file, 0, 0, "the commit %s is not in the "
		    "repository", rec->commit.s);
		return 0;
	}
	git_commit_free(commit);
	if (!git_oid_equal(&id, head) &&
	    git_graph_descendant_of(g, head, &id) != 1)
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
 * Rebuild the signed version of rec from its commit into the folder
 * tmp, and compare the source and the outputs with the archived files
 * of the working content c.
 */
static void
S_check_rebuild(struct repo *r, struct content *c, const struct record *rec,
    const char *today, const char *tmp, struct diag *vd)
{
	struct diag scratch = DIAG_INIT;
	struct source *src = NULL, *out = NULL;
	struct content at;
	struct doc *doc;
	char *rel = NULL, *path = NULL, *a = NULL, *b = NULL;
	size_t i, alen, blen;

	memset(&at, 0, sizeof(at));
	if (S_load_at(r, rec->commit.s, NULL, today, &at, &src, &scratch) < 0 ||
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
	rel = xasprintf("%s/%s.md", rec->dir, S_base(doc));
	path = source_path(c->src, rel);
	if (source_read(c->src, rel, &a, &alen) == 0 &&
	    (alen != doc->len || memcmp(a, doc->text, alen) != 0))
		diag_err(vd, path, 0, 0, "differs from %s at commit %.7s "
		    "(from byte %zu)", rec->document.s, rec->commit.s,
		    S_first_diff(a, alen, doc->text, doc->len));
	free(a);
	a = NULL;
	if (S_render_signed(&at, doc, rec, tmp, &scratch) < 0) {
		diag_err(vd, rec->file, 0, 0, "cannot be rebuilt from commit "
		    "%.7s: %s", rec->commit.s, scratch.errors > 0 ?
		    scratch.v[scratch.n - 1].msg : "unknown problem");
		goto out;
	}
	out = source_fs_open(tmp);
	for (i = 0; S_rendered[i] != NULL && out != NULL; i++) {
		free(rel);
		free(path);
		rel = xasprintf("%s/%s.%s", rec->dir, S_base(doc),
		    S_rendered[i]);
		path = source_path(c->src, rel);
		if (source_read(c->src, rel, &a, &alen) < 0)
			continue;	/* reported as missing */
		if (source_read(out, rel, &b, &blen) < 0)
			diag_err(vd, path, 0, 0, "was not rebuilt");
		else if (alen != blen || memcmp(a, b, alen) != 0)
			diag_err(vd, path, 0, 0, "differs from a rebuild from "
			    "commit %.7s (from byte %zu; archived by %s, "
			    "rebuilt by pakt %s)", rec->commit.s,
			    S_first_diff(a, alen, b, blen), rec->generator.s ?
			    rec->generator.s : "an unknown program",
			    PAKT_VERSION);
		free(a);
		free(b);
		a = b = NULL;
	}
	S_unwrite(tmp, rec, S_base(doc), NULL);
out:
	source_close(out);
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

/*
 * Walk the history of HEAD and record every change to a file below the
 * archive folder other than its addition: with the record it belongs
 * to, else in d.  Returns 0, or -1 when the history cannot be read.
 */
static int
S_check_history(struct repo *r, struct verdict *v, size_t n, struct diag *d)
{
	git_repository *g = repo_git(r);
	git_diff_options opts;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	const git_diff_delta *dd;
	struct verdict *owner;
	char *spec, *path, *rel;
	size_t i, k, plen = strlen(repo_prefix(r));
	git_oid id;
	int rc = -1;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	spec = xasprintf("%s%s/", repo_prefix(r), ARCHIVE_DIR);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	if (git_revwalk_new(&walk, g) < 0 || git_revwalk_push_head(walk) < 0)
		goto fail;
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&commit, g, &id) < 0 ||
		    git_commit_tree(&tree, commit) < 0)
			goto fail;
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
				path = (char *)dd->old_file.path;
				rel = strlen(path) > plen ? path + plen : path;
				owner = S_owner(v, n, rel);
				diag_err(owner != NULL ? &owner->d : d, rel, 0,
				    0, "was %s after it was archived, in "
				    "commit %.7s: %s", dd->status ==
				    GIT_DELTA_DELETED ? "deleted" :
				    "modified", git_oid_tostr_s(&id),
				    git_commit_summary(commit));
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
	repo_git_err(d, NULL, "cannot walk the history of the archive");
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

/* What the check of tags without a record needs. */
struct tagscan {
	const struct content	*c;
	struct diag		*d;
};

/* For each reference: a signed/ tag must have a record. */
static int
S_tag_cb(const char *name, void *arg)
{
	const char *prefix = "refs/tags/signed/";
	struct tagscan *ts = arg;
	size_t i;

	if (strncmp(name, prefix, strlen(prefix)) != 0)
		return 0;
	for (i = 0; i < ts->c->nrecords; i++)
		if (strcmp(ts->c->records[i].tag.s, name + 10) == 0)
			return 0;
	diag_err(ts->d, NULL, 0, 0, "the tag %s has no record in the archive "
	    "(was %s%s deleted?)", name + 10, ARCHIVE_DIR,
	    name + strlen(prefix) - 1);
	return 0;
}

int
archive_verify(struct content *c, struct repo *r, struct verdict **v,
    size_t *n, struct diag *d)
{
	git_repository *g = repo_git(r);
	struct tagscan ts = { c, d };
	size_t i, bad = 0, before = d->errors;
	char tmp[64];
	const char *today;
	git_oid head;

	*v = NULL;
	*n = 0;
	if (git_reference_name_to_id(&head, g, "HEAD") < 0) {
		repo_git_err(d, NULL, "the repository has no commit");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/pakt-verify.XXXXXX",
	    getenv("TMPDIR") != NULL && *getenv("TMPDIR") == '/' &&
	    strlen(getenv("TMPDIR")) < 40 ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmp) == NULL) {
		diag_err(d, tmp, 0, 0, "cannot make a scratch folder: %s",
		    strerror(errno));
		return -1;
	}
	*v = xcalloc(c->nrecords ? c->nrecords : 1, sizeof(**v));
	*n = c->nrecords;
	today = "9999-12-31";	/* the state rendered is always signed */
	for (i = 0; i < c->nrecords; i++) {
		(*v)[i].rec = &c->records[i];
		S_check_files(c, &c->records[i], &(*v)[i].d);
		S_check_tag(g, &c->records[i], &(*v)[i].d);
		if (S_check_commit(g, &c->records[i], &head, &(*v)[i].d))
			S_check_rebuild(r, c, &c->records[i], today, tmp,
			    &(*v)[i].d);
	}
	S_check_history(r, *v, *n, d);
	git_reference_foreach_name(g, S_tag_cb, &ts);
	rmdir(tmp);
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
