// SPDX-License-Identifier: LGPL-2.1-or-later
/* proc.c: decoders for processes: exec, clone, wait, exit, ids, limits, scheduling. */
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <stdio.h>
#include "decode.h"
#include "prctl_more.h"
#include "xlat_gen.h"

/* include/uapi/linux/sched.h, include/uapi/linux/prctl.h, arch/x86/include/uapi/asm/prctl.h */
#define HY_CSIGNAL		0x000000ff
#define HY_CLONE_PIDFD		0x00001000
#define HY_CLONE_SETTLS		0x00080000
#define HY_CLONE_PARENT_SETTID	0x00100000
#define HY_CLONE_CHILD_CLEARTID	0x00200000
#define HY_CLONE_CHILD_SETTID	0x01000000
#define HY_CLONE_INTO_CGROUP	0x200000000ULL
#define HY_PER_MASK		0xff
#define HY_RLIM64_INFINITY	(~0ULL)

void dec_execve(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_strarr(d, 1));
	arg(d, v_envp(d, 2));
}

void dec_execveat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_strarr(d, 2));
	arg(d, v_envp(d, 3));
	arg(d, v_flags(d, 4, &xlat_at_flags));
}

static struct hv *named(const char *name, struct hv *v)
{
	v->name = name;
	return v;
}

/* [N]: an int written by the kernel at argument i, or the address (failed call, no read). */
static struct hv *v_int_out(struct dctx *d, int i, bool is_unsigned)
{
	int32_t n;
	const struct event_blob *b;
	struct hv *a;

	if (d_failed(d) || !d_u(d, i))
		return v_ptr(d, i);
	b = d_fetch(d, i, &n, sizeof(n));
	if (!b)
		return v_ptr(d, i);
	a = hv_array(d);
	hv_add(a, NULL, is_unsigned ? hv_uint(d, (uint32_t)n) : hv_int(d, n));
	return a;
}

/* [0x...]: a pointer written by the kernel at argument i. */
static struct hv *v_kptr_out(struct dctx *d, int i)
{
	uint64_t p;
	struct hv *a;

	if (d_failed(d) || !d_u(d, i) || !d_fetch(d, i, &p, sizeof(p)))
		return v_ptr(d, i);
	a = hv_array(d);
	hv_add(a, NULL, hv_ptr(d, p));
	return a;
}

/* -- clone, fork, exit, wait --------------------------------------------- */

/* flags & ~CSIGNAL with the clone_flags table, then "|" and the exit signal. */
static struct hv *hv_clone_flags(struct dctx *d, uint64_t raw)
{
	uint64_t flags = raw & ~(uint64_t)HY_CSIGNAL;
	unsigned int sig = raw & HY_CSIGNAL;
	const char *sn = signame(sig);
	struct hv *v = hv_new(d, HV_SYM);
	char num[16];

	if (!sn) {
		snprintf(num, sizeof(num), "%u", sig);
		sn = num;
	}
	v->u = raw;
	v->flags |= HVF_NUM;
	if (!flags)
		v->text = arena_printf(d->ar, "%s", sn);
	else if (sig)
		v->text = arena_printf(d->ar, "%s|%s", flags_text(d, &xlat_clone_flags, flags), sn);
	else
		v->text = flags_text(d, &xlat_clone_flags, flags);
	return v;
}

void dec_clone(struct dctx *d)
{
	uint64_t flags = d_u(d, 0) & ~(uint64_t)HY_CSIGNAL;

	arg(d, named("child_stack", v_ptr(d, 1)));
	arg(d, named("flags", hv_clone_flags(d, d_u(d, 0))));
	if (!(flags & (HY_CLONE_PARENT_SETTID | HY_CLONE_PIDFD | HY_CLONE_CHILD_SETTID |
		       HY_CLONE_CHILD_CLEARTID | HY_CLONE_SETTLS)))
		return;
	if (!d->exiting)
		return d_pending(d);
	if (flags & (HY_CLONE_PARENT_SETTID | HY_CLONE_PIDFD))
		arg(d, named("parent_tid", v_int_out(d, 2, false)));
	if (flags & HY_CLONE_SETTLS)
		arg(d, named("tls", v_ptr(d, 4)));
	if (flags & (HY_CLONE_CHILD_SETTID | HY_CLONE_CHILD_CLEARTID))
		arg(d, named("child_tidptr", v_ptr(d, 3)));
}

/* struct clone_args (include/uapi/linux/sched.h), CLONE_ARGS_SIZE_VER2 */
struct k_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

