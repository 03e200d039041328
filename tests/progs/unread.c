/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unread.c: strings, buffers, structs and arrays that end at or cross into a PROT_NONE page:
 * strace prints what it can read whole, else the address (or "... / * addr * /" in arrays). */
#include "hyt.h"
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <sys/mman.h>
#include <stdint.h>
#include <sys/uio.h>

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	HYT_CHECK(m != MAP_FAILED);
	char *end = m + pg;

	HYT_CHECK(mprotect(end, pg, PROT_NONE) == 0);
	memset(m, 'x', pg);
	/* writes go to /dev/null: it reads nothing, so the calls succeed whatever the buffer */
	int null = open("/dev/null", O_WRONLY);

	HYT_CHECK(null >= 0);
	hyt_begin();

	/* strings: no NUL before the unreadable page; the NUL as the page's last byte; the empty
	 * string there; the first byte unreadable */
	memcpy(end - 2, "ab", 2);
	syscall(SYS_chdir, end - 2);
	memcpy(end - 3, "ab", 3);
	syscall(SYS_chdir, end - 3);
	end[-1] = 0;
	syscall(SYS_chdir, end - 1);
	syscall(SYS_chdir, end);
	/* a path of 100 bytes running into the page; a string cut at -s before it (readable) */
	memset(end - 100, 'y', 100);
	syscall(SYS_openat, AT_FDCWD, end - 100, O_RDONLY);
	syscall(SYS_open, end - 2, O_RDONLY);
	/* buffers: -s bytes readable, and 10 of 20 */
	syscall(SYS_write, null, end - 100, 100);
	syscall(SYS_write, null, end - 10, 20);
	/* a struct straddling the boundary */
	struct timespec *ts = (struct timespec *)(end - 8);

	syscall(SYS_nanosleep, ts, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, ts, NULL);
	/* arrays whose second element is unreadable */
	struct pollfd *pf = (struct pollfd *)(end - sizeof(*pf));

	pf->fd = 0;
	pf->events = POLLIN;
	syscall(SYS_poll, pf, 2, 0);
	struct iovec *iov = (struct iovec *)(end - sizeof(*iov));

	iov->iov_base = "hi";
	iov->iov_len = 2;
	syscall(SYS_writev, null, iov, 2);
	char **argv = (char **)(end - sizeof(char *));

	argv[0] = "x";
	syscall(SYS_execve, "/nonexistent", argv, NULL);
	/* an output array that cannot be written */
	syscall(SYS_pipe2, end - 4, 0);

	/* openat2's open_how past its 24 bytes (strace's print_nonzero_bytes): zero bytes say
	 * nothing, non-zero ones are shown in hex, unreadable ones as ??? */
	{
		static const char path[] = "/nonexistent-openat2";
		uint64_t *how = (uint64_t *)(end - 32);

		memset(how, 0, 32);
		how[0] = O_RDONLY | O_EXCL;
		syscall(SYS_openat2, -1, path, how, 32);
		memset(how + 3, 0x81, 8);
		syscall(SYS_openat2, -1, path, how, 32);
		how = (uint64_t *)(end - 24);
		memset(how, 0, 24);
		syscall(SYS_openat2, -1, path, how, 32);
	}
	hyt_end();
	return 0;
}
