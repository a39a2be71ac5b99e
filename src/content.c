/*
 * content.c - load and cross-check a content folder.
 */
#include "content.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "outline.h"
#include "record.h"
#include "source.h"
#include "url.h"
#include "ydoc.h"

/* Bounds on what input controls. */
#define MAX_DEPTH	8	/* folders below a period */
#define MAX_DOCS	100000	/* documents in one content folder */

static const char *const S_site_keys[] = {
	"title", "base-url", "language", "theme", NULL
};

static const char *const S_series_keys[] = {
	"name", "description", "parties", NULL
};

static const char *const S_party_keys[] = { "id", "name", NULL };

/* Folders at the top that are not series. */
static const char *const S_reserved[] = { "archive", "templates", NULL };

static int
S_reserved_name(const char *name)
{
	const char *const *r;

	for (r = S_reserved; *r != NULL; r++)
		if (strcmp(*r, name) == 0)
			return 1;
	return 0;
}

/*
 * Read rel from the source as YAML into y.  Returns 0, or -1 after
 * recording why not.  *text must be freed by the caller after y.
 */
static int
S_load_yaml(struct source *src, const char *rel, const char *path,
    struct ydoc *y, char **text, struct diag *d)
{
	size_t len;
	unsigned line, col;
	unsigned char bad;

	*text = NULL;
	if (source_read(src, rel, text, &len) < 0) {
		diag_err(d, path, 0, 0, "cannot read the file");
		return -1;
	}
	if (utf8_check(*text, len, &line, &col, &bad) < 0) {
		diag_err(d, path, line, col, "invalid UTF-8 (byte 0x%02x): "
		    "save the file as UTF-8", bad);
		return -1;
	}
	return ydoc_load(y, path, *text, len, 0, d);
}

static int
S_load_site(struct content *c, struct diag *d)
{
	char *path = source_path(c->src, "pakt.yaml"), *text;
	struct ydoc y;
	yaml_node_t *root;
	int rc = -1;

	if (source_kind(c->src, "pakt.yaml") != 1) {
		diag_err(d, path, 0, 0, "not found: a content folder has a "
		    "pakt.yaml with the site's title");
		free(path);
		return -1;
	}
	if (S_load_yaml(c->src, "pakt.yaml", path, &y, &text, d) < 0)
		goto out;
	root = ydoc_root(&y);
	if (ydoc_check_map(&y, root, S_site_keys, "pakt.yaml", d) == 0) {
		ydoc_str(&y, root, "title", &c->conf.title, d);
		ydoc_str(&y, root, "base-url", &c->conf.base_url, d);
		ydoc_str(&y, root, "language", &c->conf.language, d);
		ydoc_str(&y, root, "theme", &c->conf.theme, d);
		if (c->conf.title.s == NULL)
			diag_err(d, path, 1, 1, "pakt.yaml has no 'title'");
		if (c->conf.language.s != NULL) {
			if (strcmp(c->conf.language.s, "en") == 0)
				c->conf.english = 1;
			else if (strcmp(c->conf.language.s, "sv") != 0)
				diag_err(d, path, c->conf.language.pos.line,
				    c->conf.language.pos.col, "unknown "
				    "language '%s' (use sv or en)",
				    c->conf.language.s);
		}
		rc = 0;
	}
	ydoc_free(&y);
out:
	free(text);
	free(path);
	if (c->conf.title.s == NULL)
		c->conf.title.s = xstrdup("pakt");
	return rc;
}

static void
S_load_parties(struct series *s, struct ydoc *y, yaml_node_t *root,
    struct diag *d)
{
	yaml_node_t *v = ydoc_get(y, root, "parties"), *n;
	yaml_node_item_t *it;
	struct party *p;
	struct pos ps;
	size_t i, count;

