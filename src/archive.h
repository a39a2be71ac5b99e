/*
 * archive.h - signed versions: states, signing and verification.
 *
 * The archive (record.h) holds the signed version of documents.  From
 * it and the periods follows the state of every document:
 *
 *   draft       never signed, or changed since the version signed
 *   signed      the version built is the one signed
 *   superseded  signed, and a later period of its series is signed
 *   expired     signed, and its period has ended with no signed
 *               successor
 *
 * Only agreements, focus areas and action plans are signed; memos and
 * pages have no state.  pakt sign archives a version and commits it;
 * pakt verify checks the archive against its records and git history.
 */
#ifndef PAKT_ARCHIVE_H
#define PAKT_ARCHIVE_H

#include <stddef.h>

#include "diag.h"
#include "history.h"
#include "record.h"

struct content;
struct doc;
struct repo;

enum doc_state {
	STATE_NONE,		/* not signed by its kind (memo, page) */
	STATE_DRAFT,
	STATE_SIGNED,
	STATE_SUPERSEDED,
	STATE_EXPIRED
};

/* The word for a state ("signed"); NULL for STATE_NONE. */
const char	*state_name(enum doc_state s);

/* Whether documents of doc's kind are signed: 1 or 0. */
int		 doc_signable(const struct doc *doc);

/*
 * Read the archive of c (records_load) into c->records and set the
 * state of every document: its newest record (doc->signed_rec), and
 * from that, the version built and today (YYYY-MM-DD), its state and,
 * when superseded, the period that supersedes it.  Needs the history
 * of the documents (history_load).  Problems with the archive are
 * recorded in d.  Returns 0, or -1 when a record could not be read.
 */
int		 archive_load(struct content *c, const char *today,
		    struct diag *d);

/*
 * The signatories that sign doc: its own, or for a focus area or
 * action plan without any, those of its period's agreement.  Sets *n;
 * returns NULL when there are none.
 */
const struct signatory *doc_signatories(const struct doc *doc, size_t *n);

/* The date a record was signed: the latest date of its signers. */
const char	*record_date(const struct record *r);

/* One --signatory NAME --date DATE [--place PLACE] of pakt sign. */
struct sign_party {
	const char	*name, *date, *place;
};

struct sign_req {
	const char		*doc;		/* content path, ".md" */
	const struct sign_party	*parties;
	size_t			 nparties;
	const char		*attach;	/* file to archive, or NULL */
	const char		*today;		/* YYYY-MM-DD: no later dates */
};

/*
 * Sign the version at HEAD of document req->doc in the content folder
 * dir (a working tree) of repository r: check that the working tree
 * is clean, that every signatory of the document signs once with a
 * valid date, and that the version is not signed yet; render the final
 * page, PDF and ODT (no draft mark, the dates and places in the
 * signature block) from the commit; write them, the source and the
 * attachment with record.yaml to archive/<series>/<period>/<id>/v<N>/;
 * commit that folder on the current branch and make the annotated tag
 * signed/<series>/<period>/<id>/v<N> at the commit signed.  On success
 * returns 0 and fills out (free with record_free()).  On failure
 * records why in d, leaves no archive folder and no commit, and
 * returns -1.
 */
int		 archive_sign(struct repo *r, const char *dir,
		    const struct sign_req *req, struct record *out,
		    struct diag *d);

/* What pakt verify found about one record. */
struct verdict {
	const struct record	*rec;		/* in c->records */
	struct diag		 d;		/* what is wrong; empty: ok */
};

/*
 * Verify the archive of c, loaded from the working tree of repository
 * r with archive_load(): for every record, that its files
 * are there with the recorded size and SHA-256 and no other file is;
 * that the tag exists, is annotated and points at the recorded commit,
 * which is in the history of HEAD; that the archived source is the
 * document at that commit; and that rendering the document from that
 * commit gives the archived page, PDF and ODT byte for byte.  Then,
 * walking the history of HEAD, that no archived file was modified or
 * deleted after it was added, and that no signed/ tag lacks its
 * record.  Sets *v to one verdict per record (free with
 * verdicts_free()); problems that belong to no record go to d.
 * Returns the number of records with a problem plus the problems in
 * d, so 0 means the archive is intact; -1 when it could not be
 * checked at all.
 */
int		 archive_verify(struct content *c, struct repo *r,
		    struct verdict **v, size_t *n, struct diag *d);
void		 verdicts_free(struct verdict *v, size_t n);

#endif
