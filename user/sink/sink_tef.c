// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_tef.c: --format=tef: Chrome Trace Event Format JSON for the Perfetto UI and speedscope. */
/*
 * The file is {"traceEvents":[...],"displayTimeUnit":"ns","otherData":{...}}, written as events
 * arrive (one event per line) and finished at close with the metadata events.  Tracks:
 *   - each thread (pid, tid): its syscalls as complete events ("X"; calls that never return,
 *     like exit_group, as instants), its signals, stops and exit as thread instants ("i").
 *     A thread makes one call at a time, so its slices never overlap: they nest trivially.
 *   - each process: its lifetime as a nestable async slice ("b"/"e", cat "process", id = pid)
 *     from fork (or first sight) to the exit of its last thread, cut in two at each exec, named
 *     after argv[0] and carrying the command line; async tracks never disturb thread nesting.
 *   - lost events: global instants.
 * Times are CLOCK_BOOTTIME (the records' clock) in microseconds with three decimals (ns);
 * otherData.boot_to_realtime_ns converts them to wall-clock time.
 * Names: process_name (comm of the process), process_labels (command line), thread_name
 * (comm of the thread), process_sort_index/thread_sort_index (order of first appearance).
 * The format: https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_value.h"
#include "sink.h"

/*
 * Threads and processes stay in the sink's own tables after they end (their names and order
 * go out at close); the tables only grow, so the metadata come out in the same order as ever.
 */
struct tthread {
	pid_t tid;
	pid_t pid;
	bool live;
	bool pending;		/* an HY_REC_ENTER was seen, its HY_REC_SYSCALL not yet */
	int pend_nr;
	uint64_t pend_ts;
	unsigned int order;
	char comm[HY_COMM_LEN];
};

struct tproc {
	pid_t pid;
	pid_t ppid;
	bool open;		/* a lifetime slice is open */
	unsigned int nlive;	/* live threads */
	unsigned int order;
	char comm[HY_COMM_LEN];
	char *cmdline;		/* NUL-separated, of the open slice */
	size_t cmdline_len;
};

struct tef {
	struct outfile out;
	bool first;		/* no event written yet */
	struct tidmap threads;	/* struct tthread by tid */
	struct tidmap procs;	/* struct tproc by pid */
	unsigned int norder;
	uint64_t last_ts;
	struct sbuf line, tmp;
	const struct sym_frame *stack;	/* -k: the frames of the call being written */
	unsigned int nstack;
};

static unsigned int tef_needs(const struct opts *o)
{
	unsigned int n = SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV;	/* slices; process command lines */

	return n | sink_needs_fds(o) | sink_needs_stacks(o, true);
}

static void tef_stack(struct sink *s, const struct event *ev, const struct sym_frame *f,
		      unsigned int n, struct task *t)
{
	struct tef *tf = s->priv;

	tf->stack = f;
	tf->nstack = n;
}

/* -k: ,"stack":["MODULE(FUNC+0xOFF) [0xOFF] FILE:LINE", ...] inside the open args object. */
static void put_stack(struct tef *tf, struct sbuf *sb)
{
	if (!tf->stack)
		return;
	sb->len--;	/* reopen the args object */
	sb_puts(sb, sb->s[sb->len - 1] == '{' ? "\"stack\":[" : ",\"stack\":[");
	for (unsigned int i = 0; i < tf->nstack; i++) {
		const struct sym_frame *f = &tf->stack[i];

		sb_reset(&tf->tmp);
		sink_frame_text(&tf->tmp, f);
		if (f->file && f->line)
			sb_printf(&tf->tmp, " %s:%u", f->file, f->line);
		if (i)
			sb_putc(sb, ',');
		json_string(sb, tf->tmp.s, tf->tmp.len);
	}
	sb_puts(sb, "]}");
	tf->stack = NULL;
	tf->nstack = 0;
}

static void tproc_fini(void *v)
{
	struct tproc *p = v;

	free(p->cmdline);
}

