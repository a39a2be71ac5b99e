/*
 * render_html.c - a document as template data for its HTML page.
 */
#include "render_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "state.h"
#include "buf.h"
#include "content.h"
#include "doc.h"
#include "html_body.h"
#include "labels.h"
#include "outline.h"
#include "source.h"
#include "template.h"

int
doc_is_draft(const struct doc *doc)
{
	return doc->state == STATE_DRAFT;
}

long long
doc_time(const struct doc *doc)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (doc->hist.n > 0)
		return doc->hist.revs[0].time;
	return sde != NULL ? strtoll(sde, NULL, 10) : 0;
}

long long
doc_created(const struct doc *doc)
{
	if (doc->hist.n > 0)
		return doc->hist.revs[doc->hist.n - 1].time;
	return doc_time(doc);
}

char *
doc_html_path(const struct doc *doc)
{
	return xasprintf("%s.html", doc_outstem(doc));
}

const char *
doc_outstem(const struct doc *doc)
{
	return doc->outstem != NULL ? doc->outstem : doc->stem;
}

/*
 * The way from the folder of doc's page to the folder of its source:
 * "" for the newest version, "../../" for an earlier one, whose page is
 * in <doc>/v<N>/.  The caller frees it.
 */
static char *
S_back(const struct doc *doc)
{
	const char *out = doc_outstem(doc);
	char *up = path_up(out), *home = path_up(doc->stem), *back;
	size_t n = strlen(doc->stem);

	/* elsewhere, like the archive: up to the root, down to the folder */
	if (strncmp(out, doc->stem, n) == 0 && out[n] == '/')
		back = xstrdup(up + strlen(home));
	else
		back = xasprintf("%s%.*s", up, (int)(strrchr(doc->stem, '/') -
		    doc->stem + 1), doc->stem);
	free(up);
	free(home);
	return back;
}

char *
doc_link_url(const struct doc *doc, const char *url, const char *ext,
    const char *base_url)
{
	size_t n = strcspn(url, "?#");
	char *abs, *u;

	if (strchr(url, ':') != NULL || n < 3 ||
	    strncmp(url + n - 3, ".md", 3) != 0)
		return xstrdup(url);
	if (base_url == NULL || *base_url == '\0' ||
	    (abs = path_resolve(doc->rel, url)) == NULL)
		return xasprintf("%.*s.%s%s", (int)(n - 3), url, ext, url + n);
	n = strcspn(abs, "?#");
	u = xasprintf("%s%s%.*s.html%s", base_url,
	    base_url[strlen(base_url) - 1] == '/' ? "" : "/", (int)(n - 3),
	    abs, abs + n);
	free(abs);
	return u;
}

/*
 * Rewrite a safe link of the Markdown for the website: a relative link
 * to a document ("atgardsplan.md#x") goes to its page ("atgardsplan.html#x").
 */
static char *
S_url(const char *url, int image, cmark_node *node, void *arg)
{
	char *u, *back, *r;

	(void)node;
	u = image ? xstrdup(url) : doc_link_url(arg, url, "html", NULL);
	if (*u == '#' || strchr(u, ':') != NULL || *u == '/')
		return u;
	back = S_back(arg);
	r = xasprintf("%s%s", back, u);
	free(back);
	free(u);
	return r;
}

/* The relative URL from the page of doc to the page of other. */
static char *
S_link(const struct doc *from, const struct doc *to, const char *frag)
{
	char *up = path_up(doc_outstem(from)), *url;

	url = xasprintf("%s%s.html%s%s", up, to->stem, frag ? "#" : "",
	    frag ? frag : "");
	free(up);
	return url;
}

/* Names of the parties with the given ids, joined by ", ". */
static char *
S_party_names(const struct doc *doc, const struct mlist *ids)
{
	const struct party *p;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < ids->n; i++) {
		p = series_party(doc->series, ids->v[i].s);
		buf_join(&b, ", ", p ? p->name.s : ids->v[i].s);
	}
	return buf_detach(&b);
}

/* Append a heading to the flat list that becomes the nested toc. */
static void
S_toc_add(struct html_toc *toc, int level, const char *id, const char *text)
{
	struct html_heading *h;

	toc->items = xrealloc(toc->items, (toc->n + 1) * sizeof(*toc->items));
	h = &toc->items[toc->n++];
	h->level = level;
	h->id = xstrdup(id);
	h->text = xstrdup(text);
}

