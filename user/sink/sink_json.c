// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_json.c: --format=json: one JSON object per line per event (docs/json-schema.json). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "json_value.h"
#include "sink.h"

struct jsink {
	struct outfile main;	/* -o FILE, -o - or stderr; unused with -ff */
	bool ff;		/* -ff: a file per thread (FILE.TID, named as by the text sink) */
	struct tidmap files;	/* -ff: struct outfile by tid, open to the end (a reused tid too) */
	struct sbuf line;
	/* the last ,"pid":P,"tid":T,"comm":"C" made, for that pid, tid and comm (ids_len 0: none) */
	uint32_t ids_pid, ids_tid;
	char ids_comm[HY_COMM_LEN];
	char ids[HY_COMM_LEN * 6 + 64];
	size_t ids_len;
	/* the digits of the last "ts" second (ts_len 0: none): within it, only 9 digits change */
	int64_t ts_sec;
	char ts_pfx[24];
	size_t ts_len;
	/* the last ,"syscall":"NAME","nr":N made, for that table entry and nr (nr_len 0: none) */
	const void *nr_se;
	long nr_last;
	char nr_buf[96];
	size_t nr_len;
	const struct sym_frame *stack;	/* -k: the frames of the call being written */
	unsigned int nstack;
};

/* "ts": ns as "%" PRId64, the seconds' digits kept from the record before when they match */
static void put_ts(struct jsink *js, struct sbuf *sb, int64_t ns)
{
	if (ns < 1000000000) {
		sb_puti(sb, ns);
		return;
	}
	int64_t sec = ns / 1000000000;

	if (!js->ts_len || sec != js->ts_sec) {
		size_t at = sb->len;

		sb_puti(sb, sec);
		js->ts_sec = sec;
		js->ts_len = sb->len - at;	/* at most 10 digits: ts_pfx holds them */
		memcpy(js->ts_pfx, sb->s + at, js->ts_len);
	} else {
		sb_putn(sb, js->ts_pfx, js->ts_len);
	}
	sb_put9(sb, (uint32_t)(ns % 1000000000));
}

static unsigned int json_needs(const struct opts *o)
{
	unsigned int n = SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV;	/* "ts", "dur"; exec's "argv" */

	return n | sink_needs_fds(o) | sink_needs_stacks(o, true);
}

static void json_stack_cb(struct sink *s, const struct event *ev, const struct sym_frame *f,
			  unsigned int n, struct task *t)
{
	struct jsink *js = s->priv;

	js->stack = f;
	js->nstack = n;
}

static int json_open(struct sink *s)
{
	const struct opts *o = s->o;
	unsigned int fl = sink_outfile_flags(o);
	struct jsink *js = calloc(1, sizeof(*js));
	int err;

	if (!js)
		return -ENOMEM;
	tidmap_init(&js->files, sizeof(struct outfile), NULL);
	js->ff = o->outfile && o->follow == 2;
	if (js->ff)	/* check now, before the command starts, that FILE.PID can be created */
		err = outfile_check_dir(o->outfile, fl);
	else
		err = outfile_open(&js->main, o->outfile, stderr, fl);
	if (err) {
		free(js);
		return err;
	}
	s->priv = js;
	return 0;
}

/* The output for a thread's events: the main one, or FILE.TID with -ff. */
static struct outfile *out_for(struct sink *s, pid_t tid)
{
	struct jsink *js = s->priv;
	struct outfile *f;
	bool created;

	if (!js->ff)
		return &js->main;
	f = tidmap_add(&js->files, tid, &created);
	if (!f) {
		fputs("hytrace: out of memory\n", stderr);
		abort();
	}
	if (created && outfile_open_id(f, s->o->outfile, tid, sink_outfile_flags(s->o)))
		outfile_open(f, NULL, stderr, 0);	/* said why; the records still show */
	return f;
}

/* End the record in js->line and write it where t's records go. */
static void emit(struct sink *s, const struct task *t)
{
	struct jsink *js = s->priv;
	struct sbuf *sb = &js->line;

	sb_puts(sb, "}\n");
	outfile_write(out_for(s, t->tid), sb->s, sb->len);
}

