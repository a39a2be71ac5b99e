/*
 * test_odt.c - unit tests for render_odt.c.
 *
 * A small content folder (fixture.h's, with an agreement of its own) is
 * written to a temporary folder, loaded and each document rendered; the
 * parts of the package are read back with libzip and checked with
 * XPath: every Markdown element as native ODF, the furniture, the header
 * and footer in styles.xml, the metadata, the version and revision
 * history, the same bytes twice, and the errors.  Every XML part is
 * validated with libxml2's RelaxNG against the OASIS ODF 1.3 schemas in
 * tests/schema/odf1.3 (the manifest against the manifest schema); the
 * corpus (tests/corpus) and pathologically deep input render too.  A
 * schema or corpus that is missing makes the test fail (see fx_data()).
 *
 * The reference styles come from PAKT_TEMPLATES (default templates).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "doc.h"
#include "html_body.h"
#include "render_html.h"
#include "render_odt.h"
#include "render_pdf.h"
#include "source.h"
#include "template.h"

#include "fixture.h"
#include "tap.h"

static const char *const S_ns[][2] = {
	{ "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
	{ "style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0" },
	{ "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
	{ "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
	{ "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
	{ "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
	{ "xlink", "http://www.w3.org/1999/xlink" },
	{ "dc", "http://purl.org/dc/elements/1.1/" },
	{ "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
	{ "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
	{ "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" },
};

/* A PNG of 1920 x 1080 pixels, as far as its IHDR goes. */
static const unsigned char S_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x07, 0x80, 0, 0, 0x04, 0x38,
	8, 6, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82
};

/* A JPEG of 960 x 480 pixels, as far as its SOF0 goes. */
static const unsigned char S_jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
	0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x03, 0xc0, 3,
	1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9
};

static const char S_avtal[] =
    "---\n"
    "type: agreement\n"
    "title: \"Avtal <&> \\\"citat\\\"\"\n"
    "subtitle: Mellan kommunen och polisen\n"
    "reference: KS 2024/1\n"
    "date: 2024-03-01\n"
    "contacts: [Eva]\n"
    "signatories:\n"
    "  - {name: Ann A, role: kommundirekt\xc3\xb6r, party: kommun, "
    "place: Orten, date: 2024-03-01}\n"
    "copies: 2\n"
    "review-by: 2026-03-01\n"
    "---\n"
    "# Inledning\n"
    "\n"
    "Text med *kursiv*, **fet**, `kod  x`, ~~struken~~ och en fotnot.[^a]"
    " Igen.[^a]\n"
    "Se [planen](plan.md#syfte), [b\xc3\xb6rjan](#inledning) och "
    "[ingenting](#finns-inte).\n"
    "\n"
    "R\xc3\xa5 <b>html</b> h\xc3\xa4r.\n"
    "\n"
    "<div>block html</div>\n"
    "\n"
    "## Lista\n"
    "\n"
    "1. ett\n"
    "2. tv\xc3\xa5\n"
    "   - a\n"
    "   - b\n"
    "\n"
    "text\n"
    "\n"
    "5. fem\n"
    "6. sex\n"
    "\n"
    "- punkt\n"
    "\n"
    "  | x | y |\n"
    "  |---|---|\n"
    "  | 1 | 2 |\n"
    "\n"
    "> citat\n"
    "\n"
    "```\n"
    "a  b\tc\n"
    "  d\n"
    "```\n"
    "\n"
    "| V | M | H |\n"
    "|:--|:-:|--:|\n"
    "| 1 | 2 | 3 |\n"
    "| 4 |\n"
    "\n"
    "![Alt text](bilder/b.png) och ![Igen](bilder/b.png) och "
    "![Foto](bilder/c.jpg)\n"
    "\n"
    "---\n"
    "\n"
    "### Djup\n"
    "\n"
    "Rad ett\\\n"
    "rad tv\xc3\xa5.\n"
    "\n"
    "[^a]: Fotnoten.\n";

static char	*S_dir;		/* the content folder */
static char	*S_styles;
static size_t	 S_styles_len;
static xmlRelaxNGPtr S_rng;	/* OpenDocument-v1.3-schema.rng */
static xmlRelaxNGPtr S_mrng;	/* OpenDocument-v1.3-manifest-schema.rng */

/*
 * Render doc into pkg with styles (NULL: the reference).  Returns what
 * odt_render() returns; problems go to d.
 */
static int
render_with(struct buf *pkg, const struct doc *doc, struct source *src,
    const char *styles, struct diag *d)
{
	struct odt_opts o;
	struct html_toc toc;
	struct tval *data = html_doc_data(doc, &toc);
	int rc;

	fx_odt_opts(&o, src, styles ? styles : S_styles,
	    styles ? strlen(styles) : S_styles_len);
	o.data = data;
	o.toc = &toc;
	rc = odt_render(pkg, doc, &o, d);
	html_toc_free(&toc);
	tval_free(data);
	return rc;
}

