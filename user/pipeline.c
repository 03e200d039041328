// SPDX-License-Identifier: LGPL-2.1-or-later
/* pipeline.c: parse records, keep the task table, filter, decode, hand to sinks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backend.h"
#include "clock.h"
#include "ioctl/nvidia.h"
#include "log.h"
#include "nvcall.h"
#include "pipeline.h"
#include "pipeline_func.h"

int pipeline_init(struct pipeline *pl, const struct opts *o)
{
	const struct sink_ops *chosen[TASK_SINKS_MAX];
	int n = 0;

	memset(pl, 0, sizeof(*pl));
	pl->o = o;
	pl->dv = o->d;
	pl->d.o = &pl->dv;
	pl->d.ar = &pl->ar;
	/* a raw --input replays its capture's clock: wall-clock times are the capture's */
	pl->boot_to_real = o->input_clock ? o->input_boot_to_real : boot_to_real_ns();
	tasks_init(&pl->tasks);
	/* --cuda, tracing live: the loaded driver's version until a CHECK_VERSION_STR tells it
	 * (-p attaches after the library asked); a log or record file is decoded by its own */
	nvcall_set_major(o->cuda != CUDA_OFF && !o->input ? nvcall_driver_major() : 0);
	if (o->pidns) {
		pl->pidns = malloc(sizeof(*pl->pidns));
		if (!pl->pidns)
			return -ENOMEM;
		pidns_init(pl->pidns);
	}
	if (o->deps)
		chosen[n++] = &sink_deps_ops;	/* no trace: the dependencies at the end */
	else if (sink_has_trace(o))
		chosen[n++] = sink_format_find(o->format);	/* checked by opts_parse */
	/* --otlp besides another format: both outputs from one run */
	if (o->otlp && strcmp(o->format, "otlp") && !o->deps && sink_has_trace(o))
		chosen[n++] = &sink_otlp_ops;
	if (o->cflag || o->summary_json)
		chosen[n++] = &sink_summary_ops;
	for (int i = 0; i < n; i++) {
		struct sink *s = &pl->sinks[i];

		s->ops = chosen[i];
		s->o = o;
		s->tasks = &pl->tasks;
		s->boot_to_real = pl->boot_to_real;
		s->idx = i;
		int err = s->ops->open(s);

		if (err) {
			while (--i >= 0)
				pl->sinks[i].ops->close(&pl->sinks[i]);
			return err;
		}
		pl->nsinks = i + 1;
	}
	/* records only (--format=raw alone): no parsing, task table or decoding at all */
	pl->records_only = true;
	pl->no_decode = pl->nsinks > 0;
	for (int i = 0; i < pl->nsinks; i++) {
		const struct sink_ops *ops = pl->sinks[i].ops;
		unsigned int needs = ops->needs ? ops->needs(o) : 0;

		if (ops->stack && (needs & SINK_NEED_STACKS))
			pl->stacks = true;
		if (needs & SINK_NEED_STACK_LINES)
			pl->sym_flags |= SYM_L_LINE;

		if (!ops->raw_syscalls && (ops->syscall || ops->signal))
			pl->no_decode = false;

		if (ops->record)
			pl->nrecord++;
		if (ops->syscall || ops->signal || ops->process || ops->lost || ops->func ||
		    ops->stack)
			pl->records_only = false;
	}
	/* --func: the patterns, and the table the backends resolve them into */
	if (o->nfuncs) {
		pl->funcs = funcs_new();
		for (int i = 0; pl->funcs && i < o->nfuncs; i++)
			if (funcs_add_pattern(pl->funcs, o->funcs[i].regex, o->funcs[i].binary,
					      o->funcs[i].exclude)) {
				funcs_free(pl->funcs);
				pl->funcs = NULL;
				errno = ENOMEM;	/* the regexes were checked by opts_parse */
			}
		if (!pl->funcs) {
			int err = -errno;

			pr_warn("cannot set up --func: %s", strerror(errno));
			for (int i = 0; i < pl->nsinks; i++)
				pl->sinks[i].ops->close(&pl->sinks[i]);
			return err;
		}
	}
	/* -k: the stacks are named here; the backend unwinds with the same maps (and --func
	 * names the functions of records that carry addresses with them) */
	if ((o->kflag && (pl->stacks || pl->nrecord)) || o->nfuncs) {
		pl->sym = sym_new();
		if (!pl->sym) {
			int err = -errno;

			pr_warn("cannot set up stack traces: %s", strerror(errno));
			for (int i = 0; i < pl->nsinks; i++)
				pl->sinks[i].ops->close(&pl->sinks[i]);
			return err;
		}
	}
	for (int i = 0; pl->funcs && i < pl->nsinks; i++) {
		pl->sinks[i].funcs = pl->funcs;
		pl->sinks[i].sym = pl->sym;
	}
	return 0;
}

