/*
 * site.c - build the website from a loaded content folder.
 */
#include "site.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "cache.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "labels.h"
#include "output.h"
#include "pages.h"
#include "render.h"
#include "render_html.h"
#include "render_pdf.h"
#include "source.h"
#include "state.h"
#include "template.h"

/* Documents rendered between writes, so memory stays bounded. */
#define BATCH	64

/* One build into an output folder. */
struct build {
	struct outdir		*out;
	const struct site_opts	*o;
	struct site_stats	*st;
	struct render_kit	 kit;		/* of the content built */
	struct cache		 cache;
	char			 digest[CACHE_KEY_LEN + 1];	/* templates */
	char			 site_key[CACHE_KEY_LEN + 1];	/* pakt.yaml */
	char			(*series_keys)[CACHE_KEY_LEN + 1];
					/* each series.yaml, by series */
	pthread_mutex_t		 lock;		/* guards done, callbacks */
	size_t			 done, total;	/* documents to render */
};

/* One document to render, and the key of its inputs. */
struct job {
	struct render_job r;
	char		 key[CACHE_KEY_LEN + 1];
};

/* An earlier version of a document to write with --all-versions. */
struct old {
	char		*rel;		/* the document's source */
	char		*outstem;	/* <stem>/v<N>/<name> */
	char		 id[HIST_ID_LEN + 1];	/* its commit */
	char		 short_id[HIST_SHORT_LEN + 1];
	unsigned	 version, newest;
	char		 key[CACHE_KEY_LEN + 1];
};

/*
 * Render template name with page and write it to out/rel.  An index
 * page (keyed) is left as it is when its data and the templates are the
 * same as in the last build.
 */
static int
S_emit(struct build *bd, struct pages *pg, const char *name,
    struct tval *page, const char *rel, int keyed, struct diag *d)
{
	struct buf b = BUF_INIT;
	char key[CACHE_KEY_LEN + 1];
	struct key k;
	int rc = -1;

	if (keyed) {
		key_begin(&k);
		key_str(&k, "page " PAKT_VERSION);
		key_str(&k, bd->digest);
		key_str(&k, name);
		tval_dump(page, &k.b);
		key_end(&k, key);
		if (cache_fresh(&bd->cache, rel, key, &rel, 1)) {
			outdir_keep(bd->out, rel);
			cache_put(&bd->cache, rel, key);
			if (bd->o->note != NULL)
				bd->o->note(bd->o->arg, "unchanged", rel);
			return 0;
		}
	}
	if (pages_render(pg, name, page, &b, d) == 0)
		rc = outdir_write(bd->out, rel, b.ptr, b.len, d);
	else
		outdir_keep(bd->out, rel);	/* the earlier page stays */
	buf_free(&b);
	if (keyed && rc == 0) {
		cache_put(&bd->cache, rel, key);
		bd->st->pages++;
		if (bd->o->note != NULL)
			bd->o->note(bd->o->arg, "rendered", rel);
	}
	return rc;
}

/* The size of file rel in the output folder arg, or -1. */
static long long
S_out_size(const void *arg, const char *rel)
{
	const struct outdir *out = arg;

	return out_size(out->root, rel);
}

/*
 * The downloads of doc that exist in out (its PDF and ODT), with href
 * relative to the document's folder, or its period's when from_period.
 */
static struct tval *
S_downloads(const struct doc *doc, const struct outdir *out,
    int from_period)
{
	return render_downloads(doc, S_out_size, out, from_period);
}
/* The file name of doc without folders and extension. */
static const char *
S_name(const struct doc *doc)
{
	const char *slash = strrchr(doc->stem, '/');

	return slash != NULL ? slash + 1 : doc->stem;
}

/*
 * With --all-versions, link each earlier committed version in the
 * revision history of doc's page data to its page in <doc>/v<N>/.
 */
static void
S_version_links(const struct build *bd, const struct doc *doc,
    struct tval *data)
{
	struct tval *revs = tval_get(data, "revisions"), *row;
	const char *v;
	char *href;
	size_t i;

