// SPDX-License-Identifier: LGPL-2.1-or-later
/* backend_ptrace.c: the ptrace backend: PTRACE_SEIZE, syscall stops, records for the pipeline. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "backend.h"
#include "clock.h"
#include "inject.h"
#include "log.h"
#include "ptrace_capture.h"
#include "ptrace_func.h"
#include "spawn.h"
#include "symbol.h"
#include "sysent.h"
#include "tidmap.h"

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif

/* One traced thread, in P.tasks by tid. */
struct ptask {
	pid_t tid, pid;
	bool in_syscall;	/* between entry and exit stops */
	uint64_t entry_ip;	/* -i: the instruction pointer at the current call's entry */
	bool enter_sent;	/* an HY_REC_ENTER went out for the current call */
	bool pre_exec;		/* our child before its execve: nothing is shown yet */
	bool seccomp_exit;	/* seccomp mode: the exit stop was asked for */
	bool detaching;		/* interrupted to detach */
	bool comm_stale;	/* re-read the name at the next entry (new task, exec, prctl) */
	bool slow_call;		/* the current call may take long: fork, wait, exec, exit... */
	bool soon;		/* resumed, and its next stop should come within microseconds */
	bool quick;		/* its last such stop came within SPIN_NS: worth polling for */
	bool func_call;		/* in a call of the --func preload library (HYF_NR): hidden */
	bool func_ok;		/* ... which returns 0 (else ENOSYS) */
	bool func_hide;		/* the library's own syscalls: hidden (HYF_OP_HIDE) */
	int64_t resumed_ns;	/* CLOCK_MONOTONIC when resumed with soon set */
	char comm[HY_COMM_LEN];
	struct recbuf rb;	/* the current call's record */
	/* -e inject= (strace 6.1's tampering, src/syscall.c) */
	uint16_t *inj_n;	/* invocations so far per syscall number (allocated on first use) */
	const struct inject_rule *inj;	/* the current call's rule when it is tampered with */
	uint32_t inj_flags;	/* HY_F_INJECTED, HY_F_DELAYED, HY_F_INJ_RETVAL for the call */
	int inj_sig;		/* a signal to deliver as the call returns */
	int64_t delay_until;	/* delay_enter=/delay_exit=: held stopped until (CLOCK_MONOTONIC) */
	int delay_sig;		/* ... then resumed with this signal */
};

#define PENDING_MAX 64	/* stops collected at once; more wait for the next round */

struct ptracer {
	struct tidmap tasks;	/* struct ptask by tid: every thread we trace */
	bool seccomp;		/* tracees run under our seccomp filter */
	unsigned long opts;	/* PTRACE_O_* */
	int sync_fd;		/* write end of the pipe that holds our child before execve */
	bool info_ok;		/* PTRACE_GET_SYSCALL_INFO works */
	/* -b execve: the started command's first execve is traced through (strace's
	 * skip_one_b_execve); child_detached: that command was let go at a later one */
	bool b_skip, child_detached;
	unsigned int nsoon;	/* tasks with soon set */
	unsigned int nquick;	/* tasks with soon and quick set */
	unsigned int ncpus;	/* CPUs we may run on */
	/* stops collected but not handled yet: see next_stop() */
	struct pending_stop {
		pid_t pid;
		int status;
	} pending[PENDING_MAX];
	unsigned int npending, ipending;
	unsigned int ndelayed;	/* tasks held stopped by an injected delay (delay_until set) */
};

static struct ptracer P;

/* Polling waitpid before sleeping in it: see poll_wait() */
#define SPIN_NS		50000	/* at most, for a task whose last stop came that quickly */
#define SPIN_PROBE_NS	4000	/* for one that is new or was slow: a poll or two */

static void ptask_fini(void *val)
{
	struct ptask *t = val;

	if (t->soon) {
		P.nsoon--;
		P.nquick -= t->quick;
	}
	rb_free(&t->rb);
	free(t->inj_n);
	if (t->delay_until)
		P.ndelayed--;
}

static struct ptask *ptask_get(pid_t tid)
{
	return tidmap_get(&P.tasks, tid);
}

/* The task of tid, added if new; NULL when out of memory. */
static struct ptask *ptask_add(pid_t tid)
{
	bool created;
	struct ptask *t = tidmap_add(&P.tasks, tid, &created);

	if (t && created)
		t->tid = t->pid = tid;
	return t;
}

static void ptask_del(struct ptask *t)
{
	tidmap_del(&P.tasks, t->tid);
}

static pid_t tgid_of(pid_t tid)
{
	char path[64], buf[512];
	FILE *f;
	pid_t tgid = tid;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return tid;
	while (fgets(buf, sizeof(buf), f))
		if (!strncmp(buf, "Tgid:", 5)) {
			tgid = atoi(buf + 5);
			break;
		}
	fclose(f);
	return tgid;
}

static void comm_of(pid_t tid, char comm[HY_COMM_LEN])
{
	char path[64];
	int fd;
	ssize_t n;

	memset(comm, 0, HY_COMM_LEN);
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, comm, HY_COMM_LEN - 1);
	close(fd);
	if (n > 0 && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
}

/* Send a record with no blobs (fork, exit, signal without siginfo...). */
static void emit_simple(struct tracer *tr, struct ptask *t, int type, int nr, uint32_t flags,
			uint64_t a0, uint64_t a1)
{
	struct hy_rec r = {
		.type = type,
		.size = sizeof(r),
		.pid = t->pid,
		.tid = t->tid,
		.ts_enter = boottime_ns(),
		.nr = nr,
		.flags = flags,
		.args = { a0, a1 },
	};

	pipeline_feed(tr->pl, &r, sizeof(r));
}

/*
 * HY_REC_EXEC, with the new argv from /proc/PID/cmdline (the task is stopped at the event)
 * when a sink wants it.
 */