void pipeline_capture_cfg(const struct pipeline *pl, struct capture_cfg *cfg)
{
	unsigned int needs = 0;

	for (int i = 0; i < pl->nsinks; i++)
		if (pl->sinks[i].ops->needs)
			needs |= pl->sinks[i].ops->needs(pl->o);
	memset(cfg, 0, sizeof(*cfg));
	cfg->times = needs & SINK_NEED_TIMES;
	cfg->fdpaths = needs & SINK_NEED_SOCKINFO ? 2 : needs & SINK_NEED_FDPATHS ? 1 : 0;
	if (pl->o->npaths && !cfg->fdpaths)
		cfg->fdpaths = 1;	/* -P: the calls on fds are matched by their paths */
	cfg->exec_argv = needs & SINK_NEED_EXEC_ARGV;
	cfg->stacks = needs & SINK_NEED_STACKS;
	/* --format=raw keeps the addresses of a -k capture (nothing names them there) */
	if (pl->o->kflag && pl->nrecord)
		cfg->stacks = true;
	cfg->stack_depth = pl->o->stack_depth;
	cfg->ip = needs & SINK_NEED_IP;
}

/* -k: name the frames of ev's stack and hand them to the sinks that show stacks. */
static void dispatch_stack(struct pipeline *pl, const struct event *ev, struct task *t)
{
	const struct event_blob *b = event_blob(ev, HY_ARG_STACK, HY_AT_ENTER, 0);

	if (!b || !pl->sym)
		return;
	uint64_t pcs[HY_STACK_DEPTH_MAX];
	unsigned int n = b->h.len / sizeof(uint64_t);

	if (n > HY_STACK_DEPTH_MAX)
		n = HY_STACK_DEPTH_MAX;
	memcpy(pcs, b->data, n * sizeof(uint64_t));	/* blob data need not be aligned */
	int nf = sym_lookup_stack(pl->sym, (pid_t)ev->r.pid, pcs, n,
				  (b->h.flags & HY_BF_TRUNC) || n < b->h.len / sizeof(uint64_t),
				  b->h.err, pl->sym_flags, pl->frames);

	if (nf < 0) {
		pr_warn("cannot name the stack of pid %u: %s", ev->r.tid, strerror(-nf));
		return;
	}
	pl->stacks_seen++;
	pl->stack_frames += (unsigned int)nf;
	for (int i = 0; i < pl->nsinks; i++) {
		struct sink *s = &pl->sinks[i];

		if (s->ops->stack)
			s->ops->stack(s, ev, pl->frames, (unsigned int)nf, t);
	}
}

static unsigned int call_status(const struct opts *o, const struct event *ev)
{
	struct nvcall nc;

	if (ev->r.flags & HY_F_NO_EXIT)
		return ST_UNFINISHED;
	if (ev->r.ret < 0 && ev->r.ret >= -4095)
		return ST_FAILED;
	/* --cuda: the NVIDIA driver fails a call in its status while the ioctl returns 0 */
	if (o->cuda != CUDA_OFF && nvcall_get(ev, &nc) && nvcall_failed(ev, &nc))
		return ST_FAILED;
	return ST_SUCCESSFUL;
}