void dec_clone3(struct dctx *d)
{
	struct k_clone_args ca;
	uint64_t size = d_u(d, 1);
	size_t fetch = size < sizeof(ca) ? size : sizeof(ca);
	const struct event_blob *b = NULL;
	struct hv *s;

	if (fetch >= 64)	/* offsetofend(struct clone_args, tls) */
		b = d_fetch_at(d, 0, HY_AT_ENTER, 0, &ca, sizeof(ca));
	if (!b || b->h.len < fetch) {
		arg(d, v_ptr(d, 0));
		arg(d, v_ulong(d, 1));
		return;
	}
	s = hv_struct(d);
	if (ca.flags) {
		/* clone_flags, then the clone3-only bits (the clone3 table is the union) */
		hv_add(s, "flags", hv_flags(d, &xlat_clone3_flags, ca.flags));
	} else {
		hv_add(s, "flags", hv_uint(d, 0));
	}
	if (ca.flags & HY_CLONE_PIDFD)
		hv_add(s, "pidfd", hv_ptr(d, ca.pidfd));
	if (ca.flags & (HY_CLONE_CHILD_SETTID | HY_CLONE_CHILD_CLEARTID))
		hv_add(s, "child_tid", hv_ptr(d, ca.child_tid));
	if (ca.flags & HY_CLONE_PARENT_SETTID)
		hv_add(s, "parent_tid", hv_ptr(d, ca.parent_tid));
	if (ca.exit_signal < 0x7fffffff)
		hv_add(s, "exit_signal", hv_signal(d, (int)ca.exit_signal));
	else
		hv_add(s, "exit_signal", hv_uint(d, ca.exit_signal));
	hv_add(s, "stack", hv_ptr(d, ca.stack));
	hv_add(s, "stack_size", hv_hex(d, ca.stack_size));
	if (ca.flags & HY_CLONE_SETTLS)
		hv_add(s, "tls", hv_ptr(d, ca.tls));
	if (ca.set_tid || ca.set_tid_size) {
		hv_add(s, "set_tid", hv_ptr(d, ca.set_tid));	/* the array itself is not captured */
		hv_add(s, "set_tid_size", hv_uint(d, ca.set_tid_size));
	}
	if (fetch > 80 && (ca.cgroup || (ca.flags & HY_CLONE_INTO_CGROUP)))
		hv_add(s, "cgroup", hv_uint(d, ca.cgroup));
	/*
	 * At exit strace adds " => {parent_tid=[N]}" (and pidfd=[N]) read back from the
	 * struct's pointers.  parent_tid is the new thread's id, i.e. the return value;
	 * the pidfd number is not captured (nested pointer): left out.
	 */
	if (d->exiting && !d_failed(d) && (ca.flags & HY_CLONE_PARENT_SETTID) &&
	    !(ca.flags & HY_CLONE_PIDFD) && ca.parent_tid) {
		struct hv *after = hv_struct(d);
		struct hv *a = hv_array(d);

		hv_add(a, NULL, hv_int(d, d_ret(d)));
		hv_add(after, "parent_tid", a);
		s = hv_changed(d, s, after);
	}
	arg(d, s);
	arg(d, v_ulong(d, 1));
}

void dec_fork(struct dctx *d)
{
}

void dec_exit(struct dctx *d)
{
	arg(d, v_int(d, 0));
}

/* The wait status as strace prints it (printstatus, src/wait.c). */
static struct hv *hv_wait_status(struct dctx *d, int st)
{
	char buf[160];
	size_t n = 0;
	unsigned int rest = (unsigned int)st;
	const char *sn;
	char num[16];

#define SIGNAME(s) ((sn = signame(s)) ? sn : (snprintf(num, sizeof(num), "%d", (s)), num))
	if ((st & 0xff) == 0x7f) {	/* WIFSTOPPED */
		int sig = (st >> 8) & 0xff;

		n = snprintf(buf, sizeof(buf), "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			     SIGNAME(sig & 0x7f), sig & 0x80 ? " | 0x80" : "");
		rest &= ~(unsigned int)((sig << 8) | 0x7f);
	} else if ((st & 0x7f) && (st & 0x7f) != 0x7f) {	/* WIFSIGNALED */
		int sig = st & 0x7f;

		n = snprintf(buf, sizeof(buf), "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}", SIGNAME(sig),
			     (st & 0x80) ? " && WCOREDUMP(s)" : "");
		rest &= ~(unsigned int)(sig | 0x80);
	} else if (!(st & 0x7f)) {	/* WIFEXITED */
		n = snprintf(buf, sizeof(buf), "{WIFEXITED(s) && WEXITSTATUS(s) == %d}", (st >> 8) & 0xff);
		rest &= ~(unsigned int)(st & 0xff00);
	} else if (st == 0xffff) {	/* WIFCONTINUED */
		n = snprintf(buf, sizeof(buf), "{WIFCONTINUED(s)}");
		rest = 0;
	}
#undef SIGNAME
	struct hv *a = hv_array(d);

	if (!n) {
		hv_add(a, NULL, hv_hex(d, (unsigned int)st));
		return a;
	}
	if (rest >> 16) {
		n += snprintf(buf + n, sizeof(buf) - n, " | %#x << 16", rest >> 16);	/* PTRACE_EVENT_*: raw */
		rest &= 0xffff;
	}
	if (rest)
		n += snprintf(buf + n, sizeof(buf) - n, " | %#x", rest);
	hv_add(a, NULL, hv_expr(d, "%s", buf));
	return a;
}

static struct hv *hv_timeval(struct dctx *d, const struct timeval *tv)
{
	struct hv *s = hv_struct(d);

