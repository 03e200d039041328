// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* hytrace.bpf.c: syscall, signal and process-lifecycle records into a ring buffer (CO-RE). */
/*
 * One HY_REC_SYSCALL record per completed syscall: the entry (arguments, time,
 * entry blobs) waits per thread in task storage `tasks` (entry blobs in `slots`),
 * and the exit adds the exit blobs and sends the whole record.  Calls flagged
 * HY_SC_BLOCKS also send an HY_REC_ENTER at entry.  What memory to copy comes
 * from the capture spec (cfg_caps, loaded from decoders' sysent[] table); this
 * file copies bytes and never interprets them.
 *
 * Records are submitted without a wake-up (user space polls on a timer), except
 * rare records (entry of a blocking call, signal, task exit) and whenever the
 * ring is more than half full: waking the reader per record costs ~4x more
 * (issue 3's measurements).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hytrace.h"
#include "hytrace.bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define EINVAL	22
#define E2BIG	7
#define SIGKILL	9
#define MAX_ERRNO 4095	/* include/linux/err.h: -4095..-1 are errors */
#define PAGE_SZ	4096	/* x86_64's PAGE_SIZE (arch/x86/include/asm/page_types.h) */

/* Config, set by user space between open and load. */
const volatile __u32 cfg_self_tgid;
const volatile __u32 cfg_mode;		/* HYB_MODE_* */
const volatile __u32 cfg_follow;	/* -f: children of traced tasks are traced */
const volatile __u32 cfg_summary;	/* -c: aggregate in `sums`, no syscall records */
const volatile __u32 cfg_drop_ok;	/* -Z: no records of successful calls */
const volatile __u32 cfg_drop_fail;	/* -z: no records of failed calls */
const volatile __u32 cfg_drop_unfinished; /* status= without unfinished */
const volatile __u32 cfg_no_enter;	/* no HY_REC_ENTER (status filters need the outcome) */
const volatile __u32 cfg_strsize = 32;	/* -s, at most HY_STR_MAX */
const volatile __u32 cfg_verbose;	/* -v: HY_CF_VERBOSE captures in full */
const volatile __u32 cfg_time = 1;	/* 0: no sink wants times: no clock reads per syscall */
const volatile __u32 cfg_yflag;		/* -y: HY_CAP_FDPATH resolved here, when the fd is valid */
const volatile __u32 cfg_ip;		/* -i: an HY_ARG_IP blob at each traced call's entry */
const volatile __u32 cfg_exec_argv = 1;	/* 0: no sink shows the argv of execs: HY_REC_EXEC alone */
const volatile __u32 cfg_cgroup;	/* --cgroup: `cgroups` slot 0 holds it */
const volatile __u32 cfg_ncomms;
const volatile char cfg_comms[HYB_COMMS_MAX][HY_COMM_LEN];
const volatile __u64 cfg_ring_half;	/* ring size / 2: above that, wake the reader */
const volatile __u64 cfg_ring_size;	/* bytes */
const volatile __u64 cfg_life_reserve;	/* bytes syscall records leave free for lifecycle ones */
const volatile __u8 cfg_nrflags[HY_NR_MAX];	/* HYB_NF_* */
const volatile struct hy_cap_entry cfg_caps[HY_NR_MAX];
/* -e read=/write=: per syscall HYB_DUMP_*, and the fds dumped (bits of 0..HYB_DUMP_FDS - 1, and
   whether the fds above are) for reads ([0]) and writes ([1]) */
const volatile __u8 cfg_dumpnr[HY_NR_MAX];
const volatile __u64 cfg_dumpfds[2][HYB_DUMP_FDS / 64];
const volatile __u8 cfg_dumphigh[2];
/* HY_DUMP_MAX / HY_DUMP_CHUNK under -e read=/write=, else 0: dump_chunks() is then dead code
   that the verifier skips (its loop costs ~100 ms of verification at every start otherwise) */
const volatile __u32 cfg_dump_rounds;
/*
 * -e inject=: user space fills these before the load (user/source/bpf_inject.c); a call its
 * seccomp filter skipped fires sys_exit without sys_enter, and such an exit of nr with the
 * rule's return is turned into a complete record (inj_enter)
 */
const volatile __u32 cfg_inject;		/* some syscall has a rule that skips it */
const volatile __u8 cfg_inj[HY_NR_MAX];		/* HYB_INJ_* */
const volatile __s64 cfg_inj_ret[HY_NR_MAX];	/* the value a skipped call returns */
/* HY_CAP_OPDESC: per-opcode layouts (decoders' opdesc tables, as the ptrace backend applies them) */
const volatile struct hy_op_desc cfg_opd[HY_OPD_TABLES][HY_OPD_MAX];

/* Traced tasks alive (target mode), so user space knows when all are gone. */
__s64 live_tasks;
/*
 * CLOCK_BOOTTIME - CLOCK_MONOTONIC, kept current by user space: records carry
 * boot-clock times, but now_ns() costs ~40 ns more per call
 * than bpf_ktime_get_ns() here (measured with kernel.bpf_stats_enabled), and
 * the offset only moves across a suspend.
 */
__u64 boot_off;
/* Set by user space when it had to put tasks in `seeds` (no pidfd for them). */
__u32 seeds_used;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);	/* set by user space (--buffer-size) */
} rb SEC(".maps");

/*
 * Per-thread state.  Task storage rather than a hash on tid: a hit costs ~16
 * ns against ~48 ns (measured), twice per syscall, and the state follows the
 * task through an exec from a thread (which changes its tid).  User space
 * adds a task by pidfd; a task it cannot name by pidfd goes into `seeds`.
 */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct hyb_task);
} tasks SEC(".maps");

/*
 * tid -> tgid of threads to trace, moved into `tasks` at their next syscall.  Rarely used (see
 * seeds_used): not preallocated, which took 2-4 ms of every start (bench/README.md, "startup").
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u32);
} seeds SEC(".maps");

struct slot {
	__u8 d[HYB_SLOT_MAX];
};

/* Entry blobs of a thread inside a syscall; allocated at its first such call, freed at exit. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct slot);
} slots SEC(".maps");

/*
 * Record under construction, one per CPU (an ARRAY indexed by CPU: a
 * PERCPU_ARRAY value is limited to 32 KiB, PCPU_MIN_UNIT_SIZE).  The syscall
 * tracepoints run BPF with preemption off (include/trace/bpf_probe.h,
 * __BPF_DECLARE_TRACE_SYSCALL), so a record is built and sent without anyone
 * else on this CPU touching it.  rec is twice HYB_REC_MAX (+ slack) so that an
 * offset below HYB_REC_MAX plus a length below HYB_REC_MAX is always in bounds
 * for the verifier.
 */
#define PATH_BUF	4096	/* PATH_MAX */
#define PATH_END	(PATH_BUF - 16)	/* room for " (deleted)" after the path */

struct scratch {
	__u32 off;		/* bytes used in rec */
	__u32 nblobs;
	__u32 limit;		/* off may not pass this */
	__u32 cut;		/* a blob did not fit */
	__u32 failed;		/* user-memory reads that failed */
	__u32 when;		/* HY_AT_ENTER / HY_AT_EXIT: captures being made */
	__u32 last;		/* offset of the last blob header */
	__s32 nr;
	__u64 args[HY_NARGS];
	__s64 ret;
	__u64 budget;		/* iovec bytes still allowed (ret at exit) */
	__u32 bufmax;		/* HY_CAP_BUF and iovec buffers: -s, or more on netlink sockets */
	struct hy_sockid sockid;	/* the netlink socket of args[0] when bufmax is HYB_NL_MAX */
	__u64 ksrc;		/* RD_KERNEL: where to read (the blob's addr is then free) */
	__u64 sp;		/* user stack pointer at entry */
	__u32 dev;		/* enum hy_dev_kind of the call's device fd (--cuda) */
	/* dump_chunks(): the buffer, its length and the next chunk's offset, kept here so that
	   the verifier does not follow their values through the loop's rounds */
	__u64 dbuf, dlen, doff;
	struct user_msghdr mh;	/* cap_msghdr(): the msghdr read, off the stack */
	/* fd path walk (fd_path) */
	__u64 pd, pm, rootd, rootm;
	__u32 ppos, ptrunc;
	__u8 path[PATH_BUF + 256];
	__u8 rec[2 * HYB_REC_MAX + 64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);		/* set to the number of CPUs */
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hyb_drops);
} drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HY_NR_MAX);
	__type(key, __u32);
	__type(value, struct hy_sum);
} sums SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroups SEC(".maps");

/*
 * Bound v below the power of two p for the verifier: callers already keep v
 * in range, the mask (with barrier_var() from bpf_helpers.h, so clang cannot
 * move it) only makes that visible in the register passed to a helper.
 */
#define BOUND(v, p) do { barrier_var(v); (v) &= (p) - 1; } while (0)

#define BLOB_HDR ((__u32)sizeof(struct hy_blob))
#define REC_HDR ((__u32)sizeof(struct hy_rec))

/* Blob description packed into one argument: BPF functions take at most 5. */
#define META(arg, when, idx, fl) \
	((__u64)(arg) | (__u64)(when) << 8 | (__u64)(fl) << 16 | (__u64)(idx) << 32)
#define META_IDX(idx) ((__u64)(idx) << 32)
#define META_FL(fl) ((__u64)(fl) << 16)

/* RD_USTACK: as RD_USER, but all or nothing (stack_dwarf() shrinks its window itself) */
enum { RD_USER, RD_STR, RD_KERNEL, RD_ERR, RD_KSTR, RD_USTACK };

static __always_inline __u64 now_ns(void)
{
	return bpf_ktime_get_ns() + boot_off;
}

static __always_inline struct hyb_drops *drops_get(void)
{
	__u32 z = 0;

	return bpf_map_lookup_elem(&drops, &z);
}

/* Count a drop; lost events also wait to be reported by the next record. */
static __always_inline void drop(__u32 reason, int lost)
{
	struct hyb_drops *d = drops_get();

	if (!d || reason >= HY_LOST_NR)
		return;
	d->total[reason]++;
	if (lost) {
		__u32 tgid = bpf_get_current_pid_tgid() >> 32;

		if (!d->pending[reason]) {
			d->pid[reason] = tgid;
			d->others[reason] = 0;
		} else if (d->pid[reason] != tgid) {
			d->others[reason] = 1;
		}
		d->pending[reason]++;
	}
}

static __always_inline __u64 wake_flags(void)
{
	return bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) > cfg_ring_half ? BPF_RB_FORCE_WAKEUP
									: BPF_RB_NO_WAKEUP;
}

/*
 * Room for a syscall record of size bytes: syscall records leave cfg_life_reserve
 * bytes free so that a storm cannot starve fork/exec/exit/signal records (8: the
 * ring's own record header, kernel/bpf/ringbuf.c).
 */
static __always_inline int syscall_room(__u64 size)
{
	return bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) + size + 8 + cfg_life_reserve <= cfg_ring_size;
}

/* Send HY_REC_LOST records for drops on this CPU not reported yet; from a syscall
 * path (life 0) only where a syscall record would fit, so they do not eat the reserve. */
__noinline int report_lost(int life)
{
	struct hyb_drops *d = drops_get();
	struct hy_rec *r;

	if (!d)
		return 0;
	for (__u32 i = 0; i < HY_LOST_NR; i++) {
		__u64 n = d->pending[i];

		if (!n)
			continue;
		if (!life && !syscall_room(sizeof(*r)))
			return 0;
		r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);
		if (!r)
			return 0;
		__builtin_memset(r, 0, sizeof(*r));
		r->type = HY_REC_LOST;
		r->size = sizeof(*r);
		r->ts_enter = now_ns();
		r->args[0] = n;
		r->args[1] = i;
		r->args[2] = d->pid[i];		/* whose events they were (0: unknown) */
		r->args[3] = d->others[i];	/* ... and other processes' too */
		bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
		d->pending[i] -= n;
	}
	return 0;
}

static __always_inline void lost_check(int life)
{
	struct hyb_drops *d = drops_get();

	if (d && (d->pending[HY_LOST_RING_FULL] | d->pending[HY_LOST_TOO_MANY_TASKS]))
		report_lost(life);
}

