/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* stack.bpf.h: -k on the eBPF backend: user registers and stack snapshot, or a frame-pointer stack. */
/*
 * Included by hytrace.bpf.c after the capture helpers (put_blob, fd_path); its hooks are
 * stack_enter() in enter_slow(), stack_exit() in exit_slow() and stack_keep() in the exit's
 * status filter.  What the records carry is documented in bpf/hytrace.h (HY_ARG_USTACK,
 * HY_ARG_STACK) and docs/stacks.md.
 *
 * When: at the exit of the call, where the record is built: the registers a DWARF unwinder
 * needs (rip, rsp and the callee-saved rbx, rbp, r12-r15) and the stack above rsp are the same
 * at exit as at entry, as the kernel does not write them (signal frames are pushed after the
 * exit tracepoint).  Calls whose exit has another stack or none (execve, exit_group,
 * rt_sigreturn: HY_SC_EXEC, HY_SC_NO_RETURN) take theirs at entry, parked with the other entry
 * blobs: strace -k does the same (its STACKTRACE_CAPTURE_ON_ENTER calls, strace 6.1).
 */
#ifndef HYTRACE_STACK_BPF_H
#define HYTRACE_STACK_BPF_H

const volatile __u32 cfg_stack;		/* HYB_STACK_*: -k and --stack= */
const volatile __u32 cfg_stack_size = 8192;	/* --stack-size: bytes of stack at rsp (dwarf) */
const volatile __u32 cfg_stack_depth = 64;	/* --stack-depth: frames (fp) */
const volatile __u32 cfg_stack_mmap_nr = 9;	/* mmap's number: its file path goes with the record */

/* PAGE_SZ: hytrace.bpf.c */
#define MAP_ANON_BIT	0x20	/* MAP_ANONYMOUS, include/uapi/asm-generic/mman-common.h */

static __always_inline __u32 stack_nr_flags(__u32 nr)
{
	return cfg_caps[nr & (HY_NR_MAX - 1)].flags;
}

/*
 * The user registers in DWARF x86-64 order (HY_UREG_*, the numbering of the System V x86-64
 * psABI, figure 3.36, which libdwfl's set_initial_registers takes as is), from the task's
 * saved user pt_regs.
 */
static __always_inline __u64 stack_regs(struct scratch *s)
{
	struct pt_regs *r = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	__u64 *v = (__u64 *)s->path;	/* free here: fd_path() fills it only inside its own blob */

	if (!r)
		return 0;
	v[0] = r->ax;
	v[1] = r->dx;
	v[2] = r->cx;
	v[3] = r->bx;
	v[4] = r->si;
	v[5] = r->di;
	v[6] = r->bp;
	v[7] = r->sp;
	v[8] = r->r8;
	v[9] = r->r9;
	v[10] = r->r10;
	v[11] = r->r11;
	v[12] = r->r12;
	v[13] = r->r13;
	v[14] = r->r14;
	v[15] = r->r15;
	v[16] = r->ip;
	s->ksrc = (__u64)s->path;
	put_blob(s, META(HY_ARG_USTACK, HY_AT_ENTER, 0, 0), r->ip, HY_UREGS_N * 8, RD_KERNEL);
	return r->sp;
}

/*
 * --stack=dwarf: the registers (idx 0) and cfg_stack_size bytes at rsp (idx 1).  BPF reads do
 * not fault, so a stack that ends within the window (the top of a thread's stack mapping, or
 * a page not present) fails the whole read: it is read again up to the page boundary before,
 * one page less each time, and marked HY_BF_TRUNC when shorter than asked.
 */
