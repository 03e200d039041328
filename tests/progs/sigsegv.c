/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sigsegv.c: dereferences NULL with RLIMIT_CORE 0: `+++ killed by SIGSEGV +++` and no core file. */
#include "hyt.h"
#include <sys/resource.h>

int main(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	hyt_begin();
	*(volatile int *)0 = 1;
	hyt_end();
	return 0;
}
