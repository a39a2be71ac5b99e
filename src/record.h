/*
 * record.h - the signing record of an archived version, the states of
 * documents, and SHA-256.
 *
 * pakt sign archives the signed version of a document in
 *
 *   archive/<series>/<period>/<doc>/v<N>/
 *     <name>.pdf <name>.odt <name>.html <name>.md   the final outputs
 *                                                  and the source
 *     <attachment>                                 the scan or e-signed PDF
 *     record.yaml                                  this record
 *
 * inside the content folder, where <doc> is the document's id and
 * <name> its file name without ".md".  The record names the document,
 * the version and commit signed, who signed it when and where, and the
 * SHA-256 and size of every other file in the folder.  It is YAML,
 * read and written with libyaml:
 *
 *   document: malmo/2023-2027/overenskommelse.md
 *   series: malmo
 *   period: 2023-2027
 *   id: overenskommelse
 *   title: Malmö – trygg och säker stad
 *   version: 3
 *   commit: 8d1e...                   (40 hex digits)
 *   tag: signed/malmo/2023-2027/overenskommelse/v3
 *   generator: pakt 0.1.0
 *   signatories:
 *     - name: Andreas Norbrant
 *       role: stadsdirektör
 *       party: malmo-stad
 *       party-name: Malmö stad
 *       date: 2023-07-05
 *       place: Malmö
 *   files:
 *     - name: overenskommelse.pdf
 *       size: 154321
 *       sha256: 9f86...               (64 hex digits)
 *     - name: underskrifter.pdf
 *       size: 80211
 *       sha256: 2c26...
 *       attachment: true
 */
#ifndef PAKT_RECORD_H
#define PAKT_RECORD_H

#include <stddef.h>

#include "meta.h"

struct buf;
struct diag;
struct source;

#define SHA256_HEX	64		/* hex digits of a SHA-256 */
#define RECORD_NAME	"record.yaml"
#define ARCHIVE_DIR	"archive"

/* One person who signed, as recorded. */
struct signer {
	struct mstr	 name, role, party, party_name, date, place;
	struct pos	 pos;
};

/* One archived file, as recorded. */
struct afile {
	struct mstr	 name;		/* file name, no slashes */
	char		 sha256[SHA256_HEX + 1];	/* lowercase hex */
	long long	 size;		/* bytes */
	int		 attachment;	/* given with --attach */
	struct pos	 pos;
};

struct record {
	char		*dir;		/* content path of its folder,
					   "archive/malmo/2023-2027/
					   overenskommelse/v3" */
	char		*file;		/* record.yaml as shown in messages */
	struct mstr	 document;	/* content path of the source signed */
	struct mstr	 series, period, id, title;
	struct mstr	 commit;	/* 40 lowercase hex digits */
	struct mstr	 tag, generator;
	unsigned	 version;	/* >= 1 */
	struct pos	 version_pos;
	struct signer	*signers;
	size_t		 nsigners;
	struct afile	*files;
	size_t		 nfiles;
};

/*
 * The state of a document, which follows from the records of the
 * archive and the periods (state.h):
 *
 *   draft       never signed, or changed since the version signed
 *   signed      the version built is the one signed
 *   superseded  signed, and a later period of its series is signed
 *   expired     signed, and its period has ended with no signed
 *               successor
 *
 * Only agreements, focus areas and action plans are signed
 * (doc_type_signed()); memos and pages have no state.
 */
enum doc_state {
	STATE_NONE,		/* not signed by its kind (memo, page) */
	STATE_DRAFT,
	STATE_SIGNED,
	STATE_SUPERSEDED,
	STATE_EXPIRED
};

/* The word for a state ("signed"); NULL for STATE_NONE. */
const char	*state_name(enum doc_state s);

/* The date a record was signed: the latest date of its signers. */
const char	*record_date(const struct record *r);

/*
 * Parse len bytes of record text, read from the file shown as file,
 * into r (zeroed by the caller).  Checks the keys (unknown ones are an
 * error with a suggestion), that document, series, period, id, version,
 * commit, tag, signatories (at least one, each with name and date) and
 * files (at least one) are there, that commit is 40 and each sha256 64
 * lowercase hex digits, version a whole number from 1, sizes whole
 * numbers from 0, dates valid YYYY-MM-DD, file names without slashes,
 * not "record.yaml" and not given twice.  Every problem is recorded in
 * d with file:line:col.  Returns 0, or -1 when anything was wrong (what
 * was valid is still filled in).  Free with record_free().
 */
int		 record_parse(struct record *r, const char *file,
		    const char *text, size_t len, struct diag *d);

/*
 * Append r as record.yaml text to out: the keys in the order shown
 * above, optional ones (title, generator, role, party, party-name,
 * place, attachment) only when set, a comment line first.  Written with
 * libyaml's emitter; the same record always gives the same bytes, and
 * record_parse() reads back what it wrote.  Returns 0, or -1 with
 * nothing appended when libyaml fails (text that is not UTF-8).
 */
int		 record_write(const struct record *r, struct buf *out);

void		 record_free(struct record *r);

/*
 * Read every record of the content folder behind src: each
 * archive/<series>/<period>/<doc>/v<N>/record.yaml, in path order.  A
 * record whose fields disagree with its folder (series, period, id,
 * version), a v<N> folder without record.yaml, or an unexpected file
 * or folder on the way is an error at that path; such a record is not
 * returned.  A content folder without archive/ has no records.  On
 * return *v (owned by the caller; free each with record_free(), then
 * the array) holds *n records.  Returns 0 when nothing was wrong, -1
 * otherwise.
 */
int		 records_load(struct source *src, struct record **v,
		    size_t *n, struct diag *d);

/* The SHA-256 of len bytes of data as 64 lowercase hex digits. */
void		 sha256_hex(const void *data, size_t len,
		    char hex[SHA256_HEX + 1]);

#endif