static int tef_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct tef *tf = calloc(1, sizeof(*tf));
	int err;

	if (!tf)
		return -ENOMEM;
	/* one file, also with -ff: a trace is one timeline */
	err = outfile_open(&tf->out, o->outfile, stderr, sink_outfile_flags(o));
	if (err) {
		free(tf);
		return err;
	}
	tidmap_init(&tf->threads, sizeof(struct tthread), NULL);
	tidmap_init(&tf->procs, sizeof(struct tproc), tproc_fini);
	s->priv = tf;
	tf->first = true;
	outfile_printf(&tf->out, "{\"traceEvents\":[\n");
	return 0;
}

static void put_ts(struct sbuf *sb, const char *key, uint64_t ns)
{
	sb_printf(sb, ",\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned int)(ns % 1000));
}

/* Start an event: {"ph":"X","name":NAME,"cat":CAT,"pid":P,"tid":T,"ts":TS */
static void ev_begin(struct tef *tf, const char *ph, const char *name, const char *cat, pid_t pid,
		     pid_t tid, uint64_t ts)
{
	struct sbuf *sb = &tf->line;

	sb_reset(sb);
	sb_printf(sb, "{\"ph\":\"%s\",\"name\":", ph);
	json_cstr(sb, name);
	if (cat)
		sb_printf(sb, ",\"cat\":\"%s\"", cat);
	sb_printf(sb, ",\"pid\":%d,\"tid\":%d", (int)pid, (int)tid);
	put_ts(sb, "ts", ts);
}

static void ev_end(struct tef *tf)
{
	struct sbuf *sb = &tf->line;

	sb_putc(sb, '}');
	if (!tf->first)
		outfile_write(&tf->out, ",\n", 2);
	tf->first = false;
	outfile_write(&tf->out, sb->s, sb->len);
}

/* argv[0]'s last component, or comm. */
static void proc_name(char *buf, size_t size, const struct tproc *p)
{
	const char *a = p->cmdline, *slash;

	if (!a || !p->cmdline_len || !a[0]) {
		snprintf(buf, size, "%.*s", HY_COMM_LEN, p->comm);
		return;
	}
	slash = strrchr(a, '/');
	snprintf(buf, size, "%s", slash && slash[1] ? slash + 1 : a);
}

/* The command line as one string, arguments separated by spaces. */
static void put_cmdline(struct tef *tf, struct sbuf *sb, const char *c, size_t len)
{
	if (!c)
		len = 0;
	while (len && !c[len - 1])	/* the last argument's NUL */
		len--;
	sb_reset(&tf->tmp);
	sb_putn(&tf->tmp, len ? c : "", len);
	for (size_t i = 0; i < tf->tmp.len; i++)
		if (!tf->tmp.s[i])
			tf->tmp.s[i] = ' ';
	json_string(sb, tf->tmp.s ? tf->tmp.s : "", tf->tmp.len);
}

static void slice_begin(struct tef *tf, struct tproc *p, const struct task *t, uint64_t ts)
{
	char name[256];

	free(p->cmdline);
	p->cmdline = NULL;
	p->cmdline_len = 0;
	if (t->cmdline) {
		p->cmdline = malloc(t->cmdline_len + 1);
		if (p->cmdline) {
			memcpy(p->cmdline, t->cmdline, t->cmdline_len);
			p->cmdline[t->cmdline_len] = '\0';
			p->cmdline_len = t->cmdline_len;
		}
	}
	proc_name(name, sizeof(name), p);
	ev_begin(tf, "b", name, "process", p->pid, p->pid, ts);
	sb_printf(&tf->line, ",\"id\":\"0x%x\",\"args\":{\"cmdline\":", (unsigned int)p->pid);
	put_cmdline(tf, &tf->line, p->cmdline, p->cmdline_len);
	if (p->cmdline) {
		sb_puts(&tf->line, ",\"argv\":");
		json_argv(&tf->line, p->cmdline, p->cmdline_len);
	}
	if (p->ppid)
		sb_printf(&tf->line, ",\"ppid\":%d", (int)p->ppid);
	sb_putc(&tf->line, '}');
	ev_end(tf);
	p->open = true;
}

/* End the lifetime slice; how (exec, exit code, killed...) goes into its args. */
static void slice_end(struct tef *tf, struct tproc *p, uint64_t ts, const char *why)
{
	char name[256];

	if (!p->open)
		return;
	proc_name(name, sizeof(name), p);
	ev_begin(tf, "e", name, "process", p->pid, p->pid, ts);
	sb_printf(&tf->line, ",\"id\":\"0x%x\",\"args\":{%s}", (unsigned int)p->pid, why);
	ev_end(tf);
	p->open = false;
}

/* Bring the tables up to date with one event: its thread (NULL: no memory), its process in *pp. */
static struct tthread *track(struct tef *tf, const struct event *ev, const struct task *t,
			     struct tproc **pp)
{
	const struct hy_rec *r = &ev->r;
	bool new_th, new_p;
	struct tthread *th = tidmap_add(&tf->threads, r->tid, &new_th);
	struct tproc *p = tidmap_add(&tf->procs, r->pid, &new_p);
	uint64_t ts = r->ts_exit > r->ts_enter ? r->ts_exit : r->ts_enter;

	*pp = p;
	if (!th || !p)
		return NULL;
	if (new_th)
		th->tid = r->tid;
	if (new_p)
		p->pid = r->pid;
	if (ts > tf->last_ts)
		tf->last_ts = ts;
	if (!p->order)
		p->order = ++tf->norder;
	if (!th->order)
		th->order = ++tf->norder;
	if (!th->live || th->pid != (pid_t)r->pid) {	/* new (or reused) tid */
		th->live = true;
		th->pending = false;
		th->pid = r->pid;
		p->nlive++;
	}
	if (r->comm[0])
		memcpy(th->comm, r->comm, HY_COMM_LEN);
	else if (!th->comm[0])
		memcpy(th->comm, t->comm, HY_COMM_LEN);
	if (r->tid == r->pid || !p->comm[0])
		memcpy(p->comm, th->comm, HY_COMM_LEN);
	if (r->type == HY_REC_FORK && !(r->flags & HY_F_THREAD))
		p->ppid = (pid_t)r->args[3];
	if (!p->open && r->type != HY_REC_EXIT && r->type != HY_REC_DETACH && r->type != HY_REC_EXEC)
		slice_begin(tf, p, t, r->ts_enter);
	return th;
}

/* "args": the arguments, the result when result, and an NVIDIA call's members (nc, or NULL). */
static void put_args_result(struct sbuf *sb, const struct dctx *d, bool result,
			    const struct event *ev, const struct nvcall *nc)
{
	sb_puts(sb, ",\"args\":");
	json_args(sb, d);
	if (!result)
		return;
	sb->len--;	/* reopen the object for the result members */
	size_t at = sb->len;

	json_result(sb, d);
	if (nc)
		json_nvcall(sb, ev, nc);
	if (sb->s[at - 1] == '{')	/* no arguments: drop the leading comma */
		memmove(sb->s + at, sb->s + at + 1, sb->len - at), sb->len--;
	sb_putc(sb, '}');
}

static const char *call_name(const struct dctx *d, int nr, char *buf, size_t size)
{
	if (d->se)
		return d->se->name;
	snprintf(buf, size, "syscall_%#x", (unsigned int)nr);
	return buf;
}

/* A call seen starting that never completed: a slice up to ts, marked unfinished. */
static void flush_pending(struct tef *tf, struct tthread *th, uint64_t ts)
{
	const struct sysent *se = sysent_get(th->pend_nr);
	char buf[32];

	if (!th->pending)
		return;
	th->pending = false;
	if (!se)
		snprintf(buf, sizeof(buf), "syscall_%#x", (unsigned int)th->pend_nr);
	ev_begin(tf, "X", se ? se->name : buf, "syscall", th->pid, th->tid, th->pend_ts);
	put_ts(&tf->line, "dur", ts > th->pend_ts ? ts - th->pend_ts : 0);
	sb_printf(&tf->line, ",\"args\":{\"nr\":%d,\"unfinished\":true}", th->pend_nr);
	ev_end(tf);
}

static void instant(struct tef *tf, const struct hy_rec *r, const char *name, const char *cat)
{
	ev_begin(tf, "i", name, cat, r->pid, r->tid, r->ts_enter);
	sb_puts(&tf->line, ",\"s\":\"t\"");
}

/* A completed call: a complete event ("X"), or an instant for one that never returns. */
static void tef_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct tef *tf = s->priv;
	const struct hy_rec *r = &ev->r;
	struct tproc *p;
	struct tthread *th = track(tf, ev, t, &p);
	char buf[32], label[192];
	const char *name = call_name(d, r->nr, buf, sizeof(buf)), *cat = "syscall";
	struct nvcall nc;
	bool nv = false;

	if (!th)
		return;
	/* --cuda: an NVIDIA driver call is named by its command, in category "nvidia" */
	if (r->type == HY_REC_SYSCALL && s->o->cuda != CUDA_OFF && nvcall_get(ev, &nc)) {
		nv = true;
		nvcall_label(ev, &nc, label, sizeof(label));
		name = label;
		cat = "nvidia";
	}
	if (r->type == HY_REC_ENTER) {	/* a call that may block: kept until it completes */
		th->pending = true;
		th->pend_nr = r->nr;
		th->pend_ts = r->ts_enter;
		return;
	}
	if (th->pending && th->pend_nr != r->nr)
		flush_pending(tf, th, r->ts_enter);
	th->pending = false;
	if ((r->flags & HY_F_NO_EXIT) || r->ts_exit < r->ts_enter) {
		ev_begin(tf, "i", name, cat, r->pid, r->tid, r->ts_enter);
		sb_puts(&tf->line, ",\"s\":\"t\"");
	} else {
		ev_begin(tf, "X", name, cat, r->pid, r->tid, r->ts_enter);
		put_ts(&tf->line, "dur", r->ts_exit - r->ts_enter);
	}
	put_args_result(&tf->line, d, true, ev, nv ? &nc : NULL);
	put_stack(tf, &tf->line);
	ev_end(tf);
}

