/*
 * newperiod.c - start the next period of a series from the current one.
 *
 * Everything is checked and every new file is made in memory first;
 * only then is anything written, so that a refusal leaves no trace.  The
 * front matter goes through libyaml as a stream of events: each event
 * is passed on to the emitter as it was (its style included), dropped,
 * or replaced by a scalar with the new text.
 */
#include "newperiod.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <yaml.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "output.h"
#include "source.h"

/* How deeply front matter may nest: far more than pakt's keys use. */
#define NP_MAX_DEPTH	64

/* One file of the new period. */
struct np_file {
	char	*rel;		/* content path: "<series>/<name>/..." */
	char	*data;
	size_t	 len;
};

/* What is being made: the old period, the new one and its files. */
struct np_job {
	struct content		*c;
	const struct period	*old;
	const char		*name;		/* "2028-2032" */
	char			*newrel;	/* "<series>/<name>" */
	int			 years;		/* new first - old first */
	struct np_file		*v;
	size_t			 n;
};

/* Where a mapping is in the front matter, as far as the changes care. */
enum np_ctx {
	CTX_OTHER,
	CTX_TOP,	/* the front matter itself */
	CTX_SIGS,	/* the list of signatories */
	CTX_SIG		/* one signatory */
};

/* What becomes of the value of a key. */
enum np_act {
	ACT_KEEP,
	ACT_PERIOD,	/* the new period's name */
	ACT_REVIEW,	/* a date moved by the years between the periods */
	ACT_TEXT,	/* the old period in the text replaced */
	ACT_DROP,	/* left out, key and value */
	ACT_SIGS	/* the list of signatories */
};

static const struct {
	enum np_ctx	 ctx;
	const char	*key;
	enum np_act	 act;
} S_keys[] = {
	{ CTX_TOP, "period", ACT_PERIOD },
	{ CTX_TOP, "review-by", ACT_REVIEW },
	{ CTX_TOP, "date", ACT_DROP },
	{ CTX_TOP, "title", ACT_TEXT },
	{ CTX_TOP, "subtitle", ACT_TEXT },
	{ CTX_TOP, "description", ACT_TEXT },
	{ CTX_TOP, "signatories", ACT_SIGS },
	{ CTX_SIG, "date", ACT_DROP },
	{ CTX_SIG, "place", ACT_DROP },
};

/* One open mapping or sequence. */
struct np_level {
	enum np_ctx	 ctx;
	int		 map;	/* a mapping, not a sequence */
	int		 key;	/* mapping: the next node is a key */
	enum np_act	 act;	/* mapping: what becomes of the value */
};

/* The state of one front matter's rewriting. */
struct np_rw {
	const struct np_job	*job;
	const struct doc	*doc;	/* whose front matter it is */
	unsigned		 line0;	/* lines of doc before it */
	struct diag		*d;
	struct np_level		 st[NP_MAX_DEPTH];
	size_t			 depth;
	size_t			 skip;	/* open collections of a dropped
					   value */
};

/*
 * The series of c with id, or NULL after recording which ones there
 * are in d.  Returns a series owned by c.
 */
static struct series *
S_series(struct content *c, const char *id, struct diag *d)
{
	struct buf list = BUF_INIT;
	size_t i;

	for (i = 0; i < c->nseries; i++)
		if (strcmp(c->series[i].id, id) == 0)
			return &c->series[i];
	for (i = 0; i < c->nseries; i++)
		buf_join(&list, ", ", c->series[i].id);
	diag_err(d, NULL, 0, 0, "no series '%s' (the series are: %s)", id,
	    list.len > 0 ? list.ptr : "none");
	buf_free(&list);
	return NULL;
}

/*
 * The date s (YYYY-MM-DD) moved by years, 29 February becoming 28
 * February in a year that is not a leap year.  Returns a new string the
 * caller frees, or NULL when s is not a date (it is then kept).
 */