/* The kind of the file in the path blob of arg (HY_ARG_RET: the returned fd). */
static unsigned int blob_dev_kind(const struct event *ev, int arg, bool fdpath)
{
	char path[4096];

	for (unsigned int i = 0; i < ev->nblobs; i++) {
		const struct event_blob *b = &ev->b[i];

		if (b->h.arg != arg || b->h.idx || b->h.err || !(b->h.flags & HY_BF_FDPATH) != !fdpath ||
		    b->h.len >= sizeof(path))
			continue;
		memcpy(path, b->data, b->h.len);
		path[b->h.len] = '\0';
		return nv_dev_kind(path);
	}
	return HY_DEV_NONE;
}

/*
 * --cuda-only: whether a call touches an NVIDIA device: its fd's path blob (both backends
 * add it for a device's fd under --cuda), or for a failed open the path it was given.
 */
static bool cuda_touches(const struct event *ev)
{
	const struct sysent *se = sysent_get(ev->r.nr);

	if (!se)
		return false;
	/* a device's fd as an argument: ioctl, mmap, close, dup, dup2, dup3, fcntl */
	for (int i = 0; i < HY_NARGS; i++)
		if (se->cap.arg[i].kind == HY_CAP_FDPATH && blob_dev_kind(ev, i, true))
			return true;
	if (se->cap.ret.kind != HY_CAP_FDPATH)
		return false;
	/* the opens: the fd they return is a device's, or they failed on a device's path */
	if (blob_dev_kind(ev, HY_ARG_RET, true))
		return true;
	for (int i = 0; i < HY_NARGS; i++)
		if (se->cap.arg[i].kind == HY_CAP_PATH)
			return blob_dev_kind(ev, i, false) != HY_DEV_NONE &&
			       (ev->r.type == HY_REC_ENTER || ev->r.ret < 0);
	return false;
}

/* --cuda-only: whether t or its process made a call on an NVIDIA device. */
static bool cuda_process(struct pipeline *pl, const struct task *t)
{
	const struct task *leader = tasks_get(&pl->tasks, t->pid);

	return t->nv || (leader && leader->nv);
}

static bool signal_shown(const struct opts *o, int sig)
{
	if (sig <= 0 || sig > 128)
		return true;
	return o->signals[(sig - 1) / 64] >> ((sig - 1) % 64) & 1;
}

/* Remove a task and every sink's state for it. */
static void task_forget(struct pipeline *pl, struct task *t)
{
	if (t->func_stack)
		func_task_free(t);
	for (int i = 0; i < TASK_SINKS_MAX; i++)
		free(t->sink_state[i]);
	tasks_del(&pl->tasks, t->tid);
}

/* Keep what structured sinks need: parents, command lines, start times. */
static struct task *task_track(struct pipeline *pl, const struct event *ev)
{
	struct task *t = tasks_add(&pl->tasks, ev->r.tid, NULL);

	if (!t)
		return NULL;
	if (!t->start_ts)
		t->start_ts = ev->r.ts_enter;
	t->pid = ev->r.pid;
	if (ev->r.comm[0])
		memcpy(t->comm, ev->r.comm, sizeof(t->comm));
	if (ev->r.type == HY_REC_FORK) {
		struct task *p = tasks_get(&pl->tasks, (pid_t)ev->r.args[2]);

		t->ptid = (pid_t)ev->r.args[2];
		t->ppid = (pid_t)ev->r.args[3];
		t->thread = ev->r.flags & HY_F_THREAD;
		t->start_ts = ev->r.ts_enter;
		if (p && p->cmdline)
			task_set_cmdline(t, p->cmdline, p->cmdline_len);
		if (p && !t->comm[0])
			memcpy(t->comm, p->comm, sizeof(t->comm));
	} else if (ev->r.type == HY_REC_EXEC) {
		const struct event_blob *b = event_blob(ev, HY_ARG_EXTRA, HY_AT_ENTER, 0);

		if (b && !b->h.err && b->h.len)
			task_set_cmdline(t, (const char *)b->data, b->h.len);
	}
	return t;
}

