/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* clock.h: the clocks records are stamped with. */
#ifndef HY_CLOCK_H
#define HY_CLOCK_H

#include <stdint.h>

/* CLOCK_BOOTTIME now, ns: the clock of every record (the eBPF side's bpf_ktime_get_boot_ns). */
uint64_t boottime_ns(void);
/* CLOCK_REALTIME - CLOCK_BOOTTIME now, ns: add it to a record time to get wall-clock time. */
int64_t boot_to_real_ns(void);

#endif