	if (v == NULL) {
		diag_err(d, s->file, 1, 1, "series.yaml has no 'parties'");
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		ps = ydoc_pos(y, v);
		diag_err(d, s->file, ps.line, ps.col, "'parties' must be a "
		    "list of {id, name}");
		return;
	}
	count = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	s->parties = xcalloc(count, sizeof(*s->parties));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		n = ydoc_node(y, *it);
		if (ydoc_check_map(y, n, S_party_keys, "party", d) < 0)
			continue;
		p = &s->parties[s->nparties];
		ydoc_str(y, n, "id", &p->id, d);
		ydoc_str(y, n, "name", &p->name, d);
		ps = ydoc_pos(y, n);
		if (p->id.s == NULL || p->name.s == NULL) {
			diag_err(d, s->file, ps.line, ps.col,
			    "a party needs both 'id' and 'name'");
			mstr_free(&p->id);
			mstr_free(&p->name);
			continue;
		}
		for (i = 0; i < s->nparties; i++)
			if (strcmp(s->parties[i].id.s, p->id.s) == 0)
				diag_err(d, s->file, p->id.pos.line,
				    p->id.pos.col, "party id '%s' is used "
				    "twice", p->id.s);
		s->nparties++;
	}
}

static int
S_type_rank(const struct doc *doc)
{
	return doc->ok || doc->meta.type_s.s ? (int)doc->meta.type : DOC__MAX;
}

static int
S_doc_cmp(const void *a, const void *b)
{
	const struct doc *x = *(struct doc *const *)a;
	const struct doc *y = *(struct doc *const *)b;

	if (S_type_rank(x) != S_type_rank(y))
		return S_type_rank(x) - S_type_rank(y);
	return strcmp(x->rel, y->rel);
}

/* Add every *.md below folder rel (depth levels down) to p. */
static void
S_scan_docs(struct content *c, struct period *p, const char *rel, int depth,
    struct diag *d)
{
	struct source_entry *v;
	struct doc *doc;
	char *child, *path, *text;
	size_t n, i, len;