	if (!bd->o->all_versions || revs == NULL)
		return;
	for (i = 0; i < tval_len(revs); i++) {
		row = tval_at(revs, i);
		/* the first row is the version on this page */
		if (i == 0 || tval_kind(tval_get(row, "id")) != TVAL_STR)
			continue;
		v = tval_text(tval_get(row, "version"));
		if (doc->newest > 0)
			href = xasprintf("../v%s/%s.html", v, S_name(doc));
		else
			href = xasprintf("%s/v%s/%s.html", S_name(doc), v,
			    S_name(doc));
		tval_set_str(row, "href", href);
		free(href);
	}
}

/*
 * Write the page of doc, whose page data (owned by it now) is data; when
 * the template fails, the earlier page stays.
 */
static int
S_doc_page(struct build *bd, struct render_kit *kit, struct doc *doc,
    struct tval *data, struct diag *d)
{
	char *rel = doc_html_path(doc);
	struct buf b = BUF_INIT;
	int rc = -1;

	S_version_links(bd, doc, data);
	if (render_doc_page(kit, doc, data, S_downloads(doc, bd->out, 0), &b,
	    d) == 0)
		rc = outdir_write(bd->out, rel, b.ptr, b.len, d);
	else
		outdir_keep(bd->out, rel);	/* the earlier page stays */
	buf_free(&b);
	free(rel);
	return rc;
}

/*
 * Link an archived file of record rec in out, for a page at rel: add
 * {name, href, size, sha256, attachment} to list.
 */
static void
S_archived_file(struct tval *list, const struct record *rec,
    const struct afile *f, const char *rel, int english)
{
	struct tval *item = tval_push(list, tval_map());
	char size[32], *up = path_up(rel), *href;

	href = xasprintf("%s%s/%s", up, rec->dir, f->name.s);
	render_format_size(size, sizeof(size), f->size, english);
	tval_set_str(item, "name", f->name.s);
	tval_set_str(item, "href", href);
	tval_set_str(item, "size", size);
	tval_set_str(item, "sha256", f->sha256);
	tval_set_bool(item, "attachment", f->attachment);
	free(href);
	free(up);
}

/* The valid documents of p as the list a period page shows. */
static struct tval *
S_doc_list(const struct period *p, const struct outdir *out, int english)
{
	struct tval *list = tval_list(), *item, *dl, *st;
	const struct doc *doc;
	char *href, *rel;
	size_t i;

	for (i = 0; i < p->ndocs; i++) {
		doc = p->docs[i];
		if (!doc->ok)
			continue;
		item = tval_push(list, tval_map());
		href = xasprintf("%s.html", doc->stem + strlen(p->rel) + 1);
		tval_set_str(item, "href", href);
		tval_set_str(item, "title", doc->meta.title.s);
		tval_set_str(item, "subtitle", doc->meta.subtitle.s);
		tval_set_str(item, "description", doc->meta.description.s);
		tval_set_str(item, "type_label",
		    label_type(doc->meta.type, english));
		tval_set_str(item, "date", doc->meta.date.s);
		tval_set_bool(item, "draft", doc_is_draft(doc));
		rel = xasprintf("%s/index.html", p->rel);
		if ((st = doc_state_data(doc, rel, english)) != NULL)
			tval_set(item, "state", st);
		free(rel);
		if (doc->hist.n > 0) {
			free(href);
			href = xasprintf("%u", doc->hist.revs[0].version);
			tval_set_str(item, "version", href);
			tval_set_bool(item, "uncommitted",
			    doc->hist.uncommitted);
		}
		dl = tval_set(item, "downloads", S_downloads(doc, out, 1));
		tval_set_bool(item, "has_downloads", tval_len(dl) > 0);
		free(href);
	}
	return list;
}

/* The parties of s as a list of {id, name}. */
static struct tval *
S_parties(const struct series *s)
{
	struct tval *list = tval_list(), *item;
	size_t i;

	for (i = 0; i < s->nparties; i++) {
		item = tval_push(list, tval_map());
		tval_set_str(item, "id", s->parties[i].id.s);
		tval_set_str(item, "name", s->parties[i].name.s);
	}
	return list;
}

