/*
 * odt_zip.c - an OpenDocument package, written with libzip.
 *
 * The archive is built in a libzip buffer source: opened with
 * ZIP_TRUNCATE, filled with entries whose data point at the caller's
 * parts (nothing is copied until zip_close), written by zip_close into
 * the same source, which a reference taken beforehand keeps alive, and
 * read back into the caller's buf.
 *
 * What makes the package an OpenDocument one (ODF 1.3, part 2, 3.3):
 * "mimetype" is the first entry, stored uncompressed, without extra
 * fields, so its text sits at byte 38 of the file.  What makes it
 * reproducible: every entry has the same DOS time, 1980-01-01 12:00;
 * libzip turns it into a time_t with mktime() and back with
 * localtime(), so the bytes written are the same in every time zone
 * (noon, because no zone changes its clocks then).  libzip writes no
 * archive comment, no data descriptors (the buffer source can seek)
 * and no extra fields unless an entry needs Zip64, which parts of
 * pakt's size never do; the extra fields are deleted anyway.
 *
 * Nothing here is shared between packages: several threads may write
 * packages at once (glibc's mktime() and localtime_r(), which libzip
 * calls, take its time zone lock).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "buf.h"
#include "odt_zip.h"

/* 1980-01-01 12:00:00 as MS-DOS time and date. */
#define DOS_TIME	((12 << 11) | (0 << 5) | 0)
#define DOS_DATE	(((1980 - 1980) << 9) | (1 << 5) | 1)

/*
 * Return libzip's message for the last error on za, newly allocated
 * after the prefix what; the caller frees it.
 */
static char *
S_zip_err(zip_t *za, const char *what)
{
	return xasprintf("cannot write the ODT package: %s: %s", what,
	    zip_error_strerror(zip_get_error(za)));
}

/*
 * Add name with the len bytes at data (which must stay valid until the
 * archive is closed) to za, with compression method cm and the fixed
 * time.  Returns 0, or -1 with a newly allocated message in *err.
 */
static int
S_add(zip_t *za, const char *name, const void *data, size_t len,
    zip_int32_t cm, char **err)
{
	zip_source_t *s;
	zip_int64_t idx;

	if ((s = zip_source_buffer(za, data, len, 0)) == NULL) {
		*err = S_zip_err(za, name);
		return -1;
	}
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		*err = S_zip_err(za, name);
		return -1;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx, cm, 0) == -1 ||
	    zip_file_set_dostime(za, (zip_uint64_t)idx, DOS_TIME, DOS_DATE,
	    0) == -1 ||
	    zip_file_extra_field_delete(za, (zip_uint64_t)idx,
	    ZIP_EXTRA_FIELD_ALL, ZIP_FL_LOCAL | ZIP_FL_CENTRAL) == -1) {
		*err = S_zip_err(za, name);
		return -1;
	}
	return 0;
}

/*
 * Return whether name may be the name of a part: not empty, relative,
 * without empty, "." or ".." components, not "mimetype".
 */
static int
S_name_ok(const char *name)
{
	const char *p, *e;
	size_t n;

	if (name == NULL || *name == '\0' || strcmp(name, "mimetype") == 0)
		return 0;
	for (p = name;; p = e + 1) {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0 && e != NULL)
			return 0;
		if ((n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (e == NULL)
			return 1;
	}
}

/*
 * Append the contents of the buffer source src (which must be closed)
 * to out.  Returns 0, or -1 with a newly allocated message in *err.
 */
static int
S_read(struct buf *out, zip_source_t *src, char **err)
{
	char chunk[16384];
	zip_int64_t n;

	if (zip_source_open(src) == -1) {
		*err = xasprintf("cannot read the ODT package: %s",
		    zip_error_strerror(zip_source_error(src)));
		return -1;
	}
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		buf_put(out, chunk, (size_t)n);
	if (n < 0)
		*err = xasprintf("cannot read the ODT package: %s",
		    zip_error_strerror(zip_source_error(src)));
	zip_source_close(src);
	return n < 0 ? -1 : 0;
}

int
odt_zip(struct buf *out, const char *mimetype,
    const struct odt_part *parts, size_t n, char **err)
{
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_error_t ze;
	size_t i, start = out->len;
	int rc = -1;

	*err = NULL;
	if (mimetype == NULL || *mimetype == '\0') {
		*err = xstrdup("cannot write the ODT package: no mimetype");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!S_name_ok(parts[i].name)) {
			*err = xasprintf("cannot write the ODT package: "
			    "bad part name '%s'", parts[i].name != NULL ?
			    parts[i].name : "(null)");
			return -1;
		}
		if (parts[i].data == NULL && parts[i].len > 0) {
			*err = xasprintf("cannot write the ODT package: "
			    "part '%s' has no data", parts[i].name);
			return -1;
		}
	}

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		*err = xasprintf("cannot write the ODT package: %s",
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	/* One reference for the archive, one kept to read the result. */
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		*err = xasprintf("cannot write the ODT package: %s",
		    zip_error_strerror(&ze));
		zip_source_free(src);
		goto out;
	}

	if (S_add(za, "mimetype", mimetype, strlen(mimetype), ZIP_CM_STORE,
	    err) == -1)
		goto out;
	for (i = 0; i < n; i++)
		if (S_add(za, parts[i].name, parts[i].data, parts[i].len,
		    ZIP_CM_DEFLATE, err) == -1)
			goto out;

	if (zip_close(za) == -1) {
		*err = S_zip_err(za, "closing");
		goto out;
	}
	za = NULL;
	if (S_read(out, src, err) == -1)
		goto out;
	rc = 0;
out:
	if (za != NULL)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	if (rc == -1) {
		out->len = start;
		if (out->ptr != NULL)
			out->ptr[start] = '\0';
	}
	return rc;
}
