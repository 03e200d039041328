// SPDX-License-Identifier: LGPL-2.1-or-later
/* backend_bpf.c: the eBPF backend: load bpf/hytrace.bpf.c, set its filters, drain its ring buffer. */
/*
 * The BPF side (bpf/hytrace.bpf.c) sends the same records as the ptrace
 * backend; this file configures it (filters, capture spec from sysent[]),
 * starts the command held until the programs are attached, and feeds what
 * arrives to the pipeline.
 *
 * Reading: records are submitted without wake-ups; we poll the ring on a
 * short timer (1 ms while busy, backing off to 10 ms when idle), and the
 * kernel side wakes us only for rare records or when the ring is half full.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "backend.h"
#include "bpf_inject.h"
#include "bpf_func.h"
#include "bpf_stack.h"
#include "clock.h"
#include "dev_ioctl.h"
#include "dumpio.h"
#include "event.h"
#include "ioctl/nvidia.h"
#include "ioctl/nvkms.h"
#include "log.h"
#include "procperm.h"
#include "ptrace_capture.h"
#include "sockinfo.h"
#include "fdpath.h"
#include "spawn.h"
#include "sysent.h"
#include "hytrace.bpf.h"
#include "hytrace.skel.h"
#include "hytrace_ded.skel.h"
#include <sys/ioctl.h>
#include <sys/syscall.h>
/* the BPF side masks offsets with these: they must be powers of two, the slot inside a record */
_Static_assert(!(HYB_REC_MAX & (HYB_REC_MAX - 1)) && !(HYB_SLOT_MAX & (HYB_SLOT_MAX - 1)) &&
	       HYB_SLOT_MAX < HYB_REC_MAX, "record and slot sizes");

/*
 * Default ring size.  W1 (1,000,000 getppid) produces ~2.5 M records/s of
 * 112 bytes (+8 ring header); 8 MiB holds ~27 ms of that, several poll
 * periods, so a consumer keeping up on average never drops (W1 1M: none lost
 * at 8 MiB, nor at 4 MiB).  Its pages are mapped twice into our address space,
 * so they count twice in RSS: 8 MiB keeps a full trace under 24 MB (issue 10).
 */
#define RING_DEFAULT	(8u << 20)
/*
 * -c counts in the kernel: the ring carries only lifecycle and lost records (about 120 bytes),
 * 1 MiB holds ~8700 of them.  The ring's pages are mapped twice into our address space (wrap
 * without copy), so its size counts twice in RSS.
 */
#define RING_SUMMARY	(1u << 20)
#define POLL_MIN_MS	1
#define POLL_MAX_MS	10
/* the verifier's log under --debug: 16 MiB, a longer one is cut */
#define VLOG_SIZE	(16u << 20)
#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL	/* include/uapi/linux/pidfd.h, Linux 6.9 */
#endif

/*
 * The skeleton in use: hytrace.bpf.c's light one (the raw_syscalls programs) or, when a run
 * traces only calls that have one, hytrace_ded.bpf.c's (the same source with per-syscall
 * tracepoint programs instead), a regular libbpf skeleton: its 18 programs do not fit the
 * light loader (32 programs and subprograms at most).  One source: the same maps and data in
 * the same order, which the backend reads through this view whichever was opened.  For the
 * dedicated one, maps points to a shadow of the light skeleton's map descriptions: their
 * max_entries are given to the real maps before load, their map_fd filled after it.
 */
typedef __typeof__(((struct hytrace_bpf *)0)->maps) hyb_maps;
struct hyb_skel {
	struct bpf_loader_ctx *ctx;
	hyb_maps *maps;
	struct hytrace_bpf__rodata *rodata;
	struct hytrace_bpf__bss *bss;
	struct hytrace_bpf *main;	/* the one opened */
	struct hytrace_ded_bpf *ded;
	hyb_maps ded_maps;		/* the shadow (dedicated skeleton) */
	struct bpf_loader_ctx ded_ctx;	/* unused: libbpf loads the dedicated skeleton */
};
#define HYB_NMAPS	(sizeof(hyb_maps) / sizeof(struct bpf_map_desc))
_Static_assert(sizeof(((struct hytrace_ded_bpf *)0)->maps) / sizeof(struct bpf_map *) == HYB_NMAPS,
	       "skeleton maps");
_Static_assert(sizeof(hyb_maps) % sizeof(struct bpf_map_desc) == 0, "skeleton map descriptions");
_Static_assert(sizeof(*((struct hytrace_ded_bpf *)0)->rodata) == sizeof(struct hytrace_bpf__rodata),
	       "skeleton rodata");
_Static_assert(sizeof(*((struct hytrace_ded_bpf *)0)->bss) == sizeof(struct hytrace_bpf__bss),
	       "skeleton bss");

static struct {
	struct hyb_skel *skel;
	struct hyb_skel view;
	struct ring_buffer *ring;
	struct tracer *tr;
	int cg_fd;
	bool target;		/* HYB_MODE_TARGET */
	uint64_t ring_size;
	uint64_t records;
	struct recbuf rb;	/* a record rewritten for -yy */
	struct recbuf fix;	/* a record with entry reads done again here */
	struct recbuf dump;	/* a record with its joined HY_ARG_DUMP blob */
	struct hy_sum sums[HY_NR_MAX];	/* -c: the in-kernel totals, summed over CPUs at the end */
	pid_t *tids;		/* target mode: threads we know are traced */
	size_t ntids, captids;
	int stale;		/* checks that found every known thread gone */
} B = { .cg_fd = -1 };

/* -- the threads traced in target mode (for the end: detach lines, stale counts) -- */

static void tids_add(pid_t tid)
{
	if (B.ntids == B.captids) {
		size_t cap = B.captids ? B.captids * 2 : 64;
		pid_t *n = realloc(B.tids, cap * sizeof(*n));

		if (!n)
			return;
		B.tids = n;
		B.captids = cap;
	}
	B.tids[B.ntids++] = tid;
}

static void tids_del(pid_t tid)
{
	for (size_t i = B.ntids; i-- > 0;)
		if (B.tids[i] == tid) {
			B.tids[i] = B.tids[--B.ntids];
			return;
		}
}

/*
 * A child of our command made with CLONE_PARENT is our child, traced or not: nobody else can
 * reap it, and a program that waits for it to go (kill(pid, 0) until ESRCH) would wait forever
 * (issue 16, item 7; the ptrace backend reaps whatever waitpid(-1) reports).  hytrace has no
 * other children than the command: any other zombie is such a child.
 */
static void reap_others(pid_t child)
{
	for (int i = 0; i < 64; i++) {
		siginfo_t si = { 0 };

		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) < 0 ||
		    si.si_pid <= 0 || si.si_pid == child)
			return;
		waitpid(si.si_pid, NULL, WNOHANG | __WALL);
	}
}

/*
 * --func's own doings, not the traced program's: the SIGSTOP that holds a task while its new
 * libraries are attached (seen at generation, then as a group stop), our SIGCONT, and the
 * uretprobe syscall (nr 335, Linux 6.11) the kernel's return trampoline makes at each return.
 */
#define NR_URETPROBE	335
static bool signal_from_us(const struct hy_rec *r, size_t len);
static bool func_machinery(const struct hy_rec *r, size_t len)
{
	static pid_t stopped[16];	/* tasks whose stop was ours: their group stop is too */
	static unsigned int nstopped;

	if ((r->type == HY_REC_SYSCALL || r->type == HY_REC_ENTER) && r->nr == NR_URETPROBE)
		return true;
	if (r->type == HY_REC_SIGNAL && r->nr == SIGSTOP && bfunc_own_stop((pid_t)r->tid)) {
		stopped[nstopped++ % 16] = (pid_t)r->tid;
		return true;
	}
	if (r->type == HY_REC_SIGSTOP && r->nr == SIGSTOP) {
		for (unsigned int i = 0; i < 16; i++)
			if (stopped[i] == (pid_t)r->tid) {
				stopped[i] = 0;
				return true;
			}
		return bfunc_own_stop((pid_t)r->tid);
	}
	return r->type == HY_REC_SIGNAL && r->nr == SIGCONT && signal_from_us(r, len);
}

/* Whether a signal record's siginfo says hytrace sent it (kill(2): SI_USER from our pid). */
static bool signal_from_us(const struct hy_rec *r, size_t len)
{
	struct event ev;
	const struct event_blob *b;
	int32_t code, pid;

	if (event_parse(&ev, r, len) || !(b = event_blob_any(&ev, HY_ARG_SIGINFO, 0)) ||
	    b->h.len < 24 || b->h.err)
		return false;
	/* siginfo_t on x86-64: si_signo, si_errno, si_code, 4 bytes of padding, then si_pid */
	memcpy(&code, b->data + 8, sizeof(code));
	memcpy(&pid, b->data + 16, sizeof(pid));
	return code == 0 /* SI_USER */ && pid == getpid();
}

/* -- libbpf's messages go through our log levels --------------------------- */

