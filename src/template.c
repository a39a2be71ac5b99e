/*
 * template.c - Mustache templates.
 *
 * Three parts: tval, the data tree; a compiler that turns template source
 * into a flat array of tokens, where every section knows the index of its
 * closing tag; and a renderer that walks those tokens with an explicit
 * stack of frames (one per section being iterated and per partial being
 * expanded), so that neither deep data nor deep templates recurse on the
 * C stack.  Section nesting is bounded per template at compile time,
 * partial nesting at render time.
 */
#include "template.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TPL_MAXNEST	100	/* sections open at once in one template */
#define TPL_MAXPARTIAL	64	/* partials expanded inside each other */
#define TPL_MAXDELIM	32	/* bytes in a delimiter */

struct tval {
	enum tval_kind	  kind;
	int		  b;		/* TVAL_BOOL */
	char		 *s;		/* TVAL_STR, NUL-terminated */
	size_t		  slen;		/* TVAL_STR, bytes in s */
	struct tval	**items;	/* TVAL_LIST, TVAL_MAP values */
	char		**keys;		/* TVAL_MAP keys, beside items */
	size_t		  len;		/* items in use */
	size_t		  cap;		/* items allocated */
};

enum tok_type {
	TOK_TEXT,	/* literal text */
	TOK_VAR,	/* {{name}}, escaped */
	TOK_RAW,	/* {{{name}}} or {{&name}} */
	TOK_SECTION,	/* {{#name}} */
	TOK_INVERTED,	/* {{^name}} */
	TOK_CLOSE,	/* {{/name}} */
	TOK_PARTIAL	/* {{>name}} */
};

struct tok {
	enum tok_type	 type;
	size_t		 off;	/* text or name: offset in the source */
	size_t		 len;	/* text or name: length */
	size_t		 pos;	/* offset of the tag, for messages */
	size_t		 end;	/* sections: index of the closing token */
	size_t		 ind;	/* standalone partials: offset of indent */
	size_t		 indlen; /* standalone partials: length of indent */
};

/* A compiled template. */
struct tpl {
	char		*name;	/* for messages, owned */
	const char	*src;	/* the source, owned when own is set */
	char		*own;
	size_t		 len;
	size_t		 indent; /* bytes of indentation added to each line */
	struct tok	*toks;
	size_t		 ntoks;
	size_t		 cap;
};

/* A compiled partial, kept for the length of one tpl_render(). */
struct pcache {
	char		*name;
	char		*indent;
	struct tpl	*tpl;	/* NULL when the partial does not exist */
	struct pcache	*next;
};

/* A section being iterated or a template being run. */
struct frame {
	const struct tpl	*t;
	size_t			 start;	/* first token */
	size_t			 pc;	/* next token */
	size_t			 end;	/* token that ends the frame */
	const struct tval	*list;	/* list being iterated, or NULL */
	size_t			 idx;	/* current item of list */
	size_t			 nctx;	/* context depth to restore on exit */
	int			 partial; /* frame runs a partial */
};

struct render {
	struct buf		 *out;
	tpl_partial_fn		  fn;
	void			 *arg;
	char			**err;
	const struct tval	**ctx;
	size_t			  nctx;
	size_t			  ctxcap;
	struct frame		 *fr;
	size_t			  nfr;
	size_t			  frcap;
	size_t			  npartial;
	struct pcache		 *cache;
};

/*
 * tval: the data tree.
 */

/*
 * Return a new value of the given kind, zeroed otherwise; the caller
 * frees it with tval_free().
 */
static struct tval *
S_tval_new(enum tval_kind kind)
{
	struct tval *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	return v;
}

struct tval *
tval_null(void)
{
	return S_tval_new(TVAL_NULL);
}

struct tval *
tval_bool(int b)
{
	struct tval *v = S_tval_new(TVAL_BOOL);

	v->b = b != 0;
	return v;
}

