/*
 * site.c - build the website from a loaded content folder.
 */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "labels.h"
#include "output.h"
#include "pages.h"
#include "render_html.h"
#include "render_odt.h"
#include "render_pdf.h"
#include "source.h"
#include "template.h"

/* The formats a document may have beside its HTML page, in link order. */
static const struct {
	const char	*ext, *label;
} S_formats[] = {
	{ "pdf", "PDF" },
	{ "odt", "ODT" },
};

void
site_format_size(char *dst, size_t size, long long bytes, int english)
{
	const char *unit = "kB";
	long long tenths;

	if (bytes < 1000) {
		snprintf(dst, size, "%lld B", bytes);
		return;
	}
	tenths = (bytes + 50) / 100;
	if (bytes >= 1000000) {
		unit = "MB";
		tenths = (bytes + 50000) / 100000;
	}
	snprintf(dst, size, "%lld%c%lld %s", tenths / 10, english ? '.' : ',',
	    tenths % 10, unit);
}

/*
 * The values every page has: language, the way back to the site root,
 * the site's title, labels, and an empty breadcrumb trail.
 */
static struct tval *
S_page(const struct content *c, const char *rel, int english,
    const char *title)
{
	struct tval *p = tval_map();
	char *root = path_up(rel);

	tval_set_str(p, "lang", english ? "en" : "sv");
	tval_set_str(p, "root", root);
	tval_set_str(p, "site_title", c->conf.title.s);
	tval_set_str(p, "page_title", title);
	tval_set(p, "l", labels_tval(english));
	tval_set(p, "crumbs", tval_list());
	free(root);
	return p;
}

/* Add a step to the breadcrumb trail of page: target is relative to the
 * site root, and is reached through the page's root prefix. */
static void
S_crumb(struct tval *page, const char *title, const char *target)
{
	struct tval *c = tval_push(tval_get(page, "crumbs"), tval_map());
	char *href = xasprintf("%s%s", tval_text(tval_get(page, "root")),
	    target);

	tval_set_str(c, "title", title);
	tval_set_str(c, "href", href);
	free(href);
}

/* The trail down to (not including) a page of series s, period p. */
static void
S_crumbs(struct tval *page, const struct series *s, const struct period *p,
    int english)
{
	char *t;

	S_crumb(page, label("home", english), "index.html");
	if (s == NULL)
		return;
	t = xasprintf("%s/index.html", s->id);
	S_crumb(page, s->name.s, t);
	free(t);
	if (p == NULL)
		return;
	t = xasprintf("%s/index.html", p->rel);
	S_crumb(page, p->name, t);
	free(t);
}

/* Render template name with page and write it to out/rel. */
static int
S_emit(struct pages *pg, const char *name, struct tval *page,
    struct outdir *out, const char *rel, struct diag *d)
{
	struct buf b = BUF_INIT;
	int rc = -1;

	if (pages_render(pg, name, page, &b, d) == 0)
		rc = outdir_write(out, rel, b.ptr, b.len, d);
	else
		outdir_keep(out, rel);	/* the earlier page stays */
	buf_free(&b);
	return rc;
}

/*
 * The downloads of doc that exist in out (its PDF and ODT), as a list of
 * {label, href, size} with href relative to a page in the same folder
 * as the document when from_period is 0, or in the period's folder.
 */
