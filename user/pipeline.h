/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pipeline.h: records in, decoded events out to every sink; the task table. */
#ifndef HY_PIPELINE_H
#define HY_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "decode.h"
#include "event.h"
#include "backend.h"
#include "options.h"

struct outf;

/* What the pipeline knows of one traced thread. */
struct task {
	pid_t tid, pid;
	bool used, live;
	char comm[HY_COMM_LEN];
	/* what structured sinks need to describe processes */
	pid_t ppid;		/* parent process, from the FORK record (0: not seen) */
	pid_t ptid;		/* parent thread */
	bool thread;		/* created with CLONE_THREAD */
	uint64_t start_ts;	/* FORK (or first record) time, CLOCK_BOOTTIME ns */
	char *cmdline;		/* argv of the last exec (or the parent's), NUL-separated, malloc'd */
	size_t cmdline_len;
	/* text sink state */
	struct outf *out;
	bool enter_printed;	/* the first half of its current call was printed */
	uint32_t enter_len;	/* bytes of argument text printed then */
	long enter_nr;
};

struct sink;

struct sink_ops {
	const char *name;
	int (*open)(struct sink *s);	/* 0 or -errno, message printed */
	void (*event)(struct sink *s, const struct event *ev, struct dctx *d, struct task *t);
	int (*close)(struct sink *s);	/* flush and finish; 0 or -errno */
};

struct sink {
	const struct sink_ops *ops;
	struct pipeline *pl;
	void *priv;
};

struct pipeline {
	const struct opts *o;
	struct arena ar;
	struct dctx d;
	struct event ev;
	struct sink sinks[4];
	int nsinks;
	struct task *tasks;	/* open addressing on tid */
	unsigned int ntasks_cap, nlive;
	uint64_t lost[HY_LOST_NR];	/* lost events by reason, for the final summary */
	uint64_t records;
	int64_t boot_to_real;	/* CLOCK_REALTIME - CLOCK_BOOTTIME, ns */
};

/* Whether syscall lines are printed: not with -c, nor -j alone (summary only). */
static inline bool pipeline_has_text(const struct opts *o)
{
	return o->cflag == 2 || (o->cflag == 0 && !o->summary_json);
}

int pipeline_init(struct pipeline *pl, const struct opts *o);
/* What the backends must capture for the sinks that pipeline_init() opened. */
void pipeline_capture_cfg(const struct pipeline *pl, struct capture_cfg *cfg);
/* Flush and close every sink; 0 or the first error. */
int pipeline_close(struct pipeline *pl);
struct task *task_get(struct pipeline *pl, pid_t tid, bool create);

extern const struct sink_ops sink_text_ops;
extern const struct sink_ops sink_summary_ops;
/* structured formats; weak so that a build without one says so instead of failing */
extern const struct sink_ops sink_json_ops __attribute__((weak));
extern const struct sink_ops sink_tef_ops __attribute__((weak));
extern const struct sink_ops sink_perfetto_ops __attribute__((weak));
extern const struct sink_ops sink_otlp_ops __attribute__((weak));
void summary_add(struct sink *s, long nr, const struct hy_sum *sum);

#endif
