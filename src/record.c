/*
 * record.c - the signing record of an archived version, the states of
 * documents, and SHA-256.
 *
 * record.yaml is read with the ydoc helpers, like front matter, and
 * written with libyaml's emitter, which quotes a value only where the
 * plain form would not read back as the same text.  Every value is read
 * as text, so "true", "yes" or a date written plain come back as they
 * were written.
 */
#include "record.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "source.h"
#include "ydoc.h"

#define COMMIT_HEX	40		/* hex digits of a commit id */

static const char *const S_record_keys[] = {
	"document", "series", "period", "id", "title", "version", "commit",
	"tag", "generator", "signatories", "files", NULL
};

static const char *const S_signer_keys[] = {
	"name", "role", "party", "party-name", "date", "place", NULL
};

static const char *const S_file_keys[] = {
	"name", "size", "sha256", "attachment", NULL
};

/* What record_write() puts first: libyaml cannot emit a comment. */
static const char S_comment[] = "# Signing record written by pakt sign; "
    "archived files are never rewritten.\n";

/*
 * What belongs in each level of archive/, for messages: the series
 * folders, then the period, document and version folders.
 */
static const char *const S_level_what[] = {
	"series folders", "period folders", "document folders",
	"version folders v1, v2, ..."
};
#define LEVEL_VERSION	3	/* the level of the v<N> folders */

/* libyaml's emitter writing into a buf, and whether all went well. */
struct emit {
	yaml_emitter_t	 e;
	int		 ok;
};

/* A version folder v<N> of a document folder. */
struct vdir {
	unsigned	 n;
	const char	*name;		/* not owned */
};

/* Where records_load() is in archive/ and what it has found. */
struct walk {
	struct source	*src;
	struct diag	*d;
	struct record	*v;		/* the records loaded */
	size_t		 n;
	const char	*names[LEVEL_VERSION];	/* series, period, doc */
};

void
sha256_hex(const void *data, size_t len, char hex[SHA256_HEX + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	/* Fails only without memory, which aborts everywhere in pakt. */
	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen * 2 != SHA256_HEX)
		abort();
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0x0f];
	}
	hex[SHA256_HEX] = '\0';
}

/*
 * Whether s is a whole number of at most max written with the digits
 * 0-9 only, without a sign, spaces or leading zeros; stores it in *val.
 * Returns 1 or 0.
 */
static int
S_whole(const char *s, unsigned long long max, unsigned long long *val)
{
	unsigned long long v = 0, digit;
	const char *p;

	if (*s == '\0' || (s[0] == '0' && s[1] != '\0'))
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		digit = (unsigned long long)(*p - '0');
		if (v > (max - digit) / 10)
			return 0;
		v = v * 10 + digit;
	}
	*val = v;
	return 1;
}

/* Whether s is exactly n lowercase hex digits.  Returns 1 or 0. */
static int
S_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

/* Record in d that mapping n, called what in messages, lacks key. */
static void
S_missing(struct ydoc *y, yaml_node_t *n, const char *key, const char *what,
    struct diag *d)
{
	struct pos p = ydoc_pos(y, n);

	diag_err(d, y->file, p.line, p.col, "%s has no '%s'", what, key);
}

/*
 * Read the text value of key in mapping n (called what in messages)
 * into out, which the caller frees.  When required is set, a missing
 * or empty value is recorded in d.  Returns nothing: every problem is
 * in d, and out->s stays NULL when there is no text.
 */
static void
S_text(struct ydoc *y, yaml_node_t *n, const char *key, int required,
    const char *what, struct mstr *out, struct diag *d)
{
	if (ydoc_str(y, n, key, out, d) < 0 || !required)
		return;
	if (out->s == NULL)
		S_missing(y, n, key, what, d);
	else if (out->s[0] == '\0')
		diag_err(d, y->file, out->pos.line, out->pos.col,
		    "'%s' is empty", key);
}

/*
 * Whether the text s (NULL or empty: already reported) is a whole number
 * from min to max; stores it in *val.  Otherwise records the problem at
 * s's position.  Returns 0 when *val was set, -1 otherwise.
 */
