/*
 * test_newperiod.c - unit tests for new_period(): a content folder with
 * a series of two periods is copied into a third, and what is written
 * is checked file by file (front matter changes, bodies byte for byte,
 * images, the memo left behind) and loaded again as content.  Then the
 * refusals, each of which must leave nothing behind, flow-style
 * signatories, nested values that are dropped, and a write that fails
 * half-way (a file size limit), after which nothing may be left.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "newperiod.h"
#include "source.h"

#include "fixture.h"
#include "tap.h"

/* The body of the agreement, after its front matter. */
#define AGREEMENT_BODY \
	"## F\xc3\xb6rord\n" \
	"\n" \
	"Perioden 2023\xe2\x80\x93" "2027 b\xc3\xb6rjar nu.  Tv\xc3\xa5 " \
	"mellanslag,\ttabb och\n" \
	"en [plan](plan.md) med ![karta](bilder/karta.png \"Karta\").\n" \
	"\n" \
	"| A | B |\n" \
	"|---|---|\n" \
	"| 1 | 2 |\n" \
	"\n" \
	"---\n" \
	"\n" \
	"Slut utan radslut"

static const char agreement[] =
	"---\n"
	"# Utkast till n\xc3\xa4sta \xc3\xa5r\n"
	"type: agreement\n"
	"title: Trygg stad 2023-2027\n"
	"subtitle: \"Samverkans\xc3\xb6verenskommelse 2023\xe2\x80\x93" "2027\"\n"
	"period: 2023-2027\n"
	"reference: STK-2023-1\n"
	"date: 2023-07-05\n"
	"description: 'Under 2023\xe2\x80\x93" "2027 (och 2023-2027) men "
	"inte 12023-20270.'\n"
	"contacts: [Anna \xc3\x85s, Bo Berg]\n"
	"signatories:\n"
	"  - name: Anna \xc3\x85s\n"
	"    role: kommundirekt\xc3\xb6r\n"
	"    party: kommun\n"
	"    date: 2023-07-05\n"
	"    place: Malm\xc3\xb6\n"
	"  - name: Bo Berg\n"
	"    place: Lund\n"
	"    role: polisomr\xc3\xa5" "deschef\n"
	"    party: polis\n"
	"copies: 2\n"
	"review-by: 2024-02-29\n"
	"---\n"
	AGREEMENT_BODY;

/* What the agreement becomes in 2028-2032. */
static const char agreement_new[] =
	"---\n"
	"type: agreement\n"
	"title: Trygg stad 2028-2032\n"
	"subtitle: \"Samverkans\xc3\xb6verenskommelse 2028\xe2\x80\x93" "2032\"\n"
	"period: 2028-2032\n"
	"reference: STK-2023-1\n"
	"description: 'Under 2028\xe2\x80\x93" "2032 (och 2028-2032) men "
	"inte 12023-20270.'\n"
	"contacts: [Anna \xc3\x85s, Bo Berg]\n"
	"signatories:\n"
	"- name: Anna \xc3\x85s\n"
	"  role: kommundirekt\xc3\xb6r\n"
	"  party: kommun\n"
	"- name: Bo Berg\n"
	"  role: polisomr\xc3\xa5" "deschef\n"
	"  party: polis\n"
	"copies: 2\n"
	"review-by: 2029-02-28\n"
	"---\n"
	AGREEMENT_BODY;

#define PLAN_BODY \
	"## Syfte\n" \
	"\n" \
	"Se [fokus](fokus/trygg.md) och [\xc3\xa5tg\xc3\xa4rden](#ljus).\n"

/*
 * The actions of the plan with each line after the indentation I: the
 * source indents its list, libyaml does not indent a list that is the
 * value of a key.
 */
#define PLAN_ACTIONS(I) \
	I "- id: vandring\n" \
	I "  title: Vandring i centrum\n" \
	I "  focus: trygg\n" \
	I "  owners: [polis, kommun]\n" \
	I "  start: 2023-09\n" \
	I "  end: 2026-06\n" \
	I "  status: p\xc3\xa5g\xc3\xa5r\n" \
	I "- id: ljus\n" \
	I "  title: B\xc3\xa4ttre belysning\n" \
	I "  focus: trygg\n" \
	I "  owners: [kommun]\n" \
	I "  status: planerad\n"

static const char plan[] =
	"---\n"
	"type: action-plan\n"
	"title: \xc3\x85tg\xc3\xa4rdsplan\n"
	"date: 2025-09-15\n"
	"review-by: 2025-07-05\n"
	"actions:\n"
	PLAN_ACTIONS("  ")
	"---\n"
	PLAN_BODY;

