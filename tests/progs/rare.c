/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rare.c: readahead, process_madvise, process_mrelease, memfd_secret, kcmp, fanotify_init/mark,
 * landlock, futex_waitv. */
#include "hyt.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <sys/fanotify.h>
#include <linux/kcmp.h>
#include <linux/landlock.h>
#include <linux/futex.h>
#include <stdint.h>
#include <time.h>

/* struct landlock_path_beneath_attr (packed) */
struct pb { uint64_t acc; int32_t fd; } __attribute__((packed));
int main(void)
{
	struct iovec iov[2] = { { (void *)0x1000, 4096 }, { (void *)0x3000, 8192 } };
	struct kcmp_epoll_slot slot = { 3, 4, 5 };
	uint64_t attr[3] = { LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_DIR, 0, 0 };
	struct pb pb = { LANDLOCK_ACCESS_FS_READ_FILE | (1ULL << 40), 3 };
	static uint32_t fw[2] = { 1, 2 };
	struct futex_waitv w[2] = { { 5, (uintptr_t)&fw[0], FUTEX_32 | FUTEX_PRIVATE_FLAG, 0 },
				    { 6, (uintptr_t)&fw[1], 0x40, 7 } };
	struct timespec ts = { 0, 1000 };
	int pid = getpid(), fd, fan, lfd;
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
	syscall(SYS_landlock_create_ruleset, attr, 8, LANDLOCK_CREATE_RULESET_VERSION);
	lfd = syscall(SYS_landlock_create_ruleset, attr, 8, 0);
	syscall(SYS_landlock_create_ruleset, attr, 16, 0);
	syscall(SYS_landlock_create_ruleset, attr, 4, 0x10);
	syscall(SYS_landlock_add_rule, lfd, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	syscall(SYS_landlock_add_rule, lfd, 7, &pb, 1);
	syscall(SYS_landlock_restrict_self, -1, 0x20);
	syscall(SYS_close, lfd + 1);
	syscall(SYS_close, lfd);
	syscall(SYS_futex_waitv, w, 2, 0, &ts, CLOCK_MONOTONIC);
	syscall(SYS_futex_waitv, w, 1, 0, &ts, CLOCK_MONOTONIC);
	syscall(SYS_futex_waitv, NULL, 0, 1, NULL, 99);
	syscall(SYS_close, fd);
	hyt_end();
	return 0;
}
