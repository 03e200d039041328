/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* exitcode.c: `exitcode N` exits with status N; `exitcode -SIG` kills itself with signal SIG. */
#include "hyt.h"
#include <signal.h>
#include <sys/resource.h>

int main(int argc, char **argv)
{
	struct rlimit rl = { 0, 0 };
	int n = argc > 1 ? atoi(argv[1]) : 0;

	setrlimit(RLIMIT_CORE, &rl);	/* no core file, so "(core dumped)" never appears */
	hyt_begin();
	if (n < 0) {
		signal(-n, SIG_DFL);
		kill(getpid(), -n);
		pause();
	}
	hyt_end();
	return n;
}