	hv_add(s, "tv_sec", hv_int(d, tv->tv_sec));
	hv_add(s, "tv_usec", hv_uint(d, (uint64_t)tv->tv_usec));
	return s;
}

/* struct rusage at argument i (printrusage: the times, the rest under -v). */
static struct hv *v_rusage(struct dctx *d, int i)
{
	struct rusage ru;
	const struct event_blob *b = d_fetch(d, i, &ru, sizeof(ru));
	struct hv *s = v_unread(d, i, b);

	if (s)
		return s;
	s = hv_struct(d);
	hv_add(s, "ru_utime", hv_timeval(d, &ru.ru_utime));
	hv_add(s, "ru_stime", hv_timeval(d, &ru.ru_stime));
	if (!d->o->verbose) {
		hv_add(s, NULL, hv_more(d));
		return s;
	}
	hv_add(s, "ru_maxrss", hv_uint(d, ru.ru_maxrss));
	hv_add(s, "ru_ixrss", hv_uint(d, ru.ru_ixrss));
	hv_add(s, "ru_idrss", hv_uint(d, ru.ru_idrss));
	hv_add(s, "ru_isrss", hv_uint(d, ru.ru_isrss));
	hv_add(s, "ru_minflt", hv_uint(d, ru.ru_minflt));
	hv_add(s, "ru_majflt", hv_uint(d, ru.ru_majflt));
	hv_add(s, "ru_nswap", hv_uint(d, ru.ru_nswap));
	hv_add(s, "ru_inblock", hv_uint(d, ru.ru_inblock));
	hv_add(s, "ru_oublock", hv_uint(d, ru.ru_oublock));
	hv_add(s, "ru_msgsnd", hv_uint(d, ru.ru_msgsnd));
	hv_add(s, "ru_msgrcv", hv_uint(d, ru.ru_msgrcv));
	hv_add(s, "ru_nsignals", hv_uint(d, ru.ru_nsignals));
	hv_add(s, "ru_nvcsw", hv_uint(d, ru.ru_nvcsw));
	hv_add(s, "ru_nivcsw", hv_uint(d, ru.ru_nivcsw));
	return s;
}

void dec_wait4(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID_PGID));
	if (!d->exiting)
		return d_pending(d);
	int32_t st;

	if (d_ret(d) == 0 || d_failed(d) || !d_u(d, 1) || !d_fetch(d, 1, &st, sizeof(st)))
		arg(d, v_ptr(d, 1));
	else
		arg(d, hv_wait_status(d, st));
	arg(d, v_flags(d, 2, &xlat_wait4_options));
	arg(d, !d_failed(d) && d_ret(d) > 0 ? v_rusage(d, 3) : v_ptr(d, 3));
}

void dec_waitid(struct dctx *d)
{
	unsigned int type = d_ui(d, 0);

	arg(d, hv_sym(d, &xlat_waitid_types, type, true));
	/* P_PID: a process, P_PGID: a group, P_PIDFD: an fd (strace 6.1, wait.c) */
	arg(d, type == 3 ? v_fd(d, 1) : v_pid(d, 1, type == 1 ? HVP_TGID : type == 2 ? HVP_PGID : HVP_NONE));
	if (!d->exiting)
		return d_pending(d);
	uint8_t si[128];
	const struct event_blob *b = d_failed(d) ? NULL : d_fetch(d, 2, si, sizeof(si));
	struct hv *v = v_unread(d, 2, b);

	arg(d, v ? v : hv_siginfo(d, si, sizeof(si)));
	arg(d, v_flags(d, 3, &xlat_wait4_options));
	arg(d, d_failed(d) ? v_ptr(d, 4) : v_rusage(d, 4));
}

/* -- ids, robust lists, rseq --------------------------------------------- */

void dec_getpgid(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
}

void dec_setpgid(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_pid(d, 1, HVP_PGID));
}

void dec_set_tid_address(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
}

void dec_set_robust_list(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
}