static int
S_period_page(struct build *bd, struct period *p, struct diag *d)
{
	struct content *c = bd->kit.c;
	int en = c->conf.english;
	struct tval *page, *docs;
	char *rel = xasprintf("%s/index.html", p->rel), *title;
	int rc;

	title = xasprintf("%s %s", p->series->name.s, p->name);
	page = render_page_data(c, rel, en, title);
	render_crumbs(page, p->series, NULL, en);
	tval_set_str(page, "series_name", p->series->name.s);
	tval_set_str(page, "period", p->name);
	tval_set(page, "parties", S_parties(p->series));
	docs = tval_set(page, "docs", S_doc_list(p, bd->out, en));
	tval_set_bool(page, "has_docs", tval_len(docs) > 0);
	rc = S_emit(bd, &bd->kit.pg, "period", page, rel, 1, d);
	tval_free(page);
	free(title);
	free(rel);
	return rc;
}

/*
 * The signature register of series s for its page at rel: every record
 * of the series, newest period first, as {period, title, href (the
 * document's page while it exists), version, date, signers: [{name,
 * role, party, date, place}], files: [S_archived_file()]}.
 */
static struct tval *
S_register(const struct content *c, const struct series *s, const char *rel)
{
	struct tval *list = tval_list(), *item, *sl, *fl, *it;
	const struct record *rec;
	const struct signer *sg;
	const struct doc *doc;
	char *href, num[16];
	size_t i, j, k;

	for (i = 0; i < s->nperiods; i++)
		for (j = 0; j < c->nrecords; j++) {
			rec = &c->records[j];
			if (strcmp(rec->series.s, s->id) != 0 ||
			    strcmp(rec->period.s, s->periods[i].name) != 0)
				continue;
			item = tval_push(list, tval_map());
			tval_set_str(item, "period", rec->period.s);
			tval_set_str(item, "title", rec->title.s != NULL ?
			    rec->title.s : rec->document.s);
			doc = content_doc(c, rec->document.s);
			if (doc != NULL && doc->ok) {
				href = xasprintf("%s.html", doc->stem +
				    strlen(s->id) + 1);
				tval_set_str(item, "href", href);
				free(href);
			}
			snprintf(num, sizeof(num), "%u", rec->version);
			tval_set_str(item, "version", num);
			tval_set_str(item, "date", record_date(rec));
			sl = tval_set(item, "signers", tval_list());
			for (k = 0; k < rec->nsigners; k++) {
				sg = &rec->signers[k];
				it = tval_push(sl, tval_map());
				tval_set_str(it, "name", sg->name.s);
				tval_set_str(it, "role", sg->role.s);
				tval_set_str(it, "party", sg->party_name.s);
				tval_set_str(it, "date", sg->date.s);
				tval_set_str(it, "place", sg->place.s);
			}
			fl = tval_set(item, "files", tval_list());
			for (k = 0; k < rec->nfiles; k++)
				S_archived_file(fl, rec, &rec->files[k], rel,
				    c->conf.english);
		}
	return list;
}

static int
S_series_page(struct build *bd, struct series *s, struct diag *d)
{
	struct content *c = bd->kit.c;
	int en = c->conf.english;
	struct tval *page, *list, *item;
	const struct doc *ag;
	char *rel = xasprintf("%s/index.html", s->id), *href;
	size_t i, j, n;
	int rc;

	page = render_page_data(c, rel, en, s->name.s);
	render_crumbs(page, NULL, NULL, en);
	tval_set_str(page, "series_name", s->name.s);
	tval_set_str(page, "description", s->description.s);
	tval_set(page, "parties", S_parties(s));
	list = tval_set(page, "periods", tval_list());
	for (i = 0; i < s->nperiods; i++) {
		item = tval_push(list, tval_map());
		href = xasprintf("%s/index.html", s->periods[i].name);
		tval_set_str(item, "name", s->periods[i].name);
		tval_set_str(item, "href", href);
		free(href);
		for (n = 0, j = 0; j < s->periods[i].ndocs; j++)
			n += s->periods[i].docs[j]->ok;
		href = xasprintf("%zu", n);
		tval_set_str(item, "ndocs", href);
		free(href);
		if ((ag = period_doc(&s->periods[i], NULL,
		    DOC_AGREEMENT)) != NULL) {
			href = xasprintf("%s.html", ag->stem + strlen(s->id) + 1);
			tval_set_str(item, "agreement_title", ag->meta.title.s);
			tval_set_str(item, "agreement_href", href);
			free(href);
		}
	}
	tval_set_bool(page, "has_periods", s->nperiods > 0);
	list = tval_set(page, "register", S_register(c, s, rel));
	tval_set_bool(page, "has_register", tval_len(list) > 0);
	rc = S_emit(bd, &bd->kit.pg, "series", page, rel, 1, d);
	tval_free(page);
	free(rel);
	return rc;
}

