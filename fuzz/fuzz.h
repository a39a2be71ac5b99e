/*
 * fuzz.h - what the libFuzzer targets in fuzz/ share: a content folder
 * in memory around the document the fuzzer makes, loaded the way pakt
 * loads a real one (content_load: the document's own checks, then the
 * checks across files), and what the renderers read once per process.
 *
 * The content folder is a site (Swedish, with a base-url), a series s
 * with the parties town and police (and those of the example in
 * tests/fixtures/example), and a period 2024-2027 holding the
 * focus areas focus/safety.md and focus/health.md and the document
 * x.md: the fuzzer's input.  Any *.png path below the root is the same
 * small RGBA PNG, so image links resolve; nothing else exists.  No file
 * is read or written: the page templates, the PDF theme and the ODT
 * styles are pakt's own (templates/, found beside the binary or through
 * PAKT_TEMPLATES, as pakt finds them).
 *
 * Everything is static inline, so that each target, one file, takes
 * what it needs; like cmark's fuzz target, each bounds its input
 * (FZ_MAX) so that a run makes progress.
 */
#ifndef PAKT_FUZZ_H
#define PAKT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "pages.h"
#include "render_html.h"
#include "render_pdf.h"
#include "source.h"
#include "template.h"

/* fx_png_rgba, a small PNG; tap.h's test functions go unused here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../tests/unit/fixture.h"
#pragma GCC diagnostic pop

/* The largest input a target reads; larger ones are passed over. */
#ifndef FZ_MAX
#define FZ_MAX		(64 * 1024)
#endif

/* Where the fuzzer's document is in the content folder. */
#define FZ_DOC		"s/2024-2027/x.md"

/* The front matter a renderer's input gets when it has none of its own. */
#define FZ_PAGE		"---\ntype: page\ntitle: Fuzz\n---\n"


/* A file or folder of the content folder; data NULL for a folder, and
 * for FZ_DOC (the input). */
struct fz_file {
	const char	*rel;
	const char	*data;
};

static const struct fz_file fz_files[] = {
	{ "pakt.yaml", "title: Fuzz\nlanguage: sv\n"
	    "base-url: https://example.org/pakt/\n" },
	{ "s", NULL },
	{ "s/series.yaml", "name: Serie\nparties:\n"
	    "  - {id: town, name: Kommunen}\n"
	    "  - {id: police, name: Polisen}\n"
	    "  - {id: malmo-stad, name: Malm\xc3\xb6 stad}\n"
	    "  - {id: polisomrade-malmo, name: Polisomr\xc3\xa5" "de Malm\xc3\xb6}\n"
	    "  - {id: svedala-kommun, name: Svedala kommun}\n"
	    "  - {id: lpo-trelleborg, name: LPO Trelleborg}\n" },
	{ "s/2024-2027", NULL },
	{ "s/2024-2027/focus", NULL },
	{ "s/2024-2027/focus/health.md", "---\ntype: focus-area\n"
	    "title: Folkh\xc3\xa4lsa\n---\nText.\n" },
	{ "s/2024-2027/focus/safety.md", "---\ntype: focus-area\n"
	    "title: Trygghet\n---\nText.\n" },
	{ FZ_DOC, NULL },
};

#define FZ_NFILES	(sizeof(fz_files) / sizeof(fz_files[0]))

/* The input: the text of FZ_DOC. */
struct fz_input {
	const char	*data;
	size_t		 len;
};

/* The entry of fz_files at rel, or NULL. */
static inline const struct fz_file *
fz_find(const char *rel)
{
	size_t i;

	for (i = 0; i < FZ_NFILES; i++)
		if (strcmp(fz_files[i].rel, rel) == 0)
			return &fz_files[i];
	return NULL;
}

/* Whether rel names a PNG image (any folder). */
static inline int
fz_is_png(const char *rel)
{
	size_t n = strlen(rel);

	return n > 4 && strcmp(rel + n - 4, ".png") == 0;
}

/* Source operation: the bytes of rel, a new NUL-terminated copy. */
static inline int
fz_read(void *ctx, const char *rel, char **data, size_t *len)
{
	const struct fz_input *in = ctx;
	const struct fz_file *f = fz_find(rel);
	const char *p;
	size_t n;

	if (f != NULL && strcmp(rel, FZ_DOC) == 0) {
		p = in->data;
		n = in->len;
	} else if (f != NULL && f->data != NULL) {
		p = f->data;
		n = strlen(p);
	} else if (fz_is_png(rel)) {
		p = (const char *)fx_png_rgba;
		n = sizeof(fx_png_rgba);
	} else
		return -1;
	*data = xmalloc(n + 1);
	memcpy(*data, p, n);
	(*data)[n] = '\0';
	*len = n;
	return 0;
}

/* Source operation: 0 missing, 1 file, 2 folder. */
static inline int
fz_kind(void *ctx, const char *rel)
{
	const struct fz_file *f = fz_find(rel);

	(void)ctx;
	if (f != NULL)
		return f->data != NULL || strcmp(rel, FZ_DOC) == 0 ? 1 : 2;
	return fz_is_png(rel) ? 1 : 0;
}

/* Source operation: the entries of folder rel, in the order of
 * fz_files, which is sorted by name within each folder. */
