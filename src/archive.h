/*
 * archive.h - kept only for render_html.c, which still includes it.
 *
 * The archive's records and the states of documents are in record.h and
 * state.h, signing in sign.h, verifying in verify.h.  Once render_html.c
 * includes state.h, remove this file.
 */
#ifndef PAKT_ARCHIVE_H
#define PAKT_ARCHIVE_H

#include "state.h"

#endif