static int libbpf_print(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	/* libbpf's warnings include the verifier log: --debug, our own line says what failed */
	int level = lvl == LIBBPF_WARN ? 1 : 2;

	pr_raw(level, fmt, ap);
	return 0;
}

static int libbpf_quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	return 0;
}

/* -- probe ------------------------------------------------------------------ */

static bool have_bpf_caps(void)
{
	if (cap_effective(CAP_SYS_ADMIN))
		return true;
	/* CAP_PERFMON 38, CAP_BPF 39 (Linux 5.8) */
	return cap_effective(38) && cap_effective(39);
}

/*
 * The BPF programs see every process, so the kernel's checks do not limit what they show:
 * hytrace applies the policy of SECURITY.md itself, before anything is loaded.  -a needs
 * root or CAP_SYS_ADMIN; -p only processes the real user could ptrace (proc_may_trace), and
 * never a kernel thread.  -EACCES (final: no other backend is tried) with the reason in why.
 */
/* Does hytrace run in a user namespace other than the initial one (uid_map not the identity)? */
static bool in_user_ns(void)
{
	unsigned long inside, outside, count;
	FILE *f = fopen("/proc/self/uid_map", "re");
	bool nested = false;

	if (!f)
		return false;
	if (fscanf(f, "%lu %lu %lu", &inside, &outside, &count) == 3)
		nested = !(inside == 0 && outside == 0 && count == 4294967295ul);
	fclose(f);
	return nested;
}

static int bpf_policy(const struct opts *o, char *why, size_t whylen)
{
	if (o->all && geteuid() != 0 && !cap_effective(CAP_SYS_ADMIN)) {
		snprintf(why, whylen, "-a (system-wide) needs root or CAP_SYS_ADMIN: it shows every user's processes");
		return -EACCES;
	}
	for (int i = 0; i < o->npids; i++) {
		char r[192];

		/* a pid that is gone is reported by the attach, as with ptrace */
		if (proc_may_trace(o->pids[i], r, sizeof(r)) == -EPERM) {
			snprintf(why, whylen, "cannot attach to pid %d: %s", (int)o->pids[i], r);
			return -EACCES;
		}
	}
	return 0;
}

static int bpf_probe(const struct opts *o, char *why, size_t whylen)
{
	int r = bpf_policy(o, why, whylen);

	if (r)
		return r;
	if (o->daemon) {
		snprintf(why, whylen, "-D: the eBPF backend does not run apart from the command "
			 "(the ptrace backend does)");
		return -EOPNOTSUPP;
	}
	if (o->detach_on_execve) {
		snprintf(why, whylen, "-b execve: the eBPF backend does not let a process go at its "
			 "execve (the ptrace backend does)");
		return -EOPNOTSUPP;
	}
	if (geteuid() != 0 && !have_bpf_caps()) {
		snprintf(why, whylen, "needs root, or CAP_BPF and CAP_PERFMON");
		return -EPERM;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) < 0) {
		snprintf(why, whylen, "the kernel has no BTF (/sys/kernel/btf/vmlinux: %s; needs CONFIG_DEBUG_INFO_BTF)",
			 strerror(errno));
		return -ENOENT;
	}
	libbpf_set_print(libbpf_quiet);
	r = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL);
	if (r == -EPERM || r == -EACCES) {
		snprintf(why, whylen, "not permitted to create BPF maps: %s", strerror(-r));
		return r;
	}
	if (r <= 0 && in_user_ns()) {	/* libbpf's probe reads a refusal as "no such map" */
		snprintf(why, whylen, "hytrace runs in a user namespace (unshare -U, a container), "
			 "where the kernel does not let BPF maps and programs be created");
		return -EPERM;
	}
	if (r <= 0) {
		snprintf(why, whylen, "the kernel has no BPF ring buffer (needs Linux 5.8 or later)");
		return r < 0 ? r : -EOPNOTSUPP;
	}
	/*
	 * The tp_btf programs need BTF (checked above) and Linux 5.5; the ring
	 * buffer (5.8) implies both.  A kernel without a tracepoint we use fails
	 * at load.  Nothing here parses the vmlinux BTF: the light skeleton's
	 * loader relocates and finds attach points in the kernel (Makefile).
	 */
	if (o->ninjects)	/* seccomp user notification (bpf_inject.c) */
		return binj_check(o, why, whylen);
	return 0;
}

/* -- records in --------------------------------------------------------------- */

/*
 * -yy: the kernel side resolved fds to paths at the time of the call (right
 * even for close() or a reused fd); socket details come from sock_diag here,
 * by inode, so an fd closed since does not matter.
 */
static bool rewrite_yy(const struct hy_rec *r, size_t len)
{
	static struct event ev;
	bool any = false;

	if (event_parse(&ev, r, len))
		return false;
	for (unsigned int i = 0; i < ev.nblobs && !any; i++)
		any = (ev.b[i].h.flags & HY_BF_FDPATH) &&
		      ((ev.b[i].h.len > 8 && !memcmp(ev.b[i].data, "socket:[", 8)) ||
		       (ev.b[i].h.len > 1 && ev.b[i].data[0] == '/' &&
			!(ev.b[i].h.flags & HY_BF_FDRAW)));
	if (!any || rb_begin(&B.rb, r))
		return false;
	for (unsigned int i = 0; i < ev.nblobs; i++) {
		const struct event_blob *b = &ev.b[i];
		char det[PATH_MAX];
		const void *data = b->data;
		uint32_t n = b->h.len;
		uint32_t flags = b->h.flags;

		if ((b->h.flags & HY_BF_FDPATH) && n > 8 && n < 64 && !memcmp(data, "socket:[", 8) &&
		    sockinfo_format(r->pid, strtoul((const char *)data + 8, NULL, 10), det,
				    sizeof(det)) == 0) {
			data = det;
			n = strlen(det);
			flags |= HY_BF_FDRAW;	/* preformatted: the renderer must not escape it */
		} else if ((b->h.flags & (HY_BF_FDPATH | HY_BF_FDRAW)) == HY_BF_FDPATH &&
			   fdpath_dev((const char *)data, n, B.tr->o->d.xflag, det, sizeof(det)) == 0) {
			data = det;	/* a device: "<char 1:3>" after its path */
			n = strlen(det);
			flags |= HY_BF_FDRAW;
		}
		void *p = rb_blob(&B.rb, b->h.arg, b->h.when, b->h.idx, b->h.addr, n);

		if (!p)
			break;
		memcpy(p, data, n);
		rb_blob_done(&B.rb, n, b->h.err, flags);
	}
	rb_rec(&B.rb)->flags |= r->flags;
	return true;
}

/*
 * Entry reads that failed in the kernel too at exit: BPF reads never fault
 * pages in, and a page the call itself never touched (a string constant
 * written to /dev/null) stays absent.  Read it again from here, as the ptrace
 * backend does (process_vm_readv faults pages in), while the task lives.  So are
 * reads the kernel cut at a page end whose next page turns out to be readable.
 */
static bool rewrite_failed_reads(struct tracer *tr, const struct hy_rec *r, size_t len)
{
	static struct event ev;
	struct hy_cap_entry tmp = { 0 };
	unsigned int bad = 0;

	if (r->nr < 0 || (unsigned int)r->nr >= sysent_count || event_parse(&ev, r, len))
		return false;
	for (unsigned int i = 0; i < ev.nblobs; i++) {
		const struct hy_blob *h = &ev.b[i].h;

		if (h->arg >= HY_NARGS || h->when != HY_AT_ENTER)
			continue;
		if (h->err == -EFAULT) {
			bad |= 1u << h->arg;
		} else if (!h->err && (h->flags & HY_BF_PAGE_END)) {
			/*
			 * a read cut at a page end: again if the next page is there (only not
			 * faulted in); when it is unmapped, or the task is gone, the cut read
			 * is what ptrace would have read
			 */
			uint8_t c;

			if (pmem_read(r->tid, h->addr + h->len, &c, 1) == 1)
				bad |= 1u << h->arg;
		}
	}
	if (!bad || rb_begin(&B.fix, r))
		return false;
	for (unsigned int i = 0; i < ev.nblobs; i++) {
		const struct event_blob *b = &ev.b[i];

		if (b->h.arg < HY_NARGS && (bad & (1u << b->h.arg)) && b->h.when == HY_AT_ENTER)
			continue;
		void *p = rb_blob(&B.fix, b->h.arg, b->h.when, b->h.idx, b->h.addr, b->h.len);

		if (!p)
			break;
		memcpy(p, b->data, b->h.len);
		rb_blob_done(&B.fix, b->h.len, b->h.err, b->h.flags);
	}
	for (int i = 0; i < HY_NARGS; i++) {
		if (!(bad & (1u << i)))
			continue;
		tmp.arg[i] = sysent[r->nr].cap.arg[i];
		tmp.arg[i].when = HY_AT_ENTER;
		tmp.arg[i].flags &= ~HY_CF_FDS;	/* their paths came from the kernel */
	}
	capture_apply(&B.fix, r->tid, &tmp, HY_AT_ENTER, tr, 0);
	rb_rec(&B.fix)->flags |= r->flags;
	return true;
}