/* The header; comm from the task state when there is one (st), else read now. */
static __always_inline void rec_head(struct hy_rec *r, __u16 type, __u64 pt, __u64 ts, __u64 ts_exit,
				     const struct hyb_task *st)
{
	r->type = type;
	r->nblobs = 0;
	r->size = sizeof(*r);
	r->pid = pt >> 32;
	r->tid = (__u32)pt;
	r->ts_enter = ts;
	r->ts_exit = ts_exit;
	if (st) {
		*(__u64 *)&r->comm[0] = *(const __u64 *)&st->comm[0];
		*(__u64 *)&r->comm[8] = *(const __u64 *)&st->comm[8];
	} else {
		bpf_get_current_comm(r->comm, sizeof(r->comm));
	}
	r->nr = 0;
	r->flags = 0;
}

static __always_inline void rec_args(struct hy_rec *r, const struct hyb_task *st)
{
	r->nr = st->nr;
	r->args[0] = st->args[0];
	r->args[1] = st->args[1];
	r->args[2] = st->args[2];
	r->args[3] = st->args[3];
	r->args[4] = st->args[4];
	r->args[5] = st->args[5];
}

/* -------------------------------------------------------------------------
 * Captures.  Global (non-static) functions are verified once each, which
 * keeps the verifier's work small for the nested loops of array captures.
 */

/*
 * Append a blob to s->rec.  RD_USER: want bytes of user memory at addr, or
 * when they cross into a page that cannot be read, those up to the first page's
 * end (RD_USTACK: all or an error);
 * RD_KERNEL: of kernel memory at s->ksrc (addr is only shown).  RD_STR (user)
 * and RD_KSTR (kernel, s->ksrc): a string in a window of want bytes:
 * HY_BF_NUL and its length when the NUL is inside the window, else
 * HY_BF_TRUNC and want bytes (as pmem_read_str() of the ptrace backend).
 * RD_ERR: only the error want (an errno).  Returns the bytes stored, -E2BIG
 * when the record is full, or the read's -errno.
 */
__noinline int put_blob(struct scratch *s, __u64 meta, __u64 addr, __u32 want, __u32 mode)
{
	__u32 off, lim, room, rd, len = 0, flags, trunc;
	struct hy_blob *b;
	__u8 *data;
	long err = 0;

	if (!s)
		return -EINVAL;
	off = s->off;
	lim = s->limit;
	if (lim > HYB_REC_MAX)
		lim = HYB_REC_MAX;
	if (s->nblobs >= HY_MAX_BLOBS || off + BLOB_HDR + 8 > lim || off >= HYB_REC_MAX) {
		s->cut = 1;
		return -E2BIG;
	}
	room = lim - off - BLOB_HDR;
	flags = (meta >> 16) & 0xff;
	rd = 0;
	if (mode == RD_ERR) {
		err = -(long)want;
	} else {
		rd = mode == RD_STR || mode == RD_KSTR ? want + 1 : want;	/* + the NUL */
		if (rd > room || rd < want) {	/* rd < want: overflow */
			rd = room;
			s->cut = 1;
		}
	}
	BOUND(rd, HYB_REC_MAX);
	barrier_var(off);
	off &= HYB_REC_MAX - 1;
	b = (struct hy_blob *)&s->rec[off];
	data = &s->rec[off + BLOB_HDR];

	if (mode == RD_STR || mode == RD_KSTR) {
		if (mode == RD_STR)
			err = bpf_probe_read_user_str(data, rd, (const void *)addr);
		else
			err = bpf_probe_read_kernel_str(data, rd, (const void *)s->ksrc);
		if (err > 0) {
			len = err - 1;	/* without the NUL */
			flags |= len + 1 < rd ? HY_BF_NUL : HY_BF_TRUNC;
			err = 0;
		} else if (err == 0) {
			err = -EINVAL;
		}
	} else if (mode == RD_USER || mode == RD_KERNEL || mode == RD_USTACK) {
		trunc = rd < want;	/* cut by the room left: a short read below is not */
		if (mode != RD_KERNEL) {
			err = bpf_probe_read_user(data, rd, (const void *)addr);
			/*
			 * an object that ends where an unmapped page starts, read with a
			 * larger fixed size (sockaddr, fd_set, an int of prctl): the part
			 * up to the page end, short, as the ptrace backend's reads stop
			 */
			if (err && mode == RD_USER && rd > PAGE_SZ - (addr & (PAGE_SZ - 1))) {
				rd = PAGE_SZ - (addr & (PAGE_SZ - 1));
				BOUND(rd, PAGE_SZ << 1);
				err = bpf_probe_read_user(data, rd, (const void *)addr);
				/* short, as a ptrace read stopped by a fault (HY_BF_FAULT) */
				flags |= HY_BF_PAGE_END | HY_BF_FAULT;
			}
		} else {
			err = bpf_probe_read_kernel(data, rd, (const void *)s->ksrc);
		}
		if (!err) {
			len = rd;
			if (trunc)
				flags |= HY_BF_TRUNC;
		} else if (mode == RD_USER) {
			/*
			 * The part before the next page may be readable (an array or a
			 * buffer running into an unmapped page): keep it, marked
			 * HY_BF_FAULT (only len bytes), as the ptrace backend does.  A
			 * valid page not faulted in yet fails the same way (BPF cannot
			 * tell them apart without bpf_find_vma(), whose callback would
			 * be a 33rd FUNC symbol): its elements then print as unreadable.
			 */
			__u32 first = 4096 - (__u32)(addr & 4095);	/* PAGE_SIZE, x86_64 */

			if (first < rd) {
				BOUND(first, HYB_REC_MAX);
				if (!bpf_probe_read_user(data, first, (const void *)addr)) {
					len = first;
					flags |= HY_BF_TRUNC | HY_BF_FAULT;
					err = 0;
				}
			}
		}
	}
	if (err) {
		len = 0;
		if (mode != RD_ERR)
			s->failed++;
	}
	BOUND(len, HYB_REC_MAX);
	/* zero the padding after the data: records must not carry stale bytes */
	if (len & 7) {
		__u64 *p = (__u64 *)&data[len & ~7u];

		*p &= (1ull << ((len & 7) * 8)) - 1;
	}
	b->arg = meta & 0xff;
	b->when = (meta >> 8) & 0xff;
	b->idx = meta >> 32;
	b->err = err;
	b->len = len;
	b->flags = flags;
	b->addr = addr;
	s->last = off;
	s->off = off + BLOB_HDR + HY_BLOB_ALIGN(len);
	s->nblobs++;
	return err ? err : len;
}

static __always_inline __u64 min64(__u64 a, __u64 b)
{
	return a < b ? a : b;
}

/*
 * Loops over array elements run under bpf_loop() (Linux 5.17): its callback
 * is verified once, where a bounded loop is verified once per iteration;
 * with HY_ARR_MAX iterations that was half of the verifier's work and of
 * hytrace's start-up time.
 */
struct loop_ctx {
	struct scratch *s;
	__u64 meta;
	__u64 base;
	__u32 n;
	__u32 doff;
	__u32 got;
};

/* HY_CAP_STRARR: pointer j of the array at base, into the pointer blob at s->rec[doff]. */
static long strarr_ptr(__u32 j, void *ctx)
{
	struct loop_ctx *lc = ctx;
	struct scratch *s = lc->s;
	__u32 pos = lc->doff + j * 8;

	if (j >= lc->n)
		return 1;
	BOUND(pos, HYB_REC_MAX);
	if (bpf_probe_read_user(&s->rec[pos], 8, (const void *)(lc->base + j * 8))) {
		lc->meta = 2;	/* unreadable: HY_BF_FAULT */
		return 1;
	}
	if (!*(__u64 *)&s->rec[pos]) {
		lc->meta = 1;	/* the NULL: the end */
		return 1;
	}
	lc->got = j + 1;
	return 0;
}

/* HY_CAP_STRARR: string i, its pointer read from the pointer blob at s->rec[doff]. */
static long strarr_str(__u32 i, void *ctx)
{
	struct loop_ctx *lc = ctx;
	struct scratch *s = lc->s;
	__u32 pos = lc->doff + i * 8;

	if (i >= lc->n)
		return 1;
	BOUND(pos, HYB_REC_MAX);
	return put_blob(s, lc->meta | META_IDX(1 + i) | META_FL(HY_BF_CHILD),
			*(__u64 *)&s->rec[pos], cfg_strsize + 1, RD_STR) == -E2BIG;
}

/*
 * HY_CAP_STRARR: the pointer array (idx 0, HY_BF_ARRAY_END when its NULL was
 * seen, else HY_BF_TRUNC, with HY_BF_FAULT when a pointer could not be read), then under -v (or without HY_CF_VERBOSE) the
 * strings (idx 1+i, at most HY_ARR_MAX).
 */
__noinline int cap_strarr(struct scratch *s, __u64 meta, __u64 base, __u32 strings, __u64 shown)
{
	__u32 off, doff, lim, n = 0, end = 0, fl, room;
	struct hy_blob *b;

	if (!s)
		return 0;
	off = s->off;
	lim = s->limit;
	if (lim > HYB_REC_MAX)
		lim = HYB_REC_MAX;
	if (s->nblobs >= HY_MAX_BLOBS || off + BLOB_HDR + 8 > lim || off >= HYB_REC_MAX) {
		s->cut = 1;
		return 0;
	}
	room = (lim - off - BLOB_HDR) / 8;
	doff = off + BLOB_HDR;
	struct loop_ctx pc = { .s = s, .base = base, .n = min64(room, HY_PTRS_MAX), .doff = doff };

	bpf_loop(HY_PTRS_MAX, strarr_ptr, &pc, 0);
	n = pc.got;
	end = pc.meta == 1;
	if (n >= HYB_REC_MAX / 8)
		n = 0;
	if (!n && !end) {
		s->failed++;
		return put_blob(s, meta, shown, 14 /* EFAULT */, RD_ERR);
	}
	/* the header for the pointers read in place above */
	barrier_var(off);
	off &= HYB_REC_MAX - 1;
	b = (struct hy_blob *)&s->rec[off];
	fl = end ? HY_BF_ARRAY_END : HY_BF_TRUNC | (pc.meta == 2 ? HY_BF_FAULT : 0);
	b->arg = meta & 0xff;
	b->when = (meta >> 8) & 0xff;
	b->idx = 0;
	b->err = 0;
	b->len = n * 8;
	b->flags = fl;
	b->addr = shown;
	if (!end && n * 8 + BLOB_HDR + 16 > lim - off)
		s->cut = 1;
	s->last = off;
	s->off = off + BLOB_HDR + n * 8;
	s->nblobs++;
	if (!strings)
		return 0;
	/* the same context for the strings (one on the stack: cap_strarr is on the 512-byte
	   stack path of the dedicated programs) */
	pc.meta = meta;
	pc.n = n;
	pc.doff = doff;
	bpf_loop(HY_ARR_MAX, strarr_str, &pc, 0);
	return 0;
}

/* Bytes of a buffer to copy: s->bufmax (-s, or HYB_NL_MAX on a netlink socket: buf_max()),
 * but -s for what recvfrom/recvmsg (x86-64: 45, 47) find at entry, before the data came. */
static __always_inline __u32 buf_cap(const struct scratch *s)
{
	return (s->nr == 45 || s->nr == 47) && s->when != HY_AT_EXIT ? cfg_strsize : s->bufmax;
}

/*
 * The buffers of an iovec array at base (n elements): element i as blob
 * idx0 + i, min(iov_len, budget) bytes but at most -s, while budget lasts
 * (iov_buffers() of the ptrace backend).
 */
/* the iovec loops' context: 32 bytes, so that iov_bufs' frame stays small (it is on the 512-byte
   stack path enter_slow -> cap_arg -> cap_msghdr -> iov_bufs -> iov_buf -> put_blob) */
struct iov_ctx {
	struct scratch *s;
	__u64 meta;
	__u64 base;
	__u32 n;
};

