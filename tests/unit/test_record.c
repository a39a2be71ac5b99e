/*
 * test_record.c - unit tests for signing records: SHA-256 against known
 * vectors, record_write() against its exact bytes and read back through
 * record_parse() with text that YAML would take for something else, every
 * problem record_parse() reports with its position, and records_load()
 * on an archive/ folder with good versions and every kind of stray.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "record.h"
#include "source.h"

#include "fixture.h"
#include "tap.h"

#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define COMMIT	"8d1e0c3f9a2b4c5d6e7f8091a2b3c4d5e6f70812"
#define PERIOD	"archive/malmo/2023-2027/"

/*
 * Fill the zeroed r with the sample record: version 3 of
 * malmo/2023-2027/overenskommelse.md with a title YAML would read as a
 * list item holding a mapping, signed by two, one of whom gave no place
 * and a role that looks like a number, and the PDF with an attached
 * scan.  Free r with record_free().
 */
static void
sample(struct record *r)
{
	r->document.s = xstrdup("malmo/2023-2027/overenskommelse.md");
	r->series.s = xstrdup("malmo");
	r->period.s = xstrdup("2023-2027");
	r->id.s = xstrdup("overenskommelse");
	r->title.s = xstrdup("- Malm\xc3\xb6: trygg och s\xc3\xa4ker stad");
	r->version = 3;
	r->commit.s = xstrdup(COMMIT);
	r->tag.s = xstrdup("signed/malmo/2023-2027/overenskommelse/v3");
	r->generator.s = xstrdup("pakt 0.1.0");
	r->signers = xcalloc(2, sizeof(*r->signers));
	r->nsigners = 2;
	r->signers[0].name.s = xstrdup("Andreas Norbrant");
	r->signers[0].role.s = xstrdup("stadsdirekt\xc3\xb6r");
	r->signers[0].party.s = xstrdup("malmo-stad");
	r->signers[0].party_name.s = xstrdup("Malm\xc3\xb6 stad");
	r->signers[0].date.s = xstrdup("2023-07-05");
	r->signers[0].place.s = xstrdup("yes");
	r->signers[1].name.s = xstrdup("\xc3\x85sa \xc3\x96" "berg");
	r->signers[1].role.s = xstrdup("12");
	r->signers[1].party.s = xstrdup("true");
	r->signers[1].party_name.s = xstrdup("Polisen # region Syd");
	r->signers[1].date.s = xstrdup("2023-07-06");
	r->files = xcalloc(2, sizeof(*r->files));
	r->nfiles = 2;
	r->files[0].name.s = xstrdup("overenskommelse.pdf");
	r->files[0].size = 154321;
	memcpy(r->files[0].sha256, SHA_ABC, SHA256_HEX + 1);
	r->files[1].name.s = xstrdup("underskrifter.pdf");
	r->files[1].size = 0;
	memcpy(r->files[1].sha256, SHA_EMPTY, SHA256_HEX + 1);
	r->files[1].attachment = 1;
}

/* What record_write() makes of sample(). */
static const char sample_yaml[] =
    "# Signing record written by pakt sign; archived files are never "
    "rewritten.\n"
    "document: malmo/2023-2027/overenskommelse.md\n"
    "series: malmo\n"
    "period: 2023-2027\n"
    "id: overenskommelse\n"
    "title: '- Malm\xc3\xb6: trygg och s\xc3\xa4ker stad'\n"
    "version: 3\n"
    "commit: " COMMIT "\n"
    "tag: signed/malmo/2023-2027/overenskommelse/v3\n"
    "generator: pakt 0.1.0\n"
    "signatories:\n"
    "- name: Andreas Norbrant\n"
    "  role: stadsdirekt\xc3\xb6r\n"
    "  party: malmo-stad\n"
    "  party-name: Malm\xc3\xb6 stad\n"
    "  date: 2023-07-05\n"
    "  place: yes\n"
    "- name: \xc3\x85sa \xc3\x96" "berg\n"
    "  role: 12\n"
    "  party: true\n"
    "  party-name: 'Polisen # region Syd'\n"
    "  date: 2023-07-06\n"
    "files:\n"
    "- name: overenskommelse.pdf\n"
    "  size: 154321\n"
    "  sha256: " SHA_ABC "\n"
    "- name: underskrifter.pdf\n"
    "  size: 0\n"
    "  sha256: " SHA_EMPTY "\n"
    "  attachment: true\n";