/* {"type":"T","ts":N,"pid":P,"tid":T,"comm":"C" -- the members every record has (ts 0: null). */
static struct sbuf *head_at(struct sink *s, const char *type, uint64_t ts, uint32_t pid,
			    uint32_t tid, const char *comm)
{
	struct jsink *js = s->priv;
	struct sbuf *sb = &js->line;

	sb_reset(sb);
	sb_puts(sb, "{\"type\":\"");
	sb_puts(sb, type);
	sb_puts(sb, "\",\"ts\":");
	if (ts)
		put_ts(js, sb, ts_shift(ts, s->boot_to_real));
	else
		sb_puts(sb, "null");	/* the source had no clock (a strace log without -t) */
	/* the same task as the record before, as most are: these members are known */
	if (js->ids_len && js->ids_pid == pid && js->ids_tid == tid &&
	    !memcmp(js->ids_comm, comm, HY_COMM_LEN)) {
		sb_putn(sb, js->ids, js->ids_len);
		return sb;
	}
	size_t at = sb->len;

	sb_puts(sb, ",\"pid\":");
	sb_putu(sb, pid);
	sb_puts(sb, ",\"tid\":");
	sb_putu(sb, tid);
	sb_puts(sb, ",\"comm\":");
	json_string(sb, comm, strnlen(comm, HY_COMM_LEN));
	js->ids_len = 0;
	if (sb->len - at <= sizeof(js->ids)) {
		js->ids_pid = pid;
		js->ids_tid = tid;
		memcpy(js->ids_comm, comm, HY_COMM_LEN);
		js->ids_len = sb->len - at;
		memcpy(js->ids, sb->s + at, js->ids_len);
	}
	return sb;
}

static struct sbuf *head(struct sink *s, const char *type, const struct event *ev,
			 const struct task *t)
{
	return head_at(s, type, ev->r.ts_enter, (uint32_t)ev->r.pid, (uint32_t)ev->r.tid,
		       ev->r.comm[0] ? ev->r.comm : t->comm);
}

static void put_signal(struct sbuf *sb, int sig)
{
	const char *name = signame(sig);

	sb_puts(sb, ",\"signal\":");
	if (name)
		json_cstr(sb, name);
	else
		sb_printf(sb, "\"%d\"", sig);
	sb_printf(sb, ",\"signo\":%d", sig);
}

/* HY_REC_SYSCALL: "syscall"; HY_REC_ENTER: "syscall_enter" (its "syscall" record follows). */
static void json_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	const struct hy_rec *r = &ev->r;
	struct sbuf *sb = head(s, r->type == HY_REC_ENTER ? "syscall_enter" : "syscall", ev, t);

	struct jsink *js = s->priv;

	/* the same call as the record before, as in a loop: its name and number are known */
	if (js->nr_len && js->nr_se == d->se && js->nr_last == r->nr) {
		sb_putn(sb, js->nr_buf, js->nr_len);
	} else {
		size_t at = sb->len;

		sb_puts(sb, ",\"syscall\":");
		if (d->se)
			json_cstr(sb, d->se->name);
		else
			sb_printf(sb, "\"syscall_%#lx\"", (unsigned long)(unsigned int)r->nr);
		sb_puts(sb, ",\"nr\":");
		sb_puti(sb, (int)r->nr);
		js->nr_len = 0;
		if (sb->len - at <= sizeof(js->nr_buf)) {
			js->nr_se = d->se;
			js->nr_last = r->nr;
			js->nr_len = sb->len - at;
			memcpy(js->nr_buf, sb->s + at, js->nr_len);
		}
	}
	if (r->type == HY_REC_SYSCALL && !(r->flags & HY_F_NO_EXIT) && r->ts_enter &&
	    r->ts_exit >= r->ts_enter) {
		sb_puts(sb, ",\"dur\":");
		sb_putu(sb, (uint64_t)(r->ts_exit - r->ts_enter));
	}
	sb_puts(sb, ",\"args\":");
	json_args(sb, d);
	if (r->type == HY_REC_SYSCALL)
		json_result(sb, d);
	struct nvcall nc;

	if (s->o->cuda != CUDA_OFF && nvcall_get(ev, &nc))	/* an NVIDIA driver call */
		json_nvcall(sb, ev, &nc);
	if (r->flags & HY_F_BLOBS_CUT)
		sb_puts(sb, ",\"incomplete\":true");	/* some argument memory was not captured */
	if (js->stack && r->type == HY_REC_SYSCALL) {
		sb_puts(sb, ",\"stack\":");
		json_stack(sb, js->stack, js->nstack);
	}
	js->stack = NULL;
	js->nstack = 0;
	emit(s, t);
}

static void json_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct sbuf *sb;

	if (ev->r.type == HY_REC_SIGSTOP) {
		sb = head(s, "stop", ev, t);
		put_signal(sb, ev->r.nr);
	} else {
		sb = head(s, "signal", ev, t);
		put_signal(sb, ev->r.nr);
		if (d->args && d->args->child) {
			sb_puts(sb, ",\"siginfo\":");
			json_value(sb, d->args->child);
		}
	}
	emit(s, t);
}