/* Part name of the package pkg, in a new string; NULL if missing. */
static char *
zip_part(const struct buf *pkg, const char *name, size_t *len)
{
	zip_error_t ze;
	zip_source_t *zs;
	zip_t *z;
	zip_file_t *f;
	zip_stat_t st;
	char *data = NULL;

	zip_error_init(&ze);
	zs = zip_source_buffer_create(pkg->ptr, pkg->len, 0, &ze);
	if (zs == NULL)
		return NULL;
	if ((z = zip_open_from_source(zs, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(zs);
		return NULL;
	}
	if (zip_stat(z, name, 0, &st) == 0 &&
	    (f = zip_fopen(z, name, 0)) != NULL) {
		data = xmalloc(st.size + 1);
		if (zip_fread(f, data, st.size) != (zip_int64_t)st.size) {
			free(data);
			data = NULL;
		} else {
			data[st.size] = '\0';
			*len = st.size;
		}
		zip_fclose(f);
	}
	zip_close(z);
	return data;
}

/* Part name of pkg as a tree (NULL if missing or not XML). */
static xmlDocPtr
part(const struct buf *pkg, const char *name)
{
	size_t len = 0;
	char *data = zip_part(pkg, name, &len);
	xmlDocPtr x;

	if (data == NULL)
		return NULL;
	x = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(data);
	return x;
}

/* The XPath expression e over x as a string; the caller frees it. */
static char *
xp(xmlDocPtr x, const char *e)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	xmlChar *s;
	char *r;
	size_t i;

	if (x == NULL)
		return NULL;
	ctx = xmlXPathNewContext(x);
	for (i = 0; i < sizeof(S_ns) / sizeof(S_ns[0]); i++)
		xmlXPathRegisterNs(ctx, (const xmlChar *)S_ns[i][0],
		    (const xmlChar *)S_ns[i][1]);
	o = xmlXPathEvalExpression((const xmlChar *)e, ctx);
	xmlXPathFreeContext(ctx);
	if (o == NULL)
		return NULL;
	s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	r = xstrdup((const char *)s);
	xmlFree(s);
	return r;
}

static void
is_xp(xmlDocPtr x, const char *e, const char *want, const char *name)
{
	char *got = xp(x, e);

	if (!is_str(got, want, name))
		printf("#   xpath: %s\n", e);
	free(got);
}

/* Collect the first RelaxNG error. */
static void
S_rng_error(void *arg, xmlErrorPtr e)
{
	char *first = arg;

	if (*first == '\0' && e != NULL && e->message != NULL)
		snprintf(first, 512, "line %d: %s", e->line, e->message);
}

/*
 * Load the RelaxNG schema file below the schema folder dir (NULL: it is
 * missing, which fx_data() has reported).  Returns the schema, which the
 * caller frees with xmlRelaxNGFree(); NULL, with a failing test, when it
 * does not load.
 */
static xmlRelaxNGPtr
load_rng(const char *dir, const char *file)
{
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr rng = NULL;
	char *path, msg[256];

	snprintf(msg, sizeof(msg), "the schema %s loads", file);
	if (dir == NULL) {
		ok(0, msg);
		return NULL;
	}
	path = fx_path(dir, file);
	if (access(path, R_OK) == 0 &&
	    (pc = xmlRelaxNGNewParserCtxt(path)) != NULL) {
		rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	if (!ok(rng != NULL, msg))
		printf("#   %s does not load: run make check-deps\n", path);
	free(path);
	return rng;
}

/*
 * Whether part name of pkg is valid ODF 1.3 (META-INF/manifest.xml by
 * the manifest schema, the rest by the main one); without the schema
 * the test fails.
 */
static void
valid(const struct buf *pkg, const char *name, const char *what)
{
	static int said;	/* whether a missing schema was reported */
	xmlRelaxNGPtr rng = strcmp(name, "META-INF/manifest.xml") == 0 ?
	    S_mrng : S_rng;
	xmlRelaxNGValidCtxtPtr v;
	xmlDocPtr x;
	char msg[256], first[512] = "";
	int rc;

	snprintf(msg, sizeof(msg), "%s: %s is valid ODF 1.3", what, name);
	if (rng == NULL) {
		ok(0, msg);
		if (!said)
			printf("#   no ODF 1.3 schema loaded (see above): "
			    "no part can be validated\n");
		said = 1;
		return;
	}
	if ((x = part(pkg, name)) == NULL) {
		ok(0, msg);
		return;
	}
	v = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(v, S_rng_error, first);
	rc = xmlRelaxNGValidateDoc(v, x);
	xmlRelaxNGFreeValidCtxt(v);
	xmlFreeDoc(x);
	if (!ok(rc == 0, msg))
		printf("#   %s", first);
}

static void
valid_all(const struct buf *pkg, const char *what)
{
	valid(pkg, "content.xml", what);
	valid(pkg, "styles.xml", what);
	valid(pkg, "meta.xml", what);
	valid(pkg, "settings.xml", what);
	valid(pkg, "META-INF/manifest.xml", what);
}

/* A rendered package and its parts as trees (NULL where missing). */
struct pkg {
	struct buf	 zip;	/* the package */
	xmlDocPtr	 x;	/* content.xml */
	xmlDocPtr	 st;	/* styles.xml */
	xmlDocPtr	 m;	/* meta.xml */
	xmlDocPtr	 mf;	/* META-INF/manifest.xml */
};

/*
 * Render doc into p with styles (NULL: the reference), asserting (as
 * name) that it renders without adding to the messages in d, and that
 * its parts are valid (as what); then read the parts.  Returns what
 * render_with() returns.  Free p with pkg_free().
 */
static int
pkg_render(struct pkg *p, const struct doc *doc, struct source *src,
    const char *styles, struct diag *d, const char *name, const char *what)
{
	size_t n = d->n;
	char *msg;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = render_with(&p->zip, doc, src, styles, d);
	if (!ok(rc == 0 && d->n == n, name) && d->n > n) {
		msg = diag_format(d, n);
		printf("#   %s\n", msg);
		free(msg);
	}
	valid_all(&p->zip, what);
	p->x = part(&p->zip, "content.xml");
	p->st = part(&p->zip, "styles.xml");
	p->m = part(&p->zip, "meta.xml");
	p->mf = part(&p->zip, "META-INF/manifest.xml");
	return rc;
}

/* Free what pkg_render() made in p; p itself is the caller's. */
static void
pkg_free(struct pkg *p)
{
	xmlFreeDoc(p->x);
	xmlFreeDoc(p->st);
	xmlFreeDoc(p->m);
	xmlFreeDoc(p->mf);
	buf_free(&p->zip);
}

/*
 * Render doc with styles (NULL: the reference), asserting (as name) that
 * it fails with nerr errors.  Returns the first message, in a static
 * buffer (see fx_first_diag()).
 */
static const char *
render_fails(const struct doc *doc, struct source *src, const char *styles,
    size_t nerr, const char *name)
{
	struct diag d = DIAG_INIT;
	struct buf pkg = BUF_INIT;
	const char *msg;

	ok(render_with(&pkg, doc, src, styles, &d) < 0 && d.errors == nerr,
	    name);
	msg = fx_first_diag(&d);
	diag_free(&d);
	buf_free(&pkg);
	return msg;
}

static void
test_agreement(struct content *c)
{
	struct doc *doc = fx_find_doc(c, "s/2024-2027/avtal.md");
	struct diag d = DIAG_INIT;
	struct buf again = BUF_INIT;
	struct pkg p;
	size_t len = 0;
	char *raw;

	if (!ok(doc != NULL && doc->ok, "the agreement loads"))
		return;
	pkg_render(&p, doc, c->src, NULL, &d, "the agreement renders",
	    "agreement");
	ok(p.x && p.m && p.st && p.mf,
	    "content, meta, styles and manifest are XML");

	/* the furniture */
	is_xp(p.x, "string(/office:document-content/@office:version)", "1.3",
	    "office:version is 1.3");
	is_xp(p.x, "string(//text:p[@text:style-name='Title'])",
	    "Avtal <&> \"citat\"", "the title, < & > and quotes as text");
	is_xp(p.x, "string(//text:p[@text:style-name='Subtitle'])",
	    "Mellan kommunen och polisen", "the subtitle");
	is_xp(p.x, "string(//text:p[@text:style-name='pkField'][1])",
	    "Diarienummer: KS 2024/1", "the letterhead starts with the "
	    "reference");
	is_xp(p.x, "string(//text:p[@text:style-name='pkField'][1]/text:span"
	    "/@text:style-name)", "Strong_20_Emphasis", "its label is bold");
	is_xp(p.x, "count(//text:p[@text:style-name='pkField'])", "7",
	    "reference, date, period, state, parties, contacts, review-by");
	is_xp(p.x, "starts-with(string(//text:span[@text:style-name='pkDraft']"
	    "/..), 'UTKAST Detta är ett utkast')", "true",
	    "the draft notice");

	/* the table of contents */
	is_xp(p.x, "string(//text:table-of-content/text:table-of-content-"
	    "source/@text:outline-level)", "3", "the TOC takes levels 1-3");
	is_xp(p.x, "count(//text:table-of-content-entry-template"
	    "[text:index-entry-link-start][text:index-entry-text]"
	    "[text:index-entry-page-number])", "3",
	    "entry templates for levels 1-3");
	is_xp(p.x, "string(//text:index-body/text:index-title/text:p)",
	    "Innehåll", "the TOC's title");
	is_xp(p.x, "count(//text:index-body/text:p)", "4", "four entries "
	    "(Djup is level 3, the signatures level 1)");
	is_xp(p.x, "string(//text:index-body/text:p[1]/text:a/@xlink:href)",
	    "#inledning", "an entry links to its heading");
	is_xp(p.x, "string(//text:index-body/text:p[3]/@text:style-name)",
	    "Contents_20_3", "an entry has the style of its level");
	is_xp(p.x, "string(//text:index-body/text:p[4])", "Underskrifter",
	    "the signature block is in the TOC");

	/* headings */
	is_xp(p.x, "string(//text:h[@text:outline-level='1'][1])", "Inledning",
	    "# is outline level 1");
	is_xp(p.x, "string(//text:h[@text:outline-level='1'][1]/"
	    "@text:style-name)", "Heading_20_1", "in Heading 1");
	is_xp(p.x, "string(//text:h[1]/text:bookmark-start/@text:name)",
	    "inledning", "a heading has a bookmark named by its id");
	is_xp(p.x, "count(//text:h[1]/text:bookmark-end[@text:name="
	    "'inledning'])", "1", "closed in the heading");
	is_xp(p.x, "string(//text:h[@text:outline-level='2'])", "Lista",
	    "## is level 2");
	is_xp(p.x, "string(//text:h[@text:outline-level='3'])", "Djup",
	    "### is level 3");

	/* inline */
	is_xp(p.x, "string(//text:span[@text:style-name='Emphasis'])", "kursiv",
	    "emphasis");
	is_xp(p.x, "count(//office:text/text:p/text:span[@text:style-name="
	    "'Strong_20_Emphasis'][.='fet'])", "1", "strong emphasis");
	is_xp(p.x, "count(//text:span[@text:style-name='Source_20_Text']"
	    "[text:s])", "1", "inline code keeps its two spaces");
	is_xp(p.x, "string(//text:span[@text:style-name='pkStrike'])",
	    "struken", "strikethrough");
	is_xp(p.x, "string(//style:style[@style:name='pkStrike']/"
	    "style:text-properties/@style:text-line-through-style)", "solid",
	    "with an automatic style");
	is_xp(p.x, "count(//text:a[@xlink:href='plan.odt#syfte'])", "1",
	    "a link to a document goes to its ODT");
	is_xp(p.x, "count(//office:text/text:p/text:a[@xlink:href="
	    "'#inledning'])", "1", "a link to a heading goes to its bookmark");
	is_xp(p.x, "count(//text:a[contains(@xlink:href,'finns-inte')])", "0",
	    "a link to no heading is text");
	is_xp(p.x, "count(//text:p[.='Rå html här.'])", "1",
	    "inline HTML is left out, its text kept");
	raw = zip_part(&p.zip, "content.xml", &len);
	ok(raw != NULL && strstr(raw, "block html") == NULL &&
	    strstr(raw, "&lt;b") == NULL && strstr(raw, "<b>") == NULL,
	    "raw HTML is dropped");
	free(raw);

	/* footnotes */
	is_xp(p.x, "count(//text:note)", "1", "one footnote");
	is_xp(p.x, "string(//text:note/@text:note-class)", "footnote",
	    "as a native footnote");
	is_xp(p.x, "string(//text:note/text:note-citation)", "1",
	    "with its number");
	is_xp(p.x, "string(//text:note/text:note-body/text:p)", "Fotnoten.",
	    "and its text where it is cited");
	is_xp(p.x, "string(//text:note/text:note-body/text:p/@text:style-name)",
	    "Footnote", "in the Footnote style");
	is_xp(p.x, "string(//text:note-ref[@text:note-class='footnote']/"
	    "@text:ref-name)", "ftn1", "a second citation refers to it");

	/* lists */
	is_xp(p.x, "count(//office:text/text:list[@text:style-name="
	    "'Numbering_20_123'])", "2", "ordered lists");
	is_xp(p.x, "count(//text:list/text:list-item/text:list[@text:style-name"
	    "='List_20_1']/text:list-item)", "2", "a nested bullet list");
	is_xp(p.x, "string(//text:list-item[@text:start-value]/"
	    "@text:start-value)", "5", "a list that starts at 5");
	is_xp(p.x, "string(//text:list-item/text:p/@text:style-name)", "List",
	    "items are List paragraphs");
	is_xp(p.x, "count(//office:automatic-styles/text:list-style)", "0",
	    "no list style per list");
	is_xp(p.x, "count(//text:list-item//draw:frame/draw:text-box/"
	    "table:table)", "1", "a table in a list item is in a frame");

	/* blocks */
	is_xp(p.x, "string(//text:p[@text:style-name='Quotations'])", "citat",
	    "a block quote");
	is_xp(p.x, "count(//text:p[@text:style-name='Preformatted_20_Text']"
	    "[text:s[@text:c='2']][text:tab][text:line-break])", "1",
	    "a code block keeps spaces, tabs and lines");
	is_xp(p.x, "string(//text:p[@text:style-name='Preformatted_20_Text'])",
	    "abcd", "and its characters");
	is_xp(p.x, "count(//text:p[@text:style-name='Horizontal_20_Line'])",
	    "1", "a thematic break");
	is_xp(p.x, "count(//text:p[text:line-break][contains(., 'Rad ett')])",
	    "1", "a hard line break");

	/* tables */
	is_xp(p.x, "count(//office:text/table:table)", "1",
	    "the table (the other one is in the list)");
	is_xp(p.x, "count(//office:text/table:table/table:table-header-rows/"
	    "table:table-row)", "1", "with a header row");
	is_xp(p.x, "string(//office:text/table:table/table:table-column/"
	    "@table:number-columns-repeated)", "3", "and three columns");
	is_xp(p.x, "string(//office:text/table:table/table:table-header-rows//"
	    "table:table-cell[2]/text:p/@text:style-name)", "pkHeadCenter",
	    "a centred header cell");
	is_xp(p.x, "string(//office:text/table:table/table:table-row[1]/"
	    "table:table-cell[3]/text:p/@text:style-name)", "pkCellRight",
	    "a right-aligned cell");
	is_xp(p.x, "string(//office:text/table:table/table:table-row[1]/"
	    "table:table-cell[1]/text:p/@text:style-name)",
	    "Table_20_Contents", "a left-aligned cell");
	is_xp(p.x, "count(//office:text/table:table/table:table-row[2]/"
	    "table:table-cell[@office:value-type='string'])", "3",
	    "a short row is filled up");
	is_xp(p.x, "string(//style:style[@style:name='pkHeadCenter']/"
	    "@style:parent-style-name)", "Table_20_Heading",
	    "alignment styles build on the table styles");

	/* images */
	is_xp(p.x, "count(//draw:frame)", "4",
	    "three images and a table frame");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/svg:title)",
	    "Alt text",
	    "an image's alt text is its title");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/svg:desc)",
	    "Alt text",
	    "and description");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/@svg:width)",
	    "16.000cm",
	    "a wide image fits the text width");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/@svg:height)",
	    "9.000cm",
	    "keeping its aspect");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/@text:anchor-type)",
	    "as-char",
	    "in the line");
	is_xp(p.x, "count(//draw:image[@xlink:href='Pictures/1.png'])", "2",
	    "the same file is one picture");
	is_xp(p.x, "concat((//draw:frame[draw:image])[3]/@svg:width, ' ', "
	    "(//draw:frame[draw:image])[3]/@svg:height, ' ', "
	    "(//draw:frame[draw:image])[3]/draw:image/@xlink:href)",
	    "16.000cm 8.000cm Pictures/2.jpg", "a JPEG's size from its SOF");
	is_xp(p.mf, "string(//manifest:file-entry[@manifest:full-path="
	    "'Pictures/1.png']/@manifest:media-type)", "image/png",
	    "the manifest lists the PNG");
	is_xp(p.mf, "string(//manifest:file-entry[@manifest:full-path="
	    "'Pictures/2.jpg']/@manifest:media-type)", "image/jpeg",
	    "and the JPEG");
	is_xp(p.mf, "count(//manifest:file-entry)", "7",
	    "the manifest lists /, four parts and two pictures");
	is_xp(p.mf, "string(//manifest:file-entry[@manifest:full-path='/']/"
	    "@manifest:version)", "1.3", "the package's version");
	raw = zip_part(&p.zip, "Pictures/1.png", &len);
	ok(raw != NULL && len == sizeof(S_png) &&
	    memcmp(raw, S_png, len) == 0, "the picture's bytes as they are");
	free(raw);

	/* the signature block */
	is_xp(p.x, "string(//text:h[.='Underskrifter']/text:bookmark-start/"
	    "@text:name)", "pakt-underskrifter", "the signature heading");
	is_xp(p.x, "string(//text:p[@text:style-name='pkSignPlace'])",
	    "Ort och datum: Orten 2024-03-01", "place and date");
	is_xp(p.x, "count(//text:p[@text:style-name='pkSignLine'])", "1",
	    "a line to sign on");
	is_xp(p.x, "string(//style:style[@style:name='pkSignLine']//"
	    "@fo:border-bottom)", "0.75pt solid #1a1a1a", "drawn as a border");
	is_xp(p.x, "string(//text:p[@text:style-name='pkSignLine']/"
	    "following-sibling::text:p[1])", "Ann A", "the name");
	is_xp(p.x, "string(//style:style[@style:name='pkKeep']//"
	    "@fo:keep-with-next)", "always", "kept with what follows");
	is_xp(p.x, "string(//office:text/*[last()])", "Kommunen",
	    "the party last");
	is_xp(p.x, "string(//office:text/*[last()]/@text:style-name)",
	    "Text_20_body", "which is not kept with the next");

	/* styles.xml: header, footer, language */
	is_xp(p.st, "string(//style:master-page[@style:name='Standard']/"
	    "style:header)", "Avtal <&> \"citat\"UTKAST",
	    "the header: title and UTKAST");
	is_xp(p.st, "count(//style:master-page/style:header/text:p/text:tab)",
	    "1", "with a tab between");
	is_xp(p.st, "string(//style:master-page/style:footer)",
	    "KS 2024/1 \xc2\xb7 2024-03-01Sida  av ", "the footer");
	is_xp(p.st, "count(//style:master-page/style:footer//text:page-number"
	    "[@text:select-page='current'])", "1", "with the page number");
	is_xp(p.st, "count(//style:master-page/style:footer//text:page-count)",
	    "1", "and the page count");
	is_xp(p.st, "count(//style:master-page/style:header)", "1",
	    "one header");
	is_xp(p.st, "concat(//style:default-style[@style:family='paragraph']/"
	    "style:text-properties/@fo:language, '-', //style:default-style"
	    "[@style:family='paragraph']/style:text-properties/@fo:country)",
	    "sv-SE", "Swedish text");
	is_xp(p.st, "count(//style:style[@style:name='Heading_20_1'])", "1",
	    "the reference's styles are there");
	is_xp(p.st, "count(/comment())", "0",
	    "without the reference's comment");

	/* meta.xml */
	is_xp(p.m, "string(//dc:title)", "Avtal <&> \"citat\"", "dc:title");
	is_xp(p.m, "string(//dc:language)", "sv-SE", "dc:language");
	is_xp(p.m, "string(//meta:creation-date)", "2024-03-01T12:00:00",
	    "without a history, meta:creation-date from SOURCE_DATE_EPOCH");
	is_xp(p.m, "string(//dc:date)", "2024-03-01T12:00:00", "dc:date");
	is_xp(p.m, "count(//meta:editing-cycles)", "0", "no version, no "
	    "editing cycles");
	is_xp(p.m, "count(//meta:user-defined[@meta:name='Version'])", "0",
	    "nor a version property");
	is_xp(p.x, "count(//text:h[text:bookmark-start/@text:name="
	    "'pakt-revisioner'])", "0", "nor a revision history");
	is_xp(p.m, "string(//meta:generator)", "pakt " PAKT_VERSION,
	    "meta:generator");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Diarienummer'])",
	    "KS 2024/1", "the reference as Diarienummer");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Period'])",
	    "2024-2027", "the period");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Status'])",
	    "Utkast", "the state");

	/* the same bytes again */
	ok(render_with(&again, doc, c->src, NULL, &d) == 0 &&
	    again.len == p.zip.len &&
	    memcmp(again.ptr, p.zip.ptr, p.zip.len) == 0,
	    "a second rendering gives the same bytes");

	pkg_free(&p);
	buf_free(&again);
	diag_free(&d);
}