static int
S_number(struct ydoc *y, const struct mstr *s, const char *key,
    unsigned long long min, unsigned long long max, unsigned long long *val,
    struct diag *d)
{
	if (s->s == NULL || s->s[0] == '\0')
		return -1;
	if (S_whole(s->s, max, val) && *val >= min)
		return 0;
	diag_err(d, y->file, s->pos.line, s->pos.col, "'%s' must be a whole "
	    "number from %llu, found '%s'", key, min, s->s);
	return -1;
}

/*
 * Check that the text s (NULL or empty: already reported) is n lowercase
 * hex digits; record the problem at its position otherwise.  Returns 0
 * when it is, -1 otherwise.
 */
static int
S_check_hex(struct ydoc *y, const struct mstr *s, const char *key, size_t n,
    struct diag *d)
{
	if (s->s == NULL || s->s[0] == '\0')
		return -1;
	if (S_hex(s->s, n))
		return 0;
	diag_err(d, y->file, s->pos.line, s->pos.col, "'%s' must be %zu "
	    "lowercase hex digits, found '%s'", key, n, s->s);
	return -1;
}

/*
 * The items of the list key in the record's root mapping that are
 * mappings with keys from keys (called what in messages).  The list
 * must be there and hold at least one item.  Returns an array of *count
 * nodes owned by y, which the caller frees, or NULL (with *count 0)
 * after recording why there are none; other problems go to d too.
 */
static yaml_node_t **
S_maps(struct ydoc *y, yaml_node_t *root, const char *key,
    const char *const *keys, const char *what, size_t *count,
    struct diag *d)
{
	yaml_node_t *v = ydoc_get(y, root, key), **maps, *n;
	yaml_node_item_t *it;
	struct pos p;

	*count = 0;
	if (v == NULL) {
		S_missing(y, root, key, RECORD_NAME, d);
		return NULL;
	}
	p = ydoc_pos(y, v);
	if (v->type != YAML_SEQUENCE_NODE) {
		diag_err(d, y->file, p.line, p.col, "'%s' must be a list", key);
		return NULL;
	}
	if (v->data.sequence.items.top == v->data.sequence.items.start) {
		diag_err(d, y->file, p.line, p.col, "'%s' is empty: it needs "
		    "at least one item", key);
		return NULL;
	}
	maps = xcalloc((size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start), sizeof(*maps));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		n = ydoc_node(y, *it);
		if (ydoc_check_map(y, n, keys, what, d) == 0)
			maps[(*count)++] = n;
	}
	return maps;
}

/* Read the signatories of root into r; every problem goes to d. */
static void
S_parse_signers(struct record *r, struct ydoc *y, yaml_node_t *root,
    struct diag *d)
{
	yaml_node_t **maps, *n;
	struct signer *s;
	size_t i, count;

	maps = S_maps(y, root, "signatories", S_signer_keys, "signatory",
	    &count, d);
	if (count > 0)
		r->signers = xcalloc(count, sizeof(*r->signers));
	for (i = 0; i < count; i++) {
		n = maps[i];
		s = &r->signers[r->nsigners++];
		s->pos = ydoc_pos(y, n);
		S_text(y, n, "name", 1, "signatory", &s->name, d);
		S_text(y, n, "role", 0, "signatory", &s->role, d);
		S_text(y, n, "party", 0, "signatory", &s->party, d);
		S_text(y, n, "party-name", 0, "signatory", &s->party_name, d);
		S_text(y, n, "date", 1, "signatory", &s->date, d);
		S_text(y, n, "place", 0, "signatory", &s->place, d);
		if (s->date.s != NULL && s->date.s[0] != '\0' &&
		    !is_date(s->date.s, 0))
			diag_err(d, y->file, s->date.pos.line, s->date.pos.col,
			    "'date' must be a date written YYYY-MM-DD, found "
			    "'%s'", s->date.s);
	}
	free(maps);
}

/*
 * Check the name of f, the last file read into r: a file name of the
 * version folder other than the record, given once.  Problems go to d.
 */