/* Whether a and b are both NULL or the same text.  Returns 1 or 0. */
static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/*
 * The first field in which a and b differ, ignoring positions and the
 * file and folder, or NULL when they hold the same.  Returns a static
 * string.
 */
static const char *
differ(const struct record *a, const struct record *b)
{
	const struct signer *s, *t;
	const struct afile *f, *g;
	size_t i;

	if (!same(a->document.s, b->document.s))
		return "document";
	if (!same(a->series.s, b->series.s) || !same(a->period.s,
	    b->period.s) || !same(a->id.s, b->id.s))
		return "series, period or id";
	if (!same(a->title.s, b->title.s))
		return "title";
	if (a->version != b->version)
		return "version";
	if (!same(a->commit.s, b->commit.s) || !same(a->tag.s, b->tag.s) ||
	    !same(a->generator.s, b->generator.s))
		return "commit, tag or generator";
	if (a->nsigners != b->nsigners || a->nfiles != b->nfiles)
		return "number of signatories or files";
	for (i = 0; i < a->nsigners; i++) {
		s = &a->signers[i];
		t = &b->signers[i];
		if (!same(s->name.s, t->name.s) || !same(s->role.s,
		    t->role.s) || !same(s->party.s, t->party.s) ||
		    !same(s->party_name.s, t->party_name.s) ||
		    !same(s->date.s, t->date.s) || !same(s->place.s,
		    t->place.s))
			return "a signatory";
	}
	for (i = 0; i < a->nfiles; i++) {
		f = &a->files[i];
		g = &b->files[i];
		if (!same(f->name.s, g->name.s) || f->size != g->size ||
		    strcmp(f->sha256, g->sha256) != 0 ||
		    f->attachment != g->attachment)
			return "a file";
	}
	return NULL;
}

static void
test_sha256(void)
{
	char hex[SHA256_HEX + 1];

	sha256_hex("", 0, hex);
	is_str(hex, SHA_EMPTY, "sha256 of nothing");
	sha256_hex("abc", 3, hex);
	is_str(hex, SHA_ABC, "sha256 of abc");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1", "sha256 of two blocks");
}

static void
test_round_trip(void)
{
	struct record r, back;
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct diag d = DIAG_INIT;
	const char *diff;

	memset(&r, 0, sizeof(r));
	memset(&back, 0, sizeof(back));
	sample(&r);
	record_write(&r, &out);
	is_str(out.ptr, sample_yaml, "record_write gives the expected text");
	record_write(&r, &again);
	ok(again.len == out.len && memcmp(again.ptr, out.ptr, out.len) == 0,
	    "a second write gives the same bytes");
	ok(record_parse(&back, "r.yaml", out.ptr, out.len, &d) == 0 &&
	    d.n == 0, "what record_write wrote parses");
	if (d.n > 0)
		printf("# %s\n", fx_first_diag(&d));
	diff = differ(&r, &back);
	ok(diff == NULL, "the record reads back the same");
	if (diff != NULL)
		printf("# differs in %s\n", diff);
	is_str(back.file, "r.yaml", "record_parse keeps the file name");
	ok(back.dir == NULL, "record_parse leaves dir unset");
	ok(back.version_pos.line == 7 && back.version_pos.col == 10,
	    "the version's position is kept");
	ok(back.nsigners == 2 && back.signers[1].place.s == NULL &&
	    back.signers[1].pos.line == 18,
	    "a signatory without place has none");
	record_free(&back);
	ok(back.file == NULL && back.signers == NULL && back.nfiles == 0,
	    "record_free leaves the record zeroed");

	/* libyaml refuses text that is not UTF-8: nothing is written. */
	free(r.title.s);
	r.title.s = xstrdup("Malm\xf6");
	buf_reset(&again);
	buf_puts(&again, "x");
	record_write(&r, &again);
	is_str(again.ptr, "x", "a record that is not UTF-8 writes nothing");
	buf_free(&again);
	buf_free(&out);
	record_free(&r);
	diag_free(&d);
}

/*
 * Texts that YAML would read as something else, or that a plain scalar
 * cannot hold: each goes through record_write() and record_parse() as a
 * title, a place and a file name and must come back the same.
 */
