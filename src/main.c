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
#include <time.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "output.h"
#include "pages.h"
#include "site.h"
#include "source.h"
#include "theme.h"

#define EXIT_CONTENT	1	/* the content has errors */
#define EXIT_USAGE	2	/* the command line is wrong */

static const char S_usage[] =
"usage: pakt build [DIR] [-o OUT] [--format html,pdf,odt] [-q]\n"
"       pakt check [DIR]\n"
"       pakt --help | --version\n";

static const char S_help[] =
"pakt compiles cooperation agreements written in Markdown into a website\n"
"with a PDF and an ODT of every document.\n"
"\n"
"Commands:\n"
"  build [DIR]    compile the content folder DIR into a website\n"
"  check [DIR]    check DIR without writing anything: front matter, ids,\n"
"                 parties, focus areas, links between documents, images,\n"
"                 raw HTML, and review-by dates that have passed\n"
"\n"
"DIR is the content folder (it holds pakt.yaml).  Without DIR, pakt uses\n"
"the current folder if it holds pakt.yaml, else ./content.\n"
"\n"
"Options:\n"
"  -o, --output OUT   where build writes the site (default build/site)\n"
"  -f, --format LIST  formats to build, comma-separated: html, pdf, odt\n"
"                     (default html,pdf,odt; the HTML pages are always\n"
"                     built)\n"
"  -q, --quiet        print only problems\n"
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
	int		 quiet;
	int		 pdf;		/* --format has pdf */
	int		 odt;		/* --format has odt */
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

/* Load DIR; on failure print why.  Returns 0 or an exit status. */
static int
S_load(const struct opts *o, struct source **src, struct content *c,
    struct diag *d)
{
	memset(c, 0, sizeof(*c));
	*src = source_fs_open(o->dir);
	if (*src == NULL) {
		fprintf(stderr, "pakt: error: %s: not a folder\n", o->dir);
		return EXIT_CONTENT;
	}
	if (content_load(c, *src, d) < 0) {
		diag_print(d, stderr);
		return EXIT_CONTENT;
	}
	return 0;
}

static int
S_check(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	struct content c;
	struct source *src;
	char today[16];
	size_t warnings;
	int rc;

	if ((rc = S_load(o, &src, &c, &d)) == 0) {
		S_today(today, sizeof(today));
		content_lint(&c, today, &d);
		diag_print(&d, stderr);
		warnings = d.n - d.errors;
		if (!o->quiet || d.errors > 0)
			fprintf(stderr, "pakt: %zu documents checked: %zu "
			    "error%s, %zu warning%s\n", c.ndocs,
			    d.errors,
			    d.errors == 1 ? "" : "s", warnings,
			    warnings == 1 ? "" : "s");
		rc = d.errors ? EXIT_CONTENT : 0;
	}
	content_free(&c);
	source_close(src);
	diag_free(&d);
	return rc;
}

static int
S_build(const struct opts *o)
{
	struct diag d = DIAG_INIT;
	struct site_opts so;
	struct theme theme;
	char *styles = NULL, *styles_file = NULL;
	struct outdir out;
	struct pages pg;
	struct content c;
	struct source *src;
	int rc, n;

	memset(&theme, 0, sizeof(theme));
	if ((rc = S_load(o, &src, &c, &d)) != 0)
		goto out;
	if (pages_init(&pg, src, &d) < 0) {
		diag_print(&d, stderr);
		rc = EXIT_CONTENT;
		goto out;
	}
	memset(&so, 0, sizeof(so));
	if (o->pdf) {
		if (theme_load(&theme, &pg, &d) < 0) {
			diag_print(&d, stderr);
			pages_free(&pg);
			rc = EXIT_CONTENT;
			goto out;
		}
		so.pdf = &theme;
	}
	if (o->odt) {
		if (pages_read_other(&pg, "odt/styles.xml", PAGES_ANY, &styles,
		    &so.odt_styles_len, &styles_file) < 0) {
			fprintf(stderr, "pakt: error: cannot read pakt's "
			    "templates/odt/styles.xml\n");
			pages_free(&pg);
			rc = EXIT_CONTENT;
			goto out;
		}
		so.odt = 1;
		so.odt_styles = styles;
		so.odt_styles_file = styles_file;
	}
	outdir_init(&out, o->out);
	n = site_build(&c, &pg, &out, &so, &d);
	if (n >= 0 && outdir_finish(&out, &d) < 0)
		n = -1;
	outdir_free(&out);
	pages_free(&pg);
	diag_print(&d, stderr);
	if (n < 0 || d.errors > 0) {
		fprintf(stderr, "pakt: %zu error%s; wrote %d of %zu documents "
		    "to %s\n", d.errors, d.errors == 1 ? "" : "s",
		    n < 0 ? 0 : n, c.ndocs,
		    o->out);
		rc = EXIT_CONTENT;
	} else if (!o->quiet)
		printf("pakt: wrote %d documents to %s\n", n, o->out);
out:
	free(styles);
	free(styles_file);
	theme_free(&theme);
	content_free(&c);
	source_close(src);
	diag_free(&d);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { NULL, "build/site", 0, 0, 0 };
	const char *cmd, *formats = "html,pdf,odt";
	int ch;

	/* Options may stand before or after the command and folder. */
	while ((ch = getopt_long(argc, argv, "o:f:qhV", longopts,
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
	fprintf(stderr, "pakt: error: unknown command '%s'\n", cmd);
	fputs(S_usage, stderr);
	return EXIT_USAGE;
}