static void
test_plan_focus_memo(struct content *c)
{
	struct doc *plan = fx_find_doc(c, "s/2024-2027/plan.md");
	struct doc *fokus = fx_find_doc(c, "s/2024-2027/fokus/trygg.md");
	struct doc *memo = fx_find_doc(c, "s/2024-2027/memo.md");
	struct diag d = DIAG_INIT;
	struct pkg p;

	if (!ok(plan && fokus && memo, "plan, focus area and memo load"))
		return;
	pkg_render(&p, plan, c->src, NULL, &d, "the plan renders", "plan");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'pakt-atgarder'])", "Åtgärder per fokusområde",
	    "the action tables' heading");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'pakt-atgarder']/@text:outline-level)", "1", "at level 1");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'fokus-trygg']/@text:outline-level)", "2",
	    "a focus area's heading at level 2");
	is_xp(p.x, "string(//text:p[@text:style-name='Caption'])",
	    "Åtgärder: Trygghet", "a caption");
	is_xp(p.x, "string(//table:table/table:table-header-rows)",
	    "ÅtgärdAnsvarigaTidsramIndikatorStatus", "the header row");
	is_xp(p.x, "string(//table:table/table:table-row)",
	    "NattvandringKommunen, Polisen2024-05\xe2\x80\x93" "2025-12"
	    "Antal kvällarpågår", "an action's row");
	is_xp(p.x, "string(//table:table/table:table-row/table:table-cell[1]//"
	    "text:bookmark/@text:name)", "atgard-natt",
	    "with a bookmark for the action");
	is_xp(p.x, "count(//table:table/table:table-column)", "4",
	    "columns of three widths");
	is_xp(p.x, "count(//text:p[@text:style-name='pkSignLine'])", "0",
	    "no signature block without signatories");
	pkg_free(&p);

	pkg_render(&p, fokus, c->src, NULL, &d, "the focus area renders",
	    "focus area");
	is_xp(p.x, "string(//text:h[1])", "Åtgärder inom fokusområdet",
	    "the focus area's actions");
	is_xp(p.x, "string(//text:list[@text:style-name='List_20_1']/"
	    "text:list-item)", "Nattvandring (pågår, 2024-05\xe2\x80\x93"
	    "2025-12)", "as a list");
	is_xp(p.x, "count(//text:table-of-content)", "0",
	    "no TOC for one heading");
	pkg_free(&p);

	pkg_render(&p, memo, c->src, NULL, &d, "the English memo renders",
	    "memo");
	is_xp(p.x, "count(//style:style[@style:name='pkStrike'])", "0",
	    "only the automatic styles used");
	is_xp(p.x, "count(//text:span[@text:style-name='pkDraft'])", "0",
	    "a memo is no draft");
	is_xp(p.st, "string(//style:master-page/style:header)", "Memo",
	    "the header: the title alone");
	is_xp(p.st, "string(//style:master-page/style:footer)", "Page  of ",
	    "the footer in English");
	is_xp(p.st, "concat(//style:default-style[@style:family='paragraph']/"
	    "style:text-properties/@fo:language, '-', //style:default-style"
	    "[@style:family='paragraph']/style:text-properties/@fo:country)",
	    "en-GB", "English text");
	is_xp(p.m, "string(//dc:language)", "en", "dc:language en");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Status'])",
	    "in force", "in force");
	is_xp(p.m, "count(//meta:user-defined[@meta:name='Reference'])", "0",
	    "no reference, no property");
	pkg_free(&p);
	ok(d.n == 0, "no messages");
	diag_free(&d);
}

