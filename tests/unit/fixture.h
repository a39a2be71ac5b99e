/*
 * fixture.h - what the unit tests build their cases from: files and a
 * content folder in a temporary folder, documents and histories in
 * memory, a source that needs no files, the reference styles, and the
 * output of outside tools (the validators in tests/bin) run on what a test made.
 *
 * Every function is static inline, so that a test takes what it needs
 * and the rest costs nothing.  A helper that cannot go on (a file that
 * cannot be written) says "Bail out!", as TAP has it, and exits.
 *
 * Everything a test reads from outside its own code is found by two
 * helpers: fx_data() for the test data in the repository (tests/corpus,
 * tests/mustache-spec, tests/schema/odf1.3) and fx_tool() for the
 * checkers in tests/bin and the programs they and the tests run
 * (pdfinfo, xmllint ...).  Both look below the top of the checkout, the
 * current folder when prove runs the tests from the Makefile, or
 * PAKT_TOP.  What is missing is a failing test ("not ok") that says
 * what to do, never a skipped one.
 */
#ifndef PAKT_FIXTURE_H
#define PAKT_FIXTURE_H

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "render_odt.h"
#include "source.h"
#include "tap.h"

/* An 8 x 8 RGBA PNG with partly transparent pixels. */
static const unsigned char fx_png_rgba[] __attribute__((unused)) = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08,
	0x08, 0x06, 0x00, 0x00, 0x00, 0xc4, 0x0f, 0xbe, 0x8b, 0x00, 0x00, 0x00,
	0x7b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x15, 0xcd, 0x31, 0x11, 0x00,
	0x31, 0x08, 0x05, 0xd1, 0x88, 0x89, 0x90, 0x2b, 0x63, 0x06, 0x0f, 0xb1,
	0x80, 0x19, 0xc4, 0x60, 0x86, 0x7b, 0x29, 0x76, 0x76, 0x0b, 0xe6, 0xb3,
	0xd6, 0xba, 0xdf, 0x5e, 0x77, 0x0e, 0x42, 0x27, 0x17, 0x5a, 0x0f, 0xaf,
	0xb5, 0xef, 0x6c, 0x9c, 0x7d, 0xbf, 0xe0, 0x44, 0xe9, 0xe6, 0xd9, 0xef,
	0xe0, 0x38, 0x38, 0xf7, 0x3b, 0x1c, 0x48, 0x5d, 0xdc, 0x18, 0xbd, 0x56,
	0x78, 0x11, 0x16, 0x10, 0x3a, 0xb9, 0xd0, 0x7a, 0xe2, 0x2d, 0xa4, 0x05,
	0x9c, 0xf4, 0x82, 0x13, 0xa5, 0x9b, 0x27, 0xdf, 0x41, 0x39, 0x28, 0x2f,
	0x38, 0x90, 0xba, 0xb8, 0x31, 0xf5, 0x5e, 0xb4, 0x17, 0x6d, 0x01, 0xa1,
	0x93, 0x0b, 0xad, 0xa7, 0xdf, 0xc2, 0x58, 0xc0, 0x19, 0x2f, 0x38, 0x51,
	0xba, 0x79, 0xf0, 0x03, 0xea, 0x5e, 0x8f, 0xa6, 0xa7, 0xef, 0xa7, 0xb4,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/*
 * Say "Bail out!" with the printf-style message and end the test run:
 * what a test cannot go on without is missing.  Does not return.
 */
static inline void __attribute__((format(printf, 1, 2), noreturn))
fx_bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

/*
 * The value of the environment variable name, or dflt when it is unset
 * or empty.  Returns a string the caller does not free.
 */
static inline const char *
fx_env(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : dflt;
}

/*
 * The path of rel below folder dir, or rel itself when dir is NULL.
 * Returns a new string; the caller frees it.
 */
static inline char *
fx_path(const char *dir, const char *rel)
{
	return dir != NULL ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
}

