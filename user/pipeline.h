/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pipeline.h: records in, decoded events out to the sinks that render each kind; the task table. */
#ifndef HY_PIPELINE_H
#define HY_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>
#include "backend.h"
#include "decode.h"
#include "event.h"
#include "options.h"
#include "sink.h"
#include "pidns.h"
#include "task.h"
#include "symbol.h"

struct pipeline {
	const struct opts *o;
	struct arena ar;
	struct dctx d;
	struct dopts dv;		/* d.o: the options of this call (-e raw=, abbrev=, verbose=) */
	struct event ev;
	struct sink sinks[TASK_SINKS_MAX];
	int nsinks;
	struct tasks tasks;
	struct pidns *pidns;		/* --pidns-translation, or NULL */
	uint64_t lost[HY_LOST_NR];	/* lost events by reason, for the final summary */
	uint64_t records;
	uint64_t shown;		/* records handed to the sinks (after the filters): -a's end line */
	int64_t boot_to_real;	/* CLOCK_REALTIME - CLOCK_BOOTTIME, ns */
	int nrecord;		/* sinks with a record callback (--format=raw) */
	bool records_only;	/* ... and none renders events: records are not parsed */
	/* -k: the symbol layer, and the frames of the current record's stack */
	struct symbolizer *sym;
	unsigned int sym_flags;		/* SYM_L_LINE when a sink shows file:line */
	bool stacks;			/* a sink renders stacks */
	struct sym_frame frames[HY_STACK_DEPTH_MAX + 1];
	uint64_t stacks_seen, stack_frames;
	const struct sym_frame *next_frames;	/* pipeline_next_frames(): a log's -k lines */
	unsigned int next_nframes;
	bool no_decode;		/* the syscall sinks read raw arguments only (--deps): no decoding */
	/* --func: the traced functions, and the call tracking's counters (pipeline_func.c) */
	struct func_table *funcs;
	uint64_t func_records, func_shown, func_no_return, func_unmatched, func_unnamed,
		 func_short;
};

/* Open the sinks the options ask for; 0 or -errno (message printed). */
int pipeline_init(struct pipeline *pl, const struct opts *o);
/* What the backends must capture for the sinks that pipeline_init() opened. */
void pipeline_capture_cfg(const struct pipeline *pl, struct capture_cfg *cfg);
/* Flush and close every sink; 0 or the first error. */
int pipeline_close(struct pipeline *pl);
/*
 * After pipeline_close: the lost events, one line on stderr with a --buffer-size hint when the
 * ring was full; with all (-a), also the events written and the time taken (secs), unless
 * quiet.  The number of lost events.
 */
uint64_t pipeline_report(const struct pipeline *pl, bool all, bool quiet, double secs);

#endif
