// SPDX-License-Identifier: LGPL-2.1-or-later
/* pipeline_func.c: --func records into per-thread call trees, handed to the sinks in order. */
/*
 * Each thread keeps a stack of the traced calls it has open.  An entry is pushed "pending" and
 * shown (handed to the sinks) only when something must appear inside it or after it: its own
 * exit (then the call is a leaf, FUNC_EVF_LEAF, unless --func-min-time drops it as too short),
 * another traced call inside it (without --func-min-time; with it, only a call long enough to
 * be shown), or any other event of the thread (a syscall, a signal) — a call that made a
 * syscall is shown whatever its duration, as the syscall is shown in it.
 *
 * Returns that were never seen are made up (FUNC_EVF_NO_RETURN) where the call is known to be
 * over: a longjmp or an exception unwound it (a later entry or exit happens on a stack pointer
 * at or above its frame's), the thread exited or exec'd, or the trace ended.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "pipeline.h"
#include "pipeline_func.h"

struct fframe {
	const struct func_info *fn;
	uint64_t addr, sp, ts;
	uint64_t args[HY_FUNC_ARGS];
	uint8_t nargs;
	bool shown;		/* its entry went to the sinks */
	bool hidden;		/* past --func-depth, or inherited over a fork: never shown */
};

struct fstack {
	unsigned int n, cap;
	unsigned int visible;	/* frames not hidden */
	uint64_t last_ts;
	struct fframe *f;
};

static struct fstack *fstack_of(struct task *t)
{
	if (!t->func_stack)
		t->func_stack = calloc(1, sizeof(struct fstack));
	return t->func_stack;
}

static void emit(struct pipeline *pl, struct task *t, const struct func_event *fe)
{
	for (int i = 0; i < pl->nsinks; i++) {
		struct sink *s = &pl->sinks[i];

		if (s->ops->func)
			s->ops->func(s, fe, t);
	}
}

/* Frame i's entry (its depth: the visible frames below it). */
static void emit_entry(struct pipeline *pl, struct task *t, struct fstack *st, unsigned int i,
		       unsigned int flags)
{
	struct fframe *f = &st->f[i];
	struct func_event fe = {
		.kind = FUNC_EV_ENTRY, .pid = (uint32_t)t->pid, .tid = (uint32_t)t->tid,
		.ts = f->ts, .addr = f->addr, .fn = f->fn, .flags = flags, .nargs = f->nargs,
	};
	unsigned int depth = 0;

	for (unsigned int j = 0; j < i; j++)
		depth += !st->f[j].hidden;
	fe.depth = depth;
	if (f->nargs) {
		fe.flags |= FUNC_EVF_ARGS;
		memcpy(fe.args, f->args, f->nargs * sizeof(f->args[0]));
	}
	f->shown = true;
	t->func_depth = depth + 1;
	pl->func_shown++;
	emit(pl, t, &fe);
}

/* Show the pending entries of frames below top (bottom first). */
static void flush_below(struct pipeline *pl, struct task *t, struct fstack *st, unsigned int top)
{
	for (unsigned int i = 0; i < top; i++)
		if (!st->f[i].hidden && !st->f[i].shown)
			emit_entry(pl, t, st, i, 0);
}

void func_flush(struct pipeline *pl, struct task *t)
{
	struct fstack *st = t->func_stack;

	if (st && st->n)
		flush_below(pl, t, st, st->n);
}

/*
 * Pop the top frame, at ts: its exit to the sinks if its entry went there or must now go
 * (a pending call long enough for --func-min-time, shown with its exit as a leaf).
 */
static void pop(struct pipeline *pl, struct task *t, struct fstack *st, uint64_t ts,
		unsigned int flags, int64_t ret)
{
	struct fframe *f = &st->f[st->n - 1];
	unsigned int depth = st->visible - 1;

	if (f->hidden) {
		st->n--;
		return;
	}
	if (!f->shown) {
		if (pl->o->func_min_ns && ts - f->ts < pl->o->func_min_ns) {
			st->n--;
			st->visible--;
			pl->func_short++;
			return;
		}
		flush_below(pl, t, st, st->n - 1);
		emit_entry(pl, t, st, st->n - 1, FUNC_EVF_LEAF);
		flags |= FUNC_EVF_LEAF;
	}
	struct func_event fe = {
		.kind = FUNC_EV_EXIT, .pid = (uint32_t)t->pid, .tid = (uint32_t)t->tid, .ts = ts,
		.ts_entry = f->ts, .addr = f->addr, .fn = f->fn, .depth = depth, .flags = flags,
		.ret = ret,
	};

	st->n--;
	st->visible--;
	t->func_depth = depth;
	if (flags & FUNC_EVF_NO_RETURN)
		pl->func_no_return++;
	emit(pl, t, &fe);
}

