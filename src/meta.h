/*
 * meta.h - typed document metadata, each value with its source position.
 *
 * The front matter of a document (see DESIGN.md section 1) becomes a
 * struct meta.  Every value remembers the line and column it was read
 * from, so that a later check (a focus id that names nothing, a party
 * that is not in the series) can point at it.
 */
#ifndef PAKT_META_H
#define PAKT_META_H

#include <stddef.h>

#include "ydoc.h"

struct diag;

enum doc_type {
	DOC_AGREEMENT,
	DOC_FOCUS_AREA,
	DOC_ACTION_PLAN,
	DOC_MEMO,
	DOC_PAGE,
	DOC__MAX
};

struct signatory {
	struct mstr	name, role, party, place, date;
	struct pos	pos;
};

enum action_status {
	ACTION_PLANNED,		/* planerad */
	ACTION_ONGOING,		/* pågår */
	ACTION_DONE,		/* klar */
	ACTION_CANCELLED,	/* avbruten */
	ACTION__MAX
};

struct action {
	struct mstr		 id, title, focus, start, end, indicator;
	struct mlist		 owners;	/* party ids */
	struct mstr		 status_s;
	enum action_status	 status;
	struct pos		 pos;
};

struct meta {
	enum doc_type		 type;
	struct mstr		 type_s, id, title, subtitle, period, reference;
	struct mstr		 date, language, description, review_by, copies_s;
	struct mlist		 contacts;
	struct signatory	*sigs;
	size_t			 nsigs;
	struct action		*actions;
	size_t			 nactions;
	int			 copies;	/* 0 when not given */
	int			 english;	/* language: en */
};

/*
 * Fill m from the root mapping of a loaded front matter y.  Every problem
 * is recorded in d with its position in y's file; the keys that are valid
 * are still filled in.  Returns 0 when nothing was wrong, -1 otherwise.
 * m must be zeroed by the caller; free it with meta_free().
 */
int		 meta_parse(struct meta *m, struct ydoc *y, struct diag *d);
void		 meta_free(struct meta *m);

/* The front-matter word for a type ("agreement"), and the reverse (-1). */
const char	*doc_type_name(enum doc_type t);
int		 doc_type_from(const char *s);
/*
 * Whether documents of type t are signed (agreements, focus areas and
 * action plans) and so have a state: 1 or 0.
 */
int		 doc_type_signed(enum doc_type t);
/* The Swedish status word for an action status ("pågår"). */
const char	*action_status_name(enum action_status s);

/*
 * Whether s is a valid calendar date YYYY-MM-DD (month_only: YYYY-MM).
 * Returns 1 or 0.
 */
int		 is_date(const char *s, int month_only);

#endif
