// SPDX-License-Identifier: LGPL-2.1-or-later
/* backend_input.c: --input FILE: a strace log read back into events, like a live trace. */
/*
 * Each line is split by strace_parse.c and becomes the record a backend would have sent,
 * with its value tree already built, handed to pipeline_feed_decoded(): the sinks, the
 * -e trace= filter and the task table work as for a live trace.  What the log does not say
 * is inferred: the pid of lines without a prefix, the process tree (from clone/fork/vfork
 * results), comm (from execve and PR_SET_NAME), and the options strace was run with
 * (-f, -t/-tt/-ttt/-r, -T, -x/-xx), which are taken as output options unless given, so
 * that `hytrace --input log` prints the log again.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "backend.h"
#include "clock.h"
#include "log.h"
#include "symbol.h"
#include "strace_parse.h"
#include "tidmap.h"

/*
 * Bounds on what one log may make us keep.  A line: strace's longest are execve with -v and
 * strings with -s N -xx (4 N bytes): 16 MiB leaves room for -s 4M.  The rest of a line too long
 * is skipped up to its newline, for 256 MiB at most: past that the input is not a log
 * (/dev/zero, a binary) and reading stops.
 */
#define INPUT_LINE_MAX (16u << 20)
#define INPUT_SKIP_MAX (256u << 20)
#define LOOKAHEAD_MAX 100000	/* lines kept while the pid of unprefixed lines is unknown */
#define LOOKAHEAD_BYTES (64u << 20)	/* ... and their bytes */
/*
 * The pid given to unprefixed lines when the log never says it (strace -p PID -o log): above
 * PID_MAX_LIMIT (4194304, include/linux/threads.h), so never a real one, and never 0, which
 * the sinks take as "no task".
 */
#define PID_UNKNOWN 4194304
#define NCHILD_MAX 64		/* clone results remembered while the pid is unknown */

/* A name looked up (shorter than name[]), and its answer: lookup_se() without a search. */
#define SE_MEMO 256
struct se_memo {
	unsigned char len;	/* 0: empty */
	char name[31];
	long nr;
	const struct sysent *se;
	unsigned char what;	/* SE_* */
};

/* What a call is to the reader, from its name: looked up once per name (lookup_se()) */
#define SE_CLONE	1	/* clone, clone3, fork, vfork */
#define SE_EXEC		2	/* execve, execveat */
#define SE_PRCTL	4
#define SE_GETRANDOM	8

/* What we know of one thread of the log, in in.tasks by tid. */
struct itask {
	pid_t tid, pid;		/* pid: its thread group */
	bool fork_sent;		/* a FORK record was sent for it */
	char comm[HY_COMM_LEN];
	/* an unfinished call: its name, argument text and time, until "<... resumed>" */
	bool unf;
	long unf_nr;
	const struct sysent *unf_se;
	char *unf_text;
	size_t unf_len;
	uint64_t unf_ts;
	bool unf_clone;		/* clone/clone3/fork/vfork */
	bool unf_thread;	/* ... with CLONE_THREAD */
};

struct lbuf {
	char *s;		/* len bytes (any byte, a NUL too), then a NUL */
	size_t len;
	unsigned long lineno;
	char *frames;		/* -k: its " > " lines, each ending in '\n', or NULL */
	size_t flen;
};

#define FRAMES_MAX	HY_STACK_DEPTH_MAX	/* -k lines kept for one call */

/* One log read (--input FILE FILE2..., or strace -ff's FILE.PID files): merged in time order. */
struct src {
	int fd;
	bool close_fd;
	char *name;		/* malloc'd */
	pid_t file_pid;		/* from a -ff file name FILE.PID, else 0 */
	struct sp_reader rd;
	const char *s;		/* its next line, n bytes (valid until rd is read again) */
	size_t n;
	bool has;		/* s holds a line */
	bool done;
	unsigned long lineno;
	uint64_t key;		/* the line's time for the merge (0: none) */
};

struct input {
	struct src *srcs;
	int nsrc;
	int fd;
	/* -k logs: the line before the " > " frame lines that follow it, and those frames */
	char *pend;
	size_t pend_len, pend_cap;
	unsigned long pend_lineno;
	bool has_pend;
	char *pend2;		/* "+++ exited ..." after a call that never returned ("= ?"): strace -k
				   writes that call's frames after it */
	size_t pend2_len, pend2_cap;
	unsigned long pend2_lineno;
	bool has_pend2;
	char *ftext;		/* the " > " lines after it, each ending in '\n' */
	size_t flen, fcap;
	struct sym_frame frames[FRAMES_MAX];
	char *frame_text[FRAMES_MAX];	/* each frame's strings, one allocation */
	unsigned int nframes;
	unsigned long frames_seen;
	const char *name;	/* the log being read (its struct src's) */
	pid_t file_pid;		/* ... its pid from a -ff file name FILE.PID, else 0 */
	pid_t cont_tid;		/* the task whose call the last line left unfinished, or 0 */
	bool in_table;		/* inside a -c/-C summary table */
	unsigned long table_line, table_rows;	/* where the last table began; rows seen */
	unsigned long events;	/* lines that made an event */
	unsigned long continued;	/* calls ended on a continuation line */
	struct tidmap tasks;	/* struct itask by tid: the threads alive in the log */
	struct sp_state st;
	bool seen_line;		/* the options were learnt from the first line */
	struct opts *o;		/* ours to complete: main's struct, not a constant */
	bool x_given;		/* -x or -xx on the command line */
	unsigned long lineno, bad, messages;
	/* time */
	int64_t midnight_ns;	/* -t/-tt: today's midnight, CLOCK_REALTIME ns */
	uint64_t day_ns;	/* days added after a wrap past midnight */
	int64_t last_tod;	/* -t/-tt: the last time of day seen, s */
	uint64_t rel_ns;	/* -r: the running sum */
	bool rebased;		/* the first absolute time was seen (and the clock moved if needed) */
	/* the pid of unprefixed lines (stderr logs: the only live process) */
	pid_t dflt_pid;
	bool dflt_known;
	struct lbuf *held;	/* lines read while it is unknown */
	size_t nheld, heldcap, held_bytes;
	pid_t children[NCHILD_MAX];	/* ... and the children their unprefixed clones made */
	int nchild;
	struct sysent fake[64];	/* names of syscalls unknown to the table */
	char fake_name[64][64];
	int nfake;
	struct se_memo memo[SE_MEMO];	/* lookup_se()'s last answers, by a hash of the name */
};

static struct input in;

/* -- tasks ---------------------------------------------------------------------------------- */

static void itask_fini(void *val)
{
	struct itask *t = val;

	free(t->unf_text);
}

