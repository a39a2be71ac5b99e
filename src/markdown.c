/*
 * markdown.c - parse Markdown into a cmark-gfm tree.
 *
 * The only place that knows which cmark-gfm options and extensions pakt
 * uses, so every renderer sees the same tree for the same text.
 */
#include "markdown.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/*
 * Options: footnotes on; invalid UTF-8 replaced by U+FFFD (pakt checks
 * UTF-8 before parsing, but the tree must hold valid text whatever the
 * caller did); raw HTML kept in the tree as HTML nodes, which the
 * renderers drop; no smart punctuation, so the text stays as written.
 */
#define MD_OPTIONS	(CMARK_OPT_SAFE | CMARK_OPT_FOOTNOTES | \
			 CMARK_OPT_VALIDATE_UTF8)

/*
 * cmark-gfm keeps lengths in 32-bit signed integers and aborts on longer
 * buffers; refuse text that could get near that.
 */
#define MD_MAX_LEN	((size_t)1 << 30)

static const char *const md_extensions[] = {
	"table", "strikethrough", "autolink",
};

/*
 * Register the core extensions with cmark-gfm the first time it is
 * needed.  Not thread-safe, like cmark-gfm's registry itself.
 */
static void
S_register(void)
{
	static int done;

	if (!done) {
		cmark_gfm_core_extensions_ensure_registered();
		done = 1;
	}
}

cmark_node *
md_parse(const char *text, size_t len)
{
	cmark_parser *p;
	cmark_syntax_extension *ext;
	cmark_node *doc;
	size_t i;

	if (len > MD_MAX_LEN)
		return NULL;
	S_register();
	if ((p = cmark_parser_new(MD_OPTIONS)) == NULL)
		return NULL;
	for (i = 0; i < sizeof(md_extensions) / sizeof(md_extensions[0]);
	    i++) {
		ext = cmark_find_syntax_extension(md_extensions[i]);
		if (ext == NULL || !cmark_parser_attach_syntax_extension(p, ext)) {
			cmark_parser_free(p);
			return NULL;
		}
	}
	if (len > 0)
		cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

const char *
md_ext_kind(cmark_node *n)
{
	cmark_node_type t;
	const char *s;

	if (n == NULL)
		return NULL;
	/*
	 * Extensions register their node types after the core ones, so
	 * a core node never needs the string lookup.
	 */
	t = cmark_node_get_type(n);
	if ((t & CMARK_NODE_VALUE_MASK) <=
	    (CMARK_NODE_FOOTNOTE_REFERENCE & CMARK_NODE_VALUE_MASK))
		return NULL;
	s = cmark_node_get_type_string(n);
	if (strcmp(s, "table") == 0)
		return "table";
	if (strcmp(s, "table_row") == 0 || strcmp(s, "table_header") == 0)
		return "table_row";
	if (strcmp(s, "table_cell") == 0)
		return "table_cell";
	if (strcmp(s, "strikethrough") == 0)
		return "strikethrough";
	return NULL;
}
