/*
 * url.h - the allow-list of URLs that may reach any output.
 */
#ifndef PAKT_URL_H
#define PAKT_URL_H

/*
 * Whether url may appear in the output: no scheme (relative or a
 * fragment) or one of http, https, mailto, tel.  ASCII control
 * characters and spaces are ignored when looking for the scheme, as
 * browsers do, and anything before a colon that is not an allowed
 * scheme makes the URL unsafe.  An http or https URL must also go on
 * with "//" and a valid host and port (no empty label, no forbidden
 * character, a numeric host as four numbers up to 255), so what is
 * written is a valid URL.
 */
int	 url_is_safe(const char *url);

#endif
