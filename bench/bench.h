/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bench.h: shared helpers for the benchmark workloads (scale argument, self-timing). */
#ifndef HYTRACE_BENCH_H
#define HYTRACE_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Each workload times its own measured loop with CLOCK_MONOTONIC and, when the
 * environment names a file in BENCH_ELAPSED_FILE, writes the elapsed seconds
 * there.  The harness reports this beside the whole-process wall time, so a
 * tracer's start-up cost (bpftrace compiles its program for about a second)
 * can be told apart from its per-syscall cost.  The few syscalls this adds
 * (openat/write/close) come after the loop.
 */
static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void bench_report(const char *name, double start, double end, long ops)
{
	const char *path = getenv("BENCH_ELAPSED_FILE");
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: cannot write %s: %s\n", name, path, strerror(errno));
		return;
	}
	fprintf(f, "%.9f %ld\n", end - start, ops);
	fclose(f);
}

/* Parse a positive count from argv[idx], or return def when it is absent. */
static inline long bench_count(int argc, char **argv, int idx, long def)
{
	char *end;
	long v;

	if (argc <= idx)
		return def;
	errno = 0;
	v = strtol(argv[idx], &end, 0);
	if (errno || *end || v <= 0) {
		fprintf(stderr, "%s: bad count '%s'\n", argv[0], argv[idx]);
		exit(2);
	}
	return v;
}

#endif