static long iov_buf(__u32 i, void *ctx)
{
	struct iov_ctx *lc = ctx;
	struct scratch *s = lc->s;
	struct { __u64 base, len; } iov;
	__u64 len;

	if (i >= lc->n || !s->budget)
		return 1;
	if (bpf_probe_read_user(&iov, sizeof(iov), (const void *)(lc->base + i * 16)))
		return 1;
	len = min64(iov.len, s->budget);
	s->budget -= len;
	return put_blob(s, lc->meta + META_IDX(i), iov.base, min64(len, buf_cap(s)), RD_USER) == -E2BIG;
}

__noinline int iov_bufs(struct scratch *s, __u64 meta, __u64 base, __u32 n)
{
	struct iov_ctx lc = { .s = s, .meta = meta, .base = base, .n = n };

	if (!s)
		return 0;
	bpf_loop(HY_ARR_MAX, iov_buf, &lc, 0);
	return 0;
}

/* Sum of the iov_len of n elements at base: the entry budget. */
static long iov_len_add(__u32 i, void *ctx)
{
	struct iov_ctx *lc = ctx;
	struct { __u64 base, len; } iov;

	if (i >= lc->n ||
	    bpf_probe_read_user(&iov, sizeof(iov), (const void *)(lc->base + i * 16)))
		return 1;
	lc->s->budget += iov.len;
	return 0;
}

__noinline int iov_sum(struct scratch *s, __u64 base, __u32 n)
{
	struct iov_ctx lc = { .s = s, .base = base, .n = n };

	if (!s)
		return 0;
	s->budget = 0;
	bpf_loop(HY_ARR_MAX, iov_len_add, &lc, 0);
	return 0;
}

/* The iovec array (idx0, flags fl) and its buffers (idx0 + 1 + i, HY_BF_CHILD). */
static __always_inline void cap_iov(struct scratch *s, __u64 meta, __u64 addr, __u64 cnt,
				    __u32 idx0, __u32 fl)
{
	__u32 n = min64(cnt, HY_ARR_MAX);

	if (!n || put_blob(s, meta | META_IDX(idx0) | META_FL(fl), addr, n * 16, RD_USER) < 0)
		return;
	if (s->when == HY_AT_EXIT)
		s->budget = s->ret > 0 ? (__u64)s->ret : 0;
	else
		iov_sum(s, addr, n);
	iov_bufs(s, meta | META_IDX(idx0 + 1) | META_FL(HY_BF_CHILD), addr, n);
}

/* HY_CAP_MSGHDR: header (0), name (1), control (2), iov array (3), buffers (4+i). */
__noinline int cap_msghdr(struct scratch *s, __u64 meta, __u64 addr)
{
	struct user_msghdr *m;	/* in the scratch: this function is on the 512-byte stack path */

	if (!s)
		return 0;
	m = &s->mh;
	if (put_blob(s, meta, addr, sizeof(*m), RD_USER) < 0)
		return 0;
	if (bpf_probe_read_user(m, sizeof(*m), (const void *)addr))
		return 0;
	if (m->msg_name && m->msg_namelen)
		put_blob(s, meta | META_IDX(1) | META_FL(HY_BF_CHILD), (__u64)m->msg_name,
			 min64((__u32)m->msg_namelen, HYB_NAME_MAX), RD_USER);
	if (m->msg_control && m->msg_controllen)
		put_blob(s, meta | META_IDX(2) | META_FL(HY_BF_CHILD), (__u64)m->msg_control,
			 min64(m->msg_controllen, HYB_CTRL_MAX), RD_USER);
	if (m->msg_iov)
		cap_iov(s, meta, (__u64)m->msg_iov, m->msg_iovlen, 3, HY_BF_CHILD);
	return 0;
}

/* include/uapi/linux/magic.h */
#define AT_FDCWD		-100	/* include/uapi/linux/fcntl.h */
#define PIPEFS_MAGIC		0x50495045
#define SOCKFS_MAGIC		0x534F434B
#define ANON_INODE_FS_MAGIC	0x09041934
#define NSFS_MAGIC		0x6e736673
#define PID_FS_MAGIC		0x50494446

/*
 * One step of the walk from s->pd (in mount s->pm) up to the root, as d_path()
 * does (fs/d_path.c prepend_path): a name, or a mount crossing.  0 to go on,
 * 1 when done.  Names are put in s->path backwards, ending at PATH_END.
 */
__noinline int path_step(struct scratch *s)
{
	struct dentry *d, *parent;
	struct mount *m, *mp;
	struct qstr q = {};
	__u32 len, pos;

	if (!s)
		return 1;
	d = (struct dentry *)s->pd;
	m = (struct mount *)s->pm;
	if (s->pd == s->rootd && s->pm == s->rootm)
		return 1;	/* the task's root (chroot) */
	if (d == BPF_CORE_READ(m, mnt.mnt_root)) {
		mp = BPF_CORE_READ(m, mnt_parent);
		if (mp == m)
			return 1;	/* the namespace's root, or a mount not attached anywhere */
		s->pd = (__u64)BPF_CORE_READ(m, mnt_mountpoint);
		s->pm = (__u64)mp;
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (parent == d)
		return 1;
	if (bpf_core_read(&q, sizeof(q), &d->d_name))
		return 1;
	len = q.len;
	pos = s->ppos;
	if (len > 255 || pos > PATH_END || pos < len + 1) {
		s->ptrunc = 1;
		return 1;
	}
	pos -= len;
	BOUND(pos, PATH_BUF);
	BOUND(len, 256);
	bpf_probe_read_kernel(&s->path[pos], len, q.name);
	pos -= 1;
	BOUND(pos, PATH_BUF);
	s->path[pos] = '/';
	s->ppos = pos;
	s->pd = (__u64)parent;
	return 0;
}

/* the path walk's loop needs only the scratch: a context of one pointer keeps fd_path's frame
   small (it is on the 512-byte stack path of the dedicated programs) */
struct scratch_ctx {
	struct scratch *s;
};

static long path_cb(__u32 i, void *ctx)
{
	return path_step(((struct scratch_ctx *)ctx)->s) ? 1 : 0;
}

/*
 * -y: the path of the current task's file descriptor fd, as readlink() of
 * /proc/PID/fd/FD shows it (capture_fdpath() of the ptrace backend), read now
 * rather than when user space gets the record (the fd may be closed or
 * reused by then).  No blob when fd is not open or is an unnamed kind.
 */
__noinline int fd_path(struct scratch *s, __u64 meta, __s64 fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct fdtable *fdt;
	struct file **fda, *f = NULL;
	struct dentry *d;
	struct vfsmount *vm;
	__u64 data[2];
	__u32 len, pos, flags = HY_BF_FDPATH;
	long n;

	if (!s)
		return 0;
	if (fd == AT_FDCWD) {
		/* the working directory, as /proc/PID/cwd (fdpath_describe() in user/state/fdpath.c) */
		d = BPF_CORE_READ(t, fs, pwd.dentry);
		vm = BPF_CORE_READ(t, fs, pwd.mnt);
		goto walk;
	}
	if (fd < 0 || fd > 0x7fffffff)
		return 0;
	fdt = BPF_CORE_READ(t, files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return 0;
	fda = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fda[fd]) || !f)
		return 0;
	d = BPF_CORE_READ(f, f_path.dentry);
	vm = BPF_CORE_READ(f, f_path.mnt);
	if (!d || !vm)
		return 0;
	if (BPF_CORE_READ(d, d_op, d_dname)) {
		/* names made up by the filesystem: fs/pipe.c, net/socket.c, fs/anon_inodes.c */
		__u64 magic = BPF_CORE_READ(d, d_sb, s_magic);

		data[0] = BPF_CORE_READ(d, d_inode, i_ino);
		if (magic == PIPEFS_MAGIC) {
			n = bpf_snprintf((char *)s->path, 64, "pipe:[%lu]", data, 8);
		} else if (magic == SOCKFS_MAGIC) {
			n = bpf_snprintf((char *)s->path, 64, "socket:[%lu]", data, 8);
		} else if (magic == ANON_INODE_FS_MAGIC) {
			data[0] = (__u64)BPF_CORE_READ(d, d_name.name);
			n = bpf_snprintf((char *)s->path, 256, "anon_inode:%s", data, 8);
		} else if (magic == PID_FS_MAGIC) {
			n = bpf_snprintf((char *)s->path, 64, "anon_inode:[pidfd]", data, 0);
		} else if (magic == NSFS_MAGIC) {
			return 0;	/* "net:[ino]": the name is in the ns operations */
		} else {
			/* simple_dname() of alloc_file_pseudo() files: memfd, secretmem (fs/d_path.c) */
			data[0] = (__u64)BPF_CORE_READ(d, d_name.name);
			n = bpf_snprintf((char *)s->path, 256, "/%s (deleted)", data, 8);
		}
		if (n <= 1)
			return 0;
		s->ksrc = (__u64)s->path;
		return put_blob(s, meta | META_FL(flags), fd, n - 1, RD_KERNEL);
	}
walk:
	if (!d || !vm)
		return 0;
	s->pd = (__u64)d;
	s->pm = (__u64)vm - bpf_core_field_offset(struct mount, mnt);
	s->rootd = (__u64)BPF_CORE_READ(t, fs, root.dentry);
	s->rootm = (__u64)BPF_CORE_READ(t, fs, root.mnt) - bpf_core_field_offset(struct mount, mnt);
	s->ppos = PATH_END;
	s->ptrunc = 0;
	struct scratch_ctx lc = { .s = s };

	bpf_loop(128, path_cb, &lc, 0);	/* 128 levels: deeper paths get HY_BF_TRUNC */
	pos = s->ppos;
	if (pos >= PATH_END) {
		pos = PATH_END - 1;
		s->path[pos] = '/';
	}
	len = PATH_END - pos;
	/* d_unlinked(): not a root and unhashed (include/linux/dcache.h) */
	if (BPF_CORE_READ(d, d_parent) != d && !BPF_CORE_READ(d, d_hash.pprev)) {
		__builtin_memcpy(&s->path[PATH_END], " (deleted)", 10);
		len += 10;
	}
	if (s->ptrunc)
		flags |= HY_BF_TRUNC;
	BOUND(pos, PATH_BUF);
	s->ksrc = (__u64)&s->path[pos];
	return put_blob(s, meta | META_FL(flags), fd, len, RD_KERNEL);
}

/* fd_elem's context: 32 bytes, so that fds_paths' frame stays small (it is on the 512-byte stack
   path enter_slow -> cap_arg -> fds_paths -> fd_elem -> fd_path -> put_blob) */
struct fd_ctx {
	struct scratch *s;
	__u64 meta;
	__u32 n;
	__u32 doff;
	__u32 stride;	/* bytes between two fds; 0: the blob is an fd_set of n bits */
};

static long fd_elem(__u32 k, void *ctx)
{
	struct fd_ctx *lc = ctx;
	struct scratch *s = lc->s;
	__u32 pos;

	if (k >= lc->n)
		return 1;
	if (!lc->stride) {	/* bit k of the set: fd k, blob idx 0x2000 + k as fdset_fds() */
		pos = lc->doff + k / 8;
		BOUND(pos, 2 * HYB_REC_MAX);
		if (!(s->rec[pos] & (1u << (k & 7))))
			return 0;
		return fd_path(s, lc->meta | META_IDX(0x2000 + k), (__s32)k) == -E2BIG;
	}
	pos = lc->doff + k * lc->stride;
	BOUND(pos, 2 * HYB_REC_MAX);
	return fd_path(s, lc->meta | META_IDX(1 + k), *(__s32 *)&s->rec[pos]) == -E2BIG;
}

/*
 * HY_CF_FDS: the ints of the blob just appended are fds: their paths as blobs
 * idx 1+k (fdpath_add() in user/state/fdpath.c); HY_CAP_OPDESC: the int at fd_off of
 * each stride bytes (meta's flags byte: fd_off, its idx: the stride).  HY_CF_FDSET (nfds > 0):
 * the blob is an fd_set of nfds bits: the paths of the fds set in it, idx 0x2000 + fd
 * (fdset_fds()).
 */
