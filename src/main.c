/*
 * main.c - the pakt command line.
 *
 * Only this file prints and exits; everything else records problems in
 * a struct diag and returns.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "history.h"
#include "labels.h"
#include "newperiod.h"
#include "output.h"
#include "render_html.h"
#include "sign.h"
#include "site.h"
#include "source.h"
#include "state.h"
#include "verify.h"

#define EXIT_CONTENT	1	/* the content has errors */
#define EXIT_USAGE	2	/* the command line is wrong */

static const char S_usage[] =
"usage: pakt build [DIR] [-o OUT] [-f html,pdf,odt] [--rev REV]\n"
"                  [--all-versions] [-j N] [-q | -v]\n"
"       pakt check [DIR] [--rev REV]\n"
"       pakt status [DIR] [--rev REV] [--json]\n"
"       pakt log DOC [--rev REV]\n"
"       pakt sign DOC --signatory NAME --date YYYY-MM-DD [--place PLACE]\n"
"                 [--signatory ...] [--attach FILE]\n"
"       pakt verify [DIR]\n"
"       pakt new-period SERIES PERIOD [DIR]\n"
"       pakt --help | --version\n";

static const char S_help[] =
"pakt compiles cooperation agreements written in Markdown into a website\n"
"with a PDF and an ODT of every document.\n"
"\n"
"Commands:\n"
"  build [DIR]    compile the content folder DIR into a website; only\n"
"                 documents whose inputs changed since the last build\n"
"                 into the same folder are rendered again\n"
"  check [DIR]    check DIR without writing anything: front matter, ids,\n"
"                 parties, focus areas, links between documents, images,\n"
"                 raw HTML, and review-by dates that have passed\n"
"  status [DIR]   every document with its type, period, version, state\n"
"                 (draft, signed, superseded, expired), signed version,\n"
"                 last change and review-by date\n"
"  log DOC        the versions of document DOC (a .md file) with date,\n"
"                 author and commit message\n"
"  sign DOC       archive the committed version of DOC as signed: give\n"
"                 --signatory, --date and --place for each signatory;\n"
"                 writes archive/<series>/<period>/<id>/v<N>/ (PDF, ODT,\n"
"                 HTML, source, attachment, record.yaml), commits it and\n"
"                 tags the signed commit signed/<series>/<period>/<id>/v<N>\n"
"  verify [DIR]   check the archive: every file against its SHA-256, each\n"
"                 tag, a rebuild from the signed commit byte for byte,\n"
"                 and that git history never changed an archived file\n"
"  new-period SERIES PERIOD [DIR]\n"
"                 start PERIOD (like 2028-2032) of SERIES with drafts of\n"
"                 the newest period's agreement, focus areas and action\n"
"                 plan\n"
"\n"
"DIR is the content folder (it holds pakt.yaml).  Without DIR, pakt uses\n"
"the current folder if it holds pakt.yaml, else ./content.  When DIR is\n"
"in a git repository, a document's version is the number of commits that\n"
"changed it; an uncommitted change is the next version, marked so.\n"
"\n"
"Options:\n"
"  -o, --output OUT   where build writes the site (default build/site)\n"
"  -f, --format LIST  formats to build, comma-separated: html, pdf, odt\n"
"                     (default html,pdf,odt; the HTML pages are always\n"
"                     built)\n"
"  -r, --rev REV      read the content as it is in git revision REV (a\n"
"                     tag, branch or commit) instead of the working tree\n"
"  -a, --all-versions also write every earlier version of each document\n"
"                     to <doc>/v<N>/ and link them from its page\n"
"  -j, --jobs N       render N documents at once (default: the number of\n"
"                     processors)\n"
"      --json         status: print JSON instead of a table\n"
"      --signatory NAME  sign: who signed (as in the front matter)\n"
"      --date DATE    sign: the day the signatory before it signed\n"
"      --place PLACE  sign: where the signatory before it signed\n"
"      --attach FILE  sign: archive FILE too (the scanned or e-signed\n"
"                     copy)\n"
"  -q, --quiet        print only problems\n"
"  -v, --verbose      build: name every document rendered or unchanged\n"
"  -h, --help         show this help\n"
"  -V, --version      show the version\n"
"\n"
"Problems are printed as FILE:LINE:COL: error: MESSAGE.  A document with\n"
"an error is not built, the others are; earlier output is never left\n"
"half-written.\n"
"\n"
"Exit status: 0 on success, 1 when the content has errors, 2 on a wrong\n"
"command line.\n";

