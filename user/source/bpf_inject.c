// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * bpf_inject.c: -e inject= / -e fault= on the eBPF backend, without ptrace and without
 * bpf_override_return(): a seccomp filter with user notification (seccomp_unotify(2)).
 *
 * The command, before its execve, installs a filter that returns SECCOMP_RET_USER_NOTIF for the
 * syscalls that are both traced and named by a rule (SECCOMP_RET_ALLOW for the rest and for
 * other architectures), and sends the listener to hytrace over a socket pair made before the
 * fork.  The filter is inherited by children and kept across execve.  A thread here receives
 * each notification, counts it as the ptrace backend does (inject_pick(): per thread and
 * syscall) and answers: error=/retval= skip the call with that result, anything else lets it
 * run (SECCOMP_USER_NOTIF_FLAG_CONTINUE); signal= is sent before the answer, delay_enter= (and
 * delay_exit= of a skipped call) holds the answer while the other notifications go on.  The BPF
 * side sees a skipped call's exit without its entry and builds the record from it
 * (bpf/hytrace.bpf.c, inj_enter).  Facts from include/uapi/linux/seccomp.h and
 * kernel/seccomp.c (Linux 6.18).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "backend.h"
#include "clock.h"
#include "bpf_inject.h"
#include "hytrace.bpf.h"
#include "inject.h"
#include "log.h"
#include "sysent.h"
#include "tidmap.h"

#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL	/* include/uapi/linux/pidfd.h, Linux 6.9 */
#endif

/* A call whose answer waits for its delay_enter= (and a skipped call's delay_exit=). */
struct held {
	int64_t until_ns;		/* CLOCK_MONOTONIC */
	struct seccomp_notif_resp resp;
};

/*
 * A mark for the record of a thread's call: flags the BPF side cannot know (HY_F_DELAYED).  The
 * ring's reader may lag behind: the record is the thread's first one that ended after the
 * notification came (its earlier calls ended before it made this one).
 */
struct mark {
	pid_t tid;
	int32_t nr;
	uint32_t flags;
	uint64_t since;		/* CLOCK_BOOTTIME of the notification, as the records' times */
};

static struct {
	const struct opts *o;
	pid_t child;			/* the command: the only task tampered with without -f */
	int sock[2];			/* [0] ours, [1] the command's: the listener comes on it */
	int listener;
	int wake[2];			/* a byte on it stops the supervisor */
	pthread_t thr;
	bool running;
	struct tidmap counts;		/* tid -> uint16_t *: inject_pick()'s counters */
	struct held *held;
	size_t nheld, capheld;
	struct seccomp_notif_sizes sizes;
	pthread_mutex_t mu;		/* marks, shared with the ring's reader */
	struct mark *marks;
	size_t nmarks_used, capmarks;
	atomic_uint nmarks;
	pid_t *gone;			/* threads that exited: their counters go (under mu) */
	size_t ngone, capgone;
} J = { .sock = { -1, -1 }, .listener = -1, .wake = { -1, -1 }, .mu = PTHREAD_MUTEX_INITIALIZER };

int binj_kind(const struct inject_rule *ir, int64_t *ret)
{
	if (ir->has_retval) {
		*ret = ir->retval;
		return HYB_INJ_RETVAL;
	}
	if (ir->error) {
		*ret = -(int64_t)ir->error;
		return HYB_INJ_ERROR;
	}
	return HYB_INJ_NONE;
}