__noinline int fds_paths(struct scratch *s, __u64 meta, __u32 nfds)
{
	__u32 off, n, doff, stride = meta >> 32, first = (meta >> 16) & 0xff;
	struct hy_blob *b;

	if (!s)
		return 0;
	off = s->last;
	BOUND(off, HYB_REC_MAX);
	b = (struct hy_blob *)&s->rec[off];
	if (b->err)
		return 0;
	if (stride < 4 || stride > 64 || first + 4 > stride)
		stride = 4, first = 0;
	n = nfds ? (nfds < b->len * 8 ? nfds : b->len * 8) : b->len / stride;
	doff = off + BLOB_HDR + (nfds ? 0 : first);
	meta &= 0xffff;		/* arg and when: the path blobs' own flags and idx are fd_path's */
	struct fd_ctx lc = { .s = s, .meta = meta, .n = n, .doff = doff,
			     .stride = nfds ? 0 : stride };

	bpf_loop(nfds ? 1024 : HY_ARR_MAX, fd_elem, &lc, 0);
	return 0;
}

#include "ioctl_dev.bpf.h"

/*
 * HY_CAP_OPDESC: the layout opcode args[HY_PAIR_A(size)] selects (struct hy_op_desc):
 * the top object, then its subs at entry, the paths of their fds under -y.  As
 * opdesc_capture() of the ptrace backend.
 */
static __always_inline void cap_opdesc(struct scratch *s, __u32 i, __u32 size, __u32 src,
				       __u64 meta, __u64 addr)
{
	__u32 tab = HY_PAIR_B(size), op, when = s->when;
	const volatile struct hy_op_desc *o;
	__u64 n, cnt, want;

	if (tab >= HY_OPD_TABLES || HY_PAIR_A(size) >= HY_NARGS)
		return;
	op = s->args[HY_PAIR_A(size) & 7];
	if (op >= HY_OPD_MAX)
		return;
	BOUND(tab, 1);
	BOUND(op, HY_OPD_MAX);
	o = &cfg_opd[tab][op];
	if (!o->max || !(o->when & when))
		return;
	/* the memory of a failed call was not written: its entry capture is what was passed */
	if (when == HY_AT_EXIT && (__u64)s->ret >= (__u64)-MAX_ERRNO)
		return;
	cnt = src < HY_NARGS ? (__u32)s->args[src & 7] : 0;
	want = o->base + (o->elem ? min64(cnt, 0xffff) * o->elem : 0);
	if (want > o->max)
		want = o->max;
	if (!want || put_blob(s, meta, addr, want, RD_USER) <= 0)
		return;
	if (o->fd_stride && cfg_yflag)
		fds_paths(s, meta | META_IDX(o->fd_stride) | META_FL(o->fd_off), 0);
	if (when != HY_AT_ENTER)
		return;
	for (__u32 j = 0; j < HY_OPD_SUBS; j++) {
		const volatile struct hy_op_sub *u = &o->sub[j];
		__u64 ptr = 0;
		__u32 c = 0, el = u->elem;

		if (!el || el > 64 || u->ptr_off + 8 > want)
			continue;
		if (bpf_probe_read_user(&ptr, 8, (const void *)(addr + u->ptr_off)) || !ptr)
			continue;
		if (u->cnt_off == HY_OPS_CNT_ARG)
			c = cnt;
		else if (u->cnt_off + 4 > want ||
			 bpf_probe_read_user(&c, 4, (const void *)(addr + u->cnt_off)))
			continue;
		if (!c)
			continue;
		n = min64(c, HY_ARR_MAX);
		if (put_blob(s, META(i, when, HY_OPD_SUB_IDX + j, HY_BF_CHILD), ptr, n * el,
			     RD_USER) > 0 && (u->flags & HY_OPS_FDS) && cfg_yflag)
			fds_paths(s, meta | META_IDX(4), 0);
	}
}

/* The count a capture takes from count_src (count_of() of the ptrace backend). */
static __always_inline __u64 cap_count(struct scratch *s, __u32 src, __u32 size)
{
	if (src < HY_NARGS)
		return s->args[src];
	if (src == HY_SRC_RET)
		return s->ret < 0 ? 0 : s->ret;
	return size;
}

/*
 * HY_CAP_PTRACE: ptrace's data argument as its request says (hy_ptrace_data_len() of
 * hytrace.h; cap_ptrace() of the ptrace backend does the same): the struct iovec of
 * GETREGSET/SETREGSET and its buffer, PEEKSIGINFO's args struct at addr.
 */
static __always_inline void cap_ptrace(struct scratch *s, __u32 when)
{
	__u64 req = s->args[0], addr = s->args[2], data = s->args[3], len;
	int ok = when == HY_AT_EXIT && (__u64)s->ret < (__u64)-MAX_ERRNO;
	struct { __u64 base, len; } iov;

	if (req == 0x4209 && when == HY_AT_ENTER && addr)	/* PTRACE_PEEKSIGINFO */
		put_blob(s, META(2, when, 0, 0), addr, 16, RD_USER);
	if (!data)
		return;
	if (req == 0x4204 || req == 0x4205) {	/* PTRACE_GETREGSET, PTRACE_SETREGSET */
		if (put_blob(s, META(3, when, 0, 0), data, sizeof(iov), RD_USER) != sizeof(iov))
			return;
		if (req == 0x4204 ? !ok : when != HY_AT_ENTER)
			return;
		if (bpf_probe_read_user(&iov, sizeof(iov), (const void *)data) || !iov.base || !iov.len)
			return;
		put_blob(s, META(3, when, 1, HY_BF_CHILD), iov.base, min64(iov.len, HY_PT_REGSET_MAX),
			 RD_USER);
		return;
	}
	len = hy_ptrace_data_len(req, addr, s->ret, when, ok);
	if (len)
		put_blob(s, META(3, when, 0, 0), data, min64(len, HY_PT_SIGINFO_MAX * 128), RD_USER);
	/* -y: the path of a SIGIO siginfo's si_fd (HY_PT_SIGINFO_FD of hytrace.h) */
	if (cfg_yflag && len == 128 && (req == 0x4202 || req == 0x4203)) {
		__s32 si[HY_PT_SIGINFO_FD / 4 + 1];

		if (!bpf_probe_read_user(si, sizeof(si), (const void *)data) && hy_si_has_fd(si[0], si[2]))
			fd_path(s, META(3, when, 1, 0), si[HY_PT_SIGINFO_FD / 4]);
	}
}

/*
 * Capture argument i of syscall s->nr as the spec says, for time s->when.
 * Blob for blob the same as capture_apply() of the ptrace backend
 * (user/source/ptrace_capture.c): both backends must produce the same records.
 */
__noinline int cap_arg(struct scratch *s, __u32 i)
{
	const volatile struct hy_cap *c;
	__u32 nr, kind, size, src, when, n, nb0;
	__u64 addr, cnt, meta;

	if (!s || i >= HY_NARGS)
		return 0;
	nr = s->nr;
	if (nr >= HY_NR_MAX)
		return 0;
	BOUND(i, 8);
	BOUND(nr, HY_NR_MAX);
	c = &cfg_caps[nr].arg[i];
	kind = c->kind;
	size = c->size;
	src = c->count_src;
	when = s->when;
	if (!(c->when & when) || kind == HY_CAP_NONE ||
	    (kind == HY_CAP_FDPATH && !cfg_yflag && !s->dev))
		return 0;
	addr = s->args[i];
	meta = META(i, when, 0, 0);
	nb0 = s->nblobs;
	if (kind == HY_CAP_FDPATH)
		return fd_path(s, meta, (int)addr);
	/* exit-only captures are skipped when the call failed (the memory was not written) */
	if (when == HY_AT_EXIT && (__u64)s->ret >= (__u64)-MAX_ERRNO &&
	    !(c->flags & HY_CF_ALWAYS) && !(c->when & HY_AT_ENTER))
		return 0;
	if (kind == HY_CAP_FIXED && i == 2 && s->dev && dev_ioc_cap(s))
		return 0;	/* a device ioctl: its description (ioctl_dev.bpf.h) */
	if (kind == HY_CAP_STACK) {
		/* rt_sigreturn's signal frame: at the stack pointer, not at an argument */
		if (s->sp)
			put_blob(s, META(HY_ARG_EXTRA, when, i, 0), s->sp + HY_STACK_OFF(size),
				 HY_STACK_LEN(size), RD_USER);
		return 0;
	}
	if (kind == HY_CAP_PTRACE) {
		cap_ptrace(s, when);
		return 0;
	}
	if (!addr)
		return 0;	/* NULL: nothing to read, the decoder prints NULL */
	cnt = cap_count(s, src, size);

	switch (kind) {
	case HY_CAP_STR:
		put_blob(s, meta, addr, (size ? size : cfg_strsize) + 1, RD_STR);
		break;
	case HY_CAP_PATH:
		put_blob(s, meta, addr, size ? size : HY_PATH_MAX, RD_STR);
		break;
	case HY_CAP_FIXED:
		put_blob(s, meta, addr, size, RD_USER);
		break;
	case HY_CAP_BUF:
		if (cnt)
			put_blob(s, meta, addr, min64(cnt, buf_cap(s)), RD_USER);
		break;
	case HY_CAP_SIZED:
		put_blob(s, meta, addr, min64(cnt, size), RD_USER);
		break;
	case HY_CAP_LENPTR: {
		__s32 l = 0;

		if (src >= HY_NARGS)
			break;
		if (bpf_probe_read_user(&l, sizeof(l), (const void *)s->args[src & 7]) || l < 0)
			l = size;
		put_blob(s, meta, addr, min64((__u32)l, size), RD_USER);
		break;
	}
	case HY_CAP_IOC:
		/* _IOC_SIZE: include/uapi/asm-generic/ioctl.h, 14 bits at bit 16 */
		cnt = (s->args[1] >> 16) & 0x3fff;
		if (cnt)
			put_blob(s, meta, addr, min64(cnt, size), RD_USER);
		break;
	case HY_CAP_ARRAY:
		n = min64(cnt, HY_ARR_MAX);
		if (n)
			put_blob(s, meta, addr, n * size, RD_USER);
		break;
	case HY_CAP_STRARR:
		cap_strarr(s, meta, addr, !(c->flags & HY_CF_VERBOSE) || cfg_verbose, addr);
		break;
	case HY_CAP_IOVEC:
		cap_iov(s, meta, addr, src < HY_NARGS ? cnt : 0, 0, 0);
		break;
	case HY_CAP_MSGHDR:
		cap_msghdr(s, meta, addr);
		break;
	case HY_CAP_DEREF: {
		/* a struct whose first member points to more (pselect6's sigmask) */
		__u64 ptr = 0;

		put_blob(s, meta, addr, HY_PAIR_A(size), RD_USER);
		if (!bpf_probe_read_user(&ptr, sizeof(ptr), (const void *)addr) && ptr)
			put_blob(s, META(i, when, 1, HY_BF_CHILD), ptr, HY_PAIR_B(size), RD_USER);
		break;
	}
	case HY_CAP_OPDESC:
		cap_opdesc(s, i, size, src, meta, addr);
		break;
	case HY_CAP_MMSGHDR:
		/* struct mmsghdr: 56-byte msghdr + msg_len, padded to 64 */
		n = min64(cnt, HY_ARR_MAX);
		if (n)
			put_blob(s, meta, addr, n * 64, RD_USER);
		break;
	}
	if ((c->flags & HY_CF_FDS) && cfg_yflag && s->nblobs > nb0)
		fds_paths(s, meta | META_IDX(4), 0);
	/* fd_set paths at entry only, as the ptrace side (fdpath_add()) */
	if ((c->flags & HY_CF_FDSET) && cfg_yflag && when == HY_AT_ENTER && s->nblobs > nb0 &&
	    (__s32)s->args[0] > 0)
		fds_paths(s, meta, (__u32)s->args[0]);
	return 0;
}

/* -------------------------------------------------------------------------
 * Filters and the per-thread state.
 */

