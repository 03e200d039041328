// SPDX-License-Identifier: LGPL-2.1-or-later
/* func_ring.c: the ring layout of --func's preload library: per-thread rings against one shared. */
/*
 *   func_ring spsc|mpsc THREADS N
 *
 * THREADS threads each write N 48-byte records (struct hy_func, with a CLOCK_BOOTTIME time
 * stamp from the vDSO, as the library takes it), at the same time:
 *   spsc  each thread into a ring of its own (what user/preload/libhyfunc.c does): plain
 *         stores and one release store of its own head;
 *   mpsc  all into one ring: a fetch-and-add on the shared head reserves a record, a release
 *         store of a sequence number in it commits it (so a reader can take them in order).
 * What is timed is what the traced program pays per record: the rings are large enough for
 * every record (touched before the clock starts), as hytrace empties them while the threads
 * wait (at their syscall stops, or when a ring is full), never while they write.  Prints the
 * CPU time per record of each thread (its own clock: a shared machine's other load does not
 * count), the mean over the threads, and the wall time.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../bpf/hytrace.h"

#define MAXT 16

static int mpsc, nthreads;
static long n;
static pthread_barrier_t start;

struct ring {
	uint64_t head __attribute__((aligned(64)));
	uint8_t pad[56];
	struct hy_func *r;
};

static struct ring per[MAXT], shared;
static double took[MAXT];

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
	f->pid = f->tid = 0;
	f->ts = now_ns(CLOCK_BOOTTIME);
	f->addr = 0x401000 + (uint64_t)(i & 15);
	f->sp = 0x7ffc0000 - (uint64_t)(i & 15) * 16;
	f->fid = HY_FUNC_NOID;
}

static void *writer(void *arg)
{
	long id = (long)arg;

	pthread_barrier_wait(&start);
	uint64_t t0 = now_ns(CLOCK_THREAD_CPUTIME_ID);

	for (long i = 0; i < n; i++) {
		if (!mpsc) {
			struct ring *s = &per[id];
			uint64_t h = s->head;

			fill(&s->r[h], i);
			__atomic_store_n(&s->head, h + 1, __ATOMIC_RELEASE);
		} else {
			uint64_t h = __atomic_fetch_add(&shared.head, 1, __ATOMIC_RELAXED);
			struct hy_func *f = &shared.r[h];

			fill(f, i);
			__atomic_store_n(&f->flags, (uint32_t)(h + 1), __ATOMIC_RELEASE);
		}
	}
	took[id] = (double)(now_ns(CLOCK_THREAD_CPUTIME_ID) - t0);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[MAXT];

	if (argc != 4 || (strcmp(argv[1], "spsc") && strcmp(argv[1], "mpsc"))) {
		fprintf(stderr, "usage: func_ring spsc|mpsc THREADS N\n");
		return 2;
	}
	mpsc = !strcmp(argv[1], "mpsc");
	nthreads = atoi(argv[2]);
	n = atol(argv[3]);
	if (nthreads < 1 || nthreads > MAXT || n < 1 || n > 100000000) {
		fprintf(stderr, "func_ring: THREADS 1-%d, N 1-100000000\n", MAXT);
		return 2;
	}
	size_t each = sizeof(struct hy_func) * (size_t)n;

	for (int t = 0; t < (mpsc ? 1 : nthreads); t++) {
		struct ring *s = mpsc ? &shared : &per[t];
		size_t len = mpsc ? each * (size_t)nthreads : each;

		s->r = malloc(len);
		if (!s->r) {
			fprintf(stderr, "func_ring: out of memory\n");
			return 1;
		}
		memset(s->r, 0, len);	/* touched: no page faults while timed */
	}
	pthread_barrier_init(&start, NULL, (unsigned int)nthreads + 1);

	for (long t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, writer, (void *)t);
	uint64_t t0 = now_ns(CLOCK_MONOTONIC);

	pthread_barrier_wait(&start);
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);

	double dt = (double)(now_ns(CLOCK_MONOTONIC) - t0), sum = 0;

	for (int t = 0; t < nthreads; t++)
		sum += took[t];
	printf("%s %d threads: %.1f ns CPU per record per thread (wall %.3f s for %ld records each)\n",
	       argv[1], nthreads, sum / nthreads / (double)n, dt / 1e9, n);
	return 0;
}
