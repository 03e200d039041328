// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rename.c: a process that renames itself into and out of a name, forks and execs, for the
 * -a --comm tests (tests/run.sh section g).  Each step ends with close(-N), a marker call
 * (EBADF) whose N says which step made it:
 *
 *   rename main MATCHED OTHER   MATCHED and OTHER: copies of this program; run as MATCHED
 *     close(-1)                 under its own name
 *     close(-2)                 after prctl(PR_SET_NAME, "hyt_out")
 *     close(-3)                 after writing its name back to /proc/self/task/TID/comm
 *     close(-4)                 after prctl(PR_SET_NAME, "hyt_out")
 *     close(-5)                 after prctl(PR_SET_NAME) back to its name
 *     close(-6)                 in a child forked now
 *     close(-7)                 in a child forked now that execs OTHER
 *     close(-8), close(-9)      after prctl "hyt_out": in a child forked then, which renames
 *                               itself back to the name before close(-9)
 *     close(-10)                still "hyt_out", after an exec of MATCHED
 *   rename after-exec N         close(-N)
 */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void mark(int n)
{
	close(-n);
}

static void setname(const char *name)
{
	if (prctl(PR_SET_NAME, name, 0, 0, 0) < 0)
		perror("prctl");
}

static void run_child(void (*fn)(char **), char **argv)
{
	pid_t p = fork();

	if (p < 0) {
		perror("fork");
		exit(1);
	}
	if (p == 0) {
		fn(argv);
		_exit(0);
	}
	waitpid(p, NULL, 0);
}

static void child6(char **argv)
{
	mark(6);
}

static void child7(char **argv)
{
	execl(argv[3], argv[3], "after-exec", "7", (char *)NULL);
	perror("execl");
}

static void child89(char **argv)
{
	mark(8);
	setname(basename(argv[2]));
	mark(9);
}

int main(int argc, char **argv)
{
	char name[32], path[64];
	int fd;

	if (argc == 3 && !strcmp(argv[1], "after-exec")) {
		mark(atoi(argv[2]));
		return 0;
	}
	if (argc != 4 || strcmp(argv[1], "main")) {
		fprintf(stderr, "usage: rename main MATCHED OTHER | rename after-exec N\n");
		return 2;
	}
	snprintf(name, sizeof(name), "%s", basename(argv[2]));
	mark(1);
	setname("hyt_out");
	mark(2);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", (long)syscall(SYS_gettid));
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, name, strlen(name)) < 0)
		perror(path);
	if (fd >= 0)
		close(fd);
	mark(3);
	setname("hyt_out");
	mark(4);
	setname(name);
	mark(5);
	run_child(child6, argv);
	run_child(child7, argv);
	setname("hyt_out");
	run_child(child89, argv);
	execl(argv[2], argv[2], "after-exec", "10", (char *)NULL);
	perror("execl");
	return 1;
}
