// SPDX-License-Identifier: LGPL-2.1-or-later
/* storm.c: N getppid() calls as fast as possible (eBPF drop and filter tests). */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
