/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* task.h: what the pipeline knows of each traced thread, with room for each sink's own state. */
#ifndef HY_TASK_H
#define HY_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "hytrace.h"
#include "tidmap.h"

#define TASK_SINKS_MAX 4	/* sinks open at once: a format, the summary, and room */

struct task {
	pid_t tid, pid;
	char comm[HY_COMM_LEN];
	/* what structured sinks need to describe processes */
	pid_t ppid;		/* parent process, from the FORK record (0: not seen) */
	pid_t ptid;		/* parent thread */
	bool thread;		/* created with CLONE_THREAD */
	uint64_t start_ts;	/* FORK (or first record) time, CLOCK_BOOTTIME ns */
	char *cmdline;		/* argv of the last exec (or the parent's), NUL-separated, malloc'd */
	size_t cmdline_len;
	void *sink_state[TASK_SINKS_MAX];	/* each sink's per-task state, see sink_task() */
	bool nv;		/* --cuda-only: made a call on an NVIDIA device (its process too) */
	/* --func: calls of traced functions open on this thread (the pipeline's call tracking;
	 * a syscall shown now is nested this deep in the call tree) */
	unsigned int func_depth;
	void *func_stack;	/* the pipeline's per-thread call stack (user/pipeline.c) */
};

/* The live tasks by tid.  A task is removed after its exit (or detach) has been handled. */
struct tasks {
	struct tidmap map;
};

void tasks_init(struct tasks *ts);
/* The live task tid, or NULL. */
static inline struct task *tasks_get(const struct tasks *ts, pid_t tid)
{
	return tidmap_get(&ts->map, tid);
}
/* The task tid, added if new (tid and pid set to tid, *created true); NULL when out of memory. */
struct task *tasks_add(struct tasks *ts, pid_t tid, bool *created);
/* Remove tid; its sink states must have been released (the pipeline does it). */
void tasks_del(struct tasks *ts, pid_t tid);
/* Replace t's command line with len bytes of NUL-separated argv. */
void task_set_cmdline(struct task *t, const char *argv, size_t len);
static inline unsigned int tasks_live(const struct tasks *ts)
{
	return tidmap_count(&ts->map);
}
void tasks_free(struct tasks *ts);

#endif