/*
 * Nest the flat heading list: each item's children are the following
 * items of a deeper level.  Returns {children: [{id, text, has_children,
 * children}]}, built with a stack of open lists, no recursion.
 */
static struct tval *
S_toc_tree(const struct html_toc *toc)
{
	struct tval *open[8], *item, *root = tval_map();
	int levels[8], top = 0;
	size_t i;

	open[0] = root;
	levels[0] = 0;
	tval_set(root, "children", tval_list());
	for (i = 0; i < toc->n; i++) {
		while (top > 0 && toc->items[i].level <= levels[top])
			top--;
		tval_set_bool(open[top], "has_children", 1);
		item = tval_push(tval_get(open[top], "children"), tval_map());
		tval_set_str(item, "id", toc->items[i].id);
		tval_set_str(item, "text", toc->items[i].text);
		tval_set_bool(item, "has_children", 0);
		tval_set(item, "children", tval_list());
		if (top < 7) {
			open[++top] = item;
			levels[top] = toc->items[i].level;
		}
	}
	return root;
}

static void
S_timeframe(struct buf *b, const struct action *a)
{
	buf_reset(b);
	if (a->start.s != NULL)
		buf_puts(b, a->start.s);
	if (a->start.s != NULL || a->end.s != NULL)
		buf_puts(b, "\xe2\x80\x93");	/* en dash */
	if (a->end.s != NULL)
		buf_puts(b, a->end.s);
}

/* One action as a row of the action-plan table. */
static struct tval *
S_action(const struct doc *doc, const struct action *a, int en)
{
	struct tval *m = tval_map();
	struct buf b = BUF_INIT;
	char *owners = S_party_names(doc, &a->owners);

	tval_set_str(m, "id", a->id.s);
	buf_printf(&b, "atgard-%s", a->id.s);
	tval_set_str(m, "anchor", b.ptr);
	tval_set_str(m, "title", a->title.s);
	tval_set_str(m, "owners", owners);
	S_timeframe(&b, a);
	tval_set_str(m, "timeframe", b.ptr);
	tval_set_str(m, "indicator", a->indicator.s);
	tval_set_str(m, "status", label_status(a->status, en));
	tval_set_str(m, "status_class", label_status(a->status, 1));
	free(owners);
	buf_free(&b);
	return m;
}

/*
 * The action tables of an action plan, one group per focus area in the
 * order of the period's focus-area documents.  Adds the headings to toc.
 */
static struct tval *
S_action_groups(const struct doc *doc, struct html_toc *toc, int en)
{
	const struct period *p = doc->period;
	const struct meta *m = &doc->meta;
	struct tval *groups = tval_list(), *g, *rows;
	const struct doc *fa;
	struct buf id = BUF_INIT;
	char *href;
	size_t i, j;

	if (m->nactions == 0)
		return groups;
	S_toc_add(toc, 2, HTML_ID_ACTIONS, label("actions_by_focus", en));
	for (i = 0; i < p->ndocs; i++) {
		fa = p->docs[i];
		if (!doc_has_meta(fa) || fa->meta.type != DOC_FOCUS_AREA)
			continue;
		rows = NULL;
		for (j = 0; j < m->nactions; j++) {
			if (strcmp(m->actions[j].focus.s, doc_id(fa)) != 0)
				continue;
			if (rows == NULL) {
				g = tval_push(groups, tval_map());
				buf_reset(&id);
				buf_printf(&id, "fokus-%s", doc_id(fa));
				tval_set_str(g, "heading_id", id.ptr);
				tval_set_str(g, "title", fa->meta.title.s);
				href = S_link(doc, fa, NULL);
				tval_set_str(g, "href", href);
				free(href);
				rows = tval_set(g, "actions", tval_list());
				S_toc_add(toc, 3, id.ptr, fa->meta.title.s);
			}
			tval_push(rows, S_action(doc, &m->actions[j], en));
		}
	}
	buf_free(&id);
	return groups;
}

