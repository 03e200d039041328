// SPDX-License-Identifier: LGPL-2.1-or-later
/* consumer.c: the consumer's CPU per record, without a tracer: fixed records through the sinks. */
/*
 * Issue 10: how many records per CPU-second hytrace decodes and renders, free of eBPF and ring
 * buffer contention.  Builds three typical records once (getppid; read of a 32-byte buffer;
 * openat of a path), then feeds them N times in turn through pipeline_feed() into one sink
 * writing to /dev/null, and prints the process's CPU time (getrusage) per record.
 *
 *   build/bench/consumer [N] [hytrace options...]     e.g. consumer 3000000 --format=json
 * Defaults: N = 1000000, text.  Options are hytrace's (-tt, -y, -a ...); -o is /dev/null
 * (or $CONSUMER_OUT, to see the lines).
 *
 * With -k (issue 12), each record also carries an HY_ARG_STACK blob: real return addresses of
 * this process (three different call chains through this program and libc, 8 to 10 frames),
 * so the rate printed is stacks named and rendered per CPU-second, the symbol layer included
 * (its per-file address cache warm after the first records, as in a loop being traced).
 */
#include <execinfo.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "backend.h"
#include "pipeline.h"

#define NRECS 3

struct rec {
	void *buf;
	size_t len;
};

/* -k: three call chains of this process, captured by backtrace(3) at different depths */
#define STK_MAX 16
static uint64_t stk[NRECS][STK_MAX];
static unsigned int nstk[NRECS];

static __attribute__((noinline)) void stk_take(int which)
{
	void *pcs[STK_MAX];
	int n = backtrace(pcs, STK_MAX);

	for (int i = 0; i < n; i++)
		stk[which][i] = (uint64_t)(uintptr_t)pcs[i];
	nstk[which] = (unsigned int)n;
}

static __attribute__((noinline)) void stk_deep(int which, int depth)
{
	if (depth > 0)
		stk_deep(which, depth - 1);
	else
		stk_take(which);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}

static void build(struct recbuf *rb, long nr, uint64_t a0, uint64_t a1, uint64_t a2, int64_t ret,
		  uint64_t ts)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .pid = (uint32_t)getpid(),
			    .tid = (uint32_t)getpid(), .nr = (int)nr,
			    .args = { a0, a1, a2 }, .ts_enter = ts, .ts_exit = ts + 700,
			    .ret = ret };

	memcpy(r.comm, "w1_getppid", 11);
	rb_begin(rb, &r);
}

static void blob(struct recbuf *rb, int arg, int when, const void *data, size_t len,
		 uint32_t flags)
{
	memcpy(rb_blob(rb, arg, when, 0, 0x7ffc0000 + arg * 0x100, len), data, len);
	rb_blob_done(rb, len, 0, flags);
}

static void keep(struct rec *out, const struct recbuf *rb)
{
	out->buf = malloc(rb->len);
	if (!out->buf)
		abort();
	memcpy(out->buf, rb->buf, rb->len);
	out->len = rb->len;
}

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
	static const char path[] = "/usr/lib/x86_64-linux-gnu/libc.so.6";
	static struct pipeline pl;
	static struct opts o;
	struct recbuf rb = { 0 };
	struct rec recs[NRECS];
	char data[32], *av[64];
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int ac = 0;
	double t0, t1;

	av[ac++] = "hytrace";
	for (int i = 2; i < argc && ac < 60; i++)
		av[ac++] = argv[i];
	av[ac++] = "-o";
	av[ac++] = getenv("CONSUMER_OUT") ? getenv("CONSUMER_OUT") : "/dev/null";
	av[ac++] = "w1_getppid";
	av[ac] = NULL;
	if (n <= 0 || opts_parse(&o, ac, av) || pipeline_init(&pl, &o)) {
		fputs("usage: consumer [N] [hytrace options]\n", stderr);
		return 2;
	}
	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = "ELF\x7f\x02\x01\x01\n abcdefghijklmnop"[i % 24];
	uint64_t ts = 1000000000;

	for (int i = 0; i < NRECS; i++)
		stk_deep(i, 2 + i);
	build(&rb, SYS_getppid, 0, 0, 0, 4241, ts);
	if (o.kflag)
		blob(&rb, HY_ARG_STACK, HY_AT_ENTER, stk[0], nstk[0] * 8, 0);
	keep(&recs[0], &rb);
	build(&rb, SYS_read, 3, 0x7ffc0100, 832, 32, ts);
	blob(&rb, 1, HY_AT_EXIT, data, sizeof(data), HY_BF_TRUNC);
	if (o.kflag)
		blob(&rb, HY_ARG_STACK, HY_AT_ENTER, stk[1], nstk[1] * 8, 0);
	keep(&recs[1], &rb);
	build(&rb, SYS_openat, (uint64_t)AT_FDCWD, 0x7ffc0100, O_RDONLY | O_CLOEXEC, 3, ts);
	blob(&rb, 1, HY_AT_ENTER, path, strlen(path), HY_BF_NUL);
	if (o.kflag)
		blob(&rb, HY_ARG_STACK, HY_AT_ENTER, stk[2], nstk[2] * 8, 0);
	keep(&recs[2], &rb);

	t0 = cpu_s();
	for (long i = 0; i < n; i++) {
		struct rec *r = &recs[i % NRECS];
		struct hy_rec *h = r->buf;

		h->ts_enter += 1000;	/* times move on, as they do in a trace */
		h->ts_exit += 1000;
		pipeline_feed(&pl, r->buf, r->len);
	}
	pipeline_close(&pl);
	t1 = cpu_s();
	printf("%ld records in %.3f CPU-s: %.3f us/record, %.2fM records per CPU-second\n", n,
	       t1 - t0, (t1 - t0) * 1e6 / n, n / (t1 - t0) / 1e6);
	for (int i = 0; i < NRECS; i++)
		free(recs[i].buf);
	rb_free(&rb);
	opts_free(&o);
	return 0;
}
