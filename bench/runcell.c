// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * runcell: run one benchmark cell and report its wall time, exit status and peak RSS.
 *
 *   runcell [-t SECONDS] [-p PIDFILE] -r RESULTFILE -- COMMAND [ARGS...]
 *
 * Writes "WALL_S STATUS MAXRSS_KB" to RESULTFILE.  WALL_S covers fork to reap of the whole
 * command (the tracer, which itself waits for the workload).  STATUS is the exit code,
 * 128+N for death by signal N, or 124 when the time limit hit.  MAXRSS_KB comes from
 * wait4()'s rusage: the largest RSS among the command and the descendants it waited for,
 * so for a tracer it is max(tracer, workload) -- the untraced row gives the workload's own.
 * The command runs in its own process group; on timeout the group gets SIGTERM, then
 * SIGKILL 5 s later, and any stragglers in the group are killed after it is reaped.
 * Exists instead of /usr/bin/time because that reports wall time only to 10 ms.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms, stop;

static void on_alarm(int sig)
{
	alarms++;
}

/* The harness is being stopped (Ctrl-C, kill): take the command's process group down too. */
static void on_stop(int sig)
{
	stop = sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *result = NULL, *pidfile = NULL;
	struct sigaction sa = { .sa_handler = on_alarm };
	unsigned timeout = 0;
	struct rusage ru;
	int opt, status, code;
	double t0, t1;
	pid_t pid;
	FILE *f;

	while ((opt = getopt(argc, argv, "+t:p:r:")) != -1) {
		switch (opt) {
		case 't': timeout = (unsigned)atoi(optarg); break;
		case 'p': pidfile = optarg; break;
		case 'r': result = optarg; break;
		default: goto usage;
		}
	}
	if (!result || optind >= argc)
		goto usage;

	/* orphans of a killed tracer (its tracees) come to us to be reaped, not to pid 1 */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: wait4 returns EINTR */
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("runcell: fork");
		return 1;
	}
	if (pid == 0) {
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		setpgid(0, 0);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "runcell: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	if (pidfile && (f = fopen(pidfile, "w"))) {
		fprintf(f, "%d\n", pid);
		fclose(f);
	}
	if (timeout)
		alarm(timeout);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("runcell: wait4");
			return 1;
		}
		if (stop) {
			kill(-pid, SIGKILL);
		} else if (alarms == 1) {
			kill(-pid, SIGTERM);
			alarm(5);
		} else if (alarms >= 2) {
			kill(-pid, SIGKILL);
		}
	}
	t1 = now();
	alarm(0);
	kill(-pid, SIGKILL); /* stragglers left in the group, if any */
	for (int i = 0; i < 100; i++) { /* reap them, for at most 1 s */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (errno == ECHILD)
			break;
		usleep(10000);
	}
	if (stop)
		return 128 + stop;

	if (alarms)
		code = 124;
	else if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else
		code = 128 + WTERMSIG(status);
	f = fopen(result, "w");
	if (!f) {
		perror("runcell: result file");
		return 1;
	}
	fprintf(f, "%.6f %d %ld\n", t1 - t0, code, ru.ru_maxrss);
	fclose(f);
	return 0;
usage:
	fprintf(stderr, "usage: runcell [-t SECONDS] [-p PIDFILE] -r RESULTFILE -- COMMAND [ARGS...]\n");
	return 2;
}
