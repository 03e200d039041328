// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_tef.c: --format=tef: Chrome Trace Event Format JSON for Perfetto and chrome://tracing. */
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
#include "log.h"
#include "pipeline.h"

/* The first member of table entries. */
struct tkey {
	pid_t id;		/* tid or pid */
	bool used;
};

struct tthread {
	struct tkey k;		/* tid */
	pid_t pid;
	bool live;
	bool pending;		/* an HY_REC_ENTER was seen, its HY_REC_SYSCALL not yet */
	int pend_nr;
	uint64_t pend_ts;
	unsigned int order;
	char comm[HY_COMM_LEN];
};

struct tproc {
	struct tkey k;		/* pid */
	pid_t ppid;
	bool open;		/* a lifetime slice is open */
	unsigned int nlive;	/* live threads */
	unsigned int order;
	char comm[HY_COMM_LEN];
	char *cmdline;		/* NUL-separated, of the open slice */
	size_t cmdline_len;
};

struct tab {
	void *v;
	unsigned int n, cap;
	size_t size;		/* of an entry */
};

struct tef {
	FILE *fp;
	bool first;		/* no event written yet */
	struct tab threads, procs;
	unsigned int norder;
	uint64_t last_ts;
	struct sbuf line, tmp;
	int err;
};

static struct tkey *tab_at(const struct tab *t, unsigned int i)
{
	return (struct tkey *)((char *)t->v + (size_t)i * t->size);
}

/* Open addressing on a pid/tid; entries are zeroed when created. */
static void *tab_get(struct tab *t, pid_t id, bool create)
{
	if (create && (t->n + 1) * 2 > t->cap) {
		unsigned int ncap = t->cap ? t->cap * 2 : 64;
		struct tab nt = { .v = calloc(ncap, t->size), .cap = ncap, .size = t->size };

		if (!nt.v)
			return NULL;
		for (unsigned int i = 0; i < t->cap; i++) {
			struct tkey *e = tab_at(t, i);

			if (e->used)
				memcpy(tab_get(&nt, e->id, true), e, t->size);
		}
		free(t->v);
		*t = nt;
	}
	if (!t->cap)
		return NULL;
	unsigned int mask = t->cap - 1, h = ((unsigned int)id * 2654435761u) & mask;

	for (;; h = (h + 1) & mask) {
		struct tkey *e = tab_at(t, h);

		if (!e->used) {
			if (!create)
				return NULL;
			e->id = id;
			e->used = true;
			t->n++;
			return e;
		}
		if (e->id == id)
			return e;
	}
}

static int tef_open(struct sink *s)
{
	const struct opts *o = s->pl->o;
	struct tef *tf = calloc(1, sizeof(*tf));

	if (!tf)
		return -ENOMEM;
	tf->threads.size = sizeof(struct tthread);
	tf->procs.size = sizeof(struct tproc);
	tf->fp = stderr;
	if (o->outfile) {	/* one file, also with -ff: a trace is one timeline */
		tf->fp = fopen(o->outfile, "we");
		if (!tf->fp) {
			int err = errno;

			pr_warn("cannot open %s: %s", o->outfile, strerror(err));
			free(tf);
			return -err;
		}
		setvbuf(tf->fp, NULL, _IOFBF, 1 << 16);
	}
	s->priv = tf;
	tf->first = true;
	fputs("{\"traceEvents\":[\n", tf->fp);
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
		fputs(",\n", tf->fp);
	tf->first = false;
	if (fwrite(sb->s, 1, sb->len, tf->fp) != sb->len && !tf->err)
		tf->err = -errno;
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
	ev_begin(tf, "b", name, "process", p->k.id, p->k.id, ts);
	sb_printf(&tf->line, ",\"id\":\"0x%x\",\"args\":{\"cmdline\":", (unsigned int)p->k.id);
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
	ev_begin(tf, "e", name, "process", p->k.id, p->k.id, ts);
	sb_printf(&tf->line, ",\"id\":\"0x%x\",\"args\":{%s}", (unsigned int)p->k.id, why);
	ev_end(tf);
	p->open = false;
}