/* The actions of the period's action plan that belong to focus area doc. */
static struct tval *
S_focus_actions(const struct doc *doc, int en)
{
	const struct doc *plan = period_doc(doc->period, NULL,
	    DOC_ACTION_PLAN);
	struct tval *list = tval_list(), *item;
	struct buf anchor = BUF_INIT;
	char *href;
	size_t i;

	if (plan == NULL)
		return list;
	for (i = 0; i < plan->meta.nactions; i++) {
		if (strcmp(plan->meta.actions[i].focus.s, doc_id(doc)) != 0)
			continue;
		item = tval_push(list, S_action(plan,
		    &plan->meta.actions[i], en));
		buf_reset(&anchor);
		buf_printf(&anchor, "atgard-%s", plan->meta.actions[i].id.s);
		href = S_link(doc, plan, anchor.ptr);
		tval_set_str(item, "href", href);
		free(href);
	}
	buf_free(&anchor);
	return list;
}

/* One line of the signature block. */
static void
S_signatory(struct tval *list, const char *name, const char *role,
    const char *party, const char *place, const char *date)
{
	struct tval *item = tval_push(list, tval_map());
	struct buf b = BUF_INIT;

	tval_set_str(item, "name", name);
	tval_set_str(item, "role", role);
	tval_set_str(item, "party", party);
	if (place != NULL)
		buf_puts(&b, place);
	if (place != NULL && date != NULL)
		buf_puts(&b, " ");
	if (date != NULL)
		buf_puts(&b, date);
	tval_set_str(item, "place_date", b.len ? b.ptr : NULL);
	buf_free(&b);
}

/*
 * The signature block: a line for each signatory, with the place and
 * date each one signed when the version is the one signed (from its
 * record), else as the front matter has them.
 */
static struct tval *
S_signatures(const struct doc *doc, int en)
{
	const struct meta *m = &doc->meta;
	const struct record *rec = doc->signed_rec;
	const struct signer *sg;
	struct tval *sig = tval_map(), *list;
	const struct party *p;
	char tmp[16], *copies;
	size_t i;

	if (m->copies > 0) {
		copies = xasprintf("%s %s %s", label("copies_pre", en),
		    label_number(m->copies, en, tmp, sizeof(tmp)),
		    label("copies_post", en));
		tval_set_str(sig, "copies_text", copies);
		free(copies);
	}
	list = tval_set(sig, "signatories", tval_list());
	if (rec != NULL && doc->state != STATE_DRAFT) {
		for (i = 0; i < rec->nsigners; i++) {
			sg = &rec->signers[i];
			S_signatory(list, sg->name.s, sg->role.s,
			    sg->party_name.s, sg->place.s, sg->date.s);
		}
		return sig;
	}
	for (i = 0; i < m->nsigs; i++) {
		p = series_party(doc->series, m->sigs[i].party.s);
		S_signatory(list, m->sigs[i].name.s, m->sigs[i].role.s,
		    p ? p->name.s : NULL, m->sigs[i].place.s,
		    m->sigs[i].date.s);
	}
	return sig;
}

struct tval *
doc_state_data(const struct doc *doc, const char *from, int en)
{
	const struct record *rec = doc->signed_rec;
	struct tval *st, *sg;
	struct buf b = BUF_INIT;
	char key[32], *up;

	if (doc->state == STATE_NONE)
		return NULL;
	st = tval_map();
	snprintf(key, sizeof(key), "state_%s", state_name(doc->state));
	tval_set_str(st, "name", state_name(doc->state));
	tval_set_str(st, "text", label(key, en));
	if (doc->state == STATE_DRAFT && rec != NULL)
		buf_printf(&b, "%s %u", label("draft_of", en),
		    doc->hist.n > 0 ? doc->hist.revs[0].version : 1);
	else if (doc->state == STATE_SIGNED)
		buf_printf(&b, "%s %s (%s %u)", label(key, en),
		    record_date(rec), label("version_word", en), rec->version);
	else if (doc->state == STATE_SUPERSEDED)
		buf_printf(&b, "%s %s", label("superseded_by", en),
		    doc->successor->name);
	else if (doc->state == STATE_EXPIRED)
		buf_printf(&b, "%s %d-12-31", label("expired_on", en),
		    doc->period->last);
	else
		buf_puts(&b, label(key, en));
	if (rec != NULL && doc->state != STATE_SIGNED)
		buf_printf(&b, "; %s %u %s %s", label("version_word", en),
		    rec->version, label("signed_on", en), record_date(rec));
	tval_set_str(st, "field", b.ptr);
	tval_set_bool(st, "ended", doc->state == STATE_SUPERSEDED ||
	    doc->state == STATE_EXPIRED);
	if (rec != NULL) {
		sg = tval_set(st, "signed", tval_map());
		buf_reset(&b);
		buf_printf(&b, "%u", rec->version);
		tval_set_str(sg, "version", b.ptr);
		tval_set_str(sg, "date", record_date(rec));
		up = path_up(from);
		buf_reset(&b);
		buf_printf(&b, "%s%s/%s.pdf", up, rec->dir,
		    strrchr(doc->stem, '/') + 1);
		tval_set_str(sg, "pdf_href", b.ptr);
		free(up);
	}
	buf_free(&b);
	return st;
}