	if (source_list(c->src, rel, &v, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		child = xasprintf("%s/%s", rel, v[i].name);
		path = source_path(c->src, child);
		len = strlen(v[i].name);
		if (v[i].is_dir) {
			if (depth < MAX_DEPTH)
				S_scan_docs(c, p, child, depth + 1, d);
			else
				diag_warn(d, path, 0, 0, "folder is nested "
				    "too deep and is not read");
		} else if (len > 3 && strcmp(v[i].name + len - 3, ".md") == 0
		    && p->ndocs < MAX_DOCS) {
			if (source_read(c->src, child, &text, &len) < 0) {
				diag_err(d, path, 0, 0, "cannot read the file");
			} else {
				doc = doc_parse(child, path, text, len, d);
				doc->period = p;
				doc->series = p->series;
				/* a draft until the archive says otherwise */
				doc->state = doc_has_meta(doc) &&
				    doc_type_signed(doc->meta.type) ?
				    STATE_DRAFT : STATE_NONE;
				p->docs = xrealloc(p->docs,
				    (p->ndocs + 1) * sizeof(*p->docs));
				p->docs[p->ndocs++] = doc;
			}
		}
		free(path);
		free(child);
	}
	source_entries_free(v, n);
}

int
period_years(const char *name, int *first, int *last)
{
	int i;

	if (strlen(name) != 9 || name[4] != '-')
		return -1;
	for (i = 0; i < 9; i++)
		if (i != 4 && !isdigit((unsigned char)name[i]))
			return -1;
	*first = atoi(name);
	*last = atoi(name + 5);
	return 0;
}

/* Whether name is a period "YYYY-YYYY" from 1900 on; sets the years. */
static int
S_period_name(const char *name, int *first, int *last)
{
	return period_years(name, first, last) == 0 && *first >= 1900 &&
	    *first <= *last;
}

static int
S_period_cmp(const void *a, const void *b)
{
	const struct period *x = a, *y = b;

	if (x->first != y->first)
		return y->first - x->first;
	return y->last - x->last;
}

static void
S_load_series(struct content *c, struct series *s, struct diag *d)
{
	struct source_entry *v;
	struct period *p;
	char *rel, *path, *text;
	struct ydoc y;
	size_t n, i;
	int first, last;

	rel = xasprintf("%s/series.yaml", s->id);
	s->file = source_path(c->src, rel);
	if (S_load_yaml(c->src, rel, s->file, &y, &text, d) == 0) {
		if (ydoc_check_map(&y, ydoc_root(&y), S_series_keys,
		    "series.yaml", d) == 0) {
			ydoc_str(&y, ydoc_root(&y), "name", &s->name, d);
			ydoc_str(&y, ydoc_root(&y), "description",
			    &s->description, d);
			S_load_parties(s, &y, ydoc_root(&y), d);
			if (s->name.s == NULL)
				diag_err(d, s->file, 1, 1,
				    "series.yaml has no 'name'");
		}
		ydoc_free(&y);
	}
	free(text);
	free(rel);
	if (s->name.s == NULL)
		s->name.s = xstrdup(s->id);

	if (source_list(c->src, s->id, &v, &n) < 0)
		return;
	s->periods = xcalloc(n + 1, sizeof(*s->periods));
	for (i = 0; i < n; i++) {
		if (!v[i].is_dir)
			continue;
		rel = xasprintf("%s/%s", s->id, v[i].name);
		if (!S_period_name(v[i].name, &first, &last)) {
			path = source_path(c->src, rel);
			diag_warn(d, path, 0, 0, "folder is not a period "
			    "(name it by its years, like 2023-2027) and is "
			    "not read");
			free(path);
			free(rel);
			continue;
		}
		p = &s->periods[s->nperiods++];
		p->name = xstrdup(v[i].name);
		p->rel = rel;
		p->first = first;
		p->last = last;
		p->series = s;
	}
	source_entries_free(v, n);
	qsort(s->periods, s->nperiods, sizeof(*s->periods), S_period_cmp);
	for (i = 0; i < s->nperiods; i++) {
		p = &s->periods[i];
		S_scan_docs(c, p, p->rel, 0, d);
		qsort(p->docs, p->ndocs, sizeof(*p->docs), S_doc_cmp);
	}
}

const struct party *
series_party(const struct series *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nparties; i++)
		if (strcmp(s->parties[i].id.s, id) == 0)
			return &s->parties[i];
	return NULL;
}

struct doc *
period_doc(const struct period *p, const char *id, int t)
{
	size_t i;

	for (i = 0; i < p->ndocs; i++)
		if (doc_has_meta(p->docs[i]) &&
		    (id == NULL || strcmp(doc_id(p->docs[i]), id) == 0) &&
		    (t < 0 || (int)p->docs[i]->meta.type == t))
			return p->docs[i];
	return NULL;
}

/* The contents of a hint list b, or "none"; the caller frees. */
static char *
S_hint(struct buf *b)
{
	if (b->len == 0) {
		buf_free(b);
		return xstrdup("none");
	}
	return buf_detach(b);
}

/* The party ids of s, for a hint; the caller frees. */
static char *
S_party_list(const struct series *s)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < s->nparties; i++)
		buf_join(&b, ", ", s->parties[i].id.s);
	return S_hint(&b);
}

/* The focus-area ids of p, for a hint; the caller frees. */
static char *
S_focus_list(const struct period *p)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < p->ndocs; i++)
		if (doc_has_meta(p->docs[i]) &&
		    p->docs[i]->meta.type == DOC_FOCUS_AREA)
			buf_join(&b, ", ", doc_id(p->docs[i]));
	return S_hint(&b);
}

static void
S_check_party(const struct doc *doc, const struct mstr *party,
    struct diag *d)
{
	char *list;