static void
S_check_file_name(const struct record *r, struct ydoc *y,
    const struct afile *f, struct diag *d)
{
	const char *s = f->name.s;
	const struct afile *g;

	if (s == NULL || s[0] == '\0')
		return;
	if (strchr(s, '/') != NULL || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0) {
		diag_err(d, y->file, f->name.pos.line, f->name.pos.col,
		    "file name '%s' must name a file of the version folder, "
		    "without slashes", s);
		return;
	}
	if (strcmp(s, RECORD_NAME) == 0) {
		diag_err(d, y->file, f->name.pos.line, f->name.pos.col,
		    "'%s' is the record itself and cannot be listed", s);
		return;
	}
	for (g = r->files; g < f; g++)
		if (g->name.s != NULL && strcmp(g->name.s, s) == 0) {
			diag_err(d, y->file, f->name.pos.line,
			    f->name.pos.col, "file '%s' is listed twice "
			    "(first on line %u)", s, g->name.pos.line);
			return;
		}
}

/* Read the files of root into r; every problem goes to d. */
static void
S_parse_files(struct record *r, struct ydoc *y, yaml_node_t *root,
    struct diag *d)
{
	yaml_node_t **maps, *n;
	struct afile *f;
	struct mstr size, sha, att;
	unsigned long long v;
	size_t i, count;

	maps = S_maps(y, root, "files", S_file_keys, "file entry", &count,
	    d);
	if (count > 0)
		r->files = xcalloc(count, sizeof(*r->files));
	memset(&size, 0, sizeof(size));
	memset(&sha, 0, sizeof(sha));
	memset(&att, 0, sizeof(att));
	for (i = 0; i < count; i++) {
		n = maps[i];
		f = &r->files[r->nfiles++];
		f->pos = ydoc_pos(y, n);
		S_text(y, n, "name", 1, "file entry", &f->name, d);
		S_text(y, n, "size", 1, "file entry", &size, d);
		S_text(y, n, "sha256", 1, "file entry", &sha, d);
		S_text(y, n, "attachment", 0, "file entry", &att, d);
		S_check_file_name(r, y, f, d);
		if (S_number(y, &size, "size", 0, LLONG_MAX, &v, d) == 0)
			f->size = (long long)v;
		if (S_check_hex(y, &sha, "sha256", SHA256_HEX, d) == 0)
			memcpy(f->sha256, sha.s, SHA256_HEX + 1);
		if (att.s != NULL && strcmp(att.s, "true") == 0)
			f->attachment = 1;
		else if (att.s != NULL && strcmp(att.s, "false") != 0)
			diag_err(d, y->file, att.pos.line, att.pos.col,
			    "'attachment' must be true or false, found '%s'",
			    att.s);
		mstr_free(&size);
		mstr_free(&sha);
		mstr_free(&att);
	}
	free(maps);
}

const char *
state_name(enum doc_state s)
{
	switch (s) {
	case STATE_DRAFT:
		return "draft";
	case STATE_SIGNED:
		return "signed";
	case STATE_SUPERSEDED:
		return "superseded";
	case STATE_EXPIRED:
		return "expired";
	default:
		return NULL;
	}
}

const char *
record_date(const struct record *r)
{
	const char *latest = "";
	size_t i;

	for (i = 0; i < r->nsigners; i++)
		if (r->signers[i].date.s != NULL &&
		    strcmp(r->signers[i].date.s, latest) > 0)
			latest = r->signers[i].date.s;
	return latest;
}

