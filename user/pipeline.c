// SPDX-License-Identifier: LGPL-2.1-or-later
/* pipeline.c: parse records, keep the task table, filter, decode, hand to sinks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backend.h"
#include "clock.h"
#include "log.h"
#include "pipeline.h"

struct task *task_get(struct pipeline *pl, pid_t tid, bool create)
{
	if (pl->nlive * 2 + 2 > pl->ntasks_cap && create) {
		unsigned int ncap = pl->ntasks_cap ? pl->ntasks_cap * 2 : 256;
		struct task *nt = calloc(ncap, sizeof(*nt));
		struct task *old = pl->tasks;
		unsigned int ocap = pl->ntasks_cap;

		if (!nt)
			return NULL;
		pl->tasks = nt;
		pl->ntasks_cap = ncap;
		pl->nlive = 0;
		for (unsigned int i = 0; i < ocap; i++) {
			if (!old[i].used || !old[i].live)
				continue;
			struct task *t = task_get(pl, old[i].tid, true);

			*t = old[i];
		}
		free(old);
	}
	if (!pl->ntasks_cap)
		return NULL;
	unsigned int mask = pl->ntasks_cap - 1, h = ((unsigned int)tid * 2654435761u) & mask;
	struct task *tomb = NULL;

	for (unsigned int n = 0; n < pl->ntasks_cap; n++, h = (h + 1) & mask) {
		struct task *t = &pl->tasks[h];

		if (!t->used) {
			if (!create)
				return NULL;
			t = tomb ? tomb : t;
			free(t->cmdline);
			memset(t, 0, sizeof(*t));
			t->used = true;
			t->live = true;
			t->tid = tid;
			t->pid = tid;
			pl->nlive++;
			return t;
		}
		if (t->tid == tid && t->live)
			return t;
		if (!t->live && !tomb)
			tomb = t;
	}
	if (create && tomb) {
		free(tomb->cmdline);
		memset(tomb, 0, sizeof(*tomb));
		tomb->used = tomb->live = true;
		tomb->tid = tomb->pid = tid;
		pl->nlive++;
		return tomb;
	}
	return NULL;
}

int pipeline_init(struct pipeline *pl, const struct opts *o)
{
	memset(pl, 0, sizeof(*pl));
	pl->o = o;
	pl->d.o = &o->d;
	pl->d.ar = &pl->ar;
	pl->boot_to_real = boot_to_real_ns();
	if (pipeline_has_text(o)) {
		static const struct sink_ops *const formats[] = {
			[FMT_TEXT] = &sink_text_ops, [FMT_JSON] = &sink_json_ops,
			[FMT_TEF] = &sink_tef_ops, [FMT_PERFETTO] = &sink_perfetto_ops,
			[FMT_OTLP] = &sink_otlp_ops,
		};
		static const char *const names[] = { "text", "json", "tef", "perfetto", "otlp" };

		if (!formats[o->format]) {
			pr_warn("the %s format is not built into this hytrace", names[o->format]);
			return -ENOTSUP;
		}
		pl->sinks[pl->nsinks++].ops = formats[o->format];
	}
	if (o->cflag || o->summary_json)
		pl->sinks[pl->nsinks++].ops = &sink_summary_ops;
	for (int i = 0; i < pl->nsinks; i++) {
		pl->sinks[i].pl = pl;
		int err = pl->sinks[i].ops->open(&pl->sinks[i]);

		if (err) {
			while (--i >= 0)
				pl->sinks[i].ops->close(&pl->sinks[i]);
			return err;
		}
	}
	return 0;
}

void pipeline_capture_cfg(const struct pipeline *pl, struct capture_cfg *cfg)
{
	const struct opts *o = pl->o;

	memset(cfg, 0, sizeof(*cfg));
	cfg->times = !o->no_timestamps || o->cflag == 1;
	cfg->fdpaths = o->d.yflag;
	cfg->exec_argv = o->format != FMT_TEXT;
}

static unsigned int call_status(const struct event *ev)
{
	if (ev->r.flags & HY_F_NO_EXIT)
		return ST_UNFINISHED;
	if (ev->r.ret < 0 && ev->r.ret >= -4095)
		return ST_FAILED;
	return ST_SUCCESSFUL;
}

static bool signal_shown(const struct opts *o, int sig)
{
	if (sig <= 0 || sig > 128)
		return true;
	return o->signals[(sig - 1) / 64] >> ((sig - 1) % 64) & 1;
}

static void set_cmdline(struct task *t, const char *argv, size_t len)
{
	char *c = malloc(len + 1);

	if (!c)
		return;
	memcpy(c, argv, len);
	c[len] = '\0';
	free(t->cmdline);
	t->cmdline = c;
	t->cmdline_len = len;
}

/* Keep what structured sinks need: parents, command lines, start times. */
static struct task *task_track(struct pipeline *pl, const struct event *ev)
{
	struct task *t = task_get(pl, ev->r.tid, true);

