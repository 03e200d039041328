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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backend.h"
#include "clock.h"
#include "log.h"
#include "strace_parse.h"
#include "tidmap.h"

#define LOOKAHEAD_MAX 100000	/* lines kept while the pid of unprefixed lines is unknown */

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
	char *s;
	size_t len;
};

struct input {
	FILE *fp;
	const char *name;
	bool close_fp;
	pid_t file_pid;		/* from a -ff file name FILE.PID, else 0 */
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
	/* the pid of unprefixed lines (stderr logs: the only live process) */
	pid_t dflt_pid;
	bool dflt_known;
	struct lbuf *held;	/* lines read while it is unknown */
	size_t nheld, heldcap;
	struct sysent fake[64];	/* names of syscalls unknown to the table */
	int nfake;
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

/* The task of tid, added if new; NULL when out of memory. */
static struct itask *itask_add(pid_t tid)
{
	bool created;
	struct itask *t = tidmap_add(&in.tasks, tid, &created);

	if (t && created)
		t->tid = t->pid = tid;
	return t;
}

/* -- events --------------------------------------------------------------------------------- */

static void ev_init(struct event *ev, int type, const struct itask *t, uint64_t ts)
{
	memset(ev, 0, sizeof(*ev));
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

/* A new task: its FORK record (parent p, thread or process). */
static void send_fork(struct pipeline *pl, pid_t parent, pid_t child, bool thread, uint64_t ts)
{
	struct itask *c = itask_add(child), *p = itask_get(parent);
	struct event ev;

	if (!c || c->fork_sent || !p)
		return;
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
}

static bool is_clone(const struct sysent *se)
{
	return se && (!strcmp(se->name, "clone") || !strcmp(se->name, "clone3") ||
		      !strcmp(se->name, "fork") || !strcmp(se->name, "vfork"));
}

static bool has_thread_flag(const char *s, size_t n)
{
	return memmem(s, n, "CLONE_THREAD", 12) != NULL;
}

/* The syscall table entry for a name: the table's, or one made up to keep the name. */
static const struct sysent *lookup_se(const char *name, size_t n, long *nr)
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
		return NULL;
	struct sysent *se = &in.fake[in.nfake++];

	se->name = strdup(buf);
	se->ret = RV_DEC;
	return se->name ? se : NULL;
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
		ev.b[0].h.arg = HY_ARG_EXTRA;
		ev.b[0].h.when = HY_AT_ENTER;
		ev.b[0].h.len = len;
		ev.b[0].data = (const uint8_t *)argv;
	}
	send_plain(pl, &ev);
}

static void bad_line(const char *why, const char *s, size_t n)
{
	in.bad++;
	pr_warn("%s:%lu: cannot parse: %s: %.*s%s", in.name, in.lineno, why,
		(int)(n > 200 ? 200 : n), s, n > 200 ? "..." : "");
}

/* A call's start: an ENTER record with the arguments known so far. */
static void do_unfinished(struct pipeline *pl, struct itask *t, const struct sp_line *l,
			  uint64_t ts)
{
	long nr;
	const struct sysent *se = lookup_se(l->name, l->name_len, &nr);
	struct event ev;

	if (t->unf)	/* a previous unfinished call was never resumed: forget it */
		free(t->unf_text);
	t->unf = true;
	t->unf_nr = nr;
	t->unf_se = se;
	t->unf_text = malloc(l->body_len + 1);
	t->unf_len = t->unf_text ? l->body_len : 0;
	if (t->unf_text)
		memcpy(t->unf_text, l->body, l->body_len);
	t->unf_ts = ts;
	t->unf_clone = is_clone(se);
	t->unf_thread = t->unf_clone && has_thread_flag(l->body, l->body_len);

	ev_init(&ev, HY_REC_ENTER, t, ts);
	ev.r.nr = (int)nr;
	struct dctx *d = pipeline_dctx(pl, &ev);

	d->se = se;
	d->exiting = false;
	d->args = sp_args(d, &in.st, l->body, l->body_len, &d->pending);
	sync_xflag();
	pipeline_feed_decoded(pl, &ev, d);
}