static void
test_versions(struct content *c)
{
	struct doc *plan = fx_find_doc(c, "s/2024-2027/plan.md");
	struct doc *memo = fx_find_doc(c, "s/2024-2027/memo.md");
	struct diag d = DIAG_INIT;
	struct pkg p;

	if (!ok(plan && memo, "plan and memo load"))
		return;
	fx_set_history(plan, 3, 1);
	pkg_render(&p, plan, c->src, NULL, &d,
	    "a plan with three versions renders", "plan with versions");
	is_xp(p.x, "string(//text:p[@text:style-name='pkField']"
	    "[starts-with(., 'Version')])",
	    "Version: 3 (ej incheckad), 2026-01-01",
	    "the letterhead shows the version");
	is_xp(p.x, "string(//text:p[@text:style-name='pkField'][3])",
	    "Version: 3 (ej incheckad), 2026-01-01", "after the period");
	is_xp(p.st, "string(//style:master-page/style:footer)",
	    "2024-04-01 \xc2\xb7 Version 3 (ej incheckad)Sida  av ",
	    "the footer shows the version");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'pakt-revisioner'])", "Revisionshistorik",
	    "the revision history's heading");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'pakt-revisioner']/@text:outline-level)", "1", "at level 1");
	is_xp(p.x, "string(//office:text/*[last()]/preceding-sibling::*[1]"
	    "/text:bookmark-start/@text:name)", "pakt-revisioner",
	    "last in the document, before its table");
	is_xp(p.x, "string(//text:index-body/text:p[last()]/text:a/"
	    "@xlink:href)", "#pakt-revisioner", "the last entry of the TOC");
	is_xp(p.x, "string(//office:text/table:table[last()]/"
	    "table:table-header-rows)",
	    "VersionDatumFörfattareÄndringIncheckning", "the header row");
	is_xp(p.x, "count(//office:text/table:table[last()]/table:table-row)",
	    "3", "a row per version");
	is_xp(p.x, "string(//office:text/table:table[last()]/"
	    "table:table-row[1])", "3 (ej incheckad)2026-01-01"
	    "Ändringar som ännu inte är incheckade",
	    "the uncommitted version first");
	is_xp(p.x, "count(//office:text/table:table[last()]/table:table-row[1]/"
	    "table:table-cell)", "5", "with all its cells");
	is_xp(p.x, "string(//office:text/table:table[last()]/"
	    "table:table-row[2])", "22024-03-02Anna ÅsÄndring 2a1b2c3e",
	    "a committed version");
	is_xp(p.x, "string(//office:text/table:table[last()]/"
	    "table:table-row[3])", "12024-03-01Bo BergÄndring 1a1b2c3f",
	    "the first version last");
	is_xp(p.m, "string(//meta:creation-date)", "2024-03-01T12:00:00",
	    "meta:creation-date: the first version's");
	is_xp(p.m, "string(//dc:date)", "2026-01-01T00:00:00",
	    "dc:date: this version's");
	is_xp(p.m, "string(//meta:editing-cycles)", "3",
	    "editing cycles: the version");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Version'])",
	    "3 (ej incheckad)", "the version as a property");
	is_xp(p.m, "count(//meta:user-defined[@meta:name='Incheckning'])", "0",
	    "no commit when uncommitted");
	pkg_free(&p);

	fx_set_history(memo, 1, 0);
	pkg_render(&p, memo, c->src, NULL, &d,
	    "an English memo with one version renders", "memo with a version");
	is_xp(p.x, "string(//text:p[@text:style-name='pkField']"
	    "[starts-with(., 'Version')])", "Version: 1, 2024-03-01, a1b2c3d",
	    "the version with its commit");
	is_xp(p.st, "string(//style:master-page/style:footer)",
	    "Version 1 (a1b2c3d)Page  of ", "the footer in English");
	is_xp(p.x, "string(//text:h[text:bookmark-start/@text:name="
	    "'pakt-revisioner'])", "Revision history", "in English");
	is_xp(p.x, "string(//office:text/table:table[last()]/"
	    "table:table-header-rows)", "VersionDateAuthorChangeCommit",
	    "the header row in English");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Commit'])",
	    "a1b2c3d000000000000000000000000000000000",
	    "the full commit id as a property");
	is_xp(p.m, "string(//meta:user-defined[@meta:name='Version'])", "1",
	    "the version number");
	is_xp(p.m, "concat(//meta:creation-date, ' ', //dc:date)",
	    "2024-03-01T12:00:00 2024-03-01T12:00:00",
	    "one version: created when last changed");
	pkg_free(&p);
	ok(d.n == 0, "no messages");
	diag_free(&d);
	history_free(&plan->hist);
	history_free(&memo->hist);
}