static struct itask *itask_get(pid_t tid)
{
	return tidmap_get(&in.tasks, tid);
}

/* The task of tid, added if new (*created, may be NULL, says so); NULL when out of memory. */
static struct itask *itask_add_c(pid_t tid, bool *created)
{
	bool c;
	struct itask *t = tidmap_add(&in.tasks, tid, &c);

	if (t && c)
		t->tid = t->pid = tid;
	if (created)
		*created = t && c;
	return t;
}

static struct itask *itask_add(pid_t tid)
{
	return itask_add_c(tid, NULL);
}

/* -- events --------------------------------------------------------------------------------- */

static void ev_init(struct event *ev, int type, const struct itask *t, uint64_t ts)
{
	memset(&ev->r, 0, sizeof(ev->r));	/* the blobs count only up to nblobs */
	ev->nblobs = 0;
	ev->r.type = type;
	ev->r.size = sizeof(ev->r);
	ev->r.pid = t->pid;
	ev->r.tid = t->tid;
	ev->r.ts_enter = ts;
	memcpy(ev->r.comm, t->comm, HY_COMM_LEN);
}

static void send_plain(struct pipeline *pl, struct event *ev)
{
	pipeline_feed_decoded(pl, ev, pipeline_dctx(pl, ev));
}

/* A new task: its FORK record (parent p, thread or process); 0 or -ENOMEM. */
static int send_fork(struct pipeline *pl, pid_t parent, pid_t child, bool thread, uint64_t ts)
{
	struct itask *c = itask_add(child), *p = itask_get(parent);
	struct event ev;

	if (!c)
		return -ENOMEM;
	if (c->fork_sent || !p)
		return 0;
	c->fork_sent = true;
	c->pid = thread ? p->pid : child;
	memcpy(c->comm, p->comm, HY_COMM_LEN);
	ev_init(&ev, HY_REC_FORK, c, ts);
	ev.r.args[0] = child;
	ev.r.args[1] = c->pid;
	ev.r.args[2] = p->tid;
	ev.r.args[3] = p->pid;
	if (thread)
		ev.r.flags |= HY_F_THREAD;
	send_plain(pl, &ev);
	return 0;
}

static unsigned char se_what(const struct sysent *se)
{
	if (!se)
		return 0;
	if (!strcmp(se->name, "clone") || !strcmp(se->name, "clone3") ||
	    !strcmp(se->name, "fork") || !strcmp(se->name, "vfork"))
		return SE_CLONE;
	if (!strcmp(se->name, "execve") || !strcmp(se->name, "execveat"))
		return SE_EXEC;
	if (!strcmp(se->name, "prctl"))
		return SE_PRCTL;
	if (!strcmp(se->name, "getrandom"))
		return SE_GETRANDOM;
	return 0;
}

static bool has_thread_flag(const char *s, size_t n)
{
	return memmem(s, n, "CLONE_THREAD", 12) != NULL;
}

static const struct sysent *lookup_se_slow(const char *name, size_t n, long *nr);

/*
 * The syscall table entry for a name: the table's, or one made up to keep the name.  The
 * answer for a name never changes (made-up entries stay), so the last ones are remembered.
 */
static const struct sysent *lookup_se(const char *name, size_t n, long *nr, unsigned char *what)
{
	uint64_t a = 0, b = 0;	/* a hash of the length and the ends: no pass over the name */
	size_t k = n < 8 ? n : 8;

	memcpy(&a, name, k);
	memcpy(&b, name + n - k, k);
	a = (a ^ (b * 0x9e3779b97f4a7c15ull) ^ n) * 0xff51afd7ed558ccdull;
	struct se_memo *m = &in.memo[(a >> 40) & (SE_MEMO - 1)];

	if (m->len == n && !memcmp(m->name, name, n)) {
		*nr = m->nr;
		*what = m->what;
		return m->se;
	}
	const struct sysent *se = lookup_se_slow(name, n, nr);

	*what = se_what(se);
	if (n && n < sizeof(m->name)) {
		m->len = (unsigned char)n;
		memcpy(m->name, name, n);
		m->nr = *nr;
		m->se = se;
		m->what = *what;
	}
	return se;
}

static const struct sysent *lookup_se_slow(const char *name, size_t n, long *nr)
{
	char buf[64];

	*nr = -1;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	if (!strncmp(buf, "syscall_0x", 10)) {
		*nr = strtol(buf + 10, NULL, 16);
		return sysent_get(*nr);
	}
	*nr = sysent_lookup(buf);
	if (*nr >= 0)
		return sysent_get(*nr);
	for (int i = 0; i < in.nfake; i++)
		if (!strcmp(in.fake[i].name, buf))
			return &in.fake[i];
	if (in.nfake == (int)(sizeof(in.fake) / sizeof(in.fake[0])))
		return NULL;	/* printed as syscall_0x... */
	struct sysent *se = &in.fake[in.nfake];

	memcpy(in.fake_name[in.nfake], buf, n + 1);
	se->name = in.fake_name[in.nfake++];
	se->ret = RV_DEC;
	return se;
}

/*
 * Times: the line's time as CLOCK_BOOTTIME ns (0: the log has none).  Computed modulo 2^64 like
 * every record time (see ts_shift()): a log from before this boot, or one with absurd times,
 * wraps instead of overflowing.
 */
static uint64_t line_ts(struct pipeline *pl, const struct sp_line *l)
{
	uint64_t real, sec = (uint64_t)l->ts_sec, nsec = (uint64_t)l->ts_usec * 1000;

	switch (l->tstyle) {
	case SP_TS_TTT:
		real = sec * 1000000000ull + nsec;
		break;
	case SP_TS_T:
	case SP_TS_TT:
		if (l->ts_sec + 12 * 3600 < in.last_tod)	/* past midnight */
			in.day_ns += 86400ull * 1000000000ull;
		in.last_tod = l->ts_sec;
		real = (uint64_t)in.midnight_ns + in.day_ns + sec * 1000000000ull + nsec;
		break;
	case SP_TS_R:
		in.rel_ns += sec * 1000000000ull + nsec;
		return in.rel_ns;
	default:
		return 0;
	}
	/*
	 * A log recorded before this boot: its times would be negative CLOCK_BOOTTIME (wrapping
	 * as unsigned, 1.8e16 us in TEF); the first such time moves the clock offset to an hour
	 * before it, and wall-clock times stay the log's own
	 */
	if (!in.rebased && (int64_t)real < pipeline_boot_to_real(pl) + 3600000000000ll) {
		pipeline_set_boot_to_real(pl, (int64_t)real - 3600000000000ll);
		pr_info("%s: times before this boot: the trace's clock starts an hour before the "
			"log's first", in.name);
	}
	in.rebased = true;
	return real - (uint64_t)pipeline_boot_to_real(pl);
}

