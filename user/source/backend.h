/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* backend.h: what a source of records provides, and the pipeline entry points it may call. */
#ifndef HY_BACKEND_H
#define HY_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "hytrace.h"
#include "options.h"

struct pipeline;	/* opaque here: sources only hand it records */
struct event;
struct dctx;
struct symbolizer;
struct sym_frame;
struct func_table;

/*
 * What the backends must capture, derived by the pipeline from what the chosen sinks show
 * (the union of each sink's needs), never from display options directly.
 */
struct capture_cfg {
	bool times;		/* timestamps and durations (else records may carry ts 0) */
	int fdpaths;		/* 0: none; 1: fd paths (-y); 2: and socket details (-yy) */
	bool exec_argv;		/* the new argv of each exec (HY_REC_EXEC's blob) */
	bool stacks;		/* a user stack per syscall (-k): HY_ARG_STACK */
	unsigned int stack_depth;	/* ... of at most this many frames */
	bool ip;		/* the user instruction pointer (-i): HY_ARG_IP */
};

struct tracer {
	const struct opts *o;
	struct pipeline *pl;
	struct capture_cfg cfg;	/* set before start() */
	pid_t child;		/* the command we started, or 0 */
	int exit_status;	/* wait status of the command, for our own exit code */
	bool child_done;
	volatile int *stop;	/* set by the signal handler: SIGINT/SIGTERM/SIGHUP, or
				   TRACER_STOP_DURATION when --duration is over */
	bool child_killed;	/* --duration: the backend sent the command SIGTERM already */
	/*
	 * -k: the pipeline's symbol layer (NULL without -k).  A backend keeps its process maps
	 * current (sym_invalidate or sym_mmap...; sym_exec after feeding the execve record,
	 * whose stack names the old image) and may unwind with it (sym_unwind_live).
	 */
	struct symbolizer *sym;
	/*
	 * --func: the pipeline's function table, with the patterns (NULL without --func).  A
	 * backend resolves the patterns into it (funcs_add: ids for struct hy_func.fid) before
	 * attaching, or sends addresses (HY_FUNC_NOID) that the pipeline names.
	 */
	struct func_table *funcs;
};

/* *stop when --duration ended the run (no signal): detach; the command is ended by SIGTERM */
#define TRACER_STOP_DURATION	(-1)

struct backend {
	const char *name;
	/* 0 if this backend can run here; else -errno and a reason in why (one line). */
	int (*probe)(const struct opts *o, char *why, size_t whylen);
	/* Start the command or attach to -p pids; 0 or -errno (message printed). */
	int (*start)(struct tracer *t);
	/* Deliver records to pipeline_feed() until all tracees are gone or *stop is set. */
	int (*run)(struct tracer *t);
	/* Release everything; never leaves a tracee stopped. */
	void (*cleanup)(struct tracer *t);
};

extern const struct backend backend_ptrace;
extern const struct backend backend_bpf;
extern const struct backend backend_input;	/* --input: strace logs */
extern const struct backend backend_raw;	/* --input: raw records (--format=raw) */

/* Whether the --input file is a raw trace (main peeks before choosing the source): 1 or 0. */
int raw_input_detect(const char *path);
/* Open the raw --input and apply its header to o (clock, -s -v -y); 0 or -errno, printed. */
int raw_input_open(struct opts *o);

/* -- the pipeline, as sources see it (user/pipeline.c implements these) -------------------- */

/* Hand one record (struct hy_rec + blobs, len bytes) to the decoders and sinks. */
void pipeline_feed(struct pipeline *pl, const void *rec, size_t len);
/*
 * The source has no record at hand and is about to block (in waitpid, on the ring buffer, in a
 * read that may wait): the sinks write out what they buffer.  Output files are written in large
 * blocks, and this keeps the lines of a slow or quiet trace from waiting for a block to fill.
 * Cheap when nothing is buffered; calling it for every record would undo the large blocks.
 */
void pipeline_idle(struct pipeline *pl);
/*
 * A source whose times all lie before this boot (a strace log recorded earlier): move the
 * clock offset, CLOCK_REALTIME - CLOCK_BOOTTIME, before the first record is fed, so that record
 * times stay positive; every sink's wall-clock times follow.
 */
void pipeline_set_boot_to_real(struct pipeline *pl, int64_t boot_to_real);
/*
 * The stack of the next syscall record fed (a strace -k log's " > " lines, already named): n
 * frames, innermost first, handed to the sinks that show stacks with that record.  f must stay
 * valid until the record is fed.
 */
void pipeline_next_frames(struct pipeline *pl, const struct sym_frame *f, unsigned int n);
/* Add in-kernel totals (eBPF -c) for one syscall to the summary. */
void pipeline_add_summary(struct pipeline *pl, long nr, const struct hy_sum *sum);
/*
 * For a source that builds value trees itself (the strace-log reader): a decoding context for
 * ev, reset (empty argument list, arena cleared), then the hand-off of the decoded event with
 * the same task bookkeeping and filters as records.
 */
struct dctx *pipeline_dctx(struct pipeline *pl, const struct event *ev);
void pipeline_feed_decoded(struct pipeline *pl, const struct event *ev, struct dctx *d);
/* CLOCK_REALTIME - CLOCK_BOOTTIME in ns, measured once at start: turns wall times into record times. */
int64_t pipeline_boot_to_real(const struct pipeline *pl);

#endif
