/*
 * ydoc.c - YAML documents read with libyaml, with positions and schema checks.
 */
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

int
ydoc_load(struct ydoc *y, const char *file, const char *text, size_t len,
    unsigned line0, struct diag *d)
{
	yaml_parser_t p;
	int rc = 0;

	memset(y, 0, sizeof(*y));
	y->file = file;
	y->line0 = line0;
	if (!yaml_parser_initialize(&p)) {
		diag_err(d, file, line0 + 1, 1, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		const yaml_mark_t *m = p.context != NULL &&
		    p.problem_mark.line == 0 && p.problem_mark.column == 0 ?
		    &p.context_mark : &p.problem_mark;

		diag_err(d, file, line0 + (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "YAML syntax error: %s%s%s",
		    p.problem ? p.problem : "cannot parse",
		    p.context ? " " : "", p.context ? p.context : "");
		rc = -1;
	} else
		y->loaded = 1;
	yaml_parser_delete(&p);
	return rc;
}

void
ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

yaml_node_t *
ydoc_root(struct ydoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *
ydoc_node(struct ydoc *y, int id)
{
	return yaml_document_get_node(&y->doc, id);
}

struct pos
ydoc_pos(const struct ydoc *y, const yaml_node_t *n)
{
	struct pos p;

	p.line = y->line0 + (unsigned)n->start_mark.line + 1;
	p.col = (unsigned)n->start_mark.column + 1;
	return p;
}

/* The text of scalar n, NUL-terminated by libyaml. */
static const char *
S_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* Edit distance between a and b, at most 32 bytes of each. */
static size_t
S_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[33], prev, tmp, best;

	if (la > 32 || lb > 32)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
suggest_word(const char *s, const char *const *allowed)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, dist, limit;

	limit = strlen(s) <= 3 ? 1 : strlen(s) <= 8 ? 2 : 3;
	for (; *allowed != NULL; allowed++) {
		dist = S_distance(s, *allowed);
		if (dist <= limit && dist < bestd) {
			bestd = dist;
			best = *allowed;
		}
	}
	return best;
}

static const char *
S_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "text";
	}
}

int
ydoc_check_map(struct ydoc *y, yaml_node_t *n, const char *const *allowed,
    const char *what, struct diag *d)
{
	yaml_node_pair_t *pr, *q;
	yaml_node_t *k, *k2;
	const char *const *a;
	const char *hint;
	struct pos p;

	if (n == NULL || n->type != YAML_MAPPING_NODE) {
		p = n ? ydoc_pos(y, n) : (struct pos){ y->line0 + 1, 1 };
		diag_err(d, y->file, p.line, p.col, "%s must be a mapping of "
		    "keys to values, found %s", what, n ? S_kind(n) : "nothing");
		return -1;
	}
	for (pr = n->data.mapping.pairs.start;
	    pr < n->data.mapping.pairs.top; pr++) {
		k = ydoc_node(y, pr->key);
		p = ydoc_pos(y, k);
		if (k->type != YAML_SCALAR_NODE) {
			diag_err(d, y->file, p.line, p.col,
			    "a key in %s must be text, found %s", what,
			    S_kind(k));
			continue;
		}
		for (a = allowed; *a != NULL; a++)
			if (strcmp(*a, S_text(k)) == 0)
				break;
		if (*a == NULL) {
			hint = suggest_word(S_text(k), allowed);
			if (hint != NULL)
				diag_err(d, y->file, p.line, p.col,
				    "unknown key '%s' in %s (did you mean "
				    "'%s'?)", S_text(k), what, hint);
			else
				diag_err(d, y->file, p.line, p.col,
				    "unknown key '%s' in %s", S_text(k), what);
			continue;
		}
		for (q = n->data.mapping.pairs.start; q < pr; q++) {
			k2 = ydoc_node(y, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp(S_text(k2), S_text(k)) == 0) {
				diag_err(d, y->file, p.line, p.col,
				    "key '%s' is given twice in %s (first on "
				    "line %u)", S_text(k), what,
				    ydoc_pos(y, k2).line);
				break;
			}
		}
	}
	return 0;
}

yaml_node_t *
ydoc_get(struct ydoc *y, yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (pr = n->data.mapping.pairs.start;
	    pr < n->data.mapping.pairs.top; pr++) {
		k = ydoc_node(y, pr->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(S_text(k), key) == 0)
			return ydoc_node(y, pr->value);
	}
	return NULL;
}

/* Copy scalar v into out, trimming nothing: YAML already did. */
static void
S_setstr(struct ydoc *y, yaml_node_t *v, struct mstr *out)
{
	free(out->s);
	out->s = xstrndup(S_text(v), v->data.scalar.length);
	out->pos = ydoc_pos(y, v);
}

int
ydoc_str(struct ydoc *y, yaml_node_t *n, const char *key, struct mstr *out,
    struct diag *d)
{
	yaml_node_t *v = ydoc_get(y, n, key);
	struct pos p;

	if (v == NULL)
		return 0;
	if (v->type != YAML_SCALAR_NODE) {
		p = ydoc_pos(y, v);
		diag_err(d, y->file, p.line, p.col,
		    "'%s' must be text, found %s", key, S_kind(v));
		return -1;
	}
	if (memchr(S_text(v), '\0', v->data.scalar.length) != NULL) {
		p = ydoc_pos(y, v);
		diag_err(d, y->file, p.line, p.col,
		    "'%s' contains a NUL character", key);
		return -1;
	}
	S_setstr(y, v, out);
	return 0;
}

int
ydoc_strlist(struct ydoc *y, yaml_node_t *n, const char *key,
    struct mlist *out, struct diag *d)
{
	yaml_node_t *v = ydoc_get(y, n, key), *it;
	yaml_node_item_t *i;
	struct pos p;
	int rc = 0;

	if (v == NULL)
		return 0;
	mlist_free(out);
	if (v->type == YAML_SCALAR_NODE) {
		out->v = xcalloc(1, sizeof(*out->v));
		out->n = 1;
		S_setstr(y, v, &out->v[0]);
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		p = ydoc_pos(y, v);
		diag_err(d, y->file, p.line, p.col,
		    "'%s' must be a list of text, found %s", key, S_kind(v));
		return -1;
	}
	out->v = xcalloc((size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start) + 1, sizeof(*out->v));
	for (i = v->data.sequence.items.start;
	    i < v->data.sequence.items.top; i++) {
		it = ydoc_node(y, *i);
		if (it->type != YAML_SCALAR_NODE) {
			p = ydoc_pos(y, it);
			diag_err(d, y->file, p.line, p.col, "each item of "
			    "'%s' must be text, found %s", key, S_kind(it));
			rc = -1;
			continue;
		}
		S_setstr(y, it, &out->v[out->n++]);
	}
	return rc;
}

void
mstr_free(struct mstr *s)
{
	free(s->s);
	s->s = NULL;
}

void
mlist_free(struct mlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