/* The line (1-based) of the first occurrence of needle in s. */
static unsigned
line_of(const char *s, const char *needle)
{
	const char *at = strstr(s, needle);
	unsigned line = 1;

	for (; at != NULL && s < at; s++)
		if (*s == '\n')
			line++;
	return line;
}

static void
test_errors(struct content *c)
{
	struct doc *doc = fx_find_doc(c, "s/2024-2027/avtal.md");
	struct diag d = DIAG_INIT;
	struct pkg p;
	const char *msg;
	char *path, *want;
	const char *custom =
	    "<?xml version=\"1.0\"?>\n"
	    "<office:document-styles xmlns:office=\"urn:oasis:names:tc:"
	    "opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:"
	    "tc:opendocument:xmlns:style:1.0\" office:version=\"1.2\">"
	    "<office:automatic-styles><style:page-layout style:name=\"p\">"
	    "<style:page-layout-properties xmlns:fo=\"urn:oasis:names:tc:"
	    "opendocument:xmlns:xsl-fo-compatible:1.0\" fo:page-width=\"8in\" "
	    "fo:margin-left=\"1in\" fo:margin-right=\"1in\"/>"
	    "</style:page-layout></office:automatic-styles>"
	    "<office:master-styles><style:master-page style:name=\"Standard\" "
	    "style:page-layout-name=\"p\"><style:footer-left/>"
	    "</style:master-page></office:master-styles>"
	    "</office:document-styles>\n";

	if (doc == NULL)
		return;
	/* a municipality's own, smaller styles */
	pkg_render(&p, doc, c->src, custom, &d,
	    "styles without office:styles or a header work", "own styles");
	is_xp(p.st, "name(//style:master-page/*[1])", "style:header",
	    "the header goes first");
	is_xp(p.st, "name(//style:master-page/*[2])", "style:footer",
	    "then the footer");
	is_xp(p.st, "name(//style:master-page/*[3])", "style:footer-left",
	    "then what was there");
	is_xp(p.st, "string(/*/@office:version)", "1.3", "the version is set");
	is_xp(p.st, "string(//style:default-style/style:text-properties/"
	    "@fo:language)", "sv", "the language gets a default style");
	is_xp(p.x, "string((//draw:frame[draw:image])[1]/@svg:width)",
	    "15.240cm",
	    "images fit the text width of the page layout");
	pkg_free(&p);
	diag_free(&d);

	msg = render_fails(doc, c->src, "<office:document-styles>\n<x", 1,
	    "styles that are not XML are an error");
	ok(strncmp(msg, "templates/odt/styles.xml:2:", 27) == 0 &&
	    strstr(msg, "not an ODF styles document") != NULL,
	    "saying where");
	printf("# %s\n", msg);

	msg = render_fails(doc, c->src, "<office:document-styles xmlns:"
	    "office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>", 1,
	    "styles without a master page are an error");
	ok(strstr(msg, "\"Standard\"") != NULL, "naming the master page");

	/* an image that went missing after loading */
	path = fx_path(S_dir, "s/2024-2027/bilder/b.png");
	remove(path);
	free(path);
	msg = render_fails(doc, c->src, NULL, 2,
	    "an image that cannot be read is an error, where it is used");
	want = xasprintf("%s:%u:1: error: cannot read image 'bilder/b.png'",
	    doc->path, line_of(S_avtal, "![Alt"));
	is_str(msg, want, "at the image's position");
	free(want);

	/* one that is no PNG */
	fx_write(S_dir, "s/2024-2027/bilder/b.png", "GIF89a", 6);
	msg = render_fails(doc, c->src, NULL, 2,
	    "an image that is no PNG or JPEG is an error");
	ok(strstr(msg, "not a PNG or JPEG") != NULL, "saying so");
}

