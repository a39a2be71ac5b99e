/*
 * sign.h - pakt sign: archive the signed version of a document.
 *
 * Signing renders the final page, PDF and ODT of the version at HEAD
 * (render.h), writes them with the source, the attachment and
 * record.yaml (record.h) to the document's archive folder, and commits
 * and tags that through the repository (history.h).
 */
#ifndef PAKT_SIGN_H
#define PAKT_SIGN_H

#include <stddef.h>

struct content;
struct diag;
struct doc;
struct record;
struct render_out;
struct repo;

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
int		 sign_doc(struct repo *r, const char *dir,
		    const struct sign_req *req, struct record *out,
		    struct diag *d);

/*
 * What signing and verifying share.
 */

/* The kinds of file pakt renders into an archive folder, NULL-ended:
 * "pdf", "odt", "html". */
extern const char *const sign_rendered[];

/*
 * Render the final page, PDF and ODT of doc, a valid document of c as
 * of the commit rec records, signed as rec says, into out (zeroed by
 * the caller; free with render_out_free()).  Sets doc's state, record
 * and outstem (rec->dir and its file name) for that.  Returns 0, or -1
 * after recording in d what went wrong.
 */
int		 sign_render(struct content *c, struct doc *doc,
		    const struct record *rec, struct render_out *out,
		    struct diag *d);

/* The file name of doc without folders and ".md". */
const char	*sign_base(const struct doc *doc);

#endif