static void emit_exec(struct tracer *tr, struct ptask *t, unsigned long old_tid)
{
	struct recbuf rb = { 0 };
	struct hy_rec r = {
		.type = HY_REC_EXEC,
		.pid = t->pid,
		.tid = t->tid,
		.ts_enter = boottime_ns(),
		.args = { old_tid },
	};
	char path[64];
	int fd;

	comm_of(t->tid, r.comm);
	memcpy(t->comm, r.comm, HY_COMM_LEN);	/* the execve's exit shows it: no second read */
	t->comm_stale = false;
	if (!tr->cfg.exec_argv) {
		r.size = sizeof(r);
		pipeline_feed(tr->pl, &r, sizeof(r));
		return;
	}
	if (rb_begin(&rb, &r))
		return;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)t->tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char *p = rb_blob(&rb, HY_ARG_EXTRA, HY_AT_ENTER, 0, 0, HY_CMDLINE_MAX);
		ssize_t n = p ? read(fd, p, HY_CMDLINE_MAX) : -1;

		if (p)
			rb_blob_done(&rb, n > 0 ? n : 0, n < 0 ? -errno : 0, 0);
		close(fd);
	}
	pipeline_feed(tr->pl, rb.buf, rb.len);
	rb_free(&rb);
}

/* The syscall this task is inside never returns (exit, killed, exec'd away): send it as such. */
static void flush_unfinished(struct tracer *tr, struct ptask *t)
{
	if (!t->in_syscall)
		return;
	t->in_syscall = false;
	if (t->func_call) {
		t->func_call = false;
		return;
	}
	if (t->pre_exec)
		return;
	struct hy_rec *r = rb_rec(&t->rb);

	r->flags |= HY_F_NO_EXIT;
	r->ts_exit = 0;
	pipeline_feed(tr->pl, t->rb.buf, t->rb.len);
}

struct sysinfo_regs {
	long nr;
	uint64_t sp;
	uint64_t ip;		/* the user instruction pointer (-i) */
	uint64_t args[6];
	int64_t ret;
	bool entry, exit, seccomp;
};

static int get_syscall(struct ptask *t, struct sysinfo_regs *s)
{
	memset(s, 0, sizeof(*s));
	if (P.info_ok) {
		struct __ptrace_syscall_info info;
		long n = ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof(info), &info);

		if (n > 0) {
			s->ip = info.instruction_pointer;
			switch (info.op) {
			case PTRACE_SYSCALL_INFO_ENTRY:
				s->entry = true;
				s->sp = info.stack_pointer;
				s->nr = info.entry.nr;
				memcpy(s->args, info.entry.args, sizeof(s->args));
				return 0;
			case PTRACE_SYSCALL_INFO_SECCOMP:
				s->entry = s->seccomp = true;
				s->sp = info.stack_pointer;
				s->nr = info.seccomp.nr;
				memcpy(s->args, info.seccomp.args, sizeof(s->args));
				return 0;
			case PTRACE_SYSCALL_INFO_EXIT:
				s->exit = true;
				s->ret = info.exit.rval;
				return 0;
			default:
				return -EINVAL;
			}
		}
		if (errno != EIO && errno != EINVAL)
			return -errno;
		P.info_ok = false;
	}
	/* Kernels before 5.3: registers, and our own idea of entry vs exit */
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, t->tid, NULL, &regs) < 0)
		return -errno;
	s->nr = (long)regs.orig_rax;
	s->sp = regs.rsp;
	s->ip = regs.rip;
	s->args[0] = regs.rdi;
	s->args[1] = regs.rsi;
	s->args[2] = regs.rdx;
	s->args[3] = regs.r10;
	s->args[4] = regs.r8;
	s->args[5] = regs.r9;
	s->ret = (int64_t)regs.rax;
	s->entry = !t->in_syscall;
	s->exit = t->in_syscall;
	return 0;
}

/* The calls that change what code is mapped where (-k keeps the maps current from them). */
static bool maps_call(long nr)
{
	switch (nr) {
	case SYS_mmap: case SYS_munmap: case SYS_mprotect: case SYS_mremap:
	case SYS_pkey_mprotect: case SYS_remap_file_pages: case SYS_shmat: case SYS_shmdt:
		return true;
	default:
		return false;
	}
}

/* -k: the user stack of t, stopped at a syscall entry, as an HY_ARG_STACK blob. */
static void stack_capture(struct tracer *tr, struct ptask *t, const struct sysent *se)
{
	uint64_t pcs[HY_STACK_DEPTH_MAX];
	unsigned int max = tr->cfg.stack_depth;
	int err;

	if (max > HY_STACK_DEPTH_MAX)
		max = HY_STACK_DEPTH_MAX;
	/* an execve's stack is named after the call, by the maps of the image it leaves */
	if (se && (se->cap.flags & HY_SC_EXEC))
		sym_seed(tr->sym, t->pid);
	int n = sym_unwind_live(tr->sym, t->pid, t->tid, pcs, max, &err);
	void *p = rb_blob(&t->rb, HY_ARG_STACK, HY_AT_ENTER, 0, 0, (uint32_t)n * sizeof(*pcs));

	if (!p)
		return;
	memcpy(p, pcs, (size_t)n * sizeof(*pcs));
	rb_blob_done(&t->rb, (uint32_t)n * sizeof(*pcs), err == -E2BIG ? 0 : err,
		     err == -E2BIG ? HY_BF_TRUNC : 0);
}

/* -k: after a call that may have changed t's maps, have them read again (or forgotten). */
static void stack_maps_changed(struct tracer *tr, struct ptask *t, const struct hy_rec *r)
{
	const struct sysent *se = sysent_get(r->nr);

	if (se && (se->cap.flags & HY_SC_EXEC)) {
		if (r->ret == 0)
			sym_exec(tr->sym, t->pid);
		return;
	}
	if (!maps_call(r->nr) || (r->ret < 0 && r->ret >= -4095))
		return;
	uint64_t start = r->args[0], len = r->args[1];

	switch (r->nr) {
	case SYS_mmap:		/* new code only with PROT_EXEC; MAP_FIXED may replace code */
		if (!(r->args[2] & PROT_EXEC) && !sym_maps_exec(tr->sym, t->pid, r->ret, len))
			return;
		break;
	case SYS_mprotect:
	case SYS_pkey_mprotect:
		if (!(r->args[2] & PROT_EXEC) && !sym_maps_exec(tr->sym, t->pid, start, len))
			return;
		break;
	case SYS_munmap:
	case SYS_mremap:
		if (!sym_maps_exec(tr->sym, t->pid, start, len))
			return;
		break;
	default:
		break;
	}
	sym_invalidate(tr->sym, t->pid);
}

static int64_t mono_ns(void);