static int
S_index_page(struct build *bd, struct diag *d)
{
	struct content *c = bd->kit.c;
	int en = c->conf.english;
	struct tval *page, *list, *item;
	struct series *s;
	char *href;
	size_t i;
	int rc;

	page = render_page_data(c, "index.html", en, c->conf.title.s);
	tval_set_bool(page, "is_home", 1);
	list = tval_set(page, "series", tval_list());
	for (i = 0; i < c->nseries; i++) {
		s = &c->series[i];
		item = tval_push(list, tval_map());
		href = xasprintf("%s/index.html", s->id);
		tval_set_str(item, "name", s->name.s);
		tval_set_str(item, "href", href);
		tval_set_str(item, "description", s->description.s);
		tval_set(item, "parties", S_parties(s));
		free(href);
		if (s->nperiods > 0) {
			href = xasprintf("%s/index.html", s->periods[0].rel);
			tval_set_str(item, "latest", s->periods[0].name);
			tval_set_str(item, "latest_href", href);
			free(href);
		}
	}
	tval_set_bool(page, "has_series", c->nseries > 0);
	rc = S_emit(bd, &bd->kit.pg, "index", page, "index.html", 1, d);
	tval_free(page);
	return rc;
}

/* Copy a file the documents use from the content folder to out. */
static int
S_copy_asset(struct content *c, const char *rel, struct outdir *out,
    struct diag *d)
{
	char *data;
	size_t len;
	int rc;

	if (source_read(c->src, rel, &data, &len) < 0) {
		char *path = source_path(c->src, rel);

		diag_err(d, path, 0, 0, "cannot read the file");
		free(path);
		return -1;
	}
	rc = outdir_write(out, rel, data, len, d);
	free(data);
	return rc;
}

/*
 * Copy the archive to out: every file of every record, and the record,
 * at their paths in the content folder.
 */
static void
S_copy_archive(struct content *c, struct outdir *out, struct diag *d)
{
	const struct record *rec;
	char *rel;
	size_t i, j;

	for (i = 0; i < c->nrecords; i++) {
		rec = &c->records[i];
		for (j = 0; j <= rec->nfiles; j++) {
			rel = xasprintf("%s/%s", rec->dir, j < rec->nfiles ?
			    rec->files[j].name.s : RECORD_NAME);
			S_copy_asset(c, rel, out, d);
			free(rel);
		}
	}
}

/*
 * Copy the files of the templates' assets/ folder (the style sheet and
 * whatever a municipality adds, like a logo) to OUT/assets.  Returns 0,
 * or -1 when there is no style sheet or a file cannot be written.
 */
static int
S_theme_assets(struct pages *pg, struct outdir *out, struct diag *d)
{
	char **names, *rel, *data;
	size_t n, i, len;
	int rc = 0, css = 0;

	n = pages_assets(pg, &names);
	for (i = 0; i < n; i++) {
		rel = xasprintf("assets/%s", names[i]);
		css |= strcmp(names[i], "style.css") == 0;
		if (pages_read(pg, rel, &data, &len) < 0) {
			diag_err(d, NULL, 0, 0, "cannot read template %s", rel);
			rc = -1;
		} else {
			if (outdir_write(out, rel, data, len, d) < 0)
				rc = -1;
			free(data);
		}
		free(rel);
		free(names[i]);
	}
	free(names);
	if (!css) {
		diag_err(d, NULL, 0, 0, "template assets/style.css not found in "
		    "%s", pg->dir);
		rc = -1;
	}
	return rc;
}

/* Add the options that change every output to k. */
static void
S_key_opts(const struct build *bd, struct key *k)
{
	key_str(k, "pakt " PAKT_VERSION);
	key_num(k, bd->o->pdf);
	key_num(k, bd->o->odt);
	key_num(k, bd->o->all_versions);
	key_str(k, bd->digest);
}

/*
 * The hash of file rel of the content folder into hex, or "" when it
 * cannot be read.
 */