struct opts {
	const char	*dir;
	const char	*out;
	const char	*rev;		/* --rev, or NULL */
	int		 quiet;
	int		 verbose;
	int		 pdf;		/* --format has pdf */
	int		 odt;		/* --format has odt */
	int		 all_versions;
	int		 jobs;
	int		 json;
	struct sign_party *parties;	/* sign: --signatory ... */
	size_t		 nparties;
	const char	*attach;	/* sign: --attach */
};

/* A loaded content folder and where it came from. */
struct loaded {
	struct repo	*repo;		/* NULL: in no repository */
	struct source	*src;
	struct content	 c;
	char		 id[HIST_ID_LEN + 1];	/* commit built, or "" */
};

/* The content folder to use when none is named. */
static const char *
S_default_dir(void)
{
	FILE *f = fopen("pakt.yaml", "r");

	if (f != NULL) {
		fclose(f);
		return ".";
	}
	return "content";
}

/* Today as YYYY-MM-DD, from SOURCE_DATE_EPOCH when set. */
static void
S_today(char *dst, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e != NULL && *e != '\0' ? (time_t)strtoll(e, NULL, 10) :
	    time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(dst, size, "%Y-%m-%d", &tm);
}

/*
 * Whether path out is the folder dir or inside it, following symbolic
 * links; out need not exist yet.  Returns 1 or 0.
 */
static int
S_inside(const char *out, const char *dir)
{
	char rdir[PATH_MAX], rout[PATH_MAX], *probe, *slash;
	size_t n;
	int in = 0;

	if (realpath(dir, rdir) == NULL)
		return 0;
	probe = xstrdup(out);
	/* Resolve the longest part of out that exists. */
	while (realpath(probe, rout) == NULL) {
		slash = strrchr(probe, '/');
		if (slash == NULL || slash == probe) {
			if (realpath(slash == probe ? "/" : ".", rout) == NULL)
				goto out;
			break;
		}
		*slash = '\0';
	}
	n = strlen(rdir);
	in = strncmp(rout, rdir, n) == 0 &&
	    (rout[n] == '\0' || rout[n] == '/' || strcmp(rdir, "/") == 0);
out:
	free(probe);
	return in;
}

/*
 * Read the list of formats into o.  Returns 0, or -1 after saying which
 * one pakt cannot write.
 */