/* Hand ev to every sink that renders its kind; forget the task after its exit. */
static void dispatch(struct pipeline *pl, const struct event *ev, struct dctx *d, struct task *t)
{
	if (ev->r.type != HY_REC_LOST)
		pl->shown++;
	/* --func: the calls pending on t came first; the calls open at an exit or exec end */
	if (t->func_stack) {
		if (ev->r.type == HY_REC_EXIT || ev->r.type == HY_REC_DETACH ||
		    ev->r.type == HY_REC_EXEC)
			func_close_task(pl, t, ev->r.ts_enter);
		else
			func_flush(pl, t);
	}
	if (ev->r.type == HY_REC_FORK && pl->funcs && !(ev->r.flags & HY_F_THREAD)) {
		struct task *p = tasks_get(&pl->tasks, (pid_t)ev->r.args[2]);

		if (p)
			func_fork(pl, p, t);
	}
	if (pl->stacks && ev->r.type == HY_REC_SYSCALL)
		dispatch_stack(pl, ev, t);
	if (pl->next_nframes && ev->r.type == HY_REC_SYSCALL) {	/* named by the log itself */
		for (int i = 0; i < pl->nsinks; i++)
			if (pl->sinks[i].ops->stack)
				pl->sinks[i].ops->stack(&pl->sinks[i], ev, pl->next_frames,
							pl->next_nframes, t);
		pl->next_nframes = 0;
	}
	for (int i = 0; i < pl->nsinks; i++) {
		struct sink *s = &pl->sinks[i];
		const struct sink_ops *ops = s->ops;

		switch (ev->r.type) {
		case HY_REC_SYSCALL:
		case HY_REC_ENTER:
			if (ops->syscall)
				ops->syscall(s, ev, d, t);
			break;
		case HY_REC_SIGNAL:
		case HY_REC_SIGSTOP:
			if (ops->signal)
				ops->signal(s, ev, d, t);
			break;
		case HY_REC_FORK:
		case HY_REC_EXEC:
		case HY_REC_EXIT:
		case HY_REC_DETACH:
			if (ops->process)
				ops->process(s, ev, t);
			break;
		case HY_REC_LOST:
			if (ops->lost)
				ops->lost(s, ev, t);
			break;
		default:
			break;
		}
	}
	if (ev->r.type == HY_REC_EXIT || ev->r.type == HY_REC_DETACH)
		task_forget(pl, t);
}

/* The -y blobs of the fds of a select fd_set: idx 0x2000 + fd (user/state/fdpath.c). */
#define FDSET_PATH_IDX	0x2000
#define FDSET_CAPTURE	128	/* bytes of each fd_set captured (decoders/desc.tbl) */

/*
 * Whether strace would have read select's fd_set argument i: all of its nfds bits rounded up
 * to longs (match_xselect_args reads that much or skips the set), as far as the capture
 * tells: a set of more than 1024 bits whose 128 captured bytes were read counts as readable.
 */
static bool fdset_readable(const struct event *ev, int i)
{
	const struct event_blob *set = event_blob(ev, i, HY_AT_ENTER, 0);
	int nfds = (int)ev->r.args[0];
	uint64_t need = ((uint64_t)(nfds + 7) / 8 + 7) & ~(uint64_t)7;

	/* the capture holds FD_SETSIZE bits: past them, a set read whole counts as readable */
	if (need > FDSET_CAPTURE)
		need = FDSET_CAPTURE;
	return set && !set->h.err && nfds > 0 && set->h.len >= need;
}

/*
 * -P: whether the call touches one of the paths, as strace 6.1's pathtrace_match() decides:
 * a path argument equal to one (as written), or an fd argument that refers to one (its path
 * at the call: the -y capture, made for -P even without -y), or for select, pselect6, poll
 * and ppoll an fd of their sets or array (the -y captures of those fds).
 */
static bool path_touched(const struct opts *o, const struct event *ev)
{
	const struct sysent *se = sysent_get(ev->r.nr);
	/* the fds in select's fd_sets and poll's array count too (match_xselect_args, SEN_poll) */
	bool fd_lists = se && se->name &&
			(!strcmp(se->name, "select") || !strcmp(se->name, "pselect6") ||
			 !strcmp(se->name, "poll") || !strcmp(se->name, "ppoll"));

	for (unsigned int k = 0; k < ev->nblobs; k++) {
		const struct event_blob *b = &ev->b[k];
		size_t len = b->h.len;

		if (b->h.arg >= HY_NARGS || b->h.err || (b->h.idx && !fd_lists))
			continue;
		if (b->h.idx >= FDSET_PATH_IDX && !fdset_readable(ev, b->h.arg))
			continue;
		if (!(b->h.flags & HY_BF_FDPATH) &&
		    !(se && se->cap.arg[b->h.arg].kind == HY_CAP_PATH && (b->h.flags & HY_BF_NUL)))
			continue;
		for (int i = 0; i < o->npaths; i++)
			if (strlen(o->paths[i]) == len && !memcmp(o->paths[i], b->data, len))
				return true;
	}
	return false;
}

