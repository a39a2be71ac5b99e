/*
 * meta.c - typed document metadata from front matter.
 */
#include "meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "ydoc.h"

static const char *const S_types[DOC__MAX + 1] = {
	"agreement", "focus-area", "action-plan", "memo", "page", NULL
};

static const char *const S_statuses[ACTION__MAX] = {
	"planerad", "pågår", "klar", "avbruten"
};

static const char *const S_doc_keys[] = {
	"type", "id", "title", "subtitle", "period", "reference", "date",
	"language", "description", "contacts", "signatories", "copies",
	"review-by", "actions", NULL
};

static const char *const S_sig_keys[] = {
	"name", "role", "party", "place", "date", NULL
};

static const char *const S_action_keys[] = {
	"id", "title", "focus", "owners", "start", "end", "indicator",
	"status", NULL
};

const char *
doc_type_name(enum doc_type t)
{
	return t < DOC__MAX ? S_types[t] : "?";
}

int
doc_type_from(const char *s)
{
	int i;

	for (i = 0; i < DOC__MAX; i++)
		if (strcmp(S_types[i], s) == 0)
			return i;
	return -1;
}

int
doc_type_signed(enum doc_type t)
{
	return t == DOC_AGREEMENT || t == DOC_FOCUS_AREA ||
	    t == DOC_ACTION_PLAN;
}

const char *
action_status_name(enum action_status s)
{
	return s < ACTION__MAX ? S_statuses[s] : "?";
}

int
is_date(const char *s, int month_only)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	size_t i, n = month_only ? 7 : 10;
	int y, m, dd;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i]))
			return 0;
	}
	y = atoi(s);
	m = atoi(s + 5);
	if (y < 1900 || m < 1 || m > 12)
		return 0;
	if (month_only)
		return 1;
	dd = atoi(s + 8);
	if (dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* Check that s, when given, is a date; record a problem in d. */
static int
S_check_date(struct ydoc *y, const struct mstr *s, const char *key,
    int month_only, struct diag *d)
{
	if (s->s == NULL || is_date(s->s, month_only))
		return 0;
	diag_err(d, y->file, s->pos.line, s->pos.col,
	    "'%s' must be a date written %s, found '%s'", key,
	    month_only ? "YYYY-MM" : "YYYY-MM-DD", s->s);
	return -1;
}

/* Check that an id is lowercase ASCII letters, digits and hyphens. */
static int
S_check_id(struct ydoc *y, const struct mstr *s, struct diag *d)
{
	const char *p;

	if (s->s == NULL)
		return 0;
	for (p = s->s; *p != '\0'; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p)
		    || (*p == '-' && p != s->s)))
			break;
	if (*p == '\0' && p != s->s)
		return 0;
	diag_err(d, y->file, s->pos.line, s->pos.col, "id '%s' may only "
	    "hold lowercase letters a-z, digits and hyphens", s->s);
	return -1;
}

/* Record that a required key is missing from mapping n. */
static void
S_missing(struct ydoc *y, yaml_node_t *n, const char *key, const char *what,
    struct diag *d)
{
	struct pos p = ydoc_pos(y, n);

	diag_err(d, y->file, p.line, p.col, "%s has no '%s'", what, key);
}

/* The items of sequence value key in n, checked to be a list of maps. */
static yaml_node_item_t *
S_seq(struct ydoc *y, yaml_node_t *n, const char *key, size_t *count,
    struct diag *d)
{
	yaml_node_t *v = ydoc_get(y, n, key);
	struct pos p;

	*count = 0;
	if (v == NULL)
		return NULL;
	if (v->type != YAML_SEQUENCE_NODE) {
		p = ydoc_pos(y, v);
		diag_err(d, y->file, p.line, p.col, "'%s' must be a list", key);
		return NULL;
	}
	*count = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	return v->data.sequence.items.start;
}

static int
S_signatories(struct meta *m, struct ydoc *y, yaml_node_t *root,
    struct diag *d)
{
	yaml_node_item_t *items;
	yaml_node_t *n;
	struct signatory *s;
	size_t i, count;
	size_t before = d->errors;