/* Take the log's options as output options where the command line says nothing. */
static void learn_options(struct tracer *tr, const struct sp_line *l)
{
	struct opts *o = (struct opts *)tr->o;	/* ours: main's struct, not a constant */

	if (!in.seen_line && (l->kind == SP_SYSCALL || l->kind == SP_UNFINISHED ||
			 l->kind == SP_RESUMED || l->kind == SP_SIGNAL || l->kind == SP_EXITED)) {
		in.seen_line = true;
		if (!o->tflag && !o->rflag) {
			if (l->tstyle == SP_TS_R)
				o->rflag = true;
			else if (l->tstyle != SP_TS_NONE)
				o->tflag = l->tstyle;	/* SP_TS_T..TTT are 1..3 */
		}
		if (!o->follow && l->pidstyle == SP_PID_PLAIN)
			o->follow = 1;
	}
	if (l->has_dur && !o->Tflag)
		o->Tflag = true;
}

/* -x/-xx as learnt from the strings so far, unless given: before each event is printed. */
static void sync_xflag(void)
{
	if (!in.x_given && in.o->d.xflag < in.st.xflag)
		in.o->d.xflag = in.st.xflag;
}

static void set_comm(struct itask *t, const char *s, size_t n)
{
	const char *slash = memrchr(s, '/', n);

	if (slash) {
		n -= slash + 1 - s;
		s = slash + 1;
	}
	memset(t->comm, 0, HY_COMM_LEN);
	memcpy(t->comm, s, n < HY_COMM_LEN - 1 ? n : HY_COMM_LEN - 1);
}

/* After a successful execve: an EXEC record with its argv; comm from the file name. */
static void send_exec(struct pipeline *pl, struct itask *t, const struct hv *args, uint64_t ts)
{
	char argv[HY_CMDLINE_MAX];
	size_t len = 0;
	const struct hv *path = args->child, *av = path ? path->next : NULL;
	struct event ev;

	if (path && path->kind == HV_FD)	/* execveat(dirfd, path, argv...) */
		path = av, av = av ? av->next : NULL;
	if (path && path->kind == HV_STR)
		set_comm(t, path->text, path->len);
	for (const struct hv *c = av && av->kind == HV_ARRAY ? av->child : NULL; c; c = c->next) {
		if (c->kind != HV_STR || len + c->len + 1 > sizeof(argv))
			break;
		memcpy(argv + len, c->text, c->len);
		len += c->len;
		argv[len++] = '\0';
	}
	ev_init(&ev, HY_REC_EXEC, t, ts);
	ev.r.args[0] = t->tid;
	if (len) {
		ev.nblobs = 1;
		memset(&ev.b[0], 0, sizeof(ev.b[0]));	/* ev_init() leaves the blobs */
		ev.b[0].h.arg = HY_ARG_EXTRA;
		ev.b[0].h.when = HY_AT_ENTER;
		ev.b[0].h.len = len;
		ev.b[0].data = (const uint8_t *)argv;
	}
	send_plain(pl, &ev);
}

/* A line that is not strace's: its first 200 bytes, any byte not printable ASCII as \xNN. */
static void bad_line(const char *why, const char *s, size_t n)
{
	char show[4 * 200 + 1];
	size_t k = 0;

	in.bad++;
	for (size_t i = 0; i < n && i < 200; i++) {
		unsigned char c = s[i];

		if (c < ' ' || c >= 0x7f)
			k += snprintf(show + k, sizeof(show) - k, "\\x%02x", c);
		else
			show[k++] = c;
	}
	show[k] = '\0';
	pr_warn("%s:%lu: cannot parse: %s: %s%s", in.name, in.lineno, why, show,
		n > 200 ? "..." : "");
}

/* A call's start: an ENTER record with the arguments known so far; 0 or -ENOMEM. */
static int do_unfinished(struct pipeline *pl, struct itask *t, const struct sp_line *l,
			 uint64_t ts)
{
	long nr;
	unsigned char what;
	const struct sysent *se = lookup_se(l->name, l->name_len, &nr, &what);
	struct event ev;

	if (t->unf)	/* a previous unfinished call was never resumed: forget it */
		free(t->unf_text);
	t->unf = false;
	t->unf_text = malloc(l->body_len + 1);
	if (!t->unf_text)
		return -ENOMEM;
	memcpy(t->unf_text, l->body, l->body_len);
	t->unf_len = l->body_len;
	t->unf = true;
	t->unf_nr = nr;
	t->unf_se = se;
	t->unf_ts = ts;
	t->unf_clone = what & SE_CLONE;
	t->unf_thread = t->unf_clone && has_thread_flag(l->body, l->body_len);

	ev_init(&ev, HY_REC_ENTER, t, ts);
	ev.r.nr = (int)nr;
	struct dctx *d = pipeline_dctx(pl, &ev);

	d->se = se;
	d->exiting = false;
	d->args = sp_args(d, &in.st, l->body, l->body_len, &d->pending);
	sync_xflag();
	pipeline_feed_decoded(pl, &ev, d);
	return 0;
}

/*
 * A whole call (or the end of one): a SYSCALL record, and FORK/EXEC records it implies;
 * 0 or -ENOMEM.
 */