static char *
S_shift_date(const char *s, int years)
{
	int y, m, day;

	if (!is_date(s, 0))
		return NULL;
	y = atoi(s) + years;
	m = atoi(s + 5);
	day = atoi(s + 8);
	if (m == 2 && day == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		day = 28;
	return xasprintf("%04d-%02d-%02d", y, m, day);
}

/*
 * Append s to b with every from replaced by to, where from stands
 * alone (no digit right before or after it).  Returns how many were
 * replaced.
 */
static size_t
S_replace(struct buf *b, const char *s, const char *from, const char *to)
{
	size_t n = strlen(from), count = 0;
	const char *p = s, *hit;

	while ((hit = strstr(p, from)) != NULL) {
		buf_put(b, p, (size_t)(hit - p));
		if ((hit > s && hit[-1] >= '0' && hit[-1] <= '9') ||
		    (hit[n] >= '0' && hit[n] <= '9')) {
			buf_put(b, hit, n);
		} else {
			buf_puts(b, to);
			count++;
		}
		p = hit + n;
	}
	buf_puts(b, p);
	return count;
}

/*
 * Text s with the old period written "2023–2027" (en dash) or
 * "2023-2027" replaced by the new one written the same way.  Returns a
 * new string the caller frees, or NULL when s does not name the period.
 */
static char *
S_replace_period(const struct np_job *j, const char *s)
{
	struct buf dash = BUF_INIT, out = BUF_INIT;
	char *from, *to;
	size_t count;

	from = xasprintf("%.4s\xe2\x80\x93%s", j->old->name, j->old->name + 5);
	to = xasprintf("%.4s\xe2\x80\x93%s", j->name, j->name + 5);
	count = S_replace(&dash, s, from, to);
	count += S_replace(&out, dash.ptr, j->old->name, j->name);
	free(from);
	free(to);
	buf_free(&dash);
	if (count == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* What becomes of the value of key in a mapping at ctx. */
static enum np_act
S_key_act(enum np_ctx ctx, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(S_keys) / sizeof(S_keys[0]); i++)
		if (S_keys[i].ctx == ctx && strcmp(S_keys[i].key, key) == 0)
			return S_keys[i].act;
	return ACT_KEEP;
}

/* A node of mapping or sequence l (NULL: the root) is complete. */
static void
S_done(struct np_level *l)
{
	if (l != NULL && l->map)
		l->key = !l->key;
}

/* Record the error msg at event ev of the front matter of rw in rw->d. */
static void
S_err(const struct np_rw *rw, const yaml_event_t *ev, const char *msg)
{
	diag_err(rw->d, rw->doc->path, rw->line0 + (unsigned)
	    ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
	    "%s", msg);
}

/*
 * Open a collection at ctx, started by event ev.  Returns 0, or -1
 * after recording that the front matter nests too deeply.
 */
static int
S_push(struct np_rw *rw, const yaml_event_t *ev, enum np_ctx ctx)
{
	struct np_level *l;

	if (rw->depth == NP_MAX_DEPTH) {
		S_err(rw, ev, "cannot rewrite the front matter: it nests too "
		    "deeply");
		return -1;
	}
	l = &rw->st[rw->depth++];
	l->ctx = ctx;
	l->map = ev->type == YAML_MAPPING_START_EVENT;
	l->key = 1;
	l->act = ACT_KEEP;
	return 0;
}

/*
 * Replace the text of scalar event ev by the value act gives it, keeping
 * its anchor, tag and style.  Returns 0 (also when the text stays as it
 * was), or -1 after recording that libyaml cannot make the event.
 */
static int
S_scalar(const struct np_rw *rw, yaml_event_t *ev, enum np_act act)
{
	const char *old = (const char *)ev->data.scalar.value;
	yaml_event_t nev;
	char *s = NULL;
	int implicit = ev->data.scalar.tag == NULL, ok;

	if (act == ACT_PERIOD)
		s = xstrdup(rw->job->name);
	else if (act == ACT_REVIEW)
		s = S_shift_date(old, rw->job->years);
	else if (act == ACT_TEXT)
		s = S_replace_period(rw->job, old);
	if (s == NULL)
		return 0;
	/* An untagged text may be written in any style: the emitter
	 * quotes it when the original style cannot hold the new text. */
	ok = yaml_scalar_event_initialize(&nev, ev->data.scalar.anchor,
	    ev->data.scalar.tag, (yaml_char_t *)s, (int)strlen(s),
	    implicit || ev->data.scalar.plain_implicit,
	    implicit || ev->data.scalar.quoted_implicit,
	    ev->data.scalar.style);
	free(s);
	if (!ok) {
		S_err(rw, ev, "cannot rewrite the front matter: out of "
		    "memory");
		return -1;
	}
	yaml_event_delete(ev);
	*ev = nev;
	return 0;
}

/*
 * Decide about event ev of the front matter, changing it in place when
 * its text changes.  Returns 1 when it is to be emitted, 0 when it is
 * left out (the caller deletes it), -1 after recording in rw->d why it
 * cannot be handled.
 */
static int
S_event(struct np_rw *rw, yaml_event_t *ev)
{
	struct np_level *top = rw->depth > 0 ? &rw->st[rw->depth - 1] : NULL;
	int open = ev->type == YAML_MAPPING_START_EVENT ||
	    ev->type == YAML_SEQUENCE_START_EVENT;
	int close = ev->type == YAML_MAPPING_END_EVENT ||
	    ev->type == YAML_SEQUENCE_END_EVENT;
	int leaf = ev->type == YAML_SCALAR_EVENT ||
	    ev->type == YAML_ALIAS_EVENT;
	enum np_ctx ctx = CTX_OTHER;
	enum np_act act;

	if (rw->skip > 0) {
		if (open)
			rw->skip++;
		else if (close && --rw->skip == 0)
			S_done(top);
		return 0;
	}
	if (close) {
		rw->depth--;
		S_done(rw->depth > 0 ? &rw->st[rw->depth - 1] : NULL);
		return 1;
	}
	if (!open && !leaf)
		return 1;	/* stream and document events */

	if (top == NULL)
		ctx = CTX_TOP;
	else if (top->map && top->key) {
		top->act = ev->type == YAML_SCALAR_EVENT ? S_key_act(top->ctx,
		    (const char *)ev->data.scalar.value) : ACT_KEEP;
		if (top->act == ACT_DROP) {
			S_done(top);
			return 0;
		}
	} else if (top->map) {
		act = top->act;
		if (act == ACT_DROP) {
			if (open)
				rw->skip = 1;
			else
				S_done(top);
			return 0;
		}
		if (ev->type == YAML_SCALAR_EVENT && S_scalar(rw, ev, act) < 0)
			return -1;
		if (act == ACT_SIGS)
			ctx = CTX_SIGS;
	} else if (top->ctx == CTX_SIGS)
		ctx = CTX_SIG;

	if (leaf) {
		S_done(top);
		return 1;
	}
	return S_push(rw, ev, ctx) < 0 ? -1 : 1;
}

/* libyaml output handler: append size bytes to the buf data.  Returns 1. */
static int
S_emit_out(void *data, unsigned char *buffer, size_t size)
{
	buf_put(data, buffer, size);
	return 1;
}

/*
 * Append to out the front matter fm (fmlen bytes, starting after line0
 * lines of doc) with the changes of job j, as YAML without document
 * markers.  Returns 0, or -1 after recording the problem in d.
 */
static int
S_front_matter(const struct np_job *j, const struct doc *doc, const char *fm,
    size_t fmlen, unsigned line0, struct buf *out, struct diag *d)
{
	struct np_rw rw;
	struct buf y = BUF_INIT;
	yaml_parser_t p;
	yaml_emitter_t e;
	yaml_event_t ev;
	int rc = -1, end = 0, r;
	size_t start = 0;

	memset(&rw, 0, sizeof(rw));
	rw.job = j;
	rw.doc = doc;
	rw.line0 = line0;
	rw.d = d;
	if (!yaml_parser_initialize(&p)) {
		diag_err(d, doc->path, 0, 0, "cannot start the YAML parser");
		return -1;
	}
	if (!yaml_emitter_initialize(&e)) {
		yaml_parser_delete(&p);
		diag_err(d, doc->path, 0, 0, "cannot start the YAML writer");
		return -1;
	}
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)fm, fmlen);
	yaml_emitter_set_output(&e, S_emit_out, &y);
	yaml_emitter_set_encoding(&e, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	while (!end) {
		if (!yaml_parser_parse(&p, &ev)) {
			diag_err(d, doc->path, line0 + (unsigned)
			    p.problem_mark.line + 1, (unsigned)
			    p.problem_mark.column + 1, "YAML syntax error: %s",
			    p.problem ? p.problem : "cannot parse");
			goto out;
		}
		end = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_DOCUMENT_START_EVENT)
			ev.data.document_start.implicit = 1;
		else if (ev.type == YAML_DOCUMENT_END_EVENT)
			ev.data.document_end.implicit = 1;
		if ((r = S_event(&rw, &ev)) <= 0) {
			yaml_event_delete(&ev);
			if (r < 0)
				goto out;
			continue;
		}
		if (!yaml_emitter_emit(&e, &ev)) {
			diag_err(d, doc->path, line0 + 1, 1, "cannot write the "
			    "front matter again: %s",
			    e.problem ? e.problem : "libyaml failed");
			goto out;
		}
	}
	/*
	 * Only the YAML between the '---' lines: libyaml ends a document
	 * with "..." after a block scalar that keeps its final line breaks
	 * ("|+"), and would start one with "---" if it had directives.
	 */
	if (y.len >= 4 && memcmp(y.ptr, "---\n", 4) == 0)
		start = 4;
	if (y.len >= start + 4 && memcmp(y.ptr + y.len - 4, "...\n", 4) == 0)
		y.len -= 4;
	if (y.len > start)
		buf_put(out, y.ptr + start, y.len - start);
	rc = 0;
out:
	buf_free(&y);
	yaml_emitter_delete(&e);
	yaml_parser_delete(&p);
	return rc;
}