/*
 * delay_enter=/delay_exit=: the thread stays stopped for us microseconds, as strace 6.1 delays
 * a tracee (src/delay.c): handle_stop() does not resume it, ptrace_run() does when the time has
 * come, and every other thread is traced meanwhile.
 */
static void inject_hold(struct ptask *t, uint64_t us)
{
	t->delay_until = mono_ns() + (int64_t)us * 1000;
}

/*
 * -e inject= at a traced syscall's entry, as strace 6.1 does (src/syscall.c): count the
 * invocation (per thread and syscall); when= picks it: error= and retval= replace the syscall
 * number with -1 (or syscall=) so that the kernel skips it, and set the return at the exit;
 * delay_enter= waits here; signal= and delay_exit= wait for the exit.
 */
static void inject_entry(struct tracer *tr, struct ptask *t, long nr)
{
	const struct inject_rule *ir = opts_inject(tr->o, nr);

	int pick;

	if (!ir)
		return;
	pick = inject_pick(&t->inj_n, nr, ir);
	if (pick < 0)
		pr_warn("-e inject: out of memory: the calls of thread %d go on untouched",
			(int)t->tid);
	if (pick <= 0)
		return;
	t->inj = ir;
	if (ir->error || ir->has_retval) {
		long scno = ir->scno >= 0 ? ir->scno : -1;

		if (ptrace(PTRACE_POKEUSER, t->tid, (void *)offsetof(struct user_regs_struct, orig_rax),
			   (void *)scno) < 0) {
			pr_warn("-e inject: cannot change the syscall of thread %d: %s", (int)t->tid,
				strerror(errno));
			t->inj = NULL;
			return;
		}
		t->inj_flags |= HY_F_INJECTED | (ir->has_retval ? HY_F_INJ_RETVAL : 0);
	}
	if (ir->delay_enter_us) {
		inject_hold(t, ir->delay_enter_us);
		t->inj_flags |= HY_F_DELAYED;
	}
	if (ir->delay_exit_us)
		t->inj_flags |= HY_F_DELAYED;
	t->inj_sig = ir->signo;
}

/* At the exit of a tampered call: its return set (the record gets it too), delay_exit=. */
static void inject_exit(struct ptask *t, struct hy_rec *r)
{
	const struct inject_rule *ir = t->inj;

	if (!ir)
		return;
	if (t->inj_flags & HY_F_INJECTED) {
		int64_t v = ir->has_retval ? ir->retval : -(int64_t)ir->error;

		if (ptrace(PTRACE_POKEUSER, t->tid, (void *)offsetof(struct user_regs_struct, rax),
			   (void *)v) < 0)
			pr_warn("-e inject: cannot set the return of thread %d: %s", (int)t->tid,
				strerror(errno));
		else
			r->ret = v;
	}
	r->flags |= t->inj_flags;
	if (ir->delay_exit_us)
		inject_hold(t, ir->delay_exit_us);
	t->inj = NULL;
}

/* -i: the user instruction pointer as an HY_ARG_IP blob. */
static void ip_blob(struct recbuf *rb, int when, uint64_t ip)
{
	void *p = rb_blob(rb, HY_ARG_IP, when, 0, 0, sizeof(ip));

	if (p)
		memcpy(p, &ip, sizeof(ip));
}

static void syscall_entry(struct tracer *tr, struct ptask *t, const struct sysinfo_regs *s)
{
	const struct sysent *se = sysent_get(s->nr);
	struct hy_rec r = {
		.type = HY_REC_SYSCALL,
		.pid = t->pid,
		.tid = t->tid,
		.ts_enter = boottime_ns(),
		.nr = (int32_t)s->nr,
	};

	memcpy(r.args, s->args, sizeof(r.args));
	t->inj = NULL;		/* -e inject: nothing from an earlier call carries over */
	t->inj_flags = 0;
	t->inj_sig = 0;
	if (t->in_syscall)	/* an entry without exit: the previous call never returned */
		flush_unfinished(tr, t);
	if (pfunc_active() && (s->nr == HYF_NR || t->func_hide)) {
		/* the preload library claims a ring, has a full one, or sets itself up: not the
		 * program's calls */
		t->in_syscall = true;
		t->slow_call = false;
		t->func_call = true;
		t->func_ok = false;
		if (s->nr != HYF_NR)
			return;
		if (s->args[0] == HYF_OP_HIDE) {
			t->func_hide = s->args[1] != 0;
			t->func_ok = true;
		} else {
			t->func_ok = pfunc_call(tr, t->tid, t->pid, s->args);
		}
		return;
	}
	t->in_syscall = true;
	t->slow_call = se && (se->cap.flags & (HY_SC_BLOCKS | HY_SC_EXEC | HY_SC_NO_RETURN));
	t->enter_sent = false;
	if (t->pre_exec) {
		if (!se || !(se->cap.flags & HY_SC_EXEC))
			return;
		t->pre_exec = false;	/* from our child's execve on, everything shows */
	}
	if (t->comm_stale || !t->comm[0]) {
		comm_of(t->tid, t->comm);
		t->comm_stale = false;
	}
	memcpy(r.comm, t->comm, HY_COMM_LEN);
	if (rb_begin(&t->rb, &r))
		return;
	bool traced = opts_traced(tr->o, s->nr);

	if (traced && tr->cfg.ip)
		ip_blob(&t->rb, HY_AT_ENTER, s->ip);
	t->entry_ip = s->ip;
	if (se && traced)
		capture_apply(&t->rb, t->tid, &se->cap, HY_AT_ENTER, tr, s->sp);
	if (traced && tr->o->ninjects)	/* after the entry capture: it reads the arguments */
		inject_entry(tr, t, s->nr);
	if (traced && tr->sym && tr->cfg.stacks) {
		stack_capture(tr, t, se);
		/* the call starts when the tracee goes on: -T must not count our unwinding */
		rb_rec(&t->rb)->ts_enter = boottime_ns();
	}
	if (se && traced && (se->cap.flags & HY_SC_BLOCKS)) {
		struct hy_rec *h = rb_rec(&t->rb);

		h->type = HY_REC_ENTER;
		pipeline_feed(tr->pl, t->rb.buf, t->rb.len);
		h = rb_rec(&t->rb);
		h->type = HY_REC_SYSCALL;
		h->flags |= HY_F_ENTER_SEEN;
		t->enter_sent = true;
	}
}