static const char plan_new[] =
	"---\n"
	"type: action-plan\n"
	"title: \xc3\x85tg\xc3\xa4rdsplan\n"
	"review-by: 2030-07-05\n"
	"actions:\n"
	PLAN_ACTIONS("")
	"---\n"
	PLAN_BODY;

/* A block scalar that keeps its final line breaks: libyaml ends the
 * YAML with "..." after it, which must not reach the file. */
static const char focus[] =
	"---\n"
	"type: focus-area\n"
	"id: trygg\n"
	"title: Trygghet\n"
	"description: |+\n"
	"  Trygghet under 2023-2027.\n"
	"\n"
	"---\n"
	"Text.\n";

static const char focus_new[] =
	"---\n"
	"type: focus-area\n"
	"id: trygg\n"
	"title: Trygghet\n"
	"description: |+\n"
	"  Trygghet under 2028-2032.\n"
	"\n"
	"---\n"
	"Text.\n";

static const char memo[] =
	"---\n"
	"type: memo\n"
	"title: Beslut\n"
	"date: 2023-06-01\n"
	"---\n"
	"Se [avtalet](avtal.md).\n";

/* A series t with flow-style signatories and a large image. */
static const char flow[] =
	"---\n"
	"type: agreement\n"
	"title: Fl\xc3\xb6" "de\n"
	"signatories:\n"
	"  - {name: A, role: B, party: p, date: 2023-01-01, place: X}\n"
	"  - {date: 2023-01-02, name: C, place: Y, role: D, party: p}\n"
	"---\n"
	"![Stor bild](bilder/stor.png)\n"
	"\n"
	"Se [beslutet](beslut.md?x#y) och [planen](https://example.org/a.md).\n";

static const char flow_new_fm[] =
	"---\n"
	"type: agreement\n"
	"title: Fl\xc3\xb6" "de\n"
	"signatories:\n"
	"- {name: A, role: B, party: p}\n"
	"- {name: C, role: D, party: p}\n"
	"---\n";

/*
 * Front matter with lists and mappings as the values that are dropped,
 * and an anchor on a value that changes: made in memory, as loading
 * would refuse it.
 */
static const char nested[] =
	"---\n"
	"type: agreement\n"
	"date: {a: [1, {b: c}], d: [e, [f]]}\n"
	"title: N\n"
	"signatories:\n"
	"  - name: A\n"
	"    place: [x, {y: z}]\n"
	"    date:\n"
	"      - 1\n"
	"      - {2: 3}\n"
	"    role: R\n"
	"    party: p\n"
	"period: &p 2023-2026\n"
	"subtitle: *p\n"
	"---\n"
	"Text.\n";

static const char nested_new[] =
	"---\n"
	"type: agreement\n"
	"title: N\n"
	"signatories:\n"
	"- name: A\n"
	"  role: R\n"
	"  party: p\n"
	"period: &p 2027-2030\n"
	"subtitle: *p\n"
	"---\n"
	"Text.\n";

/* An alias to a value that is dropped: the result would not load. */
static const char dangling[] =
	"---\n"
	"type: agreement\n"
	"date: &d 2023-01-01\n"
	"title: N\n"
	"review-by: *d\n"
	"---\n"
	"Text.\n";

static char *tmp;		/* the folder the test works in */
static char *cdir;		/* the content folder in it */

/* Whether path below tmp exists.  Returns 1 or 0. */
static int
exists(const char *rel)
{
	struct stat st;
	char *path = fx_path(tmp, rel);
	int rc = stat(path, &st) == 0;

	free(path);
	return rc;
}

/* Free the n files from new_period(). */
static void
files_free(char **files, size_t n)
{
	while (n > 0)
		free(files[--n]);
	free(files);
}

/*
 * Whether d holds an error whose line, as printed, contains s.  Returns
 * 1 or 0.
 */
static int
has_error(const struct diag *d, const char *s)
{
	size_t i;
	char *line;
	int found = 0;

	for (i = 0; i < d->n && !found; i++) {
		line = diag_format(d, i);
		found = d->v[i].level == DIAG_ERROR && strstr(line, s) != NULL;
		free(line);
	}
	return found;
}

/* Check that file rel of the content folder holds want. */
static void
is_file(const char *rel, const char *want, const char *name)
{
	size_t len;
	char *got = fx_read(cdir, rel, &len);

	is_str(got, want, name);
	ok(got != NULL && len == strlen(want), "  ... and nothing more");
	free(got);
}