static const char *const tricky[] = {
	"true", "no", "~", "null", "", " ", "12", "0x1f", "1e3", "-1",
	"2023-07-05", "- a", "-", "a: b", "a:b", "a #b", "#a", "'a'", "\"a\"",
	"[a]", "{a: b}", "&a", "*a", "!a", "%a", "@a", "`a", "|", ">",
	"? a", "a ", " a", "a\tb", "rad ett\nrad tv\xc3\xa5",
	"rad ett\n\nrad tre\n", "\n", "a\\b", "\xc3\x85\xc3\x84\xc3\x96",
	"\xe2\x80\x93 tankstreck", "\x01", "...", "---",
	"ett mycket l\xc3\xa5ngt namn som inte f\xc3\xa5r brytas av "
	    "emittern fast det \xc3\xa4r mycket l\xc3\xa4ngre \xc3\xa4n "
	    "\xc3\xa5ttio tecken, och det med god marginal",
};

static void
test_tricky(void)
{
	struct record r, back;
	struct buf out = BUF_INIT;
	struct diag d = DIAG_INIT;
	size_t i, bad = 0;

	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		memset(&r, 0, sizeof(r));
		memset(&back, 0, sizeof(back));
		sample(&r);
		free(r.title.s);
		r.title.s = xstrdup(tricky[i]);
		free(r.signers[0].place.s);
		r.signers[0].place.s = xstrdup(tricky[i]);
		free(r.files[1].name.s);
		r.files[1].name.s = xasprintf("x%s", tricky[i]);
		buf_reset(&out);
		record_write(&r, &out);
		if (record_parse(&back, "r.yaml", out.ptr, out.len, &d) < 0 ||
		    differ(&r, &back) != NULL) {
			printf("# text %zu does not come back:\n%s", i,
			    out.ptr);
			if (d.n > 0)
				printf("# %s\n", fx_first_diag(&d));
			bad++;
		}
		record_free(&back);
		record_free(&r);
		diag_free(&d);
	}
	ok(bad == 0, "texts YAML reads otherwise come back the same");
	buf_free(&out);
}

/* A valid record, a line each, to be varied by the error tests. */
static const char *const base_lines[] = {
	"document: malmo/2023-2027/overenskommelse.md",		/* 1 */
	"series: malmo",
	"period: 2023-2027",
	"id: overenskommelse",
	"version: 3",						/* 5 */
	"commit: " COMMIT,
	"tag: signed/malmo/2023-2027/overenskommelse/v3",
	"signatories:",
	"- name: Andreas Norbrant",
	"  date: 2023-07-05",					/* 10 */
	"files:",
	"- name: overenskommelse.pdf",
	"  size: 154321",
	"  sha256: " SHA_ABC,
	"- name: underskrifter.pdf",				/* 15 */
	"  size: 80211",
	"  sha256: " SHA_EMPTY,
	"  attachment: true",
	NULL
};

/*
 * The base record with del lines from line (1-based) on replaced by
 * repl (NULL: by nothing; it may hold several lines).  Returns the text,
 * which the caller frees.
 */
static char *
variant(int line, int del, const char *repl)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; base_lines[i] != NULL; i++) {
		if (i + 1 == line && repl != NULL)
			buf_printf(&b, "%s\n", repl);
		if (i + 1 < line || i + 1 >= line + del)
			buf_printf(&b, "%s\n", base_lines[i]);
	}
	return buf_detach(&b);
}

