// SPDX-License-Identifier: LGPL-2.1-or-later
/* outfile.c: where a sink writes: -o FILE, -o - (stdout), a default stream, or -ff's FILE.ID. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "log.h"
#include "outfile.h"

#define OUTF_BUFSIZE (1 << 16)	/* one write(2) per 64 KiB of trace */

static int fail(struct outfile *f, int err)
{
	if (!f->err) {
		f->err = -err;
		pr_warn("cannot write %s: %s", f->name, strerror(err));
	}
	return f->err;
}

static int open_path(struct outfile *f, const char *path, unsigned int flags)
{
	int oflags = O_WRONLY | O_CREAT | O_CLOEXEC | (flags & OUTF_APPEND ? O_APPEND : O_TRUNC);
	int fd = open(path, oflags, flags & OUTF_PRIVATE ? 0600 : 0666);

	if (fd >= 0 && (flags & OUTF_PRIVATE))
		fchmod(fd, 0600);	/* an existing file keeps its mode otherwise */
	f->fp = fd < 0 ? NULL : fdopen(fd, flags & OUTF_APPEND ? "a" : "w");
	if (!f->fp) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		pr_warn("cannot open %s: %s", path, strerror(err));
		free(f->name);
		f->name = NULL;
		return -err;
	}
	setvbuf(f->fp, NULL, _IOFBF, OUTF_BUFSIZE);
	f->owned = true;
	return 0;
}

int outfile_open(struct outfile *f, const char *path, FILE *dflt, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	if (!path || !strcmp(path, "-")) {
		f->fp = path ? stdout : dflt;
		f->name = strdup(f->fp == stdout ? "standard output" : "standard error");
		return f->name ? 0 : -ENOMEM;
	}
	f->name = strdup(path);
	if (!f->name)
		return -ENOMEM;
	return open_path(f, path, flags);
}

int outfile_open_id(struct outfile *f, const char *path, long id, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	if (asprintf(&f->name, "%s.%ld", path, id) < 0) {
		f->name = NULL;
		return -ENOMEM;
	}
	return open_path(f, f->name, flags);
}

int outfile_check_dir(const char *path, unsigned int flags)
{
	struct outfile f;
	int err = outfile_open_id(&f, path, (long)getpid(), flags);

	if (err)
		return err;
	unlink(f.name);
	return outfile_close(&f);
}

int outfile_write(struct outfile *f, const void *p, size_t n)
{
	if (f->err)
		return f->err;
	if (n && fwrite(p, 1, n, f->fp) != n)
		return fail(f, errno ? errno : EIO);
	return 0;
}

int outfile_printf(struct outfile *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f->err)
		return f->err;
	va_start(ap, fmt);
	n = vfprintf(f->fp, fmt, ap);
	va_end(ap);
	return n < 0 ? fail(f, errno ? errno : EIO) : 0;
}

int outfile_flush(struct outfile *f)
{
	/* ferror: writes made straight to f->fp (fprintf by a table printer) count too */
	errno = 0;
	if (!f->err && f->fp && (fflush(f->fp) || ferror(f->fp)))
		return fail(f, errno ? errno : EIO);
	return f->err;
}

int outfile_close(struct outfile *f)
{
	int err = f->fp ? outfile_flush(f) : f->err;

	if (f->owned && f->fp && fclose(f->fp) && !err)
		err = fail(f, errno ? errno : EIO);
	f->fp = NULL;
	f->owned = false;
	free(f->name);
	f->name = NULL;
	return err;
}

bool outfile_isatty(const struct outfile *f)
{
	return f->fp && isatty(fileno(f->fp));
}