static struct tval *
S_downloads(const struct doc *doc, const struct outdir *out, int from_period)
{
	struct tval *list = tval_list(), *item;
	const char *name = doc->stem + strlen(doc->period->rel) + 1;
	char size[32], *rel, *href;
	long long bytes;
	size_t i;

	if (!from_period && strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;
	for (i = 0; i < sizeof(S_formats) / sizeof(S_formats[0]); i++) {
		rel = xasprintf("%s.%s", doc->stem, S_formats[i].ext);
		bytes = out_size(out->root, rel);
		free(rel);
		if (bytes < 0)
			continue;
		item = tval_push(list, tval_map());
		href = xasprintf("%s.%s", name, S_formats[i].ext);
		site_format_size(size, sizeof(size), bytes,
		    doc->meta.english);
		tval_set_str(item, "label", S_formats[i].label);
		tval_set_str(item, "href", href);
		tval_set_str(item, "size", size);
		free(href);
	}
	return list;
}

/* Write the page of doc, whose page data (owned by it now) is data. */
static int
S_doc_page(struct content *c, struct pages *pg, struct doc *doc,
    struct tval *data, struct outdir *out, struct diag *d)
{
	char *rel = doc_html_path(doc);
	struct tval *page, *dl;
	int rc;

	page = S_page(c, rel, doc->meta.english, doc->meta.title.s);
	S_crumbs(page, doc->series, doc->period, doc->meta.english);
	tval_set_str(page, "description", doc->meta.description.s);
	tval_set(page, "doc", data);
	dl = tval_set(page, "downloads", S_downloads(doc, out, 0));
	tval_set_bool(page, "has_downloads", tval_len(dl) > 0);
	rc = S_emit(pg, "document", page, out, rel, d);
	tval_free(page);
	free(rel);
	return rc;
}

/* The valid documents of p as the list a period page shows. */
static struct tval *
S_doc_list(const struct period *p, const struct outdir *out, int english)
{
	struct tval *list = tval_list(), *item, *dl;
	const struct doc *doc;
	char *href;
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
S_period_page(struct content *c, struct pages *pg, struct period *p,
    struct outdir *out, struct diag *d)
{
	int en = c->conf.english;
	struct tval *page, *docs;
	char *rel = xasprintf("%s/index.html", p->rel), *title;
	int rc;

	title = xasprintf("%s %s", p->series->name.s, p->name);
	page = S_page(c, rel, en, title);
	S_crumbs(page, p->series, NULL, en);
	tval_set_str(page, "series_name", p->series->name.s);
	tval_set_str(page, "period", p->name);
	tval_set(page, "parties", S_parties(p->series));
	docs = tval_set(page, "docs", S_doc_list(p, out, en));
	tval_set_bool(page, "has_docs", tval_len(docs) > 0);
	rc = S_emit(pg, "period", page, out, rel, d);
	tval_free(page);
	free(title);
	free(rel);
	return rc;
}

static int
S_series_page(struct content *c, struct pages *pg, struct series *s,
    struct outdir *out, struct diag *d)
{
	int en = c->conf.english;
	struct tval *page, *list, *item;
	const struct doc *ag;
	char *rel = xasprintf("%s/index.html", s->id), *href;
	size_t i, j, n;
	int rc;

	page = S_page(c, rel, en, s->name.s);
	S_crumbs(page, NULL, NULL, en);
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
	rc = S_emit(pg, "series", page, out, rel, d);
	tval_free(page);
	free(rel);
	return rc;
}

static int
S_index_page(struct content *c, struct pages *pg, struct outdir *out,
    struct diag *d)
{
	int en = c->conf.english;
	struct tval *page, *list, *item;
	struct series *s;
	char *href;
	size_t i;
	int rc;

	page = S_page(c, "index.html", en, c->conf.title.s);
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
	rc = S_emit(pg, "index", page, out, "index.html", d);
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

/*
 * Write the file of doc with extension ext that a renderer made into b
 * (rendered is what the renderer returned); when it could not be made,
 * the earlier file stays.  Frees b.  Returns 0 or -1.
 */
static int
S_doc_file(struct outdir *out, const struct doc *doc, const char *ext,
    int rendered, struct buf *b, struct diag *d)
{
	char *rel = xasprintf("%s.%s", doc->stem, ext);
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
 * Write the outputs of doc.  When it has errors, keep the earlier outputs
 * of its whole period: its own, and the images it used, which cannot be
 * told from the rest while its text is broken.
 */
static void
S_doc(struct content *c, struct pages *pg, struct doc *doc,
    struct outdir *out, const struct site_opts *o, struct diag *d,
    int *written)
{
	struct html_toc toc;
	struct pdf_opts po;
	struct odt_opts oo;
	struct buf b = BUF_INIT;
	struct tval *data;
	char *prefix;
	int rc = 0;

	if (!doc->ok) {
		prefix = xasprintf("%s/", doc->period->rel);
		outdir_keep(out, prefix);
		free(prefix);
		return;
	}
	/* one page data for every format */
	data = html_doc_data(doc, &toc);
	/* the PDF and ODT first, so that the page can give their sizes */
	if (o->pdf != NULL) {
		memset(&po, 0, sizeof(po));
		po.data = data;
		po.toc = &toc;
		po.theme = o->pdf;
		po.src = c->src;
		po.base_url = c->conf.base_url.s;
		if (S_doc_file(out, doc, "pdf", pdf_render(&b, doc, &po, d),
		    &b, d) < 0)
			rc = -1;
	}
	if (o->odt) {
		memset(&oo, 0, sizeof(oo));
		oo.data = data;
		oo.toc = &toc;
		oo.src = c->src;
		oo.styles = o->odt_styles;
		oo.styles_len = o->odt_styles_len;
		oo.styles_file = o->odt_styles_file;
		oo.base_url = c->conf.base_url.s;
		if (S_doc_file(out, doc, "odt", odt_render(&b, doc, &oo, d),
		    &b, d) < 0)
			rc = -1;
	}
	html_toc_free(&toc);
	if (S_doc_page(c, pg, doc, data, out, d) == 0 && rc == 0)
		(*written)++;
}

int
site_build(struct content *c, struct pages *pg, struct outdir *out,
    const struct site_opts *o, struct diag *d)
{
	struct series *s;
	size_t i, j, k;
	int written = 0;

	if (S_theme_assets(pg, out, d) < 0)
		return -1;
	for (i = 0; i < c->nassets; i++)
		S_copy_asset(c, c->assets[i], out, d);
	/* A document with errors keeps whatever it had before. */
	for (i = 0; i < c->nseries; i++) {
		s = &c->series[i];
		for (j = 0; j < s->nperiods; j++) {
			for (k = 0; k < s->periods[j].ndocs; k++)
				S_doc(c, pg, s->periods[j].docs[k], out, o,
				    d, &written);
			S_period_page(c, pg, &s->periods[j], out, d);
		}
		S_series_page(c, pg, s, out, d);
	}
	if (S_index_page(c, pg, out, d) < 0)
		return -1;
	return written;
}
