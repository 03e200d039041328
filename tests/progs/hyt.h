/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* hyt.h: helpers shared by the test programs (markers around the traced window). */
#ifndef HYT_H
#define HYT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

/*
 * The runner compares only the trace lines between these two writes, so loader and
 * libc start-up (identical noise, but long) stay out of the comparison.
 */
/* Read one byte at p for real (the empty asm hides the constant from the optimiser). */
static inline void hyt_touch(const char *p)
{
	__asm__ volatile("" : "+r"(p));
	(void)*(volatile const char *)p;
}

static inline void hyt_begin(void)
{
	static const char m[] = "=== begin ===\n";

	umask(022);
	/*
	 * Touch the marker first: the eBPF backend reads arguments at syscall entry, where a
	 * page of .rodata that nothing has faulted in yet cannot be read (the line would show
	 * the address, and the runner would miss the start of its window).
	 */
	hyt_touch(m);
	syscall(SYS_write, 1, m, 14);
}

static inline void hyt_end(void)
{
	static const char m[] = "=== end ===\n";

	hyt_touch(m);
	syscall(SYS_write, 1, m, 12);
}

#define HYT_CHECK(expr) do { \
	if (!(expr)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
		exit(99); \
	} \
} while (0)

#endif