void dec_get_robust_list(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TID));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_kptr_out(d, 1));
	uint64_t len;

	if (d_failed(d) || !d_u(d, 2) || !d_fetch(d, 2, &len, sizeof(len))) {
		arg(d, v_ptr(d, 2));
	} else {
		struct hv *a = hv_array(d);

		hv_add(a, NULL, hv_uint(d, len));
		arg(d, a);
	}
}

void dec_rseq(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, hv_hex(d, d_ui(d, 1)));
	arg(d, v_flags(d, 2, &xlat_rseq_flags));
	arg(d, hv_hex(d, d_ui(d, 3)));
}

/* -- prctl, arch_prctl ---------------------------------------------------- */

/* include/uapi/linux/prctl.h */
enum {
	PR_SET_PDEATHSIG_ = 1, PR_GET_PDEATHSIG_ = 2, PR_GET_DUMPABLE_ = 3, PR_SET_DUMPABLE_ = 4,
	PR_GET_KEEPCAPS_ = 7, PR_SET_KEEPCAPS_ = 8, PR_GET_FPEMU_ = 9, PR_SET_FPEMU_ = 10,
	PR_GET_FPEXC_ = 11, PR_SET_FPEXC_ = 12, PR_GET_TIMING_ = 13, PR_SET_TIMING_ = 14,
	PR_SET_NAME_ = 15, PR_GET_NAME_ = 16, PR_GET_ENDIAN_ = 19, PR_SET_ENDIAN_ = 20,
	PR_GET_SECCOMP_ = 21, PR_SET_SECCOMP_ = 22, PR_CAPBSET_READ_ = 23, PR_CAPBSET_DROP_ = 24,
	PR_GET_TIMERSLACK_ = 30, PR_SET_TIMERSLACK_ = 29, PR_TASK_PERF_EVENTS_DISABLE_ = 31,
	PR_TASK_PERF_EVENTS_ENABLE_ = 32, PR_SET_MM_ = 35, PR_SET_CHILD_SUBREAPER_ = 36,
	PR_GET_CHILD_SUBREAPER_ = 37, PR_SET_NO_NEW_PRIVS_ = 38, PR_GET_TID_ADDRESS_ = 40,
	PR_SET_THP_DISABLE_ = 41, PR_CAP_AMBIENT_ = 47, PR_GET_SPECULATION_CTRL_ = 52,
	PR_SET_SPECULATION_CTRL_ = 53, PR_SET_IO_FLUSHER_ = 57, PR_SET_PTRACER_ = 0x59616d61,
	PR_SET_VMA_ = 0x53564d41,
};

static void prctl_rest_hex(struct dctx *d, int from)
{
	for (int i = from; i < 5; i++)
		arg(d, v_hex(d, i));
}

/* A NUL-terminated string of at most max bytes from a fixed-size capture. */
static struct hv *v_cstr(struct dctx *d, int i, size_t max)
{
	char buf[64];
	const struct event_blob *b = d_fetch(d, i, buf, sizeof(buf));
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	size_t avail = b->h.len < max ? b->h.len : max;
	const char *z = memchr(buf, '\0', avail);

	if (z)
		return hv_str(d, buf, z - buf, false);
	return hv_str(d, buf, avail, true);
}