/* Add file rel (taking ownership of data, len bytes) to j. */
static void
S_add(struct np_job *j, char *rel, char *data, size_t len)
{
	j->v = xrealloc(j->v, (j->n + 1) * sizeof(*j->v));
	j->v[j->n].rel = rel;
	j->v[j->n].data = data;
	j->v[j->n].len = len;
	j->n++;
}

/* Whether j already holds a file rel.  Returns 1 or 0. */
static int
S_has(const struct np_job *j, const char *rel)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		if (strcmp(j->v[i].rel, rel) == 0)
			return 1;
	return 0;
}

/* Content path rel of the old period moved to the new one; the caller
 * frees it. */
static char *
S_moved(const struct np_job *j, const char *rel)
{
	return xasprintf("%s/%s", j->newrel, rel + strlen(j->old->rel) + 1);
}

/* Whether content path rel lies below the old period's folder. */
static int
S_in_old(const struct np_job *j, const char *rel)
{
	size_t n = strlen(j->old->rel);

	return strncmp(rel, j->old->rel, n) == 0 && rel[n] == '/';
}

/* Whether doc is one that a new period starts from.  Returns 1 or 0. */
static int
S_copied(const struct doc *doc)
{
	return doc->ok && doc_has_meta(doc) &&
	    (doc->meta.type == DOC_AGREEMENT ||
	    doc->meta.type == DOC_FOCUS_AREA ||
	    doc->meta.type == DOC_ACTION_PLAN);
}

