// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_otlp.c: OpenTelemetry spans (a span per process, syscalls as events or child spans) over OTLP/HTTP. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include "log.h"
#include "nvcall.h"
#include "otlp.h"
#include "options.h"
#include "protobuf.h"
#include "render.h"
#include "sink.h"

/*
 * Limits.  OTLP_MAX_EVENTS replaces the SDK's default of 128 span events
 * (OTEL_SPAN_EVENT_COUNT_LIMIT, which still overrides it): syscalls are the point
 * here.  The batch size is the SDK's OTEL_BSP_MAX_EXPORT_BATCH_SIZE default; the
 * byte limit keeps a request well under collectors' usual body limits (the
 * OpenTelemetry Collector's confighttp default is 20 MiB).
 */
#define OTLP_MAX_EVENTS		10000
#define OTLP_BATCH_SPANS	512
#define OTLP_BATCH_BYTES	(1u << 20)
#define OTLP_LOG_BATCH		512	/* OTEL_BLRP_MAX_EXPORT_BATCH_SIZE's default (SDK env spec) */

/* Per pid (ot->pids): the latest process with that pid.  Kept after it ends, for its children. */
struct opid {
	uint8_t id[8];		/* its span id */
	struct oproc *p;	/* the live process, or NULL once its span ended */
};

/* Per thread (sink_task()): the process it was counted in (serial 0: none). */
struct othr {
	pid_t pid;
	uint64_t serial;
};

/* A traced process: its span under construction. */
struct oproc {
	uint64_t serial;	/* tells a thread's process from a later one with its pid */
	pid_t pid, ppid;
	struct otlp_span *sp;
	char comm[HY_COMM_LEN + 1];
	char *cmdline;
	size_t cmdline_len;
	int ntasks;		/* threads alive that we saw */
	unsigned int nthreads;	/* threads seen, leader included */
	bool exited, leader_exited, killed, core, detached;
	int code;		/* exit code, or the signal with killed */
	uint64_t nsyscalls, lost;
	uint64_t last_ts;	/* its latest time: the span covers its events and children */
};

struct otlp {
	struct sink *s;
	struct otlp_cfg cfg;
	struct otlp_http *http;
	char *url;
	bool protobuf;			/* http/protobuf requests, else http/json */
	bool disabled;			/* OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none */
	struct pb pbuf;			/* a protobuf request being encoded */
	/* --logs: each trace line as a log record, to the logs endpoint */
	struct otlp_http *lhttp;
	char *lurl;
	struct otlp_log *lhead, **ltail;
	size_t ln, lbytes;
	bool lfailed;
	uint64_t logs, lunsent;
	struct sbuf line;
	enum otlp_syscalls sc;
	bool rel_now, failed;
	uint8_t trace_id[16];
	struct sbuf res;		/* resource attributes */
	struct tidmap pids;		/* struct opid by pid */
	struct otlp_span *qhead, **qtail;
	size_t qn, qbytes;
	uint64_t last_ts;		/* latest time seen, boottime ns */
	struct sbuf body, tmp;
	const struct sym_frame *stack;	/* -k: the frames of the call being written */
	unsigned int nstack;
	int err;
	uint64_t spans, unsent, dropped_events, serial;
};

/* --- ids, times ---------------------------------------------------------------------------------- */

static void rand_bytes(struct otlp *ot, uint8_t *buf, size_t n)
{
	bool zero = true;

	do {
		if (ot->cfg.random) {
			ot->cfg.random(ot->cfg.random_ctx, buf, n);
		} else {
			size_t got = 0;

			while (got < n) {
				ssize_t r = getrandom(buf + got, n - got, 0);

				if (r < 0) {
					if (errno == EINTR)
						continue;
					/* no entropy source: ids need only be unique, not secret */
					for (; got < n; got++)
						buf[got] = (uint8_t)(random() >> 7);
					break;
				}
				got += (size_t)r;
			}
		}
		for (size_t i = 0; i < n; i++)
			zero = zero && !buf[i];
	} while (zero);	/* all-zero ids are invalid (trace.proto) */
}

static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* --- sending ------------------------------------------------------------------------------------ */

static int64_t time_offset(struct otlp *ot)
{
	int64_t off = ot->s->boot_to_real;

	if (ot->rel_now && ot->last_ts) {
		uint64_t now = ot->cfg.now_real ? ot->cfg.now_real : realtime_ns();

		off = (int64_t)(now - ot->last_ts);	/* modulo 2^64, then signed: no overflow */
	}
	return off;
}

static int http_post(void *ctx, const char *body, size_t len, char *why, size_t whylen)
{
	return otlp_http_post(ctx, body, len, why, whylen);
}