/* Bring the tables up to date with one event; returns its thread. */
static struct tthread *track(struct tef *tf, const struct event *ev, const struct task *t)
{
	const struct hy_rec *r = &ev->r;
	struct tthread *th = tab_get(&tf->threads, r->tid, true);
	struct tproc *p = tab_get(&tf->procs, r->pid, true);
	uint64_t ts = r->ts_exit > r->ts_enter ? r->ts_exit : r->ts_enter;

	if (!th || !p)
		return NULL;
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

static void put_args_result(struct sbuf *sb, const struct dctx *d, bool result)
{
	sb_puts(sb, ",\"args\":");
	json_args(sb, d);
	if (!result)
		return;
	sb->len--;	/* reopen the object for the result members */
	size_t at = sb->len;

	json_result(sb, d);
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
	ev_begin(tf, "X", se ? se->name : buf, "syscall", th->pid, th->k.id, th->pend_ts);
	put_ts(&tf->line, "dur", ts > th->pend_ts ? ts - th->pend_ts : 0);
	sb_printf(&tf->line, ",\"args\":{\"nr\":%d,\"unfinished\":true}", th->pend_nr);
	ev_end(tf);
}

static void tef_syscall(struct tef *tf, const struct event *ev, const struct dctx *d,
			struct tthread *th)
{
	const struct hy_rec *r = &ev->r;
	char buf[32];
	const char *name = call_name(d, r->nr, buf, sizeof(buf));