/*
 * Version r of a document as page data: {version, date, id (NULL when
 * uncommitted), short_id, author, subject} and the ways the outputs write it:
 * text "4 (ej incheckad)", field "3, 2024-05-02, a1b2c3d" (the
 * letterhead) and footer "Version 3 (a1b2c3d)".
 */
static struct tval *
S_rev(const struct rev *r, int en)
{
	struct tval *v = tval_map();
	struct buf text = BUF_INIT, b = BUF_INIT;
	int committed = *r->id != '\0';
	char date[11];

	rev_date(r, date);
	buf_printf(&text, "%u", r->version);
	tval_set_str(v, "version", text.ptr);
	if (!committed)
		buf_printf(&text, " (%s)", label("uncommitted", en));
	tval_set_str(v, "text", text.ptr);
	tval_set_str(v, "date", date);
	tval_set_str(v, "id", committed ? r->id : NULL);
	tval_set_str(v, "short_id", committed ? r->short_id : NULL);
	tval_set_str(v, "author", r->author);
	tval_set_str(v, "subject", committed ? r->subject :
	    label("uncommitted_change", en));
	buf_printf(&b, "%s, %s", text.ptr, date);
	if (committed)
		buf_printf(&b, ", %s", r->short_id);
	tval_set_str(v, "field", b.ptr);
	buf_reset(&b);
	buf_printf(&b, "%s %s", label("version", en), text.ptr);
	if (committed)
		buf_printf(&b, " (%s)", r->short_id);
	tval_set_str(v, "footer", b.ptr);
	buf_free(&text);
	buf_free(&b);
	return v;
}

/*
 * The revision history of doc, newest first, as S_rev() maps with
 * current set on the first.  site.c adds href to the rows of earlier
 * versions it writes.
 */
static struct tval *
S_revisions(const struct doc *doc, int en)
{
	struct tval *list = tval_list(), *item;
	size_t i;

	for (i = 0; i < doc->hist.n; i++) {
		item = tval_push(list, S_rev(&doc->hist.revs[i], en));
		tval_set_bool(item, "current", i == 0);
	}
	return list;
}

void
doc_footer(struct buf *b, const struct tval *m, int date)
{
	const char *sep = " \xc2\xb7 ", *parts[3];
	size_t i, start = b->len;

	parts[0] = tval_text(tval_get(m, "reference"));
	parts[1] = date ? tval_text(tval_get(m, "date")) : NULL;
	parts[2] = tval_text(tval_get(tval_get(m, "version"), "footer"));
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		if (b->len > start)
			buf_puts(b, sep);
		buf_puts(b, parts[i]);
	}
}

/*
 * The letterhead lines of page data d that the PDF and ODT write, in
 * order: a list of {label, value} for each value that is set.
 */
static struct tval *
S_fields(const struct tval *d, int en)
{
	static const struct {
		const char	*key, *sub;	/* d[key], or d[key][sub] */
	} f[] = {
		{ "reference", NULL }, { "date", NULL }, { "period", NULL },
		{ "version", "field" }, { "state", "field" },
		{ "parties", NULL }, { "contacts", NULL },
		{ "review_by", NULL },
	};
	struct tval *list = tval_list(), *item;
	const struct tval *v;
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		v = tval_get(d, f[i].key);
		if (f[i].sub != NULL)
			v = tval_get(v, f[i].sub);
		if (tval_text(v) == NULL || *tval_text(v) == '\0')
			continue;
		item = tval_push(list, tval_map());
		tval_set_str(item, "label", label(f[i].key, en));
		tval_set_str(item, "value", tval_text(v));
	}
	return list;
}

