/*
 * test_odt_zip.c - unit tests for the OpenDocument package writer: the
 * layout the ODF specification asks for, the parts read back with
 * libzip, identical bytes from run to run and time zone to time zone,
 * and the errors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "buf.h"
#include "odt_zip.h"

#include "tap.h"

#define MIME	"application/vnd.oasis.opendocument.text"

static char big[200000];

static const char manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument"
    ":xmlns:manifest:1.0\" manifest:version=\"1.3\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
    MIME "\"/>\n"
    "</manifest:manifest>\n";
static const char content[] = "<office:document-content/>\n";
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 0xff, 0
};

static struct odt_part parts[] = {
	{ "META-INF/manifest.xml", manifest, sizeof(manifest) - 1 },
	{ "content.xml", content, sizeof(content) - 1 },
	{ "styles.xml", big, sizeof(big) },
	{ "Pictures/bild-\xc3\xa5.png", png, sizeof(png) },
	{ "empty.xml", NULL, 0 },
};
#define NPARTS	(sizeof(parts) / sizeof(parts[0]))

/* Little-endian 16-bit value at p. */
static unsigned
le16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return u[0] | (unsigned)u[1] << 8;
}

/* Build the package of the test parts into b; returns odt_zip's result. */
static int
build(struct buf *b)
{
	char *err = NULL;
	int rc;

	rc = odt_zip(b, MIME, parts, NPARTS, &err);
	if (err != NULL) {
		printf("# %s\n", err);
		free(err);
	}
	return rc;
}

static void
test_layout(const struct buf *b)
{
	size_t ml = strlen(MIME);

	ok(b->len > 38 + ml && memcmp(b->ptr, "PK\3\4", 4) == 0,
	    "starts with a local file header");
	ok(le16(b->ptr + 8) == 0, "mimetype is stored (method 0)");
	ok((le16(b->ptr + 6) & 0x0008) == 0, "no data descriptor flag");
	ok(le16(b->ptr + 26) == 8, "name length 8");
	ok(le16(b->ptr + 28) == 0, "local extra field length 0");
	ok(memcmp(b->ptr + 30, "mimetype", 8) == 0, "'mimetype' at offset 30");
	ok(memcmp(b->ptr + 38, MIME, ml) == 0,
	    "the media type right after the header, at offset 38");
	ok(memcmp(b->ptr + 38 + ml, "PK\3\4", 4) == 0,
	    "the next entry follows the media type");
	ok(le16(b->ptr + 10) == 0x6000 && le16(b->ptr + 12) == 0x21,
	    "the time is 1980-01-01 12:00");
	ok(le16(b->ptr + b->len - 2) == 0, "no archive comment");
}

/* The central directory: no extra fields on mimetype, no descriptors. */
static void
test_central(const struct buf *b)
{
	const char *p = b->ptr + b->len - 22, *cd;
	unsigned i, n, bad = 0;

	if (!ok(memcmp(p, "PK\5\6", 4) == 0, "end of central directory"))
		return;
	n = le16(p + 10);
	cd = b->ptr + (le16(p + 16) | (size_t)le16(p + 18) << 16);
	for (i = 0; i < n; i++) {
		if (memcmp(cd, "PK\1\2", 4) != 0) {
			bad++;
			break;
		}
		if (i == 0 && (le16(cd + 30) != 0 || le16(cd + 10) != 0 ||
		    memcmp(cd + 46, "mimetype", 8) != 0))
			bad++;
		if (le16(cd + 8) & 0x0008)
			bad++;
		cd += 46 + le16(cd + 28) + le16(cd + 30) + le16(cd + 32);
	}
	ok(n == NPARTS + 1, "central directory lists every entry");
	ok(bad == 0, "central directory: mimetype first, stored, no extra "
	    "field, no data descriptors");
}

