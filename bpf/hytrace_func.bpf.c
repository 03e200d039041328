// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* hytrace_func.bpf.c: --func: uprobe/uretprobe records of traced functions into hytrace's ring. */
/*
 * A second object, loaded only with --func: hytrace.bpf.c holds the 32 programs its light
 * skeleton's loader allows.  This one is a regular libbpf skeleton so that user space can hand
 * it the main object's maps before load (bpf_map__reuse_fd): the ring `rb` (function records
 * in time order with the syscall records), the task states `tasks` (the same filter as the
 * syscalls: command, -p, -f children, -a --comm), and the drop counters `drops`.
 *
 * The programs are attached with uprobe_multi links (Linux 6.6), one per binary and direction,
 * the function ids as cookies.  A traced task whose dynamic linker has mapped new objects
 * (dlopen, the start of a program exec'd under -f or started under -a --comm) is stopped
 * (hy_func_dl) until user space has resolved the patterns in them and attached, so the new
 * functions are traced from their first call.  (This kernel build has neither kprobes nor
 * fentry on security_mmap_file, which would catch every executable mapping: see
 * docs/functions.md.)
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hytrace.h"
#include "hytrace.bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define SIGSTOP		19

const volatile __u32 cfg_mode;		/* HYB_MODE_*, as the main object's */
const volatile __u32 cfg_args;		/* --func-args: the six argument registers, the return value */
const volatile __u32 cfg_newfiles = 1;	/* stop tasks whose dynamic linker mapped objects */
const volatile __u64 cfg_ring_half;
const volatile __u64 cfg_ring_size;
const volatile __u64 cfg_life_reserve;

/*
 * x86-64's struct pt_regs (arch/x86/include/asm/ptrace.h; uapi asm/ptrace.h has the same
 * layout), read without CO-RE: vmlinux.h's types carry preserve_access_index, and a single CO-RE
 * relocation makes libbpf parse the kernel's BTF at load, 150-250 ms of every --func start here.
 */
struct hyf_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
_Static_assert(sizeof(struct hyf_regs) == 21 * 8, "x86-64 pt_regs");

/* CLOCK_BOOTTIME - CLOCK_MONOTONIC, kept current by user space (as hytrace.bpf.c's) */
__u64 boot_off;

/* The main object's maps, given by user space (bpf_map__reuse_fd): these definitions must
 * match hytrace.bpf.c's. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct hyb_task);
} tasks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hyb_drops);
} drops SEC(".maps");

/* tid -> SIGSTOPs hy_func_dl sent it: user space hides their signal records */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u32);
} stops SEC(".maps");

/* Traced tasks stopped after the dynamic linker mapped objects: user space resolves them */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 10);
} newfiles SEC(".maps");

/*
 * The current task's state when it is traced, as hytrace.bpf.c's sys_enter decides: a state
 * that is not waiting for its exec (our command before its execve), not rejected or waiting to
 * be decided by --comm/--cgroup, and under -a shown.
 */
static __always_inline struct hyb_task *traced(void)
{
	struct hyb_task *st = bpf_task_storage_get(&tasks, bpf_get_current_task_btf(), 0, 0);

	if (!st || (st->flags & (HYB_TS_PRE_EXEC | HYB_TS_SKIP | HYB_TS_RECHECK)))
		return NULL;
	if (cfg_mode == HYB_MODE_ALL && !(st->flags & HYB_TS_SHOWN))
		return NULL;
	return st;
}

static __always_inline void drop_ring_full(void)
{
	__u32 z = 0;
	struct hyb_drops *d = bpf_map_lookup_elem(&drops, &z);

	if (d) {
		d->total[HY_LOST_RING_FULL]++;
		d->pending[HY_LOST_RING_FULL]++;
	}
}

/*
 * A record of size bytes, leaving the lifecycle reserve free as syscall records do (8: the
 * ring's record header, kernel/bpf/ringbuf.c); *wake says whether to wake the reader (the ring
 * more than half full).  One query of the ring for both: each helper call counts here, where
 * the whole program runs in about a microsecond (bpf_stats, docs/functions.md).
 */
static __always_inline struct hy_func *func_reserve(__u32 size, __u64 *wake)
{
	__u64 avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	struct hy_func *r;

	if (avail + size + 8 + cfg_life_reserve > cfg_ring_size) {
		drop_ring_full();
		return NULL;
	}
	*wake = avail > cfg_ring_half ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	r = bpf_ringbuf_reserve(&rb, size, 0);
	if (!r)
		drop_ring_full();
	return r;
}