/* Send the queue in requests of at most batch_spans spans and about batch_bytes bytes. */
static void flush(struct otlp *ot)
{
	int64_t off = time_offset(ot);

	while (ot->qhead) {
		struct otlp_span *first = ot->qhead, *sp = first;
		size_t n = 0, bytes = 0;
		char why[512];

		while (sp && n < ot->cfg.batch_spans && (!n || bytes + sp->est <= ot->cfg.batch_bytes)) {
			bytes += sp->est;
			n++;
			sp = sp->next;
		}
		if (ot->disabled) {
			/* nothing is sent */
		} else if (!ot->failed) {
			const char *body;
			size_t len;

			if (ot->protobuf) {
				pb_reset(&ot->pbuf);
				otlp_encode_pb(&ot->pbuf, &ot->res, ot->trace_id, first, n, off);
				body = (const char *)ot->pbuf.buf;
				len = ot->pbuf.len;
			} else {
				sb_reset(&ot->body);
				otlp_encode(&ot->body, &ot->res, ot->trace_id, first, n, off);
				body = ot->body.s;
				len = ot->body.len;
			}
			int err = ot->pbuf.err ? ot->pbuf.err :
				  ot->cfg.post(ot->cfg.post_ctx, body, len, why, sizeof(why));

			if (ot->pbuf.err)
				snprintf(why, sizeof(why), "cannot encode the request: %s",
					 strerror(-ot->pbuf.err));

			if (err) {
				pr_warn("cannot send spans to %s: %s", ot->url, why);
				ot->failed = true;
				ot->err = err;
			}
		}
		if (ot->failed)
			ot->unsent += n;
		for (size_t i = 0; i < n; i++) {
			struct otlp_span *x = ot->qhead;

			ot->qhead = x->next;
			ot->qbytes -= x->est;
			ot->qn--;
			otlp_span_free(x);
		}
	}
	ot->qtail = &ot->qhead;
	if (ot->body.cap > 4 * ot->cfg.batch_bytes) {	/* one huge span: give the memory back */
		sb_free(&ot->body);
		memset(&ot->body, 0, sizeof(ot->body));
	}
}

static void queue(struct otlp *ot, struct otlp_span *sp)
{
	sp->est = 300 + 2 * sp->attrs.len;
	for (uint32_t i = 0; i < sp->nev; i++)
		sp->est += 80 + strlen(sp->ev[i].name) + 2 * sp->ev[i].attrs_len;
	sp->next = NULL;
	*ot->qtail = sp;
	ot->qtail = &sp->next;
	ot->qn++;
	ot->qbytes += sp->est;
	ot->spans++;
	/* --relative-to-now needs the last time of the trace: everything waits for the end */
	if (!ot->rel_now && (ot->qn >= ot->cfg.batch_spans || ot->qbytes >= ot->cfg.batch_bytes))
		flush(ot);
}

/* --- logs (--logs) -------------------------------------------------------------------------- */

static int http_post_logs(void *ctx, const char *body, size_t len, char *why, size_t whylen)
{
	return otlp_http_post(ctx, body, len, why, whylen);
}

/* Send the queued log records, OTLP_LOG_BATCH per request. */
static void flush_logs(struct otlp *ot)
{
	int64_t off = time_offset(ot);

	while (ot->lhead) {
		struct otlp_log *first = ot->lhead;
		size_t n = ot->ln < OTLP_LOG_BATCH ? ot->ln : OTLP_LOG_BATCH;
		char why[512];

		if (!ot->disabled && !ot->lfailed) {
			const char *body;
			size_t len;
			int err;

			if (ot->protobuf) {
				pb_reset(&ot->pbuf);
				otlp_encode_logs_pb(&ot->pbuf, &ot->res, ot->trace_id, first, n, off);
				body = (const char *)ot->pbuf.buf;
				len = ot->pbuf.len;
			} else {
				sb_reset(&ot->body);
				otlp_encode_logs(&ot->body, &ot->res, ot->trace_id, first, n, off);
				body = ot->body.s;
				len = ot->body.len;
			}
			err = ot->pbuf.err ? ot->pbuf.err :
			      ot->cfg.post_logs(ot->cfg.post_logs_ctx, body, len, why, sizeof(why));
			if (err) {
				pr_warn("cannot send log records to %s: %s", ot->lurl,
					ot->pbuf.err ? "cannot encode the request" : why);
				ot->lfailed = true;
				if (!ot->err)
					ot->err = err;
			}
		}
		if (ot->lfailed)
			ot->lunsent += n;
		for (size_t i = 0; i < n; i++) {
			struct otlp_log *x = ot->lhead;

			ot->lhead = x->next;
			ot->ln--;
			otlp_log_free(x);
		}
	}
	ot->ltail = &ot->lhead;
	ot->lbytes = 0;
}

/* --logs: the line in ot->line as a log record of thread tid, in span span_id. */
static void add_log(struct otlp *ot, uint64_t ts, int severity, const uint8_t span_id[8],
		    pid_t pid, pid_t tid)
{
	struct otlp_log *l = calloc(1, sizeof(*l));

	if (!l || !(l->body = malloc(ot->line.len + 1))) {
		free(l);
		ot->lunsent++;
		return;
	}
	memcpy(l->body, ot->line.s ? ot->line.s : "", ot->line.len);
	l->body[ot->line.len] = '\0';
	l->body_len = ot->line.len;
	l->ts = ts;
	l->severity = severity;
	memcpy(l->span_id, span_id, 8);
	otlp_attr_int(&l->attrs, "process.pid", pid);
	otlp_attr_int(&l->attrs, "thread.id", tid);
	*ot->ltail = l;
	ot->ltail = &l->next;
	ot->ln++;
	ot->lbytes += 200 + l->body_len;
	ot->logs++;
	if (!ot->rel_now && (ot->ln >= OTLP_LOG_BATCH || ot->lbytes >= ot->cfg.batch_bytes))
		flush_logs(ot);
}

