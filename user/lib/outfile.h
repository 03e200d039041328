/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* outfile.h: where a sink writes: -o FILE, -o - (stdout), a default stream, or -ff's FILE.ID. */
#ifndef HY_OUTFILE_H
#define HY_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define OUTF_PRIVATE	0x01	/* mode 0600: the trace may hold other users' data (SECURITY.md) */
#define OUTF_APPEND	0x02	/* add to the end (-C's summary after the trace) */

struct outfile {
	FILE *fp;
	char *name;		/* for messages: the path, "standard output" or "standard error" */
	int err;		/* first write error (-errno), already reported */
	bool owned;		/* opened here: closed by outfile_close */
	/*
	 * Our buffer in front of fp (files opened here): outfile_write copies into it inline, and
	 * it goes to fp in one fwrite when full, at outfile_flush and before outfile_printf.  cap
	 * is 0 where there is none (standard output and error) and after a write error, so that
	 * every write takes the checked path.
	 */
	char *buf;
	size_t len, cap;
};

/*
 * Open path ("-": standard output; NULL: the stream dflt, e.g. stderr).  A file is created
 * with mode 0666 (0600 with OUTF_PRIVATE) less the umask and fully buffered (64 KiB); in a
 * sticky folder (/tmp) a symbolic link, or a file of another user, is refused (see
 * open_checked).  0 or -errno, with one line printed that names the file and the cause.
 */
int outfile_open(struct outfile *f, const char *path, FILE *dflt, unsigned int flags);
/* -ff: open "path.id". */
int outfile_open_id(struct outfile *f, const char *path, long id, unsigned int flags);
/* -ff: check now, before the command starts, that "path.N" files can be created. 0 or -errno. */
int outfile_check_dir(const char *path, unsigned int flags);
/*
 * Write n bytes.  The first failure (ENOSPC, EIO...) prints one line naming the file and the
 * cause; later writes are skipped, and outfile_close returns the error, so nothing is cut
 * silently.  0 or the first error.
 */
int outfile_write_slow(struct outfile *f, const void *p, size_t n);
static inline int outfile_write(struct outfile *f, const void *p, size_t n)
{
	if (n <= f->cap - f->len) {	/* the consumer's hot path: one copy, no stdio lock */
		memcpy(f->buf + f->len, p, n);
		f->len += n;
		return 0;
	}
	return outfile_write_slow(f, p, n);
}
int outfile_printf(struct outfile *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Flush buffered output (a failure is reported as for writes). 0 or the first error.  A file
 * is written in large blocks: whoever writes it calls this when no more output is coming for a
 * while (the source went idle, see pipeline_idle()), so that a slow trace still shows at once.
 */
int outfile_flush(struct outfile *f);
/* Flush, close what was opened here, free the name. 0 or the first error. */
int outfile_close(struct outfile *f);
/* Whether the output is a terminal (for --color=auto). */
bool outfile_isatty(const struct outfile *f);

#endif
