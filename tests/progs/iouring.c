/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* iouring.c: io_uring_setup, io_uring_enter and io_uring_register on rings that cannot be set up
 * (the fields a successful setup returns depend on the kernel: the calls here fail the same way). */
#include "hyt.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/uio.h>
#include <linux/io_uring.h>

int main(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_IOPOLL | IORING_SETUP_CQSIZE,
				     .sq_thread_cpu = 1, .sq_thread_idle = 10, .cq_entries = 8 };
	struct io_uring_params q = { .flags = IORING_SETUP_ATTACH_WQ | 0x80000000, .wq_fd = 0,
				     .resv = { 0, 3, 0 } };
	struct iovec iov[2] = { { (void *)0x1000, 4096 }, { (void *)0x3000, 8192 } };
	int fds[2] = { 0, -1 };
	uint64_t set = 1 << (SIGUSR1 - 1);

	hyt_begin();
	syscall(SYS_io_uring_setup, 0, &p);
	syscall(SYS_io_uring_setup, 1, &q);
	syscall(SYS_io_uring_setup, 1, NULL);
	syscall(SYS_io_uring_enter, -1, 1, 2, IORING_ENTER_GETEVENTS | IORING_ENTER_SQ_WAKEUP, NULL, 0);
	syscall(SYS_io_uring_enter, -1, 0, 0, 0x100, &set, 8);
	syscall(SYS_io_uring_enter, -1, 0, 0, 0, &set, 16);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS, iov, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES, fds, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_EVENTFD, fds, 1);
	syscall(SYS_io_uring_register, -1, IORING_UNREGISTER_BUFFERS, NULL, 0);
	syscall(SYS_io_uring_register, -1, 0xdead, (void *)0x10, 3);
	hyt_end();
	return 0;
}