/* --- processes ------------------------------------------------------------------------------- */

static void set_parent(struct otlp *ot, struct oproc *p, pid_t ppid)
{
	struct opid *pn;

	if (ppid <= 0 || ppid == p->pid)
		return;
	p->ppid = ppid;
	pn = tidmap_get(&ot->pids, ppid);
	if (pn) {
		memcpy(p->sp->parent_id, pn->id, 8);
		p->sp->has_parent = true;
	}
}

static void set_cmdline(struct oproc *p, const char *c, size_t len)
{
	char *n;

	if (!c || !len || !(n = malloc(len)))
		return;
	memcpy(n, c, len);
	free(p->cmdline);
	p->cmdline = n;
	p->cmdline_len = len;
}

static struct oproc *proc_new(struct otlp *ot, const struct event *ev, const struct task *t)
{
	struct oproc *p = calloc(1, sizeof(*p));
	struct opid *pn;
	pid_t ppid = 0;

	if (!p)
		return NULL;
	p->sp = calloc(1, sizeof(*p->sp));
	pn = tidmap_add(&ot->pids, t->pid, NULL);
	if (!p->sp || !pn) {
		free(p->sp);
		free(p);
		return NULL;
	}
	p->pid = t->pid;
	p->serial = ++ot->serial;
	rand_bytes(ot, p->sp->span_id, 8);
	if (ev->r.type == HY_REC_FORK && !(ev->r.flags & HY_F_THREAD))
		ppid = (pid_t)ev->r.args[3];
	else if (t->tid == t->pid && !t->thread)
		ppid = t->ppid;
	set_parent(ot, p, ppid);
	p->sp->start = t->start_ts ? t->start_ts : ev->r.ts_enter;
	memcpy(p->comm, t->comm, HY_COMM_LEN);
	set_cmdline(p, t->cmdline, t->cmdline_len);
	/* a pid reused: the new process takes the name; the old one's span keeps its id */
	pn->p = p;
	memcpy(pn->id, p->sp->span_id, 8);
	return p;
}

/* The live process that thread t was counted in, or NULL. */
static struct oproc *task_proc(struct otlp *ot, struct task *t)
{
	struct othr *th = sink_task(ot->s, t);
	struct opid *pn;

	if (!th->serial || !(pn = tidmap_get(&ot->pids, th->pid)) || !pn->p ||
	    pn->p->serial != th->serial)
		return NULL;
	return pn->p;
}

/* The process of task t, made known on its first event. */
static struct oproc *proc_of(struct otlp *ot, const struct event *ev, struct task *t)
{
	struct oproc *p = task_proc(ot, t);
	struct othr *th;
	struct opid *pn;

	if (p)
		return p;
	pn = tidmap_get(&ot->pids, t->pid);
	p = pn && pn->p ? pn->p : proc_new(ot, ev, t);
	if (!p)
		return NULL;
	th = sink_task(ot->s, t);
	th->pid = p->pid;
	th->serial = p->serial;
	p->ntasks++;
	p->nthreads++;
	return p;
}

/*
 * The span's name: comm, or the executable's base name when comm is that cut at 15 bytes
 * (TASK_COMM_LEN), or when there is no comm (strace logs); NULL when nothing is known.
 */
static const char *proc_name(const struct oproc *p)
{
	const char *base = NULL;

	if (p->cmdline && p->cmdline[0]) {
		base = strrchr(p->cmdline, '/');
		base = base && base[1] ? base + 1 : p->cmdline;
	}
	if (base && (!p->comm[0] || (strlen(p->comm) == HY_COMM_LEN - 1 &&
				     !strncmp(base, p->comm, HY_COMM_LEN - 1))))
		return base;
	return p->comm[0] ? p->comm : NULL;
}