static bool nr_in(const uint64_t *set, long nr)
{
	return nr >= 0 && nr < HY_NR_MAX && (set[nr / 64] >> (nr % 64) & 1);
}

/* The decoding options of one call: -e raw=, abbrev= and verbose= name syscall sets. */
static void call_dopts(struct pipeline *pl, long nr)
{
	const struct opts *o = pl->o;

	pl->dv = o->d;
	pl->dv.raw = nr_in(o->raw_set, nr);
	/* o->d.verbose: some call is unabbreviated, so the capture was made for it (or not) */
	pl->dv.verbose = o->d.verbose && !nr_in(o->abbrev_set, nr);
	pl->dv.noderef = !nr_in(o->verbose_set, nr);
}

void pipeline_feed_decoded(struct pipeline *pl, const struct event *ev, struct dctx *d)
{
	struct task *t = task_track(pl, ev);

	pl->records++;
	if (!t)
		return;
	if ((ev->r.type == HY_REC_SYSCALL || ev->r.type == HY_REC_ENTER) &&
	    !opts_traced(pl->o, ev->r.nr))
		return;
	if (ev->r.type == HY_REC_LOST && ev->r.args[1] < HY_LOST_NR)
		pl->lost[ev->r.args[1]] += ev->r.args[0];
	dispatch(pl, ev, d, t);
}

/* A function record (--func): to the raw sinks as it is, then into the call tracking. */
static void feed_func(struct pipeline *pl, const void *rec, size_t len)
{
	union hy_func_rec r;	/* a copy: a raw file's records need not be aligned */
	bool created;

	memcpy(&r.h, rec, sizeof(r.h));
	if (r.h.size > len || r.h.nval > HY_FUNC_ARGS ||
	    r.h.size != sizeof(r.h) + r.h.nval * sizeof(uint64_t)) {
		pr_warn("malformed function record of %zu bytes skipped", len);
		return;
	}
	memcpy(r.h.v, (const uint8_t *)rec + sizeof(r.h), r.h.nval * sizeof(uint64_t));
	for (int i = 0; i < pl->nsinks; i++)
		if (pl->sinks[i].ops->record)
			pl->sinks[i].ops->record(&pl->sinks[i], rec, r.h.size);
	pl->records++;
	if (pl->records_only || !pl->funcs)
		return;
	struct task *t = tasks_add(&pl->tasks, (pid_t)r.h.tid, &created);

	if (!t)
		return;
	if (created) {
		t->pid = (pid_t)r.h.pid;
		t->start_ts = r.h.ts;
	}
	func_feed(pl, &r.h, t);
}