	if (party->s == NULL || series_party(doc->series, party->s) != NULL)
		return;
	list = S_party_list(doc->series);
	diag_err(d, doc->path, party->pos.line, party->pos.col,
	    "unknown party '%s' (the parties in %s are: %s)", party->s,
	    doc->series->file, list);
	free(list);
}

/* The position of node n in the document's file. */
static struct pos
S_node_pos(const struct doc *doc, cmark_node *n)
{
	struct pos p;

	while (n != NULL && cmark_node_get_start_line(n) == 0)
		n = cmark_node_parent(n);
	p.line = doc->body_line0 + (n ? (unsigned)cmark_node_get_start_line(n)
	    : 1);
	p.col = n ? (unsigned)cmark_node_get_start_column(n) : 1;
	p.col = doc_column(doc, p.line, p.col ? p.col : 1);
	return p;
}

/* Decode %XX escapes of a URL path into a new string. */
static char *
S_unescape(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;
	unsigned v;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2]) &&
		    sscanf(s + i + 1, "%2x", &v) == 1 && v != 0) {
			buf_putc(&b, (int)v);
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* Add rel to the list *v of *n paths unless it is there. */
static void
S_add_once(char ***v, size_t *n, const char *rel)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], rel) == 0)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(char *));
	(*v)[(*n)++] = xstrdup(rel);
}

static int
S_has_ext(const char *s, const char *const *exts)
{
	const char *dot = strrchr(s, '.');
	char low[8];
	size_t i;

	if (dot == NULL || strlen(dot + 1) >= sizeof(low))
		return 0;
	for (i = 0; dot[1 + i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)dot[1 + i]);
	low[i] = '\0';
	for (; *exts != NULL; exts++)
		if (strcmp(*exts, low) == 0)
			return 1;
	return 0;
}

struct doc *
content_doc(const struct content *c, const char *rel)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (strcmp(c->docs[i]->rel, rel) == 0)
			return c->docs[i];
	return NULL;
}

/* Whether the path part of url (len bytes) names a Markdown file. */
static int
S_is_md(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

/*
 * Check one link or image URL of doc.  Images must be PNG or JPEG files
 * in the content folder (the PDF embeds them); links to documents (.md)
 * must name one.  Other links are kept as written: a relative one to a
 * file in the content folder has the file copied to the site, one to a
 * file that is not there gets a warning.
 */
static void
S_check_url(struct content *c, struct doc *doc, cmark_node *n, int image,
    struct diag *d)
{
	static const char *const imgext[] = { "png", "jpg", "jpeg", NULL };
	const char *url = cmark_node_get_url(n);
	const char *what = image ? "image" : "link";
	char *path, *rel, *shown = NULL;
	size_t len;
	struct pos p = S_node_pos(doc, n);
	int kind, must;

	if (url == NULL || *url == '\0' || *url == '#')
		return;
	len = strcspn(url, "?#");
	if (strcspn(url, ":") < strcspn(url, "/?#")) {
		if (image)
			diag_err(d, doc->path, p.line, p.col, "image '%s' is "
			    "not in the content folder: put the file in the "
			    "period's bilder/ folder and link to it there", url);
		else if (!url_is_safe(url))
			diag_err(d, doc->path, p.line, p.col, "link to '%s' is "
			    "not allowed: links may be relative or start with "
			    "http://host, https://host, mailto: or tel:", url);
		return;
	}
	path = S_unescape(url, len);
	must = image || S_is_md(path);
	rel = *path == '/' ? NULL : path_resolve(doc->rel, path);
	if (rel == NULL) {
		if (must)
			diag_err(d, doc->path, p.line, p.col, "%s '%s' points "
			    "outside the content folder", what, url);
		goto out;
	}
	kind = source_kind(c->src, rel);
	if (kind != 1) {
		if (must)
			diag_err(d, doc->path, p.line, p.col, "%s '%s' not "
			    "found (looked for %s)", what, url, shown =
			    source_path(c->src, rel));
		else
			diag_warn(d, doc->path, p.line, p.col, "linked file "
			    "'%s' is not in the content folder; the link is "
			    "kept as written", url);
	} else if (image && !S_has_ext(rel, imgext))
		diag_err(d, doc->path, p.line, p.col, "image '%s' must be a "
		    "PNG or JPEG file", url);
	else if (S_is_md(rel)) {
		if (image)
			diag_err(d, doc->path, p.line, p.col, "image '%s' is a "
			    "document", url);
		else if (!content_doc(c, rel))
			diag_err(d, doc->path, p.line, p.col, "link '%s' is a "
			    "Markdown file outside any period; link to a "
			    "document in a period folder", url);
	} else {
		/* the site copies it; doc's cache key hashes it */
		S_add_once(&c->assets, &c->nassets, rel);
		S_add_once(&doc->uses, &doc->nuses, rel);
	}
out:
	free(shown);
	free(rel);
	free(path);
}

/* Check the links and images in the Markdown of doc. */
static void
S_check_links(struct content *c, struct doc *doc, struct diag *d)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			S_check_url(c, doc, n, 0, d);
		else if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			S_check_url(c, doc, n, 1, d);
	}
	cmark_iter_free(it);
}

