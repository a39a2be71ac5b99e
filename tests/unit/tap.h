/*
 * tap.h - a minimal Test Anything Protocol writer for the unit tests.
 *
 * Each test binary calls ok() or is_str() per assertion and returns
 * tap_done() from main; prove reads the output.
 */
#ifndef PAKT_TAP_H
#define PAKT_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int
ok(int cond, const char *name)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	return cond;
}

/* Compare two strings; print both on failure as TAP diagnostics. */
static int
is_str(const char *got, const char *want, const char *name)
{
	int cond = got != NULL && want != NULL && strcmp(got, want) == 0;

	if (!ok(cond, name)) {
		printf("#   got:  '%s'\n", got ? got : "(null)");
		printf("#   want: '%s'\n", want ? want : "(null)");
	}
	return cond;
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