void func_close_task(struct pipeline *pl, struct task *t, uint64_t ts)
{
	struct fstack *st = t->func_stack;

	if (!st)
		return;
	if (!ts)
		ts = st->last_ts;
	while (st->n)
		pop(pl, t, st, ts, FUNC_EVF_NO_RETURN, 0);
	t->func_depth = 0;
}

void func_task_free(struct task *t)
{
	struct fstack *st = t->func_stack;

	if (st)
		free(st->f);
	free(st);
	t->func_stack = NULL;
}

void func_fork(struct pipeline *pl, struct task *parent, struct task *child)
{
	struct fstack *ps = parent->func_stack, *cs;

	(void)pl;
	if (!ps || !ps->n || child->func_stack || !(cs = fstack_of(child)))
		return;
	/* a child process returns through its parent's open calls: their exits are not its own
	 * calls, so the copies are hidden and only match those returns */
	cs->f = malloc(ps->n * sizeof(*cs->f));
	if (!cs->f)
		return;
	memcpy(cs->f, ps->f, ps->n * sizeof(*cs->f));
	cs->n = cs->cap = ps->n;
	for (unsigned int i = 0; i < cs->n; i++)
		cs->f[i].hidden = true;
}

static const struct func_info *name_of(struct pipeline *pl, const struct hy_func *r)
{
	const struct func_info *fn;

	if (r->fid != HY_FUNC_NOID)
		fn = funcs_get(pl->funcs, r->fid);
	else if (pl->sym)
		fn = funcs_by_addr(pl->funcs, pl->sym, (pid_t)r->pid, r->addr);
	else
		fn = NULL;
	return fn;
}

void func_feed(struct pipeline *pl, const struct hy_func *r, struct task *t)
{
	struct fstack *st = fstack_of(t);
	const struct func_info *fn = name_of(pl, r);

	if (!st)
		return;
	pl->func_records++;
	st->last_ts = r->ts;
	if (!fn) {
		pl->func_unnamed++;	/* not selected by the patterns, or not in a symbol */
		return;
	}
	if (r->type == HY_REC_FUNC_ENTRY) {
		/* calls a longjmp or an exception left: their frames are at or below this sp */
		while (st->n && r->sp && st->f[st->n - 1].sp && st->f[st->n - 1].sp <= r->sp)
			pop(pl, t, st, r->ts, FUNC_EVF_NO_RETURN, 0);
		if (st->n == st->cap) {
			unsigned int cap = st->cap ? 2 * st->cap : 16;
			struct fframe *n = realloc(st->f, cap * sizeof(*n));

			if (!n) {
				pr_warn("--func: out of memory for the calls of pid %d", t->tid);
				return;
			}
			st->f = n;
			st->cap = cap;
		}
		/* without --func-min-time a call with a call inside is no leaf: show it now */
		if (!pl->o->func_min_ns && st->n)
			flush_below(pl, t, st, st->n);
		struct fframe *f = &st->f[st->n++];

		memset(f, 0, sizeof(*f));
		f->fn = fn;
		f->addr = r->addr;
		f->sp = r->sp;
		f->ts = r->ts;
		f->hidden = pl->o->func_depth && st->visible >= pl->o->func_depth;
		if (!f->hidden) {
			st->visible++;
			f->nargs = r->nval > HY_FUNC_ARGS ? HY_FUNC_ARGS : r->nval;
			memcpy(f->args, r->v, f->nargs * sizeof(f->args[0]));
		}
		return;
	}
	/* an exit: the innermost open call of this function below the return's sp */
	unsigned int m = st->n;

	while (m-- > 0) {
		const struct fframe *f = &st->f[m];

		if (f->fn == fn && (!r->sp || !f->sp || f->sp < r->sp))
			break;
	}
	if (m == (unsigned int)-1) {
		pl->func_unmatched++;	/* entered before the trace began, or the entry was lost */
		return;
	}
	while (st->n > m + 1)
		pop(pl, t, st, r->ts, FUNC_EVF_NO_RETURN, 0);
	pop(pl, t, st, r->ts, r->nval ? FUNC_EVF_RET : 0, r->nval ? (int64_t)r->v[0] : 0);
}

void func_stats(const struct pipeline *pl)
{
	if (!pl->funcs)
		return;
	pr_info("--func: %u functions known, %llu records, %llu calls shown, %llu returns made up, "
		"%llu exits without their entry, %llu records of unselected or unnamed code, "
		"%llu calls under --func-min-time",
		funcs_count(pl->funcs), (unsigned long long)pl->func_records,
		(unsigned long long)pl->func_shown, (unsigned long long)pl->func_no_return,
		(unsigned long long)pl->func_unmatched, (unsigned long long)pl->func_unnamed,
		(unsigned long long)pl->func_short);
}