static void proc_end(struct otlp *ot, struct oproc *p, uint64_t end, bool running)
{
	struct otlp_span *sp = p->sp;
	struct sbuf *a = &sp->attrs;
	struct opid *pn = tidmap_get(&ot->pids, p->pid);
	const char *name = proc_name(p);

	if (p->last_ts > end)
		end = p->last_ts;
	sp->end = end > sp->start ? end : sp->start;
	if (name)
		sp->name = strdup(name);
	else if (asprintf(&sp->name, "pid %d", (int)p->pid) < 0)
		sp->name = NULL;
	/* OpenTelemetry semantic conventions, "process" attributes */
	otlp_attr_int(a, "process.pid", p->pid);
	if (p->ppid)
		otlp_attr_int(a, "process.parent_pid", p->ppid);
	if (name)
		otlp_attr_str(a, "process.executable.name", name);
	if (p->cmdline) {
		otlp_attr_strn(a, "process.command", p->cmdline, strnlen(p->cmdline, p->cmdline_len));
		otlp_attr_strv(a, "process.command_args", p->cmdline, p->cmdline_len);
	}
	if (p->exited && !p->killed)
		otlp_attr_int(a, "process.exit.code", p->code);
	if (p->exited && p->killed) {
		const char *sig = signame(p->code);
		char num[16];

		snprintf(num, sizeof(num), "%d", p->code);
		otlp_attr_str(a, "hytrace.exit.signal", sig ? sig : num);
		otlp_attr_bool(a, "hytrace.core_dumped", p->core);
	}
	otlp_attr_int(a, "hytrace.threads", p->nthreads);
	otlp_attr_int(a, "hytrace.syscalls", (int64_t)p->nsyscalls);
	if (p->lost)
		otlp_attr_int(a, "hytrace.lost_events", (int64_t)p->lost);
	if (p->detached)
		otlp_attr_bool(a, "hytrace.detached", true);
	if (running)
		otlp_attr_bool(a, "hytrace.running", true);
	if (p->exited && (p->killed || p->code)) {
		const char *sig = p->killed ? signame(p->code) : NULL;

		sp->status = 2;	/* STATUS_CODE_ERROR */
		if (p->killed && asprintf(&sp->status_msg, "killed by %s%s", sig ? sig : "signal",
					  p->core ? " (core dumped)" : "") < 0)
			sp->status_msg = NULL;
		else if (!p->killed && asprintf(&sp->status_msg, "exited with %d", p->code) < 0)
			sp->status_msg = NULL;
	}
	if (pn && pn->p == p)
		pn->p = NULL;
	p->sp = NULL;
	free(p->cmdline);
	free(p);
	queue(ot, sp);
}

/* --- events -------------------------------------------------------------------------------- */

static void add_event(struct otlp *ot, struct oproc *p, uint64_t ts, const char *name,
		      const struct sbuf *attrs)
{
	struct otlp_span *sp = p->sp;
	size_t nl = strlen(name);
	char *buf;

	if (sp->nev >= ot->cfg.max_events) {
		sp->dropped_ev++;
		ot->dropped_events++;
		return;
	}
	if (sp->nev == sp->ev_cap) {
		uint32_t cap = sp->ev_cap ? sp->ev_cap * 2 : 16;
		struct otlp_event *n;

		if (cap > ot->cfg.max_events)
			cap = ot->cfg.max_events;
		n = realloc(sp->ev, cap * sizeof(*n));
		if (!n) {
			sp->dropped_ev++;
			ot->dropped_events++;
			return;
		}
		sp->ev = n;
		sp->ev_cap = cap;
	}
	buf = malloc(nl + 1 + attrs->len + 1);
	if (!buf) {
		sp->dropped_ev++;
		ot->dropped_events++;
		return;
	}
	memcpy(buf, name, nl + 1);
	memcpy(buf + nl + 1, attrs->len ? attrs->s : "", attrs->len);
	buf[nl + 1 + attrs->len] = '\0';
	sp->ev[sp->nev].ts = ts;
	sp->ev[sp->nev].name = buf;
	sp->ev[sp->nev].attrs = buf + nl + 1;
	sp->ev[sp->nev].attrs_len = (uint32_t)attrs->len;
	sp->nev++;
}

/* thread.id, the arguments and the result as strace prints them, ret, errno, duration */
static void syscall_attrs(struct otlp *ot, struct sbuf *a, const struct event *ev, struct dctx *d,
			  bool dur)
{
	int xflag = ot->s->o->d.xflag;
	const char *res;

	otlp_attr_int(a, "thread.id", ev->r.tid);
	sb_reset(&ot->tmp);
	render_args(&ot->tmp, d->args, xflag);
	otlp_attr_strn(a, "hytrace.syscall.args", ot->tmp.s ? ot->tmp.s : "", ot->tmp.len);
	sb_reset(&ot->tmp);
	render_ret(&ot->tmp, d, xflag);
	res = ot->tmp.s ? ot->tmp.s : "";
	if (!strncmp(res, "= ", 2))
		res += 2;
	otlp_attr_str(a, "hytrace.syscall.result", res);
	struct nvcall nc;

	if (ot->s->o->cuda != CUDA_OFF && nvcall_get(ev, &nc)) {	/* an NVIDIA driver call */
		char label[192];

		nvcall_label(ev, &nc, label, sizeof(label));
		otlp_attr_str(a, "hytrace.nvidia.device", nvcall_dev_name(nc.kind));
		otlp_attr_str(a, "hytrace.nvidia.command", label);
		if (nc.has_status && nc.status_name)
			otlp_attr_str(a, "hytrace.nvidia.status", nc.status_name);
		if (nc.has_status)
			otlp_attr_int(a, "hytrace.nvidia.status_code", nc.status);
	}
	if (!(ev->r.flags & HY_F_NO_EXIT)) {
		if (d->ret_is_error) {
			const char *e = errno_name((int)-ev->r.ret);

			otlp_attr_int(a, "hytrace.syscall.ret", -1);
			if (e)
				otlp_attr_str(a, "hytrace.syscall.errno", e);
			else
				otlp_attr_int(a, "hytrace.syscall.errno", -ev->r.ret);
		} else {
			otlp_attr_int(a, "hytrace.syscall.ret", ev->r.ret);
		}
		if (dur && ev->r.ts_exit >= ev->r.ts_enter && ev->r.ts_exit)
			otlp_attr_int(a, "hytrace.syscall.duration_ns",
				    (int64_t)(ev->r.ts_exit - ev->r.ts_enter));
	}
	/* -k: OpenTelemetry's code.stacktrace (a string), one strace -k frame per line */
	if (ot->stack && ev->r.type == HY_REC_SYSCALL) {
		sb_reset(&ot->tmp);
		for (unsigned int i = 0; i < ot->nstack; i++) {
			const struct sym_frame *f = &ot->stack[i];

			if (i)
				sb_putc(&ot->tmp, '\n');
			sink_frame_text(&ot->tmp, f);
			if (f->file && f->line)
				sb_printf(&ot->tmp, " %s:%u", f->file, f->line);
		}
		otlp_attr_strn(a, "code.stacktrace", ot->tmp.s ? ot->tmp.s : "", ot->tmp.len);
	}
}

