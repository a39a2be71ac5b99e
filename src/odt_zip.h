/*
 * odt_zip.h - an OpenDocument package, written with libzip.
 *
 * The package holds "mimetype" first, stored and without extra fields,
 * then the given parts in the order given, deflated, every entry with
 * the same fixed time, so the same parts always give the same bytes.
 * META-INF/manifest.xml is one of the parts the caller gives.
 */
#ifndef PAKT_ODT_ZIP_H
#define PAKT_ODT_ZIP_H

#include <stddef.h>

struct buf;

struct odt_part {
	const char	*name;		/* "content.xml", "Pictures/x.png" */
	const void	*data;
	size_t		 len;
};

/*
 * Append to out a package of mimetype (e.g.
 * "application/vnd.oasis.opendocument.text") and the n parts.  Returns
 * 0, or -1 with a message in *err (the caller frees it).
 */
int	odt_zip(struct buf *out, const char *mimetype,
	    const struct odt_part *parts, size_t n, char **err);

#endif
