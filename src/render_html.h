/*
 * render_html.h - a document as template data for its HTML page.
 *
 * The renderer turns one struct doc into the values the page template
 * shows: title, letterhead, table of contents, the body as HTML, action
 * plan tables grouped by focus area, the actions of a focus area, and
 * the signature block.  site.c adds what every page has and writes it.
 */
#ifndef PAKT_RENDER_HTML_H
#define PAKT_RENDER_HTML_H

struct buf;
struct doc;
struct html_toc;
struct tval;

/* The ids of the headings of a page's furniture; an action group's
 * heading has the id in its page data's "heading_id". */
#define HTML_ID_ACTIONS		"pakt-atgarder"
#define HTML_ID_SIGNATURES	"pakt-underskrifter"
#define HTML_ID_REVISIONS	"pakt-revisioner"

/*
 * The page data of doc (which must be valid).  Returns a new map the
 * caller frees with tval_free().  When toc is not NULL it receives the
 * headings of the page in order (the table of contents before nesting:
 * the body's, item i being item i of doc->outline, then those of the
 * action tables, the signatures and the revisions), which the caller
 * frees with html_toc_free().
 */
struct tval	*html_doc_data(const struct doc *doc, struct html_toc *toc);

/*
 * The index in toc (from html_doc_data() for doc) of the heading of the
 * furniture with id, or -1.  The body's headings, which come first, are
 * passed over: one of them with the same id does not take its place.
 */
long		 html_toc_furniture(const struct html_toc *toc,
		    const struct doc *doc, const char *id);

/*
 * The state of doc (state.h) as page data for a page at from (a path
 * below the output root), or NULL when it has none: {name ("signed"),
 * text (the word, for a badge), field (the letterhead line: "Utkast
 * till version 4; version 3 undertecknad 2024-05-02"), ended (superseded
 * or expired), signed: {version, date, pdf_href (the archived PDF,
 * relative to from)} when a version is signed}.  It does not depend on
 * the files of the record, which signing lists only after rendering.
 * The caller frees it with tval_free().
 */
struct tval	*doc_state_data(const struct doc *doc, const char *from,
		    int en);
/* Whether doc shows as a draft (UTKAST): an agreement, focus area or
 * action plan that is not signed in the version built. */
int		 doc_is_draft(const struct doc *doc);

/*
 * The time the outputs of doc carry (PDF and ODT metadata), in seconds
 * since the epoch: the time of the version built (its commit, or for an
 * uncommitted one SOURCE_DATE_EPOCH or the file's mtime; history.h);
 * without a history, SOURCE_DATE_EPOCH, else 0.  Never the clock, so
 * outputs stay reproducible.
 */
long long	 doc_time(const struct doc *doc);
/* The time of doc's first version, by the same rules. */
long long	 doc_created(const struct doc *doc);

/*
 * Append to b the running footer of page data m (html_doc_data): the
 * reference, the date (when date is set) and the version, joined with
 * " · " ("KS 2024/1 · 2024-03-01 · Version 3 (a1b2c3d)").
 */
void		 doc_footer(struct buf *b, const struct tval *m, int date);

/* Where doc's outputs go, without extension (doc.h: outstem). */
const char	*doc_outstem(const struct doc *doc);

/*
 * The URL that a link in doc to url becomes in an output with extension
 * ext ("html", "pdf", "odt"): a link to another document (a relative
 * "x.md", maybe with "#frag") leads to that document's output beside
 * this one ("x.ext#frag"), or, when base_url is not NULL or empty, to
 * its page on the website; any other URL stays as it is.  Returns a
 * new string the caller frees.
 */
char		*doc_link_url(const struct doc *doc, const char *url,
		    const char *ext, const char *base_url);

/* The output path of doc's page: its output stem with ".html".  The
 * caller frees it. */
char		*doc_html_path(const struct doc *doc);

#endif