/* The checks across files for one document. */
static void
S_check_doc(struct content *c, struct period *p, struct doc *doc,
    struct diag *d)
{
	const struct meta *m = &doc->meta;
	size_t i, j;
	char *list;

	if (strcmp(doc->rel + strlen(p->rel), "/index.md") == 0)
		diag_err(d, doc->path, 1, 1, "a document in a period may not be "
		    "called index.md: the period's own page has that name");
	if (m->period.s != NULL && strcmp(m->period.s, p->name) != 0)
		diag_err(d, doc->path, m->period.pos.line, m->period.pos.col,
		    "period '%s' does not match the folder %s", m->period.s,
		    p->name);
	for (i = 0; i < m->nsigs; i++)
		S_check_party(doc, &m->sigs[i].party, d);
	for (i = 0; i < m->nactions; i++) {
		for (j = 0; j < m->actions[i].owners.n; j++)
			S_check_party(doc, &m->actions[i].owners.v[j], d);
		if (m->actions[i].focus.s != NULL && period_doc(p,
		    m->actions[i].focus.s, DOC_FOCUS_AREA) == NULL) {
			list = S_focus_list(p);
			diag_err(d, doc->path, m->actions[i].focus.pos.line,
			    m->actions[i].focus.pos.col, "unknown focus area "
			    "'%s' (the focus areas of %s are: %s)",
			    m->actions[i].focus.s, p->rel, list);
			free(list);
		}
	}
	for (i = 0; i < p->ndocs && p->docs[i] != doc; i++)
		if (doc_has_meta(p->docs[i]) && strcmp(doc_id(p->docs[i]),
		    doc_id(doc)) == 0)
			diag_err(d, doc->path, m->id.pos.line ? m->id.pos.line
			    : 1, m->id.pos.col ? m->id.pos.col : 1, "id '%s' "
			    "is also used by %s", doc_id(doc),
			    p->docs[i]->path);
	S_check_links(c, doc, d);
}

