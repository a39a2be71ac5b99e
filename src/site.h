/*
 * site.h - build the website from a loaded content folder.
 *
 *   OUT/index.html                      every series
 *   OUT/<series>/index.html             its periods, newest first
 *   OUT/<series>/<period>/index.html    the period's documents, downloads
 *   OUT/<series>/<period>/<doc>.html    each valid document
 *   OUT/<series>/<period>/<doc>.pdf     its PDF (with --format pdf)
 *   OUT/<series>/<period>/<doc>.odt     its ODT (with --format odt)
 *   OUT/assets/style.css                shared style sheet
 *   images and files the documents link to, at their content paths
 */
#ifndef PAKT_SITE_H
#define PAKT_SITE_H

#include <stddef.h>

struct content;
struct diag;
struct doc;
struct outdir;
struct repo;

/* What to build and how. */
struct site_opts {
	int		 pdf;		/* write PDFs */
	int		 odt;		/* write ODTs */
	int		 all_versions;	/* also every earlier version */
	struct repo	*repo;		/* the content's repository, or NULL */
	int		 jobs;		/* documents rendered at once, >= 1 */
	const char	*today;		/* YYYY-MM-DD, for the states of
					   earlier versions (state.h) */
	/*
	 * Called (from any thread, one call at a time) after each document
	 * is rendered, with how many of total are done; may be NULL.
	 */
	void		(*progress)(void *arg, size_t done, size_t total);
	/*
	 * Called for each unit of output: what ("rendered", "unchanged")
	 * and the unit (a document's output path without extension, or a
	 * page's path); may be NULL.
	 */
	void		(*note)(void *arg, const char *what, const char *unit);
	void		*arg;
};

/* What a build did. */
struct site_stats {
	size_t	docs;		/* valid documents */
	size_t	rendered;	/* documents rendered (earlier versions too) */
	size_t	unchanged;	/* documents whose outputs were up to date */
	size_t	versions;	/* earlier versions written or kept */
	size_t	pages;		/* index pages rendered */
};

/*
 * Write the site of c into out: the pages, and each document's PDF and
 * ODT when o asks for them; with o->all_versions, also the earlier
 * versions of every document from o->repo.  Templates, the PDF theme
 * and the ODT styles are read from pakt's templates and c's own.  A
 * document whose inputs have not changed since the last build into out
 * is not rendered again.  Invalid documents are skipped (their earlier
 * outputs stay as they were).  Returns the number of documents whose
 * outputs are in place, or -1 when the site could not be written at
 * all; problems are recorded in d.
 */
int	site_build(struct content *c, struct outdir *out,
	    const struct site_opts *o, struct site_stats *st, struct diag *d);

#endif
