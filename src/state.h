/*
 * state.h - the archive read into the states of documents.
 *
 * The archive (record.h) holds the signed versions of documents.  From
 * its records, the versions of the documents (history.h) and the
 * periods follows the state of every document that is signed
 * (enum doc_state in record.h): the newest record of its own, and
 * whether the version built is the one signed, superseded or expired.
 */
#ifndef PAKT_STATE_H
#define PAKT_STATE_H

#include <stddef.h>

#include "history.h"
#include "record.h"

struct content;
struct diag;
struct doc;
struct repo;
struct signatory;
struct source;

/*
 * Fill in the history of every document of c as of commit id of r
 * (history_docs(); id NULL or "" and r NULL as there).  Returns 0, or
 * -1 after recording a problem in d.
 */
int		 state_history(struct content *c, struct repo *r,
		    const char *id, struct diag *d);

/*
 * Read the archive of c (records_load) into c->records (in place of
 * the records there) and set the
 * state of every document: its newest record (doc->signed_rec), and
 * from that, the version built and today (YYYY-MM-DD), its state and,
 * when superseded, the period that supersedes it.  Needs the history
 * of the documents (state_history).  Problems with the archive are
 * recorded in d.  Returns 0, or -1 when a record could not be read.
 */
int		 state_load(struct content *c, const char *today,
		    struct diag *d);

/*
 * Load the content folder of r as of commit id into c (zeroed by the
 * caller) with the history and the state (as of today) of its
 * documents.  *src is set to the source it reads (or NULL); free c with
 * content_free() and close *src with source_close() in any case.  Paths
 * in messages start with rev, or the short id when rev is NULL.
 * Returns 0, or -1 after recording in d what stopped it.
 */
int		 state_load_commit(struct repo *r, const char *id,
		    const char *rev, const char *today, struct content *c,
		    struct source **src, struct diag *d);

/*
 * The signatories that sign doc: its own, or for a focus area or
 * action plan without any, those of its period's agreement.  Sets *n;
 * returns NULL when there are none.  The array belongs to the document
 * it came from.
 */
const struct signatory *doc_signatories(const struct doc *doc, size_t *n);

#endif