static void otlp_stack(struct sink *s, const struct event *ev, const struct sym_frame *f,
		       unsigned int n, struct task *t)
{
	struct otlp *ot = s->priv;

	ot->stack = f;
	ot->nstack = n;
}

/* The span of the process covers what happens in it (the first record may be after an
   execve's entry, or an event may come late). */
static void cover(struct oproc *p, uint64_t from, uint64_t to)
{
	if (from && from < p->sp->start)
		p->sp->start = from;
	if (to > p->last_ts)
		p->last_ts = to;
}

/* Every event moves the trace's latest time on. */
static void event_time(struct otlp *ot, const struct event *ev)
{
	uint64_t ts = ev->r.ts_exit > ev->r.ts_enter ? ev->r.ts_exit : ev->r.ts_enter;

	if (ts > ot->last_ts)
		ot->last_ts = ts;
}

/* The process span that ev of task t goes into, made known on its first event; or NULL. */
static struct oproc *event_proc(struct otlp *ot, const struct event *ev, struct task *t)
{
	uint64_t ts = ev->r.ts_exit > ev->r.ts_enter ? ev->r.ts_exit : ev->r.ts_enter;
	struct oproc *p;

	event_time(ot, ev);
	if (ev->r.type == HY_REC_ENTER || t->pid <= 0)	/* the SYSCALL record follows */
		return NULL;
	p = proc_of(ot, ev, t);
	if (!p)
		return NULL;
	if (t->comm[0] && ev->r.type != HY_REC_EXIT)
		memcpy(p->comm, t->comm, HY_COMM_LEN);
	cover(p, ev->r.ts_enter, ts);
	return p;
}

static void syscall_span(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct otlp *ot = s->priv;
	struct oproc *p = event_proc(ot, ev, t);
	char unk[192];
	const char *name = d->se ? d->se->name : unk;
	struct sbuf a = { 0 };
	struct nvcall nc;
	bool nvfail = false;

	if (!p)
		return;
	p->nsyscalls++;
	if (!d->se)
		snprintf(unk, sizeof(unk), "syscall_%#x", (unsigned int)ev->r.nr);
	if (s->o->logs) {	/* the line as the text output prints it */
		sb_reset(&ot->line);
		sb_puts(&ot->line, name);
		sb_putc(&ot->line, '(');
		render_args(&ot->line, d->args, s->o->d.xflag);
		sb_puts(&ot->line, ") ");
		render_ret(&ot->line, d, s->o->d.xflag);
		add_log(ot, ev->r.ts_enter, d->ret_is_error ? 13 : 9, p->sp->span_id, t->pid, t->tid);
	}
	if (ot->sc == OTLP_SC_NONE)
		return;
	if (s->o->cuda != CUDA_OFF && nvcall_get(ev, &nc)) {	/* named by the driver command */
		nvcall_label(ev, &nc, unk, sizeof(unk));
		name = unk;
		nvfail = nvcall_failed(ev, &nc);
	}
	if (ot->sc == OTLP_SC_EVENTS) {
		if (p->sp->nev >= ot->cfg.max_events) {	/* dropped: no need to render it */
			p->sp->dropped_ev++;
			ot->dropped_events++;
			return;
		}
		syscall_attrs(ot, &a, ev, d, true);
		add_event(ot, p, ev->r.ts_enter, name, &a);
		sb_free(&a);
		return;
	}
	/* a child span of the process */
	struct otlp_span *sp = calloc(1, sizeof(*sp));

	if (!sp)
		return;
	rand_bytes(ot, sp->span_id, 8);
	memcpy(sp->parent_id, p->sp->span_id, 8);
	sp->has_parent = true;
	sp->name = strdup(name);
	sp->start = ev->r.ts_enter;
	sp->end = ev->r.ts_exit > ev->r.ts_enter && !(ev->r.flags & HY_F_NO_EXIT) ? ev->r.ts_exit
										   : ev->r.ts_enter;
	syscall_attrs(ot, &sp->attrs, ev, d, false);
	if (nvfail) {	/* the driver failed it: an error span with the status's name */
		sp->status = 2;	/* STATUS_CODE_ERROR */
		sp->status_msg = strdup(nc.status_name ? nc.status_name : "NV_STATUS error");
	}
	queue(ot, sp);
}