void pipeline_feed(struct pipeline *pl, const void *rec, size_t len)
{
	struct event *ev = &pl->ev;
	const struct opts *o = pl->o;
	struct task *t;

	if (len >= sizeof(struct hy_func)) {
		uint16_t type;

		memcpy(&type, rec, sizeof(type));
		if (type == HY_REC_FUNC_ENTRY || type == HY_REC_FUNC_EXIT) {
			feed_func(pl, rec, len);
			return;
		}
	}
	if (pl->nrecord) {
		struct hy_rec r;	/* a copy: a raw file's records need not be aligned */

		if (len < sizeof(r)) {
			pr_warn("malformed record of %zu bytes skipped", len);
			return;
		}
		memcpy(&r, rec, sizeof(r));
		if (r.size > len || r.size < sizeof(r)) {
			pr_warn("malformed record of %zu bytes skipped", len);
			return;
		}
		/* -e trace= limits the capture (the eBPF side filters in the kernel already) */
		bool keep = (r.type != HY_REC_SYSCALL && r.type != HY_REC_ENTER) ||
			    opts_traced(o, r.nr);

		if (keep && o->cuda == CUDA_ONLY && (r.type == HY_REC_SYSCALL || r.type == HY_REC_ENTER))
			keep = !event_parse(ev, rec, len) && cuda_touches(ev);

		for (int i = 0; keep && i < pl->nsinks; i++)
			if (pl->sinks[i].ops->record)
				pl->sinks[i].ops->record(&pl->sinks[i], rec, r.size);
		if (pl->records_only) {
			pl->records++;
			if (r.type == HY_REC_LOST && r.args[1] < HY_LOST_NR)
				pl->lost[r.args[1]] += r.args[0];
			return;
		}
	}
	if (event_parse(ev, rec, len)) {
		pr_warn("malformed record of %zu bytes skipped", len);
		return;
	}
	pl->records++;
	t = task_track(pl, ev);
	if (!t)
		return;

	/*
	 * -a --cuda-only: signals and the lifecycle of the processes that touched an NVIDIA device
	 * only (with a command or -p, of the traced ones, as -e trace= does)
	 */
	if (o->cuda == CUDA_ONLY && o->all && !o->npids && ev->r.type != HY_REC_SYSCALL &&
	    ev->r.type != HY_REC_ENTER && ev->r.type != HY_REC_LOST && !cuda_process(pl, t)) {
		if (ev->r.type == HY_REC_EXIT || ev->r.type == HY_REC_DETACH)
			task_forget(pl, t);
		return;
	}
	switch (ev->r.type) {
	case HY_REC_SYSCALL:
	case HY_REC_ENTER:
		if (!opts_traced(o, ev->r.nr))
			return;
		if (o->cuda != CUDA_OFF) {	/* the driver's version, before its status is read */
			struct nvcall nc;

			if (nvcall_get(ev, &nc))
				nvcall_note(ev, &nc);
		}
		if (o->cuda == CUDA_ONLY) {
			struct task *leader = tasks_get(&pl->tasks, ev->r.pid);

			if (!cuda_touches(ev))
				return;
			t->nv = true;
			if (leader)
				leader->nv = true;
		}
		if (o->npaths && !path_touched(o, ev))
			return;
		if (ev->r.type == HY_REC_ENTER && o->status != ST_ALL)
			return;
		if (ev->r.type == HY_REC_SYSCALL && o->status != ST_ALL &&
		    !(o->status & call_status(o, ev)))
			return;
		if (pl->no_decode)
			break;
		arena_reset(&pl->ar);
		call_dopts(pl, ev->r.nr);
		pl->d.nv_major = nvcall_major();
		d_decode(&pl->d, ev, ev->r.type == HY_REC_SYSCALL);
		if (pl->pidns)
			pidns_annotate(pl->pidns, &pl->d, ev->r.tid);
		break;
	case HY_REC_SIGNAL:
		if (!signal_shown(o, ev->r.nr) || pl->no_decode)
			return;
		arena_reset(&pl->ar);
		pl->dv = o->d;
		decode_siginfo(&pl->d, ev);
		if (pl->pidns)
			pidns_annotate(pl->pidns, &pl->d, ev->r.tid);
		break;
	case HY_REC_LOST:
		if (ev->r.args[1] < HY_LOST_NR)
			pl->lost[ev->r.args[1]] += ev->r.args[0];
		break;
	default:
		break;
	}
	dispatch(pl, ev, &pl->d, t);
}

struct dctx *pipeline_dctx(struct pipeline *pl, const struct event *ev)
{
	struct dctx *d = &pl->d;

	arena_reset(&pl->ar);
	d->ev = ev;
	d->se = NULL;
	d->exiting = true;
	d->pending = false;
	d->args = hv_array(d);
	d->ret = NULL;
	d->ret_note = NULL;
	d->ret_is_error = false;
	d->nv_major = nvcall_major();
	return d;
}

int64_t pipeline_boot_to_real(const struct pipeline *pl)
{
	return pl->boot_to_real;
}

void pipeline_next_frames(struct pipeline *pl, const struct sym_frame *f, unsigned int n)
{
	pl->next_frames = f;
	pl->next_nframes = n;
}

