/*
 * test_pdfdoc.c - unit tests for the tagged PDF/A writer: fonts and
 * widths, glyph fallback, images good and bad, the structure tree, links,
 * bookmarks, page labels, reproducibility, and the external validators:
 * pdfinfo and pdffonts, and the checkers tests/bin/pdf-check and
 * tests/bin/pdfa-check (PDF/A-2b and PDF/UA-1), found by fx_tool(); a
 * missing one makes the test fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "pdfdoc.h"

#include "fixture.h"
#include "tap.h"

/* A 16 x 16 baseline RGB JPEG. */
static const unsigned char jpeg_rgb[] = {
	0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x03, 0x02, 0x02, 0x02, 0x02,
	0x02, 0x03, 0x02, 0x02, 0x02, 0x03, 0x03, 0x03, 0x03, 0x04, 0x06, 0x04,
	0x04, 0x04, 0x04, 0x04, 0x08, 0x06, 0x06, 0x05, 0x06, 0x09, 0x08, 0x0a,
	0x0a, 0x09, 0x08, 0x09, 0x09, 0x0a, 0x0c, 0x0f, 0x0c, 0x0a, 0x0b, 0x0e,
	0x0b, 0x09, 0x09, 0x0d, 0x11, 0x0d, 0x0e, 0x0f, 0x10, 0x10, 0x11, 0x10,
	0x0a, 0x0c, 0x12, 0x13, 0x12, 0x10, 0x13, 0x0f, 0x10, 0x10, 0x10, 0xff,
	0xdb, 0x00, 0x43, 0x01, 0x03, 0x03, 0x03, 0x04, 0x03, 0x04, 0x08, 0x04,
	0x04, 0x08, 0x10, 0x0b, 0x09, 0x0b, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
	0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
	0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
	0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
	0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0xff, 0xc0, 0x00, 0x11,
	0x08, 0x00, 0x10, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01,
	0x03, 0x11, 0x01, 0xff, 0xc4, 0x00, 0x16, 0x00, 0x01, 0x01, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x07, 0x04, 0x05, 0xff, 0xc4, 0x00, 0x24, 0x10, 0x00, 0x01, 0x04, 0x01,
	0x04, 0x02, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x03, 0x04, 0x06, 0x05, 0x07, 0x08, 0x12, 0x13, 0x11, 0x22,
	0x00, 0x14, 0x09, 0x31, 0x32, 0xff, 0xc4, 0x00, 0x15, 0x01, 0x01, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x06, 0xff, 0xc4, 0x00, 0x23, 0x11, 0x00, 0x01, 0x02,
	0x05, 0x03, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x02, 0x11, 0x03, 0x04, 0x05, 0x06, 0x21, 0x00, 0x12, 0x31,
	0x15, 0x16, 0x61, 0x81, 0xe1, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00,
	0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0x14, 0xa6, 0xd2, 0x6a, 0x1b,
	0x73, 0xc1, 0xe6, 0x13, 0x12, 0xd4, 0x95, 0x1c, 0xf3, 0x11, 0x63, 0xe4,
	0x25, 0x65, 0xbe, 0xba, 0x5a, 0xec, 0x69, 0x45, 0x40, 0xb1, 0xe5, 0x20,
	0xb2, 0x54, 0xa5, 0x1f, 0xd2, 0xca, 0xb8, 0xfa, 0xf2, 0x20, 0xab, 0x96,
	0x3d, 0x97, 0x6c, 0x93, 0x35, 0xe6, 0x9b, 0x77, 0xd7, 0xe6, 0x6d, 0xa7,
	0x17, 0x81, 0xa5, 0x57, 0x1c, 0x7f, 0x1c, 0xea, 0x71, 0xe2, 0x4b, 0x39,
	0xd7, 0xe3, 0x22, 0x53, 0xf2, 0x1a, 0x69, 0xde, 0xd4, 0x71, 0x4a, 0x38,
	0xb4, 0x82, 0xe8, 0x4b, 0x89, 0x2a, 0x71, 0x69, 0x1e, 0xcd, 0x2d, 0x21,
	0x3b, 0xf1, 0xef, 0xb9, 0x1a, 0x74, 0xac, 0xee, 0xa1, 0x5a, 0x75, 0x8e,
	0xd5, 0x48, 0xac, 0x65, 0x5b, 0x85, 0x8b, 0x81, 0x85, 0x7b, 0x21, 0x29,
	0x98, 0x67, 0xa9, 0x6b, 0x94, 0xb9, 0x49, 0x65, 0x4f, 0xb9, 0xc8, 0x85,
	0x29, 0x11, 0x4b, 0x81, 0x2a, 0xf0, 0x7a, 0xd9, 0xf2, 0x3c, 0x80, 0x7e,
	0x55, 0xbe, 0x0d, 0xf6, 0x62, 0xa1, 0x40, 0xcc, 0xe8, 0xe6, 0x9a, 0x3d,
	0x5c, 0xb7, 0x43, 0xb3, 0xd7, 0x7a, 0x65, 0x58, 0xb1, 0xd9, 0x51, 0x21,
	0x88, 0xbf, 0x64, 0xb8, 0xd3, 0xf1, 0xc3, 0x68, 0x04, 0x29, 0xc0, 0xd0,
	0xfe, 0xbb, 0x3c, 0x02, 0xe0, 0x3c, 0x54, 0x07, 0xb4, 0xbd, 0xd9, 0x7b,
	0x54, 0xe6, 0x27, 0xfb, 0x6e, 0xdf, 0x94, 0x60, 0x14, 0x82, 0x62, 0x13,
	0x8d, 0xb8, 0x52, 0x98, 0x28, 0x37, 0x05, 0x89, 0x72, 0x79, 0x60, 0xe4,
	0x32, 0x89, 0x6f, 0xc3, 0x82, 0x8e, 0xa7, 0x52, 0x8c, 0xea, 0x20, 0x8d,
	0xbe, 0x78, 0x19, 0x1f, 0x07, 0xad, 0x7f, 0xff, 0xd9,
};