static int do_call(struct pipeline *pl, struct itask *t, const struct sp_line *l, uint64_t ts,
		    const char *raw, size_t rawlen)
{
	const char *body = l->body, *why = NULL;
	size_t blen = l->body_len;
	char *joined = NULL;
	long nr;
	unsigned char what;
	const struct sysent *se = lookup_se(l->name, l->name_len, &nr, &what);
	struct event ev;
	struct sp_call c;
	bool resumed = false;
	int err = 0;

	if (l->kind == SP_RESUMED && t->unf && t->unf_se == se) {
		joined = malloc(t->unf_len + blen + 1);
		if (!joined)
			return -ENOMEM;
		memcpy(joined, t->unf_text, t->unf_len);
		memcpy(joined + t->unf_len, body, blen);
		body = joined;
		blen += t->unf_len;
		resumed = true;
	}
	ev_init(&ev, HY_REC_SYSCALL, t, ts);
	ev.r.nr = (int)nr;
	struct dctx *d = pipeline_dctx(pl, &ev);

	d->se = se;
	in.st.no_xlearn = what & SE_GETRANDOM;
	if (sp_call(d, &in.st, body, blen, &c, &why)) {
		bad_line(why, raw, rawlen);
		goto out;
	}
	d->args = c.args;
	d->ret = c.retval;
	d->ret_note = c.ret_note;
	d->ret_is_error = c.is_error;
	ev.r.ret = c.ret;
	if (c.no_exit)
		ev.r.flags |= HY_F_NO_EXIT;
	ev.r.flags |= c.tamper;
	if ((c.tamper & HY_F_INJECTED) && !c.is_error)
		ev.r.flags |= HY_F_INJ_RETVAL;	/* "= -1 (INJECTED)": a value, not an error */
	if (c.is_error && c.ret <= -512 && c.ret >= -516)
		ev.r.flags |= HY_F_RESTART;
	/* times: with -T, the duration is exact; the exit is when the line was printed */
	if (resumed) {
		ev.r.flags |= HY_F_ENTER_SEEN;
		ev.r.ts_enter = t->unf_ts;
		ev.r.ts_exit = ts;
	} else {
		ev.r.ts_exit = l->has_dur ? ts + l->dur_ns : 0;
	}
	if (l->has_dur) {
		if (ev.r.ts_exit > l->dur_ns)
			ev.r.ts_enter = ev.r.ts_exit - l->dur_ns;
		else	/* no clock in the log: keep the duration (ts_exit 0 would mean none) */
			ev.r.ts_enter = 0, ev.r.ts_exit = l->dur_ns ? l->dur_ns : 1;
	}
	if (c.no_exit && !resumed)
		ev.r.ts_exit = 0;
	bool reparse = false;

	if ((what & SE_EXEC) && !c.is_error && !c.no_exit && c.ret == 0) {
		send_exec(pl, t, c.args, ev.r.ts_enter);
		reparse = true;	/* the EXEC record reset the arena */
	}
	if ((what & SE_PRCTL) && !c.is_error && c.args->child &&
	    c.args->child->kind == HV_SYM && !strcmp(c.args->child->text, "PR_SET_NAME") &&
	    c.args->child->next && c.args->child->next->kind == HV_STR)
		set_comm(t, c.args->child->next->text, c.args->child->next->len);
	memcpy(ev.r.comm, t->comm, HY_COMM_LEN);
	if (reparse) {
		d = pipeline_dctx(pl, &ev);
		d->se = se;
		sp_call(d, &in.st, body, blen, &c, &why);
		d->args = c.args;
		d->ret = c.retval;
		d->ret_note = c.ret_note;
		d->ret_is_error = c.is_error;
	}
	sync_xflag();
	if (in.nframes)	/* a -k log: the frames after this line */
		pipeline_next_frames(pl, in.frames, in.nframes);
	pipeline_feed_decoded(pl, &ev, d);
	if ((what & SE_CLONE) && !c.is_error && !c.no_exit && c.ret > 0) {
		bool thread = has_thread_flag(body, blen);

		err = send_fork(pl, t->tid, (pid_t)c.ret, thread,
			       ev.r.ts_exit ? ev.r.ts_exit : ev.r.ts_enter);
	}
out:
	if (resumed || l->kind == SP_RESUMED) {
		free(t->unf_text);
		t->unf_text = NULL;
		t->unf = false;
	}
	free(joined);
	return err;
}

/*
 * The end of the call left unfinished on the line before, on a line of its own without a pid
 * or a time: strace 6.1 writes `-e status=!unfinished` logs (systrument's flags) so, e.g.
 *	17033 1796636575.293203 openat(AT_FDCWD, "/x", O_RDONLY <unfinished ...>
 *	)                                       = -1 ENOENT (No such file or directory) <0.000017>
 * Read as "<... openat resumed>" with the rest: the call ends its duration after its start.
 */
static int do_continuation(struct tracer *tr, const char *s, size_t n)
{
	struct itask *t = itask_get(in.cont_tid);
	char *line;
	int len, err;
	struct sp_line l;

	in.cont_tid = 0;
	if (!t || !t->unf || !t->unf_se) {
		bad_line("no syscall name", s, n);
		return 0;
	}
	len = asprintf(&line, "<... %s resumed>%.*s", t->unf_se->name, (int)n, s);
	if (len < 0)
		return -ENOMEM;
	sp_line(&l, line, (size_t)len);
	if (l.kind != SP_RESUMED) {
		bad_line(l.why, s, n);
		free(line);
		return 0;
	}
	in.continued++;
	err = do_call(tr->pl, t, &l, t->unf_ts + (l.has_dur ? l.dur_ns : 0), line, (size_t)len);
	free(line);
	return err;
}

/* The pid of an unprefixed line in a stderr log: the only process left, else the one learnt. */
static pid_t only_task(void)
{
	pid_t dflt = in.dflt_pid;

	if (tidmap_count(&in.tasks) == 1 && !in.file_pid) {
		unsigned int pos = 0;

		tidmap_next(&in.tasks, &pos, &dflt);
	}
	return dflt;
}

/*
 * One line of the log (n bytes, any byte), unprefixed ones as dflt's (-1: only_task(), found
 * only for them); 0 or -ENOMEM.
 */
static int do_line(struct tracer *tr, const char *s, size_t n, pid_t dflt)
{
	struct pipeline *pl = tr->pl;
	struct sp_line l;
	struct event ev;

	sp_line(&l, s, n);
	if (l.kind == SP_BAD && l.pidstyle == SP_PID_NONE && in.cont_tid)
		return do_continuation(tr, s, n);
	in.cont_tid = 0;
	if (l.kind == SP_BAD) {
		bad_line(l.why, s, n);
		return 0;
	}
	if (l.kind == SP_MESSAGE || l.kind == SP_ATTACHED) {
		in.messages++;
		pr_info("%s:%lu: not an event: %.*s", in.name, in.lineno, (int)n, s);
		return 0;
	}
	pid_t tid = l.pidstyle != SP_PID_NONE ? l.pid : l.kind == SP_DETACHED ? l.pid :
		    dflt == -1 ? only_task() : dflt;
	bool fresh;
	struct itask *t = itask_add_c(tid, &fresh);
	int err = 0;

	if (!t)
		return -ENOMEM;
	learn_options(tr, &l);
	uint64_t ts = line_ts(pl, &l);

	if (fresh && tidmap_count(&in.tasks) > 1) {
		/* a new task: the child of the one task inside a clone, if only one is */
		struct itask *parent = NULL, *p;
		unsigned int pos = 0;
		int n_in_clone = 0;

		while ((p = tidmap_next(&in.tasks, &pos, NULL))) {
			if (p->unf && p->unf_clone) {
				parent = p;
				n_in_clone++;
			}
		}
		if (n_in_clone == 1 && (err = send_fork(pl, parent->tid, tid, parent->unf_thread, ts)))
			return err;
	}
	in.events++;
	switch (l.kind) {
	case SP_SYSCALL:
	case SP_RESUMED:
		err = do_call(pl, t, &l, ts, s, n);
		break;
	case SP_UNFINISHED:
		err = do_unfinished(pl, t, &l, ts);
		in.cont_tid = tid;	/* its end may come on the next line, unprefixed */
		break;
	case SP_SIGNAL:
	case SP_STOPPED: {
		ev_init(&ev, l.kind == SP_SIGNAL ? HY_REC_SIGNAL : HY_REC_SIGSTOP, t, ts);
		ev.r.nr = l.num;
		struct dctx *d = pipeline_dctx(pl, &ev);

		if (l.body_len)
			hv_add(d->args, NULL, sp_value(d, &in.st, l.body, l.body_len));
		sync_xflag();
		pipeline_feed_decoded(pl, &ev, d);
		break;
	}
	case SP_EXITED:
	case SP_KILLED:
	case SP_DETACHED:
		ev_init(&ev, l.kind == SP_DETACHED ? HY_REC_DETACH : HY_REC_EXIT, t, ts);
		ev.r.nr = l.num;
		if (l.kind == SP_KILLED)
			ev.r.flags |= HY_F_KILLED | (l.core ? HY_F_CORE : 0);
		send_plain(pl, &ev);
		/* the tid may be reused by a later task: forget this one (and its unfinished call) */
		tidmap_del(&in.tasks, tid);
		break;
	default:
		break;
	}
	return err;
}