/*
 * Make a new folder $TMPDIR/pakt-<name>-XXXXXX (TMPDIR: /tmp when
 * unset).  Returns its path, which the caller removes with fx_rmtree()
 * and frees; bails out when it cannot.
 */
static inline char *
fx_tmpdir(const char *name)
{
	char *path = xasprintf("%s/pakt-%s-XXXXXX", fx_env("TMPDIR", "/tmp"),
	    name);

	if (mkdtemp(path) == NULL)
		fx_bail("cannot make the temporary folder %s: %s", path,
		    strerror(errno));
	return path;
}

/*
 * Write len bytes of data to a new file $TMPDIR/pakt-<name>-XXXXXX<ext>
 * (ext: "" or an extension such as ".pdf"), for a tool to read.  Returns
 * its path, which the caller removes and frees, or NULL when it cannot
 * be written.
 */
static inline char *
fx_tmpfile(const char *name, const char *ext, const void *data, size_t len)
{
	char *path = xasprintf("%s/pakt-%s-XXXXXX%s",
	    fx_env("TMPDIR", "/tmp"), name, ext);
	int fd;

	if ((fd = mkstemps(path, (int)strlen(ext))) < 0) {
		free(path);
		return NULL;
	}
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		remove(path);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/*
 * Remove path and, when it is a folder, everything below it (links are
 * removed, not followed).  Returns 0, or -1 when anything is left.
 */
static inline int
fx_rmtree(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *dir;
	char *sub;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		if ((dir = opendir(path)) == NULL)
			return -1;
		while ((e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, e->d_name);
			if (fx_rmtree(sub) < 0)
				rc = -1;
			free(sub);
		}
		closedir(dir);
	}
	if (remove(path) < 0)
		rc = -1;
	return rc;
}

/*
 * Write len bytes of data to file rel below folder dir (NULL: rel as
 * it stands), making the folders on the way and replacing what was
 * there.  Bails out when it cannot.
 */
static inline void
fx_write(const char *dir, const char *rel, const void *data, size_t len)
{
	char *path = fx_path(dir, rel), *p;
	FILE *fp;

	for (p = path + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			fx_bail("cannot make the folder %s: %s", path,
			    strerror(errno));
		*p = '/';
	}
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
		fx_bail("cannot write %s", path);
	free(path);
}

/* Write the string s to file rel below dir, as fx_write() does. */
static inline void
fx_write_str(const char *dir, const char *rel, const char *s)
{
	fx_write(dir, rel, s, strlen(s));
}

/*
 * Read file rel below folder dir (NULL: rel as it stands).  Returns its
 * bytes, NUL-terminated, with their count in *len; the caller frees
 * them.  NULL when it cannot be read.
 */