static const struct bad {
	int		 line, del;	/* what variant() changes */
	const char	*repl;
	const char	*want;		/* the first message */
} bad[] = {
	{ 1, 1, NULL, "1:1: error: record.yaml has no 'document'" },
	{ 2, 1, NULL, "1:1: error: record.yaml has no 'series'" },
	{ 3, 1, NULL, "1:1: error: record.yaml has no 'period'" },
	{ 4, 1, NULL, "1:1: error: record.yaml has no 'id'" },
	{ 5, 1, NULL, "1:1: error: record.yaml has no 'version'" },
	{ 6, 1, NULL, "1:1: error: record.yaml has no 'commit'" },
	{ 7, 1, NULL, "1:1: error: record.yaml has no 'tag'" },
	{ 8, 3, NULL, "1:1: error: record.yaml has no 'signatories'" },
	{ 11, 8, NULL, "1:1: error: record.yaml has no 'files'" },
	{ 9, 1, "- role: chef", "9:3: error: signatory has no 'name'" },
	{ 10, 1, NULL, "9:3: error: signatory has no 'date'" },
	{ 12, 1, "- attachment: false",
	    "12:3: error: file entry has no 'name'" },
	{ 13, 1, NULL, "12:3: error: file entry has no 'size'" },
	{ 14, 1, NULL, "12:3: error: file entry has no 'sha256'" },
	{ 1, 1, "document: ''", "1:11: error: 'document' is empty" },
	{ 2, 1, "series: [a]", "2:9: error: 'series' must be text, found a "
	    "list" },
	{ 6, 1, "commit: 8D1E0C3F9A2B4C5D6E7F8091A2B3C4D5E6F70812",
	    "6:9: error: 'commit' must be 40 lowercase hex digits, found "
	    "'8D1E0C3F9A2B4C5D6E7F8091A2B3C4D5E6F70812'" },
	{ 6, 1, "commit: 8d1e", "6:9: error: 'commit' must be 40 lowercase "
	    "hex digits, found '8d1e'" },
	{ 14, 1, "  sha256: " SHA_ABC "0", "14:11: error: 'sha256' must be "
	    "64 lowercase hex digits, found '" SHA_ABC "0'" },
	{ 17, 1, "  sha256: xyz", "17:11: error: 'sha256' must be 64 "
	    "lowercase hex digits, found 'xyz'" },
	{ 5, 1, "version: 0", "5:10: error: 'version' must be a whole number "
	    "from 1, found '0'" },
	{ 5, 1, "version: -1", "5:10: error: 'version' must be a whole "
	    "number from 1, found '-1'" },
	{ 5, 1, "version: 3x", "5:10: error: 'version' must be a whole "
	    "number from 1, found '3x'" },
	{ 5, 1, "version: +3", "5:10: error: 'version' must be a whole "
	    "number from 1, found '+3'" },
	{ 5, 1, "version: 03", "5:10: error: 'version' must be a whole "
	    "number from 1, found '03'" },
	{ 5, 1, "version: 4294967296", "5:10: error: 'version' must be a "
	    "whole number from 1, found '4294967296'" },
	{ 13, 1, "  size: -1", "13:9: error: 'size' must be a whole number "
	    "from 0, found '-1'" },
	{ 13, 1, "  size: 9223372036854775808", "13:9: error: 'size' must "
	    "be a whole number from 0, found '9223372036854775808'" },
	{ 10, 1, "  date: 2023-02-29", "10:9: error: 'date' must be a date "
	    "written YYYY-MM-DD, found '2023-02-29'" },
	{ 10, 1, "  date: 5 juli 2023", "10:9: error: 'date' must be a date "
	    "written YYYY-MM-DD, found '5 juli 2023'" },
	{ 12, 1, "- name: pdf/overenskommelse.pdf", "12:9: error: file name "
	    "'pdf/overenskommelse.pdf' must name a file of the version "
	    "folder, without slashes" },
	{ 12, 1, "- name: ..", "12:9: error: file name '..' must name a file "
	    "of the version folder, without slashes" },
	{ 12, 1, "- name: record.yaml", "12:9: error: 'record.yaml' is the "
	    "record itself and cannot be listed" },
	{ 15, 1, "- name: overenskommelse.pdf", "15:9: error: file "
	    "'overenskommelse.pdf' is listed twice (first on line 12)" },
	{ 14, 1, "  sha265: " SHA_ABC, "14:3: error: unknown key 'sha265' in "
	    "file entry (did you mean 'sha256'?)" },
	{ 4, 0, "titel: Avtal", "4:1: error: unknown key 'titel' in "
	    "record.yaml (did you mean 'title'?)" },
	{ 10, 0, "  ort: Lund", "10:3: error: unknown key 'ort' in "
	    "signatory" },
	{ 18, 1, "  attachment: yes", "18:15: error: 'attachment' must be "
	    "true or false, found 'yes'" },
	{ 8, 3, "signatories: []", "8:14: error: 'signatories' is empty: it "
	    "needs at least one item" },
	{ 11, 8, "files: overenskommelse.pdf", "11:8: error: 'files' must be "
	    "a list" },
	{ 12, 3, "- overenskommelse.pdf", "12:3: error: file entry must be a "
	    "mapping of keys to values, found text" },
	{ 1, 18, "- document: x", "1:1: error: record.yaml must be a mapping "
	    "of keys to values, found a list" },
	{ 1, 18, NULL, "1:1: error: record.yaml is empty" },
	{ 2, 1, "series: malmo\nseries: lund", "3:1: error: key 'series' is "
	    "given twice in record.yaml (first on line 2)" },
};