static int
S_formats(const char *list, struct opts *o)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	int rc = 0;

	o->pdf = o->odt = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "html") == 0)
			continue;
		if (strcmp(tok, "pdf") == 0)
			o->pdf = 1;
		else if (strcmp(tok, "odt") == 0)
			o->odt = 1;
		else {
			fprintf(stderr, "pakt: error: unknown format '%s' "
			    "(use html, pdf or odt)\n", tok);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/*
 * Load DIR (as of --rev when given) with the history and state of every
 * document;
 * on failure print why.  Returns 0 or an exit status; free l with
 * S_unload() in either case.
 */
static int
S_load(const struct opts *o, struct loaded *l, struct diag *d)
{
	char today[16];
	int rc;

	memset(l, 0, sizeof(*l));
	if ((l->src = source_fs_open(o->dir)) == NULL) {
		fprintf(stderr, "pakt: error: %s: not a folder\n", o->dir);
		return EXIT_CONTENT;
	}
	if ((rc = repo_open(&l->repo, o->dir, d)) < 0)
		goto fail;
	if (o->rev != NULL) {
		if (l->repo == NULL) {
			fprintf(stderr, "pakt: error: --rev needs a git "
			    "repository, and %s is in none\n", o->dir);
			return EXIT_CONTENT;
		}
		if (repo_resolve(l->repo, o->rev, l->id, d) != 0)
			goto fail;
		source_close(l->src);
		if ((l->src = source_git_open(l->repo, l->id, o->rev, d)) ==
		    NULL)
			goto fail;
	} else if (l->repo != NULL &&
	    repo_resolve(l->repo, "HEAD", l->id, d) < 0)
		goto fail;
	S_today(today, sizeof(today));
	if (content_load(&l->c, l->src, d) < 0 ||
	    state_history(&l->c, l->repo, l->id, d) < 0)
		goto fail;
	state_load(&l->c, today, d);
	return 0;
fail:
	diag_print(d, stderr);
	return EXIT_CONTENT;
}

static void
S_unload(struct loaded *l)
{
	content_free(&l->c);
	source_close(l->src);
	repo_close(l->repo);
}

static int
S_check(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	struct loaded l;
	char today[16];
	size_t warnings;
	int rc;

	if ((rc = S_load(o, &l, &d)) == 0) {
		S_today(today, sizeof(today));
		content_lint(&l.c, today, &d);
		diag_print(&d, stderr);
		warnings = d.n - d.errors;
		if (!o->quiet || d.errors > 0)
			fprintf(stderr, "pakt: %zu documents checked: %zu "
			    "error%s, %zu warning%s\n", l.c.ndocs,
			    d.errors,
			    d.errors == 1 ? "" : "s", warnings,
			    warnings == 1 ? "" : "s");
		rc = d.errors ? EXIT_CONTENT : 0;
	}
	S_unload(&l);
	diag_free(&d);
	return rc;
}

/* Progress on a terminal: documents done of total, on one line. */
static void
S_progress(void *arg, size_t done, size_t total)
{
	(void)arg;
	fprintf(stderr, "\rpakt: rendering %zu/%zu", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* -v: one line for every unit of output. */
static void
S_note(void *arg, const char *what, const char *unit)
{
	(void)arg;
	printf("pakt: %s %s\n", what, unit);
}

static int
S_build(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	struct site_stats st;
	struct site_opts so;
	struct outdir out;
	struct loaded l;
	char today[16];
	int rc, n;

	if ((rc = S_load(o, &l, &d)) != 0)
		goto out;
	memset(&so, 0, sizeof(so));
	so.pdf = o->pdf;
	so.odt = o->odt;
	so.all_versions = o->all_versions;
	so.repo = l.repo;
	so.jobs = o->jobs;
	S_today(today, sizeof(today));
	so.today = today;
	if (o->verbose)
		so.note = S_note;
	else if (!o->quiet && isatty(STDERR_FILENO))
		so.progress = S_progress;
	outdir_init(&out, o->out);
	n = site_build(&l.c, &out, &so, &st, &d);
	if (n >= 0 && outdir_finish(&out, &d) < 0)
		n = -1;
	outdir_free(&out);
	diag_print(&d, stderr);
	if (n < 0 || d.errors > 0) {
		fprintf(stderr, "pakt: %zu error%s; wrote %d of %zu documents "
		    "to %s\n", d.errors, d.errors == 1 ? "" : "s",
		    n < 0 ? 0 : n, l.c.ndocs,
		    o->out);
		rc = EXIT_CONTENT;
	} else if (!o->quiet && st.rendered == 0 && st.pages == 0)
		printf("pakt: nothing to render; %zu documents in %s are up "
		    "to date\n", st.docs, o->out);
	else if (!o->quiet)
		printf("pakt: wrote %d documents to %s (%zu rendered, %zu "
		    "unchanged)\n", n, o->out, st.rendered, st.unchanged);
out:
	S_unload(&l);
	diag_free(&d);
	return rc;
}

/* Print s as a JSON string (NULL as null). */
static void
S_json_str(const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* The signed version of doc for status ("3, 2024-05-02"), or "-". */
static void
S_signed(const struct doc *doc, char *dst, size_t size)
{
	const struct record *rec = doc->signed_rec;

	if (rec == NULL)
		snprintf(dst, size, "-");
	else
		snprintf(dst, size, "%u, %s", rec->version, record_date(rec));
}

static int
S_status(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	const struct rev *r;
	struct loaded l;
	struct doc *doc;
	char date[11], today[16], ver[32], sg[48];
	const char *rb, *state;
	size_t i, w = 8;
	int rc, overdue;

	if ((rc = S_load(o, &l, &d)) != 0)
		goto out;
	S_today(today, sizeof(today));
	for (i = 0; i < l.c.ndocs; i++)
		if (strlen(l.c.docs[i]->rel) > w)
			w = strlen(l.c.docs[i]->rel);
	if (o->json)
		fputs("[", stdout);
	else
		printf("%-*s  %-11s  %-9s  %-7s  %-10s  %-14s  %-10s  %s\n",
		    (int)w, "DOCUMENT", "TYPE", "PERIOD", "VERSION", "STATE",
		    "SIGNED", "CHANGED", "REVIEW-BY");
	for (i = 0; i < l.c.ndocs; i++) {
		doc = l.c.docs[i];
		r = &doc->hist.revs[0];
		rev_date(r, date);
		rb = doc_has_meta(doc) ? doc->meta.review_by.s : NULL;
		overdue = rb != NULL && strcmp(rb, today) < 0;
		snprintf(ver, sizeof(ver), "%u%s", r->version,
		    doc->hist.uncommitted ? "*" : "");
		state = state_name(doc->state);
		S_signed(doc, sg, sizeof(sg));
		if (!o->json) {
			printf("%-*s  %-11s  %-9s  %-7s  %-10s  %-14s  %-10s  "
			    "%s%s\n", (int)w, doc->rel, doc_has_meta(doc) ?
			    doc_type_name(doc->meta.type) : "?",
			    doc->period->name, ver,
			    !doc_has_meta(doc) ? "error" : state ? state : "-",
			    sg, date, rb != NULL ? rb : "-",
			    overdue ? " (overdue)" : "");
			continue;
		}
		printf("%s\n  {\"document\": ", i ? "," : "");
		S_json_str(doc->rel);
		fputs(", \"title\": ", stdout);
		S_json_str(doc_has_meta(doc) ? doc->meta.title.s : NULL);
		fputs(", \"type\": ", stdout);
		S_json_str(doc_has_meta(doc) ? doc_type_name(doc->meta.type) :
		    NULL);
		fputs(", \"series\": ", stdout);
		S_json_str(doc->series->id);
		fputs(", \"period\": ", stdout);
		S_json_str(doc->period->name);
		printf(", \"version\": %u, \"uncommitted\": %s, "
		    "\"commit\": ", r->version,
		    doc->hist.uncommitted ? "true" : "false");
		S_json_str(*r->id ? r->id : NULL);
		fputs(", \"state\": ", stdout);
		S_json_str(state);
		if (doc->signed_rec != NULL) {
			printf(", \"signed_version\": %u, \"signed_date\": ",
			    doc->signed_rec->version);
			S_json_str(record_date(doc->signed_rec));
			fputs(", \"archive\": ", stdout);
			S_json_str(doc->signed_rec->dir);
		} else
			fputs(", \"signed_version\": null, \"signed_date\": "
			    "null, \"archive\": null", stdout);
		fputs(", \"last_change\": ", stdout);
		S_json_str(date);
		fputs(", \"review_by\": ", stdout);
		S_json_str(rb);
		printf(", \"overdue\": %s, \"valid\": %s}",
		    overdue ? "true" : "false", doc->ok ? "true" : "false");
	}
	if (o->json)
		fputs(l.c.ndocs ? "\n]\n" : "]\n", stdout);
	else if (!o->quiet)
		printf("%zu documents; * = uncommitted changes\n", l.c.ndocs);
	if (d.errors > 0) {
		diag_print(&d, stderr);
		rc = EXIT_CONTENT;
	}
out:
	S_unload(&l);
	diag_free(&d);
	return rc;
}

/*
 * Split the document argument of log into its content folder and its
 * path there: a .md file names both (its content folder is the nearest
 * folder above holding pakt.yaml); anything else is a path below DIR.
 * Returns 0, or -1 after saying why.
 */
static int
S_doc_arg(const char *arg, struct opts *o, char **dir, char **rel)
{
	char real[PATH_MAX], *slash, *probe;
	struct stat st;
	size_t n;

	if (stat(arg, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (o->dir == NULL)
			o->dir = S_default_dir();
		*dir = xstrdup(o->dir);
		n = strlen(arg);
		*rel = n > 3 && strcmp(arg + n - 3, ".md") == 0 ?
		    xstrdup(arg) : xasprintf("%s.md", arg);
		return 0;
	}
	if (realpath(arg, real) == NULL)
		return -1;
	*dir = xstrdup(real);
	while ((slash = strrchr(*dir, '/')) != NULL) {
		*slash = '\0';
		probe = xasprintf("%s/pakt.yaml", **dir ? *dir : "");
		n = access(probe, F_OK) == 0;
		free(probe);
		if (n) {
			*rel = xstrdup(real + strlen(*dir) + 1);
			if (**dir == '\0') {
				free(*dir);
				*dir = xstrdup("/");
			}
			return 0;
		}
	}
	free(*dir);
	fprintf(stderr, "pakt: error: %s is in no content folder (no "
	    "pakt.yaml above it)\n", arg);
	return -1;
}

static int
S_log(struct opts *o, const char *arg)
{
	struct diag d = DIAG_INIT;
	struct loaded l;
	struct doc *doc = NULL;
	const struct rev *r;
	char *dir, *rel, date[11];
	size_t i;
	int rc;

	if (S_doc_arg(arg, o, &dir, &rel) < 0)
		return EXIT_CONTENT;
	o->dir = dir;
	if ((rc = S_load(o, &l, &d)) != 0)
		goto out;
	if ((doc = content_doc(&l.c, rel)) == NULL) {
		fprintf(stderr, "pakt: error: %s: no document %s in this "
		    "content folder\n", dir, rel);
		rc = EXIT_CONTENT;
		goto out;
	}
	if (!o->quiet)
		printf("%s\n", doc->path);
	for (i = 0; i < doc->hist.n; i++) {
		r = &doc->hist.revs[i];
		rev_date(r, date);
		if (*r->id == '\0')
			printf("v%-3u %s  %-7s  %s\n", r->version, date, "-",
			    "(uncommitted changes)");
		else
			printf("v%-3u %s  %s  %s: %s\n", r->version, date,
			    r->short_id, r->author, r->subject);
	}
out:
	S_unload(&l);
	diag_free(&d);
	free(dir);
	free(rel);
	return rc;
}

static int
S_sign(struct opts *o, const char *arg)
{
	struct diag d = DIAG_INIT;
	struct sign_req req;
	struct record rec;
	struct repo *repo = NULL;
	char *dir, *rel, today[16];
	int rc = EXIT_CONTENT;

	if (o->nparties == 0) {
		fprintf(stderr, "pakt: error: sign needs --signatory NAME "
		    "--date YYYY-MM-DD for each signatory\n");
		return EXIT_USAGE;
	}
	if (S_doc_arg(arg, o, &dir, &rel) < 0)
		return EXIT_CONTENT;
	if (repo_open(&repo, dir, &d) != 0) {
		if (d.n == 0)
			fprintf(stderr, "pakt: error: %s is in no git "
			    "repository; signing records the signed version "
			    "in git\n", dir);
		goto out;
	}
	S_today(today, sizeof(today));
	memset(&req, 0, sizeof(req));
	req.doc = rel;
	req.parties = o->parties;
	req.nparties = o->nparties;
	req.attach = o->attach;
	req.today = today;
	if (sign_doc(repo, dir, &req, &rec, &d) == 0) {
		if (!o->quiet)
			printf("pakt: signed %s version %u\n"
			    "  archived in %s/ (%zu files and %s)\n"
			    "  tagged %s at %.7s\n", rec.document.s,
			    rec.version, rec.dir, rec.nfiles, RECORD_NAME,
			    rec.tag.s, rec.commit.s);
		record_free(&rec);
		rc = 0;
	}
out:
	diag_print(&d, stderr);
	diag_free(&d);
	repo_close(repo);
	free(dir);
	free(rel);
	return rc;
}

static int
S_verify(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	struct verdict *v = NULL;
	const struct record *rec;
	struct loaded l;
	size_t i, nv = 0, bad = 0;
	int rc, n;

	if ((rc = S_load(o, &l, &d)) != 0)
		goto out;
	if (l.repo == NULL) {
		fprintf(stderr, "pakt: error: %s is in no git repository; "
		    "there is no archive to verify\n", o->dir);
		rc = EXIT_CONTENT;
		goto out;
	}
	n = verify_archive(&l.c, l.repo, &v, &nv, &d);
	for (i = 0; i < nv; i++) {
		rec = v[i].rec;
		bad += v[i].d.errors > 0;
		printf("%-6s %s  version %u, %.7s, signed %s\n",
		    v[i].d.errors ? "FAILED" : "ok", rec->dir, rec->version,
		    rec->commit.s, record_date(rec));
		fflush(stdout);
		diag_print(&v[i].d, stderr);
	}
	diag_print(&d, stderr);
	if (n != 0 || d.errors > 0)
		rc = EXIT_CONTENT;
	if (!o->quiet || rc != 0)
		printf("pakt: %zu record%s verified: %zu intact, %zu failed%s\n",
		    nv, nv == 1 ? "" : "s", nv - bad, bad, d.errors > 0 ?
		    "; other problems above" : "");
out:
	verdicts_free(v, nv);
	S_unload(&l);
	diag_free(&d);
	return rc;
}

static int
S_new_period(const struct opts *o, const char *series, const char *name)
{
	struct diag d = DIAG_INIT, made = DIAG_INIT;
	struct loaded l;
	char **files = NULL;
	size_t i, n = 0;
	int rc;

	if ((rc = S_load(o, &l, &d)) != 0)
		goto out;
	rc = new_period(&l.c, o->dir, series, name, &files, &n, &made);
	diag_print(&made, stderr);
	if (rc < 0) {
		rc = EXIT_CONTENT;
		goto out;
	}
	if (!o->quiet) {
		printf("pakt: started %s/%s with %zu files:\n", series, name,
		    n);
		for (i = 0; i < n; i++)
			printf("  %s\n", files[i]);
		printf("They are drafts: edit them, then commit.\n");
	}
out:
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	S_unload(&l);
	diag_free(&made);
	diag_free(&d);
	return rc;
}

/*
 * Record a --signatory, --date or --place of sign in o: a date or
 * place belongs to the signatory before it.  Returns 0, or -1 after
 * saying what is wrong.
 */
static int
S_party_opt(struct opts *o, int ch, const char *arg)
{
	struct sign_party *p;

	if (ch == 'S') {
		o->parties = xrealloc(o->parties, (o->nparties + 1) *
		    sizeof(*o->parties));
		memset(&o->parties[o->nparties], 0, sizeof(*o->parties));
		o->parties[o->nparties++].name = arg;
		return 0;
	}
	if (o->nparties == 0) {
		fprintf(stderr, "pakt: error: --%s belongs after the "
		    "--signatory it is about\n", ch == 'D' ? "date" : "place");
		return -1;
	}
	p = &o->parties[o->nparties - 1];
	if ((ch == 'D' && p->date != NULL) || (ch == 'P' && p->place != NULL)) {
		fprintf(stderr, "pakt: error: %s has two --%s\n", p->name,
		    ch == 'D' ? "date" : "place");
		return -1;
	}
	if (ch == 'D')
		p->date = arg;
	else
		p->place = arg;
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "rev", required_argument, NULL, 'r' },
		{ "all-versions", no_argument, NULL, 'a' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "json", no_argument, NULL, 'J' },
		{ "signatory", required_argument, NULL, 'S' },
		{ "date", required_argument, NULL, 'D' },
		{ "place", required_argument, NULL, 'P' },
		{ "attach", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	const char *cmd, *formats = "html,pdf,odt";
	char *end;
	long n;
	int ch;

	memset(&o, 0, sizeof(o));
	o.out = "build/site";
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = n > 0 ? (int)(n > 64 ? 64 : n) : 1;

	/* Options may stand before or after the command and folder. */
	while ((ch = getopt_long(argc, argv, "o:f:qvr:aj:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			o.out = optarg;
			break;
		case 'f':
			formats = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'r':
			o.rev = optarg;
			break;
		case 'a':
			o.all_versions = 1;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 64) {
				fprintf(stderr, "pakt: error: -j takes a number "
				    "from 1 to 64, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			o.jobs = (int)n;
			break;
		case 'J':
			o.json = 1;
			break;
		case 'S':
		case 'D':
		case 'P':
			if (S_party_opt(&o, ch, optarg) < 0) {
				free(o.parties);
				return EXIT_USAGE;
			}
			break;
		case 'A':
			o.attach = optarg;
			break;
		case 'h':
			fputs(S_usage, stdout);
			fputs("\n", stdout);
			fputs(S_help, stdout);
			return 0;
		case 'V':
			puts("pakt " PAKT_VERSION);
			return 0;
		default:
			fputs(S_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(S_usage, stderr);
		return EXIT_USAGE;
	}
	cmd = argv[optind++];
	if (strcmp(cmd, "log") == 0 || strcmp(cmd, "sign") == 0) {
		if (argc - optind != 1) {
			fprintf(stderr, "pakt: error: %s takes one document\n",
			    cmd);
			free(o.parties);
			return EXIT_USAGE;
		}
		ch = *cmd == 'l' ? S_log(&o, argv[optind]) :
		    S_sign(&o, argv[optind]);
		free(o.parties);
		return ch;
	}
	if (o.nparties > 0 || o.attach != NULL) {
		fprintf(stderr, "pakt: error: --signatory, --date, --place and "
		    "--attach belong to sign\n");
		free(o.parties);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "new-period") == 0) {
		if (argc - optind < 2 || argc - optind > 3) {
			fprintf(stderr, "pakt: error: new-period takes a series "
			    "and a period, like: new-period malmo 2028-2032\n");
			return EXIT_USAGE;
		}
		o.dir = argc - optind == 3 ? argv[optind + 2] :
		    S_default_dir();
		return S_new_period(&o, argv[optind], argv[optind + 1]);
	}
	if (argc - optind > 1) {
		fprintf(stderr, "pakt: error: %s takes one content folder\n",
		    cmd);
		return EXIT_USAGE;
	}
	o.dir = optind < argc ? argv[optind] : S_default_dir();
	if (strcmp(cmd, "build") == 0) {
		if (S_formats(formats, &o) < 0)
			return EXIT_USAGE;
		if (S_inside(o.out, o.dir)) {
			fprintf(stderr, "pakt: error: the output folder %s is "
			    "inside the content folder %s; write it elsewhere, "
			    "like build/site\n", o.out, o.dir);
			return EXIT_USAGE;
		}
		return S_build(&o);
	}
	if (strcmp(cmd, "check") == 0)
		return S_check(&o);
	if (strcmp(cmd, "status") == 0)
		return S_status(&o);
	if (strcmp(cmd, "verify") == 0)
		return S_verify(&o);
	fprintf(stderr, "pakt: error: unknown command '%s'\n", cmd);
	fputs(S_usage, stderr);
	return EXIT_USAGE;
}