struct tval *
tval_strn(const char *s, size_t len)
{
	struct tval *v = S_tval_new(TVAL_STR);

	v->s = xstrndup(s != NULL ? s : "", s != NULL ? len : 0);
	v->slen = s != NULL ? len : 0;
	return v;
}

struct tval *
tval_str(const char *s)
{
	return tval_strn(s, s != NULL ? strlen(s) : 0);
}

struct tval *
tval_list(void)
{
	return S_tval_new(TVAL_LIST);
}

struct tval *
tval_map(void)
{
	return S_tval_new(TVAL_MAP);
}

/* Make room for one more item in list or map v. */
static void
S_tval_grow(struct tval *v)
{
	if (v->len < v->cap)
		return;
	v->cap = v->cap ? v->cap * 2 : 8;
	v->items = xrealloc(v->items, v->cap * sizeof(*v->items));
	if (v->kind == TVAL_MAP)
		v->keys = xrealloc(v->keys, v->cap * sizeof(*v->keys));
}

/*
 * Return the index of the key of length len in map, or -1 when it is
 * absent or map is not a map.
 */
static long
S_tval_find(const struct tval *map, const char *key, size_t len)
{
	size_t i;

	if (map == NULL || map->kind != TVAL_MAP)
		return -1;
	for (i = 0; i < map->len; i++)
		if (strncmp(map->keys[i], key, len) == 0 &&
		    map->keys[i][len] == '\0')
			return (long)i;
	return -1;
}

/*
 * Set key in map to v (a null value when v is NULL).  Returns v, now
 * owned by map; when map is not a map, frees v and returns NULL.
 */
struct tval *
tval_set(struct tval *map, const char *key, struct tval *v)
{
	long i;

	if (v == NULL)
		v = tval_null();
	if (map == NULL || map->kind != TVAL_MAP || key == NULL) {
		tval_free(v);
		return NULL;
	}
	if ((i = S_tval_find(map, key, strlen(key))) >= 0) {
		tval_free(map->items[i]);
		map->items[i] = v;
		return v;
	}
	S_tval_grow(map);
	map->keys[map->len] = xstrdup(key);
	map->items[map->len++] = v;
	return v;
}

void
tval_dump(const struct tval *v, struct buf *out)
{
	size_t i;

	switch (v->kind) {
	case TVAL_NULL:
		buf_putc(out, 'n');
		break;
	case TVAL_BOOL:
		buf_putc(out, v->b ? 't' : 'f');
		break;
	case TVAL_STR:
		buf_printf(out, "s%zu:", v->slen);
		buf_put(out, v->s, v->slen);
		break;
	case TVAL_LIST:
	case TVAL_MAP:
		buf_printf(out, "%c%zu[", v->kind == TVAL_MAP ? 'm' : 'l',
		    v->len);
		for (i = 0; i < v->len; i++) {
			if (v->kind == TVAL_MAP)
				buf_printf(out, "%zu:%s=", strlen(v->keys[i]),
				    v->keys[i]);
			/* values nest only as deep as pakt builds them */
			tval_dump(v->items[i], out);
		}
		buf_putc(out, ']');
		break;
	}
}

struct tval *
tval_set_str(struct tval *map, const char *key, const char *s)
{
	return tval_set(map, key, s != NULL ? tval_str(s) : tval_null());
}

struct tval *
tval_set_bool(struct tval *map, const char *key, int b)
{
	return tval_set(map, key, tval_bool(b));
}

/*
 * Append v (a null value when v is NULL) to list.  Returns v, now owned
 * by list; when list is not a list, frees v and returns NULL.
 */
struct tval *
tval_push(struct tval *list, struct tval *v)
{
	if (v == NULL)
		v = tval_null();
	if (list == NULL || list->kind != TVAL_LIST) {
		tval_free(v);
		return NULL;
	}
	S_tval_grow(list);
	list->items[list->len++] = v;
	return v;
}