static void
test_errors(void)
{
	struct diag d = DIAG_INIT;
	struct record r;
	char *text, *want, name[160];
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	text = variant(0, 0, NULL);
	ok(record_parse(&r, "r.yaml", text, strlen(text), &d) == 0 &&
	    d.n == 0, "the base record parses");
	ok(r.version == 3 && r.nsigners == 1 && r.nfiles == 2 &&
	    r.files[0].size == 154321 && r.files[1].attachment &&
	    !r.files[0].attachment && strcmp(r.files[1].sha256,
	    SHA_EMPTY) == 0 && r.signers[0].place.s == NULL &&
	    r.title.s == NULL, "its values are read");
	record_free(&r);
	free(text);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = variant(bad[i].line, bad[i].del, bad[i].repl);
		want = xasprintf("r.yaml:%s", bad[i].want);
		rc = record_parse(&r, "r.yaml", text, strlen(text), &d);
		snprintf(name, sizeof(name), "bad record %zu: %s", i,
		    bad[i].want);
		if (ok(rc == -1 && d.errors > 0, name))
			is_str(fx_first_diag(&d), want, "  and says so there");
		else
			ok(0, "  and says so there");
		record_free(&r);
		diag_free(&d);
		free(want);
		free(text);
	}

	/* What was valid is still filled in. */
	text = variant(5, 1, "version: 0");
	record_parse(&r, "r.yaml", text, strlen(text), &d);
	ok(r.version == 0 && r.nfiles == 2 && r.commit.s != NULL &&
	    d.errors == 1, "a bad version leaves the rest read");
	record_free(&r);
	diag_free(&d);
	free(text);

	rc = record_parse(&r, "r.yaml", "id: [", 5, &d);
	ok(rc == -1 && d.errors == 1 && strstr(fx_first_diag(&d),
	    "YAML syntax error") != NULL, "a YAML syntax error is reported");
	record_free(&r);
	diag_free(&d);
}

/*
 * Write the sample record, changed to series se, id and version, as
 * record.yaml of folder rel (with the trailing slash) of content folder
 * dir.
 */
static void
put_record(const char *dir, const char *rel, const char *se, const char *id,
    unsigned version)
{
	struct buf out = BUF_INIT;
	struct record r;
	char *path;

	memset(&r, 0, sizeof(r));
	sample(&r);
	free(r.series.s);
	r.series.s = xstrdup(se);
	free(r.id.s);
	r.id.s = xstrdup(id);
	r.version = version;
	record_write(&r, &out);
	path = xasprintf("%s%s", rel, RECORD_NAME);
	fx_write(dir, path, out.ptr, out.len);
	free(path);
	buf_free(&out);
	record_free(&r);
}

/* Free the n records of v and the array. */
static void
records_free(struct record *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		record_free(&v[i]);
	free(v);
}

/*
 * Whether the messages of d are, in order, the lines of want (NULL
 * ended), each after the folder tmp.  Returns 1 or 0 and says what
 * differs.
 */
static int
diags_are(const struct diag *d, const char *tmp, const char *const *want,
    const char *name)
{
	char *got, *w;
	size_t i;
	int good = 1;

	for (i = 0; i < d->n || want[i] != NULL; i++) {
		if (i >= d->n || want[i] == NULL) {
			good = 0;
			printf("# %s message %zu\n", i >= d->n ? "missing" :
			    "extra", i);
			continue;
		}
		got = diag_format(d, i);
		w = xasprintf("%s%s", tmp, want[i]);
		if (strcmp(got, w) != 0) {
			printf("#   got:  '%s'\n#   want: '%s'\n", got, w);
			good = 0;
		}
		free(w);
		free(got);
	}
	return ok(good, name);
}

/*
 * Replace the archive of content folder tmp, read through src, by the
 * one empty file rel, and check that records_load() loads nothing and
 * says want (after tmp) and nothing else.  Reports through ok().
 */
static void
load_alone(const char *tmp, struct source *src, const char *rel,
    const char *want, const char *name)
{
	const char *wants[2] = { want, NULL };
	struct diag d = DIAG_INIT;
	struct record *v = NULL;
	char *archive = xasprintf("%s/archive", tmp);
	size_t n = 99;

	fx_rmtree(archive);
	fx_write_str(tmp, rel, "");
	ok(records_load(src, &v, &n, &d) == -1 && n == 0 && v == NULL, name);
	diags_are(&d, tmp, wants, "  reported at its path");
	diag_free(&d);
	free(archive);
}