/* The tables brought up to date for a --func event of t at ts (NULL: no memory). */
static struct tthread *track_task(struct tef *tf, const struct task *t, uint64_t ts)
{
	bool new_th, new_p;
	struct tthread *th = tidmap_add(&tf->threads, t->tid, &new_th);
	struct tproc *p = tidmap_add(&tf->procs, t->pid, &new_p);

	if (!th || !p)
		return NULL;
	if (new_th)
		th->tid = t->tid;
	if (new_p)
		p->pid = t->pid;
	if (ts > tf->last_ts)
		tf->last_ts = ts;
	if (!p->order)
		p->order = ++tf->norder;
	if (!th->order)
		th->order = ++tf->norder;
	if (!th->live || th->pid != t->pid) {
		th->live = true;
		th->pending = false;
		th->pid = t->pid;
		p->nlive++;
	}
	if (!th->comm[0])
		memcpy(th->comm, t->comm, HY_COMM_LEN);
	if (t->tid == t->pid || !p->comm[0])
		memcpy(p->comm, th->comm, HY_COMM_LEN);
	if (!p->open)
		slice_begin(tf, p, t, ts);
	return th;
}

/*
 * --func: a call is a duration slice on its thread, "B" at the entry and "E" at the return, in
 * category "func": the thread's syscalls (complete events inside it in time) nest under it.
 * B's args: "module" and "args" (--func-args); E's: "retval", "no_return" when made up.
 */
