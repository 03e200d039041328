/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cloneparent.c: a CLONE_PARENT child, the tracer's own child then: the program waits until
 * someone reaps it (issue 16, item 7: the eBPF backend never did, and this never ended).
 */
#include "hyt.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	long pid;
	int st;

	hyt_begin();
	pid = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	HYT_CHECK(pid > 0);
	/* not our child: wait fails with ECHILD */
	HYT_CHECK(wait(&st) < 0 && errno == ECHILD);
	hyt_end();
	/* gone only once our parent (the tracer) reaps it */
	while (kill(pid, 0) == 0)
		usleep(1000);
	return errno == ESRCH ? 0 : 1;
}