int binj_check(const struct opts *o, char *why, size_t whylen)
{
	long sendmsg_nr = sysent_lookup("sendmsg");

	if (!o->argv || o->npids || o->all) {
		snprintf(why, whylen, "-e inject/fault on the eBPF backend works on a command hytrace "
			 "starts (its seccomp filter goes in before execve), not with %s; the ptrace "
			 "backend injects", o->all ? "-a" : "-p");
		return -EOPNOTSUPP;
	}
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &J.sizes) < 0) {
		snprintf(why, whylen, "-e inject/fault on the eBPF backend needs seccomp user "
			 "notification (Linux 5.0): %s", strerror(errno));
		return -EOPNOTSUPP;
	}
	for (long nr = 0; nr < HY_NR_MAX; nr++) {
		const struct inject_rule *ir = opts_inject(o, nr);

		if (!ir || !opts_traced(o, nr))
			continue;
		if (ir->delay_exit_us && !ir->error && !ir->has_retval) {
			snprintf(why, whylen, "-e inject=%s:delay_exit= without error= or retval=: the "
				 "eBPF backend holds a call only before it runs (seccomp); the ptrace "
				 "backend delays its exit", sysent_get(nr) ? sysent_get(nr)->name : "?");
			return -EOPNOTSUPP;
		}
		if (nr == sendmsg_nr) {
			snprintf(why, whylen, "-e inject=sendmsg: on the eBPF backend the command sends "
				 "its seccomp listener to hytrace with sendmsg; the ptrace backend injects");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

int binj_prepare(int *child_sock)
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, J.sock) < 0) {
		int err = errno;

		pr_warn("-e inject: cannot make a socket pair: %s", strerror(err));
		return -err;
	}
	*child_sock = J.sock[1];
	return 0;
}

/* A one-byte message with room for one fd (SCM_RIGHTS): how the listener reaches hytrace. */
struct fd_msg {
	char byte;
	struct iovec iov;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr m;
};

static void fd_msg_init(struct fd_msg *f)
{
	memset(f, 0, sizeof(*f));
	f->iov.iov_base = &f->byte;
	f->iov.iov_len = 1;
	f->m.msg_iov = &f->iov;
	f->m.msg_iovlen = 1;
	f->m.msg_control = f->u.buf;
	f->m.msg_controllen = sizeof(f->u.buf);
}

/*
 * In the command, after -u's change of user and before execve (spawn.c).  No allocation: the
 * tracer may have threads.  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19): once hytrace has
 * received a notification, only a fatal signal interrupts the wait, so signal= sent before the
 * answer does not restart the call.  Without CAP_SYS_ADMIN the kernel takes a filter only with
 * no_new_privs set (seccomp(2)): it is set then, and set-user-ID and file capabilities no longer
 * raise privileges in the command and its children.
 */
int binj_child(const struct opts *o, void *arg)
{
	struct sock_filter prog[2 * HY_NR_MAX + 8];
	unsigned int n = 0;
	int fd, sock = *(int *)arg;
	unsigned long flags = SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	struct fd_msg fm;
	struct cmsghdr *c;

	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 offsetof(struct seccomp_data, nr));
	for (long nr = 0; nr < HY_NR_MAX; nr++) {
		if (!opts_inject(o, nr) || !opts_traced(o, nr))
			continue;
		/* one pair per syscall: jumps stay short whatever the number of rules */
		prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1);
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

	struct sock_fprog fp = { .len = n, .filter = prog };

	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fp);
	if (fd < 0 && errno == EINVAL) {	/* before 5.19: no killable wait */
		flags &= ~SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fp);
	}
	if (fd < 0 && errno == EACCES) {	/* no CAP_SYS_ADMIN: no_new_privs */
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			return -errno;
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fp);
	}
	if (fd < 0)
		return -errno;
	fd_msg_init(&fm);
	c = CMSG_FIRSTHDR(&fm.m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sock, &fm.m, MSG_NOSIGNAL) < 0)
		return -errno;
	/* the listener and the socket are close-on-exec: nothing more to do before execve */
	return 0;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void counts_fini(void *val)
{
	free(*(uint16_t **)val);
}

static void mark_add(pid_t tid, int32_t nr, uint32_t flags)
{
	uint64_t since = boottime_ns();

	pthread_mutex_lock(&J.mu);
	if (J.nmarks_used == J.capmarks) {
		size_t cap = J.capmarks ? 2 * J.capmarks : 16;
		struct mark *m = realloc(J.marks, cap * sizeof(*m));

		if (!m) {
			pr_warn("-e inject: out of memory: a delayed call of thread %d is not marked",
				(int)tid);
			goto out;
		}
		J.marks = m;
		J.capmarks = cap;
	}
	J.marks[J.nmarks_used++] = (struct mark){ tid, nr, flags, since };
	atomic_store(&J.nmarks, (unsigned int)J.nmarks_used);
out:
	pthread_mutex_unlock(&J.mu);
}

