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
struct outdir;
struct pages;
struct theme;

/* What to build besides the HTML pages. */
struct site_opts {
	const struct theme	*pdf;	/* write PDFs in this theme, or NULL */
	int			 odt;	/* write ODTs */
	const char		*odt_styles;	/* templates/odt/styles.xml */
	size_t			 odt_styles_len;
	const char		*odt_styles_file;	/* its path */
};

/*
 * Write the pages of c into out, and each document's PDF and ODT beside
 * its page when o asks for them.  Invalid documents are skipped (their earlier
 * outputs stay as they were).  Returns the number of documents written,
 * or -1 when the site could not be written at all; problems are recorded
 * in d.
 */
int	site_build(struct content *c, struct pages *pg, struct outdir *out,
	    const struct site_opts *o, struct diag *d);

/*
 * Format a file size for a download link: "246,8 kB" (Swedish) or
 * "246.8 kB" (English).  Writes at most size bytes to dst.
 */
void	site_format_size(char *dst, size_t size, long long bytes, int english);

#endif