static const char *const cells[] = {
	"Part", "Andel", "Åre kommun", "40 %", "Östersunds kommun", "60 %"
};

/* Fonts, widths and what happens to characters the font lacks. */
static void
test_fonts(void)
{
	struct pdf_info info;
	struct pdfdoc *p;
	const char *e;
	double wa, waa, wq, wcjk, wemoji;
	int f, f2, fb, bad;

	memset(&info, 0, sizeof(info));
	p = pdf_new(&info);
	ok(p != NULL, "pdf_new");
	f = pdf_font(p, "Liberation Sans", 0, 0);
	ok(f >= 0, "Liberation Sans loads");
	f2 = pdf_font(p, "liberation sans", 0, 0);
	ok(f2 == f, "the same file twice gives the same font number");
	fb = pdf_font(p, "Liberation Sans", 1, 0);
	ok(fb >= 0 && fb != f, "bold is another font");
	bad = pdf_font(p, "Foo Sans", 0, 0);
	e = pdf_error(p);
	ok(bad == -1, "an unknown family gives -1");
	ok(e != NULL && strstr(e, "font family 'Foo Sans' is not "
	    "installed (fontconfig offers '") != NULL,
	    "an unknown family says what fontconfig offers");
	if (e != NULL)
		printf("# %s\n", e);
	ok(pdf_font(p, "Foo Sans", 0, 0) == -1, "and again (cached)");

	wa = pdf_text_width(p, f, "a", 1);
	waa = pdf_text_width(p, f, "aa", 2);
	ok(wa > 0.3 && wa < 0.7, "width of 'a' is about half an em");
	ok(waa == 2 * wa, "width(aa) == 2 * width(a)");
	ok(pdf_text_width(p, fb, "a", 1) >= wa, "bold is not narrower");
	ok(pdf_text_width(p, f, "a\n\tb", 4) == pdf_text_width(p, f, "ab",
	    2), "control characters are dropped");
	ok(pdf_text_width(p, f, "ab", 1) == wa, "len is respected");
	wq = pdf_text_width(p, f, "\xef\xbf\xbd", 3);
	wcjk = pdf_text_width(p, f, "\xe4\xb8\xad", 3);	/* U+4E2D */
	wemoji = pdf_text_width(p, f, "\xf0\x9f\x98\x80", 4);
	ok(wq > 0, "the replacement character has a width");
	ok(wcjk == wq, "a missing glyph is measured as the replacement");
	ok(wemoji == wq, "a character outside the BMP likewise");
	ok(pdf_text_width(p, f, "\xff", 1) == wq &&
	    pdf_text_width(p, f, "\xc3", 1) == wq,
	    "broken UTF-8 likewise");
	ok(pdf_text_width(p, f, "\xc3\xa5", 2) > 0, "å has a glyph");
	ok(pdf_font_ascent(p, f) > 0.5 && pdf_font_ascent(p, f) < 1.2,
	    "ascent");
	ok(pdf_font_descent(p, f) < 0 && pdf_font_descent(p, f) > -0.5,
	    "descent");
	pdf_free(p);
}

