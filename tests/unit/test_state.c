/*
 * test_state.c - unit tests for the states of documents: who signs a
 * document (doc_signatories), and state_load() on a content folder with
 * an archive: signed, draft (changed since, uncommitted, never signed),
 * expired after its period, superseded by a signed later period, and no
 * state for a memo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "meta.h"
#include "record.h"
#include "source.h"
#include "state.h"

#include "fixture.h"
#include "tap.h"

#define COMMIT	"8d1e0c3f9a2b4c5d6e7f8091a2b3c4d5e6f70812"
#define SHA	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static const char S_agreement[] =
	"---\n"
	"type: agreement\n"
	"title: Avtal\n"
	"date: 2024-03-01\n"
	"signatories:\n"
	"  - name: Anna\n"
	"    party: kommun\n"
	"  - name: Bo\n"
	"    party: polis\n"
	"---\n"
	"Text.\n";

/* Write the record of version 1 of document id of period p of series s
 * below dir, signed by Anna on date. */
static void
S_record(const char *dir, const char *p, const char *doc, const char *id,
    const char *date)
{
	char *rel = xasprintf("archive/s/%s/%s/v1/%s", p, id, RECORD_NAME);
	char *text = xasprintf(
	    "document: s/%s/%s\n"
	    "series: s\n"
	    "period: %s\n"
	    "id: %s\n"
	    "version: 1\n"
	    "commit: " COMMIT "\n"
	    "tag: signed/s/%s/%s/v1\n"
	    "signatories:\n"
	    "  - name: Anna\n"
	    "    date: %s\n"
	    "files:\n"
	    "  - name: %s.pdf\n"
	    "    size: 3\n"
	    "    sha256: " SHA "\n", p, doc, p, id, p, id, date, id);

	fx_write_str(dir, rel, text);
	free(text);
	free(rel);
}

/* Load the content of dir with every document committed once, then
 * with the states as of today.  Returns 0 or -1. */
static int
S_load(const char *dir, struct content *c, struct source **src,
    const char *today)
{
	struct diag d = DIAG_INIT;
	size_t i;
	int rc;

	*src = source_fs_open(dir);
	rc = fx_load(c, *src, &d);
	for (i = 0; rc == 0 && i < c->ndocs; i++)
		fx_set_history(c->docs[i], 1, 0);
	if (rc == 0 && state_load(c, today, &d) < 0)
		rc = -1;
	if (d.n > 0)
		printf("# %s\n", fx_first_diag(&d));
	diag_free(&d);
	return rc;
}

static void
test_signatories(void)
{
	struct content c;
	struct source *src;
	const struct signatory *sg;
	char *tmp = fx_tmpdir("state");
	size_t n;

	fx_site(tmp, S_agreement);
	ok(S_load(tmp, &c, &src, "2025-01-01") == 0, "the content loads");
	sg = doc_signatories(fx_find_doc(&c, "s/2024-2027/avtal.md"), &n);
	ok(sg != NULL && n == 2, "the agreement has its own two signatories");
	if (sg != NULL)
		is_str(sg[1].name.s, "Bo", "in order");
	sg = doc_signatories(fx_find_doc(&c, "s/2024-2027/plan.md"), &n);
	ok(sg != NULL && n == 2 && strcmp(sg[0].name.s, "Anna") == 0,
	    "the action plan is signed by those of its agreement");
	sg = doc_signatories(fx_find_doc(&c, "s/2024-2027/fokus/trygg.md"),
	    &n);
	ok(sg != NULL && n == 2, "so is the focus area");
	sg = doc_signatories(fx_find_doc(&c, "s/2024-2027/memo.md"), &n);
	ok(sg == NULL && n == 0, "a memo has none");
	content_free(&c);
	source_close(src);
	fx_rmtree(tmp);
	free(tmp);
}

static void
test_states(void)
{
	struct content c;
	struct source *src;
	struct doc *ag, *plan, *memo;
	char *tmp = fx_tmpdir("state");

	fx_site(tmp, S_agreement);
	S_record(tmp, "2024-2027", "avtal.md", "avtal", "2024-03-02");

	ok(S_load(tmp, &c, &src, "2025-01-01") == 0, "the archive loads");
	ok(c.nrecords == 1, "with its one record");
	ag = fx_find_doc(&c, "s/2024-2027/avtal.md");
	plan = fx_find_doc(&c, "s/2024-2027/plan.md");
	memo = fx_find_doc(&c, "s/2024-2027/memo.md");
	is_str(state_name(ag->state), "signed",
	    "the version signed, within its period: signed");
	ok(ag->signed_rec == &c.records[0] && ag->successor == NULL,
	    "with its record and no successor");
	is_str(state_name(plan->state), "draft", "never signed: draft");
	ok(memo->state == STATE_NONE && state_name(memo->state) == NULL,
	    "a memo has no state");
	is_str(record_date(&c.records[0]), "2024-03-02",
	    "the record is dated by its signer");
	content_free(&c);
	source_close(src);

	ok(S_load(tmp, &c, &src, "2028-01-01") == 0, "loads again");
	ag = fx_find_doc(&c, "s/2024-2027/avtal.md");
	is_str(state_name(ag->state), "expired",
	    "after its period, with no signed successor: expired");
	content_free(&c);
	source_close(src);

	fx_write_str(tmp, "s/2028-2031/avtal.md", S_agreement);
	S_record(tmp, "2028-2031", "avtal.md", "avtal", "2028-01-10");
	ok(S_load(tmp, &c, &src, "2028-02-01") == 0,
	    "loads with a later period signed");
	ag = fx_find_doc(&c, "s/2024-2027/avtal.md");
	is_str(state_name(ag->state), "superseded",
	    "a later period signed: superseded");
	ok(ag->successor != NULL && strcmp(ag->successor->name,
	    "2028-2031") == 0, "by that period");
	is_str(state_name(fx_find_doc(&c, "s/2028-2031/avtal.md")->state),
	    "signed", "which is signed");
	content_free(&c);
	source_close(src);
	fx_rmtree(tmp);
	free(tmp);
}

static void
test_drafts(void)
{
	struct content c;
	struct source *src;
	struct diag d = DIAG_INIT;
	struct doc *ag;
	char *tmp = fx_tmpdir("state");

	fx_site(tmp, S_agreement);
	S_record(tmp, "2024-2027", "avtal.md", "avtal", "2024-03-02");
	ok(S_load(tmp, &c, &src, "2025-01-01") == 0, "the archive loads");
	ag = fx_find_doc(&c, "s/2024-2027/avtal.md");
	fx_set_history(ag, 2, 0);
	ok(state_load(&c, "2025-01-01", &d) == 0 &&
	    ag->state == STATE_DRAFT && ag->signed_rec != NULL,
	    "changed since the version signed: a draft with its record");
	fx_set_history(ag, 1, 1);
	ok(state_load(&c, "2025-01-01", &d) == 0 &&
	    ag->state == STATE_DRAFT, "uncommitted: a draft");
	ok(d.n == 0, "nothing recorded");
	diag_free(&d);
	content_free(&c);
	source_close(src);
	fx_rmtree(tmp);
	free(tmp);
}

int
main(void)
{
	test_signatories();
	test_states();
	test_drafts();
	return tap_done();
}