static void syscall_exit(struct tracer *tr, struct ptask *t, const struct sysinfo_regs *s)
{
	if (!t->in_syscall)
		return;
	t->in_syscall = false;
	if (t->func_call) {
		/* 0: hytrace reads the ring (the library stays off on ENOSYS) */
		if (t->func_ok &&
		    ptrace(PTRACE_POKEUSER, t->tid, (void *)offsetof(struct user_regs_struct, rax),
			   (void *)0) < 0 && errno != ESRCH)
			pr_warn("--func: cannot answer the library of pid %d: %s", (int)t->tid,
				strerror(errno));
		t->func_call = false;
		return;
	}
	if (t->pre_exec)
		return;
	struct hy_rec *r = rb_rec(&t->rb);
	const struct sysent *se = sysent_get(r->nr);

	r->ts_exit = boottime_ns();
	r->ret = s->ret;
	if (t->inj)
		inject_exit(t, r);	/* a delay_exit= starts after the exit time, as strace's -T */
	else if (s->ret <= -512 && s->ret >= -516)
		r->flags |= HY_F_RESTART;
	if (se && opts_traced(tr->o, r->nr))
		capture_apply(&t->rb, t->tid, &se->cap, HY_AT_EXIT, tr, 0);
	if (tr->cfg.ip && s->ip != t->entry_ip && opts_traced(tr->o, r->nr))
		ip_blob(&t->rb, HY_AT_EXIT, s->ip);	/* execve: the new program's */
	r = rb_rec(&t->rb);
	r->pid = t->pid;	/* execve from a thread changes it */
	if (t->comm_stale) {
		comm_of(t->tid, t->comm);
		t->comm_stale = false;
	}
	memcpy(r->comm, t->comm, HY_COMM_LEN);	/* exec'd: the call ends under the new name */
	if (r->nr == SYS_prctl && r->args[0] == PR_SET_NAME)
		t->comm_stale = true;
	pipeline_feed(tr->pl, t->rb.buf, t->rb.len);
	if (tr->sym)
		stack_maps_changed(tr, t, rb_rec(&t->rb));
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* t runs again; soon: its next stop should come within microseconds (see ptrace_run()). */
static void mark_running(struct ptask *t, bool soon)
{
	if (soon && !t->soon) {
		t->soon = true;
		t->resumed_ns = mono_ns();
		P.nsoon++;
		P.nquick += t->quick;
	}
}

/* t stopped, left or is gone: if it was expected soon, note whether it came quickly. */
static void mark_stopped(struct ptask *t)
{
	if (!t->soon)
		return;
	t->soon = false;
	P.nsoon--;
	P.nquick -= t->quick;
	t->quick = mono_ns() - t->resumed_ns < SPIN_NS;
}

/*
 * Resume t.  Its next stop comes soon unless it goes on into a call that may take long
 * (one that blocks, creates or replaces a process, or exits).
 */
static int resume(struct ptask *t, int sig)
{
	long req = PTRACE_SYSCALL;

	if (P.seccomp && !t->in_syscall && !t->pre_exec)
		req = PTRACE_CONT;	/* the next stop is the filter's, at a traced syscall's entry */
	if (P.seccomp && t->pre_exec)
		req = PTRACE_SYSCALL;
	if (ptrace(req, t->tid, NULL, (void *)(long)sig) < 0) {
		if (errno != ESRCH)
			pr_warn("ptrace(resume, %d): %s", (int)t->tid, strerror(errno));
		return -errno;
	}
	mark_running(t, !(t->in_syscall && t->slow_call));
	return 0;
}

static void emit_signal(struct tracer *tr, struct ptask *t, int sig)
{
	siginfo_t si;
	struct recbuf rb = { 0 };
	struct hy_rec r = {
		.type = HY_REC_SIGNAL,
		.pid = t->pid,
		.tid = t->tid,
		.ts_enter = boottime_ns(),
		.nr = sig,
	};

	if (t->pre_exec)
		return;
	if (rb_begin(&rb, &r))
		return;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) == 0) {
		void *p = rb_blob(&rb, HY_ARG_SIGINFO, HY_AT_ENTER, 0, 0, sizeof(si));

		if (p)
			memcpy(p, &si, sizeof(si));
	}
	if (tr->cfg.ip) {	/* -i: where the signal is delivered */
		struct user_regs_struct regs;

		if (ptrace(PTRACE_GETREGS, t->tid, NULL, &regs) == 0)
			ip_blob(&rb, HY_AT_ENTER, regs.rip);
	}
	pipeline_feed(tr->pl, rb.buf, rb.len);
	rb_free(&rb);
}

/* Whether tid is a thread of the group tgid: tgkill() with no signal checks just that. */
static bool in_group(pid_t tgid, pid_t tid)
{
	return syscall(SYS_tgkill, tgid, tid, 0) == 0 || errno == EPERM;
}

/*
 * The thread group of a new task, from the event where it tells: a fork or vfork child
 * leads its own group, a clone child (its exit signal is not SIGCHLD) is a thread of its
 * parent's group or leads a new one.  Without the event (the child stopped first): a group
 * leader is its own, only a thread needs /proc.  A fork storm reads no /proc file.
 */
static pid_t new_tgid(pid_t tid, const struct ptask *parent, int event)
{
	if (parent && (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK))
		return tid;
	if (parent && event == PTRACE_EVENT_CLONE)
		return in_group(parent->pid, tid) ? parent->pid : tid;
	if (in_group(tid, tid))
		return tid;
	return tgid_of(tid);
}

/*
 * A new task reported by a fork/clone event (parent, event), or seen stopping before that
 * event (NULL, 0).  It starts with its parent's name, as in the kernel.
 */
static struct ptask *new_task(struct tracer *tr, pid_t tid, struct ptask *parent, int event)
{
	struct ptask *t = ptask_add(tid);

	if (!t)
		return NULL;
	if (parent) {
		t->pre_exec = parent->pre_exec;
		if (!parent->comm_stale)
			memcpy(t->comm, parent->comm, HY_COMM_LEN);
	}
	t->pid = new_tgid(tid, parent, event);
	if (!t->pre_exec && !(tr->o->quiet & QUIET_ATTACH) && tr->o->follow)
		pr_warn("Process %d attached", (int)tid);
	return t;
}

