/*
 * odt.c - libFuzzer target: a document loaded as in html.c, then, when
 * valid, its ODT package rendered in memory (content.xml with libxml2's
 * writer, styles.xml from pakt's reference styles, meta.xml, the zip
 * with libzip).
 */
#include "fuzz.h"
#include "render_odt.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char	*S_styles, *S_styles_file;
static size_t	 S_styles_len;

/* Once: the renderers' libraries and the reference styles. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct pages pg;

	(void)argc;
	(void)argv;
	fz_init(&pg, "odt");
	if (pages_read_other(&pg, "odt/styles.xml", PAGES_ANY, &S_styles,
	    &S_styles_len, &S_styles_file) < 0) {
		fprintf(stderr, "odt: cannot read templates/odt/styles.xml\n");
		exit(1);
	}
	pages_free(&pg);
	return 0;
}

/* Render doc, when valid, as ODT, as the site does. */
static void
S_odt(struct buf *out, const struct doc *doc, const struct tval *page,
    const struct html_toc *toc, struct fz *f)
{
	struct odt_opts o;

	if (page == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.data = tval_get(page, "doc");
	o.toc = toc;
	o.src = f->c.src;
	o.styles = S_styles;
	o.styles_len = S_styles_len;
	o.styles_file = S_styles_file;
	o.base_url = f->c.conf.base_url.s;
	odt_render(out, doc, &o, &f->d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_render(data, size, S_odt);
}
