// SPDX-License-Identifier: LGPL-2.1-or-later
/* backend_raw.c: --input FILE of the raw format: the captured records fed again, as if live. */
/*
 * main peeks at the first bytes of --input (raw_input_detect); a raw file is opened and its
 * header applied to the options (raw_input_open) before the sinks open, so that the capture's
 * clock offset gives wall-clock times and what was not captured is not asked for (-s, -v, -y).
 * Then every record goes through pipeline_feed() as the backend's own did.  Every length is
 * checked against what was read: a truncated or corrupted file stops with the byte offset.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "backend.h"
#include "event.h"
#include "log.h"
#include "rawfmt.h"

#define RAW_BUF	(1u << 20)	/* bytes read at a time */

struct rawin {
	int fd;
	const char *name;
	struct raw_hdr h;
	uint8_t *buf;
	size_t cap, start, end;	/* unparsed bytes: buf[start, end) */
	uint64_t off;		/* file offset of buf[start] */
	bool eof;
	bool may_block;		/* a pipe, not a regular file: a read may wait */
	struct pipeline *pl;	/* once running: told before a read that may wait */
	struct event ev;	/* for the corruption check only */
};

static struct rawin rin = { .fd = -1 };

/* Read more: 0, or -errno (message printed). */
static int fill(size_t need)
{
	if (rin.end - rin.start >= need || rin.eof)
		return 0;
	if (rin.start) {
		memmove(rin.buf, rin.buf + rin.start, rin.end - rin.start);
		rin.end -= rin.start;
		rin.start = 0;
	}
	if (need > rin.cap) {
		size_t cap = rin.cap;

		while (cap < need)
			cap *= 2;
		uint8_t *n = realloc(rin.buf, cap);

		if (!n) {
			pr_warn("%s: out of memory", rin.name);
			return -ENOMEM;
		}
		rin.buf = n;
		rin.cap = cap;
	}
	while (rin.end < need && !rin.eof) {
		if (rin.may_block && rin.pl)
			pipeline_idle(rin.pl);
		ssize_t n = read(rin.fd, rin.buf + rin.end, rin.cap - rin.end);

		if (n < 0 && errno == EINTR)
			return -EINTR;
		if (n < 0) {
			int err = errno;

			pr_warn("cannot read %s: %s", rin.name, strerror(err));
			return -err;
		}
		if (n == 0)
			rin.eof = true;
		rin.end += (size_t)n;
	}
	return 0;
}

int raw_input_detect(const char *path)
{
	char m[RAW_MAGIC_LEN];
	ssize_t n;
	int fd;

	struct stat st;

	/* only a regular file can be peeked at: reading a pipe or FIFO would eat its first
	   bytes (and opening a FIFO waits for a writer), so those are strace logs */
	if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;	/* the strace reader says why */
	n = read(fd, m, sizeof(m));
	close(fd);
	/* a magic cut short is a truncated raw file too: no strace log starts with 0x7f */
	return n > 0 && !memcmp(m, RAW_MAGIC, (size_t)n);
}

/* Apply the header to the options: what the capture did not keep cannot be shown. */
static void apply_hdr(struct opts *o, const struct raw_hdr *h)
{
	o->input_clock = true;
	o->input_boot_to_real = h->boot_to_real;
	if (o->d.strsize > h->strsize)
		o->d.strsize = h->strsize;
	if (!(h->flags & RAW_F_VERBOSE))
		o->d.verbose = false;
	if (o->d.yflag > h->yflag) {
		pr_warn("%s: captured with %s: %s shows what was captured", rin.name,
			h->yflag ? "-y" : "no -y", o->d.yflag > 1 ? "-yy" : "-y");
		o->d.yflag = h->yflag;
	}
	if (!o->d.xflag)
		o->d.xflag = h->xflag;
	if (!o->follow && h->follow)
		o->follow = 1;
	if (h->flags & RAW_F_ALL)
		o->all = true;
	if (!(h->flags & RAW_F_TIMES) && (o->tflag || o->rflag || o->Tflag)) {
		pr_warn("%s: captured without times: -t, -r and -T are ignored", rin.name);
		o->tflag = 0;
		o->rflag = o->Tflag = false;
	}
}

