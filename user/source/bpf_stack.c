// SPDX-License-Identifier: LGPL-2.1-or-later
/* bpf_stack.c: -k on the eBPF backend: stack capture settings, process maps, snapshot unwinding. */
/*
 * The kernel side (bpf/stack.bpf.h) adds to each shown call either the frame-pointer stack
 * (--stack=fp: HY_ARG_STACK, ready) or the registers and a copy of the user stack
 * (--stack=dwarf: HY_ARG_USTACK), which is unwound here with libdwfl (user/symbol/ustack.c)
 * into the HY_ARG_STACK the ptrace backend makes: sinks never know which backend or method
 * produced a stack.  The maps it needs come from the mmap/munmap/mprotect records, sent
 * whenever -k is on and dropped by the pipeline when those calls are not shown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <bpf/libbpf.h>
#include "bpf_stack.h"
#include "event.h"
#include "log.h"
#include "symbol.h"
#include "sysent.h"
#include "ustack.h"
#include "hytrace.bpf.h"
#include "hytrace.skel.h"

static struct {
	struct ustack *us;
	long nr_mmap, nr_munmap, nr_mprotect, nr_pkey_mprotect;
	unsigned int depth;
	struct recbuf rb;
	struct event ev;
	uint64_t pcs[HY_STACK_DEPTH_MAX];
	pid_t pid;		/* sym_feed()'s process */
	pid_t due;		/* its pending exec maps apply at the next record */
	uint64_t snaps, snap_bytes;	/* for --debug */
} S = { .nr_mmap = -1 };

static unsigned int stack_depth(const struct tracer *tr)
{
	unsigned int d = tr->cfg.stack_depth ? tr->cfg.stack_depth : HY_STACK_DEPTH;

	return d < HY_STACK_DEPTH_MAX ? d : HY_STACK_DEPTH_MAX;
}

int bstack_config(struct hytrace_bpf__rodata *rd, const struct tracer *tr)
{
	const struct opts *o = tr->o;

	S.nr_mmap = sysent_lookup("mmap");
	S.nr_munmap = sysent_lookup("munmap");
	S.nr_mprotect = sysent_lookup("mprotect");
	S.nr_pkey_mprotect = sysent_lookup("pkey_mprotect");
	if (!tr->cfg.stacks || o->cflag == 1) {
		rd->cfg_stack = HYB_STACK_NONE;
		return 0;
	}
	S.depth = stack_depth(tr);
	rd->cfg_stack = o->stack_mode == STACK_FP ? HYB_STACK_FP : HYB_STACK_DWARF;
	rd->cfg_stack_size = o->stack_size ? o->stack_size : HY_USTACK_DEFAULT;
	rd->cfg_stack_depth = S.depth;
	if (rd->cfg_stack == HYB_STACK_FP) {
		/*
		 * The kernel's walk stops at kernel.perf_event_max_stack frames (127 by default,
		 * kernel/events/callchain.c) without saying so: ask for one less, so that a
		 * stack that fills the request is known to be cut.
		 */
		FILE *f = fopen("/proc/sys/kernel/perf_event_max_stack", "re");
		unsigned int kmax = 0;

		if (f) {
			if (fscanf(f, "%u", &kmax) != 1)
				kmax = 0;
			fclose(f);
		}
		if (kmax > 1 && rd->cfg_stack_depth >= kmax)
			rd->cfg_stack_depth = kmax - 1;
	}
	rd->cfg_stack_mmap_nr = S.nr_mmap;
	if (!S.us) {	/* the maps it follows serve --stack=fp's naming as well */
		S.us = ustack_new();
		if (!S.us) {
			pr_warn("cannot set up the stack unwinder: %s", strerror(errno));
			return -errno;
		}
	}
	return 0;
}

static bool is_maps_call(long nr)
{
	return nr >= 0 && (nr == S.nr_mmap || nr == S.nr_munmap || nr == S.nr_mprotect ||
			   nr == S.nr_pkey_mprotect);
}

uint8_t bstack_nrflags(const struct tracer *tr, unsigned int nr, uint8_t f)
{
	if (!tr->cfg.stacks || tr->o->cflag == 1)
		return f;
	if (f & HYB_NF_TRACE) {
		uint32_t sf = nr < sysent_count ? sysent[nr].cap.flags : 0;

		/* where the kernel side takes the stack: bpf/stack.bpf.h */
		f |= HYB_NF_STACK | ((sf & (HY_SC_EXEC | HY_SC_NO_RETURN)) ? HYB_NF_ENTER_CAP :
									     HYB_NF_EXIT_CAP);
	}
	/* the maps, even when not shown: the frames are named (and unwound) after the fact */
	if (is_maps_call(nr)) {
		f |= HYB_NF_TRACE | HYB_NF_MAPS;
		if ((long)nr == S.nr_mmap)
			f |= HYB_NF_EXIT_CAP;
	}
	return f;
}

/* -- the maps ------------------------------------------------------------------------------ */