static void tef_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	struct tef *tf = s->priv;
	struct tthread *th = track_task(tf, t, fe->ts);
	struct sbuf *sb = &tf->line;

	if (!th)
		return;
	if (fe->kind == FUNC_EV_ENTRY) {
		unsigned int n = fe->flags & FUNC_EVF_ARGS ? fe->nargs : 0;

		if (fe->fn->nparams >= 0 && (unsigned int)fe->fn->nparams < n)
			n = (unsigned int)fe->fn->nparams;
		ev_begin(tf, "B", fe->fn->name, "func", t->pid, t->tid, fe->ts);
		sb_puts(sb, ",\"args\":{\"module\":");
		json_cstr(sb, fe->fn->module);
		if (fe->flags & FUNC_EVF_ARGS) {
			sb_puts(sb, ",\"args\":[");
			for (unsigned int i = 0; i < n && i < HY_FUNC_ARGS; i++) {
				if (i)
					sb_putc(sb, ',');
				sb_puti(sb, (int64_t)fe->args[i]);
			}
			sb_putc(sb, ']');
		}
		sb_putc(sb, '}');
	} else {
		ev_begin(tf, "E", fe->fn->name, "func", t->pid, t->tid, fe->ts);
		if (fe->flags & (FUNC_EVF_RET | FUNC_EVF_NO_RETURN)) {
			sb_puts(sb, ",\"args\":{");
			if (fe->flags & FUNC_EVF_RET) {
				sb_puts(sb, "\"retval\":");
				sb_puti(sb, fe->ret);
			}
			if (fe->flags & FUNC_EVF_NO_RETURN)
				sb_puts(sb, fe->flags & FUNC_EVF_RET ? ",\"no_return\":true" :
					"\"no_return\":true");
			sb_putc(sb, '}');
		}
	}
	ev_end(tf);
}