/* comm (HY_COMM_LEN bytes, zero-padded) is one of --comm's */
static __always_inline int comm_in(const char *comm)
{
	__u64 a = *(const __u64 *)&comm[0], b = *(const __u64 *)&comm[8];

	for (__u32 i = 0; i < HYB_COMMS_MAX; i++) {
		if (i >= cfg_ncomms)
			break;
		if (*(const volatile __u64 *)cfg_comms[i] == a &&
		    *(const volatile __u64 *)&cfg_comms[i][8] == b)
			return 1;
	}
	return 0;
}

/* The current task passes --comm and --cgroup; its comm is read into comm (HY_COMM_LEN). */
static __always_inline int filters_ok(char *comm)
{
	if (cfg_cgroup && bpf_current_task_under_cgroup(&cgroups, 0) != 1)
		return 0;
	if (!cfg_ncomms)
		return 1;
	bpf_get_current_comm(comm, HY_COMM_LEN);
	return comm_in(comm);
}

/*
 * -a with --comm/--cgroup (`filtered`): a task the filters reject has no state in `tasks`, so
 * that its syscalls cost one task-storage lookup that finds nothing (a lookup that finds a
 * value costs ~100 ns more at sys_enter on a VM without PCID: bench/README.md, "unmatched");
 * with --comm alone, sys_enter rejects it from task->comm before any lookup.
 * A state is made where a task may start to match: with --cgroup, at start-up for every task
 * (user space, HYB_TS_RECHECK); with --comm alone, at its first syscall under the name; at
 * a fork of a matched task (inherited), at an exec that matches, at a
 * rename to a --comm name and at a cgroup migration (RECHECK); a task with RECHECK decides at
 * its next syscall, in its own context, and loses its state if the filters reject it and it
 * was never shown.  A task once shown keeps its state (HYB_TS_SKIP while rejected), so its
 * lifecycle records go on, as before.  Without -a (command, -p) the filters only gate syscall
 * records: every task of the tree keeps its state, SKIP while rejected.
 */
static __always_inline int filtered(void)
{
	return cfg_mode == HYB_MODE_ALL && (cfg_ncomms | cfg_cgroup);
}

/* -a: a task never shown (rejected, or not decided yet): no records for it */
static __always_inline int hidden(const struct hyb_task *st)
{
	return cfg_mode == HYB_MODE_ALL && !(st->flags & HYB_TS_SHOWN);
}

/*
 * Decide for the current task (st its state, task itself): 1 traced, 0 not (SKIP), -1 not and
 * its state deleted (st is gone).  Refreshes st->comm, which records carry.
 */
static __always_inline int decide(struct hyb_task *st, struct task_struct *task)
{
	int ok = !(cfg_mode == HYB_MODE_ALL && st->tgid == cfg_self_tgid) && filters_ok(st->comm);

	st->flags &= ~(HYB_TS_SKIP | HYB_TS_RECHECK);
	if (ok) {
		st->flags |= HYB_TS_SHOWN;
		return 1;
	}
	if (filtered() && !(st->flags & HYB_TS_SHOWN) && !st->ts) {
		__u32 tid = st->tid;

		bpf_map_delete_elem(&slots, &tid);
		bpf_task_storage_delete(&tasks, task);
		return -1;
	}
	st->flags |= HYB_TS_SKIP;
	return 0;
}

static __always_inline struct hyb_task *task_get(struct task_struct *task)
{
	return bpf_task_storage_get(&tasks, task, 0, 0);
}

/* counted: add it to live_tasks (user space counted the tasks it put in `seeds`) */
static __always_inline struct hyb_task *task_new(struct task_struct *task, __u32 tid, __u32 tgid,
						 int counted)
{
	struct hyb_task *st = bpf_task_storage_get(&tasks, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (!st) {
		drop(HY_LOST_TOO_MANY_TASKS, 1);
		return NULL;
	}
	st->tgid = tgid;
	st->tid = tid;
	bpf_probe_read_kernel(st->comm, sizeof(st->comm), task->comm);
	/* -a: every new state is decided (hytrace itself is never traced); else only with filters */
	if (cfg_mode == HYB_MODE_ALL || cfg_ncomms || cfg_cgroup)
		st->flags |= HYB_TS_RECHECK;
	if (cfg_mode == HYB_MODE_TARGET && counted)
		__sync_fetch_and_add(&live_tasks, 1);
	return st;
}

static __always_inline struct scratch *scratch_get(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&scratch, &cpu);
}

/*
 * sendto/recvfrom/sendmsg/recvmsg (x86-64 numbers) on an AF_NETLINK socket: strace decodes
 * their messages whole, so their buffers are copied up to HYB_NL_MAX rather than -s bytes
 * (the decoder reads them from there: decoders/netlink.c).  struct file -> private_data
 * (struct socket) -> sk -> __sk_common.skc_family.
 */
#define HYB_NL_MAX	16384
static __always_inline __u32 buf_max(struct scratch *s, const struct hyb_task *st)
{
	struct task_struct *t;
	struct fdtable *fdt;
	struct file **fda, *f = NULL;
	struct socket *sock;
	struct sock *sk;
	__s64 fd = (__s64)st->args[0];

	if (st->nr < 44 || st->nr > 47 || fd < 0 || fd > 0x7fffffff)
		return cfg_strsize;
	t = bpf_get_current_task_btf();
	fdt = BPF_CORE_READ(t, files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return cfg_strsize;
	fda = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fda[fd]) || !f)
		return cfg_strsize;
	if (BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic) != SOCKFS_MAGIC)
		return cfg_strsize;
	sock = (struct socket *)BPF_CORE_READ(f, private_data);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != 16)	/* AF_NETLINK */
		return cfg_strsize;
	/* the protocol as the host tells it: of bound sockets only (strace asks sock_diag,
	   which lists the sockets in the netlink hash, as /proc/net/netlink does) */
	s->sockid.family = 16;
	s->sockid.protocol = BPF_CORE_READ((struct netlink_sock *)sk, portid) ?
			     BPF_CORE_READ(sk, sk_protocol) : -1;
	return HYB_NL_MAX;
}

static __always_inline void scratch_begin(struct scratch *s, const struct hyb_task *st, __u32 when)
{
	s->off = REC_HDR;
	s->nblobs = 0;
	s->cut = 0;
	s->failed = 0;
	s->when = when;
	s->nr = st->nr;
	s->args[0] = st->args[0];
	s->args[1] = st->args[1];
	s->args[2] = st->args[2];
	s->args[3] = st->args[3];
	s->args[4] = st->args[4];
	s->args[5] = st->args[5];
	s->sp = st->sp;
	s->dev = st->dev;
	s->ret = 0;
	s->bufmax = buf_max(s, st);
}

/* Send the syscall record built in s (its header already filled); 0 or -errno. */
static __always_inline long scratch_send(struct scratch *s, __u64 flags)
{
	__u32 size = s->off;
	struct hy_rec *r = (struct hy_rec *)s->rec;

	if (!syscall_room(size))
		return -28;	/* -ENOSPC (vmlinux.h has no errno macros) */

	r->size = size;
	r->nblobs = s->nblobs;
	if (s->cut)
		r->flags |= HY_F_BLOBS_CUT;
	if (size > HYB_REC_MAX)
		size = HYB_REC_MAX;
	BOUND(size, 2 * HYB_REC_MAX);
	return bpf_ringbuf_output(&rb, s->rec, size, flags);
}

/* Park the entry blobs built in s (after the header) in the thread's slot. */
__noinline int park(struct scratch *s, struct hyb_task *st)
{
	__u32 tid, len, nb;
	struct slot *sl;

	if (!s || !st)
		return 0;
	tid = st->tid;
	if (s->cut)
		st->flags |= HYB_TS_CUT;
	len = s->off - REC_HDR;
	nb = s->nblobs;
	st->slot_len = 0;
	st->nblobs = 0;
	if (!len)
		return 0;
	BOUND(len, HYB_SLOT_MAX);
	sl = bpf_map_lookup_elem(&slots, &tid);
	if (sl) {
		bpf_probe_read_kernel(sl->d, len, &s->rec[REC_HDR]);
	} else if (bpf_map_update_elem(&slots, &tid, &s->rec[REC_HDR], BPF_NOEXIST)) {
		drop(HY_LOST_TOO_MANY_TASKS, 0);
		st->flags |= HYB_TS_CUT;
		return 0;
	}
	st->slot_len = len;
	st->nblobs = nb;
	return 0;
}

/* The parked entry blobs back into s, after the header. */
/* inlined: its FUNC slot went to dump_chunks (the light skeleton's loader holds 32) */
static __always_inline int unpark(struct scratch *s, struct hyb_task *st)
{
	__u32 tid, len;
	struct slot *sl;

	if (!s || !st)
		return 0;
	tid = st->tid;
	len = st->slot_len;
	if (!len)
		return 0;
	BOUND(len, HYB_SLOT_MAX);
	sl = bpf_map_lookup_elem(&slots, &tid);
	if (sl && !bpf_probe_read_kernel(&s->rec[REC_HDR], len, sl->d)) {
		s->off = REC_HDR + len;
		s->nblobs = st->nblobs;
	}
	return 0;
}

#include "stack.bpf.h"

/* Entry of a call with captures or an early HY_REC_ENTER. */
__noinline int enter_slow(struct hyb_task *st, __u64 pt, __u32 nf)
{
	struct scratch *s;
	__u32 retry = 0;

	if (!st)
		return 0;
	s = scratch_get();
	if (!s)
		return 0;
	scratch_begin(s, st, HY_AT_ENTER);
	s->limit = REC_HDR + HYB_SLOT_MAX - 8;	/* so that len < HYB_SLOT_MAX below */
	/* HY_ARG_SOCK: the netlink socket's protocol, first, so that a message filling the
	 * room left still comes with it (then cut, HY_BF_TRUNC, which the decoder shows) */
	if (s->bufmax == HYB_NL_MAX) {
		s->ksrc = (__u64)&s->sockid;
		put_blob(s, META(HY_ARG_SOCK, HY_AT_ENTER, 0, 0), st->args[0], sizeof(s->sockid),
			 RD_KERNEL);
	}
	if (nf & HYB_NF_ENTER_CAP) {
		for (__u32 i = 0; i < HY_NARGS; i++) {
			__u32 off0 = s->off, nb0 = s->nblobs;

			s->failed = 0;
			cap_arg(s, i);
			/*
			 * A page not faulted in yet fails the read (BPF reads
			 * never fault): forget these blobs and read again at
			 * exit (after a successful exec: at proc_exec, from the
			 * new stack).
			 */
			if (s->failed) {
				s->off = off0;
				s->nblobs = nb0;
				retry |= 1u << i;
			}
		}
	}
	stack_enter(s, nf);
	if (cfg_ip) {	/* -i: the user instruction pointer, from the saved user registers */
		struct pt_regs *ur = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

		s->ksrc = ur ? (__u64)&ur->ip : 0;
		put_blob(s, META(HY_ARG_IP, HY_AT_ENTER, 0, 0), 0, sizeof(__u64), RD_KERNEL);
	}
	st->retry = retry;
	park(s, st);
	/*
	 * The early record shows the call while it blocks; not when an entry
	 * read must wait for the exit, as its arguments would then print
	 * differently in the two records.  st->retry, not retry: a test of the
	 * register would make the verifier keep apart the 2^6 outcomes of the
	 * loop above (sys_enter verified 5229 -> 3357 instructions); the reload
	 * is one load on this slow path.
	 */
	if ((nf & HYB_NF_BLOCKS) && !cfg_no_enter && !st->retry) {
		struct hy_rec *r = (struct hy_rec *)s->rec;

		lost_check(0);
		rec_head(r, HY_REC_ENTER, pt, cfg_time ? st->ts : 0, 0, st);
		rec_args(r, st);
		r->ret = 0;
		/* no forced wake-up: most calls marked "may block" (reads, writes) do not,
		   and waking the reader per call costs more than anything else; the
		   reader's polling shows a call that does block within POLL_MAX_MS */
		if (!scratch_send(s, wake_flags()))
			st->flags |= HYB_TS_ENTER_SEEN;
	}
	return 0;
}

