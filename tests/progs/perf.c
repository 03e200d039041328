/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* perf.c: perf_event_open with attrs of several types and sizes (invalid ones: the results do not
 * depend on the host's PMU or perf_event_paranoid). */
#include "hyt.h"
#include <stdint.h>
#include <string.h>
#include <linux/perf_event.h>
#include <linux/hw_breakpoint.h>

int main(void)
{
	struct perf_event_attr a;

	hyt_begin();
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_HARDWARE;
	a.size = PERF_ATTR_SIZE_VER7;
	a.config = PERF_COUNT_HW_INSTRUCTIONS | (7ULL << 32);
	a.sample_period = 1000;
	a.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | (1ULL << 40);
	a.read_format = PERF_FORMAT_ID;
	a.disabled = 1;
	a.exclude_kernel = 1;
	a.precise_ip = 2;
	syscall(SYS_perf_event_open, &a, 0, -1, -1, 0x10);
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_SOFTWARE;
	a.size = 72;
	a.config = PERF_COUNT_SW_DUMMY;
	a.freq = 1;
	a.sample_freq = 99;
	a.watermark = 1;
	a.wakeup_watermark = 5;
	a.use_clockid = 1;
	syscall(SYS_perf_event_open, &a, -1, -1, -1, PERF_FLAG_FD_CLOEXEC | PERF_FLAG_FD_NO_GROUP);
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_HW_CACHE;
	a.size = 0;
	a.config = PERF_COUNT_HW_CACHE_LL | (PERF_COUNT_HW_CACHE_OP_WRITE << 8) |
		   (PERF_COUNT_HW_CACHE_RESULT_MISS << 16);
	syscall(SYS_perf_event_open, &a, 0x7fffffff, 0, -1, 0);
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_BREAKPOINT;
	a.size = 40;
	syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
	/* (a size above the kernel's fails with E2BIG and the kernel's own size, which depends on
	 * the kernel: that case is in tests/unit/test_families.c) */
	a.size = PERF_ATTR_SIZE_VER7;
	a.bp_type = HW_BREAKPOINT_W;
	a.bp_addr = 0x1000;
	a.bp_len = 8;
	syscall(SYS_perf_event_open, &a, 0x7fffffff, -1, -1, 0);
	memset(&a, 0, sizeof(a));
	a.type = 77;
	a.size = PERF_ATTR_SIZE_VER5;
	a.config = 0x1234;
	a.sample_type = PERF_SAMPLE_BRANCH_STACK | PERF_SAMPLE_STACK_USER;
	a.branch_sample_type = PERF_SAMPLE_BRANCH_USER | PERF_SAMPLE_BRANCH_ANY;
	a.sample_stack_user = 4096;
	a.inherit = 1;
	a.sigtrap = 1;
	syscall(SYS_perf_event_open, &a, 0x7fffffff, -1, -1, 0);
	syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0);
	hyt_end();
	return 0;
}