static void json_process(struct sink *s, const struct event *ev, struct task *t)
{
	const struct hy_rec *r = &ev->r;
	struct sbuf *sb;

	switch (r->type) {
	case HY_REC_FORK:
		sb = head(s, "fork", ev, t);
		sb_printf(sb, ",\"parent_tid\":%" PRIu64 ",\"ppid\":%" PRIu64 ",\"thread\":%s",
			  (uint64_t)r->args[2], (uint64_t)r->args[3],
			  (r->flags & HY_F_THREAD) ? "true" : "false");
		break;
	case HY_REC_EXEC:
		sb = head(s, "exec", ev, t);
		if (r->args[0] && r->args[0] != r->tid)
			sb_printf(sb, ",\"old_tid\":%" PRIu64, (uint64_t)r->args[0]);
		sb_puts(sb, ",\"argv\":");
		json_argv(sb, t->cmdline ? t->cmdline : "", t->cmdline ? t->cmdline_len : 0);
		break;
	case HY_REC_EXIT:
		sb = head(s, "exit", ev, t);
		if (r->flags & HY_F_KILLED) {
			put_signal(sb, r->nr);
			sb_printf(sb, ",\"core\":%s", (r->flags & HY_F_CORE) ? "true" : "false");
		} else {
			sb_printf(sb, ",\"exit_code\":%d", r->nr);
		}
		break;
	case HY_REC_DETACH:
		head(s, "detach", ev, t);
		break;
	default:
		return;
	}
	emit(s, t);
}

/*
 * --func: "func_entry" (the first integer arguments of --func-args in "args") and "func_exit"
 * ("dur", "retval", "no_return" when the return was made up), both with "func", "module" and
 * "depth" (0: the outermost traced call open on the thread).
 */
static void json_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	char comm[HY_COMM_LEN];
	struct sbuf *sb;
	bool entry = fe->kind == FUNC_EV_ENTRY;

	memcpy(comm, t->comm, sizeof(comm));
	sb = head_at(s, entry ? "func_entry" : "func_exit", fe->ts, fe->pid, fe->tid, comm);
	sb_puts(sb, ",\"func\":");
	json_cstr(sb, fe->fn->name);
	sb_puts(sb, ",\"module\":");
	json_cstr(sb, fe->fn->module);
	sb_printf(sb, ",\"depth\":%u", fe->depth);
	if (entry && (fe->flags & FUNC_EVF_ARGS)) {
		unsigned int n = fe->nargs;

		if (fe->fn->nparams >= 0 && (unsigned int)fe->fn->nparams < n)
			n = (unsigned int)fe->fn->nparams;
		sb_puts(sb, ",\"args\":[");
		for (unsigned int i = 0; i < n && i < HY_FUNC_ARGS; i++) {
			if (i)
				sb_putc(sb, ',');
			sb_puti(sb, (int64_t)fe->args[i]);
		}
		sb_putc(sb, ']');
	}
	if (!entry) {
		sb_printf(sb, ",\"dur\":%" PRIu64, fe->ts - fe->ts_entry);
		if (fe->flags & FUNC_EVF_RET) {
			sb_puts(sb, ",\"retval\":");
			sb_puti(sb, fe->ret);
		}
		if (fe->flags & FUNC_EVF_NO_RETURN)
			sb_puts(sb, ",\"no_return\":true");
	}
	emit(s, t);
}

static void json_lost(struct sink *s, const struct event *ev, struct task *t)
{
	struct sbuf *sb = head(s, "lost", ev, t);

	sb_printf(sb, ",\"count\":%" PRIu64 ",\"reason\":\"%s\"", (uint64_t)ev->r.args[0],
		  json_lost_reason(ev->r.args[1]));
	emit(s, t);
}

/* The source went idle: every file's records so far reach it. */
static void json_idle(struct sink *s)
{
	struct jsink *js = s->priv;
	struct outfile *f;
	unsigned int pos = 0;

	if (!js)
		return;
	if (!js->ff)
		outfile_flush(&js->main);
	while ((f = tidmap_next(&js->files, &pos, NULL)))
		outfile_flush(f);
}

static int json_close(struct sink *s)
{
	struct jsink *js = s->priv;
	struct outfile *f;
	unsigned int pos = 0;
	int ret, err;

	if (!js)
		return 0;
	ret = js->ff ? 0 : outfile_close(&js->main);
	while ((f = tidmap_next(&js->files, &pos, NULL))) {
		err = outfile_close(f);
		if (err && !ret)
			ret = err;
	}
	tidmap_free(&js->files);
	sb_free(&js->line);
	free(js);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_json_ops = {
	.name = "json",
	.help = "a JSON object per line",
	.needs = json_needs,
	.open = json_open,
	.syscall = json_syscall,
	.stack = json_stack_cb,
	.signal = json_signal,
	.process = json_process,
	.lost = json_lost,
	.func = json_func,
	.idle = json_idle,
	.close = json_close,
};