enum tval_kind
tval_kind(const struct tval *v)
{
	return v != NULL ? v->kind : TVAL_NULL;
}

struct tval *
tval_get(const struct tval *map, const char *key)
{
	long i;

	if (key == NULL || (i = S_tval_find(map, key, strlen(key))) < 0)
		return NULL;
	return map->items[i];
}

const char *
tval_text(const struct tval *v)
{
	return v != NULL && v->kind == TVAL_STR ? v->s : NULL;
}

size_t
tval_len(const struct tval *v)
{
	if (v == NULL || (v->kind != TVAL_LIST && v->kind != TVAL_MAP))
		return 0;
	return v->len;
}

struct tval *
tval_at(const struct tval *list, size_t i)
{
	if (list == NULL || list->kind != TVAL_LIST || i >= list->len)
		return NULL;
	return list->items[i];
}

/*
 * Free v and everything below it.  Walks the tree with a work list rather
 * than recursion, so that deeply nested data cannot exhaust the stack.
 */
void
tval_free(struct tval *v)
{
	struct tval **work = NULL;
	size_t i, n = 0, cap = 0;

	if (v == NULL)
		return;
	for (;;) {
		for (i = 0; i < v->len; i++) {
			if (v->keys != NULL)
				free(v->keys[i]);
			if (v->items[i] == NULL)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				work = xrealloc(work, cap * sizeof(*work));
			}
			work[n++] = v->items[i];
		}
		free(v->items);
		free(v->keys);
		free(v->s);
		free(v);
		if (n == 0)
			break;
		v = work[--n];
	}
	free(work);
}

/*
 * Whether v counts as true for a section: null, false, an empty list and
 * an empty string are false, everything else is true.
 */
static int
S_truthy(const struct tval *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case TVAL_NULL:
		return 0;
	case TVAL_BOOL:
		return v->b;
	case TVAL_STR:
		return v->slen > 0;
	case TVAL_LIST:
		return v->len > 0;
	case TVAL_MAP:
		return 1;
	}
	return 0;
}

/*
 * Compiler.
 */

/*
 * Set *err to "name:line:col: message" for the byte at pos of template t.
 * Always returns -1, for the caller to return.
 */
static int
S_error(char **err, const struct tpl *t, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
S_error(char **err, const struct tpl *t, size_t pos, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	size_t i, line = 1, bol = 0, col;
	va_list ap;

	if (err == NULL)
		return -1;
	for (i = 0; i < pos && i < t->len; i++)
		if (t->src[i] == '\n') {
			line++;
			bol = i + 1;
		}
	col = pos - bol + 1;
	if (col > t->indent)
		col -= t->indent;
	buf_printf(&b, "%s:%zu:%zu: ", t->name, line, col);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(*err);
	*err = buf_detach(&b);
	return -1;
}

/* Free t and what it owns; t may be NULL. */
static void
S_tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->own);
	free(t->toks);
	free(t);
}

/* Append a token of the given type to t; return it. */
static struct tok *
S_tok_add(struct tpl *t, enum tok_type type, size_t off, size_t len,
    size_t pos)
{
	struct tok *tk;

	if (t->ntoks == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->toks = xrealloc(t->toks, t->cap * sizeof(*t->toks));
	}
	tk = &t->toks[t->ntoks++];
	memset(tk, 0, sizeof(*tk));
	tk->type = type;
	tk->off = off;
	tk->len = len;
	tk->pos = pos;
	return tk;
}

/*
 * Return the offset of the first pat (of length plen) in src[from, len),
 * or len when there is none.
 */
static size_t
S_find(const char *src, size_t len, size_t from, const char *pat,
    size_t plen)
{
	size_t i;

	if (plen == 0 || len < plen)
		return len;
	for (i = from; i + plen <= len; i++)
		if (src[i] == pat[0] && memcmp(src + i, pat, plen) == 0)
			return i;
	return len;
}