/* Write the content folder of the test. */
static void
make_content(void)
{
	char big[65536];
	size_t i;

	fx_write_str(cdir, "pakt.yaml", "title: Test\nlanguage: sv\n");
	fx_write_str(cdir, "s/series.yaml", "name: Serie\nparties:\n"
	    "  - {id: kommun, name: Kommunen}\n"
	    "  - {id: polis, name: Polisen}\n");
	fx_write_str(cdir, "s/2019-2022/avtal.md",
	    "---\ntype: agreement\ntitle: Gammal\n---\nText.\n");
	fx_write_str(cdir, "s/2023-2027/avtal.md", agreement);
	fx_write_str(cdir, "s/2023-2027/plan.md", plan);
	fx_write_str(cdir, "s/2023-2027/fokus/trygg.md", focus);
	fx_write_str(cdir, "s/2023-2027/memo.md", memo);
	fx_write(cdir, "s/2023-2027/bilder/karta.png", fx_png_rgba,
	    sizeof(fx_png_rgba));
	fx_write(cdir, "s/2023-2027/bilder/oanvand.png", fx_png_rgba,
	    sizeof(fx_png_rgba));

	fx_write_str(cdir, "t/series.yaml", "name: T\nparties:\n"
	    "  - {id: p, name: P}\n");
	fx_write_str(cdir, "t/2023-2026/avtal.md", flow);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	memcpy(big, fx_png_rgba, sizeof(fx_png_rgba));
	fx_write(cdir, "t/2023-2026/bilder/stor.png", big, sizeof(big));
	fx_write_str(cdir, "t/2023-2026/beslut.md", memo);

	fx_write_str(cdir, "u/series.yaml", "name: U\nparties:\n"
	    "  - {id: p, name: P}\n");
	fx_write_str(cdir, "u/2023-2026/avtal.md",
	    "---\ntype: agreement\ntitle: U\n---\nText.\n");
	fx_write_str(cdir, "u/2023-2026/memo.md",
	    "---\ntype: memo\ntitle: M\n---\nText.\n");
	fx_write_str(cdir, "v/series.yaml", "name: V\nparties:\n"
	    "  - {id: p, name: P}\n");
	fx_write_str(cdir, "v/2023-2026/memo.md",
	    "---\ntype: memo\ntitle: M\n---\nText.\n");
	fx_write_str(cdir, "w/series.yaml", "name: W\nparties:\n"
	    "  - {id: p, name: P}\n");
}

/*
 * How many files and folders there are below path (path itself not
 * counted): what a refusal may not change.  Returns the count, or 0
 * when path cannot be read.
 */
static size_t
count_tree(const char *path)
{
	struct dirent *e;
	DIR *dir;
	char *sub;
	size_t n = 0;

	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", path, e->d_name);
		n += 1 + count_tree(sub);
		free(sub);
	}
	closedir(dir);
	return n;
}

/*
 * Call new_period() for series and name where it must refuse with an
 * error containing want, and check that nothing is written.
 */
static void
refused(struct content *c, const char *series, const char *name,
    const char *want)
{
	struct diag d = DIAG_INIT;
	char **files = (char **)&files, label[256];
	size_t n = 1, before = count_tree(tmp);
	int rc;

	rc = new_period(c, cdir, series, name, &files, &n, &d);
	snprintf(label, sizeof(label), "%s %s: refused", series, name);
	ok(rc == -1 && files == NULL && n == 0, label);
	snprintf(label, sizeof(label), "%s %s: says '%s'", series, name, want);
	if (!ok(has_error(&d, want), label))
		printf("# %s\n", fx_first_diag(&d));
	snprintf(label, sizeof(label), "%s %s: writes nothing", series, name);
	ok(count_tree(tmp) == before, label);
	diag_free(&d);
}

/* The refusals, before anything is made. */
static void
test_refusals(struct content *c)
{
	char *path;

	refused(c, "x", "2028-2032", "no series 'x' (the series are: s, t, "
	    "u, v, w)");
	refused(c, "w", "2028-2032", "series 'w' has no period");
	refused(c, "s", "2028", "'2028' is not a period");
	refused(c, "s", "2028-32", "'2028-32' is not a period");
	refused(c, "s", "x028-2032", "'x028-2032' is not a period");
	refused(c, "s", "2032-2028", "period 2032-2028 ends before it starts");
	refused(c, "s", "2027-2031", "period 2027-2031 does not start after "
	    "2023-2027 ends");
	refused(c, "s", "2020-2021", "period 2020-2021 does not start after "
	    "2023-2027 ends");
	refused(c, "v", "2027-2030", "v/2023-2026 has no valid agreement, "
	    "focus area or action plan to copy");

	/* An existing folder, even an empty one, is not touched. */
	path = fx_path(cdir, "s/2030-2034");
	mkdir(path, 0755);
	refused(c, "s", "2030-2034", "s/2030-2034 already exists");
	ok(rmdir(path) == 0, "  ... and is left empty");
	free(path);
}

