/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* time.c: sleeping and clock syscalls (called directly: glibc answers clock_gettime from the vDSO). */
#include "hyt.h"
#include <time.h>

int main(void)
{
	struct timespec ts = { 0, 1000000 }, past = { 0, 0 }, res;

	hyt_begin();
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL);
	syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res);
	syscall(SYS_clock_getres, CLOCK_REALTIME, &res);
	syscall(SYS_clock_getres, 12345, &res);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &res);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &res);
	ts.tv_nsec = 2000000000;
	syscall(SYS_nanosleep, &ts, NULL);
	hyt_end();
	return 0;
}
