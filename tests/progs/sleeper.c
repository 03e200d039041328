/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sleeper.c: target for -p: writes its pid to stdout (and to the file named by argv[1], if any),
 * then loops on nanosleep() and a write() until killed.
 */
#include "hyt.h"
#include <fcntl.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 50000000 };
	char buf[32];
	int n, fd;

	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (argc > 1) {
		fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		HYT_CHECK(fd >= 0);
		HYT_CHECK(write(fd, buf, n) == n);
		close(fd);
	}
	HYT_CHECK(write(1, buf, n) == n);
	for (;;) {
		nanosleep(&ts, NULL);
		syscall(SYS_write, 1, "tick\n", 5);
	}
}