/* -- the pid of unprefixed lines ------------------------------------------------------------ */

/* The value after the last ") = " of a call's line: a positive number, else 0. */
static long ret_number(const struct sp_line *l)
{
	const char *end = l->body + l->body_len, *eq = NULL;
	long r = 0;

	for (const char *p = l->body; p + 2 < end; p++)
		if (p[0] == ')' && p[1] == ' ')
			eq = p;
	if (!eq)
		return 0;
	while (eq < end && (*eq == ')' || *eq == ' '))
		eq++;
	if (eq == end || *eq++ != '=')
		return 0;
	while (eq < end && *eq == ' ')
		eq++;
	for (; eq < end && isdigit((unsigned char)*eq) && r < 1 << 30; eq++)
		r = r * 10 + (*eq - '0');
	return r;
}

static bool name_is(const struct sp_line *l, const char *name)
{
	size_t n = strlen(name);

	return l->name_len == n && !memcmp(l->name, name, n);
}

/*
 * Learn from one more held line (each is seen once: linear in the log) the pid of lines
 * without a prefix: a call that returns the caller's own id, or the first prefixed pid that
 * is not a child created by them.  true when found, in in.dflt_pid.
 */
static bool learn_default(const char *s, size_t n)
{
	struct sp_line l;

	sp_line(&l, s, n);
	if (l.pidstyle != SP_PID_NONE) {
		for (int k = 0; k < in.nchild; k++)
			if (in.children[k] == l.pid)
				return false;
		in.dflt_pid = l.pid;
		return true;
	}
	if (l.kind != SP_SYSCALL && l.kind != SP_RESUMED)
		return false;
	long r = ret_number(&l);

	if (r <= 0)
		return false;
	if (name_is(&l, "set_tid_address") || name_is(&l, "getpid") || name_is(&l, "gettid")) {
		in.dflt_pid = (pid_t)r;
		return true;
	}
	if ((name_is(&l, "clone") || name_is(&l, "clone3") || name_is(&l, "fork") ||
	     name_is(&l, "vfork")) && in.nchild < NCHILD_MAX)
		in.children[in.nchild++] = (pid_t)r;
	return false;
}

static void set_frames(const char *text, size_t flen);

/* The held lines, now that their pid is known (or will never be); 0 or -ENOMEM. */
static int flush_held(struct tracer *tr)
{
	unsigned long saved = in.lineno;
	int err = 0;

	for (size_t i = 0; i < in.nheld; i++) {
		in.lineno = in.held[i].lineno;
		set_frames(in.held[i].frames, in.held[i].flen);
		if (!err)
			err = do_line(tr, in.held[i].s, in.held[i].len, in.dflt_pid);
		pipeline_next_frames(tr->pl, NULL, 0);
		free(in.held[i].s);
		free(in.held[i].frames);
	}
	in.nframes = 0;
	in.lineno = saved;
	in.nheld = 0;
	in.held_bytes = 0;
	return err;
}

/* Keep a line (a copy of its n bytes) until the pid of unprefixed lines is known. */
static int hold(const char *s, size_t n)
{
	if (in.nheld == in.heldcap) {
		size_t nc = in.heldcap ? in.heldcap * 2 : 1024;
		struct lbuf *nh = realloc(in.held, nc * sizeof(*nh));

		if (!nh)
			return -ENOMEM;
		in.held = nh;
		in.heldcap = nc;
	}
	char *copy = malloc(n + 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, s, n);	/* bytes: a NUL inside is kept, and so is the length */
	copy[n] = '\0';
	in.held[in.nheld].frames = NULL;
	in.held[in.nheld].flen = 0;
	if (in.flen && (in.held[in.nheld].frames = malloc(in.flen))) {	/* its -k lines */
		memcpy(in.held[in.nheld].frames, in.ftext, in.flen);
		in.held[in.nheld].flen = in.flen;
	}
	in.held[in.nheld].s = copy;
	in.held[in.nheld].len = n;
	in.held[in.nheld++].lineno = in.lineno;
	in.held_bytes += n;
	return 0;
}

/*
 * strace -c/-C's table (strace 6.1's count.c): a header "% time     seconds  usecs/call ...",
 * rows of numbers and a syscall name, "------" rules, a "total" row.  Counts, not events: its
 * lines are recognised and skipped, never reported as bad.  true when s is one of them.
 */
static bool table_line(const char *s, size_t n)
{
	if (n > 7 && !memcmp(s, "% time ", 7) && memmem(s, n, "calls", 5)) {
		in.in_table = true;
		in.table_line = in.lineno;
		return true;
	}
	if (!in.in_table)
		return false;
	if (n && s[0] == '-' && n == strspn(s, "- ")) {	/* a rule */
		return true;
	}
	size_t i = strspn(s, " ");

	if (i < n && isdigit((unsigned char)s[i]) && memchr(s, '.', n)) {
		in.table_rows++;
		if (n >= 6 && !memcmp(s + n - 6, " total", 6))
			in.in_table = false;
		return true;
	}
	in.in_table = false;
	return false;
}

/*
 * A strace -k frame line, " > MODULE(FUNC+0xOFF) [0xFILEOFF]", " > MODULE() [0xFILEOFF]" or
 * " > unexpected_backtracing_error [0xADDR]" (strace 6.1's unwind.c), kept for the call before.
 */
