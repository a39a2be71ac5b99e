/*
 * output.c - write files below an output folder, atomically.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

int
out_path_ok(const char *rel)
{
	const char *p = rel, *seg;
	size_t n;

	if (*rel == '\0' || *rel == '/')
		return 0;
	for (;;) {
		seg = p;
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (seg[n] == '\0')
			return 1;
		p = seg + n + 1;
	}
}

/* Create every folder of path up to its last slash.  Returns 0 or -1. */
static int
S_mkdirs(char *path)
{
	char *p;

	for (p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int
out_write(const char *root, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	char *path, *tmp = NULL;
	const char *p = data;
	ssize_t w;
	int fd = -1, rc = -1;

	if (!out_path_ok(rel)) {
		diag_err(d, NULL, 0, 0, "refusing to write '%s': not a path "
		    "inside the output folder", rel);
		return -1;
	}
	path = xasprintf("%s/%s", root, rel);
	if (S_mkdirs(path) < 0) {
		diag_err(d, path, 0, 0, "cannot create its folder: %s",
		    strerror(errno));
		goto out;
	}
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		diag_err(d, path, 0, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			diag_err(d, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			goto out;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) < 0 || close(fd) < 0) {
		fd = -1;
		diag_err(d, path, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		diag_err(d, path, 0, 0, "cannot replace: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

long long
out_size(const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);
	struct stat st;
	long long n = -1;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		n = (long long)st.st_size;
	free(path);
	return n;
}