/*
 * SIGKILL pending on this thread: __fatal_signal_pending() (include/linux/sched/signal.h); a
 * fatal signal to an untraced process is turned into SIGKILL for every thread (complete_signal(),
 * kernel/signal.c).  The task dies on its way back to user space: under ptrace no exit stop is
 * reported (ptrace_stop() gives up on a fatal signal), and strace prints "= ?".
 */
static __always_inline int fatal_pending(void)
{
	struct task_struct *t = bpf_get_current_task_btf();

	/* a direct load through the BTF pointer (CO-RE relocated): no bpf_probe_read_kernel call */
	return (t->pending.signal.sig[0] >> (SIGKILL - 1)) & 1;
}

static __always_inline __u32 rec_flags(const struct hyb_task *st, __s64 ret)
{
	__u32 fl = 0;

	/*
	 * never returns to the caller: "= ?", as ptrace sees it; but for the task a fatal signal
	 * was shown for (hy_sig_generate): under ptrace, that signal is not made a SIGKILL and
	 * its call returns before the signal-delivery-stop
	 */
	if (fatal_pending() && !st->fatal_sig)
		fl |= HY_F_NO_EXIT;

	if (st->flags & HYB_TS_ENTER_SEEN)
		fl |= HY_F_ENTER_SEEN;
	if (st->flags & HYB_TS_CUT)
		fl |= HY_F_BLOBS_CUT;
	if (st->flags & HYB_TS_INJ)	/* -e inject=: skipped by the seccomp filter's answer */
		fl |= HY_F_INJECTED | (st->flags & HYB_TS_INJ_RETVAL ? HY_F_INJ_RETVAL : 0);
	/* ERESTARTSYS (512) .. ERESTART_RESTARTBLOCK (516): include/linux/errno.h */
	if (ret <= -512 && ret >= -516)
		fl |= HY_F_RESTART;
	return fl;
}

/*
 * -e read=/write=: the buffer of a dumped call longer than the ordinary capture (-s, forced to
 * HY_STR_MAX under dumps), whole up to HY_DUMP_MAX, as HY_REC_DUMP chunks of HY_DUMP_CHUNK
 * bytes sent before the call's record (bpf/hytrace.h); user space joins them.  A chunk that
 * cannot be read is the last (its error sent: strace stops there too); one that finds no room
 * in the ring is counted lost, and the joined buffer is marked cut.  A bounded loop, not
 * bpf_loop(): a callback would be one more FUNC than the light skeleton's loader holds; a
 * global function, verified once on its own (inside exit_rec the loop's 256 rounds were
 * verified for each of its states: past the verifier's million instructions on Linux 6.18).
 */
#define DUMP_REC	(REC_HDR + BLOB_HDR + HY_DUMP_CHUNK)

__noinline int dump_chunks(struct hyb_task *st, __u64 pt, __s64 ret)
{
	struct scratch *s;
	__u32 dk, dir;
	__u64 buf, len;
	__s64 fd;

	if (!cfg_dump_rounds || !st)
		return 0;
	dk = cfg_dumpnr[st->nr & (HY_NR_MAX - 1)];
	dir = dk == HYB_DUMP_READ ? 0 : 1;
	fd = (__s32)st->args[0];
	buf = st->args[1];
	if (fd < 0)
		return 0;
	if (fd < HYB_DUMP_FDS ? !((cfg_dumpfds[dir][(fd >> 6) & (HYB_DUMP_FDS / 64 - 1)] >>
				   (fd & 63)) & 1)
			      : !cfg_dumphigh[dir])
		return 0;
	if (dk == HYB_DUMP_READ) {
		if (ret <= 0)
			return 0;
		len = ret;
	} else {
		len = st->args[2];	/* strace dumps a failed write's buffer too */
	}
	if (len <= cfg_strsize || !buf)
		return 0;
	if (len > HY_DUMP_MAX)
		len = HY_DUMP_MAX;
	s = scratch_get();
	if (!s)
		return 0;
	s->dbuf = buf;
	s->dlen = len;
	s->doff = 0;
	for (__u32 k = 0; k < HY_DUMP_MAX / HY_DUMP_CHUNK && k < cfg_dump_rounds; k++) {
		__u64 off = s->doff, n;
		struct hy_blob *b;
		struct hy_rec *r;
		long e;

		if (off >= s->dlen)
			break;
		n = s->dlen - off;
		if (n > HY_DUMP_CHUNK)
			n = HY_DUMP_CHUNK;
		r = syscall_room(DUMP_REC) ? bpf_ringbuf_reserve(&rb, DUMP_REC, 0) : NULL;
		if (!r) {
			drop(HY_LOST_RING_FULL, 1);
			return 1;
		}
		rec_head(r, HY_REC_DUMP, pt, cfg_time ? st->ts : 0, 0, st);
		r->nr = st->nr;
		r->nblobs = 1;
		r->args[0] = off;
		r->args[1] = s->dlen;
		r->args[2] = s->dbuf;
		r->args[3] = 0;
		r->args[4] = 0;
		r->args[5] = 0;
		r->ret = 0;
		b = (struct hy_blob *)(r + 1);
		b->arg = HY_ARG_DUMP;
		b->when = dk == HYB_DUMP_READ ? HY_AT_EXIT : HY_AT_ENTER;
		b->idx = 0;
		b->flags = 0;
		b->addr = s->dbuf + off;
		e = bpf_probe_read_user(b + 1, n, (const void *)(s->dbuf + off));
		b->err = e;
		b->len = e ? 0 : n;
		r->size = REC_HDR + BLOB_HDR + (e ? 0 : HY_BLOB_ALIGN(n));
		bpf_ringbuf_submit(r, wake_flags());
		if (e)
			return 0;
		s->doff = off + HY_DUMP_CHUNK;
	}
	return 0;
}

/* Exit of a call whose record has blobs; also (no_exit) the flush of a call that never returns. */
static __always_inline int exit_rec(struct hyb_task *st, __u64 pt, __u64 now, __s64 ret, __u32 no_exit)
{
	struct scratch *s;
	struct hy_rec *r;
	__u32 nf, fl;

	if (!st)
		return 0;
	s = scratch_get();
	if (!s)
		return 0;
	scratch_begin(s, st, HY_AT_ENTER);
	s->limit = HYB_REC_MAX;
	s->ret = ret;
	unpark(s, st);
	if (!no_exit) {
		nf = cfg_nrflags[st->nr & (HY_NR_MAX - 1)];
		/* entry reads that failed: again now, still as entry captures */
		if (st->retry && !((nf & HYB_NF_EXEC) && ret == 0)) {
			for (__u32 i = 0; i < HY_NARGS; i++)
				if (st->retry & (1u << i))
					cap_arg(s, i);
		}
		if ((nf & HYB_NF_EXIT_CAP) || s->dev) {
			s->when = HY_AT_EXIT;
			for (__u32 i = 0; i < HY_NARGS; i++)
				cap_arg(s, i);
			/* -y: the path of a returned fd */
			if ((cfg_yflag || s->dev) && ret >= 0 &&
			    cfg_caps[st->nr & (HY_NR_MAX - 1)].ret.kind == HY_CAP_FDPATH)
				fd_path(s, META(HY_ARG_RET, HY_AT_EXIT, 0, 0), ret);
		}
		stack_exit(s, nf);
	}
	__u32 dump_lost = !no_exit && cfg_dumpnr[st->nr & (HY_NR_MAX - 1)] &&
			  dump_chunks(st, pt, ret);
	if (s->failed) {
		struct hyb_drops *d = drops_get();

		if (d)
			d->total[HY_LOST_READ_FAILED] += s->failed;
	}
	fl = rec_flags(st, ret);
	if (no_exit)
		fl |= HY_F_NO_EXIT;
	if (dump_lost)
		fl |= HY_F_DUMP_LOST;
	lost_check(0);
	r = (struct hy_rec *)s->rec;
	bpf_get_current_comm(st->comm, sizeof(st->comm));	/* cheap next to the blobs */
	rec_head(r, HY_REC_SYSCALL, pt, cfg_time ? st->ts : 0, no_exit ? 0 : now, st);
	rec_args(r, st);
	r->flags = fl;
	r->ret = ret;
	/* a failed read is tried again from user space: the sooner, the likelier the task lives */
	if (scratch_send(s, s->failed ? BPF_RB_FORCE_WAKEUP : wake_flags()))
		drop(HY_LOST_RING_FULL, 1);
	return 0;
}

/*
 * The exit of a call whose record has blobs (sys_exit), and with no_exit the flush, at the
 * task's exit, of a call that never returns (exit_group, or killed while blocked).  One global
 * function for both (the light skeleton's loader holds 32 programs and functions): verified
 * once on its own, so the exit program does not verify the exit captures (cap_arg, fd_path),
 * ~3000 instructions of every start (bench/README.md, "startup").
 */
__noinline int exit_slow(struct hyb_task *st, __u64 pt, __u64 now, __s64 ret, __u32 no_exit)
{
	return exit_rec(st, pt, now, ret, no_exit);
}

/* -------------------------------------------------------------------------
 * Programs.
 */

/* A call's arguments and stack pointer from the user registers (x86-64 syscall ABI). */
static __always_inline void args_from_regs(struct hyb_task *st, const struct pt_regs *regs)
{
	st->args[0] = regs->di;
	st->args[1] = regs->si;
	st->args[2] = regs->dx;
	st->args[3] = regs->r10;
	st->args[4] = regs->r8;
	st->args[5] = regs->r9;
	st->sp = regs->sp;
}

/*
 * The entry of a syscall: from the raw_syscalls program (regs) or from a dedicated
 * per-syscall one (targs, the tracepoint's arguments; no stack pointer).
 */
static __always_inline int sys_enter_body(struct pt_regs *regs, const unsigned long *targs, long id)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct hyb_task *st;
	__u32 nf;

	if ((unsigned long)id >= HY_NR_MAX)
		return 0;
	/*
	 * -a --comm without --cgroup: a task is traced only while its comm is a --comm name, so
	 * two loads of task->comm (no helper call) reject the others before any lookup
	 */
	if (filtered() && !cfg_cgroup && !comm_in(task->comm))
		return 0;
	st = task_get(task);
	if (!st) {
		__u64 pt;
		__u32 tid, tgid;

		/* --cgroup: a task the filters rejected: one lookup, one test (see filtered()) */
		if (filtered() && cfg_cgroup)
			return 0;
		pt = bpf_get_current_pid_tgid();
		tid = (__u32)pt;
		tgid = pt >> 32;
		if (cfg_mode != HYB_MODE_ALL) {
			if (!seeds_used || !bpf_map_lookup_elem(&seeds, &tid))
				return 0;
			bpf_map_delete_elem(&seeds, &tid);
		}
		st = task_new(task, tid, tgid, cfg_mode == HYB_MODE_ALL);
		if (!st)
			return 0;
	}
	if (st->flags & (HYB_TS_SKIP | HYB_TS_RECHECK)) {
		if (!(st->flags & HYB_TS_RECHECK) || decide(st, task) <= 0)
			return 0;
	}
	nf = cfg_nrflags[id];
	if (st->flags & HYB_TS_PRE_EXEC) {
		/* our command: nothing before its execve */
		if (!(nf & HYB_NF_EXEC))
			return 0;
		st->flags &= ~HYB_TS_PRE_EXEC;
	}
	if (!(nf & HYB_NF_TRACE))
		return 0;
	st->nr = id;
	st->ts = cfg_time ? now_ns() : 1;	/* ts != 0 also means "inside a traced call" */
	st->dev = 0;
	/*
	 * -c: summed at exit, no record; with --cuda the calls on a device's fd go to user space
	 * as records all the same (an NVIDIA ioctl's driver status and command are read there)
	 */
	if (cfg_summary && !(cfg_cuda && cfg_devfd[id & (HY_NR_MAX - 1)] &&
			     !(cfg_devfd[id & (HY_NR_MAX - 1)] & HYB_DEVFD_RET)))
		return 0;
	if (regs) {
		args_from_regs(st, regs);
	} else {
		st->args[0] = targs[0];
		st->args[1] = targs[1];
		st->args[2] = targs[2];
		st->args[3] = targs[3];
		st->args[4] = targs[4];
		st->args[5] = targs[5];
		st->sp = 0;
	}
	st->flags &= ~(HYB_TS_ENTER_SEEN | HYB_TS_CUT | HYB_TS_INJ | HYB_TS_INJ_RETVAL);
	st->slot_len = 0;
	st->nblobs = 0;
	st->retry = 0;
	if (cfg_cuda && cfg_devfd[id]) {
		if (dev_enter(st, id)) {
			st->ts = 0;	/* --cuda-only: not a device's fd */
			return 0;
		}
		if (st->dev)
			nf |= HYB_NF_ENTER_CAP;	/* its path, its ioctl's description */
	}
	if (cfg_summary && !st->dev)
		return 0;	/* -c: another file's, summed at exit */
	if (cfg_ip)
		nf |= HYB_NF_ENTER_CAP;	/* -i: every traced call carries its instruction pointer */
	if (nf & (HYB_NF_ENTER_CAP | HYB_NF_BLOCKS))
		enter_slow(st, (__u64)st->tgid << 32 | st->tid, nf);
	return 0;
}