long
html_toc_furniture(const struct html_toc *toc, const struct doc *doc,
    const char *id)
{
	size_t i = doc->outline != NULL ? doc->outline->n : 0;

	for (; id != NULL && i < toc->n; i++)
		if (strcmp(toc->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

struct tval *
html_doc_data(const struct doc *doc, struct html_toc *flat)
{
	const struct meta *m = &doc->meta;
	int en = m->english;
	struct html_body_opts opts;
	struct html_toc toc = { NULL, 0 };
	struct tval *d = tval_map(), *list;
	struct buf body = BUF_INIT, b = BUF_INIT;
	char *back;
	size_t i;

	tval_set_str(d, "title", m->title.s);
	tval_set_str(d, "subtitle", m->subtitle.s);
	tval_set_str(d, "description", m->description.s);
	tval_set_str(d, "type", doc_type_name(m->type));
	tval_set_str(d, "type_label", label_type(m->type, en));
	tval_set_str(d, "reference", m->reference.s);
	tval_set_str(d, "date", m->date.s);
	tval_set_str(d, "period", doc->period->name);
	tval_set_str(d, "review_by", m->review_by.s);
	tval_set_bool(d, "draft", doc_is_draft(doc));
	back = doc_html_path(doc);
	if ((list = doc_state_data(doc, back, en)) != NULL)
		tval_set(d, "state", list);
	free(back);
	for (i = 0; i < m->contacts.n; i++)
		buf_join(&b, ", ", m->contacts.v[i].s);
	tval_set_str(d, "contacts", b.len ? b.ptr : NULL);
	buf_reset(&b);
	for (i = 0; i < doc->series->nparties; i++)
		buf_join(&b, ", ", doc->series->parties[i].name.s);
	tval_set_str(d, "parties", b.len ? b.ptr : NULL);
	buf_reset(&b);

	memset(&opts, 0, sizeof(opts));
	opts.url = S_url;
	opts.arg = (void *)doc;
	opts.top_level = OUTLINE_TOP;
	opts.outline = doc->outline;
	opts.footnotes_label = label("footnotes", en);
	opts.backref_label = label("backref", en);
	html_render_body(&body, doc->root, &opts, &toc);
	tval_set_str(d, "body", body.ptr ? body.ptr : "");
	buf_free(&body);

	if (m->type == DOC_ACTION_PLAN) {
		list = tval_set(d, "action_groups",
		    S_action_groups(doc, &toc, en));
		tval_set_bool(d, "has_actions", tval_len(list) > 0);
	}
	if (m->type == DOC_FOCUS_AREA) {
		tval_set_bool(d, "is_focus_area", 1);
		list = tval_set(d, "focus_actions", S_focus_actions(doc, en));
		tval_set_bool(d, "has_focus_actions", tval_len(list) > 0);
		S_toc_add(&toc, 2, HTML_ID_ACTIONS, label("actions_here", en));
	}
	if (m->nsigs > 0 || (doc->signed_rec != NULL &&
	    doc->state != STATE_DRAFT)) {
		tval_set(d, "signatures", S_signatures(doc, en));
		S_toc_add(&toc, 2, HTML_ID_SIGNATURES, label("signatures", en));
	}
	if (doc->newest > 0) {
		list = tval_set(d, "older", tval_map());
		back = S_back(doc);
		buf_printf(&b, "%s%s.html", back, strrchr(doc->stem, '/') + 1);
		tval_set_str(list, "href", b.ptr);
		buf_reset(&b);
		buf_printf(&b, "%u", doc->newest);
		tval_set_str(list, "newest", b.ptr);
		buf_reset(&b);
		free(back);
	}
	if (doc->hist.n > 0) {
		tval_set(d, "version", S_rev(&doc->hist.revs[0], en));
		tval_set(d, "revisions", S_revisions(doc, en));
		S_toc_add(&toc, 2, HTML_ID_REVISIONS, label("revisions", en));
	}
	buf_free(&b);
	tval_set(d, "fields", S_fields(d, en));
	tval_set(d, "toc", S_toc_tree(&toc));
	tval_set_bool(d, "has_toc", toc.n > 1);
	if (flat != NULL)
		*flat = toc;
	else
		html_toc_free(&toc);
	return d;
}