static void task_gone(struct tracer *tr, struct ptask *t, int status)
{
	flush_unfinished(tr, t);
	pfunc_task_gone(tr, t->tid);
	if (!t->pre_exec) {
		if (WIFSIGNALED(status))
			emit_simple(tr, t, HY_REC_EXIT, WTERMSIG(status),
				    HY_F_KILLED | (WCOREDUMP(status) ? HY_F_CORE : 0), 0, 0);
		else
			emit_simple(tr, t, HY_REC_EXIT, WEXITSTATUS(status), 0, 0, 0);
	}
	if (tr->sym && t->tid == t->pid)
		sym_exit(tr->sym, t->pid);	/* read /proc again if the process still shows up */
	if (t->tid == tr->child) {
		tr->exit_status = status;
		tr->child_done = true;
	}
	ptask_del(t);
}

/*
 * -b execve: t has exec'd (its PTRACE_EVENT_EXEC stop): show the call's start, end its line
 * with " <detached ...>" and let it go on untraced, as strace 6.1 does at that stop.  The
 * started command stays our child: ptrace_run() waits for its end after the last tracee.
 */
static void exec_detach(struct tracer *tr, struct ptask *t)
{
	if (t->in_syscall && !t->enter_sent && opts_traced(tr->o, rb_rec(&t->rb)->nr)) {
		struct hy_rec *h = rb_rec(&t->rb);

		h->type = HY_REC_ENTER;
		pipeline_feed(tr->pl, t->rb.buf, t->rb.len);
	}
	t->in_syscall = false;
	if (ptrace(PTRACE_DETACH, t->tid, NULL, NULL) < 0 && errno != ESRCH)
		pr_warn("ptrace(PTRACE_DETACH, %d): %s", (int)t->tid, strerror(errno));
	emit_simple(tr, t, HY_REC_DETACH, 0, 0, 0, 0);
	if (!(tr->o->quiet & QUIET_ATTACH))
		pr_warn("Process %d detached", (int)t->tid);
	if (t->tid == tr->child)
		P.child_detached = true;
	if (tr->sym && t->tid == t->pid)
		sym_exit(tr->sym, t->pid);
	ptask_del(t);
}

static void handle_event(struct tracer *tr, struct ptask *t, int status)
{
	int event = (unsigned int)status >> 16, sig = WSTOPSIG(status);
	unsigned long msg = 0;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg) == 0 && msg) {
			struct ptask *c = ptask_get((pid_t)msg);

			if (!c)
				c = new_task(tr, (pid_t)msg, t, event);
			if (c) {
				c->pre_exec = t->pre_exec;
				if (!t->pre_exec) {
					struct hy_rec r = {
						.type = HY_REC_FORK,
						.size = sizeof(r),
						.pid = c->pid,
						.tid = c->tid,
						.ts_enter = boottime_ns(),
						.flags = event == PTRACE_EVENT_CLONE ? HY_F_THREAD : 0,
						.args = { msg, c->pid, t->tid, t->pid },
					};

					pipeline_feed(tr->pl, &r, sizeof(r));
				}
			}
		}
		if (resume(t, 0) == 0)
			mark_running(t, true);	/* the call's exit stop follows */
		return;
	case PTRACE_EVENT_EXEC:
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg) == 0 && (pid_t)msg != t->tid) {
			/*
			 * a thread exec'd: it now has the leader's tid (t, the leader's entry);
			 * its execve in progress moves there, and its own entry goes
			 */
			struct ptask *old = ptask_get((pid_t)msg);

			if (old && old != t) {
				struct recbuf keep = t->rb;

				t->rb = old->rb;
				old->rb = keep;
				t->in_syscall = old->in_syscall;
				old->in_syscall = false;
				ptask_del(old);
			}
		}
		pfunc_exec(tr, t->pid);	/* before t->pid changes: the old image's rings */
		t->pid = t->tid;
		t->comm_stale = true;
		if (tr->o->detach_on_execve && !t->pre_exec) {
			if (P.b_skip && t->tid == tr->child)
				P.b_skip = false;	/* the command's own first execve */
			else {
				exec_detach(tr, t);
				return;
			}
		}
		if (!t->pre_exec)
			emit_exec(tr, t, msg);
		if (resume(t, 0) == 0)
			mark_running(t, true);	/* the call's exit stop follows */
		return;
	case PTRACE_EVENT_SECCOMP: {
		struct sysinfo_regs s;

		if (t->in_syscall) {	/* its syscall-enter-stop came first (resumed by PTRACE_SYSCALL) */
			if (ptrace(PTRACE_SYSCALL, t->tid, NULL, NULL) == 0)
				mark_running(t, !t->slow_call);
			return;
		}
		if (get_syscall(t, &s) == 0 && s.entry) {
			syscall_entry(tr, t, &s);
			if (ptrace(PTRACE_SYSCALL, t->tid, NULL, NULL) == 0)
				mark_running(t, !t->slow_call);
			else if (errno != ESRCH)
				pr_warn("ptrace(PTRACE_SYSCALL, %d): %s", (int)t->tid,
					strerror(errno));
			return;
		}
		resume(t, 0);
		return;
	}
	case PTRACE_EVENT_STOP:
		if (t->detaching) {
			ptrace(PTRACE_DETACH, t->tid, NULL, NULL);
			return;
		}
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
			/* group-stop: show it, and let the task stay stopped until SIGCONT */
			if (!t->pre_exec)
				emit_simple(tr, t, HY_REC_SIGSTOP, sig, 0, 0, 0);
			ptrace(PTRACE_LISTEN, t->tid, NULL, NULL);
			return;
		}
		resume(t, 0);	/* the initial stop after seize or interrupt */
		return;
	default:
		resume(t, 0);
		return;
	}
}