static void
test_load(void)
{
	static const char *const want[] = {
		"/" PERIOD "avtal/v1/record.yaml:3:9: error: series 'x' does "
		    "not match the folder 'malmo'",
		"/" PERIOD "avtal/v1/record.yaml:5:5: error: id 'annat' does "
		    "not match the folder 'avtal'",
		"/" PERIOD "overenskommelse/utkast: error: unexpected folder "
		    "in the archive: only version folders v1, v2, ... belong "
		    "here",
		"/" PERIOD "overenskommelse/v03: error: unexpected folder in "
		    "the archive: only version folders v1, v2, ... belong "
		    "here",
		"/" PERIOD "overenskommelse/v3: error: version folder has no "
		    "record.yaml",
		"/" PERIOD "overenskommelse/v4/record.yaml:7:10: error: "
		    "version 5 does not match the folder 'v4'",
		"/" PERIOD "overenskommelse/v5/record.yaml:1:1: error: "
		    "record.yaml is empty",
		"/archive/malmo/README: error: unexpected file in the archive: "
		    "only period folders belong here",
		NULL
	};
	char *tmp = fx_tmpdir("record"), *file;
	struct source *src;
	struct diag d = DIAG_INIT;
	struct record *v = NULL;
	size_t n = 99;

	fx_write_str(tmp, "pakt.yaml", "title: Test\n");
	if ((src = source_fs_open(tmp)) == NULL)
		fx_bail("cannot open %s", tmp);
	ok(records_load(src, &v, &n, &d) == 0 && n == 0 && v == NULL &&
	    d.n == 0, "no archive folder: no records");

	put_record(tmp, PERIOD "overenskommelse/v10/", "malmo",
	    "overenskommelse", 10);
	put_record(tmp, PERIOD "overenskommelse/v2/", "malmo",
	    "overenskommelse", 2);
	ok(records_load(src, &v, &n, &d) == 0 && d.n == 0 && n == 2,
	    "two versions load");
	if (n == 2) {
		ok(v[0].version == 2 && v[1].version == 10,
		    "v2 comes before v10");
		is_str(v[0].dir, PERIOD "overenskommelse/v2", "the folder of "
		    "a record is its content path");
		file = xasprintf("%s/" PERIOD "overenskommelse/v10/"
		    "record.yaml", tmp);
		is_str(v[1].file, file, "its file is shown below the source");
		free(file);
	}
	records_free(v, n);

	put_record(tmp, PERIOD "avtal/v1/", "x", "annat", 1);
	put_record(tmp, PERIOD "overenskommelse/v4/", "malmo",
	    "overenskommelse", 5);
	fx_write_str(tmp, PERIOD "overenskommelse/v5/record.yaml", "");
	fx_write_str(tmp, PERIOD "overenskommelse/v3/overenskommelse.pdf",
	    "%PDF");
	fx_write_str(tmp, PERIOD "overenskommelse/v03/x", "");
	fx_write_str(tmp, PERIOD "overenskommelse/utkast/x", "");
	fx_write_str(tmp, "archive/malmo/README", "Arkivet.\n");
	ok(records_load(src, &v, &n, &d) == -1 && n == 2 &&
	    v[0].version == 2 && v[1].version == 10,
	    "bad records are left out, the good ones still load");
	diags_are(&d, tmp, want, "each problem is reported at its path");
	records_free(v, n);
	diag_free(&d);

	load_alone(tmp, src, "archive", "/archive: error: archive must be a "
	    "folder", "an archive that is a file is an error");
	load_alone(tmp, src, "archive/x/y/z/readme.txt", "/archive/x/y/z/"
	    "readme.txt: error: unexpected file in the archive: only version "
	    "folders v1, v2, ... belong here", "a file among the version "
	    "folders is an error");
	load_alone(tmp, src, "archive/x/y/z/v1/.keep", "/archive/x/y/z/v1: "
	    "error: version folder has no record.yaml", "an empty version "
	    "folder is an error");

	source_close(src);
	fx_rmtree(tmp);
	free(tmp);
}

int
main(void)
{
	test_sha256();
	test_round_trip();
	test_tricky();
	test_errors();
	test_load();
	return tap_done();
}