int
record_parse(struct record *r, const char *file, const char *text,
    size_t len, struct diag *d)
{
	size_t before = d->errors;
	struct mstr version;
	unsigned long long v;
	yaml_node_t *root;
	struct ydoc y;

	memset(&version, 0, sizeof(version));
	r->file = xstrdup(file);
	if (ydoc_load(&y, r->file, text, len, 0, d) < 0)
		goto out;
	if ((root = ydoc_root(&y)) == NULL) {
		diag_err(d, r->file, 1, 1, "%s is empty", RECORD_NAME);
		goto out;
	}
	if (ydoc_check_map(&y, root, S_record_keys, RECORD_NAME, d) < 0)
		goto out;
	S_text(&y, root, "document", 1, RECORD_NAME, &r->document, d);
	S_text(&y, root, "series", 1, RECORD_NAME, &r->series, d);
	S_text(&y, root, "period", 1, RECORD_NAME, &r->period, d);
	S_text(&y, root, "id", 1, RECORD_NAME, &r->id, d);
	S_text(&y, root, "title", 0, RECORD_NAME, &r->title, d);
	S_text(&y, root, "version", 1, RECORD_NAME, &version, d);
	S_text(&y, root, "commit", 1, RECORD_NAME, &r->commit, d);
	S_text(&y, root, "tag", 1, RECORD_NAME, &r->tag, d);
	S_text(&y, root, "generator", 0, RECORD_NAME, &r->generator, d);
	r->version_pos = version.pos;
	if (S_number(&y, &version, "version", 1, UINT_MAX, &v, d) == 0)
		r->version = (unsigned)v;
	S_check_hex(&y, &r->commit, "commit", COMMIT_HEX, d);
	S_parse_signers(r, &y, root, d);
	S_parse_files(r, &y, root, d);
out:
	mstr_free(&version);
	ydoc_free(&y);
	return d->errors == before ? 0 : -1;
}

/* libyaml write handler: append the size bytes at buffer to the buf. */
static int
S_write(void *data, unsigned char *buffer, size_t size)
{
	buf_put(data, buffer, size);
	return 1;
}

/*
 * Emit ev, which an initializer made when made is set, unless an
 * earlier event failed.  Returns nothing; em->ok says whether all went
 * well.  The event is freed either way.
 */
static void
S_emit(struct emit *em, yaml_event_t *ev, int made)
{
	if (!made)
		em->ok = 0;
	else if (!em->ok)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&em->e, ev))
		em->ok = 0;
}

/* Emit the text s as a scalar in the style libyaml finds right. */
static void
S_scalar(struct emit *em, const char *s)
{
	yaml_event_t ev;
	size_t len = strlen(s);

	if (len > INT_MAX) {
		em->ok = 0;
		return;
	}
	S_emit(em, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (const yaml_char_t *)s, (int)len, 1, 1, YAML_ANY_SCALAR_STYLE));
}

/* Emit the pair key: value, or nothing when value is NULL. */
static void
S_pair(struct emit *em, const char *key, const char *value)
{
	if (value == NULL)
		return;
	S_scalar(em, key);
	S_scalar(em, value);
}

/* Emit the pair key: n with n a plain number. */
static void
S_pair_num(struct emit *em, const char *key, unsigned long long n)
{
	char num[32];

	snprintf(num, sizeof(num), "%llu", n);
	S_pair(em, key, num);
}

