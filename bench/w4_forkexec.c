// SPDX-License-Identifier: LGPL-2.1-or-later
/* w4_forkexec: N x (fork + execve /bin/true + wait), default 500. */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, 500);
	char *const args[] = { "true", NULL };
	char *const envp[] = { NULL };
	double t0, t1;

	t0 = bench_now();
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("w4_forkexec: fork");
			return 1;
		}
		if (pid == 0) {
			execve("/bin/true", args, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "w4_forkexec: child %d failed (status %#x)\n", pid, status);
			return 1;
		}
	}
	t1 = bench_now();
	bench_report("w4_forkexec", t0, t1, n);
	return 0;
}
