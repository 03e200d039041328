// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_raw.c: --format=raw: the records exactly as the backends made them, for --input later. */
/*
 * Record now, decode later: a header (user/lib/rawfmt.h, docs/raw-format.md) with what the
 * capture was (clock offset, -s -v -y -x -f -a, kernel, version), then every record as the
 * backend produced it (struct hy_rec + blobs).  The pipeline hands records here before any
 * parsing, filtering or decoding, and skips all of those when this is the only sink.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "hytrace.h"
#include "log.h"
#include "rawfmt.h"
#include "sink.h"

/* --func: the (pid, address) pairs of address-carrying records already named in the file */
struct named_addr {
	uint64_t addr;
	uint32_t pid;
	bool used;
};

struct raw {
	struct outfile out;
	uint8_t *fid_named;	/* --func: ids already named in the file (a byte each) */
	uint32_t nfid;
	struct named_addr *addrs;	/* open addressing, at most half full */
	uint32_t naddrs, cap_addrs;
	uint64_t unnamed;	/* function records written without a name */
};

/*
 * Everything any format could show later: times, exec argv, and the fd details -y/-yy ask
 * for (those cost a lookup per fd argument, so they stay opt-in).
 */
static unsigned int raw_needs(const struct opts *o)
{
	return SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV | sink_needs_fds(o);
}

static int raw_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct raw *rw = calloc(1, sizeof(*rw));
	struct raw_hdr h;
	struct utsname u;
	uint8_t buf[RAW_HDR_LEN];
	int err;

	if (!rw)
		return -ENOMEM;
	if (o->cflag) {	/* -C: the summary would be appended to the records */
		pr_warn("--format=raw with -C would write the summary into the raw file: "
			"give -c at replay (--input FILE -c)");
		free(rw);
		return -EINVAL;
	}
	/* one file, even with -ff: the trace holds every task */
	err = outfile_open(&rw->out, o->outfile, stderr, sink_outfile_flags(o));
	if (!err && outfile_isatty(&rw->out)) {
		pr_warn("--format=raw writes a binary trace: give -o FILE, or pipe it "
			"(%s is a terminal)",
			rw->out.name);
		outfile_close(&rw->out);
		err = -EINVAL;
	}
	if (err) {
		free(rw);
		return err;
	}
	memset(&h, 0, sizeof(h));
	h.rec_hdr_size = sizeof(struct hy_rec);
	h.flags = RAW_F_TIMES | RAW_F_EXEC_ARGV | (o->d.verbose ? RAW_F_VERBOSE : 0) |
		  (o->all ? RAW_F_ALL : 0) | (o->nfuncs ? RAW_F_FUNCS : 0);
	/* function records are version 2; a trace without them stays readable by version 1 */
	h.version = o->nfuncs ? RAW_VERSION_FUNCS : 1;
	h.boot_to_real = s->boot_to_real;
	h.strsize = o->d.strsize < HY_STR_MAX ? o->d.strsize : HY_STR_MAX;	/* as captured */
	h.yflag = (uint8_t)(o->d.yflag > 2 ? 2 : o->d.yflag);
	h.xflag = (uint8_t)o->d.xflag;
	h.follow = (uint8_t)(o->follow > 2 ? 2 : o->follow);
	snprintf(h.version_str, sizeof(h.version_str), "%s", HYTRACE_VERSION);
	if (!uname(&u))
		snprintf(h.kernel, sizeof(h.kernel), "%s", u.release);
	rawfmt_hdr_encode(&h, buf);
	outfile_write(&rw->out, buf, sizeof(buf));	/* a failure is reported at once */
	s->priv = rw;
	return 0;
}

static void oom(void)
{
	fputs("hytrace: out of memory\n", stderr);
	abort();
}

/* Write fn's RAW_REC_FUNC_INFO record (by id, or for pid's address addr). */
static void put_info(struct raw *rw, const struct func_info *fn, uint32_t fid, uint32_t pid,
		     uint64_t addr)
{
	uint8_t buf[RAW_FUNC_INFO_FIXED + 2 * RAW_FUNC_NAME_MAX + 8];
	size_t nl = strlen(fn->name), ml = strlen(fn->module);
	struct raw_func_info fi = {
		.fid = fid, .nparams = fn->nparams, .offset = fn->offset, .size = fn->size,
		.pid = pid, .addr = addr, .name = fn->name, .module = fn->module,
		.name_len = (uint16_t)(nl > RAW_FUNC_NAME_MAX ? RAW_FUNC_NAME_MAX : nl),
		.module_len = (uint16_t)(ml > RAW_FUNC_NAME_MAX ? RAW_FUNC_NAME_MAX : ml),
	};
	size_t len = rawfmt_func_encode(&fi, buf, sizeof(buf));

	outfile_write(&rw->out, buf, len);
}