/* Start a block mapping (seq: a block sequence). */
static void
S_open(struct emit *em, int seq)
{
	yaml_event_t ev;

	if (seq)
		S_emit(em, &ev, yaml_sequence_start_event_initialize(&ev,
		    NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
	else
		S_emit(em, &ev, yaml_mapping_start_event_initialize(&ev,
		    NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

/* End the block mapping (seq: block sequence) S_open() started. */
static void
S_close(struct emit *em, int seq)
{
	yaml_event_t ev;

	if (seq)
		S_emit(em, &ev, yaml_sequence_end_event_initialize(&ev));
	else
		S_emit(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

/* Emit the whole record r as one YAML stream. */
static void
S_emit_record(struct emit *em, const struct record *r)
{
	const struct signer *s;
	const struct afile *f;
	yaml_event_t ev;

	S_emit(em, &ev, yaml_stream_start_event_initialize(&ev,
	    YAML_UTF8_ENCODING));
	S_emit(em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL,
	    NULL, 1));
	S_open(em, 0);
	S_pair(em, "document", r->document.s);
	S_pair(em, "series", r->series.s);
	S_pair(em, "period", r->period.s);
	S_pair(em, "id", r->id.s);
	S_pair(em, "title", r->title.s);
	S_pair_num(em, "version", r->version);
	S_pair(em, "commit", r->commit.s);
	S_pair(em, "tag", r->tag.s);
	S_pair(em, "generator", r->generator.s);
	S_scalar(em, "signatories");
	S_open(em, 1);
	for (s = r->signers; s < r->signers + r->nsigners; s++) {
		S_open(em, 0);
		S_pair(em, "name", s->name.s);
		S_pair(em, "role", s->role.s);
		S_pair(em, "party", s->party.s);
		S_pair(em, "party-name", s->party_name.s);
		S_pair(em, "date", s->date.s);
		S_pair(em, "place", s->place.s);
		S_close(em, 0);
	}
	S_close(em, 1);
	S_scalar(em, "files");
	S_open(em, 1);
	for (f = r->files; f < r->files + r->nfiles; f++) {
		S_open(em, 0);
		S_pair(em, "name", f->name.s);
		S_pair_num(em, "size", f->size < 0 ? 0 :
		    (unsigned long long)f->size);
		S_pair(em, "sha256", f->sha256);
		S_pair(em, "attachment", f->attachment ? "true" : NULL);
		S_close(em, 0);
	}
	S_close(em, 1);
	S_close(em, 0);
	S_emit(em, &ev, yaml_document_end_event_initialize(&ev, 1));
	S_emit(em, &ev, yaml_stream_end_event_initialize(&ev));
}

/*
 * Nothing is appended when libyaml fails, which it does only without
 * memory or on text that is not UTF-8.
 */
int
record_write(const struct record *r, struct buf *out)
{
	size_t start = out->len;
	struct emit em;

	memset(&em, 0, sizeof(em));
	if (!yaml_emitter_initialize(&em.e))
		return -1;
	em.ok = 1;
	yaml_emitter_set_output(&em.e, S_write, out);
	yaml_emitter_set_unicode(&em.e, 1);
	yaml_emitter_set_width(&em.e, -1);
	buf_puts(out, S_comment);
	S_emit_record(&em, r);
	yaml_emitter_delete(&em.e);
	if (!em.ok) {
		out->len = start;
		out->ptr[start] = '\0';
	}
	return em.ok ? 0 : -1;
}

/* Free the text of signer s. */
static void
S_signer_free(struct signer *s)
{
	mstr_free(&s->name);
	mstr_free(&s->role);
	mstr_free(&s->party);
	mstr_free(&s->party_name);
	mstr_free(&s->date);
	mstr_free(&s->place);
}

void
record_free(struct record *r)
{
	size_t i;

	free(r->dir);
	free(r->file);
	mstr_free(&r->document);
	mstr_free(&r->series);
	mstr_free(&r->period);
	mstr_free(&r->id);
	mstr_free(&r->title);
	mstr_free(&r->commit);
	mstr_free(&r->tag);
	mstr_free(&r->generator);
	for (i = 0; i < r->nsigners; i++)
		S_signer_free(&r->signers[i]);
	free(r->signers);
	for (i = 0; i < r->nfiles; i++)
		mstr_free(&r->files[i].name);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

/*
 * Check that field (called key; NULL: already reported) of record r
 * equals the name of its folder.  Returns 0 when it does, -1 after
 * recording the difference.
 */
static int
S_match(const struct record *r, const struct mstr *field, const char *key,
    const char *folder, struct diag *d)
{
	if (field->s == NULL || strcmp(field->s, folder) == 0)
		return 0;
	diag_err(d, r->file, field->pos.line, field->pos.col,
	    "%s '%s' does not match the folder '%s'", key, field->s, folder);
	return -1;
}

/*
 * Load the record of version folder dir (content path), numbered
 * version, into w when it is valid and agrees with its folders.
 * Problems go to w->d.
 */
static void
S_load_version(struct walk *w, const char *dir, unsigned version)
{
	char *rel, *path, *text = NULL;
	struct record r;
	size_t len;
	int bad;

	memset(&r, 0, sizeof(r));
	rel = xasprintf("%s/%s", dir, RECORD_NAME);
	path = source_path(w->src, rel);
	if (source_kind(w->src, rel) != 1) {
		free(path);
		path = source_path(w->src, dir);
		diag_err(w->d, path, 0, 0, "version folder has no %s",
		    RECORD_NAME);
		goto out;
	}
	if (source_read(w->src, rel, &text, &len) < 0) {
		diag_err(w->d, path, 0, 0, "cannot read the file");
		goto out;
	}
	bad = record_parse(&r, path, text, len, w->d) < 0;
	bad |= S_match(&r, &r.series, "series", w->names[0], w->d) < 0;
	bad |= S_match(&r, &r.period, "period", w->names[1], w->d) < 0;
	bad |= S_match(&r, &r.id, "id", w->names[2], w->d) < 0;
	if (r.version != 0 && r.version != version) {
		diag_err(w->d, r.file, r.version_pos.line, r.version_pos.col,
		    "version %u does not match the folder 'v%u'", r.version,
		    version);
		bad = 1;
	}
	if (bad)
		goto out;
	r.dir = xstrdup(dir);
	w->v = xrealloc(w->v, (w->n + 1) * sizeof(*w->v));
	w->v[w->n++] = r;
	memset(&r, 0, sizeof(r));
out:
	record_free(&r);
	free(text);
	free(path);
	free(rel);
}

/* Order version folders by number. */
static int
S_vdir_cmp(const void *a, const void *b)
{
	const struct vdir *x = a, *y = b;

	return x->n < y->n ? -1 : x->n > y->n;
}

/*
 * Walk folder rel of archive/, which is at level (0: archive/ itself,
 * LEVEL_VERSION: a document folder holding v<N> folders), loading the
 * records below it into w.  Problems go to w->d.
 */
static void
S_walk(struct walk *w, const char *rel, int level)
{
	struct source_entry *v;
	struct vdir *vd;
	unsigned long long num;
	size_t n, i, nvd = 0;
	char *child, *path;

	if (source_list(w->src, rel, &v, &n) < 0) {
		path = source_path(w->src, rel);
		diag_err(w->d, path, 0, 0, "cannot read the folder");
		free(path);
		return;
	}
	vd = xcalloc(n + 1, sizeof(*vd));
	for (i = 0; i < n; i++) {
		child = xasprintf("%s/%s", rel, v[i].name);
		if (v[i].is_dir && level < LEVEL_VERSION) {
			w->names[level] = v[i].name;
			S_walk(w, child, level + 1);
		} else if (v[i].is_dir && v[i].name[0] == 'v' &&
		    S_whole(v[i].name + 1, UINT_MAX, &num) && num >= 1) {
			vd[nvd].n = (unsigned)num;
			vd[nvd++].name = v[i].name;
		} else {
			path = source_path(w->src, child);
			diag_err(w->d, path, 0, 0, "unexpected %s in the "
			    "archive: only %s belong here",
			    v[i].is_dir ? "folder" : "file",
			    S_level_what[level]);
			free(path);
		}
		free(child);
	}
	qsort(vd, nvd, sizeof(*vd), S_vdir_cmp);
	for (i = 0; i < nvd; i++) {
		child = xasprintf("%s/%s", rel, vd[i].name);
		S_load_version(w, child, vd[i].n);
		free(child);
	}
	free(vd);
	source_entries_free(v, n);
}

int
records_load(struct source *src, struct record **v, size_t *n,
    struct diag *d)
{
	size_t before = d->errors;
	struct walk w;
	char *path;

	memset(&w, 0, sizeof(w));
	w.src = src;
	w.d = d;
	switch (source_kind(src, ARCHIVE_DIR)) {
	case 0:
		break;
	case 2:
		S_walk(&w, ARCHIVE_DIR, 0);
		break;
	default:
		path = source_path(src, ARCHIVE_DIR);
		diag_err(d, path, 0, 0, "%s must be a folder", ARCHIVE_DIR);
		free(path);
		break;
	}
	*v = w.v;
	*n = w.n;
	return d->errors == before ? 0 : -1;
}