/*
 * Render Markdown md (len bytes) as a page of a made-up period, each of
 * its images the PNG.  Returns 1 when it rendered, 0 when it failed with
 * nothing but images it could not place (an absolute URL), -1 otherwise;
 * the package goes to pkg, and on -1 the first message to *err (in a
 * static buffer, see fx_first_diag(); "" otherwise).
 */
static int
render_md(const char *md, size_t len, struct buf *pkg, const char **err)
{
	struct diag d = DIAG_INIT;
	struct doc *doc = fx_page(md, len, &d);
	size_t i;
	int rc = -1;

	if (doc->ok) {
		rc = render_with(pkg, doc, fx_source_bytes(S_png,
		    sizeof(S_png)), NULL, &d) == 0 ? 1 : 0;
		for (i = 0; i < d.n && rc == 0; i++)
			if (strstr(d.v[i].msg, "cannot read image") == NULL)
				rc = -1;
	}
	*err = rc < 0 ? fx_first_diag(&d) : "";
	doc_free(doc);
	diag_free(&d);
	return rc;
}

static void
test_corpus(void)
{
	const char *err;
	struct buf pkg = BUF_INIT;
	char *dir, **names, name[512], *md, *p;
	size_t len;
	xmlDocPtr x;
	int i, n, rc;

	if ((n = fx_corpus(&dir, &names)) < 0)
		return;
	ok(n > 0, "the corpus has Markdown files");
	for (i = 0; i < n; i++) {
		if ((md = fx_read(dir, names[i], &len)) == NULL) {
			snprintf(name, sizeof(name), "corpus %s reads",
			    names[i]);
			ok(0, name);
			continue;
		}
		buf_reset(&pkg);
		rc = render_md(md, len, &pkg, &err);
		snprintf(name, sizeof(name), "corpus %s renders (or only its "
		    "remote images fail)", names[i]);
		if (!ok(rc >= 0, name))
			printf("#   %s\n", err);
		if (rc == 0) {
			/* the images as links, to have the rest */
			for (p = md; (p = strstr(p, "![")) != NULL; p++)
				*p = ' ';
			buf_reset(&pkg);
			rc = render_md(md, len, &pkg, &err);
			snprintf(name, sizeof(name), "corpus %s renders with "
			    "its images as links", names[i]);
			ok(rc == 1, name);
		}
		if (rc == 1) {
			x = part(&pkg, "content.xml");
			snprintf(name, sizeof(name), "corpus %s: content.xml "
			    "is XML", names[i]);
			ok(x != NULL, name);
			xmlFreeDoc(x);
			valid_all(&pkg, names[i]);
		}
		free(md);
	}
	fx_names_free(names, n);
	free(dir);
	buf_free(&pkg);
}

