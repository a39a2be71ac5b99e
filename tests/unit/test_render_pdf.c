/*
 * test_render_pdf.c - unit tests for render_pdf.c, and for rendering in
 * several threads at once.
 *
 * A small content folder (fixture.h's, with an agreement of its own that
 * has a picture and a table with an empty cell) is written to a
 * temporary folder and loaded; the documents get made-up
 * histories.  Their PDFs are checked for the version (letterhead,
 * footer, metadata), the revision history (text, and a table in the
 * structure tree with every cell) with poppler's tools when installed.
 * Every document is rendered to PDF and ODT by four threads at once,
 * each over its own copy of the content, and every output must be the
 * same bytes as when rendered alone afterwards.
 *
 * pakt's templates come from PAKT_TEMPLATES or beside the binary.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "pages.h"
#include "render_html.h"
#include "render_odt.h"
#include "render_pdf.h"
#include "source.h"
#include "template.h"
#include "theme.h"

#include "fixture.h"
#include "tap.h"

#define NTHREADS	4
#define ROUNDS		2	/* renderings of each document per thread */

static const char S_avtal[] =
    "---\n"
    "type: agreement\n"
    "title: Avtal om samverkan\n"
    "reference: KS 2024/1\n"
    "date: 2024-03-01\n"
    "signatories:\n"
    "  - {name: Ann A, role: kommundirekt\xc3\xb6r, party: kommun}\n"
    "---\n"
    "# Inledning\n"
    "\n"
    "Text med *kursiv*, **fet** och `kod`, en fotnot[^a] och en l\xc3\xa4nk "
    "till [planen](plan.md).\n"
    "\n"
    "![Logotyp](bild.png)\n"
    "\n"
    "## Tabell\n"
    "\n"
    "| Vem | Vad |\n"
    "|-----|-----|\n"
    "| Kommunen | |\n"
    "| Polisen | Patrullerar |\n"
    "| Ensam |\n"
    "\n"
    "[^a]: Fotnoten.\n";

static char	*S_dir;		/* the content folder */

/* A loaded copy of the content folder, with page data per document. */
struct copy {
	struct source	*src;
	struct content	 c;
	struct tval	**data;
	struct html_toc	*toc;
};

/* What every rendering shares, read only. */
static struct theme	 S_theme;
static char		*S_styles;
static size_t		 S_styles_len;

/*
 * Load copy k of the content, give its documents histories (the
 * agreement 3 versions, the newest uncommitted; the plan 2; the focus
 * area one uncommitted; the memo one) and make their page data.
 * Returns 0, or -1 when it does not load.  Free with copy_free().
 */
static int
copy_load(struct copy *k)
{
	struct diag d = DIAG_INIT;
	const char *rel;
	size_t i;
	int rc = 0;

	memset(k, 0, sizeof(*k));
	k->src = source_fs_open(S_dir);
	rc = fx_load(&k->c, k->src, &d);
	diag_free(&d);
	if (rc < 0)
		return -1;
	k->data = xcalloc(k->c.ndocs + 1, sizeof(*k->data));
	k->toc = xcalloc(k->c.ndocs + 1, sizeof(*k->toc));
	for (i = 0; i < k->c.ndocs; i++) {
		rel = k->c.docs[i]->rel;
		if (strstr(rel, "avtal") != NULL)
			fx_set_history(k->c.docs[i], 3, 1);
		else if (strstr(rel, "plan") != NULL)
			fx_set_history(k->c.docs[i], 2, 0);
		else
			fx_set_history(k->c.docs[i], 1,
			    strstr(rel, "fokus") != NULL);
		k->data[i] = html_doc_data(k->c.docs[i], &k->toc[i]);
	}
	return 0;
}

static void
copy_free(struct copy *k)
{
	size_t i;

	for (i = 0; k->data != NULL && i < k->c.ndocs; i++) {
		tval_free(k->data[i]);
		html_toc_free(&k->toc[i]);
	}
	free(k->data);
	free(k->toc);
	content_free(&k->c);
	if (k->src != NULL)
		source_close(k->src);
}

/*
 * Render document i of k as PDF into pdf and as ODT into odt.  Returns
 * 0, or -1 when either fails.
 */
static int
render(struct copy *k, size_t i, struct buf *pdf, struct buf *odt)
{
	struct pdf_opts po;
	struct odt_opts oo;
	struct diag d = DIAG_INIT;
	int rc = 0;

	memset(&po, 0, sizeof(po));
	po.data = k->data[i];
	po.toc = &k->toc[i];
	po.theme = &S_theme;
	po.src = k->src;
	fx_odt_opts(&oo, k->src, S_styles, S_styles_len);
	oo.data = k->data[i];
	oo.toc = &k->toc[i];
	if (pdf_render(pdf, k->c.docs[i], &po, &d) < 0 ||
	    odt_render(odt, k->c.docs[i], &oo, &d) < 0 || d.n > 0)
		rc = -1;
	diag_free(&d);
	return rc;
}