static void otlp_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct otlp *ot = s->priv;

	syscall_span(s, ev, d, t);
	ot->stack = NULL;	/* -k: they were this call's */
	ot->nstack = 0;
}

static void otlp_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct otlp *ot = s->priv;
	struct oproc *p = event_proc(ot, ev, t);
	const char *sig = signame(ev->r.nr);
	char num[16];
	struct sbuf a = { 0 };

	if (!p)
		return;
	snprintf(num, sizeof(num), "signal %d", ev->r.nr);
	otlp_attr_int(&a, "thread.id", ev->r.tid);
	if (ev->r.type == HY_REC_SIGSTOP) {
		otlp_attr_bool(&a, "hytrace.signal.stopped", true);
	} else if (d->args && d->args->child) {
		sb_reset(&ot->tmp);
		render_value(&ot->tmp, d->args->child, ot->s->o->d.xflag);
		otlp_attr_strn(&a, "hytrace.signal.info", ot->tmp.s, ot->tmp.len);
	}
	add_event(ot, p, ev->r.ts_enter, sig ? sig : num, &a);
	sb_free(&a);
	if (s->o->logs) {	/* as the text output prints it */
		sb_reset(&ot->line);
		if (ev->r.type == HY_REC_SIGSTOP) {
			sb_printf(&ot->line, "--- stopped by %s ---", sig ? sig : num);
		} else {
			sb_printf(&ot->line, "--- %s", sig ? sig : num);
			if (d->args && d->args->child) {
				sb_putc(&ot->line, ' ');
				render_value(&ot->line, d->args->child, s->o->d.xflag);
			}
			sb_puts(&ot->line, " ---");
		}
		add_log(ot, ev->r.ts_enter, 9, p->sp->span_id, t->pid, t->tid);
	}
}

static void on_exec(struct otlp *ot, struct oproc *p, const struct event *ev, const struct task *t)
{
	pid_t old = (pid_t)ev->r.args[0];
	struct task *prev = old > 0 && old != (pid_t)ev->r.tid ? tasks_get(ot->s->tasks, old)
							       : NULL;
	struct sbuf a = { 0 };

	/* exec from a thread: it took the leader's tid; its old tid is gone without an exit */
	if (prev && task_proc(ot, prev) == p) {
		memset(sink_task(ot->s, prev), 0, sizeof(struct othr));
		p->ntasks--;
	}
	set_cmdline(p, t->cmdline, t->cmdline_len);
	memcpy(p->comm, t->comm, HY_COMM_LEN);
	otlp_attr_int(&a, "thread.id", ev->r.tid);
	if (p->cmdline)
		otlp_attr_strv(&a, "process.command_args", p->cmdline, p->cmdline_len);
	add_event(ot, p, ev->r.ts_enter, "exec", &a);
	sb_free(&a);
}