/* Mistakes of the caller make pdf_save() fail with a message. */
static void
test_misuse(void)
{
	struct buf out = BUF_INIT;
	struct pdfdoc *p;
	int f, pg, el;

	p = pdf_new(NULL);
	f = pdf_font(p, "Liberation Sans", 0, 0);
	pg = pdf_page(p, 595.276, 841.89);
	el = pdf_elem(p, 0, "P");
	ok(pdf_elem(p, 0, "Paragraph") == -1, "a non-standard type is refused");
	ok(pdf_elem(p, 99, "P") == -1, "an unknown parent is refused");
	pdf_mark(p, pg, el);
	pdf_text(p, pg, 56, 700, f, 11, 0, "Text", 4);
	pdf_unmark(p, pg);
	ok(pdf_save(p, NULL, 0, &out) == -1 && out.len == 0,
	    "pdf_save fails after a mistake");
	is_str(pdf_error(p), "pdf_elem: 'Paragraph' is not a standard "
	    "structure type", "and names the first mistake");
	pdf_free(p);

	p = pdf_new(NULL);
	f = pdf_font(p, "Liberation Sans", 0, 0);
	pg = pdf_page(p, 595.276, 841.89);
	el = pdf_elem(p, 0, "P");
	pdf_mark(p, pg, el);
	pdf_artifact(p, pg, "Layout", NULL);
	ok(pdf_save(p, NULL, 0, &out) == -1 && pdf_error(p) != NULL &&
	    strstr(pdf_error(p), "does not nest") != NULL,
	    "marked content does not nest");
	pdf_free(p);

	p = pdf_new(NULL);
	pg = pdf_page(p, 595.276, 841.89);
	pdf_mark(p, pg, 0);
	ok(pdf_save(p, NULL, 0, &out) == -1 && pdf_error(p) != NULL &&
	    strstr(pdf_error(p), "left open") != NULL,
	    "marked content must be closed");
	pdf_free(p);
	buf_free(&out);
}

/* Draw a line of text in element elem on page pg. */
static void
line(struct pdfdoc *p, int pg, int elem, int font, double x, double y,
    const char *s)
{
	pdf_mark(p, pg, elem);
	pdf_text(p, pg, x, y, font, 11, 0x000000, s, strlen(s));
	pdf_unmark(p, pg);
}

/* Header, footer and watermark of page pg. */
static void
furniture(struct pdfdoc *p, int pg, int font)
{
	char num[32];

	pdf_artifact(p, pg, "Pagination", "Watermark");
	pdf_text_rotated(p, pg, 150, 300, 54.7, font, 80, 0xDDDDDD,
	    "UTKAST", 6);
	pdf_unmark(p, pg);
	pdf_artifact(p, pg, "Pagination", "Header");
	pdf_text(p, pg, 56, 800, font, 9, 0x555555, "Dnr 2024/17", 11);
	pdf_line(p, pg, 56, 794, 539, 794, 0.5, 0x999999);
	pdf_unmark(p, pg);
	pdf_artifact(p, pg, "Pagination", "Footer");
	snprintf(num, sizeof(num), "%d (2)", pg + 1);
	pdf_text(p, pg, 500, 30, font, 9, 0x555555, num, strlen(num));
	pdf_unmark(p, pg);
}

/*
 * Build the sample document into out.  With check set, assert what the
 * calls return on the way.  Returns what pdf_save() returns.
 */