/* Whether c is space inside a tag: blank, tab or line break. */
static int
S_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Narrow [*off, *off + *len) of src to leave out surrounding space. */
static void
S_trim(const char *src, size_t *off, size_t *len)
{
	while (*len > 0 && S_isspace((unsigned char)src[*off])) {
		(*off)++;
		(*len)--;
	}
	while (*len > 0 && S_isspace((unsigned char)src[*off + *len - 1]))
		(*len)--;
}

/* Whether src[off, off + len) is a valid tag name: no space, not empty. */
static int
S_goodname(const char *src, size_t off, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = off; i < off + len; i++)
		if (S_isspace((unsigned char)src[i]))
			return 0;
	return 1;
}

/*
 * Parse the content src[off, off + len) of a set-delimiter tag, without
 * its equals signs, into otag and ctag (each TPL_MAXDELIM + 1 bytes).
 * Returns 0, or -1 when it is not two delimiters separated by space.
 */
static int
S_delims(const char *src, size_t off, size_t len, char *otag, char *ctag)
{
	size_t i, e, olen, clen;

	S_trim(src, &off, &len);
	e = off + len;
	for (i = off; i < e && !S_isspace((unsigned char)src[i]); i++)
		continue;
	olen = i - off;
	while (i < e && S_isspace((unsigned char)src[i]))
		i++;
	clen = e - i;
	if (olen == 0 || clen == 0 || olen > TPL_MAXDELIM ||
	    clen > TPL_MAXDELIM || !S_goodname(src, i, clen))
		return -1;
	memcpy(otag, src + off, olen);
	otag[olen] = '\0';
	memcpy(ctag, src + i, clen);
	ctag[clen] = '\0';
	return 0;
}

/*
 * Compile the template src of length len, naming it name in messages;
 * indent is the number of bytes of indentation that were added to each
 * of its lines.  Returns the template, which the caller frees with
 * S_tpl_free() and which points into src (the caller keeps src alive),
 * or NULL with *err set on a syntax error.
 */
