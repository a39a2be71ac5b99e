/*
 * pdf.c - libFuzzer target: a document loaded as in html.c, then, when
 * valid, its PDF rendered in memory with pakt's default theme: layout,
 * hyphenation, fonts from fontconfig (Liberation), tags, links and
 * bookmarks.  Typesetting is slow, so the input is bounded lower than
 * in the other targets.
 */
#define FZ_MAX		(16 * 1024)
#include "fuzz.h"
#include "theme.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct theme	S_theme;

/* Once: the renderers' libraries and the default theme. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d = DIAG_INIT;
	struct pages pg;

	(void)argc;
	(void)argv;
	fz_init(&pg, "pdf");
	if (theme_load(&S_theme, &pg, &d) < 0) {
		fprintf(stderr, "pdf: %s\n", fx_first_diag(&d));
		exit(1);
	}
	pages_free(&pg);
	diag_free(&d);
	return 0;
}

/* Render doc, when valid, as PDF, as the site does. */
static void
S_pdf(struct buf *out, const struct doc *doc, const struct tval *page,
    const struct html_toc *toc, struct fz *f)
{
	struct pdf_opts o;

	if (page == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.data = tval_get(page, "doc");
	o.toc = toc;
	o.theme = &S_theme;
	o.src = f->c.src;
	o.base_url = f->c.conf.base_url.s;
	pdf_render(out, doc, &o, &f->d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_render(data, size, S_pdf);
}