static int
build(struct buf *out, int check)
{
	struct pdf_info info;
	struct pdfdoc *p;
	const char *e;
	unsigned w = 0, h = 0;
	int f, fb, fm, p0, p1, h1, para, lnk, lnk2, list, li, lbl, lbody;
	int tab, tr = 0, cell, fig, fig2, png, jpg, note, toc, toci, tl;
	int d0, d1, o1, rc, i, bad;
	unsigned char broken[sizeof(fx_png_rgba)];

	memset(&info, 0, sizeof(info));
	info.title = "Avtal om samverkan – Åre och Östersund";
	info.author = "Åre kommun, Östersunds kommun";
	info.subject = "Samverkan om <drift> & \"underhåll\"";
	info.keywords = "Dnr 2024/17; 2024–2027";
	info.creator = "pakt 0.1.0";
	info.lang = "sv-SE";
	info.created = 1715941800;	/* 2024-05-17 10:30 UTC */
	info.modified = 1718613000;
	if ((p = pdf_new(&info)) == NULL)
		return -1;
	f = pdf_font(p, "Liberation Sans", 0, 0);
	fb = pdf_font(p, "Liberation Sans", 1, 0);
	fm = pdf_font(p, "Liberation Mono", 0, 0);
	if (check)
		ok(f >= 0 && fb >= 0 && fm >= 0, "three fonts");

	png = pdf_image(p, fx_png_rgba, sizeof(fx_png_rgba), &w, &h);
	if (check)
		ok(png >= 0 && w == 8 && h == 8, "PNG with alpha loads");
	jpg = pdf_image(p, jpeg_rgb, sizeof(jpeg_rgb), &w, &h);
	if (check)
		ok(jpg >= 0 && w == 16 && h == 16, "JPEG loads");
	bad = pdf_image(p, "GIF89a garbage", 14, &w, &h);
	e = pdf_error(p);
	if (check) {
		ok(bad == -1, "garbage is not an image");
		is_str(e, "unsupported image format (only PNG and JPEG can "
		    "go into the PDF)", "and pdf_error() says so");
	}
	bad = pdf_image(p, fx_png_rgba, 100, &w, &h);
	e = pdf_error(p);
	if (check) {
		ok(bad == -1 && e != NULL, "a truncated PNG is refused");
		printf("# %s\n", e ? e : "(null)");
	}
	memcpy(broken, fx_png_rgba, sizeof(broken));
	broken[60] ^= 0x55;
	bad = pdf_image(p, broken, sizeof(broken), &w, &h);
	e = pdf_error(p);
	if (check) {
		ok(bad == -1 && e != NULL, "a PNG with broken data is refused");
		printf("# %s\n", e ? e : "(null)");
	}
	bad = pdf_image(p, jpeg_rgb, sizeof(jpeg_rgb) - 40, &w, &h);
	e = pdf_error(p);
	if (check) {
		ok(bad == -1 && e != NULL, "a truncated JPEG is refused");
		printf("# %s\n", e ? e : "(null)");
	}

	p0 = pdf_page(p, 595.276, 841.89);
	p1 = pdf_page(p, 595.276, 841.89);
	if (check)
		ok(p0 == 0 && p1 == 1, "two pages");
	d0 = pdf_dest(p, p0, 780);
	d1 = pdf_dest(p, p1, 780);
	furniture(p, p0, f);

	h1 = pdf_elem(p, 0, "H1");
	line(p, p0, h1, fb, 56, 760, "Avtal om samverkan – Åre");

	/* a paragraph with a URI link and an internal link */
	para = pdf_elem(p, 0, "P");
	lnk = pdf_elem(p, para, "Link");
	lnk2 = pdf_elem(p, para, "Link");
	line(p, p0, para, f, 56, 730, "Parterna är överens. Läs mer på ");
	line(p, p0, lnk, f, 216, 730, "www.example.se");
	pdf_link(p, p0, 216, 727, 80, 14, lnk, "https://www.example.se/sök "
	    "här?a=1", -1, "Kommunens webbplats");
	line(p, p0, para, f, 300, 730, " och i ");
	line(p, p0, lnk2, f, 336, 730, "bilagan");
	pdf_link(p, p0, 336, 727, 40, 14, lnk2, NULL, d1, NULL);

	/* a list */
	list = pdf_elem(p, 0, "L");
	for (i = 0; i < 2; i++) {
		li = pdf_elem(p, list, "LI");
		lbl = pdf_elem(p, li, "Lbl");
		lbody = pdf_elem(p, li, "LBody");
		pdf_elem_actual(p, lbl, "•");
		line(p, p0, lbl, f, 56, 700 - 16 * i, "•");
		line(p, p0, lbody, f, 70, 700 - 16 * i, i == 0 ?
		    "“Citat” med en–streck" : "ÅÄÖ åäö é ü § 1–2");
	}

	/* a table with a header row */
	tab = pdf_elem(p, 0, "Table");
	for (i = 0; i < 6; i++) {
		if (i % 2 == 0)
			tr = pdf_elem(p, tab, "TR");
		cell = pdf_elem(p, tr, i < 2 ? "TH" : "TD");
		if (i < 2)
			pdf_elem_scope(p, cell, 1);
		pdf_artifact(p, p0, "Layout", NULL);
		pdf_rect(p, p0, 56 + 150 * (i % 2), 640 - 18 * (i / 2), 150,
		    18, i < 2 ? 0xEEEEEE : 0xFFFFFF);
		pdf_unmark(p, p0);
		line(p, p0, cell, i < 2 ? fb : f, 60 + 150 * (i % 2),
		    645 - 18 * (i / 2), cells[i]);
	}

	/* figures */
	fig = pdf_elem(p, 0, "Figure");
	pdf_elem_alt(p, fig, "Kommunens logotyp");
	pdf_mark(p, p0, fig);
	pdf_draw_image(p, p0, png, 56, 500, 48, 48);
	pdf_unmark(p, p0);
	fig2 = pdf_elem(p, 0, "Figure");
	pdf_elem_alt(p, fig2, "Karta över Åre");
	pdf_mark(p, p0, fig2);
	pdf_draw_image(p, p0, jpg, 120, 500, 48, 48);
	pdf_unmark(p, p0);

	/* characters the font lacks must not break anything */
	para = pdf_elem(p, 0, "P");
	line(p, p0, para, f, 56, 470, "Saknas: \xe4\xb8\xad \xf0\x9f\x98\x80 "
	    "\xff slut");
	/* a paragraph that goes on to the next page */
	line(p, p0, para, fm, 56, 450, "Kod: x := 1");

	furniture(p, p1, f);
	line(p, p1, para, f, 56, 760, "fortsättning på sidan två");
	note = pdf_elem(p, 0, "Note");
	line(p, p1, note, f, 56, 100, "1. En fotnot.");
	toc = pdf_elem(p, 0, "TOC");
	toci = pdf_elem(p, toc, "TOCI");
	tl = pdf_elem(p, toci, "Link");
	line(p, p1, tl, f, 56, 700, "Avtal om samverkan 1");
	pdf_link(p, p1, 56, 697, 200, 14, tl, NULL, d0, "Till rubriken");

	o1 = pdf_outline(p, -1, "Avtal om samverkan – Åre", d0);
	pdf_outline(p, o1, "Bilaga: Östersund", d1);
	pdf_outline(p, -1, "Övrigt", d1);
	pdf_page_label(p, 0, 1, NULL);
	if (check)
		ok(pdf_error(p) != NULL && strstr(pdf_error(p), "JPEG") !=
		    NULL, "pdf_error() keeps the last message");

	rc = pdf_save(p, "seed", 4, out);
	if (check && rc < 0)
		printf("# pdf_save: %s\n", pdf_error(p));
	pdf_free(p);
	return rc;
}