/* The outputs rendered alone, document by document. */
static struct buf	*S_pdf, *S_odt;
static size_t		 S_ndocs;

/* What one thread does and finds. */
struct job {
	pthread_t	 tid;
	struct copy	*k;
	struct buf	*pdf, *odt;	/* its outputs, ROUNDS per document */
	int		 failed;	/* renderings that failed */
};

/* A thread: render every document of its copy ROUNDS times. */
static void *
worker(void *arg)
{
	struct job *j = arg;
	size_t i, n;
	int round;

	for (round = 0; round < ROUNDS; round++)
		for (i = 0; i < S_ndocs; i++) {
			n = (size_t)round * S_ndocs + i;
			if (render(j->k, i, &j->pdf[n], &j->odt[n]) < 0)
				j->failed++;
		}
	return NULL;
}

/* Whether the len bytes at hay hold the string needle. */
static int
has(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * The output of the poppler tool cmd ("pdftotext -layout") run on the
 * PDF in b: "" when the tool fails, NULL when it is not installed (or
 * the PDF cannot be written for it).  The caller frees.
 */
static char *
poppler(const char *cmd, const struct buf *b)
{
	char *path, *line, *out;

	if (access("/usr/bin/pdftotext", X_OK) != 0 ||
	    (path = fx_tmpfile("test-render-pdf", ".pdf", b->ptr,
	    b->len)) == NULL)
		return NULL;
	line = xasprintf("%s %s %s", cmd, path,
	    strncmp(cmd, "pdftotext", 9) == 0 ? "- 2>/dev/null" :
	    "2>/dev/null");
	if ((out = fx_run(line)) == NULL)
		out = xstrdup("");
	free(line);
	remove(path);
	free(path);
	return out;
}

/* The version, the revision history and the metadata of the PDFs. */
static void
test_versions(struct copy *k)
{
	long a = fx_doc_index(&k->c, "s/2024-2027/avtal.md");
	long m = fx_doc_index(&k->c, "s/2024-2027/memo.md");
	const struct buf *p;
	char *txt, *st, *s, *e;
	int n;

	if (!ok(a >= 0 && m >= 0, "the agreement and the memo load"))
		return;
	/* the agreement: 3 versions, the newest uncommitted */
	ok(k->c.docs[a]->hist.n == 3 && k->c.docs[a]->hist.uncommitted,
	    "the agreement has three versions, the newest uncommitted");
	p = &S_pdf[a];
	ok(has(p->ptr, p->len,
	    "<xmpMM:VersionID>3 (ej incheckad)</xmpMM:VersionID>"),
	    "XMP: xmpMM:VersionID");
	ok(has(p->ptr, p->len, "<xmp:CreateDate>2024-03-01T12:00:00Z<"),
	    "XMP: created with the first version");
	ok(has(p->ptr, p->len, "<xmp:ModifyDate>2026-01-01T00:00:00Z<"),
	    "XMP: modified with this one");
	ok(has(p->ptr, p->len, "/CreationDate (D:20240301120000Z00'00')"),
	    "Info: the same creation date");
	ok(has(p->ptr, p->len, "/ModDate (D:20260101000000Z00'00')"),
	    "Info: the same modification date");
	ok(has(p->ptr, p->len, "/Version ") && !has(p->ptr, p->len,
	    "/Commit "), "Info: a version, no commit when uncommitted");
	ok(has(S_pdf[m].ptr, S_pdf[m].len, "/Commit ") &&
	    has(S_pdf[m].ptr, S_pdf[m].len,
	    "<xmpMM:VersionID>1</xmpMM:VersionID>"),
	    "Info: a committed version has its commit");

	if ((txt = poppler("pdftotext -layout", p)) == NULL) {
		ok(1, "no pdftotext: the text is not checked");
		return;
	}
	ok(strstr(txt, "Version: 3 (ej incheckad), 2026-01-01") != NULL,
	    "the letterhead shows the version");
	ok(strstr(txt, "KS 2024/1 \xc2\xb7 2024-03-01 \xc2\xb7 Version 3 "
	    "(ej incheckad)") != NULL, "the footer shows it");
	s = strstr(txt, "Revisionshistorik\n");
	ok(s != NULL && strstr(txt, "Underskrifter\n") != NULL &&
	    s > strstr(txt, "Underskrifter\n"),
	    "the revision history comes after the signatures");
	ok(s != NULL && strstr(s, "Version") && strstr(s, "Datum") &&
	    strstr(s, "F\xc3\xb6rfattare") && strstr(s, "\xc3\x84ndring") &&
	    strstr(s, "Incheckning"), "its header row");
	ok(s != NULL && strstr(s, "Bo Berg") != NULL &&
	    strstr(s, "a1b2c3e") != NULL && strstr(s, "\xc3\x84ndringar som "
	    "\xc3\xa4nnu inte \xc3\xa4r incheckade") != NULL,
	    "its rows");
	free(txt);
	txt = poppler("pdftotext -layout", &S_pdf[m]);
	ok(txt != NULL && strstr(txt, "Version: 1, 2024-03-01, a1b2c3d") &&
	    strstr(txt, "Revision history") && strstr(txt, "Version 1 "
	    "(a1b2c3d)"), "in English, with the commit");
	free(txt);

	if ((st = poppler("pdfinfo -struct-text", p)) == NULL ||
	    (s = strstr(st, "\"Revisionshistorik\"\n  Table")) == NULL) {
		ok(st != NULL && strstr(st, "Table") != NULL,
		    "the revision table is in the structure tree");
		free(st);
		return;
	}
	ok(1, "the revision table follows its heading in the structure tree");
	for (n = 0; (s = strstr(s + 1, "\n    TR")) != NULL; n++)
		;
	ok(n == 4, "a TR for the header and each version");
	s = strstr(st, "\"Revisionshistorik\"\n  Table");
	for (n = 0; (s = strstr(s + 1, "\n      T")) != NULL; n++)
		;
	ok(n == 20, "five cells in every row, the empty ones too");
	ok(strstr(st, "/Scope /Column\n        \"Incheckning\"") != NULL,
	    "header cells have a column scope");
	ok(strstr(st, "/Scope /Row\n        \"2\"") != NULL,
	    "a version's cell is the header of its row");
	s = strstr(st, "\"Vad\"");
	ok(s != NULL && strstr(s, "\"Kommunen\"\n      TD\n") != NULL,
	    "an empty cell of a Markdown table stays in the tree");
	e = s != NULL ? strstr(s, "\n  H2") : NULL;
	for (n = 0; s != NULL && (s = strstr(s + 1, "\n      T")) != NULL &&
	    s < e; n++)
		;
	ok(n == 6, "a short row is filled up");
	free(st);
}

/* The version texts of the page data and doc_footer(), which the PDF
 * and ODT write. */
static void
test_words(struct copy *k)
{
	struct tval *plan, *avtal, *v, *empty = tval_map();
	struct doc *doc;
	struct buf b = BUF_INIT;

	doc = fx_find_doc(&k->c, "s/2024-2027/plan.md");
	plan = html_doc_data(doc, NULL);
	v = tval_get(plan, "version");
	is_str(tval_text(tval_get(v, "field")), "2, 2024-03-02, a1b2c3d",
	    "the letterhead's version");
	is_str(tval_text(tval_get(v, "footer")), "Version 2 (a1b2c3d)",
	    "the footer's version");
	is_str(tval_text(tval_get(v, "text")), "2", "the number");
	tval_set_str(plan, "reference", "STK-2023-154");
	tval_set_str(plan, "date", "2023-07-05");
	doc_footer(&b, plan, 1);
	is_str(b.ptr, "STK-2023-154 \xc2\xb7 2023-07-05 \xc2\xb7 Version 2 "
	    "(a1b2c3d)", "the footer");
	buf_reset(&b);
	doc_footer(&b, plan, 0);
	is_str(b.ptr, "STK-2023-154 \xc2\xb7 Version 2 (a1b2c3d)",
	    "the footer without the date");

	/* uncommitted: no commit id */
	doc = fx_find_doc(&k->c, "s/2024-2027/avtal.md");
	avtal = html_doc_data(doc, NULL);
	is_str(tval_text(tval_get(tval_get(avtal, "version"), "field")),
	    "3 (ej incheckad), 2026-01-01", "an uncommitted version");
	doc->meta.english = 1;
	v = html_doc_data(doc, NULL);
	doc->meta.english = 0;
	is_str(tval_text(tval_get(tval_get(v, "version"), "footer")),
	    "Version 3 (uncommitted)", "in English");
	tval_free(v);
	buf_reset(&b);
	tval_set_str(avtal, "reference", NULL);
	tval_set_str(avtal, "date", NULL);
	doc_footer(&b, avtal, 0);
	is_str(b.ptr, "Version 3 (ej incheckad)", "the footer without a "
	    "reference");
	buf_reset(&b);
	doc_footer(&b, empty, 1);
	ok(b.len == 0, "no version, nothing");
	buf_free(&b);
	tval_free(plan);
	tval_free(avtal);
	tval_free(empty);
}

/*
 * Render every document in NTHREADS threads at once, before anything
 * else is rendered (so that the threads also race to fill the caches of
 * fonts and hyphenation dictionaries); then every document alone, into
 * S_pdf and S_odt, which every thread's outputs must equal.  Returns 0,
 * or -1 when rendering alone fails.
 */
static int
test_threads(struct copy *copies)
{
	struct job jobs[NTHREADS];
	size_t i, n, nout = ROUNDS * S_ndocs;
	int t, started = 0, failed = 0, differ = 0, rc = 0;

	memset(jobs, 0, sizeof(jobs));
	for (t = 0; t < NTHREADS; t++) {
		jobs[t].k = &copies[t + 1];
		jobs[t].pdf = xcalloc(nout, sizeof(*jobs[t].pdf));
		jobs[t].odt = xcalloc(nout, sizeof(*jobs[t].odt));
		if (pthread_create(&jobs[t].tid, NULL, worker, &jobs[t]) == 0)
			started++;
		else
			jobs[t].failed = -1;
	}
	ok(started == NTHREADS, "four threads start");
	for (t = 0; t < NTHREADS; t++)
		if (jobs[t].failed >= 0)
			pthread_join(jobs[t].tid, NULL);

	for (i = 0; i < S_ndocs; i++)
		if (render(&copies[0], i, &S_pdf[i], &S_odt[i]) < 0)
			rc = -1;
	ok(rc == 0, "then every document renders alone");
	for (t = 0; t < NTHREADS; t++) {
		failed += jobs[t].failed;
		for (n = 0; n < nout; n++) {
			i = n % S_ndocs;
			if (jobs[t].pdf[n].len != S_pdf[i].len ||
			    memcmp(jobs[t].pdf[n].ptr, S_pdf[i].ptr,
			    S_pdf[i].len) != 0 ||
			    jobs[t].odt[n].len != S_odt[i].len ||
			    memcmp(jobs[t].odt[n].ptr, S_odt[i].ptr,
			    S_odt[i].len) != 0)
				differ++;
			buf_free(&jobs[t].pdf[n]);
			buf_free(&jobs[t].odt[n]);
		}
		free(jobs[t].pdf);
		free(jobs[t].odt);
	}
	ok(failed == 0, "every document renders in every thread");
	if (!ok(differ == 0, "every PDF and ODT made in the threads is the "
	    "same as made alone"))
		printf("#   %d of %d differ\n", differ,
		    NTHREADS * (int)nout);
	return rc;
}

int
main(void)
{
	struct copy copies[NTHREADS + 1];
	struct diag d = DIAG_INIT;
	struct pages pg;
	char *msg;
	size_t i;
	int nload = 0, rc;

	setenv("SOURCE_DATE_EPOCH", "1709294400", 1);
	render_init();
	render_init();		/* twice does no harm */

	S_dir = fx_tmpdir("test-render-pdf");
	fx_site(S_dir, S_avtal);
	fx_write(S_dir, "s/2024-2027/bild.png", fx_png_rgba,
	    sizeof(fx_png_rgba));

	for (i = 0; i < NTHREADS + 1; i++)
		if (copy_load(&copies[i]) == 0)
			nload++;
	if (!ok(nload == NTHREADS + 1, "the test content loads five times"))
		goto out;
	test_words(&copies[0]);
	rc = pages_init(&pg, copies[0].src, &d);
	if (rc == 0)
		rc = theme_load(&S_theme, &pg, &d);
	pages_free(&pg);
	S_styles = fx_odt_styles(&S_styles_len);
	msg = d.n > 0 ? diag_format(&d, 0) : NULL;
	if (!ok(rc == 0 && S_styles != NULL, "the theme and the styles load"))
		printf("#   %s\n", msg ? msg : "no styles.xml");
	free(msg);
	if (rc < 0 || S_styles == NULL)
		goto out;

	S_ndocs = copies[0].c.ndocs;
	ok(S_ndocs == 4, "four documents");
	S_pdf = xcalloc(S_ndocs, sizeof(*S_pdf));
	S_odt = xcalloc(S_ndocs, sizeof(*S_odt));
	if (test_threads(copies) == 0)
		test_versions(&copies[0]);
	for (i = 0; i < S_ndocs; i++) {
		buf_free(&S_pdf[i]);
		buf_free(&S_odt[i]);
	}
	free(S_pdf);
	free(S_odt);
out:
	for (i = 0; i < NTHREADS + 1; i++)
		copy_free(&copies[i]);
	theme_free(&S_theme);
	free(S_styles);
	diag_free(&d);
	if (fx_rmtree(S_dir) < 0)
		printf("# cannot remove %s\n", S_dir);
	free(S_dir);
	return tap_done();
}
