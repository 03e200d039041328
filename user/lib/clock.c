// SPDX-License-Identifier: LGPL-2.1-or-later
/* clock.c: the clocks records are stamped with. */
#include <time.h>
#include "clock.h"

uint64_t boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

int64_t boot_to_real_ns(void)
{
	struct timespec r;
	uint64_t b = boottime_ns();

	clock_gettime(CLOCK_REALTIME, &r);
	return (int64_t)((uint64_t)r.tv_sec * 1000000000ull + r.tv_nsec) - (int64_t)b;
}
