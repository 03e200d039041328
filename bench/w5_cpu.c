// SPDX-License-Identifier: LGPL-2.1-or-later
/* w5_cpu: CPU-bound loop with no syscalls; a fixed iteration count (about 1 s on the 2-core dev VM). */
#include <stdint.h>

#include "bench.h"

/* Default calibrated on the dev VM (Debian 12, 2 vCPUs): about 1 s at -O2. */
#define W5_DEFAULT_ITERS 570000000L

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, W5_DEFAULT_ITERS);
	uint64_t x = 88172645463325252ULL;
	volatile uint64_t sink;
	double t0, t1;

	t0 = bench_now();
	/* xorshift64: a dependent chain the compiler cannot fold away */
	for (long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	t1 = bench_now();
	sink = x;
	(void)sink;
	bench_report("w5_cpu", t0, t1, n);
	return 0;
}