void pipeline_set_boot_to_real(struct pipeline *pl, int64_t boot_to_real)
{
	pl->boot_to_real = boot_to_real;
	for (int i = 0; i < pl->nsinks; i++)
		pl->sinks[i].boot_to_real = boot_to_real;
}

void pipeline_idle(struct pipeline *pl)
{
	for (int i = 0; i < pl->nsinks; i++)
		if (pl->sinks[i].ops->idle)
			pl->sinks[i].ops->idle(&pl->sinks[i]);
}

void pipeline_add_summary(struct pipeline *pl, long nr, const struct hy_sum *sum)
{
	for (int i = 0; i < pl->nsinks; i++)
		if (pl->sinks[i].ops->totals)
			pl->sinks[i].ops->totals(&pl->sinks[i], nr, sum);
}

uint64_t pipeline_report(const struct pipeline *pl, bool all, bool quiet, double secs)
{
	static const char *const why[HY_LOST_NR] = {
		"ring buffer full", "record too big", "memory read failed", "too many tasks",
	};
	char reasons[256] = "", hint[96] = "";
	uint64_t lost = 0;
	size_t n = 0;

	for (int i = 0; i < HY_LOST_NR; i++) {
		if (!pl->lost[i])
			continue;
		lost += pl->lost[i];
		n += snprintf(reasons + n, n < sizeof(reasons) ? sizeof(reasons) - n : 0, "%s%s: %llu",
			      n ? ", " : "", why[i], (unsigned long long)pl->lost[i]);
	}
	if (pl->lost[HY_LOST_RING_FULL]) {
		/* the ring's size as the eBPF backend sets it: a power of two, 4K at least */
		uint64_t want = pl->o->buffer_size ? pl->o->buffer_size :
				pl->o->cflag == 1 ? 1u << 20 : 8u << 20, sz = 4096;

		while (sz < want && sz < (1ull << 31))
			sz <<= 1;
		snprintf(hint, sizeof(hint), "; try a larger --buffer-size (this run: %lluK)",
			 (unsigned long long)(sz >> 10));
	}
	if (all && (!quiet || lost))
		pr_warn("%llu events written in %.3f s, %llu lost%s%s%s%s",
			(unsigned long long)pl->shown, secs, (unsigned long long)lost,
			lost ? " (" : "", reasons, lost ? ")" : "", hint);
	else if (lost)
		pr_warn("%llu events lost (%s)%s", (unsigned long long)lost, reasons, hint);
	return lost;
}

int pipeline_close(struct pipeline *pl)
{
	int ret = 0;
	unsigned int pos = 0;
	struct task *t;

	/* --func: the calls still open when the trace ends close at their thread's last record */
	while (pl->funcs && (t = tidmap_next(&pl->tasks.map, &pos, NULL)))
		func_close_task(pl, t, 0);
	for (int i = 0; i < pl->nsinks; i++) {
		int err = pl->sinks[i].ops->close(&pl->sinks[i]);

		if (err && !ret)
			ret = err;
	}
	pr_info("%llu records received", (unsigned long long)pl->records);
	func_stats(pl);
	if (pl->sym) {
		struct sym_stats st;

		sym_get_stats(pl->sym, &st);
		pr_info("%llu stacks named (%llu frames, %llu from the address cache), "
			"%llu maps reads, %llu files, %llu live unwinds",
			(unsigned long long)pl->stacks_seen, (unsigned long long)st.lookups,
			(unsigned long long)st.cache_hits, (unsigned long long)st.maps_reads,
			(unsigned long long)st.files, (unsigned long long)st.unwinds);
		sym_free(pl->sym);
		pl->sym = NULL;
	}
	pos = 0;
	while ((t = tidmap_next(&pl->tasks.map, &pos, NULL))) {
		for (int i = 0; i < TASK_SINKS_MAX; i++)
			free(t->sink_state[i]);
		func_task_free(t);
	}
	funcs_free(pl->funcs);
	pl->funcs = NULL;
	tasks_free(&pl->tasks);
	if (pl->pidns) {
		pidns_fini(pl->pidns);
		free(pl->pidns);
		pl->pidns = NULL;
	}
	arena_free(&pl->ar);
	return ret;
}
