/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* iouring.c: io_uring_setup, io_uring_enter and io_uring_register on rings that cannot be set up
 * (the fields a successful setup returns depend on the kernel: the calls here fail the same way);
 * io_uring_register with each structured opcode, arrays cut by an unmapped page, fds for -y. */
#include "hyt.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <linux/io_uring.h>

/* the structured arguments of io_uring_register (include/uapi/linux/io_uring.h, Linux 6.1) */
static void structured(void)
{
	char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[3] = { 0, -2, -3 };
	uint64_t tags[2] = { 0x1, 0xfeed };
	struct iovec iov[2] = { { (void *)0x1000, 16 }, { NULL, 0 } };
	struct io_uring_files_update fu = { .offset = 1, .fds = (uintptr_t)fds };
	struct io_uring_rsrc_register rr = { .nr = 2, .flags = IORING_RSRC_REGISTER_SPARSE,
					     .data = (uintptr_t)fds, .tags = (uintptr_t)tags };
	struct io_uring_rsrc_update2 ru = { .offset = 3, .data = (uintptr_t)iov, .nr = 2 };
	struct { struct io_uring_rsrc_register r; uint64_t extra; } rx = { rr, 0xab };
	struct io_uring_restriction res[3] = {
		{ .opcode = IORING_RESTRICTION_REGISTER_OP, .register_op = IORING_REGISTER_PROBE },
		{ .opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED, .sqe_flags = IOSQE_ASYNC | 0x80 },
		{ .opcode = 7, .sqe_op = 0x12, .resv = 1 },
	};
	struct { struct io_uring_probe p; struct io_uring_probe_op ops[2]; } pr = {
		.p = { .last_op = IORING_OP_READV, .ops_len = 2 },
		.ops = { { .op = IORING_OP_NOP, .flags = IO_URING_OP_SUPPORTED }, { .op = 200 } } };
	struct { struct io_uring_probe p; struct io_uring_probe_op ops[1]; } pz = { 0 };
	struct io_uring_rsrc_update rf[2] = { { .offset = -1, .data = 0 }, { .offset = 5, .resv = 2 } };
	struct io_uring_buf_reg br = { .ring_addr = 0x1000, .ring_entries = 8, .bgid = 3 };
	uint32_t workers[2] = { 4, 8 };
	uint8_t cpus[1] = { 0x05 };

	if (pg == MAP_FAILED)
		return;
	munmap(pg + 4096, 4096);
	/* three fds at the end of the mapped page: the fourth cannot be read */
	int *tail = (int *)(pg + 4096 - 12);

	tail[0] = 0;
	tail[1] = 0;	/* not 1: the runs print to different files */
	tail[2] = -1;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES, tail, 4);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES, pg + 4096, 1);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES_UPDATE, &fu, 3);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_PROBE, &pr, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_PROBE, &pz, 1);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_RESTRICTIONS, res, 3);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES2, &rr, sizeof(rr));
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES2, &rx, sizeof(rx));
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES2, &rr, 16);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS_UPDATE, &ru, sizeof(ru));
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_IOWQ_AFF, cpus, 1);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_RING_FDS, rf, 2);
	syscall(SYS_io_uring_register, -1, IORING_UNREGISTER_RING_FDS, rf, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_PBUF_RING, &br, 1);
	munmap(pg, 4096);
}

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
	structured();
	hyt_end();
	return 0;
}