static void handle_stop(struct tracer *tr, pid_t pid, int status)
{
	struct ptask *t = ptask_get(pid);

	pr_debug("stop of %d: status %#x", (int)pid, status);

	if (!t && P.child_detached && pid == tr->child) {
		/* -b execve: the command, let go, ends while other tracees run */
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			tr->exit_status = status;
			tr->child_done = true;
		}
		return;
	}
	if (!t) {
		/* a new child can report its first stop before its parent's fork event */
		t = new_task(tr, pid, NULL, 0);
		if (!t)
			return;
	}
	mark_stopped(t);
	/* --func: what the threads' hooks wrote before this stop comes before its records */
	if (pfunc_active())
		pfunc_drain(tr);
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		task_gone(tr, t, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	int sig = WSTOPSIG(status);

	if (t->detaching && sig != (SIGTRAP | 0x80) && (status >> 16) == 0) {
		ptrace(PTRACE_DETACH, t->tid, NULL, (void *)(long)sig);
		return;
	}
	if (t->detaching) {
		ptrace(PTRACE_DETACH, t->tid, NULL, NULL);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		struct sysinfo_regs s;

		int inj_sig = 0;

		if (get_syscall(t, &s) == 0) {
			if (s.entry) {
				syscall_entry(tr, t, &s);
			} else {
				inj_sig = t->inj ? t->inj_sig : 0;	/* signal=: as the call returns */
				syscall_exit(tr, t, &s);
			}
		}
		if (t->delay_until) {	/* -e inject=delay_*: resumed by resume_delayed() */
			t->delay_sig = inj_sig;
			P.ndelayed++;
			return;
		}
		resume(t, inj_sig);
		return;
	}
	if (status >> 16) {
		handle_event(tr, t, status);
		return;
	}
	/* signal-delivery-stop: show it, then deliver it */
	emit_signal(tr, t, sig);
	resume(t, sig);
}

/* -- seccomp ---------------------------------------------------------------- */

/*
 * A classic BPF filter: SECCOMP_RET_TRACE for the traced syscalls (and the
 * process lifecycle ones we must see), SECCOMP_RET_ALLOW for the rest.
 * Layout facts from include/uapi/linux/seccomp.h and linux/filter.h.
 */
static int seccomp_install(const struct opts *o, void *arg)
{
	struct sock_filter prog[HY_NR_MAX + 9];
	unsigned int n = 0, ntraced = 0;
	long nrs[HY_NR_MAX + 1];

	for (long nr = 0; nr < HY_NR_MAX; nr++) {
		const struct sysent *se = sysent_get(nr);

		/* -k keeps the maps current from the calls that change them, traced or not */
		if (opts_traced(o, nr) || (se && (se->cap.flags & HY_SC_EXEC)) ||
		    ((o->kflag || o->nfuncs) && maps_call(nr)))
			nrs[ntraced++] = nr;
	}
	if (o->nfuncs)
		nrs[ntraced++] = HYF_NR;	/* the --func preload library's calls */
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 offsetof(struct seccomp_data, nr));
	for (unsigned int i = 0; i < ntraced; i++) {
		unsigned int left = ntraced - i - 1;

		/* jump to RET_TRACE (after the remaining tests and RET_ALLOW) on a match */
		prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nrs[i], left + 1, 0);
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);

	struct sock_fprog fp = { .len = n, .filter = prog };

	(void)arg;
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp) < 0)
		return -errno;
	return 0;
}

/* -- start, run, detach ------------------------------------------------------ */

static int ptrace_probe(const struct opts *o, char *why, size_t whylen)
{
	(void)o;
	(void)why;
	(void)whylen;
	return 0;
}

static int seize(pid_t tid)
{
	if (ptrace(PTRACE_SEIZE, tid, NULL, (void *)P.opts) < 0)
		return -errno;
	if (ptrace(PTRACE_INTERRUPT, tid, NULL, NULL) < 0) {
		int err = -errno;

		ptrace(PTRACE_DETACH, tid, NULL, NULL);
		return err;
	}
	return 0;
}

static void attach_error(pid_t pid, int err)
{
	char path[64], buf[256];
	FILE *f;
	int tracer = 0;

	if (err == -EPERM) {
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
		f = fopen(path, "r");
		if (f) {
			while (fgets(buf, sizeof(buf), f))
				if (!strncmp(buf, "TracerPid:", 10))
					tracer = atoi(buf + 10);
			fclose(f);
		}
		if (tracer)
			pr_warn("cannot attach to pid %d: Operation not permitted (already traced by pid %d)",
				(int)pid, tracer);
		else
			pr_warn("cannot attach to pid %d: Operation not permitted (not your process, or kernel.yama.ptrace_scope forbids it; try as root)",
				(int)pid);
		return;
	}
	pr_warn("cannot attach to pid %d: %s", (int)pid, strerror(-err));
}

/* Attach to every thread of pid. */
static int attach_pid(struct tracer *tr, pid_t pid)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	int attached = 0, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d) {
		err = errno == ENOENT ? -ESRCH : -errno;
		attach_error(pid, err);
		return err;
	}
	while ((de = readdir(d))) {
		pid_t tid = atoi(de->d_name);

		if (tid <= 0 || ptask_get(tid))
			continue;
		struct ptask *t = ptask_add(tid);
		int e = t ? seize(tid) : -ENOMEM;

		if (e) {
			if (t)
				ptask_del(t);
			if (!err)
				err = e;
			continue;
		}
		t->pid = pid;
		attached++;
		if (!(tr->o->quiet & QUIET_ATTACH))
			pr_warn("Process %d attached", (int)tid);
	}
	closedir(d);
	if (!attached) {
		attach_error(pid, err ? err : -ESRCH);
		return err ? err : -ESRCH;
	}
	return 0;
}