static void add_frame(const char *s, size_t n)
{
	struct sym_frame *f;
	const char *p = s + 3, *end = s + n, *lb, *rb;
	char *t;

	in.frames_seen++;
	if (in.nframes >= FRAMES_MAX)
		return;
	f = &in.frames[in.nframes];
	memset(f, 0, sizeof(*f));
	lb = memrchr(p, '[', end - p);
	rb = lb ? memchr(lb, ']', end - lb) : NULL;
	if (!lb || !rb || lb == p || lb[-1] != ' ') {
		f->flags = SYM_F_ERROR;	/* not one of strace's forms: kept as an error mark */
		f->err = -EINVAL;
		in.nframes++;
		return;
	}
	uint64_t addr = strtoull(lb + 1, NULL, 16);
	size_t head = lb - 1 - p;

	t = malloc(head + 1);
	if (!t)
		return;
	memcpy(t, p, head);
	t[head] = '\0';
	free(in.frame_text[in.nframes]);
	in.frame_text[in.nframes] = t;
	char *lp = strchr(t, '('), *rp = lp ? strrchr(lp, ')') : NULL;

	if (!lp || !rp || rp[1]) {	/* "unexpected_backtracing_error": no module */
		f->pc = addr;
		f->flags = SYM_F_NO_MODULE;
	} else {
		*lp = '\0';
		*rp = '\0';
		f->module = t;
		f->mod_off = f->pc = addr;
		char *plus = strrchr(lp + 1, '+');

		if (lp[1] && plus) {
			*plus = '\0';
			f->func = lp + 1;
			f->func_off = strtoull(plus + 1, NULL, 16);
		} else {
			f->flags = SYM_F_NO_SYMBOL;
		}
	}
	in.nframes++;
}

static int take_line_now(struct tracer *tr, const char *s, size_t n);

/* The frames of the line about to be handled, from its " > " lines (flen bytes). */
static void set_frames(const char *text, size_t flen)
{
	in.nframes = 0;
	for (size_t i = 0; i < flen;) {
		const char *nl = memchr(text + i, '\n', flen - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : flen - i;

		add_frame(text + i, n);
		i += n + 1;
	}
}

/*
 * One line read.  A strace -k log follows each call with its frames (" > ..." lines): a line
 * waits for the next one, and the frames after it go with it to the sinks that show stacks.
 */
static int take_line(struct tracer *tr, const char *s, size_t n)
{
	int err = 0;

	if (n >= 3 && s[0] == ' ' && s[1] == '>' && s[2] == ' ' && in.has_pend) {
		if (in.flen + n + 1 > in.fcap) {
			size_t cap = 2 * (in.flen + n + 1);
			char *p = realloc(in.ftext, cap);

			if (!p)
				return -ENOMEM;
			in.ftext = p;
			in.fcap = cap;
		}
		memcpy(in.ftext + in.flen, s, n);
		in.flen += n;
		in.ftext[in.flen++] = '\n';
		return 0;
	}
	/* exit_group(0) = ? then +++ exited with 0 +++: the frames come after both */
	if (s && in.has_pend && !in.has_pend2 && !in.flen && n > 4 && !memcmp(s + n - 3, "+++", 3) &&
	    in.pend_len > 4 && !memcmp(in.pend + in.pend_len - 3, "= ?", 3)) {
		if (n + 1 > in.pend2_cap) {
			char *p = realloc(in.pend2, n + 1);

			if (!p)
				return -ENOMEM;
			in.pend2 = p;
			in.pend2_cap = n + 1;
		}
		memcpy(in.pend2, s, n);
		in.pend2[n] = '\0';
		in.pend2_len = n;
		in.pend2_lineno = in.lineno;
		in.has_pend2 = true;
		return 0;
	}
	if (in.has_pend) {
		unsigned long lineno = in.lineno;

		in.lineno = in.pend_lineno;
		set_frames(in.ftext, in.flen);
		err = take_line_now(tr, in.pend, in.pend_len);
		in.has_pend = false;
		in.nframes = 0;
		in.flen = 0;
		pipeline_next_frames(tr->pl, NULL, 0);
		if (!err && in.has_pend2) {
			in.lineno = in.pend2_lineno;
			err = take_line_now(tr, in.pend2, in.pend2_len);
		}
		in.has_pend2 = false;
		in.lineno = lineno;
		if (err)
			return err;
	}
	if (!s)	/* the end: the last line went out */
		return 0;
	if (n + 1 > in.pend_cap) {
		size_t cap = n + 1 > 2 * in.pend_cap ? n + 1 : 2 * in.pend_cap;
		char *p = realloc(in.pend, cap);

		if (!p)
			return -ENOMEM;
		in.pend = p;
		in.pend_cap = cap;
	}
	memcpy(in.pend, s, n);
	in.pend[n] = '\0';
	in.pend_len = n;
	in.pend_lineno = in.lineno;
	in.has_pend = true;
	return 0;
}

/* One line, handled now: held while the pid of unprefixed lines is unknown, else handled. */
static int take_line_now(struct tracer *tr, const char *s, size_t n)
{
	if ((in.in_table || s[0] == '%') && table_line(s, n))
		return 0;
	if (!in.dflt_known) {
		struct sp_line l;
		int err;

		sp_line(&l, s, n);
		/* a log whose every line has a pid needs no default */
		if (!in.nheld && l.pidstyle != SP_PID_NONE) {
			in.dflt_known = true;
		} else {
			err = hold(s, n);
			if (err)
				return err;
			bool found = learn_default(s, n);

			if (found || in.nheld >= LOOKAHEAD_MAX || in.held_bytes >= LOOKAHEAD_BYTES) {
				if (!found) {
					in.dflt_pid = PID_UNKNOWN;
					pr_info("%s: no pid in the first %zu lines: pid %d for those without",
						in.name, in.nheld, PID_UNKNOWN);
				}
				in.dflt_known = true;
				return flush_held(tr);
			}
			return 0;
		}
	}
	/* stderr logs: unprefixed lines belong to the only process left */
	return do_line(tr, s, n, -1);
}

/* -- the backend ---------------------------------------------------------------------------- */

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* With -ff -o PATH: is one of the files PATH.N the input? */
static bool ff_is_input(const char *path, const struct stat *ist)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : NULL;
	DIR *dp = opendir(slash ? (dir ? dir : "/") : ".");
	struct dirent *de;
	bool same = false;

	while (dp && !same && (de = readdir(dp))) {
		struct stat st;
		const char *p = de->d_name + blen;

		if (strncmp(de->d_name, base, blen) || *p != '.' || !isdigit((unsigned char)p[1]))
			continue;
		same = !fstatat(dirfd(dp), de->d_name, &st, 0) && same_file(&st, ist);
	}
	if (dp)
		closedir(dp);
	free(dir);
	return same;
}

/*
 * Called by main before any output is opened: refuse an output that is the input (-o to the
 * same file, through a symlink or a hard link too, which would truncate it; or the standard
 * output or error appended to it, which would feed the reader its own lines forever).
 */