static struct tpl *
S_compile(const char *name, const char *src, size_t len, size_t indent,
    char **err)
{
	struct tpl *t;
	struct tok *tk;
	char otag[TPL_MAXDELIM + 1] = "{{", ctag[TPL_MAXDELIM + 1] = "}}";
	size_t open[TPL_MAXNEST];
	size_t nopen = 0, text = 0, olen, clen, q, c, r, tagend, off, clen2;
	size_t ls, te, textend, nameoff, namelen;
	int type, standalone;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name != NULL ? name : "<template>");
	t->src = src != NULL ? src : "";
	t->len = src != NULL ? len : 0;
	t->indent = indent;
	src = t->src;
	len = t->len;

	for (;;) {
		olen = strlen(otag);
		clen = strlen(ctag);
		q = S_find(src, len, text, otag, olen);
		if (q == len) {
			if (text < len)
				S_tok_add(t, TOK_TEXT, text, len - text, text);
			break;
		}

		/* Find the end of the tag and its content. */
		c = q + olen;
		type = c < len ? (unsigned char)src[c] : '\0';
		if (type == '#' || type == '^' || type == '/' ||
		    type == '!' || type == '>' || type == '&' ||
		    type == '{' || type == '=')
			c++;
		else
			type = '\0';
		r = S_find(src, len, c, ctag, clen);
		if (r == len) {
			S_error(err, t, q, "unclosed tag");
			goto fail;
		}
		clen2 = clen;
		off = c;
		if (type == '{') {
			/* The extra brace may open the closing delimiter. */
			if (r + 1 + clen <= len && src[r] == '}' &&
			    memcmp(src + r + 1, ctag, clen) == 0)
				clen2 = clen + 1;
			else if (r > c && src[r - 1] == '}') {
				r--;
				clen2 = clen + 1;
			} else {
				S_error(err, t, q, "unclosed tag");
				goto fail;
			}
		} else if (type == '=') {
			if (r <= c || src[r - 1] != '=') {
				S_error(err, t, q, "bad delimiter change");
				goto fail;
			}
			r--;
			clen2 = clen + 1;
		}
		tagend = r + clen2;
		nameoff = off;
		namelen = r - off;
		S_trim(src, &nameoff, &namelen);

		/*
		 * A section, comment, partial or delimiter tag alone on its
		 * line, apart from spaces and tabs, takes the whole line
		 * with it.
		 */
		textend = q;
		standalone = 0;
		if (type != '\0' && type != '&' && type != '{') {
			for (ls = q; ls > text &&
			    (src[ls - 1] == ' ' || src[ls - 1] == '\t'); ls--)
				continue;
			for (te = tagend; te < len &&
			    (src[te] == ' ' || src[te] == '\t'); te++)
				continue;
			if (te + 1 < len && src[te] == '\r' &&
			    src[te + 1] == '\n')
				te++;
			if ((ls == 0 || src[ls - 1] == '\n') &&
			    (te == len || src[te] == '\n')) {
				standalone = 1;
				textend = ls;
				tagend = te < len ? te + 1 : len;
			}
		}
		if (textend > text)
			S_tok_add(t, TOK_TEXT, text, textend - text, text);
		text = tagend;

		if (type != '!' && type != '=' &&
		    !S_goodname(src, nameoff, namelen)) {
			if (namelen == 0)
				S_error(err, t, q, "empty tag");
			else
				S_error(err, t, q, "bad tag name \"%.*s\"",
				    (int)namelen, src + nameoff);
			goto fail;
		}

		switch (type) {
		case '!':
			break;
		case '=':
			if (S_delims(src, off, r - off, otag, ctag) == -1) {
				S_error(err, t, q, "bad delimiter change");
				goto fail;
			}
			break;
		case '#':
		case '^':
			if (nopen == TPL_MAXNEST) {
				S_error(err, t, q, "sections nested more "
				    "than %d deep", TPL_MAXNEST);
				goto fail;
			}
			open[nopen++] = t->ntoks;
			S_tok_add(t, type == '#' ? TOK_SECTION : TOK_INVERTED,
			    nameoff, namelen, q);
			break;
		case '/':
			if (nopen == 0) {
				S_error(err, t, q, "closing tag \"%.*s\" "
				    "without a section", (int)namelen,
				    src + nameoff);
				goto fail;
			}
			tk = &t->toks[open[nopen - 1]];
			if (tk->len != namelen || memcmp(src + tk->off,
			    src + nameoff, namelen) != 0) {
				S_error(err, t, q, "closing tag \"%.*s\" does "
				    "not match section \"%.*s\"",
				    (int)namelen, src + nameoff,
				    (int)tk->len, src + tk->off);
				goto fail;
			}
			tk->end = t->ntoks;
			nopen--;
			S_tok_add(t, TOK_CLOSE, nameoff, namelen, q);
			break;
		case '>':
			tk = S_tok_add(t, TOK_PARTIAL, nameoff, namelen, q);
			if (standalone) {
				tk->ind = textend;
				tk->indlen = q - textend;
			}
			break;
		case '&':
		case '{':
			S_tok_add(t, TOK_RAW, nameoff, namelen, q);
			break;
		default:
			S_tok_add(t, TOK_VAR, nameoff, namelen, q);
			break;
		}
	}
	if (nopen > 0) {
		tk = &t->toks[open[nopen - 1]];
		S_error(err, t, tk->pos, "unclosed section \"%.*s\"",
		    (int)tk->len, src + tk->off);
		goto fail;
	}
	return t;
fail:
	S_tpl_free(t);
	return NULL;
}

/*
 * Return a copy of src with indent (of length ilen) put before each line
 * that has content; the caller frees it.  *outlen is its length.
 */