/* Signals and stops: thread instants. */
static void tef_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct tef *tf = s->priv;
	const struct hy_rec *r = &ev->r;
	const char *sig = signame(r->nr);
	struct tproc *p;
	char name[64];

	if (!track(tf, ev, t, &p))
		return;
	if (r->type == HY_REC_SIGSTOP) {
		snprintf(name, sizeof(name), "stopped by %s", sig ? sig : "signal");
		instant(tf, r, name, "signal");
		sb_printf(&tf->line, ",\"args\":{\"signo\":%d}", r->nr);
		ev_end(tf);
		return;
	}
	snprintf(name, sizeof(name), "%s", sig ? sig : "signal");
	instant(tf, r, name, "signal");
	sb_printf(&tf->line, ",\"args\":{\"signo\":%d", r->nr);
	if (d->args && d->args->child) {
		sb_puts(&tf->line, ",\"siginfo\":");
		json_value(&tf->line, d->args->child);
	}
	sb_putc(&tf->line, '}');
	ev_end(tf);
}

/* The lifetime slice restarts under the new command line; exec kills the other threads. */
static void tef_exec(struct tef *tf, const struct event *ev, const struct task *t,
		     struct tthread *th, struct tproc *p)
{
	const struct hy_rec *r = &ev->r;
	struct tthread *o;
	unsigned int pos = 0;

	if (r->args[0] && r->args[0] != r->tid) {	/* exec from a thread: it took the pid */
		o = tidmap_get(&tf->threads, (pid_t)r->args[0]);
		if (o && o->live) {
			flush_pending(tf, o, r->ts_enter);
			o->live = false;
		}
	}
	while ((o = tidmap_next(&tf->threads, &pos, NULL))) {
		if (o->live && o->pid == (pid_t)r->pid && o != th) {
			flush_pending(tf, o, r->ts_enter);
			o->live = false;
		}
	}
	p->nlive = 1;
	slice_end(tf, p, r->ts_enter, "\"ended_by\":\"exec\"");
	slice_begin(tf, p, t, r->ts_enter);
	instant(tf, r, "exec", "process");
	sb_puts(&tf->line, ",\"args\":{\"argv\":");
	json_argv(&tf->line, t->cmdline ? t->cmdline : "", t->cmdline ? t->cmdline_len : 0);
	sb_putc(&tf->line, '}');
	ev_end(tf);
}

/* Exit or detach: a thread instant; the last thread of a process ends its lifetime slice. */
static void tef_exit(struct tef *tf, const struct event *ev, struct tthread *th, struct tproc *p)
{
	const struct hy_rec *r = &ev->r;
	const char *sig = signame(r->nr);
	char name[64], why[96];

	flush_pending(tf, th, r->ts_enter);
	if (r->type == HY_REC_DETACH) {
		snprintf(name, sizeof(name), "detached");
		snprintf(why, sizeof(why), "\"detached\":true");
	} else if (r->flags & HY_F_KILLED) {
		if (sig)
			snprintf(name, sizeof(name), "killed by %s%s", sig,
				 (r->flags & HY_F_CORE) ? " (core dumped)" : "");
		else
			snprintf(name, sizeof(name), "killed by %d", r->nr);
		snprintf(why, sizeof(why), "\"signal\":\"%s\",\"signo\":%d,\"core\":%s",
			 sig ? sig : "?", r->nr, (r->flags & HY_F_CORE) ? "true" : "false");
	} else {
		snprintf(name, sizeof(name), "exited with %d", r->nr);
		snprintf(why, sizeof(why), "\"exit_code\":%d", r->nr);
	}
	instant(tf, r, name, "process");
	sb_printf(&tf->line, ",\"args\":{%s}", why);
	ev_end(tf);
	if (th->live) {
		th->live = false;
		if (p->nlive && --p->nlive == 0)
			slice_end(tf, p, r->ts_enter, why);
	}
}

