/*
 * newperiod.h - start the next period of a series from the current one.
 *
 * pakt new-period SERIES PERIOD copies the agreement, the focus areas
 * and the action plan of the series' newest period into the new period
 * folder as drafts.  The Markdown body of each is copied byte for byte;
 * the front matter is read and written again with libyaml (its
 * comments are not kept) with these changes:
 *
 *   period            the new period (added when the source had one)
 *   review-by         moved by as many years as the period starts later
 *                     (2025-07-05 in 2023-2027 becomes 2030-07-05 in
 *                     2028-2032; 29 February becomes 28 February)
 *   date              removed: the new document has not been decided
 *   signatories       each one's date and place removed
 *   title, subtitle,  the old period in the text ("2023–2027" with an
 *   description       en dash, or "2023-2027") replaced by the new one
 *                     written the same way
 *
 * Everything else, the ids of the documents and of their actions
 * included, stays as it was, so that the two periods can be compared.
 * Files in the old period folder that the copied documents use (images,
 * attachments) are copied too, to the same place in the new folder.
 */
#ifndef PAKT_NEWPERIOD_H
#define PAKT_NEWPERIOD_H

#include <stddef.h>

struct content;
struct diag;

/*
 * Create period name ("2028-2032") of series id series in c, whose
 * working-tree folder is dir, by copying its newest period as above.
 * Refuses (recording why in d, writing nothing) when the series does
 * not exist or has no period, when name is not YYYY-YYYY with the
 * first year not after the last, when the new period does not start
 * after the newest one ends, when the folder dir/<series>/<name>
 * already exists, or when the newest period has no valid agreement,
 * focus area or action plan to copy.  Every file is written atomically;
 * if one cannot be written, those already written are removed again.
 * On success returns 0 and sets *files (owned by the caller, each and
 * the array freed with free()) to the *nfiles content paths written,
 * in order.  Returns -1 otherwise.
 */
int	new_period(struct content *c, const char *dir, const char *series,
	    const char *name, char ***files, size_t *nfiles, struct diag *d);

#endif