static __always_inline void func_head(struct hy_func *r, const struct hyb_task *st, __u16 type,
				      __u16 nval, struct pt_regs *ctx)
{
	r->type = type;
	r->nval = nval;
	r->size = sizeof(*r) + 8 * nval;
	r->pid = st->tgid;
	r->tid = st->tid;
	r->ts = bpf_ktime_get_ns() + boot_off;
	r->addr = bpf_get_func_ip(ctx);
	r->sp = ((const struct hyf_regs *)ctx)->sp;
	r->fid = (__u32)bpf_get_attach_cookie(ctx);
	r->flags = 0;
}

/* The entry: at the function's first instruction, the return address at sp. */
SEC("uprobe")
int hy_func_entry(struct pt_regs *ctx)
{
	struct hyb_task *st = traced();
	struct hy_func *r;
	__u64 wake;

	if (!st)
		return 0;
	if (cfg_args) {
		r = func_reserve(sizeof(*r) + 8 * HY_FUNC_ARGS, &wake);
		if (!r)
			return 0;
		func_head(r, st, HY_REC_FUNC_ENTRY, HY_FUNC_ARGS, ctx);
		const struct hyf_regs *rg = (const void *)ctx;

		/* x86-64 SysV: rdi, rsi, rdx, rcx, r8, r9 */
		r->v[0] = rg->di;
		r->v[1] = rg->si;
		r->v[2] = rg->dx;
		r->v[3] = rg->cx;
		r->v[4] = rg->r8;
		r->v[5] = rg->r9;
	} else {
		r = func_reserve(sizeof(*r), &wake);
		if (!r)
			return 0;
		func_head(r, st, HY_REC_FUNC_ENTRY, 0, ctx);
	}
	bpf_ringbuf_submit(r, wake);
	return 0;
}

/* The exit: just after the return (sp past the return address), the value in rax. */
SEC("uprobe")
int hy_func_exit(struct pt_regs *ctx)
{
	struct hyb_task *st = traced();
	struct hy_func *r;
	__u64 wake;

	if (!st)
		return 0;
	if (cfg_args) {
		r = func_reserve(sizeof(*r) + 8, &wake);
		if (!r)
			return 0;
		func_head(r, st, HY_REC_FUNC_EXIT, 1, ctx);
		r->v[0] = ((const struct hyf_regs *)ctx)->ax;
	} else {
		r = func_reserve(sizeof(*r), &wake);
		if (!r)
			return 0;
		func_head(r, st, HY_REC_FUNC_EXIT, 0, ctx);
	}
	bpf_ringbuf_submit(r, wake);
	return 0;
}

/*
 * The dynamic linker calls _dl_debug_state (its r_brk, the hook debuggers use: glibc
 * elf/dl-debug.c) after it changed the list of loaded objects, with _r_debug.r_state saying
 * RT_CONSISTENT (0) once the new objects are mapped and before their code runs: at a program's
 * start (an exec under -f, a process -a --comm starts) and after each dlopen.  A traced task
 * stops there (SIGSTOP, taking effect on its way back to user space) and user space, told
 * through `newfiles`, resolves what it maps now and lets it go on.  The cookie is the distance
 * from _dl_debug_state to _r_debug in that ld.so; r_state is at offset 24 of struct r_debug
 * (int r_version; struct link_map *r_map; ElfW(Addr) r_brk; enum r_state: glibc link.h).
 * The signal goes before the record, so that user space's SIGCONT cannot come first.
 */
SEC("uprobe")
int hy_func_dl(struct pt_regs *ctx)
{
	__u64 rdebug = bpf_get_func_ip(ctx) + bpf_get_attach_cookie(ctx);
	struct hyb_newfile *n;
	__u32 tid, one = 1, *cnt;
	int state = -1;

	if (!cfg_newfiles || !traced())
		return 0;
	if (bpf_probe_read_user(&state, sizeof(state), (void *)(rdebug + 24)) || state != 0)
		return 0;
	n = bpf_ringbuf_reserve(&newfiles, sizeof(*n), 0);
	if (!n) {
		drop_ring_full();
		return 0;
	}
	/* to this thread, which then reports it (the others join the group stop silently) */
	bpf_send_signal_thread(SIGSTOP);
	n->pid = bpf_get_current_pid_tgid() >> 32;
	n->tid = tid = (__u32)bpf_get_current_pid_tgid();
	cnt = bpf_map_lookup_elem(&stops, &tid);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&stops, &tid, &one, BPF_ANY);
	bpf_ringbuf_submit(n, BPF_RB_FORCE_WAKEUP);
	return 0;
}