static void
S_file_hash(struct content *c, const char *rel, char hex[CACHE_KEY_LEN + 1])
{
	char *data;
	size_t len;

	*hex = '\0';
	if (source_read(c->src, rel, &data, &len) == 0) {
		key_of(data, len, hex);
		free(data);
	}
}

/* Add a file of the content folder to k by its hash. */
static void
S_key_file(struct content *c, const char *rel, struct key *k)
{
	char hex[CACHE_KEY_LEN + 1];

	S_file_hash(c, rel, hex);
	key_str(k, rel);
	key_str(k, hex);
}

/* Add the state of doc to k: the state, the record, the successor. */
static void
S_key_state(const struct doc *doc, struct key *k)
{
	const struct record *rec = doc->signed_rec;
	struct buf b = BUF_INIT;

	key_num(k, doc->state);
	key_str(k, doc->successor != NULL ? doc->successor->name : NULL);
	if (rec != NULL) {
		key_str(k, rec->dir);
		if (record_write(rec, &b) == 0)
			key_add(k, b.ptr, b.len);
		buf_free(&b);
	}
}

/*
 * The key of the newest version of doc: its text, the documents its
 * outputs show parts of (the focus areas and action plan of its
 * period), the files it uses, its history, the site and series
 * settings, the templates and the options.
 */
static void
S_doc_key(struct build *bd, struct doc *doc, char key[CACHE_KEY_LEN + 1])
{
	struct content *c = bd->kit.c;
	const struct period *p = doc->period;
	const struct doc *o;
	const struct rev *r;
	struct key k;
	size_t i;

	key_begin(&k);
	key_str(&k, "doc");
	S_key_opts(bd, &k);
	key_str(&k, bd->site_key);
	key_str(&k, bd->series_keys[doc->series - c->series]);
	key_str(&k, doc->rel);
	key_add(&k, doc->text, doc->len);
	if (doc->meta.type == DOC_FOCUS_AREA ||
	    doc->meta.type == DOC_ACTION_PLAN)
		for (i = 0; i < p->ndocs; i++) {
			o = p->docs[i];
			if (o == doc || !doc_has_meta(o) ||
			    (o->meta.type != DOC_FOCUS_AREA &&
			    o->meta.type != DOC_ACTION_PLAN))
				continue;
			key_str(&k, o->rel);
			key_add(&k, o->text, o->len);
		}
	for (i = 0; i < doc->nuses; i++)
		S_key_file(c, doc->uses[i], &k);
	S_key_state(doc, &k);
	key_num(&k, doc->hist.uncommitted);
	for (i = 0; i < doc->hist.n; i++) {
		r = &doc->hist.revs[i];
		key_num(&k, r->version);
		key_str(&k, r->id);
		key_num(&k, r->time);
		key_num(&k, r->offset);
		key_str(&k, r->author);
		key_str(&k, r->subject);
	}
	key_end(&k, key);
}

/*
 * The output files of a document whose outputs go to outstem (page,
 * PDF, ODT) into files, which the caller frees; returns how many.
 */
static size_t
S_doc_files(const struct build *bd, const char *outstem, char *files[3])
{
	size_t n = 0;

	files[n++] = xasprintf("%s.html", outstem);
	if (bd->o->pdf)
		files[n++] = xasprintf("%s.pdf", outstem);
	if (bd->o->odt)
		files[n++] = xasprintf("%s.odt", outstem);
	return n;
}

/*
 * Whether the outputs of the unit whose files are given are up to date
 * (key unchanged, files there); if so they are kept and noted.
 */
static int
S_fresh(struct build *bd, const char *unit, const char *key, char **files,
    size_t n)
{
	size_t i;

	if (!cache_fresh(&bd->cache, unit, key, (const char *const *)files,
	    n))
		return 0;
	for (i = 0; i < n; i++)
		outdir_keep(bd->out, files[i]);
	cache_put(&bd->cache, unit, key);
	if (bd->o->note != NULL)
		bd->o->note(bd->o->arg, "unchanged", unit);
	return 1;
}