/* The copy of s/2023-2027 into 2028-2032, and the content after it. */
static void
test_copy(struct content *c)
{
	static const char *const want[] = {
		"s/2028-2032/avtal.md",
		"s/2028-2032/fokus/trygg.md",
		"s/2028-2032/plan.md",
		"s/2028-2032/bilder/karta.png",
	};
	struct diag d = DIAG_INIT;
	struct content c2;
	struct source *src;
	struct series *s;
	char **files, *png;
	size_t n, i, len;
	int rc;

	rc = new_period(c, cdir, "s", "2028-2032", &files, &n, &d);
	if (!ok(rc == 0 && d.errors == 0, "s 2028-2032: made"))
		printf("# %s\n", fx_first_diag(&d));
	ok(n == sizeof(want) / sizeof(want[0]), "s 2028-2032: four files");
	for (i = 0; rc == 0 && i < n && i < sizeof(want) / sizeof(want[0]);
	    i++)
		is_str(files[i], want[i], "s 2028-2032: file in order");
	if (!ok(d.n == 0, "s 2028-2032: nothing to say"))
		printf("# %s\n", fx_first_diag(&d));
	files_free(files, n);
	diag_free(&d);

	is_file("s/2028-2032/avtal.md", agreement_new, "agreement rewritten");
	is_file("s/2028-2032/plan.md", plan_new, "action plan rewritten");
	is_file("s/2028-2032/fokus/trygg.md", focus_new,
	    "focus area: block scalar kept");
	png = fx_read(cdir, "s/2028-2032/bilder/karta.png", &len);
	ok(png != NULL && len == sizeof(fx_png_rgba) &&
	    memcmp(png, fx_png_rgba, len) == 0, "image copied");
	free(png);
	ok(!exists("c/s/2028-2032/memo.md"), "memo not copied");
	ok(!exists("c/s/2028-2032/bilder/oanvand.png"),
	    "unused image not copied");
	ok(exists("c/s/2023-2027/avtal.md") && exists("c/s/2023-2027/memo.md"),
	    "old period left as it was");

	/* The new period loads without errors, with the same ids. */
	src = source_fs_open(cdir);
	rc = fx_load(&c2, src, &d);
	if (!ok(rc == 0 && d.errors == 0, "content loads after the copy"))
		printf("# %s\n", fx_first_diag(&d));
	s = rc == 0 ? &c2.series[0] : NULL;
	ok(s != NULL && s->nperiods == 3 &&
	    strcmp(s->periods[0].name, "2028-2032") == 0 &&
	    s->periods[0].ndocs == 3, "the new period is the newest");
	for (i = 0; s != NULL && i < 3; i++) {
		is_str(doc_id(s->periods[0].docs[i]),
		    doc_id(s->periods[1].docs[i]), "same document id");
		ok(s->periods[0].docs[i]->ok, "  ... and valid");
	}
	if (s != NULL) {
		const struct meta *m = &s->periods[0].docs[2]->meta;

		ok(m->nactions == 2 && strcmp(m->actions[0].id.s, "vandring") == 0
		    && strcmp(m->actions[1].id.s, "ljus") == 0 &&
		    strcmp(m->actions[1].focus.s, "trygg") == 0,
		    "action ids and focus kept");
		m = &s->periods[0].docs[0]->meta;
		ok(m->date.s == NULL && m->nsigs == 2 &&
		    m->sigs[0].date.s == NULL && m->sigs[0].place.s == NULL &&
		    m->sigs[1].place.s == NULL &&
		    strcmp(m->sigs[1].party.s, "polis") == 0 &&
		    strcmp(m->period.s, "2028-2032") == 0,
		    "loaded agreement: no dates or places, same signatories");
	}
	content_free(&c2);
	source_close(src);
	diag_free(&d);

	/* Now the folder exists. */
	refused(c, "s", "2028-2032", "s/2028-2032 already exists");
}

/*
 * A write that fails half-way through (the image is larger than the
 * file size limit) into an empty output folder: the documents written
 * before it and every folder made are removed again.  Then the copy
 * without a limit, with flow-style signatories.
 */
