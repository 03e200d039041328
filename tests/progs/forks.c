/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* forks.c: `forks N` forks N children in turn, each exits at once; `forks N exec`: each runs /bin/true. */
#include "hyt.h"
#include <sys/wait.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100;
	int exec = argc > 2 && strcmp(argv[2], "exec") == 0;
	char *const args[] = { "true", NULL };

	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		HYT_CHECK(pid >= 0);
		if (pid == 0) {
			if (exec)
				execv("/bin/true", args);
			_exit(exec ? 127 : 0);
		}
		HYT_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
			  WEXITSTATUS(status) == 0);
	}
	return 0;
}