/* Render the PDF and ODT of job (any thread). */
static void
S_render(struct build *bd, struct job *j)
{
	render_job_files(&j->r, bd->o->pdf, bd->o->odt);
	pthread_mutex_lock(&bd->lock);
	bd->done++;
	if (bd->o->progress != NULL)
		bd->o->progress(bd->o->arg, bd->done, bd->total);
	pthread_mutex_unlock(&bd->lock);
}

/* The jobs a pool of threads shares. */
struct pool {
	struct build	*bd;
	struct job	*jobs;
	size_t		 n, next;
	pthread_mutex_t	 lock;
};

static void *
S_worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		S_render(p->bd, &p->jobs[i]);
	}
}

/*
 * Render the PDFs and ODTs of n jobs with up to o->jobs threads (the
 * calling thread is one of them).
 */
static void
S_render_all(struct build *bd, struct job *jobs, size_t n)
{
	pthread_t tids[64];
	struct pool p;
	size_t i, nt = 0, want;

	memset(&p, 0, sizeof(p));
	p.bd = bd;
	p.jobs = jobs;
	p.n = n;
	pthread_mutex_init(&p.lock, NULL);
	want = bd->o->jobs > 1 ? (size_t)bd->o->jobs - 1 : 0;
	if (want > n)
		want = n;
	if (want > sizeof(tids) / sizeof(tids[0]))
		want = sizeof(tids) / sizeof(tids[0]);
	for (i = 0; i < want; i++)
		if (pthread_create(&tids[nt], NULL, S_worker, &p) == 0)
			nt++;
	S_worker(&p);
	for (i = 0; i < nt; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&p.lock);
}

/*
 * Write the file of doc with extension ext that a renderer made into b
 * (rendered is what the renderer returned); when it could not be made,
 * the earlier file stays.  Frees b.  Returns 0 or -1.
 */
static int
S_doc_file(struct outdir *out, const struct doc *doc, const char *ext,
    int rendered, struct buf *b, struct diag *d)
{
	char *rel = xasprintf("%s.%s", doc_outstem(doc), ext);
	int rc = -1;

	if (rendered == 0)
		rc = outdir_write(out, rel, b->ptr, b->len, d);
	else
		outdir_keep(out, rel);
	buf_free(b);
	free(rel);
	return rc;
}

/*
 * Write what job rendered: the PDF and ODT first, so that the page can
 * give their sizes, then the page.  Records the key when all went well.
 * Returns 0 or -1.
 */
static int
S_finish(struct build *bd, struct job *j, struct diag *d)
{
	int rc = 0;

	render_job_diag(&j->r, d);
	if (bd->o->pdf && S_doc_file(bd->out, j->r.doc, "pdf", j->r.pdf_rc,
	    &j->r.pdf, d) < 0)
		rc = -1;
	if (bd->o->odt && S_doc_file(bd->out, j->r.doc, "odt", j->r.odt_rc,
	    &j->r.odt, d) < 0)
		rc = -1;
	html_toc_free(&j->r.toc);
	if (S_doc_page(bd, j->r.kit, j->r.doc, j->r.data, d) < 0)
		rc = -1;
	j->r.data = NULL;
	if (rc == 0) {
		cache_put(&bd->cache, doc_outstem(j->r.doc), j->key);
		bd->st->rendered++;
		if (bd->o->note != NULL)
			bd->o->note(bd->o->arg, "rendered",
			    doc_outstem(j->r.doc));
	}
	return rc;
}

/*
 * Render and write the jobs, a batch at a time.  Returns how many were
 * written without a problem.
 */
static size_t
S_run(struct build *bd, struct job *jobs, size_t n, struct diag *d)
{
	size_t i, k, m, ok = 0;

	for (i = 0; i < n; i += BATCH) {
		m = n - i < BATCH ? n - i : BATCH;
		/* the page data is made here, in one thread */
		for (k = i; k < i + m; k++)
			render_job_data(&jobs[k].r);
		S_render_all(bd, jobs + i, m);
		for (k = i; k < i + m; k++)
			if (S_finish(bd, &jobs[k], d) == 0)
				ok++;
	}
	return ok;
}

/* The key of an earlier version: what its commit holds is fixed. */
static void
S_old_key(struct build *bd, struct old *v)
{
	struct key k;

	key_begin(&k);
	key_str(&k, "old");
	S_key_opts(bd, &k);
	key_str(&k, v->id);
	key_str(&k, v->rel);
	key_str(&k, v->outstem);
	key_end(&k, v->key);
}