static char *
S_indent(const char *src, const char *indent, size_t ilen, size_t *outlen)
{
	struct buf b = BUF_INIT;
	size_t i, bol = 1;

	for (i = 0; src[i] != '\0'; i++) {
		if (bol)
			buf_put(&b, indent, ilen);
		buf_putc(&b, src[i]);
		bol = src[i] == '\n';
	}
	*outlen = b.len;
	return buf_detach(&b);
}

/*
 * Renderer.
 */

/*
 * Return the compiled partial named by tk in t, fetched and compiled on
 * first use; NULL without error when there is no such partial.  Returns
 * NULL and sets *failed on a syntax error in the partial.  The result
 * belongs to r->cache.
 */
static struct tpl *
S_partial(struct render *r, const struct tpl *t, const struct tok *tk,
    int *failed)
{
	struct pcache *pc;
	char *name, *indent, *src, *isrc;
	size_t len;

	name = xstrndup(t->src + tk->off, tk->len);
	indent = xstrndup(t->src + tk->ind, tk->indlen);
	for (pc = r->cache; pc != NULL; pc = pc->next)
		if (strcmp(pc->name, name) == 0 &&
		    strcmp(pc->indent, indent) == 0) {
			free(name);
			free(indent);
			return pc->tpl;
		}
	pc = xcalloc(1, sizeof(*pc));
	pc->name = name;
	pc->indent = indent;
	pc->next = r->cache;
	r->cache = pc;
	src = r->fn != NULL ? r->fn(name, r->arg) : NULL;
	if (src == NULL)
		return NULL;
	if (tk->indlen > 0) {
		isrc = S_indent(src, indent, tk->indlen, &len);
		free(src);
		src = isrc;
	} else
		len = strlen(src);
	pc->tpl = S_compile(name, src, len, tk->indlen, r->err);
	if (pc->tpl == NULL) {
		free(src);
		*failed = 1;
		return NULL;
	}
	pc->tpl->own = src;
	return pc->tpl;
}

/* Push v onto the context stack. */
static void
S_ctx_push(struct render *r, const struct tval *v)
{
	if (r->nctx == r->ctxcap) {
		r->ctxcap = r->ctxcap ? r->ctxcap * 2 : 32;
		r->ctx = xrealloc(r->ctx, r->ctxcap * sizeof(*r->ctx));
	}
	r->ctx[r->nctx++] = v;
}

/*
 * Push a frame running tokens [start, end) of t; return it.  The frame
 * restores the context stack to its current depth when it ends.  Frames
 * earlier taken from r->fr may move.
 */
static struct frame *
S_frame_push(struct render *r, const struct tpl *t, size_t start,
    size_t end)
{
	struct frame *f;

	if (r->nfr == r->frcap) {
		r->frcap = r->frcap ? r->frcap * 2 : 32;
		r->fr = xrealloc(r->fr, r->frcap * sizeof(*r->fr));
	}
	f = &r->fr[r->nfr++];
	memset(f, 0, sizeof(*f));
	f->t = t;
	f->start = f->pc = start;
	f->end = end;
	f->nctx = r->nctx;
	return f;
}

/*
 * Return the value that the name of tk in t refers to, or NULL.  The
 * first part of a dotted name is looked up through the context stack,
 * top first; each further part in the value found before.
 */
static const struct tval *
S_lookup(const struct render *r, const struct tpl *t, const struct tok *tk)
{
	const char *name = t->src + tk->off;
	const struct tval *v = NULL;
	size_t i, p, n = tk->len;
	long k;

	if (n == 1 && name[0] == '.')
		return r->nctx > 0 ? r->ctx[r->nctx - 1] : NULL;
	for (p = 0; p < n && name[p] != '.'; p++)
		continue;
	for (i = r->nctx; i > 0; i--)
		if ((k = S_tval_find(r->ctx[i - 1], name, p)) >= 0) {
			v = r->ctx[i - 1]->items[k];
			break;
		}
	while (v != NULL && p < n) {
		name += p + 1;
		n -= p + 1;
		for (p = 0; p < n && name[p] != '.'; p++)
			continue;
		k = S_tval_find(v, name, p);
		v = k >= 0 ? v->items[k] : NULL;
	}
	return v;
}