int raw_input_open(struct opts *o)
{
	struct stat st;
	size_t bad;
	int err;

	rin.name = o->input;
	rin.fd = open(rin.name, O_RDONLY | O_CLOEXEC);
	if (rin.fd < 0) {
		err = errno;
		pr_warn("cannot open %s: %s", rin.name, strerror(err));
		return -err;
	}
	rin.may_block = fstat(rin.fd, &st) < 0 || !S_ISREG(st.st_mode);
	rin.cap = RAW_BUF;
	rin.buf = malloc(rin.cap);
	if (!rin.buf)
		return -ENOMEM;
	err = fill(RAW_HDR_MIN);
	for (int i = 0; !err && i < 2; i++) {
		err = rawfmt_hdr_decode(&rin.h, rin.buf, rin.end, &bad);
		if (err == -EAGAIN && !rin.eof && rin.h.hdr_len)
			err = fill(rin.h.hdr_len);	/* a longer, newer header: read it all */
		else
			break;
	}
	switch (err) {
	case 0:
		break;
	case -EAGAIN:
		pr_warn("%s: truncated header at byte offset %zu", rin.name, rin.end);
		return -EINVAL;
	case -EPROTONOSUPPORT:
		pr_warn("%s: raw format version %u is newer than this hytrace's %u", rin.name,
			rin.h.version, RAW_VERSION);
		return -EINVAL;
	case -EINVAL:
		pr_warn("%s: corrupted header at byte offset %zu", rin.name, bad);
		return err;
	default:
		if (err > -4096 && err != -EPROTO)
			return err;	/* a read error, already reported */
		pr_warn("%s: not a raw trace", rin.name);
		return -EINVAL;
	}
	if (rin.h.rec_hdr_size != sizeof(struct hy_rec)) {
		pr_warn("%s: corrupted header at byte offset 16: records of %u bytes, not %zu",
			rin.name, rin.h.rec_hdr_size, sizeof(struct hy_rec));
		return -EINVAL;
	}
	pr_info("%s: raw format %u, hytrace %s, kernel %s", rin.name, rin.h.version,
		rin.h.version_str, rin.h.kernel);
	rin.start = rin.h.hdr_len;
	rin.off = rin.h.hdr_len;
	apply_hdr(o, &rin.h);
	return 0;
}

static int raw_probe(const struct opts *o, char *why, size_t whylen)
{
	return backend_input.probe(o, why, whylen);	/* an output that is the input */
}

static int raw_start(struct tracer *tr)
{
	rin.pl = tr->pl;
	return rin.fd < 0 ? -EBADF : 0;
}

static int raw_run(struct tracer *tr)
{
	for (;;) {
		size_t avail;
		uint32_t size;
		int err;

		if (*tr->stop)
			return 0;
		err = fill(sizeof(struct hy_rec));
		if (err)
			return err == -EINTR ? 0 : err;
		avail = rin.end - rin.start;
		if (!avail)
			return 0;
		if (avail < sizeof(struct hy_rec)) {
			pr_warn("%s: truncated record at byte offset %llu (%zu of %zu header bytes)",
				rin.name, (unsigned long long)rin.off, avail, sizeof(struct hy_rec));
			return -EINVAL;
		}
		/* records need not be 8-byte multiples: no cast of an unaligned one */
		memcpy(&size, rin.buf + rin.start + offsetof(struct hy_rec, size), sizeof(size));
		if (size < sizeof(struct hy_rec) || size > RAW_REC_MAX) {
			pr_warn("%s: corrupted record at byte offset %llu: size %u", rin.name,
				(unsigned long long)rin.off, size);
			return -EINVAL;
		}
		err = fill(size);
		if (err)
			return err == -EINTR ? 0 : err;
		avail = rin.end - rin.start;
		if (avail < size) {
			pr_warn("%s: truncated record at byte offset %llu (%zu of %u bytes)",
				rin.name, (unsigned long long)rin.off, avail, size);
			return -EINVAL;
		}
		if (event_parse(&rin.ev, rin.buf + rin.start, size)) {
			pr_warn("%s: corrupted record at byte offset %llu: its blobs overrun its %u bytes",
				rin.name, (unsigned long long)rin.off, size);
			return -EINVAL;
		}
		pipeline_feed(tr->pl, rin.buf + rin.start, size);
		rin.start += size;
		rin.off += size;
	}
}

static void raw_cleanup(struct tracer *tr)
{
	(void)tr;
	if (rin.fd >= 0)
		close(rin.fd);
	free(rin.buf);
	memset(&rin, 0, sizeof(rin));
	rin.fd = -1;
}

const struct backend backend_raw = {
	.name = "raw",
	.probe = raw_probe,
	.start = raw_start,
	.run = raw_run,
	.cleanup = raw_cleanup,
};