#ifndef HY_DEDICATED
SEC("tp_btf/sys_enter")
int BPF_PROG(hy_sys_enter, struct pt_regs *regs, long id)
{
	return sys_enter_body(regs, NULL, id);
}
#endif

/*
 * -e inject= (user/source/bpf_inject.c): a call the seccomp filter's user notification skipped
 * (error=, retval=) fires raw_syscalls:sys_exit but not sys_enter, since seccomp runs before
 * the entry tracepoint (syscall_trace_enter(), kernel/entry/common.c, checked on 6.18).  At
 * such an exit, for a syscall with a rule and the rule's return, the entry is done here: the
 * arguments are still in the saved user registers (the call did not run), the entry captures
 * are taken now.  regs: the tracepoint's, or NULL (the dedicated programs): the task's.
 * 1: st now holds the call, as sys_enter would have left it; 0: not an injected call.
 */
static __always_inline int inj_enter(struct hyb_task *st, struct pt_regs *regs, long id, long ret)
{
	__u32 nf;
	__u8 kind;

	if ((unsigned long)id >= HY_NR_MAX)
		return 0;
	kind = cfg_inj[id];
	if (kind == HYB_INJ_NONE || cfg_inj_ret[id] != ret)
		return 0;
	if (st->flags & (HYB_TS_SKIP | HYB_TS_RECHECK | HYB_TS_PRE_EXEC))
		return 0;
	nf = cfg_nrflags[id];
	if (!(nf & HYB_NF_TRACE))
		return 0;
	if (!regs)
		regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	if (!regs)
		return 0;
	st->nr = id;
	st->ts = cfg_time ? now_ns() : 1;
	st->dev = 0;
	args_from_regs(st, regs);
	st->flags &= ~(HYB_TS_ENTER_SEEN | HYB_TS_CUT | HYB_TS_INJ_RETVAL);
	st->flags |= HYB_TS_INJ | (kind == HYB_INJ_RETVAL ? HYB_TS_INJ_RETVAL : 0);
	st->slot_len = 0;
	st->nblobs = 0;
	st->retry = 0;
	if (cfg_ip)
		nf |= HYB_NF_ENTER_CAP;
	/* the entry captures, without the early record: the call returns at once */
	if (!cfg_summary && (nf & HYB_NF_ENTER_CAP))
		enter_slow(st, (__u64)st->tgid << 32 | st->tid, nf & ~HYB_NF_BLOCKS);
	return 1;
}

static __always_inline int sys_exit_body(struct pt_regs *regs, long id, long ret)
{
	__u64 pt, now, ts, avail;
	struct hyb_task *st;
	struct hy_rec *r;
	__u32 nf;

	st = task_get(bpf_get_current_task_btf());
	if (!st)
		return 0;
	if (!st->ts && !(cfg_inject && inj_enter(st, regs, id, ret)))
		return 0;
	now = cfg_time ? now_ns() : 0;
	pt = (__u64)st->tgid << 32 | st->tid;
	ts = st->ts;
	st->ts = 0;
	if (cfg_summary && !st->dev) {	/* a device's call: a record, counted in user space */
		__u32 nr = st->nr;
		struct hy_sum *sm = bpf_map_lookup_elem(&sums, &nr);
		__u64 d = now - ts;

		if (!sm)
			return 0;
		sm->calls++;
		if ((unsigned long)ret >= (unsigned long)-MAX_ERRNO)
			sm->errors++;
		sm->ns_total += d;
		if (!sm->ns_min || d < sm->ns_min)
			sm->ns_min = d;
		if (d > sm->ns_max)
			sm->ns_max = d;
		return 0;
	}
	if (cfg_cuda && dev_exit(st, ret))
		return 0;	/* --cuda-only: an open of another file */
	nf = cfg_nrflags[st->nr & (HY_NR_MAX - 1)];
	/* a device's ioctl may fail in its driver's status: user space decides (-z, -Z) */
	if (((unsigned long)ret >= (unsigned long)-MAX_ERRNO ? cfg_drop_fail : cfg_drop_ok) &&
	    !(cfg_cuda && st->dev) && !stack_keep(nf, ret))
		return 0;
	st->ts = ts;	/* exit_slow and the header want it */
	if (nf & HYB_NF_COMM)
		bpf_get_current_comm(st->comm, sizeof(st->comm));
	if ((nf & HYB_NF_EXIT_CAP) || st->slot_len || st->retry || (cfg_cuda && st->dev)) {
		exit_slow(st, pt, now, ret, 0);
		st->ts = 0;
		return 0;
	}
	st->ts = 0;
	lost_check(0);
	/*
	 * One query of the ring for both syscall_room() and wake_flags() (each a helper call, on
	 * every record of the common case; issue 10's raw profile): the data waiting after this
	 * record is avail + its size + the ring's 8-byte header.
	 */
	avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) + sizeof(*r) + 8;
	r = avail + cfg_life_reserve <= cfg_ring_size ? bpf_ringbuf_reserve(&rb, sizeof(*r), 0) : NULL;
	if (!r) {
		drop(HY_LOST_RING_FULL, 1);
		return 0;
	}
	rec_head(r, HY_REC_SYSCALL, pt, cfg_time ? ts : 0, now, st);
	rec_args(r, st);
	r->flags = rec_flags(st, ret);
	r->ret = ret;
	bpf_ringbuf_submit(r, avail > cfg_ring_half ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
	return 0;
}

#ifndef HY_DEDICATED
SEC("tp_btf/sys_exit")
int BPF_PROG(hy_sys_exit, struct pt_regs *regs, long ret)
{
	return sys_exit_body(regs, regs->orig_ax, ret);
}
#else
/* The dedicated programs (ioctl_dev.bpf.h): one entry program per argument count, one exit
 * program; user space attaches them to the syscalls it traces.  Only in hytrace_ded.bpf.c's
 * object. */
HY_SYSCALL_TP(1)
HY_SYSCALL_TP(2)
HY_SYSCALL_TP(3)
HY_SYSCALL_TP(4)
HY_SYSCALL_TP(5)
HY_SYSCALL_TP(6)

SEC("tracepoint")
int hy_exit(struct trace_event_raw_sys_exit *ctx)
{
	return sys_exit_body(NULL, ctx->id, ctx->ret);
}
#endif

/*
 * execve's arguments that could not be read at entry (pages of the old
 * program not faulted in): the old memory is gone at exit, but the kernel
 * has just copied them: the file name to bprm->filename, the strings to the
 * new stack, whose argc, argv[] and envp[] start at mm->start_stack
 * (fs/binfmt_elf.c create_elf_tables).  The blobs keep the old addresses.
 */
__noinline int exec_recap(struct hyb_task *st, __u64 filename)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct scratch *s;
	__u64 sp, argc = 0, base;
	__u32 nr, narr = 0;

	if (!st)
		return 0;
	s = scratch_get();
	if (!s)
		return 0;
	scratch_begin(s, st, HY_AT_ENTER);
	s->limit = REC_HDR + HYB_SLOT_MAX - 8;
	unpark(s, st);
	nr = st->nr & (HY_NR_MAX - 1);
	sp = BPF_CORE_READ(t, mm, start_stack);
	if (bpf_probe_read_user(&argc, sizeof(argc), (void *)sp) || argc > 0x100000)
		return 0;
	for (__u32 i = 0; i < HY_NARGS; i++) {
		const volatile struct hy_cap *c = &cfg_caps[nr].arg[i];
		__u64 meta = META(i, HY_AT_ENTER, 0, 0);

		if (!(st->retry & (1u << i)) || !(c->when & HY_AT_ENTER))
			continue;
		if (c->kind == HY_CAP_PATH || c->kind == HY_CAP_STR) {
			s->ksrc = filename;
			put_blob(s, meta, s->args[i], c->kind == HY_CAP_PATH ? HY_PATH_MAX :
				 (c->size ? c->size : cfg_strsize) + 1, RD_KSTR);
		} else if (c->kind == HY_CAP_STRARR) {
			/*
			 * the first string array is argv, the second envp.  No branch on narr:
			 * the verifier then need not tell its values apart, which halved the
			 * exec program's verification (7228 -> 3607 instructions)
			 */
			base = sp + 8 + ((argc + 1) * 8 & -(__u64)narr);
			cap_strarr(s, meta, base, !(c->flags & HY_CF_VERBOSE) || cfg_verbose, s->args[i]);
			narr = 1;
		} else {
			continue;
		}
		st->retry &= ~(1u << i);
	}
	park(s, st);
	return 0;
}

/* A small record without blobs for a lifecycle event; flags: ring flags. */
static __always_inline struct hy_rec *life_rec(__u16 type, __u64 pt)
{
	struct hy_rec *r;

	lost_check(1);
	r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);
	if (!r) {
		drop(HY_LOST_RING_FULL, 1);
		return NULL;
	}
	__builtin_memset(r, 0, sizeof(*r));
	rec_head(r, type, pt, now_ns(), 0, NULL);
	return r;
}

/*
 * filtered(): the child of a matched task starts matched (same comm and, but for clone3's
 * CLONE_INTO_CGROUP, same cgroup: with --cgroup it decides again at its first syscall); the
 * child of a task to be decided decides too.  Not the child of a rejected task.
 */
static __always_inline void task_inherit(struct task_struct *child, const struct hyb_task *pst)
{
	__u32 pf = pst->flags;
	struct hyb_task *c;

	if ((pf & (HYB_TS_SKIP | HYB_TS_RECHECK)) == HYB_TS_SKIP)
		return;
	c = task_new(child, child->pid, child->tgid, 0);
	if (!c)
		return;
	c->flags = (pf & HYB_TS_RECHECK) | (pf & HYB_TS_SKIP ? 0 : HYB_TS_SHOWN) |
		   (cfg_cgroup ? HYB_TS_RECHECK : 0);
}