/*
 * Warn about the links of doc to documents of the old period that are
 * not copied: they will not resolve in the new one.
 */
static void
S_warn_links(const struct np_job *j, const struct doc *doc, struct diag *d)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	const struct doc *to;
	const char *url;
	char *ref, *rel;
	cmark_node *n;
	unsigned line;
	size_t i;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) != CMARK_NODE_LINK ||
		    cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    (url = cmark_node_get_url(n)) == NULL || *url == '/' ||
		    strcspn(url, ":") < strcspn(url, "/?#"))
			continue;
		ref = xstrndup(url, strcspn(url, "?#"));
		rel = *ref != '\0' ? path_resolve(doc->rel, ref) : NULL;
		line = doc->body_line0 + (unsigned)cmark_node_get_start_line(n);
		for (i = 0; rel != NULL && i < j->old->ndocs; i++) {
			to = j->old->docs[i];
			if (strcmp(to->rel, rel) == 0 && !S_copied(to))
				diag_warn(d, doc->path, line, doc_column(doc,
				    line, (unsigned)
				    cmark_node_get_start_column(n)), "the link "
				    "to '%s' will not resolve in %s: %s is not "
				    "copied", url, j->newrel, to->path);
		}
		free(rel);
		free(ref);
	}
	cmark_iter_free(it);
}