/*
 * The earlier versions of the documents of c to publish: every
 * committed version but the one at the plain URL.  Those already up to
 * date are kept; the others are returned (sorted by commit) to render.
 */
static struct old *
S_plan_old(struct build *bd, size_t *nold)
{
	struct content *c = bd->kit.c;
	struct old *v = NULL, cand;
	const struct rev *r;
	struct doc *doc;
	char *files[3], *dir;
	size_t i, j, n = 0, nf, f;

	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		if (!doc->ok)
			continue;
		for (j = doc->hist.uncommitted ? 0 : 1; j < doc->hist.n; j++) {
			r = &doc->hist.revs[j];
			if (*r->id == '\0')
				continue;
			memset(&cand, 0, sizeof(cand));
			cand.rel = doc->rel;
			cand.outstem = xasprintf("%s/v%u/%s", doc->stem,
			    r->version, S_name(doc));
			memcpy(cand.id, r->id, sizeof(cand.id));
			memcpy(cand.short_id, r->short_id,
			    sizeof(cand.short_id));
			cand.version = r->version;
			cand.newest = doc->hist.revs[0].version;
			S_old_key(bd, &cand);
			bd->st->versions++;
			nf = S_doc_files(bd, cand.outstem, files);
			dir = xasprintf("%s/v%u/", doc->stem, r->version);
			if (S_fresh(bd, cand.outstem, cand.key, files, nf)) {
				outdir_keep(bd->out, dir);
				free(cand.outstem);
			} else {
				cand.rel = xstrdup(doc->rel);
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = cand;
			}
			free(dir);
			for (f = 0; f < nf; f++)
				free(files[f]);
		}
	}
	*nold = n;
	return v;
}

static int
S_old_cmp(const void *a, const void *b)
{
	const struct old *x = a, *y = b;
	int r = strcmp(x->id, y->id);

	return r != 0 ? r : strcmp(x->outstem, y->outstem);
}

/*
 * Render the earlier versions v[0..n), which share commit v[0].id: load
 * the content folder as it was then and render each document from it
 * to its v<N>/ folder.  A version that cannot be built is reported as a
 * warning; it does not fail the build.
 */
static void
S_old_group(struct build *bd, struct old *v, size_t n, struct diag *d)
{
	struct diag scratch = DIAG_INIT;
	struct content c;
	struct source *src = NULL;
	struct render_kit kit;
	struct job *jobs;
	struct doc *doc;
	size_t i, nj = 0;
	int loaded = 0;

	memset(&c, 0, sizeof(c));
	memset(&kit, 0, sizeof(kit));
	jobs = xcalloc(n, sizeof(*jobs));
	if (state_load_commit(bd->o->repo, v[0].id, v[0].short_id,
	    bd->o->today != NULL ? bd->o->today : "0000-00-00", &c, &src,
	    &scratch) < 0 ||
	    render_kit_init(&kit, &c, bd->o->pdf, bd->o->odt, &scratch) < 0)
		goto out;
	loaded = 1;
	for (i = 0; i < n; i++) {
		doc = content_doc(&c, v[i].rel);
		if (doc == NULL || !doc->ok) {
			char *path = source_path(bd->kit.c->src, v[i].rel);

			diag_warn(d, path, 0, 0, "version %u (%s) has errors "
			    "and is not published", v[i].version,
			    v[i].short_id);
			free(path);
			continue;
		}
		doc->outstem = xstrdup(v[i].outstem);
		doc->newest = v[i].newest;
		jobs[nj].r.doc = doc;
		jobs[nj].r.kit = &kit;
		memcpy(jobs[nj].key, v[i].key, sizeof(jobs[nj].key));
		nj++;
	}
	S_run(bd, jobs, nj, d);
out:
	if (!loaded)
		for (i = 0; i < scratch.n; i++)
			diag_warn(d, scratch.v[i].file, scratch.v[i].line,
			    scratch.v[i].col, "earlier versions from %s are "
			    "not published: %s", v[0].short_id,
			    scratch.v[i].msg);
	free(jobs);
	render_kit_free(&kit);
	content_free(&c);
	source_close(src);
	diag_free(&scratch);
}

