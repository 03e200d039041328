// SPDX-License-Identifier: LGPL-2.1-or-later
/* w1_getppid: the cheapest real syscall in a tight loop (default 1,000,000 calls). */
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, 1000000);
	long sum = 0;
	double t0, t1;

	t0 = bench_now();
	/* syscall() directly: glibc does not cache getppid, but be explicit. */
	for (long i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	t1 = bench_now();
	bench_report("w1_getppid", t0, t1, n);
	return sum == 0; /* keeps the loop; ppid is never 0 for us */
}
