/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * swarm.c: storms for the fault tests (tests/faults.sh).
 *   swarm threads N   N threads alive at once, each exits with exit(0) after the last is started
 *   swarm forks N     N children, each _exit(0)s at once; the parent reaps them all
 *   swarm execs N     N children, each execs "swarm exit" which exits 0; the parent reaps them
 *   swarm exit        exit 0 (the exec target)
 * Exits 0 when every thread or child did its part, 99 otherwise.
 */
#include "hyt.h"
#include <pthread.h>
#include <sys/wait.h>

static pthread_barrier_t barrier;

static void *worker(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&barrier);	/* all N alive at once */
	syscall(SYS_exit, 0);		/* the thread's own exit(0), not glibc's clean-up path */
	return NULL;
}

static int threads(long n)
{
	pthread_attr_t attr;
	pthread_t th;
	long i;

	HYT_CHECK(pthread_barrier_init(&barrier, NULL, n + 1) == 0);
	HYT_CHECK(pthread_attr_init(&attr) == 0);
	HYT_CHECK(pthread_attr_setstacksize(&attr, 64 * 1024) == 0);
	HYT_CHECK(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0);
	for (i = 0; i < n; i++)
		HYT_CHECK(pthread_create(&th, &attr, worker, NULL) == 0);
	pthread_barrier_wait(&barrier);
	/* exit_group would cut threads short: wait for the last one to be gone */
	for (;;) {
		char buf[64];
		FILE *f = fopen("/proc/self/status", "r");
		long left = -1;

		HYT_CHECK(f);
		while (fgets(buf, sizeof(buf), f))
			if (sscanf(buf, "Threads: %ld", &left) == 1)
				break;
		fclose(f);
		if (left == 1)
			return 0;
		usleep(10000);
	}
}

static int children(long n, char *self)
{
	long i, bad = 0;
	int status;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		HYT_CHECK(pid >= 0);
		if (pid == 0) {
			if (self)
				execl(self, "swarm", "exit", (char *)NULL);
			_exit(self ? 98 : 0);
		}
		HYT_CHECK(waitpid(pid, &status, 0) == pid);
		bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	return bad ? 99 : 0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 100;

	if (argc > 1 && strcmp(argv[1], "exit") == 0)
		return 0;
	if (argc > 1 && strcmp(argv[1], "threads") == 0)
		return threads(n);
	if (argc > 1 && strcmp(argv[1], "forks") == 0)
		return children(n, NULL);
	if (argc > 1 && strcmp(argv[1], "execs") == 0)
		return children(n, argv[0]);
	fprintf(stderr, "usage: swarm threads|forks|execs N | exit\n");
	return 2;
}
