/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* misc.c: futex, getrandom, and ioctl (tty request on a non-tty, FIO* requests, an unknown _IOC). */
#include "hyt.h"
#include <fcntl.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <stdint.h>
#include <linux/futex.h>

int main(void)
{
	static int futex_word;
	struct termios tio;
	char buf[16], big[64];
	int p[2], n, fd;

	hyt_begin();

	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	syscall(SYS_futex, &futex_word, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
	futex_word = 1;
	syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);

	/* the bytes are random: the runner normalises the string, the count and flags stay */
	syscall(SYS_getrandom, buf, 8, GRND_NONBLOCK);
	syscall(SYS_getrandom, buf, 0, 0);
	syscall(SYS_getrandom, buf, 4, 0xff00);

	fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
	syscall(SYS_ioctl, fd, TCGETS, &tio);
	syscall(SYS_ioctl, fd, TIOCGWINSZ, big);
	syscall(SYS_pipe2, p, 0);
	syscall(SYS_write, p[1], "hello", 5);
	syscall(SYS_ioctl, p[0], FIONREAD, &n);
	n = 1;
	syscall(SYS_ioctl, p[0], FIONBIO, &n);
	n = 0;
	syscall(SYS_ioctl, p[0], FIONBIO, &n);
	syscall(SYS_ioctl, p[0], FIOCLEX);
	syscall(SYS_ioctl, p[0], FIONCLEX);
	syscall(SYS_ioctl, fd, _IOC(_IOC_READ, 0xfe, 0x42, 16), big);
	syscall(SYS_ioctl, fd, _IOC(_IOC_WRITE | _IOC_READ, 0xfe, 0x43, 8), big);
	syscall(SYS_ioctl, fd, _IOC(_IOC_NONE, 0xfe, 0x44, 0), 0);
	syscall(SYS_ioctl, 99, FIONREAD, &n);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_close, fd);

	hyt_end();
	return 0;
}
