/*
 * doc.c - load one document: UTF-8, front matter, metadata, Markdown.
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "outline.h"
#include "ydoc.h"

int
utf8_check(const char *text, size_t len, unsigned *line, unsigned *col,
    unsigned char *bad)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned ln = 1, cl = 1;
	size_t i = 0, n, k;
	unsigned cp;

	while (i < len) {
		if (s[i] < 0x80) {
			n = 1;
			cp = s[i];
		} else if ((s[i] & 0xe0) == 0xc0) {
			n = 2;
			cp = s[i] & 0x1f;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 3;
			cp = s[i] & 0x0f;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 4;
			cp = s[i] & 0x07;
		} else
			goto bad;
		if (i + n > len)
			goto bad;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* No overlong forms, surrogates, or code points past U+10FFFF. */
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0)
			goto bad;
		if (cp == '\n') {
			ln++;
			cl = 1;
		} else
			cl++;
		i += n;
	}
	return 0;
bad:
	*line = ln;
	*col = cl;
	*bad = s[i];
	return -1;
}

/* Whether the line at p (up to end) is exactly mark, allowing "\r" and blanks. */
static int
S_is_fence(const char *p, const char *end, const char *mark)
{
	size_t n = strlen(mark);

	if ((size_t)(end - p) < n || memcmp(p, mark, n) != 0)
		return 0;
	for (p += n; p < end && *p != '\n'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

int
frontmatter_split(const char *text, size_t len, const char *path,
    const char **fm, size_t *fmlen, const char **body, unsigned *body_line0,
    struct diag *d)
{
	const char *end = text + len, *p, *nl;
	unsigned line = 1;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	if (!S_is_fence(text, end, "---")) {
		diag_err(d, path, 1, 1, "a document must start with front "
		    "matter: a line '---', keys such as 'type' and 'title', "
		    "and a closing line '---'");
		return -1;
	}
	nl = memchr(text, '\n', (size_t)(end - text));
	if (nl == NULL)
		goto unclosed;
	*fm = nl + 1;
	for (p = nl + 1; p < end; p = nl + 1) {
		line++;
		if (S_is_fence(p, end, "---") || S_is_fence(p, end, "...")) {
			*fmlen = (size_t)(p - *fm);
			nl = memchr(p, '\n', (size_t)(end - p));
			*body = nl ? nl + 1 : end;
			*body_line0 = line;
			return 0;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			break;
	}
unclosed:
	diag_err(d, path, 1, 1, "front matter is not closed: end it with a "
	    "line '---' before the text");
	return -1;
}

struct doc *
doc_parse(const char *rel, const char *path, char *text, size_t len,
    struct diag *d)
{
	struct doc *doc = xcalloc(1, sizeof(*doc));
	const char *fm, *body;
	size_t fmlen, n;
	unsigned line, col;
	unsigned char bad;
	struct ydoc y;

	doc->rel = xstrdup(rel);
	doc->path = xstrdup(path);
	n = strlen(rel);
	doc->stem = xstrndup(rel, n > 3 && strcmp(rel + n - 3, ".md") == 0 ?
	    n - 3 : n);
	doc->text = text;
	doc->len = len;
	if (utf8_check(text, len, &line, &col, &bad) < 0) {
		diag_err(d, path, line, col, "invalid UTF-8 (byte 0x%02x): "
		    "save the file as UTF-8", bad);
		return doc;
	}
	if (frontmatter_split(text, len, path, &fm, &fmlen, &body,
	    &doc->body_line0, d) < 0)
		return doc;
	if (ydoc_load(&y, path, fm, fmlen, 1, d) < 0)
		return doc;
	n = d->errors;
	meta_parse(&doc->meta, &y, d);
	ydoc_free(&y);
	if (d->errors != n)
		return doc;
	doc->root = md_parse(body, (size_t)(text + len - body));
	if (doc->root == NULL) {
		diag_err(d, path, doc->body_line0 + 1, 1,
		    "cannot parse the Markdown text");
		return doc;
	}
	doc->outline = outline_new(doc->root, OUTLINE_TOP);
	doc->ok = 1;
	return doc;
}

int
doc_has_meta(const struct doc *doc)
{
	return doc->root != NULL;
}

unsigned
doc_column(const struct doc *doc, unsigned line, unsigned bytecol)
{
	const char *p = doc->text, *end = doc->text + doc->len, *nl;
	unsigned col = 1, i;

	for (i = 1; i < line && p < end; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return bytecol;
		p = nl + 1;
	}
	for (i = 1; i < bytecol && p < end && *p != '\n'; i++, p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
	return col;
}

const char *
doc_id(const struct doc *doc)
{
	const char *slash;

	if (doc->meta.id.s != NULL)
		return doc->meta.id.s;
	slash = strrchr(doc->stem, '/');
	return slash ? slash + 1 : doc->stem;
}

void
doc_free(struct doc *doc)
{
	size_t n;

	if (doc == NULL)
		return;
	meta_free(&doc->meta);
	outline_free(doc->outline);
	if (doc->root != NULL)
		cmark_node_free(doc->root);
	free(doc->rel);
	free(doc->path);
	free(doc->stem);
	free(doc->text);
	for (n = 0; n < doc->nuses; n++)
		free(doc->uses[n]);
	free(doc->uses);
	history_free(&doc->hist);
	free(doc->outstem);
	free(doc);
}