bool binj_marks(void)
{
	return atomic_load_explicit(&J.nmarks, memory_order_relaxed) != 0;
}

uint32_t binj_mark_take(pid_t tid, int32_t nr, uint64_t ts_exit)
{
	uint32_t flags = 0;
	size_t best = SIZE_MAX;

	pthread_mutex_lock(&J.mu);
	for (size_t i = 0; i < J.nmarks_used; i++)
		if (J.marks[i].tid == tid && J.marks[i].since <= ts_exit &&
		    (best == SIZE_MAX || J.marks[i].since < J.marks[best].since))
			best = i;
	if (best != SIZE_MAX) {
		/* a record of another call: the marked one's was lost, the mark goes with it */
		if (J.marks[best].nr == nr)
			flags = J.marks[best].flags;
		J.marks[best] = J.marks[--J.nmarks_used];
		atomic_store(&J.nmarks, (unsigned int)J.nmarks_used);
	}
	pthread_mutex_unlock(&J.mu);
	return flags;
}

bool binj_needs_times(const struct opts *o)
{
	for (int i = 0; i < o->ninjects; i++)
		if (o->injects[i].delay_enter_us || o->injects[i].delay_exit_us)
			return true;
	return false;
}

/* The answer; a task that died meanwhile (ENOENT) needs none. */
static void answer(struct seccomp_notif_resp *resp)
{
	if (ioctl(J.listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
		pr_warn("-e inject: cannot answer a call of the command: %s", strerror(errno));
}

/*
 * signal=: to the thread in the call, before the answer (as ptrace delivers it when the call
 * returns).  A thread pidfd, then the check that the notification is still pending, makes
 * sure the tid was not reused by another task meanwhile.
 */
static void send_signal(const struct seccomp_notif *n, int sig)
{
	int pfd = (int)syscall(SYS_pidfd_open, n->pid, PIDFD_THREAD);
	int r;

	if (ioctl(J.listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &n->id) < 0) {
		if (pfd >= 0)
			close(pfd);
		return;	/* the task is gone */
	}
	r = pfd >= 0 ? (int)syscall(SYS_pidfd_send_signal, pfd, sig, NULL, 0)
		     : (int)syscall(SYS_tkill, n->pid, sig);
	if (r < 0)
		pr_warn("-e inject: cannot send signal %d to thread %d: %s", sig, (int)n->pid,
			strerror(errno));
	if (pfd >= 0)
		close(pfd);
}

static void hold(const struct seccomp_notif_resp *resp, uint64_t us)
{
	if (J.nheld == J.capheld) {
		size_t cap = J.capheld ? 2 * J.capheld : 8;
		struct held *h = realloc(J.held, cap * sizeof(*h));

		if (!h) {
			struct seccomp_notif_resp r = *resp;

			pr_warn("-e inject: out of memory: a call goes on without its delay");
			answer(&r);
			return;
		}
		J.held = h;
		J.capheld = cap;
	}
	J.held[J.nheld].until_ns = mono_ns() + (int64_t)us * 1000;
	J.held[J.nheld++].resp = *resp;
}

void binj_task_gone(pid_t tid)
{
	if (!J.running)
		return;
	pthread_mutex_lock(&J.mu);
	if (J.ngone == J.capgone) {
		size_t cap = J.capgone ? 2 * J.capgone : 16;
		pid_t *g = realloc(J.gone, cap * sizeof(*g));

		if (!g) {	/* its counters stay: a thread reusing the tid counts on from them */
			pthread_mutex_unlock(&J.mu);
			return;
		}
		J.gone = g;
		J.capgone = cap;
	}
	J.gone[J.ngone++] = tid;
	pthread_mutex_unlock(&J.mu);
}

/* The counters of threads that exited, dropped: a new thread with the same tid starts at 1. */
static void drop_gone(void)
{
	pthread_mutex_lock(&J.mu);
	for (size_t i = 0; i < J.ngone; i++)
		tidmap_del(&J.counts, J.gone[i]);
	J.ngone = 0;
	pthread_mutex_unlock(&J.mu);
}

/* One notification: counted, then answered now or held. */
static void handle(const struct seccomp_notif *n)
{
	const struct inject_rule *ir = opts_inject(J.o, n->data.nr);
	struct seccomp_notif_resp resp = { .id = n->id, .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
	uint16_t **counts;
	uint64_t delay;
	bool skip;
	int pick = 0;

	/* without -f only the command's first thread is traced, as with ptrace */
	if (ir && n->data.arch == AUDIT_ARCH_X86_64 && (J.o->follow || (pid_t)n->pid == J.child)) {
		counts = tidmap_add(&J.counts, (pid_t)n->pid, NULL);
		pick = counts ? inject_pick(counts, n->data.nr, ir) : -ENOMEM;
		if (pick < 0)
			pr_warn("-e inject: out of memory: the calls of thread %d go on untouched",
				(int)n->pid);
	}
	if (pick <= 0) {
		answer(&resp);
		return;
	}
	skip = ir->error || ir->has_retval;
	if (skip) {
		resp.flags = 0;
		resp.error = ir->has_retval ? 0 : -ir->error;
		resp.val = ir->has_retval ? ir->retval : 0;
	}
	delay = ir->delay_enter_us + (skip ? ir->delay_exit_us : 0);
	if (ir->delay_enter_us || ir->delay_exit_us)
		mark_add((pid_t)n->pid, (int32_t)n->data.nr, HY_F_DELAYED);
	if (ir->signo)
		send_signal(n, ir->signo);
	if (delay)
		hold(&resp, delay);
	else
		answer(&resp);
}

/* Answer the held calls whose time has come (all with now < 0); the ms to the next, or -1. */
static int release_held(int64_t now)
{
	int64_t next = -1;

	for (size_t i = 0; i < J.nheld;) {
		if (now < 0 || J.held[i].until_ns <= now) {
			answer(&J.held[i].resp);
			J.held[i] = J.held[--J.nheld];
			continue;
		}
		if (next < 0 || J.held[i].until_ns < next)
			next = J.held[i].until_ns;
		i++;
	}
	if (next < 0)
		return -1;
	return (int)((next - now + 999999) / 1000000);
}

static int recv_listener(void)
{
	struct fd_msg fm;
	struct cmsghdr *c;
	ssize_t r;
	int fd;

	fd_msg_init(&fm);
	do
		r = recvmsg(J.sock[0], &fm.m, MSG_CMSG_CLOEXEC);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return r < 0 ? -errno : -ENOENT;	/* the command failed before (it said why) */
	c = CMSG_FIRSTHDR(&fm.m);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -EPROTO;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static void *supervise(void *arg)
{
	size_t sz = J.sizes.seccomp_notif > sizeof(struct seccomp_notif) ?
		    J.sizes.seccomp_notif : sizeof(struct seccomp_notif);
	struct seccomp_notif *n = calloc(1, sz);
	int fd;

	(void)arg;
	fd = recv_listener();
	if (fd < 0) {
		if (fd != -ENOENT)
			pr_warn("-e inject: no seccomp listener from the command: %s", strerror(-fd));
		free(n);
		return NULL;
	}
	J.listener = fd;
	if (!n) {
		pr_warn("-e inject: out of memory: the command's calls fail with ENOSYS");
		return NULL;
	}
	for (;;) {
		struct pollfd p[2] = { { J.listener, POLLIN, 0 }, { J.wake[0], POLLIN, 0 } };
		int tmo = release_held(mono_ns());

		if (poll(p, 2, tmo) < 0) {
			if (errno == EINTR)
				continue;
			pr_warn("-e inject: poll: %s", strerror(errno));
			break;
		}
		if (p[1].revents)
			break;
		if (p[0].revents & POLLIN) {
			memset(n, 0, sz);	/* the kernel wants it zeroed */
			if (ioctl(J.listener, SECCOMP_IOCTL_NOTIF_RECV, n) < 0) {
				/* ENOENT: the task died before we received its call */
				if (errno != ENOENT && errno != EINTR)
					pr_warn("-e inject: cannot receive a call of the command: %s",
						strerror(errno));
				continue;
			}
			drop_gone();
			handle(n);
		} else if (p[0].revents & (POLLHUP | POLLERR)) {
			break;	/* no task under the filter is left */
		}
	}
	release_held(-1);	/* the end: no call stays held for its delay */
	free(n);
	return NULL;
}

int binj_start(struct tracer *tr)
{
	int err;

	close(J.sock[1]);
	J.sock[1] = -1;
	J.o = tr->o;
	J.child = tr->child;
	tidmap_init(&J.counts, sizeof(uint16_t *), counts_fini);
	if (pipe2(J.wake, O_CLOEXEC) < 0) {
		err = errno;
		pr_warn("-e inject: cannot make a pipe: %s", strerror(err));
		return -err;
	}
	sigset_t all, old;

	/* the tracer's signals (Ctrl-C, --duration's alarm) stay the main thread's */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&J.thr, NULL, supervise, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		pr_warn("-e inject: cannot start the seccomp supervisor: %s", strerror(err));
		return -err;
	}
	J.running = true;
	return 0;
}

/*
 * Tasks still under the filter when hytrace stops (Ctrl-C, --duration, a command's child that
 * outlives it): a process of their own answers their calls with "go on", until the last of
 * them is gone.  Without it the kernel would fail each such call with ENOSYS once the listener
 * closes (seccomp_do_user_notification(): no listener).  Only system calls after the fork (the
 * tracer may have threads).
 */
static void hand_off(void)
{
	struct pollfd p = { J.listener, POLLIN, 0 };
	size_t sz = J.sizes.seccomp_notif > sizeof(struct seccomp_notif) ?
		    J.sizes.seccomp_notif : sizeof(struct seccomp_notif);
	struct seccomp_notif *n;
	pid_t pid;

	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN))
		return;	/* no task left under the filter */
	n = calloc(1, sz);
	if (!n)
		return;
	pid = fork();
	if (pid != 0) {
		free(n);
		if (pid < 0)
			pr_warn("-e inject: cannot fork the process that lets the command's calls go on "
				"(they fail with ENOSYS now): %s", strerror(errno));
		return;
	}
	setsid();	/* not ended by the terminal's Ctrl-C that may have stopped hytrace */
	if (J.listener > 0)
		syscall(SYS_close_range, 0, J.listener - 1, 0);
	syscall(SYS_close_range, J.listener + 1, ~0U, 0);
	for (;;) {
		struct seccomp_notif_resp resp = { .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };

		p.revents = 0;
		if (poll(&p, 1, -1) < 0)
			continue;
		if (!(p.revents & POLLIN))
			_exit(0);
		memset(n, 0, sz);
		if (ioctl(J.listener, SECCOMP_IOCTL_NOTIF_RECV, n) < 0)
			continue;
		resp.id = n->id;
		ioctl(J.listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

void binj_stop(void)
{
	if (J.running) {
		if (write(J.wake[1], "", 1) < 0)
			pr_warn("-e inject: cannot stop the supervisor: %s", strerror(errno));
		pthread_join(J.thr, NULL);
		J.running = false;
		tidmap_free(&J.counts);
	}
	if (J.listener >= 0) {
		hand_off();
		close(J.listener);
		J.listener = -1;
	}
	for (int i = 0; i < 2; i++) {
		if (J.sock[i] >= 0)
			close(J.sock[i]);
		if (J.wake[i] >= 0)
			close(J.wake[i]);
		J.sock[i] = J.wake[i] = -1;
	}
	free(J.held);
	free(J.marks);
	free(J.gone);
	J.held = NULL;
	J.marks = NULL;
	J.gone = NULL;
	J.nheld = J.capheld = J.nmarks_used = J.capmarks = J.ngone = J.capgone = 0;
	atomic_store(&J.nmarks, 0);
}