void dec_prctl(struct dctx *d)
{
	unsigned int op = d_ui(d, 0);
	uint64_t a2 = d_u(d, 1);

	arg(d, hv_sym(d, &xlat_prctl_options, op, true));
	switch (op) {
	case PR_GET_KEEPCAPS_:
	case PR_GET_SECCOMP_:
	case PR_GET_TIMERSLACK_:
	case PR_GET_TIMING_:
	case PR_TASK_PERF_EVENTS_DISABLE_:
	case PR_TASK_PERF_EVENTS_ENABLE_:
		return;
	case PR_GET_CHILD_SUBREAPER_:
	case PR_GET_ENDIAN_:
	case PR_GET_FPEMU_:
	case PR_GET_FPEXC_:
		if (!d->exiting)
			return d_pending(d);
		return arg(d, v_int_out(d, 1, true));
	case PR_GET_DUMPABLE_:
		if (d->exiting && !d_failed(d) && xlat_name(&xlat_pr_dumpable, d_ret(d)))
			d->ret_note = hv_sym(d, &xlat_pr_dumpable, d_ret(d), true);
		return;
	case PR_GET_NAME_:
		if (!d->exiting)
			return d_pending(d);
		return arg(d, d_failed(d) ? v_ptr(d, 1) : v_cstr(d, 1, 16));
	case PR_GET_PDEATHSIG_: {
		int32_t sig;
		struct hv *a;

		if (!d->exiting)
			return d_pending(d);
		if (d_failed(d) || !a2 || !d_fetch(d, 1, &sig, sizeof(sig)))
			return arg(d, v_ptr(d, 1));
		a = hv_array(d);
		hv_add(a, NULL, hv_signal(d, sig));
		return arg(d, a);
	}
	case PR_GET_TID_ADDRESS_:
		if (!d->exiting)
			return d_pending(d);
		return arg(d, v_kptr_out(d, 1));
	case PR_GET_SPECULATION_CTRL_:
		arg(d, hv_sym(d, &xlat_pr_spec_cmds, a2, true));
		if (d->exiting && !d_failed(d)) {
			if (a2 <= 2) {
				d->ret = hv_hex(d, d_ret(d));
				d->ret_note = hv_flags(d, &xlat_pr_spec_flags, d_ret(d));
			}
		}
		return;
	case PR_SET_CHILD_SUBREAPER_:
	case PR_SET_ENDIAN_:
	case PR_SET_FPEMU_:
	case PR_SET_FPEXC_:
	case PR_SET_KEEPCAPS_:
	case PR_SET_TIMING_:
		return arg(d, hv_uint(d, a2));
	case PR_SET_DUMPABLE_:
		return arg(d, hv_sym(d, &xlat_pr_dumpable, a2, true));
	case PR_CAPBSET_DROP_:
	case PR_CAPBSET_READ_:
		return arg(d, hv_sym(d, &xlat_caps, a2, true));
	case PR_CAP_AMBIENT_:
		arg(d, hv_sym(d, &xlat_pr_cap_ambient, a2, true));
		if (a2 >= 1 && a2 <= 3) {
			arg(d, hv_sym(d, &xlat_caps, d_u(d, 2), true));
			return prctl_rest_hex(d, 3);
		}
		return prctl_rest_hex(d, 2);
	case PR_SET_NAME_:
		return arg(d, v_cstr(d, 1, 15));
	case PR_SET_VMA_:
		arg(d, hv_sym(d, &xlat_pr_set_vma, a2, true));
		if (a2 != 0)
			return prctl_rest_hex(d, 2);
		arg(d, v_ptr(d, 2));
		arg(d, hv_uint(d, d_u(d, 3)));
		return arg(d, v_str(d, 4));
	case PR_SET_MM_:
		arg(d, hv_sym(d, &xlat_pr_set_mm, d_ui(d, 1), true));
		return prctl_rest_hex(d, 2);
	case PR_SET_PDEATHSIG_:
		return arg(d, a2 > 128 ? hv_uint(d, a2) : hv_signal(d, (int)a2));
	case PR_SET_PTRACER_:
		if (d_i(d, 1) == -1) {
			struct hv *v = hv_expr(d, "PR_SET_PTRACER_ANY");

			v->u = (uint64_t)-1;
			v->flags |= HVF_NUM;
			return arg(d, v);
		}
		return arg(d, v_pid(d, 1, HVP_TGID));
	case PR_SET_SECCOMP_:
		arg(d, hv_sym(d, &xlat_seccomp_mode, a2, true));
		if (a2 == 1)
			return;
		if (a2 == 2) {
			uint64_t fp[2];
			const struct event_blob *b = d_fetch(d, 2, fp, sizeof(fp));
			struct hv *v = v_unread(d, 2, b);

			if (!v) {
				v = hv_struct(d);
				hv_add(v, "len", hv_uint(d, (uint16_t)fp[0]));
				hv_add(v, "filter", hv_ptr(d, fp[1]));
			}
			return arg(d, v);
		}
		return prctl_rest_hex(d, 2);
	case PR_SET_TIMERSLACK_:
		return arg(d, hv_int(d, (int64_t)a2));
	case PR_SET_SPECULATION_CTRL_:
		arg(d, hv_sym(d, &xlat_pr_spec_cmds, a2, true));
		if (a2 <= 2)
			return arg(d, hv_sym_or(d, &xlat_pr_spec_flags, d_u(d, 2), "PR_SPEC_???"));
		return arg(d, v_hex(d, 2));
	case PR_SET_NO_NEW_PRIVS_:
	case PR_SET_THP_DISABLE_:
	case PR_SET_IO_FLUSHER_:
		arg(d, hv_uint(d, a2));
		return prctl_rest_hex(d, 2);
	default:
		if (prctl_more(d, op))	/* the rarer options: decoders/prctl_more.c */
			return;
		return prctl_rest_hex(d, 1);
	}
}

/* arch/x86/include/uapi/asm/prctl.h */
#define HY_ARCH_GET_FS		0x1003
#define HY_ARCH_GET_GS		0x1004
#define HY_ARCH_GET_CPUID	0x1011
#define HY_ARCH_GET_XCOMP_SUPP	0x1021
#define HY_ARCH_GET_XCOMP_PERM	0x1022
#define HY_ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define HY_ARCH_REQ_XCOMP_PERM	0x1023
#define HY_ARCH_REQ_XCOMP_GUEST_PERM 0x1025