static __always_inline int stack_dwarf(struct scratch *s)
{
	__u32 off0, nb0, want, got = 0;
	__u64 sp;
	int n = 0;

	if (!s)
		return 0;
	sp = stack_regs(s);
	if (!sp)
		return 0;
	want = cfg_stack_size;
	off0 = s->off;
	nb0 = s->nblobs;
	for (__u32 i = 0; i <= HYB_USTACK_MAX / PAGE_SZ; i++) {
		n = put_blob(s, META(HY_ARG_USTACK, HY_AT_ENTER, 1, want < cfg_stack_size ? HY_BF_TRUNC : 0),
			     sp, want, RD_USTACK);
		if (n >= 0 || n == -E2BIG)
			return 0;
		/* the read failed: forget it, try up to the page boundary below the window's end */
		s->off = off0;
		s->nblobs = nb0;
		s->failed--;
		got = ((sp + want - 1) & ~(__u64)(PAGE_SZ - 1)) - sp;
		if (got >= want || !got || sp + want - 1 < sp)
			break;
		want = got;
	}
	/* not even the first page: the error blob */
	put_blob(s, META(HY_ARG_USTACK, HY_AT_ENTER, 1, 0), sp, n < 0 ? -n : 14, RD_ERR);
	return 0;
}

/*
 * --stack=fp: the kernel's frame-pointer walk (perf_callchain_user(), as bpf_get_stack()
 * with BPF_F_USER_STACK) straight into an HY_ARG_STACK blob: return addresses, innermost
 * first, HY_BF_TRUNC when there were more than cfg_stack_depth.
 */
static __always_inline int stack_fp(struct scratch *s)
{
	__u32 off, lim, want, len = 0;
	struct hy_blob *b;
	long n;

	if (!s)
		return 0;
	off = s->off;
	lim = s->limit < HYB_REC_MAX ? s->limit : HYB_REC_MAX;
	want = (cfg_stack_depth + 1) * 8;	/* one more: tells a cut stack from a full one */
	if (s->nblobs >= HY_MAX_BLOBS || off + BLOB_HDR + 8 > lim || off >= HYB_REC_MAX) {
		s->cut = 1;
		return 0;
	}
	if (want > lim - off - BLOB_HDR)
		want = (lim - off - BLOB_HDR) & ~7u;
	BOUND(want, HYB_REC_MAX);
	BOUND(off, HYB_REC_MAX);
	b = (struct hy_blob *)&s->rec[off];
	n = want ? bpf_get_task_stack(bpf_get_current_task_btf(), &s->rec[off + BLOB_HDR], want,
				      BPF_F_USER_STACK) : -E2BIG;
	b->flags = 0;
	if (n > 0) {
		len = n & ~7u;
		if (len > cfg_stack_depth * 8) {
			len = cfg_stack_depth * 8;
			b->flags = HY_BF_TRUNC;
		}
	}
	BOUND(len, HYB_REC_MAX);
	b->arg = HY_ARG_STACK;
	b->when = HY_AT_ENTER;
	b->idx = 0;
	b->err = n < 0 ? n : 0;
	b->len = len;
	b->addr = 0;
	s->last = off;
	s->off = off + BLOB_HDR + len;
	s->nblobs++;
	return 0;
}

/*
 * One subprogram for both methods, called from enter_slow() and exit_slow(): the light
 * skeleton's loader (libbpf's gen_loader, MAX_USED_PROGS) keeps the fds of the programs and
 * of every subprogram in a 32-slot stack array and fails to verify past that, so a new
 * __noinline function here costs one of those slots (`make` checks the count).
 */
__noinline int stack_take(struct scratch *s)
{
	if (!s)
		return 0;
	if (cfg_stack == HYB_STACK_FP)
		stack_fp(s);
	else if (cfg_stack == HYB_STACK_DWARF)
		stack_dwarf(s);
	return 0;
}

/* enter_slow(): the calls whose stack is gone at their exit take it now. */
static __always_inline void stack_enter(struct scratch *s, __u32 nf)
{
	if ((nf & HYB_NF_STACK) && (stack_nr_flags(s->nr) & (HY_SC_EXEC | HY_SC_NO_RETURN)))
		stack_take(s);
}

/* exit_slow(), for a call that returned: the stack of the others; mmap's file. */
static __always_inline void stack_exit(struct scratch *s, __u32 nf)
{
	if ((nf & HYB_NF_STACK) && !(stack_nr_flags(s->nr) & (HY_SC_EXEC | HY_SC_NO_RETURN)))
		stack_take(s);
	/* the symbol layer follows the mappings: the path of a mapped file, read now */
	if ((nf & HYB_NF_MAPS) && s->nr == cfg_stack_mmap_nr && s->ret >= 0 &&
	    (__u64)s->ret < (__u64)-MAX_ERRNO && !(s->args[3] & MAP_ANON_BIT) && (__s32)s->args[4] >= 0)
		fd_path(s, META(HY_ARG_USTACK, HY_AT_EXIT, 2, 0), (int)s->args[4]);
}

