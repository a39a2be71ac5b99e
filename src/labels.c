/*
 * labels.c - the words pakt puts around a document.
 */
#include "labels.h"

#include <stdio.h>
#include <string.h>

#include "template.h"

struct lbl {
	const char	*key, *sv, *en;
};

static const struct lbl S_labels[] = {
	{ "skip", "Hoppa till innehållet", "Skip to content" },
	{ "home", "Startsida", "Home" },
	{ "breadcrumb", "Du är här", "You are here" },
	{ "toc", "Innehåll", "Contents" },
	{ "details", "Uppgifter om dokumentet", "About this document" },
	{ "reference", "Diarienummer", "Reference" },
	{ "date", "Datum", "Date" },
	{ "contacts", "Kontaktpersoner", "Contacts" },
	{ "period", "Period", "Period" },
	{ "periods", "Perioder", "Periods" },
	{ "parties", "Parter", "Parties" },
	{ "type", "Dokumenttyp", "Document type" },
	{ "review_by", "Revideras senast", "Review by" },
	{ "signatures", "Underskrifter", "Signatures" },
	{ "place_date", "Ort och datum", "Place and date" },
	{ "signature", "Underskrift", "Signature" },
	{ "draft", "UTKAST", "DRAFT" },
	{ "draft_note", "Detta är ett utkast. Det är inte undertecknat och "
	  "kan komma att ändras.", "This is a draft. It has not been signed "
	  "and may change." },
	{ "actions", "Åtgärder", "Actions" },
	{ "actions_by_focus", "Åtgärder per fokusområde",
	  "Actions by focus area" },
	{ "actions_here", "Åtgärder inom fokusområdet",
	  "Actions in this focus area" },
	{ "no_actions", "Åtgärdsplanen har ännu inga åtgärder inom det här "
	  "fokusområdet.", "The action plan has no actions in this focus "
	  "area yet." },
	{ "action", "Åtgärd", "Action" },
	{ "owners", "Ansvariga", "Responsible" },
	{ "timeframe", "Tidsram", "Time frame" },
	{ "indicator", "Indikator", "Indicator" },
	{ "status", "Status", "Status" },
	{ "focus_area", "Fokusområde", "Focus area" },
	{ "documents", "Dokument", "Documents" },
	{ "no_documents", "Perioden har inga dokument ännu.",
	  "This period has no documents yet." },
	{ "series", "Samverkansöverenskommelser", "Cooperation agreements" },
	{ "download", "Ladda ner", "Download" },
	{ "read_html", "Läs på webben", "Read online" },
	{ "footnotes", "Fotnoter", "Footnotes" },
	{ "backref", "Tillbaka till texten, fotnot", "Back to the text, note" },
	{ "generated", "Sidan är skapad med pakt.", "Made with pakt." },
	{ "copies_pre", "Denna överenskommelse har upprättats i",
	  "This agreement has been drawn up in" },
	{ "copies_post", "exemplar, av vilka parterna har tagit var sitt.",
	  "copies, of which each party has taken one." },
	{ "latest", "Senaste period", "Latest period" },
	{ "version", "Version", "Version" },
	{ "uncommitted", "ej incheckad", "uncommitted" },
	{ "uncommitted_change", "Ändringar som ännu inte är incheckade",
	  "Changes not yet committed" },
	{ "revisions", "Revisionshistorik", "Revision history" },
	{ "rev_author", "Författare", "Author" },
	{ "rev_change", "Ändring", "Change" },
	{ "rev_commit", "Incheckning", "Commit" },
	{ "older_note", "Detta är en äldre version av dokumentet.",
	  "This is an earlier version of the document." },
	{ "newest_link", "Gå till den senaste versionen",
	  "Go to the latest version" },
	{ "state", "Status", "State" },
	{ "state_draft", "Utkast", "Draft" },
	{ "state_signed", "Undertecknad", "Signed" },
	{ "state_superseded", "Ersatt", "Superseded" },
	{ "state_expired", "Upphörd", "Expired" },
	{ "draft_of", "Utkast till version", "Draft of version" },
	{ "signed_on", "undertecknad", "signed on" },
	{ "superseded_by", "Ersatt av perioden", "Superseded by the period" },
	{ "expired_on", "Perioden slutade", "The period ended on" },
	{ "version_word", "version", "version" },
	{ "signed_pdf", "Den undertecknade versionen (PDF)",
	  "The signed version (PDF)" },
	{ "signed_pdf_note", "Den undertecknade PDF-filen i arkivet är den "
	  "som gäller.", "The signed PDF in the archive is the authoritative "
	  "version." },
	{ "register", "Underskriftsregister", "Signature register" },
	{ "register_note", "Varje undertecknad version är arkiverad med sina "
	  "filer. SHA-256 är filens kontrollsumma; pakt verify kontrollerar "
	  "den.", "Every signed version is archived with its files. SHA-256 "
	  "is each file's checksum; pakt verify checks it." },
	{ "no_register", "Inget dokument i serien är undertecknat ännu.",
	  "No document of this series has been signed yet." },
	{ "document", "Dokument", "Document" },
	{ "signed_by", "Undertecknad av", "Signed by" },
	{ "archived_files", "Arkiverade filer", "Archived files" },
	{ "attachment", "bilaga", "attachment" },
	{ NULL, NULL, NULL }
};

static const char *const S_types_sv[DOC__MAX] = {
	"Samverkansöverenskommelse", "Fokusområde", "Åtgärdsplan",
	"Promemoria", "Sida"
};
static const char *const S_types_en[DOC__MAX] = {
	"Cooperation agreement", "Focus area", "Action plan", "Memo", "Page"
};
static const char *const S_status_en[ACTION__MAX] = {
	"planned", "ongoing", "done", "cancelled"
};
static const char *const S_num_sv[] = {
	"noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta",
	"nio", "tio", "elva", "tolv"
};
static const char *const S_num_en[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve"
};

const char *
label(const char *key, int english)
{
	const struct lbl *l;

	for (l = S_labels; l->key != NULL; l++)
		if (strcmp(l->key, key) == 0)
			return english ? l->en : l->sv;
	return key;
}

const char *
label_type(enum doc_type t, int english)
{
	if (t >= DOC__MAX)
		return "?";
	return english ? S_types_en[t] : S_types_sv[t];
}

const char *
label_status(enum action_status s, int english)
{
	if (s >= ACTION__MAX)
		return "?";
	return english ? S_status_en[s] : action_status_name(s);
}

const char *
label_number(int n, int english, char *tmp, size_t tmpsize)
{
	if (n >= 0 && n <= 12)
		return english ? S_num_en[n] : S_num_sv[n];
	snprintf(tmp, tmpsize, "%d", n);
	return tmp;
}

struct tval *
labels_tval(int english)
{
	struct tval *m = tval_map();
	const struct lbl *l;

	for (l = S_labels; l->key != NULL; l++)
		tval_set_str(m, l->key, english ? l->en : l->sv);
	return m;
}
