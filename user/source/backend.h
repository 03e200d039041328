/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* backend.h: what a backend provides; every backend feeds records into the pipeline. */
#ifndef HY_BACKEND_H
#define HY_BACKEND_H

#include <stdbool.h>
#include <sys/types.h>
#include "options.h"

struct pipeline;

struct tracer {
	const struct opts *o;
	struct pipeline *pl;
	pid_t child;		/* the command we started, or 0 */
	int exit_status;	/* wait status of the command, for our own exit code */
	bool child_done;
	volatile int *stop;	/* set by the signal handler: SIGINT/SIGTERM/SIGHUP */
};

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

/* Hand one record (struct hy_rec + blobs, len bytes) to the decoders and sinks. */
void pipeline_feed(struct pipeline *pl, const void *rec, size_t len);

#endif