/*
 * Check the saved file with pdfinfo, pdffonts, pdf-check and pdfa-check;
 * a tool that is missing fails its checks.
 */
static void
test_validators(const struct buf *pdf)
{
	char *pdfinfo = fx_tool("pdfinfo"), *pdffonts = fx_tool("pdffonts");
	char *pdfcheck = fx_tool("pdf-check");
	char *pdfacheck = fx_tool("pdfa-check");
	char *path, *cmd, *out, *s;
	size_t i;
	int inorder;

	if ((path = fx_tmpfile("pdfdoc", ".pdf", pdf->ptr, pdf->len)) ==
	    NULL) {
		ok(0, "write the PDF to a temporary file");
		goto out;
	}

	out = NULL;
	if (pdfinfo != NULL) {
		cmd = xasprintf("'%s' '%s' 2>&1", pdfinfo, path);
		out = fx_run(cmd);
		free(cmd);
	}
	ok(out != NULL && strstr(out, "Tagged:") != NULL &&
	    strstr(strstr(out, "Tagged:"), "yes") != NULL, "Tagged: yes");
	ok(out != NULL && strstr(out, "Title:") != NULL &&
	    strstr(out, "Avtal om samverkan – Åre och Östersund") != NULL,
	    "pdfinfo shows the title");
	ok(out != NULL && strstr(out, "Pages:") != NULL, "pdfinfo pages");
	free(out);

	out = NULL;
	if (pdfinfo != NULL) {
		cmd = xasprintf("'%s' -struct-text '%s' 2>&1", pdfinfo, path);
		out = fx_run(cmd);
		free(cmd);
	}
	ok(out != NULL && strstr(out, "Avtal om samverkan – Åre") != NULL,
	    "the structure tree has the heading text");
	inorder = out != NULL;
	for (i = 0, s = out; inorder && i < 6; i++)
		if ((s = strstr(s, cells[i])) == NULL)
			inorder = 0;
	ok(inorder, "table cells come in order in the structure tree");
	ok(out != NULL && strstr(out, "Note") != NULL &&
	    strstr(out, "TOCI") != NULL && strstr(out, "Figure") != NULL,
	    "Note, TOCI and Figure elements");
	ok(out != NULL && strstr(out, "fortsättning på sidan två") != NULL,
	    "a paragraph across two pages");
	if (out == NULL || !inorder)
		printf("# %s\n", out ? out : "(pdfinfo -struct-text failed)");
	free(out);

	/* three fonts, each "emb sub uni" */
	out = NULL;
	if (pdffonts != NULL) {
		cmd = xasprintf("'%s' '%s' | awk 'NR > 2 && "
		    "$(NF-4) $(NF-3) $(NF-2) == \"yesyesyes\"' | wc -l",
		    pdffonts, path);
		out = fx_run(cmd);
		free(cmd);
	}
	ok(out != NULL && atoi(out) == 3,
	    "pdffonts: embedded, subset, with Unicode maps");
	free(out);

	/* the checkers say why they fail on standard error */
	if (pdfcheck != NULL) {
		cmd = xasprintf("'%s' '%s' "
		    "'Avtal om samverkan – Åre' 'Parterna är överens' "
		    "'www.example.se' '“Citat” med en–streck' "
		    "'Östersunds kommun' 'fortsättning på sidan två' >&2",
		    pdfcheck, path);
		ok(system(cmd) == 0, "pdf-check");
		free(cmd);
	} else
		ok(0, "pdf-check");
	if (pdfacheck != NULL) {
		cmd = xasprintf("'%s' '%s' >&2", pdfacheck, path);
		ok(system(cmd) == 0, "pdfa-check: PDF/A-2b and PDF/UA-1");
		free(cmd);
	} else
		ok(0, "pdfa-check: PDF/A-2b and PDF/UA-1");
	if (getenv("KEEP_PDF") != NULL)
		printf("# kept %s\n", path);
	else
		unlink(path);
	free(path);
out:
	free(pdfinfo);
	free(pdffonts);
	free(pdfcheck);
	free(pdfacheck);
}

int
main(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int rc;

	test_fonts();
	test_misuse();
	rc = build(&a, 1);
	ok(rc == 0, "pdf_save returns 0");
	ok(a.len > 8 && memcmp(a.ptr, "%PDF-1.7", 8) == 0,
	    "the file starts with %PDF-1.7");
	ok(build(&b, 0) == 0 && a.len == b.len &&
	    memcmp(a.ptr, b.ptr, a.len) == 0,
	    "two identical builds give identical bytes");
	if (rc == 0)
		test_validators(&a);
	buf_free(&a);
	buf_free(&b);
	return tap_done();
}