/* Read the package back with libzip: names, order, bytes, methods. */
static void
test_read_back(const struct buf *b)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	char *data, name[128];
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->ptr, b->len, 0, &ze);
	za = src != NULL ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze) : NULL;
	if (!ok(za != NULL, "libzip opens the package")) {
		printf("# %s\n", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return;
	}
	ok(zip_get_num_entries(za, 0) == (zip_int64_t)NPARTS + 1,
	    "the package has mimetype and every part");
	is_str(zip_get_name(za, 0, 0), "mimetype", "entry 0 is mimetype");
	for (i = 0; i < NPARTS; i++) {
		snprintf(name, sizeof(name), "entry %zu is %s", i + 1,
		    parts[i].name);
		is_str(zip_get_name(za, i + 1, 0), parts[i].name, name);
		snprintf(name, sizeof(name), "%s reads back the same",
		    parts[i].name);
		data = NULL;
		if (zip_stat_index(za, i + 1, 0, &st) == 0 &&
		    st.size == parts[i].len &&
		    (zf = zip_fopen_index(za, i + 1, 0)) != NULL) {
			data = malloc(st.size + 1);
			if (zip_fread(zf, data, st.size + 1) !=
			    (zip_int64_t)st.size ||
			    (st.size > 0 &&
			    memcmp(data, parts[i].data, st.size) != 0)) {
				free(data);
				data = NULL;
			}
			zip_fclose(zf);
		}
		ok(data != NULL, name);
		free(data);
	}
	ok(zip_stat_index(za, 3, 0, &st) == 0 &&
	    st.comp_method == ZIP_CM_DEFLATE && st.comp_size < st.size / 10,
	    "parts are deflated");
	zip_close(za);
	zip_error_fini(&ze);
}

/* Build with TZ set to tz; returns the package, which the caller frees. */
static void
build_in(struct buf *b, const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	if (build(b) != 0)
		printf("# build under TZ=%s failed\n", tz);
}

static void
test_reproducible(const struct buf *b)
{
	struct buf b2 = BUF_INIT, utc = BUF_INIT, nz = BUF_INIT,
	    la = BUF_INIT;

	build(&b2);
	ok(b2.len == b->len && memcmp(b2.ptr, b->ptr, b->len) == 0,
	    "two builds give the same bytes");
	build_in(&utc, "UTC");
	build_in(&nz, "Pacific/Auckland");
	build_in(&la, "America/Los_Angeles");
	ok(utc.len == nz.len && memcmp(utc.ptr, nz.ptr, utc.len) == 0,
	    "the same bytes under TZ=UTC and TZ=Pacific/Auckland");
	ok(utc.len == la.len && memcmp(utc.ptr, la.ptr, utc.len) == 0,
	    "the same bytes under TZ=America/Los_Angeles");
	ok(utc.len == b->len && memcmp(utc.ptr, b->ptr, b->len) == 0,
	    "the same bytes as in the starting time zone");
	unsetenv("TZ");
	tzset();
	buf_free(&b2);
	buf_free(&utc);
	buf_free(&nz);
	buf_free(&la);
}

/* An error leaves a message and does not touch out. */
static void
expect_error(const struct odt_part *p, size_t n, const char *mime,
    const char *what)
{
	struct buf b = BUF_INIT;
	char *err = NULL, name[128];
	int rc;

	buf_puts(&b, "before");
	rc = odt_zip(&b, mime, p, n, &err);
	snprintf(name, sizeof(name), "%s: -1 with a message", what);
	ok(rc == -1 && err != NULL && *err != '\0', name);
	if (err != NULL)
		printf("#   %s\n", err);
	snprintf(name, sizeof(name), "%s: out is unchanged", what);
	is_str(b.ptr, "before", name);
	free(err);
	buf_free(&b);
}

static void
test_errors(void)
{
	struct odt_part p[2] = {
		{ "content.xml", content, sizeof(content) - 1 },
		{ NULL, content, 1 },
	};
	struct buf b = BUF_INIT;
	char *err = NULL;

	expect_error(p, 2, MIME, "a NULL part name");
	p[1].name = "";
	expect_error(p, 2, MIME, "an empty part name");
	p[1].name = "/etc/passwd";
	expect_error(p, 2, MIME, "an absolute part name");
	p[1].name = "a/../../b";
	expect_error(p, 2, MIME, "a part name with ..");
	p[1].name = "mimetype";
	expect_error(p, 2, MIME, "a second mimetype");
	p[1].name = "content.xml";
	expect_error(p, 2, MIME, "a part name twice");
	p[1].name = "bad-\xff.xml";
	expect_error(p, 2, MIME, "a part name that is not UTF-8");
	p[1].name = "x.xml";
	p[1].data = NULL;
	expect_error(p, 2, MIME, "NULL data with a length");
	expect_error(p, 1, "", "an empty mimetype");

	ok(odt_zip(&b, MIME, NULL, 0, &err) == 0 && err == NULL &&
	    b.len == 30 + 8 + strlen(MIME) + 46 + 8 + 22,
	    "a package of no parts holds only mimetype");
	free(err);
	buf_free(&b);
}

int
main(void)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = "<a>text</a>\n"[i % 12];
	if (!ok(build(&b) == 0, "odt_zip builds a package"))
		return tap_done();
	test_layout(&b);
	test_central(&b);
	test_read_back(&b);
	test_reproducible(&b);
	test_errors();
	buf_free(&b);
	return tap_done();
}
