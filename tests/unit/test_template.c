/*
 * test_template.c - the Mustache engine against the official spec's core
 * modules, plus pakt's own rules: error messages, depth bounds, the tval
 * API and escaping.
 *
 * The spec files are tests/mustache-spec of the checkout (see
 * fx_data()); without them the test fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "template.h"

#include "fixture.h"
#include "tap.h"

static const char *const spec_files[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections",
};

/*
 * Whether the plain scalar s looks like a YAML number: an optional sign,
 * digits with at most one point, and an optional exponent.
 */
static int
S_isnumber(const char *s)
{
	char *end;

	if (*s == '-' || *s == '+')
		s++;
	if (!(*s >= '0' && *s <= '9') && !(*s == '.' && s[1] >= '0' &&
	    s[1] <= '9'))
		return 0;
	(void)strtod(s, &end);
	return *end == '\0' && strchr(s, 'x') == NULL &&
	    strchr(s, 'X') == NULL;
}

/*
 * Convert a YAML node into a tval tree; the caller frees the result.
 * Plain scalars true/false become booleans, null, ~ and empty become
 * null, numbers become their shortest canonical text.
 */
static struct tval *
S_node(yaml_document_t *doc, yaml_node_t *n)
{
	struct tval *v;
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	const char *s;
	char num[64];

	if (n == NULL)
		return tval_null();
	switch (n->type) {
	case YAML_SCALAR_NODE:
		s = (const char *)n->data.scalar.value;
		if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			return tval_strn(s, n->data.scalar.length);
		if (strcmp(s, "true") == 0)
			return tval_bool(1);
		if (strcmp(s, "false") == 0)
			return tval_bool(0);
		if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 ||
		    *s == '\0')
			return tval_null();
		if (S_isnumber(s)) {
			snprintf(num, sizeof(num), "%.15g", strtod(s, NULL));
			return tval_str(num);
		}
		return tval_strn(s, n->data.scalar.length);
	case YAML_SEQUENCE_NODE:
		v = tval_list();
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			tval_push(v, S_node(doc,
			    yaml_document_get_node(doc, *it)));
		return v;
	case YAML_MAPPING_NODE:
		v = tval_map();
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(doc, pr->key);
			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			tval_set(v, (const char *)k->data.scalar.value,
			    S_node(doc, yaml_document_get_node(doc,
			    pr->value)));
		}
		return v;
	default:
		return tval_null();
	}
}

/* The value of key in mapping node n, or NULL. */
static yaml_node_t *
S_get(yaml_document_t *doc, yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (pr = n->data.mapping.pairs.start;
	    pr < n->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(doc, pr->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, pr->value);
	}
	return NULL;
}

/* Partial callback over a map of name -> source. */
static char *
S_partial(const char *name, void *arg)
{
	const char *s = tval_text(tval_get(arg, name));

	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * Render src with data and partials; return the output or, on error,
 * "ERROR: " and the message.  The caller frees the result.
 */
static char *
S_render(const char *src, size_t len, const struct tval *data,
    const struct tval *partials)
{
	struct buf out = BUF_INIT;
	char *err = NULL, *s;

	if (tpl_render(&out, src, len, "t", data, S_partial,
	    (void *)partials, &err) == -1) {
		s = xasprintf("ERROR: %s", err != NULL ? err : "(no message)");
		free(err);
		buf_free(&out);
		return s;
	}
	return buf_detach(&out);
}

/* Run every test of the spec file dir/stem.yml as one assertion each. */
static void
S_spec_file(const char *dir, const char *stem)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *tests, *test, *tn, *en;
	yaml_node_item_t *it;
	struct tval *data, *partials;
	char *path, *name, *got;
	FILE *f;
	int n = 0;

	path = xasprintf("%s/%s.yml", dir, stem);
	if ((f = fopen(path, "rb")) == NULL) {
		ok(0, path);
		printf("#   cannot open\n");
		free(path);
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		ok(0, path);
		printf("#   YAML error: %s\n", parser.problem ?
		    parser.problem : "?");
		yaml_parser_delete(&parser);
		fclose(f);
		free(path);
		return;
	}
	root = yaml_document_get_root_node(&doc);
	tests = S_get(&doc, root, "tests");
	if (tests == NULL || tests->type != YAML_SEQUENCE_NODE) {
		ok(0, path);
		printf("#   no tests\n");
		goto out;
	}
	for (it = tests->data.sequence.items.start;
	    it < tests->data.sequence.items.top; it++) {
		test = yaml_document_get_node(&doc, *it);
		tn = S_get(&doc, test, "template");
		en = S_get(&doc, test, "expected");
		name = xasprintf("%s: %s", stem, S_get(&doc, test, "name") ?
		    (const char *)S_get(&doc, test, "name")->data.scalar.value :
		    "?");
		if (tn == NULL || tn->type != YAML_SCALAR_NODE ||
		    en == NULL || en->type != YAML_SCALAR_NODE) {
			ok(0, name);
			printf("#   no template or expected output\n");
			free(name);
			continue;
		}
		data = S_node(&doc, S_get(&doc, test, "data"));
		partials = S_node(&doc, S_get(&doc, test, "partials"));
		got = S_render((const char *)tn->data.scalar.value,
		    tn->data.scalar.length, data, partials);
		is_str(got, (const char *)en->data.scalar.value, name);
		free(got);
		free(name);
		tval_free(data);
		tval_free(partials);
		n++;
	}
	printf("# %s: %d tests\n", stem, n);
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	free(path);
}

