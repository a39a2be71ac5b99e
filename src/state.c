/*
 * state.c - the archive read into the states of documents.
 */
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "source.h"

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

int
state_history(struct content *c, struct repo *r, const char *id,
    struct diag *d)
{
	struct hist_doc *v = xcalloc(c->ndocs + 1, sizeof(*v));
	size_t i;
	int rc;

	for (i = 0; i < c->ndocs; i++) {
		v[i].rel = c->docs[i]->rel;
		v[i].path = c->docs[i]->path;
		v[i].text = c->docs[i]->text;
		v[i].len = c->docs[i]->len;
		v[i].hist = &c->docs[i]->hist;
	}
	rc = history_docs(v, c->ndocs, c->src, r, id, d);
	free(v);
	return rc;
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
state_load(struct content *c, const char *today, struct diag *d)
{
	const struct record *rec;
	struct doc *doc;
	size_t i, j;
	int rc;

	for (i = 0; i < c->nrecords; i++)
		record_free(&c->records[i]);
	free(c->records);
	c->records = NULL;
	c->nrecords = 0;
	rc = records_load(c->src, &c->records, &c->nrecords, d);
	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		doc->signed_rec = NULL;
		if (!doc_has_meta(doc) || !doc_type_signed(doc->meta.type)) {
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

int
state_load_commit(struct repo *r, const char *id, const char *rev,
    const char *today, struct content *c, struct source **src,
    struct diag *d)
{
	char short_id[HIST_SHORT_LEN + 1];

	snprintf(short_id, sizeof(short_id), "%s", id);
	if ((*src = source_git_open(r, id, rev ? rev : short_id, d)) == NULL ||
	    content_load(c, *src, d) < 0 || state_history(c, r, id, d) < 0)
		return -1;
	return state_load(c, today, d);
}
