/*
 * sign.c - pakt sign: archive the signed version of a document.
 */
#include "sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "output.h"
#include "record.h"
#include "render.h"
#include "source.h"
#include "state.h"

const char *const sign_rendered[] = { "pdf", "odt", "html", NULL };

const char *
sign_base(const struct doc *doc)
{
	return strrchr(doc->stem, '/') + 1;
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

/*
 * Whether the working tree of r has changes or untracked files; the
 * first few paths are recorded in d as errors.  Returns 1, 0 or -1.
 */
static int
S_dirty(struct repo *r, struct diag *d)
{
	struct repo_change *v;
	size_t i, n;

	if (repo_status(r, 5, &v, &n, d) < 0)
		return -1;
	for (i = 0; i < n && i < 5; i++)
		diag_err(d, v[i].path, 0, 0, "%s; commit or remove it before "
		    "signing", v[i].untracked ? "not committed" :
		    "changed since the last commit");
	if (n > 5)
		diag_err(d, NULL, 0, 0, "and %zu more changes", n - 5);
	repo_changes_free(v, n < 5 ? n : 5);
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

int
sign_render(struct content *c, struct doc *doc, const struct record *rec,
    struct render_out *out, struct diag *d)
{
	struct render_kit kit;
	int rc = -1;

	doc->state = STATE_SIGNED;
	doc->signed_rec = rec;
	doc->successor = NULL;
	doc->newest = 0;
	free(doc->outstem);
	doc->outstem = xasprintf("%s/%s", rec->dir, sign_base(doc));
	if (render_kit_init(&kit, c, 1, 1, d) == 0)
		rc = render_doc(&kit, doc, out, d);
	render_kit_free(&kit);
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

	for (i = 0; sign_rendered[i] != NULL; i++) {
		path = xasprintf("%s/%s/%s.%s", root, rec->dir, base,
		    sign_rendered[i]);
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
 * Commit the files of rec below the content folder of r on the current
 * branch, and tag the commit signed_id as rec->tag.  Returns 0; -1
 * after recording why the commit could not be made (the files are
 * taken out of the index again); -2 when it was made but not the tag.
 */
static int
S_commit(struct repo *r, const struct record *rec, const char *signed_id,
    struct diag *d)
{
	struct buf msg = BUF_INIT;
	char **paths;
	size_t i, n = rec->nfiles + 1;
	int rc = -1;

	/* the files, then the record itself */
	paths = xcalloc(n, sizeof(*paths));
	for (i = 0; i < n; i++)
		paths[i] = xasprintf("%s%s/%s", repo_prefix(r), rec->dir,
		    i < rec->nfiles ? rec->files[i].name.s : RECORD_NAME);
	buf_printf(&msg, "Sign %s version %u\n\n", rec->document.s,
	    rec->version);
	S_signed_by(&msg, rec);
	buf_printf(&msg, "\nArchived in %s by %s.\n", rec->dir,
	    rec->generator.s);
	if (repo_commit(r, paths, n, msg.ptr, "cannot commit the archive",
	    d) < 0)
		goto out;
	buf_reset(&msg);
	buf_printf(&msg, "%s version %u, signed\n\n", rec->document.s,
	    rec->version);
	S_signed_by(&msg, rec);
	buf_printf(&msg, "\nArchive: %s\n", rec->dir);
	if (repo_tag(r, rec->tag.s, signed_id, msg.ptr, "the archive is "
	    "committed, but the tag cannot be made", d) < 0) {
		rc = -2;
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	buf_free(&msg);
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
	int valid;

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
	if (!(valid = repo_tag_name_ok(rec->tag.s)))
		diag_err(d, doc->path, 1, 1, "'%s' cannot be a git tag; give "
		    "the document a plain id (letters a-z, digits, hyphens)",
		    rec->tag.s);
	return valid ? 0 : -1;
}

/*
 * Write the outputs ro rendered, the source and the attachment of the
 * signed version to the archive folder below dir, then the record with
 * every file's hash.  Returns 0 or -1.
 */
static int
S_archive_files(const char *dir, const struct doc *doc,
    const struct sign_req *req, struct render_out *ro, struct record *rec,
    struct diag *d)
{
	struct buf b = BUF_INIT;
	const struct buf *made;
	const char *aname = NULL;
	char *rel = NULL, *data = NULL;
	size_t i, len;
	int rc = -1;

	for (i = 0; sign_rendered[i] != NULL; i++) {
		free(rel);
		rel = xasprintf("%s/%s.%s", rec->dir, sign_base(doc),
		    sign_rendered[i]);
		made = render_out_get(ro, sign_rendered[i]);
		if (out_write(dir, rel, made->ptr, made->len, d) < 0)
			goto out;
	}
	free(rel);
	rel = xasprintf("%s/%s.md", rec->dir, sign_base(doc));
	if (out_write(dir, rel, doc->text, doc->len, d) < 0)
		goto out;
	for (i = 0; sign_rendered[i] != NULL; i++) {
		free(rel);
		rel = xasprintf("%s.%s", sign_base(doc), sign_rendered[i]);
		made = render_out_get(ro, sign_rendered[i]);
		S_add_file(rec, rel, made->ptr, made->len, 0);
	}
	free(rel);
	rel = xasprintf("%s.md", sign_base(doc));
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
S_can_archive(struct repo *r, const char *dir, const struct doc *doc,
    const struct record *rec, const struct sign_req *req, struct diag *d)
{
	const char *aname = S_attach_name(req);
	struct stat st;
	char *path;
	size_t n = strlen(sign_base(doc));
	int rc = 0;

	if (doc->signed_rec != NULL &&
	    doc->signed_rec->version == rec->version) {
		diag_err(d, doc->path, 0, 0, "version %u is already signed "
		    "(%s)", rec->version, doc->signed_rec->dir);
		return -1;
	}
	if (repo_tag_exists(r, rec->tag.s)) {
		diag_err(d, doc->path, 0, 0, "version %u is already signed: "
		    "the tag %s exists", rec->version, rec->tag.s);
		rc = -1;
	}
	path = xasprintf("%s/%s", dir, rec->dir);
	if (rc == 0 && lstat(path, &st) == 0) {
		diag_err(d, path, 0, 0, "the archive folder of version %u "
		    "exists already", rec->version);
		rc = -1;
	}
	free(path);
	if (aname != NULL && (!out_path_ok(aname) ||
	    strcmp(aname, RECORD_NAME) == 0 ||
	    (strncmp(aname, sign_base(doc), n) == 0 && aname[n] == '.' &&
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

int
sign_doc(struct repo *r, const char *dir, const struct sign_req *req,
    struct record *out, struct diag *d)
{
	struct diag load = DIAG_INIT;
	struct source *src = NULL;
	struct render_out ro;
	struct content c;
	struct doc *doc = NULL;
	char id[HIST_ID_LEN + 1];
	int rc = -1, written = 0;

	memset(out, 0, sizeof(*out));
	memset(&ro, 0, sizeof(ro));
	memset(&c, 0, sizeof(c));
	if (S_dirty(r, d) != 0)
		goto out;
	if ((rc = repo_resolve(r, "HEAD", id, d)) != 0) {
		if (rc == 1)
			diag_err(d, dir, 0, 0, "the repository has no commit "
			    "to sign yet");
		rc = -1;
		goto out;
	}
	rc = -1;
	/* problems elsewhere in the content do not stop a signing */
	if (state_load_commit(r, id, "HEAD", req->today, &c, &src,
	    &load) < 0) {
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
	if (!doc_type_signed(doc->meta.type)) {
		diag_err(d, doc->path, 0, 0, "a %s is not signed; only "
		    "agreements, focus areas and action plans are",
		    doc_type_name(doc->meta.type));
		goto out;
	}
	if (S_record(out, doc, id, d) < 0 ||
	    S_can_archive(r, dir, doc, out, req, d) < 0 ||
	    S_signers(doc, req, out, d) < 0)
		goto out;
	written = 1;
	if (sign_render(&c, doc, out, &ro, d) < 0 ||
	    S_archive_files(dir, doc, req, &ro, out, d) < 0 ||
	    (rc = S_commit(r, out, id, d)) == -1) {
		rc = -1;
		goto out;
	}
	written = 0;
out:
	if (rc == -1 && written)
		S_unwrite(dir, out, sign_base(doc), S_attach_name(req));
	if (rc != 0)
		record_free(out);
	render_out_free(&ro);
	content_free(&c);
	source_close(src);
	diag_free(&load);
	return rc == 0 ? 0 : -1;
}