static void
S_spec(void)
{
	char *dir;
	size_t i;

	if ((dir = fx_data("mustache-spec")) == NULL)
		return;
	for (i = 0; i < sizeof(spec_files) / sizeof(spec_files[0]); i++)
		S_spec_file(dir, spec_files[i]);
	free(dir);
}

/* Render src with data and no partials; see S_render(). */
static char *
S_r(const char *src, const struct tval *data)
{
	return S_render(src, strlen(src), data, NULL);
}

/* Check that rendering src with data gives want; frees the output. */
static void
S_is(const char *src, const struct tval *data, const struct tval *partials,
    const char *want, const char *name)
{
	char *got = S_render(src, strlen(src), data, partials);

	is_str(got, want, name);
	free(got);
}

static void
S_errors(void)
{
	struct tval *p;

	S_is("a\n  {{#x}}\nb", NULL, NULL,
	    "ERROR: t:2:3: unclosed section \"x\"",
	    "error: unclosed section");
	S_is("ab\ncd {{x", NULL, NULL, "ERROR: t:2:4: unclosed tag",
	    "error: unclosed tag");
	S_is("{{{x}}", NULL, NULL, "ERROR: t:1:1: unclosed tag",
	    "error: unclosed triple mustache");
	S_is("{{#a}}\n {{/b}}", NULL, NULL,
	    "ERROR: t:2:2: closing tag \"b\" does not match section \"a\"",
	    "error: mismatched closing tag");
	S_is("x{{/b}}", NULL, NULL,
	    "ERROR: t:1:2: closing tag \"b\" without a section",
	    "error: closing tag without a section");
	S_is("{{=<% =}}", NULL, NULL, "ERROR: t:1:1: bad delimiter change",
	    "error: one delimiter");
	S_is("{{=<% %>}}", NULL, NULL, "ERROR: t:1:1: bad delimiter change",
	    "error: delimiter tag without closing =");
	S_is("{{=<% %> x=}}", NULL, NULL, "ERROR: t:1:1: bad delimiter change",
	    "error: three delimiters");
	S_is("a {{ }}", NULL, NULL, "ERROR: t:1:3: empty tag",
	    "error: empty tag");
	S_is("{{a b}}", NULL, NULL, "ERROR: t:1:1: bad tag name \"a b\"",
	    "error: space in a name");

	/* Errors in a partial name the partial; indentation is not counted. */
	p = tval_map();
	tval_set_str(p, "p", "ok\n {{#x}}\n");
	S_is("a\n  {{>p}}\n", NULL, p, "ERROR: p:2:2: unclosed section \"x\"",
	    "error: in an indented partial");
	tval_free(p);
}

/* A partial that includes itself. */
static char *
S_loop(const char *name, void *arg)
{
	(void)arg;
	return xasprintf("x{{>%s}}", name);
}

/* Partials "p<n>" include "p<n-1>" down to "p0". */
static char *
S_chain(const char *name, void *arg)
{
	int n = atoi(name + 1);

	(void)arg;
	return n > 0 ? xasprintf("{{>p%d}}", n - 1) : xstrdup("bottom");
}