static void
test_rollback(struct content *c)
{
	struct diag d = DIAG_INIT;
	struct rlimit old, lim;
	struct dirent *e;
	char **files, *out, *text;
	size_t n, len, entries = 0;
	DIR *dir;
	int rc;

	out = fx_path(tmp, "out");
	if (mkdir(out, 0755) < 0)
		fx_bail("cannot make %s", out);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 16384;
	setrlimit(RLIMIT_FSIZE, &lim);
	rc = new_period(c, out, "t", "2027-2030", &files, &n, &d);
	setrlimit(RLIMIT_FSIZE, &old);
	if (!ok(rc == -1 && has_error(&d, "/out/t/2027-2030/bilder/stor.png: error: cannot write") &&
	    files == NULL, "t 2027-2030 with a size limit: fails"))
		printf("# %s\n", fx_first_diag(&d));
	if ((dir = opendir(out)) != NULL) {
		while ((e = readdir(dir)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, ".."))
				entries++;
		closedir(dir);
	}
	ok(dir != NULL && entries == 0,
	    "t 2027-2030 with a size limit: nothing is left");
	diag_free(&d);

	rc = new_period(c, out, "t", "2027-2030", &files, &n, &d);
	ok(rc == 0 && n == 2 && strcmp(files[0], "t/2027-2030/avtal.md") == 0
	    && strcmp(files[1], "t/2027-2030/bilder/stor.png") == 0,
	    "t 2027-2030: made in another folder");
	ok(d.n == 1 && d.v[0].level == DIAG_WARNING && d.v[0].line == 10 &&
	    d.v[0].col == 4 && strstr(d.v[0].msg, "the link to "
	    "'beslut.md?x#y' will not resolve in t/2027-2030:") != NULL &&
	    strstr(d.v[0].msg, "/c/t/2023-2026/beslut.md is not copied"),
	    "t 2027-2030: warns about the link to the memo");
	if (rc == 0)
		files_free(files, n);
	text = fx_read(out, "t/2027-2030/avtal.md", &len);
	if (!ok(text != NULL && strncmp(text, flow_new_fm,
	    strlen(flow_new_fm)) == 0, "flow signatories lose date and place"))
		printf("# got:\n%s", text ? text : "(nothing)\n");
	free(text);
	text = fx_read(out, "t/2027-2030/bilder/stor.png", &len);
	ok(text != NULL && len == 65536, "the large image is copied whole");
	free(text);
	diag_free(&d);
	free(out);
}

/*
 * Put text in place of what the document rel of c was loaded with, as
 * if the file had said so.
 */
static void
set_text(struct content *c, const char *rel, const char *text)
{
	struct doc *doc = fx_find_doc(c, rel);

	if (doc == NULL)
		fx_bail("no document %s", rel);
	free(doc->text);
	doc->text = xstrdup(text);
	doc->len = strlen(text);
}

/*
 * Values that are mappings and lists where pakt expects text are
 * dropped whole; an alias to a dropped value is refused, as its result
 * would not load.  Both go to the folder out below tmp.
 */
static void
test_nested(struct content *c)
{
	struct diag d = DIAG_INIT;
	char **files, *out = fx_path(tmp, "out"), *text;
	size_t n, len, before = count_tree(out);
	int rc;

	set_text(c, "u/2023-2026/avtal.md", dangling);
	rc = new_period(c, out, "u", "2027-2030", &files, &n, &d);
	ok(rc == -1 && has_error(&d, "cannot carry the document over to "
	    "u/2027-2030: u/2027-2030/avtal.md:4:12: error: YAML syntax "
	    "error: found undefined alias"), "alias to a dropped value: "
	    "refused");
	ok(count_tree(out) == before, "  ... and writes nothing");
	diag_free(&d);

	set_text(c, "u/2023-2026/avtal.md", nested);
	rc = new_period(c, out, "u", "2027-2030", &files, &n, &d);
	if (!ok(rc == 0 && n == 1 && d.n == 0, "nested values: made"))
		printf("# %s\n", fx_first_diag(&d));
	if (rc == 0)
		files_free(files, n);
	text = fx_read(out, "u/2027-2030/avtal.md", &len);
	is_str(text, nested_new, "nested values: dropped whole");
	free(text);
	diag_free(&d);
	free(out);
}

int
main(void)
{
	struct diag d = DIAG_INIT;
	struct content c;
	struct source *src;

	tmp = fx_tmpdir("newperiod");
	cdir = fx_path(tmp, "c");
	make_content();
	src = source_fs_open(cdir);
	if (fx_load(&c, src, &d) < 0)
		fx_bail("the test content does not load: %s",
		    fx_first_diag(&d));
	diag_free(&d);

	test_refusals(&c);
	test_copy(&c);
	test_rollback(&c);
	test_nested(&c);

	content_free(&c);
	source_close(src);
	if (getenv("KEEP_TMP") == NULL)
		fx_rmtree(tmp);
	free(cdir);
	free(tmp);
	return tap_done();
}