/* Append the text of v to out, HTML-escaped when escape is set. */
static void
S_put_value(struct buf *out, const struct tval *v, int escape)
{
	if (v == NULL)
		return;
	switch (v->kind) {
	case TVAL_STR:
		if (escape)
			buf_put_html(out, v->s, v->slen);
		else
			buf_put(out, v->s, v->slen);
		break;
	case TVAL_BOOL:
		buf_puts(out, v->b ? "true" : "false");
		break;
	default:
		break;
	}
}

/*
 * Run the frames on r's stack until none is left.  Returns 0, or -1 with
 * *r->err set.
 */
static int
S_run(struct render *r)
{
	struct frame *f;
	const struct tpl *t, *pt;
	const struct tok *tk;
	const struct tval *v;
	size_t i;
	int failed = 0;

	while (r->nfr > 0) {
		f = &r->fr[r->nfr - 1];
		t = f->t;
		if (f->pc >= f->end) {
			if (f->list != NULL && ++f->idx < f->list->len) {
				r->ctx[r->nctx - 1] = f->list->items[f->idx];
				f->pc = f->start;
				continue;
			}
			if (f->partial)
				r->npartial--;
			r->nctx = f->nctx;
			r->nfr--;
			continue;
		}
		i = f->pc++;
		tk = &t->toks[i];
		switch (tk->type) {
		case TOK_TEXT:
			buf_put(r->out, t->src + tk->off, tk->len);
			break;
		case TOK_VAR:
		case TOK_RAW:
			v = S_lookup(r, t, tk);
			S_put_value(r->out, v, tk->type == TOK_VAR);
			break;
		case TOK_SECTION:
			v = S_lookup(r, t, tk);
			f->pc = tk->end + 1;
			if (!S_truthy(v))
				break;
			f = S_frame_push(r, t, i + 1, tk->end);
			if (v->kind == TVAL_LIST) {
				f->list = v;
				v = v->items[0];
			}
			S_ctx_push(r, v);
			break;
		case TOK_INVERTED:
			v = S_lookup(r, t, tk);
			f->pc = tk->end + 1;
			if (!S_truthy(v))
				S_frame_push(r, t, i + 1, tk->end);
			break;
		case TOK_CLOSE:
			break;
		case TOK_PARTIAL:
			if (r->npartial == TPL_MAXPARTIAL)
				return S_error(r->err, t, tk->pos, "partials "
				    "nested more than %d deep",
				    TPL_MAXPARTIAL);
			if ((pt = S_partial(r, t, tk, &failed)) == NULL) {
				if (failed)
					return -1;
				break;
			}
			f = S_frame_push(r, pt, 0, pt->ntoks);
			f->partial = 1;
			r->npartial++;
			break;
		}
	}
	return 0;
}

int
tpl_render(struct buf *out, const char *src, size_t len, const char *name,
    const struct tval *ctx, tpl_partial_fn partial, void *arg, char **err)
{
	struct render r;
	struct tpl *t;
	struct pcache *pc;
	int rc;

	if (err != NULL)
		*err = NULL;
	if ((t = S_compile(name, src, len, 0, err)) == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	r.out = out;
	r.fn = partial;
	r.arg = arg;
	r.err = err;
	/* Make sure out holds a string even when nothing is rendered. */
	buf_grow(out, 0);
	out->ptr[out->len] = '\0';
	S_ctx_push(&r, ctx);
	S_frame_push(&r, t, 0, t->ntoks);
	rc = S_run(&r);
	while ((pc = r.cache) != NULL) {
		r.cache = pc->next;
		S_tpl_free(pc->tpl);
		free(pc->name);
		free(pc->indent);
		free(pc);
	}
	free(r.ctx);
	free(r.fr);
	S_tpl_free(t);
	return rc;
}
