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
static inline void hyt_begin(void)
{
	umask(022);
	syscall(SYS_write, 1, "=== begin ===\n", 14);
}

static inline void hyt_end(void)
{
	syscall(SYS_write, 1, "=== end ===\n", 12);
}

#define HYT_CHECK(expr) do { \
	if (!(expr)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
		exit(99); \
	} \
} while (0)

#endif
