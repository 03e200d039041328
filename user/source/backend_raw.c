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
#include "funcs.h"
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
	/* --func: the file's function ids and (pid, address) pairs, to this run's table */
	struct func_table *funcs;
	const struct func_info **byfid;
	uint32_t nfid;
	struct rawaddr *addrs;	/* open addressing, at most half full */
	uint32_t naddrs, cap_addrs;
};

struct rawaddr {
	uint64_t addr;
	uint32_t pid;
	const struct func_info *fn;	/* NULL: a free slot */
};

#define FID_MAX		(1u << 24)	/* a larger function id is a corrupted record */
#define FID_UNKNOWN	0xfffffffeu	/* no name in the file: the pipeline skips the record */

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
	/* a --func capture shows its functions (those of the replay's --func, if given) */
	if ((h->flags & RAW_F_FUNCS) && !o->nfuncs) {
		struct func_pattern *p = malloc(sizeof(*p));
		char *re = strdup(".");

		if (p && re) {
			*p = (struct func_pattern){ .regex = re };
			free(o->funcs);
			o->funcs = p;
			o->nfuncs = 1;
		} else {
			free(p);
			free(re);
			pr_warn("%s: out of memory: function records are skipped", rin.name);
		}
	}
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
	rin.funcs = tr->funcs;
	return rin.fd < 0 ? -EBADF : 0;
}

static uint32_t addr_slot(uint32_t pid, uint64_t addr, uint32_t cap)
{
	return (uint32_t)((addr ^ pid * 0x9e3779b97f4a7c15ull) >> 7) & (cap - 1);
}

static struct rawaddr *addr_find(uint32_t pid, uint64_t addr)
{
	if (!rin.cap_addrs)
		return NULL;
	for (uint32_t j = addr_slot(pid, addr, rin.cap_addrs); rin.addrs[j].fn;
	     j = (j + 1) & (rin.cap_addrs - 1))
		if (rin.addrs[j].pid == pid && rin.addrs[j].addr == addr)
			return &rin.addrs[j];
	return NULL;
}

static int addr_add(uint32_t pid, uint64_t addr, const struct func_info *fn)
{
	struct rawaddr *a = addr_find(pid, addr);

	if (a) {
		a->fn = fn;
		return 0;
	}
	if (2 * (rin.naddrs + 1) > rin.cap_addrs) {
		uint32_t cap = rin.cap_addrs ? 2 * rin.cap_addrs : 256;
		struct rawaddr *t = calloc(cap, sizeof(*t));

		if (!t)
			return -ENOMEM;
		for (uint32_t i = 0; i < rin.cap_addrs; i++) {
			uint32_t j;

			if (!rin.addrs[i].fn)
				continue;
			for (j = addr_slot(rin.addrs[i].pid, rin.addrs[i].addr, cap); t[j].fn;
			     j = (j + 1) & (cap - 1))
				;
			t[j] = rin.addrs[i];
		}
		free(rin.addrs);
		rin.addrs = t;
		rin.cap_addrs = cap;
	}
	uint32_t j = addr_slot(pid, addr, rin.cap_addrs);

	while (rin.addrs[j].fn)
		j = (j + 1) & (rin.cap_addrs - 1);
	rin.addrs[j] = (struct rawaddr){ .addr = addr, .pid = pid, .fn = fn };
	rin.naddrs++;
	return 0;
}