	items = S_seq(y, root, "signatories", &count, d);
	if (items == NULL)
		return before == d->errors ? 0 : -1;
	m->sigs = xcalloc(count, sizeof(*m->sigs));
	for (i = 0; i < count; i++) {
		n = ydoc_node(y, items[i]);
		if (ydoc_check_map(y, n, S_sig_keys, "signatory", d) < 0)
			continue;
		s = &m->sigs[m->nsigs++];
		s->pos = ydoc_pos(y, n);
		ydoc_str(y, n, "name", &s->name, d);
		ydoc_str(y, n, "role", &s->role, d);
		ydoc_str(y, n, "party", &s->party, d);
		ydoc_str(y, n, "place", &s->place, d);
		ydoc_str(y, n, "date", &s->date, d);
		if (s->name.s == NULL)
			S_missing(y, n, "name", "signatory", d);
		if (s->party.s == NULL)
			S_missing(y, n, "party", "signatory", d);
		S_check_date(y, &s->date, "date", 0, d);
	}
	return before == d->errors ? 0 : -1;
}

static int
S_actions(struct meta *m, struct ydoc *y, yaml_node_t *root, struct diag *d)
{
	yaml_node_item_t *items;
	yaml_node_t *n;
	struct action *a;
	size_t i, j, count;
	size_t before = d->errors;
	int st;

	items = S_seq(y, root, "actions", &count, d);
	if (items == NULL)
		return before == d->errors ? 0 : -1;
	m->actions = xcalloc(count, sizeof(*m->actions));
	for (i = 0; i < count; i++) {
		n = ydoc_node(y, items[i]);
		if (ydoc_check_map(y, n, S_action_keys, "action", d) < 0)
			continue;
		a = &m->actions[m->nactions++];
		a->pos = ydoc_pos(y, n);
		ydoc_str(y, n, "id", &a->id, d);
		ydoc_str(y, n, "title", &a->title, d);
		ydoc_str(y, n, "focus", &a->focus, d);
		ydoc_strlist(y, n, "owners", &a->owners, d);
		ydoc_str(y, n, "start", &a->start, d);
		ydoc_str(y, n, "end", &a->end, d);
		ydoc_str(y, n, "indicator", &a->indicator, d);
		ydoc_str(y, n, "status", &a->status_s, d);
		if (a->id.s == NULL)
			S_missing(y, n, "id", "action", d);
		if (a->title.s == NULL)
			S_missing(y, n, "title", "action", d);
		if (a->focus.s == NULL)
			S_missing(y, n, "focus", "action", d);
		S_check_id(y, &a->id, d);
		S_check_date(y, &a->start, "start", 1, d);
		S_check_date(y, &a->end, "end", 1, d);
		if (a->start.s != NULL && a->end.s != NULL &&
		    is_date(a->start.s, 1) && is_date(a->end.s, 1) &&
		    strcmp(a->end.s, a->start.s) < 0)
			diag_err(d, y->file, a->end.pos.line, a->end.pos.col,
			    "action '%s' ends (%s) before it starts (%s)",
			    a->id.s ? a->id.s : "?", a->end.s, a->start.s);
		a->status = ACTION_PLANNED;
		if (a->status_s.s != NULL) {
			for (st = 0; st < ACTION__MAX; st++)
				if (strcmp(a->status_s.s, S_statuses[st]) == 0)
					break;
			if (st == ACTION__MAX)
				diag_err(d, y->file, a->status_s.pos.line,
				    a->status_s.pos.col, "unknown status '%s'"
				    " (use planerad, pågår, klar or avbruten)",
				    a->status_s.s);
			else
				a->status = (enum action_status)st;
		}
		for (j = 0; j + 1 < m->nactions; j++)
			if (a->id.s != NULL && m->actions[j].id.s != NULL &&
			    strcmp(a->id.s, m->actions[j].id.s) == 0)
				diag_err(d, y->file, a->id.pos.line,
				    a->id.pos.col, "action id '%s' is used "
				    "twice (first on line %u)", a->id.s,
				    m->actions[j].id.pos.line);
	}
	return before == d->errors ? 0 : -1;
}