/*
 * Add the new version of doc to j: its front matter rewritten, its
 * body as it was.  Returns 0, or -1 after recording the problem in d.
 */
static int
S_add_doc(struct np_job *j, const struct doc *doc, struct diag *d)
{
	struct buf out = BUF_INIT;
	struct diag check = DIAG_INIT;
	struct doc *again;
	const char *fm, *body;
	size_t fmlen;
	unsigned line0;
	char *rel = S_moved(j, doc->rel), *msg;
	int rc = -1;

	if (frontmatter_split(doc->text, doc->len, doc->path, &fm, &fmlen,
	    &body, &line0, d) < 0)
		goto out;
	buf_puts(&out, "---\n");
	if (S_front_matter(j, doc, fm, fmlen, 1, &out, d) < 0)
		goto out;
	buf_puts(&out, "---\n");
	buf_put(&out, body, (size_t)(doc->text + doc->len - body));
	/* What is written must load as a document again. */
	again = doc_parse(rel, rel, xstrndup(out.ptr, out.len), out.len,
	    &check);
	if (check.errors > 0) {
		msg = diag_format(&check, 0);
		diag_err(d, doc->path, 0, 0, "cannot carry the document over "
		    "to %s: %s", j->newrel, msg);
		free(msg);
	} else {
		S_add(j, rel, out.ptr, out.len);
		rel = NULL;
		out.ptr = NULL;
		rc = 0;
	}
	doc_free(again);
	diag_free(&check);
out:
	free(rel);
	buf_free(&out);
	return rc;
}

/*
 * Add to j the files of the old period that the copied documents use,
 * read from the content's source, in the order they are first used.
 * Returns 0, or -1 after recording the problem in d.
 */
static int
S_add_uses(struct np_job *j, struct diag *d)
{
	const struct doc *doc;
	char *rel, *data, *path;
	size_t i, k, len;

	for (i = 0; i < j->old->ndocs; i++) {
		doc = j->old->docs[i];
		if (!S_copied(doc))
			continue;
		for (k = 0; k < doc->nuses; k++) {
			if (!S_in_old(j, doc->uses[k]))
				continue;
			rel = S_moved(j, doc->uses[k]);
			if (S_has(j, rel)) {
				free(rel);
				continue;
			}
			if (source_read(j->c->src, doc->uses[k], &data,
			    &len) < 0) {
				path = source_path(j->c->src, doc->uses[k]);
				diag_err(d, path, 0, 0, "cannot read the file");
				free(path);
				free(rel);
				return -1;
			}
			S_add(j, rel, data, len);
		}
	}
	return 0;
}

/*
 * Check what new_period() checks before it writes, and fill j.  Returns
 * 0, or -1 after recording why not in d.
 */
static int
S_prepare(struct np_job *j, const char *dir, const char *series,
    struct diag *d)
{
	const struct series *s;
	const struct doc *doc;
	struct stat st;
	char *path;
	size_t i, copied = 0;
	int first, last, rc;