/*
 * Entry records of calls that may block wait here until the end of the ring drain
 * they came in: a call that completed within the same drain (a read of a regular
 * file) is then shown once, whole, instead of as an entry and a completion; one
 * still running at the end of the drain is shown as started (<unfinished ...>).
 */
#define STASH_MAX 64

struct stashed {
	pid_t tid;
	struct recbuf rb;
};

static struct stashed stash[STASH_MAX];
static int nstash;

static void stash_flush_one(struct tracer *tr, int i)
{
	pipeline_feed(tr->pl, stash[i].rb.buf, stash[i].rb.len);
	struct recbuf keep = stash[i].rb;	/* keep the buffer for reuse */

	stash[i] = stash[--nstash];
	stash[nstash].rb = keep;
}

static void stash_flush(struct tracer *tr)
{
	while (nstash)
		stash_flush_one(tr, nstash - 1);
}

/* Keep an entry record; false if it must be fed now. */
static bool stash_enter(struct tracer *tr, const struct hy_rec *r, size_t len)
{
	if (nstash == STASH_MAX)
		stash_flush(tr);
	struct stashed *s = &stash[nstash];

	if (rb_begin(&s->rb, r))
		return false;
	if (len > sizeof(*r)) {	/* the blobs: copy the whole record */
		if (s->rb.cap < len) {
			uint8_t *n = realloc(s->rb.buf, len);

			if (!n)
				return false;
			s->rb.buf = n;
			s->rb.cap = len;
		}
		memcpy(s->rb.buf, r, len);
		s->rb.len = len;
	}
	s->tid = r->tid;
	nstash++;
	return true;
}

/*
 * Signals seen at their generation while their task was inside a syscall (HY_F_SIG_INCALL):
 * ptrace shows them at the signal-delivery-stop, after that call's line, so they wait here for
 * the call's record (or the task's exit), in the order they came.
 */
static struct stashed held[STASH_MAX];
static int nheld;

static void held_feed(struct tracer *tr, int i)
{
	struct recbuf keep = held[i].rb;

	pipeline_feed(tr->pl, keep.buf, keep.len);
	memmove(&held[i], &held[i + 1], (nheld - i - 1) * sizeof(held[0]));
	held[--nheld].rb = keep;
}

/* the held signals of tid (all with tid 0), oldest first */
static void held_release(struct tracer *tr, pid_t tid)
{
	for (int i = 0; i < nheld;) {
		if (!tid || held[i].tid == tid)
			held_feed(tr, i);
		else
			i++;
	}
}

/*
 * The held signals of r's task that came inside another call than r's (args[0], its entry
 * time, when times are kept: r->ts_enter is 0 otherwise): that call's record came before the
 * signal's, in a ring drained in reservation order (a signal generated on one CPU as the call
 * ended on another).
 */
static void held_release_before(struct tracer *tr, const struct hy_rec *r)
{
	for (int i = 0; i < nheld;) {
		const struct hy_rec *h = (const struct hy_rec *)held[i].rb.buf;

		if (held[i].tid == (pid_t)r->tid && h->args[0] != r->ts_enter)
			held_feed(tr, i);
		else
			i++;
	}
}

static bool held_add(struct tracer *tr, const struct hy_rec *r, size_t len)
{
	if (nheld == STASH_MAX)
		held_feed(tr, 0);	/* the oldest, early rather than lost */
	struct stashed *h = &held[nheld];

	if (rb_begin(&h->rb, r))
		return false;
	if (len > sizeof(*r)) {
		if (h->rb.cap < len) {
			uint8_t *n = realloc(h->rb.buf, len);

			if (!n)
				return false;
			h->rb.buf = n;
			h->rb.cap = len;
		}
		memcpy(h->rb.buf, r, len);
		h->rb.len = len;
	}
	h->tid = r->tid;
	nheld++;
	return true;
}

static void stash_free(void)
{
	for (int i = 0; i < STASH_MAX; i++) {
		rb_free(&stash[i].rb);
		rb_free(&held[i].rb);
	}
	nstash = 0;
	nheld = 0;
}

/*
 * -e read=/write=: the HY_REC_DUMP chunks of a dumped call (bpf/hytrace.h), joined per thread
 * until the call's record comes, which then gets them as one HY_ARG_DUMP blob.
 */
#define JOIN_MAX 64

struct dumpjoin {
	pid_t tid;		/* 0: free */
	int32_t nr;
	uint64_t ts;		/* the call's ts_enter */
	uint64_t total;		/* bytes to dump */
	uint64_t addr;		/* the buffer's */
	uint8_t when;
	uint16_t idx;
	int32_t err;		/* the chunk that could not be read, its error */
	size_t len, cap;
	uint8_t *buf;
};

static struct dumpjoin joins[JOIN_MAX];
static bool joins_used;		/* some chunk came: look for joins at each syscall record */

static void join_chunk(const struct hy_rec *r, size_t len)
{
	struct event ev;
	struct dumpjoin *j = NULL;

	if (event_parse(&ev, r, len) || ev.nblobs != 1 || ev.b[0].h.arg != HY_ARG_DUMP)
		return;
	joins_used = true;
	for (int i = 0; i < JOIN_MAX && !j; i++)
		if (joins[i].tid == (pid_t)r->tid)
			j = &joins[i];
	for (int i = 0; i < JOIN_MAX && !j; i++)
		if (!joins[i].tid)
			j = &joins[i];
	if (!j)		/* more threads in a dumped call at once: the call shows its cut */
		return;
	if (r->args[0] == 0) {
		j->tid = r->tid;
		j->nr = r->nr;
		j->ts = r->ts_enter;
		j->total = r->args[1];
		j->addr = r->args[2];
		j->when = ev.b[0].h.when;
		j->idx = ev.b[0].h.idx;
		j->err = 0;
		j->len = 0;
	} else if (j->tid != (pid_t)r->tid || j->nr != r->nr || j->ts != r->ts_enter ||
		   j->len != r->args[0] || j->err) {
		j->tid = 0;	/* not the chunk that follows: the call shows its cut */
		return;
	}
	if (ev.b[0].h.err) {
		j->err = ev.b[0].h.err;
		return;
	}
	if (j->len + ev.b[0].h.len > j->cap) {
		size_t cap = j->cap ? j->cap : 65536;
		uint8_t *n;

		while (cap < j->len + ev.b[0].h.len)
			cap *= 2;
		n = realloc(j->buf, cap);
		if (!n) {
			j->tid = 0;
			return;
		}
		j->buf = n;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, ev.b[0].data, ev.b[0].h.len);
	j->len += ev.b[0].h.len;
}

/* r's record with the joined chunks of its call as an HY_ARG_DUMP blob (in B.dump); false if
 * it has none */
static bool join_attach(const struct hy_rec *r, size_t len)
{
	struct dumpjoin *j = NULL, none;
	struct event ev;

	if (!joins_used && !(r->flags & HY_F_DUMP_LOST))
		return false;

	for (int i = 0; i < JOIN_MAX && !j; i++)
		if (joins[i].tid == (pid_t)r->tid)
			j = &joins[i];
	if (j) {
		j->tid = 0;
		if (j->nr != r->nr || j->ts != r->ts_enter)
			j = NULL;	/* another call's, whose record was lost */
	}
	if (!j && !(r->flags & HY_F_DUMP_LOST))
		return false;
	if (!j) {	/* not even the first chunk found room */
		none = (struct dumpjoin){ .addr = r->args[1], .total = 1,
					  .when = dumpio_dir(r->nr) == DUMPIO_READ ? HY_AT_EXIT
										   : HY_AT_ENTER };
		j = &none;
	}
	if (event_parse(&ev, r, len) || rb_begin(&B.dump, r))
		return false;
	for (unsigned int i = 0; i < ev.nblobs; i++) {
		const struct event_blob *b = &ev.b[i];
		void *p = rb_blob(&B.dump, b->h.arg, b->h.when, b->h.idx, b->h.addr, b->h.len);

		if (!p)
			return false;
		memcpy(p, b->data, b->h.len);
		rb_blob_done(&B.dump, b->h.len, b->h.err, b->h.flags);
	}
	void *p = rb_blob(&B.dump, HY_ARG_DUMP, j->when, j->idx, j->addr, (uint32_t)j->len);

	if (!p)
		return false;
	if (j->len)
		memcpy(p, j->buf, j->len);
	rb_blob_done(&B.dump, (uint32_t)j->len, 0,
		     j->len >= j->total ? 0 : j->err ? HY_BF_TRUNC | HY_BF_FAULT
						     : HY_BF_TRUNC | HY_BF_RING_FULL);
	rb_rec(&B.dump)->flags |= r->flags;
	return true;
}