int
meta_parse(struct meta *m, struct ydoc *y, struct diag *d)
{
	yaml_node_t *root = ydoc_root(y);
	size_t before = d->errors;
	const char *hint;
	char *end;
	long n;
	int t;

	if (root == NULL) {
		diag_err(d, y->file, y->line0 + 1, 1,
		    "front matter is empty: it needs at least 'type' and "
		    "'title'");
		return -1;
	}
	if (ydoc_check_map(y, root, S_doc_keys, "front matter", d) < 0)
		return -1;
	ydoc_str(y, root, "type", &m->type_s, d);
	ydoc_str(y, root, "id", &m->id, d);
	ydoc_str(y, root, "title", &m->title, d);
	ydoc_str(y, root, "subtitle", &m->subtitle, d);
	ydoc_str(y, root, "period", &m->period, d);
	ydoc_str(y, root, "reference", &m->reference, d);
	ydoc_str(y, root, "date", &m->date, d);
	ydoc_str(y, root, "language", &m->language, d);
	ydoc_str(y, root, "description", &m->description, d);
	ydoc_str(y, root, "review-by", &m->review_by, d);
	ydoc_str(y, root, "copies", &m->copies_s, d);
	ydoc_strlist(y, root, "contacts", &m->contacts, d);
	S_signatories(m, y, root, d);
	S_actions(m, y, root, d);

	if (m->type_s.s == NULL) {
		if (ydoc_get(y, root, "type") == NULL)
			S_missing(y, root, "type", "front matter", d);
	}
	else if ((t = doc_type_from(m->type_s.s)) < 0) {
		hint = suggest_word(m->type_s.s, S_types);
		diag_err(d, y->file, m->type_s.pos.line, m->type_s.pos.col,
		    "unknown type '%s' (%s%s%s)", m->type_s.s,
		    hint ? "did you mean '" : "use agreement, focus-area, "
		    "action-plan, memo or page", hint ? hint : "",
		    hint ? "'?" : "");
	} else
		m->type = (enum doc_type)t;
	if (m->title.s == NULL) {
		if (ydoc_get(y, root, "title") == NULL)
			S_missing(y, root, "title", "front matter", d);
	}
	else if (m->title.s[0] == '\0')
		diag_err(d, y->file, m->title.pos.line, m->title.pos.col,
		    "'title' is empty");
	S_check_id(y, &m->id, d);
	S_check_date(y, &m->date, "date", 0, d);
	S_check_date(y, &m->review_by, "review-by", 0, d);
	if (m->language.s != NULL) {
		if (strcmp(m->language.s, "en") == 0)
			m->english = 1;
		else if (strcmp(m->language.s, "sv") != 0)
			diag_err(d, y->file, m->language.pos.line,
			    m->language.pos.col, "unknown language '%s' "
			    "(use sv or en)", m->language.s);
	}
	if (m->copies_s.s != NULL) {
		n = strtol(m->copies_s.s, &end, 10);
		if (*end != '\0' || end == m->copies_s.s || n < 1 || n > 99)
			diag_err(d, y->file, m->copies_s.pos.line,
			    m->copies_s.pos.col, "'copies' must be a number "
			    "from 1 to 99, found '%s'", m->copies_s.s);
		else
			m->copies = (int)n;
	}
	if (m->nactions > 0 && m->type_s.s != NULL &&
	    m->type != DOC_ACTION_PLAN && doc_type_from(m->type_s.s) >= 0)
		diag_err(d, y->file, m->actions[0].pos.line,
		    m->actions[0].pos.col, "only an action-plan may list "
		    "actions (this document is type '%s')", m->type_s.s);
	return before == d->errors ? 0 : -1;
}

void
meta_free(struct meta *m)
{
	size_t i;

	mstr_free(&m->type_s);
	mstr_free(&m->id);
	mstr_free(&m->title);
	mstr_free(&m->subtitle);
	mstr_free(&m->period);
	mstr_free(&m->reference);
	mstr_free(&m->date);
	mstr_free(&m->language);
	mstr_free(&m->description);
	mstr_free(&m->review_by);
	mstr_free(&m->copies_s);
	mlist_free(&m->contacts);
	for (i = 0; i < m->nsigs; i++) {
		mstr_free(&m->sigs[i].name);
		mstr_free(&m->sigs[i].role);
		mstr_free(&m->sigs[i].party);
		mstr_free(&m->sigs[i].place);
		mstr_free(&m->sigs[i].date);
	}
	free(m->sigs);
	for (i = 0; i < m->nactions; i++) {
		mstr_free(&m->actions[i].id);
		mstr_free(&m->actions[i].title);
		mstr_free(&m->actions[i].focus);
		mstr_free(&m->actions[i].start);
		mstr_free(&m->actions[i].end);
		mstr_free(&m->actions[i].indicator);
		mstr_free(&m->actions[i].status_s);
		mlist_free(&m->actions[i].owners);
	}
	free(m->actions);
	memset(m, 0, sizeof(*m));
}