/* A whole call (or the end of one): a SYSCALL record, and FORK/EXEC records it implies. */
static void do_call(struct pipeline *pl, struct itask *t, const struct sp_line *l, uint64_t ts,
		    const char *raw, size_t rawlen)
{
	const char *body = l->body, *why = NULL;
	size_t blen = l->body_len;
	char *joined = NULL;
	long nr;
	const struct sysent *se = lookup_se(l->name, l->name_len, &nr);
	struct event ev;
	struct sp_call c;
	bool resumed = false;

	if (l->kind == SP_RESUMED && t->unf && t->unf_se == se) {
		joined = malloc(t->unf_len + blen + 1);
		if (joined) {
			memcpy(joined, t->unf_text, t->unf_len);
			memcpy(joined + t->unf_len, body, blen);
			body = joined;
			blen += t->unf_len;
			resumed = true;
		}
	}
	ev_init(&ev, HY_REC_SYSCALL, t, ts);
	ev.r.nr = (int)nr;
	struct dctx *d = pipeline_dctx(pl, &ev);

	d->se = se;
	in.st.no_xlearn = se && !strcmp(se->name, "getrandom");
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

	if (se && (!strcmp(se->name, "execve") || !strcmp(se->name, "execveat")) &&
	    !c.is_error && !c.no_exit && c.ret == 0) {
		send_exec(pl, t, c.args, ev.r.ts_enter);
		reparse = true;	/* the EXEC record reset the arena */
	}
	if (se && !strcmp(se->name, "prctl") && !c.is_error && c.args->child &&
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
	pipeline_feed_decoded(pl, &ev, d);
	if (is_clone(se) && !c.is_error && !c.no_exit && c.ret > 0) {
		bool thread = has_thread_flag(body, blen);

		send_fork(pl, t->tid, (pid_t)c.ret, thread, ev.r.ts_exit ? ev.r.ts_exit : ev.r.ts_enter);
	}
out:
	if (resumed || l->kind == SP_RESUMED) {
		free(t->unf_text);
		t->unf_text = NULL;
		t->unf = false;
	}
	free(joined);
}

static void do_line(struct tracer *tr, const char *s, size_t n, pid_t dflt)
{
	struct pipeline *pl = tr->pl;
	struct sp_line l;
	struct event ev;

	sp_line(&l, s, n);
	if (l.kind == SP_BAD) {
		bad_line(l.why, s, n);
		return;
	}
	if (l.kind == SP_MESSAGE || l.kind == SP_ATTACHED) {
		in.messages++;
		pr_info("%s:%lu: not an event: %.*s", in.name, in.lineno, (int)n, s);
		return;
	}
	pid_t tid = l.pidstyle != SP_PID_NONE ? l.pid : l.kind == SP_DETACHED ? l.pid : dflt;
	bool fresh = !itask_get(tid);
	struct itask *t = itask_add(tid);

	if (!t)
		return;
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
		if (n_in_clone == 1)
			send_fork(pl, parent->tid, tid, parent->unf_thread, ts);
	}
	switch (l.kind) {
	case SP_SYSCALL:
	case SP_RESUMED:
		do_call(pl, t, &l, ts, s, n);
		break;
	case SP_UNFINISHED:
		do_unfinished(pl, t, &l, ts);
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
}

/* -- reading -------------------------------------------------------------------------------- */

/*
 * A line ending in "strace: Process N attached" (strace -f printing on a terminal) is the
 * start of a call whose rest is on the next line: join them.  Returns the line in buf.
 */
static ssize_t read_line(char **buf, size_t *cap)
{
	ssize_t n = getline(buf, cap, in.fp);

	if (n < 0)
		return n;
	in.lineno++;
	if (n && (*buf)[n - 1] == '\n')
		(*buf)[--n] = '\0';
	for (;;) {
		char *m = n > 0 ? memmem(*buf, n, "strace: Process ", 16) : NULL;

		if (!m || m == *buf || n < 9 || memcmp(*buf + n - 9, " attached", 9))
			break;
		*m = '\0';
		n = m - *buf;
		char *more = NULL;
		size_t mcap = 0;
		ssize_t k = getline(&more, &mcap, in.fp);

		if (k < 0) {
			free(more);
			break;
		}
		in.lineno++;
		if (k && more[k - 1] == '\n')
			more[--k] = '\0';
		if ((size_t)(n + k + 1) > *cap) {
			char *nb = realloc(*buf, n + k + 1);

			if (!nb) {
				free(more);
				break;
			}
			*buf = nb;
			*cap = n + k + 1;
		}
		memcpy(*buf + n, more, k + 1);
		n += k;
		free(more);
	}
	return n;
}

/*
 * The pid of lines without a prefix, from the lines held so far: a call that returns the
 * caller's own id, or the first prefixed pid that is not a child created by them.
 */
static bool resolve_default(pid_t *pid)
{
	pid_t children[64];
	int nchild = 0;

	for (size_t i = 0; i < in.nheld; i++) {
		struct sp_line l;

		sp_line(&l, in.held[i].s, in.held[i].len);
		if (l.kind != SP_SYSCALL && l.kind != SP_RESUMED)
			continue;
		const char *eq = NULL;

		for (const char *p = l.body; p + 2 < l.body + l.body_len; p++)
			if (p[0] == ')' && p[1] == ' ')
				eq = p;
		if (!eq)
			continue;
		while (*eq == ')' || *eq == ' ')
			eq++;
		if (*eq != '=')
			continue;
		long r = strtol(eq + 1, NULL, 10);

		if (r <= 0)
			continue;
		if (l.pidstyle == SP_PID_NONE) {
			if ((l.name_len == 15 && !memcmp(l.name, "set_tid_address", 15)) ||
			    (l.name_len == 6 && !memcmp(l.name, "getpid", 6)) ||
			    (l.name_len == 6 && !memcmp(l.name, "gettid", 6))) {
				*pid = (pid_t)r;
				return true;
			}
			if ((l.name_len == 5 && !memcmp(l.name, "clone", 5)) ||
			    (l.name_len == 6 && !memcmp(l.name, "clone3", 6)) ||
			    (l.name_len == 4 && !memcmp(l.name, "fork", 4)) ||
			    (l.name_len == 5 && !memcmp(l.name, "vfork", 5))) {
				if (nchild < 64)
					children[nchild++] = (pid_t)r;
			}
		}
	}
	for (size_t i = 0; i < in.nheld; i++) {
		struct sp_line l;
		bool child = false;

		sp_line(&l, in.held[i].s, in.held[i].len);
		if (l.pidstyle == SP_PID_NONE)
			continue;
		for (int k = 0; k < nchild; k++)
			child |= children[k] == l.pid;
		if (!child) {
			*pid = l.pid;
			return true;
		}
	}
	return false;
}

static void flush_held(struct tracer *tr)
{
	unsigned long saved = in.lineno;

	in.lineno -= in.nheld;
	for (size_t i = 0; i < in.nheld; i++) {
		in.lineno++;
		do_line(tr, in.held[i].s, in.held[i].len, in.dflt_pid);
		free(in.held[i].s);
	}
	in.lineno = saved;
	in.nheld = 0;
}

static int input_probe(const struct opts *o, char *why, size_t whylen)
{
	return 0;
}

static int input_start(struct tracer *tr)
{
	const char *name = tr->o->input;
	struct tm tm;
	time_t now = time(NULL);

	memset(&in, 0, sizeof(in));
	tidmap_init(&in.tasks, sizeof(struct itask), itask_fini);
	in.o = (struct opts *)tr->o;
	in.x_given = tr->o->d.xflag != 0;
	if (!strcmp(name, "-")) {
		in.fp = stdin;
		in.name = "stdin";
	} else {
		in.fp = fopen(name, "re");
		if (!in.fp) {
			pr_warn("cannot open %s: %s", name, strerror(errno));
			return -errno;
		}
		in.close_fp = true;
		in.name = name;
		/* strace -ff -o FILE writes FILE.PID: the pid of every line */
		const char *dot = strrchr(name, '.');
		char *e;

		if (dot && dot[1]) {
			long pid = strtol(dot + 1, &e, 10);

			if (!*e && pid > 0)
				in.file_pid = (pid_t)pid;
		}
	}
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

static int input_run(struct tracer *tr)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	while (!*tr->stop && (n = read_line(&buf, &cap)) >= 0) {
		if (!n)
			continue;
		if (!in.dflt_known) {
			struct sp_line l;

			sp_line(&l, buf, n);
			/* a log whose every line has a pid needs no default */
			if (!in.nheld && l.pidstyle != SP_PID_NONE) {
				in.dflt_known = true;
			} else {
				if (in.nheld == in.heldcap) {
					size_t nc = in.heldcap ? in.heldcap * 2 : 1024;
					struct lbuf *nh = realloc(in.held, nc * sizeof(*nh));

					if (!nh)
						return -ENOMEM;
					in.held = nh;
					in.heldcap = nc;
				}
				in.held[in.nheld].s = strndup(buf, n);
				in.held[in.nheld++].len = n;
				if (resolve_default(&in.dflt_pid) || in.nheld >= LOOKAHEAD_MAX) {
					in.dflt_known = true;
					flush_held(tr);
				}
				continue;
			}
		}
		/* stderr logs: unprefixed lines belong to the only process left */
		pid_t dflt = in.dflt_pid;

		if (tidmap_count(&in.tasks) == 1 && !in.file_pid) {
			unsigned int pos = 0;

			tidmap_next(&in.tasks, &pos, &dflt);
		}
		do_line(tr, buf, n, dflt);
	}
	if (in.nheld) {
		if (!resolve_default(&in.dflt_pid))
			pr_info("%s: no pid in the log: its lines get pid 0", in.name);
		flush_held(tr);
	}
	free(buf);
	if (ferror(in.fp)) {
		pr_warn("cannot read %s: %s", in.name, strerror(errno));
		return -EIO;
	}
	if (in.bad)
		pr_warn("%s: %lu of %lu lines could not be parsed and were skipped",
			in.name, in.bad, in.lineno);
	if (in.st.unresolved)
		pr_info("%s: some symbols have no value in hytrace's tables (raw 0)",
			in.name);
	return 0;
}

static void input_cleanup(struct tracer *tr)
{
	tidmap_free(&in.tasks);	/* itask_fini() frees each unfinished call's text */
	for (size_t i = 0; i < in.nheld; i++)
		free(in.held[i].s);
	free(in.held);
	for (int i = 0; i < in.nfake; i++)
		free((char *)in.fake[i].name);
	if (in.close_fp && in.fp)
		fclose(in.fp);
	memset(&in, 0, sizeof(in));
}

const struct backend backend_input = {
	.name = "input",
	.probe = input_probe,
	.start = input_start,
	.run = input_run,
	.cleanup = input_cleanup,
};