/* filtered(): a task with no state whose exec makes it match (the current task) */
static __always_inline void exec_match(struct task_struct *p)
{
	char comm[HY_COMM_LEN];
	struct hyb_task *st;

	if (!filters_ok(comm))
		return;
	st = task_new(p, p->pid, p->tgid, 0);
	if (st)
		st->flags = HYB_TS_SHOWN;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(hy_proc_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ctid = child->pid, ctgid = child->tgid;
	struct hyb_task *st;
	struct hy_rec *r;

	st = task_get(parent);
	if (!st || (st->flags & HYB_TS_PRE_EXEC))
		return 0;
	if (filtered())
		task_inherit(child, st);
	if (hidden(st))
		return 0;
	if (!cfg_follow && cfg_mode != HYB_MODE_ALL)
		return 0;
	if (cfg_mode == HYB_MODE_TARGET)
		task_new(child, ctid, ctgid, 1);
	/* the record is the child's, as the ptrace backend sends it */
	r = life_rec(HY_REC_FORK, (__u64)ctgid << 32 | ctid);
	if (!r)
		return 0;
	r->args[0] = ctid;
	r->args[1] = ctgid;
	r->args[2] = parent->pid;
	r->args[3] = parent->tgid;
	if (ctgid == parent->tgid)
		r->flags = HY_F_THREAD;
	bpf_ringbuf_submit(r, wake_flags());
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(hy_proc_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u64 pt = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pt, old = old_pid;
	struct hyb_task *st;
	struct hy_rec *r;
	int was_hidden;

	st = task_get(p);
	if (!st) {
		if (filtered())
			exec_match(p);	/* it starts with its next syscall, no exec record */
		return 0;
	}
	if (old != tid) {
		/*
		 * exec from a thread: it took the leader's pid (fs/exec.c
		 * de_thread); its task storage went with it, its slot moves.
		 */
		struct slot *sl = bpf_map_lookup_elem(&slots, &old);

		if (sl)
			bpf_map_update_elem(&slots, &tid, sl, BPF_ANY);
		bpf_map_delete_elem(&slots, &old);
		st->tgid = tid;
		st->tid = tid;
	}
	bpf_get_current_comm(st->comm, sizeof(st->comm));
	/* the new comm decides now; a task hidden until here starts with its next syscall */
	was_hidden = hidden(st);
	if ((cfg_ncomms | cfg_cgroup) && decide(st, p) < 0)
		return 0;
	if (st->flags & HYB_TS_PRE_EXEC) {
		/*
		 * our command's exec, whose entry a filter rejected (hytrace's own comm then):
		 * it runs now; without this, `--comm=X CMD` traced nothing
		 */
		st->flags &= ~HYB_TS_PRE_EXEC;
		return 0;
	}
	if (was_hidden)
		return 0;
	if (!cfg_summary && st->retry && st->ts)	/* -c captures nothing: recap not verified */
		exec_recap(st, (__u64)BPF_CORE_READ(bprm, filename));
	stack_exec(pt);	/* -k: the mappings exec made, first */
	if (!cfg_exec_argv) {	/* no 1 KiB reservation nor read of the new argv */
		r = life_rec(HY_REC_EXEC, pt);
		if (!r)
			return 0;
		r->args[0] = old;
		bpf_ringbuf_submit(r, wake_flags());
		return 0;
	}
	struct {
		struct hy_rec r;
		struct hy_blob b;
		__u8 argv[HY_CMDLINE_MAX];
	} *e;
	__u64 start, end, len;

	lost_check(1);
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e) {
		drop(HY_LOST_RING_FULL, 1);
		return 0;
	}
	__builtin_memset(e, 0, sizeof(struct hy_rec) + sizeof(struct hy_blob));
	rec_head(&e->r, HY_REC_EXEC, pt, now_ns(), 0, NULL);
	e->r.args[0] = old;
	/* the new argv: [mm->arg_start, mm->arg_end) of the new image */
	start = BPF_CORE_READ(p, mm, arg_start);
	end = BPF_CORE_READ(p, mm, arg_end);
	len = end > start ? end - start : 0;
	if (len > HY_CMDLINE_MAX)
		len = HY_CMDLINE_MAX;
	e->b.arg = HY_ARG_EXTRA;
	e->b.when = HY_AT_ENTER;
	e->b.addr = start;
	if (len && bpf_probe_read_user(e->argv, len & (HY_CMDLINE_MAX - 1 | HY_CMDLINE_MAX), (void *)start) == 0) {
		e->b.len = len;
	} else {
		e->b.len = 0;
		e->b.err = -14;	/* -EFAULT */
	}
	e->r.nblobs = 1;
	e->r.size = sizeof(struct hy_rec) + sizeof(struct hy_blob) + HY_BLOB_ALIGN(e->b.len);
	bpf_ringbuf_submit(e, wake_flags());
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(hy_proc_exit, struct task_struct *p)
{
	__u64 pt = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pt, code;
	struct hyb_task *st;
	struct hy_rec *r;

	st = task_get(p);
	if (!st) {
		/* a thread put in `seeds` that made no syscall since */
		if (seeds_used && bpf_map_delete_elem(&seeds, &tid) == 0)
			__sync_fetch_and_add(&live_tasks, -1);
		return 0;
	}
	if (!(st->flags & HYB_TS_PRE_EXEC) && !hidden(st)) {
		/* a call that never returns (exit_group, or killed while blocked) */
		if (st->ts && !cfg_summary && !cfg_drop_unfinished)
			exit_slow(st, pt, 0, 0, 1);
		r = life_rec(HY_REC_EXIT, pt);
		if (r) {
			/* wait status: include/linux/sched/signal.h, exit_code as wait(2) reports */
			code = p->exit_code;
			if (code & 0x7f) {
				r->nr = code & 0x7f;
				r->flags = HY_F_KILLED | (code & 0x80 ? HY_F_CORE : 0);
			} else {
				r->nr = (code >> 8) & 0xff;
			}
			bpf_ringbuf_submit(r, BPF_RB_FORCE_WAKEUP);
		}
	}
	bpf_map_delete_elem(&slots, &tid);
	bpf_task_storage_delete(&tasks, p);
	if (cfg_mode == HYB_MODE_TARGET)
		__sync_fetch_and_add(&live_tasks, -1);
	return 0;
}

#define SIGSTOP	19	/* the stop signals: SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU (asm/signal.h) */
#define SIGTTOU	22
#define SIGNAL_GROUP_EXIT 0x04	/* include/linux/sched/signal.h */

/*
 * A HY_REC_SIGNAL of task (tgid, tid, comm) with the kernel's siginfo; fl: HY_F_*; call_ts: the
 * task's st->ts (HY_F_SIG_INCALL, args[0]: which call's record the signal follows).  Then, with
 * stop, the HY_REC_SIGSTOP of the group stop that follows ("--- stopped by SIGSTOP ---").
 */
static __always_inline void sig_rec(struct task_struct *task, int sig, struct kernel_siginfo *info,
				    __u32 fl, int stop, __u64 call_ts)
{
	struct {
		struct hy_rec r;
		struct hy_blob b;
		__u8 si[HYB_SIGINFO_LEN];
	} *e;
	__u64 pt = (__u64)task->tgid << 32 | (__u32)task->pid;
	struct hy_rec *r;

	lost_check(1);
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e) {
		drop(HY_LOST_RING_FULL, 1);
		return;
	}
	__builtin_memset(e, 0, sizeof(*e));
	rec_head(&e->r, HY_REC_SIGNAL, pt, now_ns(), 0, NULL);
	bpf_probe_read_kernel_str(e->r.comm, sizeof(e->r.comm), task->comm);
	e->r.nr = sig;
	e->r.flags = fl;
	e->r.args[0] = call_ts;	/* HY_F_SIG_INCALL: the entry time of the call */
	e->b.arg = HY_ARG_SIGINFO;
	e->b.when = HY_AT_ENTER;
	e->b.addr = 0;	/* as PTRACE_GETSIGINFO: not user memory */
	/* SEND_SIG_NOINFO/SEND_SIG_PRIV are 0 and 1 (include/linux/sched/signal.h) */
	if ((__u64)info > 1) {
		/* the kernel's 48 bytes; the rest of siginfo_t is zero, as copy_siginfo_to_user does */
		e->b.err = bpf_probe_read_kernel(e->si, sizeof(struct kernel_siginfo), info);
		if (!e->b.err)
			e->b.len = HYB_SIGINFO_LEN;
		e->r.nblobs = 1;
		e->r.size = sizeof(*e) - (e->b.len ? 0 : HYB_SIGINFO_LEN);
	}
	bpf_ringbuf_submit(e, BPF_RB_FORCE_WAKEUP);
	if (!stop)
		return;
	r = life_rec(HY_REC_SIGSTOP, pt);
	if (!r)
		return;
	r->nr = sig;
	bpf_ringbuf_submit(r, BPF_RB_FORCE_WAKEUP);
}

/*
 * A signal taken by the task (handled, stopping, or fatal with a core dump: those the kernel
 * delivers as they are).  SIGKILL never reaches user space: strace shows only "+++ killed by
 * SIGKILL +++"; a fatal signal without core dump arrives here as SIGKILL too (complete_signal()
 * in kernel/signal.c), hy_sig_generate shows it.  A stop signal with its default action stops
 * the group: "--- stopped by ---" follows, as the ptrace backend's group-stop shows.  (SIGTSTP,
 * SIGTTIN and SIGTTOU of an orphaned process group are dropped instead; not told apart here.)
 */
SEC("tp_btf/signal_deliver")
int BPF_PROG(hy_sig_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct hyb_task *st;

	if (sig == SIGKILL)
		return 0;
	st = task_get(task);
	if (!st || (st->flags & HYB_TS_PRE_EXEC) || hidden(st))
		return 0;
	sig_rec(task, sig, info, 0, sig >= SIGSTOP && sig <= SIGTTOU && !ka->sa.sa_handler, 0);
	return 0;
}

/*
 * The signals signal_deliver never sees, at their generation: ignored ones (SIG_IGN, or
 * ignored by default: SIGCHLD, SIGCONT, SIGURG, SIGWINCH), which the kernel drops here unless
 * the task is ptraced, and fatal ones without core dump, which it turns into a SIGKILL of the
 * whole group (complete_signal() in kernel/signal.c: flags SIGNAL_GROUP_EXIT, group_exit_code
 * the signal).  strace shows both at the task's signal-delivery-stop: after the call the task
 * is in (HY_F_SIG_INCALL: user space holds the record until that call's), before "+++ killed".
 * Signals to a group that is already dying show nowhere, as under ptrace.
 */
SEC("tp_btf/signal_generate")
int BPF_PROG(hy_sig_generate, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	struct signal_struct *sigs = task->signal;
	struct hyb_task *st;

	if (sig == SIGKILL || (result != TRACE_SIGNAL_IGNORED && result != TRACE_SIGNAL_DELIVERED))
		return 0;
	st = task_get(task);
	if (!st || (st->flags & HYB_TS_PRE_EXEC) || hidden(st))
		return 0;
	if (result == TRACE_SIGNAL_DELIVERED) {
		if (!(sigs->flags & SIGNAL_GROUP_EXIT) || sigs->group_exit_code != sig || sigs->core_state)
			return 0;	/* signal_deliver shows it */
		st->fatal_sig = sig;
	} else if (sigs->flags & SIGNAL_GROUP_EXIT) {
		return 0;
	}
	sig_rec(task, sig, info, st->ts ? HY_F_SIG_INCALL : 0, 0, st->ts);
	return 0;
}

/* RECHECK for a task whose comm or cgroup changed; filtered(): a state for it if it has none */
static __always_inline void recheck(struct task_struct *task)
{
	struct hyb_task *st = task_get(task);

	if (!st && filtered())
		st = task_new(task, task->pid, task->tgid, 0);	/* sets RECHECK */
	if (st)
		st->flags |= HYB_TS_RECHECK;
}

/*
 * A new comm (prctl(PR_SET_NAME), a write to /proc/PID/comm, exec): the task decides again at
 * its next syscall (the tracepoint comes before the copy, fs/exec.c __set_task_comm()); under
 * filtered(), a task without state gets one if the new name is a --comm name.  Does nothing
 * without --comm (cfg_ncomms is read-only data: the verifier drops the rest).  Not atomic (32-bit atomics need -mcpu=v3): a write to /proc/PID/comm by
 * another thread racing with the task's own flag update in sys_enter can lose the mark, and
 * the task keeps its old decision until its next exec or rename.
 */
SEC("tp_btf/task_rename")
int BPF_PROG(hy_task_rename, struct task_struct *task, const char *comm)
{
	char c[HY_COMM_LEN] = {};

	if (!cfg_ncomms)
		return 0;
	if (filtered() && !task_get(task)) {
		bpf_probe_read_kernel_str(c, sizeof(c), comm);
		if (!comm_in(c))
			return 0;
	}
	recheck(task);
	return 0;
}

/* A task moved to another cgroup (kernel/cgroup/cgroup.c cgroup_migrate_execute()): decided
 * again at its next syscall.  Does nothing without --cgroup. */
SEC("tp_btf/cgroup_attach_task")
int BPF_PROG(hy_cgroup_attach, struct cgroup *dst, const char *path, struct task_struct *task,
	     bool threadgroup)
{
	if (!cfg_cgroup)
		return 0;
	recheck(task);
	return 0;
}