static inline int
fz_list(void *ctx, const char *rel, struct source_entry **v, size_t *n)
{
	size_t i, len = strlen(rel);
	const char *name;

	if (len > 0 && fz_kind(ctx, rel) != 2)
		return -1;
	*v = xcalloc(FZ_NFILES, sizeof(**v));
	*n = 0;
	for (i = 0; i < FZ_NFILES; i++) {
		name = fz_files[i].rel;
		if (len > 0) {
			if (strncmp(name, rel, len) != 0 || name[len] != '/')
				continue;
			name += len + 1;
		}
		if (strchr(name, '/') != NULL)
			continue;
		(*v)[*n].name = xstrdup(name);
		(*v)[*n].is_dir = fz_kind(ctx, fz_files[i].rel) == 2;
		(*n)++;
	}
	return 0;
}

/* Source operation: no file times, as in a git revision. */
static inline long long
fz_mtime(void *ctx, const char *rel)
{
	(void)ctx;
	(void)rel;
	return -1;
}

/* Source operation: nothing to close. */
static inline void
fz_close(void *ctx)
{
	(void)ctx;
}

/* The content folder around the input in; static, not for
 * source_close(). */
static inline struct source *
fz_source(struct fz_input *in)
{
	static const struct source_ops ops = {
		fz_read, fz_list, fz_kind, fz_mtime, fz_close
	};
	static char display[] = "fuzz";
	static struct source src = { &ops, NULL, display };

	src.ctx = in;
	return &src;
}

/* One input loaded as content. */
struct fz {
	struct fz_input	 in;
	char		*text;	/* the input with FZ_PAGE before it, or NULL */
	struct content	 c;
	struct diag	 d;
};

/*
 * Load the content folder with the size bytes at data as FZ_DOC; when
 * page is set and they do not start with a front matter line, FZ_PAGE
 * goes before them, so that any Markdown reaches the renderers.  Every
 * message is formatted, as pakt prints them, and printed to stderr when
 * FUZZ_VERBOSE is set (to see why a seed does not reach a renderer).
 * Returns the document when it is valid (what a renderer may be given)
 * or NULL; free f with fz_free() either way.
 */
static inline struct doc *
fz_load(struct fz *f, const uint8_t *data, size_t size, int page)
{
	struct doc *doc;
	char *msg;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->in.data = (const char *)data;
	f->in.len = size;
	if (page && (size < 3 || memcmp(data, "---", 3) != 0)) {
		f->text = xmalloc(strlen(FZ_PAGE) + size + 1);
		memcpy(f->text, FZ_PAGE, strlen(FZ_PAGE));
		memcpy(f->text + strlen(FZ_PAGE), data, size);
		f->in.data = f->text;
		f->in.len = strlen(FZ_PAGE) + size;
	}
	if (content_load(&f->c, fz_source(&f->in), &f->d) < 0)
		return NULL;
	for (i = 0; i < f->d.n; i++) {
		msg = diag_format(&f->d, i);
		if (getenv("FUZZ_VERBOSE") != NULL)
			fprintf(stderr, "%s\n", msg);
		free(msg);
	}
	doc = content_doc(&f->c, FZ_DOC);
	return doc != NULL && doc->ok && f->d.errors == 0 ? doc : NULL;
}

/* Free what fz_load() made. */
static inline void
fz_free(struct fz *f)
{
	content_free(&f->c);
	diag_free(&f->d);
	free(f->text);
}

/*
 * Once per process, in a renderer's target: outputs without a history
 * dated 2024-03-01 12:00, the renderers' libraries made ready, and
 * pakt's templates found (pg, freed by the caller).  Exits when the
 * templates are not found: no input could be rendered.
 */
static inline void
fz_init(struct pages *pg, const char *target)
{
	static struct fz_input none = { "", 0 };
	struct diag d = DIAG_INIT;

	setenv("SOURCE_DATE_EPOCH", "1709294400", 1);
	render_init();
	if (pages_init(pg, fz_source(&none), &d) < 0) {
		fprintf(stderr, "%s: %s\n", target, fx_first_diag(&d));
		exit(1);
	}
	diag_free(&d);
}

/*
 * What a renderer's target does with the document doc of f: render it
 * into out, messages to f->d.  page is NULL when doc is not valid (only
 * its Markdown tree may be used then); else it is the page data as the
 * site makes it, with the document's data (html_doc_data()) at "doc",
 * and toc its headings.
 */
typedef void	(*fz_render_fn)(struct buf *out, const struct doc *doc,
		    const struct tval *page, const struct html_toc *toc,
		    struct fz *f);

/*
 * The body of a renderer's LLVMFuzzerTestOneInput(): load the input
 * (fz_load() with a page's front matter when it has none) and give the
 * document to fn, in memory: with its page data when it is valid,
 * without when it only has a Markdown tree.  Returns -1 for an input
 * over FZ_MAX (not to be added to the corpus), else 0.
 */
static inline int
fz_render(const uint8_t *data, size_t size, fz_render_fn fn)
{
	struct html_toc toc;
	struct buf out = BUF_INIT;
	struct tval *page;
	struct doc *doc;
	struct fz f;

	if (size > FZ_MAX)
		return -1;
	if ((doc = fz_load(&f, data, size, 1)) != NULL) {
		page = tval_map();
		tval_set(page, "doc", html_doc_data(doc, &toc));
		fn(&out, doc, page, &toc, &f);
		html_toc_free(&toc);
		tval_free(page);
	} else if ((doc = content_doc(&f.c, FZ_DOC)) != NULL &&
	    doc->root != NULL)
		fn(&out, doc, NULL, NULL, &f);
	buf_free(&out);
	fz_free(&f);
	return 0;
}

#endif