static void joins_free(void)
{
	for (int i = 0; i < JOIN_MAX; i++) {
		free(joins[i].buf);
		joins[i] = (struct dumpjoin){ 0 };
	}
}

/* A copy of a record that gets a mark (the ring's pages are read-only here); NULL: no memory. */
static void *mark_copy(const void *data, size_t len)
{
	static uint8_t *buf;
	static size_t cap;

	if (len > cap) {
		uint8_t *b = realloc(buf, len);

		if (!b)
			return NULL;
		buf = b;
		cap = len;
	}
	memcpy(buf, data, len);
	return buf;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct tracer *tr = ctx;
	const struct hy_rec *r = data;
	size_t len;

	if (size >= sizeof(struct hy_func) &&
	    (r->type == HY_REC_FUNC_ENTRY || r->type == HY_REC_FUNC_EXIT)) {
		B.records++;	/* --func (bpf/hytrace_func.bpf.c): as it is */
		pipeline_feed(tr->pl, data, size);
		return 0;
	}
	if (size < sizeof(*r))
		return 0;
	len = r->size <= size ? r->size : size;
	if (r->type == HY_REC_DUMP) {	/* a chunk of a dumped buffer: joined, not shown */
		join_chunk(r, len);
		return 0;
	}
	B.records++;
	/* --func stops a task while it attaches to the libraries just loaded: not the task's own
	 * signals, neither the stop (seen at generation or as a group stop) nor our SIGCONT */
	if (tr->funcs && func_machinery(r, len))
		return 0;
	r = bstack_record(tr, r, &len);	/* -k: maps followed, stack snapshot unwound */
	if (!r)
		return 0;
	data = (void *)r;
	if (B.target) {
		if (r->type == HY_REC_FORK)
			tids_add(r->tid);
		else if (r->type == HY_REC_EXIT)
			tids_del(r->tid);
		if (r->type == HY_REC_EXIT && tr->o->ninjects)
			binj_task_gone((pid_t)r->tid);
	}
	if (r->type == HY_REC_SYSCALL || r->type == HY_REC_ENTER) {
		if (rewrite_failed_reads(tr, r, len)) {
			r = rb_rec(&B.fix);
			data = B.fix.buf;
			len = B.fix.len;
		}
		if (tr->cfg.fdpaths >= 2 && rewrite_yy(r, len)) {
			data = B.rb.buf;
			len = B.rb.len;
		}
		if (r->type == HY_REC_SYSCALL && join_attach(r, len)) {
			r = rb_rec(&B.dump);
			data = B.dump.buf;
			len = B.dump.len;
		}
	}
	if (r->type == HY_REC_SIGNAL && (r->flags & HY_F_SIG_INCALL) && held_add(tr, r, len))
		return 0;
	if (r->type == HY_REC_EXIT && nheld)
		held_release(tr, r->tid);	/* "--- SIG ---" before "+++ killed by SIG +++" */
	/* a record of another call than the one a held signal came in: that call ended first */
	if (nheld && (r->type == HY_REC_SYSCALL || r->type == HY_REC_ENTER) && r->ts_enter)
		held_release_before(tr, r);
	if (r->type == HY_REC_ENTER && stash_enter(tr, r, len))
		return 0;
	for (int i = nstash - 1; i >= 0; i--) {
		if (stash[i].tid != (pid_t)r->tid)
			continue;
		if (r->type == HY_REC_SYSCALL) {	/* completed in the same drain: drop the entry */
			struct recbuf keep = stash[i].rb;

			stash[i] = stash[--nstash];
			stash[nstash].rb = keep;
		} else {	/* a signal or exit meets it: the entry shows first */
			stash_flush_one(tr, i);
		}
	}
	if (r->type == HY_REC_SYSCALL && binj_marks()) {	/* -e inject=: (DELAYED) */
		uint32_t fl = binj_mark_take((pid_t)r->tid, r->nr, r->ts_exit);

		if (fl && data != B.rb.buf && data != B.fix.buf) {	/* the ring is read-only */
			data = mark_copy(data, len);
			r = data;
			if (!data) {
				pr_warn("-e inject: out of memory: a record is dropped");
				return 0;
			}
		}
		if (fl)
			((struct hy_rec *)r)->flags |= fl;
	}
	pipeline_feed(tr->pl, data, len);
	if (r->type == HY_REC_SYSCALL && nheld)
		held_release(tr, r->tid);
	if (r->type == HY_REC_EXEC && tr->funcs)
		bfunc_exec((pid_t)r->pid);
	return 0;
}

/* -- configuration -------------------------------------------------------------- */

static uint64_t ring_size(const struct opts *o)
{
	uint64_t want = o->buffer_size ? o->buffer_size : o->cflag == 1 ? RING_SUMMARY : RING_DEFAULT;
	uint64_t sz = 4096;

	/* a power of two, at least a page (kernel/bpf/ringbuf.c) */
	while (sz < want && sz < (1ull << 31))
		sz <<= 1;
	return sz;
}

static void config_syscalls(struct hyb_skel *skel, const struct tracer *tr)
{
	const struct opts *o = tr->o;
	bool fdpaths = tr->cfg.fdpaths > 0;

	struct hytrace_bpf__rodata *rd = skel->rodata;
	long prctl_nr = sysent_lookup("prctl");	/* PR_SET_NAME renames the thread */

	memcpy((void *)rd->cfg_opd, opd_tables, sizeof(rd->cfg_opd));	/* HY_CAP_OPDESC layouts */
	for (unsigned int nr = 0; nr < HY_NR_MAX; nr++) {
		uint8_t f = opts_traced(o, nr) ? HYB_NF_TRACE : 0;

		if (nr < sysent_count) {
			const struct hy_cap_entry *ce = &sysent[nr].cap;

			memcpy((void *)&rd->cfg_caps[nr], ce, sizeof(*ce));
			for (int i = 0; i < HY_NARGS; i++) {
				const struct hy_cap *c = &ce->arg[i];

				if (c->kind == HY_CAP_NONE || (c->kind == HY_CAP_FDPATH && !fdpaths))
					continue;
				if (c->when & HY_AT_ENTER)
					f |= HYB_NF_ENTER_CAP;
				if (c->when & HY_AT_EXIT)
					f |= HYB_NF_EXIT_CAP;
			}
			if (ce->ret.kind == HY_CAP_FDPATH && fdpaths)
				f |= HYB_NF_EXIT_CAP;
			/* --cuda: the kernel side tells a device fd's kind (bpf/ioctl_dev.bpf.h) */
			int da = o->cuda ? devioc_fd_arg(nr) : -1;

			if (da >= 0)
				rd->cfg_devfd[nr] = da == HY_ARG_RET ? HYB_DEVFD_RET : 1 + da;
			if (ce->flags & HY_SC_BLOCKS)
				f |= HYB_NF_BLOCKS;
			if (ce->flags & HY_SC_EXEC)
				f |= HYB_NF_EXEC;
		}
		if (nr == (unsigned int)prctl_nr)
			f |= HYB_NF_COMM;
		rd->cfg_nrflags[nr] = bstack_nrflags(tr, nr, f);
		/* -e inject=: the return of the calls the seccomp filter skips (bpf_inject.c) */
		const struct inject_rule *ir = opts_inject(o, nr);
		int64_t ret = 0;

		if (ir && (f & HYB_NF_TRACE)) {
			rd->cfg_inj[nr] = binj_kind(ir, &ret);
			rd->cfg_inj_ret[nr] = ret;
			if (rd->cfg_inj[nr] != HYB_INJ_NONE)
				rd->cfg_inject = 1;
		}
	}
}

/* --cuda: room for the ioctl descriptions and class sizes (filled after load by dev_maps_fill). */
static void config_dev(struct hyb_skel *skel, const struct opts *o)
{
	size_t nd = 0, nk = 0, nc = 0;

	if (o->cuda) {
		nv_ioc_descs(&nd);
		nvkms_ioc_descs(&nk);	/* nvidia-modeset's */
		nv_class_sizes(&nc);
	}
	nd += nk;
	skel->maps->ioc_descs.max_entries = nd ? nd : 1;
	skel->maps->ioc_class_sizes.max_entries = nc ? nc : 1;
}

static int dev_maps_fill(struct hyb_skel *skel, const struct opts *o)
{
	size_t nd, nc;
	const struct nv_ioc_desc_entry *d;
	const struct nv_class_size *c;

	if (!o->cuda)
		return 0;
	for (int t = 0; t < 2; t++) {	/* the RM and UVM descriptions, then nvidia-modeset's */
		d = t ? nvkms_ioc_descs(&nd) : nv_ioc_descs(&nd);
		for (size_t i = 0; i < nd; i++)
			if (bpf_map_update_elem(skel->maps->ioc_descs.map_fd, &d[i].key,
						&d[i].desc, BPF_ANY) < 0)
				goto fail;
	}
	c = nv_class_sizes(&nc);
	for (size_t i = 0; i < nc; i++)
		if (bpf_map_update_elem(skel->maps->ioc_class_sizes.map_fd, &c[i].hclass,
					&c[i].size, BPF_ANY) < 0)
			goto fail;
	return 0;
fail:
	pr_warn("cannot load the NVIDIA ioctl descriptions into the BPF map: %s", strerror(errno));
	return -errno;
}