/* A blob by arg, when and idx, whatever its flags (event_blob() skips fd paths). */
static const struct event_blob *blob_find(const struct event *ev, int arg, int when, int idx)
{
	for (unsigned int i = 0; i < ev->nblobs; i++) {
		const struct event_blob *b = &ev->b[i];

		if (b->h.arg == arg && b->h.when == when && b->h.idx == idx)
			return b;
	}
	return NULL;
}

/* What the unwinder learns of the maps, the symbol layer learns too (it names the frames). */
static int sym_feed(void *arg, uint64_t start, uint64_t len, uint64_t pgoff, unsigned int prot,
		    const char *path)
{
	struct tracer *tr = arg;

	if (tr->sym)
		sym_mmap(tr->sym, S.pid, start, len, pgoff, prot, path);
	return 0;
}

static void maps_follow(struct tracer *tr, const struct hy_rec *r, const struct event *ev)
{
	long nr = r->nr;

	if (r->ret < 0 && r->ret >= -4095)
		return;
	if (nr == S.nr_mmap) {
		const struct event_blob *b = blob_find(ev, HY_ARG_USTACK, HY_AT_EXIT, 2);
		char path[4096 + 16];
		const char *p = NULL;

		if (b && !b->h.err && b->h.len && b->h.len < sizeof(path)) {
			memcpy(path, b->data, b->h.len);
			path[b->h.len] = '\0';
			p = path;
		}
		ustack_mmap(S.us, r->pid, (uint64_t)r->ret, r->args[1], r->args[5], r->args[2], p);
		if (tr->sym)
			sym_mmap(tr->sym, r->pid, (uint64_t)r->ret, r->args[1], r->args[5], r->args[2], p);
	} else if (nr == S.nr_munmap) {
		ustack_munmap(S.us, r->pid, r->args[0], r->args[1]);
		if (tr->sym)
			sym_munmap(tr->sym, r->pid, r->args[0], r->args[1]);
	} else if (nr == S.nr_mprotect || nr == S.nr_pkey_mprotect) {
		ustack_mprotect(S.us, r->pid, r->args[0], r->args[1], r->args[2]);
		if (tr->sym)
			sym_mprotect(tr->sym, r->pid, r->args[0], r->args[1], r->args[2]);
	}
}

/* -- the stack ------------------------------------------------------------------------------ */

/*
 * The record again without its HY_ARG_USTACK blobs, with an HY_ARG_STACK: the unwound
 * snapshot, or (none: the call ended without one, as a task killed inside it) empty with
 * -ENODATA, so that a missing stack shows as a marked frame.
 */
static const struct hy_rec *stack_rewrite(const struct hy_rec *r, const struct event *ev,
					  size_t *len)
{
	const struct event_blob *regs = blob_find(ev, HY_ARG_USTACK, HY_AT_ENTER, 0);
	const struct event_blob *stk = blob_find(ev, HY_ARG_USTACK, HY_AT_ENTER, 1);
	unsigned int n = 0;
	uint32_t flags = 0;
	int err = -ENODATA;
	void *p;

	if (regs && !regs->h.err && regs->h.len == HY_UREGS_N * 8 && S.us) {
		uint64_t rv[HY_UREGS_N];

		memcpy(rv, regs->data, sizeof(rv));
		S.snaps++;
		S.snap_bytes += HY_UREGS_N * 8 + (stk ? stk->h.len : 0);
		if (stk && !stk->h.err)
			n = ustack_unwind(S.us, r->pid, r->tid, rv, stk->data, stk->h.len, stk->h.addr,
					  S.pcs, S.depth, &err);
		else
			n = ustack_unwind(S.us, r->pid, r->tid, rv, NULL, 0, rv[7], S.pcs, S.depth,
					  &err);
		if (err == -E2BIG) {
			flags |= HY_BF_TRUNC;
			err = 0;
		}
	}
	if (rb_begin(&S.rb, r))
		return NULL;
	for (unsigned int i = 0; i < ev->nblobs; i++) {
		const struct event_blob *b = &ev->b[i];

		if (b->h.arg == HY_ARG_USTACK)
			continue;
		p = rb_blob(&S.rb, b->h.arg, b->h.when, b->h.idx, b->h.addr, b->h.len);
		if (!p)
			return NULL;
		memcpy(p, b->data, b->h.len);
		rb_blob_done(&S.rb, b->h.len, b->h.err, b->h.flags);
	}
	p = rb_blob(&S.rb, HY_ARG_STACK, HY_AT_ENTER, 0, 0, n * 8);
	if (!p)
		return NULL;
	memcpy(p, S.pcs, n * 8);
	rb_blob_done(&S.rb, n * 8, err, flags);
	rb_rec(&S.rb)->flags |= r->flags;
	*len = S.rb.len;
	return rb_rec(&S.rb);
}

/*
 * An exec's new maps (HY_REC_MAPS) wait until the execve record has been unwound and named
 * with the old ones: the kernel sends HY_REC_MAPS and HY_REC_EXEC before the execve's own
 * record, whose stack was taken at entry, in the old program.
 */
#define PEND_MAX 64

struct pend {
	pid_t tgid;
	char *exe;
	uint64_t start_code, interp;
};

static struct pend pend[PEND_MAX];
static int npend;

