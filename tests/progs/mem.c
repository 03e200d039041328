/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mem.c: memory syscalls: mmap family, brk, msync, mlock family. */
#include "hyt.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	char *p, *q;
	int fd;

	unlink("hyt-m");
	hyt_begin();

	p = (char *)syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mprotect, p, 4096, PROT_READ);
	syscall(SYS_mprotect, p, 4096, PROT_NONE);
	syscall(SYS_mprotect, p, 4096, PROT_READ | PROT_WRITE);
	syscall(SYS_madvise, p, 8192, MADV_DONTNEED);
	q = (char *)syscall(SYS_mremap, p, 8192, 16384, MREMAP_MAYMOVE);
	syscall(SYS_munmap, q, 16384);
	syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, 99, 0);
	syscall(SYS_munmap, 1, 4096);
	fd = syscall(SYS_openat, AT_FDCWD, "hyt-m", O_RDWR | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_ftruncate, fd, 4096);
	p = (char *)syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p[0] = 'x';
	syscall(SYS_msync, p, 4096, MS_SYNC);
	syscall(SYS_msync, p, 4096, MS_ASYNC | MS_INVALIDATE);
	syscall(SYS_mlock, p, 4096);
	syscall(SYS_munlock, p, 4096);
	syscall(SYS_mlockall, MCL_FUTURE);
	syscall(SYS_munlockall);
	syscall(SYS_madvise, p, 4096, MADV_WILLNEED);
	syscall(SYS_munmap, p, 4096);
	syscall(SYS_close, fd);
	syscall(SYS_brk, NULL);
	syscall(SYS_unlink, "hyt-m");

	hyt_end();
	return 0;
}