void dec_arch_prctl(struct dctx *d)
{
	unsigned int op = d_ui(d, 0);

	arg(d, hv_sym(d, &xlat_arch_prctl_codes, op, true));
	switch (op) {
	case HY_ARCH_GET_FS:
	case HY_ARCH_GET_GS:
		if (!d->exiting)
			return d_pending(d);
		return arg(d, v_kptr_out(d, 1));
	case HY_ARCH_GET_CPUID:
		return;
	case HY_ARCH_GET_XCOMP_SUPP:
	case HY_ARCH_GET_XCOMP_PERM:
	case HY_ARCH_GET_XCOMP_GUEST_PERM: {
		uint64_t m;
		struct hv *a, *v;

		if (!d->exiting)
			return d_pending(d);
		if (d_failed(d) || !d_u(d, 1) || !d_fetch(d, 1, &m, sizeof(m)))
			return arg(d, v_ptr(d, 1));
		a = hv_array(d);
		v = hv_hex(d, m);
		if (m) {	/* strace's verbose style whatever -X says, but for raw */
			char *t = flags_text(d, &xlat_x86_xfeatures, m);

			v->comment = t && strncmp(t, "0x", 2) ? t : "XFEATURE_MASK_???";
			v->flags |= HVF_XCOMMENT;
		}
		hv_add(a, NULL, v);
		return arg(d, a);
	}
	case HY_ARCH_REQ_XCOMP_PERM:
	case HY_ARCH_REQ_XCOMP_GUEST_PERM: {
		struct hv *v;

		/* the feature number, named in a comment (not with -X raw) */
		const char *name = xlat_name(&xlat_x86_xfeature_bits, d_u(d, 1));

		v = hv_hex(d, d_u(d, 1));
		v->comment = name ? name : "XFEATURE_???";
		v->flags |= HVF_XCOMMENT;
		arg(d, v);
		if (!d->exiting)
			return d_pending(d);
		if (d_ret(d) > 0) {	/* the features now permitted: hex, and the known ones' names */
			char *t = flags_text(d, &xlat_x86_xfeatures, (uint64_t)d_ret(d));

			d->ret = hv_hex(d, (uint64_t)d_ret(d));
			if (t && strncmp(t, "0x", 2)) {
				d->ret_note = hv_expr(d, "%s", t);
				d->ret_note->flags |= HVF_XCOMMENT;
			}
		}
		return;
	}
	default:
		return arg(d, v_hex(d, 1));
	}
}

/* -- limits, usage, priorities -------------------------------------------- */

static struct hv *hv_rlim(struct dctx *d, uint64_t v)
{
	struct hv *e;

	if (v == HY_RLIM64_INFINITY)
		e = hv_expr(d, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		e = hv_expr(d, "%llu*1024", (unsigned long long)(v / 1024));
	else
		return hv_uint(d, v);
	e->u = v;	/* -X raw: 8388608, as strace's print_rlim64_t */
	e->flags |= HVF_NUM | HVF_NUMUDEC;
	return e;
}

/* struct rlimit at argument i; out: an output argument (address when the call failed). */
static struct hv *v_rlimit(struct dctx *d, int i, bool out)
{
	uint64_t rl[2];
	const struct event_blob *b;
	struct hv *s;

	if (out && d_failed(d))
		return v_ptr(d, i);
	b = d_fetch(d, i, rl, sizeof(rl));
	s = v_unread(d, i, b);
	if (s)
		return s;
	s = hv_struct(d);
	hv_add(s, "rlim_cur", hv_rlim(d, rl[0]));
	hv_add(s, "rlim_max", hv_rlim(d, rl[1]));
	return s;
}

void dec_getrlimit(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_rlimit_resources, d_ui(d, 0), true));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_rlimit(d, 1, true));
}

void dec_setrlimit(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_rlimit_resources, d_ui(d, 0), true));
	arg(d, v_rlimit(d, 1, false));
}

void dec_prlimit64(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, hv_sym(d, &xlat_rlimit_resources, d_ui(d, 1), true));
	arg(d, v_rlimit(d, 2, false));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_rlimit(d, 3, true));
}

void dec_getrusage(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_usage_who, (uint64_t)(int64_t)d_i(d, 0), true));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_rusage(d, 1));
}

void dec_getpriority(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_priorities, d_ui(d, 0), true));
	/* PRIO_PROCESS: a process, PRIO_PGRP: a group, PRIO_USER: a uid (strace 6.1, resource.c) */
	arg(d, v_pid(d, 1, d_ui(d, 0) == 0 ? HVP_TGID : d_ui(d, 0) == 1 ? HVP_PGID : HVP_NONE));
}

void dec_setpriority(struct dctx *d)
{
	dec_getpriority(d);
	arg(d, v_int(d, 2));
}