static int ptrace_start(struct tracer *tr)
{
	const struct opts *o = tr->o;

	if (tr->funcs && o->npids)
		return pfunc_start(tr, NULL);	/* says why it cannot */
	memset(&P, 0, sizeof(P));
	tidmap_init(&P.tasks, sizeof(struct ptask), ptask_fini);
	P.sync_fd = -1;
	P.info_ok = true;
	P.opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;
	if (o->follow)
		P.opts |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	/* seccomp: only for a command we start, and only with -f (children inherit the filter) */
	P.seccomp = o->argv && !o->npids && o->follow &&
		    (o->seccomp == 1 || (o->seccomp == -1 && !o->trace_all));
	if (o->seccomp == 1 && !P.seccomp && !(o->quiet & QUIET_EXIT))
		pr_warn("--seccomp-bpf needs -f and a command to start; not used");
	/* -b execve: a process let go under our filter would get ENOSYS for its traced calls */
	if (o->detach_on_execve || o->daemon)
		P.seccomp = false;	/* -D: the command is not our child when the filter goes in */
	if (P.seccomp)
		P.opts |= PTRACE_O_TRACESECCOMP;
	pr_info("ptrace: %s", P.seccomp ? "a seccomp filter stops the traced calls only" :
		"every call stops the tracee (no seccomp filter)");

	for (int i = 0; i < o->npids; i++) {
		int err = attach_pid(tr, o->pids[i]);

		if (err && o->npids == 1)
			return err;
	}
	if (o->npids && !tidmap_count(&P.tasks))
		return -ESRCH;
	if (!o->argv)
		return 0;

	struct spawn sp;
	int err = spawn_prepare(&sp, o);

	if (err)
		return err;
	if (tr->funcs && (err = pfunc_start(tr, &sp))) {
		spawn_release(&sp);
		return err;
	}
	pid_t child = o->daemon ? spawn_daemon(&sp, o, o->daemon) :
		      spawn_start(&sp, o, P.seccomp ? seccomp_install : NULL, NULL);

	if (child < 0)
		return (int)child;
	tr->child = child;
	P.b_skip = true;
	struct ptask *t = ptask_add(child);

	err = t ? seize(child) : -ENOMEM;
	if (err) {
		if (t)
			ptask_del(t);
		pr_warn("cannot trace the command: %s", strerror(-err));
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		spawn_release(&sp);
		return err;
	}
	t->pre_exec = true;
	spawn_release(&sp);	/* let it go on to execve */
	return 0;
}

static void detach_all(struct tracer *tr)
{
	struct ptask *t;
	unsigned int pos = 0;

	/* interrupt every task, then detach each at its next stop */
	while ((t = tidmap_next(&P.tasks, &pos, NULL))) {
		if (t->delay_until) {	/* held by an injected delay: stopped already, let go now */
			t->delay_until = 0;
			P.ndelayed--;
			if (ptrace(PTRACE_DETACH, t->tid, NULL, (void *)(long)t->delay_sig) == 0 &&
			    !(tr->o->quiet & QUIET_ATTACH) && !t->pre_exec)
				pr_warn("Process %d detached", (int)t->tid);
			continue;
		}
		t->detaching = true;
		if (ptrace(PTRACE_INTERRUPT, t->tid, NULL, NULL) < 0 && errno == ESRCH) {
			/* already stopped by us: detach straight away */
			if (ptrace(PTRACE_DETACH, t->tid, NULL, NULL) == 0 || errno == ESRCH)
				t->detaching = false;
		}
	}
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int left = 0;

		for (pos = 0; (t = tidmap_next(&P.tasks, &pos, NULL));)
			left += t->detaching;
		if (!left)
			break;
		int status;
		pid_t pid = waitpid(-1, &status, __WALL | WNOHANG);

		if (pid < 0)
			break;
		if (pid == 0) {
			struct timespec now;

			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - start.tv_sec > 5)
				break;
			usleep(1000);
			continue;
		}
		t = ptask_get(pid);
		if (!t)
			continue;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			task_gone(tr, t, status);
			continue;
		}
		int sig = WSTOPSIG(status);
		/* a signal-delivery-stop keeps its signal, anything else detaches plainly */
		int pass = (status >> 16) == 0 && sig != (SIGTRAP | 0x80) ? sig : 0;

		if (ptrace(PTRACE_DETACH, pid, NULL, (void *)(long)pass) == 0 || errno == ESRCH) {
			t->detaching = false;
			if (t->in_syscall && !t->pre_exec)
				emit_simple(tr, t, HY_REC_DETACH, 0, 0, 0, 0);
			if (!(tr->o->quiet & QUIET_ATTACH) && !t->pre_exec)
				pr_warn("Process %d detached", (int)t->tid);
		}
	}
}

/*
 * Whether and how long to poll waitpid(WNOHANG) before sleeping in waitpid.  A traced
 * program that makes syscalls back to back stops again within microseconds; sleeping lets
 * this CPU go idle, and waking an idle CPU (a halted vCPU on a VM) costs far more than the
 * poll: on the 2-vCPU dev VM, 1,000,000 getppid() went from ~165 us to ~36 us per call
 * (bench/README.md).  But a poll costs ~3 us there, and every microsecond spent polling is
 * taken from a tracee that could run on this CPU.  So poll for at most SPIN_NS, and only:
 * - for a task resumed into something quick (soon): not one that goes on into fork,
 *   wait4, execve or exit, which stops again after hundreds of microseconds or more;
 * - whose previous such stop came within SPIN_NS (quick); other tasks, new ones included,
 *   get one short look (SPIN_PROBE_NS), which is how they become quick;
 * - while the tasks expected soon leave a CPU free for us (fewer than our CPUs); with one
 *   CPU to share, polling only delays the tracees.
 * A fork storm is the case against polling: the new child runs for hundreds of microseconds
 * (copy-on-write faults) before its first syscall, and the parent waits; polling at every
 * stop for 256 polls made hytrace use 1.6 s of CPU per 1000 forks against strace's 0.3 s.
 */
static pid_t poll_wait(int *status)
{
	int64_t end;
	pid_t pid;

	if (P.ncpus < 2 || !P.nsoon || P.nsoon >= P.ncpus)
		return 0;
	end = mono_ns() + (P.nquick ? SPIN_NS : SPIN_PROBE_NS);
	do
		pid = waitpid(-1, status, __WALL | WNOHANG);
	while (!pid && mono_ns() < end);
	return pid;
}

/*
 * A fatal signal came (-I 1 or 2).  Detaching from tasks under our seccomp filter would leave
 * them the filter, which fails every traced syscall with ENOSYS once no tracer is there: unless
 * -I 1 asked to stop at once, pass the signal on to the command, as strace's cleanup() does, and
 * trace on until every tracee is gone.  True when the caller should detach now.
 */
/* Resume the tasks whose injected delay is over; the time left to the next one (ns), or -1. */
static int64_t resume_delayed(void)
{
	int64_t now = mono_ns(), next = -1;
	struct ptask *t;
	unsigned int pos = 0;

	while (P.ndelayed && (t = tidmap_next(&P.tasks, &pos, NULL))) {
		if (!t->delay_until)
			continue;
		if (t->delay_until <= now) {
			t->delay_until = 0;
			P.ndelayed--;
			resume(t, t->delay_sig);
		} else if (next < 0 || t->delay_until - now < next) {
			next = t->delay_until - now;
		}
	}
	return P.ndelayed ? next : -1;
}