/*
 * The dedicated programs (bpf/ioctl_dev.bpf.h): when every traced syscall has one
 * (--cuda-only, -e trace=ioctl, ...), they replace the raw_syscalls programs, so that no
 * other syscall runs any BPF.  They need the per-syscall tracepoints of tracefs
 * (CONFIG_FTRACE_SYSCALLS); without them the raw_syscalls programs stay.
 */
static const struct {
	const char *name;
	int nargs;	/* include/linux/syscalls.h: the entry program hy_enter_<nargs> */
} dedicated[] = {
	{ "ioctl", 3 }, { "mmap", 6 }, { "close", 1 }, { "open", 3 }, { "openat", 4 },
	{ "openat2", 4 }, { "creat", 2 }, { "dup", 1 }, { "dup2", 2 }, { "dup3", 3 },
	{ "fcntl", 3 }, { "execve", 3 }, { "execveat", 5 },
};
#define NDEDICATED (sizeof(dedicated) / sizeof(dedicated[0]))
#define DED_NARGS_MAX 6
#define NEXECS 2	/* the last two: always on their entry, to start our command */

static bool tracefs_has(const char *event)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[160];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/events/syscalls/%s/id", roots[i], event);
		if (access(path, R_OK) == 0)
			return true;
	}
	return false;
}

/*
 * Whether the run can use the dedicated programs (hytrace_ded.bpf.c): it traces some
 * syscalls, each of which has one, and tracefs has their events.  Decided before the
 * skeleton is opened, as it says which of the two is.
 */
static bool want_dedicated(const struct opts *o, int fdpaths)
{
	char ev[64];
	bool use = !o->trace_all;

	/* --func traces a task once a syscall of it has decided (-a, --comm, --cgroup): the
	 * raw_syscalls programs see every syscall, the dedicated ones only those they trace */
	if (o->nfuncs && (o->all || o->ncomms || o->cgroup))
		return false;
	/* -k names frames from the maps calls it follows unshown (mmap, munmap, mprotect...):
	 * only mmap has a dedicated program, and without the others a process that exits before
	 * its records are read has its libraries unnamed */
	if (o->kflag)
		return false;
	/* fd paths (-y, -yy, -P, the sinks that name fds) walk cap_arg -> fds_paths -> fd_path ->
	 * put_blob, which under a dedicated program's own frame passes the verifier's 512-byte
	 * stack limit: raw_syscalls then */
	if (fdpaths)
		return false;
	for (unsigned int nr = 0; use && nr < HY_NR_MAX; nr++) {
		if (!opts_traced(o, nr))
			continue;
		use = false;
		for (size_t i = 0; i < NDEDICATED - NEXECS; i++)
			if (sysent_lookup(dedicated[i].name) == (long)nr)
				use = true;
	}
	for (size_t i = 0; use && i < NDEDICATED; i++) {
		bool want = i >= NDEDICATED - NEXECS || opts_traced(o, sysent_lookup(dedicated[i].name));

		snprintf(ev, sizeof(ev), "sys_enter_%s", dedicated[i].name);
		if (want && !tracefs_has(ev)) {
			pr_info("no per-syscall tracepoint %s (tracefs not mounted, or a kernel without "
				"CONFIG_FTRACE_SYSCALLS): the raw_syscalls programs trace every syscall",
				ev);
			use = false;
		}
	}
	return use;
}

/* The dedicated program i (of dedicated[]) is attached at entry / exit in this run. */
static bool ded_in(const struct opts *o, size_t i)
{
	return i >= NDEDICATED - NEXECS || opts_traced(o, sysent_lookup(dedicated[i].name));
}

static bool ded_out(const struct opts *o, size_t i)
{
	return opts_traced(o, sysent_lookup(dedicated[i].name));
}

/*
 * The dedicated skeleton: only the entry programs of the argument counts of the calls this
 * run traces, and the exit program, are loaded; execve/execveat: their entries always, to
 * start our command.
 */
static int ded_autoload(struct hytrace_ded_bpf *ded, const struct opts *o)
{
	bool need[DED_NARGS_MAX + 1] = { false };
	char name[32];

	for (size_t i = 0; i < NDEDICATED; i++) {
		need[dedicated[i].nargs] |= ded_in(o, i);
		need[0] |= ded_out(o, i);	/* 0: the exit program */
	}
	for (int n = 0; n <= DED_NARGS_MAX; n++) {
		struct bpf_program *p;

		if (n)
			snprintf(name, sizeof(name), "hy_enter_%d", n);
		else
			snprintf(name, sizeof(name), "hy_exit");
		p = bpf_object__find_program_by_name(ded->obj, name);
		if (!p) {
			if (need[n]) {
				pr_warn("BPF program %s missing from the dedicated object", name);
				return -ENOENT;
			}
			continue;
		}
		bpf_program__set_autoload(p, need[n]);
	}
	return 0;
}

/* Open the skeleton this run needs and set the view on it; NULL (errno) on failure. */
static struct hyb_skel *skel_open(const struct opts *o, int fdpaths)
{
	struct hyb_skel *v = &B.view;

	memset(v, 0, sizeof(*v));
	if (want_dedicated(o, fdpaths)) {
		v->ded = hytrace_ded_bpf__open();
		if (!v->ded)
			return NULL;
		v->ctx = &v->ded_ctx;
		v->maps = &v->ded_maps;
		v->rodata = (struct hytrace_bpf__rodata *)(void *)v->ded->rodata;
		v->bss = (struct hytrace_bpf__bss *)(void *)v->ded->bss;
	} else {
		v->main = hytrace_bpf__open();
		if (!v->main)
			return NULL;
		v->ctx = &v->main->ctx;
		v->maps = &v->main->maps;
		v->rodata = v->main->rodata;
		v->bss = v->main->bss;
	}
	return v;
}

/* The dedicated skeleton: the shadow's sizes onto its maps, then libbpf's load, then the fds. */
static int ded_load(struct hyb_skel *v, const struct opts *o)
{
	struct bpf_map **real = (struct bpf_map **)(void *)&v->ded->maps;
	struct bpf_map_desc *sh = (struct bpf_map_desc *)(void *)&v->ded_maps;
	int err = ded_autoload(v->ded, o);

	for (size_t i = 0; !err && i < HYB_NMAPS; i++)
		if (sh[i].max_entries)
			err = bpf_map__set_max_entries(real[i], sh[i].max_entries);
	if (!err)
		err = hytrace_ded_bpf__load(v->ded);
	for (size_t i = 0; !err && i < HYB_NMAPS; i++)
		sh[i].map_fd = bpf_map__fd(real[i]);
	if (!err)
		pr_info("dedicated per-syscall programs: the raw_syscalls programs are not attached");
	return err;
}

static int skel_load(struct hyb_skel *v, const struct opts *o)
{
	int err = v->ded ? ded_load(v, o) : hytrace_bpf__load(v->main);

	/* the loader maps .bss (and .rodata) afresh */
	if (!err && v->ded) {
		v->rodata = (struct hytrace_bpf__rodata *)(void *)v->ded->rodata;
		v->bss = (struct hytrace_bpf__bss *)(void *)v->ded->bss;
	} else if (!err) {
		v->rodata = v->main->rodata;
		v->bss = v->main->bss;
	}
	return err;
}

/* Attach the lifecycle programs, and the syscall programs of the skeleton opened. */
/*
 * The dedicated programs onto the per-syscall tracepoints of the calls this run traces (the
 * skeleton attaches the lifecycle programs); the links go to ded_links, closed by ded_detach.
 */
static struct bpf_link *ded_links[2 * NDEDICATED];
static size_t nded_links;

static int ded_attach(struct hytrace_ded_bpf *ded, const struct opts *o)
{
	char name[32], ev[64];

	for (size_t i = 0; i < NDEDICATED; i++)
		for (int k = 0; k < 2; k++) {
			struct bpf_program *p;
			struct bpf_link *l;

			if (!(k ? ded_out(o, i) : ded_in(o, i)))
				continue;
			if (k)
				snprintf(name, sizeof(name), "hy_exit");
			else
				snprintf(name, sizeof(name), "hy_enter_%d", dedicated[i].nargs);
			snprintf(ev, sizeof(ev), "sys_%s_%s", k ? "exit" : "enter", dedicated[i].name);
			p = bpf_object__find_program_by_name(ded->obj, name);
			l = p ? bpf_program__attach_tracepoint(p, "syscalls", ev) : NULL;
			if (!l) {
				int err = p ? -errno : -ENOENT;

				pr_warn("cannot attach BPF program %s to syscalls:%s: %s", name, ev,
					strerror(-err));
				return err;
			}
			ded_links[nded_links++] = l;
		}
	return 0;
}

