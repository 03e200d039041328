/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * intr.c: target for -I (Ctrl-C under the seccomp filter): writes its pid to argv[1], then opens
 * /dev/null every 20 ms until a SIGINT comes and 12 times after it, and writes to argv[2]
 * "sigint=N opens=N enosys=N failed=N".  Exit status 0 when every open worked, 1 when one failed,
 * 98 when no SIGINT came within 15 s.  Both files are opened first: a detached tracee under the
 * filter cannot open anything.
 */
#include "hyt.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>

static volatile sig_atomic_t sigints;

static void on_int(int sig)
{
	(void)sig;
	sigints++;
}

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 20000000 };
	int pidfd, resfd, opens = 0, enosys = 0, failed = 0, after = -1;
	char buf[128];
	int n;

	HYT_CHECK(argc == 3);
	pidfd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	resfd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	HYT_CHECK(pidfd >= 0 && resfd >= 0);
	HYT_CHECK(signal(SIGINT, on_int) != SIG_ERR);
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	HYT_CHECK(write(pidfd, buf, n) == n);
	close(pidfd);
	for (int i = 0; i < 750 && after != 0; i++) {
		int fd = open("/dev/null", O_RDONLY);

		opens++;
		if (fd < 0) {
			failed++;
			enosys += errno == ENOSYS;
		} else {
			close(fd);
		}
		if (sigints && after < 0)
			after = 12;
		if (after > 0)
			after--;
		nanosleep(&ts, NULL);
	}
	n = snprintf(buf, sizeof(buf), "sigint=%d opens=%d enosys=%d failed=%d\n", (int)sigints,
		     opens, enosys, failed);
	HYT_CHECK(write(resfd, buf, n) == n);
	close(resfd);
	if (!sigints)
		return 98;
	return failed ? 1 : 0;
}