static void on_delay_alarm(int sig)
{
	(void)sig;	/* only to end a waitpid() with EINTR */
}

/*
 * ITIMER_REAL for wait_delayed(): first in ns (then every millisecond, in case it fired before
 * waitpid() started to sleep); ns < 0 stops it.  Armed only around that waitpid(), so that no
 * other call of ours is cut by its signal.
 */
static void delay_timer(int64_t ns)
{
	static bool handler;
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	if (ns >= 0) {
		if (!handler) {
			struct sigaction sa = { .sa_handler = on_delay_alarm };	/* no SA_RESTART */

			sigemptyset(&sa.sa_mask);
			sigaction(SIGALRM, &sa, NULL);
			handler = true;
		}
		if (ns < 1000)
			ns = 1000;
		it.it_value.tv_sec = ns / 1000000000;
		it.it_value.tv_usec = ns % 1000000000 / 1000;
		it.it_interval.tv_usec = 1000;
	}
	setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * waitpid while tasks are held by an injected delay: asleep until a stop comes or the next
 * delay ends, resuming each held task on time.  -1 with EINTR when a signal came.
 */
static pid_t wait_delayed(struct tracer *tr, int *status)
{
	for (;;) {
		int64_t left = resume_delayed();

		if (left < 0)
			return waitpid(-1, status, __WALL);
		delay_timer(left);
		pid_t pid = waitpid(-1, status, __WALL);
		int err = errno;

		delay_timer(-1);
		if (pid >= 0 || err != EINTR || *tr->stop) {
			errno = err;
			return pid;
		}
	}
}

/*
 * The next stop to handle, as waitpid() gives it; 0 when none is pending and wait is false.
 * With several tasks, every stop already waiting is collected at once and handled in that
 * order before waiting again.  waitpid(-1) reports the first stopped tracee in the kernel's
 * list each time, so a task that stops again quickly (the thread-group leader, first in the
 * list) would otherwise be handled again and again while another one waits with a finished
 * syscall, and its line would come late (strace collects pending stops the same way).  With
 * one task there is nothing to be fair to, and no extra waitpid.  Before sleeping in waitpid
 * the sinks write out what they hold (pipeline_idle): a tracee that stops again at once is
 * caught by the poll, so a busy trace keeps its large writes.
 */
static pid_t next_stop(struct tracer *tr, int *status, bool wait)
{
	pid_t pid;

	if (P.ipending < P.npending) {
		*status = P.pending[P.ipending].status;
		return P.pending[P.ipending++].pid;
	}
	if (!wait)
		return 0;
	pid = poll_wait(status);
	if (!pid) {
		pipeline_idle(tr->pl);
		pid = P.ndelayed ? wait_delayed(tr, status) : waitpid(-1, status, __WALL);
	}
	if (pid <= 0 || tidmap_count(&P.tasks) < 2)
		return pid;
	P.npending = P.ipending = 0;
	while (P.npending < PENDING_MAX) {
		struct pending_stop *ps = &P.pending[P.npending];

		ps->pid = waitpid(-1, &ps->status, __WALL | WNOHANG);
		if (ps->pid <= 0)
			break;
		P.npending++;
	}
	return pid;
}

static bool interrupted(struct tracer *tr)
{
	int sig = *tr->stop;

	if (sig == TRACER_STOP_DURATION) {
		/* SIGTERM before the detach: under the seccomp filter, a detached command's
		 * traced calls would fail with ENOSYS until it died */
		if (tr->child && !tr->child_done && kill(tr->child, SIGTERM) == 0)
			tr->child_killed = true;
		return true;
	}
	if (!P.seccomp)
		return true;
	if (tr->o->intr == INTR_ANYWHERE) {
		pr_warn("detaching: the traced processes keep the seccomp filter, their traced "
			"syscalls now fail with ENOSYS");
		return true;
	}
	*tr->stop = 0;
	pr_info("%s: passed on to the command; tracing until every tracee ends", strsignal(sig));
	if (tr->child && !tr->child_done) {
		kill(tr->child, SIGCONT);
		kill(tr->child, sig);
	}
	return false;
}

static int ptrace_run(struct tracer *tr)
{
	cpu_set_t set;

	P.ncpus = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
	while (tidmap_count(&P.tasks) > 0) {
		int status;
		pid_t pid;

		if (P.ndelayed)	/* injected delays that are over, even while other stops come */
			resume_delayed();
		/* the stops already collected first: each leaves its task resumed or gone */
		pid = next_stop(tr, &status, false);
		if (pid > 0) {
			handle_stop(tr, pid, status);
			continue;
		}
		if (*tr->stop && interrupted(tr)) {
			detach_all(tr);
			return 0;
		}
		pid = next_stop(tr, &status, true);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD && tr->o->npids) {
				/* attached tasks are not our children: wait with a poll on them */
				bool any = false;
				struct ptask *t;
				unsigned int pos = 0;

				while ((t = tidmap_next(&P.tasks, &pos, NULL))) {
					if (kill(t->tid, 0) < 0 && errno == ESRCH) {
						task_gone(tr, t, 0);
						pos = 0;	/* the map changed: walk again */
						continue;
					}
					any = true;
				}
				if (!any)
					break;
				pipeline_idle(tr->pl);
				usleep(1000);
				continue;
			}
			break;
		}
		handle_stop(tr, pid, status);
	}
	/* -b execve let the command go: it is still our child, its end is still ours to report */
	while (P.child_detached && !tr->child_done) {
		int status;

		if (waitpid(tr->child, &status, 0) == tr->child) {
			if (WIFEXITED(status) || WIFSIGNALED(status)) {
				tr->exit_status = status;
				tr->child_done = true;
			}
		} else if (errno != EINTR || (*tr->stop && tr->o->intr != INTR_NEVER)) {
			break;
		}
	}
	return 0;
}

static void ptrace_cleanup(struct tracer *tr)
{
	if (tidmap_count(&P.tasks))
		detach_all(tr);
	pfunc_stop(tr);
	tidmap_free(&P.tasks);	/* ptask_fini() frees each record buffer */
	memset(&P, 0, sizeof(P));
}

const struct backend backend_ptrace = {
	.name = "ptrace",
	.probe = ptrace_probe,
	.start = ptrace_start,
	.run = ptrace_run,
	.cleanup = ptrace_cleanup,
};
