/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sigs.c: the fates of a signal, as the backend comparison checks them (issue 15): handled,
 * ignored (by SIG_IGN and by default), fatal (sent to itself, and to a child blocked in a
 * read), a group stop and its SIGCONT.  SIGCHLD stays blocked until the end, so its one
 * delivery has a fixed place.
 */
#include "hyt.h"
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;

static void handler(int sig)
{
	got = sig;
}

/*
 * Wait without a syscall (the trace stays the same run to run) until the child said it is about
 * to block, then 20 ms more of the vDSO's clock for it to be inside its read.
 */
static void wait_blocked(volatile int *ready)
{
	struct timespec t0, t;

	while (!*ready)
		;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < 20000000L);
}

/* a child that blocks in a read of p[0]; *ready is set just before */
static pid_t blocked_child(int p[2], volatile int *ready)
{
	char c;
	pid_t pid;

	*ready = 0;
	HYT_CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		*ready = 1;
		syscall(SYS_read, p[0], &c, 1);
		syscall(SYS_exit_group, 0);
	}
	wait_blocked(ready);
	return pid;
}

int main(void)
{
	volatile int *ready = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	sigset_t chld;
	int st, p[2];
	pid_t pid;

	HYT_CHECK(ready != MAP_FAILED);
	signal(SIGTERM, SIG_DFL);	/* whatever the runner inherited */
	signal(SIGURG, SIG_DFL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	hyt_begin();
	sigprocmask(SIG_BLOCK, &chld, NULL);

	/* handled */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);

	/* ignored: by SIG_IGN, and by default (SIGURG) */
	signal(SIGUSR2, SIG_IGN);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGURG);

	/* fatal, sent to itself */
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		syscall(SYS_exit_group, 1);
	}
	wait4(pid, &st, 0, NULL);

	/* fatal, to a child blocked in a read */
	pid = blocked_child(p, ready);
	kill(pid, SIGTERM);
	wait4(pid, &st, 0, NULL);
	close(p[0]);
	close(p[1]);

	/* a group stop inside a read, continued; the read is restarted and ends */
	pid = blocked_child(p, ready);
	kill(pid, SIGSTOP);
	wait4(pid, &st, WUNTRACED, NULL);
	kill(pid, SIGCONT);
	write(p[1], "x", 1);
	wait4(pid, &st, 0, NULL);
	close(p[0]);
	close(p[1]);

	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	hyt_end();
	return got == SIGUSR1 ? 0 : 1;
}