/* -- scheduler ------------------------------------------------------------ */

static struct hv *v_sched_param(struct dctx *d, int i, bool out)
{
	int32_t prio;
	struct hv *a;

	if ((out && d_failed(d)) || !d_u(d, i) || !d_fetch(d, i, &prio, sizeof(prio)))
		return v_ptr(d, i);
	a = hv_array(d);
	hv_add(a, NULL, hv_int(d, prio));
	return a;
}

void dec_sched_getparam(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_sched_param(d, 1, true));
}

void dec_sched_setparam(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_sched_param(d, 1, false));
}

void dec_sched_getscheduler(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	if (d->exiting && !d_failed(d) && xlat_name(&xlat_sched_policies, d_ret(d)))
		d->ret_note = hv_sym(d, &xlat_sched_policies, d_ret(d), true);
}

void dec_sched_setscheduler(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, hv_sym(d, &xlat_sched_policies, d_ui(d, 1), true));
	arg(d, v_sched_param(d, 2, false));
}

void dec_sched_get_priority_max(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_sched_policies, d_ui(d, 0), true));
}

/*
 * A CPU set of len bytes at argument i: the numbers of the set bits, space separated
 * (print_affinitylist: at most 128 bytes, strace's cpuset size on machines with up
 * to 1024 CPUs, then "...").
 */
static struct hv *v_cpuset(struct dctx *d, int i, uint64_t len)
{
	uint8_t m[128];
	size_t n = len < sizeof(m) ? len : sizeof(m);
	const struct event_blob *b;
	struct hv *a;

	if (!d_u(d, i))
		return v_ptr(d, i);
	if (!len) {
		a = hv_array(d);
		a->flags |= HVF_SPACES;
		return a;
	}
	b = d_fetch(d, i, m, sizeof(m));
	if (!b || b->h.len < n)
		return v_ptr(d, i);
	a = hv_array(d);
	a->flags |= HVF_SPACES;
	size_t size = (n + 7) / 8 * 8;

	for (size_t bit = 0; bit < n * 8; bit++)
		if (m[bit / 8] & (1u << (bit % 8)))
			hv_add(a, NULL, hv_int(d, bit));
	if (size < len)
		hv_add(a, NULL, hv_more(d));
	return a;
}

void dec_sched_getaffinity(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_uint(d, 1));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 2) : v_cpuset(d, 2, (uint64_t)d_ret(d)));
}

void dec_sched_setaffinity(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_uint(d, 1));
	arg(d, v_cpuset(d, 2, d_ui(d, 1)));
}

/* struct sched_attr (include/uapi/linux/sched/types.h) */
struct k_sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
};

static struct hv *v_sched_attr(struct dctx *d, int i)
{
	struct k_sched_attr at;
	const struct event_blob *b = d_fetch(d, i, &at, sizeof(at));
	struct hv *s = v_unread(d, i, b);

	if (s)
		return s;
	s = hv_struct(d);
	hv_add(s, "size", hv_uint(d, at.size));
	hv_add(s, "sched_policy", hv_sym(d, &xlat_sched_policies, at.sched_policy, true));
	hv_add(s, "sched_flags", hv_flags(d, &xlat_sched_flags, at.sched_flags));
	hv_add(s, "sched_nice", hv_int(d, at.sched_nice));
	hv_add(s, "sched_priority", hv_uint(d, at.sched_priority));
	hv_add(s, "sched_runtime", hv_uint(d, at.sched_runtime));
	hv_add(s, "sched_deadline", hv_uint(d, at.sched_deadline));
	hv_add(s, "sched_period", hv_uint(d, at.sched_period));
	if (b->h.len >= sizeof(at)) {
		hv_add(s, "sched_util_min", hv_uint(d, at.sched_util_min));
		hv_add(s, "sched_util_max", hv_uint(d, at.sched_util_max));
	}
	return s;
}

void dec_sched_getattr(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_sched_attr(d, 1));
	arg(d, v_uint(d, 2));
	arg(d, v_uint(d, 3));
}

void dec_sched_setattr(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_sched_attr(d, 1));
	arg(d, v_uint(d, 2));
}

/* -- system information --------------------------------------------------- */

static struct hv *hv_cfield(struct dctx *d, const char *s, size_t size)
{
	const char *z = memchr(s, '\0', size);

	return hv_str(d, s, z ? (size_t)(z - s) : size, !z);
}

