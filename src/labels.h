/*
 * labels.h - the words pakt puts around a document, in Swedish and English.
 *
 * A document (or the site) says "language: en" to get English labels;
 * Swedish is the default.  Templates see them as {{l.key}}.
 */
#ifndef PAKT_LABELS_H
#define PAKT_LABELS_H

#include "meta.h"

struct tval;

/* The label for key in the language, or key itself when unknown. */
const char	*label(const char *key, int english);
/* The name of a document type ("Samverkansöverenskommelse"). */
const char	*label_type(enum doc_type t, int english);
/* The name of an action status ("pågår" / "ongoing"). */
const char	*label_status(enum action_status s, int english);
/* A small number as a word ("två", "two"); digits past twelve. */
const char	*label_number(int n, int english, char *tmp, size_t tmpsize);
/* Every label as a map, for templates.  The caller frees it. */
struct tval	*labels_tval(int english);

#endif