static int skel_attach(struct hyb_skel *v, const struct opts *o)
{
	int err;

	if (!v->ded)
		return hytrace_bpf__attach(v->main);
	err = hytrace_ded_bpf__attach(v->ded);
	return err ? err : ded_attach(v->ded, o);
}

static void *link_destroy(void *link)
{
	bpf_link__destroy(link);
	return NULL;
}

/*
 * The dedicated skeleton's links, all at once: closing a per-syscall tracepoint's perf event
 * waits for the tracepoint's RCU grace periods (perf_trace_event_unreg(): 16 events took 0.95 s
 * one after another here), which concurrent closes share.  A link whose thread cannot start
 * is closed here.
 */
static void ded_detach(struct hytrace_ded_bpf *ded)
{
	const struct bpf_object_skeleton *sk = ded->skeleton;
	pthread_t th[64];
	int n = 0;

	for (size_t i = 0; i < nded_links; i++) {
		if (n < 64 && pthread_create(&th[n], NULL, link_destroy, ded_links[i]) == 0)
			n++;
		else
			bpf_link__destroy(ded_links[i]);
		ded_links[i] = NULL;
	}
	nded_links = 0;
	for (int i = 0; sk && i < sk->prog_cnt; i++) {
		struct bpf_link **l = sk->progs[i].link;

		if (!l || !*l)
			continue;
		if (n < 64 && pthread_create(&th[n], NULL, link_destroy, *l) == 0)
			n++;
		else
			bpf_link__destroy(*l);
		*l = NULL;
	}
	while (n > 0)
		pthread_join(th[--n], NULL);
	hytrace_ded_bpf__detach(ded);
}

static void skel_detach(struct hyb_skel *v)
{
	if (v->ded)
		ded_detach(v->ded);
	else
		hytrace_bpf__detach(v->main);
}

static void skel_destroy(struct hyb_skel *v)
{
	if (!v)
		return;
	if (v->ded) {
		ded_detach(v->ded);	/* the links it attached by hand too */
		hytrace_ded_bpf__destroy(v->ded);
	} else
		hytrace_bpf__destroy(v->main);
	memset(v, 0, sizeof(*v));
}

/* --cgroup=PATH: a cgroup v2 directory; tasks in it or below it are traced. */
static int open_cgroup(const char *path)
{
	struct statfs sf;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		int err = errno;

		pr_warn("cannot open cgroup %s: %s", path, strerror(err));
		return -err;
	}
	if (fstatfs(fd, &sf) < 0 || sf.f_type != CGROUP2_SUPER_MAGIC) {
		pr_warn("%s is not a cgroup v2 directory (see /proc/self/mountinfo for cgroup2)",
			path);
		close(fd);
		return -EINVAL;
	}
	return fd;
}

static int config(struct hyb_skel *skel, const struct tracer *tr)
{
	const struct opts *o = tr->o;
	struct hytrace_bpf__rodata *rd = skel->rodata;
	int ncpus = libbpf_num_possible_cpus();

	if (ncpus <= 0)
		ncpus = 1;
	rd->cfg_self_tgid = getpid();
	rd->cfg_mode = o->all && !o->npids ? HYB_MODE_ALL : HYB_MODE_TARGET;
	B.target = rd->cfg_mode == HYB_MODE_TARGET;
	rd->cfg_follow = o->follow > 0;
	/*
	 * -c sums in the kernel; with --cuda the calls on a device's fd still come as records
	 * (user space counts each NVIDIA command and its driver status, and adds the kernel's
	 * sums at the end); --cuda-only traces only such calls: all records, no kernel sums
	 */
	rd->cfg_summary = o->cflag == 1 && o->cuda != CUDA_ONLY;
	rd->cfg_cuda = o->cuda;
	rd->cfg_drop_ok = !(o->status & ST_SUCCESSFUL);
	rd->cfg_drop_fail = !(o->status & ST_FAILED);
	rd->cfg_drop_unfinished = !(o->status & ST_UNFINISHED);
	rd->cfg_no_enter = (o->status & ST_ALL) != ST_ALL;
	rd->cfg_strsize = o->d.strsize < HY_STR_MAX ? o->d.strsize : HY_STR_MAX;
	/* -e read=/write=: buffers are copied up to the kernel side's limit, HY_STR_MAX per
	 * buffer (for every call: the BPF side has no fd sets); longer ones show a marked cut */
	if (o->dump_read.any || o->dump_write.any) {
		rd->cfg_strsize = HY_STR_MAX;
		/* longer buffers of calls on the dumped fds come whole as HY_REC_DUMP chunks: the
		   calls of one buffer captured as HY_CAP_BUF (read, write, pread64, sendto...) */
		for (unsigned int nr = 0; nr < HY_NR_MAX && nr < sysent_count; nr++) {
			enum dumpio_dir d = dumpio_dir(nr);

			if (d != DUMPIO_NONE && sysent[nr].cap.arg[1].kind == HY_CAP_BUF)
				rd->cfg_dumpnr[nr] = d == DUMPIO_READ ? HYB_DUMP_READ : HYB_DUMP_WRITE;
		}
		_Static_assert(HYB_DUMP_FDS == DUMP_FD_MAX, "the kernel side tests the same fds");
		memcpy((void *)rd->cfg_dumpfds[0], o->dump_read.bits, sizeof(o->dump_read.bits));
		memcpy((void *)rd->cfg_dumpfds[1], o->dump_write.bits, sizeof(o->dump_write.bits));
		rd->cfg_dumphigh[0] = o->dump_read.high;
		rd->cfg_dumphigh[1] = o->dump_write.high;
		rd->cfg_dump_rounds = HY_DUMP_MAX / HY_DUMP_CHUNK;
	}
	rd->cfg_verbose = o->d.verbose;
	rd->cfg_yflag = tr->cfg.fdpaths > 0;
	/* only when some sink shows times; the in-kernel -c summary times every call itself */
	rd->cfg_time = tr->cfg.times || rd->cfg_summary || binj_needs_times(o);
	rd->cfg_exec_argv = tr->cfg.exec_argv;
	rd->cfg_ip = tr->cfg.ip;
	if (o->ncomms > HYB_COMMS_MAX) {
		pr_warn("at most %d --comm names in the eBPF backend", HYB_COMMS_MAX);
		return -EINVAL;
	}
	for (int i = 0; i < o->ncomms; i++)
		strncpy((char *)rd->cfg_comms[i], o->comms[i], HY_COMM_LEN - 1);	/* TASK_COMM_LEN - 1 */
	rd->cfg_ncomms = o->ncomms;
	if (o->cgroup) {
		B.cg_fd = open_cgroup(o->cgroup);
		if (B.cg_fd < 0)
			return B.cg_fd;
		rd->cfg_cgroup = 1;
	}
	/* the filters are decided per task again when its comm or cgroup changes (issue 10):
	   hy_task_rename and hy_cgroup_attach return at once without --comm and --cgroup */
	B.ring_size = ring_size(o);
	rd->cfg_ring_half = B.ring_size / 2;
	rd->cfg_ring_size = B.ring_size;
	/* lifecycle records (about 120 bytes, 270 with a siginfo) get the last 1/16, at least 1 KiB */
	rd->cfg_life_reserve = B.ring_size / 16 > 1024 ? B.ring_size / 16 : 1024;
	skel->maps->rb.max_entries = B.ring_size;
	skel->maps->scratch.max_entries = ncpus;
	int err = bstack_config(skel->rodata, tr);

	if (err)
		return err;
	config_syscalls(skel, tr);
	config_dev(skel, o);
	return 0;
}

/* -- targets ------------------------------------------------------------------ */

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

/*
 * Put a thread in the task storage map (by pidfd), or in `seeds` where the
 * kernel cannot give a pidfd for a thread (before Linux 6.9); 1 if new, 0 if
 * there already, -errno.
 */
static int task_add(pid_t tid, pid_t tgid, uint32_t flags)
{
	const struct hytrace_bpf__rodata *rd = B.skel->rodata;
	/* with --comm/--cgroup, its first syscall decides (see decide() in hytrace.bpf.c) */
	struct hyb_task t = { .tgid = tgid, .tid = tid,
			      .flags = flags | (rd->cfg_ncomms || rd->cfg_cgroup ? HYB_TS_RECHECK : 0) };
	char path[64];
	ssize_t n;
	int cfd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)tgid, (int)tid);
	cfd = open(path, O_RDONLY | O_CLOEXEC);
	if (cfd >= 0) {
		n = read(cfd, t.comm, sizeof(t.comm) - 1);
		if (n > 0 && t.comm[n - 1] == '\n')
			t.comm[n - 1] = '\0';
		close(cfd);
	}
	int fd = pidfd_open(tid, tid == tgid ? 0 : PIDFD_THREAD), err = 0;

	if (fd >= 0) {
		if (bpf_map_update_elem(B.skel->maps->tasks.map_fd, &fd, &t, BPF_NOEXIST) < 0)
			err = -errno;
		close(fd);
	} else if (errno == EINVAL && tid != tgid) {
		uint32_t key = tid, val = tgid;

		if (bpf_map_update_elem(B.skel->maps->seeds.map_fd, &key, &val, BPF_NOEXIST) < 0)
			err = -errno;
		B.skel->bss->seeds_used = 1;
	} else {
		err = -errno;
	}
	if (err)
		return err == -EEXIST ? 0 : err;
	if (B.target) {
		__atomic_fetch_add(&B.skel->bss->live_tasks, 1, __ATOMIC_SEQ_CST);
		tids_add(tid);
	}
	return 1;
}