void dec_uname(struct dctx *d)
{
	struct utsname u;
	const struct event_blob *b;
	struct hv *s;

	if (!d->exiting)
		return d_pending(d);
	b = d_failed(d) ? NULL : d_fetch(d, 0, &u, sizeof(u));
	s = v_unread(d, 0, b);
	if (s)
		return arg(d, s);
	s = hv_struct(d);
	hv_add(s, "sysname", hv_cfield(d, u.sysname, sizeof(u.sysname)));
	hv_add(s, "nodename", hv_cfield(d, u.nodename, sizeof(u.nodename)));
	if (!d->o->verbose) {
		hv_add(s, NULL, hv_more(d));
		return arg(d, s);
	}
	hv_add(s, "release", hv_cfield(d, u.release, sizeof(u.release)));
	hv_add(s, "version", hv_cfield(d, u.version, sizeof(u.version)));
	hv_add(s, "machine", hv_cfield(d, u.machine, sizeof(u.machine)));
	hv_add(s, "domainname", hv_cfield(d, u.domainname, sizeof(u.domainname)));
	arg(d, s);
}

void dec_sysinfo(struct dctx *d)
{
	struct sysinfo si;
	const struct event_blob *b;
	struct hv *s, *l;

	if (!d->exiting)
		return d_pending(d);
	b = d_failed(d) ? NULL : d_fetch(d, 0, &si, sizeof(si));
	s = v_unread(d, 0, b);
	if (s)
		return arg(d, s);
	s = hv_struct(d);
	hv_add(s, "uptime", hv_int(d, si.uptime));
	l = hv_add(s, "loads", hv_array(d));
	for (int i = 0; i < 3; i++)
		hv_add(l, NULL, hv_uint(d, si.loads[i]));
	hv_add(s, "totalram", hv_uint(d, si.totalram));
	hv_add(s, "freeram", hv_uint(d, si.freeram));
	hv_add(s, "sharedram", hv_uint(d, si.sharedram));
	hv_add(s, "bufferram", hv_uint(d, si.bufferram));
	hv_add(s, "totalswap", hv_uint(d, si.totalswap));
	hv_add(s, "freeswap", hv_uint(d, si.freeswap));
	hv_add(s, "procs", hv_uint(d, si.procs));
	hv_add(s, "totalhigh", hv_uint(d, si.totalhigh));
	hv_add(s, "freehigh", hv_uint(d, si.freehigh));
	hv_add(s, "mem_unit", hv_uint(d, si.mem_unit));
	arg(d, s);
}

/* persona & PER_MASK from personality_types, then "|" and the flag bits. */
static char *persona_text(struct dctx *d, unsigned int p)
{
	const char *t = xlat_name(&xlat_personality_types, p & HY_PER_MASK);
	char *base = t ? arena_printf(d->ar, "%s", t)
		       : arena_printf(d->ar, "%#x /* PER_??? */", p & HY_PER_MASK);

	p &= ~HY_PER_MASK;
	if (!p)
		return base;
	return arena_printf(d->ar, "%s|%s", base, flags_text(d, &xlat_personality_flags, p));
}

void dec_personality(struct dctx *d)
{
	unsigned int p = d_ui(d, 0);

	if (p == 0xffffffff) {
		arg(d, hv_hex(d, p));
	} else {
		struct hv *v = hv_new(d, HV_SYM);

		v->text = persona_text(d, p);
		v->u = p;
		v->flags |= HVF_NUM;
		arg(d, v);
	}
	if (d->exiting && !d_failed(d)) {
		struct hv *n = hv_new(d, HV_SYM);

		n->text = persona_text(d, (unsigned int)d_ret(d));
		n->u = (uint64_t)d_ret(d);
		d->ret_note = n;
	}
}

/* -- namespaces, pidfds, seccomp ------------------------------------------ */

void dec_unshare(struct dctx *d)
{
	arg(d, hv_flags(d, &xlat_unshare_flags, d_u(d, 0)));
}

void dec_setns(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_flags(d, 1, &xlat_setns_types));
}

void dec_pidfd_open(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_flags(d, 1, &xlat_pidfd_flags));
}

void dec_pidfd_getfd(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_int(d, 1));
	arg(d, hv_hex(d, d_ui(d, 2)));
}

void dec_seccomp(struct dctx *d)
{
	unsigned int op = d_ui(d, 0);

	arg(d, hv_sym(d, &xlat_seccomp_ops, op, true));
	if (op == 1) {	/* SECCOMP_SET_MODE_FILTER: flags, struct sock_fprog */
		uint64_t fp[2];
		const struct event_blob *b = d_fetch(d, 2, fp, sizeof(fp));
		struct hv *v = v_unread(d, 2, b);

		arg(d, v_flags(d, 1, &xlat_seccomp_filter_flags));
		if (!v) {
			v = hv_struct(d);
			hv_add(v, "len", hv_uint(d, (uint16_t)fp[0]));
			hv_add(v, "filter", hv_ptr(d, fp[1]));
		}
		return arg(d, v);
	}
	arg(d, v_uint(d, 1));
	arg(d, v_ptr(d, 2));
}
