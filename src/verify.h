/*
 * verify.h - pakt verify: check the archive against its records and git.
 */
#ifndef PAKT_VERIFY_H
#define PAKT_VERIFY_H

#include <stddef.h>

#include "diag.h"

struct content;
struct record;
struct repo;

/* What pakt verify found about one record. */
struct verdict {
	const struct record	*rec;		/* in c->records */
	struct diag		 d;		/* what is wrong; empty: ok */
};

/*
 * Verify the archive of c, loaded from the working tree of repository
 * r with state_load(): for every record, that its files
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
int		 verify_archive(struct content *c, struct repo *r,
		    struct verdict **v, size_t *n, struct diag *d);
void		 verdicts_free(struct verdict *v, size_t n);

#endif