/* The exit's status filter (-z, -Z) keeps the mapping calls the symbol layer needs. */
static __always_inline int stack_keep(__u32 nf, long ret)
{
	return (nf & HYB_NF_MAPS) && (unsigned long)ret < (unsigned long)-MAX_ERRNO;
}

/*
 * HY_REC_MAPS at exec: what the kernel mapped without a syscall the symbol layer could see (the
 * program and its interpreter), so that a process gone before user space reads its records
 * can still be unwound: args[0] mm->start_code, args[1] mm->end_code, args[2] the
 * interpreter's load address (AT_BASE of the saved auxv, 0: none), args[3] the vDSO's
 * (AT_SYSINFO_EHDR); blob HY_ARG_EXTRA idx 0: the program's path (mm->exe_file).
 */
#define AT_SYSINFO_EHDR_	33	/* include/uapi/linux/auxvec.h */
#define AT_BASE_		7

static __always_inline int stack_exec(__u64 pt)
{
	struct task_struct *p = bpf_get_current_task_btf();	/* the exec'ing task */
	struct scratch *s = scratch_get();
	struct hy_rec *r;
	struct file *f;
	__u64 *aux;
	__u32 pos, len;

	if (!s || !p || cfg_stack == HYB_STACK_NONE)
		return 0;
	s->off = REC_HDR;
	s->nblobs = 0;
	s->cut = 0;
	s->failed = 0;
	s->limit = HYB_REC_MAX;
	r = (struct hy_rec *)s->rec;
	rec_head(r, HY_REC_MAPS, pt, now_ns(), 0, NULL);
	r->args[0] = BPF_CORE_READ(p, mm, start_code);
	r->args[1] = BPF_CORE_READ(p, mm, end_code);
	r->args[2] = 0;
	r->args[3] = 0;
	r->args[4] = 0;
	r->args[5] = 0;
	r->ret = 0;
	/* the saved auxv (mm->saved_auxv: AT_VECTOR_SIZE words, id/value pairs) into s->path */
	aux = (__u64 *)s->path;
	if (!bpf_probe_read_kernel(aux, 52 * 8, &p->mm->saved_auxv)) {
		for (__u32 i = 0; i + 1 < 52; i += 2) {
			if (aux[i] == AT_BASE_)
				r->args[2] = aux[i + 1];
			else if (aux[i] == AT_SYSINFO_EHDR_)
				r->args[3] = aux[i + 1];
			else if (!aux[i])
				break;
		}
	}
	f = BPF_CORE_READ(p, mm, exe_file);
	if (f) {
		struct task_struct *t = p;
		struct loop_ctx lc = { .s = s };

		s->pd = (__u64)BPF_CORE_READ(f, f_path.dentry);
		s->pm = (__u64)BPF_CORE_READ(f, f_path.mnt) - bpf_core_field_offset(struct mount, mnt);
		s->rootd = (__u64)BPF_CORE_READ(t, fs, root.dentry);
		s->rootm = (__u64)BPF_CORE_READ(t, fs, root.mnt) - bpf_core_field_offset(struct mount, mnt);
		s->ppos = PATH_END;
		s->ptrunc = 0;
		bpf_loop(128, path_cb, &lc, 0);
		pos = s->ppos;
		if (pos < PATH_END && !s->ptrunc) {
			len = PATH_END - pos;
			BOUND(pos, PATH_BUF);
			s->ksrc = (__u64)&s->path[pos];
			put_blob(s, META(HY_ARG_EXTRA, HY_AT_ENTER, 0, 0), 0, len, RD_KERNEL);
		}
	}
	if (scratch_send(s, 0))
		drop(HY_LOST_RING_FULL, 1);
	return 0;
}

#endif /* HYTRACE_STACK_BPF_H */
