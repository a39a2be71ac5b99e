/*
 * html.c - libFuzzer target: a document loaded as in frontmatter.c
 * (input without front matter gets a page's), then its Markdown tree as
 * an HTML body as it stands (html_render_body without a URL resolver,
 * even when the checks failed: unsafe URLs must go), and, when the
 * document is valid, the document page from pakt's own template over
 * the page data with the body as the site makes it (html_doc_data:
 * links resolved, headings with ids, the table of contents).
 */
#include "fuzz.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pages	S_pg;

/* Once: pakt's page templates. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init(&S_pg, "html");
	return 0;
}

/* Render the body of doc, and its page when it is valid. */
static void
S_html(struct buf *out, const struct doc *doc, const struct tval *page,
    const struct html_toc *toc, struct fz *f)
{
	struct html_body_opts opts;

	(void)toc;
	memset(&opts, 0, sizeof(opts));
	html_render_body(out, doc->root, &opts, NULL);
	buf_reset(out);
	if (page != NULL)
		pages_render(&S_pg, "document", page, out, &f->d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_render(data, size, S_html);
}