static int input_probe(const struct opts *o, char *why, size_t whylen)
{
	struct stat ist, st;
	const char *out = o->outfile;

	if (!o->input || (!strcmp(o->input, "-") ? fstat(0, &ist) : stat(o->input, &ist)) ||
	    !S_ISREG(ist.st_mode))
		return 0;	/* start() says why it cannot be read; a pipe or device cannot be -o */
	if (out && strcmp(out, "-") &&
	    ((!stat(out, &st) && same_file(&st, &ist)) || (o->follow == 2 && ff_is_input(out, &ist)))) {
		snprintf(why, whylen, "cannot write to %s%s: it is the input file (--input %s)",
			 out, o->follow == 2 ? ".PID" : "", o->input);
		return -EEXIST;
	}
	if (out && !strcmp(out, "-") && !fstat(1, &st) && same_file(&st, &ist)) {
		snprintf(why, whylen, "cannot write to standard output: it is the input file (--input %s)",
			 o->input);
		return -EEXIST;
	}
	if (!fstat(2, &st) && same_file(&st, &ist)) {
		snprintf(why, whylen, "cannot write to standard error: it is the input file (--input %s)",
			 o->input);
		return -EEXIST;
	}
	return 0;
}

/* Before a read of a pipe that may wait: the lines so far reach their files. */
static void input_idle(void *pl)
{
	pipeline_idle(pl);
}

/* strace -ff -o FILE wrote FILE.PID: the pid of every line in it (0: not such a name). */
static pid_t ff_pid(const char *name)
{
	const char *dot = strrchr(name, '.');
	char *e;

	if (dot && dot[1] && isdigit((unsigned char)dot[1])) {
		long pid = strtol(dot + 1, &e, 10);

		if (!*e && pid > 0 && pid < PID_UNKNOWN)
			return (pid_t)pid;
	}
	return 0;
}

static int cmp_ff(const void *a, const void *b)
{
	pid_t x = ff_pid(*(char *const *)a), y = ff_pid(*(char *const *)b);

	return (x > y) - (x < y);
}

/* --input FILE where strace -ff -o FILE wrote FILE.PID files only: their names, by pid. */
static int ff_files(const char *name, char ***out)
{
	char *dir = strdup(name), *slash, **v = NULL;
	const char *base;
	size_t blen;
	int n = 0;
	DIR *d;
	struct dirent *de;

	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	base = slash ? name + (slash - dir) + 1 : name;
	if (slash)
		slash[slash == dir] = '\0';	/* "/x" -> "/" */
	d = opendir(slash ? dir : ".");
	blen = strlen(base);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, base, blen) || de->d_name[blen] != '.' ||
		    !ff_pid(de->d_name) || strchr(de->d_name + blen + 1, '.'))
			continue;
		char **nv = realloc(v, (n + 1) * sizeof(*v));

		if (!nv || asprintf(&nv[n], "%s%s%s", slash ? dir : "",
				    slash && strcmp(dir, "/") ? "/" : "", de->d_name) < 0) {
			v = nv ? nv : v;
			n = -ENOMEM;
			break;
		}
		v = nv;
		n++;
	}
	if (d)
		closedir(d);
	free(dir);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_ff);
	*out = v;
	return n;
}

static int src_open(struct tracer *tr, struct src *sr, const char *name)
{
	memset(sr, 0, sizeof(*sr));
	sr->fd = -1;
	if (!strcmp(name, "-")) {
		sr->fd = 0;
		sr->name = strdup("stdin");
	} else {
		sr->fd = open(name, O_RDONLY | O_CLOEXEC);
		if (sr->fd < 0) {
			int err = errno;

			pr_warn("cannot open %s: %s", name, strerror(err));
			return -err;
		}
		sr->close_fd = true;
		sr->name = strdup(name);
		sr->file_pid = ff_pid(name);
	}
	if (!sr->name)
		return -ENOMEM;
	sp_reader_init(&sr->rd, sr->fd, INPUT_LINE_MAX, INPUT_SKIP_MAX, tr->stop);
	sr->rd.idle = input_idle;
	sr->rd.idle_arg = tr->pl;
	return 0;
}

/* Make sr the log being read: its name, -ff pid, lines numbers in messages. */
static void src_use(struct src *sr)
{
	in.name = sr->name;
	in.file_pid = sr->file_pid;
	if (in.nsrc > 1) {
		/* each -ff file's unprefixed lines are its pid's; other logs must prefix theirs */
		in.dflt_pid = sr->file_pid ? sr->file_pid : PID_UNKNOWN;
		in.dflt_known = true;
	}
}

