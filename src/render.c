/*
 * render.c - one document into its page, PDF and ODT, in memory.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "doc.h"
#include "labels.h"
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
render_format_size(char *dst, size_t size, long long bytes, int english)
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

int
render_kit_init(struct render_kit *k, struct content *c, int pdf, int odt,
    struct diag *d)
{
	memset(k, 0, sizeof(*k));
	k->c = c;
	if (pages_init(&k->pg, c->src, d) < 0)
		return -1;
	k->has_pg = 1;
	if (pdf) {
		if (theme_load(&k->theme, &k->pg, d) < 0)
			return -1;
		k->has_theme = 1;
	}
	if (odt && pages_read_other(&k->pg, "odt/styles.xml", PAGES_ANY,
	    &k->styles, &k->styles_len, &k->styles_file) < 0) {
		diag_err(d, NULL, 0, 0, "cannot read pakt's "
		    "templates/odt/styles.xml");
		return -1;
	}
	return 0;
}

void
render_kit_free(struct render_kit *k)
{
	if (k->has_pg)
		pages_free(&k->pg);
	theme_free(&k->theme);
	free(k->styles);
	free(k->styles_file);
	memset(k, 0, sizeof(*k));
}

void
render_job_data(struct render_job *j)
{
	j->data = html_doc_data(j->doc, &j->toc);
}

void
render_job_files(struct render_job *j, int pdf, int odt)
{
	struct content *c = j->kit->c;
	struct pdf_opts po;
	struct odt_opts oo;

	if (pdf) {
		memset(&po, 0, sizeof(po));
		po.data = j->data;
		po.toc = &j->toc;
		po.theme = &j->kit->theme;
		po.src = c->src;
		po.base_url = c->conf.base_url.s;
		j->pdf_rc = pdf_render(&j->pdf, j->doc, &po, &j->d);
	}
	if (odt) {
		memset(&oo, 0, sizeof(oo));
		oo.data = j->data;
		oo.toc = &j->toc;
		oo.src = c->src;
		oo.styles = j->kit->styles;
		oo.styles_len = j->kit->styles_len;
		oo.styles_file = j->kit->styles_file;
		oo.base_url = c->conf.base_url.s;
		j->odt_rc = odt_render(&j->odt, j->doc, &oo, &j->d);
	}
}

void
render_job_diag(struct render_job *j, struct diag *d)
{
	const struct diag_item *it;
	size_t i;

	for (i = 0; i < j->d.n; i++) {
		it = &j->d.v[i];
		diag_add(d, it->level, it->file, it->line, it->col, "%s",
		    it->msg);
	}
	diag_free(&j->d);
}

void
render_job_free(struct render_job *j)
{
	tval_free(j->data);
	j->data = NULL;
	html_toc_free(&j->toc);
	buf_free(&j->pdf);
	buf_free(&j->odt);
	diag_free(&j->d);
}

struct tval *
render_page_data(const struct content *c, const char *rel, int english,
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

void
render_crumbs(struct tval *page, const struct series *s,
    const struct period *p, int english)
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

struct tval *
render_downloads(const struct doc *doc, render_size_fn size,
    const void *arg, int from_period)
{
	struct tval *list = tval_list(), *item;
	const char *name = doc_outstem(doc);
	char text[32], *rel, *href;
	long long bytes;
	size_t i;

	if (from_period)
		name += strlen(doc->period->rel) + 1;
	else if (strrchr(name, '/') != NULL)
		name = strrchr(name, '/') + 1;
	for (i = 0; i < sizeof(S_formats) / sizeof(S_formats[0]); i++) {
		rel = xasprintf("%s.%s", doc_outstem(doc), S_formats[i].ext);
		bytes = size(arg, rel);
		free(rel);
		if (bytes < 0)
			continue;
		item = tval_push(list, tval_map());
		href = xasprintf("%s.%s", name, S_formats[i].ext);
		render_format_size(text, sizeof(text), bytes,
		    doc->meta.english);
		tval_set_str(item, "label", S_formats[i].label);
		tval_set_str(item, "href", href);
		tval_set_str(item, "size", text);
		free(href);
	}
	return list;
}

int
render_doc_page(struct render_kit *k, const struct doc *doc,
    struct tval *data, struct tval *downloads, struct buf *out,
    struct diag *d)
{
	char *rel = doc_html_path(doc);
	struct tval *page, *dl;
	int rc;

	page = render_page_data(k->c, rel, doc->meta.english,
	    doc->meta.title.s);
	render_crumbs(page, doc->series, doc->period, doc->meta.english);
	tval_set_str(page, "description", doc->meta.description.s);
	tval_set(page, "doc", data);
	dl = tval_set(page, "downloads", downloads);
	tval_set_bool(page, "has_downloads", tval_len(dl) > 0);
	rc = pages_render(&k->pg, "document", page, out, d);
	tval_free(page);
	free(rel);
	return rc;
}

const struct buf *
render_out_get(const struct render_out *out, const char *ext)
{
	if (strcmp(ext, "html") == 0)
		return &out->html;
	if (strcmp(ext, "pdf") == 0)
		return &out->pdf;
	if (strcmp(ext, "odt") == 0)
		return &out->odt;
	return NULL;
}

/* The size of the PDF or ODT that render_doc() made, by file name. */
static long long
S_out_size(const void *arg, const char *rel)
{
	const char *dot = strrchr(rel, '.');
	const struct buf *b;

	b = dot != NULL ? render_out_get(arg, dot + 1) : NULL;
	return b != NULL && b->ptr != NULL ? (long long)b->len : -1;
}

int
render_doc(struct render_kit *k, struct doc *doc,
    struct render_out *out, struct diag *d)
{
	struct render_job j;
	struct tval *dl;
	size_t before = d->errors;
	int rc = 0;

	memset(&j, 0, sizeof(j));
	j.doc = doc;
	j.kit = k;
	render_init();
	render_job_data(&j);
	render_job_files(&j, 1, 1);
	render_job_diag(&j, d);
	/* the page links the PDF and ODT that were made */
	if (j.pdf_rc == 0) {
		out->pdf = j.pdf;
		memset(&j.pdf, 0, sizeof(j.pdf));
	} else
		rc = -1;
	if (j.odt_rc == 0) {
		out->odt = j.odt;
		memset(&j.odt, 0, sizeof(j.odt));
	} else
		rc = -1;
	dl = render_downloads(doc, S_out_size, out, 0);
	if (render_doc_page(k, doc, j.data, dl, &out->html, d) < 0)
		rc = -1;
	j.data = NULL;
	render_job_free(&j);
	return rc == 0 && d->errors == before ? 0 : -1;
}

void
render_out_free(struct render_out *out)
{
	buf_free(&out->html);
	buf_free(&out->pdf);
	buf_free(&out->odt);
}