static void
test_small(void)
{
	const char *md = "| a | b |\n|---|---|\n| ![Bild](b.png) | x |\n\n"
	    "- a\n\n  > c\n  >\n  > ```\n  > kod\n  > ```\n\n"
	    "[tom]() [](<https://example.org/a b>) [x](javascript:alert(1))\n";
	struct buf pkg = BUF_INIT;
	const char *err;
	xmlDocPtr x;

	ok(render_md(md, strlen(md), &pkg, &err) == 1, "a small page renders");
	x = part(&pkg, "content.xml");
	is_xp(x, "string(//table:table-cell//draw:frame/@svg:width)",
	    "7.800cm", "an image in a cell fits its column");
	is_xp(x, "string(//text:list-item/text:p[2]/@text:style-name)",
	    "Quotations", "a quote in a list item");
	is_xp(x, "string(//text:list-item/text:p[3]/@text:style-name)",
	    "Preformatted_20_Text", "code in a list item");
	is_xp(x, "count(//text:a)", "1", "links without a URL or with an "
	    "unsafe one are text");
	is_xp(x, "string(//text:a/@xlink:href)", "https://example.org/a%20b",
	    "a URL with a space is encoded");
	is_xp(x, "string(//text:a)", "https://example.org/a%20b",
	    "a link without text shows its URL");
	is_xp(x, "count(//text:p[contains(., 'javascript')])", "0",
	    "an unsafe URL is not shown");
	xmlFreeDoc(x);
	valid_all(&pkg, "small page");
	buf_free(&pkg);
}

