/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rare.c: readahead, process_madvise, process_mrelease, memfd_secret, kcmp, fanotify_init/mark. */
#include "hyt.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <sys/fanotify.h>
#include <linux/kcmp.h>
int main(void)
{
	struct iovec iov[2] = { { (void *)0x1000, 4096 }, { (void *)0x3000, 8192 } };
	struct kcmp_epoll_slot slot = { 3, 4, 5 };
	int pid = getpid(), fd, fan;
	hyt_begin();
	fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
	syscall(SYS_readahead, fd, 0x12345678LL, 4096);
	syscall(SYS_readahead, -1, -1LL, 0);
	syscall(SYS_process_madvise, -1, iov, 2, MADV_COLD, 0);
	syscall(SYS_process_madvise, -1, NULL, 0, 0x77, 3);
	syscall(SYS_process_mrelease, -1, 0x10);
	syscall(SYS_memfd_secret, 0x80000 | 0x10);
	syscall(SYS_memfd_secret, 0x10);
	syscall(SYS_kcmp, pid, pid, KCMP_FILE, fd, fd);
	syscall(SYS_kcmp, pid, pid, KCMP_VM, 1, 2);
	syscall(SYS_kcmp, pid, pid, KCMP_EPOLL_TFD, fd, &slot);
	syscall(SYS_kcmp, pid, pid, 99, 1, 2);
	fan = syscall(SYS_fanotify_init, FAN_CLASS_CONTENT | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | 0100000);
	syscall(SYS_fanotify_init, 0x3 | 0x80000000, O_WRONLY);
	syscall(SYS_fanotify_mark, -1, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_OPEN | FAN_ONDIR, AT_FDCWD, "/hyt/x");
	syscall(SYS_fanotify_mark, -1, 0x8000, 0x1000000, -1, NULL);
	syscall(SYS_fanotify_mark, -1, FAN_MARK_FLUSH, 0, fd, "");
	syscall(SYS_close, fan);
	syscall(SYS_close, fd);
	hyt_end();
	return 0;
}
