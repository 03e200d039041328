/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pipeline_func.h: the pipeline's --func call tracking (pipeline_func.c), for pipeline.c. */
#ifndef HY_PIPELINE_FUNC_H
#define HY_PIPELINE_FUNC_H

#include <stdint.h>
#include "hytrace.h"
#include "task.h"

struct pipeline;

/* A function record r of task t: track the call, hand what is due to the sinks. */
void func_feed(struct pipeline *pl, const struct hy_func *r, struct task *t);
/* Another event of t follows: show its pending entries first (they came before it). */
void func_flush(struct pipeline *pl, struct task *t);
/* t's open calls are over (exit, exec, detach, end of trace) at ts (0: its last record's). */
void func_close_task(struct pipeline *pl, struct task *t, uint64_t ts);
/* child (a new process) inherits parent's open calls, hidden: it returns through them. */
void func_fork(struct pipeline *pl, struct task *parent, struct task *child);
/* Free t's call stack (the task is forgotten). */
void func_task_free(struct task *t);
/* --debug: the counters. */
void func_stats(const struct pipeline *pl);

#endif