static void
S_depth(void)
{
	struct buf src = BUF_INIT, out = BUF_INIT;
	struct tval *data, *v;
	char *err = NULL, *got;
	int i, rc;

	/* 100 nested sections render; 101 are an error. */
	data = tval_map();
	tval_set_bool(data, "a", 1);
	for (i = 0; i < 100; i++)
		buf_puts(&src, "{{#a}}");
	buf_puts(&src, "deep");
	for (i = 0; i < 100; i++)
		buf_puts(&src, "{{/a}}");
	got = S_r(src.ptr, data);
	is_str(got, "deep", "100 nested sections render");
	free(got);

	buf_reset(&src);
	for (i = 0; i < 101; i++)
		buf_puts(&src, "{{#a}}");
	got = S_r(src.ptr, data);
	is_str(got, "ERROR: t:1:601: sections nested more than 100 deep",
	    "101 nested sections are an error");
	free(got);

	buf_reset(&src);
	for (i = 0; i < 100000; i++)
		buf_puts(&src, "{{^a}}{{#b}}");
	rc = tpl_render(&out, src.ptr, src.len, "t", data, NULL, NULL, &err);
	ok(rc == -1 && err != NULL &&
	    strstr(err, "nested more than 100 deep") != NULL,
	    "200000 nested sections fail cleanly");
	free(err);
	err = NULL;
	buf_free(&out);
	buf_free(&src);
	tval_free(data);

	/* Self-including partials stop at 64. */
	rc = tpl_render(&out, "{{>loop}}", 9, "t", NULL, S_loop, NULL, &err);
	ok(rc == -1, "self-including partial is an error");
	is_str(err, "loop:1:2: partials nested more than 64 deep",
	    "self-including partial message");
	ok(out.len == 64, "self-including partial output before the error");
	free(err);
	err = NULL;
	buf_free(&out);

	rc = tpl_render(&out, "{{>p63}}", 8, "t", NULL, S_chain, NULL, &err);
	ok(rc == 0 && out.ptr != NULL && strcmp(out.ptr, "bottom") == 0,
	    "partials 64 deep render");
	buf_free(&out);
	rc = tpl_render(&out, "{{>p64}}", 8, "t", NULL, S_chain, NULL, &err);
	is_str(err, "p1:1:1: partials nested more than 64 deep",
	    "partials 65 deep are an error");
	ok(rc == -1, "partials 65 deep return -1");
	free(err);
	buf_free(&out);

	/* Deep data: a list inside a list, 100000 levels, freed. */
	data = tval_list();
	for (v = data, i = 0; i < 100000; i++)
		v = tval_push(v, tval_list());
	ok(tval_len(data) == 1, "deep data builds");
	tval_free(data);
}

static void
S_tval(void)
{
	struct tval *m, *l, *v;
	char key[16];
	int i;

	m = tval_map();
	ok(tval_kind(m) == TVAL_MAP, "tval_map is a map");
	tval_set_str(m, "a", "one");
	tval_set_str(m, "b", "two");
	ok(tval_len(m) == 2, "map len");
	v = tval_set_str(m, "a", "uno");
	ok(tval_len(m) == 2, "set replaces rather than adds");
	ok(v == tval_get(m, "a"), "set returns the value");
	is_str(tval_text(tval_get(m, "a")), "uno", "get after replace");
	ok(tval_get(m, "c") == NULL, "get of a missing key");
	tval_set_str(m, "n", NULL);
	ok(tval_kind(tval_get(m, "n")) == TVAL_NULL, "NULL string is null");
	tval_set_bool(m, "t", 1);
	ok(tval_kind(tval_get(m, "t")) == TVAL_BOOL, "bool kind");
	ok(tval_text(tval_get(m, "t")) == NULL, "text of a bool");
	for (i = 0; i < 50; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		tval_set(m, key, tval_str(key));
	}
	is_str(tval_text(tval_get(m, "k37")), "k37", "map of 50 keys");

	l = tval_set(m, "list", tval_list());
	ok(tval_kind(l) == TVAL_LIST, "tval_list is a list");
	tval_push(l, tval_str("x"));
	tval_push(l, tval_strn("yz", 1));
	ok(tval_len(l) == 2, "list len");
	is_str(tval_text(tval_at(l, 0)), "x", "at 0");
	is_str(tval_text(tval_at(l, 1)), "y", "at 1, from tval_strn");
	ok(tval_at(l, 2) == NULL, "at past the end");
	ok(tval_at(m, 0) == NULL, "at of a map");
	ok(tval_get(l, "a") == NULL, "get of a list");
	ok(tval_len(tval_get(m, "a")) == 0, "len of a string");
	ok(tval_push(m, tval_str("lost")) == NULL, "push onto a map");
	ok(tval_set(l, "k", tval_str("lost")) == NULL, "set on a list");
	tval_free(m);
	tval_free(NULL);
}

static void
S_escape(void)
{
	struct tval *d = tval_map();
	char *got;

	tval_set_str(d, "x", "<script>alert(\"hi\" + 'there' & 1)</script>");
	tval_set_str(d, "empty", "");
	got = S_r("{{x}}", d);
	is_str(got, "&lt;script&gt;alert(&quot;hi&quot; + &#39;there&#39; "
	    "&amp; 1)&lt;/script&gt;", "escape script and quotes");
	free(got);
	got = S_r("{{{x}}}|{{&x}}", d);
	is_str(got, "<script>alert(\"hi\" + 'there' & 1)</script>|"
	    "<script>alert(\"hi\" + 'there' & 1)</script>",
	    "no escaping in triple mustache and ampersand");
	free(got);
	got = S_r("[{{#empty}}yes{{/empty}}{{^empty}}no{{/empty}}]", d);
	is_str(got, "[no]", "an empty string is falsey");
	free(got);
	got = S_r("{{x}}", NULL);
	is_str(got, "", "no data at all");
	free(got);
	tval_free(d);
}

int
main(void)
{
	S_spec();
	S_errors();
	S_depth();
	S_tval();
	S_escape();
	return tap_done();
}