static void
test_pathological(void)
{
	struct buf md = BUF_INIT, pkg = BUF_INIT;
	const char *err;
	xmlDocPtr x;
	time_t t0 = time(NULL);
	int i;

	for (i = 0; i < 5000; i++)
		buf_puts(&md, "> ");
	buf_puts(&md, "quote\n\n");
	for (i = 0; i < 300; i++) {
		buf_printf(&md, "%*s- level %d\n", i * 2, "", i);
	}
	buf_puts(&md, "\n");
	for (i = 0; i < 2000; i++)
		buf_puts(&md, "*a **b ");
	buf_puts(&md, "\n\n");
	for (i = 0; i < 300; i++)
		buf_printf(&md, "x[^%d] ", i);
	buf_puts(&md, "\n\n");
	for (i = 0; i < 300; i++)
		buf_printf(&md, "[^%d]: note %d [^%d]\n", i, i, (i + 1) % 300);
	buf_puts(&md, "\nctrl \x01\x02 \xef\xbf\xbe end\n");
	ok(render_md(md.ptr, md.len, &pkg, &err) == 1,
	    "deep quotes, lists, spans and notes in notes render");
	ok(time(NULL) - t0 < 30, "in reasonable time");
	/* without XML_PARSE_HUGE: no deeper than libxml2's limit */
	x = part(&pkg, "content.xml");
	ok(x != NULL, "content.xml reads without a huge-depth parser");
	is_xp(x, "count(//text:note)", "300", "every note is written once");
	is_xp(x, "count(//text:note//text:note)", "0",
	    "none inside another");
	is_xp(x, "string(//text:note[@text:id='ftn300']/text:note-body)",
	    "note 299 1", "a note cited only in a note follows it");
	is_xp(x, "count(//text:p[contains(., 'level 299')])", "1",
	    "the deepest list item is there");
	is_xp(x, "count(//text:p[contains(., 'ctrl   end')])", "1",
	    "characters XML cannot hold are left out");
	xmlFreeDoc(x);
	valid(&pkg, "content.xml", "pathological");
	buf_free(&md);
	buf_free(&pkg);
}

int
main(void)
{
	struct content c;
	struct diag d = DIAG_INIT;
	struct source *src;
	char *schemas;

	/* outputs without a history carry this date: 2024-03-01 12:00 */
	setenv("SOURCE_DATE_EPOCH", "1709294400", 1);
	render_init();
	S_styles = fx_odt_styles(&S_styles_len);
	if (!ok(S_styles != NULL, "the reference styles.xml reads"))
		printf("#   %s/odt/styles.xml\n",
		    fx_env("PAKT_TEMPLATES", "templates"));
	schemas = fx_data("schema/odf1.3");
	S_rng = load_rng(schemas, "OpenDocument-v1.3-schema.rng");
	S_mrng = load_rng(schemas, "OpenDocument-v1.3-manifest-schema.rng");
	free(schemas);

	S_dir = fx_tmpdir("test-odt");
	fx_site(S_dir, S_avtal);
	fx_write(S_dir, "s/2024-2027/bilder/b.png", S_png, sizeof(S_png));
	fx_write(S_dir, "s/2024-2027/bilder/c.jpg", S_jpeg, sizeof(S_jpeg));
	src = source_fs_open(S_dir);
	if (fx_load(&c, src, &d) < 0) {
		ok(0, "the test content loads");
		printf("#   %s\n", fx_first_diag(&d));
	} else {
		test_agreement(&c);
		test_plan_focus_memo(&c);
		test_versions(&c);
		test_errors(&c);
	}
	content_free(&c);
	source_close(src);
	diag_free(&d);
	if (fx_rmtree(S_dir) < 0)
		printf("# cannot remove %s\n", S_dir);
	free(S_dir);

	test_small();
	test_corpus();
	test_pathological();

	free(S_styles);
	if (S_rng != NULL)
		xmlRelaxNGFree(S_rng);
	if (S_mrng != NULL)
		xmlRelaxNGFree(S_mrng);
	xmlCleanupParser();
	return tap_done();
}