static void on_gone(struct otlp *ot, struct oproc *p, const struct event *ev, struct task *t)
{
	if (ot->s->o->logs && ev->r.type == HY_REC_EXIT) {	/* "+++ exited with 0 +++" */
		const char *sig = signame(ev->r.nr);

		sb_reset(&ot->line);
		if (!(ev->r.flags & HY_F_KILLED))
			sb_printf(&ot->line, "+++ exited with %d +++", ev->r.nr);
		else if (sig)
			sb_printf(&ot->line, "+++ killed by %s%s +++", sig,
				  ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
		else
			sb_printf(&ot->line, "+++ killed by %d%s +++", ev->r.nr,
				  ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
		add_log(ot, ev->r.ts_enter, ev->r.flags & HY_F_KILLED ? 17 : 9, p->sp->span_id,
			t->pid, t->tid);
	}
	memset(sink_task(ot->s, t), 0, sizeof(struct othr));	/* no longer counted */
	if (ev->r.type == HY_REC_EXIT) {
		/* the leader's status is the process's (the others say the same after exit_group) */
		if (t->tid == p->pid || !p->leader_exited) {
			p->exited = true;
			p->leader_exited = t->tid == p->pid;
			p->killed = ev->r.flags & HY_F_KILLED;
			p->core = ev->r.flags & HY_F_CORE;
			p->code = ev->r.nr;
		}
	} else {
		p->detached = true;
	}
	if (--p->ntasks <= 0)
		proc_end(ot, p, ev->r.ts_enter, false);
}

static void otlp_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct otlp *ot = s->priv;
	struct oproc *p = event_proc(ot, ev, t);

	if (!p)
		return;
	switch (ev->r.type) {
	case HY_REC_EXEC:
		on_exec(ot, p, ev, t);
		break;
	case HY_REC_FORK:
		/* its syscalls came first (a reordered source): the parent is known now */
		if (!p->sp->has_parent && !(ev->r.flags & HY_F_THREAD) && t->tid == p->pid)
			set_parent(ot, p, (pid_t)ev->r.args[3]);
		break;
	case HY_REC_EXIT:
	case HY_REC_DETACH:
		on_gone(ot, p, ev, t);
		break;
	default:
		break;
	}
}

/* The pipeline reports lost events at the end: mark the span of the task named. */
static void otlp_lost(struct sink *s, const struct event *ev, struct task *t)
{
	struct otlp *ot = s->priv;
	struct oproc *p;
	struct sbuf a = { 0 };

	event_time(ot, ev);
	if (t->pid <= 0 || !(p = task_proc(ot, t)))
		return;
	p->lost += ev->r.args[0];
	otlp_attr_int(&a, "hytrace.lost.count", (int64_t)ev->r.args[0]);
	otlp_attr_int(&a, "hytrace.lost.reason", (int64_t)ev->r.args[1]);
	add_event(ot, p, ev->r.ts_enter, "lost", &a);
	sb_free(&a);
	if (s->o->logs) {
		sb_reset(&ot->line);
		sb_printf(&ot->line, "+++ %llu events lost +++", (unsigned long long)ev->r.args[0]);
		add_log(ot, ev->r.ts_enter, 17, p->sp->span_id, t->pid, t->tid);
	}
}

/* --- open / close ---------------------------------------------------------------------------- */

struct res_ctx {
	struct sbuf *sb;
	const char *skip;	/* a key already written */
};

static void res_attr(void *ctx, const char *k, const char *v)
{
	struct res_ctx *rc = ctx;

	if (!rc->skip || strcmp(k, rc->skip))
		otlp_attr_str(rc->sb, k, v);
}

struct res_find {
	const char *key;
	char *val;
};

static void res_find(void *ctx, const char *k, const char *v)
{
	struct res_find *f = ctx;

	if (!strcmp(k, f->key)) {
		free(f->val);
		f->val = strdup(v);
	}
}

/* Resource attributes: OTEL_RESOURCE_ATTRIBUTES, then service.name and what we know of the host. */
static void resource(struct otlp *ot)
{
	const char *envattrs = getenv("OTEL_RESOURCE_ATTRIBUTES");
	const char *svc = getenv("OTEL_SERVICE_NAME");
	struct res_find f = { .key = "service.name" };
	struct res_ctx rc = { &ot->res, "service.name" };
	char host[256];

	/* OTEL_SERVICE_NAME wins over service.name in OTEL_RESOURCE_ATTRIBUTES (SDK env spec) */
	otlp_parse_kv(envattrs, res_find, &f);
	otlp_attr_str(&ot->res, "service.name", svc && *svc ? svc : f.val ? f.val : "hytrace");
	free(f.val);
	f.key = "host.name";
	f.val = NULL;
	otlp_parse_kv(envattrs, res_find, &f);
	if (!f.val) {
		if (ot->cfg.host) {
			otlp_attr_str(&ot->res, "host.name", ot->cfg.host);
		} else if (!gethostname(host, sizeof(host))) {
			host[sizeof(host) - 1] = '\0';
			otlp_attr_str(&ot->res, "host.name", host);
		}
	}
	free(f.val);
	otlp_parse_kv(envattrs, res_attr, &rc);
	otlp_attr_str(&ot->res, "os.type", "linux");
#if defined(__x86_64__)
	otlp_attr_str(&ot->res, "host.arch", "amd64");
#elif defined(__aarch64__)
	otlp_attr_str(&ot->res, "host.arch", "arm64");
#endif
	/* semantic conventions, "telemetry.sdk" (the SDK that made the data: hytrace itself) */
	otlp_attr_str(&ot->res, "telemetry.sdk.name", "hytrace");
	otlp_attr_str(&ot->res, "telemetry.sdk.language", "c");
	otlp_attr_str(&ot->res, "telemetry.sdk.version", HYTRACE_VERSION);
}

static uint32_t env_u32(const char *name, uint32_t dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return dflt;
	n = strtoul(v, &end, 10);
	if (*end || !n || n > UINT32_MAX) {
		pr_warn("ignoring %s=%s (not a positive number)", name, v);
		return dflt;
	}
	return (uint32_t)n;
}

int otlp_sink_open(struct sink *s, const struct otlp_cfg *cfg)
{
	const struct opts *o = s->o;
	struct otlp *ot = calloc(1, sizeof(*ot));
	int err;

	if (!ot)
		return -ENOMEM;
	s->priv = ot;
	ot->s = s;
	tidmap_init(&ot->pids, sizeof(struct opid), NULL);
	ot->cfg = *cfg;
	ot->sc = o->otlp_sc;
	ot->rel_now = o->relative_to_now;
	ot->qtail = &ot->qhead;
	if (!ot->cfg.max_events)
		ot->cfg.max_events = env_u32("OTEL_SPAN_EVENT_COUNT_LIMIT", OTLP_MAX_EVENTS);
	if (!ot->cfg.batch_spans)
		ot->cfg.batch_spans = env_u32("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", OTLP_BATCH_SPANS);
	if (!ot->cfg.batch_bytes)
		ot->cfg.batch_bytes = OTLP_BATCH_BYTES;
	ot->ltail = &ot->lhead;
	ot->url = otlp_endpoint(o->otlp_url, OTLP_TRACES);
	if (!ot->url || (o->logs && !(ot->lurl = otlp_endpoint(o->otlp_url, OTLP_LOGS)))) {
		free(ot->url);
		free(ot);
		s->priv = NULL;
		return -ENOMEM;
	}
	const char *why;
	bool gzip = false, lgzip = false, lpb = false;

	if (otlp_disabled(&why)) {
		/* nothing to reach: the trace runs, its OTLP output goes nowhere (as an SDK's) */
		pr_warn("OTLP export off (%s): no spans%s sent to %s", why,
			o->logs ? " or log records" : "", ot->url);
		ot->disabled = true;
		rand_bytes(ot, ot->trace_id, 16);
		return 0;
	}
	if (ot->cfg.encoding)
		ot->protobuf = ot->cfg.encoding == OTLP_ENC_PROTOBUF;
	else if ((err = otlp_protocol(OTLP_TRACES, &ot->protobuf, &gzip)) ||
		 (o->logs && (err = otlp_protocol(OTLP_LOGS, &lpb, &lgzip)))) {
		free(ot->url);
		free(ot->lurl);
		free(ot);
		s->priv = NULL;
		return err;
	}
	if (o->logs && !ot->cfg.post_logs) {
		err = otlp_http_new(&ot->lhttp, ot->lurl, OTLP_LOGS, ot->protobuf, lgzip);
		if (err) {
			free(ot->url);
			free(ot->lurl);
			free(ot);
			s->priv = NULL;
			return err;
		}
		ot->cfg.post_logs = http_post_logs;
		ot->cfg.post_logs_ctx = ot->lhttp;
	}
	if (!ot->cfg.post) {
		err = otlp_http_new(&ot->http, ot->url, OTLP_TRACES, ot->protobuf, gzip);
		if (!err)
			err = otlp_http_check(ot->http);	/* a clear error now, not after the run */
		if (err) {
			otlp_http_free(ot->http);
			otlp_http_free(ot->lhttp);
			free(ot->url);
			free(ot->lurl);
			free(ot);
			s->priv = NULL;
			return err;
		}
		ot->cfg.post = http_post;
		ot->cfg.post_ctx = ot->http;
	}
	rand_bytes(ot, ot->trace_id, 16);
	resource(ot);
	pr_info("sending spans of trace %02x%02x%02x%02x... to %s (%s)", ot->trace_id[0],
		ot->trace_id[1], ot->trace_id[2], ot->trace_id[3], ot->url,
		ot->protobuf ? "http/protobuf" : "http/json");
	return 0;
}

static int otlp_open(struct sink *s)
{
	struct otlp_cfg cfg = { 0 };

	return otlp_sink_open(s, &cfg);
}

static int otlp_close(struct sink *s)
{
	struct otlp *ot = s->priv;
	unsigned int pos = 0;
	struct opid *pn;
	bool failed_before;
	int err;

	if (!ot)
		return 0;
	/* processes still running: their spans end with the trace */
	while ((pn = tidmap_next(&ot->pids, &pos, NULL)))
		if (pn->p)
			proc_end(ot, pn->p, ot->last_ts, true);
	failed_before = ot->failed;
	flush(ot);
	flush_logs(ot);
	if (ot->lunsent)
		pr_warn("%llu of %llu log records not sent to %s", (unsigned long long)ot->lunsent,
			(unsigned long long)ot->logs, ot->lurl);
	if (failed_before && ot->unsent)
		pr_warn("%llu of %llu spans not sent to %s", (unsigned long long)ot->unsent,
			(unsigned long long)ot->spans, ot->url);
	if (ot->dropped_events)
		pr_warn("%llu span events over the limit of %u per span not sent "
			"(droppedEventsCount; see OTEL_SPAN_EVENT_COUNT_LIMIT)",
			(unsigned long long)ot->dropped_events, ot->cfg.max_events);
	if (!ot->disabled)
		pr_info("%llu spans sent to %s", (unsigned long long)(ot->spans - ot->unsent),
			ot->url);
	if (!ot->disabled && ot->lurl)
		pr_info("%llu log records sent to %s", (unsigned long long)(ot->logs - ot->lunsent),
			ot->lurl);
	err = ot->err;
	otlp_http_free(ot->http);
	otlp_http_free(ot->lhttp);
	free(ot->lurl);
	pb_free(&ot->pbuf);
	sb_free(&ot->line);
	tidmap_free(&ot->pids);
	sb_free(&ot->res);
	sb_free(&ot->body);
	sb_free(&ot->tmp);
	free(ot->url);
	free(ot);
	s->priv = NULL;
	return err;
}

static unsigned int otlp_needs(const struct opts *o)
{
	unsigned int n = SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV;

	return n | sink_needs_fds(o) | sink_needs_stacks(o, true);
}

const struct sink_ops sink_otlp_ops = {
	.name = "otlp",
	.help = "OpenTelemetry spans over OTLP/HTTP",
	.task_size = sizeof(struct othr),
	.needs = otlp_needs,
	.open = otlp_open,
	.syscall = otlp_syscall,
	.stack = otlp_stack,
	.signal = otlp_signal,
	.process = otlp_process,
	.lost = otlp_lost,
	.close = otlp_close,
};