	if (r->type == HY_REC_ENTER) {
		th->pending = true;
		th->pend_nr = r->nr;
		th->pend_ts = r->ts_enter;
		return;
	}
	if (th->pending && th->pend_nr != r->nr)
		flush_pending(tf, th, r->ts_enter);
	th->pending = false;
	if ((r->flags & HY_F_NO_EXIT) || r->ts_exit < r->ts_enter) {
		ev_begin(tf, "i", name, "syscall", r->pid, r->tid, r->ts_enter);
		sb_puts(&tf->line, ",\"s\":\"t\"");
	} else {
		ev_begin(tf, "X", name, "syscall", r->pid, r->tid, r->ts_enter);
		put_ts(&tf->line, "dur", r->ts_exit - r->ts_enter);
	}
	put_args_result(&tf->line, d, true);
	ev_end(tf);
}

static void instant(struct tef *tf, const struct hy_rec *r, const char *name, const char *cat)
{
	ev_begin(tf, "i", name, cat, r->pid, r->tid, r->ts_enter);
	sb_puts(&tf->line, ",\"s\":\"t\"");
}

static void tef_event(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct tef *tf = s->priv;
	const struct hy_rec *r = &ev->r;
	const char *sig = signame(r->nr);
	char name[64], why[96];

	if (r->type == HY_REC_LOST) {	/* not about one task: a global instant */
		snprintf(name, sizeof(name), "%" PRIu64 " events lost", (uint64_t)r->args[0]);
		ev_begin(tf, "i", name, "lost", r->pid, r->tid, r->ts_enter);
		sb_printf(&tf->line, ",\"s\":\"g\",\"args\":{\"count\":%" PRIu64 ",\"reason\":\"%s\"}",
			  (uint64_t)r->args[0], json_lost_reason(r->args[1]));
		ev_end(tf);
		return;
	}

	struct tthread *th = track(tf, ev, t);
	struct tproc *p = tab_get(&tf->procs, r->pid, false);

	if (!th || !p)
		return;
	switch (r->type) {
	case HY_REC_SYSCALL:
	case HY_REC_ENTER:
		tef_syscall(tf, ev, d, th);
		break;
	case HY_REC_SIGNAL:
		snprintf(name, sizeof(name), "%s", sig ? sig : "signal");
		instant(tf, r, name, "signal");
		sb_printf(&tf->line, ",\"args\":{\"signo\":%d", r->nr);
		if (d->args && d->args->child) {
			sb_puts(&tf->line, ",\"siginfo\":");
			json_value(&tf->line, d->args->child);
		}
		sb_putc(&tf->line, '}');
		ev_end(tf);
		break;
	case HY_REC_SIGSTOP:
		snprintf(name, sizeof(name), "stopped by %s", sig ? sig : "signal");
		instant(tf, r, name, "signal");
		sb_printf(&tf->line, ",\"args\":{\"signo\":%d}", r->nr);
		ev_end(tf);
		break;
	case HY_REC_EXEC:
		/* the lifetime slice restarts under the new command line */
		if (r->args[0] && r->args[0] != r->tid) {	/* exec from a thread: it took the pid */
			struct tthread *old = tab_get(&tf->threads, (pid_t)r->args[0], false);

			if (old && old->live) {
				flush_pending(tf, old, r->ts_enter);
				old->live = false;
			}
		}
		for (unsigned int i = 0; i < tf->threads.cap; i++) {	/* exec kills the other threads */
			struct tthread *o = (struct tthread *)tf->threads.v + i;

			if (o->k.used && o->live && o->pid == (pid_t)r->pid && o != th) {
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
		break;
	case HY_REC_EXIT:
	case HY_REC_DETACH:
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
		break;
	default:
		break;
	}
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
	struct sbuf *sb;
	int ret;

	if (!tf)
		return 0;
	sb = &tf->line;
	for (unsigned int i = 0; i < tf->threads.cap; i++) {
		struct tthread *th = (struct tthread *)tf->threads.v + i;

		if (th->k.used && th->pending)
			flush_pending(tf, th, tf->last_ts);
	}
	for (unsigned int i = 0; i < tf->procs.cap; i++) {
		struct tproc *p = (struct tproc *)tf->procs.v + i;

		if (!p->k.used)
			continue;
		slice_end(tf, p, tf->last_ts, "\"ended_by\":\"end of trace\"");
		meta(tf, "process_name", p->k.id, p->k.id, "name");
		json_string(sb, p->comm, strnlen(p->comm, HY_COMM_LEN));
		sb_putc(sb, '}');
		ev_end(tf);
		if (p->cmdline) {
			meta(tf, "process_labels", p->k.id, p->k.id, "labels");
			put_cmdline(tf, sb, p->cmdline, p->cmdline_len);
			sb_putc(sb, '}');
			ev_end(tf);
		}
		meta(tf, "process_sort_index", p->k.id, p->k.id, "sort_index");
		sb_printf(sb, "%u}", p->order);
		ev_end(tf);
		free(p->cmdline);
	}
	for (unsigned int i = 0; i < tf->threads.cap; i++) {
		struct tthread *th = (struct tthread *)tf->threads.v + i;

		if (!th->k.used)
			continue;
		meta(tf, "thread_name", th->pid, th->k.id, "name");
		json_string(sb, th->comm, strnlen(th->comm, HY_COMM_LEN));
		sb_putc(sb, '}');
		ev_end(tf);
		meta(tf, "thread_sort_index", th->pid, th->k.id, "sort_index");
		sb_printf(sb, "%u}", th->order);
		ev_end(tf);
	}
	fprintf(tf->fp, "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"tool\":\"hytrace\","
		"\"clock\":\"CLOCK_BOOTTIME\",\"boot_to_realtime_ns\":%" PRId64 "}}\n",
		s->pl->boot_to_real);
	ret = tf->err;
	if (tf->fp == stderr) {
		if (fflush(tf->fp) && !ret)
			ret = -errno;
	} else if (fclose(tf->fp) && !ret) {
		ret = -errno;
	}
	if (ret)
		pr_warn("cannot write the tef output: %s", strerror(-ret));
	free(tf->threads.v);
	free(tf->procs.v);
	sb_free(sb);
	sb_free(&tf->tmp);
	free(tf);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_tef_ops = {
	.name = "tef",
	.open = tef_open,
	.event = tef_event,
	.close = tef_close,
};
