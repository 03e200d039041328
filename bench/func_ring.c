// SPDX-License-Identifier: LGPL-2.1-or-later
/* func_ring.c: the ring layout of --func's preload library: per-thread rings against one shared. */
/*
 *   func_ring spsc|mpsc THREADS N
 *
 * THREADS producer threads each write N 48-byte records (struct hy_func, with a CLOCK_BOOTTIME
 * time stamp as the library takes it) while one consumer thread reads them all, as hytrace does:
 *   spsc  one ring of 8192 records per thread (what user/preload/libhyfunc.c does): the
 *         producer's plain stores and one release store of its own head;
 *   mpsc  one ring of THREADS x 8192 records shared by all: a fetch-and-add on the shared head
 *         reserves a record, a per-record sequence number commits it, in order for the reader.
 * A full ring makes the producer wait (sched_yield) for the consumer, as the library waits for
 * hytrace.  Prints the wall time per record written.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../bpf/hytrace.h"

#define RECS 8192
#define MAXT 16

struct rec {
	struct hy_func f;	/* 48 bytes */
};

static int mpsc, nthreads;
static long n;
static volatile int done;

static struct spsc {
	uint64_t head __attribute__((aligned(64)));
	uint64_t tail __attribute__((aligned(64)));
	struct rec r[RECS] __attribute__((aligned(64)));
} *rings;

static struct {
	uint64_t head __attribute__((aligned(64)));
	uint64_t tail __attribute__((aligned(64)));
	struct rec *r;		/* f.flags holds the sequence (index + 1, low 32 bits) */
	uint64_t cap;
} M;

static uint64_t now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void fill(struct hy_func *f, long i)
{
	f->type = HY_REC_FUNC_ENTRY + (i & 1);
	f->nval = 0;
	f->size = sizeof(*f);
	f->ts = now_ns(CLOCK_BOOTTIME);
	f->addr = 0x401000 + (uint64_t)(i & 15);
	f->sp = 0x7ffc0000 - (uint64_t)(i & 15) * 16;
	f->fid = HY_FUNC_NOID;
}

static void *producer(void *arg)
{
	long id = (long)arg;

	for (long i = 0; i < n; i++) {
		if (!mpsc) {
			struct spsc *s = &rings[id];
			uint64_t h = s->head;

			while (h - __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) >= RECS)
				sched_yield();
			fill(&s->r[h & (RECS - 1)].f, i);
			__atomic_store_n(&s->head, h + 1, __ATOMIC_RELEASE);
		} else {
			uint64_t h = __atomic_fetch_add(&M.head, 1, __ATOMIC_RELAXED);

			while (h - __atomic_load_n(&M.tail, __ATOMIC_ACQUIRE) >= M.cap)
				sched_yield();
			struct hy_func *f = &M.r[h % M.cap].f;

			fill(f, i);
			__atomic_store_n(&f->flags, (uint32_t)(h + 1), __ATOMIC_RELEASE);
		}
	}
	return NULL;
}

static void *consumer(void *arg)
{
	uint64_t sum = 0, total = (uint64_t)n * (uint64_t)nthreads, got = 0;

	(void)arg;
	while (got < total) {
		if (!mpsc) {
			for (int t = 0; t < nthreads; t++) {
				struct spsc *s = &rings[t];
				uint64_t h = __atomic_load_n(&s->head, __ATOMIC_ACQUIRE), tl = s->tail;

				for (; tl != h; tl++, got++)
					sum += s->r[tl & (RECS - 1)].f.addr;
				__atomic_store_n(&s->tail, tl, __ATOMIC_RELEASE);
			}
		} else {
			uint64_t tl = M.tail;
			struct hy_func *f;

			while ((f = &M.r[tl % M.cap].f),
			       __atomic_load_n(&f->flags, __ATOMIC_ACQUIRE) == (uint32_t)(tl + 1)) {
				sum += f->addr;
				tl++;
				got++;
			}
			__atomic_store_n(&M.tail, tl, __ATOMIC_RELEASE);
		}
		sched_yield();
	}
	done = (int)(sum & 1);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[MAXT], c;

	if (argc != 4 || (strcmp(argv[1], "spsc") && strcmp(argv[1], "mpsc"))) {
		fprintf(stderr, "usage: func_ring spsc|mpsc THREADS N\n");
		return 2;
	}
	mpsc = !strcmp(argv[1], "mpsc");
	nthreads = atoi(argv[2]);
	n = atol(argv[3]);
	if (nthreads < 1 || nthreads > MAXT || n < 1) {
		fprintf(stderr, "func_ring: THREADS 1-%d, N > 0\n", MAXT);
		return 2;
	}
	rings = aligned_alloc(64, sizeof(*rings) * (size_t)nthreads);
	M.cap = (uint64_t)RECS * (uint64_t)nthreads;
	M.r = aligned_alloc(64, sizeof(struct rec) * M.cap);
	if (!rings || !M.r) {
		fprintf(stderr, "func_ring: out of memory\n");
		return 1;
	}
	memset(rings, 0, sizeof(*rings) * (size_t)nthreads);
	memset(M.r, 0, sizeof(struct rec) * M.cap);

	uint64_t t0 = now_ns(CLOCK_MONOTONIC);

	pthread_create(&c, NULL, consumer, NULL);
	for (long t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, producer, (void *)t);
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	pthread_join(c, NULL);

	uint64_t dt = now_ns(CLOCK_MONOTONIC) - t0;

	printf("%s %d threads: %.1f ns per record (%ld records each, %.3f s)\n", argv[1], nthreads,
	       (double)dt / ((double)n * nthreads), n, (double)dt / 1e9);
	return 0;
}