static int input_start(struct tracer *tr)
{
	const struct opts *o = tr->o;
	struct tm tm;
	time_t now = time(NULL);
	char **names = NULL;
	int nnames, err = 0;
	struct stat st;

	memset(&in, 0, sizeof(in));
	tidmap_init(&in.tasks, sizeof(struct itask), itask_fini);
	in.o = (struct opts *)o;
	in.x_given = o->d.xflag != 0;
	in.fd = -1;
	/* --input FILE that strace -ff -o FILE never wrote: the FILE.PID files it did */
	if (!o->nmore_inputs && strcmp(o->input, "-") && stat(o->input, &st) && errno == ENOENT) {
		nnames = ff_files(o->input, &names);
		if (nnames < 0)
			return nnames;
		if (!nnames) {
			pr_warn("cannot open %s: %s (nor any %s.PID file of strace -ff)", o->input,
				strerror(ENOENT), o->input);
			return -ENOENT;
		}
		pr_info("--input %s: %d files %s.PID of strace -ff", o->input, nnames, o->input);
	} else {
		nnames = 1 + o->nmore_inputs;
		names = calloc(nnames, sizeof(*names));
		if (!names)
			return -ENOMEM;
		names[0] = strdup(o->input);
		for (int i = 0; i < o->nmore_inputs; i++)
			names[i + 1] = strdup(o->more_inputs[i]);
	}
	in.srcs = calloc(nnames, sizeof(*in.srcs));
	if (!in.srcs)
		err = -ENOMEM;
	for (int i = 0; !err && i < nnames; i++) {
		if (!names[i])
			err = -ENOMEM;
		else if (!(err = src_open(tr, &in.srcs[i], names[i])))
			in.nsrc = i + 1;
		if (!err && i && in.srcs[i].fd == 0) {
			pr_warn("%s", "--input: standard input (\"-\") only as the one log");
			err = -EINVAL;
		}
	}
	for (int i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (err)
		return err;
	/* several logs (-ff files): several processes, each line said whose (as -f prints) */
	if (in.nsrc > 1 && !o->follow)
		in.o->follow = 1;
	/* the first log's fields, as the single-log code paths use them */
	in.fd = in.srcs[0].fd;
	src_use(&in.srcs[0]);
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	in.midnight_ns = (int64_t)mktime(&tm) * 1000000000ll;
	in.rel_ns = boottime_ns();
	if (in.file_pid) {
		in.dflt_pid = in.file_pid;
		in.dflt_known = true;
	}
	return 0;
}

/*
 * The next line of sr into sr->s, with its merge key: its time in us (-t/-tt: of the day;
 * -ttt: of the epoch), or the key of the line before for a line without one (-k frames, a
 * continuation, a table: they stay with their line).  0 or a reader error.
 */
static int src_next(struct src *sr)
{
	struct sp_line l;
	int err;

	for (;;) {
		err = sp_reader_next(&sr->rd, &sr->s, &sr->n);
		sr->lineno = sr->rd.lineno;
		if (err == -E2BIG) {
			in.bad++;
			pr_warn("%s:%lu: line longer than %u bytes", sr->name, sr->lineno,
				INPUT_LINE_MAX);
			continue;
		}
		if (err <= 0) {
			sr->has = false;
			sr->done = true;
			return err;
		}
		if (sr->n)
			break;
	}
	sr->has = true;
	sp_line(&l, sr->s, sr->n);
	if (l.tstyle == SP_TS_TTT || l.tstyle == SP_TS_TT || l.tstyle == SP_TS_T)
		sr->key = (uint64_t)l.ts_sec * 1000000 + (uint64_t)l.ts_usec;
	return 0;
}

/* Several logs: line by line, the earliest first (a log's untimed lines stay with it). */
static int run_merged(struct tracer *tr)
{
	int err = 0, cur = -1;

	for (int i = 0; i < in.nsrc && !err; i++)
		err = src_next(&in.srcs[i]);
	while (!err) {
		int best = -1;

		/* a line without its own time goes right after the line before it */
		if (cur >= 0 && in.srcs[cur].has) {
			struct sp_line l;

			sp_line(&l, in.srcs[cur].s, in.srcs[cur].n);
			if (l.tstyle == SP_TS_NONE && l.pidstyle == SP_PID_NONE)
				best = cur;
		}
		if (best < 0) {
			for (int i = 0; i < in.nsrc; i++)
				if (in.srcs[i].has && (best < 0 || in.srcs[i].key < in.srcs[best].key))
					best = i;
		}
		if (best < 0)
			break;	/* every log read */
		struct src *sr = &in.srcs[best];

		if (best != cur)
			src_use(sr);
		cur = best;
		in.lineno = sr->lineno;
		err = take_line(tr, sr->s, sr->n);
		if (!err)
			err = src_next(sr);
	}
	return err;
}

static int input_run(struct tracer *tr)
{
	const char *s;
	size_t n;
	int err = 0, ret = 0;

	for (; in.nsrc == 1;) {
		err = sp_reader_next(&in.srcs[0].rd, &s, &n);
		in.lineno = in.srcs[0].rd.lineno;
		if (err == -E2BIG) {	/* skipped, counted with the lines that do not parse */
			in.bad++;
			pr_warn("%s:%lu: line longer than %u bytes", in.name, in.lineno,
				INPUT_LINE_MAX);
			continue;
		}
		if (err <= 0)
			break;
		if (n && (err = take_line(tr, s, n)))
			break;
	}
	if (in.nsrc > 1) {
		err = run_merged(tr);
		in.name = "the logs";	/* the counts below are of them all */
		in.lineno = 0;
		for (int i = 0; i < in.nsrc; i++)
			in.lineno += in.srcs[i].rd.lineno;
	}
	if (err != -ENOMEM) {	/* the line kept for its -k frames */
		int perr = take_line(tr, NULL, 0);

		if (perr && err >= 0)
			err = perr;
	}
	/* the lines held so far are shown even when reading failed or was interrupted */
	if (in.nheld && err != -ENOMEM) {
		in.dflt_pid = PID_UNKNOWN;
		pr_info("%s: no pid in the log: pid %d for the lines without", in.name, PID_UNKNOWN);
		int ferr = flush_held(tr);

		if (ferr)
			err = ferr;
	}
	switch (err) {
	case 0:
	case -EINTR:	/* SIGINT, SIGTERM: main ends the way the signal says */
		break;
	case -ENOMEM:
		pr_warn("%s:%lu: out of memory", in.name, in.lineno);
		ret = err;
		break;
	case -EFBIG:
		pr_warn("%s:%lu: no end of line in %u more bytes: not a strace log, reading stops",
			in.name, in.lineno, INPUT_SKIP_MAX);
		ret = err;
		break;
	default:
		pr_warn("cannot read %s: %s", in.name, strerror(-err));
		ret = err;
		break;
	}
	if (in.bad)
		pr_warn("%s: %lu of %lu lines could not be parsed and were skipped",
			in.name, in.bad, in.lineno);
	if (in.table_rows && in.events)
		pr_info("%s: the -c summary table from line %lu (%lu rows) was skipped: counts, "
			"not events", in.name, in.table_line, in.table_rows);
	/* nothing converted is a failure, said once: a -c table, or not a strace log at all */
	if (!ret && err != -EINTR && !in.events) {
		if (in.table_rows)
			pr_warn("%s is a strace -c summary (a table of counts from line %lu), not a "
				"trace: nothing to convert", in.name, in.table_line);
		else
			pr_warn("%s: no strace lines in %lu line%s read: nothing to convert", in.name,
				in.lineno, in.lineno == 1 ? "" : "s");
		ret = -EINVAL;
	}
	if (in.st.unresolved)
		pr_info("%s: some symbols have no value in hytrace's tables (raw 0)",
			in.name);
	return ret;
}

static void input_cleanup(struct tracer *tr)
{
	free(in.pend);
	free(in.pend2);
	for (unsigned int i = 0; i < FRAMES_MAX; i++)
		free(in.frame_text[i]);
	tidmap_free(&in.tasks);	/* itask_fini() frees each unfinished call's text */
	for (size_t i = 0; i < in.nheld; i++) {
		free(in.held[i].s);
		free(in.held[i].frames);
	}
	free(in.held);
	free(in.ftext);
	for (int i = 0; i < in.nsrc; i++) {
		sp_reader_free(&in.srcs[i].rd);
		if (in.srcs[i].close_fd)
			close(in.srcs[i].fd);
		free(in.srcs[i].name);
	}
	free(in.srcs);
	memset(&in, 0, sizeof(in));
}

const struct backend backend_input = {
	.name = "input",
	.probe = input_probe,
	.start = input_start,
	.run = input_run,
	.cleanup = input_cleanup,
};