/* Whether (pid, addr) was named already; marked named if not. */
static bool addr_seen(struct raw *rw, uint32_t pid, uint64_t addr)
{
	if (2 * (rw->naddrs + 1) > rw->cap_addrs) {
		uint32_t cap = rw->cap_addrs ? 2 * rw->cap_addrs : 256;
		struct named_addr *t = calloc(cap, sizeof(*t));

		if (!t)
			oom();
		for (uint32_t i = 0; i < rw->cap_addrs; i++) {
			struct named_addr *a = &rw->addrs[i];
			uint32_t j = (uint32_t)((a->addr ^ a->pid * 0x9e3779b97f4a7c15ull) >> 7) & (cap - 1);

			if (!a->used)
				continue;
			while (t[j].used)
				j = (j + 1) & (cap - 1);
			t[j] = *a;
		}
		free(rw->addrs);
		rw->addrs = t;
		rw->cap_addrs = cap;
	}
	uint32_t j = (uint32_t)((addr ^ pid * 0x9e3779b97f4a7c15ull) >> 7) & (rw->cap_addrs - 1);

	for (; rw->addrs[j].used; j = (j + 1) & (rw->cap_addrs - 1))
		if (rw->addrs[j].pid == pid && rw->addrs[j].addr == addr)
			return true;
	rw->addrs[j] = (struct named_addr){ .addr = addr, .pid = pid, .used = true };
	rw->naddrs++;
	return false;
}

/*
 * --func: a function record's function is named in the file before its first record (by id;
 * or by process and address for the records of the preload library, named here through the
 * symbol layer while the process still runs), so that a replay needs no symbols.
 */
static void name_func(struct sink *s, struct raw *rw, const void *rec)
{
	struct hy_func h;
	const struct func_info *fn;

	memcpy(&h, rec, sizeof(h));
	if (!s->funcs)
		return;
	if (h.fid != HY_FUNC_NOID) {
		if (h.fid < rw->nfid && rw->fid_named[h.fid])
			return;
		fn = funcs_get(s->funcs, h.fid);
		if (!fn) {
			rw->unnamed++;
			return;
		}
		if (h.fid >= rw->nfid) {
			uint32_t n = rw->nfid ? rw->nfid : 256;

			while (n <= h.fid)
				n *= 2;
			rw->fid_named = realloc(rw->fid_named, n);
			if (!rw->fid_named)
				oom();
			memset(rw->fid_named + rw->nfid, 0, n - rw->nfid);
			rw->nfid = n;
		}
		rw->fid_named[h.fid] = 1;
		put_info(rw, fn, h.fid, 0, 0);
		return;
	}
	if (addr_seen(rw, h.pid, h.addr))
		return;
	fn = s->sym ? funcs_by_addr(s->funcs, s->sym, (pid_t)h.pid, h.addr) : NULL;
	if (!fn) {
		rw->unnamed++;	/* unselected or unnamed code: the replay skips it as live would */
		return;
	}
	put_info(rw, fn, HY_FUNC_NOID, h.pid, h.addr);
}

/* Every record, before filtering: len was checked by the pipeline (>= its header, size). */
static void raw_record(struct sink *s, const void *rec, size_t len)
{
	struct raw *rw = s->priv;
	uint16_t type;

	memcpy(&type, rec, sizeof(type));
	if (type == HY_REC_FUNC_ENTRY || type == HY_REC_FUNC_EXIT)
		name_func(s, rw, rec);
	outfile_write(&rw->out, rec, len);
}

/* The source went idle: the records so far reach the file (a live capture can be read). */
static void raw_idle(struct sink *s)
{
	struct raw *rw = s->priv;

	if (rw)
		outfile_flush(&rw->out);
}

static int raw_close(struct sink *s)
{
	struct raw *rw = s->priv;
	int err = outfile_close(&rw->out);

	if (rw->unnamed)
		pr_info("--format=raw: %llu functions without a name (unselected or unnamed code)",
			(unsigned long long)rw->unnamed);
	free(rw->fid_named);
	free(rw->addrs);
	free(rw);
	s->priv = NULL;
	return err;
}

const struct sink_ops sink_raw_ops = {
	.name = "raw",
	.help = "records as captured, for a later --input FILE (needs -o FILE)",
	.needs = raw_needs,
	.open = raw_open,
	.record = raw_record,
	.idle = raw_idle,
	.close = raw_close,
};
