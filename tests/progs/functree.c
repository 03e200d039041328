/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* functree.c: a known call tree for --func (issue 13): recursion, threads, libraries, longjmp. */
/*
 *   functree tree   main > ft_run, which calls, in this order:
 *                     fib(10)                       177 calls of fib, nested 10 deep
 *                     ft_leaf x3                    three leaves
 *                     ft_write                      write(1, "ft\n", 3) inside it
 *                     lib_add(2, 3) = 5             in libfunclib.so (linked), which calls
 *                                                   lib_twice(5) = 10
 *                     ft_dlopen                     dlopen("libfuncdl.so") after start, then
 *                                                   dl_entry > dl_inner > getpid
 *                     ft_jump                       setjmp, ft_lj1 > ft_lj2 > longjmp back:
 *                                                   ft_lj1 and ft_lj2 never return
 *                     ft_threads                    two threads, each ft_thread_work > fib(5)
 *                                                   (15 calls each), joined in order
 *   functree loop   ft_tick every 10 ms, for ever (for -p)
 *   functree calls N  ft_small N times (the cost per traced call, bench/)
 *
 * Built four ways (Makefile): functree (-O1 -g, for uprobes), functree_pg (-pg: mcount),
 * functree_fi (-finstrument-functions); each with its own libfunclib and libfuncdl built the
 * same way (FT_SUFFIX names them).  noipa keeps every call a real call: no inlining, cloning,
 * tail calls or interprocedural shortcuts.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "funclib/funclib.h"

#ifndef FT_SUFFIX
#define FT_SUFFIX ""
#endif
#define NOIPA __attribute__((noipa))

static volatile long sink;
static jmp_buf jb;

NOIPA int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

NOIPA void ft_leaf(void)
{
	sink++;
}

NOIPA void ft_write(void)
{
	sink += write(1, "ft\n", 3);
}

NOIPA void ft_dlopen(const char *self)
{
	char path[PATH_MAX];
	const char *slash = strrchr(self, '/');
	int len = slash ? (int)(slash - self) : 1;

	snprintf(path, sizeof(path), "%.*s/libfuncdl%s.so", len, slash ? self : ".", FT_SUFFIX);
	void *h = dlopen(path, RTLD_NOW);

	if (!h) {
		fprintf(stderr, "functree: %s\n", dlerror());
		exit(2);
	}
	long (*entry)(void) = (long (*)(void))dlsym(h, "dl_entry");

	if (!entry) {
		fprintf(stderr, "functree: %s\n", dlerror());
		exit(2);
	}
	sink += entry();
}

NOIPA void ft_lj2(void)
{
	sink++;
	longjmp(jb, 1);
}

NOIPA void ft_lj1(void)
{
	ft_lj2();
	sink++;
}

NOIPA void ft_jump(void)
{
	if (!setjmp(jb))
		ft_lj1();
	sink++;
}

NOIPA void *ft_thread_work(void *arg)
{
	sink += fib(5);
	return arg;
}

NOIPA void ft_threads(void)
{
	pthread_t t;

	/* one after the other, so that the tree is the same at every run */
	for (int i = 0; i < 2; i++) {
		if (pthread_create(&t, NULL, ft_thread_work, NULL)) {
			fprintf(stderr, "functree: cannot create a thread\n");
			exit(2);
		}
		pthread_join(t, NULL);
	}
}

NOIPA void ft_run(const char *self)
{
	sink += fib(10);
	for (int i = 0; i < 3; i++)
		ft_leaf();
	ft_write();
	sink += lib_add(2, 3);
	ft_dlopen(self);
	ft_jump();
	ft_threads();
}

NOIPA void ft_tick(void)
{
	sink += getppid();
}

NOIPA long ft_small(long x)
{
	return x + 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "tree";

	if (!strcmp(mode, "tree")) {
		ft_run(argv[0]);
	} else if (!strcmp(mode, "loop")) {
		const struct timespec ts = { 0, 10 * 1000 * 1000 };

		for (;;) {
			ft_tick();
			nanosleep(&ts, NULL);
		}
	} else if (!strcmp(mode, "calls") && argc > 2) {
		long n = atol(argv[2]), x = 0;

		for (long i = 0; i < n; i++)
			x = ft_small(x);
		sink += x;
	} else {
		fprintf(stderr, "usage: functree tree | loop | calls N\n");
		return 2;
	}
	return 0;
}