static inline char *
fx_read(const char *dir, const char *rel, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[8192], *path = fx_path(dir, rel);
	size_t n;
	FILE *fp = fopen(path, "rb");

	free(path);
	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

/*
 * Run the shell command cmd, an oracle or another outside tool.  Returns
 * its standard output, NUL-terminated, which the caller frees; NULL when
 * it cannot run or exits with other than 0.
 */
static inline char *
fx_run(const char *cmd)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *fp;

	if ((fp = popen(cmd, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	if (pclose(fp) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * Order for qsort() over an array of strings: returns what strcmp()
 * returns for the strings at a and b.
 */
static inline int
fx_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The top of the checkout, which the paths of fx_data() and fx_tool()
 * start from: PAKT_TOP, by default the current folder (the Makefile
 * runs the tests from the top).  Returns a string not to be freed.
 */
static inline const char *
fx_top(void)
{
	return fx_env("PAKT_TOP", ".");
}

/*
 * The test data folder tests/<name> of the checkout (name: "corpus",
 * "mustache-spec", "schema/odf1.3" ...).  Returns its path, which the
 * caller frees.  When it is not a folder that can be read, records a
 * failing test saying so and returns NULL: the data belongs to the
 * repository, and a test without it fails rather than skips.
 */
static inline char *
fx_data(const char *name)
{
	struct stat st;
	char *path = xasprintf("%s/tests/%s", fx_top(), name);
	char *what;
	const char *why;

	if (stat(path, &st) < 0)
		why = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		why = "not a folder";
	else if (access(path, R_OK | X_OK) < 0)
		why = strerror(errno);
	else
		return path;
	what = xasprintf("the test data tests/%s is at hand", name);
	ok(0, what);
	printf("#   %s: %s; it is part of the repository: restore it "
	    "(git checkout -- tests/%s) or run make check-deps\n", path, why,
	    name);
	free(what);
	free(path);
	return NULL;
}

/*
 * Whether path is a regular file that may be run.  Returns 1 or 0.
 */
static inline int
fx_is_program(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/*
 * The outside tool name: the checker tests/bin/<name> of the checkout
 * (pdf-check, pdfa-check, odf-check ...) when there is one, or else the
 * program name on PATH (pdfinfo, xmllint ...).  Returns its path, which
 * the caller frees.  When there is neither, records a failing test
 * saying to run make check-deps, and returns NULL: a test without its
 * tool fails rather than skips.
 */
static inline char *
fx_tool(const char *name)
{
	const char *dirs = fx_env("PATH", "/usr/local/bin:/usr/bin:/bin");
	const char *p, *end;
	char *path, *what;
	size_t len;

	path = xasprintf("%s/tests/bin/%s", fx_top(), name);
	if (fx_is_program(path))
		return path;
	free(path);
	for (p = dirs; ; p = end + 1) {
		end = strchr(p, ':');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		/* an empty element of PATH is the current folder */
		path = len > 0 ? xasprintf("%.*s/%s", (int)len, p, name) :
		    xasprintf("./%s", name);
		if (fx_is_program(path))
			return path;
		free(path);
		if (end == NULL)
			break;
	}
	what = xasprintf("the tool %s is at hand", name);
	ok(0, what);
	printf("#   %s is neither in %s/tests/bin nor on PATH: "
	    "run make check-deps\n", name, fx_top());
	free(what);
	return NULL;
}

/*
 * The Markdown files (*.md) of the corpus folder tests/corpus (see
 * fx_data()).  Returns how many there are, their names sorted in *names
 * and the folder in *dir; the caller frees the folder and, with
 * fx_names_free(), the names.  Returns -1 (with *dir and *names NULL)
 * when the folder is missing or cannot be read: a failing test says so.
 */
static inline int
fx_corpus(char **dir, char ***names)
{
	struct dirent *e;
	DIR *d;
	size_t len;
	int n = 0, err;

	*names = NULL;
	if ((*dir = fx_data("corpus")) == NULL)
		return -1;
	if ((d = opendir(*dir)) == NULL) {
		err = errno;
		ok(0, "the corpus folder reads");
		printf("#   %s: %s\n", *dir, strerror(err));
		free(*dir);
		*dir = NULL;
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) {
			*names = xrealloc(*names, (n + 1) * sizeof(**names));
			(*names)[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(*names, n, sizeof(**names), fx_strcmp);
	return n;
}

/* Free the n names from fx_corpus(). */
static inline void
fx_names_free(char **names, int n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/*
 * The first message of d formatted, or "" when there is none.  Returns
 * a static buffer, which the next call overwrites; not to be freed.
 */
static inline const char *
fx_first_diag(const struct diag *d)
{
	static char s[1024];
	char *f;

	if (d->n == 0)
		return "";
	f = diag_format(d, 0);
	snprintf(s, sizeof(s), "%s", f);
	free(f);
	return s;
}

/*
 * Write a content folder below dir: the settings (in Swedish), a series
 * s with the parties kommun and polis, and in its period 2024-2027 the
 * agreement avtal.md with the text agreement, an action plan plan.md with
 * the action natt in the focus area fokus/trygg.md, and an English memo
 * memo.md.  The test adds the images its agreement shows.  Bails out
 * when a file cannot be written.
 */
static inline void
fx_site(const char *dir, const char *agreement)
{
	fx_write_str(dir, "pakt.yaml", "title: Test\nlanguage: sv\n");
	fx_write_str(dir, "s/series.yaml", "name: Serie\nparties:\n"
	    "  - {id: kommun, name: Kommunen}\n"
	    "  - {id: polis, name: Polisen}\n");
	fx_write_str(dir, "s/2024-2027/avtal.md", agreement);
	fx_write_str(dir, "s/2024-2027/plan.md",
	    "---\n"
	    "type: action-plan\n"
	    "title: Plan\n"
	    "date: 2024-04-01\n"
	    "actions:\n"
	    "  - id: natt\n"
	    "    title: Nattvandring\n"
	    "    focus: trygg\n"
	    "    owners: [kommun, polis]\n"
	    "    start: 2024-05\n"
	    "    end: 2025-12\n"
	    "    indicator: Antal kv\xc3\xa4llar\n"
	    "    status: p\xc3\xa5g\xc3\xa5r\n"
	    "---\n"
	    "## Syfte\n"
	    "\n"
	    "Planen.\n");
	fx_write_str(dir, "s/2024-2027/fokus/trygg.md",
	    "---\n"
	    "type: focus-area\n"
	    "id: trygg\n"
	    "title: Trygghet\n"
	    "---\n"
	    "Text.\n");
	fx_write_str(dir, "s/2024-2027/memo.md",
	    "---\n"
	    "type: memo\n"
	    "title: Memo\n"
	    "language: en\n"
	    "---\n"
	    "Plain text only.\n");
}

/*
 * Load the content behind src into c; src NULL (a folder that did not
 * open) loads nothing.  Returns 0, or -1 when it does not load or
 * records an error; the messages go to d.  Free c with content_free()
 * either way.
 */
static inline int
fx_load(struct content *c, struct source *src, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	if (src == NULL || content_load(c, src, d) < 0 || d->errors > 0)
		return -1;
	return 0;
}

/* The index of the document of c at rel, or -1 when there is none. */
static inline long
fx_doc_index(const struct content *c, const char *rel)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (strcmp(c->docs[i]->rel, rel) == 0)
			return (long)i;
	return -1;
}

/* The document of c at rel, owned by c, or NULL when there is none. */
static inline struct doc *
fx_find_doc(const struct content *c, const char *rel)
{
	long i = fx_doc_index(c, rel);

	return i >= 0 ? c->docs[i] : NULL;
}

/*
 * Give doc a made-up history of n versions, newest first, in place of
 * the one it has; the newest is uncommitted when uncommitted is set.
 * Version n, when uncommitted, is dated 2026-01-01; the committed ones
 * are a day apart from 2024-03-01 12:00 on, by Bo Berg and Anna Ås in
 * turn from the newest, with the commits a1b2c3d000..., a1b2c3e000...
 * from the newest.  The document frees it.
 */
static inline void
fx_set_history(struct doc *doc, size_t n, int uncommitted)
{
	static const char *const authors[] = { "Bo Berg", "Anna \xc3\x85s" };
	struct rev *rv;
	size_t i;

	history_free(&doc->hist);
	doc->hist.revs = xcalloc(n, sizeof(*doc->hist.revs));
	doc->hist.n = n;
	doc->hist.uncommitted = uncommitted;
	for (i = 0; i < n; i++) {
		rv = &doc->hist.revs[i];
		rv->version = (unsigned)(n - i);
		rv->time = 1709294400LL + 86400LL * (long long)(n - 1 - i);
		if (i == 0 && uncommitted) {
			rv->time = 1767225600LL;
			continue;
		}
		snprintf(rv->id, sizeof(rv->id), "%07zx%033d", 0xa1b2c3dU + i,
		    0);
		memcpy(rv->short_id, rv->id, HIST_SHORT_LEN);
		rv->author = xstrdup(authors[i % 2]);
		rv->subject = xasprintf("\xc3\x84ndring %u", rv->version);
	}
}

/* The bytes that every file of the source from fx_source_bytes() holds. */
struct fx_bytes {
	const void	*data;
	size_t		 len;
};

/* Source operation: every file rel holds the bytes of ctx. */
static inline int
fx_bytes_read(void *ctx, const char *rel, char **data, size_t *len)
{
	const struct fx_bytes *b = ctx;

	(void)rel;
	*data = xmalloc(b->len + 1);
	memcpy(*data, b->data, b->len);
	(*data)[b->len] = '\0';
	*len = b->len;
	return 0;
}

/* Source operation: every folder is empty. */
static inline int
fx_bytes_list(void *ctx, const char *rel, struct source_entry **v,
    size_t *n)
{
	(void)ctx;
	(void)rel;
	*v = NULL;
	*n = 0;
	return 0;
}

/* Source operation: everything is a regular file. */
static inline int
fx_bytes_kind(void *ctx, const char *rel)
{
	(void)ctx;
	(void)rel;
	return 1;
}

/* Source operation: every file dates from the epoch. */
static inline long long
fx_bytes_mtime(void *ctx, const char *rel)
{
	(void)ctx;
	(void)rel;
	return 0;
}

/* Source operation: nothing to close. */
static inline void
fx_bytes_close(void *ctx)
{
	(void)ctx;
}

/*
 * A source in which every file holds the len bytes at data (which the
 * caller keeps) and every folder is empty: for documents made in memory,
 * whose images are then found.  Returns a static source, which the next
 * call changes; not for source_close().
 */
static inline struct source *
fx_source_bytes(const void *data, size_t len)
{
	static const struct source_ops ops = {
		fx_bytes_read, fx_bytes_list, fx_bytes_kind, fx_bytes_mtime,
		fx_bytes_close
	};
	static char display[] = "fake";
	static struct fx_bytes b;
	static struct source src = { &ops, &b, display };

	b.data = data;
	b.len = len;
	return &src;
}

/*
 * Make the page s/2024-2027/x.md (title "Korpus") of a made-up series
 * and period from the Markdown md, len bytes.  Returns the document (see
 * doc_parse(): doc->ok says whether it is valid), which the caller frees
 * with doc_free(); problems go to d.
 */
static inline struct doc *
fx_page(const char *md, size_t len, struct diag *d)
{
	static struct series se;
	static struct period pe;
	struct buf text = BUF_INIT;
	struct doc *doc;

	pe.name = (char *)"2024-2027";
	pe.series = &se;
	buf_puts(&text, "---\ntype: page\ntitle: Korpus\n---\n");
	buf_put(&text, md, len);
	doc = doc_parse("s/2024-2027/x.md", "x.md", xstrndup(text.ptr,
	    text.len), text.len, d);
	buf_free(&text);
	doc->series = &se;
	doc->period = &pe;
	return doc;
}

/*
 * The reference styles of the ODT output, templates/odt/styles.xml below
 * PAKT_TEMPLATES (by default the folder templates).  Returns them with
 * their length in *len, which the caller frees; NULL when they cannot be
 * read.
 */
static inline char *
fx_odt_styles(size_t *len)
{
	return fx_read(fx_env("PAKT_TEMPLATES", "templates"),
	    "odt/styles.xml", len);
}

/*
 * Set o up to render ODT with the images from src and styles (len bytes)
 * as templates/odt/styles.xml; the caller adds the page data and the
 * headings.  Returns nothing; o holds no memory of its own.
 */
static inline void
fx_odt_opts(struct odt_opts *o, struct source *src, const char *styles,
    size_t len)
{
	memset(o, 0, sizeof(*o));
	o->src = src;
	o->styles = styles;
	o->styles_len = len;
	o->styles_file = "templates/odt/styles.xml";
}

#endif
