/*
 * frontmatter.c - libFuzzer target: a document's front matter and text
 * read as pakt reads them (doc_parse: UTF-8, the front-matter split,
 * YAML with libyaml, the typed metadata, the Markdown tree) and then
 * checked against the content folder around it (parties, focus areas,
 * links, images), with every message formatted.  The input is the whole
 * file, front matter and all.
 */
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f;

	if (size > FZ_MAX)
		return -1;
	(void)fz_load(&f, data, size, 0);
	content_lint(&f.c, "2025-01-01", &f.d);
	fz_free(&f);
	return 0;
}