static void tef_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct tef *tf = s->priv;
	struct tproc *p;
	struct tthread *th = track(tf, ev, t, &p);	/* a fork is only this */

	if (!th)
		return;
	switch (ev->r.type) {
	case HY_REC_EXEC:
		tef_exec(tf, ev, t, th, p);
		break;
	case HY_REC_EXIT:
	case HY_REC_DETACH:
		tef_exit(tf, ev, th, p);
		break;
	default:
		break;
	}
}

/* Lost events are not about one task: a global instant. */
static void tef_lost(struct sink *s, const struct event *ev, struct task *t)
{
	struct tef *tf = s->priv;
	const struct hy_rec *r = &ev->r;
	char name[64];

	snprintf(name, sizeof(name), "%" PRIu64 " events lost", (uint64_t)r->args[0]);
	ev_begin(tf, "i", name, "lost", r->pid, r->tid, r->ts_enter);
	sb_printf(&tf->line, ",\"s\":\"g\",\"args\":{\"count\":%" PRIu64 ",\"reason\":\"%s\"}",
		  (uint64_t)r->args[0], json_lost_reason(r->args[1]));
	ev_end(tf);
}

static void meta(struct tef *tf, const char *what, pid_t pid, pid_t tid, const char *key)
{
	struct sbuf *sb = &tf->line;

	sb_reset(sb);
	sb_printf(sb, "{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":", what,
		  (int)pid, (int)tid, key);
}

static int tef_close(struct sink *s)
{
	struct tef *tf = s->priv;
	struct tthread *th;
	struct tproc *p;
	struct sbuf *sb;
	unsigned int pos;
	int ret;

	if (!tf)
		return 0;
	sb = &tf->line;
	pos = 0;
	while ((th = tidmap_next(&tf->threads, &pos, NULL)))
		if (th->pending)
			flush_pending(tf, th, tf->last_ts);
	pos = 0;
	while ((p = tidmap_next(&tf->procs, &pos, NULL))) {
		slice_end(tf, p, tf->last_ts, "\"ended_by\":\"end of trace\"");
		meta(tf, "process_name", p->pid, p->pid, "name");
		json_string(sb, p->comm, strnlen(p->comm, HY_COMM_LEN));
		sb_putc(sb, '}');
		ev_end(tf);
		if (p->cmdline) {
			meta(tf, "process_labels", p->pid, p->pid, "labels");
			put_cmdline(tf, sb, p->cmdline, p->cmdline_len);
			sb_putc(sb, '}');
			ev_end(tf);
		}
		meta(tf, "process_sort_index", p->pid, p->pid, "sort_index");
		sb_printf(sb, "%u}", p->order);
		ev_end(tf);
	}
	pos = 0;
	while ((th = tidmap_next(&tf->threads, &pos, NULL))) {
		meta(tf, "thread_name", th->pid, th->tid, "name");
		json_string(sb, th->comm, strnlen(th->comm, HY_COMM_LEN));
		sb_putc(sb, '}');
		ev_end(tf);
		meta(tf, "thread_sort_index", th->pid, th->tid, "sort_index");
		sb_printf(sb, "%u}", th->order);
		ev_end(tf);
	}
	outfile_printf(&tf->out, "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"tool\":"
		       "\"hytrace\",\"clock\":\"CLOCK_BOOTTIME\",\"boot_to_realtime_ns\":%" PRId64
		       "}}\n", s->boot_to_real);
	ret = outfile_close(&tf->out);
	tidmap_free(&tf->threads);
	tidmap_free(&tf->procs);
	sb_free(sb);
	sb_free(&tf->tmp);
	free(tf);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_tef_ops = {
	.name = "tef",
	.help = "Chrome trace JSON (ui.perfetto.dev, speedscope)",
	.needs = tef_needs,
	.open = tef_open,
	.syscall = tef_syscall,
	.stack = tef_stack,
	.signal = tef_signal,
	.process = tef_process,
	.lost = tef_lost,
	.func = tef_func,
	.close = tef_close,
};