/* RAW_REC_FUNC_INFO: the function into this run's table, if the replay's --func selects it. */
static int func_info(const uint8_t *rec, size_t size)
{
	struct raw_func_info fi;
	char name[RAW_FUNC_NAME_MAX + 1], module[RAW_FUNC_NAME_MAX + 1];
	const struct func_info *fn = NULL;

	if (rawfmt_func_decode(&fi, rec, size) ||
	    (fi.fid != HY_FUNC_NOID && fi.fid >= FID_MAX)) {
		pr_warn("%s: corrupted function name record at byte offset %llu", rin.name,
			(unsigned long long)rin.off);
		return -EINVAL;
	}
	if (!rin.funcs)
		return 0;
	memcpy(name, fi.name, fi.name_len);
	name[fi.name_len] = '\0';
	memcpy(module, fi.module, fi.module_len);
	module[fi.module_len] = '\0';
	if (funcs_match(rin.funcs, name, module)) {
		fn = funcs_add(rin.funcs, name, module, fi.offset, fi.size);
		if (!fn)
			return -ENOMEM;
		/* the capture's debug info: this table's entry is ours to complete */
		((struct func_info *)fn)->nparams = fi.nparams;
	}
	if (fi.fid == HY_FUNC_NOID)
		return fn ? addr_add(fi.pid, fi.addr, fn) : 0;
	if (fi.fid >= rin.nfid) {
		uint32_t n = rin.nfid ? rin.nfid : 256;

		while (n <= fi.fid)
			n *= 2;
		const struct func_info **t = realloc(rin.byfid, n * sizeof(*t));

		if (!t)
			return -ENOMEM;
		memset(t + rin.nfid, 0, (n - rin.nfid) * sizeof(*t));
		rin.byfid = t;
		rin.nfid = n;
	}
	rin.byfid[fi.fid] = fn;
	return 0;
}

/*
 * A function record or a function's name.  A record goes to the pipeline with its function
 * id turned into this run's (the names came before it in the file); one without a name (or
 * not selected by the replay's --func) gets an id that names nothing, so that the pipeline
 * counts and skips it rather than naming a pid's address on this machine.
 */
static int feed_func(struct tracer *tr, const uint8_t *rec, size_t size, uint16_t type)
{
	union hy_func_rec r;

	if (type == RAW_REC_FUNC_INFO) {
		int err = func_info(rec, size);

		if (err == -ENOMEM)
			pr_warn("%s: out of memory", rin.name);
		return err;
	}
	if (size > sizeof(r)) {
		pr_warn("%s: corrupted function record at byte offset %llu: size %zu", rin.name,
			(unsigned long long)rin.off, size);
		return -EINVAL;
	}
	memcpy(&r, rec, size);
	if (rin.funcs) {
		const struct func_info *fn = NULL;

		if (r.h.fid == HY_FUNC_NOID) {
			struct rawaddr *a = addr_find(r.h.pid, r.h.addr);

			fn = a ? a->fn : NULL;
		} else if (r.h.fid < rin.nfid) {
			fn = rin.byfid[r.h.fid];
		}
		r.h.fid = fn ? fn->id : FID_UNKNOWN;
	}
	pipeline_feed(tr->pl, &r, size);
	return 0;
}

static int raw_run(struct tracer *tr)
{
	for (;;) {
		size_t avail, min;
		uint32_t size;
		uint16_t type;
		int err;

		if (*tr->stop)
			return 0;
		err = fill(sizeof(struct hy_rec));
		if (err)
			return err == -EINTR ? 0 : err;
		avail = rin.end - rin.start;
		if (!avail)
			return 0;
		if (avail < 8) {
			pr_warn("%s: truncated record at byte offset %llu (%zu of 8 header bytes)",
				rin.name, (unsigned long long)rin.off, avail);
			return -EINVAL;
		}
		/* records need not be 8-byte multiples: no cast of an unaligned one */
		memcpy(&type, rin.buf + rin.start, sizeof(type));
		memcpy(&size, rin.buf + rin.start + offsetof(struct hy_rec, size), sizeof(size));
		/* function records and their names are shorter than a struct hy_rec */
		min = type == HY_REC_FUNC_ENTRY || type == HY_REC_FUNC_EXIT ? sizeof(struct hy_func) :
		      type == RAW_REC_FUNC_INFO ? RAW_FUNC_INFO_FIXED : sizeof(struct hy_rec);
		if (avail < min) {
			pr_warn("%s: truncated record at byte offset %llu (%zu of %zu header bytes)",
				rin.name, (unsigned long long)rin.off, avail, min);
			return -EINVAL;
		}
		if (size < min || size > RAW_REC_MAX) {
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
		if (min != sizeof(struct hy_rec)) {
			err = feed_func(tr, rin.buf + rin.start, size, type);
			if (err)
				return err;
			rin.start += size;
			rin.off += size;
			continue;
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
	free(rin.byfid);
	free(rin.addrs);
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