/*
 * -a with --cgroup: every thread alive gets a state marked "decide at your next
 * syscall" (HYB_TS_RECHECK, see filtered() in hytrace.bpf.c); one the filters reject loses it
 * there, so that its syscalls then cost a lookup that finds nothing.  After the attach: a task
 * born since has its fork, exec and rename seen by the programs.  A thread the kernel cannot
 * name by pidfd (before Linux 6.9) is left out until it execs or is renamed; counted for -v.
 */
static void all_seed(void)
{
	int fd = B.skel->maps->tasks.map_fd, self = getpid();
	unsigned int added = 0, missed = 0;
	struct dirent *pe, *te;
	char path[64];
	DIR *pd, *td;

	pd = opendir("/proc");
	if (!pd) {
		pr_warn("cannot read /proc: %s (tasks older than hytrace are not traced)", strerror(errno));
		return;
	}
	while ((pe = readdir(pd))) {
		int tgid = atoi(pe->d_name);

		if (tgid <= 0 || tgid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task", tgid);
		td = opendir(path);
		if (!td)
			continue;	/* gone */
		while ((te = readdir(td))) {
			int tid = atoi(te->d_name), pfd;
			struct hyb_task t = { .tgid = tgid, .tid = tid, .flags = HYB_TS_RECHECK };

			if (tid <= 0)
				continue;
			pfd = pidfd_open(tid, tid == tgid ? 0 : PIDFD_THREAD);
			if (pfd < 0) {
				missed += errno != ESRCH;
				continue;
			}
			/* EEXIST: a fork, exec or rename made it already */
			if (bpf_map_update_elem(fd, &pfd, &t, BPF_NOEXIST) == 0)
				added++;
			else if (errno != EEXIST && errno != ESRCH)
				missed++;
			close(pfd);
		}
		closedir(td);
	}
	closedir(pd);
	pr_info("-a filters: %u tasks to decide at their next syscall, %u left out", added, missed);
}

/* -p: every thread of pid, read until no new one shows up (with -f, the kernel adds the rest). */
static int attach_pid(struct tracer *tr, pid_t pid)
{
	char path[64], why[192];
	int added = 0, round;

	/* again, now: the pid checked by the probe may have been reused since */
	if (proc_may_trace(pid, why, sizeof(why)) == -EPERM) {
		pr_warn("cannot attach to pid %d: %s", (int)pid, why);
		return -EPERM;
	}
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	for (round = 0; round < 16; round++) {
		DIR *d = opendir(path);
		struct dirent *de;
		int n = 0;

		if (!d) {
			int err = errno == ENOENT ? -ESRCH : -errno;

			if (added)
				return 0;
			pr_warn("cannot attach to pid %d: %s", (int)pid, strerror(-err));
			return err;
		}
		while ((de = readdir(d))) {
			pid_t tid = atoi(de->d_name);

			if (tid <= 0)
				continue;
			int r = task_add(tid, pid, 0);

			if (r < 0) {
				closedir(d);
				pr_warn("cannot attach to pid %d: %s", (int)tid, strerror(-r));
				return r;
			}
			if (r > 0) {
				n++;
				if (!(tr->o->quiet & QUIET_ATTACH))
					pr_warn("Process %d attached", (int)tid);
			}
		}
		closedir(d);
		added += n;
		if (!n)
			break;
	}
	return 0;
}

/*
 * Whether every thread we know of is gone: live_tasks cannot go below what the
 * kernel saw, but a thread added while it was exiting is never counted down.
 */
static bool tids_all_gone(void)
{
	for (size_t i = 0; i < B.ntids; i++)
		if (kill(B.tids[i], 0) == 0 || errno != ESRCH)
			return false;
	return true;
}

/* CLOCK_BOOTTIME - CLOCK_MONOTONIC for the BPF side's timestamps. */
static void boot_off_update(void)
{
	struct timespec m1, b, m2;
	int64_t mono, boot;

	clock_gettime(CLOCK_MONOTONIC, &m1);
	clock_gettime(CLOCK_BOOTTIME, &b);
	clock_gettime(CLOCK_MONOTONIC, &m2);
	mono = ((int64_t)m1.tv_sec + m2.tv_sec) * 500000000 + ((int64_t)m1.tv_nsec + m2.tv_nsec) / 2;
	boot = (int64_t)b.tv_sec * 1000000000 + b.tv_nsec;
	B.skel->bss->boot_off = boot - mono;
	bfunc_boot_off(boot - mono);
}

/*
 * Open the light skeleton, configure it and run its loader, which creates the maps, does the
 * CO-RE relocations against the kernel's own BTF and loads the programs (bpftool gen skeleton -L).
 * A failed load under --debug is done again with the verifier's log on, as libbpf does, and the
 * log shown (`log` set: that second load).
 */
static int load(struct tracer *tr, bool log)
{
	struct hyb_skel *skel = skel_open(tr->o, tr->cfg.fdpaths);
	char *vlog = NULL;
	int err;

	if (!skel) {
		err = errno ? -errno : -ENOMEM;
		pr_warn("cannot open the BPF programs: %s", strerror(-err));
		return err;
	}
	B.skel = skel;
	err = config(skel, tr);
	if (err)
		return err;
	if (log && (vlog = malloc(VLOG_SIZE))) {
		vlog[0] = 0;
		skel->ctx->log_level = 1;
		skel->ctx->log_size = VLOG_SIZE;
		skel->ctx->log_buf = (uintptr_t)vlog;
	}
	err = skel_load(skel, tr->o);
	if (err && log) {
		if (vlog)
			pr_info("the verifier's log:\n%s", vlog);
	} else if (err) {
		pr_warn("cannot load the BPF programs: %s (--debug shows the verifier's log)",
			strerror(-err));
		if (log_level >= 1) {
			skel_destroy(skel);
			B.skel = NULL;
			if (B.cg_fd >= 0)
				close(B.cg_fd);
			B.cg_fd = -1;
			load(tr, true);
		}
	}
	free(vlog);
	return err;
}

/* -e inject=: the command's end of the socket pair its seccomp listener comes back on */
static int inj_sock = -1;

static int bpf_start(struct tracer *tr)
{
	const struct opts *o = tr->o;
	struct hyb_skel *skel;
	struct spawn sp;
	bool spawned = false;
	int err;

	B.tr = tr;
	libbpf_set_print(libbpf_print);
	err = load(tr, false);
	if (err)
		return err;
	skel = B.skel;
	err = dev_maps_fill(skel, o);
	if (err)
		return err;
	if (B.cg_fd >= 0) {
		uint32_t z = 0;

		if (bpf_map_update_elem(skel->maps->cgroups.map_fd, &z, &B.cg_fd, BPF_ANY) < 0) {
			err = -errno;
			pr_warn("cannot filter on cgroup %s: %s", o->cgroup, strerror(-err));
			return err;
		}
	}
	boot_off_update();
	B.ring = ring_buffer__new(skel->maps->rb.map_fd, on_record, tr, NULL);
	if (!B.ring) {
		err = -errno;
		pr_warn("cannot map the BPF ring buffer: %s", strerror(-err));
		return err;
	}

	/* the command: created held, in the task map, and released once the programs are attached */
	if (o->argv) {
		err = spawn_prepare(&sp, o);
		if (err)
			return err;
		if (o->ninjects) {
			err = binj_prepare(&inj_sock);
			if (err) {
				spawn_release(&sp);
				return err;
			}
		}
		pid_t child = spawn_start(&sp, o, o->ninjects ? binj_child : NULL, &inj_sock);

		if (child < 0) {
			spawn_release(&sp);
			return (int)child;
		}
		tr->child = child;
		spawned = true;
		/* -e inject=: the supervisor waits for the listener the command sends */
		if (o->ninjects && (err = binj_start(tr)) != 0)
			goto kill_child;
		err = task_add(child, child, HYB_TS_PRE_EXEC);
		if (err < 0) {
			pr_warn("cannot trace the command: %s", strerror(-err));
			goto kill_child;
		}
	}
	if (tr->funcs) {
		struct bfunc_shared sh = {
			.rb_fd = skel->maps->rb.map_fd, .tasks_fd = skel->maps->tasks.map_fd,
			.drops_fd = skel->maps->drops.map_fd,
			.mode = B.target ? HYB_MODE_TARGET : HYB_MODE_ALL, .ring = B.ring,
			.ring_size = B.ring_size, .ring_half = B.ring_size / 2,
			.life_reserve = B.ring_size / 16 > 1024 ? B.ring_size / 16 : 1024,
		};

		err = bfunc_start(tr, &sh, spawned ? tr->child : 0);
		if (err) {
			if (spawned)
				goto kill_child;
			return err;
		}
		boot_off_update();
	}
	err = skel_attach(skel, tr->o);
	if (err) {
		pr_warn("cannot attach the BPF programs: %s", strerror(-err));
		if (spawned)
			goto kill_child;
		return err;
	}
	pr_info("BPF programs attached (%s), ring buffer %llu bytes", skel->ded ?
		"dedicated per-syscall tracepoints" : "raw_syscalls tracepoints",
		(unsigned long long)ring_size(o));
	for (int i = 0; i < o->npids; i++) {
		err = attach_pid(tr, o->pids[i]);
		if (err && o->npids == 1 && !spawned)
			return err;
	}
	if (!B.target && o->cgroup)	/* --comm alone: a task under the name decides at once */
		all_seed();
	if (spawned) {
		bstack_seed(tr, tr->child);	/* -k: its execve's stack is in these maps */
		spawn_release(&sp);	/* let it go on to execve */
	}
	return 0;

kill_child:
	kill(tr->child, SIGKILL);
	waitpid(tr->child, NULL, 0);
	tr->child = 0;
	spawn_release(&sp);
	return err;
}

/* -- run ---------------------------------------------------------------------- */

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void check_child(struct tracer *tr)
{
	int st;

	if (!tr->child || tr->child_done)
		return;
	reap_others(tr->child);
	if (waitpid(tr->child, &st, WNOHANG) == tr->child) {
		tr->exit_status = st;
		tr->child_done = true;
	}
}

/* Per-CPU drop counters summed; pending: not yet reported by a HY_REC_LOST. */
static int drops_read(uint64_t total[HY_LOST_NR], uint64_t pending[HY_LOST_NR])
{
	int ncpus = libbpf_num_possible_cpus();
	struct hyb_drops *d;
	uint32_t z = 0;

	if (ncpus <= 0)
		return -EINVAL;
	d = calloc(ncpus, sizeof(*d));
	if (!d)
		return -ENOMEM;
	if (bpf_map_lookup_elem(B.skel->maps->drops.map_fd, &z, d) < 0) {
		free(d);
		return -errno;
	}
	memset(total, 0, HY_LOST_NR * sizeof(total[0]));
	memset(pending, 0, HY_LOST_NR * sizeof(pending[0]));
	for (int c = 0; c < ncpus; c++)
		for (int i = 0; i < HY_LOST_NR; i++) {
			total[i] += d[c].total[i];
			pending[i] += d[c].pending[i];
		}
	free(d);
	return 0;
}

static void feed_simple(struct tracer *tr, int type, pid_t pid, pid_t tid, uint64_t a0, uint64_t a1)
{
	struct hy_rec r = {
		.type = type,
		.size = sizeof(r),
		.pid = pid,
		.tid = tid,
		.ts_enter = boottime_ns(),
		.args = { a0, a1 },
	};

	pipeline_feed(tr->pl, &r, sizeof(r));
}

/* Sum the per-CPU -c totals into B.sums. */
static int sums_read(void)
{
	int ncpus = libbpf_num_possible_cpus(), fd = B.skel->maps->sums.map_fd;
	struct hy_sum *v;

	if (ncpus <= 0)
		return -EINVAL;
	v = calloc(ncpus, sizeof(*v));
	if (!v)
		return -ENOMEM;
	memset(B.sums, 0, sizeof(B.sums));
	for (uint32_t nr = 0; nr < HY_NR_MAX; nr++) {
		struct hy_sum *s = &B.sums[nr];

		if (bpf_map_lookup_elem(fd, &nr, v) < 0)
			continue;
		for (int c = 0; c < ncpus; c++) {
			if (!v[c].calls)
				continue;
			if (!s->calls || v[c].ns_min < s->ns_min)
				s->ns_min = v[c].ns_min;
			if (v[c].ns_max > s->ns_max)
				s->ns_max = v[c].ns_max;
			s->calls += v[c].calls;
			s->errors += v[c].errors;
			s->ns_total += v[c].ns_total;
		}
	}
	free(v);
	return 0;
}

/* The end: detach, drain, report what is left (lost events, detached tasks, -c totals). */
static void finish(struct tracer *tr)
{
	const struct opts *o = tr->o;
	uint64_t total[HY_LOST_NR], pending[HY_LOST_NR];
	int fd = B.skel->maps->tasks.map_fd;

	skel_detach(B.skel);
	bfunc_detach();	/* what it told of still stopped tasks: they go on in this drain */
	while (ring_buffer__consume(B.ring) > 0)
		;
	stash_flush(tr);
	held_release(tr, 0);
	/* threads still traced (Ctrl-C, --duration, -p): detached now */
	for (size_t i = 0; i < B.ntids; i++) {
		pid_t tid = B.tids[i];
		struct hyb_task t;
		int pfd = pidfd_open(tid, PIDFD_THREAD);

		if (pfd < 0)
			pfd = pidfd_open(tid, 0);
		if (pfd < 0)
			continue;	/* gone */
		if (bpf_map_lookup_elem(fd, &pfd, &t) == 0 && !(t.flags & HYB_TS_PRE_EXEC)) {
			if (t.ts)
				feed_simple(tr, HY_REC_DETACH, t.tgid, tid, 0, 0);
			if (!(o->quiet & QUIET_ATTACH))
				pr_warn("Process %d detached", (int)tid);
		}
		close(pfd);
	}
	if (drops_read(total, pending) == 0) {
		for (int i = 0; i < HY_LOST_NR; i++)
			if (pending[i])
				feed_simple(tr, HY_REC_LOST, 0, 0, pending[i], i);
		if (total[HY_LOST_READ_FAILED])
			pr_info("%llu user-memory reads failed (shown as addresses)",
				(unsigned long long)total[HY_LOST_READ_FAILED]);
	}
	if (o->cflag == 1 && sums_read() == 0) {
		for (unsigned int nr = 0; nr < HY_NR_MAX; nr++)
			if (B.sums[nr].calls)
				pipeline_add_summary(tr->pl, nr, &B.sums[nr]);
	}
	pr_info("%llu records from the kernel", (unsigned long long)B.records);
}

static int bpf_run(struct tracer *tr)
{
	int epfd = ring_buffer__epoll_fd(B.ring), timeout = POLL_MIN_MS, err = 0;
	uint64_t start = mono_ms(), last_reap = start;
	struct epoll_event ev;

	for (;;) {
		int n;

		/* what the last drain rendered reaches the files before we sleep */
		pipeline_idle(tr->pl);
		if (epoll_wait(epfd, &ev, 1, timeout) < 0 && errno != EINTR) {
			err = -errno;
			pr_warn("cannot poll the BPF ring buffer: %s", strerror(-err));
			break;
		}
		n = ring_buffer__consume(B.ring);
		if (n < 0) {
			err = n;
			pr_warn("cannot read the BPF ring buffer: %s", strerror(-n));
			break;
		}
		stash_flush(tr);	/* calls still running after this drain show as started */
		/* adaptive: poll often while records come, back off when idle */
		timeout = n > 0 ? POLL_MIN_MS : (timeout * 2 > POLL_MAX_MS ? POLL_MAX_MS : timeout * 2);
		check_child(tr);
		if (*tr->stop)
			break;
		uint64_t now = mono_ms();

		boot_off_update();

		if (B.target && (!tr->child || tr->child_done)) {
			if (__atomic_load_n(&B.skel->bss->live_tasks, __ATOMIC_SEQ_CST) <= 0)
				break;
			if (now - last_reap >= 500) {
				last_reap = now;
				B.stale = tids_all_gone() ? B.stale + 1 : 0;
				if (B.stale >= 2)
					break;
			}
		} else if (tr->child && tr->child_done) {
			break;
		}
	}
	finish(tr);
	return err;
}

static void bpf_cleanup(struct tracer *tr)
{
	(void)tr;
	binj_stop();	/* before the programs go: a held call's record still comes */
	ring_buffer__free(B.ring);
	B.ring = NULL;
	/* destroying the skeleton closes the links: no hytrace program stays attached */
	skel_destroy(B.skel);
	B.skel = NULL;
	if (B.cg_fd >= 0)
		close(B.cg_fd);
	B.cg_fd = -1;
	rb_free(&B.rb);
	rb_free(&B.fix);
	rb_free(&B.dump);
	joins_free();
	stash_free();
	bstack_cleanup();
	bfunc_cleanup();
	free(B.tids);
	B.tids = NULL;
	B.ntids = B.captids = 0;
}

const struct backend backend_bpf = {
	.name = "bpf",
	.probe = bpf_probe,
	.start = bpf_start,
	.run = bpf_run,
	.cleanup = bpf_cleanup,
};