int
content_load(struct content *c, struct source *src, struct diag *d)
{
	struct source_entry *v;
	struct series *s;
	struct period *p;
	struct doc *doc;
	char *rel, *path;
	size_t n, i, j, k, before;

	c->src = src;
	if (S_load_site(c, d) < 0)
		return -1;
	if (source_list(src, "", &v, &n) < 0)
		return -1;
	c->series = xcalloc(n + 1, sizeof(*c->series));
	for (i = 0; i < n; i++) {
		if (!v[i].is_dir || S_reserved_name(v[i].name))
			continue;
		rel = xasprintf("%s/series.yaml", v[i].name);
		if (source_kind(src, rel) != 1) {
			path = source_path(src, v[i].name);
			diag_warn(d, path, 0, 0, "folder has no series.yaml "
			    "and is not read");
			free(path);
		} else {
			s = &c->series[c->nseries++];
			s->id = xstrdup(v[i].name);
			S_load_series(c, s, d);
		}
		free(rel);
	}
	source_entries_free(v, n);

	for (i = 0; i < c->nseries; i++)
		for (j = 0; j < c->series[i].nperiods; j++) {
			p = &c->series[i].periods[j];
			c->docs = xrealloc(c->docs, (c->ndocs + p->ndocs + 1) *
			    sizeof(*c->docs));
			for (k = 0; k < p->ndocs; k++)
				c->docs[c->ndocs++] = p->docs[k];
		}

	/* Checks across files: only documents valid on their own.  A
	 * document without a language of its own takes the site's. */
	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		if (!doc->ok)
			continue;
		if (doc->meta.language.s == NULL)
			doc->meta.english = c->conf.english;
		before = d->errors;
		S_check_doc(c, doc->period, doc, d);
		if (d->errors != before)
			doc->ok = 0;
	}
	return 0;
}

/* Warn about raw HTML and images without alt text in doc. */
static void
S_lint_body(const struct doc *doc, struct diag *d)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	cmark_node *n;
	struct buf alt = BUF_INIT;
	struct pos p;
	int t;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			p = S_node_pos(doc, n);
			diag_warn(d, doc->path, p.line, p.col, "raw HTML is "
			    "not allowed and is left out of the output");
		} else if (t == CMARK_NODE_IMAGE) {
			buf_reset(&alt);
			md_plain_text(&alt, n);
			if (alt.len == 0) {
				p = S_node_pos(doc, n);
				diag_warn(d, doc->path, p.line, p.col, "image "
				    "'%s' has no alt text: describe it between "
				    "the brackets, ![like this](%s)",
				    cmark_node_get_url(n),
				    cmark_node_get_url(n));
			}
		}
	}
	cmark_iter_free(it);
	buf_free(&alt);
}

void
content_lint(struct content *c, const char *today, struct diag *d)
{
	const struct mstr *rb;
	size_t i;

	for (i = 0; i < c->ndocs; i++) {
		if (!doc_has_meta(c->docs[i]))
			continue;
		S_lint_body(c->docs[i], d);
		rb = &c->docs[i]->meta.review_by;
		if (rb->s != NULL && today != NULL && strcmp(rb->s, today) < 0)
			diag_warn(d, c->docs[i]->path, rb->pos.line,
			    rb->pos.col, "review-by %s has passed: the "
			    "document is due for revision", rb->s);
	}
}

void
content_free(struct content *c)
{
	struct series *s;
	size_t i, j, k;

	for (i = 0; i < c->nseries; i++) {
		s = &c->series[i];
		for (j = 0; j < s->nperiods; j++) {
			for (k = 0; k < s->periods[j].ndocs; k++)
				doc_free(s->periods[j].docs[k]);
			free(s->periods[j].docs);
			free(s->periods[j].name);
			free(s->periods[j].rel);
		}
		free(s->periods);
		for (j = 0; j < s->nparties; j++) {
			mstr_free(&s->parties[j].id);
			mstr_free(&s->parties[j].name);
		}
		free(s->parties);
		mstr_free(&s->name);
		mstr_free(&s->description);
		free(s->file);
		free(s->id);
	}
	free(c->series);
	free(c->docs);
	for (i = 0; i < c->nassets; i++)
		free(c->assets[i]);
	free(c->assets);
	for (i = 0; i < c->nrecords; i++)
		record_free(&c->records[i]);
	free(c->records);
	mstr_free(&c->conf.title);
	mstr_free(&c->conf.base_url);
	mstr_free(&c->conf.language);
	mstr_free(&c->conf.theme);
	memset(c, 0, sizeof(*c));
}
