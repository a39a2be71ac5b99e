/*
 * markdown.h - parse Markdown into a cmark-gfm tree.
 *
 * pakt reads CommonMark with the GitHub extensions table, strikethrough,
 * autolink and footnotes.  Every renderer (HTML, ODT, PDF) walks the tree
 * this returns.
 */
#ifndef PAKT_MARKDOWN_H
#define PAKT_MARKDOWN_H

#include <stddef.h>

#include <cmark-gfm.h>

/*
 * Parse len bytes of Markdown.  Returns the document node, which the
 * caller frees with cmark_node_free(), or NULL on memory failure.
 * Source positions in the tree count lines from 1 at the start of text.
 */
cmark_node	*md_parse(const char *text, size_t len);

/*
 * What kind of GFM extension node n is: "table", "table_row",
 * "table_cell", "strikethrough", or NULL for a core node.
 */
const char	*md_ext_kind(cmark_node *n);

#endif