/* Write every earlier version of the documents that is not up to date. */
static void
S_old_versions(struct build *bd, struct old *v, size_t n, struct diag *d)
{
	size_t i, j;

	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), S_old_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].id, v[i].id) == 0; j++)
			continue;
		S_old_group(bd, v + i, j - i, d);
	}
}

/*
 * Plan the newest versions: keep each valid document whose outputs are
 * up to date, return the others as jobs.  A document with errors keeps
 * the earlier outputs of its whole period: its own, and the images it
 * used, which cannot be told from the rest while its text is broken.
 */
static struct job *
S_plan(struct build *bd, size_t *njobs, size_t *kept)
{
	struct content *c = bd->kit.c;
	struct job *jobs = xcalloc(c->ndocs ? c->ndocs : 1, sizeof(*jobs));
	char key[CACHE_KEY_LEN + 1], *files[3], *prefix;
	struct doc *doc;
	size_t i, f, nf, n = 0;

	*kept = 0;
	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		if (!doc->ok) {
			prefix = xasprintf("%s/", doc->period->rel);
			outdir_keep(bd->out, prefix);
			free(prefix);
			continue;
		}
		bd->st->docs++;
		S_doc_key(bd, doc, key);
		nf = S_doc_files(bd, doc->stem, files);
		if (S_fresh(bd, doc->stem, key, files, nf)) {
			bd->st->unchanged++;
			(*kept)++;
		} else {
			jobs[n].r.doc = doc;
			jobs[n].r.kit = &bd->kit;
			memcpy(jobs[n].key, key, sizeof(key));
			n++;
		}
		for (f = 0; f < nf; f++)
			free(files[f]);
	}
	*njobs = n;
	return jobs;
}

int
site_build(struct content *c, struct outdir *out, const struct site_opts *o,
    struct site_stats *st, struct diag *d)
{
	struct build bd;
	struct buf b = BUF_INIT;
	struct series *s;
	struct job *jobs = NULL;
	struct old *old = NULL;
	char *rel;
	size_t i, j, njobs, nold = 0, kept;
	int written = -1;

	memset(st, 0, sizeof(*st));
	memset(&bd, 0, sizeof(bd));
	bd.out = out;
	bd.o = o;
	bd.st = st;
	pthread_mutex_init(&bd.lock, NULL);
	git_libgit2_init();
	render_init();
	cache_open(&bd.cache, out->root);
	if (render_kit_init(&bd.kit, c, o->pdf, o->odt, d) < 0)
		goto out;
	pages_digest(&bd.kit.pg, &b);
	key_of(b.ptr, b.len, bd.digest);
	buf_free(&b);
	S_file_hash(c, "pakt.yaml", bd.site_key);
	bd.series_keys = xcalloc(c->nseries + 1, sizeof(*bd.series_keys));
	for (i = 0; i < c->nseries; i++) {
		rel = xasprintf("%s/series.yaml", c->series[i].id);
		S_file_hash(c, rel, bd.series_keys[i]);
		free(rel);
	}
	if (S_theme_assets(&bd.kit.pg, out, d) < 0)
		goto out;
	for (i = 0; i < c->nassets; i++)
		S_copy_asset(c, c->assets[i], out, d);
	S_copy_archive(c, out, d);

	jobs = S_plan(&bd, &njobs, &kept);
	if (o->all_versions && o->repo != NULL)
		old = S_plan_old(&bd, &nold);
	bd.total = njobs + nold;
	written = (int)(kept + S_run(&bd, jobs, njobs, d));
	S_old_versions(&bd, old, nold, d);

	for (i = 0; i < c->nseries; i++) {
		s = &c->series[i];
		for (j = 0; j < s->nperiods; j++)
			S_period_page(&bd, &s->periods[j], d);
		S_series_page(&bd, s, d);
	}
	if (S_index_page(&bd, d) < 0 || cache_save(&bd.cache, d) < 0)
		written = -1;
out:
	for (i = 0; i < nold; i++) {
		free(old[i].rel);
		free(old[i].outstem);
	}
	free(old);
	free(jobs);
	free(bd.series_keys);
	render_kit_free(&bd.kit);
	cache_free(&bd.cache);
	pthread_mutex_destroy(&bd.lock);
	git_libgit2_shutdown();
	return written;
}
