/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* clock.h: the clocks records are stamped with. */
#ifndef HY_CLOCK_H
#define HY_CLOCK_H

#include <stdint.h>

/* CLOCK_BOOTTIME now, ns: the clock of every record (the eBPF side's bpf_ktime_get_boot_ns). */
uint64_t boottime_ns(void);
/* CLOCK_REALTIME - CLOCK_BOOTTIME now, ns: add it to a record time to get wall-clock time. */
int64_t boot_to_real_ns(void);

/*
 * A record time moved by an offset (boot_to_real, a --relative-to-now shift): signed ns, as
 * times before the epoch are negative.  Record times are modulo 2^64 (a strace log from before
 * this boot has times "below" 0 that wrap around), so the sum is too: computed unsigned, where
 * wrapping is defined, then read as signed.  Whatever a log or a raw record holds, nothing
 * overflows.
 */
static inline int64_t ts_shift(uint64_t ts, int64_t off)
{
	return (int64_t)(ts + (uint64_t)off);
}

#endif
