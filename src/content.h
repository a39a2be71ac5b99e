/*
 * content.h - a content folder: site settings, series, periods, documents.
 *
 *   pakt.yaml                 site settings
 *   <series>/series.yaml      name and parties of one cooperation
 *   <series>/<YYYY-YYYY>/...  the period's documents (*.md, any depth)
 *
 * Loading reads every file through a source, parses every document and
 * checks what spans files: periods, document ids, parties, focus areas,
 * links between documents and images.  A document with a problem is kept
 * with ok == 0 so that the rest can still be built.
 */
#ifndef PAKT_CONTENT_H
#define PAKT_CONTENT_H

#include <stddef.h>

#include "meta.h"

struct diag;
struct doc;
struct source;

struct party {
	struct mstr	id, name;
};

struct series;

struct period {
	char		*name;		/* "2023-2027" */
	char		*rel;		/* "malmo/2023-2027" */
	int		 first, last;	/* years */
	struct doc	**docs;		/* sorted: agreement, focus areas, ... */
	size_t		 ndocs;
	struct series	*series;
};

struct series {
	char		*id;		/* folder name */
	char		*file;		/* series.yaml as shown in messages */
	struct mstr	 name, description;
	struct party	*parties;
	size_t		 nparties;
	struct period	*periods;	/* newest first */
	size_t		 nperiods;
};

struct site_conf {
	struct mstr	 title, base_url, language, theme;
	int		 english;
};

struct content {
	struct source	*src;		/* not owned */
	struct site_conf conf;
	struct series	*series;	/* sorted by folder name */
	size_t		 nseries;
	struct doc	**docs;		/* every document, series by series
					   and period by period; owned by
					   the periods */
	size_t		 ndocs;
	char		**assets;	/* images and files documents use */
	size_t		 nassets;
	struct record	*records;	/* the archive (state_load) */
	size_t		 nrecords;
};

/*
 * Load the content folder behind src into c (zeroed by the caller).
 * Problems are recorded in d.  Returns 0 when the folder could be read
 * as content at all (individual documents may still be invalid), -1 when
 * not (no pakt.yaml, say).  Free with content_free() in either case.
 */
int		 content_load(struct content *c, struct source *src,
		    struct diag *d);
/*
 * The lint checks that are not needed to build: review dates that have
 * passed by today (YYYY-MM-DD), raw HTML that will be left out, images
 * without alt text.  Recorded in d as warnings.
 */
void		 content_lint(struct content *c, const char *today,
		    struct diag *d);
void		 content_free(struct content *c);

/*
 * Read the years of a period name "YYYY-YYYY" into *first and *last.
 * Returns 0, or -1 when name is not written that way; the years are not
 * checked against each other.
 */
int		 period_years(const char *name, int *first, int *last);
/* The document of c at content path rel ("malmo/2023-2027/x.md"), or
 * NULL. */
struct doc	*content_doc(const struct content *c, const char *rel);
/* The party of series s with id, or NULL. */
const struct party *series_party(const struct series *s, const char *id);
/*
 * The first document of period p whose front matter is valid, with id
 * (NULL: any id) and type t (-1: any type), or NULL.
 */
struct doc	*period_doc(const struct period *p, const char *id, int t);

#endif
