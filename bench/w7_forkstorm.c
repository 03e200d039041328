// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * w7_forkstorm: N x (fork + _exit + wait), default 2000; with "exec", N x (fork + execve
 * /bin/true + wait).  Each child is reaped before the next fork: a tracer pays for every
 * child's birth, its first stops and its death in turn.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, 2000);
	int exec = argc > 2 && !strcmp(argv[2], "exec");
	char *const args[] = { "true", NULL };
	char *const envp[] = { NULL };
	double t0, t1;

	if (argc > 2 && !exec) {
		fprintf(stderr, "usage: w7_forkstorm [N [exec]]\n");
		return 2;
	}
	t0 = bench_now();
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("w7_forkstorm: fork");
			return 1;
		}
		if (pid == 0) {
			if (exec)
				execve("/bin/true", args, envp);
			_exit(exec ? 127 : 0);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "w7_forkstorm: child %d failed (status %#x)\n", pid, status);
			return 1;
		}
	}
	t1 = bench_now();
	bench_report("w7_forkstorm", t0, t1, n);
	return 0;
}