	if ((s = S_series(j->c, series, d)) == NULL)
		return -1;
	if (s->nperiods == 0) {
		diag_err(d, s->file, 0, 0, "series '%s' has no period to start "
		    "the next one from", s->id);
		return -1;
	}
	j->old = &s->periods[0];
	if (period_years(j->name, &first, &last) < 0) {
		diag_err(d, NULL, 0, 0, "'%s' is not a period: write its "
		    "years as YYYY-YYYY, like 2028-2032", j->name);
		return -1;
	}
	if (first > last) {
		diag_err(d, NULL, 0, 0, "period %s ends before it starts",
		    j->name);
		return -1;
	}
	if (first <= j->old->last) {
		diag_err(d, NULL, 0, 0, "period %s does not start after %s "
		    "ends", j->name, j->old->name);
		return -1;
	}
	j->years = first - j->old->first;
	j->newrel = xasprintf("%s/%s", s->id, j->name);
	path = xasprintf("%s/%s", dir, j->newrel);
	rc = -1;
	if (stat(path, &st) == 0)
		diag_err(d, NULL, 0, 0, "%s already exists", j->newrel);
	else if (errno != ENOENT)
		diag_err(d, path, 0, 0, "cannot tell whether it exists: %s",
		    strerror(errno));
	else
		rc = 0;
	free(path);
	if (rc < 0)
		return -1;

	for (i = 0; i < j->old->ndocs; i++) {
		doc = j->old->docs[i];
		if (S_copied(doc)) {
			copied++;
			S_warn_links(j, doc, d);
			if (S_add_doc(j, doc, d) < 0)
				return -1;
		} else if (doc_has_meta(doc) &&
		    doc->meta.type != DOC_MEMO && doc->meta.type != DOC_PAGE)
			diag_warn(d, doc->path, 0, 0, "not copied to %s: the "
			    "document has errors", j->newrel);
	}
	if (copied == 0) {
		diag_err(d, NULL, 0, 0, "%s has no valid agreement, focus area "
		    "or action plan to copy", j->old->rel);
		return -1;
	}
	return S_add_uses(j, d);
}

/*
 * Write the files of j below dir; when one fails, remove those written
 * and the folders made for them.  Returns 0, or -1 after recording the
 * problem in d.
 */
static int
S_write(const struct np_job *j, const char *dir, struct diag *d)
{
	char *path;
	size_t i, k;

	for (i = 0; i < j->n; i++)
		if (out_write(dir, j->v[i].rel, j->v[i].data, j->v[i].len,
		    d) < 0)
			break;
	if (i < j->n) {
		/* Files 0 to i - 1 were written; file i may have made
		 * folders.  A folder goes when its last file has gone. */
		for (k = 0; k < i; k++) {
			path = xasprintf("%s/%s", dir, j->v[k].rel);
			unlink(path);
			free(path);
		}
		for (k = 0; k <= i; k++)
			out_prune(dir, j->v[k].rel);
	}
	return i < j->n ? -1 : 0;
}

int
new_period(struct content *c, const char *dir, const char *series,
    const char *name, char ***files, size_t *nfiles, struct diag *d)
{
	struct np_job j;
	size_t i;
	int rc = -1;

	memset(&j, 0, sizeof(j));
	j.c = c;
	j.name = name;
	*files = NULL;
	*nfiles = 0;
	if (S_prepare(&j, dir, series, d) < 0 || S_write(&j, dir, d) < 0)
		goto out;
	*files = xcalloc(j.n, sizeof(**files));
	for (i = 0; i < j.n; i++) {
		(*files)[i] = j.v[i].rel;
		j.v[i].rel = NULL;
	}
	*nfiles = j.n;
	rc = 0;
out:
	for (i = 0; i < j.n; i++) {
		free(j.v[i].rel);
		free(j.v[i].data);
	}
	free(j.v);
	free(j.newrel);
	return rc;
}
