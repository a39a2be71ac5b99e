/*
 * url.c - which URLs may reach any output: the one allow-list of pakt.
 *
 * The content checks, the HTML body, the PDF and the ODT all ask
 * url_is_safe() before they write a link or an image; see url.h.
 */
#include "url.h"

#include <string.h>

static int
S_is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
S_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
S_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Whether host (len bytes) is a host name a browser and the HTML
 * checkers accept: labels separated by dots, none empty but a last one
 * after a final dot, no character forbidden in a domain; when the last
 * label is a number, four numbers from 0 to 255.
 */
static int
S_host_ok(const char *host, size_t len)
{
	static const char forbidden[] = "#%/:<>?@[\\]^|";
	size_t i, label = 0, labels = 0, last = 0;
	int digits = 1;
	long v;

	if (len == 0)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i == len || host[i] == '.') {
			if (i == label && !(i == len && labels > 0))
				return 0;
			if (i > label) {
				last = label;
				labels++;
			}
			label = i + 1;
			continue;
		}
		if ((unsigned char)host[i] <= 0x20 ||
		    (unsigned char)host[i] == 0x7f ||
		    strchr(forbidden, host[i]) != NULL)
			return 0;
	}
	/* The last label, and whether it is a number. */
	for (i = last; i < len && host[i] != '.'; i++)
		if (!S_is_digit(host[i]))
			digits = 0;
	if (!digits)
		return 1;
	if (labels != 4)
		return 0;
	for (i = 0; i < len; i = label + 1) {
		for (label = i, v = 0; label < len && host[label] != '.'; label++) {
			if (!S_is_digit(host[label]) || label - i > 2)
				return 0;
			v = v * 10 + (host[label] - '0');
		}
		if (v > 255)
			return 0;
	}
	return 1;
}

/*
 * Whether rest, what follows "http:" or "https:", starts with "//" and
 * an authority whose host and port are valid.
 */
static int
S_authority_ok(const char *rest)
{
	const char *a, *end, *at, *host, *colon;
	size_t len;

	if (strncmp(rest, "//", 2) != 0)
		return 0;
	a = rest + 2;
	len = strcspn(a, "/?#");
	end = a + len;
	host = a;
	for (at = a; at < end; at++)
		if (*at == '@')
			host = at + 1;
	if (*host == '[') {
		/* An IPv6 address: hex digits, colons and dots. */
		for (colon = host + 1; colon < end && *colon != ']'; colon++)
			if (!S_is_hex(*colon) && *colon != ':' && *colon != '.')
				return 0;
		if (colon == end || colon == host + 1)
			return 0;
		colon++;
	} else {
		for (colon = host; colon < end && *colon != ':'; colon++)
			continue;
		if (!S_host_ok(host, (size_t)(colon - host)))
			return 0;
	}
	if (colon < end && *colon++ != ':')
		return 0;
	for (; colon < end; colon++)
		if (!S_is_digit(*colon))
			return 0;
	return 1;
}

int
url_is_safe(const char *url)
{
	static const char *const schemes[] = {
		"http", "https", "mailto", "tel",
	};
	const unsigned char *p;
	char scheme[8];
	size_t n = 0, i;

	if (url == NULL)
		return 0;
	/*
	 * The scheme is what comes before the first colon, unless a
	 * slash, question mark or number sign comes first: then there is
	 * none and the URL is relative.  Anything else before a colon,
	 * even what a browser would not take for a scheme, must be one
	 * of the allowed ones.
	 */
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f)
			continue;
		if (*p == '/' || *p == '?' || *p == '#')
			return 1;
		if (*p == ':')
			break;
		if (n < sizeof(scheme))
			scheme[n] = (char)S_lower(*p);
		n++;
	}
	if (*p == '\0')
		return 1;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strlen(schemes[i]) == n &&
		    memcmp(schemes[i], scheme, n) == 0)
			return i < 2 ? S_authority_ok((const char *)p + 1) : 1;
	return 0;
}