	if (!t)
		return NULL;
	if (!t->start_ts)
		t->start_ts = ev->r.ts_enter;
	t->pid = ev->r.pid;
	if (ev->r.comm[0])
		memcpy(t->comm, ev->r.comm, sizeof(t->comm));
	if (ev->r.type == HY_REC_FORK) {
		struct task *p = task_get(pl, (pid_t)ev->r.args[2], false);

		t->ptid = (pid_t)ev->r.args[2];
		t->ppid = (pid_t)ev->r.args[3];
		t->thread = ev->r.flags & HY_F_THREAD;
		t->start_ts = ev->r.ts_enter;
		if (p && p->cmdline)
			set_cmdline(t, p->cmdline, p->cmdline_len);
		if (p && !t->comm[0])
			memcpy(t->comm, p->comm, sizeof(t->comm));
	} else if (ev->r.type == HY_REC_EXEC) {
		const struct event_blob *b = event_blob(ev, HY_ARG_EXTRA, HY_AT_ENTER, 0);

		if (b && !b->h.err && b->h.len)
			set_cmdline(t, (const char *)b->data, b->h.len);
	}
	return t;
}

static void dispatch(struct pipeline *pl, const struct event *ev, struct dctx *d, struct task *t)
{
	for (int i = 0; i < pl->nsinks; i++)
		pl->sinks[i].ops->event(&pl->sinks[i], ev, d, t);
	if (ev->r.type == HY_REC_EXIT || ev->r.type == HY_REC_DETACH) {
		t->live = false;
		pl->nlive--;
	}
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

void pipeline_feed(struct pipeline *pl, const void *rec, size_t len)
{
	struct event *ev = &pl->ev;
	const struct opts *o = pl->o;
	struct task *t;

	if (event_parse(ev, rec, len)) {
		pr_warn("malformed record of %zu bytes skipped", len);
		return;
	}
	pl->records++;
	t = task_track(pl, ev);
	if (!t)
		return;

	switch (ev->r.type) {
	case HY_REC_SYSCALL:
	case HY_REC_ENTER:
		if (!opts_traced(o, ev->r.nr))
			return;
		if (ev->r.type == HY_REC_ENTER && o->status != ST_ALL)
			return;
		if (ev->r.type == HY_REC_SYSCALL && !(o->status & call_status(ev)))
			return;
		arena_reset(&pl->ar);
		d_decode(&pl->d, ev, ev->r.type == HY_REC_SYSCALL);
		break;
	case HY_REC_SIGNAL:
		if (!signal_shown(o, ev->r.nr))
			return;
		arena_reset(&pl->ar);
		decode_siginfo(&pl->d, ev);
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
	return d;
}

int64_t pipeline_boot_to_real(const struct pipeline *pl)
{
	return pl->boot_to_real;
}

void pipeline_add_summary(struct pipeline *pl, long nr, const struct hy_sum *sum)
{
	for (int i = 0; i < pl->nsinks; i++)
		if (pl->sinks[i].ops == &sink_summary_ops)
			summary_add(&pl->sinks[i], nr, sum);
}

int pipeline_close(struct pipeline *pl)
{
	int ret = 0;
	static const char *const why[HY_LOST_NR] = {
		"ring buffer full", "record too big", "memory read failed", "too many tasks",
	};

	for (int i = 0; i < pl->nsinks; i++) {
		int err = pl->sinks[i].ops->close(&pl->sinks[i]);

		if (err && !ret)
			ret = err;
	}
	pr_info("%llu records received", (unsigned long long)pl->records);
	for (int i = 0; i < HY_LOST_NR; i++)
		if (pl->lost[i])
			pr_warn("%llu events lost: %s", (unsigned long long)pl->lost[i], why[i]);
	for (unsigned int i = 0; i < pl->ntasks_cap; i++)
		free(pl->tasks[i].cmdline);
	free(pl->tasks);
	pl->tasks = NULL;
	arena_free(&pl->ar);
	return ret;
}