static int pend_find(pid_t tgid)
{
	for (int i = 0; i < npend; i++)
		if (pend[i].tgid == tgid)
			return i;
	return -1;
}

static void pend_apply(struct tracer *tr, int i)
{
	struct pend pd = pend[i];

	pend[i] = pend[--npend];
	if (tr->sym)
		sym_exec(tr->sym, pd.tgid);
	S.pid = pd.tgid;
	ustack_exec_maps(S.us, pd.tgid, pd.exe, pd.start_code, pd.interp, sym_feed, tr);
	free(pd.exe);
}

static void pend_add(struct tracer *tr, const struct hy_rec *r, const struct event *ev)
{
	const struct event_blob *b = blob_find(ev, HY_ARG_EXTRA, HY_AT_ENTER, 0);
	int i = pend_find(r->pid);
	char *exe;

	if (i >= 0)	/* two execs before any other record: the first is over */
		pend_apply(tr, i);
	if (npend == PEND_MAX)
		pend_apply(tr, 0);
	if (!b || b->h.err || !(exe = strndup((const char *)b->data, b->h.len)))
		return;	/* as if lost: the exec record reads /proc */
	pend[npend++] = (struct pend){ r->pid, exe, r->args[0], r->args[2] };
}

void bstack_seed(struct tracer *tr, pid_t pid)
{
	if (!tr->cfg.stacks || !S.us)
		return;
	ustack_seed(S.us, pid);
	if (tr->sym)
		sym_seed(tr->sym, pid);
}

const struct hy_rec *bstack_record(struct tracer *tr, const struct hy_rec *r, size_t *len)
{
	struct event *ev = &S.ev;
	const struct hy_rec *out = r;
	int pi;

	if (!tr->cfg.stacks || tr->o->cflag == 1 || !S.us)
		return r;
	/* the execve record before this one has been named: now its new maps */
	if (S.due) {
		pi = pend_find(S.due);
		S.due = 0;
		if (pi >= 0)
			pend_apply(tr, pi);
	}
	pi = npend ? pend_find(r->pid) : -1;
	if (pi >= 0 && r->type != HY_REC_EXEC && r->type != HY_REC_MAPS &&
	    !(r->type == HY_REC_SYSCALL && r->nr >= 0 && (unsigned int)r->nr < sysent_count &&
	      (sysent[r->nr].cap.flags & HY_SC_EXEC))) {
		pend_apply(tr, pi);
		pi = -1;
	}
	switch (r->type) {
	case HY_REC_FORK:
		if (!(r->flags & HY_F_THREAD)) {
			ustack_fork(S.us, r->args[3], r->args[1]);
			if (tr->sym)
				sym_fork(tr->sym, r->args[3], r->args[1]);
		}
		return r;
	case HY_REC_MAPS:
		if (!event_parse(ev, r, *len))
			pend_add(tr, r, ev);
		return NULL;	/* for the unwinder and the symbol layer only */
	case HY_REC_EXEC:
		if (pi < 0) {	/* its HY_REC_MAPS was lost: what /proc shows now */
			ustack_exec(S.us, r->pid);
			if (tr->sym)
				sym_exec(tr->sym, r->pid);
			ustack_seed(S.us, r->pid);
		}
		return r;
	case HY_REC_EXIT:
		/* the pipeline names this process's stacks before it sees this record */
		if (r->tid == r->pid) {
			ustack_exit(S.us, r->pid);
			if (tr->sym)
				sym_exit(tr->sym, r->pid);
		}
		return r;
	case HY_REC_SYSCALL:
		break;
	default:
		return r;
	}
	if (event_parse(ev, r, *len))
		return r;
	if (!ustack_known(S.us, r->pid))
		ustack_seed(S.us, r->pid);
	/* a shown call gets its stack (or the mark of its loss); the maps calls just feed */
	if (opts_traced(tr->o, r->nr) && !blob_find(ev, HY_ARG_STACK, HY_AT_ENTER, 0)) {
		out = stack_rewrite(r, ev, len);
		if (!out) {
			pr_warn("cannot add the stack to the record of syscall %d of pid %u: %s",
				(int)r->nr, r->tid, strerror(ENOMEM));
			out = r;
		}
	}
	if (is_maps_call(r->nr))
		maps_follow(tr, r, ev);
	if (pi >= 0)	/* the execve record: the new program's maps once it is named */
		S.due = r->pid;
	return out;
}

void bstack_cleanup(void)
{
	if (S.snaps && S.us) {
		struct ustack_stats st;

		ustack_get_stats(S.us, &st);
		pr_info("%llu stack snapshots of %llu bytes on average unwound (%llu from cached CFI "
			"rules, %llu frames), %llu module sets reported to libdwfl",
			(unsigned long long)S.snaps, (unsigned long long)(S.snap_bytes / S.snaps),
			(unsigned long long)st.fast, (unsigned long long)st.frames,
			(unsigned long long)st.reports);
	}
	while (npend)
		free(pend[--npend].exe);
	ustack_free(S.us);
	S.us = NULL;
	rb_free(&S.rb);
}
